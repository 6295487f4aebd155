/**
 * The one base of every error the gate raises itself. Its `code` says what kind of failure it is, and the engine
 * and the command line decide on it: bad input (`input`, `policy`, `usage`, `source`) stops the run before any
 * request and is exit 2 on the command line; the rest end as findings about an image or a file. See
 * docs/architecture.md, "Errors".
 */
export type ErrorCode =
  /** An input or a flag: its name, its value and what would be right. */
  | 'input'
  /** The policy file: every problem, each at its line. */
  | 'policy'
  /** The command line itself. */
  | 'usage'
  /** A trusted source (`base:`, `github:`) that cannot be read. */
  | 'source'
  /** A registry fault, with a kind and a host. */
  | 'registry'
  /** A manifest, index or config that is not valid or not supported. */
  | 'manifest'
  /** An image reference that does not parse. */
  | 'reference'
  /** A public key that cannot be used. */
  | 'key'
  /** A Sigstore trusted root that cannot be used. */
  | 'trusted-root'
  /** A glob past its bounds. */
  | 'glob'
  /** A file `files` names, past a bound or not readable as its kind. */
  | 'file'
  /** A pull request that changes more files than the GitHub API lists. */
  | 'too-many-files'
  /** The vulnerability database (an OSV API) that cannot be asked or answers what cannot be used. */
  | 'osv'

export class GateError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

/** Errors that are bad input: they stop the run before any request (exit 2 on the command line). */
export function isInputError(e: unknown): e is GateError {
  return (
    e instanceof GateError && (e.code === 'input' || e.code === 'policy' || e.code === 'usage' || e.code === 'source')
  )
}
