import { GateError } from '../core/errors.js'
import { digestProblem } from '../core/digest.js'
import { IMAGE_TYPES, INDEX_TYPES, OCI_INDEX, OCI_MANIFEST, SCHEMA1_TYPES, baseMediaType } from './mediatypes.js'
import type { Platform } from './platform.js'
import { normalizePlatform, platformProblem } from './platform.js'

/** A manifest, index or config that is not valid (`invalid`) or not supported (`unsupported`); the registry client
 * reports it as a fault of the registry that sent it. */
export class ManifestError extends GateError {
  constructor(
    readonly kind: 'invalid' | 'unsupported',
    message: string
  ) {
    super('manifest', message)
  }
}

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: Platform
  annotations?: Record<string, string>
  /** OCI 1.1: the type of the artifact the descriptor points to (in a referrers index). */
  artifactType?: string
}

export interface IndexManifest {
  kind: 'index'
  mediaType: string
  manifests: Descriptor[]
  annotations: Record<string, string>
}

export interface ImageManifest {
  kind: 'image'
  mediaType: string
  config: Descriptor
  layers: Descriptor[]
  annotations: Record<string, string>
  subject?: Descriptor
  /** OCI 1.1: the artifact's type (signatures, attestations, SBOMs). */
  artifactType?: string
}

export type Manifest = IndexManifest | ImageManifest

/**
 * Parses a manifest body and proves it is one unambiguous thing. Rejected: bodies that are not JSON objects,
 * schema 1, a `mediaType` that disagrees with the Content-Type it was served with, documents that are both an index
 * and a manifest (CVE-2021-41190), malformed descriptors.
 */
export function parseManifest(body: Buffer, contentType: string | undefined, where: string): Manifest {
  const invalid = (why: string): ManifestError => new ManifestError('invalid', `${where}: ${why}`)
  let doc: unknown
  try {
    doc = JSON.parse(body.toString('utf8'))
  } catch {
    throw invalid(
      `the manifest is not valid JSON (${body.length} bytes${body.length > 0 ? ', truncated or corrupt' : ''})`
    )
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw invalid('the manifest is not a JSON object')
  const m = doc as Record<string, unknown>

  const served = baseMediaType(contentType)
  const declared = m.mediaType
  if (declared !== undefined && typeof declared !== 'string') throw invalid('its mediaType is not a string')
  if (m.schemaVersion === 1 || SCHEMA1_TYPES.includes(served ?? '') || SCHEMA1_TYPES.includes(declared ?? '')) {
    throw new ManifestError(
      'unsupported',
      `${where}: Docker schema 1 manifests are deprecated and unsupported; rebuild and push the image with a current tool`
    )
  }
  if (m.schemaVersion !== 2) throw invalid(`schemaVersion is ${JSON.stringify(m.schemaVersion)}, not 2`)

  const known = [...INDEX_TYPES, ...IMAGE_TYPES]
  if (declared !== undefined && served !== undefined && known.includes(served) && declared !== served) {
    throw invalid(`its mediaType ${declared} disagrees with the Content-Type ${served} it was served with`)
  }
  if (
    declared !== undefined &&
    served !== undefined &&
    !known.includes(served) &&
    served !== 'application/json' &&
    served !== 'application/octet-stream'
  ) {
    throw invalid(`it was served as ${served}, which is not a manifest type`)
  }

  const hasManifests = m.manifests !== undefined
  const hasImageParts = m.config !== undefined || m.layers !== undefined
  if (hasManifests && hasImageParts) {
    throw invalid(
      'the document has both "manifests" and "config"/"layers": an ambiguous manifest is rejected (CVE-2021-41190)'
    )
  }
  const type = declared ?? (served && known.includes(served) ? served : undefined)
  let kind: 'index' | 'image'
  if (type !== undefined) {
    if (INDEX_TYPES.includes(type)) kind = 'index'
    else if (IMAGE_TYPES.includes(type)) kind = 'image'
    else throw new ManifestError('unsupported', `${where}: unsupported manifest media type ${type}`)
  } else if (hasManifests) kind = 'index'
  else if (hasImageParts) kind = 'image'
  else throw invalid('the document is neither an index nor an image manifest')

  const annotations = stringMap(m.annotations, invalid, 'annotations')
  if (kind === 'index') {
    if (hasImageParts)
      throw invalid('an index carries "config"/"layers": an ambiguous manifest is rejected (CVE-2021-41190)')
    if (!Array.isArray(m.manifests)) throw invalid('an index without a "manifests" list')
    const manifests = m.manifests.map((d, i) => descriptor(d, `manifests[${i}]`, invalid))
    return { kind, mediaType: type ?? OCI_INDEX, manifests, annotations }
  }
  if (hasManifests)
    throw invalid('an image manifest carries "manifests": an ambiguous manifest is rejected (CVE-2021-41190)')
  if (m.config === undefined) throw invalid('an image manifest without "config"')
  const config = descriptor(m.config, 'config', invalid)
  if (m.layers !== undefined && !Array.isArray(m.layers)) throw invalid('"layers" is not a list')
  const layers = ((m.layers as unknown[] | undefined) ?? []).map((d, i) => descriptor(d, `layers[${i}]`, invalid))
  const result: ImageManifest = { kind, mediaType: type ?? OCI_MANIFEST, config, layers, annotations }
  if (m.subject !== undefined) result.subject = descriptor(m.subject, 'subject', invalid)
  if (typeof m.artifactType === 'string' && m.artifactType !== '') result.artifactType = m.artifactType
  return result
}

function descriptor(value: unknown, path: string, invalid: (why: string) => ManifestError): Descriptor {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${path} is not a descriptor object`)
  const d = value as Record<string, unknown>
  if (typeof d.mediaType !== 'string' || d.mediaType === '') throw invalid(`${path} has no mediaType`)
  if (typeof d.digest !== 'string') throw invalid(`${path} has no digest`)
  const problem = digestProblem(d.digest)
  if (problem) throw invalid(`${path} has digest "${d.digest.slice(0, 80)}": ${problem}`)
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0)
    throw invalid(`${path} has no valid size`)
  const out: Descriptor = { mediaType: d.mediaType, digest: d.digest, size: d.size }
  if (d.platform !== undefined) {
    const p = d.platform as Record<string, unknown>
    if (typeof p !== 'object' || p === null || typeof p.os !== 'string' || typeof p.architecture !== 'string') {
      throw invalid(`${path}.platform needs os and architecture`)
    }
    const problem = platformProblem({ os: p.os, architecture: p.architecture, variant: p.variant ?? undefined })
    if (problem) throw invalid(`${path}.platform: ${problem}`)
    out.platform = normalizePlatform({
      os: p.os,
      architecture: p.architecture,
      ...(typeof p.variant === 'string' && p.variant !== '' ? { variant: p.variant } : {})
    })
  }
  if (d.annotations !== undefined) out.annotations = stringMap(d.annotations, invalid, `${path}.annotations`)
  if (typeof d.artifactType === 'string' && d.artifactType !== '') out.artifactType = d.artifactType
  return out
}

/**
 * A map of strings from a registry (annotations, labels), with no prototype: a key is there only when the document
 * has it, so `constructor`, `toString` or `__proto__` are found only as the document's own keys.
 */
export function stringMap(
  value: unknown,
  invalid: (why: string) => ManifestError,
  path: string
): Record<string, string> {
  const out = Object.create(null) as Record<string, string>
  if (value === undefined || value === null) return out
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${path} is not an object`)
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') out[k] = v
  return out
}

/** What a platform manifest's config tells. */
export interface ImageConfig {
  os: string
  architecture: string
  variant?: string
  created?: string
  user: string
  labels: Record<string, string>
  diffIds: string[]
}

export function parseConfig(body: Buffer, where: string): ImageConfig {
  const invalid = (why: string): ManifestError => new ManifestError('invalid', `${where}: ${why}`)
  let doc: unknown
  try {
    doc = JSON.parse(body.toString('utf8'))
  } catch {
    throw invalid('the image config is not valid JSON')
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw invalid('the image config is not a JSON object')
  const c = doc as Record<string, unknown>
  const cfg = (typeof c.config === 'object' && c.config !== null ? c.config : {}) as Record<string, unknown>
  const rootfs = (typeof c.rootfs === 'object' && c.rootfs !== null ? c.rootfs : {}) as Record<string, unknown>
  const diffIds = Array.isArray(rootfs.diff_ids)
    ? rootfs.diff_ids.filter((d): d is string => typeof d === 'string')
    : []
  const out: ImageConfig = {
    os: typeof c.os === 'string' ? c.os : '',
    architecture: typeof c.architecture === 'string' ? c.architecture : '',
    user: typeof cfg.User === 'string' ? cfg.User : '',
    labels: stringMap(cfg.Labels, invalid, 'config.Labels'),
    diffIds
  }
  if (typeof c.variant === 'string' && c.variant !== '') out.variant = c.variant
  // An empty os or architecture is left for the index entry to say; any other value must be a platform word.
  const problem = platformProblem({
    os: out.os || 'unknown',
    architecture: out.architecture || 'unknown',
    variant: out.variant
  })
  if (problem) throw invalid(`the config's platform: ${problem}`)
  if (typeof c.created === 'string' && c.created !== '') out.created = c.created
  return out
}
