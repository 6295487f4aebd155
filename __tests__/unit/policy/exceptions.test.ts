import { describe, expect, test } from '@jest/globals'
import {
  covers,
  exceptionFor,
  expired,
  untilEnd,
  untilProblem,
  type PolicyException
} from '../../../src/policy/exceptions.js'
import { parseReferencePattern } from '../../../src/core/glob.js'
import { parseReference } from '../../../src/core/reference.js'

const NOW = new Date('2026-12-07T15:30:00Z')
const ex = (fields: Partial<PolicyException>): PolicyException => ({
  until: '2027-01-31',
  reason: 'r',
  where: 'policy.yml exceptions[0] (line 3)',
  ...fields
})

describe('until', () => {
  test.each<[string, string, string | undefined]>([
    ['tomorrow', '2026-12-08', undefined],
    ['today: applies through the end of the day', '2026-12-07', undefined],
    ['yesterday: expired, but a date (the expiry is a finding, not a load error)', '2026-12-06', undefined],
    ['366 days ahead, the bound', '2027-12-08', undefined],
    ['367 days ahead', '2027-12-09', 'is more than 366 days away'],
    ['ten years ahead', '2036-12-07', 'is more than 366 days away'],
    ['a day that does not exist', '2027-02-30', 'is not a date'],
    ['month 13', '2027-13-01', 'is not a date'],
    ['a time, not a day', '2027-01-31T00:00:00Z', 'is not a date'],
    ['a short year', '27-01-31', 'is not a date'],
    ['empty', '', 'is not a date']
  ])('%s (%s)', (_name, until, problem) => {
    const p = untilProblem(until, NOW)
    if (problem === undefined) expect(p).toBeUndefined()
    else expect(p).toContain(problem)
  })

  test.each<[string, string, boolean]>([
    ['before the day ends', '2026-12-07T23:59:59.999Z', false],
    ['once the day has ended', '2026-12-08T00:00:00.000Z', true],
    ['long before', '2026-01-01T00:00:00Z', false]
  ])('an exception until 2026-12-07, %s: expired %s', (_name, at, isExpired) => {
    expect(expired(ex({ until: '2026-12-07' }), new Date(at))).toBe(isExpired)
  })

  test('the end of the day is its last millisecond, in UTC', () => {
    expect(new Date(untilEnd('2027-01-31')).toISOString()).toBe('2027-01-31T23:59:59.999Z')
  })
})

describe('what an exception covers', () => {
  const app = parseReference('ghcr.io/acme/app:1.2')
  const other = parseReference('ghcr.io/acme/other:1')
  test.each<[string, Partial<PolicyException>, Parameters<typeof covers>[1], boolean]>([
    ['a named rule, every image', { rules: ['max-age'] }, { rule: 'max-age', ref: app }, true],
    ['another rule', { rules: ['max-age'] }, { rule: 'non-root', ref: app }, false],
    [
      'a named rule for a matching image',
      { rules: ['max-age'], images: [parseReferencePattern('ghcr.io/acme/app')] },
      { rule: 'max-age', ref: app },
      true
    ],
    [
      'a named rule for another image',
      { rules: ['max-age'], images: [parseReferencePattern('ghcr.io/acme/app')] },
      { rule: 'max-age', ref: other },
      false
    ],
    [
      'images only, no rule or id: covers nothing',
      { images: [parseReferencePattern('**')] },
      { rule: 'max-age', ref: app },
      false
    ],
    [
      'an id, matched on an alias, any case',
      { ids: ['ghsa-xxxx-yyyy-zzzz'] },
      { rule: 'vulnerabilities', ref: app, ids: ['CVE-2024-1', 'GHSA-xxxx-yyyy-zzzz'] },
      true
    ],
    [
      'an id the finding is not known by',
      { ids: ['CVE-2024-2'] },
      { rule: 'vulnerabilities', ref: app, ids: ['CVE-2024-1'] },
      false
    ],
    [
      'an image pattern, and a finding with no parsed reference',
      { rules: ['inspect'], images: [parseReferencePattern('**')] },
      { rule: 'inspect', ref: undefined },
      false
    ]
  ])('%s', (_name, fields, finding, expected) => {
    expect(covers(ex(fields), finding)).toBe(expected)
  })

  test('the first unexpired exception that covers a finding applies; an expired one never does', () => {
    const old = ex({ rules: ['max-age'], until: '2026-12-01', reason: 'old' })
    const live = ex({ rules: ['max-age'], until: '2027-01-31', reason: 'live' })
    expect(exceptionFor([old, live], { rule: 'max-age', ref: app }, NOW)?.reason).toBe('live')
    expect(exceptionFor([old], { rule: 'max-age', ref: app }, NOW)).toBeUndefined()
  })
})
