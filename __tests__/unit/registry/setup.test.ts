import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { silentLogger } from '../../../src/core/logger.js'
import { ContentCache } from '../../../src/registry/cache.js'
import { RegistryError } from '../../../src/registry/errors.js'
import { createRegistryClient, type RegistrySetup } from '../../../src/registry/setup.js'

const base: RegistrySetup = {
  insecureRegistries: [],
  env: {},
  concurrency: 4,
  logger: silentLogger,
  dockerConfigDir: '/nonexistent'
}

describe('createRegistryClient', () => {
  test('the transport: concurrency, user agent and defaults, then the overrides over them', async () => {
    const plain = await createRegistryClient(base)
    const tuned = await createRegistryClient({
      ...base,
      transport: { timeoutMs: 1234, maxAttempts: 1, userAgent: 'test-agent' }
    })
    try {
      expect(plain.transport.opts).toMatchObject({
        concurrency: 4,
        userAgent: 'image-gate/1',
        timeoutMs: 30_000,
        maxAttempts: 4
      })
      expect(tuned.transport.opts).toMatchObject({
        concurrency: 4,
        userAgent: 'test-agent',
        timeoutMs: 1234,
        maxAttempts: 1
      })
      expect(plain.client.transport).toBe(plain.transport)
      expect(tuned.client.transport).toBe(tuned.transport)
    } finally {
      plain.client.close()
      tuned.client.close()
    }
  })

  test('certificates from the environment given, insecure registries in any spelling', async () => {
    const { client, transport } = await createRegistryClient({
      ...base,
      env: { IMAGE_GATE_CERTS_DIRS: ['/etc/a', ' /etc/b '].join(delimiter) },
      insecureRegistries: ['Registry.Example:5000']
    })
    try {
      expect(transport.opts.tls.certsDirs).toEqual(['/etc/a', '/etc/b'])
      expect(transport.opts.tls.isInsecure(new URL('https://registry.example:5000/v2/'))).toBe(true)
      expect(transport.opts.tls.isInsecure(new URL('https://registry.example/v2/'))).toBe(false)
      expect(transport.opts.tls.isInsecure(new URL('https://other.example:5000/v2/'))).toBe(false)
    } finally {
      client.close()
    }
  })

  test('a content cache only with a cache directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-setup-'))
    try {
      const none = await createRegistryClient(base)
      none.client.close()
      expect(none.cache).toBeUndefined()
      const some = await createRegistryClient({ ...base, cacheDir: dir })
      some.client.close()
      expect(some.cache).toBeInstanceOf(ContentCache)
      expect(some.cache!.dir.startsWith(dir)).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a refused registry gets no request, whatever is asked of it', async () => {
    const { client, transport } = await createRegistryClient({
      ...base,
      refuse: r => (r === 'blocked.example' ? 'not in the registries allowed' : undefined)
    })
    const repo = { registry: 'blocked.example', repository: 'app' }
    try {
      const asked = [
        client.getManifest(repo, 'latest'),
        client.headManifest(repo, 'latest'),
        client.listTags(repo),
        client.getReferrers(repo, `sha256:${'a'.repeat(64)}`),
        client.getBlob(
          repo,
          { mediaType: 'application/octet-stream', digest: `sha256:${'b'.repeat(64)}`, size: 1 },
          1024
        )
      ]
      for (const p of asked) {
        const err = await p.then(
          () => undefined,
          (e: unknown) => e
        )
        expect(err).toBeInstanceOf(RegistryError)
        expect(err).toMatchObject({
          kind: 'denied',
          message: 'blocked.example: not contacted: not in the registries allowed'
        })
      }
      expect(transport.requestCounts.size).toBe(0)
    } finally {
      client.close()
    }
  })
})

describe('the username/password input goes to its registry only', () => {
  let server: http.Server
  let registry: string
  const seen: Array<string | undefined> = []
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers.authorization)
      if (!req.headers.authorization) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end()
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}')
    })
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
    registry = `127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => new Promise<void>(r => server.close(() => r())))

  test('the registry named with them gets them', async () => {
    seen.length = 0
    const { client } = await createRegistryClient({
      ...base,
      input: { registry, username: 'user', password: 'secret-password' }
    })
    try {
      await expect(client.getManifest({ registry, repository: 'app' }, 'latest')).rejects.toMatchObject({
        kind: 'not-found'
      })
      expect(seen).toEqual([undefined, `Basic ${Buffer.from('user:secret-password').toString('base64')}`])
    } finally {
      client.close()
    }
  })

  test('another registry does not', async () => {
    seen.length = 0
    const { client } = await createRegistryClient({
      ...base,
      input: { registry: 'registry.example', username: 'user', password: 'secret-password' }
    })
    try {
      await expect(client.getManifest({ registry, repository: 'app' }, 'latest')).rejects.toBeInstanceOf(RegistryError)
      expect(seen.length).toBeGreaterThan(0)
      expect(seen.every(h => h === undefined)).toBe(true)
    } finally {
      client.close()
    }
  })
})
