/**
 * The gate fails closed and in bounded time: faults injected by the proxy in front of the real registry, and
 * hosts that are down, refuse or do not resolve. Every case asserts its outcome and its time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { inspectAll } from '../../src/inspect/inspect.js'
import { RegistryClient } from '../../src/registry/client.js'
import { CredentialStore } from '../../src/registry/credentials.js'
import { parseReference } from '../../src/core/reference.js'
import { Transport, type TransportOptions } from '../../src/registry/transport.js'
import { startProxy, startRecorder, type FaultProxy } from '../support/fault-proxy.js'
import { freePort, startRegistry, startTokenServer, type TestRegistry } from '../support/local-registry.js'
import {
  DOCKER_MANIFEST,
  OCI_INDEX,
  OCI_MANIFEST,
  Pusher,
  sha256,
  type PushedImage,
  type PushedIndex
} from '../support/push.js'

let reg: TestRegistry
let proxy: FaultProxy
let image: PushedImage
let index: PushedIndex

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' })
  proxy = await startProxy({ target: reg.url })
  const push = new Pusher(reg)
  image = await push.image('rel/app', { tag: 'v1', user: '1000' })
  index = await push.index('rel/multi', {
    tag: 'v1',
    images: [{ platform: { os: 'linux', architecture: 'amd64' } }, { platform: { os: 'linux', architecture: 'arm64' } }]
  })
})
afterEach(() => proxy.reset())
afterAll(async () => {
  await proxy.stop()
  await reg.stop()
})

const FAST: Partial<TransportOptions> = { timeoutMs: 1500, backoffMs: 20, retryBudgetMs: 4000 }

async function inspectAt(host: string, path: string, transport: Partial<TransportOptions> = FAST) {
  const input = `${host}/${path}`
  const c = new RegistryClient({
    credentials: new CredentialStore({
      input: { registry: host, username: reg.username, password: reg.password },
      dockerConfigDir: '/nonexistent'
    }),
    transport: new Transport({ ...FAST, ...transport })
  })
  const started = Date.now()
  try {
    const [r] = await inspectAll(c, [{ input, ref: parseReference(input) }], { config: true })
    return { r: r!, ms: Date.now() - started }
  } finally {
    c.close()
  }
}
const inspect = (path: string, transport?: Partial<TransportOptions>) => inspectAt(proxy.host, path, transport)

function failure(r: Awaited<ReturnType<typeof inspect>>['r']) {
  if (r.ok) throw new Error('expected the inspection to fail')
  return r
}

const manifestPath = /\/v2\/rel\/app\/manifests\/v1$/

describe('retries', () => {
  test.each([
    ['429 with Retry-After in seconds', { kind: 'respond', status: 429, headers: { 'retry-after': '1' } }, 900],
    [
      '429 with Retry-After as an HTTP-date',
      { kind: 'respond', status: 429, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } },
      0
    ],
    ['502', { kind: 'respond', status: 502 }, 0],
    ['503', { kind: 'respond', status: 503 }, 0],
    ['504', { kind: 'respond', status: 504 }, 0],
    ['a reset before the headers', { kind: 'reset-before-headers' }, 0],
    ['a reset in the middle of the body', { kind: 'reset-mid-body' }, 0]
  ] as const)('%s, then success: passes', async (_name, fault, minMs) => {
    let n = 0
    proxy.intercept(r => (manifestPath.test(r.path) && r.headers.authorization && n++ === 0 ? fault : undefined))
    const { r, ms } = await inspect('rel/app:v1')
    expect(r.ok).toBe(true)
    expect(n).toBeGreaterThanOrEqual(2)
    expect(ms).toBeGreaterThanOrEqual(minMs)
  })

  test.each([
    [503, 'server', '503 Service Unavailable'],
    [429, 'rate-limited', '429 Too Many Requests']
  ] as const)(
    'a persistent %s is a finding naming the host and status, after a bounded number of tries',
    async (status, kind, text) => {
      proxy.intercept(r =>
        manifestPath.test(r.path)
          ? { kind: 'respond', status, body: '{"errors":[{"code":"UNAVAILABLE","message":"try later"}]}' }
          : undefined
      )
      const { r, ms } = await inspect('rel/app:v1')
      const f = failure(r)
      expect(f.error.kind).toBe(kind)
      expect(f.host).toBe(proxy.host)
      expect(f.error.message).toContain(proxy.host)
      expect(f.error.message).toContain(text)
      expect(proxy.count(manifestPath)).toBeLessThanOrEqual(8) // 4 attempts, for the challenge and after it
      expect(ms).toBeLessThan(10_000)
    }
  )

  test('a Retry-After longer than the retry budget fails at once instead of waiting', async () => {
    proxy.intercept(r =>
      manifestPath.test(r.path) ? { kind: 'respond', status: 429, headers: { 'retry-after': '3600' } } : undefined
    )
    const { r, ms } = await inspect('rel/app:v1')
    expect(failure(r).error.kind).toBe('rate-limited')
    expect(ms).toBeLessThan(2000)
  })
})

describe('time bounds', () => {
  test('a registry that stalls: each request times out, the run ends in bounded time', async () => {
    proxy.intercept(r => (manifestPath.test(r.path) ? { kind: 'stall' } : undefined))
    const { r, ms } = await inspect('rel/app:v1', { timeoutMs: 500, retryBudgetMs: 1000 })
    const f = failure(r)
    expect(f.error.kind).toBe('timeout')
    expect(f.error.message).toContain(proxy.host)
    expect(ms).toBeLessThan(5000)
  })

  test('a refused port is a finding naming the host within seconds', async () => {
    const port = await freePort()
    const { r, ms } = await inspectAt(`127.0.0.1:${port}`, 'x/y:1')
    const f = failure(r)
    expect(f.error.kind).toBe('unreachable')
    expect(f.error.message).toContain(`127.0.0.1:${port}`)
    expect(f.error.message).toContain('connection refused')
    expect(ms).toBeLessThan(5000)
  })

  test('a name that does not resolve is a finding naming the host, without retries', async () => {
    const { r, ms } = await inspectAt('registry.image-gate.invalid', 'x/y:1')
    const f = failure(r)
    expect(f.error.kind).toBe('unreachable')
    expect(f.error.message).toContain('registry.image-gate.invalid')
    expect(f.error.message).toContain('does not resolve')
    expect(ms).toBeLessThan(5000)
  })

  test('every image on a registry that proved unreachable fails at once', async () => {
    const port = await freePort()
    const c = new RegistryClient({
      credentials: new CredentialStore({ dockerConfigDir: '/nonexistent' }),
      transport: new Transport(FAST)
    })
    const refs = Array.from({ length: 20 }, (_, i) => `127.0.0.1:${port}/x/y${i}:1`)
    const started = Date.now()
    const results = await inspectAll(
      c,
      refs.map(input => ({ input, ref: parseReference(input) })),
      { config: true }
    )
    c.close()
    expect(results.every(r => !r.ok && r.error.kind === 'unreachable')).toBe(true)
    expect(Date.now() - started).toBeLessThan(5000)
  })
})

describe('limits', () => {
  test('a manifest larger than 4 MiB is rejected without reading the rest', async () => {
    const huge = Buffer.alloc(5 << 20, 0x20)
    proxy.intercept(r =>
      manifestPath.test(r.path) && r.headers.authorization
        ? { kind: 'respond', status: 200, headers: { 'content-type': OCI_MANIFEST }, body: huge }
        : undefined
    )
    const f = failure((await inspect('rel/app:v1')).r)
    expect(f.error.kind).toBe('too-large')
    expect(f.error.message).toContain('4 MiB')
  })

  test('a token body larger than 1 MiB is rejected', async () => {
    const tokenProxy = await startProxy({ target: reg.tokenServer!.url })
    const regProxy = await startProxy({ target: reg.url })
    try {
      // The registry's challenge is rewritten to send the client to the token proxy, which answers 2 MiB.
      regProxy.intercept(r =>
        r.headers.authorization === undefined
          ? {
              kind: 'headers',
              set: {
                'www-authenticate': `Bearer realm="${tokenProxy.url}/token",service="${reg.tokenServer!.service}"`
              }
            }
          : undefined
      )
      tokenProxy.intercept(() => ({
        kind: 'respond',
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: `{"token":"${'x'.repeat(2 << 20)}"}`
      }))
      const f = failure((await inspectAt(regProxy.host, 'rel/app:v1')).r)
      expect(f.error.kind).toBe('too-large')
      expect(f.error.message).toContain('1 MiB')
    } finally {
      await tokenProxy.stop()
      await regProxy.stop()
    }
  })
})

describe('malformed documents are clear findings', () => {
  const serve = (body: string, contentType: string) =>
    proxy.intercept(r =>
      manifestPath.test(r.path) && r.headers.authorization
        ? { kind: 'respond', status: 200, headers: { 'content-type': contentType }, body }
        : undefined
    )
  const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'1'.repeat(64)}`, size: 2 }

  test.each([
    [
      'truncated JSON',
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{',
      OCI_MANIFEST,
      'invalid',
      'not valid JSON'
    ],
    [
      'a mediaType that disagrees with Content-Type',
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [] }),
      DOCKER_MANIFEST,
      'invalid',
      'disagrees with the Content-Type'
    ],
    [
      'an index carrying layers',
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [], layers: [] }),
      OCI_INDEX,
      'invalid',
      'CVE-2021-41190'
    ],
    [
      'a manifest carrying manifests',
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [], manifests: [] }),
      OCI_MANIFEST,
      'invalid',
      'CVE-2021-41190'
    ],
    [
      'schema 1',
      JSON.stringify({ schemaVersion: 1, name: 'rel/app', tag: 'v1', fsLayers: [] }),
      'application/vnd.docker.distribution.manifest.v1+prettyjws',
      'unsupported',
      'schema 1 manifests are deprecated and unsupported'
    ]
  ])('%s', async (_name, body, contentType, kind, text) => {
    serve(body, contentType)
    const f = failure((await inspect('rel/app:v1')).r)
    expect(f.error.kind).toBe(kind)
    expect(f.error.message).toContain(text)
    expect(f.error.message).toContain(proxy.host)
  })

  test('a Docker-Content-Digest that is malformed is an integrity finding', async () => {
    proxy.intercept(r =>
      manifestPath.test(r.path) && r.headers.authorization
        ? { kind: 'headers', set: { 'docker-content-digest': 'sha256:nothex' } }
        : undefined
    )
    const f = failure((await inspect('rel/app:v1')).r)
    expect(f.error.kind).toBe('integrity')
  })

  test('an index entry whose size disagrees with its manifest is an integrity finding', async () => {
    const child = index.children[0]!
    // The index is altered and its Docker-Content-Digest removed, so that only the size check can catch it.
    proxy.intercept(r =>
      r.path === '/v2/rel/multi/manifests/v1' && r.headers.authorization
        ? {
            kind: 'tamper',
            transform: b =>
              Buffer.from(
                b.toString().replace(`"size":${child.manifestBytes.length}`, `"size":${child.manifestBytes.length + 1}`)
              ),
            set: { 'docker-content-digest': undefined }
          }
        : undefined
    )
    const f = failure((await inspect('rel/multi:v1')).r)
    expect(f.error.kind).toBe('integrity')
    expect(f.error.message).toContain(
      `${child.digest}: integrity failure: the manifest is ${child.manifestBytes.length} bytes, the index says ${child.manifestBytes.length + 1}`
    )
  })
})

describe('redirects', () => {
  test('a redirect loop is bounded', async () => {
    proxy.intercept(r => (r.path.includes('/blobs/') ? { kind: 'redirect', location: r.path } : undefined))
    const { r, ms } = await inspect('rel/app:v1')
    const f = failure(r)
    expect(f.error.kind).toBe('redirect')
    expect(f.error.message).toContain('more than 10 redirects')
    expect(ms).toBeLessThan(5000)
  })
})

describe('auth faults', () => {
  test('a malformed WWW-Authenticate is a clear auth finding', async () => {
    proxy.intercept(r =>
      r.headers.authorization === undefined
        ? { kind: 'respond', status: 401, headers: { 'www-authenticate': 'Bearer ,,,"' } }
        : undefined
    )
    const f = failure((await inspect('rel/app:v1')).r)
    expect(f.error.kind).toBe('auth')
    expect(f.error.message).toContain(proxy.host)
  })

  test.each([
    ['errors', { kind: 'respond', status: 500, body: 'boom' }, 'server'],
    [
      'returns no token',
      { kind: 'respond', status: 200, headers: { 'content-type': 'application/json' }, body: '{"expires_in":60}' },
      'auth'
    ],
    ['returns garbage', { kind: 'respond', status: 200, body: 'not json' }, 'auth']
  ] as const)('a token endpoint that %s is a clear finding', async (_name, fault, kind) => {
    const tokenProxy = await startProxy({ target: reg.tokenServer!.url })
    const regProxy = await startProxy({ target: reg.url })
    try {
      regProxy.intercept(r =>
        r.headers.authorization === undefined
          ? { kind: 'headers', set: { 'www-authenticate': `Bearer realm="${tokenProxy.url}/token",service="x"` } }
          : undefined
      )
      tokenProxy.intercept(() => fault)
      const { r, ms } = await inspectAt(regProxy.host, 'rel/app:v1')
      const f = failure(r)
      expect(f.error.kind).toBe(kind)
      expect(f.error.message).toContain('token server')
      expect(ms).toBeLessThan(8000)
    } finally {
      await tokenProxy.stop()
      await regProxy.stop()
    }
  })

  test('a 401 after a token (the registry does not accept it) is a clear auth finding', async () => {
    // A second token server with another key: its tokens are well-formed, but the registry does not trust them.
    const rogue = await startTokenServer(reg.dir, new Map([[reg.username, reg.password]]))
    const regProxy = await startProxy({ target: reg.url })
    try {
      regProxy.intercept(r =>
        r.headers.authorization === undefined
          ? {
              kind: 'headers',
              set: { 'www-authenticate': `Bearer realm="${rogue.realm}",service="${reg.tokenServer!.service}"` }
            }
          : undefined
      )
      const f = failure((await inspectAt(regProxy.host, 'rel/app:v1')).r)
      expect(f.error.kind).toBe('auth')
      expect(f.error.message).toContain('authorization refused for rel/app')
      // A token fetched for this very request and refused is not fetched again: no retry storm.
      expect(rogue.requests.length).toBe(1)
    } finally {
      await regProxy.stop()
      await rogue.stop()
    }
  })
})

const flip = (b: Buffer): Buffer => Buffer.from(b.toString().replace('"schemaVersion":2', '"schemaVersion": 2'))

describe('integrity through a tampering proxy', () => {
  test('a manifest fetched by digest whose body was altered is rejected, naming both digests', async () => {
    proxy.intercept(r =>
      r.method === 'GET' && r.path === `/v2/rel/app/manifests/${image.digest}`
        ? { kind: 'tamper', transform: flip }
        : undefined
    )
    const { r } = await inspect(`rel/app@${image.digest}`)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.kind).toBe('integrity')
    expect(r.error.message).toContain(image.digest)
    expect(r.error.message).toContain(sha256(flip(image.manifestBytes)))
  })

  test("a manifest fetched by tag whose body disagrees with the registry's Docker-Content-Digest is rejected", async () => {
    proxy.intercept(r =>
      r.method === 'GET' && r.path === '/v2/rel/app/manifests/v1' ? { kind: 'tamper', transform: flip } : undefined
    )
    const { r } = await inspect(`rel/app:v1`)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.kind).toBe('integrity')
    expect(r.error.message).toContain(`the registry announced ${image.digest} (Docker-Content-Digest)`)
    expect(r.error.message).toContain(sha256(flip(image.manifestBytes)))
  })

  test('a config blob whose bytes do not match its descriptor is rejected', async () => {
    proxy.intercept(r =>
      r.method === 'GET' && r.path === `/v2/rel/app/blobs/${image.configDigest}`
        ? { kind: 'tamper', transform: b => Buffer.from(b.toString().replace('"1000"', '"0000"')) }
        : undefined
    )
    const { r } = await inspect(`rel/app:v1`)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.kind).toBe('integrity')
    expect(r.error.message).toContain(`not the descriptor's ${image.configDigest}`)
  })

  test('a child manifest altered under an index is rejected', async () => {
    const child = index.children[1]!.digest
    proxy.intercept(r =>
      r.method === 'GET' && r.path === `/v2/rel/multi/manifests/${child}`
        ? { kind: 'tamper', transform: flip }
        : undefined
    )
    const { r } = await inspect(`rel/multi:v1`)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.kind).toBe('integrity')
    expect(r.error.message).toContain(child)
  })
})

describe('redirects to another origin', () => {
  test('a blob GET redirected to another port on the same host is followed without Authorization', async () => {
    const configBytes = Buffer.from(JSON.stringify(image.config))
    const recorder = await startRecorder(() => ({
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
      body: configBytes
    }))
    try {
      proxy.intercept(r =>
        r.method === 'GET' && r.path.startsWith('/v2/rel/app/blobs/')
          ? { kind: 'redirect', status: 307, location: `${recorder.url}/blob-store/config?sig=1` }
          : undefined
      )
      const { r } = await inspect(`rel/app:v1`)
      expect(r.ok).toBe(true)
      // The registry itself was sent the token; the other origin was not.
      expect(
        proxy.log.some(
          e => e.path.startsWith('/v2/rel/app/blobs/') && String(e.headers.authorization).startsWith('Bearer ')
        )
      ).toBe(true)
      expect(recorder.requests).toHaveLength(1)
      expect(recorder.requests[0]!.headers.authorization).toBeUndefined()
    } finally {
      await recorder.stop()
    }
  })
})

describe('retry after 429', () => {
  test('429 with Retry-After, then success', async () => {
    let n = 0
    proxy.intercept(r =>
      r.path === '/v2/rel/app/manifests/v1' && n++ === 0
        ? {
            kind: 'respond',
            status: 429,
            headers: { 'retry-after': '1' },
            body: '{"errors":[{"code":"TOOMANYREQUESTS"}]}'
          }
        : undefined
    )
    const started = Date.now()
    const { r } = await inspect(`rel/app:v1`)
    expect(r.ok).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(proxy.count(/\/manifests\/v1$/)).toBeGreaterThanOrEqual(2)
  })
})
