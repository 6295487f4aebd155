/** The rules over images the suite pushes to the real registry. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { runGate } from '../../src/gate/run.js'
import { readInputs } from '../../src/gate/inputs.js'
import { silentLogger } from '../../src/core/logger.js'
import { startProxy, type FaultProxy } from '../support/fault-proxy.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher } from '../support/push.js'
import { type GateResult } from '../../src/gate/result.js'

let reg: TestRegistry
let proxy: FaultProxy
let h: string
const NOW = new Date('2026-06-01T00:00:00Z')

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  proxy = await startProxy({ target: reg.url })
  h = proxy.host
  const push = new Pusher(reg)
  const src = 'org.opencontainers.image.source'
  await Promise.all([
    push.index('r/multi', {
      tag: '1',
      attestation: true,
      images: [
        { platform: { os: 'linux', architecture: 'amd64' }, created: '2026-05-30T00:00:00Z' },
        { platform: { os: 'linux', architecture: 'arm64' }, created: '2026-05-30T00:00:00Z' }
      ]
    }),
    push.index('r/one', {
      tag: '1',
      images: [{ platform: { os: 'linux', architecture: 'amd64' }, created: '2026-05-30T00:00:00Z' }]
    }),
    push.image('r/age', { tag: '2020', created: '2020-01-01T00:00:00Z' }),
    push.image('r/age', { tag: 'epoch', created: '1970-01-01T00:00:00Z' }),
    push.image('r/age', { tag: 'placeholder', created: '1980-01-01T00:00:01Z' }),
    push.image('r/age', { tag: 'missing', created: null }),
    push.image('r/age', {
      tag: 'epoch-annotated',
      created: '1970-01-01T00:00:00Z',
      annotations: { 'org.opencontainers.image.created': '2026-05-31T00:00:00Z' }
    }),
    push.image('r/age', {
      tag: 'epoch-labelled',
      created: '1970-01-01T00:00:00Z',
      labels: { 'org.opencontainers.image.created': '2026-05-31T12:00:00Z' }
    }),
    ...['', 'root', '0:0', '1000', 'app'].map((user, i) => push.image('r/user', { tag: `u${i}`, user })),
    push.image('r/labels', { tag: 'present', labels: { [src]: 'https://github.com/acme/api' } }),
    push.image('r/labels', { tag: 'other', labels: { [src]: 'https://github.com/evil/api' } }),
    push.image('r/labels', { tag: 'absent', labels: {} })
  ])
})
afterAll(async () => {
  await proxy.stop()
  await reg.stop()
})

async function gate(images: string[], values: Record<string, string>): Promise<GateResult> {
  const all: Record<string, string> = { images: images.map(i => `${h}/${i}`).join('\n'), ...values }
  return runGate(
    readInputs(name => all[name] ?? ''),
    {
      logger: silentLogger,
      dockerConfigDir: '/nonexistent',
      githubActor: undefined,
      workspace: '/tmp',
      now: NOW,
      env: {}
    }
  )
}
const byImage = (r: GateResult) =>
  Object.fromEntries(
    r.images.map(i => [i.input.replace(`${h}/`, ''), r.findings.filter(f => f.image === i.input).map(f => f.message)])
  )

describe('rules against the real registry', () => {
  test('platforms: an index with amd64, arm64 and an attestation; an index with one platform', async () => {
    const r = await gate(['r/multi:1', 'r/one:1'], { platforms: 'linux/amd64\nlinux/arm64' })
    expect(byImage(r)).toEqual({ 'r/multi:1': [], 'r/one:1': ['linux/arm64 missing: the index has linux/amd64'] })
    expect(r.images[0]!.facts!.attestations).toHaveLength(1)
  })

  test('platforms alone reads no config blob', async () => {
    proxy.reset()
    await gate(['r/multi:1'], { platforms: 'linux/amd64' })
    expect(proxy.log.filter(e => e.path.includes('/blobs/'))).toEqual([])
    expect(proxy.log.map(e => e.path).sort()).toEqual(expect.arrayContaining(['/v2/r/multi/manifests/1']))
  })

  test('max-age: 2020, the 1970 and 1980 placeholders, a missing time, and the annotation and label fallbacks', async () => {
    const tags = ['2020', 'epoch', 'placeholder', 'missing', 'epoch-annotated', 'epoch-labelled']
    const r = byImage(
      await gate(
        tags.map(t => `r/age:${t}`),
        { 'max-age': '30d' }
      )
    )
    expect(r['r/age:2020']).toEqual(['created 2020-01-01T00:00:00.000Z, 6y 4mo ago: older than max-age 30d'])
    expect(r['r/age:epoch']![0]).toContain(
      "age unknown: the config's created time 1970-01-01T00:00:00Z is a reproducible-build placeholder"
    )
    expect(r['r/age:placeholder']![0]).toContain(
      "age unknown: the config's created time 1980-01-01T00:00:01Z is a reproducible-build placeholder"
    )
    expect(r['r/age:missing']![0]).toContain('age unknown: the config has no created time')
    expect(r['r/age:epoch-annotated']).toEqual([])
    expect(r['r/age:epoch-labelled']).toEqual([])
  })

  test('non-root: users "", root, 0:0 are root; 1000 and app are not', async () => {
    const r = byImage(
      await gate(
        [0, 1, 2, 3, 4].map(i => `r/user:u${i}`),
        { 'non-root': 'true' }
      )
    )
    expect(r).toEqual({
      'r/user:u0': ['runs as root: the config sets no User'],
      'r/user:u1': ['runs as root: User is "root"'],
      'r/user:u2': ['runs as root: User is "0:0"'],
      'r/user:u3': [],
      'r/user:u4': []
    })
  })

  test('labels: present, absent, matching and non-matching values', async () => {
    const images = ['r/labels:present', 'r/labels:other', 'r/labels:absent']
    expect(byImage(await gate(images, { labels: 'org.opencontainers.image.source' }))).toEqual({
      'r/labels:present': [],
      'r/labels:other': [],
      'r/labels:absent': ['label org.opencontainers.image.source is missing']
    })
    expect(
      byImage(await gate(images, { labels: 'org.opencontainers.image.source=https://github.com/acme/*' }))
    ).toEqual({
      'r/labels:present': [],
      'r/labels:other': [
        'label org.opencontainers.image.source is "https://github.com/evil/api", which does not match "https://github.com/acme/*"'
      ],
      'r/labels:absent': ['label org.opencontainers.image.source is missing']
    })
  })

  test('digest, require-digest and registries', async () => {
    const one = await gate(['r/one:1'], {})
    const digest = one.images[0]!.facts!.digest
    expect(
      byImage(await gate([`r/one:1@${digest}`], { digest, 'require-digest': 'true', registries: '127.0.0.1:*' }))
    ).toEqual({ [`r/one:1@${digest}`]: [] })
    const r = byImage(
      await gate(['r/one:1'], { digest: `sha256:${'0'.repeat(64)}`, 'require-digest': 'true', registries: `${h}` })
    )
    expect(r['r/one:1']).toEqual([
      `resolves to ${digest}, expected sha256:${'0'.repeat(64)}`,
      `not pinned by digest: write ${h}/r/one:1@${digest}`
    ])
    // A registry that is not allowed is not contacted: that is the one finding, and nothing else can be known.
    const refused = await gate(['r/one:1'], {
      digest: `sha256:${'0'.repeat(64)}`,
      'require-digest': 'true',
      registries: 'ghcr.io'
    })
    expect(byImage(refused)['r/one:1']).toEqual([
      `registry ${h} is not allowed (allowed: ghcr.io); it was not contacted`
    ])
    expect(refused.registries).toEqual([])
  })
})
