import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

// builtin:fs
var require_fs = __commonJS({
  "builtin:fs"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    module.exports = __require("node:fs");
  }
});

export {
  require_fs
};
//# sourceMappingURL=chunk-SLCVCPFI.js.map
