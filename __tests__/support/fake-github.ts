import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ApiRequest {
  method: string
  url: string
  authorization: string | undefined
  body: string
}

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: 'Bot' | 'User' }
}

/**
 * A stand-in for the GitHub REST and GraphQL APIs on 127.0.0.1, enough for the pull-request comment: who the token
 * is, one pull request's comments (listed in pages of `per_page`), creating and editing them. It records every
 * request; `writes` answers POST and PATCH with 403 when set to 'forbidden', as GitHub does for a read-only token.
 */
export class FakeGitHub {
  readonly requests: ApiRequest[] = []
  comments: FakeComment[] = []
  /** The token's identity: GraphQL says `github-actions`, REST writes `github-actions[bot]`. */
  viewer = 'github-actions'
  writes: 'ok' | 'forbidden' = 'ok'
  url = ''
  private server: Server
  private nextId = 1000

  constructor(
    readonly owner = 'acme',
    readonly repo = 'app',
    readonly pull = 7
  ) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')))
    })
  }

  async start(): Promise<void> {
    await new Promise<void>(ok => this.server.listen(0, '127.0.0.1', ok))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>(ok => this.server.close(() => ok()))
  }

  /** A comment someone else wrote. */
  seed(login: string, type: 'Bot' | 'User', body: string): FakeComment {
    const c = { id: this.nextId++, body, user: { login, type } }
    this.comments.push(c)
    return c
  }

  reset(): void {
    this.requests.length = 0
    this.comments = []
    this.writes = 'ok'
  }

  private json(c: FakeComment): object {
    return { id: c.id, body: c.body, user: c.user, html_url: `https://github.com/${this.owner}/${this.repo}/pull/${this.pull}#issuecomment-${c.id}` }
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body })
    const send = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(value))
    }
    const u = new URL(req.url ?? '/', 'http://x')
    const issue = `/repos/${this.owner}/${this.repo}/issues/${this.pull}/comments`
    const forbidden = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/issues/comments' }
    if (req.method === 'POST' && u.pathname === '/graphql') {
      if (!/viewer\s*\{\s*login\s*\}/.test(body)) return send(400, { message: 'unexpected query' })
      return send(200, { data: { viewer: { login: this.viewer } } })
    }
    if (req.method === 'GET' && u.pathname === issue) {
      const per = Number(u.searchParams.get('per_page') ?? '30')
      const page = Number(u.searchParams.get('page') ?? '1')
      return send(200, this.comments.slice((page - 1) * per, page * per).map(c => this.json(c)))
    }
    if (req.method === 'POST' && u.pathname === issue) {
      if (this.writes === 'forbidden') return send(403, forbidden)
      const c = { id: this.nextId++, body: (JSON.parse(body) as { body: string }).body, user: { login: `${this.viewer}[bot]`, type: 'Bot' as const } }
      this.comments.push(c)
      return send(201, this.json(c))
    }
    const edit = new RegExp(`^/repos/${this.owner}/${this.repo}/issues/comments/(\\d+)$`).exec(u.pathname)
    if (req.method === 'PATCH' && edit) {
      if (this.writes === 'forbidden') return send(403, forbidden)
      const c = this.comments.find(x => x.id === Number(edit[1]))
      if (!c) return send(404, { message: 'Not Found' })
      c.body = (JSON.parse(body) as { body: string }).body
      return send(200, this.json(c))
    }
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
  }
}
