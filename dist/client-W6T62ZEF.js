
import {
  Semaphore,
  formatBytes,
  parseRetryAfter,
  statusText
} from "./chunk-K2P6HCHP.js";
import {
  groupByAlias,
  osvPackage,
  queryKey,
  recordSeverity,
  require_packageurl_js
} from "./chunk-5DF7R6U2.js";
import {
  proxyFetch
} from "./chunk-2DEAEVOV.js";
import {
  BodyTooLarge,
  readResponseBounded
} from "./chunk-I4PPBRJB.js";
import "./chunk-E2N5BNG7.js";
import {
  OsvError,
  parseDatabaseUrl,
  sanitize
} from "./chunk-3QKCKXWS.js";
import "./chunk-EIB2HX3E.js";
import "./chunk-IFHCNWTG.js";
import "./chunk-6SKDKR6X.js";
import "./chunk-5MNGJITQ.js";
import "./chunk-7JOGQH3L.js";
import "./chunk-2DRRLVAF.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

// src/osv/client.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_packageurl_js = __toESM(require_packageurl_js(), 1);

// src/osv/affected.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/osv/versions.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function compareDigits(a, b) {
  const x = a.replace(/^0+(?=.)/, "");
  const y = b.replace(/^0+(?=.)/, "");
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}
var sign = (n) => n < 0 ? -1 : n > 0 ? 1 : 0;
var compareGeneric = (a, b) => {
  const xs = a.match(/\d+|\D+/g) ?? [];
  const ys = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === void 0) return -1;
    if (y === void 0) return 1;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    const c = dx && dy ? compareDigits(x, y) : dx !== dy ? dx ? 1 : -1 : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return sign(c);
  }
  return 0;
};
var SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
var compareSemver = (a, b) => {
  const x = SEMVER.exec(a.trim());
  const y = SEMVER.exec(b.trim());
  if (!x || !y) return compareGeneric(a, b);
  for (const i of [1, 2, 3]) {
    const c = compareDigits(x[i] ?? "0", y[i] ?? "0");
    if (c !== 0) return sign(c);
  }
  const px = x[4];
  const py = y[4];
  if (px === void 0 || py === void 0) return px === py ? 0 : px === void 0 ? 1 : -1;
  const ix = px.split(".");
  const iy = py.split(".");
  for (let i = 0; i < Math.max(ix.length, iy.length); i++) {
    const p = ix[i];
    const q = iy[i];
    if (p === void 0) return -1;
    if (q === void 0) return 1;
    const np = /^\d+$/.test(p);
    const nq = /^\d+$/.test(q);
    const c = np && nq ? compareDigits(p, q) : np !== nq ? np ? -1 : 1 : p < q ? -1 : p > q ? 1 : 0;
    if (c !== 0) return sign(c);
  }
  return 0;
};
var PEP440 = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;
var LOW = -Infinity;
var HIGH = Infinity;
function pep440Key(v) {
  const m = PEP440.exec(v.trim());
  if (!m) return void 0;
  const release = (m[2] ?? "0").split(".");
  while (release.length > 1 && /^0+$/.test(release[release.length - 1])) release.pop();
  const phase = m[3]?.toLowerCase();
  const preRank = phase === void 0 ? void 0 : phase.startsWith("a") ? 0 : phase.startsWith("b") ? 1 : 2;
  const hasPost = m[5] !== void 0 || m[6] !== void 0;
  const hasDev = m[8] !== void 0;
  const postN = Number(m[5] ?? m[7] ?? 0);
  const pre = preRank !== void 0 ? [preRank, Number(m[4] ?? 0)] : !hasPost && hasDev ? [LOW, LOW] : [HIGH, HIGH];
  return {
    epoch: Number(m[1] ?? 0),
    release,
    pre,
    post: hasPost ? postN : LOW,
    dev: hasDev ? Number(m[9] ?? 0) : HIGH,
    local: m[10]?.toLowerCase().split(/[-_.]/)
  };
}
var comparePep440 = (a, b) => {
  const x = pep440Key(a);
  const y = pep440Key(b);
  if (!x || !y) return compareGeneric(a, b);
  if (x.epoch !== y.epoch) return sign(x.epoch - y.epoch);
  for (let i = 0; i < Math.max(x.release.length, y.release.length); i++) {
    const c = compareDigits(x.release[i] ?? "0", y.release[i] ?? "0");
    if (c !== 0) return sign(c);
  }
  for (const [p, q] of [
    [x.pre[0], y.pre[0]],
    [x.pre[1], y.pre[1]],
    [x.post, y.post],
    [x.dev, y.dev]
  ]) {
    if (p !== q) return p < q ? -1 : 1;
  }
  if (x.local === void 0 || y.local === void 0) return x.local === y.local ? 0 : x.local === void 0 ? -1 : 1;
  for (let i = 0; i < Math.max(x.local.length, y.local.length); i++) {
    const p = x.local[i];
    const q = y.local[i];
    if (p === void 0) return -1;
    if (q === void 0) return 1;
    const np = /^\d+$/.test(p);
    const nq = /^\d+$/.test(q);
    const c = np && nq ? compareDigits(p, q) : np !== nq ? np ? 1 : -1 : p < q ? -1 : p > q ? 1 : 0;
    if (c !== 0) return sign(c);
  }
  return 0;
};
function dpkgOrder(c) {
  if (c === void 0 || /\d/.test(c)) return 0;
  if (c === "~") return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}
function verrevcmp(a, b) {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !/\d/.test(a[i]) || j < b.length && !/\d/.test(b[j])) {
      const c2 = dpkgOrder(a[i]) - dpkgOrder(b[j]);
      if (c2 !== 0) return sign(c2);
      i++;
      j++;
    }
    let x = "";
    let y = "";
    while (i < a.length && /\d/.test(a[i])) x += a[i++];
    while (j < b.length && /\d/.test(b[j])) y += b[j++];
    const c = compareDigits(x || "0", y || "0");
    if (c !== 0) return sign(c);
  }
  return 0;
}
function dpkgParts(v) {
  const m = /^(\d+):(.*)$/.exec(v.trim());
  const epoch = m ? m[1] : "0";
  const rest = m ? m[2] : v.trim();
  const dash = rest.lastIndexOf("-");
  return dash > 0 ? [epoch, rest.slice(0, dash), rest.slice(dash + 1)] : [epoch, rest, ""];
}
var compareDpkg = (a, b) => {
  const [ea, ua, ra] = dpkgParts(a);
  const [eb, ub, rb] = dpkgParts(b);
  return sign(compareDigits(ea, eb)) || verrevcmp(ua, ub) || verrevcmp(ra, rb);
};
var APK = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:~[0-9a-f]+)?(?:-r(\d+))?$/;
var APK_SUFFIXES = ["alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"];
var compareApk = (a, b) => {
  const x = APK.exec(a.trim());
  const y = APK.exec(b.trim());
  if (!x || !y) return compareGeneric(a, b);
  const nx = x[1].split(".");
  const ny = y[1].split(".");
  for (let i = 0; i < Math.max(nx.length, ny.length); i++) {
    if (nx[i] === void 0) return -1;
    if (ny[i] === void 0) return 1;
    const c = compareDigits(nx[i], ny[i]);
    if (c !== 0) return sign(c);
  }
  if (x[2] !== y[2]) return x[2] < y[2] ? -1 : 1;
  const sx = [...x[3].matchAll(/_([a-z]+)(\d*)/g)];
  const sy = [...y[3].matchAll(/_([a-z]+)(\d*)/g)];
  for (let i = 0; i < Math.max(sx.length, sy.length); i++) {
    const rank = (m) => APK_SUFFIXES.indexOf(m?.[1] ?? "");
    const c = rank(sx[i]) - rank(sy[i]) || compareDigits(sx[i]?.[2] || "0", sy[i]?.[2] || "0");
    if (c !== 0) return sign(c);
  }
  return sign(compareDigits(x[4] ?? "0", y[4] ?? "0"));
};
var SEMVER_ECOSYSTEMS = /* @__PURE__ */ new Set(["npm", "Go", "crates.io", "Hex", "Pub", "SwiftURL", "NuGet", "Bitnami"]);
var DPKG_ECOSYSTEMS = /* @__PURE__ */ new Set(["Debian", "Ubuntu", "Echo"]);
var APK_ECOSYSTEMS = /* @__PURE__ */ new Set(["Alpine", "Wolfi", "Chainguard", "Alpaquita", "MinimOS"]);
function comparatorFor(type, ecosystem) {
  if (type === "SEMVER") return compareSemver;
  if (type !== "ECOSYSTEM") return void 0;
  const base = ecosystem.split(":")[0] ?? "";
  if (base === "PyPI") return comparePep440;
  if (SEMVER_ECOSYSTEMS.has(base)) return compareSemver;
  if (DPKG_ECOSYSTEMS.has(base)) return compareDpkg;
  if (APK_ECOSYSTEMS.has(base)) return compareApk;
  return compareGeneric;
}

// src/osv/affected.ts
function sameName(ecosystem, a, b) {
  if (ecosystem.split(":")[0] === "PyPI") {
    const norm = (s) => s.replace(/[-_.]+/g, "-").toLowerCase();
    return norm(a) === norm(b);
  }
  return a === b;
}
function sameEcosystem(entry, asked) {
  return entry === asked || !asked.includes(":") && entry.split(":")[0] === asked;
}
function entriesFor(affected2, pkg) {
  return affected2.filter((a) => sameEcosystem(a.ecosystem, pkg.ecosystem) && sameName(a.ecosystem, a.name, pkg.name));
}
var eventVersion = (e) => Object.values(e)[0];
var kind = (e) => Object.keys(e)[0];
function sortEvents(events, compare) {
  const key = (e) => "introduced" in e && e.introduced === "0" ? void 0 : eventVersion(e);
  return events.filter((e) => kind(e) !== "limit").sort((x, y) => {
    const a = key(x);
    const b = key(y);
    if (a === void 0 || b === void 0) return a === b ? 0 : a === void 0 ? -1 : 1;
    return compare(a, b);
  });
}
function locate(range, ecosystem, version) {
  const compare = comparatorFor(range.type, ecosystem);
  if (!compare) return void 0;
  const events = sortEvents(range.events, compare);
  let inside = false;
  let end;
  for (const e of events) {
    const v = eventVersion(e);
    if ("introduced" in e) {
      if (v === "0" || compare(version, v) >= 0) {
        inside = true;
        end = void 0;
      }
    } else if ("fixed" in e) {
      if (compare(version, v) >= 0) inside = false;
      else if (inside && !end) end = e;
    } else if ("last_affected" in e) {
      if (compare(version, v) > 0) inside = false;
      else if (inside && !end) end = e;
    }
  }
  return inside ? { inside, ...end ? { end } : {} } : { inside: false };
}
function fixedVersion(affected2, pkg, version) {
  for (const entry of entriesFor(affected2, pkg)) {
    for (const range of entry.ranges) {
      const at = locate(range, entry.ecosystem, version);
      if (at?.inside && at.end && "fixed" in at.end) return at.end.fixed;
    }
  }
  for (const entry of entriesFor(affected2, pkg)) {
    if (!entry.versions.includes(version)) continue;
    for (const range of entry.ranges) {
      const compare = comparatorFor(range.type, entry.ecosystem);
      if (!compare) continue;
      const later = sortEvents(range.events, compare).find((e) => "fixed" in e && compare(version, e.fixed) < 0);
      if (later && "fixed" in later) return later.fixed;
    }
  }
  return void 0;
}

// src/osv/record.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var OSV_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
var ShapeError = class extends Error {
};
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function list(v, what) {
  if (v === void 0 || v === null) return [];
  if (!Array.isArray(v)) throw new ShapeError(`${what} is not a list`);
  return v;
}
function text(v, what) {
  if (typeof v !== "string") throw new ShapeError(`${what} is not a string`);
  return v;
}
function event(v) {
  if (!isObject(v)) throw new ShapeError("an affected range event is not an object");
  const keys = Object.keys(v).filter((k2) => ["introduced", "fixed", "last_affected", "limit"].includes(k2));
  if (keys.length !== 1)
    throw new ShapeError("an affected range event does not name one of introduced, fixed, last_affected, limit");
  const k = keys[0];
  return { [k]: text(v[k], `the ${k} of a range event`) };
}
function affected(v) {
  if (!isObject(v)) throw new ShapeError("an affected entry is not an object");
  if (v.package === void 0) return void 0;
  if (!isObject(v.package)) throw new ShapeError("an affected package is not an object");
  return {
    ecosystem: text(v.package.ecosystem, "an affected package ecosystem"),
    name: text(v.package.name, "an affected package name"),
    ranges: list(v.ranges, "affected ranges").map((r) => {
      if (!isObject(r)) throw new ShapeError("an affected range is not an object");
      return { type: text(r.type, "a range type"), events: list(r.events, "range events").map(event) };
    }),
    versions: list(v.versions, "affected versions").map((x) => text(x, "an affected version"))
  };
}
var ids = (v, what) => list(v, what).map((a) => text(a, `an entry of ${what}`)).filter((a) => OSV_ID.test(a));
function renamed(upstream) {
  const named = ids(upstream, "upstream");
  return named.length === 1 ? named : [];
}
function parseRecord(json, id) {
  if (!isObject(json)) throw new ShapeError("the record is not a JSON object");
  if (json.id !== id) throw new ShapeError(`the record's id is not ${id}`);
  const summary = json.summary === void 0 || json.summary === null ? void 0 : text(json.summary, "the summary");
  const severity = list(json.severity, "severity").map((s) => {
    if (!isObject(s)) throw new ShapeError("a severity entry is not an object");
    return { type: text(s.type, "a severity type"), score: text(s.score, "a severity score") };
  });
  const ds = isObject(json.database_specific) ? json.database_specific.severity : void 0;
  return {
    id,
    // Only ids the gate can show and match; anything else is not an id.
    aliases: [.../* @__PURE__ */ new Set([...ids(json.aliases, "aliases"), ...renamed(json.upstream)])].filter((a) => a !== id),
    ...summary !== void 0 ? { summary: summary.slice(0, 1e3) } : {},
    severity,
    affected: list(json.affected, "affected").map(affected).filter((a) => a !== void 0),
    ...typeof ds === "string" ? { databaseSeverity: ds } : {}
  };
}
function parseBatch(json, count) {
  if (!isObject(json)) throw new ShapeError("the answer is not a JSON object");
  const results = list(json.results, "results");
  if (results.length !== count) throw new ShapeError(`it has ${results.length} results for ${count} queries`);
  return results.map((r) => {
    if (!isObject(r)) throw new ShapeError("a result is not an object");
    const ids2 = list(r.vulns, "vulns").map((v) => {
      if (!isObject(v)) throw new ShapeError("a listed vulnerability is not an object");
      const id = text(v.id, "a vulnerability id");
      if (!OSV_ID.test(id)) throw new ShapeError("a vulnerability id is not an OSV id");
      return id;
    });
    const token = r.next_page_token;
    if (token === void 0 || token === null || token === "") return { ids: ids2 };
    if (typeof token !== "string" || token.length > 4096)
      throw new ShapeError("a next_page_token is not a short string");
    return { ids: ids2, nextPageToken: token };
  });
}

// src/osv/client.ts
var BATCH_SIZE = 1e3;
var MAX_ANSWER_BYTES = 16 << 20;
var MAX_RECORD_BYTES = 1 << 20;
var MAX_IDS = 1e4;
var MAX_QUERIES = 1e5;
var MAX_PAGES = 10;
var ERROR_BODY_BYTES = 4096;
var DEFAULT_RETRIES = { attempts: 3, backoffMs: 500, maxRetryAfterMs: 3e4 };
var RETRY_STATUSES = /* @__PURE__ */ new Set([429, 500, 502, 503, 504]);
var RETRY_CODES = /* @__PURE__ */ new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "UND_ERR_SOCKET", "EAI_AGAIN", "ECONNABORTED"]);
async function queryOsv(queries, options) {
  const ctx = context(options);
  try {
    return await ask(ctx, queries);
  } finally {
    ctx.release();
  }
}
async function ask(ctx, queries) {
  const distinct = /* @__PURE__ */ new Map();
  for (const q of queries) distinct.set(queryKey(q), q);
  if (distinct.size > MAX_QUERIES)
    throw new OsvError(ctx.host, `${distinct.size} packages to ask about, more than the ${MAX_QUERIES} the gate asks`);
  const listed = /* @__PURE__ */ new Map();
  const chunks = [];
  const all = [...distinct.values()];
  for (let i = 0; i < all.length; i += BATCH_SIZE) chunks.push(all.slice(i, i + BATCH_SIZE));
  await runAll(
    ctx,
    chunks.map((chunk) => () => batch(ctx, chunk, listed))
  );
  const byId = /* @__PURE__ */ new Map();
  for (const [key, ids2] of listed) {
    for (const id of ids2) {
      const keys = byId.get(id);
      if (keys) keys.push(key);
      else byId.set(id, [key]);
    }
  }
  const found = /* @__PURE__ */ new Map();
  await runAll(
    ctx,
    [...byId].map(([id, keys]) => async () => {
      const record = await fetchRecord(ctx, id);
      for (const key of keys) {
        const v = vulnerability(record, distinct.get(key));
        const list2 = found.get(key);
        if (list2) list2.push(v);
        else found.set(key, [v]);
      }
    })
  );
  const answer = /* @__PURE__ */ new Map();
  for (const key of distinct.keys()) answer.set(key, groupByAlias(found.get(key) ?? []));
  return answer;
}
function context(options) {
  const base = options.url.replace(/\/+$/, "");
  let host;
  try {
    host = new URL(base).host;
  } catch {
    throw new OsvError(sanitize(base, 100), "is not a URL");
  }
  const stop = new AbortController();
  const ended = () => stop.abort(new OsvError(host, "the run stopped before the database answered"));
  if (options.signal?.aborted) ended();
  else options.signal?.addEventListener("abort", ended, { once: true });
  return {
    release: () => options.signal?.removeEventListener("abort", ended),
    ids: /* @__PURE__ */ new Set(),
    base,
    host,
    fetch: proxyFetch(base) ?? fetch,
    options,
    retries: options.retries ?? DEFAULT_RETRIES,
    limit: new Semaphore(options.concurrency),
    stop,
    stats: options.stats ?? { requests: 0, batches: 0, records: 0 }
  };
}
function vulnerability(record, q) {
  const pkg = osvPackage(q);
  const fixed = pkg ? fixedVersion(record.affected, pkg, q.version) : void 0;
  const { severity, score, vector } = recordSeverity(record);
  return {
    id: record.id,
    aliases: record.aliases,
    severity,
    ...score !== void 0 ? { score } : {},
    ...vector !== void 0 ? { vector } : {},
    ...fixed !== void 0 ? { fixed } : {},
    ...record.summary !== void 0 ? { summary: record.summary } : {}
  };
}
async function runAll(ctx, tasks) {
  let first;
  await Promise.all(
    tasks.map(
      (task) => ctx.limit.run(task, ctx.stop.signal).catch((e) => {
        if (first === void 0) {
          first = e;
          ctx.stop.abort(e);
        }
      })
    )
  );
  if (first !== void 0) throw first;
}
function apiQuery(q, pageToken) {
  let pkg;
  if (q.package) pkg = { ecosystem: q.package.ecosystem, name: q.package.name };
  else {
    let purl = q.purl;
    try {
      const p = import_packageurl_js.PackageURL.fromString(q.purl);
      if (p.version !== void 0)
        purl = new import_packageurl_js.PackageURL(p.type, p.namespace, p.name, void 0, p.qualifiers, p.subpath).toString();
    } catch {
    }
    pkg = { purl };
  }
  return { package: pkg, version: q.version, ...pageToken !== void 0 ? { page_token: pageToken } : {} };
}
async function batch(ctx, chunk, listed) {
  let pending = chunk.map((q) => ({ q }));
  for (let page = 1; pending.length > 0; page++) {
    if (page > MAX_PAGES)
      throw new OsvError(
        ctx.host,
        `answered more than ${MAX_PAGES} pages for a query to POST /v1/querybatch (${pending[0].q.purl})`
      );
    const body = JSON.stringify({ queries: pending.map((p) => apiQuery(p.q, p.token)) });
    ctx.stats.batches++;
    const json = await request(ctx, "POST", "/v1/querybatch", MAX_ANSWER_BYTES, body);
    let results;
    try {
      results = parseBatch(json, pending.length);
    } catch (e) {
      if (e instanceof ShapeError)
        throw new OsvError(ctx.host, `the answer to POST /v1/querybatch is not a batch answer: ${e.message}`);
      throw e;
    }
    const next = [];
    results.forEach((r, i) => {
      const q = pending[i].q;
      const key = queryKey(q);
      const ids2 = listed.get(key) ?? /* @__PURE__ */ new Set();
      for (const id of r.ids) {
        ids2.add(id);
        ctx.ids.add(id);
      }
      listed.set(key, ids2);
      if (r.nextPageToken !== void 0) next.push({ q, token: r.nextPageToken });
    });
    if (ctx.ids.size > MAX_IDS)
      throw new OsvError(
        ctx.host,
        `lists more than ${MAX_IDS} vulnerabilities for these packages, the most records the gate reads`
      );
    pending = next;
  }
}
async function fetchRecord(ctx, id) {
  const path = `/v1/vulns/${encodeURIComponent(id)}`;
  ctx.stats.records++;
  const json = await request(ctx, "GET", path, MAX_RECORD_BYTES);
  try {
    return parseRecord(json, id);
  } catch (e) {
    if (e instanceof ShapeError)
      throw new OsvError(ctx.host, `the answer to GET ${path} is not the OSV record of ${id}: ${e.message}`);
    throw e;
  }
}
async function request(ctx, method, path, limit, body) {
  const what = `${method} ${path}`;
  const { attempts, backoffMs, maxRetryAfterMs } = ctx.retries;
  for (let attempt = 1; ; attempt++) {
    if (ctx.stop.signal.aborted) throw ctx.stop.signal.reason;
    const deadline = AbortSignal.timeout(ctx.options.timeoutMs);
    const signal = AbortSignal.any([deadline, ctx.stop.signal]);
    const timedOut = () => new OsvError(ctx.host, `no complete answer within ${ctx.options.timeoutMs / 1e3} s to ${what}`);
    let res;
    try {
      ctx.stats.requests++;
      res = await ctx.fetch(`${ctx.base}${path}`, {
        method,
        redirect: "manual",
        signal,
        headers: {
          accept: "application/json",
          "user-agent": "image-gate",
          ...body !== void 0 ? { "content-type": "application/json" } : {}
        },
        ...body !== void 0 ? { body } : {}
      });
    } catch (e) {
      if (ctx.stop.signal.aborted) throw ctx.stop.signal.reason;
      if (deadline.aborted) throw timedOut();
      const code = networkCode(e);
      if (attempt < attempts && code !== void 0 && RETRY_CODES.has(code)) {
        await pause(ctx, backoff(backoffMs, attempt));
        continue;
      }
      const tries = attempt === 1 ? "" : ` (tried ${attempt} times)`;
      throw new OsvError(ctx.host, `${what} failed: ${describeNetworkError(e)}${tries}`);
    }
    if (RETRY_STATUSES.has(res.status)) {
      await discard(res);
      const retryAfter = parseRetryAfter(res.headers.get("retry-after") ?? void 0);
      if (retryAfter !== void 0 && retryAfter > maxRetryAfterMs)
        throw new OsvError(
          ctx.host,
          `answered ${statusText(res.status)} to ${what}, asking to wait ${Math.ceil(retryAfter / 1e3)} s, longer than the ${maxRetryAfterMs / 1e3} s the gate waits`
        );
      if (attempt >= attempts)
        throw new OsvError(ctx.host, `answered ${statusText(res.status)} to ${what} (tried ${attempt} times)`);
      await pause(ctx, retryAfter ?? backoff(backoffMs, attempt));
      continue;
    }
    if (res.status >= 300 && res.status < 400) {
      await discard(res);
      throw new OsvError(
        ctx.host,
        `answered ${statusText(res.status)} to ${what}: a redirect, which the gate does not follow`
      );
    }
    if (!res.ok) {
      const message = await errorMessage(res, signal);
      throw new OsvError(ctx.host, `answered ${statusText(res.status)} to ${what}${message ? `: ${message}` : ""}`);
    }
    let bytes;
    try {
      bytes = await readResponseBounded(res, limit);
    } catch (e) {
      if (e instanceof BodyTooLarge)
        throw new OsvError(
          ctx.host,
          `the answer to ${what} is ${e.length !== void 0 ? `${e.length} bytes` : `more than ${formatBytes(limit)}`}, over the ${formatBytes(limit)} limit; not read further`
        );
      if (ctx.stop.signal.aborted) throw ctx.stop.signal.reason;
      if (deadline.aborted) throw timedOut();
      throw new OsvError(ctx.host, `the answer to ${what} broke off: ${describeNetworkError(e)}`);
    }
    try {
      return JSON.parse(bytes.toString("utf8"));
    } catch {
      throw new OsvError(ctx.host, `the answer to ${what} is not JSON`);
    }
  }
}
var backoff = (ms, attempt) => Math.round(ms * 2 ** (attempt - 1) * (0.5 + Math.random()));
function pause(ctx, ms) {
  return new Promise((resolve, reject) => {
    const signal = ctx.stop.signal;
    if (signal.aborted) return reject(signal.reason);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal.addEventListener("abort", stop, { once: true });
  });
}
async function discard(res) {
  await res.body?.cancel().catch(() => {
  });
}
async function errorMessage(res, signal) {
  try {
    if (signal.aborted) return void 0;
    const bytes = await readResponseBounded(res, ERROR_BODY_BYTES);
    const json = JSON.parse(bytes.toString("utf8"));
    return typeof json.message === "string" && json.message.trim() ? sanitize(json.message, 200) : void 0;
  } catch {
    await discard(res);
    return void 0;
  }
}
function networkCode(e) {
  const cause = e.cause;
  const code = cause?.code ?? e.code;
  return typeof code === "string" ? code : void 0;
}
function describeNetworkError(e) {
  const code = networkCode(e);
  const cause = e.cause;
  const message = typeof cause?.message === "string" ? cause.message : e instanceof Error ? e.message : String(e);
  return sanitize(code && !message.includes(code) ? `${code}: ${message}` : message, 200);
}
export {
  BATCH_SIZE,
  DEFAULT_RETRIES,
  MAX_ANSWER_BYTES,
  MAX_IDS,
  MAX_PAGES,
  MAX_QUERIES,
  MAX_RECORD_BYTES,
  parseDatabaseUrl,
  queryOsv
};
//# sourceMappingURL=client-W6T62ZEF.js.map
