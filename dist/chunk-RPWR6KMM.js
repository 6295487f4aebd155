
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/model/trust.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
var GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

export {
  SLSA_PROVENANCE_V1,
  GITHUB_ACTIONS_ISSUER
};
//# sourceMappingURL=chunk-RPWR6KMM.js.map
