/**
 * Vulnerabilities as the report shows them: every record of every platform (what the database found for its SBOM's
 * packages, and what signed reports list), with what suppressed it; and each image's count of distinct
 * vulnerabilities by severity, for the summary's one column (`2C 5H 11M`). Text in them came from an SBOM, a
 * database or a scanner: the writers make it inert.
 */
import type { ImageFacts, PlatformFacts } from '../model/facts.js'
import type { Severity, VulnerabilityFact } from '../model/content.js'
import { distinctVulnerabilities, packageLabel } from '../policy/vulnerability-records.js'

export interface ReportVulnerability {
  id: string
  aliases: string[]
  severity: Severity
  score: number | null
  /** `name@version`. */
  package: string
  purl: string | null
  fixed: string | null
  source: 'osv' | 'attestation'
  /** The VEX statement that says it does not affect the image: then it is no finding. */
  suppressedBy: { document: string; status: string; justification: string | null; impact: string | null } | null
}

export interface ReportPlatformVulnerabilities {
  /** The SBOM's packages were asked of the database. */
  queried: boolean
  /** SBOM packages that could not be asked (no purl and version, a type the database does not know). */
  unasked: number
  /** Why they could not be checked. */
  error: string | null
  /** Signed vulnerability reports read for the platform. */
  reports: Array<{ scanner: string; finishedOn: string | null; subject: string; manifest: string; count: number }>
  problems: string[]
  found: ReportVulnerability[]
}

/** Distinct vulnerabilities that are not suppressed, by severity. */
export type SeverityCounts = Record<Severity, number>

function record(v: VulnerabilityFact): ReportVulnerability {
  return {
    id: v.id,
    aliases: v.aliases,
    severity: v.severity,
    score: v.score ?? null,
    package: packageLabel(v),
    purl: v.package.purl ?? null,
    fixed: v.fixed ?? null,
    source: v.source,
    suppressedBy: v.suppressedBy
      ? {
          document: v.suppressedBy.document,
          status: v.suppressedBy.status,
          justification: v.suppressedBy.justification ?? null,
          impact: v.suppressedBy.impact ?? null
        }
      : null
  }
}

/** A platform's vulnerabilities for the JSON report; undefined when no vulnerabilities rule applied. */
export function reportVulnerabilities(p: PlatformFacts): ReportPlatformVulnerabilities | undefined {
  const v = p.content?.vulnerabilities
  if (!v) return undefined
  const reports = v.reports ?? []
  return {
    queried: v.queried === true,
    unasked: v.unasked ?? 0,
    error: v.error ?? null,
    reports: reports.map(r => ({
      scanner: r.scanner,
      finishedOn: r.finishedOn ?? null,
      subject: r.subject,
      manifest: r.manifest,
      count: r.found.length
    })),
    problems: v.problems ?? [],
    found: [...v.found, ...reports.flatMap(r => r.found)].map(record)
  }
}

/**
 * An image's distinct vulnerabilities (aliases merged, across its platforms) that no VEX statement suppresses, by
 * severity; undefined when no vulnerabilities rule applied, or when some platform could not be checked.
 */
export function vulnerabilityCounts(facts: ImageFacts): SeverityCounts | undefined {
  const platforms = facts.platforms.map(p => p.content?.vulnerabilities)
  if (platforms.length === 0 || platforms.some(v => !v || v.error)) return undefined
  const records = platforms.flatMap(v => [...v!.found, ...(v!.reports ?? []).flatMap(r => r.found)])
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 }
  for (const d of distinctVulnerabilities(records.filter(r => !r.suppressedBy))) counts[d.severity]++
  return counts
}

/** `2C 5H 11M 1L 3U`; `0` when there are none. */
export function formatCounts(c: SeverityCounts): string {
  const parts = (
    [
      ['critical', 'C'],
      ['high', 'H'],
      ['medium', 'M'],
      ['low', 'L'],
      ['unknown', 'U']
    ] as const
  ).flatMap(([k, letter]) => (c[k] > 0 ? [`${c[k]}${letter}`] : []))
  return parts.length > 0 ? parts.join(' ') : '0'
}
