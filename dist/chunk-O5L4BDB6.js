
import {
  platformLabel
} from "./chunk-Y5I46MST.js";
import {
  globMatch
} from "./chunk-A6VFLDUP.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/rules/labels.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function parseLabelRequirement(text) {
  const eq = text.indexOf("=");
  if (eq < 0) return { key: text.trim() };
  return { key: text.slice(0, eq).trim(), glob: text.slice(eq + 1).trim() };
}
var NOT_A_SEPARATOR = "\u{F0000}";
function labelValueMatches(glob, value) {
  return globMatch(glob.replaceAll("/", NOT_A_SEPARATOR), value.replaceAll("/", NOT_A_SEPARATOR));
}
function checkLabels(s, required) {
  const out = [];
  for (const p of s.facts.platforms) {
    if (!p.config) continue;
    const platform = platformLabel(p);
    for (const r of required) {
      const value = Object.hasOwn(p.config.labels, r.key) ? p.config.labels[r.key] : void 0;
      if (value === void 0) out.push({ platform, message: `label ${r.key} is missing` });
      else if (r.glob !== void 0 && !labelValueMatches(r.glob, value)) {
        out.push({ platform, message: `label ${r.key} is "${value}", which does not match "${r.glob}"` });
      }
    }
  }
  return out;
}

export {
  parseLabelRequirement,
  checkLabels
};
//# sourceMappingURL=chunk-O5L4BDB6.js.map
