/**
 * The facts inspection gathers about an image and the rules judge: plain data, built by src/inspect/ from what
 * registries send, read by src/policy/ and src/report/. See docs/architecture.md.
 */
import type { Descriptor, ImageConfig } from '../oci/manifest.js'
import type { Platform } from '../oci/platform.js'
import { formatPlatform } from '../oci/platform.js'
import type { Reference } from '../core/reference.js'
import type { InIndexStatement, InIndexStatementProblem, SignatureFact, TrustFacts } from './trust.js'
import type { PlatformContent } from './content.js'

/** What inspection must gather: configs cost one request per platform, so they are fetched only when needed. */
export interface InspectNeeds {
  config: boolean
  /** Signatures and attestations are looked for only when a trust rule applies. */
  trust?: boolean
  /** Some rule reads in-toto statements (an SBOM): they may be larger than signatures. */
  statements?: boolean
}

export interface PlatformFacts {
  /** From the index entry, or from the config for a single manifest; undefined when neither says. */
  platform: Platform | undefined
  digest: string
  mediaType: string
  size: number
  /** The platform manifest's annotations. */
  annotations: Record<string, string>
  layers: Descriptor[]
  configDescriptor: Descriptor
  config?: ImageConfig
  /** Set when a base-images or base-current rule applies. */
  base?: BaseFacts
  /** Set when a base-current rule applies. */
  baseCurrent?: BaseCurrentFacts
  /** What its SBOM and vulnerability reports say; set when an sbom, licenses or vulnerabilities rule applies. */
  content?: PlatformContent
}

export interface ImageFacts {
  /** The reference as the user wrote it. */
  input: string
  ref: Reference
  /** The top-level digest: the index's for a multi-platform image. */
  digest: string
  mediaType: string
  kind: 'index' | 'image'
  /** The top-level manifest's annotations (the index's, for a multi-platform image). */
  annotations: Record<string, string>
  platforms: PlatformFacts[]
  /** Index entries that are attestations (platform unknown/unknown), not platforms. */
  attestations: Descriptor[]
  /**
   * Index entries annotated as attestations that are not unknown/unknown (a real platform, or none): inspected as
   * platforms like every other entry, and each one a finding (`mislabeledFindings`).
   */
  mislabeled: Array<{ digest: string; platform: Platform | undefined }>
  /** Set for a `name:tag@digest` reference when a pins-current rule applies. */
  pin?: PinFacts
  /** Signatures and attestations, verified; set when a signature, provenance or attestations rule applies. */
  trust?: TrustFacts
  /** The index's in-index attestation statements of the types the run asks for (unsigned); set when asked. */
  statements?: InIndexStatement[]
  /** In-index statements of asked types that were listed but could not be read or parsed (a bound, a failure). */
  statementProblems?: InIndexStatementProblem[]
}

/** A base whose layers were shown to be a prefix of the image's. */
export interface ProvenBase {
  /** The normalized reference it was found by (`registry/repository:tag`, or `@digest`). */
  name: string
  /** The base's top-level digest (its index's, for a multi-platform base). */
  digest: string
  /** How many of the image's layers it accounts for. */
  layers: number
  via: 'claim' | 'layers'
}

export interface BaseClaim {
  name: string
  digest: string | undefined
  source: string
  status: 'verified' | 'contradicted' | 'unverifiable'
  detail: string | undefined
}

export interface BaseFacts {
  claim: BaseClaim | undefined
  proven: ProvenBase[]
  /** Candidates whose layers were compared. */
  tried: number
  /** Bounds that cut a tag list or a candidate list, and candidates that could not be read. */
  notes: string[]
}

/** What a newer image says of its creation time, as written; the rules judge it. */
export interface NewerCreated {
  /** The platform config's `created`. */
  created: string | undefined
  /** The platform manifest's `org.opencontainers.image.created` annotation. */
  annotation: string | undefined
  /** Why neither could be read, when the newer image could not be. */
  note: string | undefined
}

/** For a `name:tag@digest` reference: what the tag resolves to now. */
export interface PinFacts {
  /** `registry/repository:tag` */
  tag: string
  pinned: string
  /** The tag's digest now; undefined when it could not be resolved (`error` says why). */
  current: string | undefined
  /** When the image the tag now names was created; set when it is not the pinned one. */
  newer: NewerCreated | undefined
  /**
   * The pin names one platform's manifest, and the index the tag points to now still lists it: the pin is current
   * (a pin to the linux/amd64 manifest of a multi-platform tag).
   */
  listed: boolean
  error: string | undefined
}

/** For one platform: is its base still the current image of the tag it was built from? */
export interface BaseCurrentFacts {
  /**
   * `current`: the tag's image for the platform has layers that start the image's; `outdated`: it does not;
   * `unknown`: the tag, or its image, could not be told (`detail` says why); `none`: no base, and scratch is allowed.
   */
  status: 'current' | 'outdated' | 'unknown' | 'none'
  /** `registry/repository:tag` the base was built from. */
  tag: string | undefined
  via: 'claim' | 'base-images' | undefined
  /** The digest the image was built on, when the claim or the pattern names one. */
  builtOn: string | undefined
  /** The tag's digest now. */
  current: string | undefined
  /** When the tag's current image was created; set when it is outdated. */
  newer: NewerCreated | undefined
  detail: string | undefined
}

export function platformLabel(p: PlatformFacts): string {
  return p.platform ? formatPlatform(p.platform) : 'unknown platform'
}

/**
 * Did a signer `accepted` takes sign the image's own digest (an index's, or a single image's)? Then what the index
 * carries unsigned (its in-index SBOMs, vulnerability reports, VEX) is as trustworthy as that signature.
 */
export function indexSigned(facts: ImageFacts, accepted: (sig: SignatureFact) => boolean): boolean {
  return (facts.trust?.top.signatures ?? []).some(s => s.verified && s.subjects.includes(facts.digest) && accepted(s))
}
