import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspectAll } from '../../src/inspect/inspect.js'
import { RegistryClient } from '../../src/registry/client.js'
import { CredentialStore, type CredentialOptions } from '../../src/registry/credentials.js'
import { parseReference } from '../../src/core/reference.js'
import { Transport } from '../../src/registry/transport.js'
import { startRegistry, type AuthMode, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage, type PushedIndex } from '../support/push.js'

function client(creds: CredentialOptions): RegistryClient {
  return new RegistryClient({
    credentials: new CredentialStore(creds),
    transport: new Transport({ timeoutMs: 5000, backoffMs: 20 })
  })
}

async function inspect(c: RegistryClient, refs: string[]) {
  try {
    return await inspectAll(
      c,
      refs.map(input => ({ input, ref: parseReference(input) })),
      { config: true }
    )
  } finally {
    c.close()
  }
}

describe.each(['anonymous', 'htpasswd', 'token'] as AuthMode[])('a %s registry', mode => {
  let reg: TestRegistry
  let single: PushedImage
  let multi: PushedIndex
  let docker: PushedIndex
  const creds = (): CredentialOptions => ({
    input: { registry: reg.host, username: reg.username, password: reg.password },
    dockerConfigDir: '/nonexistent'
  })

  beforeAll(async () => {
    reg = await startRegistry({ auth: mode })
    const push = new Pusher(reg)
    single = await push.image('team/single', {
      tag: 'v1',
      user: '1000',
      labels: { 'org.opencontainers.image.source': 'https://example.com/x' },
      created: '2024-01-02T03:04:05Z'
    })
    multi = await push.index('team/multi', {
      tag: '2.0',
      attestation: true,
      images: [
        { platform: { os: 'linux', architecture: 'amd64' }, created: '2024-05-01T00:00:00Z', user: 'app' },
        {
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
          created: '2024-05-01T00:00:01Z',
          user: 'app'
        }
      ]
    })
    docker = await push.index('team/docker', {
      tag: 'latest',
      format: 'docker',
      images: [{ platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }]
    })
  })
  afterAll(async () => reg.stop())

  test('resolves single and multi-platform images, every platform with its config, attestations skipped', async () => {
    const [a, b, c] = await inspect(client(creds()), [
      `${reg.host}/team/single:v1`,
      `${reg.host}/team/multi:2.0`,
      `${reg.host}/team/docker`
    ])
    expect(a!.ok && b!.ok && c!.ok).toBe(true)
    if (!a!.ok || !b!.ok || !c!.ok) return
    expect(a!.facts.digest).toBe(single.digest)
    expect(a!.facts.kind).toBe('image')
    expect(a!.facts.platforms).toHaveLength(1)
    expect(a!.facts.platforms[0]!.platform).toEqual({ os: 'linux', architecture: 'amd64' })
    expect(a!.facts.platforms[0]!.config).toMatchObject({
      user: '1000',
      created: '2024-01-02T03:04:05Z',
      labels: { 'org.opencontainers.image.source': 'https://example.com/x' },
      diffIds: single.diffIds
    })

    expect(b!.facts.digest).toBe(multi.digest)
    expect(b!.facts.kind).toBe('index')
    expect(b!.facts.platforms.map(p => p.digest)).toEqual(multi.children.map(ch => ch.digest))
    expect(b!.facts.platforms.map(p => p.platform)).toEqual([
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ])
    expect(b!.facts.attestations.map(d => d.digest)).toEqual([multi.attestation!.digest])
    expect(b!.facts.platforms[1]!.config!.created).toBe('2024-05-01T00:00:01Z')

    expect(c!.facts.digest).toBe(docker.digest)
    expect(c!.facts.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json')
    expect(c!.facts.platforms[0]!.platform).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' })
  })

  test('by digest, and tag + digest fetch by digest', async () => {
    const [a, b] = await inspect(client(creds()), [
      `${reg.host}/team/multi@${multi.digest}`,
      `${reg.host}/team/multi:no-such-tag@${multi.digest}`
    ])
    expect(a!.ok && a!.facts.digest).toBe(multi.digest)
    expect(b!.ok && b!.facts.digest).toBe(multi.digest)
  })

  test('an unknown tag is a not-found error naming the host', async () => {
    const [a] = await inspect(client(creds()), [`${reg.host}/team/single:nope`])
    expect(a!.ok).toBe(false)
    if (a!.ok) return
    expect(a!.error.kind).toBe('not-found')
    expect(a!.host).toBe(reg.host)
    expect(a!.error.message).toContain(`${reg.host}/team/single: tag nope not found`)
  })

  if (mode !== 'anonymous') {
    test('without credentials it is refused, with a clear auth error', async () => {
      const [a] = await inspect(client({ dockerConfigDir: '/nonexistent' }), [`${reg.host}/team/single:v1`])
      expect(a!.ok).toBe(false)
      if (a!.ok) return
      expect(a!.error.kind).toBe('auth')
      expect(a!.error.message).toContain(reg.host)
    })

    test('a wrong password is refused', async () => {
      const [a] = await inspect(
        client({
          input: { registry: reg.host, username: reg.username, password: 'wrong' },
          dockerConfigDir: '/nonexistent'
        }),
        [`${reg.host}/team/single:v1`]
      )
      expect(a!.ok).toBe(false)
      if (a!.ok) return
      expect(a!.error.kind).toBe('auth')
    })

    test('credentials from docker config.json', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'image-gate-dockercfg-'))
      writeFileSync(
        join(dir, 'config.json'),
        JSON.stringify({
          auths: { [reg.host]: { auth: Buffer.from(`${reg.username}:${reg.password}`).toString('base64') } }
        })
      )
      const [a] = await inspect(client({ dockerConfigDir: dir }), [`${reg.host}/team/single:v1`])
      expect(a!.ok && a!.facts.digest).toBe(single.digest)
    })
  }

  if (mode === 'token') {
    test('one challenge and one token request for several repositories', async () => {
      const ts = reg.tokenServer!
      const before = ts.requests.length
      const c = client(creds())
      c.prepare(['team/single', 'team/multi', 'team/docker'].map(repository => ({ registry: reg.host, repository })))
      const results = await inspect(c, [
        `${reg.host}/team/single:v1`,
        `${reg.host}/team/multi:2.0`,
        `${reg.host}/team/docker`
      ])
      expect(results.every(r => r.ok)).toBe(true)
      const asked = ts.requests.slice(before)
      expect(asked).toHaveLength(1)
      expect(asked[0]!.scopes.sort()).toEqual([
        'repository:team/docker:pull',
        'repository:team/multi:pull',
        'repository:team/single:pull'
      ])
    })
  }
})
