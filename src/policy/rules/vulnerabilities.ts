/**
 * The vulnerabilities rule: known vulnerabilities in what each platform contains, from its SBOM's packages asked of
 * the vulnerability database and from signed scanner reports recent enough, one finding per distinct vulnerability
 * (a CVE and its GHSA and distribution aliases are one) at or above the rule's severity. It fails closed: a platform
 * whose vulnerabilities could not be checked, or with neither an SBOM nor a recent report, is a finding.
 */
import { formatDuration } from '../duration.js'
import { untilEnd } from '../until.js'
import { platformLabel, type PlatformFacts } from '../../model/facts.js'
import type { Severity, VulnerabilityFact, VulnerabilityReportFacts } from '../../model/content.js'
import { noSbom } from './sbom.js'
import {
  RANK,
  distinctVulnerabilities,
  highest,
  packageLabel,
  type DistinctVulnerability
} from '../vulnerability-records.js'
import type { FailOn, Subject, Violation, VulnerabilityRequirement } from '../types.js'

const THRESHOLD: Record<FailOn, number> = { any: 0, low: 1, medium: 2, high: 3, critical: 4 }
/** A report that says it finished this far in the future is not trusted to be recent. */
const CLOCK_SKEW_MS = 5 * 60_000

/** Does a severity reach the rule's threshold? `unknown` reaches only `any`. */
export function reaches(severity: Severity, failOn: FailOn): boolean {
  return RANK[severity] >= THRESHOLD[failOn]
}

/** How long ago a report finished, in ms; undefined when it gives no time that parses or one in the future. */
function reportAge(r: VulnerabilityReportFacts, now: Date): number | undefined {
  const t = Date.parse(r.finishedOn ?? '')
  if (Number.isNaN(t) || t - now.getTime() > CLOCK_SKEW_MS) return undefined
  return Math.max(0, now.getTime() - t)
}

/** The reports recent enough, and a finding for the newest stale one when none is recent enough. */
function judgeReports(
  reports: VulnerabilityReportFacts[],
  req: VulnerabilityRequirement,
  now: Date
): { fresh: VulnerabilityReportFacts[]; stale: string | undefined } {
  const aged = reports.map(r => ({ r, age: reportAge(r, now) }))
  const fresh = aged.filter(a => a.age !== undefined && a.age <= req.maxReportAge.seconds * 1000).map(a => a.r)
  if (fresh.length > 0 || reports.length === 0) return { fresh, stale: undefined }
  const dated = aged.filter(a => a.age !== undefined).sort((a, b) => a.age! - b.age!)[0]
  const stale = dated
    ? `the signed vulnerability report (${dated.r.scanner}) was scanned ${formatAge(dated.age!)} ago, more than max-report-age ${req.maxReportAge.text}`
    : `the signed vulnerability report (${aged[0]!.r.scanner}) gives no scanFinishedOn time in the past: its age cannot be told`
  return { fresh, stale }
}

function formatAge(ms: number): string {
  const days = Math.floor(ms / 86_400_000)
  return days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : formatDuration(Math.floor(ms / 1000))
}

function describe(v: DistinctVulnerability, records: VulnerabilityFact[]): string {
  const aliases =
    v.aliases.length > 0 ? ` (${v.aliases.slice(0, 5).join(', ')}${v.aliases.length > 5 ? ', …' : ''})` : ''
  const all = [...new Set(records.map(packageLabel))]
  // One vulnerability may be in hundreds of packages (a shared library, every module of a monorepo): a few are named.
  const packages = all.length > 5 ? [...all.slice(0, 5), `${all.length - 5} more`] : all
  const fixed = [...new Set(records.flatMap(r => (r.fixed ? [r.fixed] : [])))]
  const score = v.score !== undefined ? ` ${v.score.toFixed(1)}` : ''
  return `${v.id}${aliases} in ${packages.join(', ')}: ${v.severity}${score}, ${fixed.length > 0 ? `fixed in ${fixed.join(', ')}` : 'no fixed version'}`
}

/**
 * The ids an ignore entry or an exception may name a vulnerability by: those every one of its records names (as its
 * id or an alias), the shown id first. Records are merged by aliases, and a record's aliases are its source's word
 * alone (a vulnerability database, a scanner): an alias one record claims must not excuse another record that does
 * not name it, or a database could alias its own record to an excused id and to a CVE a signed report found.
 */
function commonIds(d: DistinctVulnerability, records: VulnerabilityFact[]): string[] {
  const named = records.map(r => new Set([r.id, ...r.aliases].map(x => x.toUpperCase())))
  return [d.id, ...d.aliases].filter(id => named.every(n => n.has(id.toUpperCase())))
}

/** The vulnerabilities of one platform that this rule fails on. */
function platformViolations(p: PlatformFacts, req: VulnerabilityRequirement, now: Date, signers: boolean): Violation[] {
  const platform = platformLabel(p)
  const v = p.content?.vulnerabilities
  if (!v) return [{ platform, message: 'could not check vulnerabilities: they were not looked up' }]
  if (v.error)
    return [
      {
        platform,
        message: v.error.startsWith('could not check') ? v.error : `could not check vulnerabilities: ${v.error}`
      }
    ]
  const { fresh, stale } = judgeReports(v.reports ?? [], req, now)
  const sbom = p.content?.sbom
  // An SBOM none of whose packages could be asked about checks nothing: it is no source. Nor is one that lists none:
  // it looks the same as an SBOM of something else than the image (a build context, an empty stage).
  const askable = sbom !== undefined && sbom.packages.length > 0 && (v.unasked ?? 0) < sbom.packages.length
  const fromSbom = askable && v.queried === true
  if (!fromSbom && fresh.length === 0) {
    const why = !sbom
      ? noSbom(p, p.content, signers)
      : v.queried !== true
        ? 'the SBOM was not asked of a vulnerability database (vulnerability-db is none)'
        : sbom.packages.length === 0
          ? 'the SBOM lists no packages, so nothing in it can be checked (an SBOM of something else than the image looks the same)'
          : `none of the SBOM's ${sbom.packages.length} packages can be asked of the vulnerability database (no purl and version, or a package type it does not know)`
    const unread = v.problems?.length ? `; ${v.problems.join('; ')}` : ''
    const noReport = signers
      ? `no signed vulnerability report newer than ${req.maxReportAge.text}`
      : 'no signed vulnerability report was read (they are read when a signer is set: signature-keys, signature-identities or provenance)'
    return [
      {
        platform,
        message: `vulnerabilities cannot be checked: ${why}, and ${stale ?? noReport}${unread}`
      }
    ]
  }
  const records = [...(fromSbom ? v.found : []), ...fresh.flatMap(r => r.found)]
  const out: Violation[] = []
  const ignored = req.ignore.filter(i => now.getTime() <= untilEnd(i.until))
  for (const d of distinctVulnerabilities(records)) {
    const live = d.records.filter(r => !r.suppressedBy)
    if (live.length === 0) continue
    const ids = commonIds(d, live)
    const ignore = ignored.find(i => ids.some(id => id.toUpperCase() === i.id.toUpperCase()))
    // What is suppressed in one package does not lower what the others are exposed to.
    const { severity, score } = highest(live)
    if (!reaches(severity, req.failOn)) continue
    if (req.fixableOnly && !live.some(r => r.fixed)) continue
    out.push({
      platform,
      message: describe({ ...d, severity, ...(score !== undefined ? { score } : {}) }, live),
      ...(ids.length > 0 ? { ids } : {}),
      // An ignore entry makes it a notice, as an exception does: reported with its reason, never counted.
      ...(ignore ? { excepted: { reason: ignore.reason, until: ignore.until, where: ignore.where } } : {})
    })
  }
  // A report an accepted signer made and that cannot be read may list what the other sources miss: not left out.
  for (const problem of v.problems ?? []) out.push({ platform, message: `could not check vulnerabilities: ${problem}` })
  return out
}

export function checkVulnerabilities(s: Subject, req: VulnerabilityRequirement): Violation[] {
  // Signed reports (and attested SBOMs) are looked for only when a rule names a signer.
  const signers = s.facts.trust !== undefined
  return s.facts.platforms.flatMap(p => platformViolations(p, req, s.now, signers))
}
