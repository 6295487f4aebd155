
import {
  RegistryError,
  aborted,
  fromManifestError,
  parseManifest,
  registryErrorCodes
} from "./chunk-BHOE3INQ.js";
import {
  require_http
} from "./chunk-W5D7XUTN.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/registry/responses.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var http = __toESM(require_http(), 1);
var HEADER_REFUSALS = /* @__PURE__ */ new Set([400, 413, 431]);
function headersRefused(res, method) {
  if (!HEADER_REFUSALS.has(res.status)) return false;
  return res.status !== 400 || method === "HEAD" || /(header|cookie).{0,40}too (large|long)/i.test(res.body.toString("latin1"));
}
function statusText(status) {
  return `${status} ${http.STATUS_CODES[status] ?? ""}`.trim();
}
function headerValue(v) {
  const s = Array.isArray(v) ? v[0] : v;
  return s === void 0 || s === "" ? void 0 : s.trim();
}
function parseFrom(host, ...args) {
  try {
    return parseManifest(...args);
  } catch (e) {
    throw fromManifestError(e, host);
  }
}
function statusError(res, repo, what) {
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
      return new RegistryError(
        "rate-limited",
        `${where}: rate limited fetching ${what} (${detail}); retries exhausted`,
        { host, status: 429, codes }
      );
    default:
      if (headersRefused(res, "GET")) {
        return new RegistryError(
          "server",
          `${where}: ${what}: the registry (or the proxy in front of it) refused the request's headers as too large (${statusText(res.status)})`,
          {
            host,
            status: res.status,
            codes
          }
        );
      }
      return new RegistryError(
        "server",
        `${where}: ${what}: the registry answered ${detail}${res.status >= 500 ? "; retries exhausted" : ""}`,
        {
          host,
          status: res.status,
          codes
        }
      );
  }
}

// src/registry/retries.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var RETRY_STATUSES = /* @__PURE__ */ new Set([429, 500, 502, 503, 504]);
var RETRY_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ECONNABORTED",
  "UND_ERR_SOCKET"
]);
function endedWithoutAnswer(e) {
  if (e.kind !== "unreachable") return false;
  const cause = e.cause;
  const code = cause?.code ?? "";
  return code === "ECONNRESET" || code === "EPIPE" || code.startsWith("HPE_") || /socket hang up|closed before|premature close/i.test(cause?.message ?? "");
}
async function withRetries(req, url, opts, label, deadline, tryOnce) {
  const began = Date.now();
  for (let attempt = 1; ; attempt++) {
    let res;
    let error;
    const gone = (attempt > 1 ? req.abandoned?.() : void 0) ?? aborted(req.signal);
    if (gone) throw gone;
    const budget = Math.min(opts.timeoutMs, deadline - Date.now());
    if (budget <= 0) throw chainTimeout(opts, req, url, label);
    try {
      res = await tryOnce(budget);
    } catch (e) {
      error = e instanceof RegistryError ? e : new RegistryError("unreachable", `${label}: ${e.message}`, { host: label, cause: e });
      if (error.kind === "timeout" && !req.signal?.aborted) req.onTimeout?.(error);
      const stopped = aborted(req.signal);
      if (stopped) throw stopped;
      if (!isRetryable(e) || req.plainProbe && endedWithoutAnswer(error)) throw error;
    }
    if (res && !RETRY_STATUSES.has(res.status)) return res;
    const spent = Date.now() - began;
    const left = Math.min(opts.retryBudgetMs - spent, deadline - Date.now());
    const backoff = Math.round(opts.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    const retryAfter = res ? parseRetryAfter(res.headers["retry-after"]) : void 0;
    const wait = retryAfter !== void 0 ? Math.max(retryAfter, 0) : backoff;
    const why = res ? statusText(res.status) : error.message;
    if (attempt >= opts.maxAttempts || wait > left) {
      if (res) return res;
      const tries = attempt === 1 ? "once" : `${attempt} times`;
      throw new RegistryError(error.kind, `${error.message} (tried ${tries})`, { host: label, cause: error.cause });
    }
    opts.logger.debug(`${req.method} ${url.host}${url.pathname}: ${why}; retry ${attempt} in ${wait} ms`);
    await sleep(wait, req.signal);
  }
}
function chainTimeout(opts, req, url, label) {
  const total = (opts.timeoutMs + opts.retryBudgetMs) / 1e3;
  return new RegistryError(
    "timeout",
    `${label}: no complete answer within ${total} s for ${req.method} ${url.pathname}, redirects and retries included`,
    { host: label }
  );
}
function attemptTimeout(opts, req, url, label, budgetMs) {
  if (budgetMs < opts.timeoutMs) return chainTimeout(opts, req, url, label);
  return new RegistryError(
    "timeout",
    `${label}: no complete answer within ${opts.timeoutMs / 1e3} s for ${req.method} ${url.pathname}`,
    { host: label }
  );
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
var STALL_LIMIT = 2;
function countTimeout(stalls, registry, e) {
  stalls.timeouts++;
  stalls.firstTimeout ??= e.message.startsWith(`${registry}: `) ? e.message.slice(registry.length + 2) : e.message;
  if (stalls.timeouts < STALL_LIMIT) return void 0;
  return new RegistryError(
    "timeout",
    `${registry}: given up on after ${stalls.timeouts} requests timed out (the first: ${stalls.firstTimeout}); its requests still waiting were ended and the rest of this run's were not sent`,
    { host: registry }
  );
}

// src/registry/limits.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var ERROR_BODY_LIMIT = 1 << 20;
async function readBounded(msg, ok, maxBytes, label, url) {
  const limit = ok ? maxBytes : Math.min(ERROR_BODY_LIMIT, maxBytes);
  const length = Number(msg.headers["content-length"]);
  if (ok && Number.isFinite(length) && length > limit) {
    msg.destroy();
    throw tooLarge(label, url, length, limit);
  }
  const read = await readLimited(msg, limit, ok && Number.isFinite(length) && length >= 0 ? length : void 0);
  if (read.truncated && ok) throw tooLarge(label, url, void 0, limit);
  return read;
}
function tooLarge(label, url, length, limit) {
  const size = length !== void 0 ? `${length} bytes` : `more than ${limit} bytes`;
  return new RegistryError(
    "too-large",
    `${label}: the body of ${url.pathname} is ${size}, over the ${formatBytes(limit)} limit; not read further`,
    { host: label }
  );
}
function formatBytes(n) {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
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
    msg.on(
      "end",
      () => settle(() => resolve({ body: whole ? whole.subarray(0, size) : Buffer.concat(chunks), truncated: false }))
    );
    msg.on("error", (e) => settle(() => reject(e)));
    msg.on("close", () => {
      if (!msg.complete)
        settle(
          () => reject(Object.assign(new Error("connection closed before the answer was complete"), { code: "ECONNRESET" }))
        );
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
var Limiter = class {
  semaphores = /* @__PURE__ */ new Map();
  n;
  constructor(n) {
    this.n = n;
  }
  run(key, task, signal) {
    let sem = this.semaphores.get(key);
    if (!sem) {
      sem = new Semaphore(this.n);
      this.semaphores.set(key, sem);
    }
    return sem.run(task, signal);
  }
};
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

export {
  headersRefused,
  statusText,
  headerValue,
  parseFrom,
  statusError,
  endedWithoutAnswer,
  withRetries,
  attemptTimeout,
  parseRetryAfter,
  sleep,
  countTimeout,
  readBounded,
  formatBytes,
  drained,
  Limiter,
  Semaphore
};
//# sourceMappingURL=chunk-IAFFZGJU.js.map
