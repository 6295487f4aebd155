import { createSecureContext, getCACertificates, type SecureContext } from 'node:tls'
import { X509Certificate } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { RegistryError } from './errors.js'
import { isLoopback } from '../core/reference.js'

/**
 * TLS as docker and podman configure it. For each `host[:port]` they read a directory of files: `*.crt` are CA
 * certificates trusted for that host on top of the system's (and `NODE_EXTRA_CA_CERTS`), a `*.cert` with the `*.key`
 * of the same name is a client certificate presented to it (mTLS). An insecure registry (listed, or loopback) is
 * spoken to over HTTPS without verifying its certificate, as Docker does; its client certificate is still presented.
 */

/** Where docker and podman look, in this order. `IMAGE_GATE_CERTS_DIRS` (a path list) replaces them. */
export const DEFAULT_CERTS_DIRS = ['/etc/docker/certs.d', '/etc/containers/certs.d']
/** A certificate or key file is read up to this size; a larger one is refused. */
export const CERT_FILE_LIMIT = 1 << 20
/** Files looked at per host directory, at most. */
const MAX_FILES = 64

export function certsDirsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const v = env.IMAGE_GATE_CERTS_DIRS
  if (v === undefined) return DEFAULT_CERTS_DIRS
  return v
    .split(delimiter)
    .map(d => d.trim())
    .filter(d => d !== '')
}

/** How one origin is spoken to: handed to the agent of that origin. */
export interface TlsSettings {
  /** False for an insecure registry: its certificate is not verified. */
  rejectUnauthorized: boolean
  /** Set when the host has CA certificates or a client certificate of its own. */
  secureContext: SecureContext | undefined
  /** The files it came from, for messages. */
  caFiles: string[]
  clientCert: string | undefined
}

export interface TlsConfigOptions {
  /** Directories holding `<host[:port]>/` directories. Default: docker's and podman's. */
  certsDirs?: string[]
  /** Registries (`host[:port]`, normalized) listed insecure. Loopback hosts are insecure too. */
  insecure?: Iterable<string>
}

export class TlsConfig {
  readonly certsDirs: string[]
  private readonly insecure: Set<string>

  constructor(opts: TlsConfigOptions = {}) {
    this.certsDirs = opts.certsDirs ?? DEFAULT_CERTS_DIRS
    this.insecure = new Set([...(opts.insecure ?? [])].map(h => h.toLowerCase()))
  }

  /** Is the certificate of this URL's host left unverified? */
  isInsecure(url: URL): boolean {
    const port = url.port || (url.protocol === 'https:' ? '443' : '80')
    const host = url.hostname.toLowerCase()
    return isLoopback(url.host) || this.insecure.has(url.host.toLowerCase()) || this.insecure.has(`${host}:${port}`)
  }

  /** The settings for an HTTPS origin; throws a `tls` RegistryError naming the file when a file cannot be used. */
  settingsFor(url: URL): TlsSettings {
    const files = this.filesFor(url)
    const rejectUnauthorized = !this.isInsecure(url)
    const caFiles = files.filter(f => f.endsWith('.crt'))
    const pairs = clientPairs(files, url.host)
    if (caFiles.length === 0 && pairs.length === 0)
      return { rejectUnauthorized, secureContext: undefined, caFiles, clientCert: undefined }
    const ca: string[] = []
    for (const f of caFiles) ca.push(...caCertificates(f, url.host))
    // Docker offers every pair and lets the handshake choose; Node takes one: the first by name.
    const pair = pairs[0]
    let cert: Buffer | undefined
    let key: Buffer | undefined
    if (pair) {
      cert = readBounded(pair.cert, url.host)
      key = readBounded(pair.key, url.host)
      const certText = cert.toString('latin1')
      if (!/-----BEGIN CERTIFICATE-----/.test(certText))
        throw fileError(url.host, pair.cert, 'holds no PEM certificate')
      try {
        new X509Certificate(cert)
      } catch (e) {
        throw fileError(url.host, pair.cert, `is not a valid certificate (${short(e)})`)
      }
    }
    let secureContext: SecureContext
    try {
      secureContext = createSecureContext({
        // Added to the roots Node trusts by default (its bundle and NODE_EXTRA_CA_CERTS), not instead of them.
        ca: ca.length > 0 ? [...getCACertificates('default'), ...ca] : undefined,
        cert,
        key
      })
    } catch (e) {
      const which = pair ? `the client certificate ${pair.cert} with ${pair.key}` : caFiles.join(', ')
      throw new RegistryError('tls', `${url.host}: ${which} cannot be used: ${short(e)}`, { host: url.host, cause: e })
    }
    return { rejectUnauthorized, secureContext, caFiles, clientCert: pair?.cert }
  }

  /** The files of `<dir>/<host[:port]>/` in every certs directory, sorted by name within each. */
  private filesFor(url: URL): string[] {
    const names = new Set([url.host.toLowerCase()])
    if (url.port === '') names.add(`${url.hostname.toLowerCase()}:${url.protocol === 'https:' ? 443 : 80}`)
    const out: string[] = []
    for (const base of this.certsDirs) {
      for (const name of names) {
        // A host name never holds a path separator or `..`; a URL's host cannot, but make sure.
        if (name.includes('/') || name.includes('\\') || name.startsWith('.')) continue
        const dir = join(base, name)
        let entries: string[]
        try {
          if (!statSync(dir).isDirectory()) continue
          entries = readdirSync(dir)
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code
          if (code === 'ENOENT' || code === 'ENOTDIR') continue
          throw new RegistryError(
            'tls',
            `${url.host}: the certificates directory ${dir} cannot be read (${code ?? short(e)})`,
            { host: url.host, cause: e }
          )
        }
        const relevant = entries.filter(f => /\.(crt|cert|key)$/.test(f)).sort()
        if (relevant.length > MAX_FILES) {
          throw new RegistryError(
            'tls',
            `${url.host}: ${dir} holds ${relevant.length} certificate files, more than ${MAX_FILES}`,
            { host: url.host }
          )
        }
        for (const f of relevant) out.push(join(dir, f))
      }
    }
    return out
  }
}

/** `x.cert` goes with `x.key`, as docker pairs them; one without the other is an error, as in docker. */
function clientPairs(files: string[], host: string): Array<{ cert: string; key: string }> {
  const set = new Set(files)
  const pairs: Array<{ cert: string; key: string }> = []
  for (const f of files) {
    if (f.endsWith('.cert')) {
      const key = `${f.slice(0, -'.cert'.length)}.key`
      if (!set.has(key))
        throw fileError(host, f, `is a client certificate without its key ${key} (CA certificates end in .crt)`)
      pairs.push({ cert: f, key })
    } else if (f.endsWith('.key')) {
      const cert = `${f.slice(0, -'.key'.length)}.cert`
      if (!set.has(cert)) throw fileError(host, f, `is a client key without its certificate ${cert}`)
    }
  }
  return pairs
}

function caCertificates(file: string, host: string): string[] {
  const text = readBounded(file, host).toString('latin1')
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []
  if (blocks.length === 0) throw fileError(host, file, 'holds no PEM certificate')
  for (const b of blocks) {
    try {
      new X509Certificate(b)
    } catch (e) {
      throw fileError(host, file, `holds a certificate that cannot be parsed (${short(e)})`)
    }
  }
  return blocks
}

/** Reads a regular file up to the limit: a FIFO, a device or a huge file is refused, not read. */
function readBounded(file: string, host: string): Buffer {
  let fd: number | undefined
  try {
    // Looked at before it is opened (opening a FIFO would wait for a writer), and opened without blocking.
    if (!statSync(file).isFile()) throw fileError(host, file, 'is not a regular file')
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
    const st = fstatSync(fd)
    if (!st.isFile()) throw fileError(host, file, 'is not a regular file')
    if (st.size > CERT_FILE_LIMIT)
      throw fileError(host, file, `is ${st.size} bytes, over the ${CERT_FILE_LIMIT >> 20} MiB limit`)
    const buf = Buffer.alloc(st.size)
    let off = 0
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off)
      if (n === 0) break
      off += n
    }
    return buf.subarray(0, off)
  } catch (e) {
    if (e instanceof RegistryError) throw e
    throw fileError(host, file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? short(e)})`)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function fileError(host: string, file: string, what: string): RegistryError {
  return new RegistryError('tls', `${host}: ${file} ${what}`, { host })
}

function short(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .replace(/[^\x20-\x7e]/g, ' ')
    .slice(0, 200)
}

/** What a TLS failure means, in words a user can act on; undefined when it is not a TLS failure. */
export function describeTlsError(
  err: NodeJS.ErrnoException & { reason?: string },
  host: string,
  clientCert: boolean
): string | undefined {
  const code = err.code ?? ''
  const message = err.message ?? ''
  const trust = `trust its CA in /etc/docker/certs.d/${host}/ca.crt (or NODE_EXTRA_CA_CERTS), or list it in insecure-registries`
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `its certificate is self-signed and not trusted (unknown authority); ${trust}`
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'CERT_UNTRUSTED':
    case 'CERT_SIGNATURE_FAILURE':
      return `its certificate is signed by an unknown authority; ${trust}`
    case 'CERT_HAS_EXPIRED':
      return 'its certificate has expired'
    case 'CERT_NOT_YET_VALID':
      return 'its certificate is not valid yet'
    case 'CERT_REVOKED':
      return 'its certificate is revoked'
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `its certificate is for another name (wrong name: ${altNames(err.reason)})`
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return 'it does not speak TLS on this port (plain HTTP? list it in insecure-registries to allow that)'
  }
  // An alert the server sent during the handshake: ERR_SSL_SSLV3_ALERT_…, ERR_SSL_TLSV13_ALERT_…, ERR_SSL_SSL/TLS_ALERT_…
  const alert = /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13|SSL\/TLS)_ALERT_([A-Z_]+)$/.exec(code)?.[1]
  if (alert !== undefined) {
    const name = alert.toLowerCase().replace(/_/g, ' ')
    const put = `put one in /etc/docker/certs.d/${host}/client.cert and client.key`
    if (CLIENT_CERT_ALERTS.has(alert)) {
      return clientCert
        ? `it refused the client certificate presented (alert: ${name})`
        : `it requires a client certificate (alert: ${name}); ${put}`
    }
    if (alert === 'HANDSHAKE_FAILURE')
      return `the handshake failed (alert: ${name})${clientCert ? '' : '; does it require a client certificate?'}`
    return `the handshake failed (alert: ${name})`
  }
  if (/^(ERR_SSL_|ERR_TLS_|ERR_OSSL_)/.test(code) || /^(CERT_|UNABLE_TO_|ERR_.*CERT)/.test(code))
    return `the handshake failed (${code})`
  if (/wrong version number/i.test(message))
    return 'it does not speak TLS on this port (plain HTTP? list it in insecure-registries to allow that)'
  if (/before secure TLS connection was established/i.test(message))
    return 'it closed the connection during the TLS handshake'
  if (code === 'EPROTO' || /certificate|handshake|SSL routines/i.test(message))
    return `the handshake failed (${short(err)})`
  return undefined
}

/** A failed attempt at HTTPS that says the server does not speak it there at all: an insecure registry may try HTTP. */
export function speaksNoTls(cause: unknown): boolean {
  const err = cause as NodeJS.ErrnoException | undefined
  if (!err) return false
  const code = err.code ?? ''
  const message = err.message ?? ''
  if (code === 'ECONNREFUSED' || code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG')
    return true
  if (/wrong version number|packet length too long|before secure TLS connection was established/i.test(message))
    return true
  return false
}

/** Alerts a server sends when it wants a client certificate, or does not accept the one it got. */
const CLIENT_CERT_ALERTS = new Set([
  'CERTIFICATE_REQUIRED',
  'BAD_CERTIFICATE',
  'UNKNOWN_CA',
  'CERTIFICATE_UNKNOWN',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_REVOKED',
  'ACCESS_DENIED',
  'UNSUPPORTED_CERTIFICATE'
])

/** The names a certificate holds, from Node's reason text, kept to characters a host name has. */
function altNames(reason: string | undefined): string {
  const m = /altnames: ([^\r\n]*)/.exec(reason ?? '')
  const names = (m?.[1] ?? '').replace(/[^A-Za-z0-9.*:,_ -]/g, '').slice(0, 160)
  return names === '' ? 'not this host' : `the certificate names ${names}`
}
