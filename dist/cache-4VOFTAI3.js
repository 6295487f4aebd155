
import {
  require_promises
} from "./chunk-6PWRNFS3.js";
import {
  require_fs
} from "./chunk-MT22UEVM.js";
import {
  require_path
} from "./chunk-FZ4MN5IN.js";
import {
  computeDigest,
  digestProblem,
  require_crypto
} from "./chunk-6XVK6575.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/registry/cache.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_crypto = __toESM(require_crypto(), 1);
var import_node_fs = __toESM(require_fs(), 1);
var import_promises = __toESM(require_promises(), 1);
var import_node_path = __toESM(require_path(), 1);
var ROOT = "image-gate-v1";
var KINDS = ["manifests", "blobs"];
var ENTRY_LIMIT = (4 << 20) + 256;
var MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9.+_-]*\/[A-Za-z0-9][A-Za-z0-9.+_-]*$/;
var DEFAULT_CACHE_LIMITS = { maxEntries: 2e4, maxBytes: 256 << 20 };
var ContentCache = class _ContentCache {
  dir;
  stats = { hits: 0, misses: 0, stored: 0, rejected: 0, pruned: 0 };
  logger;
  limits;
  readable;
  writable;
  warned = false;
  constructor(dir, logger, limits, readable, writable) {
    this.dir = dir;
    this.logger = logger;
    this.limits = limits;
    this.readable = readable;
    this.writable = writable;
  }
  /** Opens (creating it when needed) the cache in `dir`; never throws: an unusable cache is a warning. */
  static open(dir, logger, limits = DEFAULT_CACHE_LIMITS) {
    const root = (0, import_node_path.join)(dir, ROOT);
    let readable = true;
    let writable = true;
    const problem = (why) => logger.warning(`cache: ${why}; the run goes on without ${readable ? "storing new entries" : "the cache"}`);
    try {
      (0, import_node_fs.mkdirSync)(root, { recursive: true });
    } catch (e) {
      readable = isDirectory(root);
      writable = false;
      problem(`the directory ${dir} cannot be created or written (${errorCode(e)})`);
      return new _ContentCache(root, logger, limits, readable, writable);
    }
    for (const sub of [root, ...KINDS.map((k) => (0, import_node_path.join)(root, k))]) {
      try {
        (0, import_node_fs.mkdirSync)(sub, { recursive: true });
      } catch {
      }
      if (!isDirectory(sub)) {
        readable = false;
        writable = false;
        problem(`${sub} is not a plain directory (a symbolic link, or a file)`);
        return new _ContentCache(root, logger, limits, readable, writable);
      }
    }
    try {
      const probe = (0, import_node_path.join)(root, `.probe-${(0, import_node_crypto.randomBytes)(6).toString("hex")}`);
      (0, import_node_fs.writeFileSync)(probe, "", { flag: "wx" });
      (0, import_node_fs.unlinkSync)(probe);
    } catch (e) {
      writable = false;
      problem(`the directory ${dir} cannot be written (${errorCode(e)})`);
    }
    return new _ContentCache(root, logger, limits, readable, writable);
  }
  /** A manifest by digest, with the media type it was served with; undefined when absent or not to be trusted. */
  async getManifest(digest) {
    const raw = await this.read("manifests", digest);
    if (!raw) return void 0;
    const nl = raw.indexOf(10);
    const mediaType = nl > 0 ? raw.subarray(0, nl).toString("latin1") : "";
    const body = raw.subarray(nl + 1);
    if (nl <= 0 || !MEDIA_TYPE.test(mediaType) || computeDigest(body, digest) !== digest)
      return this.reject("manifests", digest);
    this.stats.hits++;
    return { body, mediaType };
  }
  /** A blob by digest (and size, when known); undefined when absent or not to be trusted. */
  async getBlob(digest, size) {
    const body = await this.read("blobs", digest);
    if (!body) return void 0;
    if (size !== void 0 && body.length !== size || computeDigest(body, digest) !== digest)
      return this.reject("blobs", digest);
    this.stats.hits++;
    return body;
  }
  /** Stores a manifest that was verified against `digest`. */
  putManifest(digest, mediaType, body) {
    if (!MEDIA_TYPE.test(mediaType)) return;
    this.write("manifests", digest, Buffer.concat([Buffer.from(`${mediaType}
`, "latin1"), body]));
  }
  /** Stores a blob that was verified against `digest`. */
  putBlob(digest, body) {
    this.write("blobs", digest, body);
  }
  /** Keeps the cache in its bounds: the least recently used entries go first. Never throws. */
  close() {
    if (!this.writable || this.stats.stored === 0) return;
    try {
      this.prune();
    } catch (e) {
      this.logger.debug(`cache: pruning stopped: ${errorCode(e)}`);
    }
  }
  path(kind, digest) {
    if (digestProblem(digest) !== void 0) return void 0;
    return (0, import_node_path.join)(this.dir, kind, digest.replace(":", "-"));
  }
  async read(kind, digest) {
    const path = this.readable ? this.path(kind, digest) : void 0;
    if (!path) return void 0;
    let fh;
    try {
      fh = await (0, import_promises.open)(path, import_node_fs.constants.O_RDONLY | import_node_fs.constants.O_NOFOLLOW | import_node_fs.constants.O_NONBLOCK);
    } catch (e) {
      const code = errorCode(e);
      if (code === "ELOOP" || code === "EMLINK") return this.reject(kind, digest);
      this.stats.misses++;
      return void 0;
    }
    try {
      const st = await fh.stat();
      if (!st.isFile() || st.size > ENTRY_LIMIT) return this.reject(kind, digest);
      const buf = Buffer.alloc(st.size);
      let off = 0;
      while (off < buf.length) {
        const { bytesRead } = await fh.read(buf, off, buf.length - off, off);
        if (bytesRead === 0) break;
        off += bytesRead;
      }
      if (off !== st.size) return this.reject(kind, digest);
      const now = /* @__PURE__ */ new Date();
      await fh.utimes(now, now).catch(() => {
      });
      return buf;
    } catch {
      return this.reject(kind, digest);
    } finally {
      await fh.close().catch(() => {
      });
    }
  }
  /** An entry that is not what its name says: counted, removed when possible (unlink removes a link, not its target). */
  reject(kind, digest) {
    this.stats.rejected++;
    this.stats.misses++;
    const path = this.path(kind, digest);
    if (path && this.writable) {
      try {
        (0, import_node_fs.rmSync)(path, { force: true });
      } catch {
      }
    }
    this.logger.debug(`cache: the entry for ${digest} was not trusted and is fetched again`);
    return void 0;
  }
  write(kind, digest, bytes) {
    const path = this.writable ? this.path(kind, digest) : void 0;
    if (!path || bytes.length > ENTRY_LIMIT) return;
    const tmp = (0, import_node_path.join)(this.dir, `.tmp-${(0, import_node_crypto.randomBytes)(8).toString("hex")}`);
    try {
      (0, import_node_fs.writeFileSync)(tmp, bytes, { flag: "wx", mode: 420 });
      (0, import_node_fs.renameSync)(tmp, path);
      this.stats.stored++;
    } catch (e) {
      try {
        (0, import_node_fs.unlinkSync)(tmp);
      } catch {
      }
      if (!this.warned) {
        this.warned = true;
        this.logger.warning(`cache: an entry could not be stored in ${this.dir} (${errorCode(e)}); the run goes on`);
      }
    }
  }
  prune() {
    const entries = [];
    let bytes = 0;
    const scanLimit = this.limits.maxEntries * 2 + 1e3;
    for (const kind of KINDS) {
      const dir = (0, import_node_fs.opendirSync)((0, import_node_path.join)(this.dir, kind));
      try {
        for (let d = dir.readSync(); d !== null && entries.length < scanLimit; d = dir.readSync()) {
          const path = (0, import_node_path.join)(this.dir, kind, d.name);
          try {
            const st = (0, import_node_fs.lstatSync)(path);
            const size = st.isFile() ? st.size : 0;
            entries.push({ path, size, used: st.mtimeMs });
            bytes += size;
          } catch {
          }
        }
      } finally {
        dir.closeSync();
      }
    }
    if (entries.length <= this.limits.maxEntries && bytes <= this.limits.maxBytes) return;
    entries.sort((a, b) => a.used - b.used);
    const keepEntries = Math.floor(this.limits.maxEntries * 0.9);
    const keepBytes = Math.floor(this.limits.maxBytes * 0.9);
    let count = entries.length;
    for (const e of entries) {
      if (count <= keepEntries && bytes <= keepBytes) break;
      try {
        (0, import_node_fs.rmSync)(e.path, { force: true, recursive: true });
        this.stats.pruned++;
      } catch {
      }
      count--;
      bytes -= e.size;
    }
  }
};
function isDirectory(path) {
  try {
    return (0, import_node_fs.lstatSync)(path).isDirectory();
  } catch {
    return false;
  }
}
function errorCode(e) {
  const code = e?.code;
  return typeof code === "string" ? code : e instanceof Error ? e.message : String(e);
}
function entryPath(dir, kind, digest) {
  return (0, import_node_path.join)(dir, ROOT, kind, digest.replace(":", "-"));
}
export {
  ContentCache,
  DEFAULT_CACHE_LIMITS,
  entryPath
};
//# sourceMappingURL=cache-4VOFTAI3.js.map
