import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  digestProblem
} from "./chunk-XTO46FEV.js";
import {
  Minimatch
} from "./chunk-WRSMLUD7.js";
import {
  GateError
} from "./chunk-OZUNZ745.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-H64ZGIEN.js";

// src/core/glob.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/core/reference.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var DOCKER_HUB = "docker.io";
var DOCKER_HUB_API = "registry-1.docker.io";
var DOCKER_HUB_ALIASES = /* @__PURE__ */ new Set(["index.docker.io", DOCKER_HUB_API, "registry.hub.docker.com"]);
var DOCKER_HUB_CONFIG_KEY = "https://index.docker.io/v1/";
var ALNUM = "[a-z0-9]+";
var SEPARATOR = "(?:[._]|__|-+)";
var PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
var REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
var DOMAIN = new RegExp(`^${HOST}(?::[0-9]+)?$`);
var TAG = /^[\w][\w.-]{0,127}$/;
var HEX64 = /^[a-f0-9]{64}$/;
var MAX_NAME = 255;
var InvalidReference = class extends GateError {
  input;
  constructor(input, why) {
    super("reference", `"${input}" is not a valid image reference: ${why}`);
    this.input = input;
  }
};
function parseReference(input) {
  const text = input.trim();
  if (text === "") throw new InvalidReference(input, "it is empty");
  if (/\s/.test(text)) throw new InvalidReference(input, "it contains white space");
  if (text.includes("://")) throw new InvalidReference(input, "write it without a scheme (no docker:// or https://)");
  let rest = text;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) throw new InvalidReference(input, `bad digest "${digest}": ${problem}`);
  }
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      throw new InvalidReference(
        input,
        `bad tag "${tag}": a tag is 1 to 128 of letters, digits, _ . - and does not start with . or -`
      );
    }
  }
  if (rest === "") throw new InvalidReference(input, "it has no repository name");
  if (HEX64.test(rest))
    throw new InvalidReference(input, "a 64-character hex string is an image ID, not a repository name");
  let registry;
  let repository;
  const slash = rest.indexOf("/");
  const first = slash < 0 ? "" : rest.slice(0, slash);
  if (slash < 0 || !/[.:]/.test(first) && first !== "localhost" && first.toLowerCase() === first) {
    registry = DOCKER_HUB;
    repository = rest;
  } else {
    repository = rest.slice(slash + 1);
    if (!DOMAIN.test(first)) throw new InvalidReference(input, `bad registry "${first}"`);
    registry = canonicalRegistry(first);
  }
  if (registry === DOCKER_HUB && !repository.includes("/")) repository = `library/${repository}`;
  if (repository.toLowerCase() !== repository) {
    throw new InvalidReference(input, `the repository "${repository}" must be lowercase`);
  }
  if (!REPOSITORY.test(repository)) {
    throw new InvalidReference(
      input,
      `bad repository "${repository}": path components are lowercase letters and digits, joined by one . or _, two _, or dashes`
    );
  }
  if (repository.length > MAX_NAME) {
    throw new InvalidReference(input, `the repository path is longer than ${MAX_NAME} characters`);
  }
  const ref = { registry, repository };
  if (tag !== void 0) ref.tag = tag;
  if (digest !== void 0) ref.digest = digest;
  if (tag === void 0 && digest === void 0) ref.tag = "latest";
  return ref;
}
function canonicalRegistry(registry) {
  let host = registry.trim().toLowerCase();
  if (DOMAIN.test(host)) {
    try {
      host = new URL(`https://${host}`).host;
    } catch {
    }
  }
  if (DOCKER_HUB_ALIASES.has(host)) return DOCKER_HUB;
  if (/^[a-z0-9-]*[a-z][a-z0-9-]*$/.test(host) && host !== "localhost") return host.toUpperCase();
  return host;
}
function normalizeRegistryName(value) {
  let v = value.trim().replace(/^[a-z]+:\/\//i, "");
  const slash = v.indexOf("/");
  if (slash >= 0) v = v.slice(0, slash);
  return canonicalRegistry(v);
}
function repositoryName(ref) {
  return `${ref.registry}/${ref.repository}`;
}
function formatReference(ref) {
  return `${repositoryName(ref)}${ref.tag !== void 0 ? `:${ref.tag}` : ""}${ref.digest !== void 0 ? `@${ref.digest}` : ""}`;
}
function pinnedReference(ref, digest) {
  return formatReference({ ...ref, digest });
}
function manifestReference(ref) {
  return ref.digest ?? ref.tag ?? "latest";
}
function apiHost(registry) {
  return registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
}
function isLoopback(registry) {
  const host = hostOf(registry).toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]";
}
function hostOf(registry) {
  if (registry.startsWith("[")) {
    const end = registry.indexOf("]");
    return end < 0 ? registry : registry.slice(0, end + 1);
  }
  const colon = registry.indexOf(":");
  return colon < 0 ? registry : registry.slice(0, colon);
}

// src/core/glob.ts
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
    m = new Minimatch(pattern, OPTIONS);
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
  DOCKER_HUB,
  DOCKER_HUB_CONFIG_KEY,
  InvalidReference,
  parseReference,
  normalizeRegistryName,
  repositoryName,
  formatReference,
  pinnedReference,
  manifestReference,
  apiHost,
  isLoopback,
  globProblem,
  globMatch,
  parseReferencePattern,
  normalizeHostPattern,
  matchReference,
  allowsBase
};
//# sourceMappingURL=chunk-46MAB7FO.js.map
