/**
 * Severity from OSV records. Scores are those FIRST publishes for its example vulnerabilities: "CVSS v3.1
 * Examples" (first.org/cvss/v3.1/examples; the same vectors score the same under 3.0) and "CVSS v4.0 Examples"
 * (first.org/cvss/v4.0/examples). The library computes them; these rows hold it, and our use of it, to FIRST's.
 */
import { describe, expect, test } from '@jest/globals'
import type { Severity } from '../../../src/model/content.js'
import { compareSeverity, cvssScore, recordSeverity, severityOfScore } from '../../../src/osv/severity.js'
import { parseRecord } from '../../../src/osv/record.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FIXTURES } from '../../support/osv-server.js'

describe('CVSS v3.1: FIRST examples', () => {
  test.each<[string, string, number, Severity]>([
    ['CVE-2013-1937 phpMyAdmin reflected XSS', 'AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'],
    ['CVE-2013-0375 MySQL stored SQL injection', 'AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4, 'medium'],
    ['CVE-2014-3566 SSLv3 POODLE', 'AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1, 'low'],
    ['CVE-2012-1516 VMware guest to host escape', 'AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9, 'critical'],
    ['CVE-2009-0783 Apache Tomcat XML parser', 'AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L', 4.2, 'medium'],
    ['CVE-2012-0384 Cisco IOS command injection', 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8, 'high'],
    ['CVE-2015-1098 iWork denial of service', 'AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8, 'high'],
    ['CVE-2014-0160 OpenSSL Heartbleed', 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, 'high'],
    ['CVE-2014-6271 GNU Bash Shellshock', 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
    ['CVE-2008-1447 DNS Kaminsky bug', 'AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N', 6.8, 'medium'],
    ['CVE-2014-2005 Sophos login screen bypass', 'AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8, 'medium'],
    ['CVE-2010-0467 Joomla directory traversal', 'AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N', 5.8, 'medium'],
    ['CVE-2013-6014 Juniper proxy ARP', 'AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H', 9.3, 'critical']
  ])('%s', (_, vector, score, severity) => {
    expect(cvssScore(`CVSS:3.1/${vector}`)).toBe(score)
    expect(cvssScore(`CVSS:3.0/${vector}`)).toBe(score)
    expect(severityOfScore(score)).toBe(severity)
  })
})

describe('CVSS v4.0', () => {
  test.each<[string, string, number]>([
    ['CVE-2022-41741 nginx mp4 module (FIRST example)', 'AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5],
    ['CVE-2014-0160 Heartbleed (FIRST example)', 'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N', 8.7],
    ['every impact high, nothing required: the top', 'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10]
  ])('CVSS-B: %s', (_, vector, score) => {
    expect(cvssScore(`CVSS:4.0/${vector}`)).toBe(score)
  })

  const base = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'
  test('threat metrics: the score is CVSS-BT, as written', () => {
    const b = cvssScore(base)!
    expect(b).toBe(9.3)
    // Exploitation attacked (E:A) is the base score's assumption; proof of concept and unreported lower it.
    expect(cvssScore(`${base}/E:A`)).toBe(b)
    expect(cvssScore(`${base}/E:P`)).toBeLessThan(b)
    expect(cvssScore(`${base}/E:U`)).toBeLessThan(cvssScore(`${base}/E:P`)!)
  })

  test('environmental metrics are the consumer’s, not the record’s: not counted', () => {
    expect(cvssScore(`${base}/E:U/MAV:P`)).toBe(cvssScore(`${base}/E:U`))
    expect(cvssScore(`${base}/CR:L/IR:L/AR:L`)).toBe(9.3)
  })
})

test.each<[string, string]>([
  ['a partial vector (the library would score it 0)', 'CVSS:3.1/AV:N'],
  ['a base metric not given (X)', 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
  ['a metric given twice', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L'],
  ['a value that does not exist', 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
  ['a metric that does not exist', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1'],
  ['a CVSS 4.0 vector without SA', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N'],
  ['CVSS 2', 'AV:N/AC:L/Au:N/C:P/I:P/A:P'],
  ['a bare number', '9.8'],
  ['nothing', '']
])('not a score: %s', (_, vector) => {
  expect(cvssScore(vector)).toBeUndefined()
})

test.each<[number, Severity | undefined]>([
  [10, 'critical'],
  [9, 'critical'],
  [8.9, 'high'],
  [7, 'high'],
  [6.9, 'medium'],
  [4, 'medium'],
  [3.9, 'low'],
  [0.1, 'low'],
  [0, undefined]
])('a score of %d is %s', (score, severity) => {
  expect(severityOfScore(score)).toBe(severity)
})

describe('recordSeverity', () => {
  const v3 = (score: string) => ({ type: 'CVSS_V3', score })
  test.each<[string, Parameters<typeof recordSeverity>[0], ReturnType<typeof recordSeverity>]>([
    [
      'the highest of CVSS_V3 and CVSS_V4',
      {
        severity: [
          v3('CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N'),
          { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N' }
        ],
        databaseSeverity: 'LOW'
      },
      {
        severity: 'high',
        score: 8.7,
        vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N'
      }
    ],
    [
      'CVSS_V2 is not read',
      { severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:C/I:C/A:C' }] },
      { severity: 'unknown' }
    ],
    [
      "GitHub's word when no vector scores: MODERATE",
      { severity: [v3('CVSS:3.1/AV:N')], databaseSeverity: 'MODERATE' },
      { severity: 'medium' }
    ],
    ["GitHub's CRITICAL", { severity: [], databaseSeverity: 'CRITICAL' }, { severity: 'critical' }],
    [
      'a vector that scores 0 gives no severity',
      { severity: [v3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')], databaseSeverity: 'LOW' },
      { severity: 'low' }
    ],
    ['a word that is not a severity', { severity: [], databaseSeverity: 'important' }, { severity: 'unknown' }],
    ['nothing', { severity: [] }, { severity: 'unknown' }]
  ])('%s', (_, record, expected) => {
    expect(recordSeverity(record)).toEqual(expected)
  })
})

describe("a distribution's records: Ubuntu's severity word, and the CVE it is upstream of", () => {
  // UBUNTU-CVE-… records give no CVSS vector and no database_specific: their severity entry is of type `Ubuntu`, a
  // word. Read as unknown, every Ubuntu vulnerability failed only `any`: an image full of them passed `high`.
  const record = parseRecord(
    JSON.parse(readFileSync(join(FIXTURES, 'UBUNTU-CVE-2025-38094.json'), 'utf8')) as unknown,
    'UBUNTU-CVE-2025-38094'
  )
  test('the real record: medium, and known by its upstream CVE too', () => {
    expect(recordSeverity(record)).toEqual({ severity: 'medium' })
    expect(record.aliases).toEqual(['CVE-2025-38094'])
  })
  test.each<[string, string[], string[]]>([
    ['one upstream CVE: an alias', ['CVE-2024-1'], ['CVE-2024-1']],
    // A Debian advisory (DSA, DLA) lists every CVE it fixes: read as aliases, VEX for one would reach all of them.
    ['several: none is an alias', ['CVE-2024-1', 'CVE-2024-2'], []],
    ['what is no id is left out', ['not an id'], []]
  ])('upstream: %s', (_n, upstream, aliases) => {
    expect(parseRecord({ id: 'DSA-5764-1', upstream, affected: [] }, 'DSA-5764-1').aliases).toEqual(aliases)
  })
  test.each<[string, string, string]>([
    ['negligible', 'negligible', 'low'],
    ['low', 'low', 'low'],
    ['medium', 'medium', 'medium'],
    ['high', 'high', 'high'],
    ['critical', 'critical', 'critical'],
    ['a word it does not use', 'untriaged', 'unknown']
  ])('Ubuntu %s', (_n, word, expected) => {
    expect(recordSeverity({ severity: [{ type: 'Ubuntu', score: word }] }).severity).toBe(expected)
  })
  test('a CVSS vector still wins over the word', () => {
    expect(
      recordSeverity({
        severity: [
          { type: 'Ubuntu', score: 'low' },
          { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }
        ]
      }).severity
    ).toBe('critical')
  })
})

test('severities in order', () => {
  const order: Severity[] = ['unknown', 'low', 'medium', 'high', 'critical']
  for (let i = 1; i < order.length; i++) expect(compareSeverity(order[i]!, order[i - 1]!)).toBeGreaterThan(0)
})
