import { spawn } from 'node:child_process'
import { readFile } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { registerSecret } from '../core/secrets.js'
import { RegistryError } from './errors.js'
import { DOCKER_HUB, DOCKER_HUB_CONFIG_KEY, normalizeRegistryName } from '../core/reference.js'

export { normalizeRegistryName }

/** What a registry may be offered. `source` says where it came from, for messages (never the secret). */
export type Credential =
  | { kind: 'basic'; username: string; password: string; source: string; onlyHosts?: string[] }
  /** An OAuth2 refresh token (config.json `identitytoken`, or a helper's `<token>` user): exchanged at the realm. */
  | { kind: 'identity-token'; username: string; token: string; source: string }
  /** A bearer token to send as it is (config.json `registrytoken`). */
  | { kind: 'registry-token'; token: string; source: string }

export interface CredentialOptions {
  /** The `username`/`password` inputs and the registry they belong to. */
  input?: { registry: string; username: string; password: string }
  /** Sent to ghcr.io only. */
  githubToken?: string
  githubActor?: string
  /** Directory holding config.json: $DOCKER_CONFIG, else ~/.docker. */
  dockerConfigDir?: string
  /** How long a credential helper may take. */
  helperTimeoutMs?: number
  /** PATH for finding docker-credential-* helpers. */
  path?: string
}

interface DockerConfig {
  auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }
  >
  credHelpers?: Record<string, string>
  credsStore?: string
}

/** Decodes config.json's `auth` (base64 of `user:password`). */
export function decodeAuth(auth: string): { username: string; password: string } {
  const decoded = Buffer.from(auth, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0) throw new Error('the auth field is not base64 of user:password')
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/**
 * Finds a registry's credentials, in this order: the username/password inputs, config.json (auths, credHelpers,
 * credsStore), the job's token for ghcr.io, anonymous. Each registry is looked up once per run.
 */
export class CredentialStore {
  private readonly opts: CredentialOptions
  private readonly cache = new Map<string, Promise<Credential | undefined>>()
  private config: Promise<DockerConfig | undefined> | undefined

  constructor(opts: CredentialOptions) {
    this.opts = opts
    registerSecret(opts.input?.password)
    registerSecret(opts.githubToken)
  }

  get(registry: string): Promise<Credential | undefined> {
    let p = this.cache.get(registry)
    if (!p) {
      p = this.lookup(registry)
      this.cache.set(registry, p)
    }
    return p
  }

  private async lookup(registry: string): Promise<Credential | undefined> {
    const input = this.opts.input
    if (input && input.username !== '' && input.password !== '' && normalizeRegistryName(input.registry) === registry) {
      return {
        kind: 'basic',
        username: input.username,
        password: input.password,
        source: 'the username/password inputs'
      }
    }
    const fromConfig = await this.fromDockerConfig(registry)
    if (fromConfig) return fromConfig
    if (registry === 'ghcr.io' && this.opts.githubToken) {
      return {
        kind: 'basic',
        username: this.opts.githubActor || 'x-access-token',
        password: this.opts.githubToken,
        source: 'the github-token input',
        onlyHosts: ['ghcr.io']
      }
    }
    return undefined
  }

  private configPath(): string {
    return join(this.opts.dockerConfigDir ?? join(homedir(), '.docker'), 'config.json')
  }

  private loadConfig(): Promise<DockerConfig | undefined> {
    this.config ??= (async () => {
      const path = this.configPath()
      let text: string
      try {
        text = await readText(path)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw new RegistryError('credentials', `cannot read ${path}: ${(e as Error).message}`)
      }
      try {
        const parsed = JSON.parse(text) as unknown
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object')
        const cfg = parsed as DockerConfig
        for (const entry of Object.values(cfg.auths ?? {})) {
          registerSecret(entry?.auth)
          registerSecret(entry?.password)
          registerSecret(entry?.identitytoken)
          registerSecret(entry?.registrytoken)
        }
        return cfg
      } catch (e) {
        // The parser's message quotes the file, and the file holds passwords: say where, never what.
        throw new RegistryError(
          'credentials',
          `${path} is not valid docker config JSON (${jsonErrorPlace(e, text)}); fix the file or point DOCKER_CONFIG elsewhere`
        )
      }
    })()
    return this.config
  }

  private async fromDockerConfig(registry: string): Promise<Credential | undefined> {
    const cfg = await this.loadConfig()
    if (!cfg) return undefined
    const keys = configKeys(registry)
    const path = this.configPath()

    const own = <T>(m: Record<string, T> | undefined, k: string): T | undefined =>
      m !== null && typeof m === 'object' && Object.hasOwn(m, k) ? m[k] : undefined
    const helpers = cfg.credHelpers !== null && typeof cfg.credHelpers === 'object' ? cfg.credHelpers : {}
    const helperKey =
      keys.find(k => typeof own(helpers, k) === 'string') ??
      Object.keys(helpers).find(k => typeof own(helpers, k) === 'string' && normalizeRegistryName(k) === registry)
    const helper =
      helperKey !== undefined
        ? own(helpers, helperKey)
        : typeof cfg.credsStore === 'string'
          ? cfg.credsStore
          : undefined
    if (helper) {
      const server = registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry
      const fromHelper = await this.runHelper(helper, server, registry)
      if (fromHelper) return fromHelper
    }

    const auths = cfg.auths !== null && typeof cfg.auths === 'object' ? cfg.auths : {}
    const key =
      keys.find(k => own(auths, k) !== undefined) ?? Object.keys(auths).find(k => normalizeRegistryName(k) === registry)
    if (key === undefined) return undefined
    const found = own(auths, key)
    const entry = found !== null && typeof found === 'object' ? found : {}
    const source = `${path} (auths "${key}")`
    if (entry.identitytoken) {
      let username = entry.username ?? ''
      if (!username && entry.auth) username = safeDecode(entry.auth)?.username ?? ''
      return { kind: 'identity-token', username, token: entry.identitytoken, source }
    }
    if (entry.registrytoken) return { kind: 'registry-token', token: entry.registrytoken, source }
    if (entry.auth) {
      const decoded = safeDecode(entry.auth)
      if (!decoded) throw new RegistryError('credentials', `${source}: the auth field is not base64 of user:password`)
      registerSecret(decoded.password)
      return { kind: 'basic', ...decoded, source }
    }
    if (entry.username && entry.password)
      return { kind: 'basic', username: entry.username, password: entry.password, source }
    return undefined
  }

  /**
   * `docker-credential-NAME get`, server URL on stdin, JSON on stdout. Bounded in time and output: the helper runs
   * in its own process group, and at its timeout the whole group is killed and its pipes are closed, so that a child
   * it forked (and that still holds the pipes) cannot keep the run alive. A helper that exits is given a moment for
   * its output to drain, then the same.
   */
  private runHelper(name: string, server: string, registry: string): Promise<Credential | undefined> {
    const bin = `docker-credential-${name}`
    const timeoutMs = this.opts.helperTimeoutMs ?? 15_000
    const fail = (why: string): RegistryError =>
      new RegistryError('credentials', `credential helper ${bin} failed for ${registry}: ${why}`, { host: registry })
    return new Promise((resolve, reject) => {
      const env = { ...process.env }
      if (this.opts.path !== undefined) env.PATH = this.opts.path
      const child = spawn(bin, ['get'], { stdio: ['pipe', 'pipe', 'pipe'], env, detached: true })
      let out = ''
      let err = ''
      let done = false
      let drain: NodeJS.Timeout | undefined
      /** Kills the helper's process group (the helper and whatever it forked) and stops reading its pipes. */
      const abandon = (): void => {
        if (child.pid !== undefined) {
          try {
            process.kill(-child.pid, 'SIGKILL')
          } catch {
            // The group is gone already.
          }
        }
        child.stdout.destroy()
        child.stderr.destroy()
        child.stdin.destroy()
        child.unref()
      }
      const finish = (f: () => void): void => {
        if (done) return
        done = true
        clearTimeout(timer)
        clearTimeout(drain)
        f()
      }
      const timer = setTimeout(() => {
        abandon()
        finish(() =>
          reject(fail(`no answer within ${timeoutMs / 1000} s; it and the processes it started were killed`))
        )
      }, timeoutMs)
      // The helper has exited but something it started may still hold its pipes: 'close' would wait for that.
      child.on('exit', () => {
        if (done) return
        drain = setTimeout(() => {
          abandon()
          onClose(child.exitCode ?? 1)
        }, 500)
      })
      child.stdout.on('data', (d: Buffer) => {
        if (out.length < 1 << 20) out += d.toString('utf8')
      })
      child.stderr.on('data', (d: Buffer) => {
        if (err.length < 4096) err += d.toString('utf8')
      })
      child.on('error', e => {
        const code = (e as NodeJS.ErrnoException).code
        finish(() => reject(fail(code === 'ENOENT' ? `${bin} is not on the PATH` : e.message)))
      })
      child.stdin.on('error', () => {})
      child.stdin.end(server)
      const onClose = (code: number | null): void =>
        finish(() => {
          const text = out.trim()
          if (code !== 0) {
            if (/credentials not found/i.test(text + err)) return resolve(undefined)
            return reject(fail(`exit code ${code}${err.trim() ? `: ${firstLine(err)}` : ''}`))
          }
          let parsed: { Username?: unknown; Secret?: unknown }
          try {
            parsed = JSON.parse(text) as typeof parsed
          } catch {
            return reject(fail('its output is not JSON'))
          }
          if (typeof parsed.Secret !== 'string' || typeof parsed.Username !== 'string' || parsed.Secret === '') {
            return reject(fail('its output has no Username and Secret'))
          }
          registerSecret(parsed.Secret)
          const source = `credential helper ${bin}`
          if (parsed.Username === '<token>')
            return resolve({ kind: 'identity-token', username: '', token: parsed.Secret, source })
          resolve({ kind: 'basic', username: parsed.Username, password: parsed.Secret, source })
        })
      child.on('close', onClose)
    })
  }
}

/** Where a JSON parse failed, as a line and column only: nothing of the text itself. */
export function jsonErrorPlace(e: unknown, text: string): string {
  const message = e instanceof Error ? e.message : ''
  if (message === 'not a JSON object') return 'it is not a JSON object'
  const m = /\bposition (\d+)/.exec(message)
  if (m) {
    const pos = Math.min(Number(m[1]), text.length)
    const before = text.slice(0, pos)
    const line = before.split('\n').length
    const col = pos - before.lastIndexOf('\n')
    return `syntax error at line ${line}, column ${col}`
  }
  if (/end of (JSON )?input/i.test(message)) return 'it ends too early'
  return 'syntax error'
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0]!.slice(0, 200)
}

function safeDecode(auth: string): { username: string; password: string } | undefined {
  try {
    return decodeAuth(auth)
  } catch {
    return undefined
  }
}

/** The config.json keys a registry may be stored under, most specific first. */
export function configKeys(registry: string): string[] {
  if (registry === DOCKER_HUB) {
    return [DOCKER_HUB_CONFIG_KEY, 'index.docker.io', 'docker.io', 'https://index.docker.io', 'registry-1.docker.io']
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`]
}

/**
 * A file's text, through `fs.readFile` rather than `fs/promises`: Node's `fs/promises` brings fifteen of its internal
 * modules (readline's among them) into every run's start-up, for this one read (docs/performance.md).
 */
function readText(path: string): Promise<string> {
  return new Promise((resolve, reject) => readFile(path, 'utf8', (e, text) => (e ? reject(e) : resolve(text))))
}
