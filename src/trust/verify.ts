// Sigstore verification: bundles (v0.1–v0.3, message signatures and DSSE) and cosign's legacy `.sig` layers, checked
// offline against a trusted root with @sigstore/verify. The library proves the cryptography (signature, certificate
// chain, SCT, transparency-log entry, RFC 3161 timestamp); which signer is accepted is decided here, by our own glob
// code matched whole, never by the library's unanchored regular expression.
//
// This module pulls in the sigstore libraries: import it with `await import()` only when a trust rule applies, so
// the bundler keeps it in a chunk of its own and a run without trust rules never loads it.
import { createHash, type KeyObject, createPublicKey, verify as cryptoVerify } from 'node:crypto'
import {
  BUNDLE_V01_MEDIA_TYPE,
  BUNDLE_V02_MEDIA_TYPE,
  BUNDLE_V03_LEGACY_MEDIA_TYPE,
  BUNDLE_V03_MEDIA_TYPE,
  type Bundle,
  bundleFromJSON
} from '@sigstore/bundle'
import { X509Certificate, dsse } from '@sigstore/core'
import { TrustedRoot as TrustedRootMessage } from '@sigstore/protobuf-specs'
import { type SignedEntity, type TrustMaterial, Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify'
import { globMatch } from '../core/glob.js'
import publicGoodRoot from './public-good-root.json' with { type: 'json' }
import type { CertificateFacts, Signer } from '../model/trust.js'
import { GateError } from '../core/errors.js'
import { quote } from './quote.js'

/** A serialized bundle, a trusted root or a cosign annotation larger than this is refused unread. */
export const MAX_BUNDLE_BYTES = 16 * 1024 * 1024
export const MAX_TRUSTED_ROOT_BYTES = 4 * 1024 * 1024
/** Most log entries, timestamps or chain certificates one bundle may hold (real ones hold one or two). */
const MAX_ENTRIES = 16

const TRUSTED_ROOT_MEDIA_TYPE =
  /^application\/vnd\.dev\.sigstore\.trustedroot(\+json;version=0\.[12]|\.v0\.[12]\+json)$/
const BUNDLE_VERSIONS: Record<string, string> = {
  [BUNDLE_V01_MEDIA_TYPE]: '0.1',
  [BUNDLE_V02_MEDIA_TYPE]: '0.2',
  [BUNDLE_V03_LEGACY_MEDIA_TYPE]: '0.3',
  [BUNDLE_V03_MEDIA_TYPE]: '0.3'
}

/** One or more Sigstore trusted roots; a signature verifies when any of them verifies it. Opaque to callers. */
export interface TrustedRoot {
  readonly description: string
  readonly materials: readonly TrustMaterial[]
}

export class TrustRootError extends GateError {
  constructor(message: string) {
    super('trusted-root', message)
  }
}

/** Who may sign: the keys of `signature-keys`, and keyless identities (SAN globs) with their OIDC issuer. */
export interface SignerPolicy {
  /** SPKI PEM, and its fingerprint as the report shows it: `SHA256:` + unpadded base64 of the DER's SHA-256. */
  keys: { pem: string; fingerprint: string }[]
  /** Globs over the certificate's SAN, matched whole by `globMatch` (`*` stops at `/`, `**` crosses it). */
  identities: string[]
  /** The OIDC issuer, matched exactly. */
  issuer: string
}

export type { CertificateFacts, Signer }
export type SignedContent =
  | { kind: 'message'; digest: { algorithm: string; hex: string } }
  | { kind: 'dsse'; payloadType: string; payload: Buffer }

export type BundleOutcome =
  | { verified: true; signer: Signer; accepted: boolean; content: SignedContent; time?: Date; bundleVersion: string }
  | { verified: false; reason: string; signer?: Signer; unsupported?: boolean }

// ---------------------------------------------------------------------------------------------------------------
// Trusted roots

let publicGood: TrustedRoot | undefined

/**
 * The public-good root shipped inside the action (no network), or a custom root: one trusted_root.json, or the
 * JSON lines `gh attestation trusted-root` prints (several roots; any may verify). `path` names the file in errors.
 * Throws TrustRootError with a message naming the input `trusted-root`.
 */
export function loadTrustedRoot(source?: { path: string; text: string }): TrustedRoot {
  if (source === undefined) {
    publicGood ??= {
      description: 'the Sigstore public-good root shipped with the action',
      materials: [material(publicGoodRoot, 'the shipped public-good root')]
    }
    return publicGood
  }
  const where = `trusted-root: ${JSON.stringify(source.path)}`
  if (Buffer.byteLength(source.text, 'utf8') > MAX_TRUSTED_ROOT_BYTES) {
    throw new TrustRootError(
      `${where} is larger than ${MAX_TRUSTED_ROOT_BYTES / 1024 / 1024} MiB; a Sigstore trusted root is a few KiB`
    )
  }
  const text = source.text.replace(/^\uFEFF/, '').trim()
  if (text === '')
    throw new TrustRootError(
      `${where} is empty; expected a Sigstore trusted_root.json or the JSON lines \`gh attestation trusted-root\` prints`
    )
  const documents: { json: unknown; line?: number }[] = []
  try {
    documents.push({ json: JSON.parse(text) })
  } catch {
    // JSON lines: one root per non-empty line.
    const lines = text.split(/\r?\n/)
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue
      try {
        documents.push({ json: JSON.parse(line), line: i + 1 })
      } catch {
        throw new TrustRootError(
          `${where}${lines.length > 1 ? `, line ${i + 1},` : ''} is not JSON; expected a Sigstore trusted_root.json or the JSON lines \`gh attestation trusted-root\` prints`
        )
      }
    }
  }
  const materials = documents.map(d => material(d.json, `${where}${d.line === undefined ? '' : `, line ${d.line}`}`))
  return { description: `the trusted root in ${source.path}`, materials }
}

function material(json: unknown, where: string): TrustMaterial {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TrustRootError(`${where} is not a JSON object; expected a Sigstore trusted root`)
  }
  const mediaType = (json as { mediaType?: unknown }).mediaType
  if (typeof mediaType !== 'string' || !TRUSTED_ROOT_MEDIA_TYPE.test(mediaType)) {
    throw new TrustRootError(
      `${where} has mediaType ${quote(mediaType)}; expected application/vnd.dev.sigstore.trustedroot+json;version=0.1 (a Sigstore trusted root)`
    )
  }
  try {
    const root = TrustedRootMessage.fromJSON(json)
    if (root.certificateAuthorities.length === 0 && root.tlogs.length === 0 && root.timestampAuthorities.length === 0) {
      throw new Error('it names no certificate authority, transparency log or timestamp authority')
    }
    // A missing start is a malformed root, not an unbounded validity (sigstore-conformance).
    for (const log of [...root.tlogs, ...root.ctlogs]) {
      if (log.publicKey?.validFor?.start === undefined)
        throw new Error(`the key of log ${quote(log.baseUrl)} has no validFor.start`)
    }
    for (const ca of [...root.certificateAuthorities, ...root.timestampAuthorities]) {
      if (ca.validFor?.start === undefined) throw new Error(`the authority ${quote(ca.uri)} has no validFor.start`)
    }
    return toTrustMaterial(root)
  } catch (e) {
    throw new TrustRootError(`${where} is not a usable Sigstore trusted root: ${describe(e)}`)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Bundles

/** Parses a serialized bundle, size-bounded. Never throws: an unusable document is an outcome. */
export function parseBundle(bytes: Buffer): { ok: true; bundle: unknown } | { ok: false; outcome: BundleOutcome } {
  if (bytes.length > MAX_BUNDLE_BYTES) {
    return {
      ok: false,
      outcome: { verified: false, reason: `the bundle is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB` }
    }
  }
  try {
    return { ok: true, bundle: JSON.parse(bytes.toString('utf8')) }
  } catch {
    return { ok: false, outcome: { verified: false, reason: 'the bundle is not JSON' } }
  }
}

/**
 * Verifies one Sigstore bundle (parsed JSON) cryptographically. A bundle with a public key is tried against each
 * key of the policy (no transparency-log entry required); a keyless bundle against the root (the certificate chains
 * to a Fulcio CA, carries an SCT, and a verified time — tlog entry or RFC 3161 timestamp — lies inside its
 * validity). `artifact` is the signed bytes of a message signature. `accepted` says whether the policy accepts the
 * signer. Never throws.
 */
export function verifyBundle(
  bundle: unknown,
  artifact: Buffer | undefined,
  policy: SignerPolicy,
  root: TrustedRoot
): BundleOutcome {
  try {
    return verifyUnsafe(bundle, artifact, policy, root)
  } catch (e) {
    return { verified: false, reason: `the bundle could not be verified: ${describe(e)}` }
  }
}

function verifyUnsafe(
  json: unknown,
  artifact: Buffer | undefined,
  policy: SignerPolicy,
  root: TrustedRoot
): BundleOutcome {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { verified: false, reason: 'the bundle is not a JSON object' }
  }
  const mediaType = (json as { mediaType?: unknown }).mediaType
  const bundleVersion = typeof mediaType === 'string' ? BUNDLE_VERSIONS[mediaType] : undefined
  if (bundleVersion === undefined) {
    return {
      verified: false,
      unsupported: true,
      reason: `unsupported Sigstore bundle version: mediaType ${quote(mediaType)} (supported: v0.1, v0.2, v0.3)`
    }
  }
  const material = (json as { verificationMaterial?: Record<string, unknown> }).verificationMaterial
  const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0)
  const tsData = material?.timestampVerificationData as { rfc3161Timestamps?: unknown } | undefined
  const chain = material?.x509CertificateChain as { certificates?: unknown } | undefined
  if (
    count(material?.tlogEntries) > MAX_ENTRIES ||
    count(tsData?.rfc3161Timestamps) > MAX_ENTRIES ||
    count(chain?.certificates) > MAX_ENTRIES
  ) {
    return {
      verified: false,
      reason: `the bundle holds more than ${MAX_ENTRIES} log entries, timestamps or certificates`
    }
  }
  let bundle: Bundle
  try {
    bundle = bundleFromJSON(json)
  } catch (e) {
    return { verified: false, reason: `malformed Sigstore bundle v${bundleVersion}: ${describe(e)}` }
  }

  let content: SignedContent
  if (bundle.content.$case === 'dsseEnvelope') {
    const env = bundle.content.dsseEnvelope
    content = { kind: 'dsse', payloadType: env.payloadType, payload: Buffer.from(env.payload) }
  } else {
    if (artifact === undefined) {
      return { verified: false, reason: 'a message signature was found without the artifact it signs' }
    }
    const md = bundle.content.messageSignature.messageDigest
    const algorithm = md === undefined ? 'sha256' : hashName(md.algorithm)
    if (algorithm === undefined)
      return { verified: false, unsupported: true, reason: 'the message digest uses an unsupported hash algorithm' }
    const hex = createHash(algorithm).update(artifact).digest('hex')
    if (md !== undefined && Buffer.from(md.digest).toString('hex') !== hex) {
      return { verified: false, reason: `the bundle's message digest is not the ${algorithm} of the signed artifact` }
    }
    // The subject is named by its sha256 whatever hash the bundle signed with: that is how image digests are written.
    content = {
      kind: 'message',
      digest: {
        algorithm: 'sha256',
        hex: algorithm === 'sha256' ? hex : createHash('sha256').update(artifact).digest('hex')
      }
    }
  }

  const entity = toSignedEntity(bundle, artifact)
  if (entity.key.$case === 'public-key') {
    const signed =
      bundle.content.$case === 'dsseEnvelope'
        ? dsse.preAuthEncoding(
            bundle.content.dsseEnvelope.payloadType,
            Buffer.from(bundle.content.dsseEnvelope.payload)
          )
        : artifact!
    return verifyWithKeys(entity, signed, policy, content, bundleVersion)
  }
  return verifyKeyless(entity, entity.key.certificate, policy, root, content, bundleVersion)
}

/**
 * Keys sign with the hash their curve calls for (sigstore's defaults: P-384 with SHA-384, P-521 with SHA-512), which
 * the library, hashing DSSE and legacy payloads with SHA-256, does not try. `signed` is the bytes signed: the DSSE
 * pre-authentication encoding, or the artifact.
 */
function verifiesWithCurveHash(key: KeyObject, signed: Buffer, signature: Buffer): boolean {
  const curve = key.asymmetricKeyDetails?.namedCurve
  const hash = curve === 'secp384r1' ? 'sha384' : curve === 'secp521r1' ? 'sha512' : undefined
  if (hash === undefined) return false
  try {
    return cryptoVerify(hash, signed, key, signature)
  } catch {
    return false
  }
}

function verifyWithKeys(
  entity: SignedEntity,
  signed: Buffer,
  policy: SignerPolicy,
  content: SignedContent,
  bundleVersion: string
): BundleOutcome {
  if (policy.keys.length === 0) {
    return { verified: false, reason: 'the bundle is signed with a public key, and signature-keys names none' }
  }
  // A key's trust does not depend on time: the signature alone is checked, against each key in turn.
  const bare: SignedEntity = { ...entity, timestamps: [], tlogEntries: [] }
  const unsupported: string[] = []
  for (const k of policy.keys) {
    let key: KeyObject
    try {
      key = createPublicKey(k.pem)
    } catch {
      continue
    }
    const problem = keyProblem(key)
    if (problem !== undefined) {
      unsupported.push(`${k.fingerprint}: ${problem}`)
      continue
    }
    const trust: TrustMaterial = {
      certificateAuthorities: [],
      timestampAuthorities: [],
      tlogs: [],
      ctlogs: [],
      publicKey: () => ({ publicKey: key, validFor: () => true })
    }
    try {
      new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }).verify(bare)
      return {
        verified: true,
        signer: { kind: 'key', fingerprint: k.fingerprint },
        accepted: true,
        content,
        bundleVersion
      }
    } catch {
      if (verifiesWithCurveHash(key, signed, entity.signature.signature)) {
        return {
          verified: true,
          signer: { kind: 'key', fingerprint: k.fingerprint },
          accepted: true,
          content,
          bundleVersion
        }
      }
    }
  }
  if (unsupported.length === policy.keys.length) {
    return { verified: false, unsupported: true, reason: `unsupported key: ${unsupported.join('; ')}` }
  }
  return { verified: false, reason: 'the signature verifies with no key of signature-keys' }
}

function verifyKeyless(
  entity: SignedEntity,
  leaf: X509Certificate,
  policy: SignerPolicy,
  root: TrustedRoot,
  content: SignedContent,
  bundleVersion: string
): BundleOutcome {
  let facts: CertificateFacts
  let key: KeyObject
  try {
    facts = certificateFacts(leaf)
    key = createPublicKey({ key: leaf.publicKey, format: 'der', type: 'spki' })
  } catch (e) {
    return { verified: false, reason: `the signing certificate cannot be read: ${describe(e)}` }
  }
  const signer: Signer = { kind: 'certificate', certificate: facts }
  const problem = keyProblem(key)
  if (problem !== undefined)
    return { verified: false, unsupported: true, signer, reason: `unsupported signing certificate: ${problem}` }

  // The library reports a certificate used outside its validity as a chain failure; say what is wrong.
  for (const t of entity.timestamps) {
    const at = timestampDate(t)
    if (at !== undefined && (at < leaf.notBefore || at > leaf.notAfter)) {
      return {
        verified: false,
        signer,
        reason: `the signing certificate was used outside its validity: signed at ${at.toISOString()}, valid from ${leaf.notBefore.toISOString()} to ${leaf.notAfter.toISOString()}`
      }
    }
  }
  let best: { rank: number; reason: string } | undefined
  for (const trust of root.materials) {
    try {
      // A verified time is required (tlog entry or RFC 3161 timestamp); a tlog entry is not, for GitHub's private
      // instance signs with a timestamp authority and no log. Entries present are verified all the same.
      new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 1, timestampThreshold: 1 }).verify(entity)
      return {
        verified: true,
        signer,
        accepted: accepts(policy, facts),
        content,
        time: earliest(entity),
        bundleVersion
      }
    } catch (e) {
      const reason = verificationReason(e)
      const rank = errorRank(e)
      if (best === undefined || rank > best.rank) best = { rank, reason }
    }
  }
  return { verified: false, signer, reason: best?.reason ?? `${root.description} has no certificate authority` }
}

/** Does the policy accept this certificate? Identity: a glob matched whole; issuer: exact. */
export function accepts(policy: SignerPolicy, facts: CertificateFacts): boolean {
  if (facts.issuer !== policy.issuer) return false
  return policy.identities.some(pattern => globMatch(pattern, facts.identity))
}

/** ECDSA P-256/384/521 and RSA (2048 bits or more) sign; anything else is refused with a reason. */
function keyProblem(key: KeyObject): string | undefined {
  const type = key.asymmetricKeyType
  if (type === 'rsa' || type === 'rsa-pss') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
    return bits >= 2048 ? undefined : `RSA keys shorter than 2048 bits are not accepted (this one has ${bits})`
  }
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve
    return curve === 'prime256v1' || curve === 'secp384r1' || curve === 'secp521r1'
      ? undefined
      : `ECDSA curve ${curve ?? 'unknown'} is not supported (P-256, P-384, P-521 are)`
  }
  if (type === 'ed25519') return 'Ed25519 (Ed25519ph) signatures are not supported (ECDSA P-256/384/521 and RSA are)'
  return `${type ?? 'unknown'} keys are not supported (ECDSA P-256/384/521 and RSA are)`
}

const FULCIO = '1.3.6.1.4.1.57264.1.'

/** The SAN and Fulcio extensions of a signing certificate. */
export function certificateFacts(cert: X509Certificate): CertificateFacts {
  const ext = (n: number): string | undefined => {
    const e = cert.extension(`${FULCIO}${n}`)
    if (e === undefined) return undefined
    // Extensions 1–6 hold the raw string; 8 and later a DER UTF8String.
    if (n >= 8) {
      const inner = e.valueObj.subs[0]
      return inner !== undefined && inner.tag.isUniversal() && inner.tag.number === 0x0c
        ? inner.value.toString('utf8')
        : undefined
    }
    return e.value.toString('utf8')
  }
  const identity = cert.subjectAltName ?? cert.extSubjectAltName?.otherName('1.3.6.1.4.1.57264.1.7') ?? ''
  const facts: CertificateFacts = { identity, issuer: ext(8) ?? ext(1) ?? '' }
  const set = (k: Exclude<keyof CertificateFacts, 'identity' | 'issuer'>, v: string | undefined): void => {
    if (v !== undefined && v !== '') facts[k] = v
  }
  set('sourceRepository', ext(12) ?? repositoryFromSAN(identity))
  set('sourceRepositoryRef', ext(14))
  set('sourceRepositoryDigest', ext(13))
  set('buildSignerUri', ext(9))
  set('runnerEnvironment', ext(11))
  set('buildTrigger', ext(20))
  return facts
}

/** `https://github.com/OWNER/REPO/.github/workflows/…@ref` → `https://github.com/OWNER/REPO`. */
function repositoryFromSAN(san: string): string | undefined {
  const m = /^(https:\/\/github\.com\/[^/]+\/[^/]+)\/\.github\/workflows\//.exec(san)
  return m?.[1]
}

function earliest(entity: SignedEntity): Date | undefined {
  let min: Date | undefined
  for (const t of entity.timestamps) {
    const d = timestampDate(t)
    if (d !== undefined && (min === undefined || d < min)) min = d
  }
  return min
}

/** The time a timestamp claims (not yet verified: the verifier checks it). */
function timestampDate(t: SignedEntity['timestamps'][number]): Date | undefined {
  try {
    const d =
      t.$case === 'transparency-log' ? new Date(Number(t.tlogEntry.integratedTime) * 1000) : t.timestamp.signingTime
    return Number.isNaN(d.getTime()) ? undefined : d
  } catch {
    return undefined
  }
}

function hashName(algorithm: number): string | undefined {
  // HashAlgorithm: 0 unspecified (SHA-256 by convention), 1 SHA2_256, 2 SHA2_384, 3 SHA2_512, 4 SHA3_256, 5 SHA3_384
  return ['sha256', 'sha256', 'sha384', 'sha512', 'sha3-256', 'sha3-384'][algorithm]
}

function errorRank(e: unknown): number {
  const code = (e as { code?: unknown }).code
  // A root whose CA issued the certificate got further than one that does not know it.
  return code === 'CERTIFICATE_ERROR' ? 0 : 1
}

const CODE_TEXT: Record<string, string> = {
  CERTIFICATE_ERROR: 'the certificate does not verify against the trusted root',
  PUBLIC_KEY_ERROR: 'the public key does not verify',
  SIGNATURE_ERROR: 'bad signature',
  TIMESTAMP_ERROR: 'no verified time',
  TLOG_ERROR: 'the transparency-log entry does not verify',
  TLOG_BODY_ERROR: 'the transparency-log entry is for other content',
  TLOG_INCLUSION_PROOF_ERROR: 'the transparency-log inclusion proof does not verify',
  TLOG_INCLUSION_PROMISE_ERROR: 'the transparency-log inclusion promise does not verify',
  TLOG_MISSING_INCLUSION_ERROR: 'the transparency-log entry has no inclusion proof or promise'
}

function verificationReason(e: unknown): string {
  const code = (e as { code?: unknown }).code
  const head = typeof code === 'string' ? CODE_TEXT[code] : undefined
  const msg = describe(e)
  return head === undefined ? msg : `${head}: ${msg}`
}

/**
 * An error's message, one line, bounded; never a stack. The libraries' own errors (verification, validation, ASN.1
 * and PEM parsing) say what is wrong; a JavaScript runtime error (TypeError, RangeError) is the library tripping
 * over material it did not expect, and its text would only confuse: say that the bundle is malformed.
 */
function describe(e: unknown): string {
  if (e instanceof TypeError || e instanceof RangeError || e instanceof SyntaxError || e instanceof ReferenceError) {
    return 'malformed or inconsistent verification material'
  }
  const m = e instanceof Error ? e.message : String(e)
  // A runtime error rethrown inside another (protobuf's JSON decoding does) reads the same way.
  if (/\b(TypeError|RangeError|ReferenceError)\b|is not a function|Cannot read propert|Cannot convert/.test(m))
    return 'malformed or inconsistent verification material'
  const one = m.replace(/\s+/g, ' ').trim()
  return one.length > 300 ? `${one.slice(0, 300)}…` : one || 'unknown error'
}

// ---------------------------------------------------------------------------------------------------------------
// cosign's legacy `.sig` layers

export const COSIGN_SIGNATURE = 'dev.cosignproject.cosign/signature'
export const COSIGN_CERTIFICATE = 'dev.sigstore.cosign/certificate'
export const COSIGN_BUNDLE = 'dev.sigstore.cosign/bundle'
export const COSIGN_TIMESTAMP = 'dev.sigstore.cosign/rfc3161timestamp'

/**
 * cosign's legacy `.sig` layer: the payload bytes and the layer's annotations (signature, certificate, chain, Rekor
 * bundle with its signed entry timestamp, RFC 3161 timestamp) are converted to a bundle and verified like one.
 */
export function verifyCosignSignature(
  payload: Buffer,
  annotations: Record<string, string>,
  policy: SignerPolicy,
  root: TrustedRoot
): BundleOutcome {
  try {
    const converted = cosignToBundle(payload, annotations)
    if ('reason' in converted) return { verified: false, reason: converted.reason }
    return verifyBundle(converted.bundle, payload, policy, root)
  } catch (e) {
    return { verified: false, reason: `the cosign signature could not be read: ${describe(e)}` }
  }
}

/**
 * cosign 2's keyless `.att` layer: the layer is a DSSE envelope (JSON), and its annotations carry the certificate,
 * the Rekor bundle (an `intoto` entry) or an RFC 3161 timestamp, as for `.sig`. Converted to a bundle and verified
 * like one; the outcome's content is the envelope's payload. A key-signed `.att` verifies the same way.
 */
export function verifyCosignAttestation(
  envelope: Buffer,
  annotations: Record<string, string>,
  policy: SignerPolicy,
  root: TrustedRoot
): BundleOutcome {
  try {
    if (envelope.length > MAX_BUNDLE_BYTES)
      return { verified: false, reason: `the attestation layer is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB` }
    let json: unknown
    try {
      json = JSON.parse(envelope.toString('utf8'))
    } catch {
      return { verified: false, reason: 'the attestation layer is not a JSON DSSE envelope' }
    }
    const env = json as { payload?: unknown; payloadType?: unknown; signatures?: unknown }
    const sigs = Array.isArray(env.signatures) ? (env.signatures as { sig?: unknown; keyid?: unknown }[]) : []
    if (
      typeof env.payload !== 'string' ||
      !isBase64(env.payload) ||
      typeof env.payloadType !== 'string' ||
      sigs.length !== 1 ||
      typeof sigs[0]?.sig !== 'string' ||
      !isBase64(sigs[0].sig)
    ) {
      return { verified: false, reason: 'the attestation layer is not a DSSE envelope with one base64 signature' }
    }
    const dsseEnvelope = {
      payload: env.payload,
      payloadType: env.payloadType,
      signatures: [{ sig: sigs[0].sig, keyid: typeof sigs[0].keyid === 'string' ? sigs[0].keyid : '' }]
    }
    const converted = cosignToBundle({ dsseEnvelope }, annotations)
    if ('reason' in converted) return { verified: false, reason: converted.reason }
    return verifyBundle(converted.bundle, undefined, policy, root)
  } catch (e) {
    return { verified: false, reason: `the cosign attestation could not be read: ${describe(e)}` }
  }
}

function cosignToBundle(
  signed:
    Buffer | { dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid: string }[] } },
  annotations: Record<string, string>
): { bundle: unknown } | { reason: string } {
  for (const [k, v] of Object.entries(annotations)) {
    if (typeof v === 'string' && v.length > MAX_BUNDLE_BYTES)
      return { reason: `annotation ${quote(k)} is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB` }
  }
  let content: Record<string, unknown>
  if (Buffer.isBuffer(signed)) {
    const signature = annotations[COSIGN_SIGNATURE]
    if (typeof signature !== 'string' || !isBase64(signature.trim())) {
      return { reason: `the signature layer has no base64 ${COSIGN_SIGNATURE} annotation` }
    }
    content = {
      messageSignature: {
        messageDigest: { algorithm: 'SHA2_256', digest: createHash('sha256').update(signed).digest('base64') },
        signature: signature.trim()
      }
    }
  } else {
    content = signed
  }
  const tlogEntries: unknown[] = []
  const rekor = annotations[COSIGN_BUNDLE]
  if (rekor !== undefined) {
    const entry = rekorBundleEntry(rekor)
    if ('reason' in entry) return entry
    tlogEntries.push(entry.entry)
  }
  const rfc3161Timestamps: unknown[] = []
  const ts = annotations[COSIGN_TIMESTAMP]
  if (ts !== undefined) {
    let signed: unknown
    try {
      signed = (JSON.parse(ts) as { SignedRFC3161Timestamp?: unknown }).SignedRFC3161Timestamp
    } catch {
      return { reason: `annotation ${COSIGN_TIMESTAMP} is not JSON` }
    }
    if (typeof signed !== 'string' || !isBase64(signed))
      return { reason: `annotation ${COSIGN_TIMESTAMP} has no base64 SignedRFC3161Timestamp` }
    rfc3161Timestamps.push({ signedTimestamp: signed })
  }
  const certificate = annotations[COSIGN_CERTIFICATE]
  let key: Record<string, unknown>
  if (certificate === undefined || certificate.trim() === '') {
    key = { publicKey: { hint: '' } }
  } else {
    const der = pemToDer(certificate)
    if (der === undefined) return { reason: `annotation ${COSIGN_CERTIFICATE} is not a PEM certificate` }
    // The chain annotation is not needed: the trusted root supplies the CA certificates.
    key = { x509CertificateChain: { certificates: [{ rawBytes: der.toString('base64') }] } }
  }
  // v0.1 carries a signed entry timestamp without an inclusion proof, as cosign's Rekor bundle does; with no log
  // entry at all, v0.2 (which allows a certificate chain and no entry).
  const mediaType = tlogEntries.length > 0 ? BUNDLE_V01_MEDIA_TYPE : BUNDLE_V02_MEDIA_TYPE
  const verificationMaterial: Record<string, unknown> = { ...key, tlogEntries }
  if (rfc3161Timestamps.length > 0) verificationMaterial.timestampVerificationData = { rfc3161Timestamps }
  return { bundle: { mediaType, verificationMaterial, ...content } }
}

/** cosign's Rekor bundle annotation: `{SignedEntryTimestamp, Payload: {body, integratedTime, logIndex, logID}}`. */
function rekorBundleEntry(text: string): { entry: unknown } | { reason: string } {
  const bad = { reason: `annotation ${COSIGN_BUNDLE} is not a Rekor bundle` }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return bad
  }
  const set = (json as { SignedEntryTimestamp?: unknown })?.SignedEntryTimestamp
  const p = (json as { Payload?: Record<string, unknown> })?.Payload
  if (typeof set !== 'string' || !isBase64(set) || typeof p !== 'object' || p === null) return bad
  const { body, integratedTime, logIndex, logID } = p
  if (typeof body !== 'string' || !isBase64(body) || typeof logID !== 'string' || !/^[0-9a-f]{64}$/.test(logID))
    return bad
  if (!Number.isSafeInteger(integratedTime) || !Number.isSafeInteger(logIndex)) return bad
  let kind: unknown
  let version: unknown
  try {
    const b = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as { kind?: unknown; apiVersion?: unknown }
    kind = b.kind
    version = b.apiVersion
  } catch {
    return bad
  }
  if (typeof kind !== 'string' || typeof version !== 'string') return bad
  return {
    entry: {
      logIndex: String(logIndex),
      logId: { keyId: Buffer.from(logID, 'hex').toString('base64') },
      kindVersion: { kind, version },
      integratedTime: String(integratedTime),
      inclusionPromise: { signedEntryTimestamp: set },
      canonicalizedBody: body
    }
  }
}

function isBase64(s: string): boolean {
  return s.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(s)
}

function pemToDer(pem: string): Buffer | undefined {
  const m = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(pem)
  if (m === undefined || m === null) return undefined
  const der = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')
  return der.length > 0 ? der : undefined
}
