
import {
  normalizePlatform,
  platformProblem
} from "./chunk-IPQCI7W4.js";
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import {
  digestProblem
} from "./chunk-6XVK6575.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/registry/errors.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/oci/manifest.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/oci/mediatypes.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var OCI_INDEX = "application/vnd.oci.image.index.v1+json";
var OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
var DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
var DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
var DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
var DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
var INDEX_TYPES = [OCI_INDEX, DOCKER_LIST];
var IMAGE_TYPES = [OCI_MANIFEST, DOCKER_MANIFEST];
var SCHEMA1_TYPES = [DOCKER_SCHEMA1, DOCKER_SCHEMA1_SIGNED];
var MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(", ");
function baseMediaType(contentType) {
  if (!contentType) return void 0;
  const t = contentType.split(";")[0].trim().toLowerCase();
  return t === "" ? void 0 : t;
}

// src/oci/manifest.ts
var ManifestError = class extends GateError {
  constructor(kind, message) {
    super("manifest", message);
    this.kind = kind;
  }
  kind;
};
function parseManifest(body, contentType, where) {
  const invalid = (why) => new ManifestError("invalid", `${where}: ${why}`);
  let doc;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    throw invalid(
      `the manifest is not valid JSON (${body.length} bytes${body.length > 0 ? ", truncated or corrupt" : ""})`
    );
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw invalid("the manifest is not a JSON object");
  const m = doc;
  const served = baseMediaType(contentType);
  const declared = m.mediaType;
  if (declared !== void 0 && typeof declared !== "string") throw invalid("its mediaType is not a string");
  if (m.schemaVersion === 1 || SCHEMA1_TYPES.includes(served ?? "") || SCHEMA1_TYPES.includes(declared ?? "")) {
    throw new ManifestError(
      "unsupported",
      `${where}: Docker schema 1 manifests are deprecated and unsupported; rebuild and push the image with a current tool`
    );
  }
  if (m.schemaVersion !== 2) throw invalid(`schemaVersion is ${JSON.stringify(m.schemaVersion)}, not 2`);
  const known = [...INDEX_TYPES, ...IMAGE_TYPES];
  if (declared !== void 0 && served !== void 0 && known.includes(served) && declared !== served) {
    throw invalid(`its mediaType ${declared} disagrees with the Content-Type ${served} it was served with`);
  }
  if (declared !== void 0 && served !== void 0 && !known.includes(served) && served !== "application/json" && served !== "application/octet-stream") {
    throw invalid(`it was served as ${served}, which is not a manifest type`);
  }
  const hasManifests = m.manifests !== void 0;
  const hasImageParts = m.config !== void 0 || m.layers !== void 0;
  if (hasManifests && hasImageParts) {
    throw invalid(
      'the document has both "manifests" and "config"/"layers": an ambiguous manifest is rejected (CVE-2021-41190)'
    );
  }
  const type = declared ?? (served && known.includes(served) ? served : void 0);
  let kind;
  if (type !== void 0) {
    if (INDEX_TYPES.includes(type)) kind = "index";
    else if (IMAGE_TYPES.includes(type)) kind = "image";
    else throw new ManifestError("unsupported", `${where}: unsupported manifest media type ${type}`);
  } else if (hasManifests) kind = "index";
  else if (hasImageParts) kind = "image";
  else throw invalid("the document is neither an index nor an image manifest");
  const annotations = stringMap(m.annotations, invalid, "annotations");
  if (kind === "index") {
    if (hasImageParts)
      throw invalid('an index carries "config"/"layers": an ambiguous manifest is rejected (CVE-2021-41190)');
    if (!Array.isArray(m.manifests)) throw invalid('an index without a "manifests" list');
    const manifests = m.manifests.map((d, i) => descriptor(d, `manifests[${i}]`, invalid));
    return { kind, mediaType: type ?? OCI_INDEX, manifests, annotations };
  }
  if (hasManifests)
    throw invalid('an image manifest carries "manifests": an ambiguous manifest is rejected (CVE-2021-41190)');
  if (m.config === void 0) throw invalid('an image manifest without "config"');
  const config = descriptor(m.config, "config", invalid);
  if (m.layers !== void 0 && !Array.isArray(m.layers)) throw invalid('"layers" is not a list');
  const layers = (m.layers ?? []).map((d, i) => descriptor(d, `layers[${i}]`, invalid));
  const result = { kind, mediaType: type ?? OCI_MANIFEST, config, layers, annotations };
  if (m.subject !== void 0) result.subject = descriptor(m.subject, "subject", invalid);
  if (typeof m.artifactType === "string" && m.artifactType !== "") result.artifactType = m.artifactType;
  return result;
}
function descriptor(value, path, invalid) {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalid(`${path} is not a descriptor object`);
  const d = value;
  if (typeof d.mediaType !== "string" || d.mediaType === "") throw invalid(`${path} has no mediaType`);
  if (typeof d.digest !== "string") throw invalid(`${path} has no digest`);
  const problem = digestProblem(d.digest);
  if (problem) throw invalid(`${path} has digest "${d.digest.slice(0, 80)}": ${problem}`);
  if (typeof d.size !== "number" || !Number.isSafeInteger(d.size) || d.size < 0)
    throw invalid(`${path} has no valid size`);
  const out = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.platform !== void 0) {
    const p = d.platform;
    if (typeof p !== "object" || p === null || typeof p.os !== "string" || typeof p.architecture !== "string") {
      throw invalid(`${path}.platform needs os and architecture`);
    }
    const problem2 = platformProblem({ os: p.os, architecture: p.architecture, variant: p.variant ?? void 0 });
    if (problem2) throw invalid(`${path}.platform: ${problem2}`);
    out.platform = normalizePlatform({
      os: p.os,
      architecture: p.architecture,
      ...typeof p.variant === "string" && p.variant !== "" ? { variant: p.variant } : {}
    });
  }
  if (d.annotations !== void 0) out.annotations = stringMap(d.annotations, invalid, `${path}.annotations`);
  if (typeof d.artifactType === "string" && d.artifactType !== "") out.artifactType = d.artifactType;
  return out;
}
function stringMap(value, invalid, path) {
  const out = /* @__PURE__ */ Object.create(null);
  if (value === void 0 || value === null) return out;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(`${path} is not an object`);
  for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  return out;
}
function parseConfig(body, where) {
  const invalid = (why) => new ManifestError("invalid", `${where}: ${why}`);
  let doc;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    throw invalid("the image config is not valid JSON");
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw invalid("the image config is not a JSON object");
  const c = doc;
  const cfg = typeof c.config === "object" && c.config !== null ? c.config : {};
  const rootfs = typeof c.rootfs === "object" && c.rootfs !== null ? c.rootfs : {};
  const diffIds = Array.isArray(rootfs.diff_ids) ? rootfs.diff_ids.filter((d) => typeof d === "string") : [];
  const out = {
    os: typeof c.os === "string" ? c.os : "",
    architecture: typeof c.architecture === "string" ? c.architecture : "",
    user: typeof cfg.User === "string" ? cfg.User : "",
    labels: stringMap(cfg.Labels, invalid, "config.Labels"),
    diffIds
  };
  if (typeof c.variant === "string" && c.variant !== "") out.variant = c.variant;
  const problem = platformProblem({
    os: out.os || "unknown",
    architecture: out.architecture || "unknown",
    variant: out.variant
  });
  if (problem) throw invalid(`the config's platform: ${problem}`);
  if (typeof c.created === "string" && c.created !== "") out.created = c.created;
  return out;
}

// src/registry/errors.ts
var RegistryError = class extends GateError {
  kind;
  host;
  status;
  codes;
  constructor(kind, message, opts = {}) {
    super("registry", message, opts.cause === void 0 ? void 0 : { cause: opts.cause });
    this.kind = kind;
    this.host = opts.host;
    this.status = opts.status;
    this.codes = opts.codes ?? [];
  }
};
function registryErrorCodes(body) {
  if (!body || body.length === 0) return { codes: [], message: void 0 };
  try {
    const parsed = JSON.parse(body.toString("utf8"));
    const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
    const codes = errors.map((e) => typeof e.code === "string" ? e.code : "").filter((c) => c !== "");
    const messages = errors.map((e) => typeof e.message === "string" ? e.message : "").filter((m) => m !== "");
    return { codes, message: messages.length > 0 ? messages.join("; ").slice(0, 300) : void 0 };
  } catch {
    return { codes: [], message: void 0 };
  }
}
function fromManifestError(e, host) {
  return e instanceof ManifestError ? new RegistryError(e.kind, e.message, host === void 0 ? {} : { host }) : e;
}
function describeError(err) {
  if (err instanceof Error) return err.message;
  return String(err);
}
function aborted(signal) {
  if (!signal?.aborted) return void 0;
  const reason = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}

export {
  OCI_INDEX,
  IMAGE_TYPES,
  MANIFEST_ACCEPT,
  baseMediaType,
  parseManifest,
  parseConfig,
  RegistryError,
  registryErrorCodes,
  fromManifestError,
  describeError,
  aborted
};
//# sourceMappingURL=chunk-BHOE3INQ.js.map
