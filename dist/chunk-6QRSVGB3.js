import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-66NDOTLW.js";

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
//# sourceMappingURL=chunk-6QRSVGB3.js.map
