import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  Minimatch
} from "./chunk-LE2UZY5T.js";
import {
  require_path
} from "./chunk-AIJDD4ZJ.js";
import {
  digestProblem
} from "./chunk-AWQPUKBN.js";
import {
  require_crypto
} from "./chunk-UVTNJXCJ.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-NT35QWKV.js";

// src/oci/platform.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var PART = /^[a-z0-9][a-z0-9._-]*$/;
var PLATFORM_PART_MAX = 64;
function platformProblem(p) {
  const parts = [
    ["os", p.os],
    ["architecture", p.architecture]
  ];
  if (p.variant !== void 0 && p.variant !== "") parts.push(["variant", p.variant]);
  for (const [name, value] of parts) {
    if (typeof value !== "string") return `its ${name} is not a string`;
    if (value.length === 0 || value.length > PLATFORM_PART_MAX || !PART.test(value.toLowerCase())) {
      return `its ${name} (${value.length} characters) is not a platform word: letters, digits, ".", "_" and "-", at most ${PLATFORM_PART_MAX}`;
    }
  }
  return void 0;
}
function normalizePlatform(p) {
  let os = p.os.toLowerCase();
  if (os === "macos") os = "darwin";
  let architecture = p.architecture.toLowerCase();
  let variant = p.variant ? p.variant.toLowerCase() : void 0;
  switch (architecture) {
    case "i386":
      architecture = "386";
      variant = void 0;
      break;
    case "x86_64":
    case "x86-64":
    case "amd64":
      architecture = "amd64";
      if (variant === "v1") variant = void 0;
      break;
    case "aarch64":
    case "arm64":
      architecture = "arm64";
      if (variant === void 0 || variant === "8" || variant === "v8" || variant === "v8.0") variant = "v8";
      else if (variant === "9" || variant === "9.0" || variant === "v9.0") variant = "v9";
      break;
    case "armhf":
      architecture = "arm";
      variant = "v7";
      break;
    case "armel":
      architecture = "arm";
      variant = "v6";
      break;
    case "arm":
      if (variant === void 0 || variant === "7") variant = "v7";
      else if (variant === "5" || variant === "6" || variant === "8") variant = `v${variant}`;
      break;
  }
  return variant ? { os, architecture, variant } : { os, architecture };
}
function parsePlatform(text) {
  const parts = text.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !PART.test(p.toLowerCase()))) {
    throw new Error(`"${text}" is not a platform: write os/arch or os/arch/variant, like linux/amd64 or linux/arm/v7`);
  }
  const [os, architecture, variant] = parts;
  return normalizePlatform(variant ? { os, architecture, variant } : { os, architecture });
}
function formatPlatform(p) {
  const variant = p.architecture === "arm64" && p.variant === "v8" ? void 0 : p.variant;
  return variant ? `${p.os}/${p.architecture}/${variant}` : `${p.os}/${p.architecture}`;
}
function samePlatform(a, b) {
  return formatPlatform(normalizePlatform(a)) === formatPlatform(normalizePlatform(b));
}
function isAttestationPlatform(p) {
  return p !== void 0 && p.os === "unknown" && p.architecture === "unknown";
}

// src/policy/glob.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/registry/reference.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var DOCKER_HUB = "docker.io";
var LEGACY_DOCKER_HUB = "index.docker.io";
var DOCKER_HUB_API = "registry-1.docker.io";
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
var ReferenceError = class extends Error {
  input;
  constructor(input, why) {
    super(`"${input}" is not a valid image reference: ${why}`);
    this.name = "ReferenceError";
    this.input = input;
  }
};
function parseReference(input) {
  const text = input.trim();
  if (text === "") throw new ReferenceError(input, "it is empty");
  if (/\s/.test(text)) throw new ReferenceError(input, "it contains white space");
  if (text.includes("://")) throw new ReferenceError(input, "write it without a scheme (no docker:// or https://)");
  let rest = text;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) throw new ReferenceError(input, `bad digest "${digest}": ${problem}`);
  }
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      throw new ReferenceError(input, `bad tag "${tag}": a tag is 1 to 128 of letters, digits, _ . - and does not start with . or -`);
    }
  }
  if (rest === "") throw new ReferenceError(input, "it has no repository name");
  if (HEX64.test(rest)) throw new ReferenceError(input, "a 64-character hex string is an image ID, not a repository name");
  let registry;
  let repository;
  const slash = rest.indexOf("/");
  const first = slash < 0 ? "" : rest.slice(0, slash);
  if (slash < 0 || !/[.:]/.test(first) && first !== "localhost" && first.toLowerCase() === first) {
    registry = DOCKER_HUB;
    repository = rest;
  } else {
    registry = first;
    repository = rest.slice(slash + 1);
    if (!DOMAIN.test(registry)) throw new ReferenceError(input, `bad registry "${registry}"`);
  }
  if (registry === LEGACY_DOCKER_HUB) registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes("/")) repository = `library/${repository}`;
  if (repository.toLowerCase() !== repository) {
    throw new ReferenceError(input, `the repository "${repository}" must be lowercase`);
  }
  if (!REPOSITORY.test(repository)) {
    throw new ReferenceError(
      input,
      `bad repository "${repository}": path components are lowercase letters and digits, joined by one . or _, two _, or dashes`
    );
  }
  if (repository.length > MAX_NAME) {
    throw new ReferenceError(input, `the repository path is longer than ${MAX_NAME} characters`);
  }
  const ref = { registry, repository };
  if (tag !== void 0) ref.tag = tag;
  if (digest !== void 0) ref.digest = digest;
  if (tag === void 0 && digest === void 0) ref.tag = "latest";
  return ref;
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

// src/policy/glob.ts
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
  if (pattern.length > GLOB_MAX_LENGTH) return `the pattern is ${pattern.length} characters long, over the limit of ${GLOB_MAX_LENGTH}`;
  const n = braceExpansions(pattern);
  if (n > GLOB_MAX_EXPANSIONS) return `its braces expand to ${n >= 1e12 ? "more than 10^12" : n} patterns, over the limit of ${GLOB_MAX_EXPANSIONS}`;
  return void 0;
}
var GlobError = class extends Error {
  constructor(pattern, problem) {
    super(`glob "${pattern.length > 80 ? `${pattern.slice(0, 80)}\u2026` : pattern}": ${problem}`);
    this.name = "GlobError";
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
  if (rest.startsWith("*")) return rest;
  const slash = rest.indexOf("/");
  const first = slash < 0 ? void 0 : rest.slice(0, slash);
  let registry = DOCKER_HUB;
  let path = rest;
  if (first !== void 0 && (/[.:]/.test(first) || first === "localhost")) {
    registry = first === "index.docker.io" ? DOCKER_HUB : first;
    path = rest.slice(slash + 1);
  }
  if (registry === DOCKER_HUB && !path.includes("/") && !path.startsWith("*")) path = `library/${path}`;
  return `${registry}/${path}`;
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

// src/trust/types.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
var GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

// src/trust/keys.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_crypto = __toESM(require_crypto(), 1);
var import_node_path = __toESM(require_path(), 1);
var KeyError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "KeyError";
  }
};
var PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
var CURVES = { prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521" };
var KEY_FILE_LIMIT = 64 << 10;
function splitKeySources(text) {
  const pems = [...text.matchAll(PEM_BLOCK)].map((m) => m[0]);
  const rest = text.replace(PEM_BLOCK, "\n");
  const paths = [];
  for (const rawLine of rest.split(/\r?\n/)) {
    const line = rawLine.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    for (const item of line.split(",")) if (item.trim() !== "") paths.push(item.trim());
  }
  return { pems, paths };
}
function fingerprint(key) {
  const der = key.export({ type: "spki", format: "der" });
  return `SHA256:${(0, import_node_crypto.createHash)("sha256").update(der).digest("base64").replace(/=+$/, "")}`;
}
function parsePublicKey(text, name) {
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) throw new KeyError(`${name} holds no PEM block: a public key starts with -----BEGIN PUBLIC KEY-----`);
  if (blocks.length > 1) throw new KeyError(`${name} holds ${blocks.length} PEM blocks: give one public key per file`);
  const label = blocks[0][1];
  if (/PRIVATE/.test(label)) throw new KeyError(`${name} is a private key (${label}): give the public key (cosign.pub), never the private one`);
  if (label !== "PUBLIC KEY" && label !== "RSA PUBLIC KEY") throw new KeyError(`${name} is a ${label}, not a PUBLIC KEY`);
  let key;
  try {
    key = (0, import_node_crypto.createPublicKey)({ key: blocks[0][0], format: "pem" });
  } catch (e) {
    throw new KeyError(`${name} is not a readable public key: ${e.message}`);
  }
  let algorithm;
  if (key.asymmetricKeyType === "ec") {
    const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ""];
    if (!curve) throw new KeyError(`${name} is an ECDSA key on curve ${key.asymmetricKeyDetails?.namedCurve ?? "unknown"}: supported curves are P-256, P-384 and P-521`);
    algorithm = `ECDSA ${curve}`;
  } else if (key.asymmetricKeyType === "rsa") {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new KeyError(`${name} is a ${bits}-bit RSA key: RSA keys need 2048 bits or more`);
    algorithm = `RSA ${bits}`;
  } else {
    throw new KeyError(`${name} is an ${key.asymmetricKeyType ?? "unknown"} key: supported keys are ECDSA (P-256, P-384, P-521) and RSA`);
  }
  const pem = key.export({ type: "spki", format: "pem" }).toString();
  return { name, pem, fingerprint: fingerprint(key), algorithm, key };
}
function readKeyFile(path, name, read) {
  let bytes;
  try {
    bytes = read(path);
  } catch (e) {
    const code = e.code;
    throw new KeyError(`${name}: cannot read the key file${code === "ENOENT" ? ": no such file in the workspace" : code === "EISDIR" ? ": it is a directory" : `: ${e.message}`}`);
  }
  if (bytes.length > KEY_FILE_LIMIT) throw new KeyError(`${name} is ${bytes.length} bytes: a public key file is a few hundred bytes`);
  return parsePublicKey(bytes.toString("utf8"), name);
}
function loadKeys(text, workspace, read) {
  const { pems, paths } = splitKeySources(text);
  const keys = [...pems.map((pem, i) => parsePublicKey(pem, `inline key ${i + 1}`)), ...paths.map((p) => readKeyFile(resolvePath(workspace, p), p, read))];
  const seen = /* @__PURE__ */ new Set();
  return keys.filter((k) => !seen.has(k.fingerprint) && seen.add(k.fingerprint));
}
function resolvePath(workspace, p) {
  return (0, import_node_path.isAbsolute)(p) ? p : (0, import_node_path.join)(workspace, p);
}

// src/policy/errors.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var PolicyError = class extends Error {
  problems;
  constructor(problems) {
    super(problems.join("\n"));
    this.name = "PolicyError";
    this.problems = problems;
  }
};

export {
  platformProblem,
  normalizePlatform,
  parsePlatform,
  formatPlatform,
  samePlatform,
  isAttestationPlatform,
  DOCKER_HUB,
  DOCKER_HUB_CONFIG_KEY,
  ReferenceError,
  parseReference,
  repositoryName,
  formatReference,
  pinnedReference,
  manifestReference,
  apiHost,
  isLoopback,
  globProblem,
  globMatch,
  parseReferencePattern,
  matchReference,
  allowsBase,
  SLSA_PROVENANCE_V1,
  GITHUB_ACTIONS_ISSUER,
  KeyError,
  splitKeySources,
  parsePublicKey,
  loadKeys,
  PolicyError
};
//# sourceMappingURL=chunk-4JTX4H6K.js.map
