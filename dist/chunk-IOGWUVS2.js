
import {
  redact
} from "./chunk-JKCKZTIS.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/report/escape.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function inertLog(text) {
  return text.split(/(\r\n|\r|\n)/).map((part, i) => i % 2 === 1 ? part : inertLine(part)).join("");
}
var LEADING_SPACE = /^[\s\x1c-\x1f\x85]*/;
var CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]/g;
function inertLine(line) {
  return commandFree(line.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
}
function commandFree(line) {
  const out = line.split("##[").join("## [");
  const lead = LEADING_SPACE.exec(out)[0].length;
  return out.startsWith("::", lead) ? `${out.slice(0, lead)}: :${out.slice(lead + 2)}` : out;
}
function commandFreeText(text) {
  return text.split(/(\r\n|\r|\n)/).map((part, i) => i % 2 === 1 ? part : commandFree(part)).join("");
}
function commandFreeJson(json) {
  return json.split("##[").join("##\\u005b");
}
var JSON_RAW_CONTROL = /[\x7f-\x9f\u2028\u2029]/g;
function inertJson(value) {
  const json = redact(`${JSON.stringify(value, null, 2)}
`);
  return commandFreeJson(json.replace(JSON_RAW_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
var HTML_SPECIAL = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
  "|": "&#124;",
  "[": "&#91;",
  "]": "&#93;",
  "!": "&#33;",
  "*": "&#42;",
  _: "&#95;",
  "~": "&#126;",
  "\\": "&#92;"
};
var ZWSP = "&#8203;";
var HTML_LITERAL = /[&<>"'`|[\]!*_~\\]|(?<![A-Za-z0-9_])@|#(?=\d)|(?<![A-Za-z0-9_])gh-(?=\d)/gi;
function htmlLiteral(c) {
  if (c === "@" || c === "#") return `${c}${ZWSP}`;
  if (c.length === 3) return `${c.slice(0, 2)}${ZWSP}-`;
  return HTML_SPECIAL[c];
}
function literal(text, target = "html") {
  const visible = redact(text).replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  if (target === "sarif") return visible.replace(/[\\[\]]/g, (c) => `\\${c}`);
  return visible.replace(/\r\n|\r|\n/g, "\n").replace(HTML_LITERAL, htmlLiteral).replace(/\n/g, "<br>");
}

export {
  inertLog,
  commandFreeText,
  inertJson,
  literal
};
//# sourceMappingURL=chunk-IOGWUVS2.js.map
