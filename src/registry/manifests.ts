import { computeDigest, digestProblem, isDigest } from '../core/digest.js'
import { parseManifest } from '../oci/manifest.js'
import { MANIFEST_ACCEPT, baseMediaType } from '../oci/mediatypes.js'
import type { ContentCache } from './cache.js'
import { RegistryError } from './errors.js'
import { headerValue, parseFrom, statusError } from './responses.js'
import type { FetchedManifest, Repo, Send } from './types.js'

/** Manifests and configs are read up to 4 MiB. */
export const MANIFEST_LIMIT = 4 << 20
export const CONFIG_LIMIT = 4 << 20

/**
 * The client's manifest operations: GET and HEAD by tag or digest, every body checked against the digest it was
 * asked by and the digest the registry announced, a tag resolved once and a manifest held once per run.
 */
export class ManifestReader {
  private readonly send: Send
  private readonly cache: ContentCache | undefined
  private readonly manifests = new Map<string, Promise<FetchedManifest>>()
  private readonly tagHeads = new Map<string, Promise<string>>()

  constructor(send: Send, cache: ContentCache | undefined) {
    this.send = send
    this.cache = cache
  }

  /**
   * GET a manifest by tag or digest, verified. Cached by digest; a tag is resolved once per run. With a content
   * cache, a tag is resolved with one HEAD and its manifest read from the cache when there (hashed again), and
   * `confirm` (a reference by digest the user wrote) spends one HEAD to prove the registry still serves it.
   */
  getManifest(repo: Repo, reference: string, opts: { confirm?: boolean } = {}): Promise<FetchedManifest> {
    const key = `${repo.registry}/${repo.repository}@${reference}`
    let p = this.manifests.get(key)
    if (!p) {
      p = (
        this.cache
          ? this.cachedManifest(this.cache, repo, reference, opts.confirm === true)
          : this.fetchManifest(repo, reference)
      ).then(m => {
        if (!isDigest(reference))
          this.manifests.set(`${repo.registry}/${repo.repository}@${m.digest}`, Promise.resolve(m))
        return m
      })
      this.manifests.set(key, p)
      p.catch(() => {})
    }
    return p
  }

  /**
   * GET a manifest as getManifest does, but not kept for the run (one the run already holds is returned as it is):
   * signature manifests and referrers lists are read once, and a registry that offers many must not make the run
   * hold them all. The body is read up to `maxBytes`.
   */
  readManifest(repo: Repo, reference: string, maxBytes = MANIFEST_LIMIT): Promise<FetchedManifest> {
    const held = this.manifests.get(`${repo.registry}/${repo.repository}@${reference}`)
    if (held) return held
    return this.cache
      ? this.cachedManifest(this.cache, repo, reference, false, maxBytes)
      : this.fetchManifest(repo, reference, maxBytes)
  }

  /** A manifest by tag, or undefined when the tag does not exist (a cosign `.sig`/`.att` tag); not kept for the run. */
  async findManifest(repo: Repo, tag: string): Promise<FetchedManifest | undefined> {
    try {
      return await this.readManifest(repo, tag)
    } catch (e) {
      if (e instanceof RegistryError && e.kind === 'not-found') return undefined
      throw e
    }
  }

  private async cachedManifest(
    cache: ContentCache,
    repo: Repo,
    reference: string,
    confirm: boolean,
    maxBytes = MANIFEST_LIMIT
  ): Promise<FetchedManifest> {
    let digest: string
    if (isDigest(reference)) {
      digest = reference
    } else {
      digest = await this.resolveTag(repo, reference)
      const fetched = this.manifests.get(`${repo.registry}/${repo.repository}@${digest}`)
      if (fetched) return fetched
    }
    const hit = await cache.getManifest(digest)
    // A reference written with a digest is confirmed by one HEAD when the cache answers for it (an image the registry
    // no longer serves still fails); on a miss, the GET below is the confirmation.
    if (hit && confirm && isDigest(reference)) await this.headManifest(repo, reference)
    if (hit) {
      try {
        const manifest = parseManifest(
          hit.body,
          hit.mediaType,
          `${repo.registry}/${repo.repository}@${digest} (cached)`
        )
        return { digest, mediaType: manifest.mediaType, size: hit.body.length, body: hit.body, manifest }
      } catch {
        // Verified bytes that no longer parse (a stricter parser): fetched again.
      }
    }
    const m = await this.fetchManifest(repo, digest, maxBytes)
    cache.putManifest(m.digest, m.mediaType, m.body)
    return m
  }

  /** HEAD a manifest: its digest and media type, without a body (it does not count against Docker Hub's pull limit). */
  async headManifest(
    repo: Repo,
    reference: string
  ): Promise<{ digest: string; mediaType: string | undefined; size: number | undefined }> {
    const where = `${repo.registry}/${repo.repository}:${reference}`
    const res = await this.send(repo, 'HEAD', `/manifests/${reference}`, { accept: MANIFEST_ACCEPT }, 0)
    if (res.status !== 200)
      throw statusError(res, repo, isDigest(reference) ? `manifest ${reference}` : `tag ${reference}`)
    const header = headerValue(res.headers['docker-content-digest'])
    if (header === undefined) {
      if (isDigest(reference))
        return {
          digest: reference,
          mediaType: baseMediaType(headerValue(res.headers['content-type'])),
          size: undefined
        }
      throw new RegistryError('invalid', `${where}: the registry sent no Docker-Content-Digest for HEAD`, {
        host: repo.registry
      })
    }
    checkDigestHeader(header, where, repo.registry)
    if (isDigest(reference) && header !== reference) {
      throw new RegistryError('integrity', `${where}: asked for ${reference}, the registry answered ${header}`, {
        host: repo.registry
      })
    }
    const length = Number(headerValue(res.headers['content-length']))
    return {
      digest: header,
      mediaType: baseMediaType(headerValue(res.headers['content-type'])),
      size: Number.isFinite(length) ? length : undefined
    }
  }

  /**
   * What a tag points to now, by one HEAD (free against Docker Hub's pull limit), once per run. A registry that
   * sends no Docker-Content-Digest for a HEAD is asked with a GET instead, whose body is hashed.
   */
  resolveTag(repo: Repo, tag: string): Promise<string> {
    const key = `${repo.registry}/${repo.repository}:${tag}`
    let p = this.tagHeads.get(key)
    if (!p) {
      p = this.headManifest(repo, tag).then(
        h => h.digest,
        async (e: unknown) => {
          if (!(e instanceof RegistryError && e.kind === 'invalid' && e.message.includes('no Docker-Content-Digest')))
            throw e
          const m = await this.fetchManifest(repo, tag)
          this.manifests.set(`${repo.registry}/${repo.repository}@${m.digest}`, Promise.resolve(m))
          return m.digest
        }
      )
      this.tagHeads.set(key, p)
      p.catch(() => {})
    }
    return p
  }

  private async fetchManifest(repo: Repo, reference: string, maxBytes = MANIFEST_LIMIT): Promise<FetchedManifest> {
    const byDigest = isDigest(reference)
    const where = `${repo.registry}/${repo.repository}${byDigest ? '@' : ':'}${reference}`
    const res = await this.send(
      repo,
      'GET',
      `/manifests/${reference}`,
      { accept: MANIFEST_ACCEPT },
      Math.min(maxBytes, MANIFEST_LIMIT)
    )
    if (res.status !== 200)
      throw statusError(res, repo, isDigest(reference) ? `manifest ${reference}` : `tag ${reference}`)
    const body = res.body
    const header = headerValue(res.headers['docker-content-digest'])
    if (header !== undefined) {
      checkDigestHeader(header, where, repo.registry)
      const actual = computeDigest(body, header)
      if (actual !== header) {
        throw new RegistryError(
          'integrity',
          `${where}: integrity failure: the registry announced ${header} (Docker-Content-Digest) but the manifest it sent hashes to ${actual}`,
          { host: repo.registry }
        )
      }
    }
    let digest: string
    if (byDigest) {
      // A header equal to the reference has just been checked against the body: no second hash.
      const actual = reference === header ? header : computeDigest(body, reference)
      if (actual !== reference) {
        throw new RegistryError(
          'integrity',
          `${where}: integrity failure: asked for ${reference}, the manifest sent hashes to ${actual}`,
          { host: repo.registry }
        )
      }
      digest = reference
    } else {
      digest = header ?? computeDigest(body)
    }
    const manifest = parseFrom(repo.registry, body, headerValue(res.headers['content-type']), where)
    return { digest, mediaType: manifest.mediaType, size: body.length, body, manifest }
  }
}

/** A Docker-Content-Digest header is a digest the gate can check, before it is compared with anything. */
function checkDigestHeader(header: string, where: string, host: string): void {
  const problem = digestProblem(header)
  if (problem) {
    throw new RegistryError(
      'integrity',
      `${where}: Docker-Content-Digest "${header.slice(0, 80)}" is malformed: ${problem}`,
      { host }
    )
  }
}
