import { createHash } from 'node:crypto'

/** Digest algorithms the gate accepts, with the length of their lowercase hex encoding. */
const ALGORITHMS = { sha256: 64, sha512: 128 } as const
export type DigestAlgorithm = keyof typeof ALGORITHMS

const DIGEST = /^(sha256|sha512):([a-f0-9]+)$/

/** Why `value` is not an acceptable digest, or undefined when it is one. */
export function digestProblem(value: string): string | undefined {
  const m = DIGEST.exec(value)
  if (!m) return 'a digest is sha256:<64 hex> or sha512:<128 hex>, lowercase'
  const alg = m[1] as DigestAlgorithm
  if (m[2]!.length !== ALGORITHMS[alg])
    return `a ${alg} digest has ${ALGORITHMS[alg]} hex characters, not ${m[2]!.length}`
  return undefined
}

export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && digestProblem(value) === undefined
}

/** The digest of `bytes` with the algorithm of `like` (sha256 when not given). */
export function computeDigest(bytes: Uint8Array, like?: string): string {
  const alg: DigestAlgorithm = like?.startsWith('sha512:') ? 'sha512' : 'sha256'
  return `${alg}:${createHash(alg).update(bytes).digest('hex')}`
}

/** Short form for tables: `sha256:0123456789ab`. */
export function shortDigest(digest: string): string {
  const i = digest.indexOf(':')
  return i < 0 ? digest : digest.slice(0, i + 13)
}
