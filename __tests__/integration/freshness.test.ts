/** base-current and pins-current against the real registry: tags that move, rebuilds, and the grace. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runGate } from '../../src/gate/run.js'
import { readInputs } from '../../src/gate/inputs.js'
import { silentLogger } from '../../src/core/logger.js'
import { startProxy, type FaultProxy } from '../support/fault-proxy.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, layer, type PushedImage, type PushedIndex } from '../support/push.js'
import { cleanup, runAction } from '../support/run-action.js'
import { validateSarif } from '../support/sarif-validate.js'
import { type GateResult } from '../../src/gate/result.js'

let reg: TestRegistry
let proxy: FaultProxy
let h: string
const NOW = new Date('2026-06-01T00:00:00Z')
const L = {
  b1: layer('base 1'),
  b2: layer('base 2'),
  app: layer('app'),
  r: layer('rebuilt'),
  amd: layer('multi amd64'),
  arm: layer('multi arm64'),
  arm2: layer('multi arm64 patched')
}
let b1: PushedImage
let b2: PushedImage
let r1: PushedImage
let m1: PushedIndex
let m2: PushedIndex
let p1: PushedImage
let p2: PushedImage
const BASE_NAME = 'org.opencontainers.image.base.name'
const BASE_DIGEST = 'org.opencontainers.image.base.digest'

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' })
  proxy = await startProxy({ target: reg.url })
  h = proxy.host
  const push = new Pusher(reg)
  // Base B1, 20 days old; apps built on it, with a claim and without.
  b1 = await push.image('lib/base', { tag: '1', layers: [L.b1], created: '2026-05-12T00:00:00Z' })
  await push.image('acme/app', {
    tag: 'claims',
    layers: [L.b1, L.app],
    annotations: { [BASE_NAME]: `${h}/lib/base:1`, [BASE_DIGEST]: b1.digest }
  })
  await push.image('acme/app', { tag: 'plain', layers: [L.b1, L.app] })
  // A base rebuilt with the same layers (a new config): still current.
  r1 = await push.image('lib/rebuilt', { tag: '1', layers: [L.r], created: '2026-05-01T00:00:00Z' })
  await push.image('acme/app', {
    tag: 'on-rebuilt',
    layers: [L.r, L.app],
    annotations: { [BASE_NAME]: `${h}/lib/rebuilt:1`, [BASE_DIGEST]: r1.digest }
  })
  // A multi-platform base whose arm64 is patched later; an app on both its platforms.
  m1 = await push.index('lib/multi', {
    tag: '2',
    images: [
      { platform: { os: 'linux', architecture: 'amd64' }, layers: [L.amd] },
      { platform: { os: 'linux', architecture: 'arm64' }, layers: [L.arm] }
    ]
  })
  await push.index('acme/multi', {
    tag: '1',
    annotations: { [BASE_NAME]: `${h}/lib/multi:2`, [BASE_DIGEST]: m1.digest },
    images: [
      { platform: { os: 'linux', architecture: 'amd64' }, layers: [L.amd, L.app] },
      { platform: { os: 'linux', architecture: 'arm64' }, layers: [L.arm, L.app] }
    ]
  })
  // Then the tags move: base:1 to B2 (10 days old), rebuilt:1 to a rebuild, multi:2 to a patched arm64.
  b2 = await push.image('lib/base', { tag: '1', layers: [L.b2], created: '2026-05-22T00:00:00Z' })
  await push.image('lib/rebuilt', { tag: '1', layers: [L.r], created: '2026-05-30T00:00:00Z' })
  m2 = await push.index('lib/multi', {
    tag: '2',
    images: [
      { platform: { os: 'linux', architecture: 'amd64' }, layers: [L.amd] },
      { platform: { os: 'linux', architecture: 'arm64' }, layers: [L.arm2], created: '2026-05-25T00:00:00Z' }
    ]
  })
  // A pinned app whose tag moves to a build 3 days old.
  p1 = await push.image('acme/pinned', { tag: '1', created: '2026-05-01T00:00:00Z' })
  p2 = await push.image('acme/pinned', { tag: '1', created: '2026-05-29T00:00:00Z' })
})
afterAll(async () => {
  await proxy.stop()
  await reg.stop()
})

async function gate(values: Record<string, string>): Promise<GateResult> {
  const all: Record<string, string> = { username: reg.username, password: reg.password, registry: h, ...values }
  const inputs = readInputs(name => all[name] ?? '')
  return runGate(inputs, {
    logger: silentLogger,
    dockerConfigDir: '/nonexistent',
    githubActor: undefined,
    workspace: '/tmp',
    now: NOW,
    env: {}
  })
}
const messages = (r: GateResult) => r.findings.map(f => `${f.rule} ${f.platform ?? '-'} ${f.message}`)

describe('base-current', () => {
  test('an app whose claimed base tag moved to other layers: the finding names the tag, both digests and when the new base was made', async () => {
    const r = await gate({ images: `${h}/acme/app:claims`, 'base-current': 'true' })
    expect(messages(r)).toEqual([
      `base-current linux/amd64 built on ${h}/lib/base:1@${b1.digest}, but ${h}/lib/base:1 is now ${b2.digest}, whose layers do not start the image's (created 2026-05-22T00:00:00.000Z, 10d ago): rebuild on the current base`
    ])
    expect(r.images[0]!.facts!.platforms[0]!.baseCurrent).toMatchObject({
      status: 'outdated',
      tag: `${h}/lib/base:1`,
      via: 'claim',
      builtOn: b1.digest,
      current: b2.digest
    })
  })

  test.each([
    ['2w', 0],
    ['7d', 1]
  ])('with a grace of %s the 10-day-old base gives %d findings', async (grace, n) => {
    const r = await gate({ images: `${h}/acme/app:claims`, 'base-current': grace })
    expect(r.findings).toHaveLength(n)
    if (n) expect(r.findings[0]!.message).toContain('older than the base-current grace 7d')
  })

  test('a base tag moved to a rebuild with the same layers is still current', async () => {
    const r = await gate({ images: `${h}/acme/app:on-rebuilt`, 'base-current': 'true' })
    expect(r.findings).toEqual([])
    expect(r.images[0]!.facts!.platforms[0]!.baseCurrent).toMatchObject({ status: 'current', builtOn: r1.digest })
    expect(r.images[0]!.facts!.platforms[0]!.baseCurrent!.current).not.toBe(r1.digest)
  })

  test('per platform: only the platform whose base changed is outdated', async () => {
    const r = await gate({ images: `${h}/acme/multi:1`, 'base-current': 'true' })
    expect(messages(r)).toEqual([
      expect.stringContaining(
        `base-current linux/arm64 built on ${h}/lib/multi:2@${m1.digest}, but ${h}/lib/multi:2 is now ${m2.digest}`
      )
    ])
    expect(r.findings[0]!.message).toContain('created 2026-05-25T00:00:00.000Z')
  })

  test('a literal-tag pattern pinned by digest proves the base of an image without a claim', async () => {
    const r = await gate({
      images: `${h}/acme/app:plain`,
      'base-images': `${h}/lib/base:1@${b1.digest}`,
      'base-current': 'true'
    })
    expect(messages(r)).toEqual([
      expect.stringContaining(
        `base-current linux/amd64 built on ${h}/lib/base:1@${b1.digest}, but ${h}/lib/base:1 is now ${b2.digest}`
      )
    ])
  })

  test('with no claim and no literal-tag pattern, the base tag is unknown: a finding that says why', async () => {
    const r = await gate({ images: `${h}/acme/app:plain`, 'base-current': 'true' })
    expect(messages(r)).toEqual([
      expect.stringContaining(
        'base-current linux/amd64 whether the base is current is unknown: no verified org.opencontainers.image.base.name claim'
      )
    ])
  })

  test('a policy rule turns it on for the images it names', async () => {
    const r = await runGate(
      readInputs(
        name =>
          ({
            images: `${h}/acme/app:claims\n${h}/acme/app:on-rebuilt`,
            policy: 'p.yml',
            username: reg.username,
            password: reg.password,
            registry: h
          })[name] ?? ''
      ),
      {
        logger: silentLogger,
        dockerConfigDir: '/nonexistent',
        githubActor: undefined,
        workspace: await policyDir(`rules:\n  - images: ["${h}/acme/**"]\n    base-current: 1w\n`),
        now: NOW,
        env: {}
      }
    )
    expect(r.rules).toEqual(['base-current'])
    expect(r.findings.map(f => f.image)).toEqual([`${h}/acme/app:claims`])
    expect(r.findings[0]!.message).toMatch(
      /older than the base-current grace 1w\): rebuild on the current base \[p\.yml rules\[0\] \(line 2\)\]$/
    )
  })
})

describe('pins-current', () => {
  test('a pin whose tag moved: both digests and the age of the new one, found with a HEAD of the tag', async () => {
    proxy.reset()
    const r = await gate({ images: `${h}/acme/pinned:1@${p1.digest}`, 'pins-current': 'true' })
    expect(messages(r)).toEqual([
      `pins-current - pinned to ${p1.digest}, but ${h}/acme/pinned:1 now resolves to ${p2.digest}, created 2026-05-29T00:00:00.000Z, 3d ago`
    ])
    expect(r.images[0]!.facts!.pin).toMatchObject({ tag: `${h}/acme/pinned:1`, pinned: p1.digest, current: p2.digest })
    // The tag was asked with HEAD only: never a GET of the tag.
    expect(proxy.log.filter(e => e.path === '/v2/acme/pinned/manifests/1').map(e => e.method)).toEqual(
      expect.arrayContaining(['HEAD'])
    )
    expect(proxy.log.filter(e => e.path === '/v2/acme/pinned/manifests/1' && e.method !== 'HEAD')).toEqual([])
  })

  test.each([
    ['a 7d grace covers a 3-day-old build', 'p1', '7d', 0],
    ['a 1d grace does not', 'p1', '1d', 1],
    ['the current pin passes', 'p2', 'true', 0]
  ])('%s', async (_name, which, grace, n) => {
    const digest = which === 'p1' ? p1.digest : p2.digest
    const r = await gate({ images: `${h}/acme/pinned:1@${digest}`, 'pins-current': grace })
    expect(r.findings).toHaveLength(n)
  })

  test('a pin found by files in a Kubernetes manifest is annotated on its line', async () => {
    const dir = await policyDir('rules: []\n')
    const { mkdirSync, writeFileSync } = await import('node:fs')
    mkdirSync(join(dir, 'k8s'))
    writeFileSync(
      join(dir, 'k8s', 'deploy.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: app',
        `          image: ${h}/acme/pinned:1@${p1.digest}`,
        '        - name: current',
        `          image: ${h}/acme/pinned:1@${p2.digest}`
      ].join('\n')
    )
    const values: Record<string, string> = {
      files: 'k8s/**',
      'pins-current': 'true',
      username: reg.username,
      password: reg.password,
      registry: h
    }
    const r = await runGate(
      readInputs(name => values[name] ?? ''),
      {
        logger: silentLogger,
        dockerConfigDir: '/nonexistent',
        githubActor: undefined,
        workspace: dir,
        now: NOW,
        env: {}
      }
    )
    expect(messages(r)).toEqual([
      expect.stringContaining(
        `pins-current - pinned to ${p1.digest}, but ${h}/acme/pinned:1 now resolves to ${p2.digest}`
      )
    ])
    expect(r.locations.get(r.findings[0]!.image)).toEqual([
      { file: 'k8s/deploy.yaml', line: 8, col: expect.any(Number) }
    ])
  })

  test("a pin to one platform's manifest is current while the tag's index lists it", async () => {
    const listed = await gate({ images: `${h}/lib/multi:2@${m2.children[0]!.digest}`, 'pins-current': 'true' })
    expect(listed.findings).toEqual([])
    expect(listed.images[0]!.facts!.pin).toMatchObject({ current: m2.digest, listed: true })
    const gone = await gate({ images: `${h}/lib/multi:2@${m1.children[1]!.digest}`, 'pins-current': 'true' })
    expect(messages(gone)).toEqual([
      expect.stringContaining(
        `pins-current - pinned to ${m1.children[1]!.digest}, but ${h}/lib/multi:2 now resolves to ${m2.digest}, created`
      )
    ])
  })

  test('a pin whose tag is gone is a finding that says so; a digest-only reference is not a pin', async () => {
    const r = await gate({
      images: `${h}/acme/pinned:gone@${p1.digest}\n${h}/acme/pinned@${p1.digest}`,
      'pins-current': 'true'
    })
    expect(messages(r)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^pins-current - the tag ${h}/acme/pinned:gone could not be resolved to check the pin ${p1.digest}: .*not found`
        )
      )
    ])
  })
})

describe('as the runner runs it', () => {
  test('annotations, summary, report and SARIF name the tags and what they point to now', async () => {
    const run = await runAction(
      {
        images: `${h}/acme/pinned:1@${p1.digest}\n${h}/acme/app:claims`,
        'pins-current': 'true',
        'base-current': 'true',
        username: reg.username,
        password: reg.password,
        registry: h,
        sarif: 'image-gate.sarif'
      },
      {},
      60_000,
      () => ({ IMAGE_GATE_REQUEST_TIMEOUT: '10' })
    )
    try {
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        `::error title=pins-current::${h}/acme/pinned:1@${p1.digest}: pinned to ${p1.digest}, but ${h}/acme/pinned:1 now resolves to ${p2.digest}`
      )
      expect(run.stdout).toContain(
        `::error title=base-current::${h}/acme/app:claims (linux/amd64): built on ${h}/lib/base:1@${b1.digest}`
      )
      // The pinned app claims no base: whether its base is current is unknown, which fails closed.
      expect(run.stdout).toContain(
        `::error title=base-current::${h}/acme/pinned:1@${p1.digest} (linux/amd64): whether the base is current is unknown`
      )
      expect(run.summary).toContain('<th>Tags now</th>')
      expect(run.summary).toContain(
        `pin: ${h}/acme/pinned:1 → <code>${p2.digest.slice(0, 19)}</code> (created 2026-05-29)`
      )
      expect(run.summary).toContain(
        `linux/amd64: ${h}/lib/base:1 → <code>${b2.digest.slice(0, 19)}</code> (created 2026-05-22)`
      )
      const images = run.report!.images as Array<Record<string, unknown>>
      expect(images[0]!.pin).toEqual({
        status: 'moved',
        tag: `${h}/acme/pinned:1`,
        pinned: p1.digest,
        current: p2.digest,
        currentCreated: '2026-05-29T00:00:00Z',
        error: null
      })
      expect((images[1]!.platforms as Array<Record<string, unknown>>)[0]!.baseCurrent).toEqual({
        status: 'outdated',
        tag: `${h}/lib/base:1`,
        builtOn: b1.digest,
        via: 'claim',
        current: b2.digest,
        currentCreated: '2026-05-22T00:00:00Z',
        detail: null
      })
      const sarif = JSON.parse(readFileSync(join(run.dir, 'image-gate.sarif'), 'utf8')) as {
        runs: Array<{ results: Array<{ ruleId: string }>; tool: { driver: { rules: Array<{ id: string }> } } }>
      }
      expect(validateSarif(sarif)).toBe(true)
      expect(sarif.runs[0]!.results.map(r => r.ruleId).sort()).toEqual(['base-current', 'base-current', 'pins-current'])
      expect(sarif.runs[0]!.tool.driver.rules.map(r => r.id)).toEqual(
        expect.arrayContaining(['base-current', 'pins-current'])
      )
    } finally {
      cleanup(run)
    }
  })
})

async function policyDir(yaml: string): Promise<string> {
  const { mkdtempSync, writeFileSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const dir = mkdtempSync(join(tmpdir(), 'image-gate-policy-'))
  writeFileSync(join(dir, 'p.yml'), yaml)
  return dir
}
