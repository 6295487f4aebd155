/**
 * Signed vulnerability reports: the predicate `cosign attest --type vuln` writes (`scanner.result` holds the
 * scanner's own JSON, `metadata.scanFinishedOn` when it finished), from Trivy (`Results[].Vulnerabilities[]`) or
 * Grype (`matches[]`). Parsed from bytes already fetched and verified; everything in them is untrusted text, bounded
 * here and made inert by the report. See docs/architecture.md.
 */
import type { Severity, VulnerabilityFact } from '../model/content.js'

import { COSIGN_VULN_PREDICATE } from './predicates.js'
export { COSIGN_VULN_PREDICATE }

/** At most this many vulnerabilities are read from one report; a longer one is refused (never read in part). */
export const MAX_REPORT_VULNERABILITIES = 100_000
/** Longer ids, names and versions are not ones a scanner writes. */
const MAX_TEXT = 512

export interface ParsedReport {
  scanner: string
  finishedOn?: string
  found: VulnerabilityFact[]
}

export class VulnReportError extends Error {}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' && v.length <= MAX_TEXT ? v.trim() : undefined
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10 ? v : undefined

/** A scanner's severity word: Trivy's `CRITICAL`, Grype's `Critical`, `Negligible`. */
export function severityWord(word: unknown): Severity {
  const w = typeof word === 'string' ? word.trim().toLowerCase() : ''
  if (w === 'critical' || w === 'high' || w === 'medium' || w === 'low') return w
  // Grype's lowest severity; OSV and CVSS call it low.
  if (w === 'negligible') return 'low'
  return 'unknown'
}

/** Reads a cosign vulnerability predicate; throws VulnReportError saying what is wrong. */
export function parseVulnReport(predicate: unknown): ParsedReport {
  const p = obj(predicate)
  const scanner = obj(p?.scanner)
  if (!p || !scanner) throw new VulnReportError('the vulnerability report has no scanner')
  const metadata = obj(p.metadata)
  const finishedOn = text(metadata?.scanFinishedOn)
  const uri = text(scanner.uri) ?? 'unknown scanner'
  const result = obj(scanner.result)
  if (!result) throw new VulnReportError('the vulnerability report has no scanner.result')
  let found: VulnerabilityFact[]
  let name: string
  const trivyShape = Array.isArray(result.Results) || result.SchemaVersion !== undefined
  // Read as one, what the other lists would be left out.
  if (trivyShape && result.matches !== undefined)
    throw new VulnReportError(`the vulnerability report from ${uri} has both Trivy's and Grype's fields`)
  if (trivyShape) {
    found = trivy(result)
    name = 'trivy'
  } else if (Array.isArray(result.matches)) {
    found = grype(result)
    name = 'grype'
  } else {
    throw new VulnReportError(
      `the vulnerability report from ${uri} is neither Trivy's JSON (Results) nor Grype's (matches)`
    )
  }
  return {
    scanner: /trivy/i.test(uri) || name === 'trivy' ? 'trivy' : 'grype',
    ...(finishedOn ? { finishedOn } : {}),
    found
  }
}

function bounded<T>(list: T[]): T[] {
  if (list.length > MAX_REPORT_VULNERABILITIES)
    throw new VulnReportError(`the vulnerability report lists more than ${MAX_REPORT_VULNERABILITIES} vulnerabilities`)
  return list
}

/** Trivy's JSON: `Results[].Vulnerabilities[]`. */
function trivy(result: Record<string, unknown>): VulnerabilityFact[] {
  if (result.Results !== undefined && result.Results !== null && !Array.isArray(result.Results))
    throw new VulnReportError("the Trivy report's Results is not a list")
  const out: VulnerabilityFact[] = []
  for (const r of (result.Results as unknown[] | undefined) ?? []) {
    const vulns = obj(r)?.Vulnerabilities
    if (vulns === undefined || vulns === null) continue
    if (!Array.isArray(vulns)) throw new VulnReportError("a Trivy result's Vulnerabilities is not a list")
    for (const raw of vulns) {
      const v = obj(raw)
      const id = text(v?.VulnerabilityID)
      const name = text(v?.PkgName)
      if (!v || !id || !name) throw new VulnReportError('a Trivy vulnerability has no VulnerabilityID or PkgName')
      const version = text(v.InstalledVersion)
      const purl = text(obj(v.PkgIdentifier)?.PURL)
      // `1.1.1d-r0, 1.1.1e`: the first version that fixes it.
      const fixed = text(v.FixedVersion)
        ?.split(',')
        .map(s => s.trim())
        .find(s => s !== '')
      const score = trivyScore(v)
      const aliases = (Array.isArray(v.VendorIDs) ? v.VendorIDs : [])
        .map(text)
        .filter((x): x is string => x !== undefined && x !== id)
      const summary = text(v.Title)
      out.push({
        id,
        aliases,
        severity: severityWord(v.Severity),
        ...(score ? score : {}),
        package: { name, ...(version ? { version } : {}), ...(purl ? { purl } : {}) },
        ...(fixed ? { fixed } : {}),
        source: 'attestation',
        ...(summary ? { summary } : {})
      })
      bounded(out)
    }
  }
  return out
}

/** The score of the source Trivy took the severity from, else the highest CVSS v3 or v4 score it lists. */
function trivyScore(v: Record<string, unknown>): { score: number; vector?: string } | undefined {
  const cvss = obj(v.CVSS)
  if (!cvss) return undefined
  const entries = Object.entries(cvss).flatMap(([source, c]) => {
    const o = obj(c)
    const v4 = num(o?.V40Score)
    const v3 = num(o?.V3Score)
    const score = v4 ?? v3
    if (score === undefined) return []
    const vector = text(v4 !== undefined ? o?.V40Vector : o?.V3Vector)
    return [{ source, score, vector }]
  })
  const chosen = entries.find(e => e.source === v.SeveritySource) ?? entries.sort((a, b) => b.score - a.score)[0]
  return chosen ? { score: chosen.score, ...(chosen.vector ? { vector: chosen.vector } : {}) } : undefined
}

/** Grype's JSON: `matches[]` of `{vulnerability, relatedVulnerabilities, artifact}`. */
function grype(result: Record<string, unknown>): VulnerabilityFact[] {
  const matches = result.matches as unknown[]
  bounded(matches)
  return matches.map(raw => {
    const m = obj(raw)
    const v = obj(m?.vulnerability)
    const a = obj(m?.artifact)
    const id = text(v?.id)
    const name = text(a?.name)
    if (!v || !a || !id || !name) throw new VulnReportError('a Grype match has no vulnerability id or artifact name')
    const version = text(a.version)
    const purl = text(a.purl)
    const fix = obj(v.fix)
    const fixed =
      fix?.state === 'fixed' && Array.isArray(fix.versions) ? fix.versions.map(text).find(Boolean) : undefined
    const scores = (Array.isArray(v.cvss) ? v.cvss : []).flatMap(c => {
      const score = num(obj(obj(c)?.metrics)?.baseScore)
      const vector = text(obj(c)?.vector)
      return score === undefined ? [] : [{ score, vector }]
    })
    const best = scores.sort((x, y) => y.score - x.score)[0]
    const aliases = (Array.isArray(m?.relatedVulnerabilities) ? m.relatedVulnerabilities : [])
      .map(r => text(obj(r)?.id))
      .filter((x): x is string => x !== undefined && x !== id)
    const summary = text(v.description)
    return {
      id,
      aliases: [...new Set(aliases)],
      severity: severityWord(v.severity),
      ...(best ? { score: best.score, ...(best.vector ? { vector: best.vector } : {}) } : {}),
      package: { name, ...(version ? { version } : {}), ...(purl ? { purl } : {}) },
      ...(fixed ? { fixed } : {}),
      source: 'attestation' as const,
      ...(summary ? { summary } : {})
    }
  })
}
