
import {
  RegistryClient,
  TlsConfig,
  Transport,
  blameGiveUp,
  certsDirsFromEnv,
  inspectImage
} from "./chunk-GRUGEEZE.js";
import {
  applicable,
  enabledRules,
  evaluateImage,
  inspectNeeds,
  loadChecks,
  mayApply,
  mislabeledFindings,
  registryPreflight
} from "./chunk-YFBZMPXE.js";
import "./chunk-IAFFZGJU.js";
import "./chunk-IYMIIVDP.js";
import {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  repositoryFromEnv
} from "./chunk-3XPIXVUT.js";
import {
  applyExceptions
} from "./chunk-CRJFI2DQ.js";
import {
  BodyTooLarge,
  readBoundedSync,
  readResponseBounded
} from "./chunk-SAB5O5SG.js";
import "./chunk-HDCFIDBJ.js";
import {
  distinctImages,
  locationsByImage
} from "./chunk-UQU5SVHF.js";
import {
  TOOL_VERSION,
  buildReport,
  writeReport
} from "./chunk-ZGGBRFNG.js";
import {
  VEX_MAX_BYTES,
  checkRegistryName
} from "./chunk-HZ22G5RC.js";
import "./chunk-XXP2TPTK.js";
import "./chunk-IKJXDASR.js";
import {
  plural
} from "./chunk-WR2SZKDG.js";
import {
  InputError
} from "./chunk-62ROBF6K.js";
import {
  require_os
} from "./chunk-DZRP2ASS.js";
import {
  RegistryError
} from "./chunk-BHOE3INQ.js";
import "./chunk-MVD7MK3L.js";
import {
  parseLabelRequirement
} from "./chunk-O5L4BDB6.js";
import "./chunk-IOGWUVS2.js";
import {
  registerSecret
} from "./chunk-JKCKZTIS.js";
import "./chunk-W5D7XUTN.js";
import {
  PolicyError
} from "./chunk-F5NH5YHL.js";
import {
  DEFAULT_MAX_REPORT_AGE,
  KEY_FILE_LIMIT,
  KeyError,
  TRUSTED_ROOT_MAX_BYTES,
  parsePublicKey,
  readKeyFile,
  splitKeySources
} from "./chunk-OISVCNRR.js";
import "./chunk-DKQD7TJL.js";
import {
  require_fs
} from "./chunk-MT22UEVM.js";
import {
  require_path
} from "./chunk-FZ4MN5IN.js";
import "./chunk-WG257OMD.js";
import "./chunk-3EXKOP6I.js";
import "./chunk-Y5I46MST.js";
import "./chunk-IPQCI7W4.js";
import "./chunk-RPWR6KMM.js";
import "./chunk-A6VFLDUP.js";
import {
  DOCKER_HUB,
  DOCKER_HUB_CONFIG_KEY,
  InvalidReference,
  apiHost,
  formatReference,
  normalizeRegistryName,
  parseReference
} from "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import {
  __commonJS,
  __require,
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// builtin:child_process
var require_child_process = __commonJS({
  "builtin:child_process"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:child_process");
    var lazy2 = {};
    for (const k of "_forkChild,ChildProcess,exec,execFile,execFileSync,execSync,fork,spawn,spawnSync".split(","))
      Object.defineProperty(lazy2, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    Object.defineProperty(lazy2, /* @__PURE__ */ Symbol.for("image-gate.lazy-builtin"), { value: true });
    module.exports = lazy2;
  }
});

// src/engine.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_path5 = __toESM(require_path(), 1);

// src/gate/run.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_path4 = __toESM(require_path(), 1);

// src/registry/setup.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/registry/credentials.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_child_process = __toESM(require_child_process(), 1);
var import_node_fs = __toESM(require_fs(), 1);
var import_node_os = __toESM(require_os(), 1);
var import_node_path = __toESM(require_path(), 1);
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
    return (0, import_node_path.join)(this.opts.dockerConfigDir ?? (0, import_node_path.join)((0, import_node_os.homedir)(), ".docker"), "config.json");
  }
  loadConfig() {
    this.config ??= (async () => {
      const path = this.configPath();
      let text;
      try {
        text = await readText(path);
      } catch (e) {
        if (e.code === "ENOENT") return void 0;
        throw new RegistryError("credentials", `cannot read ${path}: ${e.message}`);
      }
      try {
        const parsed = JSON.parse(text);
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
          `${path} is not valid docker config JSON (${jsonErrorPlace(e, text)}); fix the file or point DOCKER_CONFIG elsewhere`
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
        const text = out.trim();
        if (code !== 0) {
          if (/credentials not found/i.test(text + err)) return resolve5(void 0);
          return reject(fail(`exit code ${code}${err.trim() ? `: ${firstLine(err)}` : ""}`));
        }
        let parsed;
        try {
          parsed = JSON.parse(text);
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
function jsonErrorPlace(e, text) {
  const message = e instanceof Error ? e.message : "";
  if (message === "not a JSON object") return "it is not a JSON object";
  const m = /\bposition (\d+)/.exec(message);
  if (m) {
    const pos = Math.min(Number(m[1]), text.length);
    const before = text.slice(0, pos);
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
function readText(path) {
  return new Promise((resolve5, reject) => (0, import_node_fs.readFile)(path, "utf8", (e, text) => e ? reject(e) : resolve5(text)));
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
    const { ContentCache } = await import("./cache-4VOFTAI3.js");
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

// src/gate/trusted-files.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_path3 = __toESM(require_path(), 1);

// src/gate/sources.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_fs2 = __toESM(require_fs(), 1);
var import_node_path2 = __toESM(require_path(), 1);

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
  let body;
  try {
    body = await readResponseBounded(res, bodyLimit);
  } catch (e) {
    if (e instanceof BodyTooLarge)
      throw new ContentsError(`${what}: the GitHub API answered with more than ${bodyLimit} bytes`);
    const why = signal.aborted ? `no answer within ${CONTENTS_TIMEOUT_MS / 1e3} s` : e.message;
    throw new ContentsError(`${what}: the GitHub API at ${new URL(client.apiUrl).host} could not be read: ${why}`);
  }
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
      const read = readBoundedSync((0, import_node_path2.resolve)(workspace, path), maxBytes);
      if (read.bytes.length > maxBytes)
        throw Object.assign(new Error(`it is over ${maxBytes} bytes`), { code: "EFBIG" });
      return read.bytes;
    },
    list: async (path, depth) => {
      const out = [];
      const walk = (rel, left) => {
        const dir = (0, import_node_path2.resolve)(workspace, path, rel);
        for (const name of (0, import_node_fs2.readdirSync)(dir).sort()) {
          const child = rel ? `${rel}/${name}` : name;
          const st = (0, import_node_fs2.lstatSync)((0, import_node_path2.resolve)(dir, name));
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
function repositorySource(kind, at, ctx) {
  const file = (path) => {
    const clean = repositoryPath(path.replace(/^\.\//, ""));
    if (!clean) throw new SourceError(`${describeFile({ ...at, path })}: not a path within the repository`);
    return { ...at, path: clean };
  };
  const describe = (path) => `${kind}:${describeFile({ ...at, path })}`;
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
          { ...at, path: dir },
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
    own = readBoundedSync((0, import_node_path3.resolve)(env.workspace, path), used.length + 1).bytes;
  } catch {
    own = void 0;
  }
  if (own && own.equals(used)) return;
  env.logger.notice(
    `${input}: ${path} was read at the pull request's base commit; this pull request ${own ? "changes it, and its copy was not used" : "has no copy of it"}`
  );
}
async function prefetch(source, text, referencedFiles) {
  const read = /* @__PURE__ */ new Map();
  await Promise.all(
    referencedFiles(text).map(async (f) => {
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
  const loader = await import("./loader-Y5DKI4AO.js");
  const spec = parseSource("policy", inputs.policy);
  let policy;
  if (spec.kind === "workspace")
    policy = loader.loadPolicyDocument(
      (0, import_node_path3.resolve)(env.workspace, spec.path),
      inputs.policy,
      loader.workspaceReader(env.workspace),
      env.now
    );
  else {
    const { source, path } = openSource("policy", spec, sourceContext(inputs, env));
    const bytes = await source.read(path, loader.POLICY_MAX_BYTES);
    const text = bytes.toString("utf8");
    if (spec.kind === "base") noticeIfChanged("policy", path, bytes, env);
    env.logger.info(`policy: ${source.describe(path)}`);
    policy = loader.parsePolicyDocument(
      text,
      inputs.policy,
      await prefetch(source, text, loader.referencedFiles),
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
          readKeyFile((0, import_node_path3.resolve)(env.workspace, spec.path), spec.path, (path2) => readBoundedSync(path2, KEY_FILE_LIMIT).bytes)
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
      bytes = readBoundedSync((0, import_node_path3.resolve)(env.workspace, spec.path), TRUSTED_ROOT_MAX_BYTES).bytes;
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
  const notation = await import("./notation-74PSJSYE.js");
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
          bytes = readBoundedSync((0, import_node_path3.resolve)(env.workspace, spec.path), VEX_MAX_BYTES).bytes;
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
  const named = [
    ["policy", inputs.policy],
    ...splitKeySources(inputs.signatureKeys).paths.map((p) => ["signature-keys", p]),
    ["trusted-root", inputs.trustedRoot],
    ["notation-trust-policy", inputs.notationTrustPolicy],
    ["notation-trust-store", inputs.notationTrustStore],
    ...inputs.vex.map((v) => ["vex", v])
  ];
  return named.flatMap(([input, value]) => {
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
    const named = [
      ...rs.signature?.notation ? [{ who: "notation-trust-policy", names: rs.signature.notation.policies ?? [] }] : [],
      ...(rs.quorum?.signers ?? []).flatMap(
        (n) => n.kind === "notation" ? [{ who: `signer ${n.name}`, names: [n.trustPolicy] }] : []
      )
    ];
    if (named.length === 0) continue;
    if (!notation)
      throw new InputError(
        `${rs.source}: ${named[0].who} counts Notation signatures, but the input "notation-trust-policy" is not given: set it (and notation-trust-store) to the trustpolicy.json whose statements verify them`
      );
    const known = notation.policy.statements.map((s) => s.name);
    for (const { who, names } of named) {
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
  const { collectFiles } = await import("./extract-7WKE334J.js");
  let only;
  if (inputs.changedFilesOnly) {
    const { TooManyChangedFiles, changedFiles } = await import("./changed-SEGEXOFV.js");
    const { pullRequestNumber, repositoryFromEnv: repositoryFromEnv2 } = await import("./api-H3VL5IH3.js");
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
  trust: lazy(() => import("./verify-HDNKC355.js")),
  /** SBOMs and licences: spdx-expression-parse, which SBOM parsing and the licenses rule both use. */
  statements: lazy(() => import("./licenses-ENJFK5UD.js").then((m) => m.loadLicenseParser()))
};
var SIGNATURES = lazy(() => import("./signatures-SQNJIGBM.js"));
var BASES = lazy(() => import("./bases-RG7ANUWF.js"));
function needsBases(ruleSets) {
  return ruleSets.some((rs) => (rs.baseImages?.length ?? 0) > 0 || rs.baseCurrent || rs.pinsCurrent);
}
function preload(needs, bases = false) {
  const loads = Object.entries(HEAVY).filter(([need]) => needs[need]).map(([, load]) => load);
  if (needs.trust || needs.statements) loads.push(SIGNATURES);
  if (bases) loads.push(BASES);
  for (const load of loads) load().catch(() => {
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
  const named = /* @__PURE__ */ new Map();
  const problems = [];
  for (const rs of ruleSets) {
    const file = rs.trustedRoot;
    if (file === void 0 || named.has(file.path)) continue;
    try {
      named.set(file.path, v.loadTrustedRoot({ path: file.path, text: file.text }));
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
    const chosen = paths[0] === void 0 ? root : named.get(paths[0]);
    const policy = { keys: keys.map((k) => ({ pem: k.pem, fingerprint: k.fingerprint })), identities: [], issuer: "" };
    return {
      verifyBundle: (bundle, artifact) => v.verifyBundle(bundle, artifact, policy, chosen),
      verifyCosignSignature: (payload, annotations) => v.verifyCosignSignature(payload, annotations, policy, chosen),
      verifyCosignAttestation: (envelope, annotations) => v.verifyCosignAttestation(envelope, annotations, policy, chosen)
    };
  };
}

// src/gate/run.ts
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
function judge(inputs, parsed, blocked, inspections, ruleSets, now, quorumReports) {
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
      const quorums = quorumReports?.(sets, ins.facts) ?? [];
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
    cacheDir: inputs.cache === void 0 ? void 0 : (0, import_node_path4.resolve)(env.workspace, inputs.cache),
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
  const vulns = ruleSets.some((rs) => rs.vulnerabilities) || trusted.vex.length > 0 ? await import("./vulnerabilities-EL3ILS5R.js") : void 0;
  const vex = vulns ? vulns.parseVexFiles(trusted.vex) : [];
  if (inputs.notationTrustPolicy !== void 0 && policyCountsNotation(policyRuleSets))
    env.logger.info(
      "notation-trust-policy: the policy file says which images need Notation signatures; the input supplies the trust policy and store, and no requirement of its own"
    );
  if (inputs.vex.length > 0 && !ruleSets.some((rs) => rs.vulnerabilities))
    env.logger.warning(
      'Input "vex" is set, but no rule of the policy checks vulnerabilities: its statements are not used'
    );
  preload(inspectNeeds(ruleSets), needsBases(ruleSets));
  const checks = loadChecks(ruleSets);
  checks.catch(() => {
  });
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
  let signatures;
  try {
    client.prepare(valid.map((v) => v.ref));
    await checks;
    const sigstore = needs.trust ? await sigstoreVerifiers(inputs, trusted.trustedRoot, ruleSets) : void 0;
    signatures = needs.trust || needs.statements ? await SIGNATURES() : void 0;
    const budgets = signatures?.signatureBudgets(needs);
    const material = trusted.notation;
    const notation = needs.trust && material ? await import("./notation-74PSJSYE.js").then(
      (m) => (registry, repository) => m.notationVerifier(material, registry, repository, env.now)
    ) : void 0;
    inspections = (await Promise.all(
      valid.map(
        (v) => signatures && budgets ? signatures.inspectWithTrust(client, v, ruleSets, needs, sigstore, budgets.budget, budgets.keep, notation) : inspectImage(client, v.input, v.ref, needs)
      )
    )).map((ins) => blameGiveUp(client, ins));
    if (needsBases(ruleSets)) await (await BASES()).detectBases(client, inspections, ruleSets);
  } finally {
    client.close();
  }
  await vulns?.attachVulnerabilities(inspections, ruleSets, vex, {
    database: inputs.vulnerabilityDb,
    concurrency: inputs.concurrency,
    timeoutMs: env.transport?.timeoutMs ?? 3e4,
    query: env.osv ?? (async (queries, options) => (await import("./client-X3HZD635.js")).queryOsv(queries, options)),
    logger: env.logger
  });
  if (cache) {
    const c = cache.stats;
    env.logger.info(
      `cache: ${c.hits} entr${c.hits === 1 ? "y" : "ies"} read, ${c.stored} stored${c.rejected > 0 ? `, ${c.rejected} not trusted and fetched again` : ""}${c.pruned > 0 ? `, ${c.pruned} pruned` : ""}`
    );
  }
  const { images, findings } = judge(inputs, parsed, blocked, inspections, ruleSets, env.now, signatures?.quorumReports);
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
    const { buildSarif, sarifFallback } = await import("./sarif-V5TQQ4TL.js");
    const fallback = sarifFallback(opts.workspace, opts.env);
    return buildSarif(report, gate.locations, {
      toolVersion: TOOL_VERSION,
      readmeUrl: opts.readmeUrl,
      ...fallback ? { fallback } : {}
    });
  };
  let sarifPath;
  if (inputs.sarif) {
    sarifPath = (0, import_node_path5.resolve)(opts.workspace, inputs.sarif);
    const { writeSarif } = await import("./sarif-V5TQQ4TL.js");
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
  const { pullRequestNumber, repositoryFromEnv: repositoryFromEnv2 } = await import("./api-H3VL5IH3.js");
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
  const { commentBody, commentMarker, recordedResult } = await import("./comment-5BJ7JOAG.js");
  const { commentFailure, upsertComment } = await import("./pr-comment-BETAE6LE.js");
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
  runEngine
};
//# sourceMappingURL=engine-6FQERFPH.js.map
