/**
 * Version orders, each from its ecosystem's own examples: SemVer 2.0's precedence list (semver.org, §11), PEP 440's
 * ordering example ("Summary of permitted suffixes and relative ordering"), and the orderings google/osv.dev's
 * tests hold for Debian and Alpine (`osv/ecosystems/debian_test.py`, `alpine_test.py`).
 */
import { describe, expect, test } from '@jest/globals'
import {
  compareApk,
  compareDpkg,
  compareGeneric,
  comparePep440,
  compareSemver,
  comparatorFor,
  type Compare
} from '../../../src/osv/versions.js'

/** Every version sorts after the one before it, and equal to itself. */
function ascending(compare: Compare, versions: string[]): void {
  for (let i = 1; i < versions.length; i++) {
    expect([versions[i - 1], Math.sign(compare(versions[i - 1]!, versions[i]!))]).toEqual([versions[i - 1], -1])
    expect([versions[i], Math.sign(compare(versions[i]!, versions[i - 1]!))]).toEqual([versions[i], 1])
    expect(compare(versions[i]!, versions[i]!)).toBe(0)
  }
}

describe('SemVer 2.0', () => {
  test('semver.org §11: precedence', () => {
    ascending(compareSemver, [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '2.1.0',
      '2.1.1'
    ])
  })

  test.each<[string, string, number]>([
    ['1.21.0-0', '1.21.0-rc.1', -1], // Go's vulndb writes `introduced: 1.21.0-0` for the first pre-release
    ['v1.2.3', '1.2.3', 0],
    ['1.0.0+build.5', '1.0.0', 0],
    ['1.21', '1.21.0', 0],
    ['1.0.99999999999999999999', '1.0.9999999999999999999', 1],
    ['1.10.0', '1.9.0', 1]
  ])('%s vs %s: %i', (a, b, c) => {
    expect(Math.sign(compareSemver(a, b))).toBe(c)
  })
})

describe('PEP 440', () => {
  test("the specification's ordering example", () => {
    ascending(comparePep440, [
      '1.dev0',
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1'
    ])
  })

  test.each<[string, string, number]>([
    ['1.0', '1.0.0', 0],
    ['1.0RC1', '1.0rc1', 0],
    ['1.0-1', '1.0.post1', 0],
    ['1.0alpha1', '1.0a1', 0],
    ['1!0.1', '2.0', 1],
    ['2.31.0', '2.30.0', 1],
    ['2.10.0', '2.9.2', 1]
  ])('%s vs %s: %i', (a, b, c) => {
    expect(Math.sign(comparePep440(a, b))).toBe(c)
  })
})

describe('dpkg (Debian)', () => {
  test.each<[string, string]>([
    // google/osv.dev osv/ecosystems/debian_test.py
    ['1.13.6-2', '1.13.6-1'],
    ['1.2.3', '1.2'],
    ['1.3', '1.2-3'],
    ['1.3+deb11u1', '1.2+deb11u5'],
    ['1.2+deb12u1', '1.2+deb11u2'],
    ['1.18+deb11u3', '1.14+deb10u3'],
    ['1.18+deb10', '1.14+deb11'],
    // Debian Policy 5.6.12: the epoch first, and `~` before anything, even the end
    ['1:0.9', '2.0'],
    ['1.0', '1.0~rc1'],
    ['3.0.11-1', '3.0.11-1~deb12u2'],
    ['1.2.1-2.2+wheezy3', '1.2.1-2.2+wheezy2']
  ])('%s > %s', (a, b) => {
    expect(Math.sign(compareDpkg(a, b))).toBe(1)
    expect(Math.sign(compareDpkg(b, a))).toBe(-1)
  })

  test('equal', () => {
    expect(compareDpkg('0:1.2-1', '1.2-1')).toBe(0)
    expect(compareDpkg('1.02-1', '1.2-1')).toBe(0)
  })
})

describe('apk (Alpine)', () => {
  test.each<[string, string]>([
    // google/osv.dev osv/ecosystems/alpine_test.py
    ['1.9.5p3', '1.9.5p2'],
    ['1.9.5p1', '1.9.5'],
    ['1.13.2-r0', '1.13.2_alpha'],
    ['0.0.0_alpha-r0', '0'],
    ['38.52.0-r0', '37.52.0-r0'],
    ['453-r1', '453'],
    ['5.4.13-r1', '0'],
    ['1.4.0-r1', '1.4.0-r0'],
    ['13.0.14.5-r1', '7.64.3-r2'],
    ['16.6-r0', '13.0.14.5-r1'],
    ['1.10.0-r0', '1.2.0-r0'],
    // apk's suffix order: pre-releases before the release, `_p` after it
    ['3.1.4-r0', '3.1.4_rc1-r0'],
    ['1.2.3_p1', '1.2.3'],
    ['1.2.3_rc1', '1.2.3_beta2']
  ])('%s > %s', (a, b) => {
    expect(Math.sign(compareApk(a, b))).toBe(1)
    expect(Math.sign(compareApk(b, a))).toBe(-1)
  })
})

test('generic: digit runs by value', () => {
  ascending(compareGeneric, ['1.2', '1.2.1', '1.9', '1.10', '1.10a', '2'])
})

test.each<[string, string, Compare | undefined]>([
  ['SEMVER', 'Go', compareSemver],
  ['ECOSYSTEM', 'npm', compareSemver],
  ['ECOSYSTEM', 'Go', compareSemver],
  ['ECOSYSTEM', 'PyPI', comparePep440],
  ['ECOSYSTEM', 'Debian:12', compareDpkg],
  ['ECOSYSTEM', 'Ubuntu:22.04:LTS', compareDpkg],
  ['ECOSYSTEM', 'Alpine:v3.18', compareApk],
  ['ECOSYSTEM', 'Maven', compareGeneric],
  ['GIT', 'PyPI', undefined]
])('a %s range in %s', (type, ecosystem, compare) => {
  expect(comparatorFor(type, ecosystem)).toBe(compare)
})
