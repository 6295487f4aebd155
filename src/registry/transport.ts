import { setMaxListeners } from 'node:events'
import * as http from 'node:http'
import * as https from 'node:https'
import type { LookupFunction } from 'node:net'
import { HttpClient } from '@actions/http-client'
import type { Logger } from '../core/logger.js'
import { silentLogger } from '../core/logger.js'
import { RegistryError } from './errors.js'
import { TlsConfig, describeTlsError } from './tls.js'

/**
 * HTTP for the registry client. `@actions/http-client` chooses the agent (so the runner's proxy settings hold);
 * everything else is done here, because a registry client must do it differently: redirects are followed by hand
 * (Authorization only to the origin it was meant for, never HTTPS → HTTP), 429/5xx and connection errors are
 * retried with jittered backoff and Retry-After, every attempt has a deadline, and bodies are read up to a limit.
 *
 * A run sends hundreds of requests and the gate is CPU-bound while it does, so the hot path is kept short: the
 * agent is looked up once per origin (the proxy decision depends on the origin alone), and the request goes to
 * that agent through Node's http module directly, its deadline enforced by destroying it.
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

export const DEFAULT_TRANSPORT: TransportOptions = {
  timeoutMs: 30_000,
  maxAttempts: 4,
  retryBudgetMs: 20_000,
  backoffMs: 300,
  concurrency: 32,
  userAgent: 'image-gate',
  logger: silentLogger,
  tls: new TlsConfig({ certsDirs: [] })
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

/** Error bodies are read for their message, up to this many bytes. */
export const ERROR_BODY_LIMIT = 1 << 20
const MAX_REDIRECTS = 10
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504])
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const RETRY_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET'])

/** What requests to one origin go through: http-client's agent for it, and the module that speaks its scheme. */
interface OriginRoute {
  client: HttpClient
  agent: http.Agent
  module: typeof http | typeof https
  /** A client certificate is presented (for the wording of TLS failures). */
  clientCert: boolean
}

export class Transport {
  readonly opts: TransportOptions
  private readonly routes = new Map<string, OriginRoute>()
  /** Origins whose certificate files cannot be used: every request to them fails with the same error. */
  private readonly brokenRoutes = new Map<string, RegistryError>()
  private readonly limits = new Map<string, Semaphore>()
  /** Requests sent, per host: for the report and the benchmark. */
  readonly requestCounts = new Map<string, number>()
  /** Aborted by `close`: a request still under way then ends at once, and is not retried on a new connection. */
  private readonly closing = new AbortController()

  constructor(opts: Partial<TransportOptions> = {}) {
    this.opts = { ...DEFAULT_TRANSPORT, ...opts }
    setMaxListeners(0, this.closing.signal)
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const req = { ...request, signal: request.signal ? AbortSignal.any([request.signal, this.closing.signal]) : this.closing.signal }
    const start = new URL(req.url)
    const key = req.limitKey ?? start.host
    let sem = this.limits.get(key)
    if (!sem) {
      sem = new Semaphore(this.opts.concurrency)
      this.limits.set(key, sem)
    }
    return sem.run(() => {
      const gone = req.abandoned?.() ?? aborted(req.signal)
      if (gone) throw gone
      return this.follow(req, start)
    }, req.signal)
  }

  /**
   * Closes every connection. A request still under way (one whose result nobody waits for any more) ends at once:
   * its connection closing under it must not make it retry on a new one and hold the run for another deadline.
   */
  close(): void {
    this.closing.abort(new RegistryError('unreachable', 'the run is over: the request was not completed'))
    for (const r of this.routes.values()) r.client.dispose()
    this.routes.clear()
  }

  private async follow(req: HttpRequest, start: URL): Promise<HttpResponse> {
    const authOrigin = req.authOrigin ?? start.origin
    const label = req.hostLabel ?? start.host
    // One deadline for the whole chain: ten slow redirects take no longer than one slow answer.
    const deadline = Date.now() + this.opts.timeoutMs + this.opts.retryBudgetMs
    let url = start
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { ...(req.headers ?? {}) }
      if (url.origin !== authOrigin) {
        for (const h of Object.keys(headers)) if (h.toLowerCase() === 'authorization') delete headers[h]
      }
      if (req.guard) await req.guard(url)
      const res = await this.withRetries(req, url, headers, label, deadline)
      if (!REDIRECT_STATUSES.has(res.status)) return res
      const location = res.headers.location
      if (!location) return res
      if (hop >= MAX_REDIRECTS) {
        throw new RegistryError('redirect', `${label}: more than ${MAX_REDIRECTS} redirects for ${start.pathname}`, { host: label })
      }
      let next: URL
      try {
        next = new URL(location, url)
      } catch {
        throw new RegistryError('redirect', `${label}: redirect to an invalid location`, { host: label })
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new RegistryError('redirect', `${label}: redirect to a ${next.protocol} URL refused`, { host: label })
      }
      if (url.protocol === 'https:' && next.protocol === 'http:') {
        throw new RegistryError('redirect', `${label}: redirect from HTTPS to plain HTTP (${next.host}) refused`, { host: label })
      }
      if (req.body !== undefined && next.origin !== authOrigin) {
        // A form body carries credentials (a refresh token): it goes to the origin it was meant for, nowhere else.
        throw new RegistryError('redirect', `${label}: a ${req.method} redirected to another origin (${next.host}) is not sent there`, { host: label })
      }
      this.opts.logger.debug(`${req.method} ${url.host}${url.pathname} → ${res.status} redirect to ${next.host}${next.pathname}`)
      url = next
    }
  }

  private async withRetries(req: HttpRequest, url: URL, headers: Record<string, string>, label: string, deadline: number): Promise<HttpResponse> {
    const began = Date.now()
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse | undefined
      let error: RegistryError | undefined
      const gone = (attempt > 1 ? req.abandoned?.() : undefined) ?? aborted(req.signal)
      if (gone) throw gone
      const budget = Math.min(this.opts.timeoutMs, deadline - Date.now())
      if (budget <= 0) throw this.timeoutError(req, url, label)
      try {
        res = await this.attempt(req, url, headers, label, budget)
      } catch (e) {
        error = e instanceof RegistryError ? e : new RegistryError('unreachable', `${label}: ${(e as Error).message}`, { host: label, cause: e })
        // Told as it happens, not when the request runs out of retries: it may be the timeout that gives the registry up.
        if (error.kind === 'timeout' && !req.signal?.aborted) req.onTimeout?.(error)
        const stopped = aborted(req.signal)
        if (stopped) throw stopped
        if (!isRetryable(e)) throw error
      }
      if (res && !RETRY_STATUSES.has(res.status)) return res

      const spent = Date.now() - began
      const left = Math.min(this.opts.retryBudgetMs - spent, deadline - Date.now())
      const backoff = Math.round(this.opts.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()))
      const retryAfter = res ? parseRetryAfter(res.headers['retry-after']) : undefined
      const wait = retryAfter !== undefined ? Math.max(retryAfter, 0) : backoff
      const why = res ? statusText(res.status) : error!.message
      if (attempt >= this.opts.maxAttempts || wait > left) {
        if (res) return res // the caller turns the final status into an error with the registry's message
        const tries = attempt === 1 ? 'once' : `${attempt} times`
        throw new RegistryError(error!.kind, `${error!.message} (tried ${tries})`, { host: label, cause: error!.cause })
      }
      this.opts.logger.debug(`${req.method} ${url.host}${url.pathname}: ${why}; retry ${attempt} in ${wait} ms`)
      await sleep(wait, req.signal)
    }
  }

  private routeFor(url: URL): OriginRoute {
    let r = this.routes.get(url.origin)
    if (!r) {
      const broken = this.brokenRoutes.get(url.origin)
      if (broken) throw broken
      const secure = url.protocol === 'https:'
      let settings: ReturnType<TlsConfig['settingsFor']> | undefined
      try {
        settings = secure ? this.opts.tls.settingsFor(url) : undefined
      } catch (e) {
        const err = e instanceof RegistryError ? e : new RegistryError('tls', `${url.host}: ${(e as Error).message}`, { host: url.host, cause: e })
        this.brokenRoutes.set(url.origin, err)
        throw err
      }
      const client = new HttpClient(this.opts.userAgent, [], {
        keepAlive: true,
        allowRedirects: false,
        allowRetries: false,
        maxSockets: Math.max(this.opts.concurrency, 1)
      })
      const agent = client.getAgent(url.href)
      if (settings) {
        // The agent is this origin's alone (keep-alive, one client per origin): its options reach every TLS
        // connection it opens, directly or through the runner's proxy, as http-client's own ignoreSslError does.
        const options = ((agent as unknown as { options?: Record<string, unknown> }).options ??= {})
        options.rejectUnauthorized = settings.rejectUnauthorized
        if (settings.secureContext) options.secureContext = settings.secureContext
        if (!settings.rejectUnauthorized) this.opts.logger.debug(`${url.host}: insecure registry: its certificate is not verified`)
        if (settings.caFiles.length > 0) this.opts.logger.debug(`${url.host}: trusting the CA certificates of ${settings.caFiles.join(', ')}`)
        if (settings.clientCert) this.opts.logger.debug(`${url.host}: presenting the client certificate ${settings.clientCert}`)
      }
      r = { client, agent, module: secure ? https : http, clientCert: settings?.clientCert !== undefined }
      this.routes.set(url.origin, r)
    }
    return r
  }

  private timeoutError(req: HttpRequest, url: URL, label: string): RegistryError {
    const total = (this.opts.timeoutMs + this.opts.retryBudgetMs) / 1000
    return new RegistryError('timeout', `${label}: no complete answer within ${total} s for ${req.method} ${url.pathname}, redirects and retries included`, { host: label })
  }

  private async attempt(req: HttpRequest, url: URL, headers: Record<string, string>, label: string, budgetMs: number): Promise<HttpResponse> {
    this.requestCounts.set(url.host, (this.requestCounts.get(url.host) ?? 0) + 1)
    const route = this.routeFor(url)
    const outHeaders: http.OutgoingHttpHeaders = { 'user-agent': this.opts.userAgent, ...lower(headers) }
    if (req.body !== undefined) {
      outHeaders['content-type'] ??= 'application/x-www-form-urlencoded'
      outHeaders['content-length'] = Buffer.byteLength(req.body)
    }
    const sent = route.module.request({
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
      path: url.pathname + url.search,
      method: req.method,
      headers: outHeaders,
      agent: route.agent,
      ...(req.lookup ? { lookup: req.lookup } : {})
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      // With an error, so that 'error' fires in every state, waiting for a socket included.
      sent.destroy(new Error('deadline passed'))
    }, budgetMs)
    // Given up on: the request and its connection end now, not at the deadline.
    const stop = (): void => void sent.destroy(new Error('given up'))
    req.signal?.addEventListener('abort', stop, { once: true })
    try {
      const msg = await new Promise<http.IncomingMessage>((resolve, reject) => {
        sent.on('response', resolve)
        sent.on('error', reject)
        sent.end(req.body)
      })
      const status = msg.statusCode ?? 0
      const ok = status >= 200 && status < 300
      if (req.method === 'HEAD' || REDIRECT_STATUSES.has(status)) {
        msg.resume()
        await drained(msg)
        return { status, headers: msg.headers, body: Buffer.alloc(0), url: url.href, truncated: false }
      }
      const limit = ok ? req.maxBytes : Math.min(ERROR_BODY_LIMIT, req.maxBytes)
      const length = Number(msg.headers['content-length'])
      if (ok && Number.isFinite(length) && length > limit) {
        msg.destroy()
        throw tooLarge(label, url, length, limit)
      }
      const { body, truncated } = await readLimited(msg, limit, ok && Number.isFinite(length) && length >= 0 ? length : undefined)
      if (truncated && ok) throw tooLarge(label, url, undefined, limit)
      return { status, headers: msg.headers, body, url: url.href, truncated }
    } catch (e) {
      const gone = aborted(req.signal)
      if (gone) throw gone
      if (e instanceof RegistryError) throw e
      if (timedOut) {
        if (budgetMs < this.opts.timeoutMs) throw this.timeoutError(req, url, label)
        throw new RegistryError('timeout', `${label}: no complete answer within ${this.opts.timeoutMs / 1000} s for ${req.method} ${url.pathname}`, { host: label })
      }
      throw networkError(e, label, url, route.clientCert)
    } finally {
      clearTimeout(timer)
      req.signal?.removeEventListener('abort', stop)
    }
  }
}

function tooLarge(label: string, url: URL, length: number | undefined, limit: number): RegistryError {
  const size = length !== undefined ? `${length} bytes` : `more than ${limit} bytes`
  return new RegistryError('too-large', `${label}: the body of ${url.pathname} is ${size}, over the ${formatBytes(limit)} limit; not read further`, { host: label })
}

export function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`
  return `${n} bytes`
}

function networkError(e: unknown, label: string, url: URL, clientCert: boolean): RegistryError {
  const err = e as NodeJS.ErrnoException
  const code = err.code ?? ''
  let what: string
  let kind: RegistryError['kind'] = 'unreachable'
  switch (code) {
    case 'ECONNREFUSED':
      what = 'connection refused'
      break
    case 'ENOTFOUND':
      what = 'the host name does not resolve'
      break
    case 'EAI_AGAIN':
      what = 'the host name could not be resolved (temporary DNS failure)'
      break
    case 'ECONNRESET':
    case 'EPIPE':
      what = 'the connection was reset'
      break
    case 'ETIMEDOUT':
      kind = 'timeout'
      what = 'the connection timed out'
      break
    default: {
      const tls = url.protocol === 'https:' ? describeTlsError(err, url.host, clientCert) : undefined
      if (tls !== undefined) {
        kind = 'tls'
        what = `TLS: ${tls}`
      } else if (/socket hang up|aborted|premature close|closed before/i.test(err.message ?? '')) {
        what = 'the connection was closed before the answer was complete'
      } else {
        what = err.message || String(e)
      }
    }
  }
  return new RegistryError(kind, `${label}: ${what} (${url.protocol}//${url.host})`, { host: label, cause: e })
}

function isRetryable(e: unknown): boolean {
  if (e instanceof RegistryError) {
    if (e.kind === 'timeout') return true
    if (e.kind !== 'unreachable') return false
    const code = (e.cause as NodeJS.ErrnoException | undefined)?.code
    if (code === 'ENOTFOUND' || code === 'EFORBIDDENADDRESS') return false
    return true
  }
  const code = (e as NodeJS.ErrnoException).code
  return code !== undefined && RETRY_CODES.has(code)
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value
  if (v === undefined || v.trim() === '') return undefined
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000
  // Otherwise only an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`); anything else is ignored.
  if (!/^[A-Za-z]{3,9},? .*\bGMT$/.test(v.trim())) return undefined
  const at = Date.parse(v)
  if (Number.isNaN(at)) return undefined
  return Math.max(at - now, 0)
}

export function statusText(status: number): string {
  return `${status} ${http.STATUS_CODES[status] ?? ''}`.trim()
}

function lower(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v
  return out
}

/**
 * The body, up to `limit` bytes. With `length` (the Content-Length, within the limit), the body is copied into one
 * buffer of that size as it comes: the chunks a socket delivers are views of larger read buffers, and keeping them
 * until the end would hold several times the body's size.
 */
function readLimited(msg: http.IncomingMessage, limit: number, length?: number): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (f: () => void): void => {
      if (!settled) {
        settled = true
        f()
      }
    }
    let whole = length !== undefined && length <= limit ? Buffer.allocUnsafe(length) : undefined
    msg.on('data', (chunk: Buffer) => {
      if (settled) return
      if (whole) {
        if (size + chunk.length <= whole.length) {
          chunk.copy(whole, size)
          size += chunk.length
          return
        }
        // More than announced (the parser does not let it come to this): the rest is gathered as chunks.
        chunks.push(whole.subarray(0, size))
        whole = undefined
      }
      if (size + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - size))
        size = limit
        msg.destroy()
        settle(() => resolve({ body: Buffer.concat(chunks), truncated: true }))
        return
      }
      chunks.push(chunk)
      size += chunk.length
    })
    msg.on('end', () => settle(() => resolve({ body: whole ? whole.subarray(0, size) : Buffer.concat(chunks), truncated: false })))
    msg.on('error', e => settle(() => reject(e)))
    msg.on('close', () => {
      if (!msg.complete) settle(() => reject(Object.assign(new Error('connection closed before the answer was complete'), { code: 'ECONNRESET' })))
    })
  })
}

function drained(msg: http.IncomingMessage): Promise<void> {
  return new Promise(resolve => {
    if (msg.complete) return resolve()
    msg.on('end', () => resolve())
    msg.on('close', () => resolve())
    msg.on('error', () => resolve())
  })
}

/** Waits `ms`; an abort of `signal` ends the wait at once with the signal's reason. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const gone = aborted(signal)
    if (gone) return reject(gone)
    const stop = (): void => {
      clearTimeout(timer)
      reject(aborted(signal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop)
      resolve()
    }, ms)
    signal?.addEventListener('abort', stop, { once: true })
  })
}

/** The reason an aborted signal was aborted with (an Error), or undefined while it is not aborted. */
function aborted(signal: AbortSignal | undefined): Error | undefined {
  if (!signal?.aborted) return undefined
  const reason: unknown = signal.reason
  return reason instanceof Error ? reason : new Error(String(reason))
}

/** A counting semaphore: at most `n` tasks run at once; the rest wait in order. */
export class Semaphore {
  private active = 0
  private readonly waiting: Array<() => void> = []
  private readonly n: number

  constructor(n: number) {
    this.n = Math.max(1, n)
  }

  /** Runs `task` in its turn; an abort of `signal` while it waits leaves the queue at once, with the signal's reason. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    // A finishing task hands its slot to the first waiter, so nobody can take it in between.
    if (this.active >= this.n) {
      await new Promise<void>((resolve, reject) => {
        const gone = aborted(signal)
        if (gone) return reject(gone)
        const turn = (): void => {
          signal?.removeEventListener('abort', leave)
          resolve()
        }
        const leave = (): void => {
          const i = this.waiting.indexOf(turn)
          if (i >= 0) this.waiting.splice(i, 1)
          reject(aborted(signal))
        }
        this.waiting.push(turn)
        signal?.addEventListener('abort', leave, { once: true })
      })
    } else this.active++
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}
