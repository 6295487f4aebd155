import { RegistryError, aborted } from './errors.js'
import { statusText } from './responses.js'
import type { HttpRequest, HttpResponse, TransportOptions } from './types.js'

/**
 * When a request is tried again and when it is given up: 429/5xx and connection errors are retried with jittered
 * backoff and Retry-After, within one deadline per chain, and a registry whose requests keep timing out is given up
 * on for the rest of the run.
 */

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504])
const RETRY_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET'
])

/**
 * The connection ended without an HTTP answer: reset, closed, or bytes that are not HTTP. What a TLS port does with a
 * plain request (Go and nginx answer it 400 instead).
 */
export function endedWithoutAnswer(e: RegistryError): boolean {
  if (e.kind !== 'unreachable') return false
  const cause = e.cause as NodeJS.ErrnoException | undefined
  const code = cause?.code ?? ''
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code.startsWith('HPE_') ||
    /socket hang up|closed before|premature close/i.test(cause?.message ?? '')
  )
}

/** One attempt of a request, within `budgetMs`. */
export type Attempt = (budgetMs: number) => Promise<HttpResponse>

/**
 * Sends `tryOnce` until it answers with a status that is not retried, or until the attempts, the retry budget or the
 * chain's `deadline` run out: then the last answer is returned (the caller turns its status into an error with the
 * registry's message), or the last error thrown.
 */
export async function withRetries(
  req: HttpRequest,
  url: URL,
  opts: TransportOptions,
  label: string,
  deadline: number,
  tryOnce: Attempt
): Promise<HttpResponse> {
  const began = Date.now()
  for (let attempt = 1; ; attempt++) {
    let res: HttpResponse | undefined
    let error: RegistryError | undefined
    const gone = (attempt > 1 ? req.abandoned?.() : undefined) ?? aborted(req.signal)
    if (gone) throw gone
    const budget = Math.min(opts.timeoutMs, deadline - Date.now())
    if (budget <= 0) throw chainTimeout(opts, req, url, label)
    try {
      res = await tryOnce(budget)
    } catch (e) {
      error =
        e instanceof RegistryError
          ? e
          : new RegistryError('unreachable', `${label}: ${(e as Error).message}`, { host: label, cause: e })
      // Told as it happens, not when the request runs out of retries: it may be the timeout that gives the registry up.
      if (error.kind === 'timeout' && !req.signal?.aborted) req.onTimeout?.(error)
      const stopped = aborted(req.signal)
      if (stopped) throw stopped
      if (!isRetryable(e) || (req.plainProbe && endedWithoutAnswer(error))) throw error
    }
    if (res && !RETRY_STATUSES.has(res.status)) return res

    const spent = Date.now() - began
    const left = Math.min(opts.retryBudgetMs - spent, deadline - Date.now())
    const backoff = Math.round(opts.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()))
    const retryAfter = res ? parseRetryAfter(res.headers['retry-after']) : undefined
    const wait = retryAfter !== undefined ? Math.max(retryAfter, 0) : backoff
    const why = res ? statusText(res.status) : error!.message
    if (attempt >= opts.maxAttempts || wait > left) {
      if (res) return res // the caller turns the final status into an error with the registry's message
      const tries = attempt === 1 ? 'once' : `${attempt} times`
      throw new RegistryError(error!.kind, `${error!.message} (tried ${tries})`, { host: label, cause: error!.cause })
    }
    opts.logger.debug(`${req.method} ${url.host}${url.pathname}: ${why}; retry ${attempt} in ${wait} ms`)
    await sleep(wait, req.signal)
  }
}

/** The chain's deadline passed: its redirects and retries included. */
export function chainTimeout(opts: TransportOptions, req: HttpRequest, url: URL, label: string): RegistryError {
  const total = (opts.timeoutMs + opts.retryBudgetMs) / 1000
  return new RegistryError(
    'timeout',
    `${label}: no complete answer within ${total} s for ${req.method} ${url.pathname}, redirects and retries included`,
    { host: label }
  )
}

/** An attempt given `budgetMs` passed it: the chain's deadline when that was the nearer, else the attempt's own. */
export function attemptTimeout(
  opts: TransportOptions,
  req: HttpRequest,
  url: URL,
  label: string,
  budgetMs: number
): RegistryError {
  if (budgetMs < opts.timeoutMs) return chainTimeout(opts, req, url, label)
  return new RegistryError(
    'timeout',
    `${label}: no complete answer within ${opts.timeoutMs / 1000} s for ${req.method} ${url.pathname}`,
    { host: label }
  )
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

/**
 * A registry whose requests have timed out this many times is given up on for the rest of the run: the requests to
 * it still in flight or waiting their turn end at once and every later one fails at once, so that a registry that
 * stalls holds the run for one timeout, not one per image or per request. Each attempt that times out counts, as it
 * times out: a request waiting its turn behind it is refused, not sent.
 */
export const STALL_LIMIT = 2

/** Requests to a registry that timed out (attempts, each an HTTP request), and what the first one said. */
export interface Stalls {
  timeouts: number
  firstTimeout: string | undefined
}

/**
 * One more request to `registry` timed out (`e`): counted in `stalls`. At STALL_LIMIT, the error the registry is to
 * be given up on with; before it, undefined.
 */
export function countTimeout(stalls: Stalls, registry: string, e: RegistryError): RegistryError | undefined {
  stalls.timeouts++
  stalls.firstTimeout ??= e.message.startsWith(`${registry}: `) ? e.message.slice(registry.length + 2) : e.message
  if (stalls.timeouts < STALL_LIMIT) return undefined
  return new RegistryError(
    'timeout',
    `${registry}: given up on after ${stalls.timeouts} requests timed out (the first: ${stalls.firstTimeout}); its requests still waiting were ended and the rest of this run's were not sent`,
    { host: registry }
  )
}
