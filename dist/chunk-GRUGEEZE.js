
import {
  Limiter,
  attemptTimeout,
  countTimeout,
  drained,
  endedWithoutAnswer,
  headerValue,
  headersRefused,
  parseFrom,
  readBounded,
  statusError,
  statusText,
  withRetries
} from "./chunk-IAFFZGJU.js";
import {
  MANIFEST_ACCEPT,
  OCI_INDEX,
  RegistryError,
  aborted,
  baseMediaType,
  describeError,
  fromManifestError,
  parseConfig,
  parseManifest,
  registryErrorCodes
} from "./chunk-BHOE3INQ.js";
import {
  registerSecret
} from "./chunk-JKCKZTIS.js";
import {
  HttpClient,
  require_http,
  require_https
} from "./chunk-W5D7XUTN.js";
import {
  require_fs
} from "./chunk-MT22UEVM.js";
import {
  require_path
} from "./chunk-FZ4MN5IN.js";
import {
  formatPlatform,
  isAttestationPlatform,
  normalizePlatform
} from "./chunk-IPQCI7W4.js";
import {
  apiHost,
  formatReference,
  hostOf,
  isLoopback,
  manifestReference,
  normalizeRegistryName
} from "./chunk-LDXJDK62.js";
import {
  computeDigest,
  digestProblem,
  isDigest,
  require_crypto
} from "./chunk-6XVK6575.js";
import {
  __commonJS,
  __require,
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// builtin:dns
var require_dns = __commonJS({
  "builtin:dns"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:dns");
    var lazy = {};
    for (const k of "lookup,lookupService,Resolver,getDefaultResultOrder,setDefaultResultOrder,setServers,ADDRCONFIG,ALL,V4MAPPED,NODATA,FORMERR,SERVFAIL,NOTFOUND,NOTIMP,REFUSED,BADQUERY,BADNAME,BADFAMILY,BADRESP,CONNREFUSED,TIMEOUT,EOF,FILE,NOMEM,DESTRUCTION,BADSTR,BADFLAGS,NONAME,BADHINTS,NOTINITIALIZED,LOADIPHLPAPI,ADDRGETNETWORKPARAMS,CANCELLED,getServers,resolve,resolve4,resolve6,resolveAny,resolveCaa,resolveCname,resolveMx,resolveNaptr,resolveNs,resolvePtr,resolveSoa,resolveSrv,resolveTlsa,resolveTxt,reverse,promises".split(","))
      Object.defineProperty(lazy, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    Object.defineProperty(lazy, /* @__PURE__ */ Symbol.for("image-gate.lazy-builtin"), { value: true });
    module.exports = lazy;
  }
});

// builtin:dns/promises
var require_promises = __commonJS({
  "builtin:dns/promises"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:dns/promises");
    var lazy = {};
    for (const k of "lookup,lookupService,Resolver,getDefaultResultOrder,setDefaultResultOrder,setServers,NODATA,FORMERR,SERVFAIL,NOTFOUND,NOTIMP,REFUSED,BADQUERY,BADNAME,BADFAMILY,BADRESP,CONNREFUSED,TIMEOUT,EOF,FILE,NOMEM,DESTRUCTION,BADSTR,BADFLAGS,NONAME,BADHINTS,NOTINITIALIZED,LOADIPHLPAPI,ADDRGETNETWORKPARAMS,CANCELLED,getServers,resolve,resolve4,resolve6,resolveAny,resolveCaa,resolveCname,resolveMx,resolveNaptr,resolveNs,resolvePtr,resolveSoa,resolveSrv,resolveTlsa,resolveTxt,reverse".split(","))
      Object.defineProperty(lazy, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    Object.defineProperty(lazy, /* @__PURE__ */ Symbol.for("image-gate.lazy-builtin"), { value: true });
    module.exports = lazy;
  }
});

// builtin:net
var require_net = __commonJS({
  "builtin:net"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:net");
    var lazy = {};
    for (const k of "_createServerHandle,_normalizeArgs,BlockList,SocketAddress,BoundSocket,connect,createConnection,createServer,isIP,isIPv4,isIPv6,Server,Socket,Stream,getDefaultAutoSelectFamily,setDefaultAutoSelectFamily,getDefaultAutoSelectFamilyAttemptTimeout,setDefaultAutoSelectFamilyAttemptTimeout".split(","))
      Object.defineProperty(lazy, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    Object.defineProperty(lazy, /* @__PURE__ */ Symbol.for("image-gate.lazy-builtin"), { value: true });
    module.exports = lazy;
  }
});

// builtin:tls
var require_tls = __commonJS({
  "builtin:tls"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:tls");
    var lazy = {};
    for (const k of "CLIENT_RENEG_LIMIT,CLIENT_RENEG_WINDOW,DEFAULT_CIPHERS,DEFAULT_ECDH_CURVE,DEFAULT_MIN_VERSION,DEFAULT_MAX_VERSION,getCiphers,getCertificateCompressionAlgorithms,rootCertificates,getCACertificates,setDefaultCACertificates,convertALPNProtocols,checkServerIdentity,createSecureContext,SecureContext,TLSSocket,Server,createServer,connect".split(","))
      Object.defineProperty(lazy, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    Object.defineProperty(lazy, /* @__PURE__ */ Symbol.for("image-gate.lazy-builtin"), { value: true });
    module.exports = lazy;
  }
});

// builtin:events
var require_events = __commonJS({
  "builtin:events"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    module.exports = __require("node:events");
  }
});

// src/inspect/inspect.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/registry/client.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/core/logger.ts
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
  if (family === 4 ? a.startsWith("169.254.") : /^fe[89ab]/.test(a))
    return "a link-local address (where cloud metadata services answer)";
  if (a === "0.0.0.0" || a.startsWith("0.") || a === "::") return "an unspecified address";
  return "a cloud metadata address";
}
function checkRegistryHost(url, registry) {
  const why = forbiddenAddress(url.hostname);
  if (why === void 0) return;
  throw new RegistryError("unreachable", `${registry}: address ${url.hostname} is ${why}: refused, not contacted`, {
    host: registry
  });
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
        const e = new Error(
          `${hostname} resolved to ${bad.address}, ${forbiddenAddress(bad.address)}: refused`
        );
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
var guardedLookup = guardedLookupWith(
  (hostname, options, callback) => (0, import_node_dns.lookup)(hostname, options, callback)
);

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
      if (!realmText)
        throw new RegistryError("auth", `${host}: its Bearer challenge names no realm`, { host, status: 401 });
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
      this.logger.debug(
        `${this.target.registry}: refused a token for ${covered} repositories as too large (${scope.split(":")[1]}); asking one token per repository`
      );
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
      this.logger.debug(
        `${host}: token realm ${realm.host} is not ${cred.onlyHosts.join(", ")}; asking without ${cred.source}`
      );
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
      throw new RegistryError(
        res.status === 401 ? "auth" : "denied",
        `${label} refused ${who} for ${scope} (${statusText(res.status)}${message ? `: ${message}` : ""})`,
        {
          host,
          status: res.status
        }
      );
    }
    if (res.status !== 200) {
      throw new RegistryError("server", `${label} answered ${statusText(res.status)} for ${scope}`, {
        host,
        status: res.status
      });
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

// src/registry/blobs.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var BlobReader = class {
  send;
  cache;
  blobs = /* @__PURE__ */ new Map();
  constructor(send, cache) {
    this.send = send;
    this.cache = cache;
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
      throw new RegistryError(
        "too-large",
        `${where}: the blob is ${desc.size} bytes, over the ${maxBytes >> 20} MiB limit; not read`,
        { host: repo.registry }
      );
    }
    const res = await this.send(repo, "GET", `/blobs/${desc.digest}`, {}, maxBytes);
    if (res.status !== 200) throw statusError(res, repo, `blob ${desc.digest}`);
    const actual = computeDigest(res.body, desc.digest);
    if (actual !== desc.digest) {
      throw new RegistryError(
        "integrity",
        `${where}: integrity failure: the blob's bytes hash to ${actual}, not the descriptor's ${desc.digest}`,
        { host: repo.registry }
      );
    }
    if (res.body.length !== desc.size) {
      throw new RegistryError(
        "integrity",
        `${where}: integrity failure: the blob is ${res.body.length} bytes, the descriptor says ${desc.size}`,
        { host: repo.registry }
      );
    }
    return res.body;
  }
};

// src/registry/manifests.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MANIFEST_LIMIT = 4 << 20;
var CONFIG_LIMIT = 4 << 20;
var ManifestReader = class {
  send;
  cache;
  manifests = /* @__PURE__ */ new Map();
  tagHeads = /* @__PURE__ */ new Map();
  constructor(send, cache) {
    this.send = send;
    this.cache = cache;
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
        if (!isDigest(reference))
          this.manifests.set(`${repo.registry}/${repo.repository}@${m.digest}`, Promise.resolve(m));
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
  /** A manifest by tag, or undefined when the tag does not exist (a cosign `.sig`/`.att` tag); not kept for the run. */
  async findManifest(repo, tag) {
    try {
      return await this.readManifest(repo, tag);
    } catch (e) {
      if (e instanceof RegistryError && e.kind === "not-found") return void 0;
      throw e;
    }
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
        const manifest = parseManifest(
          hit.body,
          hit.mediaType,
          `${repo.registry}/${repo.repository}@${digest} (cached)`
        );
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
    if (res.status !== 200)
      throw statusError(res, repo, isDigest(reference) ? `manifest ${reference}` : `tag ${reference}`);
    const header = headerValue(res.headers["docker-content-digest"]);
    if (header === void 0) {
      if (isDigest(reference))
        return {
          digest: reference,
          mediaType: baseMediaType(headerValue(res.headers["content-type"])),
          size: void 0
        };
      throw new RegistryError("invalid", `${where}: the registry sent no Docker-Content-Digest for HEAD`, {
        host: repo.registry
      });
    }
    checkDigestHeader(header, where, repo.registry);
    if (isDigest(reference) && header !== reference) {
      throw new RegistryError("integrity", `${where}: asked for ${reference}, the registry answered ${header}`, {
        host: repo.registry
      });
    }
    const length = Number(headerValue(res.headers["content-length"]));
    return {
      digest: header,
      mediaType: baseMediaType(headerValue(res.headers["content-type"])),
      size: Number.isFinite(length) ? length : void 0
    };
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
          if (!(e instanceof RegistryError && e.kind === "invalid" && e.message.includes("no Docker-Content-Digest")))
            throw e;
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
  async fetchManifest(repo, reference, maxBytes = MANIFEST_LIMIT) {
    const byDigest = isDigest(reference);
    const where = `${repo.registry}/${repo.repository}${byDigest ? "@" : ":"}${reference}`;
    const res = await this.send(
      repo,
      "GET",
      `/manifests/${reference}`,
      { accept: MANIFEST_ACCEPT },
      Math.min(maxBytes, MANIFEST_LIMIT)
    );
    if (res.status !== 200)
      throw statusError(res, repo, isDigest(reference) ? `manifest ${reference}` : `tag ${reference}`);
    const body = res.body;
    const header = headerValue(res.headers["docker-content-digest"]);
    if (header !== void 0) {
      checkDigestHeader(header, where, repo.registry);
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
        throw new RegistryError(
          "integrity",
          `${where}: integrity failure: asked for ${reference}, the manifest sent hashes to ${actual}`,
          { host: repo.registry }
        );
      }
      digest = reference;
    } else {
      digest = header ?? computeDigest(body);
    }
    const manifest = parseFrom(repo.registry, body, headerValue(res.headers["content-type"]), where);
    return { digest, mediaType: manifest.mediaType, size: body.length, body, manifest };
  }
};
function checkDigestHeader(header, where, host) {
  const problem = digestProblem(header);
  if (problem) {
    throw new RegistryError(
      "integrity",
      `${where}: Docker-Content-Digest "${header.slice(0, 80)}" is malformed: ${problem}`,
      { host }
    );
  }
}

// src/registry/referrers.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function digestTag(digest, suffix = "") {
  return `${digest.replace(":", "-")}${suffix}`;
}
var ReferrerReader = class {
  send;
  manifests;
  referrers = /* @__PURE__ */ new Map();
  constructor(send, manifests) {
    this.send = send;
    this.manifests = manifests;
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
    if (problem)
      throw new RegistryError("invalid", `${repo.registry}/${repo.repository}@${digest}: ${problem}`, {
        host: repo.registry
      });
    const where = `${repo.registry}/${repo.repository}@${digest}`;
    const res = await this.send(repo, "GET", `/referrers/${digest}`, { accept: OCI_INDEX }, MANIFEST_LIMIT);
    if (res.status === 200) {
      const index = parseFrom(
        repo.registry,
        res.body,
        headerValue(res.headers["content-type"]) ?? OCI_INDEX,
        `${where} referrers`
      );
      if (index.kind !== "index")
        throw new RegistryError(
          "invalid",
          `${where}: the referrers API answered with an image manifest, not an index`,
          { host: repo.registry }
        );
      return { via: "api", descriptors: index.manifests };
    }
    if (![404, 400, 406].includes(res.status)) throw statusError(res, repo, `the referrers of ${digest}`);
    const tag = digestTag(digest);
    try {
      const fallback = await this.manifests.readManifest(repo, tag);
      if (fallback.manifest.kind !== "index") {
        throw new RegistryError(
          "invalid",
          `${repo.registry}/${repo.repository}:${tag}: the referrers tag holds an image manifest, not an index`,
          { host: repo.registry }
        );
      }
      return { via: "tag", tag, descriptors: fallback.manifest.manifests };
    } catch (e) {
      if (e instanceof RegistryError && e.kind === "not-found") return { via: "tag", tag, descriptors: [] };
      throw e;
    }
  }
};

// src/registry/tags.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var TAG_PAGE = 100;
var TAG_PAGES = 10;
var TagReader = class {
  send;
  tagLists = /* @__PURE__ */ new Map();
  constructor(send) {
    this.send = send;
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
      if (res.status !== 200) throw statusError(res, repo, "tag list");
      let body;
      try {
        body = JSON.parse(res.body.toString("utf8"));
      } catch {
        throw new RegistryError("invalid", `${repo.registry}/${repo.repository}: the tag list is not valid JSON`, {
          host: repo.registry
        });
      }
      if (Array.isArray(body.tags)) {
        for (const t of body.tags) if (typeof t === "string") tags.push(t);
      }
      path = nextPage(headerValue(res.headers.link), repo.repository);
    }
    return { tags, truncated: false };
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
    if (caFiles.length === 0 && pairs.length === 0)
      return { rejectUnauthorized, secureContext: void 0, caFiles, clientCert: void 0 };
    const ca = [];
    for (const f of caFiles) ca.push(...caCertificates(f, url.host));
    const pair = pairs[0];
    let cert;
    let key;
    if (pair) {
      cert = readBounded2(pair.cert, url.host);
      key = readBounded2(pair.key, url.host);
      const certText = cert.toString("latin1");
      if (!/-----BEGIN CERTIFICATE-----/.test(certText))
        throw fileError(url.host, pair.cert, "holds no PEM certificate");
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
          throw new RegistryError(
            "tls",
            `${url.host}: the certificates directory ${dir} cannot be read (${code ?? short(e)})`,
            { host: url.host, cause: e }
          );
        }
        const relevant = entries.filter((f) => /\.(crt|cert|key)$/.test(f)).sort();
        if (relevant.length > MAX_FILES) {
          throw new RegistryError(
            "tls",
            `${url.host}: ${dir} holds ${relevant.length} certificate files, more than ${MAX_FILES}`,
            { host: url.host }
          );
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
      if (!set.has(key))
        throw fileError(host, f, `is a client certificate without its key ${key} (CA certificates end in .crt)`);
      pairs.push({ cert: f, key });
    } else if (f.endsWith(".key")) {
      const cert = `${f.slice(0, -".key".length)}.cert`;
      if (!set.has(cert)) throw fileError(host, f, `is a client key without its certificate ${cert}`);
    }
  }
  return pairs;
}
function caCertificates(file, host) {
  const text = readBounded2(file, host).toString("latin1");
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
function readBounded2(file, host) {
  let fd;
  try {
    if (!(0, import_node_fs.statSync)(file).isFile()) throw fileError(host, file, "is not a regular file");
    fd = (0, import_node_fs.openSync)(file, import_node_fs.constants.O_RDONLY | import_node_fs.constants.O_NONBLOCK);
    const st = (0, import_node_fs.fstatSync)(fd);
    if (!st.isFile()) throw fileError(host, file, "is not a regular file");
    if (st.size > CERT_FILE_LIMIT)
      throw fileError(host, file, `is ${st.size} bytes, over the ${CERT_FILE_LIMIT >> 20} MiB limit`);
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
    if (alert === "HANDSHAKE_FAILURE")
      return `the handshake failed (alert: ${name})${clientCert ? "" : "; does it require a client certificate?"}`;
    return `the handshake failed (alert: ${name})`;
  }
  if (/^(ERR_SSL_|ERR_TLS_|ERR_OSSL_)/.test(code) || /^(CERT_|UNABLE_TO_|ERR_.*CERT)/.test(code))
    return `the handshake failed (${code})`;
  if (/wrong version number/i.test(message))
    return "it does not speak TLS on this port (plain HTTP? list it in insecure-registries to allow that)";
  if (/before secure TLS connection was established/i.test(message))
    return "it closed the connection during the TLS handshake";
  if (code === "EPROTO" || /certificate|handshake|SSL routines/i.test(message))
    return `the handshake failed (${short(err)})`;
  return void 0;
}
function speaksNoTls(cause) {
  const err = cause;
  if (!err) return false;
  const code = err.code ?? "";
  const message = err.message ?? "";
  if (code === "ECONNREFUSED" || code === "ERR_SSL_WRONG_VERSION_NUMBER" || code === "ERR_SSL_PACKET_LENGTH_TOO_LONG")
    return true;
  if (/wrong version number|packet length too long|before secure TLS connection was established/i.test(message))
    return true;
  return false;
}
var CLIENT_CERT_ALERTS = /* @__PURE__ */ new Set([
  "CERTIFICATE_REQUIRED",
  "BAD_CERTIFICATE",
  "UNKNOWN_CA",
  "CERTIFICATE_UNKNOWN",
  "CERTIFICATE_EXPIRED",
  "CERTIFICATE_REVOKED",
  "ACCESS_DENIED",
  "UNSUPPORTED_CERTIFICATE"
]);
function altNames(reason) {
  const m = /altnames: ([^\r\n]*)/.exec(reason ?? "");
  const names = (m?.[1] ?? "").replace(/[^A-Za-z0-9.*:,_ -]/g, "").slice(0, 160);
  return names === "" ? "not this host" : `the certificate names ${names}`;
}

// src/registry/transport.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_events = __toESM(require_events(), 1);
var http = __toESM(require_http(), 1);
var https = __toESM(require_https(), 1);

// src/registry/redirects.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_REDIRECTS = 10;
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
async function followRedirects(req, start, label, logger, send) {
  const authOrigin = req.authOrigin ?? start.origin;
  let url = start;
  for (let hop = 0; ; hop++) {
    const headers = headersFor(req, url, authOrigin);
    if (req.guard) await req.guard(url);
    const res = await send(url, headers);
    if (!REDIRECT_STATUSES.has(res.status)) return res;
    const location = res.headers.location;
    if (!location) return res;
    if (hop >= MAX_REDIRECTS) {
      throw new RegistryError("redirect", `${label}: more than ${MAX_REDIRECTS} redirects for ${start.pathname}`, {
        host: label
      });
    }
    const next = redirectTarget(req, url, location, authOrigin, label);
    logger.debug(`${req.method} ${url.host}${url.pathname} \u2192 ${res.status} redirect to ${next.host}${next.pathname}`);
    url = next;
  }
}
function headersFor(req, url, authOrigin) {
  const headers = { ...req.headers ?? {} };
  if (url.origin !== authOrigin) {
    for (const h of Object.keys(headers)) if (h.toLowerCase() === "authorization") delete headers[h];
  }
  return headers;
}
function redirectTarget(req, url, location, authOrigin, label) {
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
    throw new RegistryError("redirect", `${label}: redirect from HTTPS to plain HTTP (${next.host}) refused`, {
      host: label
    });
  }
  if (req.body !== void 0 && next.origin !== authOrigin) {
    throw new RegistryError(
      "redirect",
      `${label}: a ${req.method} redirected to another origin (${next.host}) is not sent there`,
      { host: label }
    );
  }
  return next;
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
var Transport = class {
  opts;
  routes = /* @__PURE__ */ new Map();
  /** Origins whose certificate files cannot be used: every request to them fails with the same error. */
  brokenRoutes = /* @__PURE__ */ new Map();
  limiter;
  /** Requests sent, per host: for the report and the benchmark. */
  requestCounts = /* @__PURE__ */ new Map();
  /** Aborted by `close`: a request still under way then ends at once, and is not retried on a new connection. */
  closing = new AbortController();
  /** `stopping`'s signals, by the signal they were made for. */
  combined = /* @__PURE__ */ new WeakMap();
  constructor(opts = {}) {
    this.opts = { ...DEFAULT_TRANSPORT, ...opts };
    this.limiter = new Limiter(this.opts.concurrency);
    (0, import_node_events.setMaxListeners)(0, this.closing.signal);
  }
  async request(request) {
    const req = { ...request, signal: this.stopping(request.signal) };
    const start = new URL(req.url);
    return this.limiter.run(
      req.limitKey ?? start.host,
      () => {
        const gone = req.abandoned?.() ?? aborted(req.signal);
        if (gone) throw gone;
        return this.follow(req, start);
      },
      req.signal
    );
  }
  /**
   * The signal that ends a request: its own (its registry given up on) or the transport's closing, whichever comes
   * first. One per signal given, shared by its requests: a run sends hundreds to each registry.
   */
  stopping(signal) {
    if (!signal) return this.closing.signal;
    let either = this.combined.get(signal);
    if (!either) {
      either = AbortSignal.any([signal, this.closing.signal]);
      (0, import_node_events.setMaxListeners)(0, either);
      this.combined.set(signal, either);
    }
    return either;
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
  /** The request's chain: each hop of its redirects sent with its retries, each attempt of those by `attempt`. */
  follow(req, start) {
    const label = req.hostLabel ?? start.host;
    const deadline = Date.now() + this.opts.timeoutMs + this.opts.retryBudgetMs;
    return followRedirects(
      req,
      start,
      label,
      this.opts.logger,
      (url, headers) => withRetries(req, url, this.opts, label, deadline, (budget) => this.attempt(req, url, headers, label, budget))
    );
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
        if (!settings.rejectUnauthorized)
          this.opts.logger.debug(`${url.host}: insecure registry: its certificate is not verified`);
        if (settings.caFiles.length > 0)
          this.opts.logger.debug(`${url.host}: trusting the CA certificates of ${settings.caFiles.join(", ")}`);
        if (settings.clientCert)
          this.opts.logger.debug(`${url.host}: presenting the client certificate ${settings.clientCert}`);
      }
      r = { client, agent, module: secure ? https : http, clientCert: settings?.clientCert !== void 0 };
      this.routes.set(url.origin, r);
    }
    return r;
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
      if (req.method === "HEAD" || REDIRECT_STATUSES.has(status)) {
        msg.resume();
        await drained(msg);
        return { status, headers: msg.headers, body: Buffer.alloc(0), url: url.href, truncated: false };
      }
      const { body, truncated } = await readBounded(msg, status >= 200 && status < 300, req.maxBytes, label, url);
      return { status, headers: msg.headers, body, url: url.href, truncated };
    } catch (e) {
      const gone = aborted(req.signal);
      if (gone) throw gone;
      if (e instanceof RegistryError) throw e;
      if (timedOut) throw attemptTimeout(this.opts, req, url, label, budgetMs);
      throw networkError(e, label, url, route.clientCert);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", stop);
    }
  }
};
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
function lower(h) {
  const out = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

// src/registry/client.ts
var RegistryClient = class {
  transport;
  credentials;
  insecure;
  logger;
  refuse;
  endpoints = /* @__PURE__ */ new Map();
  cache;
  manifests;
  blobs;
  tags;
  referrers;
  constructor(opts) {
    this.credentials = opts.credentials;
    this.insecure = new Set((opts.insecureRegistries ?? []).map(normalizeRegistryName));
    this.logger = opts.logger ?? silentLogger;
    this.refuse = opts.refuse;
    this.transport = opts.transport ?? new Transport({ logger: this.logger });
    this.cache = opts.cache;
    const send = (repo, method, path, headers, maxBytes) => this.send(repo, method, path, headers, maxBytes);
    this.manifests = new ManifestReader(send, this.cache);
    this.blobs = new BlobReader(send, this.cache);
    this.tags = new TagReader(send);
    this.referrers = new ReferrerReader(send, this.manifests);
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
    return [...this.endpoints.values()].map((e) => ({
      registry: e.registry,
      tokenRequests: e.auth.tokenRequests,
      rateLimitRemaining: e.rateLimitRemaining
    }));
  }
  rateLimitRemaining(registry) {
    return this.endpoints.get(registry)?.rateLimitRemaining;
  }
  /** GET a manifest by tag or digest, verified, held for the run (manifests.ts). */
  getManifest(repo, reference, opts = {}) {
    return this.manifests.getManifest(repo, reference, opts);
  }
  /** GET a manifest as getManifest does, not kept for the run, its body read up to `maxBytes` (manifests.ts). */
  readManifest(repo, reference, maxBytes) {
    return this.manifests.readManifest(repo, reference, maxBytes);
  }
  /** HEAD a manifest: its digest and media type, without a body (manifests.ts). */
  headManifest(repo, reference) {
    return this.manifests.headManifest(repo, reference);
  }
  /** What a tag points to now, once per run (manifests.ts). */
  resolveTag(repo, tag) {
    return this.manifests.resolveTag(repo, tag);
  }
  /** A manifest by tag, or undefined when the tag does not exist; not kept for the run (manifests.ts). */
  findManifest(repo, tag) {
    return this.manifests.findManifest(repo, tag);
  }
  /** The manifests that refer to `digest`: the referrers API, else the referrers tag schema (referrers.ts). */
  getReferrers(repo, digest) {
    return this.referrers.getReferrers(repo, digest);
  }
  /** The repository's tags, following `Link` pagination; bounded, once per repository per run (tags.ts). */
  listTags(repo) {
    return this.tags.listTags(repo);
  }
  /** GET a blob, verified against its descriptor (digest and size), held for the run unless `keep` is false (blobs.ts). */
  getBlob(repo, desc, maxBytes, opts = {}) {
    return this.blobs.getBlob(repo, desc, maxBytes, opts);
  }
  endpoint(registry) {
    let ep = this.endpoints.get(registry);
    if (!ep) {
      const insecure = isLoopback(registry) || this.insecure.has(registry);
      ep = {
        registry,
        insecure,
        // `localhost`, `127.x.x.x` and `[::1]`, which never go through the runner's proxy; not `*.localhost`, a name
        // a resolver or a proxy may send elsewhere (its first request stays HTTPS, as an insecure registry's).
        loopback: isLoopback(registry) && !hostOf(registry).toLowerCase().endsWith(".localhost"),
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
    if (refused)
      throw new RegistryError("denied", `${repo.registry}: not contacted: ${refused}`, { host: repo.registry });
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
          if (e instanceof RegistryError && ["unreachable", "timeout", "tls", "insecure"].includes(e.kind))
            this.giveUp(ep, e);
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
    let res = await this.sendOnce(
      ep,
      repo,
      method,
      path,
      sent ? { ...headers, authorization: sent } : headers,
      maxBytes
    );
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
      res = await this.sendOnce(
        ep,
        repo,
        method,
        path,
        single ? { ...headers, authorization: single } : headers,
        maxBytes
      );
      if (res.status === 401) throw ep.auth.refused(res, scope);
    }
    const remaining = headerValue(res.headers["ratelimit-remaining"]);
    if (remaining !== void 0) ep.rateLimitRemaining = remaining;
    return res;
  }
  async sendOnce(ep, repo, method, path, headers, maxBytes) {
    const send = (base, plainProbe) => this.transport.request({
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
      lookup: guardedLookup,
      ...plainProbe ? { plainProbe } : {}
    });
    if (ep.base !== void 0) return send(ep.base);
    const secure = `https://${apiHost(ep.registry)}`;
    const plain = `http://${apiHost(ep.registry)}`;
    if (ep.loopback) return this.plainFirst(ep, send, plain, secure);
    try {
      return this.found(ep, secure, await send(secure));
    } catch (e) {
      if (!(e instanceof RegistryError && speaksNoTls(e.cause))) throw e;
    }
    return this.found(ep, plain, await send(plain));
  }
  /**
   * A loopback registry's first request goes over plain HTTP, as containerd reaches loopback (its MatchLocalhost):
   * loopback traffic never leaves the machine, so no one on a network can read or change it, and a CI job's registry
   * service (`localhost:5000`) speaks plain HTTP. A loopback port that turns out to speak TLS (it answers 400, as Go
   * and nginx answer a plain request on a TLS port, or ends the connection without an answer) is asked over HTTPS,
   * its certificate not verified, as every loopback registry's is not. Such an ending is not retried over plain HTTP
   * (`plainProbe`), so that a TLS port costs one request; anything else is the registry's answer.
   */
  async plainFirst(ep, send, plain, secure) {
    let refused;
    try {
      const res = await send(plain, true);
      if (res.status !== 400) return this.found(ep, plain, res);
      refused = res;
    } catch (e) {
      if (!(e instanceof RegistryError && endedWithoutAnswer(e))) throw e;
    }
    try {
      return this.found(ep, secure, await send(secure));
    } catch (e) {
      if (!(e instanceof RegistryError && speaksNoTls(e.cause))) throw e;
    }
    return this.found(ep, plain, refused ?? await send(plain));
  }
  /** The scheme the registry answered on is the one its requests use from now on. */
  found(ep, base, res) {
    if (ep.base === void 0) {
      ep.base = base;
      this.logger.debug(`${ep.registry}: reached over ${base.split(":")[0]}`);
    }
    return res;
  }
  /** One more request to the registry timed out; at STALL_LIMIT (retries.ts) the registry is given up on. */
  timedOut(ep, e) {
    if (ep.fatal) return;
    const error = countTimeout(ep, ep.registry, e);
    if (!error) return;
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
};

// src/inspect/inspect.ts
var MAX_INDEX_DEPTH = 2;
var MAX_INDEX_ENTRIES = 256;
var parsedConfigs = /* @__PURE__ */ new WeakMap();
function configOf(body, where) {
  let cfg = parsedConfigs.get(body);
  if (!cfg) {
    try {
      cfg = parseConfig(body, where);
    } catch (e) {
      throw fromManifestError(e);
    }
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
  for (const d of entries.filter(isMislabeledAttestation))
    facts.mislabeled.push({ digest: d.digest, platform: d.platform });
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
        throw new RegistryError(
          "unsupported",
          `${repo.registry}/${repo.repository}@${d.digest}: indexes nested more than ${MAX_INDEX_DEPTH} deep`,
          { host: repo.registry }
        );
      }
      await collectIndex(client, repo, child, facts, needs, depth + 1, count);
    }
  }
  const images = results.filter((r) => r.child.manifest.kind === "image");
  const platforms = await settleAll(
    images.map(
      ({ d, child }) => platformFacts(client, repo, child, child.manifest, d, needs, d.platform === void 0)
    )
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

export {
  MANIFEST_LIMIT,
  CONFIG_LIMIT,
  digestTag,
  certsDirsFromEnv,
  TlsConfig,
  Transport,
  RegistryClient,
  configOf,
  isAttestation,
  inspectImage,
  blameGiveUp
};
//# sourceMappingURL=chunk-GRUGEEZE.js.map
