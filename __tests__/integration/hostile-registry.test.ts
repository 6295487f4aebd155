/**
 * Three ways a reference or a registry could slip past the rules or hold the run, against dist/ as the runner runs
 * it: a registry host spelled another way (the image matched no rule's `images:`), an index entry that calls a
 * pullable manifest an attestation (it was never inspected), and an index whose children all stall (the run waited
 * a deadline per wave of requests). Each ends as the gate's own verdict: exit 1, in bounded time, naming the image.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { OCI_INDEX, Store, commandLines, startHostile, type HostileServer } from '../support/hostile-server.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { cleanup, runAction, type ActionRun } from '../support/run-action.js'
import { SignaturePusher } from '../support/sign-push.js'
import { simpleSigningPayload, testSigner, type TestSigner } from '../support/signing.js'

let reg: TestRegistry
let push: Pusher
let key: TestSigner
let port: string
const servers: HostileServer[] = []
const runs: ActionRun[] = []

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  push = new Pusher(reg)
  key = testSigner('P-256')
  port = reg.host.split(':')[1]!
})

afterAll(async () => {
  await Promise.all(servers.map(s => s.stop()))
  await reg?.stop()
  runs.forEach(cleanup)
})

async function hostile(...args: Parameters<typeof startHostile>): Promise<HostileServer> {
  const s = await startHostile(...args)
  servers.push(s)
  return s
}

/** Runs the action and times it. */
async function gate(...args: Parameters<typeof runAction>): Promise<ActionRun & { ms: number }> {
  const started = Date.now()
  const run = await runAction(...args)
  runs.push(run)
  return Object.assign(run, { ms: Date.now() - started })
}

interface Report {
  result: string
  findings: Array<{
    rule: string
    image: string
    reference: string | null
    platform: string | null
    message: string
    locations: Array<{ file: string; line: number }>
  }>
  images: Array<{
    input: string
    reference: string | null
    status: string
    error: { kind: string; host: string | null; message: string } | null
  }>
}

/** The gate's own failure: exit 1, no stack trace, no command it did not write. */
function failsCleanly(run: ActionRun): Report {
  expect(run.code).toBe(1)
  expect(run.outputs.result).toBe('fail')
  expect(run.everything()).not.toMatch(/\n\s+at [\w.<>]+ \(|node:internal|TypeError|RangeError|SyntaxError/)
  for (const line of commandLines(run.stdout))
    expect(line).toMatch(/^::(error|warning|notice|debug|group|endgroup|add-mask)( [^:]*)?::/)
  return run.report as unknown as Report
}

describe('a registry spelled another way is the same registry to every rule', () => {
  beforeAll(async () => {
    await push.image('acme/app', { tag: '1', user: '' })
    await push.image('acme/fine', { tag: '1', user: '1000' })
  })

  const policy = (dir: string): void =>
    writeFileSync(join(dir, 'policy.yml'), `rules:\n  - images: ["localhost:${port}/acme/**"]\n    non-root: true\n`)

  test('a rule scoped images: [localhost:PORT/acme/**] applies to LOCALHOST:PORT/acme/app and every other spelling', async () => {
    const spellings = [
      `localhost:${port}/acme/app:1`,
      `LOCALHOST:${port}/acme/app:1`,
      `LocalHost:${port}/acme/app:1`,
      `localhost:0${port}/acme/app:1`
    ]
    const run = await gate(
      { images: [...spellings, `LOCALHOST:${port}/acme/fine:1`].join('\n'), policy: 'policy.yml' },
      {},
      60_000,
      policy
    )
    const report = failsCleanly(run)
    // Each spelling of the root image is judged by the rule; the image that runs as a user passes it.
    expect(report.findings.map(f => [f.rule, f.image, f.reference])).toEqual(
      spellings.map(s => ['non-root', s, `localhost:${port}/acme/app:1`])
    )
    for (const f of report.findings)
      expect(f.message).toBe('runs as root: the config sets no User [policy.yml rules[0] (line 2)]')
    const byInput = new Map(report.images.map(i => [i.input, i]))
    expect(byInput.get(`LOCALHOST:${port}/acme/fine:1`)).toMatchObject({
      status: 'pass',
      reference: `localhost:${port}/acme/fine:1`
    })
  })

  test('the same spellings in a Dockerfile FROM found through files', async () => {
    const run = await gate({ files: 'Dockerfile', policy: 'policy.yml' }, {}, 60_000, dir => {
      policy(dir)
      writeFileSync(
        join(dir, 'Dockerfile'),
        `FROM LOCALHOST:${port}/acme/app:1 AS build\nFROM LocalHost:${port}/acme/fine:1\n`
      )
    })
    const report = failsCleanly(run)
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'non-root',
        image: `LOCALHOST:${port}/acme/app:1`,
        reference: `localhost:${port}/acme/app:1`,
        locations: [expect.objectContaining({ file: 'Dockerfile', line: 1 })]
      })
    ])
    expect(run.stdout).toMatch(/::error title=non-root,file=Dockerfile,line=1,/)
  })
})

describe('an index entry that calls a pullable manifest an attestation is inspected, and is a finding', () => {
  const AMD64 = { os: 'linux', architecture: 'amd64' }
  const ARM64 = { os: 'linux', architecture: 'arm64' }
  const disguise = (img: PushedImage): object => ({
    ...img.descriptor,
    annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': img.digest }
  })
  let bad: PushedImage
  let good: PushedImage
  let goodArm: PushedImage

  beforeAll(async () => {
    const sp = new SignaturePusher(push)
    // Root, years old and unsigned: what the index hides. The good ones run as a user, are new, and are signed.
    bad = await push.image('evil/app', { platform: AMD64, user: '', created: '2015-01-01T00:00:00Z' })
    good = await push.image('evil/app', { platform: AMD64, user: '1000' })
    goodArm = await push.image('evil/app', { platform: ARM64, user: '1000' })
    for (const img of [good, goodArm])
      await sp.signLegacy('evil/app', img.digest, key, simpleSigningPayload(img.digest))
    const index = (tag: string, manifests: object[]): Promise<string> =>
      push.manifest(
        'evil/app',
        tag,
        Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests })),
        OCI_INDEX
      )
    // Before a good amd64 entry: runtimes pull the first entry that matches the platform, the hidden one.
    await index('before', [disguise(bad), good.descriptor])
    // The only amd64 entry: every per-platform rule used to pass for want of an amd64 platform to judge.
    await index('only', [disguise(bad), goodArm.descriptor])
    // Two plain entries for one platform: both are inspected, the first (what runtimes pull) included.
    await index('twice', [bad.descriptor, good.descriptor])
  })

  const RULES = { platforms: 'linux/amd64', 'non-root': 'true', 'max-age': '365d' }

  test.each(['before', 'only'])(
    'the disguised entry %s: the per-platform rules, signatures included, judge it',
    async tag => {
      const image = `${reg.host}/evil/app:${tag}`
      const run = await gate({ images: image, ...RULES, 'signature-keys': key.pem })
      const report = failsCleanly(run)
      const found = report.findings.map(f => ({ rule: f.rule, platform: f.platform, message: f.message }))
      expect(found).toEqual(
        expect.arrayContaining([
          {
            rule: 'inspect',
            platform: 'linux/amd64',
            message: `the index lists ${bad.digest} for linux/amd64 but annotates it as an attestation; only unknown/unknown entries are attestations (it was inspected as a platform: runtimes pull it)`
          },
          { rule: 'non-root', platform: 'linux/amd64', message: 'runs as root: the config sets no User' },
          { rule: 'max-age', platform: 'linux/amd64', message: expect.stringContaining('2015-01-01') },
          {
            rule: 'signature',
            platform: 'linux/amd64',
            message: expect.stringContaining(`no signature found for ${bad.digest}`)
          }
        ])
      )
      // Nothing is said against the good entries: they are signed, new and run as a user.
      expect(
        report.findings.filter(f => f.message.includes(good.digest) || f.message.includes(goodArm.digest))
      ).toEqual([])
      expect(report.findings).toHaveLength(4)
      for (const f of report.findings) expect(f.image).toBe(image)
    }
  )

  test('two entries for one platform: each is inspected, the first (what runtimes pull) included', async () => {
    const run = await gate({ images: `${reg.host}/evil/app:twice`, ...RULES, 'signature-keys': key.pem })
    const report = failsCleanly(run)
    expect(report.findings.map(f => f.rule).sort()).toEqual(['max-age', 'non-root', 'signature'])
    expect(report.findings.find(f => f.rule === 'signature')!.message).toContain(bad.digest)
    const platforms = (
      run.report as { images: Array<{ platforms: Array<{ digest: string }> }> }
    ).images[0]!.platforms.map(p => p.digest)
    expect(platforms).toEqual([bad.digest, good.digest])
  })
})

describe('a registry given up on ends its requests at once', () => {
  /** An index of 200 children, distinct so that none is fetched once for several. */
  function index200(): Store {
    const store = new Store()
    const children = Array.from({ length: 200 }, (_, i) => store.image({ config: { Labels: { n: String(i) } } }))
    const index = store.put(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: children.map((c, i) => ({
          ...c,
          platform: { os: 'linux', architecture: 'amd64', variant: `v${i}` }
        }))
      },
      OCI_INDEX
    )
    store.tags.set('v1', index.digest)
    return store
  }

  /** What a give-up must leave: one finding naming the host, saying it was given up on; no request after it. */
  function givenUp(run: ActionRun, registry: HostileServer): void {
    const report = failsCleanly(run)
    expect(report.images).toEqual([
      expect.objectContaining({
        status: 'error',
        error: expect.objectContaining({ kind: 'timeout', host: registry.host })
      })
    ])
    expect(report.images[0]!.error!.message).toMatch(
      new RegExp(
        `^${registry.host.replace(/\./g, '\\.')}: given up on after 2 requests timed out \\(the first: no complete answer within \\d+ s for GET /v2/evil/app/manifests/sha256:[0-9a-f]{64}\\); its requests still waiting were ended and the rest of this run's were not sent$`
      )
    )
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'inspect',
        image: `${registry.host}/evil/app:v1`,
        message: expect.stringContaining('given up on after 2 requests timed out')
      })
    ])
    // The tag, then the 32 children the per-registry limit lets out at once: nothing was sent after the give-up.
    expect(registry.requests.length).toBeLessThanOrEqual(33)
  }

  test('200 stalling children with a 5 s deadline and the default retries: one deadline, not one per wave and retry', async () => {
    // Before: 49 s and 258 requests (each child retried within the 20 s retry budget before its timeout counted).
    const store = index200()
    const registry = await hostile(
      req => (req.url?.endsWith('/manifests/v1') ? store.answer(req.url) : undefined),
      120_000
    )
    const run = await gate({ images: `${registry.host}/evil/app:v1` }, { IMAGE_GATE_REQUEST_TIMEOUT: '5' }, 60_000)
    givenUp(run, registry)
    expect(run.ms).toBeLessThan(12_000)
  })

  test('200 stalling children with the default timeouts: the run ends at one 30 s deadline, not two', async () => {
    // Before: 61 s: the two requests let out as the first timeouts freed their slots waited a deadline of their own.
    const store = index200()
    const registry = await hostile(
      req => (req.url?.endsWith('/manifests/v1') ? store.answer(req.url) : undefined),
      120_000
    )
    const run = await gate({ images: `${registry.host}/evil/app:v1` }, {}, 90_000)
    givenUp(run, registry)
    expect(run.ms).toBeLessThan(40_000)
  }, 100_000)

  test('requests sent after the first ones end with the give-up, not at their own deadlines', async () => {
    // The first two child requests stall; the next 30 are answered one by one over most of a deadline, each letting
    // out another child request that stalls. At the give-up those are in flight, started up to 3.6 s later: they end
    // then, so the run takes one deadline, not nearly two.
    const T = 4
    const store = index200()
    const registry = await hostile((req, n) => {
      const url = req.url ?? '/'
      if (url.endsWith('/manifests/v1')) return store.answer(url)
      if (n <= 2 || n > 32) return undefined
      return new Promise(resolve => setTimeout(() => resolve(store.answer(url)), ((n - 2) * T * 900) / 30).unref())
    }, 120_000)
    // The platforms rule needs no config: the answered children cost one request each.
    const run = await gate(
      { images: `${registry.host}/evil/app:v1`, platforms: 'linux/amd64' },
      { IMAGE_GATE_REQUEST_TIMEOUT: String(T), IMAGE_GATE_RETRY_BUDGET: '1' },
      60_000
    )
    const report = failsCleanly(run)
    expect(report.images[0]!.error!.message).toContain(`${registry.host}: given up on after 2 requests timed out`)
    expect(run.ms).toBeLessThan(T * 1000 + 2_500)
    // 1 tag + 32 at once + 30 let out as the answered ones finished; none after the give-up.
    expect(registry.requests.length).toBeLessThanOrEqual(63)
  })
})

// Only unknown/unknown entries are left out: BuildKit's own attestations still are.
test('a BuildKit attestation (unknown/unknown, annotated) is still no platform and no finding', async () => {
  const idx = await push.index('acme/buildkit', {
    tag: '1',
    images: [{ platform: { os: 'linux', architecture: 'amd64' }, user: '1000' }],
    attestation: true
  })
  const run = await gate({ images: `${reg.host}/acme/buildkit:1`, platforms: 'linux/amd64', 'non-root': 'true' })
  expect(run.code).toBe(0)
  const image = (run.report as { images: Array<{ platforms: Array<{ digest: string }>; attestations: number }> })
    .images[0]!
  expect(image.platforms.map(p => p.digest)).toEqual([idx.children[0]!.digest])
  expect(image.attestations).toBe(1)
  expect(run.report as unknown as Report).toMatchObject({ result: 'pass', findings: [] })
})
