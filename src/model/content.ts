/**
 * What an image's attestations say it contains: its SBOM's packages, the vulnerabilities known in them, and the VEX
 * statements about them. Plain data, built by src/content/ (parsing), src/osv/ (the vulnerability database) and
 * src/inspect/ (where they were found); judged by the rules in src/policy/rules/. See docs/architecture.md.
 */

/** One package an SBOM lists. */
export interface SbomPackage {
  name: string
  version?: string
  /** The package URL, as the SBOM writes it (`pkg:npm/left-pad@1.3.0`); undefined when the SBOM gives none. */
  purl?: string
  /**
   * The licence as an SPDX expression (`MIT OR Apache-2.0`, `LicenseRef-…`), or undefined when the SBOM says none,
   * `NOASSERTION` or `NONE`: unknown.
   */
  license?: string
}

/** Where an SBOM was found. */
export type SbomSource = 'in-index' | 'attestation'

/** One platform's SBOM (or the index's, when one signed attestation covers every platform). */
export interface SbomFacts {
  format: 'spdx' | 'cyclonedx'
  /** `SPDX-2.3`, `1.6`. */
  formatVersion: string
  source: SbomSource
  /** An accepted signer covers it (a signed attestation, or an in-index one whose index digest is signed). */
  signed: boolean
  /** The digest of the manifest that carried it. */
  manifest: string
  packages: SbomPackage[]
}

/** Vulnerability severity, from a CVSS base score or the database's own word. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown'

/** One vulnerability in one package of one platform. */
export interface VulnerabilityFact {
  /** The record's id (`GHSA-…`, `CVE-…`, `DEBIAN-CVE-…`). */
  id: string
  /** Every other id of the same vulnerability. */
  aliases: string[]
  severity: Severity
  /** The CVSS base score the severity was taken from. */
  score?: number
  /** The CVSS vector it was computed from. */
  vector?: string
  package: { name: string; version?: string; purl?: string }
  /** The first version that fixes it, for this package; undefined when none is known. */
  fixed?: string
  /** `osv` (the SBOM's packages asked of the database) or `attestation` (a signed vulnerability report). */
  source: 'osv' | 'attestation'
  summary?: string
  /** A VEX statement says it does not affect this image: reported, never a finding. */
  suppressedBy?: VexSuppression
}

/** The VEX statement that suppresses a vulnerability. */
export interface VexSuppression {
  /** Where the statement came from: `vex.json`, `base:.github/vex.json`, `attestation sha256:…`. */
  document: string
  status: 'not_affected' | 'fixed'
  justification?: string
  impact?: string
}

/** A signed vulnerability report (a scanner's results, attested) for one digest. */
export interface VulnerabilityReportFacts {
  /** `trivy`, `grype`, or the scanner's URI as written. */
  scanner: string
  /** `metadata.scanFinishedOn` as written (RFC 3339); undefined when the report gives none: never fresh. */
  finishedOn?: string
  /** The digest its statement names (the platform's, or the index's). */
  subject: string
  /** The manifest that carried it. */
  manifest: string
  found: VulnerabilityFact[]
}

/** The content facts of one platform. */
export interface PlatformContent {
  /** Undefined: no SBOM was found (`sbomProblems` may say why one that was found could not be used). */
  sbom?: SbomFacts
  sbomProblems?: string[]
  /** Set when a vulnerabilities rule applies. */
  vulnerabilities?: {
    found: VulnerabilityFact[]
    /** Why they could not be checked ("could not check vulnerabilities: …"): the rule fails closed. */
    error?: string
    /** Signed vulnerability reports for the platform (or its index); the rule judges their age. */
    reports?: VulnerabilityReportFacts[]
    /** Whether the SBOM's packages were asked of the vulnerability database (false: `vulnerability-db` is none). */
    queried?: boolean
    /** SBOM packages that could not be asked (no purl, no version, a type the database does not know). */
    unasked?: number
    /** Signed reports that could not be read: said when nothing else lets the rule check the platform. */
    problems?: string[]
  }
}
