/** signature, provenance, attestations: pure judgements over verified trust facts (DESIGN §7). */
import type { DigestTrust, SignatureFact, Signer } from '../../trust/types.js'
import { GITHUB_ACTIONS_ISSUER, SLSA_PROVENANCE_V1 } from '../../trust/types.js'
import { globMatch } from '../glob.js'
import type { ProvenanceRequirement, SignatureRequirement, Subject, Violation } from '../types.js'

/** At most this many reasons are listed in one finding. */
const MAX_REASONS = 4

export function describeSigner(signer: Signer | undefined): string {
  if (!signer) return 'an unknown signer'
  if (signer.kind === 'key') return `key ${signer.fingerprint}`
  return `${signer.certificate.identity} (issuer ${signer.certificate.issuer})`
}

/** Is the signer one the requirement accepts? Keys by fingerprint; identities by glob matched whole, issuer exactly. */
export function acceptsSigner(req: SignatureRequirement, signer: Signer | undefined): boolean {
  if (!signer) return false
  if (signer.kind === 'key') return req.keys.some(k => k.fingerprint === signer.fingerprint)
  const c = signer.certificate
  return c.issuer === req.issuer && req.identities.some(g => globMatch(g, c.identity))
}

/** `owner/repo` of a GitHub URL: the source repository extension, else the SAN's first two path segments. */
export function sourceRepository(signer: Signer | undefined): string | undefined {
  if (signer?.kind !== 'certificate') return undefined
  const from = (url: string | undefined): string | undefined => {
    if (!url) return undefined
    const m = /^https:\/\/[^/]+\/([^/@]+)\/([^/@]+)/.exec(url)
    return m ? `${m[1]}/${m[2]}` : undefined
  }
  return from(signer.certificate.sourceRepository) ?? from(signer.certificate.identity)
}

/** The signing workflow's path (`.github/workflows/release.yml`) and its repository, from the build signer URI or the SAN. */
export function signingWorkflow(signer: Signer | undefined): { repository: string; path: string } | undefined {
  if (signer?.kind !== 'certificate') return undefined
  const uri = signer.certificate.buildSignerUri ?? signer.certificate.identity
  const m = /^https:\/\/[^/]+\/([^/@]+\/[^/@]+)\/([^@]+)@/.exec(uri)
  return m ? { repository: m[1]!, path: m[2]! } : undefined
}

/** Why a provenance statement does not count, or undefined when it does. */
export function provenanceProblem(req: ProvenanceRequirement, sig: SignatureFact): string | undefined {
  if (sig.predicateType !== SLSA_PROVENANCE_V1) return `its predicate is ${sig.predicateType ?? 'none'}, not ${SLSA_PROVENANCE_V1}`
  if (sig.signer?.kind !== 'certificate') return `it is signed by ${describeSigner(sig.signer)}, not by a GitHub Actions certificate`
  const c = sig.signer.certificate
  if (c.issuer !== GITHUB_ACTIONS_ISSUER) return `its certificate is from issuer ${c.issuer}, not ${GITHUB_ACTIONS_ISSUER}`
  const repo = sourceRepository(sig.signer)
  if (!repo) return `its certificate names no source repository (${c.identity})`
  if (!req.repositories.some(p => globMatch(p.toLowerCase(), repo.toLowerCase()))) {
    return `it was built from ${repo}, which is not one of ${req.repositories.join(', ')}`
  }
  if (req.workflows?.length) {
    const w = signingWorkflow(sig.signer)
    if (!w || !req.workflows.some(p => globMatch(p, w.path) || globMatch(p, `${w.repository}/${w.path}`))) {
      return `it was signed by workflow ${w ? `${w.repository}/${w.path}` : 'unknown'}, which is not one of ${req.workflows.join(', ')}`
    }
  }
  if (req.refs?.length) {
    const ref = c.sourceRepositoryRef
    if (!ref || !req.refs.some(p => globMatch(p, ref))) return `it was built from ref ${ref ?? 'unknown'}, which is not one of ${req.refs.join(', ')}`
  }
  if (req.runner === 'github-hosted' && c.runnerEnvironment !== 'github-hosted') {
    return `it was built on a ${c.runnerEnvironment ?? 'unknown'} runner, not a GitHub-hosted one`
  }
  return undefined
}

/** How telling each kind of reason is: what was found and why it does not count first, bad signatures last. */
const RANK = { found: 0, other: 1, unsupported: 2, bad: 3 }

/**
 * Does one digest's trust satisfy a requirement? `why` says why a verified signature over this digest does not
 * count (undefined: it counts); `found` may say what such a signature is, better than who signed it. Returns the
 * finding's message, or undefined when satisfied. Unless something read is accepted, a digest whose discovery
 * failed or was cut at a bound is "could not check", never "no accepted …".
 */
export function judgeDigest(dt: DigestTrust, what: string, why: (sig: SignatureFact) => string | undefined, found?: (sig: SignatureFact) => string | undefined): string | undefined {
  const over = dt.signatures.filter(sig => sig.verified && sig.subjects.includes(dt.digest))
  if (over.some(sig => why(sig) === undefined)) return undefined
  const reasons = new Map<string, number>()
  for (const sig of dt.signatures) {
    const at = `${sig.format} in ${sig.place}`
    if (!sig.verified) reasons.set(`${sig.unsupported ? 'unsupported' : 'bad signature:'} ${at}: ${sig.reason ?? 'it does not verify'}`, sig.unsupported ? RANK.unsupported : RANK.bad)
    else if (!sig.subjects.includes(dt.digest)) {
      reasons.set(`${at}, signed by ${describeSigner(sig.signer)}, is for another digest (${sig.subjects.join(', ') || 'it names none'})`, RANK.other)
    } else {
      const is = found?.(sig)
      reasons.set(is ? `${what} found (${at}): ${is}; ${why(sig)}` : `${at} is signed by ${describeSigner(sig.signer)}, but ${why(sig)}`, RANK.found)
    }
  }
  const ranked = [...reasons].sort((a, b) => a[1] - b[1]).map(([r]) => r)
  const more = ranked.length > MAX_REASONS ? `; and ${ranked.length - MAX_REASONS} more` : ''
  const list = ranked.length > 0 ? `${ranked.slice(0, MAX_REASONS).join('; ')}${more}` : ''
  const read = list ? `; of what was read: ${list}` : ''
  if (dt.error) return `could not check ${what} of ${dt.digest}: discovery failed on ${dt.error.host}: ${dt.error.message}${read}`
  if (dt.unread?.length) return `could not check ${what} of ${dt.digest}: ${dt.unread.join('; ')}${read}`
  if (dt.signatures.length === 0) return `no ${what} found for ${dt.digest} (looked in ${dt.looked.join(', ')})`
  return `no accepted ${what} for ${dt.digest}: ${list}`
}

/**
 * A trust rule over an image: the top-level digest's facts decide; for an index whose top level does not satisfy
 * it, every platform's do, and each platform that fails is one violation.
 */
function judgeImage(s: Subject, what: string, why: (sig: SignatureFact) => string | undefined, found?: (sig: SignatureFact) => string | undefined): Violation[] {
  const trust = s.facts.trust
  if (!trust) return [{ message: `no trust facts were gathered for the ${what} rule` }]
  const top = judgeDigest(trust.top, what, why, found)
  if (top === undefined) return []
  if (s.facts.kind !== 'index' || trust.platforms.length === 0) return [{ message: top }]
  const out: Violation[] = []
  for (const p of trust.platforms) {
    const m = judgeDigest(p, what, why, found)
    if (m !== undefined) out.push({ platform: p.platform ?? 'unknown platform', message: `${m}; the index ${trust.top.digest} is not covered either` })
  }
  return out
}

export function checkSignature(s: Subject, req: SignatureRequirement): Violation[] {
  return judgeImage(s, 'signature', sig => (acceptsSigner(req, sig.signer) ? undefined : `that is not an accepted signer (${acceptedSigners(req)})`))
}

export function checkProvenance(s: Subject, req: ProvenanceRequirement): Violation[] {
  const v = judgeImage(s, 'provenance', sig => provenanceProblem(req, sig))
  const claims = s.facts.trust?.claims ?? []
  if (v.length === 0 || claims.length === 0) return v
  // BuildKit's in-index provenance is unsigned: say what it claims, and that it proves nothing.
  const c = claims[0]!
  const what = [c.builder ? `builder ${c.builder}` : '', c.source ? `source ${c.source}` : ''].filter(Boolean).join(', ') || c.predicateType
  return v.map(x => ({ ...x, message: `${x.message} (the index carries unsigned BuildKit provenance claiming ${what}: a claim, not proof)` }))
}

/** Whose attestations count: those the applicable signature and provenance requirements accept. */
export interface Attesters {
  signature: SignatureRequirement[]
  provenance: ProvenanceRequirement[]
}

export function checkAttestations(s: Subject, predicateTypes: string[], attesters: Attesters): Violation[] {
  if (attesters.signature.length === 0 && attesters.provenance.length === 0) {
    return [{ message: 'attestations are required, but no signer is accepted: set signature-keys, signature-identities or provenance' }]
  }
  const accepted = (sig: SignatureFact): boolean =>
    attesters.signature.some(r => acceptsSigner(r, sig.signer)) ||
    attesters.provenance.some(r => provenanceProblem(r, { ...sig, predicateType: SLSA_PROVENANCE_V1 }) === undefined)
  return predicateTypes.flatMap(type =>
    judgeImage(s, `${type} attestation`, sig =>
      sig.predicateType !== type ? `its predicate type is ${sig.predicateType ?? 'none (a signature)'}` : accepted(sig) ? undefined : 'that is not an accepted signer'
    )
  )
}

function acceptedSigners(req: SignatureRequirement): string {
  const parts = [...req.keys.map(k => `key ${k.fingerprint}`), ...req.identities.map(i => `${i} (issuer ${req.issuer})`)]
  return `accepted: ${parts.join(', ')}`
}
