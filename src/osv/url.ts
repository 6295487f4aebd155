/**
 * The database's address as the `vulnerability-db` input gives it, checked before any request (and without the
 * client's libraries, so that reading inputs stays light). See docs/architecture.md.
 */
import { GateError } from '../core/errors.js'
import { isLoopback, normalizeRegistryName } from '../core/reference.js'
import { sanitize } from './errors.js'

/**
 * The `vulnerability-db` input: an https URL, or http for a loopback host or one `insecure-registries` lists; no
 * credentials, query or fragment. Returned without a trailing slash; throws an `input` GateError naming the input.
 */
export function parseDatabaseUrl(value: string, insecure: Iterable<string> = []): string {
  const v = value.trim()
  const wrong = (why: string, shown = v): GateError =>
    new GateError(
      'input',
      `vulnerability-db: "${shown}" ${why}; expected the URL of an OSV API such as https://api.osv.dev`
    )
  let url: URL
  try {
    url = new URL(v)
  } catch {
    throw wrong('is not a URL', sanitize(v, 200))
  }
  if (url.username || url.password) {
    // Never repeated: the value holds a secret.
    throw wrong('carries credentials in the URL, which the gate does not send', `${url.protocol}//…@${url.host}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw wrong(`is not https:// (it is ${url.protocol})`)
  if (url.search || url.hash) throw wrong('has a query or a fragment')
  if (url.protocol === 'http:') {
    const allowed = new Set([...insecure].map(h => normalizeRegistryName(h)))
    const host = normalizeRegistryName(url.host)
    if (!isLoopback(url.host) && !allowed.has(host) && !allowed.has(url.hostname.toLowerCase()))
      throw wrong('is plain http://, allowed only for a loopback host or one insecure-registries lists')
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}
