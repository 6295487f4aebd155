
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// builtin:os
var require_os = __commonJS({
  "builtin:os"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:os");
    var lazy = {};
    for (const k of "arch,availableParallelism,cpus,endianness,freemem,getPriority,homedir,hostname,loadavg,networkInterfaces,platform,release,setPriority,tmpdir,totalmem,type,userInfo,uptime,version,machine,constants,EOL,devNull".split(","))
      Object.defineProperty(lazy, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    Object.defineProperty(lazy, /* @__PURE__ */ Symbol.for("image-gate.lazy-builtin"), { value: true });
    module.exports = lazy;
  }
});

export {
  require_os
};
//# sourceMappingURL=chunk-DZRP2ASS.js.map
