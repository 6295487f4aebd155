
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/core/secrets.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var secrets = /* @__PURE__ */ new Set();
var masker;
function setMasker(m) {
  masker = m;
  if (m) for (const s of secrets) m(s);
}
function registerSecret(value) {
  if (value === void 0 || value === "" || secrets.has(value)) return;
  secrets.add(value);
  masker?.(value);
  if (value.includes("\n")) {
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 4) registerSecret(line.trim());
  }
}
function redact(text) {
  let out = text;
  for (const s of secrets) if (s.length >= 3 && out.includes(s)) out = out.split(s).join("***");
  return out;
}

export {
  setMasker,
  registerSecret,
  redact
};
//# sourceMappingURL=chunk-JKCKZTIS.js.map
