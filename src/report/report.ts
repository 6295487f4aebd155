import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { counts, type Finding } from '../policy/findings.js'
import { pinnedReference, formatReference } from '../core/reference.js'
import { redact } from '../core/secrets.js'
import { inertJson } from './escape.js'
import type { DigestTrust, Signer } from '../model/trust.js'
import type { NewerCreated, PinFacts, PlatformFacts } from '../model/facts.js'
import { platformLabel } from '../model/facts.js'
import type { GateResult, ImageResult } from '../gate/result.js'
import {
  reportVulnerabilities,
  vulnerabilityCounts,
  type ReportPlatformVulnerabilities,
  type SeverityCounts
} from './vulnerabilities.js'

/** The JSON report's schema version; bumped on any incompatible change, which is a new major version of the action. */
export const REPORT_VERSION = 1

export interface ReportPlatform {
  platform: string
  digest: string
  mediaType: string
  config: string
  created: string | null
  user: string | null
  labels: Record<string, string>
  layers: number
  /** Set when a base-images rule applied: the proven base, or null. */
  base?: { name: string; digest: string; via: 'claim' | 'layers'; layers: number } | null
  /** The base the image claims, and what became of the claim. */
  baseClaim?: { name: string; digest: string | null; source: string; status: string; detail: string | null } | null
  /** Set when a base-current rule applied: the tag the base was built from, and what it points to now. */
  baseCurrent?: ReportFreshness & { builtOn: string | null; via: 'claim' | 'base-images' | null; detail: string | null }
  /** Set when a vulnerabilities rule applied. */
  vulnerabilities?: ReportPlatformVulnerabilities
  /** Set when an sbom or licenses rule applied: the SBOM found, or null (`sbomProblems` says why one could not be used). */
  sbom?: ReportSbom | null
  sbomProblems?: string[]
}

/** The SBOM a platform's rules read. */
export interface ReportSbom {
  format: 'spdx' | 'cyclonedx'
  formatVersion: string
  /** `in-index` (BuildKit's attestation manifest) or `attestation` (a signed one). */
  source: 'in-index' | 'attestation'
  /** An accepted signer covers it. */
  signed: boolean
  /** The manifest that carried it. */
  manifest: string
  packages: number
}

/** What a tag points to now, and since when (the newer image's creation time, when it moved). */
export interface ReportFreshness {
  status: string
  tag: string | null
  current: string | null
  /** When the image the tag points to now was created, when that is not the image's own (base) image. */
  currentCreated: string | null
}

/** Who signed, as the report shows it. */
export type ReportSigner =
  | { kind: 'key'; fingerprint: string }
  /** A Notation signature: its leaf certificate's subject, the trust policy statement that verified it, its level. */
  | { kind: 'notation'; subject: string; policy: string; level: string }
  | {
      kind: 'certificate'
      identity: string
      issuer: string
      repository: string | null
      workflow: string | null
      ref: string | null
      commit: string | null
      runnerEnvironment: string | null
    }

export interface ReportSignature {
  /** Where it was found: `referrers API`, `referrers tag sha256-…`, `tag sha256-….sig`, `tag sha256-….att`. */
  place: string
  format: string
  /** The digest of the manifest that carries it. */
  manifest: string
  verified: boolean
  /** Why it did not verify. */
  reason: string | null
  signer: ReportSigner | null
  /** The digests the verified payload names. */
  covers: string[]
  predicateType: string | null
  time: string | null
  /** What the verification only logged (a Notation level that logs expiry); absent when nothing was. */
  logged?: string[]
}

export interface ReportTrust {
  digest: string
  /** null for the top level. */
  platform: string | null
  looked: string[]
  error: { host: string; message: string } | null
  /** The bounds reached before all that was listed was read; null when none was, or the rules were satisfied first. */
  unread: string[] | null
  signatures: ReportSignature[]
}

export interface ReportQuorum {
  /** The policy rule that declared it. */
  source: string
  threshold: number
  required: string[]
  signers: string[]
  digests: Array<{
    digest: string
    platform: string | null
    satisfied: boolean
    signed: string[]
    missing: string[]
    requiredMissing: string[]
    /** Signers of verified signatures over the digest that are not in the list. */
    others: string[]
  }>
}

export interface ReportImage {
  input: string
  reference: string | null
  registry: string | null
  repository: string | null
  tag: string | null
  digest: string | null
  pinned: string | null
  mediaType: string | null
  kind: 'index' | 'image' | null
  platforms: ReportPlatform[]
  attestations: number
  /** Set for a `name:tag@digest` reference when a pins-current rule applied. */
  pin?: ReportFreshness & { pinned: string; error: string | null }
  /** Set when a signature, provenance or attestations rule applied: the top level, then each platform looked at. */
  trust?: {
    digests: ReportTrust[]
    claims: Array<{ subject: string; predicateType: string; builder: string | null; source: string | null }>
    /** Each quorum (signers, threshold) that applied: who signed each digest judged, and who did not. */
    quorums?: ReportQuorum[]
  }
  /** Set when a vulnerabilities rule applied and every platform was checked: distinct vulnerabilities, by severity. */
  vulnerabilityCounts?: SeverityCounts
  /** Each rule that applied to the image and its verdict. */
  checks: Record<string, 'pass' | 'fail' | 'warn'>
  status: 'pass' | 'fail' | 'error'
  error: { kind: string; host: string | null; message: string } | null
}

export interface Report {
  version: number
  tool: { name: 'image-gate'; version: string }
  result: 'pass' | 'fail'
  violations: number
  failBuild: boolean
  /** The rules that were turned on, by the inputs or the policy file. */
  rules: string[]
  images: ReportImage[]
  findings: Array<{
    rule: string
    image: string
    reference: string | null
    platform: string | null
    /** `error` fails the gate; `warning`: a rule in warn mode, or any finding with fail-build false; `notice`: excepted. */
    severity: 'error' | 'warning' | 'notice'
    /** `warn`: from a rule set rolled out in warn mode. */
    mode: 'enforce' | 'warn'
    /** The policy exception that covers it, until its date. */
    exception: { reason: string; until: string; where: string } | null
    message: string
    /** Where the image is referenced in the repository's files (empty for images from the images input). */
    locations: Array<{ file: string; line: number; col: number }>
    /** A vulnerability finding's ids: the one it is shown by, then its aliases. */
    ids?: string[]
  }>
  /** File references that could not be verified: unresolved variables, files that do not parse. */
  warnings: Array<{ file: string; line: number; col: number; message: string; level?: 'notice' }>
  registries: Array<{ registry: string; requests: number; tokenRequests: number; rateLimitRemaining: string | null }>
  /** The policy's exceptions: how many findings each covered, and whether it has expired. */
  exceptions: Array<{ where: string; until: string; reason: string; expired: boolean; applied: number }>
}

export const TOOL_VERSION = '1.0.0'

/** The newer image's creation time as written (config `created`, else the created annotation). */
function newerCreated(n: NewerCreated | undefined): string | null {
  return n?.created ?? n?.annotation ?? null
}

/**
 * A rule's verdict for one image: `fail` when a finding of it counts, `warn` when its only findings are warnings (warn
 * mode) or excepted, else `pass`; an image that could not be inspected fails every rule.
 */
function checkOf(rule: string, error: boolean, findings: Finding[]): 'pass' | 'fail' | 'warn' {
  if (error) return 'fail'
  const mine = findings.filter(f => f.rule === rule)
  return mine.some(counts) ? 'fail' : mine.length > 0 ? 'warn' : 'pass'
}

export function buildReport(gate: GateResult, failBuild: boolean): Report {
  const byImage = new Map<string, Finding[]>()
  for (const f of gate.findings) byImage.set(f.image, [...(byImage.get(f.image) ?? []), f])
  return {
    version: REPORT_VERSION,
    tool: { name: 'image-gate', version: TOOL_VERSION },
    result: gate.findings.some(counts) ? 'fail' : 'pass',
    violations: gate.findings.filter(counts).length,
    failBuild,
    rules: gate.rules,
    images: gate.images.map(img => reportImage(img, byImage.get(img.input) ?? [])),
    findings: gate.findings.map(f => ({
      rule: f.rule,
      image: f.image,
      reference: f.reference ?? null,
      platform: f.platform ?? null,
      severity: f.excepted ? 'notice' : f.mode === 'warn' || !failBuild ? 'warning' : 'error',
      mode: f.mode ?? 'enforce',
      exception: f.excepted ? { ...f.excepted, reason: redact(f.excepted.reason) } : null,
      message: redact(f.message),
      locations: gate.locations.get(f.image) ?? [],
      ...(f.ids ? { ids: f.ids } : {})
    })),
    warnings: gate.fileWarnings.map(w => ({ ...w, message: redact(w.message) })),
    registries: gate.registries.map(r => ({ ...r, rateLimitRemaining: r.rateLimitRemaining ?? null })),
    exceptions: gate.exceptions.map(e => ({ ...e, reason: redact(e.reason) }))
  }
}

/** One image of the report: its facts, the verdict of each rule that applied (`findings`: the image's own), or its error. */
function reportImage(img: ImageResult, findings: Finding[]): ReportImage {
  const facts = img.facts
  return {
    input: img.input,
    reference: img.ref ? formatReference(img.ref) : null,
    registry: img.ref?.registry ?? null,
    repository: img.ref?.repository ?? null,
    tag: img.ref?.tag ?? null,
    digest: facts?.digest ?? null,
    pinned: img.ref && facts ? pinnedReference(img.ref, facts.digest) : null,
    mediaType: facts?.mediaType ?? null,
    kind: facts?.kind ?? null,
    platforms: (facts?.platforms ?? []).map(reportPlatform),
    attestations: facts?.attestations.length ?? 0,
    ...(facts?.pin ? { pin: reportPin(facts.pin) } : {}),
    ...(facts?.trust
      ? {
          trust: {
            digests: [facts.trust.top, ...facts.trust.platforms].map(reportTrust),
            claims: facts.trust.claims.map(c => ({
              subject: c.subject,
              predicateType: c.predicateType,
              builder: c.builder ?? null,
              source: c.source ?? null
            })),
            ...(img.quorums
              ? {
                  quorums: img.quorums.map(q => ({
                    source: q.source,
                    threshold: q.threshold,
                    required: q.required,
                    signers: q.signers,
                    digests: q.digests.map(d => ({
                      digest: d.digest,
                      platform: d.platform ?? null,
                      satisfied: d.satisfied,
                      signed: d.signed,
                      missing: d.missing,
                      requiredMissing: d.requiredMissing,
                      others: d.others
                    }))
                  }))
                }
              : {})
          }
        }
      : {}),
    ...vulnerabilitySummary(facts),
    checks: Object.fromEntries(img.rules.map(r => [r, checkOf(r, img.error !== undefined, findings)] as const)),
    status: img.error ? 'error' : findings.some(counts) ? 'fail' : 'pass',
    error: img.error ? { kind: img.error.kind, host: img.error.host ?? null, message: redact(img.error.message) } : null
  }
}

/** An image's distinct vulnerabilities by severity, when a vulnerabilities rule applied and every platform was checked. */
function vulnerabilitySummary(facts: ImageResult['facts']): Pick<ReportImage, 'vulnerabilityCounts'> {
  const counts = facts ? vulnerabilityCounts(facts) : undefined
  return counts ? { vulnerabilityCounts: counts } : {}
}

function reportPlatform(p: PlatformFacts): ReportPlatform {
  return {
    platform: platformLabel(p),
    digest: p.digest,
    mediaType: p.mediaType,
    config: p.configDescriptor.digest,
    created: p.config?.created ?? null,
    user: p.config ? p.config.user : null,
    labels: p.config?.labels ?? {},
    layers: p.layers.length,
    ...(p.base
      ? {
          base: p.base.proven[0]
            ? {
                name: p.base.proven[0].name,
                digest: p.base.proven[0].digest,
                via: p.base.proven[0].via,
                layers: p.base.proven[0].layers
              }
            : null,
          baseClaim: p.base.claim
            ? {
                name: p.base.claim.name,
                digest: p.base.claim.digest ?? null,
                source: p.base.claim.source,
                status: p.base.claim.status,
                detail: p.base.claim.detail ?? null
              }
            : null
        }
      : {}),
    ...(p.baseCurrent
      ? {
          baseCurrent: {
            status: p.baseCurrent.status,
            tag: p.baseCurrent.tag ?? null,
            builtOn: p.baseCurrent.builtOn ?? null,
            via: p.baseCurrent.via ?? null,
            current: p.baseCurrent.current ?? null,
            currentCreated: newerCreated(p.baseCurrent.newer),
            detail: p.baseCurrent.detail ?? null
          }
        }
      : {}),
    ...(p.content ? reportSbom(p) : {}),
    ...(p.content?.vulnerabilities ? { vulnerabilities: reportVulnerabilities(p)! } : {})
  }
}

function reportSbom(p: PlatformFacts): Pick<ReportPlatform, 'sbom' | 'sbomProblems'> {
  const s = p.content?.sbom
  return {
    sbom: s
      ? {
          format: s.format,
          formatVersion: s.formatVersion,
          source: s.source,
          signed: s.signed,
          manifest: s.manifest,
          packages: s.packages.length
        }
      : null,
    ...(p.content?.sbomProblems?.length ? { sbomProblems: p.content.sbomProblems } : {})
  }
}

/** What the tag of a `name:tag@digest` reference points to now: the pin is current while it still names the pinned image. */
function reportPin(pin: PinFacts): NonNullable<ReportImage['pin']> {
  return {
    status: pin.error !== undefined ? 'unknown' : pin.current === pin.pinned || pin.listed ? 'current' : 'moved',
    tag: pin.tag,
    pinned: pin.pinned,
    current: pin.current ?? null,
    currentCreated: newerCreated(pin.newer),
    error: pin.error === undefined ? null : redact(pin.error)
  }
}

export function reportSigner(signer: Signer | undefined): ReportSigner | null {
  if (!signer) return null
  if (signer.kind === 'key') return { kind: 'key', fingerprint: signer.fingerprint }
  if (signer.kind === 'notation')
    return { kind: 'notation', subject: signer.subject, policy: signer.policy, level: signer.level }
  const c = signer.certificate
  return {
    kind: 'certificate',
    identity: c.identity,
    issuer: c.issuer,
    repository: c.sourceRepository ?? null,
    workflow: c.buildSignerUri ?? null,
    ref: c.sourceRepositoryRef ?? null,
    commit: c.sourceRepositoryDigest ?? null,
    runnerEnvironment: c.runnerEnvironment ?? null
  }
}

function reportTrust(t: DigestTrust): ReportTrust {
  return {
    digest: t.digest,
    platform: t.platform ?? null,
    looked: t.looked,
    error: t.error ? { host: t.error.host, message: redact(t.error.message) } : null,
    unread: t.unread ?? null,
    signatures: t.signatures.map(sig => ({
      place: sig.place,
      format: sig.format,
      manifest: sig.manifest,
      verified: sig.verified,
      reason: sig.reason ?? null,
      signer: reportSigner(sig.signer),
      covers: sig.subjects,
      predicateType: sig.predicateType ?? null,
      time: sig.time ?? null,
      ...(sig.logged?.length ? { logged: sig.logged.map(redact) } : {})
    }))
  }
}

export function writeReport(report: Report, path: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, inertJson(report))
}
