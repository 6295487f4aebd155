
import {
  require_path
} from "./chunk-FZ4MN5IN.js";
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import {
  require_crypto
} from "./chunk-6XVK6575.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

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

// src/policy/types.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var FAIL_ON = ["critical", "high", "medium", "low", "any"];
var DEFAULT_MAX_REPORT_AGE = { seconds: 7 * 86400, text: "7d" };
var TRUSTED_ROOT_MAX_BYTES = 4 * 1024 * 1024;

export {
  KeyError,
  KEY_FILE_LIMIT,
  splitKeySources,
  parsePublicKey,
  readKeyFile,
  loadKeys,
  FAIL_ON,
  DEFAULT_MAX_REPORT_AGE,
  TRUSTED_ROOT_MAX_BYTES
};
//# sourceMappingURL=chunk-OISVCNRR.js.map
