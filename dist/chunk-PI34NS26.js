
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/content/predicates.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var COSIGN_VULN_PREDICATE = "https://cosign.sigstore.dev/attestation/vuln/v1";
var OPENVEX_PREDICATES = ["https://openvex.dev/ns/v0.2.0", "https://openvex.dev/ns"];
var VULNERABILITY_PREDICATES = [COSIGN_VULN_PREDICATE, ...OPENVEX_PREDICATES];
var VEX_MAX_BYTES = 4 << 20;
var SPDX_PREDICATE = "https://spdx.dev/Document";
var CYCLONEDX_PREDICATE = "https://cyclonedx.org/bom";
function isSbomPredicate(predicateType) {
  return sbomFormatOf(predicateType) !== void 0;
}
function sbomFormatOf(predicateType) {
  if (predicateType === SPDX_PREDICATE || /^https:\/\/spdx\.dev\/Document\/v2\.\d+$/.test(predicateType)) return "spdx";
  if (predicateType === CYCLONEDX_PREDICATE || /^https:\/\/cyclonedx\.org\/bom\/v1\.\d+$/.test(predicateType))
    return "cyclonedx";
  return void 0;
}

export {
  COSIGN_VULN_PREDICATE,
  OPENVEX_PREDICATES,
  VULNERABILITY_PREDICATES,
  VEX_MAX_BYTES,
  SPDX_PREDICATE,
  CYCLONEDX_PREDICATE,
  isSbomPredicate,
  sbomFormatOf
};
//# sourceMappingURL=chunk-PI34NS26.js.map
