
import {
  GateError
} from "./chunk-7JOGQH3L.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

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
//# sourceMappingURL=chunk-JROOBJTS.js.map
