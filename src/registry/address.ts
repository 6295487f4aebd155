import type { LookupAddress, LookupOptions } from 'node:dns'
import { lookup as dnsLookupCallback } from 'node:dns'
import { lookup as dnsLookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import { RegistryError } from './errors.js'

/**
 * Addresses neither a registry nor a token realm may be: link-local (cloud metadata services live there: 169.254.169.254,
 * fd00:ec2::254 is AWS's IPv6 one), unspecified (0.0.0.0 and :: reach the local host), and the other metadata
 * endpoints clouds use. Loopback and private ranges stay allowed: self-hosted registries and their token servers
 * live there.
 */
const FORBIDDEN = new BlockList()
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4') // link-local, metadata
FORBIDDEN.addSubnet('0.0.0.0', 8, 'ipv4') // "this network", 0.0.0.0 included
FORBIDDEN.addAddress('100.100.100.200', 'ipv4') // Alibaba Cloud metadata
FORBIDDEN.addAddress('168.63.129.16', 'ipv4') // Azure wire server
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6') // link-local
FORBIDDEN.addAddress('::', 'ipv6') // unspecified
FORBIDDEN.addAddress('fd00:ec2::254', 'ipv6') // AWS metadata over IPv6

/** Why an IP address may not be a registry or a token realm, or undefined. IPv4-mapped IPv6 addresses are judged as IPv4. */
export function forbiddenAddress(address: string): string | undefined {
  let a = address.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)
  if (mapped) a = mapped[1]!
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a)
  if (hex) {
    const hi = parseInt(hex[1]!, 16)
    const lo = parseInt(hex[2]!, 16)
    a = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
  }
  const family = isIP(a)
  if (family === 0) return undefined
  if (!FORBIDDEN.check(a, family === 4 ? 'ipv4' : 'ipv6')) return undefined
  if (family === 4 ? a.startsWith('169.254.') : /^fe[89ab]/.test(a))
    return 'a link-local address (where cloud metadata services answer)'
  if (a === '0.0.0.0' || a.startsWith('0.') || a === '::') return 'an unspecified address'
  return 'a cloud metadata address'
}

/**
 * Refuses a registry URL (the first request, or a redirect of one) whose host is a forbidden literal address: an
 * image reference a pull request chose must not reach a metadata service. Names are checked when the socket connects
 * (`guardedLookup`), so a name that resolves there is refused too, with no extra lookup per request.
 */
export function checkRegistryHost(url: URL, registry: string): void {
  const why = forbiddenAddress(url.hostname)
  if (why === undefined) return
  throw new RegistryError('unreachable', `${registry}: address ${url.hostname} is ${why}: refused, not contacted`, {
    host: registry
  })
}

export type Resolver = (host: string) => Promise<Array<{ address: string }>>

const systemResolver: Resolver = host => dnsLookup(host, { all: true, verbatim: true })

/**
 * Refuses a token realm URL (or a redirect of it) whose host is, or resolves to, a forbidden address: credentials
 * and the registry's trust must not be sent to a metadata service. Every address the name resolves to is checked.
 * A name that does not resolve is left to the request, which then fails with its own clear error.
 */
export async function checkRealmHost(url: URL, registry: string, resolve: Resolver = systemResolver): Promise<void> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const refuse = (address: string, why: string): RegistryError =>
    new RegistryError(
      'auth',
      `${registry}: token realm ${url.host}${address !== host ? ` (${address})` : ''} is ${why}: refused, credentials are never sent there`,
      { host: registry }
    )
  if (isIP(host) !== 0) {
    const why = forbiddenAddress(host)
    if (why) throw refuse(host, why)
    return
  }
  let addresses: Array<{ address: string }>
  try {
    addresses = await resolve(host)
  } catch {
    return
  }
  for (const { address } of addresses) {
    const why = forbiddenAddress(address)
    if (why) throw refuse(address, why)
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void
type AllLookup = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void
) => void

/**
 * A `lookup` for the connections of a token request: the name is resolved again when the socket connects, and an
 * answer with a forbidden address fails the connection. The check before the request and this one together leave no
 * window for a name that resolves to a public address first and to a metadata address next (DNS rebinding).
 */
export function guardedLookupWith(
  resolve: AllLookup
): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '')
      const bad = addresses.find(a => forbiddenAddress(a.address) !== undefined)
      if (bad) {
        const e: NodeJS.ErrnoException = new Error(
          `${hostname} resolved to ${bad.address}, ${forbiddenAddress(bad.address)}: refused`
        )
        e.code = 'EFORBIDDENADDRESS'
        return callback(e, '')
      }
      if (options.all) return callback(null, addresses)
      const first = addresses[0]
      if (!first) return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), '')
      callback(null, first.address, first.family)
    })
  }
}

export const guardedLookup = guardedLookupWith((hostname, options, callback) =>
  dnsLookupCallback(hostname, options, callback)
)
