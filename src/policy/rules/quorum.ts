/**
 * Quorums: a policy rule's `signers`, `threshold` and `required`, judged as part of the signature rule. A quorum
 * counts the distinct named signers whose verified signatures name the digest: one signer signing twice counts
 * once, one party (a key, a certificate's identity) counts for at most one named signer however many names its
 * signatures match, and a signature from a signer not in the list counts for nothing (the finding names it).
 */
import type { DigestTrust, SignatureFact } from '../../model/trust.js'
import type { NamedSigner, QuorumRequirement, RuleSet, Subject, Violation } from '../types.js'
import type { ImageFacts } from '../../model/facts.js'
import { describeSigner, isAttester, judgeImageBy, readReasons } from './trust.js'
import { signerAttesters } from '../attesters.js'

/** At most this many signers not in the list are named in one finding (the report lists them all). */
const MAX_OTHERS = 4

/** What a quorum is called in its findings. */
const WHAT = 'signature quorum'

/**
 * Is a verified signature this signer's? As the requirements it stands for accept it (`signerAttesters`), so a
 * signer counts in a quorum exactly when its attestations count: keys by fingerprint; a keyless identity as
 * signature-identities matches (glob matched whole, issuer exactly); a provenance signer is GitHub Actions of its
 * repository, as the provenance rule matches it, whatever the statement's predicate (a signature made by that
 * repository's workflows). A Notation signer is the trust policy statement that verified the signature (the policy
 * loader refuses Notation signers until this build verifies Notation signatures).
 */
export function signedBy(signer: NamedSigner, sig: SignatureFact): boolean {
  return sig.verified && isAttester(signerAttesters(signer), sig)
}

/** Who of a quorum signed one digest, who did not, and who signed that is not in it. */
export interface QuorumOutcome {
  digest: string
  platform?: string
  threshold: number
  signed: string[]
  missing: string[]
  /** Required signers that did not sign. */
  requiredMissing: string[]
  /** Signers of verified signatures over the digest that are not in the list, described. */
  others: string[]
  satisfied: boolean
}

/**
 * Who made a verified signature, as one party: a key by its fingerprint, a certificate by its issuer and identity, a
 * Notation certificate by its subject. Two signatures of one party are one signer, wherever they were found.
 */
function partyOf(sig: SignatureFact): string {
  const s = sig.signer
  if (!s) return `unknown ${sig.manifest}`
  if (s.kind === 'key') return `key ${s.fingerprint}`
  if (s.kind === 'notation') return `notation ${s.subject}`
  return `certificate ${s.certificate.issuer}\n${s.certificate.identity}`
}

/**
 * Which named signers signed: each party that signed counts for at most one named signer, even when the signers'
 * identities overlap (`acme/**` and `acme/app/**`, or a provenance signer and a keyless identity of one workflow):
 * one signature never meets a threshold of two. A maximum matching of signers to parties (augmenting paths),
 * the required signers matched first: a signer once matched stays matched, so as many required signers as can be
 * are, and as many signers in all.
 */
function matchSigners(q: QuorumRequirement, over: SignatureFact[]): Set<string> {
  const parties = new Map<string, SignatureFact[]>()
  for (const sig of over) {
    const p = partyOf(sig)
    parties.set(p, [...(parties.get(p) ?? []), sig])
  }
  const names = [...parties.keys()]
  const can = new Map(q.signers.map(n => [n.name, names.filter(p => parties.get(p)!.some(sig => signedBy(n, sig)))]))
  const holder = new Map<string, string>()
  const augment = (name: string, seen: Set<string>): boolean => {
    for (const p of can.get(name)!) {
      if (seen.has(p)) continue
      seen.add(p)
      const other = holder.get(p)
      if (other === undefined || augment(other, seen)) {
        holder.set(p, name)
        return true
      }
    }
    return false
  }
  const order = [
    ...q.signers.filter(n => q.required.includes(n.name)),
    ...q.signers.filter(n => !q.required.includes(n.name))
  ]
  for (const n of order) augment(n.name, new Set())
  return new Set(holder.values())
}

export function quorumOutcome(q: QuorumRequirement, dt: DigestTrust): QuorumOutcome {
  const over = dt.signatures.filter(sig => sig.verified && sig.subjects.includes(dt.digest))
  const matched = matchSigners(q, over)
  const signed = q.signers.filter(n => matched.has(n.name)).map(n => n.name)
  const missing = q.signers.map(n => n.name).filter(n => !signed.includes(n))
  const requiredMissing = q.required.filter(n => !signed.includes(n))
  const others = [
    ...new Set(over.filter(sig => !q.signers.some(n => signedBy(n, sig))).map(sig => describeSigner(sig.signer)))
  ]
  const out: QuorumOutcome = {
    digest: dt.digest,
    threshold: q.threshold,
    signed,
    missing,
    requiredMissing,
    others,
    satisfied: signed.length >= q.threshold && requiredMissing.length === 0
  }
  if (dt.platform !== undefined) out.platform = dt.platform
  return out
}

/** "2 of 3 required signers signed (release, security); missing: qa", and what else was found. */
export function describeQuorum(o: QuorumOutcome): string {
  const parts = [
    `${o.signed.length} of ${o.threshold} required signer${o.threshold === 1 ? '' : 's'} signed${o.signed.length > 0 ? ` (${o.signed.join(', ')})` : ''}`
  ]
  if (o.missing.length > 0) parts.push(`missing: ${o.missing.join(', ')}`)
  if (o.requiredMissing.length > 0)
    parts.push(
      `${o.requiredMissing.join(', ')} ${o.requiredMissing.length === 1 ? 'is' : 'are'} required and did not sign`
    )
  if (o.others.length > 0) {
    const more = o.others.length > MAX_OTHERS ? `, and ${o.others.length - MAX_OTHERS} more` : ''
    parts.push(`also signed by signers not in the list: ${o.others.slice(0, MAX_OTHERS).join(', ')}${more}`)
  }
  return parts.join('; ')
}

/**
 * One digest's facts against a quorum: the finding's message, or undefined when satisfied. Unless the quorum is
 * met by what was read, a digest whose discovery failed or was cut at a bound is "could not check".
 */
export function judgeQuorum(q: QuorumRequirement, dt: DigestTrust): string | undefined {
  const o = quorumOutcome(q, dt)
  if (o.satisfied) return undefined
  const counted = describeQuorum(o)
  const list = readReasons(dt, WHAT)
  const read = `; of what was read: ${counted}${list ? `; ${list}` : ''}`
  if (dt.error)
    return `could not check ${WHAT} of ${dt.digest}: discovery failed on ${dt.error.host}: ${dt.error.message}${read}`
  if (dt.unread?.length) return `could not check ${WHAT} of ${dt.digest}: ${dt.unread.join('; ')}${read}`
  if (dt.signatures.length === 0)
    return `${WHAT} not met for ${dt.digest}: ${counted}; no signature found (looked in ${dt.looked.join(', ')})`
  return `${WHAT} not met for ${dt.digest}: ${counted}${list ? `; ${list}` : ''}`
}

export function checkQuorum(s: Subject, q: QuorumRequirement): Violation[] {
  return judgeImageBy(s, WHAT, dt => judgeQuorum(q, dt))
}

/** One quorum of a rule set, over each digest it was judged on: who signed and who did not. */
export interface QuorumReport {
  /** The rule set that declared it: `policy.yml rules[2] (line 14)`. */
  source: string
  threshold: number
  required: string[]
  signers: string[]
  /** The top level, then each platform when the top level does not meet it. */
  digests: QuorumOutcome[]
}

/** Every quorum of these rule sets over an image's trust facts, for the report. */
export function quorumReports(sets: RuleSet[], facts: ImageFacts): QuorumReport[] {
  const trust = facts.trust
  if (!trust) return []
  return sets.flatMap(rs => {
    const q = rs.quorum
    if (!q) return []
    const top = quorumOutcome(q, trust.top)
    const digests =
      top.satisfied || facts.kind !== 'index' ? [top] : [top, ...trust.platforms.map(p => quorumOutcome(q, p))]
    return [
      { source: rs.source, threshold: q.threshold, required: q.required, signers: q.signers.map(n => n.name), digests }
    ]
  })
}
