// Verifying one Notary Project signature against a trust policy statement and its trust stores, as the signature
// specification and the trust policy specification define it: integrity (the envelope, the certificate chain, the
// leaf's code-signing profile, the algorithm its key implies, the signature, the payload naming the image's own
// descriptor), authenticity (a trust store certificate in the chain, a trusted identity), expiry, and the
// authentic signing time. What the statement's level only logs is kept in `logged`, except authenticity: a signature
// that is not authentic never verifies, whatever the level says. Revocation (OCSP, CRL) is not checked. Pure: never fetches; `now` is the caller's clock.
import { constants, verify as cryptoVerify } from 'node:crypto'
import {
  type Certificate,
  anchorIn,
  chainLengthProblem,
  chainProblem,
  keyAlgorithm,
  leafProblem,
  parseCertificate,
  validityProblem
} from './certificates.js'
import { type Envelope, SCHEME_SIGNING_AUTHORITY, parseEnvelope } from './envelope.js'
import {
  type Check,
  type Level,
  type StoreType,
  type TrustPolicyStatement,
  type TrustStores,
  subjectIncludes
} from './policy.js'
import { verifyTimestampToken } from './timestamp.js'
import { asText, cut } from '../quote.js'

/** The image's descriptor: what the payload's targetArtifact must equal. */
export interface Descriptor {
  mediaType: string
  digest: string
  size: number
}

interface NotationInput {
  /** The signature manifest's layer media type. */
  mediaType: string
  envelope: Buffer
  descriptor: Descriptor
  statement: TrustPolicyStatement
  stores: TrustStores
  now: Date
}

interface NotationOutcome {
  /** The statement's level accepts it (what it only logs is in `logged`). */
  verified: boolean
  /** Why it did not verify. */
  reason?: string
  /** The level is skip: nothing was verified. */
  skipped?: boolean
  format?: 'JWS' | 'COSE'
  /** The leaf certificate's subject, when the envelope was read that far. */
  subject?: string
  /** The trust policy statement's name and level. */
  policy: string
  level: Level
  /** Problems the level logs instead of enforcing. */
  logged: string[]
  /** The signing time the envelope claims, or the timestamp's when one verified. */
  signingTime?: Date
  /** The digest the payload names. */
  target?: string
}

const HASHES: Record<string, { hash: string; bytes: number }> = {
  PS256: { hash: 'sha256', bytes: 32 },
  PS384: { hash: 'sha384', bytes: 48 },
  PS512: { hash: 'sha512', bytes: 64 },
  ES256: { hash: 'sha256', bytes: 32 },
  ES384: { hash: 'sha384', bytes: 48 },
  ES512: { hash: 'sha512', bytes: 64 }
}

/** Thrown inside verification to end it with a reason. */
class Refused extends Error {}

function signatureValid(alg: string, leaf: Certificate, data: Buffer, signature: Buffer): boolean {
  const { hash, bytes } = HASHES[alg]!
  const key = leaf.node.publicKey
  try {
    return alg.startsWith('PS')
      ? cryptoVerify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: bytes }, signature)
      : cryptoVerify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, signature)
  } catch {
    return false
  }
}

function targetProblem(payload: Buffer, want: Descriptor): { target?: string; problem?: string } {
  let doc: unknown
  try {
    doc = JSON.parse(payload.toString('utf8'))
  } catch {
    return { problem: 'the payload is not JSON' }
  }
  const t = (doc as { targetArtifact?: unknown } | null)?.targetArtifact as Record<string, unknown> | undefined
  if (typeof t !== 'object' || t === null || Array.isArray(t)) return { problem: 'the payload has no targetArtifact' }
  const target = typeof t.digest === 'string' ? t.digest : undefined
  if (t.digest !== want.digest) return { target, problem: `the payload names another digest` }
  if (t.size !== want.size) return { target, problem: `the payload names the size ${asText(t.size)}, not ${want.size}` }
  if (t.mediaType !== want.mediaType) return { target, problem: 'the payload names another media type' }
  return { target }
}

/** Verifies one envelope; never throws. */
export function verifyNotation(input: NotationInput): NotationOutcome {
  const { statement } = input
  const outcome: NotationOutcome = { verified: false, policy: statement.name, level: statement.level, logged: [] }
  if (statement.level === 'skip') {
    return { ...outcome, skipped: true, reason: `trust policy "${statement.name}" skips verification` }
  }
  const judge = (check: Check, problem: string | undefined) => {
    if (!problem) return
    const action = statement.checks[check]
    if (action === 'enforce') throw new Refused(problem)
    if (action === 'log') outcome.logged.push(problem)
  }
  try {
    const env = integrity(input, outcome)
    // Notation's audit level (or an override) only logs a signer the trust stores and identities do not vouch for;
    // the gate counts no signature it cannot say who made: anyone can make one that passes integrity.
    const unauthentic = authenticityProblem(env, input)
    if (unauthentic)
      throw new Refused(
        statement.checks.authenticity === 'enforce'
          ? unauthentic
          : `trust policy "${statement.name}" (${statement.level}) only logs authenticity, and the signature is not authentic: ${unauthentic}; it counts for no signer`
      )
    judge(
      'expiry',
      env.expiry && input.now > env.expiry ? `the signature expired at ${env.expiry.toISOString()}` : undefined
    )
    judge('authenticTimestamp', timeProblem(env, input, outcome))
    outcome.verified = true
  } catch (e) {
    outcome.reason = e instanceof Refused ? e.message : `the signature could not be read: ${(e as Error).message}`
  }
  return outcome
}

/** Envelope, chain, leaf, algorithm, signature and payload: enforced at every level but skip. */
function integrity(input: NotationInput, outcome: NotationOutcome): Envelope & { certs: Certificate[] } {
  let env: Envelope
  try {
    env = parseEnvelope(input.mediaType, input.envelope)
  } catch (e) {
    throw new Refused((e as Error).message)
  }
  outcome.format = env.format
  outcome.signingTime = env.signingTime ?? env.authenticSigningTime
  // Counted before any is parsed: a chain of thousands would otherwise each be hashed and parsed first.
  const count = chainLengthProblem(env.chain.length)
  if (count) throw new Refused(count)
  let certs: Certificate[]
  try {
    certs = env.chain.map(der => parseCertificate(der))
  } catch {
    throw new Refused('a certificate of the chain does not parse')
  }
  outcome.subject = certs[0]!.subject
  const chain = chainProblem(certs)
  if (chain) throw new Refused(chain)
  const leaf = leafProblem(certs[0]!)
  if (leaf) throw new Refused(leaf)
  const implied = keyAlgorithm(certs[0]!.node.publicKey)
  if ('problem' in implied) throw new Refused(`the signing key is ${implied.problem}`)
  if (implied.alg !== env.alg)
    throw new Refused(`the header names the algorithm ${env.alg.slice(0, 20)}, the signing key implies ${implied.alg}`)
  if (!signatureValid(implied.alg, certs[0]!, env.signedBytes, env.signature))
    throw new Refused('the signature does not verify with the signing certificate')
  const { target, problem } = targetProblem(env.payload, input.descriptor)
  outcome.target = target
  if (problem) throw new Refused(problem)
  return { ...env, certs }
}

function storeCertificates(input: NotationInput, type: StoreType): Certificate[] {
  return input.statement.trustStores
    .filter(s => s.type === type)
    .flatMap(s => input.stores.get(`${s.type}:${s.name}`) ?? [])
}

function authenticityProblem(env: Envelope & { certs: Certificate[] }, input: NotationInput): string | undefined {
  const type: StoreType = env.signingScheme === SCHEME_SIGNING_AUTHORITY ? 'signingAuthority' : 'ca'
  const store = storeCertificates(input, type)
  if (!anchorIn(env.certs, store)) {
    const names = input.statement.trustStores.filter(s => s.type === type).map(s => `${s.type}:${s.name}`)
    return `the certificate chain of ${cut(env.certs[0]!.subject)} leads to no certificate of the trust stores ${names.join(', ') || `(none of type ${type})`}`
  }
  const identities = input.statement.trustedIdentities
  if (identities === '*') return undefined
  const subject = env.certs[0]!.attributes
  // `O=Mallory, O=Acme` would include `O=Acme`: a subject naming a type twice is no identity (Notation refuses it too).
  const twice = subject.find(([t], i) => subject.findIndex(([u]) => u.toUpperCase() === t.toUpperCase()) !== i)
  if (twice)
    return `the signing certificate's subject ${cut(env.certs[0]!.subject)} names ${cut(twice[0])} twice: it is none of the trusted identities`
  if (!identities.some(i => subjectIncludes(subject, i.attributes)))
    return `the signing certificate's subject ${cut(env.certs[0]!.subject)} is none of the trusted identities`
  return undefined
}

/**
 * The signing time the signature can be trusted for: a signing authority's authentic signing time; with no `tsa`
 * store, now; with one, an RFC 3161 timestamp from it (unless `afterCertExpiry` and the chain is still valid).
 */
function timeProblem(
  env: Envelope & { certs: Certificate[] },
  input: NotationInput,
  outcome: NotationOutcome
): string | undefined {
  if (env.signingScheme === SCHEME_SIGNING_AUTHORITY) return validityProblem(env.certs, env.authenticSigningTime!)
  const tsa = storeCertificates(input, 'tsa')
  const hasTsaStore = input.statement.trustStores.some(s => s.type === 'tsa')
  const now = validityProblem(env.certs, input.now)
  if (!hasTsaStore) return now
  if (input.statement.verifyTimestamp === 'afterCertExpiry' && !now) return undefined
  if (!env.timestampToken) return 'the trust policy names a tsa store but the signature has no timestamp'
  const ts = verifyTimestampToken(env.timestampToken, env.signature, tsa, input.now)
  if ('problem' in ts) return `the timestamp does not verify: ${ts.problem}`
  outcome.signingTime = ts.time
  return validityProblem(env.certs, ts.earliest) ?? validityProblem(env.certs, ts.latest)
}
