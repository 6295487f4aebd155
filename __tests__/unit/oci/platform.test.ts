import { describe, expect, test } from '@jest/globals'
import type { Platform } from '../../../src/oci/platform.js'
import {
  formatPlatform,
  isAttestationPlatform,
  normalizePlatform,
  parsePlatform,
  samePlatform
} from '../../../src/oci/platform.js'

const P = (os: string, architecture: string, variant?: string): Platform =>
  variant === undefined ? { os, architecture } : { os, architecture, variant }

describe('parsePlatform', () => {
  test.each<[string, Platform]>([
    ['linux/amd64', P('linux', 'amd64')],
    ['linux/arm64', P('linux', 'arm64', 'v8')],
    ['linux/arm64/v8', P('linux', 'arm64', 'v8')],
    ['linux/arm64/8', P('linux', 'arm64', 'v8')],
    ['linux/aarch64', P('linux', 'arm64', 'v8')],
    ['linux/arm', P('linux', 'arm', 'v7')],
    ['linux/arm/v7', P('linux', 'arm', 'v7')],
    ['linux/arm/7', P('linux', 'arm', 'v7')],
    ['linux/arm/v6', P('linux', 'arm', 'v6')],
    ['linux/arm/v5', P('linux', 'arm', 'v5')],
    ['linux/x86_64', P('linux', 'amd64')],
    ['linux/386', P('linux', '386')],
    ['linux/s390x', P('linux', 's390x')],
    ['linux/ppc64le', P('linux', 'ppc64le')],
    ['linux/riscv64', P('linux', 'riscv64')],
    ['windows/amd64', P('windows', 'amd64')],
    ['LINUX/AMD64', P('linux', 'amd64')],
    ['Linux/ARM64/V8', P('linux', 'arm64', 'v8')],
    ['Linux/Arm/V6', P('linux', 'arm', 'v6')],
    ['  linux/amd64  ', P('linux', 'amd64')],
    ['unknown/unknown', P('unknown', 'unknown')]
  ])('%j → %j', (text, expected) => {
    expect(parsePlatform(text)).toEqual(expected)
  })

  test.each([
    '',
    'linux',
    'linux/',
    '/amd64',
    '/',
    'a/b/c/d',
    'linux//v7',
    'linux/amd 64',
    'linux/amd64/',
    'linux/-amd64',
    'linux/amd64,linux/arm64'
  ])('%j is rejected with a hint', text => {
    expect(() => parsePlatform(text)).toThrow(`"${text}" is not a platform`)
    expect(() => parsePlatform(text)).toThrow('os/arch')
  })
})

describe('normalizePlatform', () => {
  test.each<[Platform, Platform]>([
    [P('linux', 'arm64'), P('linux', 'arm64', 'v8')],
    [P('linux', 'arm64', ''), P('linux', 'arm64', 'v8')],
    [P('linux', 'arm64', 'V8'), P('linux', 'arm64', 'v8')],
    [P('linux', 'aarch64'), P('linux', 'arm64', 'v8')],
    [P('linux', 'arm'), P('linux', 'arm', 'v7')],
    [P('linux', 'arm', '6'), P('linux', 'arm', 'v6')],
    [P('Linux', 'AMD64'), P('linux', 'amd64')],
    [P('linux', 'x86_64'), P('linux', 'amd64')],
    [P('linux', 'amd64'), P('linux', 'amd64')]
  ])('%j → %j', (input, expected) => {
    expect(normalizePlatform(input)).toEqual(expected)
  })

  test('is idempotent', () => {
    for (const p of [P('linux', 'arm64'), P('linux', 'arm'), P('LINUX', 'aarch64'), P('linux', 'arm', '6')]) {
      expect(normalizePlatform(normalizePlatform(p))).toEqual(normalizePlatform(p))
    }
  })
})

describe('formatPlatform', () => {
  test.each([
    ['linux/amd64', 'linux/amd64'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm/v6', 'linux/arm/v6'],
    ['windows/amd64', 'windows/amd64']
  ])('%s → %s', (text, expected) => {
    const formatted = formatPlatform(parsePlatform(text))
    expect(formatted).toBe(expected)
    expect(parsePlatform(formatted)).toEqual(parsePlatform(text))
  })
})

describe('samePlatform', () => {
  test.each<[Platform, Platform, boolean]>([
    [P('linux', 'arm64'), P('linux', 'arm64', 'v8'), true],
    [P('linux', 'aarch64'), P('linux', 'arm64', 'v8'), true],
    [P('linux', 'arm'), P('linux', 'arm', 'v7'), true],
    [P('linux', 'arm', '7'), P('linux', 'arm', 'v7'), true],
    [P('LINUX', 'AMD64'), P('linux', 'amd64'), true],
    [P('linux', 'arm', 'v6'), P('linux', 'arm', 'v7'), false],
    [P('linux', 'arm'), P('linux', 'arm', 'v6'), false],
    [P('linux', 'arm64', 'v9'), P('linux', 'arm64', 'v8'), false],
    [P('linux', 'amd64'), P('linux', 'arm64'), false],
    [P('linux', 'amd64'), P('windows', 'amd64'), false],
    [P('linux', 'arm64'), P('linux', 'arm'), false]
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(samePlatform(a, b)).toBe(expected)
    expect(samePlatform(b, a)).toBe(expected)
  })
})

describe('isAttestationPlatform', () => {
  test.each<[Platform | undefined, boolean]>([
    [P('unknown', 'unknown'), true],
    [undefined, false],
    [P('linux', 'amd64'), false],
    [P('unknown', 'amd64'), false],
    [P('linux', 'unknown'), false]
  ])('%j → %s', (p, expected) => {
    expect(isAttestationPlatform(p)).toBe(expected)
  })
})

/**
 * containerd/platforms database.go (normalizeOS, normalizeArch) and platforms_test.go (TestParseSelector: each
 * input, its normalized form, and the platforms it matches), ported as data. Where image-gate differs on purpose:
 * a platform is always os/arch[/variant] (containerd also takes a bare "arm64" or "linux" and fills in the
 * machine's own, which would make a policy depend on the runner); OS versions and features ("windows(10.0.17763)")
 * are not taken; arm64 without a variant is held as v8 and written without it.
 */
describe('containerd/platforms database.go normalizeArch', () => {
  test.each<[arch: string, variant: string, normalized: string]>([
    ['i386', '', 'linux/386'],
    ['i386', 'v1', 'linux/386'],
    ['x86_64', '', 'linux/amd64'],
    ['x86-64', '', 'linux/amd64'],
    ['amd64', 'v1', 'linux/amd64'],
    ['amd64', 'v2', 'linux/amd64/v2'],
    ['amd64', 'v3', 'linux/amd64/v3'],
    ['aarch64', '', 'linux/arm64'],
    ['arm64', '8', 'linux/arm64'],
    ['arm64', 'v8', 'linux/arm64'],
    ['arm64', 'v8.0', 'linux/arm64'],
    ['arm64', '9', 'linux/arm64/v9'],
    ['arm64', '9.0', 'linux/arm64/v9'],
    ['arm64', 'v9.0', 'linux/arm64/v9'],
    ['arm64', 'v9', 'linux/arm64/v9'],
    ['armhf', '', 'linux/arm/v7'],
    ['armhf', 'v6', 'linux/arm/v7'],
    ['armel', '', 'linux/arm/v6'],
    ['armel', 'v7', 'linux/arm/v6'],
    ['arm', '', 'linux/arm/v7'],
    ['arm', '7', 'linux/arm/v7'],
    ['arm', '5', 'linux/arm/v5'],
    ['arm', '6', 'linux/arm/v6'],
    ['arm', '8', 'linux/arm/v8'],
    ['ARM', 'V6', 'linux/arm/v6']
  ])('%s %s → %s', (arch, variant, normalized) => {
    expect(formatPlatform(normalizePlatform(variant ? P('linux', arch, variant) : P('linux', arch)))).toBe(normalized)
  })

  test.each([
    ['macos', 'darwin'],
    ['MacOS', 'darwin'],
    ['Linux', 'linux'],
    ['windows', 'windows']
  ])('os %s → %s', (os, normalized) => {
    expect(normalizePlatform(P(os, 'amd64')).os).toBe(normalized)
  })
})

describe('containerd/platforms platforms_test.go TestParseSelector', () => {
  test.each<[input: string, formatted: string, matches: string[]]>([
    ['linux/arm64', 'linux/arm64', ['linux/aarch64', 'linux/aarch64/v8', 'linux/arm64/v8']],
    ['linux/arm64/v8', 'linux/arm64', ['linux/aarch64', 'linux/aarch64/v8', 'linux/arm64']],
    ['linux/arm', 'linux/arm/v7', ['linux/arm/v7', 'linux/armhf', 'linux/arm/7']],
    ['linux/arm/v6', 'linux/arm/v6', ['linux/armel']],
    ['linux/arm/v7', 'linux/arm/v7', ['linux/arm', 'linux/armhf']],
    ['Linux/x86_64', 'linux/amd64', []],
    ['linux/s390x', 'linux/s390x', []],
    ['macOS/arm64', 'darwin/arm64', []],
    ['linux/i386', 'linux/386', []]
  ])('%s → %s', (input, formatted, matches) => {
    const p = parsePlatform(input)
    expect(formatPlatform(p)).toBe(formatted)
    for (const m of matches) expect([m, samePlatform(p, parsePlatform(m))]).toEqual([m, true])
  })

  test.each(['arm', 'armel', 'Aarch64', 'x86_64', 'linux', 'windows', 'windows(10.0.17763)', 'linux(+gpu)'])(
    '%j: os/arch is required (a difference kept on purpose)',
    input => {
      expect(() => parsePlatform(input)).toThrow('os/arch')
    }
  )
})
