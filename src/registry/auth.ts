import type { Logger } from '../core/logger.js'
import { registerSecret } from '../core/secrets.js'
import { checkRealmHost, guardedLookup } from './address.js'
import { parseChallenges } from './challenge.js'
import type { Credential, CredentialStore } from './credentials.js'
import { RegistryError, registryErrorCodes } from './errors.js'
import type { HttpResponse, Transport } from './transport.js'
import { statusText } from './responses.js'

/** Token and error bodies are read up to 1 MiB. */
export const TOKEN_BODY_LIMIT = 1 << 20
const DEFAULT_EXPIRES_S = 60
/** Scopes asked for in one token request, at most. */
const MAX_BATCH = 50
/**
 * The estimated Authorization header of a batched token stays under this many bytes: fronts such as nginx refuse a
 * header line over 8 KiB (400 "Request Header Or Cookie Too Large"), and a token carries every repository it covers.
 */
export const TOKEN_HEADER_BUDGET = 6144
/** What a token costs besides its scopes: JOSE header (with an x5c chain, as Docker Hub and Harbor send), claims, signature. */
const TOKEN_FIXED_BYTES = 2048
/** Tokens are renewed this long before they expire. */
const EXPIRY_SKEW_MS = 5_000

export interface AuthTarget {
  /** Normalized registry name, for credentials and messages. */
  registry: string
  /** May plain-HTTP token realms be used (loopback or listed insecure)? */
  insecure: boolean
}

type Scheme =
  | { kind: 'unknown' }
  | { kind: 'none' }
  | { kind: 'basic' }
  | { kind: 'bearer'; realm: URL; service: string | undefined }

interface CachedToken {
  value: Promise<string>
  expiresAt: number
  /** How many scopes the token covers. */
  scopes: number
}

/** The Authorization header a token for these scopes is estimated to make: each scope's access entry, base64url. */
export function estimateTokenHeader(scopes: string[]): number {
  let bytes = 'Bearer '.length + TOKEN_FIXED_BYTES
  // {"type":"repository","name":"NAME","actions":["pull"]}, base64url'd inside the JWT's claims.
  for (const s of scopes) bytes += Math.ceil(((Buffer.byteLength(s) + 40) * 4) / 3)
  return bytes
}

/**
 * The scopes one token request asks for: `first`, then the candidates in order while the batch stays within
 * `maxScopes` and its estimated header within `budget` bytes.
 */
export function batchScopes(
  first: string,
  candidates: Iterable<string>,
  maxScopes = MAX_BATCH,
  budget = TOKEN_HEADER_BUDGET
): string[] {
  const batch = [first]
  let bytes = estimateTokenHeader(batch)
  for (const s of candidates) {
    if (batch.length >= maxScopes) break
    if (s === first) continue
    const more = estimateTokenHeader([s]) - estimateTokenHeader([])
    if (bytes + more > budget) continue
    batch.push(s)
    bytes += more
  }
  return batch
}

/** `repository:NAME:pull`: the gate only ever reads. */
export function pullScope(repository: string): string {
  return `repository:${repository}:pull`
}

/**
 * Challenge-driven authorization for one registry. The scheme is learned from the first 401; Bearer tokens are
 * fetched once per scope and shared by concurrent requests until they expire.
 */
export class Authorizer {
  private readonly target: AuthTarget
  private readonly credentials: CredentialStore
  private readonly transport: Transport
  private readonly logger: Logger
  private scheme: Scheme = { kind: 'unknown' }
  private readonly tokens = new Map<string, CachedToken>()
  /** Scopes the run will need: the first token request asks for all of them at once. */
  private readonly expected = new Set<string>()
  /** Token requests made, for the benchmark and the report. */
  tokenRequests = 0
  /** Set once the registry refused a batched token's header as too large: one scope per token from then on. */
  private singleScope = false
  /** Tokens that cover several scopes, and how many. */
  private readonly batched = new Map<string, number>()

  constructor(target: AuthTarget, credentials: CredentialStore, transport: Transport, logger: Logger) {
    this.target = target
    this.credentials = credentials
    this.transport = transport
    this.logger = logger
  }

  get known(): boolean {
    return this.scheme.kind !== 'unknown'
  }

  /** Scopes the run will need; they are fetched together in one token request where the realm grants it. */
  expect(scopes: string[]): void {
    for (const s of scopes) this.expected.add(s)
  }

  /** Nothing was asked: the registry answered without a challenge. */
  markOpen(): void {
    if (this.scheme.kind === 'unknown') this.scheme = { kind: 'none' }
  }

  /** The Authorization header for a request in `scope`, once the scheme is known. */
  async header(scope: string): Promise<string | undefined> {
    switch (this.scheme.kind) {
      case 'unknown':
      case 'none':
        return undefined
      case 'basic':
        return this.basicHeader()
      case 'bearer':
        return `Bearer ${await this.token(scope)}`
    }
  }

  /**
   * A 401 came back for a request in `scope`. Learns the scheme from the challenge and returns the header to try
   * once more with; throws an auth error when there is nothing new to try.
   */
  async challenged(res: HttpResponse, scope: string, sent: string | undefined): Promise<string> {
    const challenges = parseChallenges(res.headers['www-authenticate'])
    const bearer = challenges.find(c => c.scheme === 'bearer')
    const basic = challenges.find(c => c.scheme === 'basic')
    const host = this.target.registry
    if (bearer) {
      const realmText = bearer.params.realm
      if (!realmText)
        throw new RegistryError('auth', `${host}: its Bearer challenge names no realm`, { host, status: 401 })
      let realm: URL
      try {
        realm = new URL(realmText)
      } catch {
        throw new RegistryError('auth', `${host}: its Bearer realm "${realmText}" is not a URL`, { host, status: 401 })
      }
      if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && this.target.insecure)) {
        throw new RegistryError(
          'insecure',
          `${host}: token realm ${realm.origin} is not HTTPS; credentials are not sent over plain HTTP (list the registry in insecure-registries to allow it)`,
          { host, status: 401 }
        )
      }
      const previous = this.scheme
      const service = bearer.params.service
      const changed = previous.kind !== 'bearer' || previous.realm.href !== realm.href || previous.service !== service
      this.scheme = { kind: 'bearer', realm, service }
      if (changed) this.tokens.clear()
      // A token we sent was refused: fetch a fresh one once; if that is refused too, the caller reports it.
      else if (sent?.startsWith('Bearer ')) this.tokens.delete(scope)
      return `Bearer ${await this.token(scope)}`
    }
    if (basic) {
      this.scheme = { kind: 'basic' }
      const header = await this.basicHeader()
      if (!header) throw this.noCredentials(scope)
      if (sent === header) throw this.refused(res, scope)
      return header
    }
    throw new RegistryError('auth', `${host}: answered 401 without a Basic or Bearer challenge`, { host, status: 401 })
  }

  /** An error for a 401 that came back although we sent `sent`. */
  refused(res: HttpResponse, scope: string): RegistryError {
    const { codes, message } = registryErrorCodes(res.body)
    const host = this.target.registry
    const repo = scope.split(':')[1] ?? scope
    return new RegistryError(
      'auth',
      `${host}: authorization refused for ${repo}${message ? ` (${message})` : ''}; check the credentials for ${host} and that they may pull ${repo}`,
      { host, status: 401, codes }
    )
  }

  private noCredentials(scope: string): RegistryError {
    const host = this.target.registry
    const repo = scope.split(':')[1] ?? scope
    return new RegistryError(
      'auth',
      `${host}: credentials are required to pull ${repo} and none were found (username/password inputs, docker config.json, credential helpers)`,
      { host, status: 401 }
    )
  }

  /**
   * The registry refused a request that carried the token for `scope` as too large (400 "Request Header Or Cookie
   * Too Large", 431, 413). When that token covers several scopes, every scope it covers gets a token of its own and
   * no more batches are asked for; returns whether there is a smaller header to try.
   */
  narrow(scope: string, sent: string | undefined): boolean {
    if (this.scheme.kind !== 'bearer' || !sent?.startsWith('Bearer ')) return false
    const covered = this.batched.get(sent.slice('Bearer '.length))
    if (covered === undefined) return false
    if (!this.singleScope) {
      this.singleScope = true
      this.logger.debug(
        `${this.target.registry}: refused a token for ${covered} repositories as too large (${scope.split(':')[1]}); asking one token per repository`
      )
    }
    for (const [s, e] of this.tokens) if (e.scopes > 1) this.tokens.delete(s)
    return true
  }

  private async basicHeader(): Promise<string | undefined> {
    const cred = await this.credentials.get(this.target.registry)
    if (!cred) return undefined
    if (cred.kind === 'basic') return basic(cred.username, cred.password)
    if (cred.kind === 'identity-token') return basic(cred.username || '<token>', cred.token)
    return undefined
  }

  private token(scope: string): Promise<string> {
    const now = Date.now()
    const cached = this.tokens.get(scope)
    if (cached && cached.expiresAt > now) return cached.value
    // The first token for an expected scope also covers the other expected scopes that have none yet, as many as
    // keep its header small enough for the fronts registries stand behind.
    let batch = [scope]
    if (this.expected.has(scope) && !this.singleScope) {
      const open = [...this.expected].filter(s => {
        const c = this.tokens.get(s)
        return !(c && c.expiresAt > now)
      })
      batch = batchScopes(scope, open)
    }
    for (const s of batch) this.expected.delete(s)
    const entry: CachedToken = { value: Promise.resolve(''), expiresAt: Number.POSITIVE_INFINITY, scopes: batch.length }
    entry.value = this.fetchToken(batch).then(
      t => {
        entry.expiresAt = Date.now() + t.expiresInS * 1000 - EXPIRY_SKEW_MS
        if (batch.length > 1) this.batched.set(t.token, batch.length)
        return t.token
      },
      e => {
        for (const s of batch) if (this.tokens.get(s) === entry) this.tokens.delete(s)
        // A batch the realm refuses is asked for again one scope at a time.
        if (batch.length > 1) return this.token(scope)
        throw e
      }
    )
    for (const s of batch) this.tokens.set(s, entry)
    return entry.value
  }

  private async fetchToken(scopes: string[]): Promise<{ token: string; expiresInS: number }> {
    const scope = scopes.join(' ')
    if (this.scheme.kind !== 'bearer') throw new Error('no bearer realm')
    const { realm, service } = this.scheme
    const host = this.target.registry
    let cred: Credential | undefined = await this.credentials.get(host)
    // A credential bound to some hosts (the github-token: ghcr.io) is never sent to a realm elsewhere.
    if (cred?.kind === 'basic' && cred.onlyHosts && !cred.onlyHosts.includes(realm.hostname)) {
      this.logger.debug(
        `${host}: token realm ${realm.host} is not ${cred.onlyHosts.join(', ')}; asking without ${cred.source}`
      )
      cred = undefined
    }
    if (cred?.kind === 'registry-token') return { token: cred.token, expiresInS: 3600 }

    const url = new URL(realm.href)
    const form = new URLSearchParams()
    if (service !== undefined) form.set('service', service)
    let res: HttpResponse
    this.tokenRequests++
    if (cred?.kind === 'identity-token') {
      // OAuth2 refresh-token grant, as docker does with an identity token.
      form.set('scope', scope) // OAuth2: space-separated
      form.set('grant_type', 'refresh_token')
      form.set('refresh_token', cred.token)
      form.set('client_id', 'image-gate')
      form.set('access_type', 'offline')
      res = await this.transport.request({
        method: 'POST',
        url: url.href,
        body: form.toString(),
        maxBytes: TOKEN_BODY_LIMIT,
        limitKey: `token:${url.host}`,
        hostLabel: `${host} token server ${url.host}`,
        // Every hop is checked, the first included: a realm at (or redirecting to) a metadata address would get the
        // registry's credentials, and its answer would be trusted.
        guard: u => checkRealmHost(u, host),
        lookup: guardedLookup
      })
    } else {
      for (const [k, v] of form) url.searchParams.append(k, v)
      for (const sc of scopes) url.searchParams.append('scope', sc) // distribution: one parameter per scope
      const headers: Record<string, string> = {}
      if (cred?.kind === 'basic') headers.authorization = basic(cred.username, cred.password)
      res = await this.transport.request({
        method: 'GET',
        url: url.href,
        headers,
        maxBytes: TOKEN_BODY_LIMIT,
        authOrigin: url.origin,
        limitKey: `token:${url.host}`,
        hostLabel: `${host} token server ${url.host}`,
        // Every hop is checked, the first included: a realm at (or redirecting to) a metadata address would get the
        // registry's credentials, and its answer would be trusted.
        guard: u => checkRealmHost(u, host),
        lookup: guardedLookup
      })
    }
    const label = `${host}: token server ${url.host}`
    if (res.status === 401 || res.status === 403) {
      const { message } = registryErrorCodes(res.body)
      const who = cred ? `the credentials from ${cred.source}` : 'anonymous access'
      throw new RegistryError(
        res.status === 401 ? 'auth' : 'denied',
        `${label} refused ${who} for ${scope} (${statusText(res.status)}${message ? `: ${message}` : ''})`,
        {
          host,
          status: res.status
        }
      )
    }
    if (res.status !== 200) {
      throw new RegistryError('server', `${label} answered ${statusText(res.status)} for ${scope}`, {
        host,
        status: res.status
      })
    }
    let body: { token?: unknown; access_token?: unknown; expires_in?: unknown; refresh_token?: unknown }
    try {
      body = JSON.parse(res.body.toString('utf8')) as typeof body
    } catch {
      throw new RegistryError('auth', `${label} answered with a body that is not JSON`, { host })
    }
    const token =
      typeof body.token === 'string' && body.token !== ''
        ? body.token
        : typeof body.access_token === 'string'
          ? body.access_token
          : ''
    if (token === '') throw new RegistryError('auth', `${label} answered without a token`, { host })
    registerSecret(token)
    if (typeof body.refresh_token === 'string') registerSecret(body.refresh_token)
    const expires = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_S
    this.logger.debug(`${host}: token for ${scope}, valid ${expires} s`)
    return { token, expiresInS: expires }
  }
}

function basic(username: string, password: string): string {
  const value = Buffer.from(`${username}:${password}`).toString('base64')
  registerSecret(value)
  return `Basic ${value}`
}
