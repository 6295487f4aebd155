/**
 * OSV's matching and fixed versions, on the real records of __tests__/fixtures/osv/ and, for the evaluation rules a
 * record there does not exercise, on entries written as the OSV schema describes them (`last_affected`, unsorted
 * events, a `versions` list alone).
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { entriesFor, fixedVersion, isAffected, type OsvPackage } from '../../../src/osv/affected.js'
import { parseRecord, type OsvAffected, type OsvRecord } from '../../../src/osv/record.js'
import { FIXTURES } from '../../support/osv-server.js'

const record = (id: string): OsvRecord =>
  parseRecord(JSON.parse(readFileSync(join(FIXTURES, `${id}.json`), 'utf8')) as unknown, id)

const affects = (r: OsvRecord, pkg: OsvPackage, version: string): boolean =>
  entriesFor(r.affected, pkg).some(e => isAffected(e, version))

describe('real records', () => {
  test.each<[string, OsvPackage, string, boolean, string | undefined]>([
    // golang/vulndb: two SEMVER intervals, the second from a pre-release
    ['GO-2023-2102', { ecosystem: 'Go', name: 'stdlib' }, '1.20.9', true, '1.20.10'],
    ['GO-2023-2102', { ecosystem: 'Go', name: 'stdlib' }, '1.20.10', false, undefined],
    ['GO-2023-2102', { ecosystem: 'Go', name: 'stdlib' }, '1.21.0-rc.2', true, '1.21.3'],
    ['GO-2023-2102', { ecosystem: 'Go', name: 'stdlib' }, '1.21.2', true, '1.21.3'],
    ['GO-2023-2102', { ecosystem: 'Go', name: 'stdlib' }, '1.21.3', false, undefined],
    ['GO-2023-2102', { ecosystem: 'Go', name: 'golang.org/x/net' }, '0.16.0', true, '0.17.0'],
    ['GO-2023-2102', { ecosystem: 'Go', name: 'golang.org/x/text' }, '0.1.0', false, undefined],
    // PyPA: a GIT range (not a version order), an ECOSYSTEM range and a versions list
    ['PYSEC-2023-74', { ecosystem: 'PyPI', name: 'requests' }, '2.30.0', true, '2.31.0'],
    ['PYSEC-2023-74', { ecosystem: 'PyPI', name: 'Requests' }, '2.3.0', true, '2.31.0'],
    ['PYSEC-2023-74', { ecosystem: 'PyPI', name: 'requests' }, '2.2.1', false, undefined],
    ['PYSEC-2023-74', { ecosystem: 'PyPI', name: 'requests' }, '2.31.0', false, undefined],
    // GitHub: one record, two packages, each its own range
    ['GHSA-35jh-r3h4-6jhm', { ecosystem: 'npm', name: 'lodash-es' }, '4.17.20', true, '4.17.21'],
    ['GHSA-35jh-r3h4-6jhm', { ecosystem: 'npm', name: 'lodash' }, '4.17.21', false, undefined],
    ['GHSA-35jh-r3h4-6jhm', { ecosystem: 'npm', name: 'Lodash' }, '4.17.20', false, undefined],
    // Debian: the release in the ecosystem; a query of no release covers every release
    ['DSA-3029-1', { ecosystem: 'Debian:7', name: 'nginx' }, '1.2.1-2.2+wheezy2', true, '1.2.1-2.2+wheezy3'],
    ['DSA-3029-1', { ecosystem: 'Debian', name: 'nginx' }, '1.2.1-2.2', true, '1.2.1-2.2+wheezy3'],
    ['DSA-3029-1', { ecosystem: 'Debian:7', name: 'nginx' }, '1.2.1-2.2+wheezy3', false, undefined],
    ['DSA-3029-1', { ecosystem: 'Debian:8', name: 'nginx' }, '1.2.1-2.2', false, undefined]
  ])('%s, %j %s: affected %s, fixed %s', (id, pkg, version, affected, fixed) => {
    const r = record(id)
    expect(affects(r, pkg, version)).toBe(affected)
    if (affected) expect(fixedVersion(r.affected, pkg, version)).toBe(fixed)
  })
})

describe('the schema’s evaluation rules', () => {
  const entry = (events: object[], versions: string[] = [], type = 'ECOSYSTEM'): OsvAffected[] => [
    { ecosystem: 'PyPI', name: 'demo', ranges: events.length ? [{ type, events: events as never }] : [], versions }
  ]
  const pkg = { ecosystem: 'PyPI', name: 'demo' }

  test.each<[string, OsvAffected[], string, boolean, string | undefined]>([
    [
      'last_affected: included, and no fix',
      entry([{ introduced: '1.0' }, { last_affected: '1.2' }]),
      '1.2',
      true,
      undefined
    ],
    [
      'last_affected: after it, not affected',
      entry([{ introduced: '1.0' }, { last_affected: '1.2' }]),
      '1.2.1',
      false,
      undefined
    ],
    ['events in any order', entry([{ fixed: '2.0' }, { introduced: '1.0' }]), '1.5', true, '2.0'],
    ['before introduced', entry([{ introduced: '1.0' }, { fixed: '2.0' }]), '0.9', false, undefined],
    ['introduced and never fixed', entry([{ introduced: '0' }]), '99', true, undefined],
    [
      'the interval holding the version names the fix',
      entry([{ introduced: '0' }, { fixed: '1.1' }, { introduced: '2.0' }, { fixed: '2.3' }]),
      '2.1',
      true,
      '2.3'
    ],
    [
      'between intervals',
      entry([{ introduced: '0' }, { fixed: '1.1' }, { introduced: '2.0' }, { fixed: '2.3' }]),
      '1.5',
      false,
      undefined
    ],
    ['a versions list alone', entry([], ['1.0.1']), '1.0.1', true, undefined],
    [
      'listed, outside the ranges: the first fix after it',
      entry([{ introduced: '2.0' }, { fixed: '2.5' }], ['1.9']),
      '1.9',
      true,
      '2.5'
    ],
    [
      'limit is not an end of the interval',
      entry([{ introduced: '1.0' }, { limit: '1.5' }, { fixed: '2.0' }]),
      '1.7',
      true,
      '2.0'
    ],
    [
      'a GIT range orders no versions',
      entry([{ introduced: '0' }, { fixed: 'abc123' }], [], 'GIT'),
      '1.0',
      false,
      undefined
    ]
  ])('%s', (_, affected, version, isIn, fixed) => {
    expect(affected.some(e => isAffected(e, version))).toBe(isIn)
    expect(fixedVersion(affected, pkg, version)).toBe(fixed)
  })
})
