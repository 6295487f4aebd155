import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  matchReference
} from "./chunk-D7R2T2QL.js";
import {
  untilEnd
} from "./chunk-CB6UFZA7.js";
import {
  require_crypto
} from "./chunk-BK5OZBHZ.js";
import {
  require_path
} from "./chunk-BC7LW6EK.js";
import {
  require_fs
} from "./chunk-6QRSVGB3.js";
import {
  GateError
} from "./chunk-X7DA4AXX.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-66NDOTLW.js";

// src/policy/types.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var FAIL_ON = ["critical", "high", "medium", "low", "any"];
var DEFAULT_MAX_REPORT_AGE = { seconds: 7 * 86400, text: "7d" };
var TRUSTED_ROOT_MAX_BYTES = 4 * 1024 * 1024;

// src/core/bounded-read.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_fs = __toESM(require_fs(), 1);
function readBoundedSync(path, max) {
  const fd = (0, import_node_fs.openSync)(path, import_node_fs.constants.O_RDONLY | import_node_fs.constants.O_NONBLOCK);
  try {
    const st = (0, import_node_fs.fstatSync)(fd);
    if (!st.isFile()) {
      throw Object.assign(new Error(st.isDirectory() ? "it is a directory" : "it is not a regular file"), {
        code: st.isDirectory() ? "EISDIR" : "ENOTREG"
      });
    }
    const buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = (0, import_node_fs.readSync)(fd, buf, n, buf.length - n, null);
    return { bytes: buf.subarray(0, n), size: st.size };
  } finally {
    (0, import_node_fs.closeSync)(fd);
  }
}

// src/trust/keys.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_crypto = __toESM(require_crypto(), 1);
var import_node_path = __toESM(require_path(), 1);
var KeyError = class extends GateError {
  constructor(message) {
    super("key", message);
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
  if (blocks.length === 0)
    throw new KeyError(`${name} holds no PEM block: a public key starts with -----BEGIN PUBLIC KEY-----`);
  if (blocks.length > 1) throw new KeyError(`${name} holds ${blocks.length} PEM blocks: give one public key per file`);
  const label = blocks[0][1];
  if (/PRIVATE/.test(label))
    throw new KeyError(`${name} is a private key (${label}): give the public key (cosign.pub), never the private one`);
  if (label !== "PUBLIC KEY" && label !== "RSA PUBLIC KEY")
    throw new KeyError(`${name} is a ${label}, not a PUBLIC KEY`);
  let key;
  try {
    key = (0, import_node_crypto.createPublicKey)({ key: blocks[0][0], format: "pem" });
  } catch (e) {
    throw new KeyError(`${name} is not a readable public key: ${e.message}`);
  }
  let algorithm;
  if (key.asymmetricKeyType === "ec") {
    const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ""];
    if (!curve)
      throw new KeyError(
        `${name} is an ECDSA key on curve ${key.asymmetricKeyDetails?.namedCurve ?? "unknown"}: supported curves are P-256, P-384 and P-521`
      );
    algorithm = `ECDSA ${curve}`;
  } else if (key.asymmetricKeyType === "rsa") {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new KeyError(`${name} is a ${bits}-bit RSA key: RSA keys need 2048 bits or more`);
    algorithm = `RSA ${bits}`;
  } else {
    throw new KeyError(
      `${name} is an ${key.asymmetricKeyType ?? "unknown"} key: supported keys are ECDSA (P-256, P-384, P-521) and RSA`
    );
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
    throw new KeyError(
      `${name}: cannot read the key file${code === "ENOENT" ? ": no such file in the workspace" : code === "EISDIR" ? ": it is a directory" : `: ${e.message}`}`
    );
  }
  if (bytes.length > KEY_FILE_LIMIT)
    throw new KeyError(`${name} is ${bytes.length} bytes: a public key file is a few hundred bytes`);
  return parsePublicKey(bytes.toString("utf8"), name);
}
function loadKeys(text, workspace, read) {
  const { pems, paths } = splitKeySources(text);
  const keys = [
    ...pems.map((pem, i) => parsePublicKey(pem, `inline key ${i + 1}`)),
    ...paths.map((p) => readKeyFile(resolvePath(workspace, p), p, read))
  ];
  const seen = /* @__PURE__ */ new Set();
  return keys.filter((k) => !seen.has(k.fingerprint) && seen.add(k.fingerprint));
}
function resolvePath(workspace, p) {
  return (0, import_node_path.isAbsolute)(p) ? p : (0, import_node_path.join)(workspace, p);
}

// src/policy/errors.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var PolicyError = class extends GateError {
  problems;
  constructor(problems) {
    super("policy", problems.join("\n"));
    this.problems = problems;
  }
};

// src/policy/exceptions.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_EXCEPTION_DAYS = 366;
var DAY_MS = 864e5;
function untilProblem(until, now) {
  const end = untilEnd(until);
  if (Number.isNaN(end)) return `"${until}" is not a date: write YYYY-MM-DD, like 2027-01-31`;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (end - today >= (MAX_EXCEPTION_DAYS + 1) * DAY_MS)
    return `"${until}" is more than ${MAX_EXCEPTION_DAYS} days away: an exception is renewed on purpose, at most a year at a time`;
  return void 0;
}
function expired(e, now) {
  return now.getTime() > untilEnd(e.until);
}
function covers(e, f) {
  if (e.images && !(f.ref && e.images.some((p) => matchReference(p, f.ref, f.digest)))) return false;
  const byRule = e.rules?.includes(f.rule) ?? false;
  const byId = e.ids !== void 0 && (f.ids ?? []).some((id) => e.ids.some((x) => x.toUpperCase() === id.toUpperCase()));
  return byRule || byId;
}
function exceptionFor(exceptions, f, now) {
  return exceptions.find((e) => !expired(e, now) && covers(e, f));
}
function applyExceptions(findings, exceptions, subject, now) {
  const applied = /* @__PURE__ */ new Map();
  for (const f of findings) {
    if (f.rule === "inspect" || f.rule === "exceptions" || f.excepted) continue;
    const e = exceptionFor(exceptions, { rule: f.rule, ...subject(f), ...f.ids ? { ids: f.ids } : {} }, now);
    if (!e) continue;
    f.excepted = { reason: e.reason, until: e.until, where: e.where };
    applied.set(e, (applied.get(e) ?? 0) + 1);
  }
  const expiredFindings = exceptions.filter((e) => expired(e, now)).map((e) => ({
    rule: "exceptions",
    image: e.where,
    message: `the exception ${e.where} (${describeScope(e)}) expired at the end of ${e.until} and applies no more: renew it with a new date and reason, or remove it`
  }));
  return {
    expired: expiredFindings,
    uses: exceptions.map((e) => ({
      where: e.where,
      until: e.until,
      reason: e.reason,
      expired: expired(e, now),
      applied: applied.get(e) ?? 0
    }))
  };
}
function describeScope(e) {
  const what = [...e.rules ?? [], ...e.ids ?? []].join(", ");
  return e.images ? `${what} for ${e.images.map((p) => p.text).join(", ")}` : `${what} for every image`;
}

export {
  FAIL_ON,
  DEFAULT_MAX_REPORT_AGE,
  TRUSTED_ROOT_MAX_BYTES,
  readBoundedSync,
  KeyError,
  KEY_FILE_LIMIT,
  splitKeySources,
  parsePublicKey,
  readKeyFile,
  loadKeys,
  PolicyError,
  untilProblem,
  applyExceptions
};
//# sourceMappingURL=chunk-XU5WFOQ2.js.map
