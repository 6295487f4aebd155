import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

// builtin:os
var require_os = __commonJS({
  "builtin:os"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    module.exports = __require("node:os");
  }
});

export {
  require_os
};
//# sourceMappingURL=chunk-GFVX3RIJ.js.map
