import { beforeAll, describe, expect, test } from '@jest/globals'
import { subject } from './facts.js'
import { checkVulnerabilities, reaches } from '../../../src/policy/rules/vulnerabilities.js'
import { distinctVulnerabilities } from '../../../src/policy/vulnerability-records.js'
import { applyExceptions, type PolicyException } from '../../../src/policy/exceptions.js'
import { evaluateImage } from '../../../src/policy/evaluate.js'
import { parsePolicyDocument } from '../../../src/policy/loader.js'
import type { FailOn, RuleSet, Subject, VulnerabilityRequirement } from '../../../src/policy/types.js'
import type { PlatformContent, VulnerabilityFact, VulnerabilityReportFacts } from '../../../src/model/content.js'
import { loadAllChecks } from '../../../src/policy/rules/table.js'

// The checks some rules use are loaded with import() before evaluation, as a run loads them.
beforeAll(loadAllChecks)

const NOW = '2026-06-01T00:00:00Z'
const SBOM: PlatformContent['sbom'] = {
  format: 'spdx',
  formatVersion: 'SPDX-2.3',
  source: 'in-index',
  signed: false,
  manifest: 'sha256:' + 'a'.repeat(64),
  packages: [{ name: 'openssl', version: '3.0.1', purl: 'pkg:apk/alpine/openssl@3.0.1' }]
}

const vuln = (id: string, fields: Partial<VulnerabilityFact> = {}): VulnerabilityFact => ({
  id,
  aliases: [],
  severity: 'high',
  package: { name: 'openssl', version: '3.0.1', purl: 'pkg:apk/alpine/openssl@3.0.1' },
  source: 'osv',
  ...fields
})

const req = (failOn: FailOn, more: Partial<VulnerabilityRequirement> = {}): VulnerabilityRequirement => ({
  failOn,
  fixableOnly: false,
  maxReportAge: { seconds: 7 * 86_400, text: '7d' },
  ignore: [],
  ...more
})

/** One linux/amd64 platform with this content. */
/** One linux/amd64 platform with this content; a signer is set (trust was looked for) unless `signers` is false. */
function withContent(content: PlatformContent | undefined, signers = true): Subject {
  const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }], { now: NOW })
  if (content) s.facts.platforms[0]!.content = content
  if (signers)
    s.facts.trust = { top: { digest: s.facts.digest, looked: [], signatures: [] }, platforms: [], claims: [] }
  return s
}
const NO_SBOM = `no SBOM found for linux/amd64 (${'sha256:' + (100).toString(16).padStart(64, '0')}) (looked in the index's attestation manifests and in the attestations of the platform and the index)`
const osv = (found: VulnerabilityFact[]): PlatformContent => ({ sbom: SBOM, vulnerabilities: { found, queried: true } })
const messages = (s: Subject, r: VulnerabilityRequirement): string[] => checkVulnerabilities(s, r).map(v => v.message)

describe('thresholds', () => {
  test.each<[string, FailOn, boolean]>([
    ['critical', 'critical', true],
    ['high', 'critical', false],
    ['high', 'high', true],
    ['medium', 'high', false],
    ['low', 'low', true],
    ['low', 'medium', false],
    ['unknown', 'low', false],
    ['unknown', 'any', true],
    ['low', 'any', true]
  ])('%s fails at fail-on %s: %p', (severity, failOn, fails) => {
    expect(reaches(severity as never, failOn)).toBe(fails)
    const s = withContent(osv([vuln('CVE-2024-1', { severity: severity as never })]))
    expect(messages(s, req(failOn))).toHaveLength(fails ? 1 : 0)
  })
})

describe('one finding per distinct vulnerability', () => {
  test('a CVE and its GHSA and distribution records are one, with the highest severity and score, every package named', () => {
    const s = withContent(
      osv([
        vuln('GHSA-aaaa-bbbb-cccc', { aliases: ['CVE-2024-1'], severity: 'medium', score: 5.5, fixed: '3.0.2' }),
        vuln('DEBIAN-CVE-2024-1', { aliases: ['CVE-2024-1'], severity: 'critical', score: 9.8 }),
        vuln('CVE-2024-1', {
          severity: 'high',
          package: { name: 'libssl3', version: '3.0.1', purl: 'pkg:apk/alpine/libssl3@3.0.1' },
          fixed: '3.0.2'
        })
      ])
    )
    const v = checkVulnerabilities(s, req('critical'))
    expect(v).toHaveLength(1)
    expect(v[0]!.platform).toBe('linux/amd64')
    expect(v[0]!.message).toBe(
      'CVE-2024-1 (GHSA-aaaa-bbbb-cccc, DEBIAN-CVE-2024-1) in openssl@3.0.1, libssl3@3.0.1: critical 9.8, fixed in 3.0.2'
    )
    // The ids an exception may name it by: those every record names (the CVE record names neither other id).
    expect(v[0]!.ids).toEqual(['CVE-2024-1'])
  })

  test('aliases chain: A~B and B~C are one', () => {
    const groups = distinctVulnerabilities([vuln('A', { aliases: ['B'] }), vuln('C', { aliases: ['B'] }), vuln('D')])
    expect(groups.map(g => [g.id, ...g.aliases].sort().join(','))).toEqual(['A,B,C', 'D'])
  })

  // Cases and ids of real OSV records (GitHub, PyPA, Go and Debian advisories of CVE-2023-32681 and CVE-2023-39325).
  test('GitHub and PyPA records of one CVE: one, its highest severity and score, the CVE as its id', () => {
    const [g, ...rest] = distinctVulnerabilities([
      vuln('PYSEC-2023-74', { aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'], severity: 'unknown' }),
      vuln('GHSA-j8r2-6x86-q33q', { aliases: ['CVE-2023-32681'], severity: 'medium', score: 6.1 })
    ])
    expect(rest).toEqual([])
    expect(g).toMatchObject({ id: 'CVE-2023-32681', severity: 'medium', score: 6.1 })
    expect(g!.aliases.sort()).toEqual(['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74'])
    expect(g!.records).toHaveLength(2)
  })

  test('names shared through a third record are one (transitively), the highest score kept', () => {
    const groups = distinctVulnerabilities([
      vuln('GO-2023-2102', { aliases: ['GHSA-4374-p667-p6c8'], severity: 'unknown' }),
      vuln('DEBIAN-CVE-2023-39325', { aliases: ['CVE-2023-39325'], severity: 'low' }),
      vuln('GHSA-4374-p667-p6c8', { aliases: ['CVE-2023-39325'], severity: 'high', score: 7.5 })
    ])
    expect(groups).toHaveLength(1)
    expect(groups[0]).toMatchObject({ id: 'CVE-2023-39325', severity: 'high', score: 7.5 })
    expect(groups[0]!.aliases.sort()).toEqual(['DEBIAN-CVE-2023-39325', 'GHSA-4374-p667-p6c8', 'GO-2023-2102'])
  })

  test('unrelated records stay apart, the most severe first, then by id', () => {
    const groups = distinctVulnerabilities([
      vuln('GHSA-aaaa', { severity: 'low' }),
      vuln('GHSA-bbbb', { severity: 'critical' }),
      vuln('GHSA-cccc', { severity: 'unknown' }),
      vuln('GHSA-dddd', { severity: 'critical' })
    ])
    expect(groups.map(g => g.id)).toEqual(['GHSA-bbbb', 'GHSA-dddd', 'GHSA-aaaa', 'GHSA-cccc'])
    expect(distinctVulnerabilities([])).toEqual([])
  })

  test('a database that answers 150,000 records of one vulnerability, or a chain of aliases as long: one each', () => {
    const same = Array.from({ length: 150_000 }, (_, i) => vuln('CVE-2024-7', { score: i === 9 ? 9.9 : 1 }))
    const [one, ...none] = distinctVulnerabilities(same)
    expect(none).toEqual([])
    expect(one).toMatchObject({ id: 'CVE-2024-7', score: 9.9 })
    expect(one!.records).toHaveLength(150_000)
    const chain = Array.from({ length: 150_000 }, (_, i) => vuln(`X-${i}`, { aliases: [`X-${i + 1}`] }))
    expect(distinctVulnerabilities(chain)).toHaveLength(1)
  })

  test('in many packages: five are named, and how many more', () => {
    const found = Array.from({ length: 8 }, (_, i) => vuln('CVE-9', { package: { name: `mod${i}`, version: '1' } }))
    expect(messages(withContent(osv(found)), req('high'))).toEqual([
      'CVE-9 in mod0@1, mod1@1, mod2@1, mod3@1, mod4@1, 3 more: high, no fixed version'
    ])
  })

  test('no fixed version: says so', () => {
    expect(messages(withContent(osv([vuln('CVE-2024-2')])), req('high'))).toEqual([
      'CVE-2024-2 in openssl@3.0.1: high, no fixed version'
    ])
  })
})

describe('fixable-only', () => {
  test.each<[string, VulnerabilityFact[], number]>([
    ['a fixed version fails', [vuln('CVE-1', { fixed: '3.0.2' })], 1],
    ['no fixed version passes', [vuln('CVE-1')], 0],
    ['one of its packages fixed fails', [vuln('CVE-1'), vuln('GHSA-1', { aliases: ['CVE-1'], fixed: '2' })], 1]
  ])('%s', (_n, found, n) => {
    expect(messages(withContent(osv(found)), req('high', { fixableOnly: true }))).toHaveLength(n)
  })
})

describe('VEX suppression', () => {
  const suppressed = { document: 'vex.json', status: 'not_affected' as const, justification: 'component_not_present' }
  test('every record suppressed: no finding', () => {
    expect(messages(withContent(osv([vuln('CVE-1', { suppressedBy: suppressed })])), req('any'))).toEqual([])
  })
  test('suppressed in one package, not in another: the finding names only the other', () => {
    const found = [
      vuln('CVE-1', { suppressedBy: suppressed, severity: 'critical' }),
      vuln('CVE-1', { package: { name: 'libssl3', version: '3.0.1' }, severity: 'high' })
    ]
    expect(messages(withContent(osv(found)), req('high'))).toEqual(['CVE-1 in libssl3@3.0.1: high, no fixed version'])
    // The suppressed package's critical severity no longer counts.
    expect(messages(withContent(osv(found)), req('critical'))).toEqual([])
  })
  // Go's record of CVE-2023-39325 also names CVE-2023-44487 (OSV's GO-2023-2102): a VEX statement on CVE-2023-44487
  // suppresses that record, never GitHub's record, which names only CVE-2023-39325.
  test("a statement on one CVE does not suppress another CVE's record that a third record links it to", () => {
    const found = [
      vuln('GO-2023-2102', {
        aliases: ['CVE-2023-39325', 'CVE-2023-44487', 'GHSA-4374-p667-p6c8'],
        severity: 'unknown',
        suppressedBy: suppressed
      }),
      vuln('GHSA-4374-p667-p6c8', { aliases: ['CVE-2023-39325'], severity: 'high', score: 7.5 })
    ]
    expect(messages(withContent(osv(found)), req('high'))).toEqual([
      'CVE-2023-39325 (GO-2023-2102, CVE-2023-44487, GHSA-4374-p667-p6c8) in openssl@3.0.1: high 7.5, no fixed version'
    ])
  })
})

describe('ignore entries', () => {
  const ignore = (id: string, until: string): VulnerabilityRequirement['ignore'][number] => ({
    id,
    until,
    reason: 'r',
    where: 'p.yml rules[0].vulnerabilities.ignore[0] (line 5)'
  })
  const counted = (s: Subject, r: VulnerabilityRequirement): number =>
    checkVulnerabilities(s, r).filter(v => !v.excepted).length
  test.each<[string, string, number]>([
    ['by its id, unexpired', 'CVE-2024-1', 0],
    ['by an alias, case-insensitive', 'ghsa-aaaa-bbbb-cccc', 0],
    ['through the end of the day', 'CVE-2024-1', 0],
    ['another id', 'CVE-2024-9', 1]
  ])('%s', (_n, id, n) => {
    const s = withContent(osv([vuln('CVE-2024-1', { aliases: ['GHSA-aaaa-bbbb-cccc'] })]))
    const r = req('high', { ignore: [ignore(id, '2026-06-01')] })
    expect(counted(s, r)).toBe(n)
    // Still reported: a notice with the entry's reason and date.
    expect(checkVulnerabilities(s, r)).toHaveLength(1)
  })
  test('an entry naming one CVE does not excuse another that a third record links it to', () => {
    const s = withContent(
      osv([
        vuln('GO-2023-2102', { aliases: ['CVE-2023-39325', 'CVE-2023-44487'], severity: 'unknown' }),
        vuln('GHSA-4374-p667-p6c8', { aliases: ['CVE-2023-39325'], severity: 'high', score: 7.5 }),
        vuln('GHSA-qppj-fm5r-hxr3', { aliases: ['CVE-2023-44487'], severity: 'medium', score: 5.3 })
      ])
    )
    expect(counted(s, req('high', { ignore: [ignore('CVE-2023-44487', '2026-06-01')] }))).toBe(1)
    expect(counted(s, req('high', { ignore: [ignore('CVE-2023-39325', '2026-06-01')] }))).toBe(1)
  })
  test('an ignored vulnerability is a notice naming the entry', () => {
    const s = withContent(osv([vuln('CVE-2024-1')]))
    expect(checkVulnerabilities(s, req('high', { ignore: [ignore('CVE-2024-1', '2026-06-30')] }))[0]!.excepted).toEqual(
      {
        reason: 'r',
        until: '2026-06-30',
        where: 'p.yml rules[0].vulnerabilities.ignore[0] (line 5)'
      }
    )
  })
  test('expired the day before: it applies no more', () => {
    const s = withContent(osv([vuln('CVE-2024-1')]))
    expect(counted(s, req('high', { ignore: [ignore('CVE-2024-1', '2026-05-31')] }))).toBe(1)
  })
  test('an enforced rule set is not hidden behind another that ignores the same vulnerability', () => {
    const s = withContent(osv([vuln('CVE-2024-1')]))
    const enforced: RuleSet = { source: 'inputs', vulnerabilities: req('high') }
    const ignoring: RuleSet = {
      source: 'p.yml rules[0] (line 2)',
      vulnerabilities: req('high', { ignore: [ignore('CVE-2024-1', '2026-06-30')] })
    }
    for (const order of [
      [ignoring, enforced],
      [enforced, ignoring]
    ]) {
      const findings = evaluateImage(s.input, s.ref, s.facts, order, s.now)
      expect(findings.filter(f => !f.excepted)).toHaveLength(1)
    }
  })
})

describe('fails closed', () => {
  const report = (finishedOn: string | undefined, found: VulnerabilityFact[] = []): VulnerabilityReportFacts => ({
    scanner: 'trivy',
    ...(finishedOn ? { finishedOn } : {}),
    subject: 'sha256:' + '1'.repeat(64),
    manifest: 'sha256:' + '2'.repeat(64),
    found
  })
  test.each<[string, PlatformContent | undefined, string[]]>([
    ['not looked up at all', undefined, ['could not check vulnerabilities: they were not looked up']],
    [
      'the database failed',
      {
        sbom: SBOM,
        vulnerabilities: { found: [], error: 'could not check vulnerabilities: api.osv.dev answered 503' }
      },
      ['could not check vulnerabilities: api.osv.dev answered 503']
    ],
    [
      'no SBOM and no report',
      { vulnerabilities: { found: [], queried: false } },
      [`vulnerabilities cannot be checked: ${NO_SBOM}, and no signed vulnerability report newer than 7d`]
    ],
    [
      'an SBOM, no database, no report',
      { sbom: SBOM, vulnerabilities: { found: [], queried: false } },
      [
        'vulnerabilities cannot be checked: the SBOM was not asked of a vulnerability database (vulnerability-db is none), and no signed vulnerability report newer than 7d'
      ]
    ],
    [
      'an SBOM none of whose packages could be asked',
      {
        sbom: { ...SBOM!, packages: [{ name: 'a' }, { name: 'b' }] },
        vulnerabilities: { found: [], queried: true, unasked: 2 }
      },
      [
        "vulnerabilities cannot be checked: none of the SBOM's 2 packages can be asked of the vulnerability database (no purl and version, or a package type it does not know), and no signed vulnerability report newer than 7d"
      ]
    ],
    [
      'an SBOM some of whose packages could be asked: a pass when nothing was found',
      {
        sbom: { ...SBOM!, packages: [{ name: 'a' }, { name: 'b', purl: 'pkg:npm/b@1' }] },
        vulnerabilities: { found: [], queried: true, unasked: 1 }
      },
      []
    ],
    [
      // An SBOM of nothing looks the same as one made of the wrong thing (a build context, an empty stage): it
      // shows nothing to check, so it is no source.
      'an SBOM of no packages, no report',
      { sbom: { ...SBOM!, packages: [] }, vulnerabilities: { found: [], queried: true } },
      [
        'vulnerabilities cannot be checked: the SBOM lists no packages, so nothing in it can be checked (an SBOM of something else than the image looks the same), and no signed vulnerability report newer than 7d'
      ]
    ],
    [
      'an SBOM of no packages, a fresh clean report: pass',
      {
        sbom: { ...SBOM!, packages: [] },
        vulnerabilities: { found: [], queried: true, reports: [report('2026-05-30T00:00:00Z')] }
      },
      []
    ],
    [
      'no SBOM, a report 23 days old',
      { vulnerabilities: { found: [], reports: [report('2026-05-09T00:00:00Z')] } },
      [
        `vulnerabilities cannot be checked: ${NO_SBOM}, and the signed vulnerability report (trivy) was scanned 23 days ago, more than max-report-age 7d`
      ]
    ],
    [
      'no SBOM, a report from the future',
      { vulnerabilities: { found: [], reports: [report('2026-06-02T00:00:00Z')] } },
      [
        `vulnerabilities cannot be checked: ${NO_SBOM}, and the signed vulnerability report (trivy) gives no scanFinishedOn time in the past: its age cannot be told`
      ]
    ],
    [
      'no SBOM, a fresh clean report: pass',
      { vulnerabilities: { found: [], reports: [report('2026-05-30T00:00:00Z')] } },
      []
    ],
    [
      'no SBOM, a fresh report with a vulnerability',
      {
        vulnerabilities: {
          found: [],
          reports: [
            report('2026-05-31T12:00:00Z', [vuln('CVE-2019-1549', { source: 'attestation', severity: 'critical' })])
          ]
        }
      },
      ['CVE-2019-1549 in openssl@3.0.1: critical, no fixed version']
    ],
    [
      'an SBOM: a stale report is dropped, what the database found counts',
      {
        sbom: SBOM,
        vulnerabilities: {
          found: [vuln('CVE-1')],
          queried: true,
          reports: [report('2026-01-01T00:00:00Z', [vuln('CVE-2')])]
        }
      },
      ['CVE-1 in openssl@3.0.1: high, no fixed version']
    ]
  ])('%s', (_n, content, want) => {
    expect(messages(withContent(content), req('high'))).toEqual(want)
  })
})

test('no signer set: the finding says where SBOMs and reports were looked for, and where they were not', () => {
  const s = withContent({ vulnerabilities: { found: [], queried: false } }, false)
  expect(messages(s, req('high'))).toEqual([
    `vulnerabilities cannot be checked: no SBOM found for linux/amd64 (${s.facts.platforms[0]!.digest}) (looked in the index's attestation manifests; signed attestations are read when a signer is set: signature-keys, signature-identities or provenance), and no signed vulnerability report was read (they are read when a signer is set: signature-keys, signature-identities or provenance)`
  ])
})

describe('an id excuses only the records that name it (aliases from one record do not reach another)', () => {
  // The database's aliases are its own word: a hostile mirror could alias its record to an excused id and to a CVE a
  // signed scanner report found, merging them into one vulnerability. The excuse must not reach the report's record.
  const ignore = (id: string): VulnerabilityRequirement['ignore'][number] => ({
    id,
    until: '2026-12-31',
    reason: 'r',
    where: 'p.yml rules[0].vulnerabilities.ignore[0] (line 5)'
  })
  const report: VulnerabilityReportFacts = {
    scanner: 'grype',
    finishedOn: '2026-05-31T00:00:00Z',
    subject: 'sha256:' + 'b'.repeat(64),
    manifest: 'sha256:' + 'c'.repeat(64),
    found: [vuln('CVE-2024-2', { severity: 'critical', source: 'attestation' })]
  }
  const merged = (): Subject =>
    withContent({
      sbom: SBOM,
      vulnerabilities: {
        found: [vuln('GHSA-evil-evil-evil', { aliases: ['CVE-2024-1', 'CVE-2024-2'], severity: 'low' })],
        queried: true,
        reports: [report]
      }
    })
  test.each<[string, string, number]>([
    ['an ignore entry for the alias only the database record names', 'CVE-2024-1', 1],
    ['an ignore entry for the id every record names', 'CVE-2024-2', 0],
    ['an ignore entry for the database record own id', 'GHSA-evil-evil-evil', 1]
  ])('%s: %p findings', (_n, id, n) => {
    const s = merged()
    const out = checkVulnerabilities(s, req('high', { ignore: [ignore(id)] }))
    expect(out).toHaveLength(1)
    expect(out.filter(v => !v.excepted)).toHaveLength(n)
  })
  test('a top-level exception for the alias only the database record names does not cover the report record', () => {
    const s = merged()
    const rs: RuleSet = { source: 'inputs', vulnerabilities: req('high') }
    const findings = evaluateImage(s.input, s.ref, s.facts, [rs], s.now)
    expect(findings).toHaveLength(1)
    expect(findings[0]!.ids).toEqual(['CVE-2024-2'])
    const e: PolicyException = { ids: ['CVE-2024-1'], until: '2026-12-31', reason: 'x', where: 'p.yml (line 3)' }
    applyExceptions(findings, [e], () => ({ ref: s.ref }), s.now)
    expect(findings[0]!.excepted).toBeUndefined()
  })
  test('records of one vulnerability that all name the id: excused, ids listed with the shown id first', () => {
    const s = withContent(
      osv([
        vuln('GHSA-aaaa-bbbb-cccc', { aliases: ['CVE-2024-1'] }),
        vuln('GO-2024-1', { aliases: ['CVE-2024-1', 'GHSA-aaaa-bbbb-cccc'] })
      ])
    )
    const out = checkVulnerabilities(s, req('high', { ignore: [ignore('ghsa-aaaa-bbbb-cccc')] }))
    expect(out).toHaveLength(1)
    expect(out[0]!.excepted).toBeDefined()
    expect(out[0]!.ids).toEqual(['CVE-2024-1', 'GHSA-aaaa-bbbb-cccc'])
  })
})

describe('a signed report that cannot be read is a finding, not left out', () => {
  // An accepted signer's report lists what it found; unread, its vulnerabilities would vanish behind the SBOM's.
  const problem =
    'the signed vulnerability report in sha256:' +
    '3'.repeat(64) +
    ' cannot be read: a Grype match has no vulnerability id or artifact name'
  test.each<[string, PlatformContent, string[]]>([
    [
      'beside an SBOM asked of the database, nothing found',
      { sbom: SBOM, vulnerabilities: { found: [], queried: true, problems: [problem] } },
      [`could not check vulnerabilities: ${problem}`]
    ],
    [
      'beside an SBOM that found one: both',
      { sbom: SBOM, vulnerabilities: { found: [vuln('CVE-2024-1')], queried: true, problems: [problem] } },
      ['CVE-2024-1 in openssl@3.0.1: high, no fixed version', `could not check vulnerabilities: ${problem}`]
    ]
  ])('%s', (_n, content, expected) => expect(messages(withContent(content), req('high'))).toEqual(expected))
})

describe('through evaluation and exceptions', () => {
  const rs: RuleSet = { source: 'inputs', vulnerabilities: req('high') }
  test('a finding carries its ids; an exception naming an alias covers it', () => {
    const s = withContent(osv([vuln('GHSA-x', { aliases: ['CVE-2024-7'] })]))
    const findings = evaluateImage(s.input, s.ref, s.facts, [rs], s.now)
    expect(findings).toHaveLength(1)
    expect(findings[0]!.rule).toBe('vulnerabilities')
    const e: PolicyException = {
      ids: ['cve-2024-7'],
      until: '2026-12-31',
      reason: 'not reachable',
      where: 'p.yml exceptions[0] (line 3)'
    }
    applyExceptions(findings, [e], () => ({ ref: s.ref }), s.now)
    expect(findings[0]!.excepted?.reason).toBe('not reachable')
  })
})

describe('the policy key', () => {
  const load = (yaml: string): RuleSet[] =>
    parsePolicyDocument(yaml, 'p.yml', () => Buffer.from(''), new Date(NOW)).ruleSets
  test('a severity alone', () => {
    expect(load('rules:\n  - vulnerabilities: high\n')[0]!.vulnerabilities).toEqual(req('high'))
  })
  test('the map', () => {
    const v = load(
      'rules:\n  - vulnerabilities:\n      fail-on: medium\n      fixable-only: true\n      max-report-age: 2d\n      ignore:\n        - id: CVE-2024-1\n          until: 2026-07-01\n          reason: not reachable\n'
    )[0]!.vulnerabilities!
    expect(v).toEqual({
      failOn: 'medium',
      fixableOnly: true,
      maxReportAge: { seconds: 2 * 86_400, text: '2d' },
      ignore: [
        {
          id: 'CVE-2024-1',
          until: '2026-07-01',
          reason: 'not reachable',
          where: 'p.yml rules[0].vulnerabilities.ignore[0] (line 7)'
        }
      ]
    })
  })
  test.each<[string, string]>([
    [
      'rules:\n  - vulnerabilities: severe\n',
      'p.yml:2: rules[0].vulnerabilities: "severe" is not allowed: write "critical", "high", "medium", "low", "any"'
    ],
    ['rules:\n  - vulnerabilities: 5\n', 'p.yml:2: rules[0].vulnerabilities: 5 is not allowed: write "critical"'],
    ['rules:\n  - vulnerabilities:\n      fixable-only: true\n', '"fail-on" is required'],
    ['rules:\n  - vulnerabilities:\n      fail-on: high\n      max-report-age: soon\n', '"soon" is not a duration'],
    [
      'rules:\n  - vulnerabilities:\n      fail-on: high\n      ignore:\n        - id: CVE-1\n          until: 2026-07-01\n',
      '"reason" is required'
    ],
    [
      'rules:\n  - vulnerabilities:\n      fail-on: high\n      ignore:\n        - id: CVE-1\n          until: 2028-01-01\n          reason: r\n',
      'p.yml:6: rules[0].vulnerabilities.ignore[0].until: "2028-01-01" is more than 366 days away'
    ],
    [
      'rules:\n  - vulnerabilities:\n      fail-on: high\n      ignore:\n        - id: CVE-1\n          until: soon\n          reason: r\n',
      '"soon" is not a date: write YYYY-MM-DD'
    ],
    [
      'rules:\n  - vulnerabilities:\n      fail-on: high\n      severity: x\n',
      'unknown key "severity" (known keys: fail-on, fixable-only, max-report-age, ignore)'
    ]
  ])('refused: %j', (yaml, message) => {
    expect(() => load(yaml)).toThrow(message)
  })
})
