import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { VulnReportError, parseVulnReport, severityWord } from '../../../src/content/vuln-report.js'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/vulns/${name}`, import.meta.url), 'utf8'))

/** The predicate `cosign attest --type vuln` writes around a scanner's JSON. */
const predicate = (uri: string, result: unknown, finished = '2026-12-01T10:00:00Z'): unknown => ({
  invocation: { parameters: null, uri: '', event_id: '', 'builder.id': '' },
  scanner: { uri, version: '1', db: { uri: '', version: '' }, result },
  metadata: { scanStartedOn: '2026-12-01T09:59:00Z', scanFinishedOn: finished }
})

describe('Trivy reports (aquasecurity/trivy alpine-310 golden)', () => {
  const report = parseVulnReport(predicate('pkg:github/aquasecurity/trivy@v0.58.0', fixture('trivy-alpine-310.json')))
  test('every vulnerability of every result, with package, purl, severity, score of the severity source, fix', () => {
    expect(report.scanner).toBe('trivy')
    expect(report.finishedOn).toBe('2026-12-01T10:00:00Z')
    expect(report.found.map(v => `${v.id} ${v.package.name}@${v.package.version} ${v.severity} ${v.fixed}`)).toEqual([
      'CVE-2019-1549 libcrypto1.1@1.1.1c-r0 medium 1.1.1d-r0',
      'CVE-2019-1551 libcrypto1.1@1.1.1c-r0 medium 1.1.1d-r2',
      'CVE-2019-1549 libssl1.1@1.1.1c-r0 medium 1.1.1d-r0',
      'CVE-2019-1551 libssl1.1@1.1.1c-r0 medium 1.1.1d-r2'
    ])
    // SeveritySource nvd: nvd's 5.3, not redhat's 4.8.
    expect(report.found[0]!.score).toBe(5.3)
    expect(report.found[0]!.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N')
    expect(report.found[0]!.package.purl).toBe('pkg:apk/alpine/libcrypto1.1@1.1.1c-r0?arch=x86_64&distro=3.10.2')
    expect(report.found.every(v => v.source === 'attestation')).toBe(true)
  })
})

describe('Grype reports (anchore/grype TestJsonImgsPresenter golden)', () => {
  const report = parseVulnReport(predicate('pkg:github/anchore/grype@v0.80.0', fixture('grype-imgs.json')))
  test('matches: the scanner severity word, the highest CVSS base score, the first fix when the state is fixed', () => {
    expect(report.scanner).toBe('grype')
    expect(report.found.map(v => [v.id, v.package.name, v.package.version, v.severity, v.score, v.fixed])).toEqual([
      ['CVE-1999-0001', 'package-1', '1.1.1', 'low', 8.2, '1.2.1'],
      ['CVE-1999-0002', 'package-2', '2.2.2', 'critical', 8.5, undefined]
    ])
    expect(report.found[1]!.package.purl).toBe('pkg:deb/package-2@2.2.2')
  })
})

describe('what is refused or unknown', () => {
  test.each<[string, unknown]>([
    ['no scanner', { metadata: {} }],
    ['no result', { scanner: { uri: 'x' } }],
    ['a result of no known scanner', { scanner: { uri: 'x', result: { foo: [] } } }],
    ['Trivy Results not a list', { scanner: { uri: 'trivy', result: { SchemaVersion: 2, Results: {} } } }],
    [
      'a Trivy entry without an id',
      { scanner: { uri: 'trivy', result: { Results: [{ Vulnerabilities: [{ PkgName: 'a' }] }] } } }
    ],
    [
      'a Grype match without an artifact',
      { scanner: { uri: 'grype', result: { matches: [{ vulnerability: { id: 'CVE-1' } }] } } }
    ],
    ['not an object', 'text'],
    // Read as Trivy's (no Results: clean), Grype's matches would be left out: a shape of both is neither.
    [
      "Grype's matches beside a Trivy SchemaVersion",
      {
        scanner: {
          uri: 'grype',
          result: { SchemaVersion: 2, matches: [{ vulnerability: { id: 'CVE-1' }, artifact: { name: 'a' } }] }
        }
      }
    ],
    ["Trivy's Results beside Grype's matches", { scanner: { uri: 'x', result: { Results: [], matches: [] } } }]
  ])('%s', (_name, p) => {
    expect(() => parseVulnReport(p)).toThrow(VulnReportError)
  })

  test('no scanFinishedOn: no finish time, so never fresh', () => {
    const r = parseVulnReport({ scanner: { uri: 'trivy', result: { SchemaVersion: 2, Results: [] } } })
    expect(r.finishedOn).toBeUndefined()
    expect(r.found).toEqual([])
  })

  test('a score outside 0..10 is no score', () => {
    const r = parseVulnReport(
      predicate('trivy', {
        Results: [
          {
            Vulnerabilities: [
              { VulnerabilityID: 'CVE-1', PkgName: 'a', Severity: 'HIGH', CVSS: { nvd: { V3Score: 99 } } }
            ]
          }
        ]
      })
    )
    expect(r.found[0]!.score).toBeUndefined()
    expect(r.found[0]!.severity).toBe('high')
  })

  test.each([
    ['CRITICAL', 'critical'],
    ['High', 'high'],
    ['medium', 'medium'],
    ['LOW', 'low'],
    ['Negligible', 'low'],
    ['UNKNOWN', 'unknown'],
    ['', 'unknown'],
    [7, 'unknown']
  ])('severity %p is %s', (word, sev) => {
    expect(severityWord(word)).toBe(sev)
  })
})
