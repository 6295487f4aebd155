/**
 * A proxy in front of the real registry, for what no real part does on demand: delays, 429s, resets, stalls,
 * tampered bodies, lying headers, redirects. Every request is logged.
 */
import * as http from 'node:http'
import type { Socket } from 'node:net'
import { freePort } from './local-registry.js'

export interface ProxyRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
}

export type Fault =
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: string | Buffer }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset-before-headers' }
  | { kind: 'reset-mid-body' }
  | { kind: 'stall' }
  | { kind: 'tamper'; transform: (body: Buffer) => Buffer; set?: Record<string, string | undefined> }
  | { kind: 'headers'; set: Record<string, string | undefined> }
  | { kind: 'redirect'; status?: number; location: string }

export interface LogEntry extends ProxyRequest {
  status: number
  at: number
}

export interface FaultProxy {
  url: string
  host: string
  log: LogEntry[]
  intercept(fn: (req: ProxyRequest) => Fault | undefined): () => void
  /** Requests whose path matches. */
  count(match?: RegExp): number
  reset(): void
  stop(): Promise<void>
}

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer'])

export async function startProxy(opts: { target: string; delayMs?: number }): Promise<FaultProxy> {
  const target = new URL(opts.target)
  const interceptors: Array<(req: ProxyRequest) => Fault | undefined> = []
  const log: LogEntry[] = []
  const sockets = new Set<Socket>()
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })

  const forward = (
    req: http.IncomingMessage,
    body: Buffer
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host }
      const up = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent },
        res => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) })
          )
          res.on('error', reject)
        }
      )
      up.on('error', reject)
      up.end(body)
    })

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const info: ProxyRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers }
        const entry: LogEntry = { ...info, status: 0, at: Date.now() }
        log.push(entry)
        let fault: Fault | undefined
        for (const fn of interceptors) {
          fault = fn(info)
          if (fault) break
        }
        if (opts.delayMs) await new Promise(r => setTimeout(r, opts.delayMs))
        if (fault?.kind === 'delay') await new Promise(r => setTimeout(r, fault.ms))
        switch (fault?.kind) {
          case 'respond':
            entry.status = fault.status
            res.writeHead(fault.status, fault.headers ?? {}).end(fault.body ?? '')
            return
          case 'reset-before-headers':
            req.socket.destroy()
            return
          case 'stall':
            return
          case 'redirect':
            entry.status = fault.status ?? 307
            res.writeHead(entry.status, { location: fault.location }).end()
            return
        }
        if (fault === undefined) {
          // Pass-through streams both ways, as a remote registry's network would: latency, no buffering.
          const headers = { ...req.headers, host: target.host }
          const up = http.request(
            { host: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent },
            upRes => {
              entry.status = upRes.statusCode ?? 502
              const out: http.OutgoingHttpHeaders = {}
              for (const [k, v] of Object.entries(upRes.headers)) if (!HOP.has(k) && v !== undefined) out[k] = v
              res.writeHead(entry.status, out)
              upRes.pipe(res)
            }
          )
          up.on('error', e => {
            entry.status = 502
            if (!res.headersSent) res.writeHead(502)
            res.end(String(e))
          })
          up.end(Buffer.concat(chunks))
          return
        }
        let up
        try {
          up = await forward(req, Buffer.concat(chunks))
        } catch (e) {
          entry.status = 502
          res.writeHead(502).end(String(e))
          return
        }
        entry.status = up.status
        const headers: http.OutgoingHttpHeaders = {}
        for (const [k, v] of Object.entries(up.headers)) if (!HOP.has(k) && v !== undefined) headers[k] = v
        let body = up.body
        if (fault?.kind === 'tamper') body = fault.transform(body)
        if (fault?.kind === 'headers' || (fault?.kind === 'tamper' && fault.set)) {
          for (const [k, v] of Object.entries(fault.set ?? {})) {
            if (v === undefined) delete headers[k.toLowerCase()]
            else headers[k.toLowerCase()] = v
          }
        }
        if (req.method !== 'HEAD') headers['content-length'] = String(body.length)
        if (fault?.kind === 'reset-mid-body') {
          res.writeHead(up.status, headers)
          res.write(body.subarray(0, Math.floor(body.length / 2)))
          setTimeout(() => req.socket.destroy(), 20)
          return
        }
        res.writeHead(up.status, headers)
        res.end(req.method === 'HEAD' ? undefined : body)
      })()
    })
  })
  server.on('connection', s => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  const port = await freePort()
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    log,
    intercept(fn) {
      interceptors.push(fn)
      return () => {
        const i = interceptors.indexOf(fn)
        if (i >= 0) interceptors.splice(i, 1)
      }
    },
    count: match => (match ? log.filter(e => match.test(e.path)).length : log.length),
    reset() {
      log.length = 0
      interceptors.length = 0
    },
    stop: () =>
      new Promise(resolve => {
        for (const s of sockets) s.destroy()
        agent.destroy()
        server.close(() => resolve())
      })
  }
}

export interface Recorder {
  url: string
  host: string
  requests: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders }>
  stop(): Promise<void>
}

/** A plain server on another port that records what it was sent and answers with `serve`. */
export async function startRecorder(
  serve: (req: http.IncomingMessage) => { status: number; headers?: Record<string, string>; body?: Buffer | string }
): Promise<Recorder> {
  const requests: Recorder['requests'] = []
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers })
    const a = serve(req)
    res.writeHead(a.status, a.headers ?? {}).end(a.body ?? '')
  })
  const port = await freePort()
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
