import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  FileLimitError,
  distinctImages,
  locationsByImage
} from "./chunk-C7UTXIKQ.js";
import {
  require_dist
} from "./chunk-OCRQTHVI.js";
import {
  Minimatch
} from "./chunk-ICDRLWPL.js";
import {
  require_promises
} from "./chunk-QNDCN4G2.js";
import {
  require_path
} from "./chunk-NHIYY5LD.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SNEHC4Y2.js";

// src/files/extract.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_promises = __toESM(require_promises(), 1);
var import_node_path2 = __toESM(require_path(), 1);

// src/files/compose.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/files/substitute.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var EXPANSION_LIMITS = { depth: 16, length: 64 * 1024 };
var NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
function depthError() {
  return new FileLimitError(`variables nest deeper than ${EXPANSION_LIMITS.depth} levels`);
}
function lengthError() {
  return new FileLimitError(`a value grows past ${EXPANSION_LIMITS.length} characters once its variables are substituted`);
}
var Builder = class {
  value = "";
  unresolved = [];
  unsupported = [];
  error;
  text(s) {
    if (this.value.length + s.length > EXPANSION_LIMITS.length) throw lengthError();
    this.value += s;
  }
  add(e) {
    this.text(e.value);
    this.unresolved.push(...e.unresolved);
    this.unsupported.push(...e.unsupported);
    if (e.error !== void 0 && this.error === void 0) this.error = e.error;
  }
  done() {
    const out = { value: this.value, unresolved: unique(this.unresolved), unsupported: unique(this.unsupported) };
    if (this.error !== void 0) out.error = this.error;
    return out;
  }
};
function closingBrace(s, open) {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "$" && s[i + 1] === "{") {
      depth++;
      i++;
    } else if (s[i] === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
function interpolateCompose(s, lookup, depth = 0) {
  if (depth > EXPANSION_LIMITS.depth) throw depthError();
  const b = new Builder();
  for (let i = 0; i < s.length; ) {
    if (s[i] === "$" && s[i + 1] === "$") {
      b.text("$");
      i += 2;
      continue;
    }
    if (s[i] === "$" && s[i + 1] === "{") {
      const close = closingBrace(s, i);
      if (close < 0) {
        b.add({ value: s.slice(i), unresolved: [], unsupported: [], error: `"${s.slice(i)}" has no closing "}"` });
        break;
      }
      const inner = s.slice(i + 2, close);
      const whole = s.slice(i, close + 1);
      i = close + 1;
      const name = NAME.exec(inner)?.[0];
      if (!name) {
        b.add({ value: whole, unresolved: [], unsupported: [], error: `"${whole}" is not a valid substitution` });
        continue;
      }
      const op = inner.slice(name.length);
      const value = lookup(name);
      if (op === "") {
        b.add(value === void 0 ? { value: "", unresolved: [name], unsupported: [] } : { value: value ?? "", unresolved: [], unsupported: [] });
        continue;
      }
      const m = /^(:?)([-+?])([\s\S]*)$/.exec(op);
      if (!m) {
        b.add({ value: whole, unresolved: [], unsupported: [whole] });
        continue;
      }
      b.add(modifier(name, value, m[1] === ":", m[2], () => interpolateCompose(m[3] ?? "", lookup, depth + 1)));
      continue;
    }
    if (s[i] === "$") {
      const name = NAME.exec(s.slice(i + 1, i + 1 + 256))?.[0];
      if (name) {
        const value = lookup(name);
        b.add(value === void 0 ? { value: "", unresolved: [name], unsupported: [] } : { value: value ?? "", unresolved: [], unsupported: [] });
        i += 1 + name.length;
        continue;
      }
    }
    b.text(s[i]);
    i++;
  }
  return b.done();
}
function modifier(name, value, colon, kind, word) {
  const known = value !== void 0;
  const isSet = value !== void 0 && value !== null && (!colon || value !== "");
  const plain = (v) => ({ value: v, unresolved: [], unsupported: [] });
  if (kind === "-") return isSet ? plain(value) : word();
  if (!known) return { value: "", unresolved: [name], unsupported: [] };
  if (kind === "+") return isSet ? word() : plain("");
  if (isSet) return plain(value);
  const w = word();
  const message = w.value !== "" ? w.value : value === null ? "is not allowed to be unset" : "is not allowed to be empty";
  return { value: "", unresolved: [], unsupported: [], error: `${name}: ${message}` };
}
var SPECIAL = /* @__PURE__ */ new Set(["@", "*", "#", "?", "-", "$", "!", "0"]);
function processDockerfileWord(s, lookup, escape = "\\") {
  const lex = new DockerfileLexer(s, lookup, escape);
  try {
    return lex.word(void 0, 0);
  } catch (e) {
    if (e instanceof LexError) return { value: "", unresolved: [], unsupported: [], error: e.message };
    throw e;
  }
}
var LexError = class extends Error {
};
var DockerfileLexer = class {
  constructor(s, lookup, escape) {
    this.s = s;
    this.lookup = lookup;
    this.escape = escape;
  }
  s;
  lookup;
  escape;
  i = 0;
  /** Reads up to `stop` (consumed) or the end; `stop` never found is an error. */
  word(stop, depth, rawEscapes = false) {
    if (depth > EXPANSION_LIMITS.depth) throw depthError();
    const b = new Builder();
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (stop !== void 0 && c === stop) {
        this.i++;
        return b.done();
      }
      if (c === "$") b.add(this.dollar(depth));
      else if (c === "'") {
        const close = s.indexOf("'", this.i + 1);
        if (close < 0) throw new LexError("a single quote is not closed");
        b.text(s.slice(this.i + 1, close));
        this.i = close + 1;
      } else if (c === '"') b.add(this.doubleQuoted(depth));
      else if (c === this.escape) {
        if (rawEscapes) b.text(c);
        this.i++;
        if (this.i >= s.length) break;
        b.text(s[this.i]);
        this.i++;
      } else {
        b.text(c);
        this.i++;
      }
    }
    if (stop !== void 0) throw new LexError(stop === "}" ? `syntax error: missing '}'` : `syntax error: missing '${stop}'`);
    return b.done();
  }
  doubleQuoted(depth) {
    const s = this.s;
    const b = new Builder();
    this.i++;
    for (; ; ) {
      if (this.i >= s.length) throw new LexError("a double quote is not closed");
      const c = s[this.i];
      if (c === '"') {
        this.i++;
        return b.done();
      }
      if (c === "$") {
        b.add(this.dollar(depth));
        continue;
      }
      this.i++;
      if (c === this.escape) {
        const n = s[this.i];
        if (n === void 0) continue;
        if (n === '"' || n === "$" || n === this.escape) {
          b.text(n);
          this.i++;
          continue;
        }
      }
      b.text(c);
    }
  }
  name() {
    const s = this.s;
    const start = this.i;
    if (/[0-9]/.test(s[this.i] ?? "")) {
      while (/[0-9]/.test(s[this.i] ?? "")) this.i++;
      return s.slice(start, this.i);
    }
    if (SPECIAL.has(s[this.i] ?? "")) {
      this.i++;
      return s.slice(start, this.i);
    }
    while (/[\p{L}\p{N}_]/u.test(s[this.i] ?? "")) this.i++;
    return s.slice(start, this.i);
  }
  /** The value of a name: positional and special parameters are unset (null). */
  get(name) {
    if (/^[0-9]/.test(name) || SPECIAL.has(name)) return null;
    return this.lookup(name);
  }
  dollar(depth) {
    const s = this.s;
    this.i++;
    const plain = (v) => ({ value: v, unresolved: [], unsupported: [] });
    const simple = (name2) => {
      const v = this.get(name2);
      return v === void 0 ? { value: "", unresolved: [name2], unsupported: [] } : plain(v ?? "");
    };
    if (s[this.i] !== "{") {
      const name2 = this.name();
      return name2 === "" ? plain("$") : simple(name2);
    }
    const open = this.i - 1;
    this.i++;
    const first = s[this.i];
    if (first === void 0) throw new LexError(`syntax error: missing '}'`);
    if (first === "{" || first === "}" || first === ":") throw new LexError("syntax error: bad substitution");
    const name = this.name();
    const op = s[this.i];
    this.i++;
    if (op === void 0) throw new LexError(`syntax error: missing '}'`);
    if (op === "}") {
      if (name === "") throw new LexError("syntax error: bad substitution");
      return simple(name);
    }
    let kind = op;
    let colon = false;
    if (kind === ":") {
      colon = true;
      const next = s[this.i];
      this.i++;
      if (next === void 0) throw new LexError(`syntax error: missing '}'`);
      kind = next;
    }
    if (kind === "-" || kind === "+" || kind === "?") {
      const word = this.word("}", depth + 1);
      if (name === "") throw new LexError("syntax error: bad substitution");
      return modifier(name, this.get(name), colon, kind, () => word);
    }
    if (!colon && (kind === "#" || kind === "%")) {
      this.word("}", depth + 1, true);
      return { value: s.slice(open, this.i), unresolved: [], unsupported: [s.slice(open, this.i)] };
    }
    if (!colon && kind === "/") {
      if (s[this.i] === "/") this.i++;
      this.word("/", depth + 1, true);
      this.word("}", depth + 1, true);
      return { value: s.slice(open, this.i), unresolved: [], unsupported: [s.slice(open, this.i)] };
    }
    throw new LexError(`unsupported modifier (${colon ? ":" : ""}${kind}) in substitution`);
  }
};
function unique(xs) {
  return [...new Set(xs)];
}
function listVariables(names) {
  const xs = names.map((n) => `$${n}`);
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}

// src/files/yaml.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_yaml = __toESM(require_dist(), 1);
var MAX_DEPTH = 64;
var MAX_YAML_WORK = 2e6;
var MAX_YAML_ITEMS = 4e5;
function countItems(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44 || c === 91 || c === 123) n++;
  }
  return n;
}
var budgets = /* @__PURE__ */ new WeakMap();
function spend(doc, n = 1) {
  const b = budgets.get(doc);
  if (!b) return;
  b.left -= n;
  if (b.left < 0) {
    b.left = 0;
    throw new FileLimitError(`its YAML takes more than ${MAX_YAML_WORK} steps to read (aliases and merge keys expand it)`);
  }
}
function parseYaml(file, text) {
  if (countItems(text) > MAX_YAML_ITEMS) throw new FileLimitError(`it has more than ${MAX_YAML_ITEMS} YAML lines and items, the most image-gate reads`);
  const lineCounter = new import_yaml.LineCounter();
  const parsed = (0, import_yaml.parseAllDocuments)(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const budget = { left: MAX_YAML_WORK };
  for (const doc of docs) budgets.set(doc, budget);
  const warnings = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (!err) continue;
    const p = lineCounter.linePos(err.pos[0]);
    warnings.push({ file, line: p.line, col: p.col, message: `This file is not valid YAML, image references in it may be missed: ${err.message.split("\n")[0]}` });
  }
  return { source: { docs, lineCounter, text }, warnings };
}
var aliasTargets = /* @__PURE__ */ new WeakMap();
function resolve(doc, node, depth = 0) {
  let n = node;
  for (let i = 0; (0, import_yaml.isAlias)(n) && i < MAX_DEPTH; i++) {
    spend(doc);
    const alias = n;
    if (!aliasTargets.has(alias)) aliasTargets.set(alias, alias.resolve(doc));
    n = aliasTargets.get(alias);
  }
  if ((0, import_yaml.isAlias)(n) || depth > MAX_DEPTH) return void 0;
  return n ?? void 0;
}
function isMergeKey(key) {
  if (!(0, import_yaml.isScalar)(key)) return false;
  const v = key.value;
  return v === "<<" || typeof v === "symbol" && v.description === "<<";
}
function keyName(key) {
  if ((0, import_yaml.isScalar)(key) && (typeof key.value === "string" || typeof key.value === "number" || typeof key.value === "boolean")) return String(key.value);
  return void 0;
}
function entries(doc, map, depth = 0) {
  const own = [];
  const merged = [];
  spend(doc, map.items.length);
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      if (depth > MAX_DEPTH) continue;
      const v = resolve(doc, pair.value);
      const sources = (0, import_yaml.isSeq)(v) ? v.items.map((x) => resolve(doc, x)) : [v];
      for (const src of sources) {
        if (!(0, import_yaml.isMap)(src)) continue;
        const more = entries(doc, src, depth + 1);
        spend(doc, more.length);
        merged.push(...more);
      }
      continue;
    }
    const k = keyName(pair.key);
    if (k !== void 0) own.push([k, pair.value]);
  }
  const seen = new Set(own.map(([k]) => k));
  const out = [...own];
  for (const [k, v] of merged) {
    if (seen.has(k)) continue;
    seen.add(k);
    out.push([k, v]);
  }
  return out;
}
function get(doc, node, key) {
  const map = resolve(doc, node);
  if (!(0, import_yaml.isMap)(map)) return void 0;
  const e = entries(doc, map).find(([k]) => k === key);
  return e ? resolve(doc, e[1]) : void 0;
}
function asMap(doc, node) {
  const n = resolve(doc, node);
  return (0, import_yaml.isMap)(n) ? n : void 0;
}
function asSeq(doc, node) {
  const n = resolve(doc, node);
  return (0, import_yaml.isSeq)(n) ? n : void 0;
}
function str(source, doc, node) {
  const n = resolve(doc, node);
  if (!(0, import_yaml.isScalar)(n) || typeof n.value !== "string" || !n.range) return void 0;
  let offset = n.range[0];
  if (n.type === import_yaml.Scalar.QUOTE_DOUBLE || n.type === import_yaml.Scalar.QUOTE_SINGLE) offset++;
  const p = source.lineCounter.linePos(offset);
  return { value: n.value, line: p.line, col: p.col };
}
function scalarText(source, doc, node) {
  const s = str(source, doc, node);
  if (s) return s;
  const n = resolve(doc, node);
  if (!(0, import_yaml.isScalar)(n) || !n.range || n.value === null || typeof n.value !== "number" && typeof n.value !== "boolean") return void 0;
  const p = source.lineCounter.linePos(n.range[0]);
  return { value: source.text.slice(n.range[0], n.range[1]).trim(), line: p.line, col: p.col };
}

// src/files/compose.ts
function extractCompose(file, text, opts = {}) {
  const dotEnv = opts.dotEnv;
  const { source, warnings } = parseYaml(file, text);
  const refs = [];
  const out = [...warnings];
  for (const doc of source.docs) {
    const services = asMap(doc, get(doc, doc.contents, "services"));
    if (!services) continue;
    const buildOnly = [];
    for (const [name, service] of entries(doc, services)) {
      const image2 = str(source, doc, get(doc, service, "image"));
      if (!image2 || image2.value.trim() === "") {
        if (get(doc, service, "build") !== void 0) buildOnly.push(name);
        continue;
      }
      if (get(doc, service, "build") !== void 0) {
        out.push({
          file,
          line: image2.line,
          col: image2.col,
          level: "notice",
          message: `Service "${name}" builds its image (build:), so "${image2.value}" names the result of the build and is not verified.`
        });
        continue;
      }
      const e = interpolateCompose(image2.value, (name2) => dotEnv?.get(name2));
      if (e.unresolved.length > 0 || e.unsupported.length > 0 || e.error !== void 0) {
        const vars = `${listVariables(e.unresolved)} ${e.unresolved.length > 1 ? "have" : "has"} no value`;
        const why = e.error !== void 0 ? `Compose refuses it (${e.error})` : e.unresolved.length > 0 ? dotEnv ? `${vars} in the .env file beside it, nor a default (\${VAR:-default})` : `${vars}: set it in a .env file beside the Compose file, or write \${VAR:-default}` : `${e.unsupported.join(", ")} is not expanded by image-gate`;
        out.push({ file, line: image2.line, col: image2.col, message: `The image reference "${image2.value}" of service "${name}" is not verified: ${why}.` });
        continue;
      }
      refs.push({ image: e.value.trim(), file, line: image2.line, col: image2.col, kind: "compose" });
    }
    if (buildOnly.length > 0) {
      const p = source.lineCounter.linePos(services.range?.[0] ?? 0);
      const names = buildOnly.length > 5 ? `${buildOnly.slice(0, 5).map((n) => `"${n}"`).join(", ")} and ${buildOnly.length - 5} more` : buildOnly.map((n) => `"${n}"`).join(", ");
      out.push({
        file,
        line: p.line,
        col: p.col,
        level: "notice",
        message: `${buildOnly.length === 1 ? "Service" : "Services"} ${names} ${buildOnly.length === 1 ? "builds its image" : "build their images"} (build:) and name${buildOnly.length === 1 ? "s" : ""} no image to verify.`
      });
    }
  }
  return { refs, warnings: out };
}

// src/files/dotenv.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function parseDotEnv(text) {
  const vars = /* @__PURE__ */ new Map();
  const lookup = (name) => vars.get(name);
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    const name = m[1];
    const rest = m[2] ?? "";
    let value;
    let expand = true;
    if (rest.startsWith("'")) {
      const close = rest.indexOf("'", 1);
      value = rest.slice(1, close < 0 ? void 0 : close);
      expand = false;
    } else if (rest.startsWith('"')) {
      let v = "";
      let i = 1;
      for (; i < rest.length && rest[i] !== '"'; i++) {
        const c = rest[i];
        if (c === "\\" && i + 1 < rest.length) {
          const n = rest[++i];
          v += n === "n" ? "\n" : n === "t" ? "	" : n === "r" ? "\r" : n === '"' || n === "\\" ? n : n === "$" ? "$$" : `\\${n}`;
        } else v += c;
      }
      value = v;
    } else {
      const hash = rest.search(/\s#/);
      value = (hash < 0 ? rest : rest.slice(0, hash)).trim();
    }
    if (!expand) {
      vars.set(name, value);
      continue;
    }
    const e = interpolateCompose(value, lookup);
    vars.set(name, e.unresolved.length > 0 || e.unsupported.length > 0 || e.error !== void 0 ? void 0 : e.value);
  }
  return vars;
}

// src/files/helm.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_yaml3 = __toESM(require_dist(), 1);
function extractHelmValues(file, text) {
  const { source, warnings } = parseYaml(file, text);
  const refs = [];
  const out = [...warnings];
  for (const doc of source.docs) walk(source, doc, doc.contents, 0, /* @__PURE__ */ new Set(), file, refs, out);
  return { refs, warnings: out };
}
function walk(source, doc, node, depth, path, file, refs, warnings) {
  const n = resolve(doc, node);
  if (!n || depth > MAX_DEPTH || path.has(n)) return;
  spend(doc);
  path.add(n);
  if ((0, import_yaml3.isMap)(n)) {
    for (const [key, value] of entries(doc, n)) {
      if (key === "image") image(source, doc, value, file, refs, warnings);
      walk(source, doc, value, depth + 1, path, file, refs, warnings);
    }
  } else if ((0, import_yaml3.isSeq)(n)) {
    for (const item of n.items) walk(source, doc, item, depth + 1, path, file, refs, warnings);
  }
  path.delete(n);
}
function image(source, doc, value, file, refs, warnings) {
  const template = (s) => /\{\{|\$\{/.test(s);
  const whole = str(source, doc, value);
  if (whole) {
    const v = whole.value.trim();
    if (v === "") return;
    if (template(v)) warnings.push({ file, line: whole.line, col: whole.col, message: `The image reference "${v}" is a template (its value is only known when the chart is rendered) and is not verified.` });
    else refs.push({ image: v, file, line: whole.line, col: whole.col, kind: "helm" });
    return;
  }
  const field = (k) => {
    const map = resolve(doc, value);
    if (!(0, import_yaml3.isMap)(map)) return void 0;
    const e = entries(doc, map).find(([key]) => key === k);
    return e ? scalarText(source, doc, e[1]) : void 0;
  };
  const repository = field("repository");
  if (!repository || repository.value.trim() === "") return;
  const registry = field("registry")?.value.trim() ?? "";
  const tag = field("tag")?.value.trim() ?? "";
  const digest = field("digest")?.value.trim() ?? "";
  const ref = `${registry !== "" ? `${registry.replace(/\/+$/, "")}/` : ""}${repository.value.trim()}${tag !== "" ? `:${tag}` : ""}${digest !== "" ? `@${digest}` : ""}`;
  if (template(ref)) {
    warnings.push({ file, line: repository.line, col: repository.col, message: `The image reference "${ref}" is a template (its value is only known when the chart is rendered) and is not verified.` });
  } else if (tag === "" && digest === "") {
    warnings.push({
      file,
      line: repository.line,
      col: repository.col,
      message: `The image "${ref}" has no tag here: the chart's templates choose it (often the chart's appVersion), so it is not verified. Give it a tag or a digest in the values.`
    });
  } else refs.push({ image: ref, file, line: repository.line, col: repository.col, kind: "helm" });
}
var LITERAL_IMAGE = /^(\s*(?:-\s+)?image:\s*)(["']?)([^\s"'{}#]+)\2\s*(?:#.*)?$/;
function extractHelmTemplate(file, text) {
  const refs = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((l, i) => {
    const m = LITERAL_IMAGE.exec(l);
    if (!m) return;
    refs.push({ image: m[3] ?? "", file, line: i + 1, col: (m[1] ?? "").length + (m[2] ?? "").length + 1, kind: "helm" });
  });
  return {
    refs,
    warnings: [
      {
        file,
        line: 0,
        col: 0,
        level: "notice",
        message: "A Helm chart template: it is YAML only once rendered, so only its literal image: lines are read; the images its values name are read from the chart's values files."
      }
    ]
  };
}

// src/files/kustomize.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_path = __toESM(require_path(), 1);

// src/files/kubernetes.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_yaml5 = __toESM(require_dist(), 1);
var CONTAINER_LISTS = /* @__PURE__ */ new Set(["containers", "initContainers", "ephemeralContainers"]);
function extractKubernetes(file, text) {
  const { source, warnings } = parseYaml(file, text);
  const refs = [];
  const out = [...warnings];
  for (const doc of source.docs) walk2({ source, doc, refs, warnings: out, file }, doc.contents, 0, /* @__PURE__ */ new Set());
  return { refs, warnings: out };
}
function walk2(w, node, depth, path) {
  const n = resolve(w.doc, node);
  if (!n || depth > MAX_DEPTH || path.has(n)) return;
  spend(w.doc);
  path.add(n);
  if ((0, import_yaml5.isMap)(n)) {
    for (const [key, value] of entries(w.doc, n)) {
      if (CONTAINER_LISTS.has(key)) {
        for (const item of asSeq(w.doc, value)?.items ?? []) container(w.source, w.doc, item, w.refs, w.warnings, w.file);
      }
      walk2(w, value, depth + 1, path);
    }
  } else if ((0, import_yaml5.isSeq)(n)) {
    for (const item of n.items) walk2(w, item, depth + 1, path);
  }
  path.delete(n);
}
function container(source, doc, item, refs, warnings, file) {
  const image2 = str(source, doc, get(doc, item, "image"));
  if (!image2 || image2.value.trim() === "") return;
  if (/\{\{|\$/.test(image2.value)) {
    warnings.push({ file, line: image2.line, col: image2.col, message: `The image reference "${image2.value}" is a template (its value is only known when it is rendered) and is not verified.` });
    return;
  }
  refs.push({ image: image2.value.trim(), file, line: image2.line, col: image2.col, kind: "kubernetes" });
}

// src/files/kustomize.ts
var KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
function isKustomization(path) {
  return KUSTOMIZATION_FILES.includes(path.split("/").pop() ?? "");
}
function parseKustomization(file, text) {
  const { source, warnings } = parseYaml(file, text);
  const images = [];
  const resources = [];
  for (const doc of source.docs) {
    for (const item of asSeq(doc, get(doc, doc.contents, "images"))?.items ?? []) {
      const name = str(source, doc, get(doc, item, "name"));
      if (!name || name.value.trim() === "") continue;
      const o = { name: name.value.trim(), at: { file, line: name.line, col: name.col } };
      for (const key of ["newName", "newTag", "digest"]) {
        const v = scalarText(source, doc, get(doc, item, key));
        if (v && v.value.trim() !== "") o[key] = { ...v, value: v.value.trim() };
      }
      const where = o.digest ?? o.newTag ?? o.newName;
      if (where) o.at = { file, line: where.line, col: where.col };
      images.push(o);
    }
    for (const key of ["resources", "bases", "components"]) {
      for (const item of asSeq(doc, get(doc, doc.contents, key))?.items ?? []) {
        const r = str(source, doc, item);
        if (r && r.value.trim() !== "") resources.push({ path: r.value.trim(), line: r.line, col: r.col });
      }
    }
  }
  return { images, resources, warnings };
}
function imageName(ref) {
  const at = ref.indexOf("@");
  const noDigest = at < 0 ? ref : ref.slice(0, at);
  const colon = noDigest.lastIndexOf(":");
  return colon > noDigest.lastIndexOf("/") ? noDigest.slice(0, colon) : noDigest;
}
function applyOverride(ref, o) {
  if (imageName(ref) !== o.name) return void 0;
  const at = ref.indexOf("@");
  const noDigest = at < 0 ? ref : ref.slice(0, at);
  const digest = at < 0 ? void 0 : ref.slice(at + 1);
  const colon = noDigest.lastIndexOf(":");
  const tag = colon > noDigest.lastIndexOf("/") ? noDigest.slice(colon + 1) : void 0;
  const name = o.newName?.value ?? o.name;
  if (o.digest) return `${name}@${o.digest.value}`;
  if (o.newTag) return `${name}:${o.newTag.value}`;
  return `${name}${tag !== void 0 ? `:${tag}` : ""}${digest !== void 0 ? `@${digest}` : ""}`;
}
var KUSTOMIZE_LIMITS = { depth: 16, files: 500 };
async function kustomize(file, reader) {
  const warnings = [];
  const budget = { files: KUSTOMIZE_LIMITS.files };
  const images = await build(file, reader, warnings, budget, 0, /* @__PURE__ */ new Set());
  return { images, warnings };
}
var tooLarge = () => new FileLimitError(`the kustomization tree is deeper than ${KUSTOMIZE_LIMITS.depth} levels or reads more than ${KUSTOMIZE_LIMITS.files} files`);
async function build(file, reader, warnings, budget, depth, seen) {
  if (seen.has(file)) return [];
  if (depth > KUSTOMIZE_LIMITS.depth || --budget.files < 0) throw tooLarge();
  seen.add(file);
  const text = await reader.read(file);
  if (text === void 0) return [];
  const k = parseKustomization(file, text);
  const dir = import_node_path.posix.dirname(file);
  const out = [];
  for (const r of k.resources) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(r.path) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(r.path) || r.path.startsWith("git@")) {
      warnings.push({ file, line: r.line, col: r.col, message: `The remote resource "${r.path}" is not read: the images it deploys are not verified.` });
      continue;
    }
    const path = import_node_path.posix.normalize(import_node_path.posix.join(dir, r.path));
    if (path.startsWith("../") || path === ".." || import_node_path.posix.isAbsolute(path)) {
      warnings.push({ file, line: r.line, col: r.col, message: `The resource "${r.path}" is outside the workspace and is not read: the images it deploys are not verified.` });
      continue;
    }
    if (await reader.isDirectory(path)) {
      let found = false;
      for (const name of KUSTOMIZATION_FILES) {
        const inner = path === "." ? name : `${path}/${name}`;
        if (await reader.read(inner) === void 0) continue;
        found = true;
        out.push(...await build(inner, reader, warnings, budget, depth + 1, seen));
        break;
      }
      if (!found) warnings.push({ file, line: r.line, col: r.col, message: `The resource "${r.path}" is a directory with no kustomization: the images it deploys are not verified.` });
      continue;
    }
    if (--budget.files < 0) throw tooLarge();
    const manifest = await reader.read(path);
    if (manifest === void 0) {
      warnings.push({ file, line: r.line, col: r.col, message: `The resource "${r.path}" is not found: the images it deploys are not verified.` });
      continue;
    }
    const e = extractKubernetes(path, manifest);
    warnings.push(...e.warnings);
    for (const ref of e.refs) out.push({ image: ref.image, places: [{ file: ref.file, line: ref.line, col: ref.col }], origin: { file: ref.file, line: ref.line, col: ref.col } });
  }
  for (const img of out) {
    for (const o of k.images) {
      const next = applyOverride(img.image, o);
      if (next === void 0) continue;
      img.image = next;
      img.places = [img.origin, o.at];
      break;
    }
  }
  warnings.push(...k.warnings);
  return out;
}
function kustomizedReferences(images) {
  return images.flatMap((img) => img.places.map((p) => ({ image: img.image, file: p.file, line: p.line, col: p.col, kind: "kustomize" })));
}

// src/files/dockerfile.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function placeOf(segments, length, offset, fallback) {
  if (segments.length === 0) return fallback;
  const o = Math.max(0, Math.min(offset, length - 1));
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (segments[mid].offset <= o) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo];
  return { line: seg.line, col: seg.col + (o - seg.offset) };
}
var BUILD_PLATFORM = { os: "linux", architecture: "amd64" };
var MAX_TARGET_PLATFORMS = 16;
var HEREDOC_INSTRUCTIONS = /* @__PURE__ */ new Set(["RUN", "COPY", "ADD"]);
var DIRECTIVES = /* @__PURE__ */ new Set(["syntax", "escape", "check"]);
var DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function detectSyntax(lines) {
  const start = lines[0]?.startsWith("#!") ? 1 : 0;
  for (const prefix of ["#", "//"]) {
    for (let i = start; i < lines.length; i++) {
      const l = lines[i] ?? "";
      if (!l.startsWith(prefix)) break;
      const m = /^\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(l.slice(prefix.length));
      if (!m || !DIRECTIVES.has((m[1] ?? "").toLowerCase())) break;
      if ((m[1] ?? "").toLowerCase() !== "syntax") continue;
      const value = m[2] ?? "";
      const image2 = value.split(" ")[0] ?? "";
      if (image2 === "") return void 0;
      return { image: image2, line: i + 1, col: l.indexOf(value, prefix.length + (m.index ?? 0) + (m[1] ?? "").length) + 1 };
    }
  }
  return void 0;
}
function parseDockerfile(text) {
  const lines = text.replace(/^\uFEFF/, "").split("\n").map((l) => l.replace(/\r+$/, ""));
  const problems = [];
  let escape = "\\";
  let i = 0;
  const seen = /* @__PURE__ */ new Set();
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec((lines[i] ?? "").trimStart());
    const key = m?.[1]?.toLowerCase() ?? "";
    if (!m || !DIRECTIVES.has(key)) break;
    if (seen.has(key)) problems.push({ file: "", line: i + 1, col: 1, message: `BuildKit refuses this file: only one ${key} parser directive can be used.` });
    seen.add(key);
    if (key === "escape") {
      if (m[2] === "`" || m[2] === "\\") escape = m[2];
      else problems.push({ file: "", line: i + 1, col: 1, message: `BuildKit refuses this file: the escape directive must be \` or \\.` });
    }
  }
  const e = escapeRegExp(escape);
  const continuation = new RegExp(`(?:(?<=[^${e}])|^)${e}[ \\t]*$`);
  const isComment = (l) => /^\s*#/.test(l);
  const isEmpty = (l) => /^\s*$/.test(l);
  const instructions = [];
  while (i < lines.length) {
    const first = lines[i] ?? "";
    if (isEmpty(first) || isComment(first)) {
      i++;
      continue;
    }
    const startLine = i + 1;
    const parts = [];
    const segments = [];
    let length = 0;
    let lead = first.length - first.trimStart().length;
    for (; ; ) {
      const l = lines[i] ?? "";
      const m = continuation.exec(l);
      const end = m ? m.index : l.length;
      if (end > lead) {
        segments.push({ offset: length, line: i + 1, col: lead + 1 });
        parts.push(l.slice(lead, end));
        length += end - lead;
      }
      lead = 0;
      i++;
      if (!m) break;
      while (i < lines.length && (isEmpty(lines[i] ?? "") || isComment(lines[i] ?? ""))) i++;
      if (i >= lines.length) break;
    }
    const s = parts.join("");
    const km = /^(\S+)\s*/.exec(s);
    if (!km) continue;
    const keyword = (km[1] ?? "").toUpperCase();
    const argsStart = km[0].length;
    const args = s.slice(argsStart);
    const fallback = { line: startLine, col: 1 };
    instructions.push({ keyword, args, argPos: (offset) => placeOf(segments, s.length, argsStart + offset, fallback), line: startLine });
    let heredocKeyword = keyword;
    if (keyword === "ONBUILD") heredocKeyword = (/^\S+/.exec(args)?.[0] ?? "").toUpperCase();
    if (HEREDOC_INSTRUCTIONS.has(heredocKeyword) && s.includes("<<")) {
      let docs = [];
      try {
        docs = heredocs(s);
      } catch (err) {
        problems.push({ file: "", line: startLine, col: 1, message: `BuildKit refuses this instruction: ${err.message}.` });
      }
      for (const doc of docs) {
        let closed = false;
        while (i < lines.length) {
          let l = lines[i] ?? "";
          i++;
          if (doc.chomp) l = l.replace(/^\t+/, "");
          if (l === doc.name) {
            closed = true;
            break;
          }
        }
        if (!closed) {
          problems.push({ file: "", line: startLine, col: 1, message: `BuildKit refuses this file: the heredoc "${doc.name}" opened here is never closed, so nothing after it is read.` });
          break;
        }
      }
    }
  }
  const syntax = detectSyntax(lines);
  return { instructions, escape, problems, ...syntax ? { syntax } : {} };
}
function rawWords(line) {
  const words = [];
  let w = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (/\s/.test(c)) {
      if (inWord) words.push(w);
      w = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      if (c === '"') {
        let j = i + 1;
        for (; j < line.length && line[j] !== '"'; j++) if (line[j] === "\\") j++;
        if (j >= line.length) throw new Error("a double quote is not closed");
        w += line.slice(i, j + 1);
        i = j;
        continue;
      }
      if (close < 0) throw new Error("a single quote is not closed");
      w += line.slice(i, close + 1);
      i = close;
    } else if (c === "\\") {
      w += line.slice(i, i + 2);
      i++;
    } else if (c === "$" && line[i + 1] === "{") {
      const close = line.indexOf("}", i);
      const end = close < 0 ? line.length : close + 1;
      w += line.slice(i, end);
      i = end - 1;
    } else if (c === "<" && line[i + 1] === "<") {
      let j = i + 2;
      while (j < line.length && /\s/.test(line[j])) j++;
      w += line.slice(i, j);
      i = j - 1;
    } else w += c;
  }
  if (inWord) words.push(w);
  return words;
}
function cookedWords(text) {
  const words = [];
  let w = "";
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) {
      if (inWord) words.push(w);
      w = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) throw new Error("a single quote is not closed");
      w += text.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && ['"', "$", "\\"].includes(text[j + 1] ?? "")) j++;
        w += text[j];
      }
      if (j >= text.length) throw new Error("a double quote is not closed");
      i = j;
    } else if (c === "\\") {
      if (i + 1 < text.length) w += text[i + 1];
      i++;
    } else w += c;
  }
  if (inWord) words.push(w);
  return words;
}
function heredocs(line) {
  let words;
  try {
    words = rawWords(line);
  } catch {
    return [];
  }
  const docs = [];
  for (const word of words) {
    const m = /^(\d*)<<(-?)\s*([^<]*)$/.exec(word);
    if (!m || (m[3] ?? "") === "") continue;
    const names = cookedWords(m[3] ?? "");
    if (names.length !== 1) continue;
    docs.push({ name: names[0] ?? "", chomp: m[2] === "-" });
  }
  return docs;
}
function splitWords(args, escape) {
  const words = [];
  let start = -1;
  let quote;
  for (let i = 0; i <= args.length; i++) {
    const c = args[i];
    if (c === void 0 || !quote && /\s/.test(c)) {
      if (start >= 0) words.push({ raw: args.slice(start, i), start });
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (quote) {
      if (c === quote) quote = void 0;
      else if (c === escape && quote === '"') i++;
    } else if (c === escape) i++;
    else if (c === '"' || c === "'") quote = c;
  }
  return words;
}
function flags(words) {
  const out = [];
  for (const w of words) {
    if (!w.raw.startsWith("--")) break;
    const eq = w.raw.indexOf("=");
    if (eq < 0) out.push({ name: w.raw.slice(2).toLowerCase(), value: "", start: w.start + w.raw.length });
    else out.push({ name: w.raw.slice(2, eq).toLowerCase(), value: w.raw.slice(eq + 1), start: w.start + eq + 1 });
  }
  return out;
}
function mountFields(value) {
  const out = [];
  let fieldStart = 0;
  let quote = false;
  for (let i = 0; i <= value.length; i++) {
    const c = value[i];
    if (c === '"') quote = !quote;
    if (c === void 0 || c === "," && !quote) {
      const field = value.slice(fieldStart, i);
      const eq = field.indexOf("=");
      if (eq > 0) {
        let v = field.slice(eq + 1);
        let off = fieldStart + eq + 1;
        if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
          v = v.slice(1, -1);
          off++;
        }
        out.push({ key: field.slice(0, eq).trim().toLowerCase(), value: v, start: off });
      }
      fieldStart = i + 1;
    }
  }
  return out;
}
function platformArgs(target, build2 = BUILD_PLATFORM) {
  const args = /* @__PURE__ */ new Map();
  for (const [prefix, p] of [
    ["TARGET", target],
    ["BUILD", build2]
  ]) {
    const variant = p.architecture === "arm64" && p.variant === "v8" ? "" : p.variant ?? "";
    args.set(`${prefix}PLATFORM`, variant ? `${p.os}/${p.architecture}/${variant}` : `${p.os}/${p.architecture}`);
    args.set(`${prefix}OS`, p.os);
    args.set(`${prefix}ARCH`, p.architecture);
    args.set(`${prefix}VARIANT`, variant);
  }
  return args;
}
var AUTOMATIC_ARG = /\b(?:TARGET|BUILD)(?:PLATFORM|OS|ARCH|VARIANT)\b/;
function extractDockerfile(file, text, opts = {}) {
  const parsed = parseDockerfile(text);
  const refs = [];
  const warnings = parsed.problems.map((p) => ({ ...p, file }));
  if (parsed.syntax) refs.push({ image: parsed.syntax.image, file, line: parsed.syntax.line, col: parsed.syntax.col, kind: "dockerfile" });
  const targets = opts.platforms && opts.platforms.length > 0 ? opts.platforms : [{ os: "linux", architecture: "amd64" }];
  const distinct = [...new Map(targets.map((p) => [[...platformArgs(p).values()].join(" "), p])).values()].slice(0, MAX_TARGET_PLATFORMS);
  const reads = AUTOMATIC_ARG.test(text) ? distinct : distinct.slice(0, 1);
  for (const target of reads) readInstructions(file, parsed, platformArgs(target), refs, warnings);
  return { refs, warnings };
}
function readInstructions(file, parsed, automatic, refs, warnings) {
  const { instructions, escape } = parsed;
  const stageNames = /* @__PURE__ */ new Set();
  for (const ins of instructions) {
    if (ins.keyword !== "FROM") continue;
    const words = splitWords(ins.args, escape).filter((w) => !w.raw.startsWith("--"));
    if (words[1]?.raw.toLowerCase() === "as" && words[2]) stageNames.add(words[2].raw.toLowerCase());
  }
  const meta = new Map(automatic);
  let stageArgs;
  const earlierStages = /* @__PURE__ */ new Set();
  const metaLookup = (name) => meta.get(name);
  const stageLookup = (name) => stageArgs?.has(name) ? stageArgs.get(name) : meta.get(name);
  const at = (ins, offset) => ins.argPos(offset);
  const notVerified = (raw, e, p) => {
    const parts = [];
    if (e.error !== void 0) parts.push(`BuildKit refuses it (${e.error})`);
    if (e.unresolved.length > 0) {
      parts.push(`${listVariables(e.unresolved)} ${e.unresolved.length > 1 ? "are" : "is"} not declared (an ARG before the first FROM gives a value)`);
    }
    if (e.unsupported.length > 0) parts.push(`${e.unsupported.join(", ")} is not expanded by image-gate`);
    if (parts.length === 0) return false;
    warnings.push({ file, line: p.line, col: p.col, message: `The image reference "${raw}" is not verified: ${parts.join("; ")}.` });
    return true;
  };
  const expand = (raw, lookup, p) => {
    try {
      return processDockerfileWord(raw, lookup, escape);
    } catch (err) {
      if (err instanceof Error && err.name === "FileLimitError") Object.assign(err, { line: p.line, col: p.col });
      throw err;
    }
  };
  const fromValue = (ins, raw, offset) => {
    if (raw === "") return;
    const p = at(ins, offset);
    const e = expand(raw, stageLookup, p);
    if (notVerified(raw, e, p)) return;
    if (e.value === "" || /^\d+$/.test(e.value) || stageNames.has(e.value.toLowerCase())) return;
    refs.push({ image: e.value, file, line: p.line, col: p.col, kind: "dockerfile" });
  };
  const argValue = (raw, lookup, p) => {
    const e = expand(raw, lookup, p);
    return e.error !== void 0 || e.unresolved.length > 0 || e.unsupported.length > 0 ? void 0 : e.value;
  };
  for (const ins of instructions) {
    const words = splitWords(ins.args, escape);
    switch (ins.keyword) {
      case "ARG": {
        for (const w of words) {
          const eq = w.raw.indexOf("=");
          const name = eq < 0 ? w.raw : w.raw.slice(0, eq);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
          const p = at(ins, w.start);
          if (stageArgs === void 0) {
            meta.set(name, eq < 0 ? automatic.get(name) ?? "" : argValue(w.raw.slice(eq + 1), metaLookup, p));
          } else if (eq < 0) {
            stageArgs.set(name, meta.has(name) ? meta.get(name) : automatic.get(name) ?? "");
          } else {
            stageArgs.set(name, argValue(w.raw.slice(eq + 1), stageLookup, p));
          }
        }
        break;
      }
      case "FROM": {
        stageArgs = /* @__PURE__ */ new Map();
        const rest = words.filter((w) => !w.raw.startsWith("--"));
        const image2 = rest[0];
        const name = rest[1]?.raw.toLowerCase() === "as" ? rest[2]?.raw.toLowerCase() : void 0;
        if (!image2) {
          warnings.push({ file, line: ins.line, col: 1, message: "FROM names no image." });
        } else {
          const p = at(ins, image2.start);
          const e = expand(image2.raw, metaLookup, p);
          if (notVerified(image2.raw, e, p)) {
          } else if (e.value === "") {
            warnings.push({ file, line: p.line, col: p.col, message: `The image reference "${image2.raw}" is empty once its variables are substituted (an ARG without a default is empty): BuildKit refuses it.` });
          } else if (e.value.toLowerCase() === "scratch" || earlierStages.has(e.value.toLowerCase())) {
          } else refs.push({ image: e.value, file, line: p.line, col: p.col, kind: "dockerfile" });
        }
        if (name) earlierStages.add(name);
        break;
      }
      case "COPY": {
        for (const f of flags(words)) if (f.name === "from") fromValue(ins, f.value, f.start);
        break;
      }
      case "RUN": {
        for (const f of flags(words)) {
          if (f.name !== "mount") continue;
          for (const field of mountFields(f.value)) if (field.key === "from") fromValue(ins, field.value, f.start + field.start);
        }
        break;
      }
      default:
        break;
    }
  }
}

// src/files/workflow.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var DOCKER_SCHEME = "docker://";
function extractWorkflow(file, text) {
  const { source, warnings } = parseYaml(file, text);
  const refs = [];
  const out = [...warnings];
  const add = (s, what, skip = 0) => {
    if (!s) return;
    const image2 = s.value.slice(skip).trim();
    if (image2 === "") return;
    const col = s.col + skip;
    if (image2.includes("${{")) {
      out.push({ file, line: s.line, col, message: `The image reference "${image2}" of ${what} holds an expression, known only when the workflow runs, and is not verified.` });
      return;
    }
    refs.push({ image: image2, file, line: s.line, col, kind: "workflow" });
  };
  for (const doc of source.docs) {
    const jobs = asMap(doc, get(doc, doc.contents, "jobs"));
    if (!jobs) continue;
    for (const [jobId, job] of entries(doc, jobs)) {
      const container2 = get(doc, job, "container");
      add(str(source, doc, container2) ?? str(source, doc, get(doc, container2, "image")), `the container of job "${jobId}"`);
      const services = asMap(doc, get(doc, job, "services"));
      for (const [name, service] of services ? entries(doc, services) : []) {
        add(str(source, doc, get(doc, service, "image")), `service "${name}" of job "${jobId}"`);
      }
      for (const step of asSeq(doc, get(doc, job, "steps"))?.items ?? []) dockerStep(source, doc, step, jobId, add);
    }
  }
  return { refs, warnings: out };
}
function dockerStep(source, doc, step, jobId, add) {
  const uses = str(source, doc, get(doc, step, "uses"));
  if (!uses || !uses.value.toLowerCase().startsWith(DOCKER_SCHEME)) return;
  add(uses, `a step of job "${jobId}"`, DOCKER_SCHEME.length);
}

// src/files/extract.ts
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", "node_modules"]);
var WALK_LIMITS = { entries: 1e5, depth: 32, fileBytes: 8 * 1024 * 1024 };
var YAML_EXT = /\.ya?ml$/i;
var COMPOSE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];
function detectKind(path, text) {
  const p = path.replace(/\\/g, "/");
  const base = (p.split("/").pop() ?? "").toLowerCase();
  if (base === "dockerfile" || base === "containerfile" || (base.endsWith(".dockerfile") || base.endsWith(".containerfile") || base.startsWith("dockerfile.") || base.startsWith("containerfile.")) && !/\.(dockerignore|containerignore|ya?ml|json|md|txt)$/.test(base)) {
    return "dockerfile";
  }
  if (isKustomization(p)) return "kustomize";
  if (!YAML_EXT.test(base)) return void 0;
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(p)) return "workflow";
  if (/^(docker-compose.*|compose(\..+)?)\.ya?ml$/.test(base)) return "compose";
  if (/^values.*\.ya?ml$/.test(base)) return "helm";
  if (/(^|\/)templates\/(.+\/)?[^/]+$/.test(p) && text.includes("{{")) return "helm-template";
  if (/^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text)) return "kubernetes";
  if (/^services\s*:/m.test(text)) return "compose";
  return void 0;
}
var EXTRACTORS = {
  dockerfile: extractDockerfile,
  compose: extractCompose,
  kubernetes: extractKubernetes,
  // What a kustomization deploys needs its resources: collectFiles builds it; here, only the file itself is read.
  kustomize: (file, text) => ({ refs: [], warnings: parseKustomization(file, text).warnings }),
  helm: extractHelmValues,
  "helm-template": extractHelmTemplate,
  workflow: extractWorkflow
};
function printableOnly(refs, errors) {
  return refs.filter((ref) => {
    if (!UNPRINTABLE.test(ref.image)) return true;
    errors.push({ file: ref.file, line: ref.line, col: ref.col, message: "The image reference here is not valid: it holds white space or control characters." });
    return false;
  });
}
function extractReferences(file, text, kind, opts = {}) {
  const path = file.replace(/\\/g, "/");
  let r;
  try {
    r = EXTRACTORS[kind](path, text, opts);
  } catch (e) {
    if (!(e instanceof FileLimitError)) throw e;
    return { refs: [], warnings: [], errors: [{ file: path, line: e.line, col: e.col, message: `Not read in full: ${e.message}; the images it names are not verified.` }] };
  }
  const seen = /* @__PURE__ */ new Set();
  const errors = [...r.errors ?? []];
  const refs = printableOnly(
    r.refs.filter((ref) => {
      const key = `${ref.line}:${ref.col}:${ref.image}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    errors
  );
  const seenWarnings = /* @__PURE__ */ new Set();
  const warnings = r.warnings.map((w) => ({ ...w, message: printable(w.message) })).filter((w) => {
    const key = `${w.line}:${w.col}:${w.message}`;
    if (seenWarnings.has(key)) return false;
    seenWarnings.add(key);
    return true;
  });
  const order = (a, b) => a.line - b.line || a.col - b.col;
  return { refs: refs.sort(order), warnings: warnings.sort(order), errors: errors.sort(order) };
}
var UNPRINTABLE = /[\s\p{Cc}\p{Cf}\u2028\u2029]/u;
var CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
function printable(message) {
  return message.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function compilePatterns(workspace, patterns) {
  const out = [];
  for (const raw of patterns) {
    let p = raw.trim();
    if (p === "" || p.startsWith("#")) continue;
    const negate = p.startsWith("!");
    if (negate) p = p.slice(1).trim();
    if ((0, import_node_path2.isAbsolute)(p)) p = (0, import_node_path2.relative)(workspace, p).split(import_node_path2.sep).join("/");
    p = p.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
    if (p === "") continue;
    out.push({ negate, mm: new Minimatch(p, { dot: true }) });
  }
  return out;
}
function matches(patterns, path) {
  let included = false;
  for (const p of patterns) if (p.mm.match(path)) included = !p.negate;
  return included;
}
function mayContain(patterns, dir) {
  return patterns.some((p) => !p.negate && p.mm.match(dir, true));
}
async function collectFiles(workspace, patterns, opts = {}) {
  const root = (0, import_node_path2.resolve)(workspace);
  const compiled = compilePatterns(root, patterns);
  const warnings = [];
  const errors = [];
  let candidates;
  if (opts.only) {
    candidates = [...opts.only].map((f) => f.replace(/\\/g, "/").replace(/^(\.\/)+/, "")).filter((f) => f !== "" && !f.split("/").some((part) => SKIP_DIRS.has(part) || part === "..") && matches(compiled, f));
  } else {
    candidates = await walk3(root, compiled, errors);
  }
  if (opts.only) {
    for (const f of opts.only) {
      const path = f.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
      if (!/(^|\/)\.env$/.test(path) || path.split("/").some((part) => SKIP_DIRS.has(part) || part === "..")) continue;
      const dir = path.slice(0, path.length - ".env".length);
      for (const name of COMPOSE_FILES) {
        const c = `${dir}${name}`;
        if (!matches(compiled, c)) continue;
        try {
          if ((await (0, import_promises.stat)((0, import_node_path2.join)(root, ...c.split("/")))).isFile()) candidates.push(c);
        } catch {
        }
      }
    }
    for (const file of [...candidates]) {
      if (!YAML_EXT.test(file)) continue;
      const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/") + 1) : "";
      for (const name of KUSTOMIZATION_FILES) {
        const k = `${dir}${name}`;
        if (!matches(compiled, k)) continue;
        try {
          if ((await (0, import_promises.stat)((0, import_node_path2.join)(root, ...k.split("/")))).isFile()) candidates.push(k);
        } catch {
        }
      }
    }
  }
  candidates = [...new Set(candidates)].sort();
  const refs = [];
  const files = [];
  const skipped = [];
  const dotEnvs = /* @__PURE__ */ new Map();
  const overridden = /* @__PURE__ */ new Set();
  const texts = /* @__PURE__ */ new Map();
  const reader = {
    read: (path) => {
      if (!texts.has(path)) texts.set(path, readText(root, path, errors));
      return texts.get(path);
    },
    isDirectory: async (path) => {
      try {
        return (await (0, import_promises.stat)((0, import_node_path2.join)(root, ...path.split("/")))).isDirectory();
      } catch {
        return false;
      }
    }
  };
  for (const file of candidates) {
    const text = await readText(root, file, errors);
    if (text === void 0) continue;
    const kind = detectKind(file, text);
    if (!kind) {
      skipped.push(file);
      continue;
    }
    files.push(file);
    const extractOpts = opts.platforms ? { platforms: opts.platforms } : {};
    if (kind === "compose") {
      const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
      if (!dotEnvs.has(dir)) {
        const envFile = dir === "" ? ".env" : `${dir}/.env`;
        const envText = await readText(root, envFile, errors);
        let dotEnv2;
        try {
          if (envText !== void 0) dotEnv2 = parseDotEnv(envText);
        } catch (e) {
          if (!(e instanceof FileLimitError)) throw e;
          errors.push({ file: envFile, line: e.line, col: e.col, message: `Not read in full: ${e.message}; the images that use its values are not verified.` });
        }
        dotEnvs.set(dir, dotEnv2);
      }
      const dotEnv = dotEnvs.get(dir);
      if (dotEnv) extractOpts.dotEnv = dotEnv;
    }
    const r = extractReferences(file, text, kind, extractOpts);
    refs.push(...r.refs);
    warnings.push(...r.warnings);
    errors.push(...r.errors ?? []);
    if (kind === "kustomize") {
      try {
        const k = await kustomize(file, reader);
        refs.push(...printableOnly(kustomizedReferences(k.images), errors));
        warnings.push(...k.warnings.map((w) => ({ ...w, message: printable(w.message) })));
        for (const img of k.images) if (img.places.length > 1) overridden.add(`${img.origin.file}:${img.origin.line}:${img.origin.col}`);
      } catch (e) {
        if (!(e instanceof FileLimitError)) throw e;
        errors.push({ file, line: e.line, col: e.col, message: `Not read in full: ${e.message}; the images it deploys are not verified.` });
      }
    }
  }
  const seenRefs = /* @__PURE__ */ new Set();
  const kept = refs.filter((r) => r.kind !== "kubernetes" || !overridden.has(`${r.file}:${r.line}:${r.col}`)).filter((r) => {
    const key = `${r.file}\0${r.line}\0${r.col}\0${r.image}`;
    if (seenRefs.has(key)) return false;
    seenRefs.add(key);
    return true;
  }).sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col);
  return { refs: kept, warnings: orderWarnings(warnings), errors: unique2(errors), files, skipped };
}
function unique2(xs) {
  const seen = /* @__PURE__ */ new Set();
  return xs.filter((x) => {
    const key = `${x.file}\0${x.line}\0${x.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function orderWarnings(warnings) {
  const first = /* @__PURE__ */ new Map();
  for (const w of warnings) {
    const key = w.line > 0 ? `${w.file}\0${w.line}` : `${w.file}\0${w.message}`;
    const seen = first.get(key);
    if (!seen) first.set(key, { w, more: 0 });
    else if (seen.w.message !== w.message) seen.more++;
  }
  const once = [...first.values()].map(({ w, more }) => more > 0 ? { ...w, message: `${w.message} (${more} more like it on this line)` } : w);
  const rank = (w) => w.level === "notice" ? 1 : 0;
  return once.map((w, i) => ({ w, i })).sort((a, b) => rank(a.w) - rank(b.w) || a.i - b.i).map((x) => x.w);
}
async function walk3(root, patterns, warnings) {
  const found = [];
  let seen = 0;
  let truncated = false;
  const visit = async (dir, rel, depth) => {
    if (truncated) return;
    if (depth > WALK_LIMITS.depth) {
      warnings.push({ file: rel, line: 0, col: 0, message: `Not searched for files: deeper than ${WALK_LIMITS.depth} directories; the files it holds are not verified. Narrow the files patterns.` });
      return;
    }
    let list;
    try {
      list = await (0, import_promises.readdir)(dir, { withFileTypes: true });
    } catch {
      return;
    }
    list.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of list) {
      if (++seen > WALK_LIMITS.entries) {
        truncated = true;
        warnings.push({ file: ".", line: 0, col: 0, message: `The workspace has more than ${WALK_LIMITS.entries} files and directories; the search for files stopped there. Narrow the files patterns.` });
        return;
      }
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name) || !mayContain(patterns, path)) continue;
        await visit((0, import_node_path2.join)(dir, entry.name), path, depth + 1);
      } else if (matches(patterns, path)) {
        found.push(path);
      }
    }
  };
  await visit(root, "", 0);
  return found;
}
var utf8 = new TextDecoder("utf-8", { fatal: true });
async function readText(root, file, errors) {
  const path = (0, import_node_path2.join)(root, ...file.split("/"));
  const fail = (why) => {
    errors.push({ file, line: 0, col: 0, message: `Not read: ${why}; the images it names are not verified.` });
    return void 0;
  };
  let s;
  try {
    s = await (0, import_promises.stat)(path);
  } catch (e) {
    const code = e.code;
    return code === "ENOENT" || code === "ENOTDIR" ? void 0 : fail(`it cannot be read (${code ?? "error"})`);
  }
  if (s.isDirectory()) return void 0;
  if (!s.isFile()) return detectKind(file, "") !== void 0 || YAML_EXT.test(file) ? fail("it is not a regular file") : void 0;
  try {
    const target = await (0, import_promises.realpath)(path);
    const realRoot = await (0, import_promises.realpath)(root);
    if (!target.startsWith(realRoot + import_node_path2.sep)) {
      return fail((await (0, import_promises.lstat)(path)).isSymbolicLink() ? "it is a symbolic link to outside the workspace" : "it is reached through a symbolic link to outside the workspace");
    }
  } catch (e) {
    return fail(`it cannot be read (${e.code ?? "error"})`);
  }
  if (s.size > WALK_LIMITS.fileBytes) return fail(`it is larger than ${WALK_LIMITS.fileBytes} bytes (${s.size}), the most image-gate reads`);
  let bytes;
  try {
    bytes = await (0, import_promises.readFile)(path);
  } catch (e) {
    return fail(`it cannot be read (${e.code ?? "error"})`);
  }
  if (bytes.length > WALK_LIMITS.fileBytes) return fail(`it is larger than ${WALK_LIMITS.fileBytes} bytes, the most image-gate reads`);
  let text;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail("it is not UTF-8 text");
  }
  if (text.includes("\0")) return fail("it is not text (it holds NUL bytes)");
  return text.replace(/^\uFEFF/, "");
}
export {
  FileLimitError,
  WALK_LIMITS,
  collectFiles,
  compilePatterns,
  detectKind,
  distinctImages,
  extractReferences,
  locationsByImage,
  matches,
  orderWarnings
};
//# sourceMappingURL=extract-U7XK2XCF.js.map
