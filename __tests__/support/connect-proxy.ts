/**
 * An HTTP CONNECT proxy on loopback, standing in for a runner's HTTP(S)_PROXY. Host names under `.test` are
 * resolved to 127.0.0.1 (loopback targets are never proxied, so tests reach local servers through such names);
 * any other target is refused. Every CONNECT is recorded.
 */
import * as http from 'node:http'
import * as net from 'node:net'
import { freePort } from './local-registry.js'

export interface ConnectProxy {
  url: string
  /** `host:port` of every CONNECT, in order. */
  connects: string[]
  stop(): Promise<void>
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const connects: string[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((_req, res) => res.writeHead(405).end('CONNECT only'))
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? ''
    connects.push(target)
    const m = /^([a-z0-9.-]+\.test):(\d+)$/i.exec(target)
    if (!m) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    const upstream = net.connect(Number(m[2]), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
  })
  const port = await freePort()
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    stop: () =>
      new Promise(resolve => {
        for (const s of sockets) s.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
