/**
 * Signatures, attestations and SBOMs of an image: found, read and verified when a trust rule applies to it or a rule
 * reads statements. A run whose rules do neither never loads this module, nor signature discovery, trust
 * establishment and SBOM attachment behind it (`src/gate/run.ts` imports it with `import()`; docs/architecture.md,
 * "Start-up: what loads when").
 */
import type { Inspection } from '../inspect/inspect.js'
import { inspectImage } from '../inspect/inspect.js'
import type { Discovery } from '../inspect/discover.js'
import {
  SIGNATURE_BUDGET_WAIT_MS,
  SIGNATURE_BYTES_BUDGET,
  STATEMENT_BYTES_BUDGET,
  STATEMENT_LIMIT,
  readInIndexStatements,
  readProvenanceClaims
} from '../inspect/discover.js'
import { discoverAt, signaturePlaces } from '../inspect/signature-places.js'
import { SignatureBudget } from '../inspect/signature-budget.js'
import type { RegistryClient, Repo } from '../registry/client.js'
import { checkRegistryName } from '../policy/rules/registries.js'
import {
  applicable,
  askedStatements,
  statementRules,
  mayApply,
  needsTrust,
  trustSatisfied
} from '../policy/evaluate.js'
import type { RuleSet, TrustedRootFile } from '../policy/types.js'
import type { Reference } from '../core/reference.js'
import { manifestReference } from '../core/reference.js'
import type { PublicKey } from '../trust/keys.js'
import type { SigstoreVerifier } from '../inspect/trust.js'
import { establishTrust } from '../inspect/trust.js'
import { attachSboms, sbomKeeper } from '../inspect/sbom.js'
import { CYCLONEDX_PREDICATE, SPDX_PREDICATE, isSbomPredicate } from '../content/sbom.js'
import { isAttester } from '../policy/rules/trust.js'
import { attestersOf } from '../policy/attesters.js'
import type { ImageFacts, InspectNeeds } from '../model/facts.js'
import type { DigestTrust, SignatureFact } from '../model/trust.js'
import type { NotationVerifier } from '../trust/notation/index.js'

/** A quorum's outcome for the report: only an image whose signatures were looked for has one. */
export { quorumReports } from '../policy/rules/quorum.js'

/**
 * The run's one budget of signature bytes held at once, shared by every image, and the SBOM packages kept, every
 * image together. Statements (an SBOM) may be larger than the signature budget: the budget grows to hold the largest
 * one.
 */
export function signatureBudgets(needs: InspectNeeds): {
  budget: SignatureBudget
  keep: ReturnType<typeof sbomKeeper>
} {
  return {
    budget: new SignatureBudget(
      needs.statements ? STATEMENT_BYTES_BUDGET : SIGNATURE_BYTES_BUDGET,
      SIGNATURE_BUDGET_WAIT_MS
    ),
    keep: sbomKeeper()
  }
}

/**
 * Inspects one image and, when a trust rule applies to it, finds and verifies its signatures: the top-level
 * digest's are listed as soon as the digest is known, alongside the rest of the inspection. `budget` is the run's
 * one budget of signature bytes held at once, shared by every image.
 */
export async function inspectWithTrust(
  client: RegistryClient,
  item: { input: string; ref: Reference },
  ruleSets: RuleSet[],
  needs: InspectNeeds,
  sigstore: ((keys: PublicKey[], roots: (TrustedRootFile | undefined)[]) => SigstoreVerifier) | undefined,
  budget: SignatureBudget,
  keep: ReturnType<typeof sbomKeeper>,
  notation?: (registry: string, repository: string) => NotationVerifier
): Promise<Inspection> {
  const repo = { registry: item.ref.registry, repository: item.ref.repository }
  // Where signatures are looked up: the image's repository, or the signature repositories its rule sets name, each
  // within the registries every rule set that may apply to the image allows.
  const limits = mayApply(ruleSets, item.ref).flatMap(rs => (rs.registries?.length ? [rs.registries] : []))
  const refuse = (registry: string): string | undefined =>
    limits.map(l => checkRegistryName(registry, l)[0]?.message).find(m => m !== undefined)
  const placesOf = (sets: RuleSet[]): Repo[] =>
    signaturePlaces(
      repo,
      sets.map(rs => rs.signatureRepository)
    )
  const discoverIn =
    (places: Repo[]) =>
    (digest: string): Promise<Discovery> =>
      discoverAt(client, repo, places, digest, budget, refuse, { statements: needs.statements === true })
  const earlyPlaces = placesOf(applicable(ruleSets, item.ref))
  let early: Promise<Discovery | undefined> | undefined
  if (needs.trust && needsTrust(applicable(ruleSets, item.ref))) {
    early = client.getManifest(repo, manifestReference(item.ref), { confirm: true }).then(
      m => discoverIn(earlyPlaces)(m.digest),
      () => undefined
    )
  }
  // An early listing that is not checked gives back what it holds of the budget.
  const drop = (): void => void early?.then(d => d?.release())
  const ins = await inspectImage(client, item.input, item.ref, needs)
  if (!ins.ok) {
    drop()
    return ins
  }
  const sets = applicable(ruleSets, ins.ref, ins.facts.digest)
  const asked = askedStatements(sets)
  if (asked) {
    // The index's own attestations (BuildKit's), unsigned: the rules decide what an index signature makes of them.
    const read = await readInIndexStatements(client, repo, ins.facts.attestations, budget, asked, STATEMENT_LIMIT, keep)
    ins.facts.statements = read.statements
    if (read.problems.length > 0) ins.facts.statementProblems = read.problems
  }
  if (!needs.trust || !needsTrust(sets)) {
    drop()
    return withSboms(ins, sets, asked)
  }
  const keys = new Map<string, PublicKey>()
  // The keys of every accepted signer: signature-keys, and a quorum's key signers.
  for (const req of attestersOf(sets).signature) for (const k of req.keys) keys.set(k.fingerprint, k)
  const roots = sets.filter(rs => needsTrust([rs])).map(rs => rs.trustedRoot)
  const places = placesOf(sets)
  const discover = discoverIn(places)
  const samePlaces =
    places.map(r => `${r.registry}/${r.repository}`).join() ===
    earlyPlaces.map(r => `${r.registry}/${r.repository}`).join()
  const first = samePlaces && (await early)?.digest === ins.facts.digest ? early : undefined
  if (!first) drop()
  const found = sbomFound(sets, ins.facts)
  ins.facts.trust = await establishTrust(
    ins.facts,
    {
      keys: [...keys.values()],
      ...(sigstore ? { sigstore: sigstore([...keys.values()], roots) } : {}),
      ...(asked ? { predicates: asked } : {}),
      ...(found ? { statementsFound: found } : {}),
      // Notation's trust policy is chosen by the image's own repository.
      ...(notation ? { notation: notation(item.ref.registry, item.ref.repository) } : {})
    },
    digest => (digest === ins.facts.digest && first ? (first as Promise<Discovery>) : discover(digest)),
    // One digest's facts (the top level's or a platform's), judged by every trust rule that applies to the image.
    facts => trustSatisfied(ins.input, ins.ref, ins.facts, sets, facts)
  )
  if (sets.some(rs => rs.provenance) && ins.facts.attestations.length > 0)
    ins.facts.trust.claims = await readProvenanceClaims(client, repo, ins.facts.attestations, budget)
  return withSboms(ins, sets, asked)
}

/**
 * When SBOMs are the only statements asked for: a digest's listing has what was asked once an accepted signer's SBOM
 * for that digest is among it (one for the index covers every platform: theirs are not read), or, for the index,
 * once an accepted signer signed it and every platform has its SBOM in the index. Undefined otherwise: the listings
 * are read to their end.
 */
function sbomFound(sets: RuleSet[], image: ImageFacts): ((facts: DigestTrust) => boolean) | undefined {
  if (!statementRules(sets).every(r => r === 'sbom' || r === 'licenses')) return undefined
  const attesters = attestersOf(sets)
  const accepted = (s: SignatureFact, digest: string): boolean =>
    s.verified && s.subjects.includes(digest) && isAttester(attesters, s)
  // Every platform's in-index SBOM read and parsed (what the reader kept of it: its packages).
  const inIndex =
    image.platforms.length > 0 &&
    image.platforms.every(p =>
      (image.statements ?? []).some(
        st =>
          st.subject === p.digest &&
          isSbomPredicate(st.predicateType) &&
          (st.predicate as { ok?: unknown } | null)?.ok === true
      )
    )
  return facts => {
    const byAccepted = facts.signatures.filter(s => accepted(s, facts.digest))
    if (byAccepted.some(s => s.statement !== undefined && isSbomPredicate(s.statement.predicateType))) return true
    // An accepted signer signed the index: every platform's in-index SBOM is signed, nothing more is needed.
    return inIndex && facts.digest === image.digest && byAccepted.length > 0
  }
}

/** Each platform's SBOM, once what the image carries is read: when an sbom or licenses rule asked for SBOMs. */
function withSboms(
  ins: Inspection & { ok: true },
  sets: RuleSet[],
  asked: ((predicateType: string) => boolean) | undefined
): Inspection {
  if (!asked || ![SPDX_PREDICATE, CYCLONEDX_PREDICATE].some(asked)) return ins
  const attesters = attestersOf(sets)
  attachSboms(ins.facts, sig => isAttester(attesters, sig))
  // The in-index SBOMs are the platforms' now: what was kept of them is let go.
  if (ins.facts.statements) ins.facts.statements = ins.facts.statements.filter(st => !isSbomPredicate(st.predicateType))
  // So are the signed ones' documents, unless another rule reads them (a condition on an SBOM attestation).
  if (statementRules(sets).every(r => r === 'sbom' || r === 'licenses') && ins.facts.trust) {
    for (const t of [ins.facts.trust.top, ...ins.facts.trust.platforms])
      for (const sig of t.signatures)
        if (sig.statement && isSbomPredicate(sig.statement.predicateType))
          sig.statement = { predicateType: sig.statement.predicateType, predicate: null }
  }
  return ins
}
