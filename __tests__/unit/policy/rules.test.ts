import { describe, expect, test } from '@jest/globals'
import { parsePlatform } from '../../../src/oci/platform.js'
import { checkDigest } from '../../../src/policy/rules/digest.js'
import { checkLabels, parseLabelRequirement } from '../../../src/policy/rules/labels.js'
import { checkMaxAge, creationTime } from '../../../src/policy/rules/max-age.js'
import { checkNonRoot, isRootUser } from '../../../src/policy/rules/non-root.js'
import { checkPlatforms, platformSatisfies } from '../../../src/policy/rules/platforms.js'
import { checkRegistries } from '../../../src/policy/rules/registries.js'
import { normalizeHostPattern } from '../../../src/core/glob.js'
import { checkRequireDigest } from '../../../src/policy/rules/require-digest.js'
import { D, subject } from './facts.js'

describe('platforms', () => {
  test.each([
    // [have, want, satisfied]
    ['linux/arm64/v8', 'linux/arm64', true],
    ['linux/arm64', 'linux/arm64/v8', true],
    ['linux/arm/v7', 'linux/arm', true],
    ['linux/arm', 'linux/arm/v7', true],
    ['linux/arm/v6', 'linux/arm', false],
    ['linux/arm/v6', 'linux/arm/v6', true],
    ['linux/amd64/v3', 'linux/amd64', true],
    ['linux/amd64', 'linux/amd64/v3', false],
    ['linux/amd64', 'windows/amd64', false],
    ['linux/s390x', 'linux/amd64', false]
  ])('%s satisfies %s: %s', (have, want, ok) => {
    expect(platformSatisfies(parsePlatform(have), parsePlatform(want))).toBe(ok)
  })

  test('an index missing a platform names what it has', () => {
    const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }, { platform: 'linux/s390x' }])
    expect(checkPlatforms(s, [parsePlatform('linux/amd64'), parsePlatform('linux/arm64')])).toEqual([
      { platform: 'linux/arm64', message: 'linux/arm64 missing: the index has linux/amd64, linux/s390x' }
    ])
  })

  test('every required platform present passes', () => {
    const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }, { platform: 'linux/arm64/v8' }])
    expect(checkPlatforms(s, [parsePlatform('linux/arm64'), parsePlatform('linux/amd64')])).toEqual([])
  })

  test('a single manifest says so', () => {
    const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }])
    expect(checkPlatforms(s, [parsePlatform('linux/arm/v7')])[0]!.message).toBe(
      'linux/arm/v7 missing: the image is a single linux/amd64 manifest'
    )
  })

  test('an index with one platform reports each missing one', () => {
    const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }], { index: true })
    const v = checkPlatforms(s, [parsePlatform('linux/arm64'), parsePlatform('linux/ppc64le')])
    expect(v.map(x => x.platform)).toEqual(['linux/arm64', 'linux/ppc64le'])
    expect(v[0]!.message).toContain('the index has linux/amd64')
  })
})

describe('max-age', () => {
  const limit = { seconds: 30 * 86400, text: '30d' }
  const now = '2026-06-01T00:00:00Z'
  test.each([
    // [created, extra, expected substring or null for pass]
    ['2026-05-20T00:00:00Z', {}, null],
    ['2026-05-02T00:00:01Z', {}, null],
    ['2026-05-01T23:59:59Z', {}, 'older than max-age 30d'],
    ['2020-01-01T00:00:00Z', {}, 'created 2020-01-01T00:00:00.000Z'],
    [undefined, {}, 'age unknown: the config has no created time'],
    ['1970-01-01T00:00:00Z', {}, 'reproducible-build placeholder'],
    ['1980-01-01T00:00:01Z', {}, 'reproducible-build placeholder'],
    ['not a time', {}, 'is not a time'],
    ['1970-01-01T00:00:00Z', { labels: { 'org.opencontainers.image.created': '2026-05-30T00:00:00Z' } }, null],
    [
      '1970-01-01T00:00:00Z',
      { labels: { 'org.opencontainers.image.created': '2019-05-30T00:00:00Z' } },
      'from the config label'
    ],
    ['1970-01-01T00:00:00Z', { annotations: { 'org.opencontainers.image.created': '2026-05-30T00:00:00Z' } }, null],
    ['1970-01-01T00:00:00Z', { labels: { 'org.opencontainers.image.created': '1970-01-01T00:00:00Z' } }, 'age unknown']
  ] as Array<
    [string | undefined, { labels?: Record<string, string>; annotations?: Record<string, string> }, string | null]
  >)('created %s %j → %s', (created, extra, expected) => {
    const s = subject(
      'ghcr.io/acme/app:1',
      [{ platform: 'linux/amd64', ...(created !== undefined ? { created } : {}), ...extra }],
      { now }
    )
    const v = checkMaxAge(s, limit)
    if (expected === null) expect(v).toEqual([])
    else {
      expect(v).toHaveLength(1)
      expect(v[0]!.message).toContain(expected)
      expect(v[0]!.platform).toBe('linux/amd64')
    }
  })

  test('the index annotation is a fallback for every platform', () => {
    const s = subject(
      'ghcr.io/acme/app:1',
      [
        { platform: 'linux/amd64', created: '1970-01-01T00:00:00Z' },
        { platform: 'linux/arm64', created: '1970-01-01T00:00:00Z' }
      ],
      {
        now,
        annotations: { 'org.opencontainers.image.created': '2026-05-31T00:00:00Z' }
      }
    )
    expect(checkMaxAge(s, limit)).toEqual([])
    expect(creationTime(s, s.facts.platforms[0]!)).toEqual({
      at: Date.parse('2026-05-31T00:00:00Z'),
      from: 'the index annotation org.opencontainers.image.created'
    })
  })

  test('each platform is judged on its own', () => {
    const s = subject(
      'ghcr.io/acme/app:1',
      [
        { platform: 'linux/amd64', created: '2026-05-31T00:00:00Z' },
        { platform: 'linux/arm64', created: '2020-01-01T00:00:00Z' }
      ],
      { now }
    )
    expect(checkMaxAge(s, limit).map(v => v.platform)).toEqual(['linux/arm64'])
  })
})

describe('digest and require-digest', () => {
  test('the top-level digest must match', () => {
    expect(checkDigest(subject('ghcr.io/a/b:1', [{}], { digest: D(5) }), D(5))).toEqual([])
    expect(checkDigest(subject('ghcr.io/a/b:1', [{}], { digest: D(5) }), D(6))).toEqual([
      { message: `resolves to ${D(5)}, expected ${D(6)}` }
    ])
  })
  test.each([
    ['ghcr.io/a/b:1', `not pinned by digest: write ghcr.io/a/b:1@${D(1)}`],
    ['alpine', `not pinned by digest: write docker.io/library/alpine:latest@${D(1)}`],
    [`ghcr.io/a/b@${D(1)}`, null],
    [`ghcr.io/a/b:1@${D(1)}`, null]
  ])('%s', (input, expected) => {
    const v = checkRequireDigest(subject(input, [{}]))
    expect(v.map(x => x.message)).toEqual(expected === null ? [] : [expected])
  })
})

describe('registries', () => {
  test.each([
    ['ghcr.io/a/b:1', ['ghcr.io'], true],
    ['ghcr.io/a/b:1', ['GHCR.io'], true],
    ['GHCR.IO/a/b:1', ['ghcr.io'], true],
    ['ghcr.io:443/a/b:1', ['ghcr.io'], true],
    ['ghcr.io/a/b:1', ['ghcr.io:443'], true],
    ['ghcr.io:80/a/b:1', ['ghcr.io'], false],
    ['index.docker.io/a/b', ['docker.io'], true],
    ['registry-1.docker.io/a/b', ['docker.io'], true],
    ['alpine', ['registry.hub.docker.com'], true],
    ['LOCALHOST:5000/x', ['localhost:5000'], true],
    ['LOCALHOST:5000/x', ['localhost:*'], true],
    ['[0::1]:5000/x', ['[::1]:5000'], true],
    ['alpine', ['docker.io'], true],
    ['alpine', ['ghcr.io'], false],
    ['reg.example.com:5000/x', ['*.example.com'], false],
    ['reg.example.com:5000/x', ['*.example.com:*'], true],
    ['reg.example.com/x', ['*.example.com'], true],
    ['[::1]:5000/x', ['[::1]:5000'], true],
    ['localhost:5000/x', ['localhost:*', 'ghcr.io'], true],
    ['quay.io/x/y', ['ghcr.io', 'docker.io'], false]
  ])('%s against %j → %s', (input, allowed, ok) => {
    // As inputs and policy files are read: their host patterns normalized once.
    const v = checkRegistries(subject(input, [{}]), allowed.map(normalizeHostPattern))
    expect(v.length === 0).toBe(ok)
    if (!ok) expect(v[0]!.message).toMatch(/^registry .+ is not allowed \(allowed: /)
  })
})

describe('labels', () => {
  test.each([
    ['KEY', { key: 'KEY' }],
    ['KEY=', { key: 'KEY', glob: '' }],
    [
      'org.opencontainers.image.source=https://github.com/acme/*',
      { key: 'org.opencontainers.image.source', glob: 'https://github.com/acme/*' }
    ],
    ['a=b=c', { key: 'a', glob: 'b=c' }]
  ])('parse %s', (text, expected) => {
    expect(parseLabelRequirement(text)).toEqual(expected)
  })

  const labels = { 'org.opencontainers.image.source': 'https://github.com/acme/api', team: 'core' }
  test.each([
    ['org.opencontainers.image.source', null],
    ['org.opencontainers.image.source=https://github.com/acme/*', null],
    [
      'org.opencontainers.image.source=https://github.com/other/*',
      'label org.opencontainers.image.source is "https://github.com/acme/api", which does not match "https://github.com/other/*"'
    ],
    ['team=core', null],
    ['team=co*', null],
    // a label value is not a path: * matches / too
    ['org.opencontainers.image.source=https://github.com/*', null],
    ['org.opencontainers.image.source=https://*/api', null],
    ['org.opencontainers.image.source=https:/?github.com/acme/api', null],
    ['org.opencontainers.image.source=*', null],
    [
      'org.opencontainers.image.source=https://github.com/*/web',
      'label org.opencontainers.image.source is "https://github.com/acme/api", which does not match "https://github.com/*/web"'
    ],
    [
      'org.opencontainers.image.source=https://gitlab.com/*',
      'label org.opencontainers.image.source is "https://github.com/acme/api", which does not match "https://gitlab.com/*"'
    ],
    ['team=ops', 'label team is "core", which does not match "ops"'],
    ['missing', 'label missing is missing'],
    ['missing=x', 'label missing is missing']
  ])('%s', (req, expected) => {
    const v = checkLabels(subject('ghcr.io/a/b:1', [{ platform: 'linux/amd64', labels }]), [parseLabelRequirement(req)])
    expect(v.map(x => x.message)).toEqual(expected === null ? [] : [expected])
  })
})

describe('non-root', () => {
  test.each([
    ['', true],
    ['root', true],
    ['0', true],
    ['0:0', true],
    ['00', true],
    ['root:wheel', true],
    ['0:1000', true],
    ['1000', false],
    ['1000:0', false],
    ['app', false],
    ['nobody', false],
    ['rootless', false],
    ['10', false]
  ])('user %j is root: %s', (user, root) => {
    expect(isRootUser(user)).toBe(root)
    const v = checkNonRoot(subject('ghcr.io/a/b:1', [{ platform: 'linux/amd64', user }]))
    expect(v.length).toBe(root ? 1 : 0)
  })
  test('the message says what the user is', () => {
    expect(checkNonRoot(subject('ghcr.io/a/b:1', [{ platform: 'linux/amd64', user: '' }]))[0]!.message).toBe(
      'runs as root: the config sets no User'
    )
    expect(checkNonRoot(subject('ghcr.io/a/b:1', [{ platform: 'linux/amd64', user: '0:0' }]))[0]!.message).toBe(
      'runs as root: User is "0:0"'
    )
  })
})
