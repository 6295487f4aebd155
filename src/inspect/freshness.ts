import { formatPlatform, isAttestationPlatform } from '../oci/platform.js'
import { parseReferencePattern } from '../core/glob.js'
import type { RegistryClient, Repo } from '../registry/client.js'
import { describeError } from '../registry/errors.js'
import type { Reference } from '../core/reference.js'
import { formatReference, parseReference } from '../core/reference.js'
import type { BaseDetector } from './base.js'
import { isPrefix } from './base.js'
import type { BaseCurrentFacts, BaseFacts, ImageFacts, NewerCreated, PinFacts, PlatformFacts } from '../model/facts.js'

export const CREATED_ANNOTATION = 'org.opencontainers.image.created'

const GLOB = /[*?{[]/

/** An image's own words (a claim's name) in a message: no longer than a line. */
function shown(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

export type BuiltFrom =
  | {
      ref: Reference & { tag: string }
      via: 'claim' | 'base-images'
      builtOn: string | undefined
      resolved: string | undefined
    }
  | { unknown: string }
  | { none: true }

/**
 * The tag a base was built from: the verified claim's name, else the literal-tag `base-images`
 * pattern that proved the longest base. `builtOn` is the digest the claim or the pattern names; `resolved`, with no
 * such digest, is what the tag resolved to when this run proved the base (it is then current by construction).
 */
export function builtFrom(b: BaseFacts, patterns: string[]): BuiltFrom {
  const claim = b.claim
  if (claim?.status === 'verified') {
    let ref: Reference
    try {
      ref = parseReference(claim.name)
    } catch (e) {
      return { unknown: `the base claim "${shown(claim.name)}" is not a valid reference: ${describeError(e)}` }
    }
    if (ref.tag === undefined)
      return {
        unknown: `the base claim ${shown(claim.name)} names no tag, only a digest: there is no tag to be current with`
      }
    const proven = b.proven.find(p => p.via === 'claim')
    return {
      ref: { registry: ref.registry, repository: ref.repository, tag: ref.tag },
      via: 'claim',
      builtOn: claim.digest ?? ref.digest,
      resolved: (claim.digest ?? ref.digest) === undefined ? proven?.digest : undefined
    }
  }
  const longest = b.proven[0]?.layers
  const top = b.proven.filter(p => p.layers === longest && p.via === 'layers')
  for (const text of patterns) {
    if (text.trim() === 'scratch') continue
    let pattern
    try {
      pattern = parseReferencePattern(text)
    } catch {
      continue
    }
    if (pattern.tag === undefined || GLOB.test(pattern.name) || GLOB.test(pattern.tag)) continue
    const digest = pattern.digest !== undefined && !GLOB.test(pattern.digest) ? pattern.digest : undefined
    const slash = pattern.name.indexOf('/')
    const ref = { registry: pattern.name.slice(0, slash), repository: pattern.name.slice(slash + 1), tag: pattern.tag }
    const name = formatReference({ ...ref, ...(digest ? { digest } : {}) })
    const proven = top.find(p => p.name === name)
    if (proven) return { ref, via: 'base-images', builtOn: digest, resolved: digest ? undefined : proven.digest }
  }
  if (b.proven.length === 0 && patterns.some(p => p.trim() === 'scratch') && !claim) return { none: true }
  if (claim)
    return {
      unknown: `the base claim ${shown(claim.name)} is ${claim.status}${claim.detail ? ` (${shown(claim.detail)})` : ''}, and no base-images pattern with a literal tag proves the base`
    }
  if (top.length > 0) {
    return {
      unknown: `the base ${top[0]!.name} was proven through a tag glob, not a literal tag: name the tag literally in base-images, or record the base at build time (org.opencontainers.image.base.name)`
    }
  }
  return {
    unknown:
      'no verified org.opencontainers.image.base.name claim and no base-images pattern with a literal tag tells the tag it was built from (record the base at build time, or name the tag literally in base-images)'
  }
}

/** Asks the registries what tags point to now: a HEAD per tag, and a newer image only when the tag moved. */
export class FreshnessChecker {
  private readonly client: RegistryClient
  private readonly detector: BaseDetector

  constructor(client: RegistryClient, detector: BaseDetector) {
    this.client = client
    this.detector = detector
  }

  /** For a `name:tag@digest` reference: does the tag still resolve to the digest? Undefined for other references. */
  async pin(image: ImageFacts): Promise<PinFacts | undefined> {
    const ref = image.ref
    if (ref.tag === undefined || ref.digest === undefined) return undefined
    const repo: Repo = { registry: ref.registry, repository: ref.repository }
    const out: PinFacts = {
      tag: formatReference({ ...repo, tag: ref.tag }),
      pinned: ref.digest,
      current: undefined,
      newer: undefined,
      listed: false,
      error: undefined
    }
    try {
      out.current = await this.client.resolveTag(repo, ref.tag)
    } catch (e) {
      out.error = describeError(e)
      return out
    }
    if (out.current === out.pinned) return out
    if (image.kind === 'image') {
      // Only a pin to a single manifest can be an entry of the tag's index; the index is read to date it anyway.
      try {
        const now = await this.client.getManifest(repo, out.current)
        if (now.manifest.kind === 'index' && now.manifest.manifests.some(d => d.digest === out.pinned)) {
          out.listed = true
          return out
        }
      } catch {
        // Dated below, where a failure to read it is said.
      }
    }
    out.newer = await this.created({ ...repo, tag: ref.tag, digest: out.current }, image.platforms[0])
    return out
  }

  /** For one platform whose base facts are gathered: is the base its tag's current image? */
  async base(p: PlatformFacts, patterns: string[]): Promise<BaseCurrentFacts> {
    const out: BaseCurrentFacts = {
      status: 'unknown',
      tag: undefined,
      via: undefined,
      builtOn: undefined,
      current: undefined,
      newer: undefined,
      detail: undefined
    }
    if (!p.config || !p.base) {
      out.detail = 'the image config was not read'
      return out
    }
    const from = builtFrom(p.base, patterns)
    if ('none' in from) {
      out.status = 'none'
      return out
    }
    if ('unknown' in from) {
      out.detail = from.unknown
      return out
    }
    out.tag = formatReference(from.ref)
    out.via = from.via
    out.builtOn = from.builtOn
    if (from.resolved !== undefined) {
      // This run resolved the tag to prove the base: the base is the tag's current image.
      out.current = from.resolved
      out.status = 'current'
      return out
    }
    const repo: Repo = { registry: from.ref.registry, repository: from.ref.repository }
    try {
      out.current = await this.client.resolveTag(repo, from.ref.tag)
    } catch (e) {
      out.detail = `the tag ${out.tag} could not be resolved: ${describeError(e)}`
      return out
    }
    if (out.current === out.builtOn) {
      out.status = 'current'
      return out
    }
    let layers
    try {
      layers = await this.detector.layersFor({ ...from.ref, digest: out.current }, p.platform)
    } catch (e) {
      out.detail = `the tag ${out.tag} now points to ${out.current}, which could not be read: ${describeError(e)}`
      return out
    }
    if (layers && isPrefix(layers.diffIds, p.config.diffIds)) {
      // The tag moved to a rebuild with the same layers: still current.
      out.status = 'current'
      return out
    }
    out.status = 'outdated'
    out.newer = layers
      ? { created: layers.created, annotation: layers.annotations[CREATED_ANNOTATION], note: undefined }
      : {
          created: undefined,
          annotation: undefined,
          note: `it no longer provides ${p.platform ? platformText(p) : 'this platform'}`
        }
    return out
  }

  /** When the image a tag now names was created: for the platform of `like`, or the only platform. */
  private async created(ref: Reference, like: PlatformFacts | undefined): Promise<NewerCreated> {
    try {
      const layers = await this.detector.layersFor(
        ref,
        like?.platform && !isAttestationPlatform(like.platform) ? like.platform : undefined
      )
      if (!layers)
        return {
          created: undefined,
          annotation: undefined,
          note: `it has no ${like ? platformText(like) : 'single'} platform to date it by`
        }
      return { created: layers.created, annotation: layers.annotations[CREATED_ANNOTATION], note: undefined }
    } catch (e) {
      return { created: undefined, annotation: undefined, note: `it could not be read: ${describeError(e)}` }
    }
  }
}

function platformText(p: PlatformFacts): string {
  return p.platform ? formatPlatform(p.platform) : 'unknown platform'
}
