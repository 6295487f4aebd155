
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/duration.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var UNITS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
var WHOLE = /^(?:\d+[smhdw])+$/;
var PART = /(\d+)([smhdw])/g;
var MAX_SECONDS = 100 * 365 * 86400;
function parseDuration(text) {
  const t = text.trim();
  const hint = "write a number and a unit (s m h d w), like 30d, 12h or 1w2d";
  if (!WHOLE.test(t)) throw new Error(`"${text}" is not a duration: ${hint}`);
  let total = 0;
  const seen = /* @__PURE__ */ new Set();
  for (const m of t.matchAll(PART)) {
    const unit = m[2];
    if (seen.has(unit)) throw new Error(`"${text}" is not a duration: the unit ${unit} appears twice`);
    seen.add(unit);
    total += Number(m[1]) * UNITS[unit];
  }
  if (total === 0) throw new Error(`"${text}" is not a duration: it must be longer than zero`);
  if (total > MAX_SECONDS) throw new Error(`"${text}" is not a duration: it is longer than 100 years`);
  return total;
}
function formatDuration(seconds) {
  let rest = Math.floor(seconds);
  if (rest <= 0) return "0s";
  const out = [];
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1]
  ]) {
    const n = Math.floor(rest / size);
    if (n > 0) out.push(`${n}${unit}`);
    rest -= n * size;
  }
  return out.join("");
}
function parseGrace(text) {
  const t = text.trim();
  if (t === "" || /^false$/i.test(t)) return void 0;
  if (/^true$/i.test(t)) return { seconds: 0, text: "true" };
  try {
    return { seconds: parseDuration(t), text: t };
  } catch (e) {
    throw new Error(
      `${e.message.replace(/: write .*$/, "")}: write true, false, or a grace duration like 7d, 12h or 1w2d`,
      { cause: e }
    );
  }
}
var HUMAN_UNITS = [
  ["y", 31557600],
  // 365.25 days
  ["mo", 2629800],
  // a twelfth of that
  ["d", 86400],
  ["h", 3600],
  ["m", 60],
  ["s", 1]
];
function humanDuration(seconds) {
  if (!Number.isFinite(seconds)) return seconds > 0 ? "forever" : "-forever";
  if (seconds < 0) return `-${humanDuration(-seconds)}`;
  const whole = Math.floor(seconds);
  const first = HUMAN_UNITS.findIndex(([, size2]) => whole >= size2);
  if (first === -1) return "0s";
  const [unit, size] = HUMAN_UNITS[first];
  const n = Math.floor(whole / size);
  const next = HUMAN_UNITS[first + 1];
  const m = next ? Math.floor((whole - n * size) / next[1]) : 0;
  return m > 0 ? `${n}${unit} ${m}${next[0]}` : `${n}${unit}`;
}
function humanAge(at, now) {
  const seconds = (now - at) / 1e3;
  if (Number.isNaN(seconds)) return "at an unknown time";
  if (Math.abs(seconds) < 1) return "just now";
  return seconds > 0 ? `${humanDuration(seconds)} ago` : `in ${humanDuration(-seconds)}`;
}

export {
  parseDuration,
  formatDuration,
  parseGrace,
  humanDuration,
  humanAge
};
//# sourceMappingURL=chunk-3EXKOP6I.js.map
