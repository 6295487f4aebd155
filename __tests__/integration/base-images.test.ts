/** base-images, proven by layers against the real registry, per platform. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runGate } from '../../src/gate/run.js'
import { readInputs } from '../../src/gate/inputs.js'
import { silentLogger } from '../../src/core/logger.js'
import { startProxy, type FaultProxy } from '../support/fault-proxy.js'
import { startHostile, type HostileServer } from '../support/hostile-server.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, layer, type PushedImage, type PushedIndex } from '../support/push.js'
import { type GateResult } from '../../src/gate/result.js'

let reg: TestRegistry
let proxy: FaultProxy
let h: string
let base1: PushedImage
let multiBase: PushedIndex
/** A registry that records every connection: base claims name it. */
let elsewhere: HostileServer
const L = {
  b1: layer('base 1'),
  b2: layer('base 2'),
  app: layer('app'),
  other: layer('other'),
  mAmd: layer('multi base amd64'),
  mArm: layer('multi base arm64')
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' })
  proxy = await startProxy({ target: reg.url })
  h = proxy.host
  elsewhere = await startHostile(() => ({ status: 404, body: '{}' }))
  const push = new Pusher(reg)
  base1 = await push.image('lib/base', { tag: '1', layers: [L.b1] })
  await push.image('lib/base', { tag: '2', layers: [L.b2] })
  await push.image('acme/app', { tag: 'on-base1', layers: [L.b1, L.app] })
  await push.image('acme/unrelated', { tag: '1', layers: [L.other, L.app] })
  await push.image('acme/claims', {
    tag: 'true',
    layers: [L.b1, L.app],
    annotations: {
      'org.opencontainers.image.base.name': `${h}/lib/base:1`,
      'org.opencontainers.image.base.digest': base1.digest
    }
  })
  await push.image('acme/claims', {
    tag: 'false',
    layers: [L.other, L.app],
    annotations: {
      'org.opencontainers.image.base.name': `${h}/lib/base:1`,
      'org.opencontainers.image.base.digest': base1.digest
    }
  })
  await push.image('acme/claims', {
    tag: 'elsewhere',
    layers: [L.b1, L.app],
    annotations: { 'org.opencontainers.image.base.name': `${elsewhere.host}/lib/base:1` }
  })
  await push.image('acme/claims', {
    tag: 'label',
    layers: [L.b1, L.app],
    labels: { 'org.opencontainers.image.base.name': `${h}/lib/base:1` }
  })
  // A multi-platform app whose arm64 variant is not built on the base.
  await push.index('acme/multi', {
    tag: '1',
    images: [
      { platform: { os: 'linux', architecture: 'amd64' }, layers: [L.b1, L.app] },
      { platform: { os: 'linux', architecture: 'arm64' }, layers: [L.other, L.app] }
    ]
  })
  // A base that is itself multi-platform, and an app on each of its platforms.
  multiBase = await push.index('lib/multibase', {
    tag: '3.1',
    images: [
      { platform: { os: 'linux', architecture: 'amd64' }, layers: [L.mAmd] },
      { platform: { os: 'linux', architecture: 'arm64' }, layers: [L.mArm] }
    ]
  })
  await push.index('acme/on-multibase', {
    tag: '1',
    images: [
      { platform: { os: 'linux', architecture: 'amd64' }, layers: [L.mAmd, L.app] },
      { platform: { os: 'linux', architecture: 'arm64' }, layers: [L.mArm, L.app] }
    ]
  })
  // A base repository with more tags than one page (the client reads 100 a page).
  const paged = [L.b1]
  await Promise.all(
    Array.from({ length: 130 }, (_, i) =>
      push.image('lib/paged', {
        tag: `t${String(i).padStart(3, '0')}`,
        layers: i === 127 ? paged : [layer(`paged ${i}`)]
      })
    )
  )
})
afterAll(async () => {
  await elsewhere.stop()
  await proxy.stop()
  await reg.stop()
})

async function gate(images: string[], baseImages: string[], more: Record<string, string> = {}): Promise<GateResult> {
  const values: Record<string, string> = {
    images: images.join('\n'),
    'base-images': baseImages.join('\n'),
    username: reg.username,
    password: reg.password,
    registry: h,
    ...more
  }
  const inputs = readInputs(name => values[name] ?? '')
  return runGate(inputs, {
    logger: silentLogger,
    dockerConfigDir: '/nonexistent',
    githubActor: undefined,
    workspace: '/tmp',
    now: new Date(),
    env: {}
  })
}
const messages = (r: GateResult) => r.findings.map(f => `${f.platform ?? '-'} ${f.message}`)

describe('base-images', () => {
  test.each([
    ['base:1', ['lib/base:1'], true],
    ['base:*', ['lib/base:*'], true],
    ['base (every tag)', ['lib/base'], true],
    ['base:2', ['lib/base:2'], false]
  ])('an app built on base:1 (no annotations) against %s', async (_name, patterns, pass) => {
    const r = await gate(
      [`${h}/acme/app:on-base1`],
      patterns.map(p => `${h}/${p}`)
    )
    expect(r.findings.length === 0).toBe(pass)
    const p = r.images[0]!.facts!.platforms[0]!
    if (pass)
      expect(p.base!.proven[0]).toMatchObject({
        name: `${h}/lib/base:1`,
        digest: base1.digest,
        layers: 1,
        via: 'layers'
      })
    else expect(messages(r)[0]).toContain('no allowed base proven')
  })

  test('an unrelated image fails base:*', async () => {
    const r = await gate([`${h}/acme/unrelated:1`], [`${h}/lib/base:*`])
    expect(messages(r)).toEqual([
      `linux/amd64 no allowed base proven: the layers of none of 2 candidates start the image's layers (allowed: ${h}/lib/base:*)`
    ])
  })

  test('an image with a true claim passes a repository glob', async () => {
    const r = await gate([`${h}/acme/claims:true`, `${h}/acme/claims:label`], [`${h}/lib/**`])
    expect(r.findings).toEqual([])
    const p = r.images[0]!.facts!.platforms[0]!
    expect(p.base!.claim).toMatchObject({ status: 'verified', source: 'the manifest annotations' })
    expect(p.base!.proven[0]).toMatchObject({ via: 'claim', digest: base1.digest })
    expect(r.images[1]!.facts!.platforms[0]!.base!.claim).toMatchObject({
      status: 'verified',
      source: 'the config labels'
    })
  })

  test('a claim that names a registry the registries rule does not allow is never followed there', async () => {
    const r = await gate([`${h}/acme/claims:elsewhere`], [`${h}/lib/**`], { registries: h, 'base-current': 'true' })
    expect(elsewhere.connections).toBe(0)
    const p = r.images[0]!.facts!.platforms[0]!
    expect(p.base!.claim).toMatchObject({
      status: 'unverifiable',
      detail: `the claimed base could not be read: ${elsewhere.host}: not contacted: registry ${elsewhere.host} is not allowed (allowed: ${h})`
    })
    // Unverified, the claim proves nothing: the base is unknown and the gate fails closed.
    expect(r.findings.map(f => f.rule).sort()).toEqual(['base-current', 'base-images'])
  })

  test('a policy rule that names the image bounds its claim the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ig-claim-'))
    writeFileSync(join(dir, 'policy.yml'), `rules:\n  - images: ["${h}/acme/claims:*"]\n    registries: ["${h}"]\n`)
    const values: Record<string, string> = {
      images: `${h}/acme/claims:elsewhere`,
      'base-images': `${h}/lib/**`,
      policy: 'policy.yml',
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
        now: new Date(),
        env: {}
      }
    )
    rmSync(dir, { recursive: true, force: true })
    expect(elsewhere.connections).toBe(0)
    expect(r.images[0]!.facts!.platforms[0]!.base!.claim).toMatchObject({
      status: 'unverifiable',
      detail: expect.stringContaining(`${elsewhere.host}: not contacted: registry ${elsewhere.host} is not allowed`)
    })
    expect(r.findings.map(f => f.rule)).toEqual(['base-images'])
  })

  test('without a registries rule, the claimed base is read where the claim says', async () => {
    const before = elsewhere.connections
    const r = await gate([`${h}/acme/claims:elsewhere`], [`${h}/lib/**`])
    expect(elsewhere.connections).toBeGreaterThan(before)
    expect(r.images[0]!.facts!.platforms[0]!.base!.claim).toMatchObject({ status: 'unverifiable' })
  })

  test('an image whose claim is false fails, and the finding says so', async () => {
    const r = await gate([`${h}/acme/claims:false`], [`${h}/lib/**`])
    expect(messages(r)).toEqual([
      `linux/amd64 claims base ${h}/lib/base:1@${base1.digest} (in the manifest annotations), but its layers do not start with ${h}/lib/base's: its 1 layers are not the first layers of the image`
    ])
  })

  test('a multi-platform image whose arm64 variant is not on the base fails with the platform named', async () => {
    const r = await gate([`${h}/acme/multi:1`], [`${h}/lib/base:1`])
    expect(r.findings.map(f => f.platform)).toEqual(['linux/arm64'])
    expect(r.images[0]!.facts!.platforms[0]!.base!.proven[0]!.name).toBe(`${h}/lib/base:1`)
  })

  test('a base repository with more tags than one page', async () => {
    proxy.reset()
    // distribution 2.8 ignores `n` on tag lists; the proxy pages the registry's real list as Docker Hub and GHCR do.
    const all = (
      (await (
        await fetch(`${reg.url}/v2/lib/paged/tags/list`, { headers: { authorization: reg.pushAuth('lib/paged')! } })
      ).json()) as { tags: string[] }
    ).tags.sort()
    expect(all).toHaveLength(130)
    proxy.intercept(q => {
      const url = new URL(q.path, 'http://x')
      if (url.pathname !== '/v2/lib/paged/tags/list' || !q.headers.authorization) return undefined
      const n = Number(url.searchParams.get('n') ?? 1000)
      const last = url.searchParams.get('last')
      const from = last ? all.indexOf(last) + 1 : 0
      const page = all.slice(from, from + n)
      const more = from + n < all.length
      return {
        kind: 'respond',
        status: 200,
        headers: {
          'content-type': 'application/json',
          ...(more ? { link: `</v2/lib/paged/tags/list?n=${n}&last=${page[page.length - 1]}>; rel="next"` } : {})
        },
        body: JSON.stringify({ name: 'lib/paged', tags: page })
      }
    })
    const r = await gate([`${h}/acme/app:on-base1`], [`${h}/lib/paged:t12*`])
    expect(r.findings).toEqual([])
    expect(r.images[0]!.facts!.platforms[0]!.base!.proven[0]!.name).toBe(`${h}/lib/paged:t127`)
    expect(proxy.log.filter(e => e.path.startsWith('/v2/lib/paged/tags/list')).map(e => e.path)).toEqual([
      '/v2/lib/paged/tags/list?n=100',
      '/v2/lib/paged/tags/list?n=100&last=t099'
    ])
  })

  test('a base that is itself multi-platform is matched platform by platform', async () => {
    const r = await gate([`${h}/acme/on-multibase:1`], [`${h}/lib/multibase:3.*`])
    expect(r.findings).toEqual([])
    const bases = r.images[0]!.facts!.platforms.map(p => p.base!.proven[0])
    expect(bases.map(b => `${b!.name}@${b!.digest}`)).toEqual([
      `${h}/lib/multibase:3.1@${multiBase.digest}`,
      `${h}/lib/multibase:3.1@${multiBase.digest}`
    ])
  })

  test('scratch allows an image on which no base is proven', async () => {
    expect((await gate([`${h}/acme/unrelated:1`], ['scratch'])).findings).toEqual([])
  })

  test('candidate manifests and configs are fetched once per run, shared by every image', async () => {
    proxy.reset()
    await gate([`${h}/acme/app:on-base1`, `${h}/acme/claims:true`, `${h}/acme/claims:label`], [`${h}/lib/base:*`])
    const got = (re: RegExp) => proxy.log.filter(e => e.status === 200 && re.test(e.path)).length
    expect(got(/\/v2\/lib\/base\/tags\/list/)).toBe(1)
    expect(got(/\/v2\/lib\/base\/manifests\/1$/)).toBe(1)
    expect(got(/\/v2\/lib\/base\/manifests\/2$/)).toBe(1)
    // A typical check: 1 challenge, each image's manifest and config (6), one tag list, each candidate's manifest and
    // config (4), and at most one more when a claim's by-digest fetch races the same manifest's by-tag fetch.
    expect(proxy.log.filter(e => e.status === 401)).toHaveLength(1)
    expect(proxy.log.length).toBeGreaterThanOrEqual(12)
    expect(proxy.log.length).toBeLessThanOrEqual(13)
  })
})
