import { computeDigest, digestProblem } from '../core/digest.js'
import type { Descriptor } from '../oci/manifest.js'
import type { ContentCache } from './cache.js'
import { RegistryError } from './errors.js'
import { statusError } from './responses.js'
import type { Repo, Send } from './types.js'

/** The client's blob operation: a blob by its descriptor, verified (digest and size), read once per run. */
export class BlobReader {
  private readonly send: Send
  private readonly cache: ContentCache | undefined
  private readonly blobs = new Map<string, Promise<Buffer>>()

  constructor(send: Send, cache: ContentCache | undefined) {
    this.send = send
    this.cache = cache
  }

  /**
   * GET a blob, verified against its descriptor (digest and size). Kept by digest per registry for the run, unless
   * `keep` is false: a signature layer is read once and let go once verified.
   */
  getBlob(repo: Repo, desc: Descriptor, maxBytes: number, opts: { keep?: boolean } = {}): Promise<Buffer> {
    const key = `${repo.registry}@${desc.digest}`
    if (opts.keep === false) return this.blobs.get(key) ?? this.cachedBlob(repo, desc, maxBytes)
    let p = this.blobs.get(key)
    if (!p) {
      p = this.cachedBlob(repo, desc, maxBytes)
      this.blobs.set(key, p)
      p.catch(() => this.blobs.delete(key))
    }
    return p
  }

  private async cachedBlob(repo: Repo, desc: Descriptor, maxBytes: number): Promise<Buffer> {
    if (!this.cache || desc.size > maxBytes) return this.fetchBlob(repo, desc, maxBytes)
    const hit = await this.cache.getBlob(desc.digest, desc.size)
    if (hit) return hit
    const body = await this.fetchBlob(repo, desc, maxBytes)
    this.cache.putBlob(desc.digest, body)
    return body
  }

  private async fetchBlob(repo: Repo, desc: Descriptor, maxBytes: number): Promise<Buffer> {
    const where = `${repo.registry}/${repo.repository}@${desc.digest}`
    const problem = digestProblem(desc.digest)
    if (problem) throw new RegistryError('invalid', `${where}: ${problem}`, { host: repo.registry })
    if (desc.size > maxBytes) {
      throw new RegistryError(
        'too-large',
        `${where}: the blob is ${desc.size} bytes, over the ${maxBytes >> 20} MiB limit; not read`,
        { host: repo.registry }
      )
    }
    const res = await this.send(repo, 'GET', `/blobs/${desc.digest}`, {}, maxBytes)
    if (res.status !== 200) throw statusError(res, repo, `blob ${desc.digest}`)
    const actual = computeDigest(res.body, desc.digest)
    if (actual !== desc.digest) {
      throw new RegistryError(
        'integrity',
        `${where}: integrity failure: the blob's bytes hash to ${actual}, not the descriptor's ${desc.digest}`,
        { host: repo.registry }
      )
    }
    if (res.body.length !== desc.size) {
      throw new RegistryError(
        'integrity',
        `${where}: integrity failure: the blob is ${res.body.length} bytes, the descriptor says ${desc.size}`,
        { host: repo.registry }
      )
    }
    return res.body
  }
}
