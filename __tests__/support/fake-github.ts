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
  /**
   * Files the contents API serves, by `owner/repo/path@ref` (a ref as given: a SHA, a branch or a tag). `forbidden`
   * lists repositories the token may not read: GitHub answers 404 for a private one, 403 when the token's
   * permissions are too narrow, as `readable` says.
   */
  files = new Map<string, string | Buffer>()
  forbidden = new Map<string, 403 | 404>()
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
    this.files.clear()
    this.forbidden.clear()
    this.comments = []
    this.writes = 'ok'
  }

  private json(c: FakeComment): object {
    return {
      id: c.id,
      body: c.body,
      user: c.user,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${this.pull}#issuecomment-${c.id}`
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body })
    const send = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(value))
    }
    const u = new URL(req.url ?? '/', 'http://x')
    const issue = `/repos/${this.owner}/${this.repo}/issues/${this.pull}/comments`
    const forbidden = {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments'
    }
    const contents = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(u.pathname)
    if (req.method === 'GET' && contents) {
      const [owner, repo, path] = [
        contents[1]!,
        contents[2]!,
        contents[3]!.split('/').map(decodeURIComponent).join('/')
      ]
      const denied = this.forbidden.get(`${owner}/${repo}`)
      if (denied === 403) return send(403, forbidden)
      if (denied === 404)
        return send(404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content',
          status: '404'
        })
      const ref = u.searchParams.get('ref') ?? 'HEAD'
      const file = this.files.get(`${owner}/${repo}/${path}@${ref}`)
      if (file === undefined) {
        // A directory: any served file below the path at that ref.
        const below = [...this.files.keys()].filter(
          k => k.startsWith(`${owner}/${repo}/${path}/`) && k.endsWith(`@${ref}`)
        )
        if (below.length > 0)
          return send(
            200,
            below.map(k => ({
              type: 'file',
              name: k.slice(`${owner}/${repo}/${path}/`.length).split('@')[0],
              path: k.slice(`${owner}/${repo}/`.length).split('@')[0]
            }))
          )
        return send(404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content',
          status: '404'
        })
      }
      const bytes = Buffer.isBuffer(file) ? file : Buffer.from(file)
      // As GitHub sends it: base64 in lines of 60 characters.
      const content = (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n')
      return send(200, {
        type: 'file',
        encoding: 'base64',
        size: bytes.length,
        name: path.split('/').pop(),
        path,
        content,
        sha: 'f'.repeat(40)
      })
    }
    if (req.method === 'POST' && u.pathname === '/graphql') {
      if (!/viewer\s*\{\s*login\s*\}/.test(body)) return send(400, { message: 'unexpected query' })
      return send(200, { data: { viewer: { login: this.viewer } } })
    }
    if (req.method === 'GET' && u.pathname === issue) {
      const per = Number(u.searchParams.get('per_page') ?? '30')
      const page = Number(u.searchParams.get('page') ?? '1')
      return send(
        200,
        this.comments.slice((page - 1) * per, page * per).map(c => this.json(c))
      )
    }
    if (req.method === 'POST' && u.pathname === issue) {
      if (this.writes === 'forbidden') return send(403, forbidden)
      const c = {
        id: this.nextId++,
        body: (JSON.parse(body) as { body: string }).body,
        user: { login: `${this.viewer}[bot]`, type: 'Bot' as const }
      }
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
