/**
 * Whose signed attestations count for a set of rule sets (SBOMs, vulnerability reports, VEX, the attestations rule):
 * the signers their signature and provenance requirements accept, and each signer a quorum names. Evaluation and the
 * gate (SBOM attachment, vulnerability reports, VEX) take them from here, so the lists cannot disagree. Type imports
 * only: evaluation loads this with every run, the checks behind it stay lazy.
 */
import type { Attesters } from './rules/trust.js'
import type { NamedSigner, RuleSet } from './types.js'

/**
 * One quorum signer as the requirements that accept it: a key as signature-keys, a keyless identity as
 * signature-identities with its issuer, a Notation trust policy as the signature rule's Notation policies, GitHub
 * Actions of a repository as a provenance requirement of that repository.
 */
export function signerAttesters(n: NamedSigner): Attesters {
  switch (n.kind) {
    case 'key':
      return { signature: [{ keys: n.keys, identities: [], issuer: '' }], provenance: [] }
    case 'keyless':
      return { signature: [{ keys: [], identities: [n.identity], issuer: n.issuer }], provenance: [] }
    case 'notation':
      return {
        signature: [{ keys: [], identities: [], issuer: '', notation: { policies: [n.trustPolicy] } }],
        provenance: []
      }
    case 'provenance':
      return { signature: [], provenance: [{ repositories: [n.repository] }] }
  }
}

/**
 * The accepted signers of these rule sets (those that apply to one image): every signature and provenance
 * requirement, then every quorum's signers.
 */
export function attestersOf(ruleSets: RuleSet[]): Attesters {
  const quorum = ruleSets.flatMap(rs => rs.quorum?.signers ?? []).map(signerAttesters)
  return {
    signature: [...ruleSets.flatMap(rs => (rs.signature ? [rs.signature] : [])), ...quorum.flatMap(a => a.signature)],
    provenance: [
      ...ruleSets.flatMap(rs => (rs.provenance ? [rs.provenance] : [])),
      ...quorum.flatMap(a => a.provenance)
    ]
  }
}
