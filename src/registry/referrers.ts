import { digestProblem } from '../core/digest.js'
import { OCI_INDEX } from '../oci/mediatypes.js'
import { RegistryError } from './errors.js'
import type { ManifestReader } from './manifests.js'
import { MANIFEST_LIMIT } from './manifests.js'
import { headerValue, parseFrom, statusError } from './responses.js'
import type { Referrers, Repo, Send } from './types.js'

/** The referrers tag schema's tag for a digest: `sha256:abc…` → `sha256-abc…`. */
export function digestTag(digest: string, suffix = ''): string {
  return `${digest.replace(':', '-')}${suffix}`
}

/** The client's referrers operation: the OCI 1.1 referrers API, and the referrers tag schema where it is missing. */
export class ReferrerReader {
  private readonly send: Send
  private readonly manifests: ManifestReader
  private readonly referrers = new Map<string, Promise<Referrers>>()

  constructor(send: Send, manifests: ManifestReader) {
    this.send = send
    this.manifests = manifests
  }

  /**
   * The manifests that refer to `digest`: the OCI 1.1 referrers API; when the registry has none (404, 400, 406),
   * the referrers tag schema's index, which is empty when the tag does not exist. Any other answer throws: a
   * registry that throttles or fails is not a registry without referrers. Asked once while it is being asked, and
   * not kept: a list can be megabytes, and the run asks once per digest.
   */
  getReferrers(repo: Repo, digest: string): Promise<Referrers> {
    const key = `${repo.registry}/${repo.repository}@${digest}`
    let p = this.referrers.get(key)
    if (!p) {
      p = this.fetchReferrers(repo, digest)
      this.referrers.set(key, p)
      p.then(
        () => this.referrers.delete(key),
        () => this.referrers.delete(key)
      )
    }
    return p
  }

  private async fetchReferrers(repo: Repo, digest: string): Promise<Referrers> {
    const problem = digestProblem(digest)
    if (problem)
      throw new RegistryError('invalid', `${repo.registry}/${repo.repository}@${digest}: ${problem}`, {
        host: repo.registry
      })
    const where = `${repo.registry}/${repo.repository}@${digest}`
    const res = await this.send(repo, 'GET', `/referrers/${digest}`, { accept: OCI_INDEX }, MANIFEST_LIMIT)
    if (res.status === 200) {
      // Not content-addressed (the registry builds it); its entries are fetched and checked one by one.
      const index = parseFrom(
        repo.registry,
        res.body,
        headerValue(res.headers['content-type']) ?? OCI_INDEX,
        `${where} referrers`
      )
      if (index.kind !== 'index')
        throw new RegistryError(
          'invalid',
          `${where}: the referrers API answered with an image manifest, not an index`,
          { host: repo.registry }
        )
      return { via: 'api', descriptors: index.manifests }
    }
    if (![404, 400, 406].includes(res.status)) throw statusError(res, repo, `the referrers of ${digest}`)
    const tag = digestTag(digest)
    try {
      const fallback = await this.manifests.readManifest(repo, tag)
      if (fallback.manifest.kind !== 'index') {
        throw new RegistryError(
          'invalid',
          `${repo.registry}/${repo.repository}:${tag}: the referrers tag holds an image manifest, not an index`,
          { host: repo.registry }
        )
      }
      return { via: 'tag', tag, descriptors: fallback.manifest.manifests }
    } catch (e) {
      if (e instanceof RegistryError && e.kind === 'not-found') return { via: 'tag', tag, descriptors: [] }
      throw e
    }
  }
}
