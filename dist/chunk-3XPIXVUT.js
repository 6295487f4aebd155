
import {
  HttpClient,
  require_undici_lazy
} from "./chunk-W5D7XUTN.js";
import {
  require_fs
} from "./chunk-MT22UEVM.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/github/api.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_fs = __toESM(require_fs(), 1);
var import_undici = __toESM(require_undici_lazy(), 1);
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set([
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment"
]);
function proxyFetch(baseUrl) {
  const dispatcher = new HttpClient("image-gate").getAgentDispatcher(baseUrl);
  if (!dispatcher) return void 0;
  return ((url, init) => (0, import_undici.fetch)(url, { ...init, dispatcher }));
}
function pullRequestPayload(env) {
  const event = env.GITHUB_EVENT_NAME ?? "";
  if (!PULL_REQUEST_EVENTS.has(event) || !env.GITHUB_EVENT_PATH) return void 0;
  try {
    return JSON.parse((0, import_node_fs.readFileSync)(env.GITHUB_EVENT_PATH, "utf8"));
  } catch {
    return void 0;
  }
}
function pullRequestNumber(env = process.env) {
  const payload = pullRequestPayload(env);
  const n = payload?.pull_request?.number ?? payload?.number;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : void 0;
}
function baseCommit(env = process.env) {
  const isFull = (s) => typeof s === "string" && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(s);
  if (PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? "")) {
    const sha = pullRequestPayload(env)?.pull_request?.base?.sha;
    return isFull(sha) ? { sha, pullRequest: true } : void 0;
  }
  return isFull(env.GITHUB_SHA) ? { sha: env.GITHUB_SHA, pullRequest: false } : void 0;
}
function repositoryFromEnv(env = process.env) {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(env.GITHUB_REPOSITORY ?? "");
  return m && m[1] && m[2] ? { owner: m[1], repo: m[2] } : void 0;
}

export {
  PULL_REQUEST_EVENTS,
  proxyFetch,
  pullRequestNumber,
  baseCommit,
  repositoryFromEnv
};
//# sourceMappingURL=chunk-3XPIXVUT.js.map
