/** signature, provenance, attestations: pure judgements over verified trust facts. */
import type { DigestTrust, SignatureFact, Signer } from '../../model/trust.js'
import { GITHUB_ACTIONS_ISSUER, SLSA_PROVENANCE_V1 } from '../../model/trust.js'
import { globMatch } from '../../core/glob.js'
import { formatReference } from '../../core/reference.js'
import type { AttestationCondition, ProvenanceRequirement, SignatureRequirement, Subject, Violation } from '../types.js'

/** At most this many reasons are listed in one finding. */
const MAX_REASONS = 4

export function describeSigner(signer: Signer | undefined): string {
  if (!signer) return 'an unknown signer'
  if (signer.kind === 'key') return `key ${signer.fingerprint}`
  if (signer.kind === 'notation') return `Notation certificate ${signer.subject} (trust policy ${signer.policy})`
  return `${signer.certificate.identity} (issuer ${signer.certificate.issuer})`
}

/**
 * Does a Notation signer satisfy a requirement's `notation`: it was verified by the run's trust policy, and by one
 * of the named statements when the requirement names some. (A quorum signer `{notation: name}` is `{policies: [name]}`.)
 */
export function acceptsNotation(notation: SignatureRequirement['notation'], signer: Signer | undefined): boolean {
  if (!notation || signer?.kind !== 'notation') return false
  return notation.policies === undefined || notation.policies.includes(signer.policy)
}

/** Is the signer one the requirement accepts? Keys by fingerprint; identities by glob matched whole, issuer exactly. */
export function acceptsSigner(req: SignatureRequirement, signer: Signer | undefined): boolean {
  if (!signer) return false
  if (signer.kind === 'key') return req.keys.some(k => k.fingerprint === signer.fingerprint)
  if (signer.kind === 'notation') return acceptsNotation(req.notation, signer)
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

/** The signing workflow: its repository, path and ref, from the build signer URI or the SAN. */
export function signingWorkflow(
  signer: Signer | undefined
): { repository: string; path: string; ref: string } | undefined {
  if (signer?.kind !== 'certificate') return undefined
  const uri = signer.certificate.buildSignerUri ?? signer.certificate.identity
  const m = /^https:\/\/[^/]+\/([^/@]+\/[^/@]+)\/([^@]+)@(.+)$/.exec(uri)
  return m ? { repository: m[1]!, path: m[2]!, ref: m[3]! } : undefined
}

/**
 * One entry of a provenance rule's `workflows`: `owner/repo/.github/workflows/release.yml`, a workflow of that
 * repository (a reusable one, when it is not the source repository), or a bare `.github/workflows/release.yml`,
 * which is the source repository's own; either may end in `@ref` (`@refs/tags/v*`), as `gh attestation verify
 * --signer-workflow` takes them. Globs in every part; undefined when the entry is neither form.
 */
export interface WorkflowPattern {
  /** `owner/repo`; undefined: the source repository. */
  repository?: string
  path: string
  ref?: string
}

const WORKFLOW_ENTRY = /^(?:([^./@\s][^/@\s]*\/[^/@\s]+)\/)?(\.github\/workflows\/[^@\s]+)(?:@(\S+))?$/

export function parseWorkflow(entry: string): WorkflowPattern | undefined {
  const m = WORKFLOW_ENTRY.exec(entry)
  if (!m) return undefined
  const p: WorkflowPattern = { path: m[2]! }
  if (m[1] !== undefined) p.repository = m[1]
  if (m[3] !== undefined) p.ref = m[3]
  return p
}

/** Does the workflow that signed, of provenance built from `source`, match the entry? Repositories case-insensitively. */
export function workflowMatches(
  entry: string,
  w: { repository: string; path: string; ref: string },
  source: string
): boolean {
  const p = parseWorkflow(entry)
  if (!p) return false
  const repository =
    p.repository === undefined
      ? w.repository.toLowerCase() === source.toLowerCase()
      : globMatch(p.repository.toLowerCase(), w.repository.toLowerCase())
  return repository && globMatch(p.path, w.path) && (p.ref === undefined || globMatch(p.ref, w.ref))
}

/** What the workflows of a rule accept, in words: a bare path is named with the source repository it means. */
function wantedWorkflows(entries: string[], source: string): string {
  const named = entries.map(e => (parseWorkflow(e)?.repository === undefined ? `${e} of ${source}` : e))
  return named.length === 1 ? `workflow ${named[0]}` : `one of the workflows ${named.join(', ')}`
}

/**
 * What a signed SLSA provenance statement from GitHub Actions says of the build: the repository, the ref and the
 * workflow. Undefined for anything else (another predicate, a key, another issuer), which is described by its signer.
 */
export function describeProvenance(sig: SignatureFact): string | undefined {
  if (
    sig.predicateType !== SLSA_PROVENANCE_V1 ||
    sig.signer?.kind !== 'certificate' ||
    sig.signer.certificate.issuer !== GITHUB_ACTIONS_ISSUER
  )
    return undefined
  const c = sig.signer.certificate
  const w = signingWorkflow(sig.signer)
  const repo = sourceRepository(sig.signer)
  return `built from ${repo ?? 'no named repository'}${c.sourceRepositoryRef ? ` at ${c.sourceRepositoryRef}` : ''} by ${w ? `${w.repository}/${w.path}@${w.ref}` : c.identity}`
}

/** Why a provenance statement does not count, or undefined when it does. */
export function provenanceProblem(req: ProvenanceRequirement, sig: SignatureFact): string | undefined {
  if (sig.predicateType !== SLSA_PROVENANCE_V1)
    return `its predicate is ${sig.predicateType ?? 'none'}, not ${SLSA_PROVENANCE_V1}`
  if (sig.signer?.kind !== 'certificate')
    return `it is signed by ${describeSigner(sig.signer)}, not by a GitHub Actions certificate`
  const c = sig.signer.certificate
  if (c.issuer !== GITHUB_ACTIONS_ISSUER)
    return `its certificate is from issuer ${c.issuer}, not ${GITHUB_ACTIONS_ISSUER}`
  const repo = sourceRepository(sig.signer)
  if (!repo) return `its certificate names no source repository (${c.identity})`
  if (!req.repositories.some(p => globMatch(p.toLowerCase(), repo.toLowerCase())))
    return `the rule wants a repository of ${req.repositories.join(', ')}`
  if (req.workflows?.length) {
    const w = signingWorkflow(sig.signer)
    // A bare path is the source repository's own workflow: a reusable workflow of another repository at the same
    // path is another workflow.
    if (!w || !req.workflows.some(p => workflowMatches(p, w, repo)))
      return `the rule wants ${wantedWorkflows(req.workflows, repo)}`
  }
  if (req.refs?.length) {
    const ref = c.sourceRepositoryRef
    if (!ref || !req.refs.some(p => globMatch(p, ref)))
      return `the rule wants a ref of ${req.refs.join(', ')}${ref ? '' : ' (the certificate names none)'}`
  }
  if (req.runner === 'github-hosted' && c.runnerEnvironment !== 'github-hosted') {
    return `it ran on a ${c.runnerEnvironment ?? 'unknown'} runner; the rule wants a GitHub-hosted one`
  }
  if (req.sourceDigest !== undefined && c.sourceRepositoryDigest?.toLowerCase() !== req.sourceDigest) {
    const built = c.sourceRepositoryDigest
      ? `it was built from commit ${c.sourceRepositoryDigest}`
      : 'its certificate names no commit'
    return `${built}; the rule wants commit ${req.sourceDigest}`
  }
  return undefined
}

/** How telling each kind of reason is: what was found and why it does not count first, bad signatures last. */
const RANK = { found: 0, other: 1, unsupported: 2, bad: 3 }

/**
 * Why what was read for one digest does not count, most telling first, at most MAX_REASONS of them: bad and
 * unsupported signatures, signatures over another digest, and (with `why`) verified signatures over this digest,
 * each with why it does not count; `found` may say what such a signature is, better than who signed it.
 */
export function readReasons(
  dt: DigestTrust,
  what: string,
  why?: (sig: SignatureFact, dt: DigestTrust) => string | undefined,
  found?: (sig: SignatureFact) => string | undefined
): string {
  const reasons = new Map<string, number>()
  for (const sig of dt.signatures) {
    const at = `${sig.format} in ${sig.place}`
    if (!sig.verified)
      reasons.set(
        `${sig.unsupported ? 'unsupported' : 'bad signature:'} ${at}: ${sig.reason ?? 'it does not verify'}`,
        sig.unsupported ? RANK.unsupported : RANK.bad
      )
    else if (!sig.subjects.includes(dt.digest)) {
      reasons.set(
        `${at}, signed by ${describeSigner(sig.signer)}, is for another digest (${sig.subjects.join(', ') || 'it names none'})`,
        RANK.other
      )
    } else if (why) {
      const is = found?.(sig)
      reasons.set(
        is
          ? `${what} found (${at}): ${is}; ${why(sig, dt)}`
          : `${at} is signed by ${describeSigner(sig.signer)}, but ${why(sig, dt)}`,
        RANK.found
      )
    }
  }
  const ranked = [...reasons].sort((a, b) => a[1] - b[1]).map(([r]) => r)
  const more = ranked.length > MAX_REASONS ? `; and ${ranked.length - MAX_REASONS} more` : ''
  return ranked.length > 0 ? `${ranked.slice(0, MAX_REASONS).join('; ')}${more}` : ''
}

/**
 * Does one digest's trust satisfy a requirement? `why` says why a verified signature over this digest does not
 * count (undefined: it counts); `found` may say what such a signature is, better than who signed it. Returns the
 * finding's message, or undefined when satisfied. Unless something read is accepted, a digest whose discovery
 * failed or was cut at a bound is "could not check", never "no accepted …".
 */
export function judgeDigest(
  dt: DigestTrust,
  what: string,
  why: (sig: SignatureFact, dt: DigestTrust) => string | undefined,
  found?: (sig: SignatureFact) => string | undefined
): string | undefined {
  // Asked once per signature: a policy condition behind `why` is metered against the run's budget.
  const said = new Map<SignatureFact, string | undefined>()
  const whyOnce = (sig: SignatureFact): string | undefined => {
    if (!said.has(sig)) said.set(sig, why(sig, dt))
    return said.get(sig)
  }
  const over = dt.signatures.filter(sig => sig.verified && sig.subjects.includes(dt.digest))
  if (over.some(sig => whyOnce(sig) === undefined)) return undefined
  const list = readReasons(dt, what, whyOnce, found)
  const read = list ? `; of what was read: ${list}` : ''
  if (dt.error)
    return `could not check ${what} of ${dt.digest}: discovery failed on ${dt.error.host}: ${dt.error.message}${read}`
  if (dt.unread?.length) return `could not check ${what} of ${dt.digest}: ${dt.unread.join('; ')}${read}`
  if (dt.signatures.length === 0) return `no ${what} found for ${dt.digest} (looked in ${dt.looked.join(', ')})`
  return `no accepted ${what} for ${dt.digest}: ${list}`
}

/**
 * A trust rule over an image, by a judgement of one digest's facts (a finding's message, or undefined when they
 * satisfy it): the top-level digest's facts decide; for an index whose top level does not satisfy it, every
 * platform's do, and each platform that fails is one violation.
 */
export function judgeImageBy(s: Subject, what: string, judge: (dt: DigestTrust) => string | undefined): Violation[] {
  const trust = s.facts.trust
  if (!trust) return [{ message: `no trust facts were gathered for the ${what} rule` }]
  const top = judge(trust.top)
  if (top === undefined) return []
  if (s.facts.kind !== 'index' || trust.platforms.length === 0) return [{ message: top }]
  const out: Violation[] = []
  for (const p of trust.platforms) {
    const m = judge(p)
    if (m !== undefined)
      out.push({
        platform: p.platform ?? 'unknown platform',
        message: `${m}; the index ${trust.top.digest} is not covered either`
      })
  }
  return out
}

function judgeImage(
  s: Subject,
  what: string,
  why: (sig: SignatureFact, dt: DigestTrust) => string | undefined,
  found?: (sig: SignatureFact) => string | undefined
): Violation[] {
  return judgeImageBy(s, what, dt => judgeDigest(dt, what, why, found))
}

export function checkSignature(s: Subject, req: SignatureRequirement): Violation[] {
  return judgeImage(s, 'signature', sig =>
    acceptsSigner(req, sig.signer) ? undefined : `that is not an accepted signer (${acceptedSigners(req)})`
  )
}

export function checkProvenance(s: Subject, req: ProvenanceRequirement): Violation[] {
  const claims = s.facts.trust?.claims ?? []
  // Beside BuildKit's unsigned claims, "no provenance found" would read as a contradiction: it is signed provenance that is missing.
  const v = judgeImage(
    s,
    claims.length > 0 ? 'signed provenance' : 'provenance',
    sig => provenanceProblem(req, sig),
    describeProvenance
  )
  if (v.length === 0 || claims.length === 0) return v
  // BuildKit's in-index provenance is unsigned: say what it claims, and that it proves nothing.
  const c = claims[0]!
  const what =
    [c.builder ? `builder ${c.builder}` : '', c.source ? `source ${c.source}` : ''].filter(Boolean).join(', ') ||
    c.predicateType
  return v.map(x => ({
    ...x,
    message: `${x.message} (the index carries unsigned BuildKit provenance claiming ${what}: a claim, not proof)`
  }))
}

/** Whose attestations count: those the applicable signature and provenance requirements accept. */
export interface Attesters {
  signature: SignatureRequirement[]
  provenance: ProvenanceRequirement[]
}

/** Does an applicable signature or provenance requirement accept who made this signature? */
export function isAttester(attesters: Attesters, sig: SignatureFact): boolean {
  return (
    attesters.signature.some(r => acceptsSigner(r, sig.signer)) ||
    attesters.provenance.some(r => provenanceProblem(r, { ...sig, predicateType: SLSA_PROVENANCE_V1 }) === undefined)
  )
}

export function checkAttestations(
  s: Subject,
  predicateTypes: string[],
  attesters: Attesters,
  conditions: AttestationCondition[] = []
): Violation[] {
  if (attesters.signature.length === 0 && attesters.provenance.length === 0) {
    return [
      {
        message:
          'attestations are required, but no signer is accepted: set signature-keys, signature-identities or provenance'
      }
    ]
  }
  const accepted = (sig: SignatureFact): boolean => isAttester(attesters, sig)
  const why =
    (type: string, condition?: AttestationCondition) =>
    (sig: SignatureFact, dt: DigestTrust): string | undefined => {
      if (sig.predicateType !== type) return `its predicate type is ${sig.predicateType ?? 'none (a signature)'}`
      if (!accepted(sig)) return 'that is not an accepted signer'
      return condition ? conditionProblem(condition, sig, s, dt) : undefined
    }
  // A type with a condition needs no plain check besides: a statement that satisfies the condition is one.
  const plain = predicateTypes.filter(t => !conditions.some(c => c.type === t))
  return [
    ...plain.map(type => ({ what: `${type} attestation`, why: why(type) })),
    ...conditions.map(c => ({ what: `${c.type} attestation`, why: why(c.type, c) }))
  ].flatMap(r => judgeImage(s, r.what, r.why))
}

/** Why a verified, accepted statement does not satisfy a condition; undefined when it does. */
function conditionProblem(
  c: AttestationCondition,
  sig: SignatureFact,
  s: Subject,
  dt: DigestTrust
): string | undefined {
  const at = `the condition at ${c.where}`
  if (!c.check) return `${at} was not compiled`
  // The verified statement, kept for the types a condition reads.
  const statement = sig.statement
  if (!statement) return `${at} cannot be checked: the statement was not kept`
  const outcome = c.check({
    predicateType: statement.predicateType,
    predicate: statement.predicate,
    subject: sig.subjects.map(d => ({ digest: digestMap(d) })),
    signer: {
      identity: sig.signer?.kind === 'certificate' ? sig.signer.certificate.identity : '',
      issuer: sig.signer?.kind === 'certificate' ? sig.signer.certificate.issuer : '',
      key: sig.signer?.kind === 'key' ? sig.signer.fingerprint : ''
    },
    image: { reference: formatReference(s.ref), digest: dt.digest, platform: dt.platform ?? '' }
  })
  return outcome === undefined ? undefined : `${at} is not met: ${outcome} (${c.expression})`
}

/** `{sha256: hex}` from `sha256:hex`, as an in-toto subject writes a digest. */
function digestMap(digest: string): Record<string, string> {
  const i = digest.indexOf(':')
  return i < 0 ? {} : { [digest.slice(0, i)]: digest.slice(i + 1) }
}

function acceptedSigners(req: SignatureRequirement): string {
  const parts = [
    ...req.keys.map(k => `key ${k.fingerprint}`),
    ...req.identities.map(i => `${i} (issuer ${req.issuer})`),
    ...(req.notation
      ? [
          req.notation.policies
            ? `Notation signatures of trust policy ${req.notation.policies.join(', ')}`
            : 'Notation signatures the trust policy accepts'
        ]
      : [])
  ]
  return `accepted: ${parts.join(', ')}`
}
