/**
 * A stand-in for the OSV API (api.osv.dev) on 127.0.0.1, serving the real records of `__tests__/fixtures/osv/`:
 *
 * - `POST /v1/querybatch`: at most 1000 queries, each by purl or by ecosystem and name, the version in `version`
 *   (400 when the purl carries one too, or when a query names both a purl and a name, as the API answers). Each
 *   result lists only ids and `modified`, as the API's does, `pageSize` at a time with a `next_page_token`;
 *   a query with `page_token` gets the next page. A purl type it does not know matches nothing (the API's 200 with
 *   an empty result).
 * - `GET /v1/vulns/{id}`: the record, byte for byte; 404 with the API's JSON error for an unknown id.
 *
 * Matching is OSV's: the affected entries of the queried ecosystem (`Debian` covers `Debian:7`) and name (PyPI
 * names as PEP 503 normalizes them), and a version in their `versions` list or in an `ECOSYSTEM`/`SEMVER` range
 * (`introduced`, `fixed`, `last_affected`). Faults are answered in the order they are queued, to the requests they
 * name; every request is recorded.
 */
import { readdirSync, readFileSync } from 'node:fs'
import * as http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PackageURL } from 'packageurl-js'
import { isAffected, sameEcosystem, sameName } from '../../src/osv/affected.js'
import { parseRecord, type OsvRecord } from '../../src/osv/record.js'

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'osv')

/** What the stand-in answers instead of the right answer. */
export type OsvFault =
  /** This status (a JSON error body), with a Retry-After when given. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** 200 with a body that is not JSON. */
  | { kind: 'junk' }
  /** 200 with `bytes` bytes of JSON-looking text; `announce`: with its Content-Length (else chunked). */
  | { kind: 'oversize'; bytes: number; announce: boolean }
  /** Never answers. */
  | { kind: 'stall' }
  /** Sends the status line and half a body, then nothing more. */
  | { kind: 'stall-body' }
  /** 200 with this JSON. */
  | { kind: 'shape'; body: unknown }
  /** 302 to another path. */
  | { kind: 'redirect' }
  /** Closes the connection without an answer. */
  | { kind: 'reset' }

export interface OsvRequest {
  method: string
  path: string
  /** For a querybatch: its queries. */
  queries?: unknown[]
}

const ECOSYSTEM_OF_PURL: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  maven: 'Maven',
  cargo: 'crates.io',
  'deb/debian': 'Debian',
  'apk/alpine': 'Alpine'
}
const DEBIAN_CODENAMES: Record<string, string> = { wheezy: '7', jessie: '8', bullseye: '11', bookworm: '12' }

export class OsvServer {
  readonly records = new Map<string, { bytes: Buffer; record: OsvRecord; modified: string }>()
  readonly requests: OsvRequest[] = []
  /** Ids listed per page of one query's result. */
  pageSize = 1000
  url = ''
  host = ''
  private readonly faults: Array<{ on: 'batch' | 'vulns'; fault: OsvFault }> = []
  private readonly sockets = new Set<Socket>()
  private readonly server: http.Server

  constructor(dir = FIXTURES) {
    for (const f of readdirSync(dir).filter(n => n.endsWith('.json'))) this.add(readFileSync(join(dir, f)))
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')))
    })
    this.server.on('connection', s => {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
    })
  }

  /** Serves one more record (its bytes as they are). */
  add(bytes: Buffer): void {
    const json = JSON.parse(bytes.toString('utf8')) as { id: string; modified?: string }
    this.records.set(json.id, { bytes, record: parseRecord(json, json.id), modified: json.modified ?? '' })
  }

  /** The next request of that kind (`batch`: a querybatch; `vulns`: a record) gets this fault instead. */
  fault(on: 'batch' | 'vulns', fault: OsvFault, times = 1): this {
    for (let i = 0; i < times; i++) this.faults.push({ on, fault })
    return this
  }

  /** Forgets the faults not yet answered. */
  clearFaults(): void {
    this.faults.length = 0
  }

  count(kind: 'batch' | 'vulns'): number {
    return this.requests.filter(r => (kind === 'batch' ? r.path === '/v1/querybatch' : r.path.startsWith('/v1/vulns/')))
      .length
  }

  async start(): Promise<this> {
    await new Promise<void>(ok => this.server.listen(0, '127.0.0.1', ok))
    const port = (this.server.address() as AddressInfo).port
    this.host = `127.0.0.1:${port}`
    this.url = `http://${this.host}`
    return this
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>(ok => this.server.close(() => ok()))
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const path = (req.url ?? '/').split('?')[0]!
    const method = req.method ?? 'GET'
    const entry: OsvRequest = { method, path }
    this.requests.push(entry)
    const kind = path === '/v1/querybatch' ? 'batch' : path.startsWith('/v1/vulns/') ? 'vulns' : undefined
    const i = this.faults.findIndex(f => f.on === kind)
    if (i >= 0) {
      const [queued] = this.faults.splice(i, 1)
      return this.answerFault(res, queued!.fault)
    }
    if (method === 'POST' && kind === 'batch') return this.batch(res, body, entry)
    if (method === 'GET' && kind === 'vulns') {
      const id = decodeURIComponent(path.slice('/v1/vulns/'.length))
      const r = this.records.get(id)
      if (!r) return json(res, 404, { code: 5, message: 'Bug not found.' })
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(r.bytes.length) })
      return void res.end(r.bytes)
    }
    json(res, 404, { code: 5, message: 'Not Found' })
  }

  private answerFault(res: http.ServerResponse, fault: OsvFault): void {
    switch (fault.kind) {
      case 'status':
        return json(
          res,
          fault.status,
          { code: 14, message: `fault ${fault.status}\u0007\n<b>x</b>` },
          {
            ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {})
          }
        )
      case 'junk':
        res.writeHead(200, { 'content-type': 'application/json' })
        return void res.end('<html>Service Unavailable</html>')
      case 'oversize': {
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(fault.announce ? { 'content-length': String(fault.bytes) } : {})
        })
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        let left = fault.bytes
        const pump = (): void => {
          while (left > 0) {
            const n = Math.min(left, chunk.length)
            left -= n
            if (!res.write(chunk.subarray(0, n))) return void res.once('drain', pump)
          }
          res.end()
        }
        res.on('error', () => {})
        return pump()
      }
      case 'stall':
        return
      case 'stall-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
        return void res.write('{"results": [')
      case 'shape':
        return json(res, 200, fault.body)
      case 'redirect':
        res.writeHead(302, { location: '/elsewhere' })
        return void res.end()
      case 'reset':
        return void res.socket?.destroy()
    }
  }

  private batch(res: http.ServerResponse, body: string, entry: OsvRequest): void {
    let parsed: { queries?: unknown }
    try {
      parsed = JSON.parse(body) as { queries?: unknown }
    } catch {
      return json(res, 400, { code: 3, message: 'Invalid JSON payload' })
    }
    const queries = Array.isArray(parsed.queries) ? parsed.queries : []
    entry.queries = queries
    if (queries.length > 1000) return json(res, 400, { code: 3, message: 'too many queries' })
    const results: unknown[] = []
    for (const [i, q] of queries.entries()) {
      const asked = this.parseQuery(q)
      if (typeof asked === 'string')
        return json(res, 400, { code: 3, message: `error in query at index ${i}: ${asked}` })
      if (!asked) {
        results.push({})
        continue
      }
      const ids = this.match(asked.ecosystem, asked.name, asked.version)
      const offset = asked.pageToken ? Number(Buffer.from(asked.pageToken, 'base64').toString('utf8')) : 0
      const page = ids.slice(offset, offset + this.pageSize)
      const next =
        offset + this.pageSize < ids.length ? Buffer.from(String(offset + this.pageSize)).toString('base64') : undefined
      results.push({
        ...(page.length > 0 ? { vulns: page.map(id => ({ id, modified: this.records.get(id)!.modified })) } : {}),
        ...(next ? { next_page_token: next } : {})
      })
    }
    json(res, 200, { results })
  }

  /** A query as the API reads it: an error message, undefined for a purl type it does not know, or what to match. */
  private parseQuery(
    q: unknown
  ): string | undefined | { ecosystem: string; name: string; version: string; pageToken?: string } {
    const query = q as {
      package?: { purl?: string; ecosystem?: string; name?: string }
      version?: string
      page_token?: string
    }
    const pkg = query.package
    if (!pkg) return 'invalid query'
    let version = query.version ?? ''
    let ecosystem = pkg.ecosystem ?? ''
    let name = pkg.name ?? ''
    if (pkg.purl) {
      if (name) return 'name specified in a PURL query'
      if (ecosystem) return 'ecosystem specified in a PURL query'
      let purl: PackageURL
      try {
        purl = PackageURL.fromString(pkg.purl)
      } catch {
        return 'invalid PURL'
      }
      if (purl.version) {
        if (version) return 'version specified in params and PURL query'
        version = purl.version
      }
      const eco =
        ECOSYSTEM_OF_PURL[purl.namespace ? `${purl.type}/${purl.namespace}` : purl.type] ?? ECOSYSTEM_OF_PURL[purl.type]
      if (!eco) return undefined
      ecosystem = eco
      name = purl.namespace && ['npm', 'golang'].includes(purl.type) ? `${purl.namespace}/${purl.name}` : purl.name
      const distro = purl.qualifiers?.distro
      if (eco === 'Debian' && distro) ecosystem = `Debian:${DEBIAN_CODENAMES[distro] ?? distro}`
    }
    if (!name || (!ecosystem && !version)) return 'invalid query'
    return { ecosystem, name, version, ...(query.page_token ? { pageToken: query.page_token } : {}) }
  }

  /** The ids of the records that affect this version of the package, sorted. */
  match(ecosystem: string, name: string, version: string): string[] {
    const ids: string[] = []
    for (const [id, { record }] of this.records) {
      const hit = record.affected.some(
        a => sameEcosystem(a.ecosystem, ecosystem) && sameName(a.ecosystem, a.name, name) && isAffected(a, version)
      )
      if (hit) ids.push(id)
    }
    return ids.sort()
  }
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body))
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers })
  res.end(bytes)
}

export async function startOsvServer(dir?: string): Promise<OsvServer> {
  return new OsvServer(dir).start()
}
