import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

// builtin:util
var require_util = __commonJS({
  "builtin:util"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    module.exports = __require("node:util");
  }
});

export {
  require_util
};
//# sourceMappingURL=chunk-6ZXZINPU.js.map
