import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { inspectAll } from '../../src/inspect/inspect.js'
import { RegistryClient } from '../../src/registry/client.js'
import { CredentialStore } from '../../src/registry/credentials.js'
import { parseReference } from '../../src/registry/reference.js'
import { Transport, type TransportOptions } from '../../src/registry/transport.js'
import { startProxy, startRecorder, type FaultProxy } from '../support/fault-proxy.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, sha256, type PushedImage, type PushedIndex } from '../support/push.js'

let reg: TestRegistry
let proxy: FaultProxy
let image: PushedImage
let index: PushedIndex

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' })
  proxy = await startProxy({ target: reg.url })
  const push = new Pusher(reg)
  image = await push.image('faults/app', { tag: 'v1', user: '1000' })
  index = await push.index('faults/multi', { tag: 'v1', images: [{ platform: { os: 'linux', architecture: 'amd64' } }, { platform: { os: 'linux', architecture: 'arm64' } }] })
})
afterEach(() => proxy.reset())
afterAll(async () => {
  await proxy.stop()
  await reg.stop()
})

async function inspectOne(input: string, transport: Partial<TransportOptions> = {}) {
  const c = new RegistryClient({
    credentials: new CredentialStore({ input: { registry: proxy.host, username: reg.username, password: reg.password }, dockerConfigDir: '/nonexistent' }),
    transport: new Transport({ timeoutMs: 3000, backoffMs: 20, ...transport })
  })
  try {
    const [r] = await inspectAll(c, [{ input, ref: parseReference(input) }], { config: true })
    return r!
  } finally {
    c.close()
  }
}

const flip = (b: Buffer): Buffer => Buffer.from(b.toString().replace('"schemaVersion":2', '"schemaVersion": 2'))

describe('integrity through a tampering proxy', () => {
  test('a manifest fetched by digest whose body was altered is rejected, naming both digests', async () => {
    proxy.intercept(r => (r.method === 'GET' && r.path === `/v2/faults/app/manifests/${image.digest}` ? { kind: 'tamper', transform: flip } : undefined))
    const r = await inspectOne(`${proxy.host}/faults/app@${image.digest}`)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.kind).toBe('integrity')
    expect(r.error.message).toContain(image.digest)
    expect(r.error.message).toContain(sha256(flip(image.manifestBytes)))
  })

  test("a manifest fetched by tag whose body disagrees with the registry's Docker-Content-Digest is rejected", async () => {
    proxy.intercept(r => (r.method === 'GET' && r.path === '/v2/faults/app/manifests/v1' ? { kind: 'tamper', transform: flip } : undefined))
    const r = await inspectOne(`${proxy.host}/faults/app:v1`)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.kind).toBe('integrity')
    expect(r.error.message).toContain(`the registry announced ${image.digest} (Docker-Content-Digest)`)
    expect(r.error.message).toContain(sha256(flip(image.manifestBytes)))
  })

  test('a config blob whose bytes do not match its descriptor is rejected', async () => {
    proxy.intercept(r => (r.method === 'GET' && r.path === `/v2/faults/app/blobs/${image.configDigest}` ? { kind: 'tamper', transform: b => Buffer.from(b.toString().replace('"1000"', '"0000"')) } : undefined))
    const r = await inspectOne(`${proxy.host}/faults/app:v1`)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.kind).toBe('integrity')
    expect(r.error.message).toContain(`not the descriptor's ${image.configDigest}`)
  })

  test('a child manifest altered under an index is rejected', async () => {
    const child = index.children[1]!.digest
    proxy.intercept(r => (r.method === 'GET' && r.path === `/v2/faults/multi/manifests/${child}` ? { kind: 'tamper', transform: flip } : undefined))
    const r = await inspectOne(`${proxy.host}/faults/multi:v1`)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.kind).toBe('integrity')
    expect(r.error.message).toContain(child)
  })
})

describe('redirects', () => {
  test('a blob GET redirected to another port on the same host is followed without Authorization', async () => {
    const configBytes = Buffer.from(JSON.stringify(image.config))
    const recorder = await startRecorder(() => ({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: configBytes }))
    try {
      proxy.intercept(r => (r.method === 'GET' && r.path.startsWith('/v2/faults/app/blobs/') ? { kind: 'redirect', status: 307, location: `${recorder.url}/blob-store/config?sig=1` } : undefined))
      const r = await inspectOne(`${proxy.host}/faults/app:v1`)
      expect(r.ok).toBe(true)
      // The registry itself was sent the token; the other origin was not.
      expect(proxy.log.some(e => e.path.startsWith('/v2/faults/app/blobs/') && String(e.headers.authorization).startsWith('Bearer '))).toBe(true)
      expect(recorder.requests).toHaveLength(1)
      expect(recorder.requests[0]!.headers.authorization).toBeUndefined()
    } finally {
      await recorder.stop()
    }
  })
})

describe('retries', () => {
  test('429 with Retry-After, then success', async () => {
    let n = 0
    proxy.intercept(r => (r.path === '/v2/faults/app/manifests/v1' && n++ === 0 ? { kind: 'respond', status: 429, headers: { 'retry-after': '1' }, body: '{"errors":[{"code":"TOOMANYREQUESTS"}]}' } : undefined))
    const started = Date.now()
    const r = await inspectOne(`${proxy.host}/faults/app:v1`)
    expect(r.ok).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(proxy.count(/\/manifests\/v1$/)).toBeGreaterThanOrEqual(2)
  })
})
