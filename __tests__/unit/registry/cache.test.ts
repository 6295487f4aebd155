/** The content cache on a real directory: what it trusts, what it refuses, and its bounds. */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ContentCache, entryPath } from '../../../src/registry/cache.js'
import { silentLogger } from '../../../src/core/logger.js'
import { computeDigest } from '../../../src/core/digest.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'image-gate-cache-unit-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const OCI = 'application/vnd.oci.image.manifest.v1+json'
const body = (s: string) => Buffer.from(s)

describe('ContentCache', () => {
  test('what was stored is read back, verified', async () => {
    const c = ContentCache.open(dir, silentLogger)
    const m = body('{"schemaVersion":2}')
    const b = body('{"os":"linux"}')
    c.putManifest(computeDigest(m), OCI, m)
    c.putBlob(computeDigest(b), b)
    expect(await c.getManifest(computeDigest(m))).toEqual({ body: m, mediaType: OCI })
    expect(await c.getBlob(computeDigest(b), b.length)).toEqual(b)
    expect(c.stats).toMatchObject({ hits: 2, stored: 2, rejected: 0 })
  })

  test.each<[string, (path: string, bytes: Buffer) => void, 'manifests' | 'blobs']>([
    ['a flipped byte', (p, bytes) => writeFileSync(p, Buffer.concat([bytes.subarray(0, -1), body('!')])), 'blobs'],
    ['a truncated body', (p, bytes) => writeFileSync(p, bytes.subarray(0, 3)), 'blobs'],
    ['an empty file', p => writeFileSync(p, ''), 'blobs'],
    [
      'a manifest without its media type line',
      (p, bytes) => writeFileSync(p, bytes.subarray(bytes.indexOf(0x0a) + 1)),
      'manifests'
    ],
    [
      'a media type that is not one',
      (p, bytes) =>
        writeFileSync(p, Buffer.concat([body('text/html; x=<script>\n'), bytes.subarray(bytes.indexOf(0x0a) + 1)])),
      'manifests'
    ],
    ['a body of other content under the name', p => writeFileSync(p, `${OCI}\n{"schemaVersion":2,"x":1}`), 'manifests']
  ])('%s is not trusted, is counted, and is removed', async (_name, damage, kind) => {
    const c = ContentCache.open(dir, silentLogger)
    const bytes = body('{"schemaVersion":2,"mediaType":"x"}')
    const digest = computeDigest(bytes)
    if (kind === 'manifests') c.putManifest(digest, OCI, bytes)
    else c.putBlob(digest, bytes)
    const path = entryPath(dir, kind, digest)
    damage(path, (await import('node:fs')).readFileSync(path))
    expect(kind === 'manifests' ? await c.getManifest(digest) : await c.getBlob(digest)).toBeUndefined()
    expect(c.stats.rejected).toBe(1)
    expect(readdirSync(join(dir, 'image-gate-v1', kind))).toEqual([])
  })

  test('a blob of the wrong size for its descriptor is not trusted', async () => {
    const c = ContentCache.open(dir, silentLogger)
    const b = body('abc')
    c.putBlob(computeDigest(b), b)
    expect(await c.getBlob(computeDigest(b), 4)).toBeUndefined()
  })

  test.each([
    ['sha256:../../../etc/passwd'],
    ['sha256:ABC'],
    [''],
    ['sha256:' + 'a'.repeat(63)],
    ['md5:' + 'a'.repeat(32)]
  ])('the key %j never reaches the file system', async key => {
    const c = ContentCache.open(dir, silentLogger)
    c.putBlob(key, body('x'))
    expect(await c.getBlob(key)).toBeUndefined()
    expect(c.stats.stored).toBe(0)
    expect(readdirSync(join(dir, 'image-gate-v1', 'blobs'))).toEqual([])
  })

  test('bounded in entries: the least recently used go first, down to nine tenths', async () => {
    const c = ContentCache.open(dir, silentLogger, { maxEntries: 10, maxBytes: 1 << 20 })
    const digests: string[] = []
    for (let i = 0; i < 20; i++) {
      const b = body(`blob ${i}`)
      digests.push(computeDigest(b))
      c.putBlob(computeDigest(b), b)
      // Older first: entry i was last used i minutes after the epoch of the test.
      utimesSync(entryPath(dir, 'blobs', computeDigest(b)), 1_000_000 + i * 60, 1_000_000 + i * 60)
    }
    // Reading entry 0 makes it the most recently used.
    expect(await c.getBlob(digests[0]!)).toBeDefined()
    c.close()
    const left = readdirSync(join(dir, 'image-gate-v1', 'blobs'))
    expect(left).toHaveLength(9)
    expect(left).toContain(digests[0]!.replace(':', '-'))
    expect(left).toContain(digests[19]!.replace(':', '-'))
    expect(left).not.toContain(digests[1]!.replace(':', '-'))
    expect(c.stats.pruned).toBe(11)
  })

  test('bounded in bytes', () => {
    const c = ContentCache.open(dir, silentLogger, { maxEntries: 1000, maxBytes: 10_000 })
    for (let i = 0; i < 30; i++) {
      const b = Buffer.alloc(1000, i)
      c.putBlob(computeDigest(b), b)
    }
    c.close()
    expect(readdirSync(join(dir, 'image-gate-v1', 'blobs')).length).toBeLessThanOrEqual(9)
  })

  test('a cache that cannot be created is a warning, and stores nothing', async () => {
    writeFileSync(join(dir, 'file'), '')
    const warnings: string[] = []
    const c = ContentCache.open(join(dir, 'file', 'cache'), { ...silentLogger, warning: m => warnings.push(m) })
    c.putBlob(computeDigest(body('x')), body('x'))
    expect(await c.getBlob(computeDigest(body('x')))).toBeUndefined()
    expect(warnings).toEqual([
      expect.stringMatching(
        /^cache: the directory .* cannot be created or written \(ENOTDIR\); the run goes on without the cache$/
      )
    ])
  })
})
