import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RegistryError } from '../../../src/registry/errors.js'
import type { Credential, CredentialOptions } from '../../../src/registry/credentials.js'
import { CredentialStore, configKeys, decodeAuth, normalizeRegistryName } from '../../../src/registry/credentials.js'
import { redact } from '../../../src/core/secrets.js'

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')

let root: string
let n = 0
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'image-gate-cred-'))
})
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

/** A fresh directory with config.json (when given) and a bin/ of fake credential helpers. */
function setup(
  config?: unknown,
  helpers: Record<string, string> = {}
): { dir: string; bin: string; log: string; path: string } {
  const dir = join(root, `case-${++n}`)
  const bin = join(dir, 'bin')
  mkdirSync(bin, { recursive: true })
  if (config !== undefined)
    writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config))
  const log = join(dir, 'helper.log')
  for (const [name, body] of Object.entries(helpers)) {
    const file = join(bin, `docker-credential-${name}`)
    writeFileSync(
      file,
      `#!/bin/sh\n[ "$1" = get ] || exit 9\nserver=$(cat)\nprintf '%s\\n' "$server" >> '${log}'\n${body}\n`
    )
    chmodSync(file, 0o755)
  }
  return { dir, bin, log, path: `${bin}:/usr/bin:/bin` }
}

function store(s: { dir: string; path: string }, extra: Partial<CredentialOptions> = {}): CredentialStore {
  return new CredentialStore({ dockerConfigDir: s.dir, path: s.path, helperTimeoutMs: 5000, ...extra })
}

/** A process that runs: it exists and is not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

function helperCalls(log: string): string[] {
  try {
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter(l => l !== '')
  } catch {
    return []
  }
}

async function rejection(p: Promise<unknown>): Promise<RegistryError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(RegistryError)
    return e as RegistryError
  }
  throw new Error('expected a rejection')
}

const unique = (label: string): string => `${label}-${n}-${Math.random().toString(36).slice(2, 10)}`

const ok = (user: string, secret: string): string =>
  `printf '{"ServerURL":"%s","Username":"${user}","Secret":"${secret}"}' "$server"`

describe('normalizeRegistryName', () => {
  test.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['https://registry-1.docker.io/v2/', 'docker.io'],
    ['registry.hub.docker.com', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['HOST:5000/path', 'host:5000'],
    ['https://MyReg:5000', 'myreg:5000'],
    ['http://myreg:5000/v2/', 'myreg:5000'],
    ['https://ghcr.io', 'ghcr.io'],
    ['  ghcr.io  ', 'ghcr.io'],
    ['[::1]:5000', '[::1]:5000'],
    ['localhost:5000', 'localhost:5000'],
    ['GHCR.IO:443', 'ghcr.io'],
    ['https://ghcr.io:443/v2/', 'ghcr.io'],
    ['Docker.IO', 'docker.io'],
    ['[::1]:443', '[::1]'],
    ['localhost:80', 'localhost:80']
  ])('%s → %s', (input, expected) => {
    expect(normalizeRegistryName(input)).toBe(expected)
  })
})

describe('decodeAuth', () => {
  test.each([
    [b64('user:pass'), 'user', 'pass'],
    [b64('user:pa:ss:word'), 'user', 'pa:ss:word'],
    [b64('user:'), 'user', ''],
    [b64('üser:pässwörd'), 'üser', 'pässwörd']
  ])('%s', (auth, username, password) => {
    expect(decodeAuth(auth)).toEqual({ username, password })
  })

  test.each([[b64('nocolon')], [b64(':onlypassword')], ['']])('%j is rejected', auth => {
    expect(() => decodeAuth(auth)).toThrow('base64 of user:password')
  })
})

describe('configKeys', () => {
  test('Docker Hub is looked up under the key docker login writes, first', () => {
    const keys = configKeys('docker.io')
    expect(keys[0]).toBe('https://index.docker.io/v1/')
    expect(keys).toEqual(expect.arrayContaining(['index.docker.io', 'docker.io', 'registry-1.docker.io']))
  })

  test.each([
    [
      'myreg:5000',
      ['myreg:5000', 'https://myreg:5000', 'http://myreg:5000', 'https://myreg:5000/v1/', 'https://myreg:5000/v2/']
    ],
    ['ghcr.io', ['ghcr.io', 'https://ghcr.io']]
  ])('%s', (registry, contains) => {
    const keys = configKeys(registry)
    expect(keys[0]).toBe(registry)
    expect(keys).toEqual(expect.arrayContaining(contains))
    for (const k of keys) expect(normalizeRegistryName(k)).toBe(registry)
  })
})

describe('CredentialStore: inputs and config.json auths', () => {
  test('the username/password inputs win, for their registry only', async () => {
    const password = unique('input-pass')
    const s = setup({
      auths: { 'ghcr.io': { auth: b64('cfg-user:cfg-pass-ghcr') }, 'quay.io': { auth: b64('quay-user:quay-pass') } }
    })
    const st = store(s, { input: { registry: 'https://ghcr.io', username: 'in-user', password } })
    expect(await st.get('ghcr.io')).toMatchObject({
      kind: 'basic',
      username: 'in-user',
      password,
      source: 'the username/password inputs'
    })
    expect(await st.get('quay.io')).toMatchObject({ kind: 'basic', username: 'quay-user', password: 'quay-pass' })
    expect(redact(password)).toBe('***')
  })

  test('inputs for index.docker.io apply to docker.io', async () => {
    const password = unique('hub-pass')
    const st = store(setup(), { input: { registry: 'index.docker.io', username: 'u', password } })
    expect(await st.get('docker.io')).toMatchObject({ kind: 'basic', username: 'u', password })
  })

  test.each<[string, Record<string, unknown>, string, Partial<Credential> | undefined]>([
    [
      'auth with a colon in the password',
      { 'ghcr.io': { auth: b64('me:se:cr:et') } },
      'ghcr.io',
      { kind: 'basic', username: 'me', password: 'se:cr:et' }
    ],
    [
      'Docker Hub under https://index.docker.io/v1/',
      { 'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') } },
      'docker.io',
      { kind: 'basic', username: 'hubuser', password: 'hubpass' }
    ],
    [
      'Docker Hub under index.docker.io',
      { 'index.docker.io': { auth: b64('hubuser2:hubpass2') } },
      'docker.io',
      { kind: 'basic', username: 'hubuser2' }
    ],
    [
      'https://myreg:5000 for myreg:5000',
      { 'https://myreg:5000': { auth: b64('m:mpass') } },
      'myreg:5000',
      { kind: 'basic', username: 'm', password: 'mpass' }
    ],
    [
      'HTTPS://MyReg:5000/v1/ for myreg:5000',
      { 'HTTPS://MyReg:5000/v1/': { auth: b64('m2:mpass2') } },
      'myreg:5000',
      { kind: 'basic', username: 'm2' }
    ],
    [
      'username and password fields',
      { 'quay.io': { username: 'qu', password: 'qpass-fields' } },
      'quay.io',
      { kind: 'basic', username: 'qu', password: 'qpass-fields' }
    ],
    [
      'identitytoken',
      { 'myacr.azurecr.io': { identitytoken: 'refresh-tok-1', username: '00000000-0000' } },
      'myacr.azurecr.io',
      { kind: 'identity-token', username: '00000000-0000', token: 'refresh-tok-1' } as Partial<Credential>
    ],
    [
      'identitytoken with the user in auth',
      { 'myacr2.azurecr.io': { identitytoken: 'refresh-tok-2', auth: b64('tokuser:') } },
      'myacr2.azurecr.io',
      { kind: 'identity-token', username: 'tokuser', token: 'refresh-tok-2' } as Partial<Credential>
    ],
    [
      'registrytoken',
      { 'reg.example.com': { registrytoken: 'bearer-tok-3' } },
      'reg.example.com',
      { kind: 'registry-token', token: 'bearer-tok-3' } as Partial<Credential>
    ],
    ['another registry only', { 'quay.io': { auth: b64('q:qq-pass') } }, 'ghcr.io', undefined],
    ['an empty entry', { 'ghcr.io': {} }, 'ghcr.io', undefined],
    [
      'a lookalike host is not the registry',
      { 'ghcr.io.evil.example': { auth: b64('e:evil-pass') } },
      'ghcr.io',
      undefined
    ],
    // a key written in another spelling of the registry's host is that registry's
    [
      'GHCR.IO for ghcr.io',
      { 'GHCR.IO': { auth: b64('g:upper-pass') } },
      'ghcr.io',
      { kind: 'basic', username: 'g', password: 'upper-pass' }
    ],
    [
      'https://ghcr.io:443 for ghcr.io',
      { 'https://ghcr.io:443': { auth: b64('g2:port-pass') } },
      'ghcr.io',
      { kind: 'basic', username: 'g2', password: 'port-pass' }
    ],
    [
      'registry.hub.docker.com for docker.io',
      { 'registry.hub.docker.com': { auth: b64('h3:hub-alias-pass') } },
      'docker.io',
      { kind: 'basic', username: 'h3' }
    ],
    [
      'LOCALHOST:5000 for localhost:5000',
      { 'LOCALHOST:5000': { auth: b64('l:local-pass') } },
      'localhost:5000',
      { kind: 'basic', username: 'l' }
    ],
    ['ghcr.io:80 is not ghcr.io', { 'ghcr.io:80': { auth: b64('p:port80-pass') } }, 'ghcr.io', undefined]
  ])('%s', async (_name, auths, registry, expected) => {
    const st = store(setup({ auths }))
    const cred = await st.get(registry)
    if (expected === undefined) expect(cred).toBeUndefined()
    else expect(cred).toMatchObject(expected)
  })

  test('the source names the file and the key, never the secret', async () => {
    const s = setup({ auths: { 'https://index.docker.io/v1/': { auth: b64('hubuser:src-secret-pass') } } })
    const cred = await store(s).get('docker.io')
    expect(cred?.source).toContain(join(s.dir, 'config.json'))
    expect(cred?.source).toContain('https://index.docker.io/v1/')
    expect(cred?.source).not.toContain('src-secret-pass')
  })

  test('every secret in config.json is registered for redaction', async () => {
    const pass = unique('auth-pass')
    const auth = b64(`user:${pass}`)
    const identity = unique('identity')
    const registryToken = unique('regtoken')
    const fieldPass = unique('field-pass')
    const st = store(
      setup({
        auths: {
          'a.example': { auth },
          'b.example': { identitytoken: identity },
          'c.example': { registrytoken: registryToken },
          'd.example': { username: 'u', password: fieldPass }
        }
      })
    )
    await st.get('a.example')
    for (const secret of [auth, pass, identity, registryToken, fieldPass])
      expect(redact(`x ${secret} y`)).toBe('x *** y')
  })

  test('a malformed auth field is a credentials error naming the entry', async () => {
    const err = await rejection(store(setup({ auths: { 'ghcr.io': { auth: b64('no-colon-here') } } })).get('ghcr.io'))
    expect(err.kind).toBe('credentials')
    expect(err.message).toContain('"ghcr.io"')
    expect(err.message).toContain('base64 of user:password')
  })

  test.each([
    ['not JSON', '{"auths": {', 'not valid docker config JSON'],
    ['a JSON array', '[]', 'not valid docker config JSON'],
    ['JSON null', 'null', 'not valid docker config JSON']
  ])('config.json that is %s is a credentials error', async (_name, text, phrase) => {
    const s = setup(text)
    const err = await rejection(store(s).get('ghcr.io'))
    expect(err.kind).toBe('credentials')
    expect(err.message).toContain(phrase)
    expect(err.message).toContain(join(s.dir, 'config.json'))
  })

  test.each([
    ['a password cut short', '{"auths": {"r.example": {"password": "hunter2-swordfish'],
    ['a bare word after a key', '{"auths": {"r.example": {"auth": hunter2swordfish}}}'],
    ['a trailing comma after a secret', '{"auths": {"r.example": {"password": "hunter2swordfish",}}}'],
    ['a secret outside any string', 'hunter2swordfish']
  ])('config.json with %s: the error quotes nothing of the file', async (_name, text) => {
    const s = setup(text)
    const err = await rejection(store(s).get('ghcr.io'))
    expect(err.kind).toBe('credentials')
    expect(err.message).toContain('not valid docker config JSON')
    expect(err.message).not.toMatch(/hunter|swordfish|auths|r\.example/)
  })

  test('config.json keys named like Object.prototype members are not entries', async () => {
    const s = setup({ auths: {}, credHelpers: {} })
    for (const registry of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(await store(s).get(registry)).toBeUndefined()
  })

  test('an unreadable config.json is a credentials error', async () => {
    const s = setup()
    mkdirSync(join(s.dir, 'config.json'))
    const err = await rejection(store(s).get('ghcr.io'))
    expect(err.kind).toBe('credentials')
    expect(err.message).toContain('cannot read')
  })

  test('no config.json means anonymous', async () => {
    const s = setup()
    expect(await store(s).get('ghcr.io')).toBeUndefined()
    expect(await store(s).get('docker.io')).toBeUndefined()
  })
})

describe('CredentialStore: the github token', () => {
  test.each([
    ['ghcr.io', true],
    ['docker.io', false],
    ['quay.io', false],
    ['ghcr.io.evil.example', false],
    ['evilghcr.io', false],
    ['ghcr.io:5000', false]
  ])('%s gets the github token: %s', async (registry, expected) => {
    const token = unique('ghs')
    const st = store(setup(), { githubToken: token, githubActor: 'octocat' })
    const cred = await st.get(registry)
    if (expected)
      expect(cred).toEqual({
        kind: 'basic',
        username: 'octocat',
        password: token,
        source: 'the github-token input',
        onlyHosts: ['ghcr.io']
      })
    else expect(cred).toBeUndefined()
    expect(redact(token)).toBe('***')
  })

  test('without an actor the username is x-access-token', async () => {
    const cred = await store(setup(), { githubToken: unique('ghs') }).get('ghcr.io')
    expect(cred).toMatchObject({ kind: 'basic', username: 'x-access-token' })
  })

  test('config.json credentials for ghcr.io come before the github token', async () => {
    const cred = await store(setup({ auths: { 'ghcr.io': { auth: b64('cfg:cfg-ghcr-pass') } } }), {
      githubToken: unique('ghs')
    }).get('ghcr.io')
    expect(cred).toMatchObject({ kind: 'basic', username: 'cfg', password: 'cfg-ghcr-pass' })
  })
})

describe('CredentialStore: credential helpers', () => {
  test('credHelpers: the helper gets the registry on stdin and its answer is used', async () => {
    const secret = unique('helper-secret')
    const s = setup({ credHelpers: { 'myreg:5000': 'fake' } }, { fake: ok('helper-user', secret) })
    const cred = await store(s).get('myreg:5000')
    expect(cred).toMatchObject({
      kind: 'basic',
      username: 'helper-user',
      password: secret,
      source: 'credential helper docker-credential-fake'
    })
    expect(helperCalls(s.log)).toEqual(['myreg:5000'])
    expect(redact(secret)).toBe('***')
  })

  test('credsStore for Docker Hub is asked for https://index.docker.io/v1/', async () => {
    const secret = unique('store-secret')
    const s = setup({ credsStore: 'fake' }, { fake: ok('hub-helper', secret) })
    const cred = await store(s).get('docker.io')
    expect(cred).toMatchObject({ kind: 'basic', username: 'hub-helper', password: secret })
    expect(helperCalls(s.log)).toEqual(['https://index.docker.io/v1/'])
  })

  test('credHelpers beats credsStore and auths for its registry', async () => {
    const secret = unique('specific')
    const s = setup(
      {
        credHelpers: { 'gcr.io': 'specific' },
        credsStore: 'general',
        auths: { 'gcr.io': { auth: b64('a:auths-pass') } }
      },
      { specific: ok('spec-user', secret), general: ok('gen-user', unique('general')) }
    )
    expect(await store(s).get('gcr.io')).toMatchObject({ username: 'spec-user', password: secret })
  })

  test('credHelpers written in another spelling of the host apply to it', async () => {
    const secret = unique('spelled')
    const s = setup({ credHelpers: { 'MyReg:5000': 'fake' } }, { fake: ok('spelled-user', secret) })
    expect(await store(s).get('myreg:5000')).toMatchObject({ username: 'spelled-user', password: secret })
    expect(helperCalls(s.log)).toEqual(['myreg:5000'])
  })

  test('credHelpers for one registry does not apply to another', async () => {
    const s = setup(
      { credHelpers: { 'gcr.io': 'fake' }, auths: { 'quay.io': { auth: b64('q:q-other-pass') } } },
      { fake: ok('x', unique('unused')) }
    )
    expect(await store(s).get('quay.io')).toMatchObject({ username: 'q', password: 'q-other-pass' })
    expect(helperCalls(s.log)).toEqual([])
  })

  test('a <token> username is an identity token', async () => {
    const secret = unique('refresh')
    const s = setup({ credsStore: 'fake' }, { fake: ok('<token>', secret) })
    expect(await store(s).get('myacr.azurecr.io')).toMatchObject({
      kind: 'identity-token',
      username: '',
      token: secret
    })
    expect(redact(secret)).toBe('***')
  })

  test('"credentials not found" falls back to auths', async () => {
    const s = setup(
      { credsStore: 'fake', auths: { 'ghcr.io': { auth: b64('fallback:fb-pass') } } },
      { fake: 'echo "credentials not found in native keychain"; exit 1' }
    )
    expect(await store(s).get('ghcr.io')).toMatchObject({ kind: 'basic', username: 'fallback', password: 'fb-pass' })
    expect(helperCalls(s.log)).toEqual(['ghcr.io'])
  })

  test('"credentials not found" falls back to the github token, then anonymous', async () => {
    const s = setup({ credsStore: 'fake' }, { fake: 'echo "credentials not found in native keychain" >&2; exit 1' })
    const token = unique('ghs')
    const st = store(s, { githubToken: token })
    expect(await st.get('ghcr.io')).toMatchObject({ kind: 'basic', password: token })
    expect(await st.get('quay.io')).toBeUndefined()
  })

  test.each([
    ['fails', 'echo "keychain locked" >&2; exit 3', 'exit code 3'],
    ['prints garbage', 'echo "this is not json"', 'not JSON'],
    ['answers without a secret', 'echo \'{"Username":"u"}\'', 'no Username and Secret'],
    ['answers with an empty secret', 'echo \'{"Username":"u","Secret":""}\'', 'no Username and Secret']
  ])('a helper that %s is a credentials error', async (_name, body, phrase) => {
    const s = setup({ credsStore: 'fake', auths: { 'ghcr.io': { auth: b64('not:used') } } }, { fake: body })
    const err = await rejection(store(s).get('ghcr.io'))
    expect(err.kind).toBe('credentials')
    expect(err.message).toContain('docker-credential-fake')
    expect(err.message).toContain('ghcr.io')
    expect(err.message).toContain(phrase)
  })

  test('the helper stderr is quoted in the error', async () => {
    const s = setup({ credsStore: 'fake' }, { fake: 'echo "keychain locked" >&2; exit 3' })
    expect((await rejection(store(s).get('ghcr.io'))).message).toContain('keychain locked')
  })

  test('a missing helper is a credentials error that mentions the PATH', async () => {
    const s = setup({ credsStore: 'nosuchhelper' })
    const err = await rejection(store(s).get('ghcr.io'))
    expect(err.kind).toBe('credentials')
    expect(err.message).toContain('docker-credential-nosuchhelper')
    expect(err.message).toContain('PATH')
  })

  test('a hanging helper is a credentials error within the timeout', async () => {
    const s = setup({ credsStore: 'fake' }, { fake: 'exec sleep 10' })
    const started = Date.now()
    const err = await rejection(store(s, { helperTimeoutMs: 300 }).get('ghcr.io'))
    const took = Date.now() - started
    expect(err.kind).toBe('credentials')
    expect(err.message).toContain('no answer within')
    expect(took).toBeGreaterThanOrEqual(250)
    expect(took).toBeLessThan(1500)
  })

  test('a helper whose forked child sleeps: the whole group is killed at the timeout, and no process outlives it', async () => {
    const pidFile = join(root, `child-${++n}.pid`)
    // The child inherits the pipes and sleeps; the helper waits for it.
    const s = setup({ credsStore: 'fake' }, { fake: `sleep 30 & echo $! > '${pidFile}'; wait` })
    const started = Date.now()
    const err = await rejection(store(s, { helperTimeoutMs: 400 }).get('ghcr.io'))
    expect(err.message).toContain('no answer within 0.4 s; it and the processes it started were killed')
    expect(Date.now() - started).toBeLessThan(2000)
    const child = Number(readFileSync(pidFile, 'utf8'))
    await new Promise(r => setTimeout(r, 100))
    expect(alive(child)).toBe(false)
  })

  test('a helper that answers and exits but leaves a child holding its pipes: the answer is used at once', async () => {
    const secret = unique('bg-secret')
    const pidFile = join(root, `child-${++n}.pid`)
    const s = setup(
      { credsStore: 'fake' },
      { fake: `sleep 30 & echo $! > '${pidFile}'\necho '{"Username":"bg","Secret":"${secret}"}'` }
    )
    const started = Date.now()
    expect(await store(s, { helperTimeoutMs: 10_000 }).get('ghcr.io')).toMatchObject({
      kind: 'basic',
      username: 'bg',
      password: secret
    })
    expect(Date.now() - started).toBeLessThan(3000)
    await new Promise(r => setTimeout(r, 100))
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false)
  })

  test('each registry is looked up once: the helper runs once for repeated gets', async () => {
    const s = setup({ credsStore: 'fake' }, { fake: ok('once', unique('once')) })
    const st = store(s)
    const [a, b] = await Promise.all([st.get('ghcr.io'), st.get('ghcr.io')])
    await st.get('ghcr.io')
    expect(a).toBe(b)
    expect(helperCalls(s.log)).toEqual(['ghcr.io'])
  })
})
