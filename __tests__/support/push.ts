/** Builds images and pushes them over the registry API: blobs, manifests, indexes, as a build tool would. */
import { randomBytes } from 'node:crypto'
import { computeDigest } from '../../src/core/digest.js'
import {
  DOCKER_CONFIG,
  DOCKER_LIST,
  DOCKER_MANIFEST,
  OCI_CONFIG,
  OCI_INDEX,
  OCI_MANIFEST
} from '../../src/oci/mediatypes.js'
import type { TestRegistry } from './local-registry.js'

export { DOCKER_CONFIG, DOCKER_LIST, DOCKER_MANIFEST, OCI_CONFIG, OCI_INDEX, OCI_MANIFEST }
/** Layers are pushed uncompressed, so that a layer's digest is its diff_id. */
export const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar'
export const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar'

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: { os: string; architecture: string; variant?: string }
  annotations?: Record<string, string>
}

export const sha256 = (b: Buffer): string => computeDigest(b)

export interface ImageSpec {
  tag?: string
  platform?: { os: string; architecture: string; variant?: string }
  /** null: no created field at all. */
  created?: string | null
  user?: string
  labels?: Record<string, string>
  /** Layers (uncompressed, so digest = diff_id). Default: one random layer. */
  layers?: Buffer[]
  annotations?: Record<string, string>
  format?: 'oci' | 'docker'
}

export interface PushedImage {
  repo: string
  tag: string | undefined
  digest: string
  manifestBytes: Buffer
  mediaType: string
  configDigest: string
  config: Record<string, unknown>
  layers: Buffer[]
  diffIds: string[]
  descriptor: Descriptor
}

export interface PushedIndex {
  repo: string
  tag: string | undefined
  digest: string
  indexBytes: Buffer
  children: PushedImage[]
  attestation: PushedImage | undefined
}

export function layer(label = ''): Buffer {
  return Buffer.concat([Buffer.from(`layer ${label} `), randomBytes(64)])
}

export class Pusher {
  readonly reg: TestRegistry
  /** Where requests go: the registry itself, or a proxy in front of it. */
  readonly base: string

  constructor(reg: TestRegistry, base = reg.pushUrl) {
    this.reg = reg
    this.base = base
  }

  private headers(repo: string, extra: Record<string, string> = {}): Record<string, string> {
    const auth = this.reg.pushAuth(repo)
    return { ...(auth ? { authorization: auth } : {}), ...extra }
  }

  async blob(repo: string, bytes: Buffer, mediaType: string): Promise<Descriptor> {
    const digest = sha256(bytes)
    const head = await fetch(`${this.base}/v2/${repo}/blobs/${digest}`, { method: 'HEAD', headers: this.headers(repo) })
    if (head.status !== 200) {
      const start = await fetch(`${this.base}/v2/${repo}/blobs/uploads/`, {
        method: 'POST',
        headers: this.headers(repo)
      })
      if (start.status !== 202) throw new Error(`upload start ${repo}: ${start.status} ${await start.text()}`)
      const location = new URL(start.headers.get('location')!, this.base)
      location.searchParams.set('digest', digest)
      const put = await fetch(location, {
        method: 'PUT',
        body: bytes,
        headers: this.headers(repo, { 'content-type': 'application/octet-stream' })
      })
      if (put.status !== 201) throw new Error(`upload ${repo} ${digest}: ${put.status} ${await put.text()}`)
    }
    return { mediaType, digest, size: bytes.length }
  }

  /** PUTs a manifest as it is; returns its digest. */
  async manifest(repo: string, reference: string, body: Buffer, mediaType: string): Promise<string> {
    const res = await fetch(`${this.base}/v2/${repo}/manifests/${reference}`, {
      method: 'PUT',
      body,
      headers: this.headers(repo, { 'content-type': mediaType })
    })
    if (res.status !== 201) throw new Error(`manifest ${repo}:${reference}: ${res.status} ${await res.text()}`)
    return sha256(body)
  }

  async image(repo: string, spec: ImageSpec = {}): Promise<PushedImage> {
    const docker = spec.format === 'docker'
    const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' }
    const layers = spec.layers ?? [layer(repo)]
    const diffIds = layers.map(sha256)
    const config: Record<string, unknown> = {
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      ...(spec.created === null ? {} : { created: spec.created ?? new Date().toISOString() }),
      config: { User: spec.user ?? '', Labels: spec.labels ?? {}, Env: ['PATH=/usr/bin'] },
      rootfs: { type: 'layers', diff_ids: diffIds }
    }
    const configBytes = Buffer.from(JSON.stringify(config))
    const configDesc = await this.blob(repo, configBytes, docker ? DOCKER_CONFIG : OCI_CONFIG)
    const layerDescs = await Promise.all(layers.map(l => this.blob(repo, l, docker ? DOCKER_LAYER : OCI_LAYER)))
    const mediaType = docker ? DOCKER_MANIFEST : OCI_MANIFEST
    const manifest = {
      schemaVersion: 2,
      mediaType,
      config: configDesc,
      layers: layerDescs,
      ...(spec.annotations ? { annotations: spec.annotations } : {})
    }
    const manifestBytes = Buffer.from(JSON.stringify(manifest))
    const digest = await this.manifest(repo, spec.tag ?? sha256(manifestBytes), manifestBytes, mediaType)
    return {
      repo,
      tag: spec.tag,
      digest,
      manifestBytes,
      mediaType,
      configDigest: configDesc.digest,
      config,
      layers,
      diffIds,
      descriptor: { mediaType, digest, size: manifestBytes.length, platform }
    }
  }

  /** A multi-platform image: each platform manifest by digest, then the index by tag. */
  async index(
    repo: string,
    opts: {
      tag?: string
      images: ImageSpec[]
      attestation?: boolean
      format?: 'oci' | 'docker'
      annotations?: Record<string, string>
    }
  ): Promise<PushedIndex> {
    const docker = opts.format === 'docker'
    const children = await Promise.all(
      opts.images.map(spec => this.image(repo, { ...spec, tag: undefined, format: opts.format }))
    )
    const manifests: Descriptor[] = children.map(c => c.descriptor)
    let attestation: PushedImage | undefined
    if (opts.attestation) {
      attestation = await this.image(repo, {
        platform: { os: 'unknown', architecture: 'unknown' },
        layers: [
          Buffer.from(`{"predicateType":"https://slsa.dev/provenance/v0.2","r":"${randomBytes(4).toString('hex')}"}`)
        ],
        format: opts.format
      })
      manifests.push({
        mediaType: attestation.mediaType,
        digest: attestation.digest,
        size: attestation.manifestBytes.length,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: {
          'vnd.docker.reference.type': 'attestation-manifest',
          'vnd.docker.reference.digest': children[0]!.digest
        }
      })
    }
    const mediaType = docker ? DOCKER_LIST : OCI_INDEX
    const index = {
      schemaVersion: 2,
      mediaType,
      manifests,
      ...(opts.annotations ? { annotations: opts.annotations } : {})
    }
    const indexBytes = Buffer.from(JSON.stringify(index))
    const digest = await this.manifest(repo, opts.tag ?? sha256(indexBytes), indexBytes, mediaType)
    return { repo, tag: opts.tag, digest, indexBytes, children, attestation }
  }
}
