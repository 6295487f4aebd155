/**
 * The predicate types of SBOMs and of what attestations say about an image's vulnerabilities, and the bound of a VEX
 * document:
 * constants that rules and inputs need at start-up, apart from the parsers (and their libraries) that read them.
 * See docs/architecture.md.
 */
import type { SbomFacts } from '../model/content.js'

/** cosign's vulnerability report predicate (`cosign attest --type vuln`, from Trivy or Grype). */
export const COSIGN_VULN_PREDICATE = 'https://cosign.sigstore.dev/attestation/vuln/v1'

/** OpenVEX's predicate types: the current namespace, and the unversioned one. */
export const OPENVEX_PREDICATES = ['https://openvex.dev/ns/v0.2.0', 'https://openvex.dev/ns']

/** Signed vulnerability reports and VEX statements: what the vulnerabilities rule reads. */
export const VULNERABILITY_PREDICATES: readonly string[] = [COSIGN_VULN_PREDICATE, ...OPENVEX_PREDICATES]

/** A VEX document larger than this is not read. */
export const VEX_MAX_BYTES = 4 << 20

export const SPDX_PREDICATE = 'https://spdx.dev/Document'
export const CYCLONEDX_PREDICATE = 'https://cyclonedx.org/bom'

/** Is this predicate type an SBOM the gate reads? `https://spdx.dev/Document[/v2.x]`, `https://cyclonedx.org/bom[/v1.x]`. */
export function isSbomPredicate(predicateType: string): boolean {
  return sbomFormatOf(predicateType) !== undefined
}

/** An SBOM predicate type's format, or undefined. */
export function sbomFormatOf(predicateType: string): SbomFacts['format'] | undefined {
  if (predicateType === SPDX_PREDICATE || /^https:\/\/spdx\.dev\/Document\/v2\.\d+$/.test(predicateType)) return 'spdx'
  if (predicateType === CYCLONEDX_PREDICATE || /^https:\/\/cyclonedx\.org\/bom\/v1\.\d+$/.test(predicateType))
    return 'cyclonedx'
  return undefined
}
