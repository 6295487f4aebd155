import type { Finding, RuleName } from './findings.js'
import type { Reference } from '../core/reference.js'
import { formatReference } from '../core/reference.js'
import { formatPlatform } from '../oci/platform.js'
import { matchReference } from '../core/glob.js'
import { checkRegistryName } from './rules/registries.js'
import { RULE_TABLE, type RuleDef } from './rules/table.js'
import type { TrustFacts } from '../model/trust.js'
import type { RuleSet, Subject, Violation } from './types.js'
import { attestersOf } from './attesters.js'
import type { ImageFacts, InspectNeeds } from '../model/facts.js'

/** The rule sets that apply to an image: those without `images`, and those whose globs match it. */
export function applicable(ruleSets: RuleSet[], ref: Reference, digest?: string): RuleSet[] {
  return ruleSets.filter(rs => rs.images === undefined || rs.images.some(p => matchReference(p, ref, digest)))
}

/**
 * The rule sets that may apply to a reference before anything is asked of its registry: a pattern that names a
 * digest counts when the reference carries none, since the digest it resolves to might match (fail closed).
 */
export function mayApply(ruleSets: RuleSet[], ref: Reference): RuleSet[] {
  return ruleSets.filter(
    rs =>
      rs.images === undefined ||
      rs.images.some(p =>
        matchReference(p.digest !== undefined && ref.digest === undefined ? { ...p, digest: undefined } : p, ref)
      )
  )
}

/**
 * The registries rule, before any request: a reference to a registry that some rule set applying to it does not
 * allow is a finding, and its registry is never contacted (a pull request must not make the runner call a host of
 * its choosing). Empty when the registry may be contacted.
 */
export function registryPreflight(input: string, ref: Reference, ruleSets: RuleSet[]): Finding[] {
  const findings: Finding[] = []
  for (const rs of mayApply(ruleSets, ref)) {
    if (!rs.registries?.length) continue
    const from = rs.source === 'inputs' ? '' : ` [${rs.source}]`
    for (const v of checkRegistryName(ref.registry, rs.registries)) {
      findings.push({
        rule: 'registries',
        image: input,
        reference: formatReference(ref),
        host: ref.registry,
        message: `${v.message}; it was not contacted${from}`
      })
    }
  }
  return findings
}

/**
 * Loads the checks that the rules these rule sets turn on use, when they are not part of every run (`load` of the
 * rule table): a run awaits it once before anything is evaluated, so evaluation stays synchronous. Idempotent.
 */
export async function loadChecks(ruleSets: RuleSet[]): Promise<void> {
  const table: readonly RuleDef[] = RULE_TABLE
  await Promise.all(table.flatMap(r => (r.load && ruleSets.some(rs => r.enabled(rs)) ? [r.load()] : [])))
}

/** The rules some rule set turns on, in the table's order: the summary's rules. */
export function enabledRules(ruleSets: RuleSet[]): RuleName[] {
  return RULE_TABLE.filter(r => ruleSets.some(rs => r.enabled(rs))).map(r => r.name)
}

/** Does a trust rule (signature, provenance, attestations) apply? Nothing trust-related is fetched otherwise. */
export function needsTrust(ruleSets: RuleSet[]): boolean {
  return RULE_TABLE.some(r => {
    const trust = r.needs.trust
    return (
      trust !== undefined && ruleSets.some(rs => r.enabled(rs) && (typeof trust === 'function' ? trust(rs) : trust))
    )
  })
}

/**
 * The predicate types whose statements some rule of these rule sets reads (verified ones, and the index's in-index
 * ones), or undefined when none does: then no statement is kept.
 */
export function askedStatements(ruleSets: RuleSet[]): ((predicateType: string) => boolean) | undefined {
  const asks = RULE_TABLE.flatMap(r => {
    const wants = r.needs.statements
    const asks = r.needs.asksStatements ?? (() => true)
    return wants ? ruleSets.filter(rs => r.enabled(rs) && asks(rs)).map(rs => (t: string) => wants(t, rs)) : []
  })
  return asks.length > 0 ? t => asks.some(a => a(t)) : undefined
}

/** The rules of these rule sets that read statements (`needs.statements`), by name. */
export function statementRules(ruleSets: RuleSet[]): RuleName[] {
  return RULE_TABLE.filter(r => r.needs.statements && ruleSets.some(rs => r.enabled(rs))).map(r => r.name)
}

/** Configs are fetched only when a rule reads them; signatures only when a trust rule applies. */
export function inspectNeeds(ruleSets: RuleSet[]): InspectNeeds {
  const needs: InspectNeeds = {
    config: RULE_TABLE.some(r => r.needs.config && ruleSets.some(rs => r.enabled(rs))),
    trust: needsTrust(ruleSets)
  }
  if (askedStatements(ruleSets)) needs.statements = true
  return needs
}

/**
 * Does one digest's trust facts satisfy every trust rule of these rule sets? When the top level of an index does,
 * its platforms are not looked at.
 */
export function trustSatisfied(
  input: string,
  ref: Reference,
  facts: ImageFacts,
  ruleSets: RuleSet[],
  top: TrustFacts['top']
): boolean {
  const probe: ImageFacts = { ...facts, kind: 'image', trust: { top, platforms: [], claims: [] } }
  return (
    evaluateImage(input, ref, probe, ruleSets, new Date(0), { only: ['signature', 'provenance', 'attestations'] })
      .length === 0
  )
}

/** Every rule of every applicable rule set, over one image's facts. Duplicate findings are reported once. */
export function evaluateImage(
  input: string,
  ref: Reference,
  facts: ImageFacts,
  ruleSets: RuleSet[],
  now: Date,
  opts: { only?: RuleName[] } = {}
): Finding[] {
  const subject: Subject = { input, ref, facts, now }
  const sets = applicable(ruleSets, ref, facts.digest)
  // A quorum's signers are accepted signers too: their attestations count.
  const attesters = attestersOf(sets)
  const findings: Finding[] = []
  const seen = new Set<string>()
  const add = (rule: RuleName, rs: RuleSet, violations: Violation[]): void => {
    for (const v of violations) {
      // An ignored vulnerability (a notice) never stands in for the same finding enforced by another rule set.
      const key = `${rule}\u0000${v.platform ?? ''}\u0000${v.message}\u0000${rs.mode ?? 'enforce'}\u0000${v.excepted?.where ?? ''}`
      if (seen.has(key)) continue
      seen.add(key)
      const from = rs.source === 'inputs' ? '' : ` [${rs.source}]`
      const f: Finding = { rule, image: input, reference: formatReference(ref), message: `${v.message}${from}` }
      if (v.platform !== undefined) f.platform = v.platform
      if (v.ids !== undefined) f.ids = v.ids
      if (v.excepted !== undefined) f.excepted = v.excepted
      if (rs.mode === 'warn') f.mode = 'warn'
      findings.push(f)
    }
  }
  const ctx = { attesters }
  const rules = opts.only ? RULE_TABLE.filter(r => opts.only!.includes(r.name)) : RULE_TABLE
  for (const rs of sets) for (const r of rules) if (r.enabled(rs)) add(r.name, rs, r.check(subject, rs, ctx))
  return findings
}

/**
 * One `inspect` finding per index entry annotated as an attestation that names a real platform (or none): an index
 * that dresses a pullable manifest as an attestation is hiding it, whatever the rules found in it.
 */
export function mislabeledFindings(input: string, ref: Reference, facts: ImageFacts): Finding[] {
  return facts.mislabeled.map(m => {
    const where = m.platform ? `for ${formatPlatform(m.platform)}` : 'with no platform'
    const f: Finding = {
      rule: 'inspect',
      image: input,
      reference: formatReference(ref),
      message: `the index lists ${m.digest} ${where} but annotates it as an attestation; only unknown/unknown entries are attestations (it was inspected as a platform: runtimes pull it)`
    }
    if (m.platform) f.platform = formatPlatform(m.platform)
    return f
  })
}
