
import {
  formatPlatform
} from "./chunk-IPQCI7W4.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/model/facts.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function platformLabel(p) {
  return p.platform ? formatPlatform(p.platform) : "unknown platform";
}
function indexSigned(facts, accepted) {
  return (facts.trust?.top.signatures ?? []).some((s) => s.verified && s.subjects.includes(facts.digest) && accepted(s));
}

export {
  platformLabel,
  indexSigned
};
//# sourceMappingURL=chunk-Y5I46MST.js.map
