
import {
  DOCKER_HUB,
  canonicalRegistry,
  parseReference,
  repositoryName
} from "./chunk-LDXJDK62.js";
import {
  require_minimatch
} from "./chunk-O6L72QPH.js";
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/core/glob.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_minimatch = __toESM(require_minimatch(), 1);
var OPTIONS = { dot: true, nocomment: true, nonegate: true, preserveMultipleSlashes: true, noext: true };
function isLiteral(pattern) {
  return !/[*?{]/.test(pattern);
}
var GLOB_MAX_LENGTH = 4096;
var GLOB_MAX_EXPANSIONS = 256;
function braceExpansions(pattern) {
  const CAP = 1e12;
  const frames = [{ sum: 0, cur: 1 }];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") {
      const range = /^\{(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.-?\d+)?\}/.exec(pattern.slice(i, i + 64));
      if (range) {
        const a = /\d/.test(range[1]) ? Number(range[1]) : range[1].charCodeAt(0);
        const b = /\d/.test(range[2]) ? Number(range[2]) : range[2].charCodeAt(0);
        const top = frames[frames.length - 1];
        top.cur = Math.min(top.cur * (Math.abs(b - a) + 1), CAP);
        i += range[0].length - 1;
        continue;
      }
      frames.push({ sum: 0, cur: 1 });
    } else if (c === "," && frames.length > 1) {
      const top = frames[frames.length - 1];
      top.sum = Math.min(top.sum + top.cur, CAP);
      top.cur = 1;
    } else if (c === "}" && frames.length > 1) {
      const done = frames.pop();
      const top = frames[frames.length - 1];
      top.cur = Math.min(top.cur * (done.sum + done.cur), CAP);
    }
  }
  let total = 1;
  for (const f of frames) total = Math.min(total * Math.max(f.sum + f.cur, 1), CAP);
  return total;
}
function globProblem(pattern) {
  if (pattern.length > GLOB_MAX_LENGTH)
    return `the pattern is ${pattern.length} characters long, over the limit of ${GLOB_MAX_LENGTH}`;
  const n = braceExpansions(pattern);
  if (n > GLOB_MAX_EXPANSIONS)
    return `its braces expand to ${n >= 1e12 ? "more than 10^12" : n} patterns, over the limit of ${GLOB_MAX_EXPANSIONS}`;
  return void 0;
}
var GlobError = class extends GateError {
  constructor(pattern, problem) {
    super("glob", `glob "${pattern.length > 80 ? `${pattern.slice(0, 80)}\u2026` : pattern}": ${problem}`);
  }
};
var compiled = /* @__PURE__ */ new Map();
var COMPILED_MAX = 4096;
function compile(pattern) {
  let m = compiled.get(pattern);
  if (!m) {
    const problem = globProblem(pattern);
    if (problem) throw new GlobError(pattern, problem);
    m = new import_minimatch.Minimatch(pattern, OPTIONS);
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    compiled.set(pattern, m);
  }
  return m;
}
function globMatch(pattern, value) {
  if (isLiteral(pattern)) return pattern === value;
  return compile(pattern).match(value);
}
function parseReferencePattern(text) {
  let rest = text.trim();
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: normalizeName(rest), tag, digest, text };
}
function normalizeName(rest) {
  const slash = rest.indexOf("/");
  const first = slash < 0 ? void 0 : rest.slice(0, slash);
  if (rest.startsWith("*")) return first === void 0 ? rest : `${normalizeHostPattern(first)}${rest.slice(slash)}`;
  let registry = DOCKER_HUB;
  let path = rest;
  if (first !== void 0 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first)) {
    registry = normalizeHostPattern(first);
    path = rest.slice(slash + 1);
  }
  if (registry === DOCKER_HUB && !path.includes("/") && !path.startsWith("*")) path = `library/${path}`;
  return `${registry}/${path}`;
}
function normalizeHostPattern(pattern) {
  const p = canonicalRegistry(pattern);
  return isLiteral(p) ? p : p.replace(/:443$/, "");
}
function matchReference(pattern, ref, digest) {
  const p = typeof pattern === "string" ? parseReferencePattern(pattern) : pattern;
  if (!globMatch(p.name, repositoryName(ref))) return false;
  if (p.tag !== void 0 && (ref.tag === void 0 || !globMatch(p.tag, ref.tag))) return false;
  if (p.digest !== void 0) {
    const d = ref.digest ?? digest;
    if (d === void 0 || !globMatch(p.digest, d)) return false;
  }
  return true;
}
function allowsBase(pattern, base) {
  if (pattern.trim() === "scratch") return false;
  try {
    return matchReference(pattern, parseReference(base.name), base.digest);
  } catch {
    return false;
  }
}

export {
  globProblem,
  globMatch,
  parseReferencePattern,
  normalizeHostPattern,
  matchReference,
  allowsBase
};
//# sourceMappingURL=chunk-A6VFLDUP.js.map
