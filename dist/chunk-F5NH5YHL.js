
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/errors.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var PolicyError = class extends GateError {
  problems;
  constructor(problems) {
    super("policy", problems.join("\n"));
    this.problems = problems;
  }
};

export {
  PolicyError
};
//# sourceMappingURL=chunk-F5NH5YHL.js.map
