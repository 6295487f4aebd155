import type { Finding, RuleName } from '../findings.js'
import { RULES } from '../findings.js'
import type { ImageFacts, InspectNeeds } from '../inspect/inspect.js'
import type { Reference } from '../registry/reference.js'
import { formatReference } from '../registry/reference.js'
import { matchReference } from './glob.js'
import { checkBaseImages } from './rules/base-images.js'
import { checkDigest } from './rules/digest.js'
import { checkBaseCurrent, checkPinsCurrent } from './rules/freshness.js'
import { checkLabels } from './rules/labels.js'
import { checkMaxAge } from './rules/max-age.js'
import { checkNonRoot } from './rules/non-root.js'
import { checkPlatforms } from './rules/platforms.js'
import { checkRegistries, checkRegistryName } from './rules/registries.js'
import { checkRequireDigest } from './rules/require-digest.js'
import { checkAttestations, checkProvenance, checkSignature } from './rules/trust.js'
import type { TrustFacts } from '../trust/types.js'
import type { RuleSet, Subject, Violation } from './types.js'

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
    rs => rs.images === undefined || rs.images.some(p => matchReference(p.digest !== undefined && ref.digest === undefined ? { ...p, digest: undefined } : p, ref))
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
      findings.push({ rule: 'registries', image: input, reference: formatReference(ref), host: ref.registry, message: `${v.message}; it was not contacted${from}` })
    }
  }
  return findings
}

/** The rules some rule set turns on, in the order of DESIGN §1: the summary's columns. */
export function enabledRules(ruleSets: RuleSet[]): RuleName[] {
  const on = new Set<RuleName>()
  for (const rs of ruleSets) {
    if (rs.platforms?.length) on.add('platforms')
    if (rs.baseImages?.length) on.add('base-images')
    if (rs.maxAge) on.add('max-age')
    if (rs.digest) on.add('digest')
    if (rs.requireDigest) on.add('require-digest')
    if (rs.registries?.length) on.add('registries')
    if (rs.labels?.length) on.add('labels')
    if (rs.nonRoot) on.add('non-root')
    if (rs.baseCurrent) on.add('base-current')
    if (rs.pinsCurrent) on.add('pins-current')
    if (rs.signature) on.add('signature')
    if (rs.provenance) on.add('provenance')
    if (rs.attestations?.length) on.add('attestations')
  }
  return RULES.filter(r => on.has(r))
}

/** Does a trust rule (signature, provenance, attestations) apply? Nothing trust-related is fetched otherwise. */
export function needsTrust(ruleSets: RuleSet[]): boolean {
  return ruleSets.some(rs => rs.signature !== undefined || rs.provenance !== undefined || (rs.attestations?.length ?? 0) > 0)
}

/** Configs are fetched only when a rule reads them; signatures only when a trust rule applies. */
export function inspectNeeds(ruleSets: RuleSet[]): InspectNeeds {
  return {
    config: ruleSets.some(
      rs => rs.maxAge !== undefined || (rs.labels?.length ?? 0) > 0 || rs.nonRoot === true || (rs.baseImages?.length ?? 0) > 0 || rs.baseCurrent !== undefined
    ),
    trust: needsTrust(ruleSets)
  }
}

/**
 * Does one digest's trust facts satisfy every trust rule of these rule sets? When the top level of an index does,
 * its platforms are not looked at.
 */
export function trustSatisfied(input: string, ref: Reference, facts: ImageFacts, ruleSets: RuleSet[], top: TrustFacts['top']): boolean {
  const probe: ImageFacts = { ...facts, kind: 'image', trust: { top, platforms: [], claims: [] } }
  return evaluateImage(input, ref, probe, ruleSets, new Date(0), { only: ['signature', 'provenance', 'attestations'] }).length === 0
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
  const attesters = {
    signature: sets.flatMap(rs => (rs.signature ? [rs.signature] : [])),
    provenance: sets.flatMap(rs => (rs.provenance ? [rs.provenance] : []))
  }
  const findings: Finding[] = []
  const seen = new Set<string>()
  const add = (rule: RuleName, rs: RuleSet, violations: Violation[]): void => {
    if (opts.only && !opts.only.includes(rule)) return
    for (const v of violations) {
      const key = `${rule}\u0000${v.platform ?? ''}\u0000${v.message}`
      if (seen.has(key)) continue
      seen.add(key)
      const from = rs.source === 'inputs' ? '' : ` [${rs.source}]`
      const f: Finding = { rule, image: input, reference: formatReference(ref), message: `${v.message}${from}` }
      if (v.platform !== undefined) f.platform = v.platform
      findings.push(f)
    }
  }
  for (const rs of sets) {
    if (rs.platforms?.length) add('platforms', rs, checkPlatforms(subject, rs.platforms))
    if (rs.maxAge) add('max-age', rs, checkMaxAge(subject, rs.maxAge))
    if (rs.digest) add('digest', rs, checkDigest(subject, rs.digest))
    if (rs.requireDigest) add('require-digest', rs, checkRequireDigest(subject))
    if (rs.registries?.length) add('registries', rs, checkRegistries(subject, rs.registries))
    if (rs.labels?.length) add('labels', rs, checkLabels(subject, rs.labels))
    if (rs.nonRoot) add('non-root', rs, checkNonRoot(subject))
    if (rs.baseImages?.length) add('base-images', rs, checkBaseImages(subject, rs.baseImages))
    if (rs.baseCurrent) add('base-current', rs, checkBaseCurrent(subject, rs.baseCurrent))
    if (rs.pinsCurrent) add('pins-current', rs, checkPinsCurrent(subject, rs.pinsCurrent))
    if (rs.signature) add('signature', rs, checkSignature(subject, rs.signature))
    if (rs.provenance) add('provenance', rs, checkProvenance(subject, rs.provenance))
    if (rs.attestations?.length) add('attestations', rs, checkAttestations(subject, rs.attestations, attesters))
  }
  return findings
}
