
import {
  isLoopback,
  normalizeRegistryName
} from "./chunk-LDXJDK62.js";
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/osv/errors.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var OsvError = class extends GateError {
  /** The database's host (`api.osv.dev`). */
  host;
  constructor(host, message, options) {
    super("osv", `${host}: ${message}`, options);
    this.host = host;
  }
};
var UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g;
function sanitize(text, max = 200) {
  const line = text.replace(UNPRINTABLE, " ").trim();
  return line.length > max ? `${line.slice(0, max)}\u2026` : line;
}

// src/osv/url.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function parseDatabaseUrl(value, insecure = []) {
  const v = value.trim();
  const wrong = (why, shown = v) => new GateError(
    "input",
    `vulnerability-db: "${shown}" ${why}; expected the URL of an OSV API such as https://api.osv.dev`
  );
  let url;
  try {
    url = new URL(v);
  } catch {
    throw wrong("is not a URL", sanitize(v, 200));
  }
  if (url.username || url.password) {
    throw wrong("carries credentials in the URL, which the gate does not send", `${url.protocol}//\u2026@${url.host}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw wrong(`is not https:// (it is ${url.protocol})`);
  if (url.search || url.hash) throw wrong("has a query or a fragment");
  if (url.protocol === "http:") {
    const allowed = new Set([...insecure].map((h) => normalizeRegistryName(h)));
    const host = normalizeRegistryName(url.host);
    if (!isLoopback(url.host) && !allowed.has(host) && !allowed.has(url.hostname.toLowerCase()))
      throw wrong("is plain http://, allowed only for a loopback host or one insecure-registries lists");
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export {
  OsvError,
  sanitize,
  parseDatabaseUrl
};
//# sourceMappingURL=chunk-MVD7MK3L.js.map
