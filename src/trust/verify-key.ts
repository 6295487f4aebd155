/** Signatures made with a public key, verified with node:crypto: cosign's key signatures and DSSE envelopes. */
import { verify } from 'node:crypto'
import type { PublicKey } from './keys.js'

/** The hashes a key's signature may use: the curve's own and SHA-256 (cosign signs with SHA-256 for every key). */
function hashes(key: PublicKey): string[] {
  if (key.algorithm === 'ECDSA P-384') return ['sha384', 'sha256']
  if (key.algorithm === 'ECDSA P-521') return ['sha512', 'sha256']
  if (key.algorithm.startsWith('RSA')) return ['sha256', 'sha384', 'sha512']
  return ['sha256']
}

/** Does `signature` (ECDSA ASN.1 DER, or RSA PKCS#1 v1.5) verify over `data` with `key`? Never throws. */
export function verifyWithKey(key: PublicKey, data: Buffer, signature: Buffer): boolean {
  if (signature.length === 0) return false
  for (const hash of hashes(key)) {
    try {
      if (verify(hash, data, key.key, signature)) return true
    } catch {
      // A malformed signature is one that does not verify.
    }
  }
  return false
}

/** The first key that verifies the signature. */
export function findKey(keys: PublicKey[], data: Buffer, signature: Buffer): PublicKey | undefined {
  return keys.find(k => verifyWithKey(k, data, signature))
}
