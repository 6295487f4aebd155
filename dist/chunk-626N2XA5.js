import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SNEHC4Y2.js";

// src/findings.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var RULES = ["platforms", "base-images", "max-age", "digest", "require-digest", "registries", "labels", "non-root", "signature", "provenance", "attestations", "base-current", "pins-current"];

export {
  RULES
};
//# sourceMappingURL=chunk-626N2XA5.js.map
