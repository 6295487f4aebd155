import type { Logger } from '../core/logger.js'
import { silentLogger } from '../core/logger.js'
import { computeDigest, digestProblem, isDigest } from '../core/digest.js'
import type { Descriptor, Manifest } from '../oci/manifest.js'
import { parseManifest } from '../oci/manifest.js'
import { MANIFEST_ACCEPT, OCI_INDEX, baseMediaType } from '../oci/mediatypes.js'
import { checkRegistryHost, guardedLookup } from './address.js'
import { Authorizer, pullScope } from './auth.js'
import type { ContentCache } from './cache.js'
import type { CredentialStore } from './credentials.js'
import { RegistryError, fromManifestError, registryErrorCodes } from './errors.js'
import { apiHost, isLoopback, normalizeRegistryName } from '../core/reference.js'
import { speaksNoTls } from './tls.js'
import type { HttpResponse } from './transport.js'
import { Transport, statusText } from './transport.js'

/** Manifests and configs are read up to 4 MiB. */
export const MANIFEST_LIMIT = 4 << 20
export const CONFIG_LIMIT = 4 << 20

export interface Repo {
  registry: string
  repository: string
}

export interface FetchedManifest {
  /** The digest the body hashes to (the requested one, when fetched by digest). */
  digest: string
  mediaType: string
  size: number
  body: Buffer
  manifest: Manifest
}

/** The manifests that refer to a digest, and how the registry told it. */
export interface Referrers {
  /** `api`: the OCI 1.1 referrers API; `tag`: the referrers tag schema (`sha256-<hex>`), for registries without it. */
  via: 'api' | 'tag'
  /** The tag read, for `tag`. */
  tag?: string
  descriptors: Descriptor[]
}

/** The referrers tag schema's tag for a digest: `sha256:abc…` → `sha256-abc…`. */
export function digestTag(digest: string, suffix = ''): string {
  return `${digest.replace(':', '-')}${suffix}`
}

export interface TagList {
  tags: string[]
  /** True when the list was cut at the bound. */
  truncated: boolean
}

/**
 * A registry whose requests have timed out this many times is given up on for the rest of the run: the requests to
 * it still in flight or waiting their turn end at once and every later one fails at once, so that a registry that
 * stalls holds the run for one timeout, not one per image or per request. Each attempt that times out counts, as it
 * times out: a request waiting its turn behind it is refused, not sent.
 */
export const STALL_LIMIT = 2

/** Statuses a front answers when the request's headers are too large (nginx: 400 "Request Header Or Cookie Too Large"). */
const HEADER_REFUSALS = new Set([400, 413, 431])

/**
 * A front refused the request's headers as too large: 413 and 431 say so; a 400 only when its body does (nginx's
 * "Request Header Or Cookie Too Large"), since registries answer 400 for much else (no referrers API, a bad name).
 * A HEAD has no body to tell, so any 400 to a HEAD counts.
 */
function headersRefused(res: HttpResponse, method: 'GET' | 'HEAD'): boolean {
  if (!HEADER_REFUSALS.has(res.status)) return false
  return res.status !== 400 || method === 'HEAD' || /(header|cookie).{0,40}too (large|long)/i.test(res.body.toString('latin1'))
}

/** Tag lists are read 100 a page, up to 10 pages. */
export const TAG_PAGE = 100
export const TAG_PAGES = 10

export interface ClientOptions {
  credentials: CredentialStore
  /** Registries (host[:port]) that may be reached over plain HTTP, besides loopback. */
  insecureRegistries?: string[]
  transport?: Transport
  logger?: Logger
  /** A content cache of verified manifests and blobs by digest, kept across runs. */
  cache?: ContentCache
  /**
   * Why a registry may not be contacted at all (the registries rule that applies to every image), or undefined.
   * A refused registry gets no request: bases, tags and referrers on it are not read.
   */
  refuse?: (registry: string) => string | undefined
}

interface Endpoint {
  registry: string
  insecure: boolean
  /** `https://host` or `http://host`, once known. */
  base: string | undefined
  auth: Authorizer
  /** The first request's promise: the others wait for it, so one challenge is taken, not one per request. */
  gate: Promise<void> | undefined
  /**
   * Set when the first request found the registry unreachable, or when requests to it timed out STALL_LIMIT times:
   * the rest fail at once with this error (`giveUp`).
   */
  fatal: RegistryError | undefined
  /** Aborted with `fatal`: requests in flight and waiting their turn end at once. */
  stop: AbortController
  /** Requests to it that timed out (attempts, each an HTTP request), and what the first one said. */
  timeouts: number
  firstTimeout: string | undefined
  rateLimitRemaining: string | undefined
}

/**
 * An OCI Distribution client that reads and verifies: every manifest and blob is hashed and checked against the
 * digest it was asked by and the digest the registry announced; each is fetched once per run.
 */
export class RegistryClient {
  readonly transport: Transport
  private readonly credentials: CredentialStore
  private readonly insecure: Set<string>
  private readonly logger: Logger
  private readonly refuse: ((registry: string) => string | undefined) | undefined
  private readonly endpoints = new Map<string, Endpoint>()
  private readonly manifests = new Map<string, Promise<FetchedManifest>>()
  private readonly blobs = new Map<string, Promise<Buffer>>()
  private readonly tagLists = new Map<string, Promise<TagList>>()
  private readonly tagHeads = new Map<string, Promise<string>>()
  private readonly cache: ContentCache | undefined
  private readonly referrers = new Map<string, Promise<Referrers>>()

  constructor(opts: ClientOptions) {
    this.credentials = opts.credentials
    this.insecure = new Set((opts.insecureRegistries ?? []).map(normalizeRegistryName))
    this.logger = opts.logger ?? silentLogger
    this.refuse = opts.refuse
    this.transport = opts.transport ?? new Transport({ logger: this.logger })
    this.cache = opts.cache
  }

  close(): void {
    this.cache?.close()
    this.transport.close()
  }

  /** Announces the repositories the run will read, so that their tokens can be fetched together. */
  prepare(repos: Repo[]): void {
    for (const r of repos) this.endpoint(r.registry).auth.expect([pullScope(r.repository)])
  }

  /** Token requests made per registry, and the last `ratelimit-remaining` each sent. */
  stats(): Array<{ registry: string; tokenRequests: number; rateLimitRemaining: string | undefined }> {
    return [...this.endpoints.values()].map(e => ({ registry: e.registry, tokenRequests: e.auth.tokenRequests, rateLimitRemaining: e.rateLimitRemaining }))
  }

  rateLimitRemaining(registry: string): string | undefined {
    return this.endpoints.get(registry)?.rateLimitRemaining
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
      p = (this.cache ? this.cachedManifest(this.cache, repo, reference, opts.confirm === true) : this.fetchManifest(repo, reference)).then(m => {
        if (!isDigest(reference)) this.manifests.set(`${repo.registry}/${repo.repository}@${m.digest}`, Promise.resolve(m))
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
    return this.cache ? this.cachedManifest(this.cache, repo, reference, false, maxBytes) : this.fetchManifest(repo, reference, maxBytes)
  }

  private async cachedManifest(cache: ContentCache, repo: Repo, reference: string, confirm: boolean, maxBytes = MANIFEST_LIMIT): Promise<FetchedManifest> {
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
        const manifest = parseManifest(hit.body, hit.mediaType, `${repo.registry}/${repo.repository}@${digest} (cached)`)
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
  async headManifest(repo: Repo, reference: string): Promise<{ digest: string; mediaType: string | undefined; size: number | undefined }> {
    const where = `${repo.registry}/${repo.repository}:${reference}`
    const res = await this.send(repo, 'HEAD', `/manifests/${reference}`, { accept: MANIFEST_ACCEPT }, 0)
    if (res.status !== 200) throw this.statusError(res, repo, isDigest(reference) ? `manifest ${reference}` : `tag ${reference}`)
    const header = headerValue(res.headers['docker-content-digest'])
    if (header === undefined) {
      if (isDigest(reference)) return { digest: reference, mediaType: baseMediaType(headerValue(res.headers['content-type'])), size: undefined }
      throw new RegistryError('invalid', `${where}: the registry sent no Docker-Content-Digest for HEAD`, { host: repo.registry })
    }
    const problem = digestProblem(header)
    if (problem) throw new RegistryError('integrity', `${where}: Docker-Content-Digest "${header.slice(0, 80)}" is malformed: ${problem}`, { host: repo.registry })
    if (isDigest(reference) && header !== reference) {
      throw new RegistryError('integrity', `${where}: asked for ${reference}, the registry answered ${header}`, { host: repo.registry })
    }
    const length = Number(headerValue(res.headers['content-length']))
    return { digest: header, mediaType: baseMediaType(headerValue(res.headers['content-type'])), size: Number.isFinite(length) ? length : undefined }
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
          if (!(e instanceof RegistryError && e.kind === 'invalid' && e.message.includes('no Docker-Content-Digest'))) throw e
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
    if (problem) throw new RegistryError('invalid', `${repo.registry}/${repo.repository}@${digest}: ${problem}`, { host: repo.registry })
    const where = `${repo.registry}/${repo.repository}@${digest}`
    const res = await this.send(repo, 'GET', `/referrers/${digest}`, { accept: OCI_INDEX }, MANIFEST_LIMIT)
    if (res.status === 200) {
      // Not content-addressed (the registry builds it); its entries are fetched and checked one by one.
      const index = parseFrom(repo.registry, res.body, headerValue(res.headers['content-type']) ?? OCI_INDEX, `${where} referrers`)
      if (index.kind !== 'index') throw new RegistryError('invalid', `${where}: the referrers API answered with an image manifest, not an index`, { host: repo.registry })
      return { via: 'api', descriptors: index.manifests }
    }
    if (![404, 400, 406].includes(res.status)) throw this.statusError(res, repo, `the referrers of ${digest}`)
    const tag = digestTag(digest)
    try {
      const fallback = await this.readManifest(repo, tag)
      if (fallback.manifest.kind !== 'index') {
        throw new RegistryError('invalid', `${repo.registry}/${repo.repository}:${tag}: the referrers tag holds an image manifest, not an index`, { host: repo.registry })
      }
      return { via: 'tag', tag, descriptors: fallback.manifest.manifests }
    } catch (e) {
      if (e instanceof RegistryError && e.kind === 'not-found') return { via: 'tag', tag, descriptors: [] }
      throw e
    }
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

  /** The repository's tags, following `Link` pagination; bounded, once per repository per run. */
  listTags(repo: Repo): Promise<TagList> {
    const key = `${repo.registry}/${repo.repository}`
    let p = this.tagLists.get(key)
    if (!p) {
      p = this.fetchTags(repo)
      this.tagLists.set(key, p)
      p.catch(() => {})
    }
    return p
  }

  private async fetchTags(repo: Repo): Promise<TagList> {
    const tags: string[] = []
    let path: string | undefined = `/tags/list?n=${TAG_PAGE}`
    for (let page = 0; path !== undefined; page++) {
      if (page >= TAG_PAGES) return { tags, truncated: true }
      const res = await this.send(repo, 'GET', path, { accept: 'application/json' }, MANIFEST_LIMIT)
      if (res.status !== 200) throw this.statusError(res, repo, 'tag list')
      let body: { tags?: unknown }
      try {
        body = JSON.parse(res.body.toString('utf8')) as { tags?: unknown }
      } catch {
        throw new RegistryError('invalid', `${repo.registry}/${repo.repository}: the tag list is not valid JSON`, { host: repo.registry })
      }
      if (Array.isArray(body.tags)) for (const t of body.tags) if (typeof t === 'string') tags.push(t)
      path = nextPage(headerValue(res.headers.link), repo.repository)
    }
    return { tags, truncated: false }
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
      throw new RegistryError('too-large', `${where}: the blob is ${desc.size} bytes, over the ${maxBytes >> 20} MiB limit; not read`, { host: repo.registry })
    }
    const res = await this.send(repo, 'GET', `/blobs/${desc.digest}`, {}, maxBytes)
    if (res.status !== 200) throw this.statusError(res, repo, `blob ${desc.digest}`)
    const actual = computeDigest(res.body, desc.digest)
    if (actual !== desc.digest) {
      throw new RegistryError('integrity', `${where}: integrity failure: the blob's bytes hash to ${actual}, not the descriptor's ${desc.digest}`, { host: repo.registry })
    }
    if (res.body.length !== desc.size) {
      throw new RegistryError('integrity', `${where}: integrity failure: the blob is ${res.body.length} bytes, the descriptor says ${desc.size}`, { host: repo.registry })
    }
    return res.body
  }

  private async fetchManifest(repo: Repo, reference: string, maxBytes = MANIFEST_LIMIT): Promise<FetchedManifest> {
    const byDigest = isDigest(reference)
    const where = `${repo.registry}/${repo.repository}${byDigest ? '@' : ':'}${reference}`
    const res = await this.send(repo, 'GET', `/manifests/${reference}`, { accept: MANIFEST_ACCEPT }, Math.min(maxBytes, MANIFEST_LIMIT))
    if (res.status !== 200) throw this.statusError(res, repo, isDigest(reference) ? `manifest ${reference}` : `tag ${reference}`)
    const body = res.body
    const header = headerValue(res.headers['docker-content-digest'])
    if (header !== undefined) {
      const problem = digestProblem(header)
      if (problem) throw new RegistryError('integrity', `${where}: Docker-Content-Digest "${header.slice(0, 80)}" is malformed: ${problem}`, { host: repo.registry })
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
        throw new RegistryError('integrity', `${where}: integrity failure: asked for ${reference}, the manifest sent hashes to ${actual}`, { host: repo.registry })
      }
      digest = reference
    } else {
      digest = header ?? computeDigest(body)
    }
    const manifest = parseFrom(repo.registry, body, headerValue(res.headers['content-type']), where)
    return { digest, mediaType: manifest.mediaType, size: body.length, body, manifest }
  }

  private endpoint(registry: string): Endpoint {
    let ep = this.endpoints.get(registry)
    if (!ep) {
      const insecure = isLoopback(registry) || this.insecure.has(registry)
      ep = {
        registry,
        insecure,
        base: insecure ? undefined : `https://${apiHost(registry)}`,
        auth: new Authorizer({ registry, insecure }, this.credentials, this.transport, this.logger),
        gate: undefined,
        fatal: undefined,
        stop: new AbortController(),
        timeouts: 0,
        firstTimeout: undefined,
        rateLimitRemaining: undefined
      }
      this.endpoints.set(registry, ep)
    }
    return ep
  }

  /**
   * Sends a request under the repository's pull scope. The first request to a registry goes alone: it finds the
   * scheme (HTTPS, or HTTP for loopback and insecure registries) and takes the auth challenge; the others then send
   * their credentials up front.
   */
  private async send(repo: Repo, method: 'GET' | 'HEAD', path: string, headers: Record<string, string>, maxBytes: number): Promise<HttpResponse> {
    const refused = this.refuse?.(repo.registry)
    if (refused) throw new RegistryError('denied', `${repo.registry}: not contacted: ${refused}`, { host: repo.registry })
    const ep = this.endpoint(repo.registry)
    if (ep.fatal) throw ep.fatal
    if (ep.base === undefined || !ep.auth.known) {
      if (ep.gate) {
        await ep.gate
        if (ep.fatal) throw ep.fatal
      } else {
        let release!: () => void
        ep.gate = new Promise<void>(resolve => (release = resolve))
        try {
          // The others may go as soon as the scheme and the auth are known, before this request's retry returns.
          return await this.sendAuthorized(ep, repo, method, path, headers, maxBytes, release)
        } catch (e) {
          if (e instanceof RegistryError && ['unreachable', 'timeout', 'tls', 'insecure'].includes(e.kind)) this.giveUp(ep, e)
          throw e
        } finally {
          ep.gate = undefined
          release()
        }
      }
    }
    return this.sendAuthorized(ep, repo, method, path, headers, maxBytes)
  }

  private async sendAuthorized(
    ep: Endpoint,
    repo: Repo,
    method: 'GET' | 'HEAD',
    path: string,
    headers: Record<string, string>,
    maxBytes: number,
    learned?: () => void
  ): Promise<HttpResponse> {
    const scope = pullScope(repo.repository)
    const sent = await ep.auth.header(scope)
    let used = sent
    let res = await this.sendOnce(ep, repo, method, path, sent ? { ...headers, authorization: sent } : headers, maxBytes)
    if (res.status === 401) {
      const next = await ep.auth.challenged(res, scope, sent)
      learned?.()
      used = next
      res = await this.sendOnce(ep, repo, method, path, { ...headers, authorization: next }, maxBytes)
      if (res.status === 401) throw ep.auth.refused(res, scope)
    } else if (!ep.auth.known) {
      ep.auth.markOpen()
    }
    // A front that refuses the headers of a token batched for many repositories: once more with a token for this one.
    if (headersRefused(res, method) && ep.auth.narrow(scope, used)) {
      const single = await ep.auth.header(scope)
      res = await this.sendOnce(ep, repo, method, path, single ? { ...headers, authorization: single } : headers, maxBytes)
      if (res.status === 401) throw ep.auth.refused(res, scope)
    }
    const remaining = headerValue(res.headers['ratelimit-remaining'])
    if (remaining !== undefined) ep.rateLimitRemaining = remaining
    return res
  }

  private async sendOnce(ep: Endpoint, repo: Repo, method: 'GET' | 'HEAD', path: string, headers: Record<string, string>, maxBytes: number): Promise<HttpResponse> {
    const bases = ep.base !== undefined ? [ep.base] : [`https://${apiHost(ep.registry)}`, `http://${apiHost(ep.registry)}`]
    let lastError: unknown
    for (const base of bases) {
      try {
        const res = await this.transport.request({
          method,
          url: `${base}/v2/${repo.repository}${path}`,
          headers,
          maxBytes,
          // Authorization stays with this URL's origin, the transport's default.
          limitKey: ep.registry,
          hostLabel: ep.registry,
          signal: ep.stop.signal,
          onTimeout: e => this.timedOut(ep, e),
          // A registry, or a redirect of it, at a link-local, unspecified or metadata address is never contacted.
          guard: async u => checkRegistryHost(u, ep.registry),
          lookup: guardedLookup
        })
        if (ep.base === undefined) {
          ep.base = base
          this.logger.debug(`${ep.registry}: reached over ${base.split(':')[0]}`)
        }
        return res
      } catch (e) {
        lastError = e
        // As Docker does: an insecure registry is tried over HTTPS (certificate not verified), and over plain HTTP
        // only when HTTPS cannot be spoken there at all (nothing listens, or the server does not speak TLS). This
        // first request carries no credentials; they go to the one origin found, for the rest of the run.
        if (!(ep.base === undefined && e instanceof RegistryError && speaksNoTls(e.cause))) throw e
      }
    }
    throw lastError
  }

  /** One more request to the registry timed out; at STALL_LIMIT the registry is given up on. */
  private timedOut(ep: Endpoint, e: RegistryError): void {
    if (ep.fatal) return
    ep.timeouts++
    ep.firstTimeout ??= e.message.startsWith(`${ep.registry}: `) ? e.message.slice(ep.registry.length + 2) : e.message
    if (ep.timeouts < STALL_LIMIT) return
    const error = new RegistryError(
      'timeout',
      `${ep.registry}: given up on after ${ep.timeouts} requests timed out (the first: ${ep.firstTimeout}); its requests still waiting were ended and the rest of this run's were not sent`,
      { host: ep.registry }
    )
    this.giveUp(ep, error)
    this.logger.info(error.message)
  }

  /** Every request to the registry fails with `error` from now on: those in flight and waiting end at once. */
  private giveUp(ep: Endpoint, error: RegistryError): void {
    if (ep.fatal) return
    ep.fatal = error
    ep.stop.abort(error)
  }

  /** The error a registry was given up on with (its requests timed out, or it could not be reached), if it was. */
  givenUp(registry: string): RegistryError | undefined {
    return this.endpoints.get(registry)?.fatal
  }

  private statusError(res: HttpResponse, repo: Repo, what: string): RegistryError {
    const { codes, message } = registryErrorCodes(res.body)
    const host = repo.registry
    const detail = `${statusText(res.status)}${codes.length > 0 ? ` ${codes.join(', ')}` : ''}${message ? `: ${message}` : ''}`
    const where = `${host}/${repo.repository}`
    switch (res.status) {
      case 404:
        return new RegistryError('not-found', `${where}: ${what} not found (${detail})`, { host, status: 404, codes })
      case 403:
        return new RegistryError('denied', `${where}: access to ${what} denied (${detail})`, { host, status: 403, codes })
      case 429:
        return new RegistryError('rate-limited', `${where}: rate limited fetching ${what} (${detail}); retries exhausted`, { host, status: 429, codes })
      default:
        if (headersRefused(res, 'GET')) {
          return new RegistryError('server', `${where}: ${what}: the registry (or the proxy in front of it) refused the request's headers as too large (${statusText(res.status)})`, {
            host,
            status: res.status,
            codes
          })
        }
        return new RegistryError('server', `${where}: ${what}: the registry answered ${detail}${res.status >= 500 ? '; retries exhausted' : ''}`, {
          host,
          status: res.status,
          codes
        })
    }
  }
}

/** The next page from a `Link: </v2/NAME/tags/list?n=100&last=x>; rel="next"` header, as a path under /v2/NAME. */
export function nextPage(link: string | undefined, repository: string): string | undefined {
  if (!link) return undefined
  const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link)
  if (!m) return undefined
  let url: URL
  try {
    url = new URL(m[1]!, 'http://registry.invalid')
  } catch {
    return undefined
  }
  const prefix = `/v2/${repository}`
  // Only a page of the same repository's tag list is followed.
  if (url.pathname !== `${prefix}/tags/list`) return undefined
  return `/tags/list${url.search}`
}

function headerValue(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v
  return s === undefined || s === '' ? undefined : s.trim()
}

/** A manifest a registry sent, parsed; one that is not valid or not supported is a fault of that registry. */
function parseFrom(host: string, ...args: Parameters<typeof parseManifest>): ReturnType<typeof parseManifest> {
  try {
    return parseManifest(...args)
  } catch (e) {
    throw fromManifestError(e, host)
  }
}
