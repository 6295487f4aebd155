import type { Platform } from '../oci/platform.js'
import type { Reference } from '../core/reference.js'
import type { PublicKey } from '../trust/keys.js'
import type { ReferencePattern } from '../core/glob.js'
import type { ImageFacts } from '../model/facts.js'

export interface LabelRequirement {
  key: string
  /** The value must match this glob; absent: the label must only be present. */
  glob?: string
}

/** One set of expectations: the inputs form one for every image; each policy rule forms one for the images it names. */
export interface RuleSet {
  /** Where it was declared: `inputs`, or `policy.yml rules[2] (line 14)`. */
  source: string
  /** `warn`: its findings are warnings that do not fail the gate (a rule being rolled out); default: enforced. */
  mode?: 'warn'
  /** The images it applies to; undefined: every image. */
  images?: ReferencePattern[]
  platforms?: Platform[]
  baseImages?: string[]
  maxAge?: { seconds: number; text: string }
  digest?: string
  requireDigest?: boolean
  registries?: string[]
  labels?: LabelRequirement[]
  nonRoot?: boolean
  /** The base must be its tag's current image; `seconds` is the grace (0: none). */
  baseCurrent?: Grace
  /** A `name:tag@digest` reference must still be what its tag resolves to; `seconds` is the grace (0: none). */
  pinsCurrent?: Grace
  signature?: SignatureRequirement
  /** Named signers, of which `threshold` (and every one `required` names) must have signed: the signature rule. */
  quorum?: QuorumRequirement
  provenance?: ProvenanceRequirement
  /** Predicate types that must be attested by an accepted signer. */
  attestations?: string[]
  /**
   * Where its images' signatures and attestations are kept (cosign's COSIGN_REPOSITORY): their referrers and
   * `.sig`/`.att` tags are looked up there instead of the image's own repository.
   */
  signatureRepository?: { registry: string; repository: string }
  /** Entries of `attestations` with a condition: one of the type's accepted statements must satisfy it. */
  conditions?: AttestationCondition[]
  /** Every platform must have an SBOM; `signed`: one an accepted signer covers. */
  sbom?: 'present' | 'signed'
  /** Denied licences, SPDX ids or globs; `unknown: fail` fails a package whose licence is unknown. */
  licenses?: LicenseRequirement
  /** Known vulnerabilities at or above a severity fail (from the SBOM's packages and signed scanner reports). */
  vulnerabilities?: VulnerabilityRequirement
  /** The trusted root its keyless and bundle signatures verify against; undefined: the `trusted-root` input's. */
  trustedRoot?: TrustedRootFile
}

/** Licences a package may not be used under: `deny` holds SPDX ids or globs (`AGPL-*`). */
export interface LicenseRequirement {
  deny: string[]
  /** A package whose licence is unknown (none given, NOASSERTION, not an SPDX expression): `pass` by default. */
  unknown: 'pass' | 'fail'
}

/** The lowest severity that fails; `any` fails every vulnerability, those of unknown severity too. */
export type FailOn = 'critical' | 'high' | 'medium' | 'low' | 'any'
export const FAIL_ON: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'any']

export interface VulnerabilityRequirement {
  failOn: FailOn
  /** Only vulnerabilities with a fixed version fail. */
  fixableOnly: boolean
  /** How old a signed vulnerability report may be (from its scanFinishedOn). */
  maxReportAge: { seconds: number; text: string }
  /** Vulnerabilities this rule does not fail on, until a date, with a reason; matched by any alias. */
  ignore: VulnerabilityIgnore[]
}

export interface VulnerabilityIgnore {
  id: string
  /** `YYYY-MM-DD`, through the end of that day (UTC). */
  until: string
  reason: string
  /** `policy.yml rules[0].vulnerabilities.ignore[1] (line 9)`. */
  where: string
}

/** The default `max-report-age`: a scan older than a week misses what was published since. */
export const DEFAULT_MAX_REPORT_AGE = { seconds: 7 * 86_400, text: '7d' }

/** `true` (no grace: seconds 0) or a duration: a newer image is reported only once it is older than this. */
export interface Grace {
  seconds: number
  text: string
}

/** Largest Sigstore trusted root read (the `trusted-root` input, a rule's): a real one is a few KiB. */
export const TRUSTED_ROOT_MAX_BYTES = 4 * 1024 * 1024

/** A Sigstore trusted root a rule set names (`trusted-root`), read from the workspace; checked when a trust rule runs. */
export interface TrustedRootFile {
  /** The path as written in the policy file. */
  path: string
  text: string
  /** Where it was named, for messages: `policy.yml:7: rules[0].trusted-root`. */
  where: string
}

/** Who may sign: keys, or keyless identities (globs over the certificate SAN, matched whole) from one issuer. */
export interface SignatureRequirement {
  keys: PublicKey[]
  identities: string[]
  issuer: string
  /**
   * Notary Project (Notation) signatures verified by the run's trust policy count: any statement's (`{}`), or only
   * the named statements' (`policies`). Undefined: Notation signatures do not count.
   */
  notation?: { policies?: string[] }
}

/**
 * One signer of a quorum, by name: a key (or the keys of one signer, when it rotates them), a keyless identity (a
 * glob over the certificate SAN, matched whole) from one issuer, a Notation trust policy, or GitHub Actions of one
 * repository (a certificate whose source repository it is, whatever it signed). src/policy/rules/quorum.ts
 * `signedBy` says whether a verified signature is this signer's.
 */
export type NamedSigner = { name: string } & (
  | { kind: 'key'; keys: PublicKey[] }
  | { kind: 'keyless'; identity: string; issuer: string }
  | { kind: 'notation'; trustPolicy: string }
  | { kind: 'provenance'; repository: string }
)

/**
 * At least `threshold` distinct named signers signed the digest (one signer signing twice counts once), and every
 * signer `required` names is among them. A policy with signature-keys alone is the quorum of threshold 1.
 */
export interface QuorumRequirement {
  signers: NamedSigner[]
  threshold: number
  required: string[]
}

/** GitHub Actions of these repositories must have built the image, as signed SLSA provenance v1 says. */
export interface ProvenanceRequirement {
  /** `owner/repo` globs. */
  repositories: string[]
  /**
   * The workflows that may have signed: `owner/repo/.github/workflows/release.yml[@ref]`, or a bare
   * `.github/workflows/release.yml[@ref]`, the source repository's own (src/policy/rules/trust.ts `parseWorkflow`).
   */
  workflows?: string[]
  /** Globs over the source ref (`refs/tags/v*`). */
  refs?: string[]
  runner?: 'github-hosted'
  /** The commit it must have been built from (the certificate's source repository digest), lower case. */
  sourceDigest?: string
}

/** What a rule looks at. */
export interface Subject {
  input: string
  ref: Reference
  facts: ImageFacts
  now: Date
}

export interface Violation {
  platform?: string
  message: string
  /** The vulnerability ids it is about (an id and its aliases), for exceptions that name ids. */
  ids?: string[]
  /** Excused by the rule's own ignore entry: a notice naming its reason and date, not counted. */
  excepted?: { reason: string; until: string; where: string }
}

/** What a condition sees of one verified statement (src/policy/condition.ts). */
export interface ConditionInput {
  predicateType: string
  predicate: unknown
  /** The statement's subjects, as the in-toto statement lists them (`{name, digest}`). */
  subject: unknown[]
  /** Empty strings where not applicable: a key has no identity, a certificate no key. */
  signer: { identity: string; issuer: string; key: string }
  image: { reference: string; digest: string; platform: string }
}

/** Undefined: the statement satisfies the condition; else what it evaluated to, or why it could not be evaluated. */
export type ConditionCheck = (input: ConditionInput) => string | undefined

/** A CEL condition of an `attestations` entry of a policy rule. */
export interface AttestationCondition {
  type: string
  /** The expression as written. */
  expression: string
  /** Where it was written: `policy.yml:9`. */
  where: string
  /** `rules[0].attestations[1].condition` */
  path: string
  /** Set when the policy's conditions were compiled; a condition without it is never satisfied. */
  check?: ConditionCheck
}
