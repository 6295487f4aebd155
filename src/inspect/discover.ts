import type { Descriptor } from '../oci/manifest.js'
import type { RegistryClient, Repo } from '../registry/client.js'
import { CONFIG_LIMIT, digestTag } from '../registry/client.js'
import { RegistryError, describeError } from '../registry/errors.js'
import type { ProvenanceClaim } from '../trust/types.js'

/** Sigstore bundles as OCI 1.1 referrers: `application/vnd.dev.sigstore.bundle.v0.3+json` and earlier versions. */
export const BUNDLE_ARTIFACT_PREFIX = 'application/vnd.dev.sigstore.bundle'
/** At most this many signature manifests are read per digest and place; a registry cannot make the gate read more. */
export const MAX_SIGNATURE_MANIFESTS = 32
/** At most this many layers (signatures, envelopes) are read per signature manifest. */
export const MAX_SIGNATURE_LAYERS = 16
/** At most this many bytes of signature layers are read per digest: past it, the digest cannot be checked. */
export const SIGNATURE_BYTES_BUDGET = 32 << 20

/** What one digest's discovery may still read; shared by its three places. */
interface Budget {
  bytes: number
}

export interface DiscoveredLayer {
  descriptor: Descriptor
  /** The blob, verified against the descriptor's digest and size. */
  body: Buffer
}

/** One manifest that carries signatures or attestations, with its layers read. */
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
}

export interface Discovery {
  digest: string
  /** Every place that was looked in. */
  looked: string[]
  /** Discovery failed: the places could not all be read. */
  error: { host: string; message: string } | undefined
  artifacts: DiscoveredArtifact[]
  /**
   * The bytes of the manifest at `digest` (verified: they hash to it), read when a Sigstore bundle was found: they are
   * the artifact a bundle's message signature signs.
   */
  manifest?: Buffer
}

/**
 * Finds the signatures and attestations of one digest in all three places of DESIGN §7: the referrers API (or the
 * referrers tag schema when the registry has no API), and cosign's `.sig` and `.att` tags. All three are asked at
 * once. A failure other than "not found" makes the whole discovery an error: the gate cannot say "unsigned" about
 * what it could not read. Never throws.
 */
export async function discoverSignatures(client: RegistryClient, repo: Repo, digest: string): Promise<Discovery> {
  // A tag is at most 128 characters: a sha512 digest has no cosign tags.
  const tags = ['.sig', '.att'].map(suffix => digestTag(digest, suffix)).filter(t => t.length <= 128)
  const legacyPlaces = tags.map(t => `tag ${t}`)
  try {
    const budget: Budget = { bytes: SIGNATURE_BYTES_BUDGET }
    const [referrers, ...legacies] = await Promise.all([
      bundles(client, repo, digest, budget),
      ...tags.map(t => legacy(client, repo, t, t.endsWith('.sig') ? 'cosign-sig' : 'cosign-att', budget))
    ])
    const asked = referrers.place === 'referrers API' ? 'referrers API' : `referrers API (not offered), ${referrers.place}`
    const found: Discovery = { digest, looked: [asked, ...legacyPlaces], error: undefined, artifacts: [...referrers.artifacts, ...legacies.flat()] }
    // Read once per run by the client (inspection fetched it already): no extra request in the usual case.
    if (referrers.artifacts.length > 0) found.manifest = (await client.getManifest(repo, digest)).body
    return found
  } catch (e) {
    const host = e instanceof RegistryError && e.host !== undefined ? e.host : repo.registry
    return { digest, looked: ['referrers API', `referrers tag ${digestTag(digest)}`, ...legacyPlaces], error: { host, message: describeError(e) }, artifacts: [] }
  }
}

async function bundles(client: RegistryClient, repo: Repo, digest: string, budget: Budget): Promise<{ place: string; artifacts: DiscoveredArtifact[] }> {
  const referrers = await client.getReferrers(repo, digest)
  const place = referrers.via === 'api' ? 'referrers API' : `referrers tag ${referrers.tag!}`
  // The index's artifactType only chooses what to read: each manifest is fetched by digest and judged on its own.
  const wanted = referrers.descriptors.filter(d => d.artifactType?.startsWith(BUNDLE_ARTIFACT_PREFIX)).slice(0, MAX_SIGNATURE_MANIFESTS)
  const artifacts = await Promise.all(
    wanted.map(async (d): Promise<DiscoveredArtifact> => {
      const m = await client.getManifest(repo, d.digest)
      if (m.manifest.kind !== 'image') throw new RegistryError('invalid', `${repo.registry}/${repo.repository}@${d.digest}: a referrer is an index, not a manifest`, { host: repo.registry })
      // A bundle is the manifest's one layer: only the first is read (a second makes it unsupported).
      const layers = await readLayers(client, repo, m.manifest.layers.slice(0, 2), budget)
      return { place, kind: 'bundle', digest: m.digest, artifactType: m.manifest.artifactType ?? m.manifest.config.mediaType, subject: m.manifest.subject?.digest, layers }
    })
  )
  return { place, artifacts }
}

async function legacy(client: RegistryClient, repo: Repo, tag: string, kind: 'cosign-sig' | 'cosign-att', budget: Budget): Promise<DiscoveredArtifact[]> {
  const m = await client.findManifest(repo, tag)
  if (!m) return []
  if (m.manifest.kind !== 'image') throw new RegistryError('invalid', `${repo.registry}/${repo.repository}:${tag}: a cosign tag holds an index, not a manifest`, { host: repo.registry })
  const layers = await readLayers(client, repo, m.manifest.layers, budget)
  return [{ place: `tag ${tag}`, kind, digest: m.digest, artifactType: m.manifest.artifactType, subject: m.manifest.subject?.digest, layers }]
}

/**
 * The layers' blobs, each verified against its descriptor. Their declared sizes are charged to the digest's budget
 * before anything is read (a blob is never longer than its descriptor says): a registry cannot make the gate read
 * more than the budget, and one that tries makes the digest "could not check".
 */
function readLayers(client: RegistryClient, repo: Repo, layers: Descriptor[], budget: Budget): Promise<DiscoveredLayer[]> {
  const chosen = layers.slice(0, MAX_SIGNATURE_LAYERS)
  budget.bytes -= chosen.reduce((n, d) => n + d.size, 0)
  if (budget.bytes < 0) {
    throw new RegistryError('too-large', `${repo.registry}/${repo.repository}: the signatures and attestations of one image are over ${SIGNATURE_BYTES_BUDGET >> 20} MiB; not read`, { host: repo.registry })
  }
  return Promise.all(chosen.map(async descriptor => ({ descriptor, body: await client.getBlob(repo, descriptor, CONFIG_LIMIT) })))
}

/** BuildKit's attestation layers say their predicate type in this annotation. */
const PREDICATE_ANNOTATION = 'in-toto.io/predicate-type'
const IN_TOTO_LAYER = 'application/vnd.in-toto+json'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), v)
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, 300) : undefined)

/**
 * BuildKit's unsigned provenance: the SLSA statements in an index's attestation manifests (`unknown/unknown`).
 * Nothing signs them, so they are shown as claims (builder, source), never taken as proof. Read only when a
 * provenance rule applies; a claim that cannot be read is left out (it could prove nothing anyway).
 */
export async function readProvenanceClaims(client: RegistryClient, repo: Repo, attestations: Descriptor[]): Promise<ProvenanceClaim[]> {
  // One budget for all of them, as for signatures: the registry cannot make the gate read more.
  const budget: Budget = { bytes: SIGNATURE_BYTES_BUDGET }
  const claims = await Promise.all(
    attestations.slice(0, MAX_SIGNATURE_MANIFESTS).map(async (d): Promise<ProvenanceClaim[]> => {
      try {
        const m = await client.getManifest(repo, d.digest)
        if (m.manifest.kind !== 'image') return []
        const layers = m.manifest.layers.filter(
          l => l.mediaType === IN_TOTO_LAYER && (l.annotations?.[PREDICATE_ANNOTATION] ?? '').startsWith('https://slsa.dev/provenance/')
        )
        const out: ProvenanceClaim[] = []
        for (const { descriptor: l, body } of await readLayers(client, repo, layers, budget)) {
          const doc: unknown = JSON.parse(body.toString('utf8'))
          const predicateType = text(at(doc, 'predicateType')) ?? l.annotations![PREDICATE_ANNOTATION]!
          const subjects = Array.isArray(at(doc, 'subject')) ? (at(doc, 'subject') as unknown[]) : []
          const sha = subjects.map(s => text(at(s, 'digest', 'sha256'))).find(x => x !== undefined)
          const claim: ProvenanceClaim = { subject: sha ? `sha256:${sha}` : (d.annotations?.['vnd.docker.reference.digest'] ?? ''), predicateType }
          const builder = text(at(doc, 'predicate', 'builder', 'id')) ?? text(at(doc, 'predicate', 'runDetails', 'builder', 'id'))
          const source =
            text(at(doc, 'predicate', 'invocation', 'configSource', 'uri')) ??
            text(at(doc, 'predicate', 'buildDefinition', 'externalParameters', 'configSource', 'uri')) ??
            text(at(doc, 'predicate', 'metadata', 'https://mobyproject.org/buildkit@v1#metadata', 'vcs', 'source')) ??
            text(at(doc, 'predicate', 'runDetails', 'metadata', 'https://mobyproject.org/buildkit@v1#metadata', 'vcs', 'source'))
          if (builder) claim.builder = builder
          if (source) claim.source = source
          out.push(claim)
        }
        return out
      } catch {
        return []
      }
    })
  )
  return claims.flat()
}
