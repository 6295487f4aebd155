import type { Logger } from '../core/logger.js'
import { RegistryError } from './errors.js'
import type { HttpRequest, HttpResponse } from './types.js'

/**
 * Redirects are followed by hand, hop by hop: Authorization goes only to the origin it was meant for, a form body
 * nowhere else, every URL of the chain passes the request's guard, and HTTPS never leads to plain HTTP.
 */

const MAX_REDIRECTS = 10
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** One hop of a chain: the request sent to `url` with `headers`, its retries included. */
export type Hop = (url: URL, headers: Record<string, string>) => Promise<HttpResponse>

/** Sends `req` from `start`, following its redirects: the first answer that is not a redirect ends the chain. */
export async function followRedirects(
  req: HttpRequest,
  start: URL,
  label: string,
  logger: Logger,
  send: Hop
): Promise<HttpResponse> {
  const authOrigin = req.authOrigin ?? start.origin
  let url = start
  for (let hop = 0; ; hop++) {
    const headers = headersFor(req, url, authOrigin)
    if (req.guard) await req.guard(url)
    const res = await send(url, headers)
    if (!REDIRECT_STATUSES.has(res.status)) return res
    const location = res.headers.location
    if (!location) return res
    if (hop >= MAX_REDIRECTS) {
      throw new RegistryError('redirect', `${label}: more than ${MAX_REDIRECTS} redirects for ${start.pathname}`, {
        host: label
      })
    }
    const next = redirectTarget(req, url, location, authOrigin, label)
    logger.debug(`${req.method} ${url.host}${url.pathname} → ${res.status} redirect to ${next.host}${next.pathname}`)
    url = next
  }
}

/** The request's headers as sent to `url`: without Authorization on any origin but the one it belongs to. */
function headersFor(req: HttpRequest, url: URL, authOrigin: string): Record<string, string> {
  const headers: Record<string, string> = { ...(req.headers ?? {}) }
  if (url.origin !== authOrigin) {
    for (const h of Object.keys(headers)) if (h.toLowerCase() === 'authorization') delete headers[h]
  }
  return headers
}

/** Where a redirect from `url` to `location` goes, or the error that refuses it. */
function redirectTarget(req: HttpRequest, url: URL, location: string, authOrigin: string, label: string): URL {
  let next: URL
  try {
    next = new URL(location, url)
  } catch {
    throw new RegistryError('redirect', `${label}: redirect to an invalid location`, { host: label })
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new RegistryError('redirect', `${label}: redirect to a ${next.protocol} URL refused`, { host: label })
  }
  if (url.protocol === 'https:' && next.protocol === 'http:') {
    throw new RegistryError('redirect', `${label}: redirect from HTTPS to plain HTTP (${next.host}) refused`, {
      host: label
    })
  }
  if (req.body !== undefined && next.origin !== authOrigin) {
    // A form body carries credentials (a refresh token): it goes to the origin it was meant for, nowhere else.
    throw new RegistryError(
      'redirect',
      `${label}: a ${req.method} redirected to another origin (${next.host}) is not sent there`,
      { host: label }
    )
  }
  return next
}
