import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

// builtin:fs/promises
var require_promises = __commonJS({
  "builtin:fs/promises"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    module.exports = __require("node:fs/promises");
  }
});

export {
  require_promises
};
//# sourceMappingURL=chunk-2OGX5SDC.js.map
