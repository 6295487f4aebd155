import { createHash, createPublicKey, type KeyObject } from 'node:crypto'
import { isAbsolute, join } from 'node:path'
import { GateError } from '../core/errors.js'

/** A public key a signer may hold: where it came from, and its fingerprint as the report shows it. */
export interface PublicKey {
  /** `cosign.pub`, or `inline key 1`. */
  name: string
  /** SPKI PEM, normalized. */
  pem: string
  /** `SHA256:` + base64 (no padding) of the SPKI DER, as `ssh-keygen -l` and cosign's key IDs print it. */
  fingerprint: string
  /** `ECDSA P-256`, `RSA 3072`. */
  algorithm: string
  key: KeyObject
}

/** A key that is not a public key the gate can verify with; the message says what it is and what would be right. */
export class KeyError extends GateError {
  constructor(message: string) {
    super('key', message)
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g
const CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }
/** Key files are small; a bigger file is not a key. */
export const KEY_FILE_LIMIT = 64 << 10

/** Splits a signature-keys value into inline PEM blocks and the file paths around them. */
export function splitKeySources(text: string): { pems: string[]; paths: string[] } {
  const pems = [...text.matchAll(PEM_BLOCK)].map(m => m[0])
  const rest = text.replace(PEM_BLOCK, '\n')
  const paths: string[] = []
  for (const rawLine of rest.split(/\r?\n/)) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim()
    if (line === '') continue
    for (const item of line.split(',')) if (item.trim() !== '') paths.push(item.trim())
  }
  return { pems, paths }
}

/** The fingerprint of an SPKI key: `SHA256:` + unpadded base64 of the DER's SHA-256. */
export function fingerprint(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' })
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`
}

/**
 * Parses one PEM text holding exactly one public key: ECDSA P-256/P-384/P-521 or RSA (2048 bits or more).
 * A private key, a certificate or any other algorithm is refused with a message naming `name`.
 */
export function parsePublicKey(text: string, name: string): PublicKey {
  const blocks = [...text.matchAll(PEM_BLOCK)]
  if (blocks.length === 0)
    throw new KeyError(`${name} holds no PEM block: a public key starts with -----BEGIN PUBLIC KEY-----`)
  if (blocks.length > 1) throw new KeyError(`${name} holds ${blocks.length} PEM blocks: give one public key per file`)
  const label = blocks[0]![1]!
  if (/PRIVATE/.test(label))
    throw new KeyError(`${name} is a private key (${label}): give the public key (cosign.pub), never the private one`)
  if (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY')
    throw new KeyError(`${name} is a ${label}, not a PUBLIC KEY`)
  let key: KeyObject
  try {
    key = createPublicKey({ key: blocks[0]![0], format: 'pem' })
  } catch (e) {
    throw new KeyError(`${name} is not a readable public key: ${(e as Error).message}`)
  }
  let algorithm: string
  if (key.asymmetricKeyType === 'ec') {
    const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? '']
    if (!curve)
      throw new KeyError(
        `${name} is an ECDSA key on curve ${key.asymmetricKeyDetails?.namedCurve ?? 'unknown'}: supported curves are P-256, P-384 and P-521`
      )
    algorithm = `ECDSA ${curve}`
  } else if (key.asymmetricKeyType === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
    if (bits < 2048) throw new KeyError(`${name} is a ${bits}-bit RSA key: RSA keys need 2048 bits or more`)
    algorithm = `RSA ${bits}`
  } else {
    throw new KeyError(
      `${name} is an ${key.asymmetricKeyType ?? 'unknown'} key: supported keys are ECDSA (P-256, P-384, P-521) and RSA`
    )
  }
  const pem = key.export({ type: 'spki', format: 'pem' }).toString()
  return { name, pem, fingerprint: fingerprint(key), algorithm, key }
}

/** Reads one key file (bounded); `name` is how messages call it. */
export function readKeyFile(path: string, name: string, read: (path: string) => Buffer): PublicKey {
  let bytes: Buffer
  try {
    bytes = read(path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new KeyError(
      `${name}: cannot read the key file${code === 'ENOENT' ? ': no such file in the workspace' : code === 'EISDIR' ? ': it is a directory' : `: ${(e as Error).message}`}`
    )
  }
  if (bytes.length > KEY_FILE_LIMIT)
    throw new KeyError(`${name} is ${bytes.length} bytes: a public key file is a few hundred bytes`)
  return parsePublicKey(bytes.toString('utf8'), name)
}

/** The keys a signature-keys value names: inline PEM blocks, and files relative to `workspace`. Duplicates once. */
export function loadKeys(text: string, workspace: string, read: (path: string) => Buffer): PublicKey[] {
  const { pems, paths } = splitKeySources(text)
  const keys = [
    ...pems.map((pem, i) => parsePublicKey(pem, `inline key ${i + 1}`)),
    ...paths.map(p => readKeyFile(resolvePath(workspace, p), p, read))
  ]
  const seen = new Set<string>()
  return keys.filter(k => !seen.has(k.fingerprint) && seen.add(k.fingerprint))
}

function resolvePath(workspace: string, p: string): string {
  return isAbsolute(p) ? p : join(workspace, p)
}
