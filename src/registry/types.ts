import type * as http from 'node:http'
import type { LookupFunction } from 'node:net'
import type { Logger } from '../core/logger.js'
import type { Descriptor, Manifest } from '../oci/manifest.js'
import type { RegistryError } from './errors.js'
import type { TlsConfig } from './tls.js'

/**
 * The shapes the files of the registry client share: the transport's requests and answers, and what the operations
 * (manifests, blobs, tags, referrers) are given and return. Types only, so that any file may import them without
 * closing a cycle (docs/architecture.md).
 */

export interface TransportOptions {
  /**
   * Deadline of one attempt, headers and body. A request's whole chain (its redirects and its retries) ends within
   * `timeoutMs + retryBudgetMs`: a redirect does not start a fresh deadline.
   */
  timeoutMs: number
  /** Attempts per request, the first included. */
  maxAttempts: number
  /** Total time a request may spend waiting between attempts. */
  retryBudgetMs: number
  /** Backoff base: attempt n waits about base·2ⁿ⁻¹, jittered. */
  backoffMs: number
  /** Requests in flight per limit key (a registry). */
  concurrency: number
  userAgent: string
  logger: Logger
  /** Certificates and verification per HTTPS origin (docker's certs.d, insecure registries). */
  tls: TlsConfig
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST'
  url: string
  headers?: Record<string, string>
  /** A form body (POST). */
  body?: string
  /** Largest body accepted on success; a larger one is an error and is not read further. */
  maxBytes: number
  /** The origin the Authorization header belongs to; it is dropped on any other. Default: the URL's origin. */
  authOrigin?: string
  /** Requests with the same key share one concurrency limit. Default: the URL's host. */
  limitKey?: string
  /** Registry named in error messages. Default: the URL's host. */
  hostLabel?: string
  /**
   * Asked before the request is sent and before each retry or redirect: an error means the request is not sent
   * (the registry was given up on while this one waited for its turn).
   */
  abandoned?: () => Error | undefined
  /**
   * Aborted when the request's registry is given up on: the request ends at once with the signal's reason, whether
   * it waits for its turn, for a retry or for its answer.
   */
  signal?: AbortSignal
  /**
   * Told of every attempt that timed out, as it times out: before the request retries or hands its turn on, so that
   * a registry can be given up on (and `signal` aborted) before another request to it is sent.
   */
  onTimeout?: (error: RegistryError) => void
  /** Checks every URL of the chain, the first and each redirect, before it is contacted (token realms). */
  guard?: (url: URL) => Promise<void>
  /** Resolves host names when a connection is made (token realms: `guardedLookup`). */
  lookup?: LookupFunction
  /**
   * The first plain-HTTP request to a loopback registry, whose port may speak TLS: a connection that ends without an
   * answer (`endedWithoutAnswer`) is not retried, so that such a port costs one request.
   */
  plainProbe?: boolean
}

export interface HttpResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
  /** The URL that answered, after redirects. */
  url: string
  /** True when an error body was cut at its limit. */
  truncated: boolean
}

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

export interface TagList {
  tags: string[]
  /** True when the list was cut at the bound. */
  truncated: boolean
}

/**
 * How an operation reaches the registry: the client's request under the repository's pull scope (its scheme, auth,
 * refusal and give-up are the client's, in client.ts). A path is under `/v2/<repository>`.
 */
export type Send = (
  repo: Repo,
  method: 'GET' | 'HEAD',
  path: string,
  headers: Record<string, string>,
  maxBytes: number
) => Promise<HttpResponse>
