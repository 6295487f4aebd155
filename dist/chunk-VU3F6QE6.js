import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

// builtin:path
var require_path = __commonJS({
  "builtin:path"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    module.exports = __require("node:path");
  }
});

export {
  require_path
};
//# sourceMappingURL=chunk-VU3F6QE6.js.map
