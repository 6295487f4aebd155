/**
 * Signatures kept in another repository (`signature-repository`, cosign's COSIGN_REPOSITORY): the referrers and the
 * `.sig`/`.att` tags of the image's digests are looked up there, instead of in the image's own repository. Every
 * place is named with its repository in what the report says was looked at and where each signature was found. A
 * repository on a registry the registries rule does not allow is never contacted: its digest is "could not check".
 */
import type { RegistryClient, Repo } from '../registry/client.js'
import type { SignatureBudget } from './signature-budget.js'
import type { Discovery, PendingArtifact, ReadOutcome } from './discover.js'
import { discoverSignatures } from './discover.js'

const nameOf = (r: Repo): string => `${r.registry}/${r.repository}`
const same = (a: Repo, b: Repo): boolean => a.registry === b.registry && a.repository === b.repository

/**
 * Where one image's signatures are looked up: the signature repositories the rule sets that apply to it name (each
 * once), or the image's own repository when none does.
 */
export function signaturePlaces(image: Repo, named: Array<Repo | undefined>): Repo[] {
  const out: Repo[] = []
  for (const r of named) if (r && !out.some(o => same(o, r))) out.push(r)
  return out.length > 0 ? out : [image]
}

/** One place's listing with its repository named, when it is not the image's own. */
function named(d: Discovery, repo: Repo, image: Repo): Discovery {
  if (same(repo, image)) return d
  const at = (place: string): string => `${place} of ${nameOf(repo)}`
  return {
    ...d,
    looked: d.looked.map(at),
    ...(d.error ? { error: d.error } : {}),
    pending: d.pending.map((p): PendingArtifact => ({
      place: at(p.place),
      async read(): Promise<ReadOutcome> {
        const o = await p.read()
        return o.kind === 'read' ? { ...o, artifact: { ...o.artifact, place: at(o.artifact.place) } } : o
      }
    })),
    // cosign's tags, listed later if needed, are named the same way.
    ...(d.more ? { more: async () => named(await d.more!(), repo, image) } : {})
  }
}

/** A listing that failed, as one pending artifact whose read fails: what the other places list is still read. */
function failedAsPending(d: Discovery): PendingArtifact[] {
  const error = d.error!
  return [{ place: d.looked[0] ?? 'signature repository', read: () => Promise.resolve({ kind: 'failed', error }) }]
}

/**
 * The signatures and attestations of one digest in every place: each listed as discovery lists the image's own
 * repository (the manifest a bundle's message signature signs is read from the image's repository), or refused
 * unread when `refuse` names a reason. One place: its discovery. Several: one discovery of them all, where a place
 * that failed is a read that fails (could not check, unless what the others hold satisfies the rules).
 */
export async function discoverAt(
  client: RegistryClient,
  image: Repo,
  places: Repo[],
  digest: string,
  budget: SignatureBudget,
  refuse: (registry: string) => string | undefined,
  opts: { statements?: boolean } = {}
): Promise<Discovery> {
  const found = await Promise.all(
    places.map(async repo => {
      const refused = refuse(repo.registry)
      const d: Discovery = refused
        ? {
            digest,
            looked: ['referrers API', `.sig and .att tags`],
            error: {
              host: repo.registry,
              message: `signature-repository ${nameOf(repo)} was not contacted: ${refused}`
            },
            pending: [],
            cut: [],
            release: () => {}
          }
        : await discoverSignatures(client, repo, digest, budget, { subject: image, ...opts })
      return named(d, repo, image)
    })
  )
  return combined(digest, found)
}

/**
 * Several places' listings as one: a place that failed is a read that fails; what is listed later (cosign's tags)
 * is listed in every place that has it, together.
 */
function combined(digest: string, found: Discovery[]): Discovery {
  if (found.length === 1) return found[0]!
  const withManifest = found.find(d => d.manifest)
  const later = found.flatMap(d => (d.more ? [d.more] : []))
  const merged: Discovery = {
    digest,
    looked: found.flatMap(d => d.looked),
    error: undefined,
    pending: found.flatMap(d => (d.error ? failedAsPending(d) : d.pending)),
    cut: found.flatMap(d => d.cut),
    release: () => found.forEach(d => d.release())
  }
  if (withManifest?.manifest) merged.manifest = withManifest.manifest
  if (withManifest?.manifestMediaType) merged.manifestMediaType = withManifest.manifestMediaType
  if (later.length > 0) merged.more = async () => combined(digest, await Promise.all(later.map(m => m())))
  return merged
}
