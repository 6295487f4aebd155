import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  require_crypto
} from "./chunk-WGDHFOS4.js";
import {
  require_path
} from "./chunk-NHIYY5LD.js";
import {
  require_fs
} from "./chunk-SHVH6DLG.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SNEHC4Y2.js";

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

// src/trust/types.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
var GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

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

// src/bounded-read.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_fs = __toESM(require_fs(), 1);
function readBoundedSync(path, max) {
  const fd = (0, import_node_fs.openSync)(path, import_node_fs.constants.O_RDONLY | import_node_fs.constants.O_NONBLOCK);
  try {
    const st = (0, import_node_fs.fstatSync)(fd);
    if (!st.isFile()) {
      throw Object.assign(new Error(st.isDirectory() ? "it is a directory" : "it is not a regular file"), { code: st.isDirectory() ? "EISDIR" : "ENOTREG" });
    }
    const buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = (0, import_node_fs.readSync)(fd, buf, n, buf.length - n, null);
    return { bytes: buf.subarray(0, n), size: st.size };
  } finally {
    (0, import_node_fs.closeSync)(fd);
  }
}

export {
  platformProblem,
  normalizePlatform,
  parsePlatform,
  formatPlatform,
  samePlatform,
  isAttestationPlatform,
  SLSA_PROVENANCE_V1,
  GITHUB_ACTIONS_ISSUER,
  PolicyError,
  KeyError,
  KEY_FILE_LIMIT,
  splitKeySources,
  parsePublicKey,
  loadKeys,
  readBoundedSync
};
//# sourceMappingURL=chunk-VLDHKTZ2.js.map
