
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import {
  digestProblem
} from "./chunk-6XVK6575.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

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
function parseRepositoryName(input) {
  const text = input.trim();
  const ref = parseReference(text);
  if (ref.digest !== void 0 || text.lastIndexOf(":") > text.lastIndexOf("/"))
    throw new InvalidReference(
      input,
      "it names a tag or a digest; name the repository alone, like ghcr.io/acme/signatures"
    );
  return { registry: ref.registry, repository: ref.repository };
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

export {
  DOCKER_HUB,
  DOCKER_HUB_CONFIG_KEY,
  InvalidReference,
  parseReference,
  parseRepositoryName,
  canonicalRegistry,
  normalizeRegistryName,
  repositoryName,
  formatReference,
  pinnedReference,
  manifestReference,
  apiHost,
  isLoopback,
  hostOf
};
//# sourceMappingURL=chunk-LDXJDK62.js.map
