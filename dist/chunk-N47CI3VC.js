
import {
  formatPlatform
} from "./chunk-6SKDKR6X.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

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

// src/model/facts.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function platformLabel(p) {
  return p.platform ? formatPlatform(p.platform) : "unknown platform";
}

export {
  setMasker,
  registerSecret,
  redact,
  platformLabel
};
//# sourceMappingURL=chunk-N47CI3VC.js.map
