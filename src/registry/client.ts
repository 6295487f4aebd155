import type { Logger } from '../core/logger.js'
import { silentLogger } from '../core/logger.js'
import { apiHost, hostOf, isLoopback, normalizeRegistryName } from '../core/reference.js'
import type { Descriptor } from '../oci/manifest.js'
import { checkRegistryHost, guardedLookup } from './address.js'
import { Authorizer, pullScope } from './auth.js'
import { BlobReader } from './blobs.js'
import type { ContentCache } from './cache.js'
import type { CredentialStore } from './credentials.js'
import { RegistryError } from './errors.js'
import { ManifestReader } from './manifests.js'
import { ReferrerReader } from './referrers.js'
import { headerValue, headersRefused } from './responses.js'
import type { Stalls } from './retries.js'
import { countTimeout, endedWithoutAnswer } from './retries.js'
import { TagReader } from './tags.js'
import { speaksNoTls } from './tls.js'
import { Transport } from './transport.js'
import type { FetchedManifest, HttpResponse, Referrers, Repo, Send, TagList } from './types.js'

export type { FetchedManifest, Referrers, Repo, TagList } from './types.js'
export { CONFIG_LIMIT, MANIFEST_LIMIT } from './manifests.js'
export { digestTag } from './referrers.js'

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

interface Endpoint extends Stalls {
  registry: string
  insecure: boolean
  /** Asked over plain HTTP first (`plainFirst`): `localhost` or a loopback address. */
  loopback: boolean
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
  rateLimitRemaining: string | undefined
}

/**
 * An OCI Distribution client that reads and verifies: every manifest and blob is hashed and checked against the
 * digest it was asked by and the digest the registry announced; each is fetched once per run.
 *
 * This class is the core (endpoints, their scheme and auth, `send`, give-up, stats); each operation is its own file
 * (manifests.ts, blobs.ts, tags.ts, referrers.ts), handed `send` and holding what it keeps for the run.
 */
export class RegistryClient {
  readonly transport: Transport
  private readonly credentials: CredentialStore
  private readonly insecure: Set<string>
  private readonly logger: Logger
  private readonly refuse: ((registry: string) => string | undefined) | undefined
  private readonly endpoints = new Map<string, Endpoint>()
  private readonly cache: ContentCache | undefined
  private readonly manifests: ManifestReader
  private readonly blobs: BlobReader
  private readonly tags: TagReader
  private readonly referrers: ReferrerReader

  constructor(opts: ClientOptions) {
    this.credentials = opts.credentials
    this.insecure = new Set((opts.insecureRegistries ?? []).map(normalizeRegistryName))
    this.logger = opts.logger ?? silentLogger
    this.refuse = opts.refuse
    this.transport = opts.transport ?? new Transport({ logger: this.logger })
    this.cache = opts.cache
    const send: Send = (repo, method, path, headers, maxBytes) => this.send(repo, method, path, headers, maxBytes)
    this.manifests = new ManifestReader(send, this.cache)
    this.blobs = new BlobReader(send, this.cache)
    this.tags = new TagReader(send)
    this.referrers = new ReferrerReader(send, this.manifests)
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
    return [...this.endpoints.values()].map(e => ({
      registry: e.registry,
      tokenRequests: e.auth.tokenRequests,
      rateLimitRemaining: e.rateLimitRemaining
    }))
  }

  rateLimitRemaining(registry: string): string | undefined {
    return this.endpoints.get(registry)?.rateLimitRemaining
  }

  /** GET a manifest by tag or digest, verified, held for the run (manifests.ts). */
  getManifest(repo: Repo, reference: string, opts: { confirm?: boolean } = {}): Promise<FetchedManifest> {
    return this.manifests.getManifest(repo, reference, opts)
  }

  /** GET a manifest as getManifest does, not kept for the run, its body read up to `maxBytes` (manifests.ts). */
  readManifest(repo: Repo, reference: string, maxBytes?: number): Promise<FetchedManifest> {
    return this.manifests.readManifest(repo, reference, maxBytes)
  }

  /** HEAD a manifest: its digest and media type, without a body (manifests.ts). */
  headManifest(
    repo: Repo,
    reference: string
  ): Promise<{ digest: string; mediaType: string | undefined; size: number | undefined }> {
    return this.manifests.headManifest(repo, reference)
  }

  /** What a tag points to now, once per run (manifests.ts). */
  resolveTag(repo: Repo, tag: string): Promise<string> {
    return this.manifests.resolveTag(repo, tag)
  }

  /** A manifest by tag, or undefined when the tag does not exist; not kept for the run (manifests.ts). */
  findManifest(repo: Repo, tag: string): Promise<FetchedManifest | undefined> {
    return this.manifests.findManifest(repo, tag)
  }

  /** The manifests that refer to `digest`: the referrers API, else the referrers tag schema (referrers.ts). */
  getReferrers(repo: Repo, digest: string): Promise<Referrers> {
    return this.referrers.getReferrers(repo, digest)
  }

  /** The repository's tags, following `Link` pagination; bounded, once per repository per run (tags.ts). */
  listTags(repo: Repo): Promise<TagList> {
    return this.tags.listTags(repo)
  }

  /** GET a blob, verified against its descriptor (digest and size), held for the run unless `keep` is false (blobs.ts). */
  getBlob(repo: Repo, desc: Descriptor, maxBytes: number, opts: { keep?: boolean } = {}): Promise<Buffer> {
    return this.blobs.getBlob(repo, desc, maxBytes, opts)
  }

  private endpoint(registry: string): Endpoint {
    let ep = this.endpoints.get(registry)
    if (!ep) {
      const insecure = isLoopback(registry) || this.insecure.has(registry)
      ep = {
        registry,
        insecure,
        // `localhost`, `127.x.x.x` and `[::1]`, which never go through the runner's proxy; not `*.localhost`, a name
        // a resolver or a proxy may send elsewhere (its first request stays HTTPS, as an insecure registry's).
        loopback: isLoopback(registry) && !hostOf(registry).toLowerCase().endsWith('.localhost'),
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
  private async send(
    repo: Repo,
    method: 'GET' | 'HEAD',
    path: string,
    headers: Record<string, string>,
    maxBytes: number
  ): Promise<HttpResponse> {
    const refused = this.refuse?.(repo.registry)
    if (refused)
      throw new RegistryError('denied', `${repo.registry}: not contacted: ${refused}`, { host: repo.registry })
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
          if (e instanceof RegistryError && ['unreachable', 'timeout', 'tls', 'insecure'].includes(e.kind))
            this.giveUp(ep, e)
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
    let res = await this.sendOnce(
      ep,
      repo,
      method,
      path,
      sent ? { ...headers, authorization: sent } : headers,
      maxBytes
    )
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
      res = await this.sendOnce(
        ep,
        repo,
        method,
        path,
        single ? { ...headers, authorization: single } : headers,
        maxBytes
      )
      if (res.status === 401) throw ep.auth.refused(res, scope)
    }
    const remaining = headerValue(res.headers['ratelimit-remaining'])
    if (remaining !== undefined) ep.rateLimitRemaining = remaining
    return res
  }

  private async sendOnce(
    ep: Endpoint,
    repo: Repo,
    method: 'GET' | 'HEAD',
    path: string,
    headers: Record<string, string>,
    maxBytes: number
  ): Promise<HttpResponse> {
    const send = (base: string, plainProbe?: boolean): Promise<HttpResponse> =>
      this.transport.request({
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
        lookup: guardedLookup,
        ...(plainProbe ? { plainProbe } : {})
      })
    if (ep.base !== undefined) return send(ep.base)
    // The scheme is not known yet: this is the registry's first request, and it carries no credentials. From its
    // answer on, the credentials go to the one origin found, for the rest of the run.
    const secure = `https://${apiHost(ep.registry)}`
    const plain = `http://${apiHost(ep.registry)}`
    if (ep.loopback) return this.plainFirst(ep, send, plain, secure)
    // As Docker does: an insecure registry is tried over HTTPS (certificate not verified), and over plain HTTP only
    // when HTTPS cannot be spoken there at all (nothing listens, or the server does not speak TLS).
    try {
      return this.found(ep, secure, await send(secure))
    } catch (e) {
      if (!(e instanceof RegistryError && speaksNoTls(e.cause))) throw e
    }
    return this.found(ep, plain, await send(plain))
  }

  /**
   * A loopback registry's first request goes over plain HTTP, as containerd reaches loopback (its MatchLocalhost):
   * loopback traffic never leaves the machine, so no one on a network can read or change it, and a CI job's registry
   * service (`localhost:5000`) speaks plain HTTP. A loopback port that turns out to speak TLS (it answers 400, as Go
   * and nginx answer a plain request on a TLS port, or ends the connection without an answer) is asked over HTTPS,
   * its certificate not verified, as every loopback registry's is not. Such an ending is not retried over plain HTTP
   * (`plainProbe`), so that a TLS port costs one request; anything else is the registry's answer.
   */
  private async plainFirst(
    ep: Endpoint,
    send: (base: string, plainProbe?: boolean) => Promise<HttpResponse>,
    plain: string,
    secure: string
  ): Promise<HttpResponse> {
    let refused: HttpResponse | undefined
    try {
      const res = await send(plain, true)
      if (res.status !== 400) return this.found(ep, plain, res)
      refused = res
    } catch (e) {
      if (!(e instanceof RegistryError && endedWithoutAnswer(e))) throw e
    }
    try {
      return this.found(ep, secure, await send(secure))
    } catch (e) {
      if (!(e instanceof RegistryError && speaksNoTls(e.cause))) throw e
    }
    // No TLS there either: the 400 was the registry's own answer, or the plain attempt met a passing failure (asked
    // again, with the retries any request has).
    return this.found(ep, plain, refused ?? (await send(plain)))
  }

  /** The scheme the registry answered on is the one its requests use from now on. */
  private found(ep: Endpoint, base: string, res: HttpResponse): HttpResponse {
    if (ep.base === undefined) {
      ep.base = base
      this.logger.debug(`${ep.registry}: reached over ${base.split(':')[0]}`)
    }
    return res
  }

  /** One more request to the registry timed out; at STALL_LIMIT (retries.ts) the registry is given up on. */
  private timedOut(ep: Endpoint, e: RegistryError): void {
    if (ep.fatal) return
    const error = countTimeout(ep, ep.registry, e)
    if (!error) return
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
}
