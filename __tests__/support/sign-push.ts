/**
 * Signatures pushed the way signing tools push them: cosign's legacy `.sig`/`.att` tags, and OCI 1.1 referrers
 * (a manifest with `subject` and `artifactType`) listed in the referrers tag schema's index, for registries without
 * the referrers API. `referrers` remembers what was pushed, so a proxy can serve the API from it.
 */
import type { IncomingMessage } from 'node:http'
import { OCI_INDEX, OCI_MANIFEST, sha256, type Descriptor, type Pusher } from './push.js'
import { SIMPLE_SIGNING } from '../../src/trust/payload.js'
import { SIGNATURE_ANNOTATION } from '../../src/inspect/trust.js'
import { signBytes, type TestSigner } from './signing.js'

export const EMPTY_CONFIG = 'application/vnd.oci.empty.v1+json'
export const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json'

export const tagOf = (digest: string, suffix = ''): string => `${digest.replace(':', '-')}${suffix}`

export class SignaturePusher {
  readonly push: Pusher
  /** `repo@digest` → the referrer descriptors pushed for it. */
  readonly referrers = new Map<string, Descriptor[]>()

  constructor(push: Pusher) {
    this.push = push
  }

  private async artifact(
    repo: string,
    layers: Array<{ bytes: Buffer; mediaType: string; annotations?: Record<string, string> }>,
    extra: object = {}
  ): Promise<{ bytes: Buffer; digest: string }> {
    const config = await this.push.blob(repo, Buffer.from('{}'), EMPTY_CONFIG)
    const descs = await Promise.all(
      layers.map(async l => ({
        ...(await this.push.blob(repo, l.bytes, l.mediaType)),
        ...(l.annotations ? { annotations: l.annotations } : {})
      }))
    )
    const bytes = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, ...extra, config, layers: descs })
    )
    return { bytes, digest: sha256(bytes) }
  }

  /** cosign's `.sig`: one simple-signing layer per signature, the signature in an annotation. */
  async cosignSig(
    repo: string,
    digest: string,
    sigs: Array<{ payload: Buffer; signature: Buffer | string; annotations?: Record<string, string> }>
  ): Promise<string> {
    const m = await this.artifact(
      repo,
      sigs.map(s => ({
        bytes: s.payload,
        mediaType: SIMPLE_SIGNING,
        annotations: {
          [SIGNATURE_ANNOTATION]: typeof s.signature === 'string' ? s.signature : s.signature.toString('base64'),
          ...s.annotations
        }
      }))
    )
    return this.push.manifest(repo, tagOf(digest, '.sig'), m.bytes, OCI_MANIFEST)
  }

  /** Signs `payload` with `signer` and pushes it as the `.sig` of `digest`. */
  signLegacy(repo: string, digest: string, signer: TestSigner, payload: Buffer): Promise<string> {
    return this.cosignSig(repo, digest, [{ payload, signature: signBytes(signer, payload) }])
  }

  /** cosign's `.att`: one DSSE envelope per layer. */
  async cosignAtt(repo: string, digest: string, envelopes: Buffer[]): Promise<string> {
    const m = await this.artifact(
      repo,
      envelopes.map(bytes => ({ bytes, mediaType: DSSE_ENVELOPE, annotations: { predicateType: 'x' } }))
    )
    return this.push.manifest(repo, tagOf(digest, '.att'), m.bytes, OCI_MANIFEST)
  }

  /**
   * An OCI 1.1 referrer of `subject`: a manifest with the artifact as its one layer, pushed by digest, then added to
   * the referrers tag index `sha256-<hex>`. The layer's media type is the artifact type unless given (a Notation
   * signature's layer is its envelope, `application/jose+json` or `application/cose`).
   */
  async referrer(
    repo: string,
    subject: Descriptor,
    artifactType: string,
    bytes: Buffer,
    layerMediaType = artifactType
  ): Promise<string> {
    const m = await this.artifact(repo, [{ bytes, mediaType: layerMediaType }], {
      artifactType,
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size }
    })
    await this.push.manifest(repo, m.digest, m.bytes, OCI_MANIFEST)
    const key = `${repo}@${subject.digest}`
    const list = [
      ...(this.referrers.get(key) ?? []),
      { mediaType: OCI_MANIFEST, digest: m.digest, size: m.bytes.length, artifactType } as Descriptor
    ]
    this.referrers.set(key, list)
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: list }))
    await this.push.manifest(repo, tagOf(subject.digest), index, OCI_INDEX)
    return m.digest
  }

  /** What a registry with the referrers API answers for `GET /v2/<repo>/referrers/<digest>`, or undefined for another path. */
  referrersAnswer(
    req: Pick<IncomingMessage, 'method' | 'url'>
  ): { status: number; headers: Record<string, string>; body: string } | undefined {
    const m = /^\/v2\/(.+)\/referrers\/([^/?]+)(\?.*)?$/.exec(req.url ?? '')
    if (!m || req.method !== 'GET') return undefined
    const manifests = this.referrers.get(`${m[1]}@${decodeURIComponent(m[2]!)}`) ?? []
    return {
      status: 200,
      headers: { 'content-type': OCI_INDEX },
      body: JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests })
    }
  }
}
