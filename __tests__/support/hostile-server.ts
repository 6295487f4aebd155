/**
 * A registry that answers as an attacker chooses: every byte, every delay. It listens on 127.0.0.1 only, counts the
 * connections and requests it is sent, and stops by itself after its lifetime, whatever the test does.
 */
import { createHash } from 'node:crypto'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Answer {
  status: number
  headers?: Record<string, string>
  body?: Buffer | string
}

/** `undefined`: never answer (the request stalls until the client gives up or the server stops). */
export type Handler = (req: http.IncomingMessage, n: number) => Answer | undefined | Promise<Answer | undefined>

export interface HostileServer {
  url: string
  host: string
  port: number
  /** Connections accepted so far. */
  connections: number
  requests: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders }>
  stop(): Promise<void>
}

export async function startHostile(handler: Handler, lifetimeMs = 120_000): Promise<HostileServer> {
  const sockets = new Set<import('node:net').Socket>()
  const state = { connections: 0 }
  const requests: HostileServer['requests'] = []
  const server = http.createServer((req, res) => {
    const n = requests.length
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers })
    req.resume()
    void Promise.resolve(handler(req, n)).then(
      a => {
        if (!a) return // stall
        const body = typeof a.body === 'string' ? Buffer.from(a.body) : (a.body ?? Buffer.alloc(0))
        res.writeHead(a.status, { 'content-length': String(body.length), ...(a.headers ?? {}) })
        res.end(req.method === 'HEAD' ? undefined : body)
      },
      () => res.destroy()
    )
  })
  server.on('connection', s => {
    state.connections++
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  let stopped: Promise<void> | undefined
  const stop = (): Promise<void> =>
    (stopped ??= new Promise<void>(resolve => {
      clearTimeout(timer)
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    }))
  const timer = setTimeout(() => void stop(), lifetimeMs)
  timer.unref()
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    get connections() {
      return state.connections
    },
    requests,
    stop
  }
}

export const digestOf = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json'

/** Documents served by digest, and tags that point at them: the content a hostile registry can make up. */
export class Store {
  readonly docs = new Map<string, { body: Buffer; type: string }>()
  readonly tags = new Map<string, string>()

  put(doc: unknown, type: string): { digest: string; size: number; mediaType: string } {
    const body = Buffer.isBuffer(doc) ? doc : Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc))
    const digest = digestOf(body)
    this.docs.set(digest, { body, type })
    return { digest, size: body.length, mediaType: type }
  }

  /** An image: its config (the given fields) and its manifest; tagged when `tag` is given. */
  image(config: Record<string, unknown>, tag?: string): { digest: string; size: number; mediaType: string } {
    const cfg = this.put(
      { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: {}, ...config },
      OCI_CONFIG
    )
    const m = this.put({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: cfg, layers: [] }, OCI_MANIFEST)
    if (tag) this.tags.set(tag, m.digest)
    return m
  }

  /** Answers /v2/ (open), manifests by tag or digest and blobs by digest; anything else 404. */
  answer(path: string): Answer {
    if (path === '/v2/' || path === '/v2') return { status: 200, body: '{}' }
    const m = /^\/v2\/.+\/(manifests|blobs)\/([^/?]+)$/.exec(path)
    if (!m) return { status: 404, body: '{"errors":[{"code":"NAME_UNKNOWN"}]}' }
    const digest = m[1] === 'manifests' && !m[2]!.includes(':') ? this.tags.get(m[2]!) : m[2]!
    const doc = digest ? this.docs.get(digest) : undefined
    if (!doc) return { status: 404, body: '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}' }
    return { status: 200, headers: { 'content-type': doc.type, 'docker-content-digest': digest! }, body: doc.body }
  }
}

/** Lines of a runner log that the runner would take as a workflow command: `::cmd` after leading space, `##[` anywhere. */
export function commandLines(log: string): string[] {
  return log.split(/\r\n|\r|\n/).filter(l => /^\s*::/.test(l) || l.includes('##['))
}
