import type { ImageConfig } from '../../../src/oci/manifest.js'
import { parsePlatform } from '../../../src/oci/platform.js'
import type { Subject } from '../../../src/policy/types.js'
import { parseReference } from '../../../src/core/reference.js'
import type { BaseFacts, ImageFacts, PlatformFacts } from '../../../src/model/facts.js'

export const D = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`

export interface PlatformSpec {
  platform?: string
  created?: string
  user?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  diffIds?: string[]
  base?: BaseFacts
  noConfig?: boolean
}

export function platformFacts(spec: PlatformSpec, i = 0): PlatformFacts {
  const platform = spec.platform ? parsePlatform(spec.platform) : undefined
  const config: ImageConfig = {
    os: platform?.os ?? '',
    architecture: platform?.architecture ?? '',
    user: spec.user ?? '',
    labels: spec.labels ?? {},
    diffIds: spec.diffIds ?? []
  }
  if (spec.created !== undefined) config.created = spec.created
  const p: PlatformFacts = {
    platform,
    digest: D(100 + i),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 500,
    annotations: spec.annotations ?? {},
    layers: [],
    configDescriptor: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: D(200 + i), size: 300 }
  }
  if (!spec.noConfig) p.config = config
  if (spec.base) p.base = spec.base
  return p
}

/** A subject for rule tests: an index when more than one platform (or `index: true`) is given. */
export function subject(
  input: string,
  platforms: PlatformSpec[],
  opts: { index?: boolean; annotations?: Record<string, string>; digest?: string; now?: string } = {}
): Subject {
  const facts: ImageFacts = {
    input,
    ref: parseReference(input),
    digest: opts.digest ?? D(1),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    kind: opts.index || platforms.length > 1 ? 'index' : 'image',
    annotations: opts.annotations ?? {},
    platforms: platforms.map(platformFacts),
    attestations: [],
    mislabeled: []
  }
  return { input, ref: facts.ref, facts, now: new Date(opts.now ?? '2026-06-01T00:00:00Z') }
}
