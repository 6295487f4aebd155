/**
 * Each platform's SBOM, from what discovery found: BuildKit's in-index attestations (unsigned; signed when an
 * accepted signer signed the index digest) and verified attestations whose subject is the platform's digest or the
 * index's (one for the index covers every platform). Nothing here fetches or judges: `accepted` says which signers
 * the applicable rules accept, and the rules decide what a missing or unsigned SBOM means. See docs/compliance.md.
 */
import type { SbomParse } from '../content/sbom.js'
import { isSbomPredicate, parseSbom } from '../content/sbom.js'
import type { SbomFacts } from '../model/content.js'
import type { ImageFacts, PlatformFacts } from '../model/facts.js'
import { indexSigned, platformLabel } from '../model/facts.js'
import type { DigestTrust, SignatureFact } from '../model/trust.js'

/**
 * SBOM packages one run keeps, every image and platform together: a registry that offers a full SBOM for each of
 * 128 platforms cannot make the runner hold them all. Past it, an SBOM is not kept, and is a problem that says so.
 */
export const RUN_MAX_SBOM_PACKAGES = 500_000

/**
 * What the in-index reader keeps of an SBOM statement: its packages, parsed at once; the document is let go. One
 * keeper per run counts the packages kept, within `maxPackages`.
 */
export function sbomKeeper(
  maxPackages = RUN_MAX_SBOM_PACKAGES
): (predicateType: string, predicate: unknown) => unknown {
  let kept = 0
  return (predicateType, predicate) => {
    if (!isSbomPredicate(predicateType)) return predicate
    const r = parseSbom(predicateType, predicate)
    if (!r.ok) return r
    if (kept + r.sbom.packages.length > maxPackages)
      return {
        ok: false,
        problem: `the run holds ${kept} SBOM packages already; with these ${r.sbom.packages.length} it would be over the ${maxPackages} a run keeps`
      } satisfies SbomParse
    kept += r.sbom.packages.length
    return r
  }
}

/** The keeper of a run that keeps every SBOM (tests). */
export const keepSbom = sbomKeeper(Number.MAX_SAFE_INTEGER)

const isParse = (v: unknown): v is SbomParse =>
  typeof v === 'object' && v !== null && 'ok' in v && typeof (v as { ok: unknown }).ok === 'boolean'

/** A verified SBOM statement of this digest (its subjects name it). */
const sbomOver = (digest: string) => (sig: SignatureFact) =>
  sig.verified &&
  sig.statement !== undefined &&
  isSbomPredicate(sig.statement.predicateType) &&
  sig.subjects.includes(digest)

interface Candidate {
  parse: () => SbomParse
  source: SbomFacts['source']
  signed: boolean
  manifest: string
}

/**
 * Sets `content.sbom` (or `content.sbomProblems`) on every platform of an image. The first candidate that parses
 * wins: an attestation an accepted signer made for the platform, then for the index; BuildKit's in-index SBOM (the
 * first one listed for the platform: the final stage's); then attestations by signers no rule accepts. When none
 * parses, each candidate's problem is kept, with what could not be read (a bound, a registry failure), so that a
 * rule that needs an SBOM can say why there is none.
 */
export function attachSboms(facts: ImageFacts, accepted: (sig: SignatureFact) => boolean): void {
  const top = facts.trust?.top
  // An in-index SBOM is as trustworthy as the index digest that names it: signed when an accepted signer signed that.
  const inIndexSigned = indexSigned(facts, accepted)
  for (const p of facts.platforms) {
    const own = facts.trust?.platforms.find(t => t.digest === p.digest)
    const verified = (t: DigestTrust | undefined, digest: string): SignatureFact[] =>
      (t?.signatures ?? []).filter(sbomOver(digest))
    const attested = [...verified(own, p.digest), ...verified(top, facts.digest)]
    const fromAttestation = (sig: SignatureFact, signed: boolean): Candidate => ({
      parse: () => parseSbom(sig.statement!.predicateType, sig.statement!.predicate),
      source: 'attestation',
      signed,
      manifest: sig.manifest
    })
    const inIndex = firstInIndex(facts, p)
    const candidates: Candidate[] = [
      ...attested.filter(accepted).map(s => fromAttestation(s, true)),
      ...(inIndex.candidate ? [{ ...inIndex.candidate, signed: inIndexSigned }] : []),
      ...attested.filter(s => !accepted(s)).map(s => fromAttestation(s, false))
    ]
    const problems = [...inIndex.problems]
    let sbom: SbomFacts | undefined
    for (const c of candidates) {
      const r = c.parse()
      if (r.ok) {
        sbom = { ...r.sbom, source: c.source, signed: c.signed, manifest: c.manifest }
        break
      }
      problems.push(
        `the SBOM of ${c.manifest} (${c.source === 'in-index' ? 'in the index' : 'an attestation'}): ${r.problem}`
      )
    }
    if (!sbom) problems.push(...unread(own), ...unread(top))
    p.content = {
      ...p.content,
      ...(sbom ? { sbom } : {}),
      ...(!sbom && problems.length > 0 ? { sbomProblems: problems } : {})
    }
  }
}

/** Why the signed attestations of a digest may hold an SBOM that was not read. */
function unread(t: DigestTrust | undefined): string[] {
  if (!t) return []
  const where = t.platform ? `${t.digest} (${t.platform})` : t.digest
  return [
    ...(t.error ? [`the attestations of ${where} could not be listed: ${t.error.host}: ${t.error.message}`] : []),
    ...(t.unread ?? []).map(u => `the attestations of ${where} were not all read: ${u}`)
  ]
}

/**
 * The platform's in-index SBOM: the first SBOM layer of its attestation manifests (BuildKit writes the final
 * stage's first, other stages' after it), whether it was read or is a problem.
 */
function firstInIndex(
  facts: ImageFacts,
  p: PlatformFacts
): { candidate?: Omit<Candidate, 'signed'>; problems: string[] } {
  const order = (x: { manifest: string; layer?: number }): [number, number] => [
    facts.attestations.findIndex(a => a.digest === x.manifest),
    x.layer ?? -1
  ]
  const before = (a: [number, number], b: [number, number]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])
  const statements = (facts.statements ?? []).filter(s => s.subject === p.digest && isSbomPredicate(s.predicateType))
  // A manifest that could not be read (no predicate type known) may have held the SBOM.
  const problems = (facts.statementProblems ?? []).filter(
    x => x.subject === p.digest && (x.predicateType === '' || isSbomPredicate(x.predicateType))
  )
  let first: (typeof statements)[number] | undefined
  for (const s of statements) if (!first || before(order(s), order(first))) first = s
  const label = platformLabel(p)
  const blocking = problems.filter(x => !first || x.layer === undefined || before(order(x), order(first)))
  const said = blocking.map(x => `the in-index SBOM of ${label} (${x.manifest}): ${x.reason}`)
  // A problem listed before the SBOM that was read is the platform's SBOM: the one read is another stage's.
  if (!first || blocking.some(x => x.layer !== undefined)) return { problems: said }
  const kept = first.predicate
  return {
    candidate: {
      parse: () => (isParse(kept) ? kept : parseSbom(first.predicateType, kept)),
      source: 'in-index',
      manifest: first.manifest
    },
    problems: said
  }
}
