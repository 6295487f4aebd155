/** The content cache against the real registry: a warm run sends only HEADs; a hostile or broken cache is never trusted. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runGate } from '../../src/gate/run.js'
import { readInputs } from '../../src/gate/inputs.js'
import type { Logger } from '../../src/core/logger.js'
import { entryPath } from '../../src/registry/cache.js'
import { startProxy, type FaultProxy } from '../support/fault-proxy.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, layer, type PushedImage, type PushedIndex } from '../support/push.js'
import { cleanup, runAction } from '../support/run-action.js'
import { type GateResult } from '../../src/gate/result.js'

let reg: TestRegistry
let proxy: FaultProxy
let h: string
let work: string
const NOW = new Date('2026-06-01T00:00:00Z')
const L = { b1: layer('base 1'), b2: layer('base 2'), app: layer('app') }
let b1: PushedImage
let app: PushedImage
let multi: PushedIndex
let p1: PushedImage
let p2: PushedImage

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' })
  proxy = await startProxy({ target: reg.url })
  h = proxy.host
  work = mkdtempSync(join(tmpdir(), 'image-gate-cache-'))
  const push = new Pusher(reg)
  b1 = await push.image('lib/base', { tag: '1', layers: [L.b1], created: '2026-05-12T00:00:00Z' })
  app = await push.image('acme/app', {
    tag: '1',
    layers: [L.b1, L.app],
    annotations: {
      'org.opencontainers.image.base.name': `${h}/lib/base:1`,
      'org.opencontainers.image.base.digest': b1.digest
    }
  })
  multi = await push.index('acme/multi', {
    tag: '1',
    attestation: true,
    images: [{ platform: { os: 'linux', architecture: 'amd64' } }, { platform: { os: 'linux', architecture: 'arm64' } }]
  })
  p1 = await push.image('acme/pinned', { tag: '1', created: '2026-05-01T00:00:00Z' })
  await push.image('lib/base', { tag: '1', layers: [L.b2], created: '2026-05-22T00:00:00Z' })
  p2 = await push.image('acme/pinned', { tag: '1', created: '2026-05-29T00:00:00Z' })
})
afterAll(async () => {
  await proxy.stop()
  await reg.stop()
  rmSync(work, { recursive: true, force: true })
})

function recorder(): Logger & { warnings: string[]; infos: string[] } {
  const warnings: string[] = []
  const infos: string[] = []
  return {
    warnings,
    infos,
    debug: () => {},
    info: m => infos.push(m),
    warning: m => warnings.push(m),
    notice: () => {}
  }
}

async function gate(cache: string, logger = recorder(), extra: Record<string, string> = {}): Promise<GateResult> {
  const values: Record<string, string> = {
    images: [`${h}/acme/app:1`, `${h}/acme/multi:1`, `${h}/acme/pinned:1@${p1.digest}`].join('\n'),
    'base-current': 'true',
    'pins-current': 'true',
    'max-age': '1000d',
    username: reg.username,
    password: reg.password,
    registry: h,
    cache,
    ...extra
  }
  return runGate(
    readInputs(name => values[name] ?? ''),
    { logger, dockerConfigDir: '/nonexistent', githubActor: undefined, workspace: work, now: NOW, env: {} }
  )
}
/** Requests that are not HEADs: GETs of manifests, blobs, tag lists. */
const gets = () => proxy.log.filter(e => e.method !== 'HEAD').map(e => `${e.method} ${e.path}`)
const digests = (r: GateResult) => r.images.map(i => i.facts?.digest)
const summary = (r: GateResult) => r.findings.map(f => `${f.rule} ${f.platform ?? '-'} ${f.message}`).sort()

describe('cache', () => {
  let cold: GateResult

  test('a cold run fills the cache; a warm run resolves each tag with one HEAD and sends no GET at all', async () => {
    proxy.reset()
    cold = await gate('cache')
    expect(digests(cold)).toEqual([app.digest, multi.digest, p1.digest])
    expect(gets().length).toBeGreaterThan(0)
    // The findings of the first run: the moved base and the moved pin.
    expect(summary(cold)).toHaveLength(5)
    expect(summary(cold)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`base-current linux/amd64 built on ${h}/lib/base:1@${b1.digest}`),
        expect.stringContaining(
          `pins-current - pinned to ${p1.digest}, but ${h}/acme/pinned:1 now resolves to ${p2.digest}`
        )
      ])
    )

    proxy.reset()
    const log = recorder()
    const warm = await gate('cache', log)
    expect(gets()).toEqual([])
    expect(digests(warm)).toEqual(digests(cold))
    expect(summary(warm)).toEqual(summary(cold))
    // One HEAD per tag (the images' and the bases'), one per digest written in images; the 401 challenge is the auth exchange.
    const heads = proxy.log
      .filter(e => e.status === 200)
      .map(e => e.path)
      .sort()
    expect(heads).toEqual(
      [
        `/v2/acme/app/manifests/1`,
        `/v2/acme/multi/manifests/1`,
        `/v2/acme/pinned/manifests/1`,
        `/v2/acme/pinned/manifests/${p1.digest}`,
        `/v2/lib/base/manifests/1`
      ].sort()
    )
    expect(proxy.log.filter(e => e.status !== 200).map(e => e.status)).toEqual([401])
    expect(log.infos.join('\n')).toMatch(/cache: \d+ entries read, 0 stored/)
    expect(log.warnings).toEqual([])
  })

  test('a corrupted entry is fetched again, never trusted, and the digests are still right', async () => {
    const dir = join(work, 'cache')
    // Flip the bytes of the app's manifest and its config; truncate the multi-platform index.
    writeFileSync(
      entryPath(dir, 'manifests', app.digest),
      `application/vnd.oci.image.manifest.v1+json\n${app.manifestBytes.toString().replace('"layers"', '"layerz"')}`
    )
    writeFileSync(
      entryPath(dir, 'blobs', app.configDigest),
      JSON.stringify({ ...app.config, config: { User: 'root' } })
    )
    writeFileSync(entryPath(dir, 'manifests', multi.digest), 'application/vnd.oci.image.index.v1+json\n{')
    proxy.reset()
    const log = recorder()
    const r = await gate('cache', log)
    expect(digests(r)).toEqual(digests(cold))
    expect(summary(r)).toEqual(summary(cold))
    expect(gets().sort()).toEqual(
      [
        `GET /v2/acme/app/blobs/${app.configDigest}`,
        `GET /v2/acme/app/manifests/${app.digest}`,
        `GET /v2/acme/multi/manifests/${multi.digest}`
      ].sort()
    )
    expect(log.infos.join('\n')).toMatch(/3 not trusted and fetched again/)
    // Repaired: the next run is warm again.
    proxy.reset()
    await gate('cache')
    expect(gets()).toEqual([])
  })

  test('a hostile cache directory: links, a FIFO, a huge file, a directory in an entry’s place; bounded, and nothing outside is touched', async () => {
    const dir = join(work, 'hostile')
    await gate('hostile')
    const outside = join(work, 'outside')
    writeFileSync(outside, 'do not touch')
    // A link to a file outside, a FIFO, a huge sparse file, and a directory, where the entries were.
    rmSync(entryPath(dir, 'manifests', app.digest))
    symlinkSync(outside, entryPath(dir, 'manifests', app.digest))
    rmSync(entryPath(dir, 'blobs', app.configDigest))
    execFileSync('mkfifo', [entryPath(dir, 'blobs', app.configDigest)])
    rmSync(entryPath(dir, 'manifests', multi.digest))
    execFileSync('truncate', ['-s', '8G', entryPath(dir, 'manifests', multi.digest)])
    rmSync(entryPath(dir, 'manifests', p1.digest))
    mkdirSync(entryPath(dir, 'manifests', p1.digest))
    proxy.reset()
    const started = Date.now()
    const r = await gate('hostile')
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(digests(r)).toEqual(digests(cold))
    expect(summary(r)).toEqual(summary(cold))
    expect(gets().length).toBe(4)
    expect(execFileSync('cat', [outside]).toString()).toBe('do not touch')
  })

  test('a cache directory that is a link, or cannot be created, is a warning, not a failure', async () => {
    const target = join(work, 'elsewhere')
    mkdirSync(join(work, 'linked'))
    mkdirSync(target)
    symlinkSync(target, join(work, 'linked', 'image-gate-v1'))
    writeFileSync(join(work, 'a-file'), '')
    for (const cache of ['linked', 'a-file/cache']) {
      const log = recorder()
      const r = await gate(cache, log)
      expect(digests(r)).toEqual(digests(cold))
      expect(summary(r)).toEqual(summary(cold))
      expect(log.warnings).toEqual([expect.stringMatching(/^cache: .*; the run goes on without the cache$/)])
    }
    expect(readdirSync(target)).toEqual([])
  })

  test('dist/index.js as the runner runs it: the second run with the same cache sends only HEADs, and says what it read', async () => {
    const dir = join(work, 'action-cache')
    const inputs = {
      images: `${h}/acme/multi:1\n${h}/acme/app:1`,
      platforms: 'linux/amd64',
      'max-age': '1000d',
      username: reg.username,
      password: reg.password,
      registry: h,
      cache: dir
    }
    const first = await runAction(inputs)
    cleanup(first)
    expect(first.outputs.result).toBe('pass')
    proxy.reset()
    const second = await runAction(inputs)
    try {
      expect(second.outputs.result).toBe('pass')
      expect(JSON.parse(second.outputs.digests!)).toEqual({
        [`${h}/acme/multi:1`]: multi.digest,
        [`${h}/acme/app:1`]: app.digest
      })
      expect(gets()).toEqual([])
      expect(
        proxy.log
          .filter(e => e.status === 200)
          .map(e => `${e.method} ${e.path}`)
          .sort()
      ).toEqual(['HEAD /v2/acme/app/manifests/1', 'HEAD /v2/acme/multi/manifests/1'])
      expect(second.stdout).toMatch(/cache: \d+ entries read, 0 stored/)
      expect(second.stdout).not.toContain('::warning')
    } finally {
      cleanup(second)
    }
  })
})
