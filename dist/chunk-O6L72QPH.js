
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// lazy-cjs:minimatch
var require_minimatch = __commonJS({
  "lazy-cjs:minimatch"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("./minimatch.cjs");
    module.exports = {
      get "GLOBSTAR"() {
        return load()["GLOBSTAR"];
      },
      get "Minimatch"() {
        return load()["Minimatch"];
      },
      get "braceExpand"() {
        return load()["braceExpand"];
      },
      get "defaults"() {
        return load()["defaults"];
      },
      get "escape"() {
        return load()["escape"];
      },
      get "filter"() {
        return load()["filter"];
      },
      get "match"() {
        return load()["match"];
      },
      get "minimatch"() {
        return load()["minimatch"];
      },
      get "sep"() {
        return load()["sep"];
      },
      get "unescape"() {
        return load()["unescape"];
      }
    };
  }
});

export {
  require_minimatch
};
//# sourceMappingURL=chunk-O6L72QPH.js.map
