/**
 * Discovery results → verified facts. Every signature is verified before its payload is read; a payload is only
 * believed when its signature verified. Nothing here judges: src/policy/rules/ decides what the facts mean for
 * each rule set.
 */
import type { Discovery, DiscoveredArtifact, DiscoveredLayer } from './discover.js'
import type { PublicKey } from '../trust/keys.js'
import type { PayloadMeaning } from '../trust/payload.js'
import {
  SIMPLE_SIGNING,
  parseEnvelope,
  preAuthEncoding,
  simpleSigningSubjects,
  statementSubjects
} from '../trust/payload.js'
import type { DigestTrust, SignatureFact, Signer, TrustFacts } from '../model/trust.js'
import { findKey } from '../trust/verify-key.js'
import type { ImageFacts } from '../model/facts.js'
import { platformLabel } from '../model/facts.js'

export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature'
export const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate'

/** The outcome of a Sigstore verification (src/trust/verify.ts's shape). */
export type SigstoreOutcome =
  | {
      verified: true
      signer: Signer
      content:
        | { kind: 'message'; digest: { algorithm: string; hex: string } }
        | { kind: 'dsse'; payloadType: string; payload: Buffer }
      time?: Date
      bundleVersion?: string
    }
  | { verified: false; reason: string; signer?: Signer; unsupported?: boolean }

/** Keyless and bundle verification, when the build has it. */
export interface SigstoreVerifier {
  /** `artifact`: the bytes a message signature signs (the image manifest, for a bundle found as its referrer). */
  verifyBundle(bundle: unknown, artifact?: Buffer): SigstoreOutcome
  verifyCosignSignature(payload: Buffer, annotations: Record<string, string>): SigstoreOutcome
  /** cosign 2's keyless `.att` layer: a DSSE envelope, its certificate and Rekor entry in annotations. */
  verifyCosignAttestation?(envelope: Buffer, annotations: Record<string, string>): SigstoreOutcome
}

export interface TrustContext {
  /** Every key some applicable rule set accepts: a signature is verified against each. */
  keys: PublicKey[]
  sigstore?: SigstoreVerifier
  /**
   * The predicate types whose verified statements the run keeps (`SignatureFact.statement`): an SBOM, a
   * vulnerability report, what a condition reads. When set, a digest's listing is read on past the trust rules'
   * satisfaction, until `statementsFound` says enough was found, or to its end.
   */
  predicates?: (predicateType: string) => boolean
  /**
   * Whether one digest's facts hold every statement the run asked for (verified, naming that digest); without it,
   * a listing is read to its end whenever `predicates` is set. Also decides whether an index's platforms are read
   * when its top level satisfies the trust rules.
   */
  statementsFound?: (facts: DigestTrust) => boolean
}

type Verdict = Pick<
  SignatureFact,
  'verified' | 'reason' | 'unsupported' | 'signer' | 'subjects' | 'predicateType' | 'time' | 'statement'
>

const bad = (reason: string, extra: Partial<Verdict> = {}): Verdict => ({
  verified: false,
  reason,
  subjects: [],
  ...extra
})

function withMeaning(signer: Signer, meaning: PayloadMeaning, time?: Date): Verdict {
  if (!meaning.ok) return bad(`the signature verifies, but ${meaning.reason}`, { signer, unsupported: true })
  const v: Verdict = { verified: true, signer, subjects: meaning.subjects }
  if (meaning.predicateType !== undefined) v.predicateType = meaning.predicateType
  if (meaning.statement) v.statement = meaning.statement
  if (time) v.time = time.toISOString()
  return v
}

function fromSigstore(outcome: SigstoreOutcome, ctx: TrustContext, simpleSigning?: Buffer): Verdict {
  if (!outcome.verified)
    return bad(outcome.reason, {
      ...(outcome.signer ? { signer: outcome.signer } : {}),
      ...(outcome.unsupported ? { unsupported: true } : {})
    })
  if (outcome.content.kind === 'dsse')
    return withMeaning(
      outcome.signer,
      statementSubjects(outcome.content.payloadType, outcome.content.payload, ctx.predicates),
      outcome.time
    )
  if (simpleSigning) return withMeaning(outcome.signer, simpleSigningSubjects(simpleSigning), outcome.time)
  const d = outcome.content.digest
  return withMeaning(
    outcome.signer,
    { ok: true, subjects: [`${d.algorithm.toLowerCase().replace('-', '')}:${d.hex}`] },
    outcome.time
  )
}

/** Signatures of one DSSE envelope tried at most (an envelope carries one, or a few when keys rotate). */
const MAX_ENVELOPE_SIGNATURES = 16

const NO_KEYLESS = 'a keyless (certificate) signature, which this build of the gate cannot verify yet'
const NO_KEYS = 'signed with a key, but no signature-keys were given to verify it with'

/** cosign's legacy `.sig`: each simple-signing layer, its signature in an annotation. */
function verifySimpleSigning(layer: DiscoveredLayer, ctx: TrustContext): Verdict {
  const annotations = layer.descriptor.annotations ?? {}
  if (layer.descriptor.mediaType !== SIMPLE_SIGNING)
    return bad(`unsupported layer type ${layer.descriptor.mediaType.slice(0, 100)}`, { unsupported: true })
  if (annotations[CERTIFICATE_ANNOTATION]) {
    return ctx.sigstore
      ? fromSigstore(ctx.sigstore.verifyCosignSignature(layer.body, annotations), ctx, layer.body)
      : bad(NO_KEYLESS, { unsupported: true })
  }
  const sig = annotations[SIGNATURE_ANNOTATION]
  if (!sig) return bad(`the layer has no ${SIGNATURE_ANNOTATION} annotation`)
  if (ctx.keys.length === 0) return bad(NO_KEYS)
  const key = findKey(ctx.keys, layer.body, Buffer.from(sig, 'base64'))
  if (!key)
    return bad('the signature does not verify with any key of signature-keys: another key made it, or it was altered')
  return withMeaning({ kind: 'key', fingerprint: key.fingerprint }, simpleSigningSubjects(layer.body))
}

/** cosign's legacy `.att`: each layer a DSSE envelope. */
function verifyEnvelopeLayer(layer: DiscoveredLayer, ctx: TrustContext): Verdict {
  const annotations = layer.descriptor.annotations ?? {}
  if (annotations[CERTIFICATE_ANNOTATION]) {
    // cosign 2's keyless `.att`: the certificate and Rekor entry ride in annotations beside a DSSE envelope; cosign 3
    // and GitHub's attest actions store the same as a Sigstore bundle.
    if (!ctx.sigstore?.verifyCosignAttestation) return bad(NO_KEYLESS, { unsupported: true })
    return fromSigstore(ctx.sigstore.verifyCosignAttestation(layer.body, annotations), ctx)
  }
  const env = parseEnvelope(layer.body)
  if ('reason' in env) return bad(env.reason, { unsupported: true })
  if (ctx.keys.length === 0) return bad(NO_KEYS)
  const pae = preAuthEncoding(env.payloadType, env.payload)
  // The envelope's signatures are the registry's to choose: a few are tried, and the first that verifies wins.
  let key: ReturnType<typeof findKey>
  for (const s of env.signatures.slice(0, MAX_ENVELOPE_SIGNATURES)) if ((key = findKey(ctx.keys, pae, s))) break
  if (!key)
    return bad(
      'the envelope signature does not verify with any key of signature-keys: another key made it, or it was altered'
    )
  return withMeaning(
    { kind: 'key', fingerprint: key.fingerprint },
    statementSubjects(env.payloadType, env.payload, ctx.predicates)
  )
}

/**
 * A Sigstore bundle: the referrer manifest's one layer. A message signature (not DSSE) signs the manifest it refers
 * to, so its artifact is that manifest's bytes: the bundle's message digest must be the image digest.
 */
function verifyBundleLayer(artifact: DiscoveredArtifact, ctx: TrustContext, manifest: Buffer | undefined): Verdict {
  if (artifact.layers.length !== 1)
    return bad(`a Sigstore bundle manifest has ${artifact.layers.length} layers, not 1`, { unsupported: true })
  let bundle: unknown
  try {
    bundle = JSON.parse(artifact.layers[0]!.body.toString('utf8'))
  } catch {
    return bad('the bundle is not valid JSON')
  }
  if (!ctx.sigstore)
    return bad('a Sigstore bundle, which this build of the gate cannot verify yet', { unsupported: true })
  return fromSigstore(ctx.sigstore.verifyBundle(bundle, manifest), ctx)
}

function formatOf(a: DiscoveredArtifact): string {
  if (a.kind === 'cosign-sig') return 'cosign signature (simple signing)'
  if (a.kind === 'cosign-att') return 'cosign attestation (DSSE)'
  const v = /bundle\.(v[0-9.]+)\+json/.exec(a.artifactType ?? '')?.[1]
  return `Sigstore bundle${v ? ` ${v}` : ''}`
}

/** Verifies one artifact that was read: one fact per layer (a bundle is one). `manifest`: the bytes a message signature signs. */
export function verifyArtifact(a: DiscoveredArtifact, ctx: TrustContext, manifest?: Buffer): SignatureFact[] {
  const verdicts = a.problem
    ? [bad(a.problem.reason, a.problem.unsupported ? { unsupported: true } : {})]
    : a.kind === 'bundle'
      ? [verifyBundleLayer(a, ctx, manifest)]
      : a.layers.map(l => (a.kind === 'cosign-sig' ? verifySimpleSigning(l, ctx) : verifyEnvelopeLayer(l, ctx)))
  return verdicts.map(v => ({ place: a.place, format: formatOf(a), manifest: a.digest, ...v }))
}

/** Signatures of one digest read at once; the rest wait their turn, and are not read once the rules are satisfied. */
const READ_AT_ONCE = 8

/** Enough was read of one digest: the trust rules are satisfied, and every statement asked for was found. */
function enough(facts: DigestTrust, ctx: TrustContext, satisfied: (facts: DigestTrust) => boolean): boolean {
  if (!satisfied(facts)) return false
  if (!ctx.predicates) return true
  return ctx.statementsFound?.(facts) ?? false
}

/**
 * Reads and verifies what one discovery lists, in its order, until `satisfied` says the facts so far satisfy every
 * trust rule and every statement the run asks for was found (the rest is not read), or nothing is left. Each artifact's bytes go back to the run's budget as soon as
 * it is verified. What could not be read, and the bounds the listing was cut at, are kept as `error` and `unread`:
 * unless what was read is accepted, the digest is "could not check", never "no accepted signature".
 */
export async function checkDigest(
  d: Discovery,
  ctx: TrustContext,
  satisfied: (facts: DigestTrust) => boolean,
  platform?: string
): Promise<DigestTrust> {
  const out: DigestTrust = { digest: d.digest, looked: d.looked, signatures: [] }
  if (platform !== undefined) out.platform = platform
  try {
    if (d.error) {
      out.error = d.error
      return out
    }
    const found: SignatureFact[][] = []
    const unread = new Set<string>()
    let next = 0
    let done = false
    // One artifact, start to end: its bytes are referenced by this call alone, and let go when it returns (a loop
    // that awaited the next read with the last one still in a variable would hold it meanwhile).
    const take = async (at: number): Promise<void> => {
      const outcome = await d.pending[at]!.read()
      if (outcome.kind === 'failed') out.error ??= outcome.error
      else if (outcome.kind === 'past') unread.add(outcome.bound)
      else {
        try {
          found[at] = verifyArtifact(outcome.artifact, ctx, d.manifest)
        } finally {
          outcome.release()
        }
        // In listing order, whatever order the reads finished in.
        out.signatures = found.flat()
        if (enough(out, ctx, satisfied)) done = true
      }
    }
    const worker = async (): Promise<void> => {
      while (!done && next < d.pending.length) await take(next++)
    }
    await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, d.pending.length) }, worker))
    out.signatures = found.flat()
    const bounds = [...d.cut, ...unread]
    if (!done && bounds.length > 0) out.unread = bounds
    return out
  } finally {
    d.release()
  }
}

/**
 * The trust facts of one image: its top-level digest's, and when that does not satisfy the rules, each platform's.
 * `discover` lists; it is given, so that this module never talks to a registry. `satisfied` says whether one
 * digest's facts satisfy every trust rule that applies to the image.
 */
export async function establishTrust(
  facts: ImageFacts,
  ctx: TrustContext,
  discover: (digest: string) => Promise<Discovery>,
  satisfied: (facts: DigestTrust) => boolean
): Promise<TrustFacts> {
  const top = await checkDigest(await discover(facts.digest), ctx, satisfied)
  const trust: TrustFacts = { top, platforms: [], claims: [] }
  // A statement for the index digest covers every platform; short of one, each platform's own are looked for.
  if (facts.kind === 'index' && !enough(top, ctx, satisfied)) {
    trust.platforms = await Promise.all(
      facts.platforms.map(async p => checkDigest(await discover(p.digest), ctx, satisfied, platformLabel(p)))
    )
  }
  return trust
}
