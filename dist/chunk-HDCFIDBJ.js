
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/until.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var DAY_MS = 864e5;
function untilEnd(until) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(until);
  if (!m) return NaN;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(start).toISOString().slice(0, 10) !== until) return NaN;
  return start + DAY_MS - 1;
}

export {
  untilEnd
};
//# sourceMappingURL=chunk-HDCFIDBJ.js.map
