/**
 * The predicate types of what attestations say about an image's vulnerabilities, and the bound of a VEX document:
 * constants that rules and inputs need at start-up, apart from the parsers (and their libraries) that read them.
 * See docs/architecture.md.
 */

/** cosign's vulnerability report predicate (`cosign attest --type vuln`, from Trivy or Grype). */
export const COSIGN_VULN_PREDICATE = 'https://cosign.sigstore.dev/attestation/vuln/v1'

/** OpenVEX's predicate types: the current namespace, and the unversioned one. */
export const OPENVEX_PREDICATES = ['https://openvex.dev/ns/v0.2.0', 'https://openvex.dev/ns']

/** A VEX document larger than this is not read. */
export const VEX_MAX_BYTES = 4 << 20
