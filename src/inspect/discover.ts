import type { Descriptor } from '../oci/manifest.js'
import { IMAGE_TYPES } from '../oci/mediatypes.js'
import type { RegistryClient, Repo } from '../registry/client.js'
import { CONFIG_LIMIT, MANIFEST_LIMIT, digestTag } from '../registry/client.js'
import { RegistryError, describeError } from '../registry/errors.js'
import type { InIndexStatement, InIndexStatementProblem, ProvenanceClaim } from '../model/trust.js'
import { digestProblem } from '../core/digest.js'
import type { SignatureBudget } from './signature-budget.js'

/** Sigstore bundles as OCI 1.1 referrers: `application/vnd.dev.sigstore.bundle.v0.3+json` and earlier versions. */
export const BUNDLE_ARTIFACT_PREFIX = 'application/vnd.dev.sigstore.bundle'
/** At most this many signature manifests are read per digest from its referrers; past it the rest are not read. */
export const MAX_SIGNATURE_MANIFESTS = 32
/** At most this many layers (signatures, envelopes) are read per cosign `.sig`/`.att` manifest. */
export const MAX_SIGNATURE_LAYERS = 16
/** At most this many bytes of signatures and attestations (referrer manifests and layers) are read per digest. */
export const SIGNATURE_BYTES_PER_DIGEST = 32 << 20
/** The run's budget: bytes of signatures and attestations held at once, every image and platform together. */
export const SIGNATURE_BYTES_BUDGET = 64 << 20
/** How long a read waits for the run's budget before its digest is "could not check". */
export const SIGNATURE_BUDGET_WAIT_MS = 60_000
/** A signature layer or bundle larger than this is not read (a real one is a few KiB; an SBOM attestation, MiBs). */
const SIGNATURE_LAYER_LIMIT = CONFIG_LIMIT
/** The largest SBOM read (docs/architecture.md, bounds). */
export const SBOM_BYTES_LIMIT = 64 << 20
/** An in-toto statement of a type the run asks for: the largest SBOM, with its statement's wrapping. */
export const STATEMENT_LIMIT = SBOM_BYTES_LIMIT + (1 << 20)
/** A DSSE envelope or Sigstore bundle carrying such a statement: base64 makes it 4/3 as large, plus its signatures. */
export const STATEMENT_LAYER_LIMIT = Math.ceil((STATEMENT_LIMIT * 4) / 3) + (1 << 20)
/** The run's budget when statements are asked for: the largest envelope, and the signatures read beside it. */
export const STATEMENT_BYTES_BUDGET = STATEMENT_LAYER_LIMIT + SIGNATURE_BYTES_BUDGET
/** What a layer descriptor kept until its digest is checked is charged, besides its annotations. */
const DESCRIPTOR_BYTES = 256
const MiB = (n: number): string => `${Math.round(n / (1 << 20))} MiB`

export interface DiscoveredLayer {
  descriptor: Descriptor
  /** The blob, verified against the descriptor's digest and size. */
  body: Buffer
}

/** One manifest that carries signatures or attestations, with the layers of it that were read. */
export interface DiscoveredArtifact {
  /** `referrers API`, `referrers tag sha256-…`, `tag sha256-….sig`, `tag sha256-….att`. */
  place: string
  kind: 'bundle' | 'cosign-sig' | 'cosign-att'
  /** The manifest's digest. */
  digest: string
  artifactType: string | undefined
  /** The manifest's `subject` digest, when it has one. */
  subject: string | undefined
  layers: DiscoveredLayer[]
  /** Why it cannot hold a signature, found without reading its layers (a referrer that is an index, say). */
  problem?: { reason: string; unsupported?: boolean }
}

/** What became of reading one pending artifact. Never a throw: a failure is an outcome. */
export type ReadOutcome =
  /** Read: `release` gives its bytes back to the run's budget, once it is verified. */
  | { kind: 'read'; artifact: DiscoveredArtifact; release: () => void }
  /** The registry failed, or sent what does not hash to its digest: could not check. */
  | { kind: 'failed'; error: { host: string; message: string } }
  /** A bound was reached before it was read (the digest's bytes, the run's budget, a layer's size): could not check. */
  | { kind: 'past'; bound: string }

/** A signature or attestation found listed, not read yet: read only if what was read before does not suffice. */
export interface PendingArtifact {
  place: string
  read(): Promise<ReadOutcome>
}

export interface Discovery {
  digest: string
  /** Every place that was looked in. */
  looked: string[]
  /** Discovery failed: the places could not all be listed. */
  error: { host: string; message: string } | undefined
  /** What the places list that may be a signature or attestation, in the order to read them. */
  pending: PendingArtifact[]
  /** The bounds the listing was cut at ("more than 32 signature manifests in …"): could not check, unless what was read suffices. */
  cut: string[]
  /**
   * The bytes of the manifest at `digest` (verified: they hash to it), read when a Sigstore bundle is listed: they
   * are the artifact a bundle's message signature signs.
   */
  manifest?: Buffer
  /** Gives back what the listing holds of the run's budget; called once the digest is checked (more calls: no-ops). */
  release(): void
}

/**
 * What one digest (or one index's attestations) may still read: its own bound on bytes, then the run's budget.
 * Reserved before a body is read; the run's share is given back by whoever verifies it.
 */
class Account {
  private spent = 0

  constructor(
    private readonly budget: SignatureBudget,
    private readonly what: string,
    /** Bytes this digest may read in all. */
    private readonly limit = SIGNATURE_BYTES_PER_DIGEST,
    /** Bytes one layer may be. */
    readonly layerLimit = SIGNATURE_LAYER_LIMIT
  ) {}

  async reserve(bytes: number): Promise<{ release: () => void } | { kind: 'past'; bound: string }> {
    if (this.spent + bytes > this.limit) {
      return {
        kind: 'past',
        bound: `the signatures and attestations of ${this.what} are over ${MiB(this.limit)}; the rest were not read`
      }
    }
    this.spent += bytes
    return this.hold(bytes)
  }

  /** The run's budget alone (what a listing keeps until its digest is checked). */
  async hold(bytes: number): Promise<{ release: () => void } | { kind: 'past'; bound: string }> {
    const release = await this.budget.reserve(bytes)
    return release
      ? { release }
      : { kind: 'past', bound: `signature bytes past the run's budget of ${MiB(this.budget.total)}` }
  }
}

const failed = (e: unknown, repo: Repo): Extract<ReadOutcome, { kind: 'failed' }> => ({
  kind: 'failed',
  error: {
    host: e instanceof RegistryError && e.host !== undefined ? e.host : repo.registry,
    message: describeError(e)
  }
})
const noop = (): void => {}

/**
 * Finds the signatures and attestations of one digest in all three places: the referrers API (or the
 * referrers tag schema when the registry has none), and cosign's `.sig` and `.att` tags. All three are listed at
 * once; what they list is read later, one by one, only as far as needed (`pending`). A listing that fails, other
 * than "not found", makes the whole discovery an error: the gate cannot say "unsigned" about what it could not
 * read. Never throws. `statements`: the run asks for statements (an SBOM), which may be larger than a signature:
 * a layer may be STATEMENT_LAYER_LIMIT bytes, and the digest may read that much more.
 */
export async function discoverSignatures(
  client: RegistryClient,
  repo: Repo,
  digest: string,
  budget: SignatureBudget,
  opts: { statements?: boolean } = {}
): Promise<Discovery> {
  // A tag is at most 128 characters: a sha512 digest has no cosign tags.
  const tags = ['.sig', '.att'].map(suffix => digestTag(digest, suffix)).filter(t => t.length <= 128)
  const legacyPlaces = tags.map(t => `tag ${t}`)
  const account = opts.statements
    ? new Account(budget, digest, SIGNATURE_BYTES_PER_DIGEST + STATEMENT_LAYER_LIMIT, STATEMENT_LAYER_LIMIT)
    : new Account(budget, digest)
  const holds: Array<() => void> = []
  const release = (): void => holds.splice(0).forEach(r => r())
  try {
    // Settled, not raced: a listing still under way when another fails would hold its share past the release.
    const settled = await Promise.allSettled([
      listReferrers(client, repo, digest, account),
      ...tags.map(t => listLegacy(client, repo, t, t.endsWith('.sig') ? 'cosign-sig' : 'cosign-att', account))
    ])
    for (const s of settled) if (s.status === 'fulfilled' && s.value.release) holds.push(s.value.release)
    const rejected = settled.find(s => s.status === 'rejected')
    if (rejected) throw rejected.reason
    const [referrers, ...legacies] = settled.map(s => (s as PromiseFulfilledResult<Listed>).value)
    const skipped =
      referrers!.others > 0
        ? ` (${referrers!.others} referrer${referrers!.others === 1 ? '' : 's'} of other types, not read)`
        : ''
    const asked =
      referrers!.place === 'referrers API'
        ? `referrers API${skipped}`
        : `referrers API (not offered), ${referrers!.place}${skipped}`
    const all = [referrers!, ...legacies]
    const found: Discovery = {
      digest,
      looked: [asked, ...legacyPlaces],
      error: undefined,
      pending: interleave(all.map(l => l.pending)),
      cut: all.flatMap(l => (l.cut ? [l.cut] : [])),
      release
    }
    // Read once per run by the client (inspection fetched it already): no extra request in the usual case.
    if (referrers!.pending.length > 0) found.manifest = (await client.getManifest(repo, digest)).body
    return found
  } catch (e) {
    release()
    const host = e instanceof RegistryError && e.host !== undefined ? e.host : repo.registry
    return {
      digest,
      looked: ['referrers API', `referrers tag ${digestTag(digest)}`, ...legacyPlaces],
      error: { host, message: describeError(e) },
      pending: [],
      cut: [],
      release: noop
    }
  }
}

interface Listed {
  place: string
  pending: PendingArtifact[]
  cut?: string
  /** Referrers listed that are not signatures (not read). */
  others: number
  release?: () => void
}

/** The lists taken in turn, one from each: a place full of junk does not keep the others' signatures waiting. */
function interleave<T>(lists: T[][]): T[] {
  const out: T[] = []
  const longest = Math.max(0, ...lists.map(l => l.length))
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]!)
  return out
}

/**
 * The referrers that may be Sigstore bundles, judged by their descriptors alone (no request): an image manifest
 * whose artifact type is a bundle's. The listing only chooses what to read: each is fetched by digest and judged
 * on its own.
 */
async function listReferrers(client: RegistryClient, repo: Repo, digest: string, account: Account): Promise<Listed> {
  const referrers = await client.getReferrers(repo, digest)
  const place = referrers.via === 'api' ? 'referrers API' : `referrers tag ${referrers.tag!}`
  const candidates = referrers.descriptors.filter(
    d => IMAGE_TYPES.includes(d.mediaType) && d.artifactType?.startsWith(BUNDLE_ARTIFACT_PREFIX)
  )
  // Only the digest and size of each are kept: the list itself is let go.
  const chosen = candidates.slice(0, MAX_SIGNATURE_MANIFESTS).map(d => ({ digest: d.digest, size: d.size }))
  const listed: Listed = {
    place,
    pending: chosen.map(d => referrer(client, repo, place, d, account)),
    others: referrers.descriptors.length - candidates.length
  }
  if (candidates.length > MAX_SIGNATURE_MANIFESTS) {
    listed.cut = `more than ${MAX_SIGNATURE_MANIFESTS} signature manifests in ${place} (${candidates.length} listed; only the first ${MAX_SIGNATURE_MANIFESTS} are read)`
  }
  return listed
}

/** One referrer: its manifest by digest (let go once its layer is known), then its one layer, the bundle. */
function referrer(
  client: RegistryClient,
  repo: Repo,
  place: string,
  d: { digest: string; size: number },
  account: Account
): PendingArtifact {
  return {
    place,
    async read(): Promise<ReadOutcome> {
      try {
        if (d.size > MANIFEST_LIMIT)
          return {
            kind: 'past',
            bound: `${place} lists ${d.digest} at ${d.size} bytes, over the ${MiB(MANIFEST_LIMIT)} a manifest may be; not read`
          }
        const hold = await account.reserve(d.size)
        if ('kind' in hold) return hold
        let artifact: DiscoveredArtifact
        let layer: Descriptor | undefined
        try {
          // Read up to the size the list gives: a registry cannot send more than it announced.
          const m = await client.readManifest(repo, d.digest, d.size)
          artifact = {
            place,
            kind: 'bundle',
            digest: m.digest,
            artifactType: undefined,
            subject: undefined,
            layers: []
          }
          if (m.manifest.kind !== 'image') {
            artifact.problem = { reason: 'the referrer is an index, not a manifest' }
          } else {
            artifact.artifactType = (m.manifest.artifactType ?? m.manifest.config.mediaType).slice(0, 200)
            artifact.subject = m.manifest.subject?.digest
            // A bundle is the manifest's one layer; a second makes it unsupported, and nothing of it is read.
            if (m.manifest.layers.length !== 1)
              artifact.problem = {
                reason: `a Sigstore bundle manifest has ${m.manifest.layers.length} layers, not 1`,
                unsupported: true
              }
            else
              layer = {
                mediaType: m.manifest.layers[0]!.mediaType.slice(0, 200),
                digest: m.manifest.layers[0]!.digest,
                size: m.manifest.layers[0]!.size
              }
          }
        } finally {
          hold.release()
        }
        if (!layer) return { kind: 'read', artifact, release: noop }
        const body = await readLayer(client, repo, `the bundle of ${place} ${artifact.digest}`, layer, account)
        if (body.kind !== 'read') return body
        artifact.layers = [{ descriptor: layer, body: body.body }]
        return { kind: 'read', artifact, release: body.release }
      } catch (e) {
        return failed(e, repo)
      }
    }
  }
}

/** One layer's blob, verified, within the bounds; its bytes held in the run's budget until `release`. */
async function readLayer(
  client: RegistryClient,
  repo: Repo,
  what: string,
  layer: Descriptor,
  account: Account
): Promise<{ kind: 'read'; body: Buffer; release: () => void } | Exclude<ReadOutcome, { kind: 'read' }>> {
  if (layer.size > account.layerLimit)
    return {
      kind: 'past',
      bound: `${what} is ${layer.size} bytes, over the ${MiB(account.layerLimit)} a signature or attestation may be; not read`
    }
  const hold = await account.reserve(layer.size)
  if ('kind' in hold) return hold
  try {
    return {
      kind: 'read',
      body: await client.getBlob(repo, layer, account.layerLimit, { keep: false }),
      release: hold.release
    }
  } catch (e) {
    hold.release()
    return failed(e, repo)
  }
}

/**
 * cosign's `.sig` or `.att` tag: its manifest, and one pending artifact per layer (at most MAX_SIGNATURE_LAYERS).
 * The layer descriptors kept until the digest is checked (their annotations carry signatures, certificates, log
 * entries) are held in the run's budget.
 */
async function listLegacy(
  client: RegistryClient,
  repo: Repo,
  tag: string,
  kind: 'cosign-sig' | 'cosign-att',
  account: Account
): Promise<Listed> {
  const place = `tag ${tag}`
  const m = await client.findManifest(repo, tag)
  if (!m) return { place, pending: [], others: 0 }
  if (m.manifest.kind !== 'image')
    throw new RegistryError(
      'invalid',
      `${repo.registry}/${repo.repository}:${tag}: a cosign tag holds an index, not a manifest`,
      { host: repo.registry }
    )
  const all = m.manifest.layers
  const layers = all.slice(0, MAX_SIGNATURE_LAYERS)
  const cut =
    all.length > MAX_SIGNATURE_LAYERS
      ? `more than ${MAX_SIGNATURE_LAYERS} layers in ${place} (${all.length}; only the first ${MAX_SIGNATURE_LAYERS} are read)`
      : undefined
  const kept = layers.reduce(
    (n, l) =>
      n + DESCRIPTOR_BYTES + Object.entries(l.annotations ?? {}).reduce((a, [k, v]) => a + k.length + v.length, 0),
    0
  )
  const hold = await account.hold(kept)
  if ('kind' in hold) return { place, pending: [], cut: hold.bound, others: 0 }
  const digest = m.digest
  const artifactType = m.manifest.artifactType?.slice(0, 200)
  const subject = m.manifest.subject?.digest
  const pending = layers.map((layer): PendingArtifact => ({
    place,
    async read(): Promise<ReadOutcome> {
      try {
        const body = await readLayer(client, repo, `a layer of ${place}`, layer, account)
        if (body.kind !== 'read') return body
        return {
          kind: 'read',
          artifact: { place, kind, digest, artifactType, subject, layers: [{ descriptor: layer, body: body.body }] },
          release: body.release
        }
      } catch (e) {
        return failed(e, repo)
      }
    }
  }))
  return { place, pending, ...(cut ? { cut } : {}), others: 0, release: hold.release }
}

/** BuildKit's attestation layers say their predicate type in this annotation. */
const PREDICATE_ANNOTATION = 'in-toto.io/predicate-type'
const IN_TOTO_LAYER = 'application/vnd.in-toto+json'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const at = (v: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), v)
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, 300) : undefined)

/** BuildKit names the platform manifest an attestation manifest describes in this index-entry annotation. */
export const REFERENCE_DIGEST_ANNOTATION = 'vnd.docker.reference.digest'
/** In-index attestation manifests read at once. */
const STATEMENT_MANIFESTS_AT_ONCE = 4
const STATEMENT_TYPES = ['https://in-toto.io/Statement/v0.1', 'https://in-toto.io/Statement/v1']

export interface InIndexStatements {
  statements: InIndexStatement[]
  problems: InIndexStatementProblem[]
}

/**
 * The in-toto statements of the asked types in an index's attestation manifests (BuildKit's `unknown/unknown`
 * entries): each entry's manifest, then each layer of type `application/vnd.in-toto+json` whose
 * `in-toto.io/predicate-type` annotation `wanted` asks for, read, checked and parsed one at a time and its bytes let
 * go. Within bounds: each attestation manifest its own share (one statement of `layerLimit` bytes, and the
 * signature-sized rest), and the run's budget. What was listed and could not be used (a bound, a failure, a
 * statement that is not one or names another platform) is a problem, so that a rule relying on it can fail closed;
 * an entry that names no platform manifest describes nothing and is skipped. Never throws.
 */
export async function readInIndexStatements(
  client: RegistryClient,
  repo: Repo,
  attestations: Descriptor[],
  budget: SignatureBudget,
  wanted: (predicateType: string) => boolean,
  layerLimit = STATEMENT_LIMIT,
  keep: (predicateType: string, predicate: unknown) => unknown = (_t, p) => p
): Promise<InIndexStatements> {
  const out: InIndexStatements = { statements: [], problems: [] }
  const entries = attestations.filter(
    d => digestProblem(d.annotations?.[REFERENCE_DIGEST_ANNOTATION] ?? '') === undefined
  )
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < entries.length)
      await readAttestationManifest(client, repo, entries[next++]!, budget, { wanted, layerLimit, keep }, out)
  }
  await Promise.all(Array.from({ length: Math.min(STATEMENT_MANIFESTS_AT_ONCE, entries.length) }, worker))
  return out
}

async function readAttestationManifest(
  client: RegistryClient,
  repo: Repo,
  d: Descriptor,
  budget: SignatureBudget,
  opts: {
    wanted: (predicateType: string) => boolean
    layerLimit: number
    keep: (predicateType: string, predicate: unknown) => unknown
  },
  out: InIndexStatements
): Promise<void> {
  const { wanted, layerLimit, keep } = opts
  const subject = d.annotations![REFERENCE_DIGEST_ANNOTATION]!
  const problem = (predicateType: string, reason: string, layer?: number): void =>
    void out.problems.push({
      subject,
      predicateType: predicateType.slice(0, 200),
      manifest: d.digest,
      ...(layer !== undefined ? { layer } : {}),
      reason
    })
  const account = new Account(
    budget,
    `attestation manifest ${d.digest}`,
    SIGNATURE_BYTES_PER_DIGEST + layerLimit,
    layerLimit
  )
  let layers: Array<{ l: Descriptor; at: number }>
  try {
    if (d.size > MANIFEST_LIMIT)
      return problem(
        '',
        `the attestation manifest is ${d.size} bytes, over the ${MiB(MANIFEST_LIMIT)} a manifest may be; not read`
      )
    const hold = await account.reserve(d.size)
    if ('kind' in hold) return problem('', hold.bound)
    try {
      const m = await client.readManifest(repo, d.digest, d.size)
      if (m.manifest.kind !== 'image') return problem('', 'the attestation manifest is an index, not a manifest')
      const asked = m.manifest.layers
        .map((l, at) => ({ l, at }))
        .filter(({ l }) => l.mediaType === IN_TOTO_LAYER && wanted(l.annotations?.[PREDICATE_ANNOTATION] ?? ''))
      layers = asked.slice(0, MAX_SIGNATURE_LAYERS)
      for (const { l, at } of asked.slice(MAX_SIGNATURE_LAYERS))
        problem(
          l.annotations![PREDICATE_ANNOTATION]!,
          `more than ${MAX_SIGNATURE_LAYERS} statements of asked types; not read`,
          at
        )
    } finally {
      hold.release()
    }
  } catch (e) {
    return problem('', `could not read the attestation manifest: ${describeError(e)}`)
  }
  for (const { l, at } of layers) {
    const type = l.annotations![PREDICATE_ANNOTATION]!
    const read = await readLayer(client, repo, `the ${type.slice(0, 100)} statement of ${d.digest}`, l, account)
    if (read.kind === 'past') problem(type, read.bound, at)
    else if (read.kind === 'failed') problem(type, `could not read the statement: ${read.error.message}`, at)
    else {
      let got: ReturnType<typeof statementOf>
      try {
        got = statementOf(read.body, type, subject)
      } finally {
        read.release()
      }
      if (typeof got === 'string') problem(type, got, at)
      else
        out.statements.push({
          subject,
          predicateType: got.predicateType,
          predicate: keep(got.predicateType, got.predicate),
          manifest: d.digest,
          layer: at
        })
    }
  }
}

/** One statement's bytes → its predicate, or why it cannot be used for `subject`. */
function statementOf(
  body: Buffer,
  annotated: string,
  subject: string
): { predicateType: string; predicate: unknown } | string {
  let doc: unknown
  try {
    doc = JSON.parse(body.toString('utf8'))
  } catch {
    return 'the statement is not valid JSON'
  }
  if (!isObject(doc)) return 'the statement is not a JSON object'
  if (typeof doc._type !== 'string' || !STATEMENT_TYPES.includes(doc._type))
    return 'the layer is not an in-toto statement'
  if (doc.predicateType !== annotated)
    return `the statement's predicate type is not the ${annotated.slice(0, 100)} its layer announces`
  // BuildKit names the platform manifest as the statement's subject too: a statement about another one is not its.
  const subjects = Array.isArray(doc.subject) ? doc.subject : []
  const named = subjects.map(s => text(at(s, 'digest', 'sha256'))).filter(x => x !== undefined)
  if (named.length > 0 && !named.some(hex => `sha256:${hex}` === subject))
    return `the statement names another subject (${named
      .slice(0, 3)
      .map(h => `sha256:${h.slice(0, 12)}…`)
      .join(', ')}), not ${subject}`
  return { predicateType: annotated, predicate: doc.predicate }
}

const isProvenance = (t: string): boolean => t.startsWith('https://slsa.dev/provenance/')

/**
 * BuildKit's unsigned provenance: the SLSA statements in an index's attestation manifests (`unknown/unknown`).
 * Nothing signs them, so they are shown as claims (builder, source), never taken as proof. Read only when a
 * provenance rule applies, within the same bounds as signatures (each statement let go once read); a claim that
 * cannot be read is left out (it could prove nothing anyway).
 */
export async function readProvenanceClaims(
  client: RegistryClient,
  repo: Repo,
  attestations: Descriptor[],
  budget: SignatureBudget
): Promise<ProvenanceClaim[]> {
  const read = await readInIndexStatements(client, repo, attestations, budget, isProvenance, SIGNATURE_LAYER_LIMIT)
  return read.statements.map(claimOf)
}

function claimOf(st: InIndexStatement): ProvenanceClaim {
  const claim: ProvenanceClaim = { subject: st.subject, predicateType: st.predicateType }
  const doc = { predicate: st.predicate }
  const builder =
    text(at(doc, 'predicate', 'builder', 'id')) ?? text(at(doc, 'predicate', 'runDetails', 'builder', 'id'))
  const source =
    text(at(doc, 'predicate', 'invocation', 'configSource', 'uri')) ??
    text(at(doc, 'predicate', 'buildDefinition', 'externalParameters', 'configSource', 'uri')) ??
    text(at(doc, 'predicate', 'metadata', 'https://mobyproject.org/buildkit@v1#metadata', 'vcs', 'source')) ??
    text(
      at(doc, 'predicate', 'runDetails', 'metadata', 'https://mobyproject.org/buildkit@v1#metadata', 'vcs', 'source')
    )
  if (builder) claim.builder = builder
  if (source) claim.source = source
  return claim
}
