/**
 * Every rule of the gate, in one table: its name (what the report, annotations, SARIF and summary call it), the
 * policy keys and inputs that turn it on, what inspection must gather for it, its check, and its help text. Rule
 * names, the order of the summary's rules, what is fetched, evaluation and SARIF's rule descriptors all come from
 * here; `policy.schema.json` is checked against it by a test. A new rule is one entry here and its check.
 */
import { checkDigest } from './digest.js'
import { checkLabels } from './labels.js'
import { checkMaxAge } from './max-age.js'
import { checkNonRoot } from './non-root.js'
import { checkPlatforms } from './platforms.js'
import { checkRegistries } from './registries.js'
import { checkRequireDigest } from './require-digest.js'
import type { Attesters } from './trust.js'
import { VULNERABILITY_PREDICATES, isSbomPredicate } from '../../content/predicates.js'
import type { RuleSet, Subject, Violation } from '../types.js'

/** What a rule's check may look at beyond its own rule set: the signers every applicable rule set accepts. */
export interface RuleContext {
  attesters: Attesters
}

export interface RuleDef<N extends string = string> {
  name: N
  /** The policy keys (and the inputs of the same names) that turn it on. */
  keys: readonly string[]
  /** Keys of a policy rule alone (no input has their name) that turn it on or shape it. */
  policyKeys?: readonly string[]
  /** Whether a rule set turns it on. */
  enabled: (rs: RuleSet) => boolean
  /**
   * What inspection must gather for it: configs (one request per platform), signatures and attestations, and the
   * in-toto statements of the predicate types `statements` asks for (verified ones, and the index's in-index ones).
   */
  needs: {
    config?: boolean
    /** Signatures and attestations: always, or for the rule sets this says (`sbom: signed`, not `sbom: true`). */
    trust?: boolean | ((rs: RuleSet) => boolean)
    statements?: (predicateType: string, rs: RuleSet) => boolean
    /** Whether a rule set that turns it on asks for any statement (default: it does). */
    asksStatements?: (rs: RuleSet) => boolean
  }
  /**
   * Loads the module of checks it uses, when that module is not part of every run (`checks` below): evaluation awaits
   * it once, for the rules the run's rule sets enable, before judging anything (`loadChecks` in
   * src/policy/evaluate.ts).
   */
  load?: () => Promise<unknown>
  /** Its violations, for a rule set that turns it on. Synchronous: what it uses is loaded before. */
  check: (s: Subject, rs: RuleSet, ctx: RuleContext) => Violation[]
  /** For SARIF's rule descriptors: one line, a paragraph, and the page (and section) of the docs that explains it. */
  help: { short: string; full: string; doc: string }
}

function rule<const N extends string>(def: RuleDef<N>): RuleDef<N> {
  return def
}

const some = (list: readonly unknown[] | undefined): boolean => (list?.length ?? 0) > 0

/**
 * A module of checks that only some rules use (trust, SBOMs, vulnerabilities, bases, freshness): `import()`ed once,
 * by a run that enables one of them, so a plain run never compiles it. `get` is synchronous and throws when the
 * module was not loaded: a rule is never judged without its check.
 */
function checks<T>(name: string, load: () => Promise<T>): { load: () => Promise<T>; get: () => T } {
  let loaded: T | undefined
  let pending: Promise<T> | undefined
  return {
    load: () =>
      (pending ??= load().then(
        m => (loaded = m),
        (e: unknown) => {
          pending = undefined
          throw e
        }
      )),
    get: () => {
      if (loaded === undefined) throw new Error(`the checks of ${name} were not loaded before evaluation (loadChecks)`)
      return loaded
    }
  }
}

const BASE_IMAGES = checks('base-images', () => import('./base-images.js'))
const FRESHNESS = checks('base-current and pins-current', () => import('./freshness.js'))
const TRUST = checks('signature, provenance and attestations', () => import('./trust.js'))
const QUORUM = checks('signature (quorum)', () => import('./quorum.js'))
const SBOM = checks('sbom and licenses', () => import('./sbom.js'))
const VULNERABILITIES = checks('vulnerabilities', () => import('./vulnerabilities.js'))
/** Both: the signature rule checks a quorum too. */
const loadSignature = (): Promise<unknown> => Promise.all([TRUST.load(), QUORUM.load()])
/** Every module of checks, for code that evaluates without knowing which rules are on (tests, tools). */
export const loadAllChecks = (): Promise<unknown> =>
  Promise.all([BASE_IMAGES, FRESHNESS, TRUST, QUORUM, SBOM, VULNERABILITIES].map(c => c.load()))

/** In the order the summary lists them. */
export const RULE_TABLE = [
  rule({
    name: 'platforms',
    keys: ['platforms'],
    enabled: rs => some(rs.platforms),
    needs: {},
    check: (s, rs) => checkPlatforms(s, rs.platforms!),
    help: {
      short: 'The image provides every required platform',
      full: 'A multi-platform image must list every required platform (os/arch[/variant]); attestation entries are not platforms. A single-manifest image has the platform its config names.',
      doc: 'docs/policy.md#rules'
    }
  }),
  rule({
    name: 'base-images',
    keys: ['base-images'],
    enabled: rs => some(rs.baseImages),
    needs: { config: true },
    load: BASE_IMAGES.load,
    check: (s, rs) => BASE_IMAGES.get().checkBaseImages(s, rs.baseImages!),
    help: {
      short: 'The image is built on an allowed base image',
      full: "Each platform's base image is proven by its layers (a claimed base is verified; candidates from the allowed patterns are compared) and must match an allowed pattern.",
      doc: 'docs/policy.md#how-the-base-image-is-proven'
    }
  }),
  rule({
    name: 'max-age',
    keys: ['max-age'],
    enabled: rs => rs.maxAge !== undefined,
    needs: { config: true },
    check: (s, rs) => checkMaxAge(s, rs.maxAge!),
    help: {
      short: 'The image is recent enough',
      full: "Every platform must have been created within the allowed age, from the config's created time or, for reproducible builds, the org.opencontainers.image.created annotation or label.",
      doc: 'docs/policy.md#rules'
    }
  }),
  rule({
    name: 'digest',
    keys: ['digest'],
    enabled: rs => rs.digest !== undefined,
    needs: {},
    check: (s, rs) => checkDigest(s, rs.digest!),
    help: {
      short: 'The image resolves to the expected digest',
      full: 'The reference must resolve to the digest it is pinned to.',
      doc: 'docs/policy.md#rules'
    }
  }),
  rule({
    name: 'require-digest',
    keys: ['require-digest'],
    enabled: rs => rs.requireDigest === true,
    needs: {},
    check: s => checkRequireDigest(s),
    help: {
      short: 'The reference is pinned by digest',
      full: 'Every reference must name its image by digest (name@sha256:…), so that what is verified is what is deployed.',
      doc: 'docs/policy.md#rules'
    }
  }),
  rule({
    name: 'registries',
    keys: ['registries'],
    enabled: rs => some(rs.registries),
    needs: {},
    check: (s, rs) => checkRegistries(s, rs.registries!),
    help: {
      short: 'The image comes from an allowed registry',
      full: 'The registry (host[:port]) of every reference must match an allowed pattern.',
      doc: 'docs/policy.md#rules'
    }
  }),
  rule({
    name: 'labels',
    keys: ['labels'],
    enabled: rs => some(rs.labels),
    needs: { config: true },
    check: (s, rs) => checkLabels(s, rs.labels!),
    help: {
      short: 'The image carries the required labels',
      full: "Every platform's config must have each required label, with a value matching its pattern where one is given.",
      doc: 'docs/policy.md#rules'
    }
  }),
  rule({
    name: 'non-root',
    keys: ['non-root'],
    enabled: rs => rs.nonRoot === true,
    needs: { config: true },
    check: s => checkNonRoot(s),
    help: {
      short: 'The image does not run as root',
      full: 'The default user of every platform must not be root (an empty user, root, 0, or 0:… and root:… with any group).',
      doc: 'docs/policy.md#rules'
    }
  }),
  rule({
    name: 'signature',
    keys: ['signature-keys', 'signature-identities', 'signature-issuer', 'notation-trust-policy'],
    // A quorum is this rule with a threshold: signature-keys alone is a quorum of one, and an exception for
    // `signature` covers both.
    policyKeys: ['signers', 'threshold', 'required'],
    enabled: rs => rs.signature !== undefined || rs.quorum !== undefined,
    needs: { trust: true },
    load: loadSignature,
    check: (s, rs) => [
      ...(rs.signature ? TRUST.get().checkSignature(s, rs.signature) : []),
      ...(rs.quorum ? QUORUM.get().checkQuorum(s, rs.quorum) : [])
    ],
    help: {
      short: 'The image is signed by an accepted signer',
      full: "A signature over the image's digest (or, for an index not signed itself, every platform's) verifies with one of the accepted keys, or comes from an accepted keyless identity and issuer, or is a Notation signature the trust policy verifies; with named signers, at least the threshold of them (and every required one) signed it; found through the referrers API, the referrers tag or cosign's .sig/.att tags.",
      doc: 'docs/trust.md'
    }
  }),
  rule({
    name: 'provenance',
    keys: ['provenance'],
    enabled: rs => rs.provenance !== undefined,
    needs: { trust: true },
    load: TRUST.load,
    check: (s, rs) => TRUST.get().checkProvenance(s, rs.provenance!),
    help: {
      short: 'The image was built by GitHub Actions of an allowed repository',
      full: 'A signed SLSA provenance v1 attestation for the image digest, from a GitHub Actions certificate whose source repository (and workflow, ref and runner, when the policy narrows them) is allowed.',
      doc: 'docs/trust.md'
    }
  }),
  rule({
    name: 'attestations',
    keys: ['attestations'],
    enabled: rs => some(rs.attestations),
    needs: {
      trust: true,
      // Only the statements a condition reads are kept.
      statements: (t, rs) => rs.conditions?.some(c => c.type === t) ?? false,
      asksStatements: rs => some(rs.conditions)
    },
    load: TRUST.load,
    check: (s, rs, ctx) => TRUST.get().checkAttestations(s, rs.attestations!, ctx.attesters, rs.conditions),
    help: {
      short: 'The required attestations are signed for the image',
      full: 'For each required predicate type, a signed in-toto statement naming the image digest, from a signer that signature or provenance accepts.',
      doc: 'docs/trust.md'
    }
  }),
  rule({
    name: 'sbom',
    keys: ['sbom'],
    enabled: rs => rs.sbom !== undefined,
    needs: { trust: rs => rs.sbom === 'signed', statements: isSbomPredicate },
    load: SBOM.load,
    check: (s, rs, ctx) =>
      SBOM.get().checkSbom(s, rs.sbom!, ctx.attesters.signature.length + ctx.attesters.provenance.length > 0),
    help: {
      short: 'Every platform has an SBOM (signed, when the policy says so)',
      full: "Each platform has an SPDX or CycloneDX SBOM: BuildKit's in the index, or an attestation for the platform or the index digest; `signed`: one an accepted signer covers (an in-index SBOM counts when the index digest is signed).",
      doc: 'docs/compliance.md#sboms-and-licences'
    }
  }),
  rule({
    name: 'licenses',
    keys: ['licenses'],
    enabled: rs => rs.licenses !== undefined,
    needs: { statements: isSbomPredicate },
    load: SBOM.load,
    check: (s, rs) => SBOM.get().checkLicenses(s, rs.licenses!),
    help: {
      short: "No package of the image's SBOM needs a denied licence",
      full: "Each package of each platform's SBOM: a licence expression that cannot be satisfied without a denied licence (MIT AND GPL-3.0-only, not MIT OR GPL-3.0-only) fails; no SBOM fails; an unknown licence fails only with unknown: fail.",
      doc: 'docs/compliance.md#sboms-and-licences'
    }
  }),
  rule({
    name: 'vulnerabilities',
    keys: ['vulnerabilities'],
    enabled: rs => rs.vulnerabilities !== undefined,
    needs: { statements: t => isSbomPredicate(t) || VULNERABILITY_PREDICATES.includes(t) },
    load: VULNERABILITIES.load,
    check: (s, rs) => VULNERABILITIES.get().checkVulnerabilities(s, rs.vulnerabilities!),
    help: {
      short: 'No known vulnerability at or above the severity that fails',
      full: "Each platform's SBOM packages are asked of an OSV database, and signed Trivy or Grype reports newer than max-report-age are read; one finding per distinct vulnerability (aliases merged) at or above fail-on, unless a VEX statement says it does not affect the image. No SBOM and no recent report, or a database that cannot be asked, is a finding.",
      doc: 'docs/compliance.md#vulnerabilities'
    }
  }),
  rule({
    name: 'base-current',
    keys: ['base-current'],
    enabled: rs => rs.baseCurrent !== undefined,
    needs: { config: true },
    load: FRESHNESS.load,
    check: (s, rs) => FRESHNESS.get().checkBaseCurrent(s, rs.baseCurrent!),
    help: {
      short: "The image's base is its tag's current image",
      full: "Each platform's base (from the verified base claim, or a base-images pattern with a literal tag) must still be what its tag points to, or a rebuild with the same layers; with a grace, a newer base is reported once it is older than the grace.",
      doc: 'docs/policy.md#freshness-and-cost'
    }
  }),
  rule({
    name: 'pins-current',
    keys: ['pins-current'],
    enabled: rs => rs.pinsCurrent !== undefined,
    needs: {},
    load: FRESHNESS.load,
    check: (s, rs) => FRESHNESS.get().checkPinsCurrent(s, rs.pinsCurrent!),
    help: {
      short: 'A name:tag@digest pin is still what its tag resolves to',
      full: 'A reference pinned as name:tag@digest must still be what the tag resolves to (one HEAD, free against pull limits); with a grace, a newer image is reported once it is older than the grace.',
      doc: 'docs/policy.md#freshness-and-cost'
    }
  })
] as const

export type RuleName = (typeof RULE_TABLE)[number]['name']

/** Rule names in the table's order. */
export const RULES: readonly RuleName[] = RULE_TABLE.map(r => r.name)
