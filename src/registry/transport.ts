import { setMaxListeners } from 'node:events'
import * as http from 'node:http'
import * as https from 'node:https'
import { HttpClient } from '@actions/http-client'
import { silentLogger } from '../core/logger.js'
import { RegistryError, aborted } from './errors.js'
import { Limiter, drained, readBounded } from './limits.js'
import { REDIRECT_STATUSES, followRedirects } from './redirects.js'
import { attemptTimeout, withRetries } from './retries.js'
import { TlsConfig, describeTlsError } from './tls.js'
import type { HttpRequest, HttpResponse, TransportOptions } from './types.js'

export type { HttpRequest, HttpResponse, TransportOptions } from './types.js'

/**
 * HTTP for the registry client. `@actions/http-client` chooses the agent (so the runner's proxy settings hold);
 * everything else is done here, because a registry client must do it differently: redirects are followed by hand
 * (Authorization only to the origin it was meant for, never HTTPS → HTTP), 429/5xx and connection errors are
 * retried with jittered backoff and Retry-After, every attempt has a deadline, and bodies are read up to a limit.
 *
 * A run sends hundreds of requests and the gate is CPU-bound while it does, so the hot path is kept short: the
 * agent is looked up once per origin (the proxy decision depends on the origin alone), and the request goes to
 * that agent through Node's http module directly, its deadline enforced by destroying it.
 *
 * This file is the composition: the concurrency limit and bounded reads are in limits.ts, redirects in
 * redirects.ts, retries and deadlines in retries.ts; one attempt (the agent, the request, its deadline) is here.
 */

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
  private readonly limiter: Limiter
  /** Requests sent, per host: for the report and the benchmark. */
  readonly requestCounts = new Map<string, number>()
  /** Aborted by `close`: a request still under way then ends at once, and is not retried on a new connection. */
  private readonly closing = new AbortController()
  /** `stopping`'s signals, by the signal they were made for. */
  private readonly combined = new WeakMap<AbortSignal, AbortSignal>()

  constructor(opts: Partial<TransportOptions> = {}) {
    this.opts = { ...DEFAULT_TRANSPORT, ...opts }
    this.limiter = new Limiter(this.opts.concurrency)
    setMaxListeners(0, this.closing.signal)
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const req = { ...request, signal: this.stopping(request.signal) }
    const start = new URL(req.url)
    return this.limiter.run(
      req.limitKey ?? start.host,
      () => {
        const gone = req.abandoned?.() ?? aborted(req.signal)
        if (gone) throw gone
        return this.follow(req, start)
      },
      req.signal
    )
  }

  /**
   * The signal that ends a request: its own (its registry given up on) or the transport's closing, whichever comes
   * first. One per signal given, shared by its requests: a run sends hundreds to each registry.
   */
  private stopping(signal: AbortSignal | undefined): AbortSignal {
    if (!signal) return this.closing.signal
    let either = this.combined.get(signal)
    if (!either) {
      either = AbortSignal.any([signal, this.closing.signal])
      setMaxListeners(0, either)
      this.combined.set(signal, either)
    }
    return either
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

  /** The request's chain: each hop of its redirects sent with its retries, each attempt of those by `attempt`. */
  private follow(req: HttpRequest, start: URL): Promise<HttpResponse> {
    const label = req.hostLabel ?? start.host
    // One deadline for the whole chain: ten slow redirects take no longer than one slow answer.
    const deadline = Date.now() + this.opts.timeoutMs + this.opts.retryBudgetMs
    return followRedirects(req, start, label, this.opts.logger, (url, headers) =>
      withRetries(req, url, this.opts, label, deadline, budget => this.attempt(req, url, headers, label, budget))
    )
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
        const err =
          e instanceof RegistryError
            ? e
            : new RegistryError('tls', `${url.host}: ${(e as Error).message}`, { host: url.host, cause: e })
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
        if (!settings.rejectUnauthorized)
          this.opts.logger.debug(`${url.host}: insecure registry: its certificate is not verified`)
        if (settings.caFiles.length > 0)
          this.opts.logger.debug(`${url.host}: trusting the CA certificates of ${settings.caFiles.join(', ')}`)
        if (settings.clientCert)
          this.opts.logger.debug(`${url.host}: presenting the client certificate ${settings.clientCert}`)
      }
      r = { client, agent, module: secure ? https : http, clientCert: settings?.clientCert !== undefined }
      this.routes.set(url.origin, r)
    }
    return r
  }

  private async attempt(
    req: HttpRequest,
    url: URL,
    headers: Record<string, string>,
    label: string,
    budgetMs: number
  ): Promise<HttpResponse> {
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
      if (req.method === 'HEAD' || REDIRECT_STATUSES.has(status)) {
        msg.resume()
        await drained(msg)
        return { status, headers: msg.headers, body: Buffer.alloc(0), url: url.href, truncated: false }
      }
      const { body, truncated } = await readBounded(msg, status >= 200 && status < 300, req.maxBytes, label, url)
      return { status, headers: msg.headers, body, url: url.href, truncated }
    } catch (e) {
      const gone = aborted(req.signal)
      if (gone) throw gone
      if (e instanceof RegistryError) throw e
      if (timedOut) throw attemptTimeout(this.opts, req, url, label, budgetMs)
      throw networkError(e, label, url, route.clientCert)
    } finally {
      clearTimeout(timer)
      req.signal?.removeEventListener('abort', stop)
    }
  }
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

function lower(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v
  return out
}
