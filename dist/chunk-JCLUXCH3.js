
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/trust/quote.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_QUOTED = 120;
function cut(text) {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}\u2026` : text;
}
function quote(v) {
  if (typeof v !== "string") return v === void 0 ? "(none)" : `(${typeof v})`;
  return JSON.stringify(cut(v));
}
function asJson(v) {
  if (typeof v === "string") return quote(v);
  let text;
  try {
    text = JSON.stringify(v);
  } catch {
    return `(${typeof v})`;
  }
  return cut(text ?? String(v));
}
function asText(v) {
  try {
    return cut(String(v));
  } catch {
    return `(${typeof v})`;
  }
}

export {
  cut,
  quote,
  asJson,
  asText
};
//# sourceMappingURL=chunk-JCLUXCH3.js.map
