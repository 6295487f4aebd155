import { GateError } from '../core/errors.js'

/**
 * The vulnerability database could not be asked, or answered what cannot be used. The message completes "could not
 * check vulnerabilities: …": the host, then what went wrong (never a body as sent, never a stack). The images that
 * needed the answer fail closed (docs/architecture.md, "Errors").
 */
export class OsvError extends GateError {
  /** The database's host (`api.osv.dev`). */
  readonly host: string
  constructor(host: string, message: string, options?: ErrorOptions) {
    super('osv', `${host}: ${message}`, options)
    this.host = host
  }
}

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g

/** Text the database chose (an error message), made one short line: control characters out, at most `max` characters. */
export function sanitize(text: string, max = 200): string {
  const line = text.replace(UNPRINTABLE, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}
