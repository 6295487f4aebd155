/**
 * The vulnerabilities of every image of a run, once every image is inspected: one batch to the vulnerability
 * database for every distinct package of every platform a vulnerabilities rule applies to (each record fetched
 * once), the signed vulnerability reports each platform carries, and the VEX statements that suppress some of them.
 * The result is each platform's `content.vulnerabilities`, which the rule judges; a database that cannot answer
 * is an error on every platform that needed it, never a pass. See docs/architecture.md.
 */
import type { Logger } from '../core/logger.js'
import { GateError } from '../core/errors.js'
import type { ImageFacts, PlatformFacts } from '../model/facts.js'
import { indexSigned } from '../model/facts.js'
import type { SignatureFact } from '../model/trust.js'
import type { PlatformContent, VulnerabilityFact, VulnerabilityReportFacts } from '../model/content.js'
import type { OsvAnswer, OsvOptions, PackageQuery } from '../osv/types.js'
import { queryKey } from '../osv/types.js'
import { packageQuery } from '../osv/query.js'
import { COSIGN_VULN_PREDICATE, VulnReportError, parseVulnReport } from '../content/vuln-report.js'
import { OPENVEX_PREDICATES, VexError, parseOpenVex, vexFor, type VexStatement } from '../content/openvex.js'
import type { Inspection } from '../inspect/inspect.js'
import { applicable } from '../policy/evaluate.js'
import type { Finding } from '../policy/findings.js'
import { untilEnd } from '../policy/until.js'
import type { RuleSet } from '../policy/types.js'
import { isAttester } from '../policy/rules/trust.js'
import { attestersOf } from '../policy/attesters.js'
import { InputError } from './inputs.js'

/** Asks the database; queryOsv in a run, a fake in unit tests. */
export type OsvQuery = (queries: PackageQuery[], options: OsvOptions) => Promise<OsvAnswer>

export interface VulnerabilityOptions {
  /** The database's base URL; undefined: none is asked (signed reports only). */
  database: string | undefined
  concurrency: number
  timeoutMs: number
  query: OsvQuery
  logger: Logger
}

/** The `vex` input's documents, read by the trusted-files step: parsed, or an input error naming the file. */
export function parseVexFiles(files: Array<{ name: string; bytes: Buffer }>): VexStatement[] {
  const out: VexStatement[] = []
  for (const f of files) {
    let json: unknown
    try {
      json = JSON.parse(f.bytes.toString('utf8'))
    } catch {
      throw new InputError(`Input "vex": ${f.name} is not JSON: give an OpenVEX document (https://openvex.dev)`)
    }
    try {
      out.push(...parseOpenVex(json, f.name, out.length))
    } catch (e) {
      if (e instanceof VexError) throw new InputError(`Input "vex": ${e.message}`)
      throw e
    }
  }
  return out
}

/** Verified statements of one predicate type (by test) for a digest: the top level's and the platform's. */
function verifiedStatements(
  facts: ImageFacts,
  p: PlatformFacts,
  wanted: (t: string) => boolean,
  accepted: Accepted
): Array<{ sig: SignatureFact; predicateType: string; predicate: unknown }> {
  const lists = [facts.trust?.top, ...(facts.trust?.platforms ?? []).filter(d => d.digest === p.digest)]
  return lists.flatMap(d =>
    (d?.signatures ?? []).flatMap(sig =>
      sig.verified &&
      sig.statement &&
      wanted(sig.statement.predicateType) &&
      accepted(sig) &&
      (sig.subjects.includes(p.digest) || sig.subjects.includes(facts.digest))
        ? [{ sig, predicateType: sig.statement.predicateType, predicate: sig.statement.predicate }]
        : []
    )
  )
}

/** Does a signer an applicable rule accepts stand behind this signature? A verified one may be anyone's (keyless). */
type Accepted = (sig: SignatureFact) => boolean

/** A platform's signed vulnerability reports, and the problems of those that could not be read. */
function reportsOf(
  facts: ImageFacts,
  p: PlatformFacts,
  accepted: Accepted
): { reports: VulnerabilityReportFacts[]; problems: string[] } {
  const raw = verifiedStatements(facts, p, t => t === COSIGN_VULN_PREDICATE, accepted).map(s => ({
    manifest: s.sig.manifest,
    subject: s.sig.subjects.includes(p.digest) ? p.digest : facts.digest,
    predicate: s.predicate
  }))
  if (indexSigned(facts, accepted))
    for (const s of facts.statements ?? [])
      if (s.predicateType === COSIGN_VULN_PREDICATE && s.subject === p.digest)
        raw.push({ manifest: s.manifest, subject: s.subject, predicate: s.predicate })
  const reports: VulnerabilityReportFacts[] = []
  const problems: string[] = []
  for (const r of raw) {
    try {
      const parsed = parseVulnReport(r.predicate)
      reports.push({ ...parsed, subject: r.subject, manifest: r.manifest })
    } catch (e) {
      if (!(e instanceof VulnReportError)) throw e
      problems.push(`the signed vulnerability report in ${r.manifest} cannot be read: ${e.message}`)
    }
  }
  return { reports, problems }
}

/** VEX statements an accepted signer attested for the image (any platform's, or the index's). */
function attestedVex(facts: ImageFacts, order: number, accepted: Accepted): VexStatement[] {
  const wanted = (t: string): boolean => OPENVEX_PREDICATES.includes(t)
  const docs = facts.platforms.flatMap(p =>
    verifiedStatements(facts, p, wanted, accepted).map(d => ({ manifest: d.sig.manifest, predicate: d.predicate }))
  )
  if (indexSigned(facts, accepted))
    for (const s of facts.statements ?? [])
      if (wanted(s.predicateType)) docs.push({ manifest: s.manifest, predicate: s.predicate })
  // The index's statements are found once per platform: each document is read once. One manifest may carry
  // several (cosign's .att holds every attestation as a layer), so documents, not manifests, are told apart.
  const seen = new Set<unknown>()
  const out: VexStatement[] = []
  for (const d of docs) {
    if (seen.has(d.predicate)) continue
    seen.add(d.predicate)
    try {
      out.push(...parseOpenVex(d.predicate, `attestation ${d.manifest}`, order + out.length))
    } catch (e) {
      if (!(e instanceof VexError)) throw e
      // A VEX document that cannot be read suppresses nothing: the vulnerabilities stay findings.
    }
  }
  return out
}

interface Needed {
  accepted: Accepted
  facts: ImageFacts
  platform: PlatformFacts
  queries: Array<{ pkg: { name: string; version?: string; purl?: string }; q: PackageQuery }>
}

/** What each SBOM package is asked as, when it can be asked at all. */
function packageQueries(platform: PlatformFacts): Needed['queries'] {
  return (platform.content?.sbom?.packages ?? []).flatMap(pkg => {
    const q = packageQuery(pkg)
    if (!q) return []
    const { name, version, purl } = pkg
    return [{ pkg: { name, ...(version ? { version } : {}), ...(purl ? { purl } : {}) }, q }]
  })
}

/** Every platform of every image a vulnerabilities rule applies to, with who may sign for it and what it asks. */
function neededPlatforms(inspections: Inspection[], ruleSets: RuleSet[], database: string | undefined): Needed[] {
  const needed: Needed[] = []
  for (const ins of inspections) {
    if (!ins.ok) continue
    const sets = applicable(ruleSets, ins.ref, ins.facts.digest)
    if (!sets.some(rs => rs.vulnerabilities)) continue
    // The signers of every rule that applies to the image (a quorum's too), as the attestations rule takes them.
    const attesters = attestersOf(sets)
    const accepted: Accepted = sig => isAttester(attesters, sig)
    for (const platform of ins.facts.platforms)
      needed.push({ accepted, facts: ins.facts, platform, queries: database ? packageQueries(platform) : [] })
  }
  return needed
}

/** One batch for every package of the run: the answer, or the error each platform that asked fails with. */
async function askDatabase(
  needed: Needed[],
  opts: VulnerabilityOptions
): Promise<{ answer?: OsvAnswer; error?: string }> {
  const all = needed.flatMap(n => n.queries.map(x => x.q))
  if (!opts.database || all.length === 0) return {}
  try {
    const answer = await opts.query(all, {
      url: opts.database,
      concurrency: opts.concurrency,
      timeoutMs: opts.timeoutMs
    })
    opts.logger.info(
      `vulnerabilities: ${new Set(all.map(queryKey)).size} packages asked of ${new URL(opts.database).host}`
    )
    return { answer }
  } catch (e) {
    // The database's errors say what went wrong without its body; anything else is not shown.
    return {
      error: `could not check vulnerabilities: ${e instanceof GateError ? e.message : 'the vulnerability database could not be asked'}`
    }
  }
}

/** One platform's vulnerabilities: the database's answer for its packages and its signed reports, VEX applied. */
function platformVulnerabilities(
  n: Needed,
  asked: { answer?: OsvAnswer; error?: string },
  statements: VexStatement[],
  database: string | undefined
): NonNullable<PlatformContent['vulnerabilities']> {
  const { facts, platform, accepted } = n
  const { reports, problems } = reportsOf(facts, platform, accepted)
  const found: VulnerabilityFact[] = []
  // Every package asked has an answer, maybe empty: one left out was not checked, and is no "nothing found".
  let missing: string | undefined
  for (const { pkg, q } of asked.answer ? n.queries : []) {
    const listed = asked.answer!.get(queryKey(q))
    if (listed === undefined) missing ??= queryKey(q)
    for (const v of listed ?? []) found.push({ ...v, package: pkg, source: 'osv' })
  }
  const error =
    asked.error ??
    (missing !== undefined
      ? `could not check vulnerabilities: the vulnerability database gave no answer for ${missing}`
      : undefined)
  const image = {
    registry: facts.ref.registry,
    repository: facts.ref.repository,
    digests: [facts.digest, platform.digest]
  }
  for (const v of [...found, ...reports.flatMap(r => r.found)]) {
    const by = vexFor(statements, image, {
      ids: [v.id, ...v.aliases],
      ...(v.package.purl ? { purl: v.package.purl } : {})
    })
    if (by) v.suppressedBy = by
  }
  const sbom = platform.content?.sbom
  return {
    found,
    queried: database !== undefined && sbom !== undefined,
    ...(database && sbom && sbom.packages.length > n.queries.length
      ? { unasked: sbom.packages.length - n.queries.length }
      : {}),
    ...(reports.length > 0 ? { reports } : {}),
    ...(problems.length > 0 ? { problems } : {}),
    // Only the platforms that asked the database fail with it.
    ...(error && n.queries.length > 0 ? { error } : {})
  }
}

/**
 * Fills `content.vulnerabilities` of every platform of every image a vulnerabilities rule applies to. Never throws
 * for the database: its failure is each platform's error.
 */
export async function attachVulnerabilities(
  inspections: Inspection[],
  ruleSets: RuleSet[],
  vex: VexStatement[],
  opts: VulnerabilityOptions
): Promise<void> {
  const needed = neededPlatforms(inspections, ruleSets, opts.database)
  if (needed.length === 0) return
  const asked = await askDatabase(needed, opts)
  const vexByImage = new Map<ImageFacts, VexStatement[]>()
  for (const n of needed) {
    if (!vexByImage.has(n.facts)) vexByImage.set(n.facts, [...vex, ...attestedVex(n.facts, vex.length, n.accepted)])
    const content = (n.platform.content ??= {})
    content.vulnerabilities = platformVulnerabilities(n, asked, vexByImage.get(n.facts)!, opts.database)
  }
}

/** A vulnerabilities rule's ignore entries that have expired: each a finding at its line, as exceptions are. */
export function expiredIgnores(ruleSets: RuleSet[], now: Date): Finding[] {
  return ruleSets.flatMap(rs =>
    (rs.vulnerabilities?.ignore ?? [])
      .filter(i => now.getTime() > untilEnd(i.until))
      .map((i): Finding => ({
        rule: 'exceptions',
        image: i.where,
        message: `the ignore entry ${i.where} (${i.id}) expired at the end of ${i.until} and applies no more: renew it with a new date and reason, or remove it`
      }))
  )
}
