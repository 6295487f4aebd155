/**
 * The vulnerability database (an OSV API) as the gate asks it: one batch query for every package of the run
 * (`POST /v1/querybatch`, 1000 queries a request, each result's pages followed), then each listed record once
 * (`GET /v1/vulns/{id}`), through the runner's proxy, with the registry client's concurrency. Whatever the database
 * sends is bounded, and anything it cannot answer, or answers in a form that cannot be read, is an OsvError: the
 * images that needed it fail closed ("could not check vulnerabilities: …"). See docs/architecture.md, "Bounds".
 */
import { PackageURL } from 'packageurl-js'
import { BodyTooLarge, readResponseBounded } from '../core/bounded-read.js'
export { parseDatabaseUrl } from './url.js'
import { proxyFetch } from '../github/api.js'
import { formatBytes, Semaphore } from '../registry/limits.js'
import { statusText } from '../registry/responses.js'
import { parseRetryAfter, sleep } from '../registry/retries.js'
import { fixedVersion } from './affected.js'
import { OsvError, sanitize } from './errors.js'
import { osvPackage } from './query.js'
import { parseBatch, parseRecord, ShapeError, type OsvRecord } from './record.js'
import { compareSeverity, recordSeverity } from './severity.js'
import {
  queryKey,
  type OsvAnswer,
  type OsvOptions,
  type OsvStats,
  type OsvVulnerability,
  type PackageQuery
} from './types.js'

/** Queries in one querybatch request: the API's own limit. */
export const BATCH_SIZE = 1000
/** A querybatch answer. */
export const MAX_ANSWER_BYTES = 16 << 20
/** One record. */
export const MAX_RECORD_BYTES = 1 << 20
/**
 * Distinct records read in a run. Every one is a request; ten thousand is far more than the vulnerabilities of the
 * packages of any set of images a gate judges at once, and bounds the requests a database can make a run send.
 */
export const MAX_IDS = 10_000
/** Distinct packages asked about in a run (an SBOM holds at most 100,000). */
export const MAX_QUERIES = 100_000
/** Pages of one query's result followed (the API pages at 1000 ids). */
export const MAX_PAGES = 10
/** Of an error answer, what is read for its message. */
const ERROR_BODY_BYTES = 4096
export const DEFAULT_RETRIES = { attempts: 3, backoffMs: 500, maxRetryAfterMs: 30_000 }

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504])
const RETRY_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET', 'EAI_AGAIN', 'ECONNABORTED'])

/** The database's base URL, parsed once, its host, the fetch that reaches it, and what every request shares. */
interface Context {
  base: string
  host: string
  fetch: typeof fetch
  options: OsvOptions
  retries: typeof DEFAULT_RETRIES
  limit: Semaphore
  /** Aborted at the first failure: the requests in flight end, and those waiting are not sent. */
  stop: AbortController
  stats: OsvStats
  /** Every id listed so far, across chunks and pages: bounded by MAX_IDS as the answers come. */
  ids: Set<string>
  /** Stops listening to the run's signal. */
  release: () => void
}

/**
 * Every queried package's vulnerabilities, one per record, with its severity and the fixed version for that package;
 * the most severe first. Records that alias each other are not merged here: an alias is one record's word, and an
 * ignore entry or a VEX statement that names it must hold for that record alone (the rule and the report group them:
 * src/policy/vulnerability-records.ts). Rejects with an OsvError when the database cannot answer.
 */
export async function queryOsv(queries: PackageQuery[], options: OsvOptions): Promise<OsvAnswer> {
  const ctx = context(options)
  try {
    return await ask(ctx, queries)
  } finally {
    ctx.release()
  }
}

async function ask(ctx: Context, queries: PackageQuery[]): Promise<OsvAnswer> {
  const distinct = new Map<string, PackageQuery>()
  for (const q of queries) distinct.set(queryKey(q), q)
  if (distinct.size > MAX_QUERIES)
    throw new OsvError(ctx.host, `${distinct.size} packages to ask about, more than the ${MAX_QUERIES} the gate asks`)
  const listed = new Map<string, Set<string>>()
  const chunks: PackageQuery[][] = []
  const all = [...distinct.values()]
  for (let i = 0; i < all.length; i += BATCH_SIZE) chunks.push(all.slice(i, i + BATCH_SIZE))
  await runAll(
    ctx,
    chunks.map(chunk => () => batch(ctx, chunk, listed))
  )
  // Which packages list each id: a record is read once, and what each package needs of it kept.
  const byId = new Map<string, string[]>()
  for (const [key, ids] of listed) {
    for (const id of ids) {
      const keys = byId.get(id)
      if (keys) keys.push(key)
      else byId.set(id, [key])
    }
  }
  const found = new Map<string, OsvVulnerability[]>()
  await runAll(
    ctx,
    [...byId].map(([id, keys]) => async () => {
      const record = await fetchRecord(ctx, id)
      const severity = recordSeverity(record)
      for (const key of keys) {
        const v = vulnerability(record, severity, distinct.get(key)!)
        const list = found.get(key)
        if (list) list.push(v)
        else found.set(key, [v])
      }
    })
  )
  const answer: OsvAnswer = new Map()
  for (const key of distinct.keys())
    answer.set(
      key,
      (found.get(key) ?? []).sort((a, b) => compareSeverity(b.severity, a.severity) || a.id.localeCompare(b.id))
    )
  return answer
}

function context(options: OsvOptions): Context {
  const base = options.url.replace(/\/+$/, '')
  let host: string
  try {
    host = new URL(base).host
  } catch {
    throw new OsvError(sanitize(base, 100), 'is not a URL')
  }
  const stop = new AbortController()
  // The run stopping ends the requests in flight and those waiting their turn, as a failure would.
  const ended = (): void => stop.abort(new OsvError(host, 'the run stopped before the database answered'))
  if (options.signal?.aborted) ended()
  else options.signal?.addEventListener('abort', ended, { once: true })
  return {
    release: () => options.signal?.removeEventListener('abort', ended),
    ids: new Set(),
    base,
    host,
    fetch: proxyFetch(base) ?? fetch,
    options,
    retries: options.retries ?? DEFAULT_RETRIES,
    limit: new Semaphore(options.concurrency),
    stop,
    stats: options.stats ?? { requests: 0, batches: 0, records: 0 }
  }
}

/** A vulnerability of one queried package, from its record. */
function vulnerability(
  record: OsvRecord,
  { severity, score, vector }: ReturnType<typeof recordSeverity>,
  q: PackageQuery
): OsvVulnerability {
  const pkg = osvPackage(q)
  const fixed = pkg ? fixedVersion(record.affected, pkg, q.version) : undefined
  return {
    id: record.id,
    aliases: record.aliases,
    severity,
    ...(score !== undefined ? { score } : {}),
    ...(vector !== undefined ? { vector } : {}),
    ...(fixed !== undefined ? { fixed } : {}),
    ...(record.summary !== undefined ? { summary: record.summary } : {})
  }
}

/** Runs every task within the concurrency; the first failure stops the rest and is what is thrown. */
async function runAll(ctx: Context, tasks: Array<() => Promise<void>>): Promise<void> {
  let first: unknown
  await Promise.all(
    tasks.map(task =>
      ctx.limit.run(task, ctx.stop.signal).catch((e: unknown) => {
        if (first === undefined) {
          first = e
          ctx.stop.abort(e)
        }
      })
    )
  )
  if (first !== undefined) throw first
}

/** The query as the API reads it: by purl (without version) or by ecosystem and name; the version apart. */
function apiQuery(q: PackageQuery, pageToken?: string): Record<string, unknown> {
  let pkg: Record<string, string>
  if (q.package) pkg = { ecosystem: q.package.ecosystem, name: q.package.name }
  else {
    let purl = q.purl
    try {
      const p = PackageURL.fromString(q.purl)
      if (p.version !== undefined)
        purl = new PackageURL(p.type, p.namespace, p.name, undefined, p.qualifiers, p.subpath).toString()
    } catch {
      // Sent as it is: the API says what is wrong with it.
    }
    pkg = { purl }
  }
  return { package: pkg, version: q.version, ...(pageToken !== undefined ? { page_token: pageToken } : {}) }
}

/** One chunk of queries, and every further page of its results: each query's ids into `listed`. */
async function batch(ctx: Context, chunk: PackageQuery[], listed: Map<string, Set<string>>): Promise<void> {
  let pending: Array<{ q: PackageQuery; token?: string }> = chunk.map(q => ({ q }))
  for (let page = 1; pending.length > 0; page++) {
    if (page > MAX_PAGES)
      throw new OsvError(
        ctx.host,
        `answered more than ${MAX_PAGES} pages for a query to POST /v1/querybatch (${pending[0]!.q.purl})`
      )
    const body = JSON.stringify({ queries: pending.map(p => apiQuery(p.q, p.token)) })
    ctx.stats.batches++
    const json = await request(ctx, 'POST', '/v1/querybatch', MAX_ANSWER_BYTES, body)
    let results
    try {
      results = parseBatch(json, pending.length)
    } catch (e) {
      if (e instanceof ShapeError)
        throw new OsvError(ctx.host, `the answer to POST /v1/querybatch is not a batch answer: ${e.message}`)
      throw e
    }
    const next: typeof pending = []
    results.forEach((r, i) => {
      const q = pending[i]!.q
      const key = queryKey(q)
      const ids = listed.get(key) ?? new Set<string>()
      for (const id of r.ids) {
        ids.add(id)
        ctx.ids.add(id)
      }
      listed.set(key, ids)
      if (r.nextPageToken !== undefined) next.push({ q, token: r.nextPageToken })
    })
    if (ctx.ids.size > MAX_IDS)
      throw new OsvError(
        ctx.host,
        `lists more than ${MAX_IDS} vulnerabilities for these packages, the most records the gate reads`
      )
    pending = next
  }
}

async function fetchRecord(ctx: Context, id: string): Promise<OsvRecord> {
  const path = `/v1/vulns/${encodeURIComponent(id)}`
  ctx.stats.records++
  const json = await request(ctx, 'GET', path, MAX_RECORD_BYTES)
  try {
    return parseRecord(json, id)
  } catch (e) {
    if (e instanceof ShapeError)
      throw new OsvError(ctx.host, `the answer to GET ${path} is not the OSV record of ${id}: ${e.message}`)
    throw e
  }
}

/** A request, its retries, and its answer read up to `limit` bytes and parsed as JSON. */
async function request(ctx: Context, method: string, path: string, limit: number, body?: string): Promise<unknown> {
  const what = `${method} ${path}`
  const { attempts, backoffMs, maxRetryAfterMs } = ctx.retries
  for (let attempt = 1; ; attempt++) {
    if (ctx.stop.signal.aborted) throw ctx.stop.signal.reason
    const deadline = AbortSignal.timeout(ctx.options.timeoutMs)
    // One deadline for the request, its body included; a request that passed it is not sent again, so a database
    // that stalls holds the run for one deadline, not one per attempt.
    const signal = AbortSignal.any([deadline, ctx.stop.signal])
    const timedOut = (): OsvError =>
      new OsvError(ctx.host, `no complete answer within ${ctx.options.timeoutMs / 1000} s to ${what}`)
    let res: Response
    try {
      ctx.stats.requests++
      res = await ctx.fetch(`${ctx.base}${path}`, {
        method,
        redirect: 'manual',
        signal,
        headers: {
          accept: 'application/json',
          'user-agent': 'image-gate',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {})
        },
        ...(body !== undefined ? { body } : {})
      })
    } catch (e) {
      if (ctx.stop.signal.aborted) throw ctx.stop.signal.reason
      if (deadline.aborted) throw timedOut()
      const code = networkCode(e)
      if (attempt < attempts && code !== undefined && RETRY_CODES.has(code)) {
        await sleep(backoff(backoffMs, attempt), ctx.stop.signal)
        continue
      }
      const tries = attempt === 1 ? '' : ` (tried ${attempt} times)`
      throw new OsvError(ctx.host, `${what} failed: ${describeNetworkError(e)}${tries}`)
    }
    if (RETRY_STATUSES.has(res.status)) {
      await discard(res)
      const retryAfter = parseRetryAfter(res.headers.get('retry-after') ?? undefined)
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs)
        throw new OsvError(
          ctx.host,
          `answered ${statusText(res.status)} to ${what}, asking to wait ${Math.ceil(retryAfter / 1000)} s, longer than the ${maxRetryAfterMs / 1000} s the gate waits`
        )
      if (attempt >= attempts)
        throw new OsvError(ctx.host, `answered ${statusText(res.status)} to ${what} (tried ${attempt} times)`)
      await sleep(retryAfter ?? backoff(backoffMs, attempt), ctx.stop.signal)
      continue
    }
    if (res.status >= 300 && res.status < 400) {
      await discard(res)
      throw new OsvError(
        ctx.host,
        `answered ${statusText(res.status)} to ${what}: a redirect, which the gate does not follow`
      )
    }
    if (!res.ok) {
      const message = await errorMessage(res, signal)
      throw new OsvError(ctx.host, `answered ${statusText(res.status)} to ${what}${message ? `: ${message}` : ''}`)
    }
    let bytes: Buffer
    try {
      bytes = await readResponseBounded(res, limit)
    } catch (e) {
      if (e instanceof BodyTooLarge)
        throw new OsvError(
          ctx.host,
          `the answer to ${what} is ${e.length !== undefined ? `${e.length} bytes` : `more than ${formatBytes(limit)}`}, over the ${formatBytes(limit)} limit; not read further`
        )
      if (ctx.stop.signal.aborted) throw ctx.stop.signal.reason
      if (deadline.aborted) throw timedOut()
      throw new OsvError(ctx.host, `the answer to ${what} broke off: ${describeNetworkError(e)}`)
    }
    try {
      return JSON.parse(bytes.toString('utf8')) as unknown
    } catch {
      throw new OsvError(ctx.host, `the answer to ${what} is not JSON`)
    }
  }
}

const backoff = (ms: number, attempt: number): number => Math.round(ms * 2 ** (attempt - 1) * (0.5 + Math.random()))

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {})
}

/** The `message` of an error answer (the API's JSON error), sanitized and short; undefined when there is none. */
async function errorMessage(res: Response, signal: AbortSignal): Promise<string | undefined> {
  try {
    if (signal.aborted) return undefined
    const bytes = await readResponseBounded(res, ERROR_BODY_BYTES)
    const json = JSON.parse(bytes.toString('utf8')) as { message?: unknown }
    return typeof json.message === 'string' && json.message.trim() ? sanitize(json.message, 200) : undefined
  } catch {
    await discard(res)
    return undefined
  }
}

function networkCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: unknown } }).cause
  const code = cause?.code ?? (e as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

/** A network failure in a few words: its code and the cause's message, never a stack. */
function describeNetworkError(e: unknown): string {
  const code = networkCode(e)
  const cause = (e as { cause?: { message?: unknown } }).cause
  const message = typeof cause?.message === 'string' ? cause.message : e instanceof Error ? e.message : String(e)
  return sanitize(code && !message.includes(code) ? `${code}: ${message}` : message, 200)
}
