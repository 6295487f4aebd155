
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// builtin:fs/promises
var require_promises = __commonJS({
  "builtin:fs/promises"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:fs/promises");
    var lazy = {};
    for (const k of "access,copyFile,cp,glob,open,opendir,rename,truncate,rm,rmdir,mkdir,readdir,readlink,symlink,lstat,stat,statfs,link,unlink,chmod,lchmod,lchown,chown,utimes,lutimes,realpath,mkdtemp,mkdtempDisposable,writeFile,appendFile,readFile,watch,constants".split(","))
      Object.defineProperty(lazy, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    Object.defineProperty(lazy, /* @__PURE__ */ Symbol.for("image-gate.lazy-builtin"), { value: true });
    module.exports = lazy;
  }
});

export {
  require_promises
};
//# sourceMappingURL=chunk-6PWRNFS3.js.map
