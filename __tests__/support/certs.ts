/** Certificates for the TLS tests, made with openssl: a CA, certificates it signs, self-signed and expired ones. */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface KeyPair {
  cert: string
  key: string
}

function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  if (r.status !== 0) throw new Error(`openssl ${args.slice(0, 2).join(' ')}: ${r.stderr?.toString()}`)
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']

/** A CA certificate and key in `dir`, named `name.crt`/`name.key`. */
export function makeCa(dir: string, name: string): KeyPair {
  const cert = join(dir, `${name}.crt`)
  const key = join(dir, `${name}.key`)
  openssl([
    'req',
    '-x509',
    ...EC,
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign'
  ])
  return { cert, key }
}

export interface LeafOptions {
  /** Subject alternative names: `DNS:registry.test`, `IP:127.0.0.1`. */
  sans: string[]
  /** Signed by this CA; self-signed without one. */
  ca?: KeyPair
  /** Negative: expired that many days ago (openssl puts notAfter before notBefore). */
  days?: number
  usage?: 'server' | 'client'
}

/** A leaf certificate and key in `dir`, named `name.<certExt>`/`name.key`. */
export function makeLeaf(dir: string, name: string, opts: LeafOptions, certExt = 'crt'): KeyPair {
  const cert = join(dir, `${name}.${certExt}`)
  const key = join(dir, `${name}.key`)
  const ext = join(dir, `${name}.ext`)
  const usage = opts.usage === 'client' ? 'clientAuth' : 'serverAuth'
  writeFileSync(
    ext,
    `basicConstraints=CA:FALSE\nextendedKeyUsage=${usage}\n${opts.sans.length > 0 ? `subjectAltName=${opts.sans.join(',')}\n` : ''}`
  )
  const days = String(opts.days ?? 2)
  if (opts.ca) {
    const csr = join(dir, `${name}.csr`)
    openssl(['req', ...EC, '-keyout', key, '-out', csr, '-subj', `/CN=${name}`])
    openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      opts.ca.cert,
      '-CAkey',
      opts.ca.key,
      '-CAcreateserial',
      '-days',
      days,
      '-extfile',
      ext,
      '-out',
      cert
    ])
  } else {
    openssl([
      'req',
      '-x509',
      ...EC,
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      days,
      '-subj',
      `/CN=${name}`,
      '-extensions',
      'v3_leaf',
      '-config',
      leafConfig(dir, name, ext)
    ])
  }
  return { cert, key }
}

function leafConfig(dir: string, name: string, ext: string): string {
  const path = join(dir, `${name}.cnf`)
  writeFileSync(path, `[req]\ndistinguished_name=dn\n[dn]\n[v3_leaf]\n${readFileSync(ext, 'utf8')}`)
  return path
}
