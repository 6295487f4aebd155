
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// builtin:path
var require_path = __commonJS({
  "builtin:path"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:path");
    var lazy = {};
    for (const k of "resolve,normalize,isAbsolute,join,relative,toNamespacedPath,dirname,basename,extname,format,parse,matchesGlob,sep,delimiter,win32,posix,_makeLong".split(","))
      Object.defineProperty(lazy, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    Object.defineProperty(lazy, /* @__PURE__ */ Symbol.for("image-gate.lazy-builtin"), { value: true });
    module.exports = lazy;
  }
});

export {
  require_path
};
//# sourceMappingURL=chunk-FZ4MN5IN.js.map
