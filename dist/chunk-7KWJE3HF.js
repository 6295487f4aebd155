
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/core/errors.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var GateError = class extends Error {
  code;
  constructor(code, message, options) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
};
function isInputError(e) {
  return e instanceof GateError && (e.code === "input" || e.code === "policy" || e.code === "usage" || e.code === "source");
}

export {
  GateError,
  isInputError
};
//# sourceMappingURL=chunk-7KWJE3HF.js.map
