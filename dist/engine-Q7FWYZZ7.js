
import {
  distinctImages,
  locationsByImage
} from "./chunk-EZDO33GM.js";
import {
  applicable,
  askedStatements,
  enabledRules,
  evaluateImage,
  inspectNeeds,
  mayApply,
  mislabeledFindings,
  needsTrust,
  registryPreflight,
  statementRules,
  trustSatisfied
} from "./chunk-NZAOLOMX.js";
import {
  Limiter,
  attemptTimeout,
  countTimeout,
  drained,
  headerValue,
  headersRefused,
  parseFrom,
  readBounded,
  statusError,
  statusText,
  withRetries
} from "./chunk-YLX7AJHU.js";
import {
  TOOL_VERSION,
  buildReport,
  writeReport
} from "./chunk-L7KQI35N.js";
import {
  CYCLONEDX_PREDICATE,
  SPDX_PREDICATE,
  checkRegistryName,
  isAttester,
  isSbomPredicate,
  parseSbom,
  quorumReports
} from "./chunk-XMDNAOAI.js";
import "./chunk-2EQBYCXI.js";
import {
  VEX_MAX_BYTES
} from "./chunk-2NOBTKDS.js";
import {
  describeFailure,
  plural,
  readmeUrl,
  transportOverrides
} from "./chunk-CN6XGQKH.js";
import {
  InputError
} from "./chunk-X73WP2LJ.js";
import {
  require_os
} from "./chunk-JMINBATA.js";
import {
  IMAGE_TYPES,
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
} from "./chunk-OMWE6WOZ.js";
import "./chunk-ENBAL25K.js";
import {
  parseLabelRequirement
} from "./chunk-GV7D6SZJ.js";
import "./chunk-2KT432LG.js";
import {
  platformLabel,
  registerSecret
} from "./chunk-N47CI3VC.js";
import {
  require_promises
} from "./chunk-4RRUA4A4.js";
import {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  repositoryFromEnv
} from "./chunk-LD63HOYC.js";
import {
  HttpClient,
  require_http,
  require_https
} from "./chunk-L4DVS4IX.js";
import {
  applyExceptions,
  readBoundedSync
} from "./chunk-Q2UFSIXC.js";
import "./chunk-XBZBJW3P.js";
import {
  PolicyError
} from "./chunk-JROOBJTS.js";
import {
  DEFAULT_MAX_REPORT_AGE,
  KEY_FILE_LIMIT,
  KeyError,
  TRUSTED_ROOT_MAX_BYTES,
  parsePublicKey,
  readKeyFile,
  splitKeySources
} from "./chunk-AXDPEFDK.js";
import "./chunk-KIIRLHSQ.js";
import "./chunk-232L6EHX.js";
import {
  formatPlatform,
  isAttestationPlatform,
  normalizePlatform,
  samePlatform
} from "./chunk-6SKDKR6X.js";
import "./chunk-GXO76S3L.js";
import {
  allowsBase,
  globMatch,
  parseReferencePattern
} from "./chunk-V2ZCWMF3.js";
import "./chunk-YIY7EAOX.js";
import {
  DOCKER_HUB,
  DOCKER_HUB_CONFIG_KEY,
  InvalidReference,
  apiHost,
  formatReference,
  isLoopback,
  manifestReference,
  normalizeRegistryName,
  parseReference
} from "./chunk-C5NMYM6F.js";
import {
  GateError
} from "./chunk-7JOGQH3L.js";
import {
  require_path
} from "./chunk-LDTAQXJV.js";
import {
  computeDigest,
  digestProblem,
  isDigest,
  require_crypto
} from "./chunk-SIPSJUM4.js";
import {
  require_fs
} from "./chunk-RYLGVBGD.js";
import {
  __commonJS,
  __require,
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

// builtin:dns
var require_dns = __commonJS({
  "builtin:dns"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:dns");
    var lazy2 = {};
    for (const k of "lookup,lookupService,Resolver,getDefaultResultOrder,setDefaultResultOrder,setServers,ADDRCONFIG,ALL,V4MAPPED,NODATA,FORMERR,SERVFAIL,NOTFOUND,NOTIMP,REFUSED,BADQUERY,BADNAME,BADFAMILY,BADRESP,CONNREFUSED,TIMEOUT,EOF,FILE,NOMEM,DESTRUCTION,BADSTR,BADFLAGS,NONAME,BADHINTS,NOTINITIALIZED,LOADIPHLPAPI,ADDRGETNETWORKPARAMS,CANCELLED,getServers,resolve,resolve4,resolve6,resolveAny,resolveCaa,resolveCname,resolveMx,resolveNaptr,resolveNs,resolvePtr,resolveSoa,resolveSrv,resolveTlsa,resolveTxt,reverse,promises".split(","))
      Object.defineProperty(lazy2, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    module.exports = lazy2;
  }
});

// builtin:dns/promises
var require_promises2 = __commonJS({
  "builtin:dns/promises"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:dns/promises");
    var lazy2 = {};
    for (const k of "lookup,lookupService,Resolver,getDefaultResultOrder,setDefaultResultOrder,setServers,NODATA,FORMERR,SERVFAIL,NOTFOUND,NOTIMP,REFUSED,BADQUERY,BADNAME,BADFAMILY,BADRESP,CONNREFUSED,TIMEOUT,EOF,FILE,NOMEM,DESTRUCTION,BADSTR,BADFLAGS,NONAME,BADHINTS,NOTINITIALIZED,LOADIPHLPAPI,ADDRGETNETWORKPARAMS,CANCELLED,getServers,resolve,resolve4,resolve6,resolveAny,resolveCaa,resolveCname,resolveMx,resolveNaptr,resolveNs,resolvePtr,resolveSoa,resolveSrv,resolveTlsa,resolveTxt,reverse".split(","))
      Object.defineProperty(lazy2, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    module.exports = lazy2;
  }
});

// builtin:net
var require_net = __commonJS({
  "builtin:net"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:net");
    var lazy2 = {};
    for (const k of "_createServerHandle,_normalizeArgs,BlockList,SocketAddress,BoundSocket,connect,createConnection,createServer,isIP,isIPv4,isIPv6,Server,Socket,Stream,getDefaultAutoSelectFamily,setDefaultAutoSelectFamily,getDefaultAutoSelectFamilyAttemptTimeout,setDefaultAutoSelectFamilyAttemptTimeout".split(","))
      Object.defineProperty(lazy2, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    module.exports = lazy2;
  }
});

// builtin:tls
var require_tls = __commonJS({
  "builtin:tls"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:tls");
    var lazy2 = {};
    for (const k of "CLIENT_RENEG_LIMIT,CLIENT_RENEG_WINDOW,DEFAULT_CIPHERS,DEFAULT_ECDH_CURVE,DEFAULT_MIN_VERSION,DEFAULT_MAX_VERSION,getCiphers,getCertificateCompressionAlgorithms,rootCertificates,getCACertificates,setDefaultCACertificates,convertALPNProtocols,checkServerIdentity,createSecureContext,SecureContext,TLSSocket,Server,createServer,connect".split(","))
      Object.defineProperty(lazy2, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    module.exports = lazy2;
  }
});

// builtin:events
var require_events = __commonJS({
  "builtin:events"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    module.exports = __require("node:events");
  }
});

// builtin:child_process
var require_child_process = __commonJS({
  "builtin:child_process"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:child_process");
    var lazy2 = {};
    for (const k of "_forkChild,ChildProcess,exec,execFile,execFileSync,execSync,fork,spawn,spawnSync".split(","))
      Object.defineProperty(lazy2, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    module.exports = lazy2;
  }
});

// src/engine.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_path6 = __toESM(require_path(), 1);

// src/gate/run.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_path5 = __toESM(require_path(), 1);

// src/inspect/base.ts
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
var import_promises = __toESM(require_promises2(), 1);
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
async function checkRealmHost(url, registry, resolve5 = systemResolver) {
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
    addresses = await resolve5(host);
  } catch {
    return;
  }
  for (const { address } of addresses) {
    const why = forbiddenAddress(address);
    if (why) throw refuse(address, why);
  }
}
function guardedLookupWith(resolve5) {
  return (hostname, options, callback) => {
    resolve5(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const bad2 = addresses.find((a) => forbiddenAddress(a.address) !== void 0);
      if (bad2) {
        const e = new Error(
          `${hostname} resolved to ${bad2.address}, ${forbiddenAddress(bad2.address)}: refused`
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
  const text2 = readBounded2(file, host).toString("latin1");
  const blocks = text2.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
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
  constructor(opts = {}) {
    this.opts = { ...DEFAULT_TRANSPORT, ...opts };
    this.limiter = new Limiter(this.opts.concurrency);
    (0, import_node_events.setMaxListeners)(0, this.closing.signal);
  }
  async request(request) {
    const req = {
      ...request,
      signal: request.signal ? AbortSignal.any([request.signal, this.closing.signal]) : this.closing.signal
    };
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
      const msg = await new Promise((resolve5, reject) => {
        sent.on("response", resolve5);
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
        ep.gate = new Promise((resolve5) => release = resolve5);
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
init_define_IMAGE_GATE_ACTION_INPUTS();
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

// src/inspect/base.ts
var BASE_NAME = "org.opencontainers.image.base.name";
var BASE_DIGEST = "org.opencontainers.image.base.digest";
var MAX_CANDIDATES = 50;
function isPrefix(prefix, of) {
  return prefix.length > 0 && prefix.length <= of.length && prefix.every((d, i) => of[i] === d);
}
function findClaim(image, p) {
  const sources = [
    ["the manifest annotations", p.annotations],
    ["the index annotations", image.kind === "index" ? image.annotations : void 0],
    ["the config labels", p.config?.labels]
  ];
  for (const [source, map] of sources) {
    const name = map?.[BASE_NAME];
    if (name) return { name, digest: map?.[BASE_DIGEST] || void 0, source };
  }
  return void 0;
}
var BaseDetector = class {
  client;
  constructor(client) {
    this.client = client;
  }
  /**
   * Base facts for each platform of the image, in the order of `image.platforms`. `refuse` says why a registry may
   * not be contacted (the registries rule): a claim names a registry of the image's choosing, and a claimed base on
   * a registry the rule does not allow stays unverified, with no request made to it.
   */
  detect(image, patterns, refuse = () => void 0) {
    return Promise.all(image.platforms.map((p) => this.detectPlatform(image, p, patterns, refuse)));
  }
  async detectPlatform(image, p, patterns, refuse) {
    const facts = { claim: void 0, proven: [], tried: 0, notes: [] };
    const diffIds = p.config?.diffIds ?? [];
    const platform = p.platform;
    const claim = findClaim(image, p);
    const jobs = [];
    if (claim) {
      jobs.push(
        this.verifyClaim(claim, platform, diffIds, refuse).then((c) => {
          facts.claim = c.claim;
          if (c.proven) facts.proven.push(c.proven);
        })
      );
    }
    const candidates = await this.candidates(patterns, facts.notes);
    facts.tried = candidates.length;
    for (const ref of candidates) {
      jobs.push(
        this.layersFor(ref, platform).then(
          (l) => {
            if (l && isPrefix(l.diffIds, diffIds))
              facts.proven.push({
                name: formatReference(ref),
                digest: l.digest,
                layers: l.diffIds.length,
                via: "layers"
              });
          },
          (e) => {
            facts.notes.push(`candidate ${formatReference(ref)} could not be read: ${describeError(e)}`);
          }
        )
      );
    }
    await Promise.all(jobs);
    const allowed = (b) => patterns.some((p2) => allowsBase(p2, b)) ? 0 : 1;
    facts.proven.sort(
      (a, b) => b.layers - a.layers || allowed(a) - allowed(b) || (a.via === b.via ? 0 : a.via === "claim" ? -1 : 1) || a.name.localeCompare(b.name)
    );
    return facts;
  }
  async verifyClaim(c, platform, diffIds, refuse) {
    const claim = { ...c, status: "unverifiable", detail: void 0 };
    let ref;
    try {
      ref = parseReference(c.digest ? `${c.name.replace(/@.*$/, "")}@${c.digest}` : c.name);
    } catch (e) {
      claim.detail = `the claim is not a valid reference: ${describeError(e)}`;
      return { claim };
    }
    const refused = refuse(ref.registry);
    if (refused !== void 0) {
      claim.detail = `the claimed base could not be read: ${ref.registry}: not contacted: ${refused}`;
      return { claim };
    }
    let layers;
    try {
      layers = await this.layersFor(ref, platform);
    } catch (e) {
      claim.detail = `the claimed base could not be read: ${describeError(e)}`;
      return { claim };
    }
    if (!layers) {
      claim.detail = `the claimed base has no ${platform ? formatPlatform(platform) : "matching"} platform`;
      claim.status = "contradicted";
      return { claim };
    }
    if (!isPrefix(layers.diffIds, diffIds)) {
      claim.status = "contradicted";
      claim.detail = `its ${layers.diffIds.length} layers are not the first layers of the image`;
      return { claim };
    }
    claim.status = "verified";
    const name = formatReference({ ...ref, digest: void 0 });
    return { claim, proven: { name, digest: layers.digest, layers: layers.diffIds.length, via: "claim" } };
  }
  /** Allowed patterns that name one repository become candidates; a tag glob is expanded over the tag list. */
  async candidates(patterns, notes) {
    const out = [];
    const seen = /* @__PURE__ */ new Set();
    const add = (ref) => {
      const key = formatReference(ref);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(ref);
      }
    };
    const lists = patterns.filter((text2) => text2.trim() !== "scratch").map(parseReferencePattern).filter((p) => !/[*?{[]/.test(p.name)).map(async (p) => {
      const slash = p.name.indexOf("/");
      const base = { registry: p.name.slice(0, slash), repository: p.name.slice(slash + 1) };
      if (p.digest !== void 0 && !/[*?{[]/.test(p.digest))
        return [{ ...base, ...p.tag && !/[*?{[]/.test(p.tag) ? { tag: p.tag } : {}, digest: p.digest }];
      if (p.tag !== void 0 && !/[*?{[]/.test(p.tag)) return [{ ...base, tag: p.tag }];
      const glob = p.tag ?? "*";
      let list;
      try {
        list = await this.client.listTags(base);
      } catch (e) {
        notes.push(`the tags of ${p.name} could not be listed: ${describeError(e)}`);
        return [];
      }
      if (list.truncated) notes.push(`the tag list of ${p.name} was cut at ${list.tags.length} tags`);
      const matching = list.tags.filter((t) => globMatch(glob, t)).sort();
      if (matching.length > MAX_CANDIDATES)
        notes.push(`${p.text} matches ${matching.length} tags; the first ${MAX_CANDIDATES} were tried`);
      return matching.slice(0, MAX_CANDIDATES).map((tag) => ({ ...base, tag }));
    });
    for (const refs of await Promise.all(lists)) for (const r of refs) add(r);
    return out;
  }
  /** The image's diff_ids for the platform: from the index entry of the same platform, or a single manifest. */
  async layersFor(ref, platform) {
    const repo = { registry: ref.registry, repository: ref.repository };
    const top = await this.client.getManifest(repo, manifestReference(ref));
    let manifest = top;
    if (top.manifest.kind === "index") {
      const entries = top.manifest.manifests.filter((d) => !isAttestation(d));
      const entry = platform ? entries.find((d) => d.platform && samePlatform(d.platform, platform)) : entries.length === 1 ? entries[0] : void 0;
      if (!entry) return void 0;
      manifest = await this.client.getManifest(repo, entry.digest);
      if (manifest.manifest.kind !== "image") return void 0;
    }
    if (manifest.manifest.kind !== "image") return void 0;
    const body = await this.client.getBlob(repo, manifest.manifest.config, CONFIG_LIMIT);
    const config = configOf(body, `${formatReference(ref)} config`);
    if (top.manifest.kind === "image" && platform && config.os && config.architecture) {
      const own = {
        os: config.os,
        architecture: config.architecture,
        ...config.variant ? { variant: config.variant } : {}
      };
      if (!samePlatform(own, platform)) return void 0;
    }
    return {
      digest: top.digest,
      manifest: manifest.digest,
      diffIds: config.diffIds,
      created: config.created,
      annotations: manifest.manifest.annotations
    };
  }
};

// src/inspect/freshness.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var CREATED_ANNOTATION = "org.opencontainers.image.created";
var GLOB = /[*?{[]/;
function shown(text2) {
  return text2.length > 200 ? `${text2.slice(0, 200)}\u2026` : text2;
}
function builtFrom(b, patterns) {
  const claim = b.claim;
  if (claim?.status === "verified") {
    let ref;
    try {
      ref = parseReference(claim.name);
    } catch (e) {
      return { unknown: `the base claim "${shown(claim.name)}" is not a valid reference: ${describeError(e)}` };
    }
    if (ref.tag === void 0)
      return {
        unknown: `the base claim ${shown(claim.name)} names no tag, only a digest: there is no tag to be current with`
      };
    const proven = b.proven.find((p) => p.via === "claim");
    return {
      ref: { registry: ref.registry, repository: ref.repository, tag: ref.tag },
      via: "claim",
      builtOn: claim.digest ?? ref.digest,
      resolved: (claim.digest ?? ref.digest) === void 0 ? proven?.digest : void 0
    };
  }
  const longest = b.proven[0]?.layers;
  const top = b.proven.filter((p) => p.layers === longest && p.via === "layers");
  for (const text2 of patterns) {
    if (text2.trim() === "scratch") continue;
    let pattern;
    try {
      pattern = parseReferencePattern(text2);
    } catch {
      continue;
    }
    if (pattern.tag === void 0 || GLOB.test(pattern.name) || GLOB.test(pattern.tag)) continue;
    const digest = pattern.digest !== void 0 && !GLOB.test(pattern.digest) ? pattern.digest : void 0;
    const slash = pattern.name.indexOf("/");
    const ref = { registry: pattern.name.slice(0, slash), repository: pattern.name.slice(slash + 1), tag: pattern.tag };
    const name = formatReference({ ...ref, ...digest ? { digest } : {} });
    const proven = top.find((p) => p.name === name);
    if (proven) return { ref, via: "base-images", builtOn: digest, resolved: digest ? void 0 : proven.digest };
  }
  if (b.proven.length === 0 && patterns.some((p) => p.trim() === "scratch") && !claim) return { none: true };
  if (claim)
    return {
      unknown: `the base claim ${shown(claim.name)} is ${claim.status}${claim.detail ? ` (${shown(claim.detail)})` : ""}, and no base-images pattern with a literal tag proves the base`
    };
  if (top.length > 0) {
    return {
      unknown: `the base ${top[0].name} was proven through a tag glob, not a literal tag: name the tag literally in base-images, or record the base at build time (org.opencontainers.image.base.name)`
    };
  }
  return {
    unknown: "no verified org.opencontainers.image.base.name claim and no base-images pattern with a literal tag tells the tag it was built from (record the base at build time, or name the tag literally in base-images)"
  };
}
var FreshnessChecker = class {
  client;
  detector;
  constructor(client, detector) {
    this.client = client;
    this.detector = detector;
  }
  /** For a `name:tag@digest` reference: does the tag still resolve to the digest? Undefined for other references. */
  async pin(image) {
    const ref = image.ref;
    if (ref.tag === void 0 || ref.digest === void 0) return void 0;
    const repo = { registry: ref.registry, repository: ref.repository };
    const out = {
      tag: formatReference({ ...repo, tag: ref.tag }),
      pinned: ref.digest,
      current: void 0,
      newer: void 0,
      listed: false,
      error: void 0
    };
    try {
      out.current = await this.client.resolveTag(repo, ref.tag);
    } catch (e) {
      out.error = describeError(e);
      return out;
    }
    if (out.current === out.pinned) return out;
    if (image.kind === "image") {
      try {
        const now = await this.client.getManifest(repo, out.current);
        if (now.manifest.kind === "index" && now.manifest.manifests.some((d) => d.digest === out.pinned)) {
          out.listed = true;
          return out;
        }
      } catch {
      }
    }
    out.newer = await this.created({ ...repo, tag: ref.tag, digest: out.current }, image.platforms[0]);
    return out;
  }
  /** For one platform whose base facts are gathered: is the base its tag's current image? */
  async base(p, patterns) {
    const out = {
      status: "unknown",
      tag: void 0,
      via: void 0,
      builtOn: void 0,
      current: void 0,
      newer: void 0,
      detail: void 0
    };
    if (!p.config || !p.base) {
      out.detail = "the image config was not read";
      return out;
    }
    const from = builtFrom(p.base, patterns);
    if ("none" in from) {
      out.status = "none";
      return out;
    }
    if ("unknown" in from) {
      out.detail = from.unknown;
      return out;
    }
    out.tag = formatReference(from.ref);
    out.via = from.via;
    out.builtOn = from.builtOn;
    if (from.resolved !== void 0) {
      out.current = from.resolved;
      out.status = "current";
      return out;
    }
    const repo = { registry: from.ref.registry, repository: from.ref.repository };
    try {
      out.current = await this.client.resolveTag(repo, from.ref.tag);
    } catch (e) {
      out.detail = `the tag ${out.tag} could not be resolved: ${describeError(e)}`;
      return out;
    }
    if (out.current === out.builtOn) {
      out.status = "current";
      return out;
    }
    let layers;
    try {
      layers = await this.detector.layersFor({ ...from.ref, digest: out.current }, p.platform);
    } catch (e) {
      out.detail = `the tag ${out.tag} now points to ${out.current}, which could not be read: ${describeError(e)}`;
      return out;
    }
    if (layers && isPrefix(layers.diffIds, p.config.diffIds)) {
      out.status = "current";
      return out;
    }
    out.status = "outdated";
    out.newer = layers ? { created: layers.created, annotation: layers.annotations[CREATED_ANNOTATION], note: void 0 } : {
      created: void 0,
      annotation: void 0,
      note: `it no longer provides ${p.platform ? platformText(p) : "this platform"}`
    };
    return out;
  }
  /** When the image a tag now names was created: for the platform of `like`, or the only platform. */
  async created(ref, like) {
    try {
      const layers = await this.detector.layersFor(
        ref,
        like?.platform && !isAttestationPlatform(like.platform) ? like.platform : void 0
      );
      if (!layers)
        return {
          created: void 0,
          annotation: void 0,
          note: `it has no ${like ? platformText(like) : "single"} platform to date it by`
        };
      return { created: layers.created, annotation: layers.annotations[CREATED_ANNOTATION], note: void 0 };
    } catch (e) {
      return { created: void 0, annotation: void 0, note: `it could not be read: ${describeError(e)}` };
    }
  }
};
function platformText(p) {
  return p.platform ? formatPlatform(p.platform) : "unknown platform";
}

// src/inspect/discover.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var BUNDLE_ARTIFACT_PREFIX = "application/vnd.dev.sigstore.bundle";
var NOTATION_ARTIFACT_TYPE = "application/vnd.cncf.notary.signature";
var MAX_SIGNATURE_MANIFESTS = 32;
var MAX_SIGNATURE_LAYERS = 16;
var SIGNATURE_BYTES_PER_DIGEST = 32 << 20;
var SIGNATURE_BYTES_BUDGET = 64 << 20;
var SIGNATURE_BUDGET_WAIT_MS = 6e4;
var SIGNATURE_LAYER_LIMIT = CONFIG_LIMIT;
var SBOM_BYTES_LIMIT = 64 << 20;
var STATEMENT_LIMIT = SBOM_BYTES_LIMIT + (1 << 20);
var STATEMENT_LAYER_LIMIT = Math.ceil(STATEMENT_LIMIT * 4 / 3) + (1 << 20);
var STATEMENT_BYTES_BUDGET = STATEMENT_LAYER_LIMIT + SIGNATURE_BYTES_BUDGET;
var DESCRIPTOR_BYTES = 256;
var MiB = (n) => `${Math.round(n / (1 << 20))} MiB`;
var Account = class {
  constructor(budget, what, limit = SIGNATURE_BYTES_PER_DIGEST, layerLimit = SIGNATURE_LAYER_LIMIT) {
    this.budget = budget;
    this.what = what;
    this.limit = limit;
    this.layerLimit = layerLimit;
  }
  budget;
  what;
  limit;
  layerLimit;
  spent = 0;
  async reserve(bytes) {
    if (this.spent + bytes > this.limit) {
      return {
        kind: "past",
        bound: `the signatures and attestations of ${this.what} are over ${MiB(this.limit)}; the rest were not read`
      };
    }
    this.spent += bytes;
    return this.hold(bytes);
  }
  /** The run's budget alone (what a listing keeps until its digest is checked). */
  async hold(bytes) {
    const release = await this.budget.reserve(bytes);
    return release ? { release } : { kind: "past", bound: `signature bytes past the run's budget of ${MiB(this.budget.total)}` };
  }
};
var failed = (e, repo) => ({
  kind: "failed",
  error: {
    host: e instanceof RegistryError && e.host !== void 0 ? e.host : repo.registry,
    message: describeError(e)
  }
});
var noop = () => {
};
async function discoverSignatures(client, repo, digest, budget, opts = {}) {
  const account = opts.statements ? new Account(budget, digest, SIGNATURE_BYTES_PER_DIGEST + STATEMENT_LAYER_LIMIT, STATEMENT_LAYER_LIMIT) : new Account(budget, digest);
  try {
    const referrers = await listReferrers(client, repo, digest, account);
    const skipped = referrers.others > 0 ? ` (${referrers.others} referrer${referrers.others === 1 ? "" : "s"} of other types, not read)` : "";
    const asked = referrers.place === "referrers API" ? `referrers API${skipped}` : `referrers API (not offered), ${referrers.place}${skipped}`;
    const found = {
      digest,
      looked: [asked],
      error: void 0,
      pending: referrers.pending,
      cut: referrers.cut ? [referrers.cut] : [],
      release: noop
    };
    const more = legacyTags(client, repo, digest, account);
    if (more) found.more = more;
    if (referrers.pending.length > 0) {
      const m = await client.getManifest(opts.subject ?? repo, digest);
      found.manifest = m.body;
      found.manifestMediaType = m.mediaType;
    }
    return found;
  } catch (e) {
    return failedDiscovery(e, repo, digest, ["referrers API", `referrers tag ${digestTag(digest)}`]);
  }
}
function failedDiscovery(e, repo, digest, looked) {
  const host = e instanceof RegistryError && e.host !== void 0 ? e.host : repo.registry;
  return { digest, looked, error: { host, message: describeError(e) }, pending: [], cut: [], release: noop };
}
function legacyTags(client, repo, digest, account) {
  const tags = [".sig", ".att"].map((suffix) => digestTag(digest, suffix)).filter((t) => t.length <= 128);
  if (tags.length === 0) return void 0;
  const looked = tags.map((t) => `tag ${t}`);
  return async () => {
    const holds = [];
    const release = () => holds.splice(0).forEach((r) => r());
    const settled = await Promise.allSettled(
      tags.map((t) => listLegacy(client, repo, t, t.endsWith(".sig") ? "cosign-sig" : "cosign-att", account))
    );
    for (const s of settled) if (s.status === "fulfilled" && s.value.release) holds.push(s.value.release);
    const rejected = settled.find((s) => s.status === "rejected");
    if (rejected) {
      release();
      return failedDiscovery(rejected.reason, repo, digest, looked);
    }
    const all = settled.map((s) => s.value);
    return {
      digest,
      looked,
      error: void 0,
      pending: interleave(all.map((l) => l.pending)),
      cut: all.flatMap((l) => l.cut ? [l.cut] : []),
      release
    };
  };
}
function interleave(lists) {
  const out = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}
async function listReferrers(client, repo, digest, account) {
  const referrers = await client.getReferrers(repo, digest);
  const place = referrers.via === "api" ? "referrers API" : `referrers tag ${referrers.tag}`;
  const candidates = referrers.descriptors.filter(
    (d) => IMAGE_TYPES.includes(d.mediaType) && (d.artifactType?.startsWith(BUNDLE_ARTIFACT_PREFIX) || d.artifactType === NOTATION_ARTIFACT_TYPE)
  );
  const chosen = candidates.slice(0, MAX_SIGNATURE_MANIFESTS).map((d) => ({
    digest: d.digest,
    size: d.size,
    kind: d.artifactType === NOTATION_ARTIFACT_TYPE ? "notation" : "bundle"
  }));
  const listed = {
    place,
    pending: chosen.map((d) => referrer(client, repo, place, d, account)),
    others: referrers.descriptors.length - candidates.length
  };
  if (candidates.length > MAX_SIGNATURE_MANIFESTS) {
    listed.cut = `more than ${MAX_SIGNATURE_MANIFESTS} signature manifests in ${place} (${candidates.length} listed; only the first ${MAX_SIGNATURE_MANIFESTS} are read)`;
  }
  return listed;
}
function referrer(client, repo, place, d, account) {
  const what = d.kind === "notation" ? "a Notation signature manifest" : "a Sigstore bundle manifest";
  return {
    place,
    async read() {
      try {
        if (d.size > MANIFEST_LIMIT)
          return {
            kind: "past",
            bound: `${place} lists ${d.digest} at ${d.size} bytes, over the ${MiB(MANIFEST_LIMIT)} a manifest may be; not read`
          };
        const hold = await account.reserve(d.size);
        if ("kind" in hold) return hold;
        let artifact;
        let layer;
        try {
          const m = await client.readManifest(repo, d.digest, d.size);
          artifact = {
            place,
            kind: d.kind,
            digest: m.digest,
            artifactType: void 0,
            subject: void 0,
            layers: []
          };
          if (m.manifest.kind !== "image") {
            artifact.problem = { reason: "the referrer is an index, not a manifest" };
          } else {
            artifact.artifactType = (m.manifest.artifactType ?? m.manifest.config.mediaType).slice(0, 200);
            artifact.subject = m.manifest.subject?.digest;
            if (m.manifest.layers.length !== 1)
              artifact.problem = {
                reason: `${what} has ${m.manifest.layers.length} layers, not 1`,
                unsupported: true
              };
            else
              layer = {
                mediaType: m.manifest.layers[0].mediaType.slice(0, 200),
                digest: m.manifest.layers[0].digest,
                size: m.manifest.layers[0].size
              };
          }
        } finally {
          hold.release();
        }
        if (!layer) return { kind: "read", artifact, release: noop };
        const body = await readLayer(
          client,
          repo,
          `the ${d.kind === "notation" ? "envelope" : "bundle"} of ${place} ${artifact.digest}`,
          layer,
          account
        );
        if (body.kind !== "read") return body;
        artifact.layers = [{ descriptor: layer, body: body.body }];
        return { kind: "read", artifact, release: body.release };
      } catch (e) {
        return failed(e, repo);
      }
    }
  };
}
async function readLayer(client, repo, what, layer, account) {
  if (layer.size > account.layerLimit)
    return {
      kind: "past",
      bound: `${what} is ${layer.size} bytes, over the ${MiB(account.layerLimit)} a signature or attestation may be; not read`
    };
  const hold = await account.reserve(layer.size);
  if ("kind" in hold) return hold;
  try {
    return {
      kind: "read",
      body: await client.getBlob(repo, layer, account.layerLimit, { keep: false }),
      release: hold.release
    };
  } catch (e) {
    hold.release();
    return failed(e, repo);
  }
}
async function listLegacy(client, repo, tag, kind, account) {
  const place = `tag ${tag}`;
  const m = await client.findManifest(repo, tag);
  if (!m) return { place, pending: [], others: 0 };
  if (m.manifest.kind !== "image")
    throw new RegistryError(
      "invalid",
      `${repo.registry}/${repo.repository}:${tag}: a cosign tag holds an index, not a manifest`,
      { host: repo.registry }
    );
  const all = m.manifest.layers;
  const layers = all.slice(0, MAX_SIGNATURE_LAYERS);
  const cut = all.length > MAX_SIGNATURE_LAYERS ? `more than ${MAX_SIGNATURE_LAYERS} layers in ${place} (${all.length}; only the first ${MAX_SIGNATURE_LAYERS} are read)` : void 0;
  const kept = layers.reduce(
    (n, l) => n + DESCRIPTOR_BYTES + Object.entries(l.annotations ?? {}).reduce((a, [k, v]) => a + k.length + v.length, 0),
    0
  );
  const hold = await account.hold(kept);
  if ("kind" in hold) return { place, pending: [], cut: hold.bound, others: 0 };
  const digest = m.digest;
  const artifactType = m.manifest.artifactType?.slice(0, 200);
  const subject = m.manifest.subject?.digest;
  const pending = layers.map((layer) => ({
    place,
    async read() {
      try {
        const body = await readLayer(client, repo, `a layer of ${place}`, layer, account);
        if (body.kind !== "read") return body;
        return {
          kind: "read",
          artifact: { place, kind, digest, artifactType, subject, layers: [{ descriptor: layer, body: body.body }] },
          release: body.release
        };
      } catch (e) {
        return failed(e, repo);
      }
    }
  }));
  return { place, pending, ...cut ? { cut } : {}, others: 0, release: hold.release };
}
var PREDICATE_ANNOTATION = "in-toto.io/predicate-type";
var IN_TOTO_LAYER = "application/vnd.in-toto+json";
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var at = (v, ...path) => path.reduce((o, k) => isObject(o) ? o[k] : void 0, v);
var text = (v) => typeof v === "string" && v !== "" ? v.slice(0, 300) : void 0;
var REFERENCE_DIGEST_ANNOTATION = "vnd.docker.reference.digest";
var STATEMENT_MANIFESTS_AT_ONCE = 4;
var STATEMENT_TYPES = ["https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1"];
async function readInIndexStatements(client, repo, attestations, budget, wanted, layerLimit = STATEMENT_LIMIT, keep = (_t, p) => p) {
  const out = { statements: [], problems: [] };
  const entries = attestations.filter(
    (d) => digestProblem(d.annotations?.[REFERENCE_DIGEST_ANNOTATION] ?? "") === void 0
  );
  let next = 0;
  const worker = async () => {
    while (next < entries.length)
      await readAttestationManifest(client, repo, entries[next++], budget, { wanted, layerLimit, keep }, out);
  };
  await Promise.all(Array.from({ length: Math.min(STATEMENT_MANIFESTS_AT_ONCE, entries.length) }, worker));
  return out;
}
async function readAttestationManifest(client, repo, d, budget, opts, out) {
  const { wanted, layerLimit, keep } = opts;
  const subject = d.annotations[REFERENCE_DIGEST_ANNOTATION];
  const problem = (predicateType, reason, layer) => void out.problems.push({
    subject,
    predicateType: predicateType.slice(0, 200),
    manifest: d.digest,
    ...layer !== void 0 ? { layer } : {},
    reason
  });
  const account = new Account(
    budget,
    `attestation manifest ${d.digest}`,
    SIGNATURE_BYTES_PER_DIGEST + layerLimit,
    layerLimit
  );
  let layers;
  try {
    if (d.size > MANIFEST_LIMIT)
      return problem(
        "",
        `the attestation manifest is ${d.size} bytes, over the ${MiB(MANIFEST_LIMIT)} a manifest may be; not read`
      );
    const hold = await account.reserve(d.size);
    if ("kind" in hold) return problem("", hold.bound);
    try {
      const m = await client.readManifest(repo, d.digest, d.size);
      if (m.manifest.kind !== "image") return problem("", "the attestation manifest is an index, not a manifest");
      const asked = m.manifest.layers.map((l, at2) => ({ l, at: at2 })).filter(({ l }) => l.mediaType === IN_TOTO_LAYER && wanted(l.annotations?.[PREDICATE_ANNOTATION] ?? ""));
      layers = asked.slice(0, MAX_SIGNATURE_LAYERS);
      for (const { l, at: at2 } of asked.slice(MAX_SIGNATURE_LAYERS))
        problem(
          l.annotations[PREDICATE_ANNOTATION],
          `more than ${MAX_SIGNATURE_LAYERS} statements of asked types; not read`,
          at2
        );
    } finally {
      hold.release();
    }
  } catch (e) {
    return problem("", `could not read the attestation manifest: ${describeError(e)}`);
  }
  for (const { l, at: at2 } of layers) {
    const type = l.annotations[PREDICATE_ANNOTATION];
    const read = await readLayer(client, repo, `the ${type.slice(0, 100)} statement of ${d.digest}`, l, account);
    if (read.kind === "past") problem(type, read.bound, at2);
    else if (read.kind === "failed") problem(type, `could not read the statement: ${read.error.message}`, at2);
    else {
      let got;
      try {
        got = statementOf(read.body, type, subject);
      } finally {
        read.release();
      }
      if (typeof got === "string") problem(type, got, at2);
      else
        out.statements.push({
          subject,
          predicateType: got.predicateType,
          predicate: keep(got.predicateType, got.predicate),
          manifest: d.digest,
          layer: at2
        });
    }
  }
}
function statementOf(body, annotated, subject) {
  let doc;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    return "the statement is not valid JSON";
  }
  if (!isObject(doc)) return "the statement is not a JSON object";
  if (typeof doc._type !== "string" || !STATEMENT_TYPES.includes(doc._type))
    return "the layer is not an in-toto statement";
  if (doc.predicateType !== annotated)
    return `the statement's predicate type is not the ${annotated.slice(0, 100)} its layer announces`;
  const subjects = Array.isArray(doc.subject) ? doc.subject : [];
  const named2 = subjects.map((s) => text(at(s, "digest", "sha256"))).filter((x) => x !== void 0);
  if (named2.length > 0 && !named2.some((hex) => `sha256:${hex}` === subject))
    return `the statement names another subject (${named2.slice(0, 3).map((h) => `sha256:${h.slice(0, 12)}\u2026`).join(", ")}), not ${subject}`;
  return { predicateType: annotated, predicate: doc.predicate };
}
var isProvenance = (t) => t.startsWith("https://slsa.dev/provenance/");
async function readProvenanceClaims(client, repo, attestations, budget) {
  const read = await readInIndexStatements(client, repo, attestations, budget, isProvenance, SIGNATURE_LAYER_LIMIT);
  return read.statements.map(claimOf);
}
function claimOf(st) {
  const claim = { subject: st.subject, predicateType: st.predicateType };
  const doc = { predicate: st.predicate };
  const builder = text(at(doc, "predicate", "builder", "id")) ?? text(at(doc, "predicate", "runDetails", "builder", "id"));
  const source = text(at(doc, "predicate", "invocation", "configSource", "uri")) ?? text(at(doc, "predicate", "buildDefinition", "externalParameters", "configSource", "uri")) ?? text(at(doc, "predicate", "metadata", "https://mobyproject.org/buildkit@v1#metadata", "vcs", "source")) ?? text(
    at(doc, "predicate", "runDetails", "metadata", "https://mobyproject.org/buildkit@v1#metadata", "vcs", "source")
  );
  if (builder) claim.builder = builder;
  if (source) claim.source = source;
  return claim;
}

// src/inspect/signature-places.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var nameOf = (r) => `${r.registry}/${r.repository}`;
var same = (a, b) => a.registry === b.registry && a.repository === b.repository;
function signaturePlaces(image, named2) {
  const out = [];
  for (const r of named2) if (r && !out.some((o) => same(o, r))) out.push(r);
  return out.length > 0 ? out : [image];
}
function named(d, repo, image) {
  if (same(repo, image)) return d;
  const at2 = (place) => `${place} of ${nameOf(repo)}`;
  return {
    ...d,
    looked: d.looked.map(at2),
    ...d.error ? { error: d.error } : {},
    pending: d.pending.map((p) => ({
      place: at2(p.place),
      async read() {
        const o = await p.read();
        return o.kind === "read" ? { ...o, artifact: { ...o.artifact, place: at2(o.artifact.place) } } : o;
      }
    })),
    // cosign's tags, listed later if needed, are named the same way.
    ...d.more ? { more: async () => named(await d.more(), repo, image) } : {}
  };
}
function failedAsPending(d) {
  const error = d.error;
  return [{ place: d.looked[0] ?? "signature repository", read: () => Promise.resolve({ kind: "failed", error }) }];
}
async function discoverAt(client, image, places, digest, budget, refuse, opts = {}) {
  const found = await Promise.all(
    places.map(async (repo) => {
      const refused = refuse(repo.registry);
      const d = refused ? {
        digest,
        looked: ["referrers API", `.sig and .att tags`],
        error: {
          host: repo.registry,
          message: `signature-repository ${nameOf(repo)} was not contacted: ${refused}`
        },
        pending: [],
        cut: [],
        release: () => {
        }
      } : await discoverSignatures(client, repo, digest, budget, { subject: image, ...opts });
      return named(d, repo, image);
    })
  );
  return combined(digest, found);
}
function combined(digest, found) {
  if (found.length === 1) return found[0];
  const withManifest = found.find((d) => d.manifest);
  const later = found.flatMap((d) => d.more ? [d.more] : []);
  const merged = {
    digest,
    looked: found.flatMap((d) => d.looked),
    error: void 0,
    pending: found.flatMap((d) => d.error ? failedAsPending(d) : d.pending),
    cut: found.flatMap((d) => d.cut),
    release: () => found.forEach((d) => d.release())
  };
  if (withManifest?.manifest) merged.manifest = withManifest.manifest;
  if (withManifest?.manifestMediaType) merged.manifestMediaType = withManifest.manifestMediaType;
  if (later.length > 0) merged.more = async () => combined(digest, await Promise.all(later.map((m) => m())));
  return merged;
}

// src/inspect/signature-budget.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var SignatureBudget = class {
  total;
  waitMs;
  free;
  waiting = [];
  constructor(total, waitMs) {
    this.total = total;
    this.waitMs = waitMs;
    this.free = total;
  }
  /** Bytes held now (for tests and the log). */
  get held() {
    return this.total - this.free;
  }
  /**
   * Reserves `bytes`; resolves to the function that gives them back (calling it more than once gives back once), or
   * to undefined when they cannot be had: more than the whole budget, or not free within the wait.
   */
  reserve(bytes) {
    const n = Math.max(0, Math.ceil(bytes));
    if (n > this.total) return Promise.resolve(void 0);
    if (this.waiting.length === 0 && n <= this.free) return Promise.resolve(this.take(n));
    return new Promise((resolve5) => {
      const entry = {
        bytes: n,
        grant: (release) => resolve5(release),
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          resolve5(void 0);
          this.pump();
        }, this.waitMs)
      };
      this.waiting.push(entry);
    });
  }
  take(n) {
    this.free -= n;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.free += n;
      this.pump();
    };
  }
  /** Grants the waiting reservations that fit now, in the order they came. */
  pump() {
    while (this.waiting.length > 0 && this.waiting[0].bytes <= this.free) {
      const next = this.waiting.shift();
      clearTimeout(next.timer);
      next.grant(this.take(next.bytes));
    }
  }
};

// src/registry/setup.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/registry/credentials.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_child_process = __toESM(require_child_process(), 1);
var import_promises2 = __toESM(require_promises(), 1);
var import_node_os = __toESM(require_os(), 1);
var import_node_path2 = __toESM(require_path(), 1);
function decodeAuth(auth) {
  const decoded = Buffer.from(auth, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) throw new Error("the auth field is not base64 of user:password");
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
var CredentialStore = class {
  opts;
  cache = /* @__PURE__ */ new Map();
  config;
  constructor(opts) {
    this.opts = opts;
    registerSecret(opts.input?.password);
    registerSecret(opts.githubToken);
  }
  get(registry) {
    let p = this.cache.get(registry);
    if (!p) {
      p = this.lookup(registry);
      this.cache.set(registry, p);
    }
    return p;
  }
  async lookup(registry) {
    const input = this.opts.input;
    if (input && input.username !== "" && input.password !== "" && normalizeRegistryName(input.registry) === registry) {
      return {
        kind: "basic",
        username: input.username,
        password: input.password,
        source: "the username/password inputs"
      };
    }
    const fromConfig = await this.fromDockerConfig(registry);
    if (fromConfig) return fromConfig;
    if (registry === "ghcr.io" && this.opts.githubToken) {
      return {
        kind: "basic",
        username: this.opts.githubActor || "x-access-token",
        password: this.opts.githubToken,
        source: "the github-token input",
        onlyHosts: ["ghcr.io"]
      };
    }
    return void 0;
  }
  configPath() {
    return (0, import_node_path2.join)(this.opts.dockerConfigDir ?? (0, import_node_path2.join)((0, import_node_os.homedir)(), ".docker"), "config.json");
  }
  loadConfig() {
    this.config ??= (async () => {
      const path = this.configPath();
      let text2;
      try {
        text2 = await (0, import_promises2.readFile)(path, "utf8");
      } catch (e) {
        if (e.code === "ENOENT") return void 0;
        throw new RegistryError("credentials", `cannot read ${path}: ${e.message}`);
      }
      try {
        const parsed = JSON.parse(text2);
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
        const cfg = parsed;
        for (const entry of Object.values(cfg.auths ?? {})) {
          registerSecret(entry?.auth);
          registerSecret(entry?.password);
          registerSecret(entry?.identitytoken);
          registerSecret(entry?.registrytoken);
        }
        return cfg;
      } catch (e) {
        throw new RegistryError(
          "credentials",
          `${path} is not valid docker config JSON (${jsonErrorPlace(e, text2)}); fix the file or point DOCKER_CONFIG elsewhere`
        );
      }
    })();
    return this.config;
  }
  async fromDockerConfig(registry) {
    const cfg = await this.loadConfig();
    if (!cfg) return void 0;
    const keys = configKeys(registry);
    const path = this.configPath();
    const own = (m, k) => m !== null && typeof m === "object" && Object.hasOwn(m, k) ? m[k] : void 0;
    const helpers = cfg.credHelpers !== null && typeof cfg.credHelpers === "object" ? cfg.credHelpers : {};
    const helperKey = keys.find((k) => typeof own(helpers, k) === "string") ?? Object.keys(helpers).find((k) => typeof own(helpers, k) === "string" && normalizeRegistryName(k) === registry);
    const helper = helperKey !== void 0 ? own(helpers, helperKey) : typeof cfg.credsStore === "string" ? cfg.credsStore : void 0;
    if (helper) {
      const server = registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
      const fromHelper = await this.runHelper(helper, server, registry);
      if (fromHelper) return fromHelper;
    }
    const auths = cfg.auths !== null && typeof cfg.auths === "object" ? cfg.auths : {};
    const key = keys.find((k) => own(auths, k) !== void 0) ?? Object.keys(auths).find((k) => normalizeRegistryName(k) === registry);
    if (key === void 0) return void 0;
    const found = own(auths, key);
    const entry = found !== null && typeof found === "object" ? found : {};
    const source = `${path} (auths "${key}")`;
    if (entry.identitytoken) {
      let username = entry.username ?? "";
      if (!username && entry.auth) username = safeDecode(entry.auth)?.username ?? "";
      return { kind: "identity-token", username, token: entry.identitytoken, source };
    }
    if (entry.registrytoken) return { kind: "registry-token", token: entry.registrytoken, source };
    if (entry.auth) {
      const decoded = safeDecode(entry.auth);
      if (!decoded) throw new RegistryError("credentials", `${source}: the auth field is not base64 of user:password`);
      registerSecret(decoded.password);
      return { kind: "basic", ...decoded, source };
    }
    if (entry.username && entry.password)
      return { kind: "basic", username: entry.username, password: entry.password, source };
    return void 0;
  }
  /**
   * `docker-credential-NAME get`, server URL on stdin, JSON on stdout. Bounded in time and output: the helper runs
   * in its own process group, and at its timeout the whole group is killed and its pipes are closed, so that a child
   * it forked (and that still holds the pipes) cannot keep the run alive. A helper that exits is given a moment for
   * its output to drain, then the same.
   */
  runHelper(name, server, registry) {
    const bin = `docker-credential-${name}`;
    const timeoutMs = this.opts.helperTimeoutMs ?? 15e3;
    const fail = (why) => new RegistryError("credentials", `credential helper ${bin} failed for ${registry}: ${why}`, { host: registry });
    return new Promise((resolve5, reject) => {
      const env = { ...process.env };
      if (this.opts.path !== void 0) env.PATH = this.opts.path;
      const child = (0, import_node_child_process.spawn)(bin, ["get"], { stdio: ["pipe", "pipe", "pipe"], env, detached: true });
      let out = "";
      let err = "";
      let done = false;
      let drain;
      const abandon = () => {
        if (child.pid !== void 0) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
          }
        }
        child.stdout.destroy();
        child.stderr.destroy();
        child.stdin.destroy();
        child.unref();
      };
      const finish = (f) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearTimeout(drain);
        f();
      };
      const timer = setTimeout(() => {
        abandon();
        finish(
          () => reject(fail(`no answer within ${timeoutMs / 1e3} s; it and the processes it started were killed`))
        );
      }, timeoutMs);
      child.on("exit", () => {
        if (done) return;
        drain = setTimeout(() => {
          abandon();
          onClose(child.exitCode ?? 1);
        }, 500);
      });
      child.stdout.on("data", (d) => {
        if (out.length < 1 << 20) out += d.toString("utf8");
      });
      child.stderr.on("data", (d) => {
        if (err.length < 4096) err += d.toString("utf8");
      });
      child.on("error", (e) => {
        const code = e.code;
        finish(() => reject(fail(code === "ENOENT" ? `${bin} is not on the PATH` : e.message)));
      });
      child.stdin.on("error", () => {
      });
      child.stdin.end(server);
      const onClose = (code) => finish(() => {
        const text2 = out.trim();
        if (code !== 0) {
          if (/credentials not found/i.test(text2 + err)) return resolve5(void 0);
          return reject(fail(`exit code ${code}${err.trim() ? `: ${firstLine(err)}` : ""}`));
        }
        let parsed;
        try {
          parsed = JSON.parse(text2);
        } catch {
          return reject(fail("its output is not JSON"));
        }
        if (typeof parsed.Secret !== "string" || typeof parsed.Username !== "string" || parsed.Secret === "") {
          return reject(fail("its output has no Username and Secret"));
        }
        registerSecret(parsed.Secret);
        const source = `credential helper ${bin}`;
        if (parsed.Username === "<token>")
          return resolve5({ kind: "identity-token", username: "", token: parsed.Secret, source });
        resolve5({ kind: "basic", username: parsed.Username, password: parsed.Secret, source });
      });
      child.on("close", onClose);
    });
  }
};
function jsonErrorPlace(e, text2) {
  const message = e instanceof Error ? e.message : "";
  if (message === "not a JSON object") return "it is not a JSON object";
  const m = /\bposition (\d+)/.exec(message);
  if (m) {
    const pos = Math.min(Number(m[1]), text2.length);
    const before = text2.slice(0, pos);
    const line = before.split("\n").length;
    const col = pos - before.lastIndexOf("\n");
    return `syntax error at line ${line}, column ${col}`;
  }
  if (/end of (JSON )?input/i.test(message)) return "it ends too early";
  return "syntax error";
}
function firstLine(s) {
  return s.trim().split("\n")[0].slice(0, 200);
}
function safeDecode(auth) {
  try {
    return decodeAuth(auth);
  } catch {
    return void 0;
  }
}
function configKeys(registry) {
  if (registry === DOCKER_HUB) {
    return [DOCKER_HUB_CONFIG_KEY, "index.docker.io", "docker.io", "https://index.docker.io", "registry-1.docker.io"];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

// src/registry/setup.ts
async function createRegistryClient(opts) {
  const credentials = new CredentialStore({
    ...opts.input !== void 0 ? { input: opts.input } : {},
    githubToken: opts.githubToken,
    githubActor: opts.githubActor,
    dockerConfigDir: opts.dockerConfigDir
  });
  const tls = new TlsConfig({
    certsDirs: certsDirsFromEnv(opts.env),
    insecure: opts.insecureRegistries.map(normalizeRegistryName)
  });
  const transport = new Transport({
    concurrency: opts.concurrency,
    logger: opts.logger,
    userAgent: "image-gate/1",
    tls,
    ...opts.transport
  });
  let cache;
  if (opts.cacheDir !== void 0) {
    const { ContentCache } = await import("./cache-TKQP2O6Z.js");
    cache = ContentCache.open(opts.cacheDir, opts.logger);
  }
  const client = new RegistryClient({
    credentials,
    insecureRegistries: opts.insecureRegistries,
    transport,
    logger: opts.logger,
    refuse: opts.refuse,
    ...cache ? { cache } : {}
  });
  return { client, transport, cache };
}

// src/inspect/trust.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/trust/payload.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
var IN_TOTO_PAYLOAD = "application/vnd.in-toto+json";
var SIMPLE_SIGNING_TYPES = ["cosign container image signature", "atomic container signature"];
var STATEMENT_TYPES2 = ["https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1"];
function parseJson(bytes) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return void 0;
  }
}
var isObject2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function simpleSigningSubjects(bytes) {
  const doc = parseJson(bytes);
  if (!isObject2(doc) || !isObject2(doc.critical))
    return { ok: false, reason: 'the payload is not a simple-signing document (no "critical" object)' };
  const critical = doc.critical;
  if (typeof critical.type !== "string" || !SIMPLE_SIGNING_TYPES.includes(critical.type)) {
    return {
      ok: false,
      reason: `the payload's critical.type is ${JSON.stringify(critical.type ?? null)?.slice(0, 80)}, not "cosign container image signature"`
    };
  }
  const image = isObject2(critical.image) ? critical.image : {};
  const digest = image["docker-manifest-digest"];
  if (typeof digest !== "string" || digestProblem(digest) !== void 0) {
    return { ok: false, reason: "the payload has no valid critical.image.docker-manifest-digest" };
  }
  return { ok: true, subjects: [digest] };
}
function statementSubjects(payloadType, bytes, keep) {
  if (payloadType !== IN_TOTO_PAYLOAD)
    return {
      ok: false,
      reason: `the envelope's payload type is ${JSON.stringify(payloadType).slice(0, 80)}, not ${IN_TOTO_PAYLOAD}`
    };
  const doc = parseJson(bytes);
  if (!isObject2(doc)) return { ok: false, reason: "the envelope payload is not a JSON object" };
  if (typeof doc._type !== "string" || !STATEMENT_TYPES2.includes(doc._type)) {
    return {
      ok: false,
      reason: `the payload's _type is ${JSON.stringify(doc._type ?? null)?.slice(0, 80)}, not an in-toto statement`
    };
  }
  if (typeof doc.predicateType !== "string" || doc.predicateType === "")
    return { ok: false, reason: "the statement has no predicateType" };
  if (!Array.isArray(doc.subject)) return { ok: false, reason: "the statement has no subject list" };
  const subjects = [];
  for (const s of doc.subject) {
    if (!isObject2(s) || !isObject2(s.digest)) continue;
    for (const [alg, hex] of Object.entries(s.digest)) {
      const d = `${alg}:${String(hex)}`;
      if (digestProblem(d) === void 0) subjects.push(d);
    }
  }
  const meaning = { ok: true, subjects, predicateType: doc.predicateType };
  if (keep?.(doc.predicateType)) meaning.statement = { predicateType: doc.predicateType, predicate: doc.predicate };
  return meaning;
}
function preAuthEncoding(payloadType, payload) {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}
function parseEnvelope(bytes) {
  const doc = Buffer.isBuffer(bytes) ? parseJson(bytes) : bytes;
  if (!isObject2(doc)) return { reason: "the envelope is not a JSON object" };
  if (typeof doc.payloadType !== "string" || typeof doc.payload !== "string")
    return { reason: "the envelope has no payloadType or payload" };
  if (!Array.isArray(doc.signatures) || doc.signatures.length === 0) return { reason: "the envelope has no signatures" };
  const signatures = doc.signatures.filter(isObject2).map((s) => typeof s.sig === "string" ? Buffer.from(s.sig, "base64") : Buffer.alloc(0));
  return { payloadType: doc.payloadType, payload: Buffer.from(doc.payload, "base64"), signatures };
}

// src/trust/verify-key.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_crypto2 = __toESM(require_crypto(), 1);
function hashes(key) {
  if (key.algorithm === "ECDSA P-384") return ["sha384", "sha256"];
  if (key.algorithm === "ECDSA P-521") return ["sha512", "sha256"];
  if (key.algorithm.startsWith("RSA")) return ["sha256", "sha384", "sha512"];
  return ["sha256"];
}
function verifyWithKey(key, data, signature) {
  if (signature.length === 0) return false;
  for (const hash of hashes(key)) {
    try {
      if ((0, import_node_crypto2.verify)(hash, data, key.key, signature)) return true;
    } catch {
    }
  }
  return false;
}
function findKey(keys, data, signature) {
  return keys.find((k) => verifyWithKey(k, data, signature));
}

// src/inspect/trust.ts
var SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
var CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
var bad = (reason, extra = {}) => ({
  verified: false,
  reason,
  subjects: [],
  ...extra
});
function withMeaning(signer, meaning, time) {
  if (!meaning.ok) return bad(`the signature verifies, but ${meaning.reason}`, { signer, unsupported: true });
  const v = { verified: true, signer, subjects: meaning.subjects };
  if (meaning.predicateType !== void 0) v.predicateType = meaning.predicateType;
  if (meaning.statement) v.statement = meaning.statement;
  if (time) v.time = time.toISOString();
  return v;
}
function fromSigstore(outcome, ctx, simpleSigning) {
  if (!outcome.verified)
    return bad(outcome.reason, {
      ...outcome.signer ? { signer: outcome.signer } : {},
      ...outcome.unsupported ? { unsupported: true } : {}
    });
  if (outcome.content.kind === "dsse")
    return withMeaning(
      outcome.signer,
      statementSubjects(outcome.content.payloadType, outcome.content.payload, ctx.predicates),
      outcome.time
    );
  if (simpleSigning) return withMeaning(outcome.signer, simpleSigningSubjects(simpleSigning), outcome.time);
  const d = outcome.content.digest;
  return withMeaning(
    outcome.signer,
    { ok: true, subjects: [`${d.algorithm.toLowerCase().replace("-", "")}:${d.hex}`] },
    outcome.time
  );
}
var MAX_ENVELOPE_SIGNATURES = 16;
var NO_KEYLESS = "a keyless (certificate) signature, which this build of the gate cannot verify yet";
var NO_KEYS = "signed with a key, but no signature-keys were given to verify it with";
function verifySimpleSigning(layer, ctx) {
  const annotations = layer.descriptor.annotations ?? {};
  if (layer.descriptor.mediaType !== SIMPLE_SIGNING)
    return bad(`unsupported layer type ${layer.descriptor.mediaType.slice(0, 100)}`, { unsupported: true });
  if (annotations[CERTIFICATE_ANNOTATION]) {
    return ctx.sigstore ? fromSigstore(ctx.sigstore.verifyCosignSignature(layer.body, annotations), ctx, layer.body) : bad(NO_KEYLESS, { unsupported: true });
  }
  const sig = annotations[SIGNATURE_ANNOTATION];
  if (!sig) return bad(`the layer has no ${SIGNATURE_ANNOTATION} annotation`);
  if (ctx.keys.length === 0) return bad(NO_KEYS);
  const key = findKey(ctx.keys, layer.body, Buffer.from(sig, "base64"));
  if (!key)
    return bad("the signature does not verify with any key of signature-keys: another key made it, or it was altered");
  return withMeaning({ kind: "key", fingerprint: key.fingerprint }, simpleSigningSubjects(layer.body));
}
function verifyEnvelopeLayer(layer, ctx) {
  const annotations = layer.descriptor.annotations ?? {};
  if (annotations[CERTIFICATE_ANNOTATION]) {
    if (!ctx.sigstore?.verifyCosignAttestation) return bad(NO_KEYLESS, { unsupported: true });
    return fromSigstore(ctx.sigstore.verifyCosignAttestation(layer.body, annotations), ctx);
  }
  const env = parseEnvelope(layer.body);
  if ("reason" in env) return bad(env.reason, { unsupported: true });
  if (ctx.keys.length === 0) return bad(NO_KEYS);
  const pae = preAuthEncoding(env.payloadType, env.payload);
  let key;
  for (const s of env.signatures.slice(0, MAX_ENVELOPE_SIGNATURES)) if (key = findKey(ctx.keys, pae, s)) break;
  if (!key)
    return bad(
      "the envelope signature does not verify with any key of signature-keys: another key made it, or it was altered"
    );
  return withMeaning(
    { kind: "key", fingerprint: key.fingerprint },
    statementSubjects(env.payloadType, env.payload, ctx.predicates)
  );
}
function verifyBundleLayer(artifact, ctx, manifest) {
  if (artifact.layers.length !== 1)
    return bad(`a Sigstore bundle manifest has ${artifact.layers.length} layers, not 1`, { unsupported: true });
  let bundle;
  try {
    bundle = JSON.parse(artifact.layers[0].body.toString("utf8"));
  } catch {
    return bad("the bundle is not valid JSON");
  }
  if (!ctx.sigstore)
    return bad("a Sigstore bundle, which this build of the gate cannot verify yet", { unsupported: true });
  return fromSigstore(ctx.sigstore.verifyBundle(bundle, manifest), ctx);
}
function verifyNotationLayer(a, ctx, target) {
  if (a.layers.length !== 1)
    return bad(`a Notation signature manifest has ${a.layers.length} layers, not 1`, { unsupported: true });
  if (!ctx.notation)
    return bad("a Notation signature, but no notation-trust-policy was given to verify it with", { unsupported: true });
  if (!target?.manifest || !target.mediaType) return bad("the image manifest the signature names was not read");
  const layer = a.layers[0];
  return ctx.notation.verify(layer.descriptor.mediaType, layer.body, {
    digest: target.digest,
    size: target.manifest.length,
    mediaType: target.mediaType
  });
}
function formatOf(a) {
  if (a.kind === "notation") {
    const type = a.layers[0]?.descriptor.mediaType;
    return `Notation signature${type === "application/cose" ? " (COSE)" : type === "application/jose+json" ? " (JWS)" : ""}`;
  }
  if (a.kind === "cosign-sig") return "cosign signature (simple signing)";
  if (a.kind === "cosign-att") return "cosign attestation (DSSE)";
  const v = /bundle\.(v[0-9.]+)\+json/.exec(a.artifactType ?? "")?.[1];
  return `Sigstore bundle${v ? ` ${v}` : ""}`;
}
function verifyArtifact(a, ctx, manifest, target) {
  const verdicts = a.problem ? [bad(a.problem.reason, a.problem.unsupported ? { unsupported: true } : {})] : a.kind === "notation" ? [verifyNotationLayer(a, ctx, target)] : a.kind === "bundle" ? [verifyBundleLayer(a, ctx, manifest)] : a.layers.map((l) => a.kind === "cosign-sig" ? verifySimpleSigning(l, ctx) : verifyEnvelopeLayer(l, ctx));
  return verdicts.map((v) => ({ place: a.place, format: formatOf(a), manifest: a.digest, ...v }));
}
var READ_AT_ONCE = 8;
function enough(facts, ctx, satisfied) {
  if (!satisfied(facts)) return false;
  if (!ctx.predicates) return true;
  return ctx.statementsFound?.(facts) ?? false;
}
async function checkDigest(d, ctx, satisfied, platform) {
  const out = { digest: d.digest, looked: [...d.looked], signatures: [] };
  if (platform !== void 0) out.platform = platform;
  const found = [];
  const cuts = [];
  const unread2 = /* @__PURE__ */ new Set();
  const releases = [d.release];
  let done = false;
  try {
    for (let at2 = d; at2 && !done; ) {
      if (at2.error) {
        out.error ??= at2.error;
        break;
      }
      const place = at2;
      const base = found.length;
      let next = 0;
      const take = async (i) => {
        const outcome = await place.pending[i].read();
        if (outcome.kind === "failed") out.error ??= outcome.error;
        else if (outcome.kind === "past") unread2.add(outcome.bound);
        else {
          try {
            found[base + i] = verifyArtifact(outcome.artifact, ctx, place.manifest, {
              digest: d.digest,
              ...place.manifest ? { manifest: place.manifest } : {},
              ...place.manifestMediaType ? { mediaType: place.manifestMediaType } : {}
            });
          } finally {
            outcome.release();
          }
          out.signatures = found.flat();
          if (enough(out, ctx, satisfied)) done = true;
        }
      };
      const worker = async () => {
        while (!done && next < place.pending.length) await take(next++);
      };
      await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, place.pending.length) }, worker));
      found.length = Math.max(found.length, base + place.pending.length);
      cuts.push(...place.cut);
      at2 = done || !place.more ? void 0 : await place.more();
      if (at2) {
        releases.push(at2.release);
        out.looked.push(...at2.looked);
      }
    }
    out.signatures = found.flat();
    const bounds = [...cuts, ...unread2];
    if (!done && bounds.length > 0) out.unread = bounds;
    return out;
  } finally {
    releases.forEach((r) => r());
  }
}
async function establishTrust(facts, ctx, discover, satisfied) {
  const top = await checkDigest(await discover(facts.digest), ctx, satisfied);
  const trust = { top, platforms: [], claims: [] };
  if (facts.kind === "index" && !enough(top, ctx, satisfied)) {
    trust.platforms = await Promise.all(
      facts.platforms.map(async (p) => checkDigest(await discover(p.digest), ctx, satisfied, platformLabel(p)))
    );
  }
  return trust;
}

// src/inspect/sbom.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var RUN_MAX_SBOM_PACKAGES = 5e5;
function sbomKeeper(maxPackages = RUN_MAX_SBOM_PACKAGES) {
  let kept = 0;
  return (predicateType, predicate) => {
    if (!isSbomPredicate(predicateType)) return predicate;
    const r = parseSbom(predicateType, predicate);
    if (!r.ok) return r;
    if (kept + r.sbom.packages.length > maxPackages)
      return {
        ok: false,
        problem: `the run holds ${kept} SBOM packages already; with these ${r.sbom.packages.length} it would be over the ${maxPackages} a run keeps`
      };
    kept += r.sbom.packages.length;
    return r;
  };
}
var keepSbom = sbomKeeper(Number.MAX_SAFE_INTEGER);
var isParse = (v) => typeof v === "object" && v !== null && "ok" in v && typeof v.ok === "boolean";
var sbomOver = (digest) => (sig) => sig.verified && sig.statement !== void 0 && isSbomPredicate(sig.statement.predicateType) && sig.subjects.includes(digest);
function attachSboms(facts, accepted) {
  const top = facts.trust?.top;
  const indexSigned = (top?.signatures ?? []).some((s) => s.verified && s.subjects.includes(facts.digest) && accepted(s));
  for (const p of facts.platforms) {
    const own = facts.trust?.platforms.find((t) => t.digest === p.digest);
    const verified = (t, digest) => (t?.signatures ?? []).filter(sbomOver(digest));
    const attested = [...verified(own, p.digest), ...verified(top, facts.digest)];
    const fromAttestation = (sig, signed) => ({
      parse: () => parseSbom(sig.statement.predicateType, sig.statement.predicate),
      source: "attestation",
      signed,
      manifest: sig.manifest
    });
    const inIndex = firstInIndex(facts, p);
    const candidates = [
      ...attested.filter(accepted).map((s) => fromAttestation(s, true)),
      ...inIndex.candidate ? [{ ...inIndex.candidate, signed: indexSigned }] : [],
      ...attested.filter((s) => !accepted(s)).map((s) => fromAttestation(s, false))
    ];
    const problems = [...inIndex.problems];
    let sbom;
    for (const c of candidates) {
      const r = c.parse();
      if (r.ok) {
        sbom = { ...r.sbom, source: c.source, signed: c.signed, manifest: c.manifest };
        break;
      }
      problems.push(
        `the SBOM of ${c.manifest} (${c.source === "in-index" ? "in the index" : "an attestation"}): ${r.problem}`
      );
    }
    if (!sbom) problems.push(...unread(own), ...unread(top));
    p.content = {
      ...p.content,
      ...sbom ? { sbom } : {},
      ...!sbom && problems.length > 0 ? { sbomProblems: problems } : {}
    };
  }
}
function unread(t) {
  if (!t) return [];
  const where = t.platform ? `${t.digest} (${t.platform})` : t.digest;
  return [
    ...t.error ? [`the attestations of ${where} could not be listed: ${t.error.host}: ${t.error.message}`] : [],
    ...(t.unread ?? []).map((u) => `the attestations of ${where} were not all read: ${u}`)
  ];
}
function firstInIndex(facts, p) {
  const order = (x) => [
    facts.attestations.findIndex((a) => a.digest === x.manifest),
    x.layer ?? -1
  ];
  const before = (a, b) => a[0] < b[0] || a[0] === b[0] && a[1] < b[1];
  const statements = (facts.statements ?? []).filter((s) => s.subject === p.digest && isSbomPredicate(s.predicateType));
  const problems = (facts.statementProblems ?? []).filter(
    (x) => x.subject === p.digest && (x.predicateType === "" || isSbomPredicate(x.predicateType))
  );
  let first;
  for (const s of statements) if (!first || before(order(s), order(first))) first = s;
  const label = platformLabel(p);
  const blocking = problems.filter((x) => !first || x.layer === void 0 || before(order(x), order(first)));
  const said = blocking.map((x) => `the in-index SBOM of ${label} (${x.manifest}): ${x.reason}`);
  if (!first || blocking.some((x) => x.layer !== void 0)) return { problems: said };
  const kept = first.predicate;
  return {
    candidate: {
      parse: () => isParse(kept) ? kept : parseSbom(first.predicateType, kept),
      source: "in-index",
      manifest: first.manifest
    },
    problems: said
  };
}

// src/gate/trusted-files.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_path4 = __toESM(require_path(), 1);

// src/gate/sources.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_fs2 = __toESM(require_fs(), 1);
var import_node_path3 = __toESM(require_path(), 1);

// src/github/contents.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var CONTENTS_TIMEOUT_MS = 3e4;
var ContentsError = class extends GateError {
  constructor(message) {
    super("source", message);
  }
};
function describeFile(f) {
  return `${f.owner}/${f.repo}/${f.path}@${f.ref}`;
}
function contentsUrl(apiUrl, f) {
  const base = apiUrl.replace(/\/+$/, "");
  const path = f.path.split("/").map(encodeURIComponent).join("/");
  return `${base}/repos/${encodeURIComponent(f.owner)}/${encodeURIComponent(f.repo)}/contents/${path}?ref=${encodeURIComponent(f.ref)}`;
}
async function boundedBody(res, limit, what) {
  const chunks = [];
  let size = 0;
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {
      });
      throw new ContentsError(`${what}: the GitHub API answered with more than ${limit} bytes`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
async function requestContents(client, f, bodyLimit, what) {
  const url = contentsUrl(client.apiUrl, f);
  const viaProxy = proxyFetch(client.apiUrl);
  const signal = AbortSignal.timeout(CONTENTS_TIMEOUT_MS);
  let res;
  try {
    res = await (viaProxy ?? fetch)(url, {
      redirect: "manual",
      signal,
      headers: {
        accept: "application/vnd.github+json",
        "x-github-api-version": "2022-11-28",
        "user-agent": "image-gate",
        ...client.token ? { authorization: `Bearer ${client.token}` } : {}
      }
    });
  } catch (e) {
    const why = signal.aborted ? `no answer within ${CONTENTS_TIMEOUT_MS / 1e3} s` : e.message;
    throw new ContentsError(`${what}: the GitHub API at ${new URL(client.apiUrl).host} could not be reached: ${why}`);
  }
  const body = await boundedBody(res, bodyLimit, what);
  if (res.status === 404) {
    throw new ContentsError(
      `${what}: not found, or github-token may not read ${f.owner}/${f.repo} (GitHub answers both with 404); check the path and ref, and give a token with contents: read on that repository`
    );
  }
  if (res.status === 401 || res.status === 403) {
    throw new ContentsError(
      `${what}: the GitHub API refused github-token (${res.status}); give a token with contents: read on ${f.owner}/${f.repo}`
    );
  }
  if (res.status >= 300 && res.status < 400) {
    throw new ContentsError(
      `${what}: the GitHub API redirects (${res.status}): the repository was renamed or moved; name it as it is now`
    );
  }
  if (res.status !== 200) throw new ContentsError(`${what}: the GitHub API answered ${res.status}`);
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new ContentsError(`${what}: the GitHub API answered with something that is not JSON`);
  }
}
async function readRepositoryFile(client, f, maxBytes, what = describeFile(f)) {
  const doc = await requestContents(client, f, Math.ceil(maxBytes * 1.4) + 64 * 1024, what);
  if (Array.isArray(doc)) throw new ContentsError(`${what}: is a directory; name a file`);
  const file = doc;
  if (file.type !== "file")
    throw new ContentsError(
      `${what}: is a ${typeof file.type === "string" ? file.type.slice(0, 20) : "thing that is not a file"}; name a file`
    );
  if (typeof file.size === "number" && file.size > maxBytes)
    throw new ContentsError(`${what}: is ${file.size} bytes, more than the ${maxBytes} such a file may have`);
  if (file.encoding !== "base64" || typeof file.content !== "string")
    throw new ContentsError(`${what}: the GitHub API did not send its content (files over 1 MB are not sent)`);
  const bytes = Buffer.from(file.content, "base64");
  if (bytes.length > maxBytes)
    throw new ContentsError(`${what}: is ${bytes.length} bytes, more than the ${maxBytes} such a file may have`);
  return bytes;
}
var MAX_LISTING = 1e3;
async function listRepositoryDirectory(client, f, what = describeFile(f)) {
  const doc = await requestContents(client, f, 1 << 20, what);
  if (!Array.isArray(doc)) throw new ContentsError(`${what}: is a file; name a directory`);
  if (doc.length >= MAX_LISTING) throw new ContentsError(`${what}: lists ${MAX_LISTING} entries or more`);
  return doc.flatMap((e) => {
    const entry = e;
    if (typeof entry.path !== "string") return [];
    return [{ type: entry.type === "file" ? "file" : entry.type === "dir" ? "dir" : "other", path: entry.path }];
  });
}

// src/gate/sources.ts
var SourceError = class extends GateError {
  constructor(message) {
    super("source", message);
  }
};
var OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
var REPO = /^[A-Za-z0-9._-]{1,100}$/;
var REF = /^[A-Za-z0-9._\-/]{1,255}$/;
function repositoryPath(path) {
  const segments = path.split("/");
  if (path.length === 0 || path.length > 1024 || segments.some((s) => s === "" || s === "." || s === ".."))
    return void 0;
  if (/[\x00-\x1f\x7f\\]/.test(path)) return void 0;
  return path;
}
function parseSource(input, value) {
  const v = value.trim();
  if (v.startsWith("base:")) {
    const path = repositoryPath(v.slice(5));
    if (!path)
      throw new SourceError(
        `Input "${input}" is "${v}": write base:<path>, a path from the repository's root with no . or .. segment, like base:.github/image-gate.yml`
      );
    return { kind: "base", path };
  }
  if (v.startsWith("github:")) {
    const m = /^github:([^/]+)\/([^/]+)\/(.+)@([^@]+)$/.exec(v);
    const path = m && !m[3].includes("@") ? repositoryPath(m[3]) : void 0;
    if (!m || !OWNER.test(m[1]) || !REPO.test(m[2]) || !path || !REF.test(m[4]) || m[4].includes("..")) {
      throw new SourceError(
        `Input "${input}" is "${v}": write github:<owner>/<repo>/<path>@<ref>, like github:acme/policies/image-gate/policy.yml@main (a ref is required: a branch, a tag or a commit SHA)`
      );
    }
    return { kind: "github", owner: m[1], repo: m[2], path, ref: m[4] };
  }
  return { kind: "workspace", path: v };
}
var MAX_LISTED_FILES = 256;
function tooMany(what) {
  return new SourceError(`${what}: holds more than ${MAX_LISTED_FILES} files; a trust store holds a few certificates`);
}
function workspaceSource(workspace) {
  return {
    kind: "workspace",
    describe: (path) => path,
    read: async (path, maxBytes) => {
      const read = readBoundedSync((0, import_node_path3.resolve)(workspace, path), maxBytes);
      if (read.bytes.length > maxBytes)
        throw Object.assign(new Error(`it is over ${maxBytes} bytes`), { code: "EFBIG" });
      return read.bytes;
    },
    list: async (path, depth) => {
      const out = [];
      const walk = (rel, left) => {
        const dir = (0, import_node_path3.resolve)(workspace, path, rel);
        for (const name of (0, import_node_fs2.readdirSync)(dir).sort()) {
          const child = rel ? `${rel}/${name}` : name;
          const st = (0, import_node_fs2.lstatSync)((0, import_node_path3.resolve)(dir, name));
          if (st.isFile()) {
            out.push(child);
            if (out.length > MAX_LISTED_FILES) throw tooMany(path);
          } else if (st.isDirectory() && left > 1) walk(child, left - 1);
        }
      };
      walk("", depth);
      return out;
    }
  };
}
function repositorySource(kind, at2, ctx) {
  const file = (path) => {
    const clean = repositoryPath(path.replace(/^\.\//, ""));
    if (!clean) throw new SourceError(`${describeFile({ ...at2, path })}: not a path within the repository`);
    return { ...at2, path: clean };
  };
  const describe = (path) => `${kind}:${describeFile({ ...at2, path })}`;
  return {
    kind,
    describe,
    read: async (path, maxBytes) => {
      try {
        return await readRepositoryFile({ token: ctx.token, apiUrl: ctx.apiUrl }, file(path), maxBytes, describe(path));
      } catch (e) {
        if (e instanceof ContentsError) throw new SourceError(e.message);
        throw e;
      }
    },
    list: async (path, depth) => {
      const root = file(path);
      const out = [];
      const walk = async (dir, left) => {
        const entries = await listRepositoryDirectory(
          { token: ctx.token, apiUrl: ctx.apiUrl },
          { ...at2, path: dir },
          describe(dir)
        );
        for (const e of entries) {
          if (!e.path.startsWith(`${dir}/`)) continue;
          const rel = e.path.slice(root.path.length + 1);
          if (e.type === "file") {
            out.push(rel);
            if (out.length > MAX_LISTED_FILES) throw tooMany(describe(path));
          } else if (e.type === "dir" && left > 1 && repositoryPath(e.path)) await walk(e.path, left - 1);
        }
      };
      try {
        await walk(root.path, depth);
      } catch (e) {
        if (e instanceof ContentsError) throw new SourceError(e.message);
        throw e;
      }
      return out.sort();
    }
  };
}
function openSource(input, spec, ctx) {
  if (spec.kind === "workspace") return { source: workspaceSource(ctx.workspace), path: spec.path };
  if (spec.kind === "github")
    return {
      source: repositorySource("github", { owner: spec.owner, repo: spec.repo, ref: spec.ref }, ctx),
      path: spec.path
    };
  const repo = repositoryFromEnv(ctx.env);
  const base = baseCommit(ctx.env);
  if (!repo || !base) {
    throw new SourceError(
      `Input "${input}" is "base:${spec.path}": the commit to read it at is not known (a pull request event's base, or GITHUB_SHA, with GITHUB_REPOSITORY); on the command line set GITHUB_REPOSITORY and GITHUB_SHA, or use github:<owner>/<repo>/<path>@<ref>`
    );
  }
  return { source: repositorySource("base", { ...repo, ref: base.sha }, ctx), path: spec.path };
}

// src/gate/trusted-files.ts
function sourceContext(inputs, env) {
  return {
    workspace: env.workspace,
    env: env.env,
    token: inputs.githubToken,
    apiUrl: env.env.GITHUB_API_URL || "https://api.github.com"
  };
}
function noticeIfChanged(input, path, used, env) {
  if (!baseCommit(env.env)?.pullRequest) return;
  let own;
  try {
    own = readBoundedSync((0, import_node_path4.resolve)(env.workspace, path), used.length + 1).bytes;
  } catch {
    own = void 0;
  }
  if (own && own.equals(used)) return;
  env.logger.notice(
    `${input}: ${path} was read at the pull request's base commit; this pull request ${own ? "changes it, and its copy was not used" : "has no copy of it"}`
  );
}
async function prefetch(source, text2, referencedFiles) {
  const read = /* @__PURE__ */ new Map();
  await Promise.all(
    referencedFiles(text2).map(async (f) => {
      const clean = f.path.replace(/^\.\//, "");
      read.set(
        clean,
        await source.read(clean, f.maxBytes).catch((e) => e instanceof Error ? e : new Error(String(e)))
      );
    })
  );
  return (path) => {
    const got = read.get(path.replace(/^\.\//, ""));
    if (got === void 0) throw Object.assign(new Error("not read"), { code: "ENOENT" });
    if (got instanceof Error) throw got;
    return got;
  };
}
async function readPolicy(inputs, env) {
  if (inputs.policy === void 0) return void 0;
  const loader = await import("./loader-ZTMGLVSZ.js");
  const spec = parseSource("policy", inputs.policy);
  let policy;
  if (spec.kind === "workspace")
    policy = loader.loadPolicyDocument(
      (0, import_node_path4.resolve)(env.workspace, spec.path),
      inputs.policy,
      loader.workspaceReader(env.workspace),
      env.now
    );
  else {
    const { source, path } = openSource("policy", spec, sourceContext(inputs, env));
    const bytes = await source.read(path, loader.POLICY_MAX_BYTES);
    const text2 = bytes.toString("utf8");
    if (spec.kind === "base") noticeIfChanged("policy", path, bytes, env);
    env.logger.info(`policy: ${source.describe(path)}`);
    policy = loader.parsePolicyDocument(
      text2,
      inputs.policy,
      await prefetch(source, text2, loader.referencedFiles),
      env.now
    );
  }
  await loader.compileConditions(policy);
  return policy;
}
async function readKeys(inputs, env) {
  const { pems, paths } = splitKeySources(inputs.signatureKeys);
  const ctx = sourceContext(inputs, env);
  try {
    const keys = pems.map((pem, i) => parsePublicKey(pem, `inline key ${i + 1}`));
    for (const p of paths) {
      const spec = parseSource("signature-keys", p);
      if (spec.kind === "workspace") {
        keys.push(
          readKeyFile((0, import_node_path4.resolve)(env.workspace, spec.path), spec.path, (path2) => readBoundedSync(path2, KEY_FILE_LIMIT).bytes)
        );
        continue;
      }
      const { source, path } = openSource("signature-keys", spec, ctx);
      const bytes = await source.read(path, KEY_FILE_LIMIT);
      if (spec.kind === "base") noticeIfChanged("signature-keys", path, bytes, env);
      keys.push(parsePublicKey(bytes.toString("utf8"), p));
    }
    const seen = /* @__PURE__ */ new Set();
    return keys.filter((k) => !seen.has(k.fingerprint) && seen.add(k.fingerprint));
  } catch (e) {
    if (e instanceof KeyError) throw new InputError(`Input "signature-keys": ${e.message}`);
    throw e;
  }
}
async function readTrustedRoot(inputs, env) {
  if (inputs.trustedRoot === void 0) return void 0;
  const spec = parseSource("trusted-root", inputs.trustedRoot);
  let bytes;
  if (spec.kind === "workspace") {
    try {
      bytes = readBoundedSync((0, import_node_path4.resolve)(env.workspace, spec.path), TRUSTED_ROOT_MAX_BYTES).bytes;
    } catch (e) {
      const code = e.code;
      throw new InputError(
        `Input "trusted-root" is "${inputs.trustedRoot}": ${code === "ENOENT" ? "no such file in the workspace" : "the file cannot be read"}; give the path of a trusted_root.json or of what gh attestation trusted-root prints`
      );
    }
    if (bytes.length > TRUSTED_ROOT_MAX_BYTES)
      throw new InputError(
        `Input "trusted-root" is "${inputs.trustedRoot}": the file is over 4 MiB; a Sigstore trusted root is a few KiB`
      );
  } else {
    const { source, path } = openSource("trusted-root", spec, sourceContext(inputs, env));
    bytes = await source.read(path, TRUSTED_ROOT_MAX_BYTES);
    if (spec.kind === "base") noticeIfChanged("trusted-root", path, bytes, env);
  }
  return { path: inputs.trustedRoot, text: bytes.toString("utf8") };
}
var NOTATION_POLICY_MAX_BYTES = 256 * 1024;
var NOTATION_CERTIFICATE_MAX_BYTES = 64 * 1024;
async function readNotationPolicy(notation, inputs, env) {
  const value = inputs.notationTrustPolicy;
  const spec = parseSource("notation-trust-policy", value);
  const { source, path } = openSource("notation-trust-policy", spec, sourceContext(inputs, env));
  let bytes;
  try {
    bytes = await source.read(path, NOTATION_POLICY_MAX_BYTES);
  } catch (e) {
    if (spec.kind !== "workspace") throw e;
    const code = e.code;
    throw new InputError(
      `Input "notation-trust-policy" is "${value}": ${code === "ENOENT" ? "no such file in the workspace" : code === "EFBIG" ? `the file is over ${NOTATION_POLICY_MAX_BYTES} bytes` : "the file cannot be read"}; give the path of a Notation trustpolicy.json`
    );
  }
  if (spec.kind === "base") noticeIfChanged("notation-trust-policy", path, bytes, env);
  const where = source.describe(path);
  return { policy: notation.parseTrustPolicy(bytes.toString("utf8"), where), where };
}
async function readNotationStore(notation, inputs, env) {
  const value = inputs.notationTrustStore;
  const spec = parseSource("notation-trust-store", value);
  const { source, path: root } = openSource("notation-trust-store", spec, sourceContext(inputs, env));
  const where = source.describe(root);
  let names;
  try {
    names = await source.list(root, 4);
  } catch (e) {
    const code = e.code;
    if (spec.kind !== "workspace" || !code) throw e;
    throw new InputError(
      `Input "notation-trust-store" is "${value}": ${code === "ENOENT" ? "no such directory in the workspace" : "the directory cannot be read"}; give the trust store directory (the one that holds x509/ca/<name>/)`
    );
  }
  const wanted = names.filter((n) => /^x509\/(ca|tsa|signingAuthority)\/[^/]+\/[^/]+\.(pem|crt|cer|der)$/i.test(n));
  const files = await Promise.all(
    wanted.map(async (path) => {
      try {
        return { path, bytes: await source.read(`${root.replace(/\/+$/, "")}/${path}`, NOTATION_CERTIFICATE_MAX_BYTES) };
      } catch (e) {
        if (spec.kind !== "workspace") throw e;
        throw new InputError(
          `Input "notation-trust-store": ${where}/${path} cannot be read (${e.message.slice(0, 120)})`
        );
      }
    })
  );
  return { stores: notation.buildTrustStores(files, where), where, files: files.length };
}
async function readNotation(inputs, env) {
  if (inputs.notationTrustPolicy === void 0 || inputs.notationTrustStore === void 0) return void 0;
  const notation = await import("./notation-ZFZXRHRD.js");
  const [{ policy, where: policyWhere }, { stores, where, files }] = await Promise.all([
    readNotationPolicy(notation, inputs, env),
    readNotationStore(notation, inputs, env)
  ]);
  for (const statement of policy.statements) {
    if (statement.level === "skip") continue;
    const missing = notation.missingStore(statement, stores);
    if (missing)
      throw new InputError(
        `Input "notation-trust-store" is "${inputs.notationTrustStore}": ${missing} (looked for x509/<type>/<name>/*.pem, .crt, .cer or .der in ${where})`
      );
  }
  env.logger.info(`notation-trust-policy: ${policyWhere}; notation-trust-store: ${where} (${files} certificate files)`);
  return { policy, stores };
}
async function readVex(inputs, env) {
  const ctx = sourceContext(inputs, env);
  return Promise.all(
    inputs.vex.map(async (name) => {
      const spec = parseSource("vex", name);
      let bytes;
      if (spec.kind === "workspace") {
        try {
          bytes = readBoundedSync((0, import_node_path4.resolve)(env.workspace, spec.path), VEX_MAX_BYTES).bytes;
        } catch (e) {
          const code = e.code;
          throw new InputError(
            `Input "vex" has "${name}": ${code === "ENOENT" ? "no such file in the workspace" : "the file cannot be read"}; give the path of an OpenVEX document, or base:<path> or github:<owner>/<repo>/<path>@<ref>`
          );
        }
      } else {
        const { source, path } = openSource("vex", spec, ctx);
        bytes = await source.read(path, VEX_MAX_BYTES);
        if (spec.kind === "base") noticeIfChanged("vex", path, bytes, env);
      }
      if (bytes.length > VEX_MAX_BYTES)
        throw new InputError(`Input "vex" has "${name}": the file is over ${VEX_MAX_BYTES >> 20} MiB`);
      return { name, bytes };
    })
  );
}
async function readTrustedFiles(inputs, env) {
  warnWorkspaceFiles(inputs, env);
  const [policy, keys, trustedRoot, notation, vex] = await Promise.all([
    readPolicy(inputs, env),
    readKeys(inputs, env),
    readTrustedRoot(inputs, env),
    readNotation(inputs, env),
    readVex(inputs, env)
  ]);
  checkNotationRules(policy, notation);
  return { policy, keys, trustedRoot, vex, ...notation ? { notation } : {} };
}
function workspaceFilesOnPullRequest(inputs, env) {
  if (!PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? "")) return [];
  const named2 = [
    ["policy", inputs.policy],
    ...splitKeySources(inputs.signatureKeys).paths.map((p) => ["signature-keys", p]),
    ["trusted-root", inputs.trustedRoot],
    ["notation-trust-policy", inputs.notationTrustPolicy],
    ["notation-trust-store", inputs.notationTrustStore],
    ...inputs.vex.map((v) => ["vex", v])
  ];
  return named2.flatMap(([input, value]) => {
    if (value === void 0 || value.trim() === "") return [];
    const spec = parseSource(input, value.trim());
    return spec.kind === "workspace" ? [`${input}: ${spec.path}`] : [];
  });
}
function warnWorkspaceFiles(inputs, env) {
  const files = workspaceFilesOnPullRequest(inputs, env.env);
  if (files.length === 0) return;
  env.logger.warning(
    `On a pull request, these files that decide the verdict are read from the pull request's own checkout, which it can change: ${files.join("; ")}. Read them from the base commit (base:<path>) or a central repository (github:<owner>/<repo>/<path>@<ref>): docs/pull-requests.md`
  );
}
function checkNotationRules(policy, notation) {
  for (const rs of policy?.ruleSets ?? []) {
    const named2 = [
      ...rs.signature?.notation ? [{ who: "notation-trust-policy", names: rs.signature.notation.policies ?? [] }] : [],
      ...(rs.quorum?.signers ?? []).flatMap(
        (n) => n.kind === "notation" ? [{ who: `signer ${n.name}`, names: [n.trustPolicy] }] : []
      )
    ];
    if (named2.length === 0) continue;
    if (!notation)
      throw new InputError(
        `${rs.source}: ${named2[0].who} counts Notation signatures, but the input "notation-trust-policy" is not given: set it (and notation-trust-store) to the trustpolicy.json whose statements verify them`
      );
    const known = notation.policy.statements.map((s) => s.name);
    for (const { who, names } of named2) {
      const unknown = names.find((name) => !known.includes(name));
      if (unknown !== void 0)
        throw new InputError(
          `${rs.source}: ${who} names "${unknown}", which is no statement of ${notation.policy.file} (its statements: ${known.join(", ")})`
        );
    }
  }
}

// src/gate/files.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
async function scanFiles(inputs, env, platforms) {
  if (inputs.files.length === 0) return { refs: [], warnings: [], errors: [] };
  const { collectFiles } = await import("./extract-WNOBXOF4.js");
  let only;
  if (inputs.changedFilesOnly) {
    const { TooManyChangedFiles, changedFiles } = await import("./changed-G66QAS4I.js");
    const { pullRequestNumber, repositoryFromEnv: repositoryFromEnv2 } = await import("./api-KICVV36Y.js");
    const pull = pullRequestNumber(env.env);
    const repo = repositoryFromEnv2(env.env);
    if (pull === void 0 || !repo) {
      env.logger.notice(
        'changed-files-only applies to pull request events; this is not one, so every file that "files" names is checked'
      );
    } else {
      try {
        only = new Set(await changedFiles({ token: inputs.githubToken, apiUrl: env.env.GITHUB_API_URL, ...repo, pull }));
        env.logger.info(
          `changed-files-only: pull request #${pull} changes ${only.size} file${only.size === 1 ? "" : "s"}`
        );
      } catch (e) {
        if (!(e instanceof TooManyChangedFiles)) throw e;
        env.logger.notice(`${e.message}; every file that "files" names is checked`);
      }
    }
  }
  const collected = await collectFiles(env.workspace, inputs.files, { ...only ? { only } : {}, platforms });
  env.logger.info(
    `files: ${collected.files.length} file${collected.files.length === 1 ? "" : "s"} read, ${collected.refs.length} image reference${collected.refs.length === 1 ? "" : "s"} found`
  );
  return { refs: collected.refs, warnings: collected.warnings, errors: collected.errors };
}

// src/gate/trust-roots.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/gate/lazy.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function lazy(load) {
  let pending;
  return () => pending ??= load().catch((e) => {
    pending = void 0;
    throw e;
  });
}
var HEAVY = {
  /** Keyless and bundle verification: @sigstore/verify, @sigstore/bundle, @sigstore/core and the shipped root. */
  trust: lazy(() => import("./verify-BPCKRA5U.js")),
  /** SBOMs and licences: spdx-expression-parse, which SBOM parsing and the licenses rule both use. */
  statements: lazy(() => import("./licenses-POM4LLFL.js").then((m) => m.loadLicenseParser()))
};
function preload(needs) {
  for (const [need, load] of Object.entries(HEAVY))
    if (needs[need]) load().catch(() => {
    });
}

// src/gate/trust-roots.ts
async function sigstoreVerifiers(inputs, trustedRoot, ruleSets) {
  const v = await HEAVY.trust();
  let root;
  try {
    root = trustedRoot === void 0 ? v.loadTrustedRoot() : v.loadTrustedRoot(trustedRoot);
  } catch (e) {
    if (e instanceof v.TrustRootError) throw new InputError(`Input ${e.message}`);
    throw e;
  }
  const named2 = /* @__PURE__ */ new Map();
  const problems = [];
  for (const rs of ruleSets) {
    const file = rs.trustedRoot;
    if (file === void 0 || named2.has(file.path)) continue;
    try {
      named2.set(file.path, v.loadTrustedRoot({ path: file.path, text: file.text }));
    } catch (e) {
      if (!(e instanceof v.TrustRootError)) throw e;
      problems.push(`${file.where}: ${e.message.replace(/^trusted-root: /, "")}`);
    }
  }
  if (problems.length > 0) throw new PolicyError(problems);
  return (keys, roots) => {
    const paths = [...new Set(roots.map((r) => r?.path))];
    if (paths.length > 1) {
      const names = paths.map(
        (p) => p === void 0 ? inputs.trustedRoot === void 0 ? "the shipped public-good root" : `the trusted-root input (${inputs.trustedRoot})` : JSON.stringify(p)
      );
      const outcome = {
        verified: false,
        reason: `the rules that apply to this image name different trusted roots (${names.join(", ")}); name one root for the image`
      };
      return {
        verifyBundle: () => outcome,
        verifyCosignSignature: () => outcome,
        verifyCosignAttestation: () => outcome
      };
    }
    const chosen = paths[0] === void 0 ? root : named2.get(paths[0]);
    const policy = { keys: keys.map((k) => ({ pem: k.pem, fingerprint: k.fingerprint })), identities: [], issuer: "" };
    return {
      verifyBundle: (bundle, artifact) => v.verifyBundle(bundle, artifact, policy, chosen),
      verifyCosignSignature: (payload, annotations) => v.verifyCosignSignature(payload, annotations, policy, chosen),
      verifyCosignAttestation: (envelope, annotations) => v.verifyCosignAttestation(envelope, annotations, policy, chosen)
    };
  };
}

// src/gate/run.ts
async function detectBases(client, inspections, ruleSets) {
  const detector = new BaseDetector(client);
  const freshness = new FreshnessChecker(client, detector);
  await Promise.all(
    inspections.map(async (ins) => {
      if (!ins.ok) return;
      const sets = applicable(ruleSets, ins.ref, ins.facts.digest);
      const patterns = [...new Set(sets.flatMap((rs) => rs.baseImages ?? []))];
      const baseCurrent = sets.some((rs) => rs.baseCurrent);
      const jobs = [];
      if (sets.some((rs) => rs.pinsCurrent)) {
        jobs.push(
          freshness.pin(ins.facts).then((pin) => {
            if (pin) ins.facts.pin = pin;
          })
        );
      }
      if (patterns.length > 0 || baseCurrent) {
        jobs.push(
          (async () => {
            const limits = sets.filter((rs) => rs.registries?.length).map((rs) => rs.registries);
            const refuse = (registry) => limits.map((l) => checkRegistryName(registry, l)[0]?.message).find((m) => m !== void 0);
            const bases = await detector.detect(ins.facts, patterns, refuse);
            ins.facts.platforms.forEach((p, i) => p.base = bases[i]);
            if (!baseCurrent) return;
            const current = await Promise.all(ins.facts.platforms.map((p) => freshness.base(p, patterns)));
            ins.facts.platforms.forEach((p, i) => p.baseCurrent = current[i]);
          })()
        );
      }
      await Promise.all(jobs);
    })
  );
}
function policyCountsNotation(ruleSets) {
  return ruleSets.some(
    (rs) => rs.signature?.notation !== void 0 || (rs.quorum?.signers ?? []).some((n) => n.kind === "notation")
  );
}
function inputRuleSet(inputs, keys = [], notationInPolicy = false) {
  const rs = { source: "inputs" };
  if (inputs.platforms.length > 0) rs.platforms = inputs.platforms;
  if (inputs.baseImages.length > 0) rs.baseImages = inputs.baseImages;
  if (inputs.maxAge !== void 0) rs.maxAge = { seconds: inputs.maxAge, text: inputs.maxAgeText };
  if (inputs.digest !== void 0) rs.digest = inputs.digest;
  if (inputs.requireDigest) rs.requireDigest = true;
  if (inputs.registries.length > 0) rs.registries = inputs.registries;
  if (inputs.labels.length > 0) rs.labels = inputs.labels.map(parseLabelRequirement);
  if (inputs.nonRoot) rs.nonRoot = true;
  if (inputs.baseCurrent) rs.baseCurrent = inputs.baseCurrent;
  if (inputs.pinsCurrent) rs.pinsCurrent = inputs.pinsCurrent;
  const notationAlone = inputs.notationTrustPolicy !== void 0 && !notationInPolicy;
  if (keys.length > 0 || inputs.signatureIdentities.length > 0 || notationAlone)
    rs.signature = { keys, identities: inputs.signatureIdentities, issuer: inputs.signatureIssuer };
  if (rs.signature && inputs.notationTrustPolicy !== void 0) rs.signature.notation = {};
  if (inputs.provenance.length > 0) rs.provenance = { repositories: inputs.provenance };
  if (inputs.attestations.length > 0) rs.attestations = inputs.attestations;
  if (inputs.signatureRepository) rs.signatureRepository = inputs.signatureRepository;
  if (inputs.sbom) rs.sbom = inputs.sbom;
  if (inputs.licenses.length > 0) rs.licenses = { deny: inputs.licenses, unknown: "pass" };
  if (inputs.vulnerabilities)
    rs.vulnerabilities = {
      failOn: inputs.vulnerabilities,
      fixableOnly: false,
      maxReportAge: DEFAULT_MAX_REPORT_AGE,
      ignore: []
    };
  return rs;
}
async function inspectWithTrust(client, item, ruleSets, needs, sigstore, budget, keep, notation) {
  const repo = { registry: item.ref.registry, repository: item.ref.repository };
  const limits = mayApply(ruleSets, item.ref).flatMap((rs) => rs.registries?.length ? [rs.registries] : []);
  const refuse = (registry) => limits.map((l) => checkRegistryName(registry, l)[0]?.message).find((m) => m !== void 0);
  const placesOf = (sets2) => signaturePlaces(
    repo,
    sets2.map((rs) => rs.signatureRepository)
  );
  const discoverIn = (places2) => (digest) => discoverAt(client, repo, places2, digest, budget, refuse, { statements: needs.statements === true });
  const earlyPlaces = placesOf(applicable(ruleSets, item.ref));
  let early;
  if (needs.trust && needsTrust(applicable(ruleSets, item.ref))) {
    early = client.getManifest(repo, manifestReference(item.ref), { confirm: true }).then(
      (m) => discoverIn(earlyPlaces)(m.digest),
      () => void 0
    );
  }
  const drop = () => void early?.then((d) => d?.release());
  const ins = await inspectImage(client, item.input, item.ref, needs);
  if (!ins.ok) {
    drop();
    return ins;
  }
  const sets = applicable(ruleSets, ins.ref, ins.facts.digest);
  const asked = askedStatements(sets);
  if (asked) {
    const read = await readInIndexStatements(client, repo, ins.facts.attestations, budget, asked, STATEMENT_LIMIT, keep);
    ins.facts.statements = read.statements;
    if (read.problems.length > 0) ins.facts.statementProblems = read.problems;
  }
  if (!needs.trust || !needsTrust(sets)) {
    drop();
    return withSboms(ins, sets, asked);
  }
  const keys = /* @__PURE__ */ new Map();
  for (const rs of sets) for (const k of rs.signature?.keys ?? []) keys.set(k.fingerprint, k);
  for (const rs of sets)
    for (const n of rs.quorum?.signers ?? []) if (n.kind === "key") for (const k of n.keys) keys.set(k.fingerprint, k);
  const roots = sets.filter((rs) => needsTrust([rs])).map((rs) => rs.trustedRoot);
  const places = placesOf(sets);
  const discover = discoverIn(places);
  const samePlaces = places.map((r) => `${r.registry}/${r.repository}`).join() === earlyPlaces.map((r) => `${r.registry}/${r.repository}`).join();
  const first = samePlaces && (await early)?.digest === ins.facts.digest ? early : void 0;
  if (!first) drop();
  const found = sbomFound(sets, ins.facts);
  ins.facts.trust = await establishTrust(
    ins.facts,
    {
      keys: [...keys.values()],
      ...sigstore ? { sigstore: sigstore([...keys.values()], roots) } : {},
      ...asked ? { predicates: asked } : {},
      ...found ? { statementsFound: found } : {},
      // Notation's trust policy is chosen by the image's own repository.
      ...notation ? { notation: notation(item.ref.registry, item.ref.repository) } : {}
    },
    (digest) => digest === ins.facts.digest && first ? first : discover(digest),
    // One digest's facts (the top level's or a platform's), judged by every trust rule that applies to the image.
    (facts) => trustSatisfied(ins.input, ins.ref, ins.facts, sets, facts)
  );
  if (sets.some((rs) => rs.provenance) && ins.facts.attestations.length > 0)
    ins.facts.trust.claims = await readProvenanceClaims(client, repo, ins.facts.attestations, budget);
  return withSboms(ins, sets, asked);
}
function attestersOf(sets) {
  return {
    signature: sets.flatMap((rs) => rs.signature ? [rs.signature] : []),
    provenance: sets.flatMap((rs) => rs.provenance ? [rs.provenance] : [])
  };
}
function sbomFound(sets, image) {
  if (!statementRules(sets).every((r) => r === "sbom" || r === "licenses")) return void 0;
  const attesters = attestersOf(sets);
  const accepted = (s, digest) => s.verified && s.subjects.includes(digest) && isAttester(attesters, s);
  const inIndex = image.platforms.length > 0 && image.platforms.every(
    (p) => (image.statements ?? []).some(
      (st) => st.subject === p.digest && isSbomPredicate(st.predicateType) && st.predicate?.ok === true
    )
  );
  return (facts) => {
    const byAccepted = facts.signatures.filter((s) => accepted(s, facts.digest));
    if (byAccepted.some((s) => s.statement !== void 0 && isSbomPredicate(s.statement.predicateType))) return true;
    return inIndex && facts.digest === image.digest && byAccepted.length > 0;
  };
}
function withSboms(ins, sets, asked) {
  if (!asked || ![SPDX_PREDICATE, CYCLONEDX_PREDICATE].some(asked)) return ins;
  const attesters = attestersOf(sets);
  attachSboms(ins.facts, (sig) => isAttester(attesters, sig));
  if (ins.facts.statements) ins.facts.statements = ins.facts.statements.filter((st) => !isSbomPredicate(st.predicateType));
  if (statementRules(sets).every((r) => r === "sbom" || r === "licenses") && ins.facts.trust) {
    for (const t of [ins.facts.trust.top, ...ins.facts.trust.platforms])
      for (const sig of t.signatures)
        if (sig.statement && isSbomPredicate(sig.statement.predicateType))
          sig.statement = { predicateType: sig.statement.predicateType, predicate: null };
  }
  return ins;
}
function parseAll(inputs) {
  return inputs.map((input) => {
    try {
      return { input, ref: parseReference(input), error: void 0 };
    } catch (e) {
      return { input, ref: void 0, error: e instanceof InvalidReference ? e.message : String(e) };
    }
  });
}
function credentialRegistry(inputs, parsed, logger) {
  const registry = inputs.registry ?? parsed.slice(0, inputs.images.length).find((p) => p.ref)?.ref?.registry;
  if (inputs.username !== "" && registry === void 0) {
    logger.warning(
      'Inputs "username" and "password" were not sent to any registry: with no "registry" and no "images", the only registries are the ones "files" names, which a pull request may choose; set "registry" to the host they belong to'
    );
  }
  return registry;
}
function refusal(ruleSets) {
  const everywhere = ruleSets.filter((rs) => rs.images === void 0 && (rs.registries?.length ?? 0) > 0).map((rs) => rs.registries);
  return (registry) => everywhere.map((allowed) => checkRegistryName(registry, allowed)[0]?.message).find((m) => m !== void 0);
}
function judge(inputs, parsed, blocked, inspections, ruleSets, now) {
  const images = [];
  const findings = [];
  let next = 0;
  for (const p of parsed) {
    if (!p.ref) {
      images.push({
        input: p.input,
        ref: void 0,
        facts: void 0,
        rules: [],
        error: { kind: "reference", host: void 0, message: p.error }
      });
      findings.push({
        rule: "inspect",
        image: p.input,
        message: inputs.images.includes(p.input) ? `Input "images": ${p.error}` : p.error
      });
      continue;
    }
    const refused = blocked.get(p.input);
    if (refused) {
      const message = refused.map((f) => f.message).join("; ");
      images.push({
        input: p.input,
        ref: p.ref,
        facts: void 0,
        rules: enabledRules(mayApply(ruleSets, p.ref)),
        error: { kind: "not-allowed", host: p.ref.registry, message }
      });
      findings.push(...refused);
      continue;
    }
    const ins = inspections[next++];
    if (ins.ok) {
      const sets = applicable(ruleSets, p.ref, ins.facts.digest);
      const rules = enabledRules(sets);
      const quorums = quorumReports(sets, ins.facts);
      images.push({
        input: p.input,
        ref: p.ref,
        facts: ins.facts,
        rules,
        error: void 0,
        ...quorums.length > 0 ? { quorums } : {}
      });
      findings.push(...evaluateImage(p.input, p.ref, ins.facts, ruleSets, now));
      findings.push(...mislabeledFindings(p.input, p.ref, ins.facts));
    } else {
      const message = ins.error.message;
      images.push({
        input: p.input,
        ref: p.ref,
        facts: void 0,
        rules: enabledRules(applicable(ruleSets, p.ref)),
        error: { kind: ins.error.kind, host: ins.host, message }
      });
      findings.push({
        rule: "inspect",
        image: p.input,
        reference: formatReference(p.ref),
        host: ins.host,
        message: `cannot be inspected: ${message}`
      });
    }
  }
  return { images, findings };
}
function clientFor(inputs, env, parsed, ruleSets) {
  const registry = credentialRegistry(inputs, parsed, env.logger);
  return createRegistryClient({
    ...inputs.username !== "" && registry !== void 0 ? { input: { registry, username: inputs.username, password: inputs.password } } : {},
    githubToken: inputs.githubToken,
    githubActor: env.githubActor,
    dockerConfigDir: env.dockerConfigDir,
    insecureRegistries: inputs.insecureRegistries,
    env: env.env,
    concurrency: inputs.concurrency,
    logger: env.logger,
    transport: env.transport,
    cacheDir: inputs.cache === void 0 ? void 0 : (0, import_node_path5.resolve)(env.workspace, inputs.cache),
    refuse: refusal(ruleSets)
  });
}
function preflight(parsed, ruleSets, logger) {
  const blocked = /* @__PURE__ */ new Map();
  for (const p of parsed) {
    const found = p.ref ? registryPreflight(p.input, p.ref, ruleSets) : [];
    if (found.length > 0) blocked.set(p.input, found);
  }
  if (blocked.size > 0)
    logger.info(
      `registries: ${blocked.size} image${blocked.size === 1 ? " is" : "s are"} on a registry that is not allowed and will not be contacted`
    );
  return blocked;
}
async function runGate(inputs, env) {
  const trusted = await readTrustedFiles(inputs, env);
  const policyRuleSets = trusted.policy?.ruleSets ?? [];
  const ruleSets = [inputRuleSet(inputs, trusted.keys, policyCountsNotation(policyRuleSets)), ...policyRuleSets];
  const vulns = ruleSets.some((rs) => rs.vulnerabilities) || trusted.vex.length > 0 ? await import("./vulnerabilities-KCTTESH7.js") : void 0;
  const vex = vulns ? vulns.parseVexFiles(trusted.vex) : [];
  if (inputs.vex.length > 0 && !ruleSets.some((rs) => rs.vulnerabilities))
    env.logger.warning(
      'Input "vex" is set, but no rule of the policy checks vulnerabilities: its statements are not used'
    );
  preload(inspectNeeds(ruleSets));
  const files = await scanFiles(
    inputs,
    env,
    ruleSets.flatMap((rs) => rs.platforms ?? [])
  );
  const fromFiles = distinctImages(files.refs).filter((i) => !inputs.images.includes(i));
  if (inputs.files.length > 0) {
    const total = inputs.images.length + fromFiles.length;
    env.logger.info(`Inspecting ${total} image${total === 1 ? "" : "s"} (${fromFiles.length} from files)`);
  }
  const parsed = parseAll([...inputs.images, ...fromFiles]);
  const { client, transport, cache } = await clientFor(inputs, env, parsed, ruleSets);
  const needs = enabledRules(ruleSets).length === 0 ? { config: true } : inspectNeeds(ruleSets);
  if (needs.statements || ruleSets.some((rs) => rs.licenses)) await HEAVY.statements();
  const blocked = preflight(parsed, ruleSets, env.logger);
  const valid = parsed.filter((p) => p.ref !== void 0 && !blocked.has(p.input));
  let inspections;
  try {
    client.prepare(valid.map((v) => v.ref));
    const sigstore = needs.trust ? await sigstoreVerifiers(inputs, trusted.trustedRoot, ruleSets) : void 0;
    const keep = sbomKeeper();
    const budget = new SignatureBudget(
      needs.statements ? STATEMENT_BYTES_BUDGET : SIGNATURE_BYTES_BUDGET,
      SIGNATURE_BUDGET_WAIT_MS
    );
    const material = trusted.notation;
    const notation = needs.trust && material ? await import("./notation-ZFZXRHRD.js").then(
      (m) => (registry, repository) => m.notationVerifier(material, registry, repository, env.now)
    ) : void 0;
    inspections = (await Promise.all(valid.map((v) => inspectWithTrust(client, v, ruleSets, needs, sigstore, budget, keep, notation)))).map((ins) => blameGiveUp(client, ins));
    await detectBases(client, inspections, ruleSets);
  } finally {
    client.close();
  }
  await vulns?.attachVulnerabilities(inspections, ruleSets, vex, {
    database: inputs.vulnerabilityDb,
    concurrency: inputs.concurrency,
    timeoutMs: env.transport?.timeoutMs ?? 3e4,
    query: env.osv ?? (async (queries, options) => (await import("./client-ZL2XR3M5.js")).queryOsv(queries, options)),
    logger: env.logger
  });
  if (cache) {
    const c = cache.stats;
    env.logger.info(
      `cache: ${c.hits} entr${c.hits === 1 ? "y" : "ies"} read, ${c.stored} stored${c.rejected > 0 ? `, ${c.rejected} not trusted and fetched again` : ""}${c.pruned > 0 ? `, ${c.pruned} pruned` : ""}`
    );
  }
  const { images, findings } = judge(inputs, parsed, blocked, inspections, ruleSets, env.now);
  const locations = locationsByImage(files.refs);
  for (const e of files.errors) {
    findings.push({ rule: "inspect", image: e.file, message: e.message });
    locations.set(e.file, [
      ...locations.get(e.file) ?? [],
      { file: e.file, line: Math.max(1, e.line), col: Math.max(1, e.col) }
    ]);
  }
  const byInput = new Map(images.map((i) => [i.input, i]));
  const excused = applyExceptions(
    findings,
    trusted.policy?.exceptions ?? [],
    (f) => ({ ref: byInput.get(f.image)?.ref, digest: byInput.get(f.image)?.facts?.digest }),
    env.now
  );
  for (const f of [...excused.expired, ...vulns?.expiredIgnores(trusted.policy?.ruleSets ?? [], env.now) ?? []]) {
    findings.push(f);
    const line = /\(line (\d+)\)$/.exec(f.image)?.[1];
    if (inputs.policy && parseSource("policy", inputs.policy).kind === "workspace" && line)
      locations.set(f.image, [{ file: inputs.policy, line: Number(line), col: 1 }]);
  }
  const counts = transport.requestCounts;
  const registries = client.stats().map((s) => ({
    registry: s.registry,
    requests: [...counts.entries()].filter(([host]) => host === s.registry || host === apiHost(s.registry)).reduce((a, [, n]) => a + n, 0),
    tokenRequests: s.tokenRequests,
    rateLimitRemaining: s.rateLimitRemaining
  }));
  return {
    rules: enabledRules(ruleSets),
    images,
    findings,
    registries,
    locations,
    fileWarnings: files.warnings,
    exceptions: excused.uses
  };
}

// src/report/outputs.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function buildOutputs(report, reportPath) {
  const digests = {};
  for (const img of report.images) if (img.digest !== null && !(img.input in digests)) digests[img.input] = img.digest;
  return {
    result: report.result,
    violations: String(report.violations),
    digest: report.images[0]?.digest ?? "",
    digests: JSON.stringify(digests),
    pinned: report.images.map((i) => i.pinned).filter((p) => p !== null).join("\n"),
    report: reportPath
  };
}

// src/engine.ts
async function runEngine(inputs, opts) {
  const gate = await runGate(inputs, opts);
  const report = buildReport(gate, inputs.failBuild);
  const imageLines = report.images.map((img) => {
    const platforms = img.platforms.map((p) => p.platform).join(", ");
    if (img.digest)
      return `${img.status === "pass" ? "\u2714" : "\u2718"} ${img.input} \u2192 ${img.digest}${platforms ? ` (${platforms})` : ""}`;
    return `\u2718 ${img.input}: not inspected`;
  });
  if (opts.reportPath !== void 0) writeReport(report, opts.reportPath);
  const outputs = buildOutputs(report, opts.reportPath ?? "");
  const sarif = async () => {
    const { buildSarif, sarifFallback } = await import("./sarif-2KVHLPPD.js");
    const fallback = sarifFallback(opts.workspace, opts.env);
    return buildSarif(report, gate.locations, {
      toolVersion: TOOL_VERSION,
      readmeUrl: opts.readmeUrl,
      ...fallback ? { fallback } : {}
    });
  };
  let sarifPath;
  if (inputs.sarif) {
    sarifPath = (0, import_node_path6.resolve)(opts.workspace, inputs.sarif);
    const { writeSarif } = await import("./sarif-2KVHLPPD.js");
    writeSarif(sarifPath, await sarif());
    opts.logger.info(`SARIF written to ${sarifPath}`);
  }
  if (inputs.comment) await commentOnPullRequest(report, inputs, opts);
  const where = report.images.length > 0 ? ` in ${plural(report.images.length, "image")}` : " (no image was checked)";
  const failure = report.result === "fail" ? `image-gate: ${plural(report.violations, "finding")}${where}` : void 0;
  return { inputs, gate, report, outputs, sarifPath, imageLines, failure, sarif };
}
function runUrl(env) {
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  const repo = env.GITHUB_REPOSITORY ?? "";
  const id = env.GITHUB_RUN_ID ?? "";
  if (!/^https?:\/\/[^\s"'<>]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(id)) return void 0;
  return `${server.replace(/\/+$/, "")}/${repo}/actions/runs/${id}`;
}
async function commentOnPullRequest(report, inputs, opts) {
  const { pullRequestNumber, repositoryFromEnv: repositoryFromEnv2 } = await import("./api-KICVV36Y.js");
  const pull = pullRequestNumber(opts.env);
  const repo = repositoryFromEnv2(opts.env);
  if (pull === void 0 || !repo) {
    opts.logger.notice("comment applies to pull request events; this is not one, so no comment is written");
    return;
  }
  if (inputs.githubToken === "") {
    opts.logger.warning(`comment: "github-token" is empty, so no comment is written on pull request #${pull}`);
    return;
  }
  const { commentBody, commentMarker, recordedResult } = await import("./comment-UEJNKEWP.js");
  const { commentFailure, upsertComment } = await import("./pr-comment-GKPCWIZN.js");
  const marker = commentMarker(opts.env);
  const url = runUrl(opts.env);
  try {
    const outcome = await upsertComment(
      { token: inputs.githubToken, apiUrl: opts.env.GITHUB_API_URL || "https://api.github.com", ...repo, pull, marker },
      (previous) => commentBody(report, {
        marker,
        previous: previous === void 0 ? void 0 : recordedResult(previous),
        runUrl: url,
        now: opts.now
      })
    );
    if (outcome.action === "skipped") opts.logger.warning(`comment: ${outcome.why}; no comment is written`);
    else
      opts.logger.info(
        `${outcome.action === "created" ? "created a comment" : "updated its comment"} on pull request #${pull}: ${outcome.url}`
      );
  } catch (e) {
    opts.logger.warning(`comment: ${commentFailure(e, pull)}; the gate's result stands`);
  }
}
export {
  describeFailure,
  plural,
  readmeUrl,
  runEngine,
  transportOverrides
};
//# sourceMappingURL=engine-Q7FWYZZ7.js.map
