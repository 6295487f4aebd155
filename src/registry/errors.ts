import { GateError } from '../core/errors.js'
import { ManifestError } from '../oci/manifest.js'
/**
 * What went wrong, in terms a user can act on. `kind` drives retries and wording; `host` names the registry
 * (or token server) that answered; `codes` are the registry's own error codes (MANIFEST_UNKNOWN, DENIED, …).
 */
export type ErrorKind =
  | 'reference' // the reference itself is malformed
  | 'not-found' // manifest, blob or repository unknown
  | 'auth' // credentials refused, or none accepted
  | 'denied' // authenticated but not allowed
  | 'integrity' // bytes do not match their digest, header or descriptor
  | 'unsupported' // schema 1, unknown media types
  | 'invalid' // a document that is not what it claims (ambiguous, truncated, wrong Content-Type)
  | 'too-large' // a body over its limit
  | 'unreachable' // connection refused, reset, name not resolved
  | 'timeout' // no answer in time
  | 'tls' // TLS handshake or certificate failure
  | 'rate-limited' // 429 beyond the retry budget
  | 'server' // 5xx beyond the retry budget, or another unexpected status
  | 'redirect' // a refused or looping redirect
  | 'insecure' // plain HTTP where HTTPS is required
  | 'credentials' // a credential source that failed (helper missing, config unreadable)

export class RegistryError extends GateError {
  readonly kind: ErrorKind
  readonly host: string | undefined
  readonly status: number | undefined
  readonly codes: string[]

  constructor(
    kind: ErrorKind,
    message: string,
    opts: { host?: string; status?: number; codes?: string[]; cause?: unknown } = {}
  ) {
    super('registry', message, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.kind = kind
    this.host = opts.host
    this.status = opts.status
    this.codes = opts.codes ?? []
  }
}

/** Errors the distribution API returns: `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"…"}]}`. */
export function registryErrorCodes(body: Buffer | undefined): { codes: string[]; message: string | undefined } {
  if (!body || body.length === 0) return { codes: [], message: undefined }
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: Array<{ code?: unknown; message?: unknown }> }
    const errors = Array.isArray(parsed.errors) ? parsed.errors : []
    const codes = errors.map(e => (typeof e.code === 'string' ? e.code : '')).filter(c => c !== '')
    const messages = errors.map(e => (typeof e.message === 'string' ? e.message : '')).filter(m => m !== '')
    return { codes, message: messages.length > 0 ? messages.join('; ').slice(0, 300) : undefined }
  } catch {
    return { codes: [], message: undefined }
  }
}

/** A manifest or config the registry sent that is not valid or not supported, as a fault of that registry. */
export function fromManifestError(e: unknown, host?: string): unknown {
  return e instanceof ManifestError ? new RegistryError(e.kind, e.message, host === undefined ? {} : { host }) : e
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}

/** The reason an aborted signal was aborted with (an Error), or undefined while it is not aborted. */
export function aborted(signal: AbortSignal | undefined): Error | undefined {
  if (!signal?.aborted) return undefined
  const reason: unknown = signal.reason
  return reason instanceof Error ? reason : new Error(String(reason))
}
