import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  registerSecret
} from "./chunk-IXN6SL6M.js";
import {
  RegistryError,
  describeError,
  registryErrorCodes
} from "./chunk-FTOQCG6A.js";
import {
  HttpClient,
  require_events,
  require_http,
  require_https,
  require_net,
  require_tls
} from "./chunk-BRRA2BBN.js";
import {
  GITHUB_ACTIONS_ISSUER,
  SLSA_PROVENANCE_V1,
  formatPlatform,
  isAttestationPlatform,
  normalizePlatform,
  platformProblem
} from "./chunk-2UOXHHVY.js";
import {
  humanDuration
} from "./chunk-XQHVKGHF.js";
import {
  allowsBase,
  apiHost,
  formatReference,
  globMatch,
  isLoopback,
  manifestReference,
  normalizeRegistryName,
  parseReference,
  pinnedReference,
  repositoryName
} from "./chunk-RAKIOEVJ.js";
import {
  computeDigest,
  digestProblem,
  isDigest,
  require_crypto,
  shortDigest
} from "./chunk-YZGY4GGB.js";
import {
  require_path
} from "./chunk-NHIYY5LD.js";
import {
  require_fs
} from "./chunk-SHVH6DLG.js";
import {
  __commonJS,
  __require,
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SNEHC4Y2.js";

// builtin:dns
var require_dns = __commonJS({
  "builtin:dns"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    module.exports = __require("node:dns");
  }
});

// builtin:dns/promises
var require_promises = __commonJS({
  "builtin:dns/promises"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    module.exports = __require("node:dns/promises");
  }
});

// src/policy/rules/table.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/policy/rules/base-images.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/inspect/inspect.ts
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
function parseManifest(body, contentType, where) {
  const invalid = (why) => new RegistryError("invalid", `${where}: ${why}`);
  let doc;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    throw invalid(`the manifest is not valid JSON (${body.length} bytes${body.length > 0 ? ", truncated or corrupt" : ""})`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw invalid("the manifest is not a JSON object");
  const m = doc;
  const served = baseMediaType(contentType);
  const declared = m.mediaType;
  if (declared !== void 0 && typeof declared !== "string") throw invalid("its mediaType is not a string");
  if (m.schemaVersion === 1 || SCHEMA1_TYPES.includes(served ?? "") || SCHEMA1_TYPES.includes(declared ?? "")) {
    throw new RegistryError("unsupported", `${where}: Docker schema 1 manifests are deprecated and unsupported; rebuild and push the image with a current tool`);
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
    throw invalid('the document has both "manifests" and "config"/"layers": an ambiguous manifest is rejected (CVE-2021-41190)');
  }
  const type = declared ?? (served && known.includes(served) ? served : void 0);
  let kind;
  if (type !== void 0) {
    if (INDEX_TYPES.includes(type)) kind = "index";
    else if (IMAGE_TYPES.includes(type)) kind = "image";
    else throw new RegistryError("unsupported", `${where}: unsupported manifest media type ${type}`);
  } else if (hasManifests) kind = "index";
  else if (hasImageParts) kind = "image";
  else throw invalid("the document is neither an index nor an image manifest");
  const annotations = stringMap(m.annotations, invalid, "annotations");
  if (kind === "index") {
    if (hasImageParts) throw invalid('an index carries "config"/"layers": an ambiguous manifest is rejected (CVE-2021-41190)');
    if (!Array.isArray(m.manifests)) throw invalid('an index without a "manifests" list');
    const manifests = m.manifests.map((d, i) => descriptor(d, `manifests[${i}]`, invalid));
    return { kind, mediaType: type ?? OCI_INDEX, manifests, annotations };
  }
  if (hasManifests) throw invalid('an image manifest carries "manifests": an ambiguous manifest is rejected (CVE-2021-41190)');
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
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(`${path} is not a descriptor object`);
  const d = value;
  if (typeof d.mediaType !== "string" || d.mediaType === "") throw invalid(`${path} has no mediaType`);
  if (typeof d.digest !== "string") throw invalid(`${path} has no digest`);
  const problem = digestProblem(d.digest);
  if (problem) throw invalid(`${path} has digest "${d.digest.slice(0, 80)}": ${problem}`);
  if (typeof d.size !== "number" || !Number.isSafeInteger(d.size) || d.size < 0) throw invalid(`${path} has no valid size`);
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
  const invalid = (why) => new RegistryError("invalid", `${where}: ${why}`);
  let doc;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    throw invalid("the image config is not valid JSON");
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw invalid("the image config is not a JSON object");
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
  const problem = platformProblem({ os: out.os || "unknown", architecture: out.architecture || "unknown", variant: out.variant });
  if (problem) throw invalid(`the config's platform: ${problem}`);
  if (typeof c.created === "string" && c.created !== "") out.created = c.created;
  return out;
}

// src/registry/client.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/logger.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var silentLogger = { debug: () => {
}, info: () => {
}, warning: () => {
}, notice: () => {
} };

// src/registry/address.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_dns = __toESM(require_dns(), 1);
var import_promises = __toESM(require_promises(), 1);
var import_node_net = __toESM(require_net(), 1);
var FORBIDDEN = new import_node_net.BlockList();
FORBIDDEN.addSubnet("169.254.0.0", 16, "ipv4");
FORBIDDEN.addSubnet("0.0.0.0", 8, "ipv4");
FORBIDDEN.addAddress("100.100.100.200", "ipv4");
FORBIDDEN.addAddress("168.63.129.16", "ipv4");
FORBIDDEN.addSubnet("fe80::", 10, "ipv6");
FORBIDDEN.addAddress("::", "ipv6");
FORBIDDEN.addAddress("fd00:ec2::254", "ipv6");
function forbiddenAddress(address) {
  let a = address.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) a = mapped[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (hex) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    a = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  const family = (0, import_node_net.isIP)(a);
  if (family === 0) return void 0;
  if (!FORBIDDEN.check(a, family === 4 ? "ipv4" : "ipv6")) return void 0;
  if (family === 4 ? a.startsWith("169.254.") : /^fe[89ab]/.test(a)) return "a link-local address (where cloud metadata services answer)";
  if (a === "0.0.0.0" || a.startsWith("0.") || a === "::") return "an unspecified address";
  return "a cloud metadata address";
}
function checkRegistryHost(url, registry) {
  const why = forbiddenAddress(url.hostname);
  if (why === void 0) return;
  throw new RegistryError("unreachable", `${registry}: address ${url.hostname} is ${why}: refused, not contacted`, { host: registry });
}
var systemResolver = (host) => (0, import_promises.lookup)(host, { all: true, verbatim: true });
async function checkRealmHost(url, registry, resolve = systemResolver) {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const refuse = (address, why) => new RegistryError(
    "auth",
    `${registry}: token realm ${url.host}${address !== host ? ` (${address})` : ""} is ${why}: refused, credentials are never sent there`,
    { host: registry }
  );
  if ((0, import_node_net.isIP)(host) !== 0) {
    const why = forbiddenAddress(host);
    if (why) throw refuse(host, why);
    return;
  }
  let addresses;
  try {
    addresses = await resolve(host);
  } catch {
    return;
  }
  for (const { address } of addresses) {
    const why = forbiddenAddress(address);
    if (why) throw refuse(address, why);
  }
}
function guardedLookupWith(resolve) {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const bad = addresses.find((a) => forbiddenAddress(a.address) !== void 0);
      if (bad) {
        const e = new Error(`${hostname} resolved to ${bad.address}, ${forbiddenAddress(bad.address)}: refused`);
        e.code = "EFORBIDDENADDRESS";
        return callback(e, "");
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: "ENOTFOUND" }), "");
      callback(null, first.address, first.family);
    });
  };
}
var guardedLookup = guardedLookupWith((hostname, options, callback) => (0, import_node_dns.lookup)(hostname, options, callback));

// src/registry/auth.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/registry/challenge.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
var TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;
function parseChallenges(header) {
  if (header === void 0) return [];
  const headers = Array.isArray(header) ? header : [header];
  return headers.flatMap(parseOne);
}
function parseOne(s) {
  const out = [];
  let i = 0;
  const n = s.length;
  const skipWs = () => {
    while (i < n && (s[i] === " " || s[i] === "	")) i++;
  };
  const skipWsAndCommas = () => {
    while (i < n && (s[i] === " " || s[i] === "	" || s[i] === ",")) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && TCHAR.test(s[i])) i++;
    return s.slice(start, i);
  };
  const readQuoted = () => {
    i++;
    let value = "";
    while (i < n && s[i] !== '"') {
      if (s[i] === "\\" && i + 1 < n) i++;
      value += s[i];
      i++;
    }
    i++;
    return value;
  };
  const paramStartsHere = () => {
    let j = i;
    while (j < n && TCHAR.test(s[j])) j++;
    if (j === i) return false;
    while (j < n && (s[j] === " " || s[j] === "	")) j++;
    if (s[j] !== "=") return false;
    j++;
    while (j < n && (s[j] === " " || s[j] === "	")) j++;
    return j < n && (s[j] === '"' || TCHAR.test(s[j])) && s[j] !== "=";
  };
  while (i < n) {
    skipWsAndCommas();
    if (i >= n) break;
    const scheme = readToken();
    if (scheme === "") {
      i++;
      continue;
    }
    const challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    skipWs();
    if (i >= n || s[i] === ",") {
      if (s[i] === ",") {
        i++;
        skipWs();
        if (!paramStartsHere()) continue;
      } else continue;
    }
    if (!paramStartsHere()) {
      const start = i;
      while (i < n && TOKEN68_CHAR.test(s[i])) i++;
      while (i < n && s[i] === "=") i++;
      const t = s.slice(start, i);
      if (t !== "") challenge.token68 = t;
      continue;
    }
    for (; ; ) {
      skipWs();
      if (!paramStartsHere()) break;
      const name = readToken().toLowerCase();
      skipWs();
      i++;
      skipWs();
      const value = s[i] === '"' ? readQuoted() : readToken();
      if (!(name in challenge.params)) challenge.params[name] = value;
      skipWs();
      if (s[i] !== ",") break;
      let j = i + 1;
      while (j < n && (s[j] === " " || s[j] === "	" || s[j] === ",")) j++;
      const save = i;
      i = j;
      if (!paramStartsHere()) {
        i = save;
        break;
      }
    }
  }
  return out;
}

// src/registry/transport.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_events = __toESM(require_events(), 1);
var http = __toESM(require_http(), 1);
var https = __toESM(require_https(), 1);

// src/registry/tls.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_tls = __toESM(require_tls(), 1);
var import_node_crypto = __toESM(require_crypto(), 1);
var import_node_fs = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);
var DEFAULT_CERTS_DIRS = ["/etc/docker/certs.d", "/etc/containers/certs.d"];
var CERT_FILE_LIMIT = 1 << 20;
var MAX_FILES = 64;
function certsDirsFromEnv(env = process.env) {
  const v = env.IMAGE_GATE_CERTS_DIRS;
  if (v === void 0) return DEFAULT_CERTS_DIRS;
  return v.split(import_node_path.delimiter).map((d) => d.trim()).filter((d) => d !== "");
}
var TlsConfig = class {
  certsDirs;
  insecure;
  constructor(opts = {}) {
    this.certsDirs = opts.certsDirs ?? DEFAULT_CERTS_DIRS;
    this.insecure = new Set([...opts.insecure ?? []].map((h) => h.toLowerCase()));
  }
  /** Is the certificate of this URL's host left unverified? */
  isInsecure(url) {
    const port = url.port || (url.protocol === "https:" ? "443" : "80");
    const host = url.hostname.toLowerCase();
    return isLoopback(url.host) || this.insecure.has(url.host.toLowerCase()) || this.insecure.has(`${host}:${port}`);
  }
  /** The settings for an HTTPS origin; throws a `tls` RegistryError naming the file when a file cannot be used. */
  settingsFor(url) {
    const files = this.filesFor(url);
    const rejectUnauthorized = !this.isInsecure(url);
    const caFiles = files.filter((f) => f.endsWith(".crt"));
    const pairs = clientPairs(files, url.host);
    if (caFiles.length === 0 && pairs.length === 0) return { rejectUnauthorized, secureContext: void 0, caFiles, clientCert: void 0 };
    const ca = [];
    for (const f of caFiles) ca.push(...caCertificates(f, url.host));
    const pair = pairs[0];
    let cert;
    let key;
    if (pair) {
      cert = readBounded(pair.cert, url.host);
      key = readBounded(pair.key, url.host);
      const certText = cert.toString("latin1");
      if (!/-----BEGIN CERTIFICATE-----/.test(certText)) throw fileError(url.host, pair.cert, "holds no PEM certificate");
      try {
        new import_node_crypto.X509Certificate(cert);
      } catch (e) {
        throw fileError(url.host, pair.cert, `is not a valid certificate (${short(e)})`);
      }
    }
    let secureContext;
    try {
      secureContext = (0, import_node_tls.createSecureContext)({
        // Added to the roots Node trusts by default (its bundle and NODE_EXTRA_CA_CERTS), not instead of them.
        ca: ca.length > 0 ? [...(0, import_node_tls.getCACertificates)("default"), ...ca] : void 0,
        cert,
        key
      });
    } catch (e) {
      const which = pair ? `the client certificate ${pair.cert} with ${pair.key}` : caFiles.join(", ");
      throw new RegistryError("tls", `${url.host}: ${which} cannot be used: ${short(e)}`, { host: url.host, cause: e });
    }
    return { rejectUnauthorized, secureContext, caFiles, clientCert: pair?.cert };
  }
  /** The files of `<dir>/<host[:port]>/` in every certs directory, sorted by name within each. */
  filesFor(url) {
    const names = /* @__PURE__ */ new Set([url.host.toLowerCase()]);
    if (url.port === "") names.add(`${url.hostname.toLowerCase()}:${url.protocol === "https:" ? 443 : 80}`);
    const out = [];
    for (const base of this.certsDirs) {
      for (const name of names) {
        if (name.includes("/") || name.includes("\\") || name.startsWith(".")) continue;
        const dir = (0, import_node_path.join)(base, name);
        let entries;
        try {
          if (!(0, import_node_fs.statSync)(dir).isDirectory()) continue;
          entries = (0, import_node_fs.readdirSync)(dir);
        } catch (e) {
          const code = e.code;
          if (code === "ENOENT" || code === "ENOTDIR") continue;
          throw new RegistryError("tls", `${url.host}: the certificates directory ${dir} cannot be read (${code ?? short(e)})`, { host: url.host, cause: e });
        }
        const relevant = entries.filter((f) => /\.(crt|cert|key)$/.test(f)).sort();
        if (relevant.length > MAX_FILES) {
          throw new RegistryError("tls", `${url.host}: ${dir} holds ${relevant.length} certificate files, more than ${MAX_FILES}`, { host: url.host });
        }
        for (const f of relevant) out.push((0, import_node_path.join)(dir, f));
      }
    }
    return out;
  }
};
function clientPairs(files, host) {
  const set = new Set(files);
  const pairs = [];
  for (const f of files) {
    if (f.endsWith(".cert")) {
      const key = `${f.slice(0, -".cert".length)}.key`;
      if (!set.has(key)) throw fileError(host, f, `is a client certificate without its key ${key} (CA certificates end in .crt)`);
      pairs.push({ cert: f, key });
    } else if (f.endsWith(".key")) {
      const cert = `${f.slice(0, -".key".length)}.cert`;
      if (!set.has(cert)) throw fileError(host, f, `is a client key without its certificate ${cert}`);
    }
  }
  return pairs;
}
function caCertificates(file, host) {
  const text = readBounded(file, host).toString("latin1");
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw fileError(host, file, "holds no PEM certificate");
  for (const b of blocks) {
    try {
      new import_node_crypto.X509Certificate(b);
    } catch (e) {
      throw fileError(host, file, `holds a certificate that cannot be parsed (${short(e)})`);
    }
  }
  return blocks;
}
function readBounded(file, host) {
  let fd;
  try {
    if (!(0, import_node_fs.statSync)(file).isFile()) throw fileError(host, file, "is not a regular file");
    fd = (0, import_node_fs.openSync)(file, import_node_fs.constants.O_RDONLY | import_node_fs.constants.O_NONBLOCK);
    const st = (0, import_node_fs.fstatSync)(fd);
    if (!st.isFile()) throw fileError(host, file, "is not a regular file");
    if (st.size > CERT_FILE_LIMIT) throw fileError(host, file, `is ${st.size} bytes, over the ${CERT_FILE_LIMIT >> 20} MiB limit`);
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < buf.length) {
      const n = (0, import_node_fs.readSync)(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } catch (e) {
    if (e instanceof RegistryError) throw e;
    throw fileError(host, file, `cannot be read (${e.code ?? short(e)})`);
  } finally {
    if (fd !== void 0) (0, import_node_fs.closeSync)(fd);
  }
}
function fileError(host, file, what) {
  return new RegistryError("tls", `${host}: ${file} ${what}`, { host });
}
function short(e) {
  return String(e?.message ?? e).replace(/[^\x20-\x7e]/g, " ").slice(0, 200);
}
function describeTlsError(err, host, clientCert) {
  const code = err.code ?? "";
  const message = err.message ?? "";
  const trust = `trust its CA in /etc/docker/certs.d/${host}/ca.crt (or NODE_EXTRA_CA_CERTS), or list it in insecure-registries`;
  switch (code) {
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
      return `its certificate is self-signed and not trusted (unknown authority); ${trust}`;
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "UNABLE_TO_GET_ISSUER_CERT":
    case "CERT_UNTRUSTED":
    case "CERT_SIGNATURE_FAILURE":
      return `its certificate is signed by an unknown authority; ${trust}`;
    case "CERT_HAS_EXPIRED":
      return "its certificate has expired";
    case "CERT_NOT_YET_VALID":
      return "its certificate is not valid yet";
    case "CERT_REVOKED":
      return "its certificate is revoked";
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `its certificate is for another name (wrong name: ${altNames(err.reason)})`;
    case "ERR_SSL_WRONG_VERSION_NUMBER":
    case "ERR_SSL_PACKET_LENGTH_TOO_LONG":
      return "it does not speak TLS on this port (plain HTTP? list it in insecure-registries to allow that)";
  }
  const alert = /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13|SSL\/TLS)_ALERT_([A-Z_]+)$/.exec(code)?.[1];
  if (alert !== void 0) {
    const name = alert.toLowerCase().replace(/_/g, " ");
    const put = `put one in /etc/docker/certs.d/${host}/client.cert and client.key`;
    if (CLIENT_CERT_ALERTS.has(alert)) {
      return clientCert ? `it refused the client certificate presented (alert: ${name})` : `it requires a client certificate (alert: ${name}); ${put}`;
    }
    if (alert === "HANDSHAKE_FAILURE") return `the handshake failed (alert: ${name})${clientCert ? "" : "; does it require a client certificate?"}`;
    return `the handshake failed (alert: ${name})`;
  }
  if (/^(ERR_SSL_|ERR_TLS_|ERR_OSSL_)/.test(code) || /^(CERT_|UNABLE_TO_|ERR_.*CERT)/.test(code)) return `the handshake failed (${code})`;
  if (/wrong version number/i.test(message)) return "it does not speak TLS on this port (plain HTTP? list it in insecure-registries to allow that)";
  if (/before secure TLS connection was established/i.test(message)) return "it closed the connection during the TLS handshake";
  if (code === "EPROTO" || /certificate|handshake|SSL routines/i.test(message)) return `the handshake failed (${short(err)})`;
  return void 0;
}
function speaksNoTls(cause) {
  const err = cause;
  if (!err) return false;
  const code = err.code ?? "";
  const message = err.message ?? "";
  if (code === "ECONNREFUSED" || code === "ERR_SSL_WRONG_VERSION_NUMBER" || code === "ERR_SSL_PACKET_LENGTH_TOO_LONG") return true;
  if (/wrong version number|packet length too long|before secure TLS connection was established/i.test(message)) return true;
  return false;
}
var CLIENT_CERT_ALERTS = /* @__PURE__ */ new Set(["CERTIFICATE_REQUIRED", "BAD_CERTIFICATE", "UNKNOWN_CA", "CERTIFICATE_UNKNOWN", "CERTIFICATE_EXPIRED", "CERTIFICATE_REVOKED", "ACCESS_DENIED", "UNSUPPORTED_CERTIFICATE"]);
function altNames(reason) {
  const m = /altnames: ([^\r\n]*)/.exec(reason ?? "");
  const names = (m?.[1] ?? "").replace(/[^A-Za-z0-9.*:,_ -]/g, "").slice(0, 160);
  return names === "" ? "not this host" : `the certificate names ${names}`;
}

// src/registry/transport.ts
var DEFAULT_TRANSPORT = {
  timeoutMs: 3e4,
  maxAttempts: 4,
  retryBudgetMs: 2e4,
  backoffMs: 300,
  concurrency: 32,
  userAgent: "image-gate",
  logger: silentLogger,
  tls: new TlsConfig({ certsDirs: [] })
};
var ERROR_BODY_LIMIT = 1 << 20;
var MAX_REDIRECTS = 10;
var RETRY_STATUSES = /* @__PURE__ */ new Set([429, 500, 502, 503, 504]);
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var RETRY_CODES = /* @__PURE__ */ new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ECONNABORTED", "UND_ERR_SOCKET"]);
var Transport = class {
  opts;
  routes = /* @__PURE__ */ new Map();
  /** Origins whose certificate files cannot be used: every request to them fails with the same error. */
  brokenRoutes = /* @__PURE__ */ new Map();
  limits = /* @__PURE__ */ new Map();
  /** Requests sent, per host: for the report and the benchmark. */
  requestCounts = /* @__PURE__ */ new Map();
  /** Aborted by `close`: a request still under way then ends at once, and is not retried on a new connection. */
  closing = new AbortController();
  constructor(opts = {}) {
    this.opts = { ...DEFAULT_TRANSPORT, ...opts };
    (0, import_node_events.setMaxListeners)(0, this.closing.signal);
  }
  async request(request) {
    const req = { ...request, signal: request.signal ? AbortSignal.any([request.signal, this.closing.signal]) : this.closing.signal };
    const start = new URL(req.url);
    const key = req.limitKey ?? start.host;
    let sem = this.limits.get(key);
    if (!sem) {
      sem = new Semaphore(this.opts.concurrency);
      this.limits.set(key, sem);
    }
    return sem.run(() => {
      const gone = req.abandoned?.() ?? aborted(req.signal);
      if (gone) throw gone;
      return this.follow(req, start);
    }, req.signal);
  }
  /**
   * Closes every connection. A request still under way (one whose result nobody waits for any more) ends at once:
   * its connection closing under it must not make it retry on a new one and hold the run for another deadline.
   */
  close() {
    this.closing.abort(new RegistryError("unreachable", "the run is over: the request was not completed"));
    for (const r of this.routes.values()) r.client.dispose();
    this.routes.clear();
  }
  async follow(req, start) {
    const authOrigin = req.authOrigin ?? start.origin;
    const label = req.hostLabel ?? start.host;
    const deadline = Date.now() + this.opts.timeoutMs + this.opts.retryBudgetMs;
    let url = start;
    for (let hop = 0; ; hop++) {
      const headers = { ...req.headers ?? {} };
      if (url.origin !== authOrigin) {
        for (const h of Object.keys(headers)) if (h.toLowerCase() === "authorization") delete headers[h];
      }
      if (req.guard) await req.guard(url);
      const res = await this.withRetries(req, url, headers, label, deadline);
      if (!REDIRECT_STATUSES.has(res.status)) return res;
      const location = res.headers.location;
      if (!location) return res;
      if (hop >= MAX_REDIRECTS) {
        throw new RegistryError("redirect", `${label}: more than ${MAX_REDIRECTS} redirects for ${start.pathname}`, { host: label });
      }
      let next;
      try {
        next = new URL(location, url);
      } catch {
        throw new RegistryError("redirect", `${label}: redirect to an invalid location`, { host: label });
      }
      if (next.protocol !== "http:" && next.protocol !== "https:") {
        throw new RegistryError("redirect", `${label}: redirect to a ${next.protocol} URL refused`, { host: label });
      }
      if (url.protocol === "https:" && next.protocol === "http:") {
        throw new RegistryError("redirect", `${label}: redirect from HTTPS to plain HTTP (${next.host}) refused`, { host: label });
      }
      if (req.body !== void 0 && next.origin !== authOrigin) {
        throw new RegistryError("redirect", `${label}: a ${req.method} redirected to another origin (${next.host}) is not sent there`, { host: label });
      }
      this.opts.logger.debug(`${req.method} ${url.host}${url.pathname} \u2192 ${res.status} redirect to ${next.host}${next.pathname}`);
      url = next;
    }
  }
  async withRetries(req, url, headers, label, deadline) {
    const began = Date.now();
    for (let attempt = 1; ; attempt++) {
      let res;
      let error;
      const gone = (attempt > 1 ? req.abandoned?.() : void 0) ?? aborted(req.signal);
      if (gone) throw gone;
      const budget = Math.min(this.opts.timeoutMs, deadline - Date.now());
      if (budget <= 0) throw this.timeoutError(req, url, label);
      try {
        res = await this.attempt(req, url, headers, label, budget);
      } catch (e) {
        error = e instanceof RegistryError ? e : new RegistryError("unreachable", `${label}: ${e.message}`, { host: label, cause: e });
        if (error.kind === "timeout" && !req.signal?.aborted) req.onTimeout?.(error);
        const stopped = aborted(req.signal);
        if (stopped) throw stopped;
        if (!isRetryable(e)) throw error;
      }
      if (res && !RETRY_STATUSES.has(res.status)) return res;
      const spent = Date.now() - began;
      const left = Math.min(this.opts.retryBudgetMs - spent, deadline - Date.now());
      const backoff = Math.round(this.opts.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
      const retryAfter = res ? parseRetryAfter(res.headers["retry-after"]) : void 0;
      const wait = retryAfter !== void 0 ? Math.max(retryAfter, 0) : backoff;
      const why = res ? statusText(res.status) : error.message;
      if (attempt >= this.opts.maxAttempts || wait > left) {
        if (res) return res;
        const tries = attempt === 1 ? "once" : `${attempt} times`;
        throw new RegistryError(error.kind, `${error.message} (tried ${tries})`, { host: label, cause: error.cause });
      }
      this.opts.logger.debug(`${req.method} ${url.host}${url.pathname}: ${why}; retry ${attempt} in ${wait} ms`);
      await sleep(wait, req.signal);
    }
  }
  routeFor(url) {
    let r = this.routes.get(url.origin);
    if (!r) {
      const broken = this.brokenRoutes.get(url.origin);
      if (broken) throw broken;
      const secure = url.protocol === "https:";
      let settings;
      try {
        settings = secure ? this.opts.tls.settingsFor(url) : void 0;
      } catch (e) {
        const err = e instanceof RegistryError ? e : new RegistryError("tls", `${url.host}: ${e.message}`, { host: url.host, cause: e });
        this.brokenRoutes.set(url.origin, err);
        throw err;
      }
      const client = new HttpClient(this.opts.userAgent, [], {
        keepAlive: true,
        allowRedirects: false,
        allowRetries: false,
        maxSockets: Math.max(this.opts.concurrency, 1)
      });
      const agent = client.getAgent(url.href);
      if (settings) {
        const options = agent.options ??= {};
        options.rejectUnauthorized = settings.rejectUnauthorized;
        if (settings.secureContext) options.secureContext = settings.secureContext;
        if (!settings.rejectUnauthorized) this.opts.logger.debug(`${url.host}: insecure registry: its certificate is not verified`);
        if (settings.caFiles.length > 0) this.opts.logger.debug(`${url.host}: trusting the CA certificates of ${settings.caFiles.join(", ")}`);
        if (settings.clientCert) this.opts.logger.debug(`${url.host}: presenting the client certificate ${settings.clientCert}`);
      }
      r = { client, agent, module: secure ? https : http, clientCert: settings?.clientCert !== void 0 };
      this.routes.set(url.origin, r);
    }
    return r;
  }
  timeoutError(req, url, label) {
    const total = (this.opts.timeoutMs + this.opts.retryBudgetMs) / 1e3;
    return new RegistryError("timeout", `${label}: no complete answer within ${total} s for ${req.method} ${url.pathname}, redirects and retries included`, { host: label });
  }
  async attempt(req, url, headers, label, budgetMs) {
    this.requestCounts.set(url.host, (this.requestCounts.get(url.host) ?? 0) + 1);
    const route = this.routeFor(url);
    const outHeaders = { "user-agent": this.opts.userAgent, ...lower(headers) };
    if (req.body !== void 0) {
      outHeaders["content-type"] ??= "application/x-www-form-urlencoded";
      outHeaders["content-length"] = Buffer.byteLength(req.body);
    }
    const sent = route.module.request({
      host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80,
      path: url.pathname + url.search,
      method: req.method,
      headers: outHeaders,
      agent: route.agent,
      ...req.lookup ? { lookup: req.lookup } : {}
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      sent.destroy(new Error("deadline passed"));
    }, budgetMs);
    const stop = () => void sent.destroy(new Error("given up"));
    req.signal?.addEventListener("abort", stop, { once: true });
    try {
      const msg = await new Promise((resolve, reject) => {
        sent.on("response", resolve);
        sent.on("error", reject);
        sent.end(req.body);
      });
      const status = msg.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      if (req.method === "HEAD" || REDIRECT_STATUSES.has(status)) {
        msg.resume();
        await drained(msg);
        return { status, headers: msg.headers, body: Buffer.alloc(0), url: url.href, truncated: false };
      }
      const limit = ok ? req.maxBytes : Math.min(ERROR_BODY_LIMIT, req.maxBytes);
      const length = Number(msg.headers["content-length"]);
      if (ok && Number.isFinite(length) && length > limit) {
        msg.destroy();
        throw tooLarge(label, url, length, limit);
      }
      const { body, truncated } = await readLimited(msg, limit, ok && Number.isFinite(length) && length >= 0 ? length : void 0);
      if (truncated && ok) throw tooLarge(label, url, void 0, limit);
      return { status, headers: msg.headers, body, url: url.href, truncated };
    } catch (e) {
      const gone = aborted(req.signal);
      if (gone) throw gone;
      if (e instanceof RegistryError) throw e;
      if (timedOut) {
        if (budgetMs < this.opts.timeoutMs) throw this.timeoutError(req, url, label);
        throw new RegistryError("timeout", `${label}: no complete answer within ${this.opts.timeoutMs / 1e3} s for ${req.method} ${url.pathname}`, { host: label });
      }
      throw networkError(e, label, url, route.clientCert);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", stop);
    }
  }
};
function tooLarge(label, url, length, limit) {
  const size = length !== void 0 ? `${length} bytes` : `more than ${limit} bytes`;
  return new RegistryError("too-large", `${label}: the body of ${url.pathname} is ${size}, over the ${formatBytes(limit)} limit; not read further`, { host: label });
}
function formatBytes(n) {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
function networkError(e, label, url, clientCert) {
  const err = e;
  const code = err.code ?? "";
  let what;
  let kind = "unreachable";
  switch (code) {
    case "ECONNREFUSED":
      what = "connection refused";
      break;
    case "ENOTFOUND":
      what = "the host name does not resolve";
      break;
    case "EAI_AGAIN":
      what = "the host name could not be resolved (temporary DNS failure)";
      break;
    case "ECONNRESET":
    case "EPIPE":
      what = "the connection was reset";
      break;
    case "ETIMEDOUT":
      kind = "timeout";
      what = "the connection timed out";
      break;
    default: {
      const tls = url.protocol === "https:" ? describeTlsError(err, url.host, clientCert) : void 0;
      if (tls !== void 0) {
        kind = "tls";
        what = `TLS: ${tls}`;
      } else if (/socket hang up|aborted|premature close|closed before/i.test(err.message ?? "")) {
        what = "the connection was closed before the answer was complete";
      } else {
        what = err.message || String(e);
      }
    }
  }
  return new RegistryError(kind, `${label}: ${what} (${url.protocol}//${url.host})`, { host: label, cause: e });
}
function isRetryable(e) {
  if (e instanceof RegistryError) {
    if (e.kind === "timeout") return true;
    if (e.kind !== "unreachable") return false;
    const code2 = e.cause?.code;
    if (code2 === "ENOTFOUND" || code2 === "EFORBIDDENADDRESS") return false;
    return true;
  }
  const code = e.code;
  return code !== void 0 && RETRY_CODES.has(code);
}
function parseRetryAfter(value, now = Date.now()) {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === void 0 || v.trim() === "") return void 0;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1e3;
  if (!/^[A-Za-z]{3,9},? .*\bGMT$/.test(v.trim())) return void 0;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return void 0;
  return Math.max(at - now, 0);
}
function statusText(status) {
  return `${status} ${http.STATUS_CODES[status] ?? ""}`.trim();
}
function lower(h) {
  const out = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}
function readLimited(msg, limit, length) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let settled = false;
    const settle = (f) => {
      if (!settled) {
        settled = true;
        f();
      }
    };
    let whole = length !== void 0 && length <= limit ? Buffer.allocUnsafe(length) : void 0;
    msg.on("data", (chunk) => {
      if (settled) return;
      if (whole) {
        if (size + chunk.length <= whole.length) {
          chunk.copy(whole, size);
          size += chunk.length;
          return;
        }
        chunks.push(whole.subarray(0, size));
        whole = void 0;
      }
      if (size + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - size));
        size = limit;
        msg.destroy();
        settle(() => resolve({ body: Buffer.concat(chunks), truncated: true }));
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    msg.on("end", () => settle(() => resolve({ body: whole ? whole.subarray(0, size) : Buffer.concat(chunks), truncated: false })));
    msg.on("error", (e) => settle(() => reject(e)));
    msg.on("close", () => {
      if (!msg.complete) settle(() => reject(Object.assign(new Error("connection closed before the answer was complete"), { code: "ECONNRESET" })));
    });
  });
}
function drained(msg) {
  return new Promise((resolve) => {
    if (msg.complete) return resolve();
    msg.on("end", () => resolve());
    msg.on("close", () => resolve());
    msg.on("error", () => resolve());
  });
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const gone = aborted(signal);
    if (gone) return reject(gone);
    const stop = () => {
      clearTimeout(timer);
      reject(aborted(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal?.addEventListener("abort", stop, { once: true });
  });
}
function aborted(signal) {
  if (!signal?.aborted) return void 0;
  const reason = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
var Semaphore = class {
  active = 0;
  waiting = [];
  n;
  constructor(n) {
    this.n = Math.max(1, n);
  }
  /** Runs `task` in its turn; an abort of `signal` while it waits leaves the queue at once, with the signal's reason. */
  async run(task, signal) {
    if (this.active >= this.n) {
      await new Promise((resolve, reject) => {
        const gone = aborted(signal);
        if (gone) return reject(gone);
        const turn = () => {
          signal?.removeEventListener("abort", leave);
          resolve();
        };
        const leave = () => {
          const i = this.waiting.indexOf(turn);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(aborted(signal));
        };
        this.waiting.push(turn);
        signal?.addEventListener("abort", leave, { once: true });
      });
    } else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
};

// src/registry/auth.ts
var TOKEN_BODY_LIMIT = 1 << 20;
var DEFAULT_EXPIRES_S = 60;
var MAX_BATCH = 50;
var TOKEN_HEADER_BUDGET = 6144;
var TOKEN_FIXED_BYTES = 2048;
var EXPIRY_SKEW_MS = 5e3;
function estimateTokenHeader(scopes) {
  let bytes = "Bearer ".length + TOKEN_FIXED_BYTES;
  for (const s of scopes) bytes += Math.ceil((Buffer.byteLength(s) + 40) * 4 / 3);
  return bytes;
}
function batchScopes(first, candidates, maxScopes = MAX_BATCH, budget = TOKEN_HEADER_BUDGET) {
  const batch = [first];
  let bytes = estimateTokenHeader(batch);
  for (const s of candidates) {
    if (batch.length >= maxScopes) break;
    if (s === first) continue;
    const more = estimateTokenHeader([s]) - estimateTokenHeader([]);
    if (bytes + more > budget) continue;
    batch.push(s);
    bytes += more;
  }
  return batch;
}
function pullScope(repository) {
  return `repository:${repository}:pull`;
}
var Authorizer = class {
  target;
  credentials;
  transport;
  logger;
  scheme = { kind: "unknown" };
  tokens = /* @__PURE__ */ new Map();
  /** Scopes the run will need: the first token request asks for all of them at once. */
  expected = /* @__PURE__ */ new Set();
  /** Token requests made, for the benchmark and the report. */
  tokenRequests = 0;
  /** Set once the registry refused a batched token's header as too large: one scope per token from then on. */
  singleScope = false;
  /** Tokens that cover several scopes, and how many. */
  batched = /* @__PURE__ */ new Map();
  constructor(target, credentials, transport, logger) {
    this.target = target;
    this.credentials = credentials;
    this.transport = transport;
    this.logger = logger;
  }
  get known() {
    return this.scheme.kind !== "unknown";
  }
  /** Scopes the run will need; they are fetched together in one token request where the realm grants it. */
  expect(scopes) {
    for (const s of scopes) this.expected.add(s);
  }
  /** Nothing was asked: the registry answered without a challenge. */
  markOpen() {
    if (this.scheme.kind === "unknown") this.scheme = { kind: "none" };
  }
  /** The Authorization header for a request in `scope`, once the scheme is known. */
  async header(scope) {
    switch (this.scheme.kind) {
      case "unknown":
      case "none":
        return void 0;
      case "basic":
        return this.basicHeader();
      case "bearer":
        return `Bearer ${await this.token(scope)}`;
    }
  }
  /**
   * A 401 came back for a request in `scope`. Learns the scheme from the challenge and returns the header to try
   * once more with; throws an auth error when there is nothing new to try.
   */
  async challenged(res, scope, sent) {
    const challenges = parseChallenges(res.headers["www-authenticate"]);
    const bearer = challenges.find((c) => c.scheme === "bearer");
    const basic2 = challenges.find((c) => c.scheme === "basic");
    const host = this.target.registry;
    if (bearer) {
      const realmText = bearer.params.realm;
      if (!realmText) throw new RegistryError("auth", `${host}: its Bearer challenge names no realm`, { host, status: 401 });
      let realm;
      try {
        realm = new URL(realmText);
      } catch {
        throw new RegistryError("auth", `${host}: its Bearer realm "${realmText}" is not a URL`, { host, status: 401 });
      }
      if (realm.protocol !== "https:" && !(realm.protocol === "http:" && this.target.insecure)) {
        throw new RegistryError(
          "insecure",
          `${host}: token realm ${realm.origin} is not HTTPS; credentials are not sent over plain HTTP (list the registry in insecure-registries to allow it)`,
          { host, status: 401 }
        );
      }
      const previous = this.scheme;
      const service = bearer.params.service;
      const changed = previous.kind !== "bearer" || previous.realm.href !== realm.href || previous.service !== service;
      this.scheme = { kind: "bearer", realm, service };
      if (changed) this.tokens.clear();
      else if (sent?.startsWith("Bearer ")) this.tokens.delete(scope);
      return `Bearer ${await this.token(scope)}`;
    }
    if (basic2) {
      this.scheme = { kind: "basic" };
      const header = await this.basicHeader();
      if (!header) throw this.noCredentials(scope);
      if (sent === header) throw this.refused(res, scope);
      return header;
    }
    throw new RegistryError("auth", `${host}: answered 401 without a Basic or Bearer challenge`, { host, status: 401 });
  }
  /** An error for a 401 that came back although we sent `sent`. */
  refused(res, scope) {
    const { codes, message } = registryErrorCodes(res.body);
    const host = this.target.registry;
    const repo = scope.split(":")[1] ?? scope;
    return new RegistryError(
      "auth",
      `${host}: authorization refused for ${repo}${message ? ` (${message})` : ""}; check the credentials for ${host} and that they may pull ${repo}`,
      { host, status: 401, codes }
    );
  }
  noCredentials(scope) {
    const host = this.target.registry;
    const repo = scope.split(":")[1] ?? scope;
    return new RegistryError(
      "auth",
      `${host}: credentials are required to pull ${repo} and none were found (username/password inputs, docker config.json, credential helpers)`,
      { host, status: 401 }
    );
  }
  /**
   * The registry refused a request that carried the token for `scope` as too large (400 "Request Header Or Cookie
   * Too Large", 431, 413). When that token covers several scopes, every scope it covers gets a token of its own and
   * no more batches are asked for; returns whether there is a smaller header to try.
   */
  narrow(scope, sent) {
    if (this.scheme.kind !== "bearer" || !sent?.startsWith("Bearer ")) return false;
    const covered = this.batched.get(sent.slice("Bearer ".length));
    if (covered === void 0) return false;
    if (!this.singleScope) {
      this.singleScope = true;
      this.logger.debug(`${this.target.registry}: refused a token for ${covered} repositories as too large (${scope.split(":")[1]}); asking one token per repository`);
    }
    for (const [s, e] of this.tokens) if (e.scopes > 1) this.tokens.delete(s);
    return true;
  }
  async basicHeader() {
    const cred = await this.credentials.get(this.target.registry);
    if (!cred) return void 0;
    if (cred.kind === "basic") return basic(cred.username, cred.password);
    if (cred.kind === "identity-token") return basic(cred.username || "<token>", cred.token);
    return void 0;
  }
  token(scope) {
    const now = Date.now();
    const cached = this.tokens.get(scope);
    if (cached && cached.expiresAt > now) return cached.value;
    let batch = [scope];
    if (this.expected.has(scope) && !this.singleScope) {
      const open = [...this.expected].filter((s) => {
        const c = this.tokens.get(s);
        return !(c && c.expiresAt > now);
      });
      batch = batchScopes(scope, open);
    }
    for (const s of batch) this.expected.delete(s);
    const entry = { value: Promise.resolve(""), expiresAt: Number.POSITIVE_INFINITY, scopes: batch.length };
    entry.value = this.fetchToken(batch).then(
      (t) => {
        entry.expiresAt = Date.now() + t.expiresInS * 1e3 - EXPIRY_SKEW_MS;
        if (batch.length > 1) this.batched.set(t.token, batch.length);
        return t.token;
      },
      (e) => {
        for (const s of batch) if (this.tokens.get(s) === entry) this.tokens.delete(s);
        if (batch.length > 1) return this.token(scope);
        throw e;
      }
    );
    for (const s of batch) this.tokens.set(s, entry);
    return entry.value;
  }
  async fetchToken(scopes) {
    const scope = scopes.join(" ");
    if (this.scheme.kind !== "bearer") throw new Error("no bearer realm");
    const { realm, service } = this.scheme;
    const host = this.target.registry;
    let cred = await this.credentials.get(host);
    if (cred?.kind === "basic" && cred.onlyHosts && !cred.onlyHosts.includes(realm.hostname)) {
      this.logger.debug(`${host}: token realm ${realm.host} is not ${cred.onlyHosts.join(", ")}; asking without ${cred.source}`);
      cred = void 0;
    }
    if (cred?.kind === "registry-token") return { token: cred.token, expiresInS: 3600 };
    const url = new URL(realm.href);
    const form = new URLSearchParams();
    if (service !== void 0) form.set("service", service);
    let res;
    this.tokenRequests++;
    if (cred?.kind === "identity-token") {
      form.set("scope", scope);
      form.set("grant_type", "refresh_token");
      form.set("refresh_token", cred.token);
      form.set("client_id", "image-gate");
      form.set("access_type", "offline");
      res = await this.transport.request({
        method: "POST",
        url: url.href,
        body: form.toString(),
        maxBytes: TOKEN_BODY_LIMIT,
        limitKey: `token:${url.host}`,
        hostLabel: `${host} token server ${url.host}`,
        // Every hop is checked, the first included: a realm at (or redirecting to) a metadata address would get the
        // registry's credentials, and its answer would be trusted.
        guard: (u) => checkRealmHost(u, host),
        lookup: guardedLookup
      });
    } else {
      for (const [k, v] of form) url.searchParams.append(k, v);
      for (const sc of scopes) url.searchParams.append("scope", sc);
      const headers = {};
      if (cred?.kind === "basic") headers.authorization = basic(cred.username, cred.password);
      res = await this.transport.request({
        method: "GET",
        url: url.href,
        headers,
        maxBytes: TOKEN_BODY_LIMIT,
        authOrigin: url.origin,
        limitKey: `token:${url.host}`,
        hostLabel: `${host} token server ${url.host}`,
        // Every hop is checked, the first included: a realm at (or redirecting to) a metadata address would get the
        // registry's credentials, and its answer would be trusted.
        guard: (u) => checkRealmHost(u, host),
        lookup: guardedLookup
      });
    }
    const label = `${host}: token server ${url.host}`;
    if (res.status === 401 || res.status === 403) {
      const { message } = registryErrorCodes(res.body);
      const who = cred ? `the credentials from ${cred.source}` : "anonymous access";
      throw new RegistryError(res.status === 401 ? "auth" : "denied", `${label} refused ${who} for ${scope} (${statusText(res.status)}${message ? `: ${message}` : ""})`, {
        host,
        status: res.status
      });
    }
    if (res.status !== 200) {
      throw new RegistryError("server", `${label} answered ${statusText(res.status)} for ${scope}`, { host, status: res.status });
    }
    let body;
    try {
      body = JSON.parse(res.body.toString("utf8"));
    } catch {
      throw new RegistryError("auth", `${label} answered with a body that is not JSON`, { host });
    }
    const token = typeof body.token === "string" && body.token !== "" ? body.token : typeof body.access_token === "string" ? body.access_token : "";
    if (token === "") throw new RegistryError("auth", `${label} answered without a token`, { host });
    registerSecret(token);
    if (typeof body.refresh_token === "string") registerSecret(body.refresh_token);
    const expires = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_S;
    this.logger.debug(`${host}: token for ${scope}, valid ${expires} s`);
    return { token, expiresInS: expires };
  }
};
function basic(username, password) {
  const value = Buffer.from(`${username}:${password}`).toString("base64");
  registerSecret(value);
  return `Basic ${value}`;
}

// src/registry/client.ts
var MANIFEST_LIMIT = 4 << 20;
var CONFIG_LIMIT = 4 << 20;
function digestTag(digest, suffix = "") {
  return `${digest.replace(":", "-")}${suffix}`;
}
var STALL_LIMIT = 2;
var HEADER_REFUSALS = /* @__PURE__ */ new Set([400, 413, 431]);
function headersRefused(res, method) {
  if (!HEADER_REFUSALS.has(res.status)) return false;
  return res.status !== 400 || method === "HEAD" || /(header|cookie).{0,40}too (large|long)/i.test(res.body.toString("latin1"));
}
var TAG_PAGE = 100;
var TAG_PAGES = 10;
var RegistryClient = class {
  transport;
  credentials;
  insecure;
  logger;
  refuse;
  endpoints = /* @__PURE__ */ new Map();
  manifests = /* @__PURE__ */ new Map();
  blobs = /* @__PURE__ */ new Map();
  tagLists = /* @__PURE__ */ new Map();
  tagHeads = /* @__PURE__ */ new Map();
  cache;
  referrers = /* @__PURE__ */ new Map();
  constructor(opts) {
    this.credentials = opts.credentials;
    this.insecure = new Set((opts.insecureRegistries ?? []).map(normalizeRegistryName));
    this.logger = opts.logger ?? silentLogger;
    this.refuse = opts.refuse;
    this.transport = opts.transport ?? new Transport({ logger: this.logger });
    this.cache = opts.cache;
  }
  close() {
    this.cache?.close();
    this.transport.close();
  }
  /** Announces the repositories the run will read, so that their tokens can be fetched together. */
  prepare(repos) {
    for (const r of repos) this.endpoint(r.registry).auth.expect([pullScope(r.repository)]);
  }
  /** Token requests made per registry, and the last `ratelimit-remaining` each sent. */
  stats() {
    return [...this.endpoints.values()].map((e) => ({ registry: e.registry, tokenRequests: e.auth.tokenRequests, rateLimitRemaining: e.rateLimitRemaining }));
  }
  rateLimitRemaining(registry) {
    return this.endpoints.get(registry)?.rateLimitRemaining;
  }
  /**
   * GET a manifest by tag or digest, verified. Cached by digest; a tag is resolved once per run. With a content
   * cache, a tag is resolved with one HEAD and its manifest read from the cache when there (hashed again), and
   * `confirm` (a reference by digest the user wrote) spends one HEAD to prove the registry still serves it.
   */
  getManifest(repo, reference, opts = {}) {
    const key = `${repo.registry}/${repo.repository}@${reference}`;
    let p = this.manifests.get(key);
    if (!p) {
      p = (this.cache ? this.cachedManifest(this.cache, repo, reference, opts.confirm === true) : this.fetchManifest(repo, reference)).then((m) => {
        if (!isDigest(reference)) this.manifests.set(`${repo.registry}/${repo.repository}@${m.digest}`, Promise.resolve(m));
        return m;
      });
      this.manifests.set(key, p);
      p.catch(() => {
      });
    }
    return p;
  }
  /**
   * GET a manifest as getManifest does, but not kept for the run (one the run already holds is returned as it is):
   * signature manifests and referrers lists are read once, and a registry that offers many must not make the run
   * hold them all. The body is read up to `maxBytes`.
   */
  readManifest(repo, reference, maxBytes = MANIFEST_LIMIT) {
    const held = this.manifests.get(`${repo.registry}/${repo.repository}@${reference}`);
    if (held) return held;
    return this.cache ? this.cachedManifest(this.cache, repo, reference, false, maxBytes) : this.fetchManifest(repo, reference, maxBytes);
  }
  async cachedManifest(cache, repo, reference, confirm, maxBytes = MANIFEST_LIMIT) {
    let digest;
    if (isDigest(reference)) {
      digest = reference;
    } else {
      digest = await this.resolveTag(repo, reference);
      const fetched = this.manifests.get(`${repo.registry}/${repo.repository}@${digest}`);
      if (fetched) return fetched;
    }
    const hit = await cache.getManifest(digest);
    if (hit && confirm && isDigest(reference)) await this.headManifest(repo, reference);
    if (hit) {
      try {
        const manifest = parseManifest(hit.body, hit.mediaType, `${repo.registry}/${repo.repository}@${digest} (cached)`);
        return { digest, mediaType: manifest.mediaType, size: hit.body.length, body: hit.body, manifest };
      } catch {
      }
    }
    const m = await this.fetchManifest(repo, digest, maxBytes);
    cache.putManifest(m.digest, m.mediaType, m.body);
    return m;
  }
  /** HEAD a manifest: its digest and media type, without a body (it does not count against Docker Hub's pull limit). */
  async headManifest(repo, reference) {
    const where = `${repo.registry}/${repo.repository}:${reference}`;
    const res = await this.send(repo, "HEAD", `/manifests/${reference}`, { accept: MANIFEST_ACCEPT }, 0);
    if (res.status !== 200) throw this.statusError(res, repo, isDigest(reference) ? `manifest ${reference}` : `tag ${reference}`);
    const header = headerValue(res.headers["docker-content-digest"]);
    if (header === void 0) {
      if (isDigest(reference)) return { digest: reference, mediaType: baseMediaType(headerValue(res.headers["content-type"])), size: void 0 };
      throw new RegistryError("invalid", `${where}: the registry sent no Docker-Content-Digest for HEAD`, { host: repo.registry });
    }
    const problem = digestProblem(header);
    if (problem) throw new RegistryError("integrity", `${where}: Docker-Content-Digest "${header.slice(0, 80)}" is malformed: ${problem}`, { host: repo.registry });
    if (isDigest(reference) && header !== reference) {
      throw new RegistryError("integrity", `${where}: asked for ${reference}, the registry answered ${header}`, { host: repo.registry });
    }
    const length = Number(headerValue(res.headers["content-length"]));
    return { digest: header, mediaType: baseMediaType(headerValue(res.headers["content-type"])), size: Number.isFinite(length) ? length : void 0 };
  }
  /**
   * What a tag points to now, by one HEAD (free against Docker Hub's pull limit), once per run. A registry that
   * sends no Docker-Content-Digest for a HEAD is asked with a GET instead, whose body is hashed.
   */
  resolveTag(repo, tag) {
    const key = `${repo.registry}/${repo.repository}:${tag}`;
    let p = this.tagHeads.get(key);
    if (!p) {
      p = this.headManifest(repo, tag).then(
        (h) => h.digest,
        async (e) => {
          if (!(e instanceof RegistryError && e.kind === "invalid" && e.message.includes("no Docker-Content-Digest"))) throw e;
          const m = await this.fetchManifest(repo, tag);
          this.manifests.set(`${repo.registry}/${repo.repository}@${m.digest}`, Promise.resolve(m));
          return m.digest;
        }
      );
      this.tagHeads.set(key, p);
      p.catch(() => {
      });
    }
    return p;
  }
  /**
   * The manifests that refer to `digest`: the OCI 1.1 referrers API; when the registry has none (404, 400, 406),
   * the referrers tag schema's index, which is empty when the tag does not exist. Any other answer throws: a
   * registry that throttles or fails is not a registry without referrers. Asked once while it is being asked, and
   * not kept: a list can be megabytes, and the run asks once per digest.
   */
  getReferrers(repo, digest) {
    const key = `${repo.registry}/${repo.repository}@${digest}`;
    let p = this.referrers.get(key);
    if (!p) {
      p = this.fetchReferrers(repo, digest);
      this.referrers.set(key, p);
      p.then(
        () => this.referrers.delete(key),
        () => this.referrers.delete(key)
      );
    }
    return p;
  }
  async fetchReferrers(repo, digest) {
    const problem = digestProblem(digest);
    if (problem) throw new RegistryError("invalid", `${repo.registry}/${repo.repository}@${digest}: ${problem}`, { host: repo.registry });
    const where = `${repo.registry}/${repo.repository}@${digest}`;
    const res = await this.send(repo, "GET", `/referrers/${digest}`, { accept: OCI_INDEX }, MANIFEST_LIMIT);
    if (res.status === 200) {
      const index = parseManifest(res.body, headerValue(res.headers["content-type"]) ?? OCI_INDEX, `${where} referrers`);
      if (index.kind !== "index") throw new RegistryError("invalid", `${where}: the referrers API answered with an image manifest, not an index`, { host: repo.registry });
      return { via: "api", descriptors: index.manifests };
    }
    if (![404, 400, 406].includes(res.status)) throw this.statusError(res, repo, `the referrers of ${digest}`);
    const tag = digestTag(digest);
    try {
      const fallback = await this.readManifest(repo, tag);
      if (fallback.manifest.kind !== "index") {
        throw new RegistryError("invalid", `${repo.registry}/${repo.repository}:${tag}: the referrers tag holds an image manifest, not an index`, { host: repo.registry });
      }
      return { via: "tag", tag, descriptors: fallback.manifest.manifests };
    } catch (e) {
      if (e instanceof RegistryError && e.kind === "not-found") return { via: "tag", tag, descriptors: [] };
      throw e;
    }
  }
  /** A manifest by tag, or undefined when the tag does not exist (a cosign `.sig`/`.att` tag); not kept for the run. */
  async findManifest(repo, tag) {
    try {
      return await this.readManifest(repo, tag);
    } catch (e) {
      if (e instanceof RegistryError && e.kind === "not-found") return void 0;
      throw e;
    }
  }
  /** The repository's tags, following `Link` pagination; bounded, once per repository per run. */
  listTags(repo) {
    const key = `${repo.registry}/${repo.repository}`;
    let p = this.tagLists.get(key);
    if (!p) {
      p = this.fetchTags(repo);
      this.tagLists.set(key, p);
      p.catch(() => {
      });
    }
    return p;
  }
  async fetchTags(repo) {
    const tags = [];
    let path = `/tags/list?n=${TAG_PAGE}`;
    for (let page = 0; path !== void 0; page++) {
      if (page >= TAG_PAGES) return { tags, truncated: true };
      const res = await this.send(repo, "GET", path, { accept: "application/json" }, MANIFEST_LIMIT);
      if (res.status !== 200) throw this.statusError(res, repo, "tag list");
      let body;
      try {
        body = JSON.parse(res.body.toString("utf8"));
      } catch {
        throw new RegistryError("invalid", `${repo.registry}/${repo.repository}: the tag list is not valid JSON`, { host: repo.registry });
      }
      if (Array.isArray(body.tags)) {
        for (const t of body.tags) if (typeof t === "string") tags.push(t);
      }
      path = nextPage(headerValue(res.headers.link), repo.repository);
    }
    return { tags, truncated: false };
  }
  /**
   * GET a blob, verified against its descriptor (digest and size). Kept by digest per registry for the run, unless
   * `keep` is false: a signature layer is read once and let go once verified.
   */
  getBlob(repo, desc, maxBytes, opts = {}) {
    const key = `${repo.registry}@${desc.digest}`;
    if (opts.keep === false) return this.blobs.get(key) ?? this.cachedBlob(repo, desc, maxBytes);
    let p = this.blobs.get(key);
    if (!p) {
      p = this.cachedBlob(repo, desc, maxBytes);
      this.blobs.set(key, p);
      p.catch(() => this.blobs.delete(key));
    }
    return p;
  }
  async cachedBlob(repo, desc, maxBytes) {
    if (!this.cache || desc.size > maxBytes) return this.fetchBlob(repo, desc, maxBytes);
    const hit = await this.cache.getBlob(desc.digest, desc.size);
    if (hit) return hit;
    const body = await this.fetchBlob(repo, desc, maxBytes);
    this.cache.putBlob(desc.digest, body);
    return body;
  }
  async fetchBlob(repo, desc, maxBytes) {
    const where = `${repo.registry}/${repo.repository}@${desc.digest}`;
    const problem = digestProblem(desc.digest);
    if (problem) throw new RegistryError("invalid", `${where}: ${problem}`, { host: repo.registry });
    if (desc.size > maxBytes) {
      throw new RegistryError("too-large", `${where}: the blob is ${desc.size} bytes, over the ${maxBytes >> 20} MiB limit; not read`, { host: repo.registry });
    }
    const res = await this.send(repo, "GET", `/blobs/${desc.digest}`, {}, maxBytes);
    if (res.status !== 200) throw this.statusError(res, repo, `blob ${desc.digest}`);
    const actual = computeDigest(res.body, desc.digest);
    if (actual !== desc.digest) {
      throw new RegistryError("integrity", `${where}: integrity failure: the blob's bytes hash to ${actual}, not the descriptor's ${desc.digest}`, { host: repo.registry });
    }
    if (res.body.length !== desc.size) {
      throw new RegistryError("integrity", `${where}: integrity failure: the blob is ${res.body.length} bytes, the descriptor says ${desc.size}`, { host: repo.registry });
    }
    return res.body;
  }
  async fetchManifest(repo, reference, maxBytes = MANIFEST_LIMIT) {
    const byDigest = isDigest(reference);
    const where = `${repo.registry}/${repo.repository}${byDigest ? "@" : ":"}${reference}`;
    const res = await this.send(repo, "GET", `/manifests/${reference}`, { accept: MANIFEST_ACCEPT }, Math.min(maxBytes, MANIFEST_LIMIT));
    if (res.status !== 200) throw this.statusError(res, repo, isDigest(reference) ? `manifest ${reference}` : `tag ${reference}`);
    const body = res.body;
    const header = headerValue(res.headers["docker-content-digest"]);
    if (header !== void 0) {
      const problem = digestProblem(header);
      if (problem) throw new RegistryError("integrity", `${where}: Docker-Content-Digest "${header.slice(0, 80)}" is malformed: ${problem}`, { host: repo.registry });
      const actual = computeDigest(body, header);
      if (actual !== header) {
        throw new RegistryError(
          "integrity",
          `${where}: integrity failure: the registry announced ${header} (Docker-Content-Digest) but the manifest it sent hashes to ${actual}`,
          { host: repo.registry }
        );
      }
    }
    let digest;
    if (byDigest) {
      const actual = reference === header ? header : computeDigest(body, reference);
      if (actual !== reference) {
        throw new RegistryError("integrity", `${where}: integrity failure: asked for ${reference}, the manifest sent hashes to ${actual}`, { host: repo.registry });
      }
      digest = reference;
    } else {
      digest = header ?? computeDigest(body);
    }
    const manifest = parseManifest(body, headerValue(res.headers["content-type"]), where);
    return { digest, mediaType: manifest.mediaType, size: body.length, body, manifest };
  }
  endpoint(registry) {
    let ep = this.endpoints.get(registry);
    if (!ep) {
      const insecure = isLoopback(registry) || this.insecure.has(registry);
      ep = {
        registry,
        insecure,
        base: insecure ? void 0 : `https://${apiHost(registry)}`,
        auth: new Authorizer({ registry, insecure }, this.credentials, this.transport, this.logger),
        gate: void 0,
        fatal: void 0,
        stop: new AbortController(),
        timeouts: 0,
        firstTimeout: void 0,
        rateLimitRemaining: void 0
      };
      this.endpoints.set(registry, ep);
    }
    return ep;
  }
  /**
   * Sends a request under the repository's pull scope. The first request to a registry goes alone: it finds the
   * scheme (HTTPS, or HTTP for loopback and insecure registries) and takes the auth challenge; the others then send
   * their credentials up front.
   */
  async send(repo, method, path, headers, maxBytes) {
    const refused = this.refuse?.(repo.registry);
    if (refused) throw new RegistryError("denied", `${repo.registry}: not contacted: ${refused}`, { host: repo.registry });
    const ep = this.endpoint(repo.registry);
    if (ep.fatal) throw ep.fatal;
    if (ep.base === void 0 || !ep.auth.known) {
      if (ep.gate) {
        await ep.gate;
        if (ep.fatal) throw ep.fatal;
      } else {
        let release;
        ep.gate = new Promise((resolve) => release = resolve);
        try {
          return await this.sendAuthorized(ep, repo, method, path, headers, maxBytes, release);
        } catch (e) {
          if (e instanceof RegistryError && ["unreachable", "timeout", "tls", "insecure"].includes(e.kind)) this.giveUp(ep, e);
          throw e;
        } finally {
          ep.gate = void 0;
          release();
        }
      }
    }
    return this.sendAuthorized(ep, repo, method, path, headers, maxBytes);
  }
  async sendAuthorized(ep, repo, method, path, headers, maxBytes, learned) {
    const scope = pullScope(repo.repository);
    const sent = await ep.auth.header(scope);
    let used = sent;
    let res = await this.sendOnce(ep, repo, method, path, sent ? { ...headers, authorization: sent } : headers, maxBytes);
    if (res.status === 401) {
      const next = await ep.auth.challenged(res, scope, sent);
      learned?.();
      used = next;
      res = await this.sendOnce(ep, repo, method, path, { ...headers, authorization: next }, maxBytes);
      if (res.status === 401) throw ep.auth.refused(res, scope);
    } else if (!ep.auth.known) {
      ep.auth.markOpen();
    }
    if (headersRefused(res, method) && ep.auth.narrow(scope, used)) {
      const single = await ep.auth.header(scope);
      res = await this.sendOnce(ep, repo, method, path, single ? { ...headers, authorization: single } : headers, maxBytes);
      if (res.status === 401) throw ep.auth.refused(res, scope);
    }
    const remaining = headerValue(res.headers["ratelimit-remaining"]);
    if (remaining !== void 0) ep.rateLimitRemaining = remaining;
    return res;
  }
  async sendOnce(ep, repo, method, path, headers, maxBytes) {
    const bases = ep.base !== void 0 ? [ep.base] : [`https://${apiHost(ep.registry)}`, `http://${apiHost(ep.registry)}`];
    let lastError;
    for (const base of bases) {
      try {
        const res = await this.transport.request({
          method,
          url: `${base}/v2/${repo.repository}${path}`,
          headers,
          maxBytes,
          // Authorization stays with this URL's origin, the transport's default.
          limitKey: ep.registry,
          hostLabel: ep.registry,
          signal: ep.stop.signal,
          onTimeout: (e) => this.timedOut(ep, e),
          // A registry, or a redirect of it, at a link-local, unspecified or metadata address is never contacted.
          guard: async (u) => checkRegistryHost(u, ep.registry),
          lookup: guardedLookup
        });
        if (ep.base === void 0) {
          ep.base = base;
          this.logger.debug(`${ep.registry}: reached over ${base.split(":")[0]}`);
        }
        return res;
      } catch (e) {
        lastError = e;
        if (!(ep.base === void 0 && e instanceof RegistryError && speaksNoTls(e.cause))) throw e;
      }
    }
    throw lastError;
  }
  /** One more request to the registry timed out; at STALL_LIMIT the registry is given up on. */
  timedOut(ep, e) {
    if (ep.fatal) return;
    ep.timeouts++;
    ep.firstTimeout ??= e.message.startsWith(`${ep.registry}: `) ? e.message.slice(ep.registry.length + 2) : e.message;
    if (ep.timeouts < STALL_LIMIT) return;
    const error = new RegistryError(
      "timeout",
      `${ep.registry}: given up on after ${ep.timeouts} requests timed out (the first: ${ep.firstTimeout}); its requests still waiting were ended and the rest of this run's were not sent`,
      { host: ep.registry }
    );
    this.giveUp(ep, error);
    this.logger.info(error.message);
  }
  /** Every request to the registry fails with `error` from now on: those in flight and waiting end at once. */
  giveUp(ep, error) {
    if (ep.fatal) return;
    ep.fatal = error;
    ep.stop.abort(error);
  }
  /** The error a registry was given up on with (its requests timed out, or it could not be reached), if it was. */
  givenUp(registry) {
    return this.endpoints.get(registry)?.fatal;
  }
  statusError(res, repo, what) {
    const { codes, message } = registryErrorCodes(res.body);
    const host = repo.registry;
    const detail = `${statusText(res.status)}${codes.length > 0 ? ` ${codes.join(", ")}` : ""}${message ? `: ${message}` : ""}`;
    const where = `${host}/${repo.repository}`;
    switch (res.status) {
      case 404:
        return new RegistryError("not-found", `${where}: ${what} not found (${detail})`, { host, status: 404, codes });
      case 403:
        return new RegistryError("denied", `${where}: access to ${what} denied (${detail})`, { host, status: 403, codes });
      case 429:
        return new RegistryError("rate-limited", `${where}: rate limited fetching ${what} (${detail}); retries exhausted`, { host, status: 429, codes });
      default:
        if (headersRefused(res, "GET")) {
          return new RegistryError("server", `${where}: ${what}: the registry (or the proxy in front of it) refused the request's headers as too large (${statusText(res.status)})`, {
            host,
            status: res.status,
            codes
          });
        }
        return new RegistryError("server", `${where}: ${what}: the registry answered ${detail}${res.status >= 500 ? "; retries exhausted" : ""}`, {
          host,
          status: res.status,
          codes
        });
    }
  }
};
function nextPage(link, repository) {
  if (!link) return void 0;
  const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link);
  if (!m) return void 0;
  let url;
  try {
    url = new URL(m[1], "http://registry.invalid");
  } catch {
    return void 0;
  }
  const prefix = `/v2/${repository}`;
  if (url.pathname !== `${prefix}/tags/list`) return void 0;
  return `/tags/list${url.search}`;
}
function headerValue(v) {
  const s = Array.isArray(v) ? v[0] : v;
  return s === void 0 || s === "" ? void 0 : s.trim();
}

// src/inspect/inspect.ts
var MAX_INDEX_DEPTH = 2;
var MAX_INDEX_ENTRIES = 256;
var parsedConfigs = /* @__PURE__ */ new WeakMap();
function configOf(body, where) {
  let cfg = parsedConfigs.get(body);
  if (!cfg) {
    cfg = parseConfig(body, where);
    parsedConfigs.set(body, cfg);
  }
  return cfg;
}
function isAttestation(d) {
  return isAttestationPlatform(d.platform);
}
function isMislabeledAttestation(d) {
  return !isAttestation(d) && d.annotations?.["vnd.docker.reference.type"] === "attestation-manifest";
}
function mislabeledFindings(input, ref, facts) {
  return facts.mislabeled.map((m) => {
    const where = m.platform ? `for ${formatPlatform(m.platform)}` : "with no platform";
    const f = {
      rule: "inspect",
      image: input,
      reference: formatReference(ref),
      message: `the index lists ${m.digest} ${where} but annotates it as an attestation; only unknown/unknown entries are attestations (it was inspected as a platform: runtimes pull it)`
    };
    if (m.platform) f.platform = formatPlatform(m.platform);
    return f;
  });
}
async function inspectImage(client, input, ref, needs) {
  try {
    const facts = await gather(client, input, ref, needs);
    return { ok: true, input, ref, facts };
  } catch (e) {
    const error = e instanceof RegistryError ? e : new RegistryError("invalid", `${formatReference(ref)}: ${describeError(e)}`, { host: ref.registry, cause: e });
    return { ok: false, input, ref, host: error.host ?? ref.registry, error };
  }
}
function blameGiveUp(client, ins) {
  if (ins.ok || ins.error.kind !== "timeout") return ins;
  const fatal = client.givenUp(ins.host);
  return fatal && fatal !== ins.error && fatal.kind === "timeout" ? { ...ins, error: fatal } : ins;
}
async function gather(client, input, ref, needs) {
  const repo = { registry: ref.registry, repository: ref.repository };
  const top = await client.getManifest(repo, manifestReference(ref), { confirm: true });
  const facts = {
    input,
    ref,
    digest: top.digest,
    mediaType: top.mediaType,
    kind: top.manifest.kind,
    annotations: top.manifest.annotations,
    platforms: [],
    attestations: [],
    mislabeled: []
  };
  if (top.manifest.kind === "image") {
    facts.platforms.push(await platformFacts(client, repo, top, top.manifest, void 0, needs, true));
    return facts;
  }
  await collectIndex(client, repo, top, facts, needs, 1, { entries: 0 });
  return facts;
}
async function settleAll(promises) {
  let failure;
  const results = await Promise.all(
    promises.map(
      (p) => p.catch((error) => {
        failure ??= { error };
        return void 0;
      })
    )
  );
  if (failure) throw failure.error;
  return results;
}
async function collectIndex(client, repo, index, facts, needs, depth, count) {
  if (index.manifest.kind !== "index") return;
  const entries = index.manifest.manifests;
  count.entries += entries.length;
  if (count.entries > MAX_INDEX_ENTRIES) {
    throw new RegistryError(
      "unsupported",
      `${repo.registry}/${repo.repository}@${index.digest}: the index lists ${depth > 1 ? `${count.entries} manifests with its nested indexes` : `${entries.length} manifests`}; more than ${MAX_INDEX_ENTRIES} is unsupported (real multi-platform images list a few dozen)`,
      { host: repo.registry }
    );
  }
  facts.attestations.push(...entries.filter(isAttestation));
  for (const d of entries.filter(isMislabeledAttestation)) facts.mislabeled.push({ digest: d.digest, platform: d.platform });
  const children = entries.filter((d) => !isAttestation(d));
  const results = await settleAll(
    children.map(async (d) => {
      const child = await client.getManifest(repo, d.digest);
      if (child.size !== d.size) {
        throw new RegistryError(
          "integrity",
          `${repo.registry}/${repo.repository}@${d.digest}: integrity failure: the manifest is ${child.size} bytes, the index says ${d.size}`,
          { host: repo.registry }
        );
      }
      return { d, child };
    })
  );
  for (const { d, child } of results) {
    if (child.manifest.kind === "index") {
      if (depth >= MAX_INDEX_DEPTH) {
        throw new RegistryError("unsupported", `${repo.registry}/${repo.repository}@${d.digest}: indexes nested more than ${MAX_INDEX_DEPTH} deep`, { host: repo.registry });
      }
      await collectIndex(client, repo, child, facts, needs, depth + 1, count);
    }
  }
  const images = results.filter((r) => r.child.manifest.kind === "image");
  const platforms = await settleAll(
    images.map(({ d, child }) => platformFacts(client, repo, child, child.manifest, d, needs, d.platform === void 0))
  );
  facts.platforms.push(...platforms);
}
async function platformFacts(client, repo, fetched, manifest, entry, needs, platformFromConfig) {
  const out = {
    platform: entry?.platform,
    digest: fetched.digest,
    mediaType: fetched.mediaType,
    size: fetched.size,
    annotations: manifest.annotations,
    layers: manifest.layers,
    configDescriptor: manifest.config
  };
  if (needs.config || platformFromConfig) {
    const where = `${repo.registry}/${repo.repository}@${fetched.digest}`;
    const body = await client.getBlob(repo, manifest.config, CONFIG_LIMIT);
    out.config = configOf(body, `${where} config ${manifest.config.digest}`);
    if (out.config.os !== "" && out.config.architecture !== "") {
      const own = normalizePlatform({
        os: out.config.os,
        architecture: out.config.architecture,
        ...out.config.variant ? { variant: out.config.variant } : {}
      });
      if (platformFromConfig) out.platform = own;
      else if (entry?.platform && (own.os !== entry.platform.os || own.architecture !== entry.platform.architecture)) {
        throw new RegistryError(
          "invalid",
          `${where}: the index lists this manifest as ${formatPlatform(entry.platform)}, but its config says ${formatPlatform(own)}`,
          { host: repo.registry }
        );
      }
    }
  }
  return out;
}
function platformLabel(p) {
  return p.platform ? formatPlatform(p.platform) : "unknown platform";
}

// src/policy/rules/base-images.ts
function repositoryOf(name) {
  try {
    return repositoryName(parseReference(name));
  } catch {
    return name;
  }
}
function checkBaseImages(s, allowed) {
  const out = [];
  const list = allowed.join(", ");
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    const b = p.base;
    if (!p.config || !b) {
      out.push({ platform, message: "the base could not be determined: the image config was not read" });
      continue;
    }
    if (b.claim && b.claim.status !== "verified") {
      const claimed = `${b.claim.name}${b.claim.digest ? `@${b.claim.digest}` : ""}`;
      const short2 = repositoryOf(b.claim.name);
      out.push({
        platform,
        message: b.claim.status === "contradicted" ? `claims base ${claimed} (in ${b.claim.source}), but its layers do not start with ${short2}'s: ${b.claim.detail ?? ""}`.replace(/: $/, "") : `claims base ${claimed} (in ${b.claim.source}), which could not be verified: ${b.claim.detail ?? "unknown"}`
      });
      continue;
    }
    const longest = b.proven[0]?.layers;
    const top = b.proven.filter((x) => x.layers === longest);
    if (top.length > 0) {
      if (top.some((base2) => allowed.some((pattern) => allowsBase(pattern, base2)))) continue;
      const base = top[0];
      out.push({ platform, message: `base ${base.name}@${shortDigest(base.digest)} (proven by ${base.via === "claim" ? "its claim and layers" : "layers"}) is not allowed (allowed: ${list})` });
      continue;
    }
    if (allowed.some((pattern) => pattern.trim() === "scratch")) continue;
    const notes = b.notes.length > 0 ? `; ${b.notes.join("; ")}` : "";
    out.push({
      platform,
      message: `no allowed base proven: ${b.tried === 0 ? "no candidate could be listed from the allowed patterns, and no claim names the base" : `the layers of none of ${b.tried} candidate${b.tried === 1 ? "" : "s"} start the image's layers`} (allowed: ${list})${notes}`
    });
  }
  return out;
}

// src/policy/rules/digest.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function checkDigest(s, expected) {
  if (s.facts.digest === expected) return [];
  return [{ message: `resolves to ${s.facts.digest}, expected ${expected}` }];
}

// src/policy/rules/freshness.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

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
      out.push({ platform, message: `${source} ${new Date(c.at).toISOString()}, ${humanDuration(age)} ago: older than max-age ${limit.text}` });
    }
  }
  return out;
}

// src/policy/rules/freshness.ts
function newerAge(n, now) {
  if (!n) return { unknown: "nothing dates it" };
  const at = realTime(n.created) ?? realTime(n.annotation);
  if (at === void 0) {
    if (n.note) return { unknown: n.note };
    return {
      unknown: n.created === void 0 ? "its config has no created time" : `its created time "${n.created}" is not a real time (a reproducible-build placeholder, or not a time), and no annotation holds one`
    };
  }
  const age = Math.max(0, Math.floor((now.getTime() - at) / 1e3));
  return { at, age, text: `created ${new Date(at).toISOString()}, ${humanDuration(age)} ago` };
}
function judged(n, now, grace, rule2) {
  const a = newerAge(n, now);
  if ("unknown" in a) return `its age is unknown (${a.unknown})${grace.seconds > 0 ? `, so the ${rule2} grace ${grace.text} cannot be granted` : ""}`;
  if (grace.seconds > 0 && a.age <= grace.seconds) return void 0;
  return `${a.text}${grace.seconds > 0 ? `: older than the ${rule2} grace ${grace.text}` : ""}`;
}
function checkPinsCurrent(s, grace) {
  if (s.ref.tag === void 0 || s.ref.digest === void 0) return [];
  const pin = s.facts.pin;
  if (!pin) return [{ message: "whether the pin is current was not checked" }];
  if (pin.error !== void 0 || pin.current === void 0) {
    return [{ message: `the tag ${pin.tag} could not be resolved to check the pin ${pin.pinned}: ${pin.error ?? "no digest"}` }];
  }
  if (pin.current === pin.pinned || pin.listed) return [];
  const age = judged(pin.newer, s.now, grace, "pins-current");
  if (age === void 0) return [];
  return [{ message: `pinned to ${pin.pinned}, but ${pin.tag} now resolves to ${pin.current}, ${age}` }];
}
function checkBaseCurrent(s, grace) {
  const out = [];
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    const c = p.baseCurrent;
    if (!c) {
      out.push({ platform, message: "whether the base is current was not checked: the image config was not read" });
      continue;
    }
    if (c.status === "current" || c.status === "none") continue;
    if (c.status === "unknown") {
      out.push({ platform, message: `whether the base is current is unknown: ${c.detail ?? "no reason given"}` });
      continue;
    }
    const age = judged(c.newer, s.now, grace, "base-current");
    if (age === void 0) continue;
    const built = c.builtOn ? `built on ${c.tag}@${c.builtOn}` : `built on an earlier ${c.tag}`;
    out.push({ platform, message: `${built}, but ${c.tag} is now ${c.current}, whose layers do not start the image's (${age}): rebuild on the current base` });
  }
  return out;
}

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

// src/policy/rules/non-root.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function isRootUser(user) {
  const name = user.trim().split(":")[0];
  return name === "" || name === "root" || /^0+$/.test(name);
}
function checkNonRoot(s) {
  const out = [];
  for (const p of s.facts.platforms) {
    if (!p.config) continue;
    const user = p.config.user;
    if (isRootUser(user)) {
      out.push({ platform: platformLabel(p), message: user.trim() === "" ? "runs as root: the config sets no User" : `runs as root: User is "${user}"` });
    }
  }
  return out;
}

// src/policy/rules/platforms.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function platformSatisfies(have, want) {
  const h = normalizePlatform(have);
  const w = normalizePlatform(want);
  if (h.os !== w.os || h.architecture !== w.architecture) return false;
  return w.variant === void 0 || h.variant === w.variant;
}
function checkPlatforms(s, required) {
  const have = s.facts.platforms.filter((p) => p.platform !== void 0).map((p) => p.platform);
  const listed = have.length > 0 ? have.map(formatPlatform).join(", ") : "no platform";
  const what = s.facts.kind === "index" ? `the index has ${listed}` : `the image is a single ${listed} manifest`;
  return required.filter((want) => !have.some((h) => platformSatisfies(h, want))).map((want) => ({ platform: formatPlatform(want), message: `${formatPlatform(want)} missing: ${what}` }));
}

// src/policy/rules/registries.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function checkRegistries(s, allowed) {
  return checkRegistryName(s.ref.registry, allowed);
}
function checkRegistryName(registry, allowed) {
  if (allowed.some((p) => globMatch(p, registry))) return [];
  return [{ message: `registry ${registry} is not allowed (allowed: ${allowed.join(", ")})` }];
}

// src/policy/rules/require-digest.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function checkRequireDigest(s) {
  if (s.ref.digest !== void 0) return [];
  return [{ message: `not pinned by digest: write ${pinnedReference(s.ref, s.facts.digest)}` }];
}

// src/policy/rules/trust.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_REASONS = 4;
function describeSigner(signer) {
  if (!signer) return "an unknown signer";
  if (signer.kind === "key") return `key ${signer.fingerprint}`;
  return `${signer.certificate.identity} (issuer ${signer.certificate.issuer})`;
}
function acceptsSigner(req, signer) {
  if (!signer) return false;
  if (signer.kind === "key") return req.keys.some((k) => k.fingerprint === signer.fingerprint);
  const c = signer.certificate;
  return c.issuer === req.issuer && req.identities.some((g) => globMatch(g, c.identity));
}
function sourceRepository(signer) {
  if (signer?.kind !== "certificate") return void 0;
  const from = (url) => {
    if (!url) return void 0;
    const m = /^https:\/\/[^/]+\/([^/@]+)\/([^/@]+)/.exec(url);
    return m ? `${m[1]}/${m[2]}` : void 0;
  };
  return from(signer.certificate.sourceRepository) ?? from(signer.certificate.identity);
}
function signingWorkflow(signer) {
  if (signer?.kind !== "certificate") return void 0;
  const uri = signer.certificate.buildSignerUri ?? signer.certificate.identity;
  const m = /^https:\/\/[^/]+\/([^/@]+\/[^/@]+)\/([^@]+)@(.+)$/.exec(uri);
  return m ? { repository: m[1], path: m[2], ref: m[3] } : void 0;
}
var WORKFLOW_ENTRY = /^(?:([^./@\s][^/@\s]*\/[^/@\s]+)\/)?(\.github\/workflows\/[^@\s]+)(?:@(\S+))?$/;
function parseWorkflow(entry) {
  const m = WORKFLOW_ENTRY.exec(entry);
  if (!m) return void 0;
  const p = { path: m[2] };
  if (m[1] !== void 0) p.repository = m[1];
  if (m[3] !== void 0) p.ref = m[3];
  return p;
}
function workflowMatches(entry, w, source) {
  const p = parseWorkflow(entry);
  if (!p) return false;
  const repository = p.repository === void 0 ? w.repository.toLowerCase() === source.toLowerCase() : globMatch(p.repository.toLowerCase(), w.repository.toLowerCase());
  return repository && globMatch(p.path, w.path) && (p.ref === void 0 || globMatch(p.ref, w.ref));
}
function wantedWorkflows(entries, source) {
  const named = entries.map((e) => parseWorkflow(e)?.repository === void 0 ? `${e} of ${source}` : e);
  return named.length === 1 ? `workflow ${named[0]}` : `one of the workflows ${named.join(", ")}`;
}
function describeProvenance(sig) {
  if (sig.predicateType !== SLSA_PROVENANCE_V1 || sig.signer?.kind !== "certificate" || sig.signer.certificate.issuer !== GITHUB_ACTIONS_ISSUER) return void 0;
  const c = sig.signer.certificate;
  const w = signingWorkflow(sig.signer);
  const repo = sourceRepository(sig.signer);
  return `built from ${repo ?? "no named repository"}${c.sourceRepositoryRef ? ` at ${c.sourceRepositoryRef}` : ""} by ${w ? `${w.repository}/${w.path}@${w.ref}` : c.identity}`;
}
function provenanceProblem(req, sig) {
  if (sig.predicateType !== SLSA_PROVENANCE_V1) return `its predicate is ${sig.predicateType ?? "none"}, not ${SLSA_PROVENANCE_V1}`;
  if (sig.signer?.kind !== "certificate") return `it is signed by ${describeSigner(sig.signer)}, not by a GitHub Actions certificate`;
  const c = sig.signer.certificate;
  if (c.issuer !== GITHUB_ACTIONS_ISSUER) return `its certificate is from issuer ${c.issuer}, not ${GITHUB_ACTIONS_ISSUER}`;
  const repo = sourceRepository(sig.signer);
  if (!repo) return `its certificate names no source repository (${c.identity})`;
  if (!req.repositories.some((p) => globMatch(p.toLowerCase(), repo.toLowerCase()))) return `the rule wants a repository of ${req.repositories.join(", ")}`;
  if (req.workflows?.length) {
    const w = signingWorkflow(sig.signer);
    if (!w || !req.workflows.some((p) => workflowMatches(p, w, repo))) return `the rule wants ${wantedWorkflows(req.workflows, repo)}`;
  }
  if (req.refs?.length) {
    const ref = c.sourceRepositoryRef;
    if (!ref || !req.refs.some((p) => globMatch(p, ref))) return `the rule wants a ref of ${req.refs.join(", ")}${ref ? "" : " (the certificate names none)"}`;
  }
  if (req.runner === "github-hosted" && c.runnerEnvironment !== "github-hosted") {
    return `it ran on a ${c.runnerEnvironment ?? "unknown"} runner; the rule wants a GitHub-hosted one`;
  }
  return void 0;
}
var RANK = { found: 0, other: 1, unsupported: 2, bad: 3 };
function judgeDigest(dt, what, why, found) {
  const over = dt.signatures.filter((sig) => sig.verified && sig.subjects.includes(dt.digest));
  if (over.some((sig) => why(sig) === void 0)) return void 0;
  const reasons = /* @__PURE__ */ new Map();
  for (const sig of dt.signatures) {
    const at = `${sig.format} in ${sig.place}`;
    if (!sig.verified) reasons.set(`${sig.unsupported ? "unsupported" : "bad signature:"} ${at}: ${sig.reason ?? "it does not verify"}`, sig.unsupported ? RANK.unsupported : RANK.bad);
    else if (!sig.subjects.includes(dt.digest)) {
      reasons.set(`${at}, signed by ${describeSigner(sig.signer)}, is for another digest (${sig.subjects.join(", ") || "it names none"})`, RANK.other);
    } else {
      const is = found?.(sig);
      reasons.set(is ? `${what} found (${at}): ${is}; ${why(sig)}` : `${at} is signed by ${describeSigner(sig.signer)}, but ${why(sig)}`, RANK.found);
    }
  }
  const ranked = [...reasons].sort((a, b) => a[1] - b[1]).map(([r]) => r);
  const more = ranked.length > MAX_REASONS ? `; and ${ranked.length - MAX_REASONS} more` : "";
  const list = ranked.length > 0 ? `${ranked.slice(0, MAX_REASONS).join("; ")}${more}` : "";
  const read = list ? `; of what was read: ${list}` : "";
  if (dt.error) return `could not check ${what} of ${dt.digest}: discovery failed on ${dt.error.host}: ${dt.error.message}${read}`;
  if (dt.unread?.length) return `could not check ${what} of ${dt.digest}: ${dt.unread.join("; ")}${read}`;
  if (dt.signatures.length === 0) return `no ${what} found for ${dt.digest} (looked in ${dt.looked.join(", ")})`;
  return `no accepted ${what} for ${dt.digest}: ${list}`;
}
function judgeImage(s, what, why, found) {
  const trust = s.facts.trust;
  if (!trust) return [{ message: `no trust facts were gathered for the ${what} rule` }];
  const top = judgeDigest(trust.top, what, why, found);
  if (top === void 0) return [];
  if (s.facts.kind !== "index" || trust.platforms.length === 0) return [{ message: top }];
  const out = [];
  for (const p of trust.platforms) {
    const m = judgeDigest(p, what, why, found);
    if (m !== void 0) out.push({ platform: p.platform ?? "unknown platform", message: `${m}; the index ${trust.top.digest} is not covered either` });
  }
  return out;
}
function checkSignature(s, req) {
  return judgeImage(s, "signature", (sig) => acceptsSigner(req, sig.signer) ? void 0 : `that is not an accepted signer (${acceptedSigners(req)})`);
}
function checkProvenance(s, req) {
  const claims = s.facts.trust?.claims ?? [];
  const v = judgeImage(s, claims.length > 0 ? "signed provenance" : "provenance", (sig) => provenanceProblem(req, sig), describeProvenance);
  if (v.length === 0 || claims.length === 0) return v;
  const c = claims[0];
  const what = [c.builder ? `builder ${c.builder}` : "", c.source ? `source ${c.source}` : ""].filter(Boolean).join(", ") || c.predicateType;
  return v.map((x) => ({ ...x, message: `${x.message} (the index carries unsigned BuildKit provenance claiming ${what}: a claim, not proof)` }));
}
function checkAttestations(s, predicateTypes, attesters) {
  if (attesters.signature.length === 0 && attesters.provenance.length === 0) {
    return [{ message: "attestations are required, but no signer is accepted: set signature-keys, signature-identities or provenance" }];
  }
  const accepted = (sig) => attesters.signature.some((r) => acceptsSigner(r, sig.signer)) || attesters.provenance.some((r) => provenanceProblem(r, { ...sig, predicateType: SLSA_PROVENANCE_V1 }) === void 0);
  return predicateTypes.flatMap(
    (type) => judgeImage(
      s,
      `${type} attestation`,
      (sig) => sig.predicateType !== type ? `its predicate type is ${sig.predicateType ?? "none (a signature)"}` : accepted(sig) ? void 0 : "that is not an accepted signer"
    )
  );
}
function acceptedSigners(req) {
  const parts = [...req.keys.map((k) => `key ${k.fingerprint}`), ...req.identities.map((i) => `${i} (issuer ${req.issuer})`)];
  return `accepted: ${parts.join(", ")}`;
}

// src/policy/rules/table.ts
function rule(def) {
  return def;
}
var some = (list) => (list?.length ?? 0) > 0;
var RULE_TABLE = [
  rule({
    name: "platforms",
    keys: ["platforms"],
    enabled: (rs) => some(rs.platforms),
    needs: {},
    check: (s, rs) => checkPlatforms(s, rs.platforms),
    help: {
      short: "The image provides every required platform",
      full: "A multi-platform image must list every required platform (os/arch[/variant]); attestation entries are not platforms. A single-manifest image has the platform its config names.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "base-images",
    keys: ["base-images"],
    enabled: (rs) => some(rs.baseImages),
    needs: { config: true },
    check: (s, rs) => checkBaseImages(s, rs.baseImages),
    help: {
      short: "The image is built on an allowed base image",
      full: "Each platform's base image is proven by its layers (a claimed base is verified; candidates from the allowed patterns are compared) and must match an allowed pattern.",
      doc: "docs/policy.md#how-the-base-image-is-proven"
    }
  }),
  rule({
    name: "max-age",
    keys: ["max-age"],
    enabled: (rs) => rs.maxAge !== void 0,
    needs: { config: true },
    check: (s, rs) => checkMaxAge(s, rs.maxAge),
    help: {
      short: "The image is recent enough",
      full: "Every platform must have been created within the allowed age, from the config's created time or, for reproducible builds, the org.opencontainers.image.created annotation or label.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "digest",
    keys: ["digest"],
    enabled: (rs) => rs.digest !== void 0,
    needs: {},
    check: (s, rs) => checkDigest(s, rs.digest),
    help: { short: "The image resolves to the expected digest", full: "The reference must resolve to the digest it is pinned to.", doc: "docs/policy.md#rules" }
  }),
  rule({
    name: "require-digest",
    keys: ["require-digest"],
    enabled: (rs) => rs.requireDigest === true,
    needs: {},
    check: (s) => checkRequireDigest(s),
    help: {
      short: "The reference is pinned by digest",
      full: "Every reference must name its image by digest (name@sha256:\u2026), so that what is verified is what is deployed.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "registries",
    keys: ["registries"],
    enabled: (rs) => some(rs.registries),
    needs: {},
    check: (s, rs) => checkRegistries(s, rs.registries),
    help: {
      short: "The image comes from an allowed registry",
      full: "The registry (host[:port]) of every reference must match an allowed pattern.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "labels",
    keys: ["labels"],
    enabled: (rs) => some(rs.labels),
    needs: { config: true },
    check: (s, rs) => checkLabels(s, rs.labels),
    help: {
      short: "The image carries the required labels",
      full: "Every platform's config must have each required label, with a value matching its pattern where one is given.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "non-root",
    keys: ["non-root"],
    enabled: (rs) => rs.nonRoot === true,
    needs: { config: true },
    check: (s) => checkNonRoot(s),
    help: {
      short: "The image does not run as root",
      full: "The default user of every platform must not be root (an empty user, root, 0, or 0:\u2026 and root:\u2026 with any group).",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "signature",
    keys: ["signature-keys", "signature-identities", "signature-issuer"],
    enabled: (rs) => rs.signature !== void 0,
    needs: { trust: true },
    check: (s, rs) => checkSignature(s, rs.signature),
    help: {
      short: "The image is signed by an accepted signer",
      full: "A signature over the image's digest (or, for an index not signed itself, every platform's) verifies with one of the accepted keys, or comes from an accepted keyless identity and issuer; found through the referrers API, the referrers tag or cosign's .sig/.att tags.",
      doc: "docs/trust.md"
    }
  }),
  rule({
    name: "provenance",
    keys: ["provenance"],
    enabled: (rs) => rs.provenance !== void 0,
    needs: { trust: true },
    check: (s, rs) => checkProvenance(s, rs.provenance),
    help: {
      short: "The image was built by GitHub Actions of an allowed repository",
      full: "A signed SLSA provenance v1 attestation for the image digest, from a GitHub Actions certificate whose source repository (and workflow, ref and runner, when the policy narrows them) is allowed.",
      doc: "docs/trust.md"
    }
  }),
  rule({
    name: "attestations",
    keys: ["attestations"],
    enabled: (rs) => some(rs.attestations),
    needs: { trust: true },
    check: (s, rs, ctx) => checkAttestations(s, rs.attestations, ctx.attesters),
    help: {
      short: "The required attestations are signed for the image",
      full: "For each required predicate type, a signed in-toto statement naming the image digest, from a signer that signature or provenance accepts.",
      doc: "docs/trust.md"
    }
  }),
  rule({
    name: "base-current",
    keys: ["base-current"],
    enabled: (rs) => rs.baseCurrent !== void 0,
    needs: { config: true },
    check: (s, rs) => checkBaseCurrent(s, rs.baseCurrent),
    help: {
      short: "The image's base is its tag's current image",
      full: "Each platform's base (from the verified base claim, or a base-images pattern with a literal tag) must still be what its tag points to, or a rebuild with the same layers; with a grace, a newer base is reported once it is older than the grace.",
      doc: "docs/policy.md#freshness-and-cost"
    }
  }),
  rule({
    name: "pins-current",
    keys: ["pins-current"],
    enabled: (rs) => rs.pinsCurrent !== void 0,
    needs: {},
    check: (s, rs) => checkPinsCurrent(s, rs.pinsCurrent),
    help: {
      short: "A name:tag@digest pin is still what its tag resolves to",
      full: "A reference pinned as name:tag@digest must still be what the tag resolves to (one HEAD, free against pull limits); with a grace, a newer image is reported once it is older than the grace.",
      doc: "docs/policy.md#freshness-and-cost"
    }
  })
];
var RULES = RULE_TABLE.map((r) => r.name);

export {
  IMAGE_TYPES,
  certsDirsFromEnv,
  TlsConfig,
  Transport,
  MANIFEST_LIMIT,
  CONFIG_LIMIT,
  digestTag,
  RegistryClient,
  configOf,
  isAttestation,
  mislabeledFindings,
  inspectImage,
  blameGiveUp,
  platformLabel,
  checkRegistryName,
  parseLabelRequirement,
  RULE_TABLE,
  RULES
};
//# sourceMappingURL=chunk-JE53TIMR.js.map
