/**
 * A real registry for the tests: Debian's docker-registry (distribution 2.8) on 127.0.0.1, anonymous, with
 * htpasswd basic auth, or with token auth backed by the suite's own ES256 token server.
 */
import bcrypt from 'bcryptjs'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as http from 'node:http'
import * as https from 'node:https'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const REGISTRY_BIN = '/usr/bin/docker-registry'
export type AuthMode = 'anonymous' | 'htpasswd' | 'token'

export interface TokenServerOptions {
  /** Grant pull without credentials. */
  anonymousPull?: boolean
  /** Which field carries the token in the answer. */
  tokenField?: 'token' | 'access_token' | 'both'
  expiresIn?: number
  /** Answer after this long. */
  delayMs?: number
  /** A refresh token (docker's identitytoken) accepted in the OAuth2 POST grant. */
  refreshToken?: string
}

export interface TokenRequest {
  path: string
  scopes: string[]
  authorization: string | undefined
  at: number
}

export interface TokenServer {
  url: string
  realm: string
  service: string
  issuer: string
  certPath: string
  requests: TokenRequest[]
  /** Every token handed out, for secret scans. */
  issued: string[]
  /** Issues a token for the scopes (`repository:NAME:pull,push`), as the server would to an authorized user. */
  issue(scopes: string[]): string
  stop(): Promise<void>
}

/** docker-registry serving HTTPS itself (`http.tls`): PEM files. */
export interface RegistryTls {
  certificate: string
  key: string
  /** CA files whose client certificates it requires (`http.tls.clientcas`). */
  clientCas?: string[]
  /** The client certificate the suite itself pushes with, when clientCas is set. */
  client?: { cert: string; key: string }
}

export interface TestRegistry {
  mode: AuthMode
  /** `127.0.0.1:PORT` */
  host: string
  /** `http://127.0.0.1:PORT`, or `https://…` for a TLS registry. */
  url: string
  /** A plain-HTTP front that the suite pushes through (the registry's own URL when it serves plain HTTP). */
  pushUrl: string
  username: string
  password: string
  tokenServer: TokenServer | undefined
  dir: string
  /** The docker-registry process, for the benchmark's CPU accounting. */
  pid: number | undefined
  /** The Authorization header for pushing to `repo` (undefined for an anonymous registry). */
  pushAuth(repo: string): string | undefined
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

const running = new Set<ChildProcess>()
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL')
})

/** libtrust's key id: SHA-256 of the DER SubjectPublicKeyInfo, first 240 bits, base32, in groups of four. */
export function libtrustKeyId(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' })
  const hash = createHash('sha256').update(der).digest().subarray(0, 30)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const b of hash) bits += b.toString(2).padStart(8, '0')
  let b32 = ''
  for (let i = 0; i < bits.length; i += 5) b32 += alphabet[parseInt(bits.slice(i, i + 5), 2)]
  return b32.match(/.{4}/g)!.join(':')
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url')
}

export async function startTokenServer(
  dir: string,
  users: Map<string, string>,
  opts: TokenServerOptions = {}
): Promise<TokenServer> {
  const keyPath = join(dir, 'token.key')
  const certPath = join(dir, 'token.crt')
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=image-gate-test-token'
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  if (r.status !== 0) throw new Error(`openssl could not make the token server's certificate: ${r.stderr?.toString()}`)
  const { readFileSync } = await import('node:fs')
  const privateKey = createPrivateKey(readFileSync(keyPath))
  const kid = libtrustKeyId(createPublicKey(privateKey))
  const service = 'image-gate-test-registry'
  const issuer = 'image-gate-test-issuer'

  const issue = (scopes: string[]): string => {
    const now = Math.floor(Date.now() / 1000)
    const access = scopes.map(s => {
      const parts = s.split(':')
      const actions = parts.pop()!.split(',')
      const type = parts.shift()!
      return { type, name: parts.join(':'), actions }
    })
    const header = { typ: 'JWT', alg: 'ES256', kid }
    const claims = {
      iss: issuer,
      sub: 'test',
      aud: service,
      exp: now + (opts.expiresIn ?? 300),
      nbf: now - 10,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access
    }
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`
    const sig = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' })
    return `${input}.${b64url(sig)}`
  }

  const requests: TokenRequest[] = []
  const issued: string[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => (opts.delayMs ? setTimeout(answer, opts.delayMs) : answer()))
    const url = new URL(req.url ?? '/', 'http://x')
    const answer = (): void => {
      const form = req.method === 'POST' ? new URLSearchParams(Buffer.concat(chunks).toString()) : url.searchParams
      const scopes = form
        .getAll('scope')
        .flatMap(s => s.split(' '))
        .filter(s => s !== '')
      requests.push({ path: url.pathname, scopes, authorization: req.headers.authorization, at: Date.now() })
      let user: string | undefined
      if (req.method === 'POST') {
        if (
          form.get('grant_type') !== 'refresh_token' ||
          !opts.refreshToken ||
          form.get('refresh_token') !== opts.refreshToken
        ) {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}')
          return
        }
        user = 'refresh-token-user'
      }
      const auth = req.headers.authorization
      if (auth?.startsWith('Basic ')) {
        const [u, ...p] = Buffer.from(auth.slice(6), 'base64').toString().split(':')
        if (users.get(u!) !== p.join(':')) {
          res
            .writeHead(401, { 'content-type': 'application/json' })
            .end('{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}')
          return
        }
        user = u
      }
      if (!user && !opts.anonymousPull) {
        res
          .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="token"' })
          .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}')
        return
      }
      const granted = scopes.map(s => (user ? s : s.replace(/:[^:]*$/, ':pull')))
      const token = issue(granted)
      issued.push(token)
      const body: Record<string, unknown> = { expires_in: opts.expiresIn ?? 300, issued_at: new Date().toISOString() }
      const field = opts.tokenField ?? 'both'
      if (field !== 'access_token') body.token = token
      if (field !== 'token') body.access_token = token
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
  })
  const port = await freePort()
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    realm: `${url}/token`,
    service,
    issuer,
    certPath,
    requests,
    issued,
    issue,
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

async function waitUntilUp(
  url: string,
  child: ChildProcess,
  log: () => string,
  tls: RegistryTls | undefined,
  timeoutMs = 15_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const client = tls?.client ? { cert: readFileSync(tls.client.cert), key: readFileSync(tls.client.key) } : {}
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}:\n${log()}`)
    const status = await new Promise<number>(resolve => {
      const get = tls
        ? (u: string, cb: (res: http.IncomingMessage) => void) =>
            https.get(u, { rejectUnauthorized: false, ...client }, cb)
        : http.get
      const req = get(`${url}/v2/`, res => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', () => resolve(0))
      req.setTimeout(1000, () => req.destroy())
    })
    if (status === 200 || status === 401) return
    await new Promise(r => setTimeout(r, 50))
  }
  throw new Error(`docker-registry did not answer on ${url} within ${timeoutMs} ms:\n${log()}`)
}

/** Starts docker-registry on a free loopback port. Fails (never skips) when the binary is missing. */
export async function startRegistry(
  opts: {
    auth: AuthMode
    username?: string
    password?: string
    tokenOptions?: TokenServerOptions
    tls?: RegistryTls
  } = { auth: 'anonymous' }
): Promise<TestRegistry> {
  if (!existsSync(REGISTRY_BIN)) {
    throw new Error(
      `${REGISTRY_BIN} is missing: the integration tests need Debian's docker-registry (npm test installs it; or apt-get install -y docker-registry)`
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'image-gate-registry-'))
  const username = opts.username ?? 'gate-user'
  const password = opts.password ?? `pw-${randomBytes(12).toString('hex')}`
  const port = await freePort()
  let auth = ''
  let tokenServer: TokenServer | undefined
  if (opts.auth === 'htpasswd') {
    writeFileSync(join(dir, 'htpasswd'), `${username}:${bcrypt.hashSync(password, 5)}\n`)
    auth = `auth:\n  htpasswd:\n    realm: image-gate-test\n    path: ${join(dir, 'htpasswd')}\n`
  } else if (opts.auth === 'token') {
    tokenServer = await startTokenServer(dir, new Map([[username, password]]), opts.tokenOptions)
    auth = `auth:\n  token:\n    realm: ${tokenServer.realm}\n    service: ${tokenServer.service}\n    issuer: ${tokenServer.issuer}\n    rootcertbundle: ${tokenServer.certPath}\n`
  }
  const config = `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: ${join(dir, 'data')}
  delete:
    enabled: true
  redirect:
    disable: true
http:
  addr: 127.0.0.1:${port}
${tlsConfig(opts.tls)}${auth}`
  writeFileSync(join(dir, 'config.yml'), config)
  const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let log = ''
  child.stdout!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)))
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)))
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`
  let front: http.Server | undefined
  try {
    await waitUntilUp(url, child, () => log, opts.tls)
    if (opts.tls) front = await startPlainFront(url, opts.tls)
  } catch (e) {
    child.kill('SIGKILL')
    await tokenServer?.stop()
    throw e
  }
  const frontAddress = front?.address() as AddressInfo | undefined
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  return {
    mode: opts.auth,
    host: `127.0.0.1:${port}`,
    url,
    pushUrl: frontAddress ? `http://127.0.0.1:${frontAddress.port}` : url,
    username,
    password,
    tokenServer,
    dir,
    pid: child.pid,
    pushAuth: repo =>
      opts.auth === 'htpasswd'
        ? basic
        : opts.auth === 'token'
          ? `Bearer ${tokenServer!.issue([`repository:${repo}:pull,push`])}`
          : undefined,
    stop: async () => {
      running.delete(child)
      if (front) {
        front.closeAllConnections()
        await new Promise(r => front!.close(r))
      }
      child.kill('SIGKILL')
      await new Promise(r => (child.exitCode !== null ? r(undefined) : child.once('exit', r)))
      await tokenServer?.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

function tlsConfig(tls: RegistryTls | undefined): string {
  if (!tls) return ''
  let out = `  tls:\n    certificate: ${tls.certificate}\n    key: ${tls.key}\n`
  if (tls.clientCas && tls.clientCas.length > 0)
    out += `    clientcas:\n${tls.clientCas.map(c => `      - ${c}\n`).join('')}`
  return out
}

/** A plain-HTTP front on loopback that forwards to the TLS registry, for the suite's pushes (fetch cannot be told a CA). */
async function startPlainFront(target: string, tls: RegistryTls): Promise<http.Server> {
  const t = new URL(target)
  const agent = new https.Agent({
    keepAlive: true,
    rejectUnauthorized: false,
    ...(tls.client ? { cert: readFileSync(tls.client.cert), key: readFileSync(tls.client.key) } : {})
  })
  const server = http.createServer((req, res) => {
    const up = https.request(
      {
        host: t.hostname,
        port: t.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: t.host },
        agent
      },
      upRes => {
        const headers = { ...upRes.headers }
        // Upload locations point at the registry itself; keep the pushes on this front.
        if (typeof headers.location === 'string')
          headers.location = headers.location.replace(target, `http://${req.headers.host}`)
        res.writeHead(upRes.statusCode ?? 502, headers)
        upRes.pipe(res)
      }
    )
    up.on('error', e => res.writeHead(502).end(String(e)))
    req.pipe(up)
  })
  const port = await freePort()
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  return server
}
