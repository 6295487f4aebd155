
import {
  humanDuration
} from "./chunk-3EXKOP6I.js";
import {
  platformLabel
} from "./chunk-Y5I46MST.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/rules/max-age.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var PLACEHOLDER_LIMIT = Date.parse("1980-01-01T00:00:01Z");
var CREATED = "org.opencontainers.image.created";
function realTime(value) {
  if (value === void 0) return void 0;
  const t = Date.parse(value);
  return Number.isNaN(t) || t <= PLACEHOLDER_LIMIT ? void 0 : t;
}
function creationTime(s, p) {
  const created = p.config?.created;
  const t = realTime(created);
  if (t !== void 0) return { at: t, from: "created" };
  const fallbacks = [
    ["the manifest annotation", p.annotations[CREATED]],
    ["the index annotation", s.facts.kind === "index" ? s.facts.annotations[CREATED] : void 0],
    ["the config label", p.config?.labels[CREATED]]
  ];
  for (const [from, value] of fallbacks) {
    const at = realTime(value);
    if (at !== void 0) return { at, from: `${from} ${CREATED}` };
  }
  const why = created === void 0 ? "the config has no created time" : Number.isNaN(Date.parse(created)) ? `the config's created time "${created}" is not a time` : `the config's created time ${created} is a reproducible-build placeholder (at or before 1980-01-01T00:00:01Z)`;
  return { unknown: `${why}, and no ${CREATED} annotation or label holds a real time` };
}
function checkMaxAge(s, limit) {
  const out = [];
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    if (!p.config) continue;
    const c = creationTime(s, p);
    if ("unknown" in c) {
      out.push({ platform, message: `age unknown: ${c.unknown}` });
      continue;
    }
    const age = Math.floor((s.now.getTime() - c.at) / 1e3);
    if (age > limit.seconds) {
      const source = c.from === "created" ? "created" : `created (from ${c.from})`;
      out.push({
        platform,
        message: `${source} ${new Date(c.at).toISOString()}, ${humanDuration(age)} ago: older than max-age ${limit.text}`
      });
    }
  }
  return out;
}

export {
  realTime,
  checkMaxAge
};
//# sourceMappingURL=chunk-WG257OMD.js.map
