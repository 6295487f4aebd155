
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/attesters.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function signerAttesters(n) {
  switch (n.kind) {
    case "key":
      return { signature: [{ keys: n.keys, identities: [], issuer: "" }], provenance: [] };
    case "keyless":
      return { signature: [{ keys: [], identities: [n.identity], issuer: n.issuer }], provenance: [] };
    case "notation":
      return {
        signature: [{ keys: [], identities: [], issuer: "", notation: { policies: [n.trustPolicy] } }],
        provenance: []
      };
    case "provenance":
      return { signature: [], provenance: [{ repositories: [n.repository] }] };
  }
}
function attestersOf(ruleSets) {
  const quorum = ruleSets.flatMap((rs) => rs.quorum?.signers ?? []).map(signerAttesters);
  return {
    signature: [...ruleSets.flatMap((rs) => rs.signature ? [rs.signature] : []), ...quorum.flatMap((a) => a.signature)],
    provenance: [
      ...ruleSets.flatMap((rs) => rs.provenance ? [rs.provenance] : []),
      ...quorum.flatMap((a) => a.provenance)
    ]
  };
}

export {
  signerAttesters,
  attestersOf
};
//# sourceMappingURL=chunk-IYMIIVDP.js.map
