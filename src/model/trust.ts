/**
 * Verified trust facts: what signatures and attestations were found for an image, where, who made them and what
 * they cover. Built by src/trust/ from what discovery fetched; judged by the rules in src/policy/rules/.
 */

/** What a Fulcio certificate says about its subject. */
export interface CertificateFacts {
  /** The SAN: a workflow URI or an e-mail address. */
  identity: string
  /** The OIDC issuer (Fulcio extension 1.3.6.1.4.1.57264.1.8, or .1.1). */
  issuer: string
  /** `https://github.com/owner/repo` (extension .1.12), or taken from the SAN. */
  sourceRepository?: string
  sourceRepositoryRef?: string
  sourceRepositoryDigest?: string
  /** The signing workflow: `https://github.com/owner/repo/.github/workflows/release.yml@refs/tags/v1` (.1.9). */
  buildSignerUri?: string
  /** `github-hosted` or `self-hosted` (.1.11). */
  runnerEnvironment?: string
  buildTrigger?: string
}

export type Signer = { kind: 'key'; fingerprint: string } | { kind: 'certificate'; certificate: CertificateFacts }

/** One signature or attestation that was found, and what became of it. */
export interface SignatureFact {
  /** Where it was found: `referrers API`, `referrers tag sha256-…`, `tag sha256-….sig`, `tag sha256-….att`. */
  place: string
  /** `cosign simple signing`, `DSSE`, `Sigstore bundle v0.3`. */
  format: string
  /** The digest of the manifest that carries it. */
  manifest: string
  verified: boolean
  /** Why it did not verify. */
  reason?: string
  /** It did not verify because the gate does not support its format or algorithm. */
  unsupported?: boolean
  /** Who signed it, when that is known (for a bad signature, who it claims). */
  signer?: Signer
  /** The digests the verified payload names (simple signing's docker-manifest-digest, an in-toto statement's subjects). */
  subjects: string[]
  /** The in-toto statement's predicate type. */
  predicateType?: string
  /** The signing time the verification established. */
  time?: string
  /**
   * The verified in-toto statement's predicate, kept only when the run asks for its predicate type (an SBOM, a
   * vulnerability report, provenance a condition reads); never set on a signature that did not verify.
   */
  statement?: { predicateType: string; predicate: unknown }
}

/** What was found for one digest: the top level's, or one platform's. */
export interface DigestTrust {
  digest: string
  /** The platform label (`linux/amd64`); undefined for the top level. */
  platform?: string
  /** Where it looked, for the "no signature found" finding. */
  looked: string[]
  /** Discovery, or reading something it listed, failed: unless what was read is accepted, could not check. */
  error?: { host: string; message: string }
  /**
   * The bounds reached before everything listed was read ("more than 32 signature manifests in …", the run's
   * budget): unless what was read is accepted, could not check. Unset when the rules were satisfied first.
   */
  unread?: string[]
  signatures: SignatureFact[]
}

/** Unsigned build provenance an image index carries (BuildKit's attestation manifests): a claim, never proof. */
export interface ProvenanceClaim {
  /** The digest of the platform manifest it describes. */
  subject: string
  predicateType: string
  builder?: string
  source?: string
}

/**
 * An in-toto statement an image index carries in an attestation manifest (BuildKit's `unknown/unknown` entries),
 * read when the run asks for its predicate type. Unsigned: it is as trustworthy as the index digest that names it,
 * and counts as signed only when an accepted signer signed the index digest.
 */
export interface InIndexStatement {
  /** The platform manifest it describes (the entry's `vnd.docker.reference.digest`). */
  subject: string
  predicateType: string
  /** The predicate, or what the reader was asked to keep of it (an SBOM's packages, parsed at once). */
  predicate: unknown
  /** The attestation manifest's digest. */
  manifest: string
  /** Its place among the manifest's layers: BuildKit writes the final stage's SBOM first, other stages' after. */
  layer?: number
}

/** An in-index statement of an asked type that was listed but could not be used: could not check, never a pass. */
export interface InIndexStatementProblem {
  /** The platform manifest it describes, when the entry names one. */
  subject: string
  /** From the layer's `in-toto.io/predicate-type` annotation. */
  predicateType: string
  manifest: string
  /** Its place among the manifest's layers; undefined when the manifest itself could not be read. */
  layer?: number
  reason: string
}

export interface TrustFacts {
  top: DigestTrust
  /** Each platform's, when the top level is not covered (an index whose signatures do not satisfy every rule). */
  platforms: DigestTrust[]
  claims: ProvenanceClaim[]
}

/** The predicate type of SLSA provenance v1. */
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1'
/** The issuer of GitHub Actions' OIDC tokens. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com'
