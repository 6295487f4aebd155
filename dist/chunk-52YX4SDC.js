
import {
  formatPlatform
} from "./chunk-6SKDKR6X.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

// src/model/facts.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function platformLabel(p) {
  return p.platform ? formatPlatform(p.platform) : "unknown platform";
}

export {
  platformLabel
};
//# sourceMappingURL=chunk-52YX4SDC.js.map
