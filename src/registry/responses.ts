import * as http from 'node:http'
import { parseManifest } from '../oci/manifest.js'
import { RegistryError, fromManifestError, registryErrorCodes } from './errors.js'
import type { HttpResponse, Repo } from './types.js'

/** Reading a registry's answers: its headers, its statuses as errors, its manifests as its faults. */

/** Statuses a front answers when the request's headers are too large (nginx: 400 "Request Header Or Cookie Too Large"). */
const HEADER_REFUSALS = new Set([400, 413, 431])

/**
 * A front refused the request's headers as too large: 413 and 431 say so; a 400 only when its body does (nginx's
 * "Request Header Or Cookie Too Large"), since registries answer 400 for much else (no referrers API, a bad name).
 * A HEAD has no body to tell, so any 400 to a HEAD counts.
 */
export function headersRefused(res: HttpResponse, method: 'GET' | 'HEAD'): boolean {
  if (!HEADER_REFUSALS.has(res.status)) return false
  return (
    res.status !== 400 ||
    method === 'HEAD' ||
    /(header|cookie).{0,40}too (large|long)/i.test(res.body.toString('latin1'))
  )
}

export function statusText(status: number): string {
  return `${status} ${http.STATUS_CODES[status] ?? ''}`.trim()
}

export function headerValue(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v
  return s === undefined || s === '' ? undefined : s.trim()
}

/** A manifest a registry sent, parsed; one that is not valid or not supported is a fault of that registry. */
export function parseFrom(host: string, ...args: Parameters<typeof parseManifest>): ReturnType<typeof parseManifest> {
  try {
    return parseManifest(...args)
  } catch (e) {
    throw fromManifestError(e, host)
  }
}

export function statusError(res: HttpResponse, repo: Repo, what: string): RegistryError {
  const { codes, message } = registryErrorCodes(res.body)
  const host = repo.registry
  const detail = `${statusText(res.status)}${codes.length > 0 ? ` ${codes.join(', ')}` : ''}${message ? `: ${message}` : ''}`
  const where = `${host}/${repo.repository}`
  switch (res.status) {
    case 404:
      return new RegistryError('not-found', `${where}: ${what} not found (${detail})`, { host, status: 404, codes })
    case 403:
      return new RegistryError('denied', `${where}: access to ${what} denied (${detail})`, { host, status: 403, codes })
    case 429:
      return new RegistryError(
        'rate-limited',
        `${where}: rate limited fetching ${what} (${detail}); retries exhausted`,
        { host, status: 429, codes }
      )
    default:
      if (headersRefused(res, 'GET')) {
        return new RegistryError(
          'server',
          `${where}: ${what}: the registry (or the proxy in front of it) refused the request's headers as too large (${statusText(res.status)})`,
          {
            host,
            status: res.status,
            codes
          }
        )
      }
      return new RegistryError(
        'server',
        `${where}: ${what}: the registry answered ${detail}${res.status >= 500 ? '; retries exhausted' : ''}`,
        {
          host,
          status: res.status,
          codes
        }
      )
  }
}
