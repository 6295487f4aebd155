import type { Platform } from '../oci/platform.js'
import { formatPlatform, samePlatform } from '../oci/platform.js'
import type { ReferencePattern } from '../core/glob.js'
import { allowsBase, globMatch, parseReferencePattern } from '../core/glob.js'
import type { RegistryClient, Repo } from '../registry/client.js'
import { CONFIG_LIMIT } from '../registry/client.js'
import { describeError } from '../registry/errors.js'
import type { Reference } from '../core/reference.js'
import { formatReference, manifestReference, parseReference } from '../core/reference.js'
import { configOf, isAttestation } from './inspect.js'
import type { BaseClaim, BaseFacts, ImageFacts, PlatformFacts, ProvenBase } from '../model/facts.js'

export const BASE_NAME = 'org.opencontainers.image.base.name'
export const BASE_DIGEST = 'org.opencontainers.image.base.digest'
/** Candidates tried per tag-glob pattern, at most. */
export const MAX_CANDIDATES = 50

export interface Layers {
  /** The top-level digest of the reference (its index's, for a multi-platform image). */
  digest: string
  /** The platform manifest's digest. */
  manifest: string
  diffIds: string[]
  /** The platform config's `created`, as written. */
  created: string | undefined
  /** The platform manifest's annotations. */
  annotations: Record<string, string>
}

export function isPrefix(prefix: string[], of: string[]): boolean {
  return prefix.length > 0 && prefix.length <= of.length && prefix.every((d, i) => of[i] === d)
}

/** The claim, from the platform manifest's annotations, the index's annotations, or the config's labels. */
export function findClaim(
  image: ImageFacts,
  p: PlatformFacts
): { name: string; digest: string | undefined; source: string } | undefined {
  const sources: Array<[string, Record<string, string> | undefined]> = [
    ['the manifest annotations', p.annotations],
    ['the index annotations', image.kind === 'index' ? image.annotations : undefined],
    ['the config labels', p.config?.labels]
  ]
  for (const [source, map] of sources) {
    const name = map?.[BASE_NAME]
    if (name) return { name, digest: map?.[BASE_DIGEST] || undefined, source }
  }
  return undefined
}

/**
 * Gathers what the base-images rule needs, with the requests shared across every image of the run: candidate
 * manifests and configs come from the client's caches, tag lists are read once per repository.
 */
export class BaseDetector {
  private readonly client: RegistryClient

  constructor(client: RegistryClient) {
    this.client = client
  }

  /**
   * Base facts for each platform of the image, in the order of `image.platforms`. `refuse` says why a registry may
   * not be contacted (the registries rule): a claim names a registry of the image's choosing, and a claimed base on
   * a registry the rule does not allow stays unverified, with no request made to it.
   */
  detect(
    image: ImageFacts,
    patterns: string[],
    refuse: (registry: string) => string | undefined = () => undefined
  ): Promise<BaseFacts[]> {
    return Promise.all(image.platforms.map(p => this.detectPlatform(image, p, patterns, refuse)))
  }

  private async detectPlatform(
    image: ImageFacts,
    p: PlatformFacts,
    patterns: string[],
    refuse: (registry: string) => string | undefined
  ): Promise<BaseFacts> {
    const facts: BaseFacts = { claim: undefined, proven: [], tried: 0, notes: [] }
    const diffIds = p.config?.diffIds ?? []
    const platform = p.platform

    const claim = findClaim(image, p)
    const jobs: Array<Promise<void>> = []
    if (claim) {
      jobs.push(
        this.verifyClaim(claim, platform, diffIds, refuse).then(c => {
          facts.claim = c.claim
          if (c.proven) facts.proven.push(c.proven)
        })
      )
    }
    const candidates = await this.candidates(patterns, facts.notes)
    facts.tried = candidates.length
    for (const ref of candidates) {
      jobs.push(
        this.layersFor(ref, platform).then(
          l => {
            if (l && isPrefix(l.diffIds, diffIds))
              facts.proven.push({
                name: formatReference(ref),
                digest: l.digest,
                layers: l.diffIds.length,
                via: 'layers'
              })
          },
          e => {
            facts.notes.push(`candidate ${formatReference(ref)} could not be read: ${describeError(e)}`)
          }
        )
      )
    }
    await Promise.all(jobs)
    // Longest first; among equals, one the patterns allow, then a verified claim: the first is the base reported.
    const allowed = (b: ProvenBase): number => (patterns.some(p => allowsBase(p, b)) ? 0 : 1)
    facts.proven.sort(
      (a, b) =>
        b.layers - a.layers ||
        allowed(a) - allowed(b) ||
        (a.via === b.via ? 0 : a.via === 'claim' ? -1 : 1) ||
        a.name.localeCompare(b.name)
    )
    return facts
  }

  private async verifyClaim(
    c: { name: string; digest: string | undefined; source: string },
    platform: Platform | undefined,
    diffIds: string[],
    refuse: (registry: string) => string | undefined
  ): Promise<{ claim: BaseClaim; proven?: ProvenBase }> {
    const claim: BaseClaim = { ...c, status: 'unverifiable', detail: undefined }
    let ref: Reference
    try {
      ref = parseReference(c.digest ? `${c.name.replace(/@.*$/, '')}@${c.digest}` : c.name)
    } catch (e) {
      claim.detail = `the claim is not a valid reference: ${describeError(e)}`
      return { claim }
    }
    const refused = refuse(ref.registry)
    if (refused !== undefined) {
      claim.detail = `the claimed base could not be read: ${ref.registry}: not contacted: ${refused}`
      return { claim }
    }
    let layers: Layers | undefined
    try {
      layers = await this.layersFor(ref, platform)
    } catch (e) {
      claim.detail = `the claimed base could not be read: ${describeError(e)}`
      return { claim }
    }
    if (!layers) {
      claim.detail = `the claimed base has no ${platform ? formatPlatform(platform) : 'matching'} platform`
      claim.status = 'contradicted'
      return { claim }
    }
    if (!isPrefix(layers.diffIds, diffIds)) {
      claim.status = 'contradicted'
      claim.detail = `its ${layers.diffIds.length} layers are not the first layers of the image`
      return { claim }
    }
    claim.status = 'verified'
    const name = formatReference({ ...ref, digest: undefined })
    return { claim, proven: { name, digest: layers.digest, layers: layers.diffIds.length, via: 'claim' } }
  }

  /** Allowed patterns that name one repository become candidates; a tag glob is expanded over the tag list. */
  private async candidates(patterns: string[], notes: string[]): Promise<Reference[]> {
    const out: Reference[] = []
    const seen = new Set<string>()
    const add = (ref: Reference): void => {
      const key = formatReference(ref)
      if (!seen.has(key)) {
        seen.add(key)
        out.push(ref)
      }
    }
    const lists = patterns
      .filter(text => text.trim() !== 'scratch')
      .map(parseReferencePattern)
      .filter(p => !/[*?{[]/.test(p.name))
      .map(async (p: ReferencePattern) => {
        const slash = p.name.indexOf('/')
        const base: Reference = { registry: p.name.slice(0, slash), repository: p.name.slice(slash + 1) }
        if (p.digest !== undefined && !/[*?{[]/.test(p.digest))
          return [{ ...base, ...(p.tag && !/[*?{[]/.test(p.tag) ? { tag: p.tag } : {}), digest: p.digest }]
        if (p.tag !== undefined && !/[*?{[]/.test(p.tag)) return [{ ...base, tag: p.tag }]
        // A tag glob, or no tag at all (every tag): expand over the tag list.
        const glob = p.tag ?? '*'
        let list
        try {
          list = await this.client.listTags(base)
        } catch (e) {
          notes.push(`the tags of ${p.name} could not be listed: ${describeError(e)}`)
          return []
        }
        if (list.truncated) notes.push(`the tag list of ${p.name} was cut at ${list.tags.length} tags`)
        const matching = list.tags.filter(t => globMatch(glob, t)).sort()
        if (matching.length > MAX_CANDIDATES)
          notes.push(`${p.text} matches ${matching.length} tags; the first ${MAX_CANDIDATES} were tried`)
        return matching.slice(0, MAX_CANDIDATES).map(tag => ({ ...base, tag }))
      })
    for (const refs of await Promise.all(lists)) for (const r of refs) add(r)
    return out
  }

  /** The image's diff_ids for the platform: from the index entry of the same platform, or a single manifest. */
  async layersFor(ref: Reference, platform: Platform | undefined): Promise<Layers | undefined> {
    const repo: Repo = { registry: ref.registry, repository: ref.repository }
    const top = await this.client.getManifest(repo, manifestReference(ref))
    let manifest = top
    if (top.manifest.kind === 'index') {
      const entries = top.manifest.manifests.filter(d => !isAttestation(d))
      const entry = platform
        ? entries.find(d => d.platform && samePlatform(d.platform, platform))
        : entries.length === 1
          ? entries[0]
          : undefined
      if (!entry) return undefined
      manifest = await this.client.getManifest(repo, entry.digest)
      if (manifest.manifest.kind !== 'image') return undefined
    }
    if (manifest.manifest.kind !== 'image') return undefined
    const body = await this.client.getBlob(repo, manifest.manifest.config, CONFIG_LIMIT)
    const config = configOf(body, `${formatReference(ref)} config`)
    if (top.manifest.kind === 'image' && platform && config.os && config.architecture) {
      const own: Platform = {
        os: config.os,
        architecture: config.architecture,
        ...(config.variant ? { variant: config.variant } : {})
      }
      if (!samePlatform(own, platform)) return undefined
    }
    return {
      digest: top.digest,
      manifest: manifest.digest,
      diffIds: config.diffIds,
      created: config.created,
      annotations: manifest.manifest.annotations
    }
  }
}
