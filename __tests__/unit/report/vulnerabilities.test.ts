import { describe, expect, test } from '@jest/globals'
import { subject, D } from '../policy/facts.js'
import { evaluateImage } from '../../../src/policy/evaluate.js'
import type { RuleSet } from '../../../src/policy/types.js'
import type { VulnerabilityFact } from '../../../src/model/content.js'
import type { GateResult } from '../../../src/gate/result.js'
import { buildReport } from '../../../src/report/report.js'
import { renderSummary } from '../../../src/report/summary.js'
import { buildSarif, FINGERPRINT_KEY } from '../../../src/report/sarif.js'
import { formatCounts, vulnerabilityCounts } from '../../../src/report/vulnerabilities.js'
import { loadAllChecks } from '../../../src/policy/rules/table.js'

// The checks some rules use are loaded with import() before evaluation, as a run loads them (here before the
// tables below are built).
await loadAllChecks()

const rs: RuleSet = {
  source: 'inputs',
  vulnerabilities: { failOn: 'high', fixableOnly: false, maxReportAge: { seconds: 604_800, text: '7d' }, ignore: [] }
}
const v = (id: string, fields: Partial<VulnerabilityFact> = {}): VulnerabilityFact => ({
  id,
  aliases: [],
  severity: 'high',
  package: { name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' },
  source: 'osv',
  ...fields
})

/** One image of two platforms; both list the same vulnerabilities, so the counts are of distinct ones. */
function gate(found: VulnerabilityFact[]): GateResult {
  const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }, { platform: 'linux/arm64' }], {
    now: '2026-06-01T00:00:00Z'
  })
  for (const p of s.facts.platforms)
    p.content = {
      sbom: {
        format: 'spdx',
        formatVersion: 'SPDX-2.3',
        source: 'in-index',
        signed: false,
        manifest: D(9),
        packages: [{ name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' }]
      },
      vulnerabilities: { found: found.map(f => ({ ...f })), queried: true }
    }
  const findings = evaluateImage(s.input, s.ref, s.facts, [rs], s.now)
  return {
    rules: ['vulnerabilities'],
    images: [{ input: s.input, ref: s.ref, facts: s.facts, rules: ['vulnerabilities'], error: undefined }],
    locations: new Map([[s.input, [{ file: 'Dockerfile', line: 3, col: 6 }]]]),
    fileWarnings: [],
    findings,
    registries: [],
    exceptions: []
  }
}

const FOUND: VulnerabilityFact[] = [
  v('GHSA-35jh-r3h4-6jhm', { aliases: ['CVE-2021-23337'], severity: 'high', score: 7.2, fixed: '4.17.21' }),
  v('CVE-2021-23337', { severity: 'critical', package: { name: 'lodash-es', version: '4.17.20' } }),
  v('CVE-2020-28500', { severity: 'medium', score: 5.3 }),
  v('GHSA-<script>', {
    severity: 'low',
    suppressedBy: { document: 'vex.json', status: 'not_affected', justification: 'component_not_present' }
  })
]

describe('the JSON report', () => {
  const report = buildReport(gate(FOUND), true)
  test('every record of every platform, with package, source and what suppressed it', () => {
    const p = report.images[0]!.platforms[0]!.vulnerabilities!
    expect(p.queried).toBe(true)
    expect(p.error).toBeNull()
    expect(p.found).toHaveLength(4)
    expect(p.found[0]).toEqual({
      id: 'GHSA-35jh-r3h4-6jhm',
      aliases: ['CVE-2021-23337'],
      severity: 'high',
      score: 7.2,
      package: 'lodash@4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
      fixed: '4.17.21',
      source: 'osv',
      suppressedBy: null
    })
    expect(p.found[3]!.suppressedBy).toEqual({
      document: 'vex.json',
      status: 'not_affected',
      justification: 'component_not_present',
      impact: null
    })
  })
  test('counts: distinct across platforms, aliases merged, suppressed left out', () => {
    expect(report.images[0]!.vulnerabilityCounts).toEqual({ critical: 1, high: 0, medium: 1, low: 0, unknown: 0 })
  })
  test('one finding per failing vulnerability per platform, carrying its ids', () => {
    const f = report.findings.filter(x => x.rule === 'vulnerabilities')
    expect(f.map(x => [x.platform, x.ids?.[0]])).toEqual([
      ['linux/amd64', 'CVE-2021-23337'],
      ['linux/arm64', 'CVE-2021-23337']
    ])
  })
})

describe('the summary', () => {
  test('one Vulns column of counts, and only failing vulnerabilities among the findings; untrusted text inert', () => {
    const html = renderSummary(buildReport(gate(FOUND), true))
    expect(html).toContain('<th>Failed</th><th>Vulns</th><th>Platforms</th>')
    expect(html).toContain('<td>vulnerabilities</td><td>1C 1M</td>')
    expect(html).toContain('CVE-2021-23337 (GHSA-35jh-r3h4-6jhm) in lodash@4.17.20, lodash-es@4.17.20: critical 7.2')
    // Below the threshold, or suppressed: no finding.
    expect(html).not.toContain('CVE-2020-28500')
    expect(html).not.toContain('<script>')
  })
  test('no vulnerabilities rule: no column', () => {
    const g = gate([])
    g.rules = []
    expect(renderSummary(buildReport(g, true))).not.toContain('Vulns')
  })
  test('a platform that could not be checked: no count', () => {
    const g = gate([])
    g.images[0]!.facts!.platforms[1]!.content!.vulnerabilities!.error = 'could not check vulnerabilities: x'
    expect(vulnerabilityCounts(g.images[0]!.facts!)).toBeUndefined()
    expect(renderSummary(buildReport(g, true))).toContain('<td>—</td><td>—</td><td>linux/amd64')
  })
  test.each([
    [{ critical: 2, high: 5, medium: 11, low: 0, unknown: 0 }, '2C 5H 11M'],
    [{ critical: 0, high: 0, medium: 0, low: 1, unknown: 3 }, '1L 3U'],
    [{ critical: 0, high: 0, medium: 0, low: 0, unknown: 0 }, '0']
  ])('%j is %s', (c, text) => {
    expect(formatCounts(c)).toBe(text)
  })
})

describe('SARIF', () => {
  test('one result per vulnerability at the file line, told apart by fingerprint', () => {
    const g = gate([v('CVE-1', { severity: 'critical' }), v('CVE-2', { severity: 'high' })])
    const sarif = buildSarif(buildReport(g, true), g.locations, {
      toolVersion: '1',
      readmeUrl: 'https://example.com/README.md'
    })
    const results = sarif.runs[0]!.results.filter(r => r.ruleId === 'vulnerabilities')
    expect(results).toHaveLength(4)
    expect(results.every(r => r.locations?.[0]?.physicalLocation.region.startLine === 3)).toBe(true)
    expect(new Set(results.map(r => r.partialFingerprints[FINGERPRINT_KEY])).size).toBe(4)
    expect(results.map(r => r.properties.vulnerability)).toEqual(['CVE-1', 'CVE-2', 'CVE-1', 'CVE-2'])
  })
})
