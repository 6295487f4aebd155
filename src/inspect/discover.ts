import type { Descriptor } from '../oci/manifest.js'
import { IMAGE_TYPES } from '../oci/mediatypes.js'
import type { RegistryClient, Repo } from '../registry/client.js'
import { CONFIG_LIMIT, MANIFEST_LIMIT, digestTag } from '../registry/client.js'
import { RegistryError, describeError } from '../registry/errors.js'
import type { ProvenanceClaim } from '../model/trust.js'
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
  /**
   * The places looked in only when what this discovery lists does not satisfy the rules (cosign's `.sig` and `.att`
   * tags, after the referrers): their listing, a discovery of its own whose `looked` adds to this one's.
   */
  more?: () => Promise<Discovery>
}

/**
 * What one digest (or one index's attestations) may still read: its own bound on bytes, then the run's budget.
 * Reserved before a body is read; the run's share is given back by whoever verifies it.
 */
class Account {
  private spent = 0

  constructor(
    private readonly budget: SignatureBudget,
    private readonly what: string
  ) {}

  async reserve(bytes: number): Promise<{ release: () => void } | { kind: 'past'; bound: string }> {
    if (this.spent + bytes > SIGNATURE_BYTES_PER_DIGEST) {
      return {
        kind: 'past',
        bound: `the signatures and attestations of ${this.what} are over ${MiB(SIGNATURE_BYTES_PER_DIGEST)}; the rest were not read`
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
 * Finds the signatures and attestations of one digest: first the referrers API (or the referrers tag schema when the
 * registry has none), where one request lists every signature and attestation; cosign's `.sig` and `.att` tags
 * only on demand (`more`), when what the referrers list does not satisfy the rules. What a place lists is read
 * later, one by one, only as far as needed (`pending`). A listing that fails, other than "not found", makes the
 * discovery an error: the gate cannot say "unsigned" about what it could not read. Never throws.
 */
export async function discoverSignatures(
  client: RegistryClient,
  repo: Repo,
  digest: string,
  budget: SignatureBudget
): Promise<Discovery> {
  const account = new Account(budget, digest)
  try {
    const referrers = await listReferrers(client, repo, digest, account)
    const skipped =
      referrers.others > 0
        ? ` (${referrers.others} referrer${referrers.others === 1 ? '' : 's'} of other types, not read)`
        : ''
    const asked =
      referrers.place === 'referrers API'
        ? `referrers API${skipped}`
        : `referrers API (not offered), ${referrers.place}${skipped}`
    const found: Discovery = {
      digest,
      looked: [asked],
      error: undefined,
      pending: referrers.pending,
      cut: referrers.cut ? [referrers.cut] : [],
      release: noop
    }
    const more = legacyTags(client, repo, digest, account)
    if (more) found.more = more
    // Read once per run by the client (inspection fetched it already): no extra request in the usual case.
    if (referrers.pending.length > 0) found.manifest = (await client.getManifest(repo, digest)).body
    return found
  } catch (e) {
    return failedDiscovery(e, repo, digest, ['referrers API', `referrers tag ${digestTag(digest)}`])
  }
}

function failedDiscovery(e: unknown, repo: Repo, digest: string, looked: string[]): Discovery {
  const host = e instanceof RegistryError && e.host !== undefined ? e.host : repo.registry
  return { digest, looked, error: { host, message: describeError(e) }, pending: [], cut: [], release: noop }
}

/**
 * cosign's `.sig` and `.att` tags of a digest, listed together when called (undefined: a sha512 digest, whose tags
 * would be over the 128 characters a tag may have). Their listing holds its share of the run's budget until the
 * digest is checked (`release`).
 */
function legacyTags(
  client: RegistryClient,
  repo: Repo,
  digest: string,
  account: Account
): (() => Promise<Discovery>) | undefined {
  const tags = ['.sig', '.att'].map(suffix => digestTag(digest, suffix)).filter(t => t.length <= 128)
  if (tags.length === 0) return undefined
  const looked = tags.map(t => `tag ${t}`)
  return async () => {
    const holds: Array<() => void> = []
    const release = (): void => holds.splice(0).forEach(r => r())
    // Settled, not raced: a listing still under way when another fails would hold its share past the release.
    const settled = await Promise.allSettled(
      tags.map(t => listLegacy(client, repo, t, t.endsWith('.sig') ? 'cosign-sig' : 'cosign-att', account))
    )
    for (const s of settled) if (s.status === 'fulfilled' && s.value.release) holds.push(s.value.release)
    const rejected = settled.find(s => s.status === 'rejected')
    if (rejected) {
      release()
      return failedDiscovery(rejected.reason, repo, digest, looked)
    }
    const all = settled.map(s => (s as PromiseFulfilledResult<Listed>).value)
    return {
      digest,
      looked,
      error: undefined,
      pending: interleave(all.map(l => l.pending)),
      cut: all.flatMap(l => (l.cut ? [l.cut] : [])),
      release
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
  if (layer.size > SIGNATURE_LAYER_LIMIT)
    return {
      kind: 'past',
      bound: `${what} is ${layer.size} bytes, over the ${MiB(SIGNATURE_LAYER_LIMIT)} a signature or attestation may be; not read`
    }
  const hold = await account.reserve(layer.size)
  if ('kind' in hold) return hold
  try {
    return {
      kind: 'read',
      body: await client.getBlob(repo, layer, SIGNATURE_LAYER_LIMIT, { keep: false }),
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

/**
 * BuildKit's unsigned provenance: the SLSA statements in an index's attestation manifests (`unknown/unknown`).
 * Nothing signs them, so they are shown as claims (builder, source), never taken as proof. Read only when a
 * provenance rule applies, within the same bounds as signatures (the index's own, and the run's budget, each
 * statement let go once read); a claim that cannot be read is left out (it could prove nothing anyway).
 */
export async function readProvenanceClaims(
  client: RegistryClient,
  repo: Repo,
  attestations: Descriptor[],
  budget: SignatureBudget
): Promise<ProvenanceClaim[]> {
  const account = new Account(budget, 'the index')
  const claims = await Promise.all(
    attestations.slice(0, MAX_SIGNATURE_MANIFESTS).map(async (d): Promise<ProvenanceClaim[]> => {
      try {
        const hold = await account.reserve(d.size)
        if ('kind' in hold) return []
        let layers: Descriptor[]
        try {
          const m = await client.readManifest(repo, d.digest, d.size)
          if (m.manifest.kind !== 'image') return []
          layers = m.manifest.layers
            .filter(
              l =>
                l.mediaType === IN_TOTO_LAYER &&
                (l.annotations?.[PREDICATE_ANNOTATION] ?? '').startsWith('https://slsa.dev/provenance/')
            )
            .slice(0, MAX_SIGNATURE_LAYERS)
        } finally {
          hold.release()
        }
        const out: ProvenanceClaim[] = []
        for (const l of layers) {
          const claim = await readClaim(client, repo, l, d, account)
          if (claim) out.push(claim)
        }
        return out
      } catch {
        return []
      }
    })
  )
  return claims.flat()
}

/** One statement, read, parsed and let go (its bytes referenced by this call alone), or undefined. */
async function readClaim(
  client: RegistryClient,
  repo: Repo,
  l: Descriptor,
  d: Descriptor,
  account: Account
): Promise<ProvenanceClaim | undefined> {
  const read = await readLayer(client, repo, 'an attestation layer', l, account)
  if (read.kind !== 'read') return undefined
  try {
    return claimOf(JSON.parse(read.body.toString('utf8')), l, d)
  } catch {
    return undefined
  } finally {
    read.release()
  }
}

function claimOf(doc: unknown, l: Descriptor, d: Descriptor): ProvenanceClaim {
  const predicateType = text(at(doc, 'predicateType')) ?? l.annotations![PREDICATE_ANNOTATION]!
  const subjects = Array.isArray(at(doc, 'subject')) ? (at(doc, 'subject') as unknown[]) : []
  const sha = subjects.map(s => text(at(s, 'digest', 'sha256'))).find(x => x !== undefined)
  const claim: ProvenanceClaim = {
    subject: sha ? `sha256:${sha}` : (d.annotations?.['vnd.docker.reference.digest'] ?? ''),
    predicateType
  }
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
