
import {
  FileLimitError,
  distinctImages,
  locationsByImage
} from "./chunk-UQU5SVHF.js";
import {
  require_dist
} from "./chunk-3TOXFQ22.js";
import {
  require_promises
} from "./chunk-6PWRNFS3.js";
import {
  require_path
} from "./chunk-FZ4MN5IN.js";
import {
  require_minimatch
} from "./chunk-O6L72QPH.js";
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/files/extract.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_promises = __toESM(require_promises(), 1);
var import_node_path2 = __toESM(require_path(), 1);
var import_minimatch = __toESM(require_minimatch(), 1);

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
  return new FileLimitError(
    `a value grows past ${EXPANSION_LIMITS.length} characters once its variables are substituted`
  );
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
    const out = {
      value: this.value,
      unresolved: unique(this.unresolved),
      unsupported: unique(this.unsupported)
    };
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
function interpolateCompose(s, lookup2, depth = 0) {
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
      const value = lookup2(name);
      if (op === "") {
        b.add(
          value === void 0 ? { value: "", unresolved: [name], unsupported: [] } : { value: value ?? "", unresolved: [], unsupported: [] }
        );
        continue;
      }
      const m = /^(:?)([-+?])([\s\S]*)$/.exec(op);
      if (!m) {
        b.add({ value: whole, unresolved: [], unsupported: [whole] });
        continue;
      }
      b.add(
        modifier(
          name,
          value,
          m[1] === ":",
          m[2],
          () => interpolateCompose(m[3] ?? "", lookup2, depth + 1)
        )
      );
      continue;
    }
    if (s[i] === "$") {
      const name = NAME.exec(s.slice(i + 1, i + 1 + 256))?.[0];
      if (name) {
        const value = lookup2(name);
        b.add(
          value === void 0 ? { value: "", unresolved: [name], unsupported: [] } : { value: value ?? "", unresolved: [], unsupported: [] }
        );
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
function processDockerfileWord(s, lookup2, escape = "\\") {
  const lex2 = new DockerfileLexer(s, lookup2, escape);
  try {
    return lex2.word(void 0, 0);
  } catch (e) {
    if (e instanceof LexError) return { value: "", unresolved: [], unsupported: [], error: e.message };
    throw e;
  }
}
var LexError = class extends GateError {
  constructor(message) {
    super("file", message);
  }
};
var DockerfileLexer = class {
  constructor(s, lookup2, escape) {
    this.s = s;
    this.lookup = lookup2;
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
    if (stop !== void 0)
      throw new LexError(stop === "}" ? `syntax error: missing '}'` : `syntax error: missing '${stop}'`);
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
    throw new FileLimitError(
      `its YAML takes more than ${MAX_YAML_WORK} steps to read (aliases and merge keys expand it)`
    );
  }
}
function parseYaml(file, text) {
  if (countItems(text) > MAX_YAML_ITEMS)
    throw new FileLimitError(`it has more than ${MAX_YAML_ITEMS} YAML lines and items, the most image-gate reads`);
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
    warnings.push({
      file,
      line: p.line,
      col: p.col,
      message: `This file is not valid YAML, image references in it may be missed: ${err.message.split("\n")[0]}`
    });
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
  if ((0, import_yaml.isScalar)(key) && (typeof key.value === "string" || typeof key.value === "number" || typeof key.value === "boolean"))
    return String(key.value);
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
  if (!(0, import_yaml.isScalar)(n) || !n.range || n.value === null || typeof n.value !== "number" && typeof n.value !== "boolean")
    return void 0;
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
        out.push({
          file,
          line: image2.line,
          col: image2.col,
          message: `The image reference "${image2.value}" of service "${name}" is not verified: ${why}.`
        });
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
  const lookup2 = (name) => vars.get(name);
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
    const e = interpolateCompose(value, lookup2);
    vars.set(name, e.unresolved.length > 0 || e.unsupported.length > 0 || e.error !== void 0 ? void 0 : e.value);
  }
  return vars;
}

// src/files/helm.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_yaml5 = __toESM(require_dist(), 1);

// src/files/helm-template.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_yaml3 = __toESM(require_dist(), 1);
var TEMPLATE_LIMITS = {
  depth: MAX_DEPTH,
  items: MAX_YAML_ITEMS,
  work: MAX_YAML_WORK,
  candidates: 16,
  printfArgs: 16
};
function loadHelmChart(dir, chartYaml, valuesYaml) {
  const errors = [];
  const at = (name) => dir === "" ? name : `${dir}/${name}`;
  const metadata = {};
  try {
    const { source } = parseYaml(at("Chart.yaml"), chartYaml);
    const doc = source.docs[0];
    if (doc) {
      for (const [key, field] of [
        ["name", "Name"],
        ["version", "Version"],
        ["appVersion", "AppVersion"]
      ]) {
        const v = scalarText(source, doc, get(doc, doc.contents, key));
        if (v) metadata[field] = v.value;
      }
    }
  } catch (e) {
    if (!(e instanceof FileLimitError)) throw e;
    errors.push({
      file: at("Chart.yaml"),
      line: e.line,
      col: e.col,
      message: `Not read in full: ${e.message}; the images the chart's templates name are not verified.`
    });
  }
  let values = /* @__PURE__ */ new Map();
  if (valuesYaml !== void 0) {
    try {
      const { source } = parseYaml(at("values.yaml"), valuesYaml);
      const doc = source.docs[0];
      const v = doc ? toValue(source, doc, doc.contents, 0, /* @__PURE__ */ new Map()) : null;
      values = v instanceof Map ? v : /* @__PURE__ */ new Map();
    } catch (e) {
      if (!(e instanceof FileLimitError)) throw e;
      values = void 0;
      errors.push({
        file: at("values.yaml"),
        line: e.line,
        col: e.col,
        message: `Not read in full: ${e.message}; the images the chart's templates name are not verified.`
      });
    }
  }
  return { chart: { dir, values, metadata }, errors };
}
function toValue(source, doc, node, depth, memo) {
  const n = resolve(doc, node);
  if (!n) return null;
  if (depth > MAX_DEPTH) throw new FileLimitError(`its values nest deeper than ${MAX_DEPTH} levels`);
  const seen = memo.get(n);
  if (seen !== void 0) return seen;
  spend(doc);
  if ((0, import_yaml3.isMap)(n)) {
    const m = /* @__PURE__ */ new Map();
    memo.set(n, m);
    for (const [k, v] of entries(doc, n)) m.set(k, toValue(source, doc, v, depth + 1, memo));
    return m;
  }
  if ((0, import_yaml3.isSeq)(n)) {
    const list = [];
    memo.set(n, list);
    for (const item of n.items) list.push(toValue(source, doc, item, depth + 1, memo));
    return list;
  }
  if (!(0, import_yaml3.isScalar)(n)) return null;
  const text = typeof n.value === "string" ? n.value : n.range ? source.text.slice(n.range[0], n.range[1]).trim() : String(n.value);
  if (n.tag === "tag:yaml.org,2002:str" || n.tag === "tag:yaml.org,2002:binary") return text;
  if (n.type !== import_yaml3.Scalar.PLAIN && n.tag === void 0) return text;
  return plainScalar(text);
}
var YAML11_TRUE = /* @__PURE__ */ new Set(["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
var YAML11_FALSE = /* @__PURE__ */ new Set(["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]);
var YAML11_NULL = /* @__PURE__ */ new Set(["", "~", "null", "Null", "NULL"]);
function plainScalar(s) {
  if (YAML11_NULL.has(s)) return null;
  if (YAML11_TRUE.has(s)) return true;
  if (YAML11_FALSE.has(s)) return false;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
  const p = s.replace(/_/g, "");
  const int = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]+)$/.exec(p);
  if (int) {
    const digits = (int[2] ?? "").replace(/^0([0-7])/, "0o$1").replace(/^0O/, "0o");
    try {
      const v = Number(BigInt(digits));
      return int[1] === "-" ? -v : v;
    } catch {
      return s;
    }
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(p)) return Number(p);
  return s;
}
function goFloat(n) {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  const sign = n < 0 ? "-" : "";
  const [mantissa = "0", e = "0"] = Math.abs(n).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}
var TemplateSyntaxError = class extends Error {
  constructor(message, at) {
    super(message);
    this.at = at;
  }
  at;
};
var KEYWORDS = /* @__PURE__ */ new Set(["block", "break", "continue", "define", "else", "end", "if", "range", "template", "with"]);
var isSpace = (c) => c === " " || c === "	" || c === "\r" || c === "\n";
var isAlnum = (c) => c !== void 0 && /^[\p{L}\p{Nd}_]$/u.test(c);
function tooMany(what) {
  return new FileLimitError(`its template has more than ${TEMPLATE_LIMITS.items} ${what}, the most image-gate reads`);
}
function lex(text) {
  const items = [];
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
    if (++lines > TEMPLATE_LIMITS.items) throw tooMany("lines");
  let count = 0;
  let pos = 0;
  for (; ; ) {
    const x = text.indexOf("{{", pos);
    if (x < 0) {
      if (pos < text.length) items.push({ k: "text", start: pos, end: text.length });
      return items;
    }
    if ((count += 2) > TEMPLATE_LIMITS.items) throw tooMany("actions and tokens");
    const trimLeft = text[x + 2] === "-" && isSpace(text[x + 3]);
    let end = x;
    if (trimLeft) while (end > pos && isSpace(text[end - 1])) end--;
    if (end > pos) items.push({ k: "text", start: pos, end });
    const p = x + 2 + (trimLeft ? 2 : 0);
    if (text.startsWith("/*", p)) {
      const close = text.indexOf("*/", p + 2);
      if (close < 0) throw new TemplateSyntaxError("a comment is not closed", x);
      let q = close + 2;
      const trimRight = isSpace(text[q]) && text[q + 1] === "-" && text.startsWith("}}", q + 2);
      if (trimRight) q += 2;
      else if (!text.startsWith("}}", q)) throw new TemplateSyntaxError('a comment ends before its closing "}}"', x);
      pos = q + 2;
      if (trimRight) while (isSpace(text[pos])) pos++;
      continue;
    }
    const a = lexAction(text, p, x);
    count += a.toks.length;
    if (count > TEMPLATE_LIMITS.items) throw tooMany("actions and tokens");
    items.push({ k: "action", start: x, end: a.end, toks: a.toks });
    pos = a.end;
    if (a.trimRight) while (isSpace(text[pos])) pos++;
  }
}
function lexAction(text, from, open) {
  const toks = [];
  let depth = 0;
  let i = from;
  const push = (t, end) => {
    toks.push({ t, v: text.slice(i, end), at: i });
    i = end;
  };
  const terminated = (j) => {
    const c = text[j];
    if (c === void 0 || isSpace(c) || ".,|:)(}".includes(c)) return;
    throw new TemplateSyntaxError(`a bad character ${JSON.stringify(c)} in an action`, j);
  };
  const closing = (trimRight, end) => {
    if (depth > 0) throw new TemplateSyntaxError('a "(" is not closed', open);
    return { toks, end, trimRight };
  };
  for (; ; ) {
    if (isSpace(text[i]) && text[i + 1] === "-" && text.startsWith("}}", i + 2)) return closing(true, i + 4);
    if (text.startsWith("}}", i)) return closing(false, i + 2);
    const c = text[i];
    if (c === void 0) throw new TemplateSyntaxError("an action is not closed", open);
    if (isSpace(c)) {
      let j = i;
      while (isSpace(text[j]) && !(text[j + 1] === "-" && text.startsWith("}}", j + 2))) j++;
      push("space", Math.max(j, i + 1));
      continue;
    }
    if (c === ":") {
      if (text[i + 1] !== "=") throw new TemplateSyntaxError('":" is not followed by "="', i);
      push("decl", i + 2);
    } else if (c === "=") push("assign", i + 1);
    else if (c === "|") push("pipe", i + 1);
    else if (c === '"' || c === "'") {
      let j = i + 1;
      for (; ; ) {
        const d = text[j];
        if (d === void 0 || d === "\n")
          throw new TemplateSyntaxError(
            c === '"' ? "a quoted string is not closed" : "a character constant is not closed",
            i
          );
        if (d === "\\") j += 2;
        else if (d === c) break;
        else j++;
      }
      push(c === '"' ? "str" : "charc", j + 1);
    } else if (c === "`") {
      const close = text.indexOf("`", i + 1);
      if (close < 0) throw new TemplateSyntaxError("a raw string is not closed", i);
      push("raw", close + 1);
    } else if (c === "$" || c === "." && !/[0-9]/.test(text[i + 1] ?? "")) {
      let j = i + 1;
      while (isAlnum(text[j])) j++;
      terminated(j);
      push(c === "$" ? "var" : j === i + 1 ? "dot" : "field", j);
    } else if (c === "." || c === "+" || c === "-" || /[0-9]/.test(c)) {
      const m = /^[-+]?(?:0[xX][0-9a-fA-F_]*|0[oObB][0-9_]*|[0-9_]*)(?:\.[0-9a-fA-F_]*)?(?:[eEpP][-+]?[0-9_]+)?i?/.exec(
        text.slice(i, i + 256)
      );
      const j = i + (m?.[0].length ?? 0);
      if (j === i || isAlnum(text[j])) throw new TemplateSyntaxError("a number is not valid", i);
      push("num", j);
    } else if (isAlnum(c)) {
      let j = i;
      while (isAlnum(text[j])) j++;
      terminated(j);
      const word = text.slice(i, j);
      push(
        KEYWORDS.has(word) ? "kw" : word === "true" || word === "false" ? "bool" : word === "nil" ? "nil" : "ident",
        j
      );
    } else if (c === "(") {
      depth++;
      push("lparen", i + 1);
    } else if (c === ")") {
      if (--depth < 0) throw new TemplateSyntaxError('a ")" has no "("', i);
      push("rparen", i + 1);
    } else if (c >= "!" && c <= "~") push("char", i + 1);
    else throw new TemplateSyntaxError(`an unexpected character ${JSON.stringify(c)} in an action`, i);
  }
}
function unquote(tok) {
  const s = tok.v;
  if (tok.t === "raw") return s.slice(1, -1).replace(/\r/g, "");
  let out = "";
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = s[++i] ?? "";
    const simple = {
      a: "\x07",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "	",
      v: "\v",
      "\\": "\\"
    };
    if (simple[e] !== void 0) out += simple[e];
    else if (e === (tok.t === "str" ? '"' : "'")) out += e;
    else {
      const len = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : /[0-7]/.test(e) ? 3 : 0;
      const digits = e === "x" || e === "u" || e === "U" ? s.slice(i + 1, i + 1 + len) : s.slice(i, i + len);
      const ok = len > 0 && (/[0-7]/.test(e) ? /^[0-7]{3}$/.test(digits) : new RegExp(`^[0-9a-fA-F]{${len}}$`).test(digits));
      const code = ok ? parseInt(digits, /[0-7]/.test(e) ? 8 : 16) : -1;
      if (code < 0 || code > 1114111) throw new TemplateSyntaxError(`an escape "\\${e}" that Go does not know`, tok.at);
      out += String.fromCodePoint(code);
      i += /[0-7]/.test(e) ? len - 1 : len;
    }
  }
  return out;
}
function numberLiteral(s) {
  const p = s.replace(/_/g, "");
  if (p.endsWith("i")) return new Gap(`the number ${s} is not evaluated`);
  const int = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]+)$/.exec(p);
  if (int) {
    const v = BigInt((int[2] ?? "").replace(/^0([0-7])/, "0o$1").replace(/^0O/, "0o"));
    return int[1] === "-" ? -v : v;
  }
  const f = Number(p);
  return Number.isNaN(f) ? new Gap(`the number ${s} is not evaluated`) : f;
}
var Gap = class {
  constructor(why, empty = false) {
    this.why = why;
    this.empty = empty;
  }
  why;
  empty;
};
function quoted(text) {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 80 ? `${t.slice(0, 79)}\u2026` : t;
}
var Parser = class {
  constructor(items, text) {
    this.items = items;
    this.text = text;
  }
  items;
  text;
  i = 0;
  defines = [];
  parse() {
    const root = { vars: /* @__PURE__ */ new Map(), parent: void 0 };
    const r = this.list({ dot: { k: "root" }, dollar: { k: "root" } }, root, 0);
    if (r.stop) throw new TemplateSyntaxError(`an unexpected {{${r.stop.kw}}}`, r.stop.at);
    return r.nodes;
  }
  /** Nodes up to an `else` or `end` (returned as `stop`) or the end of the file. */
  list(ctx, scope, depth) {
    if (depth > TEMPLATE_LIMITS.depth)
      throw new FileLimitError(`its template blocks nest deeper than ${TEMPLATE_LIMITS.depth} levels`);
    const nodes = [];
    while (this.i < this.items.length) {
      const item = this.items[this.i++];
      if (item.k === "text") {
        nodes.push(item);
        continue;
      }
      const toks = trimSpaces(item.toks);
      const first = toks[0];
      if (!first) throw new TemplateSyntaxError("an action is empty", item.start);
      const rest = trimSpaces(toks.slice(1));
      if (first.t !== "kw") {
        const pipe = this.pipeline(toks, ctx, scope, depth, "one");
        if (pipe.decl) this.declare(pipe.decl, pipe.pipe, scope, item.start);
        else nodes.push({ k: "out", out: { at: item.start, pipe: pipe.pipe } });
        continue;
      }
      switch (first.v) {
        case "else":
        case "end":
          return { nodes, stop: { kw: first.v, toks: rest, at: item.start } };
        case "if":
        case "with":
          nodes.push(this.control(first.v, rest, ctx, scope, depth, item.start));
          break;
        case "range": {
          const inner = { vars: /* @__PURE__ */ new Map(), parent: scope };
          const p = this.pipeline(rest, ctx, inner, depth, "range");
          for (const name of p.decl?.names ?? [])
            inner.vars.set(name, { k: "gap", why: `$${name} is a range variable` });
          const what = quoted(p.pipe.src);
          const bodyCtx = {
            dot: { k: "unknown", why: `inside the range over ${what}, "." is each item in turn` },
            dollar: ctx.dollar
          };
          const body = this.list(bodyCtx, { vars: /* @__PURE__ */ new Map(), parent: inner }, depth + 1);
          let otherwise = [];
          if (body.stop?.kw === "else") {
            if (body.stop.toks.length > 0)
              throw new TemplateSyntaxError('"else" of a range takes nothing after it', body.stop.at);
            const e = this.list(ctx, { vars: /* @__PURE__ */ new Map(), parent: inner }, depth + 1);
            this.expectEnd(e.stop, item.start);
            otherwise = e.nodes;
          } else this.expectEnd(body.stop, item.start);
          nodes.push({ k: "range", body: body.nodes, else: otherwise });
          break;
        }
        case "define":
        case "block": {
          const name = rest[0];
          if (!name || name.t !== "str" && name.t !== "raw")
            throw new TemplateSyntaxError(`"${first.v}" needs a template name`, item.start);
          const args = trimSpaces(rest.slice(1));
          let bodyCtx;
          if (first.v === "block" && args.length > 0) {
            const p = this.pipeline(args, ctx, scope, depth, "none").pipe;
            bodyCtx = { dot: { k: "with", pipe: p }, dollar: { k: "with", pipe: p } };
          } else {
            const why = `inside the define of ${quoted(JSON.stringify(unquote(name)))}, "." is what each caller passes`;
            bodyCtx = { dot: { k: "unknown", why }, dollar: { k: "unknown", why } };
          }
          const body = this.list(bodyCtx, { vars: /* @__PURE__ */ new Map(), parent: void 0 }, depth + 1);
          this.expectEnd(body.stop, item.start);
          if (first.v === "block") nodes.push({ k: "fork", branches: [body.nodes] });
          else this.defines.push(body.nodes);
          break;
        }
        case "template":
          nodes.push({
            k: "out",
            out: {
              at: item.start,
              pipe: void 0,
              gap: new Gap(`template ${quoted(rest[0]?.v ?? "")} is not evaluated`)
            }
          });
          break;
        case "break":
        case "continue":
          nodes.push({ k: first.v });
          break;
      }
    }
    return { nodes };
  }
  expectEnd(stop, open) {
    if (!stop) throw new TemplateSyntaxError("a block has no {{end}}", open);
    if (stop.kw !== "end") throw new TemplateSyntaxError(`an unexpected {{${stop.kw}}}`, stop.at);
  }
  /**
   * `if`/`with` with their `else if`/`else with` chain and `else`: one branch each, and an empty one when there is
   * no `else`. A chain is one block (one `end` closes it), read in a loop, not nested.
   */
  control(kw, toks, ctx, scope, depth, at) {
    const branches = [];
    let inner = scope;
    for (; ; ) {
      inner = { vars: /* @__PURE__ */ new Map(), parent: inner };
      const p = this.pipeline(toks, ctx, inner, depth, "one");
      if (p.decl) this.declare(p.decl, p.pipe, inner, at);
      const thenCtx = kw === "with" ? { dot: { k: "with", pipe: p.pipe }, dollar: ctx.dollar } : ctx;
      const then = this.list(thenCtx, { vars: /* @__PURE__ */ new Map(), parent: inner }, depth + 1);
      if (!then.stop) throw new TemplateSyntaxError("a block has no {{end}}", at);
      branches.push(then.nodes);
      if (then.stop.kw === "end") {
        branches.push([]);
        break;
      }
      const chained = then.stop.toks[0];
      if (chained?.t === "kw" && (chained.v === "if" || chained.v === "with")) {
        kw = chained.v;
        toks = trimSpaces(then.stop.toks.slice(1));
        at = then.stop.at;
        continue;
      }
      if (then.stop.toks.length > 0)
        throw new TemplateSyntaxError('"else" takes nothing after it but "if" or "with"', then.stop.at);
      const otherwise = this.list(ctx, { vars: /* @__PURE__ */ new Map(), parent: inner }, depth + 1);
      this.expectEnd(otherwise.stop, at);
      branches.push(otherwise.nodes);
      break;
    }
    return { k: "fork", branches };
  }
  declare(decl, pipe, scope, at) {
    const name = decl.names[0];
    if (!decl.assign) {
      scope.vars.set(name, { k: "pipe", pipe, reassigned: false });
      return;
    }
    const def = lookup(scope, name);
    if (!def) throw new TemplateSyntaxError(`$${name} is assigned before it is declared`, at);
    if (def.k === "pipe") def.reassigned = true;
  }
  /** `[$x :=|=] command | command …`; in a range, `$i, $v :=` too. */
  pipeline(toks, ctx, scope, depth, decl) {
    const s = new Toks(toks);
    let declared;
    if (decl !== "none") {
      const names = [];
      const mark = s.i;
      for (; ; ) {
        s.spaces();
        const v = s.peek();
        if (v?.t !== "var" || v.v === "$") break;
        s.i++;
        s.spaces();
        names.push(v.v.slice(1));
        const n = s.peek();
        if (n?.t === "decl" || n?.t === "assign") {
          s.i++;
          declared = { names, assign: n.t === "assign" };
          break;
        }
        if (decl === "range" && n?.t === "char" && n.v === "," && names.length === 1) {
          s.i++;
          continue;
        }
        break;
      }
      if (!declared) s.i = mark;
      else if (declared.names.length > 1 && declared.assign)
        throw new TemplateSyntaxError('a range assigns two variables with "="', toks[0]?.at ?? 0);
    }
    const pipe = this.pipe(s, ctx, scope, depth, false);
    if (s.peek())
      throw new TemplateSyntaxError(`an unexpected ${JSON.stringify(s.peek()?.v)} in an action`, s.peek()?.at ?? 0);
    return declared ? { pipe, decl: declared } : { pipe };
  }
  pipe(s, ctx, scope, depth, inParens) {
    if (depth > TEMPLATE_LIMITS.depth)
      throw new FileLimitError(`its template actions nest deeper than ${TEMPLATE_LIMITS.depth} levels`);
    const from = s.peek()?.at;
    const cmds = [];
    let args = [];
    for (; ; ) {
      s.spaces();
      const t = s.peek();
      if (!t || inParens && t.t === "rparen") break;
      if (t.t === "pipe") {
        if (args.length === 0) throw new TemplateSyntaxError('a "|" has no command before it', t.at);
        s.i++;
        cmds.push(args);
        args = [];
        continue;
      }
      args.push(this.operand(s, ctx, scope, depth));
    }
    if (args.length === 0) throw new TemplateSyntaxError("a pipeline has no command", s.peek()?.at ?? from ?? 0);
    cmds.push(args);
    const last = s.toks[s.i - 1];
    const src = from === void 0 || !last ? "" : this.text.slice(from, last.at + last.v.length);
    return { cmds, ctx, src };
  }
  operand(s, ctx, scope, depth) {
    const t = s.next();
    let base;
    const names = [];
    const from = t.at;
    switch (t.t) {
      case "str":
      case "raw":
        return { k: "lit", v: unquote(t) };
      case "charc": {
        const c = unquote(t);
        return { k: "lit", v: BigInt(c.codePointAt(0) ?? 0) };
      }
      case "num":
        return { k: "lit", v: numberLiteral(t.v) };
      case "bool":
        return { k: "lit", v: t.v === "true" };
      case "nil":
        return { k: "lit", v: null };
      case "ident":
        return { k: "fn", name: t.v };
      case "dot":
        base = { k: "dot" };
        break;
      case "field":
        base = { k: "dot" };
        names.push(t.v.slice(1));
        break;
      case "var":
        base = t.v === "$" ? { k: "dollar" } : { k: "var", name: t.v.slice(1), def: lookup(scope, t.v.slice(1)) };
        break;
      case "lparen": {
        const pipe = this.pipe(s, ctx, scope, depth + 1, true);
        if (s.next()?.t !== "rparen") throw new TemplateSyntaxError('a "(" is not closed', t.at);
        base = { k: "pipe", pipe };
        break;
      }
      default:
        throw new TemplateSyntaxError(`an unexpected ${JSON.stringify(t.v)} in an action`, t.at);
    }
    while (s.peek()?.t === "field") names.push(s.next().v.slice(1));
    const last = s.toks[s.i - 1];
    return { k: "chain", base, names, src: this.text.slice(from, last.at + last.v.length) };
  }
};
function lookup(scope, name) {
  for (let s = scope; s; s = s.parent) {
    const v = s.vars.get(name);
    if (v) return v;
  }
  return void 0;
}
function trimSpaces(toks) {
  let a = 0;
  let b = toks.length;
  while (a < b && toks[a]?.t === "space") a++;
  while (b > a && toks[b - 1]?.t === "space") b--;
  return toks.slice(a, b);
}
var Toks = class {
  constructor(toks) {
    this.toks = toks;
  }
  toks;
  i = 0;
  peek() {
    return this.toks[this.i];
  }
  next() {
    return this.toks[this.i++];
  }
  spaces() {
    while (this.toks[this.i]?.t === "space") this.i++;
  }
};
var HelmObject = class {
  constructor(name) {
    this.name = name;
  }
  name;
};
var ROOT = new HelmObject("root");
function isEmpty(v) {
  if (v === null || v === "" || v === 0 || v === 0n || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return false;
}
function typeName(v) {
  if (typeof v === "string") return "a string";
  if (typeof v === "number" || typeof v === "bigint") return "a number";
  if (typeof v === "boolean") return "a boolean";
  if (v === null) return "nil";
  if (v instanceof Map || v instanceof HelmObject) return "a map";
  if (Array.isArray(v)) return "a list";
  return "a value";
}
function strval(v) {
  if (v instanceof Gap) return v;
  if (typeof v === "string") return v;
  if (typeof v === "number") return goFloat(v);
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (v === null) return "<nil>";
  return new Gap(`${typeName(v)} is not a string`);
}
function goQuote(s) {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    if (c === '"' || c === "\\") out += `\\${c}`;
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c)) out += c;
    else {
      const named = {
        "\x07": "\\a",
        "\b": "\\b",
        "\f": "\\f",
        "\n": "\\n",
        "\r": "\\r",
        "	": "\\t",
        "\v": "\\v"
      };
      out += named[c] ?? (code < 128 ? `\\x${code.toString(16).padStart(2, "0")}` : code < 65536 ? `\\u${code.toString(16).padStart(4, "0")}` : `\\U${code.toString(16).padStart(8, "0")}`);
    }
  }
  return `${out}"`;
}
var tooLong = () => new Gap(`a value grows past ${EXPANSION_LIMITS.length} characters`);
var firstGap = (args) => args.find((a) => a instanceof Gap);
function strings(name, args, count, f) {
  if (args.length !== count)
    return new Gap(`${name} takes ${count} argument${count === 1 ? "" : "s"}, not ${args.length}`);
  const gap = firstGap(args);
  if (gap) return gap;
  const bad = args.find((a) => typeof a !== "string");
  if (bad !== void 0) return new Gap(`${name} needs a string, not ${typeName(bad)}`);
  return f(...args);
}
function quoteAll(args, q) {
  const out = [];
  for (const a of args) {
    if (a === null) continue;
    const s = strval(a);
    if (s instanceof Gap) return s;
    out.push(q(s));
  }
  return out.join(" ");
}
function printf(args) {
  const [format, ...rest] = args;
  if (format instanceof Gap) return format;
  if (typeof format !== "string") return new Gap(`printf needs a format string, not ${typeName(format ?? null)}`);
  if (rest.length > TEMPLATE_LIMITS.printfArgs)
    return new Gap(`printf has more than ${TEMPLATE_LIMITS.printfArgs} arguments`);
  const gap = firstGap(rest);
  if (gap) return gap;
  let out = "";
  let n = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== "%") {
      out += c;
      continue;
    }
    const verb = format[++i];
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (verb === void 0 || !"svdq".includes(verb)) return new Gap(`printf's %${verb ?? ""} is not evaluated`);
    const a = rest[n++];
    if (a === void 0) return new Gap("printf has more verbs than arguments");
    if (verb === "s" || verb === "q") {
      if (typeof a !== "string") return new Gap(`printf's %${verb} is given ${typeName(a)}`);
      out += verb === "q" ? goQuote(a) : a;
    } else if (verb === "d") {
      if (typeof a !== "bigint")
        return new Gap(`printf's %d is given ${typeName(a)}${typeof a === "number" ? " (values are float64)" : ""}`);
      out += String(a);
    } else {
      const s = strval(a);
      if (s instanceof Gap) return s;
      out += s;
    }
    if (out.length > EXPANSION_LIMITS.length) return tooLong();
  }
  if (n < rest.length) return new Gap("printf has more arguments than verbs");
  return out;
}
function print(args) {
  let out = "";
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const s = strval(a);
    if (s instanceof Gap) return s;
    if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += s;
    if (out.length > EXPANSION_LIMITS.length) return tooLong();
  }
  return out;
}
function index(args) {
  const [collection, ...keys] = args;
  if (collection === void 0) return new Gap("index needs a value");
  let v = collection;
  for (const k of keys) {
    if (k instanceof Gap) return k;
    if (v instanceof Gap) return v.empty ? new Gap(`${v.why}, so index cannot read it`) : v;
    if (v instanceof Map) {
      if (typeof k !== "string") return new Gap(`index of a map needs a string key, not ${typeName(k)}`);
      const x = v.get(k);
      if (x === void 0 || x === null || x === "")
        return new Gap(`index finds no value for ${quoted(JSON.stringify(k))} in the chart's values.yaml`, true);
      v = x;
    } else if (Array.isArray(v)) {
      const n = typeof k === "bigint" ? Number(k) : -1;
      const x = n >= 0 ? v[n] : void 0;
      if (x === void 0) return new Gap(`index ${typeof k === "bigint" ? String(k) : typeName(k)} is not in the list`);
      v = x;
    } else return new Gap(`index of ${typeName(v)}`);
  }
  return v;
}
var FUNCTIONS = {
  default: (args) => {
    const [d, given] = args;
    if (d === void 0) return new Gap("default needs a value");
    if (given === void 0) return d;
    if (given instanceof Gap) return given.empty ? d : given;
    return isEmpty(given) ? d : given;
  },
  coalesce: (args) => {
    for (const a of args) {
      if (a instanceof Gap) {
        if (a.empty) continue;
        return a;
      }
      if (!isEmpty(a)) return a;
    }
    return new Gap("coalesce finds no value that is set", true);
  },
  required: (args) => {
    const [message, v] = args;
    if (v === void 0) return new Gap("required needs a value");
    if (v instanceof Gap) return v;
    if (v === null || v === "")
      return new Gap(`a required value is not set${typeof message === "string" ? ` (${quoted(message)})` : ""}`, true);
    return v;
  },
  quote: (args) => quoteAll(args, goQuote),
  squote: (args) => quoteAll(args, (s) => `'${s}'`),
  trim: (args) => strings("trim", args, 1, (s) => s.trim()),
  lower: (args) => strings("lower", args, 1, (s) => s.toLowerCase()),
  upper: (args) => strings("upper", args, 1, (s) => s.toUpperCase()),
  trimPrefix: (args) => strings("trimPrefix", args, 2, (p, s) => s.startsWith(p) ? s.slice(p.length) : s),
  trimSuffix: (args) => strings("trimSuffix", args, 2, (p, s) => p !== "" && s.endsWith(p) ? s.slice(0, s.length - p.length) : s),
  toString: (args) => args.length === 1 ? strval(args[0]) : new Gap("toString takes 1 argument"),
  index,
  print,
  printf
};
var NOT_EVALUATED = {
  include: "include renders another template, which is not evaluated",
  tpl: "tpl renders a value as a template, which is not evaluated",
  template: "template renders another template, which is not evaluated",
  lookup: "lookup reads the cluster, which is known only when the chart is installed"
};
var Budget = class {
  left = TEMPLATE_LIMITS.work;
  spend(n = 1) {
    this.left -= n;
    if (this.left < 0) throw new FileLimitError(`its template takes more than ${TEMPLATE_LIMITS.work} steps to read`);
  }
};
var Evaluator = class {
  constructor(chart, budget) {
    this.chart = chart;
    this.budget = budget;
  }
  chart;
  budget;
  pipes = /* @__PURE__ */ new Map();
  /** What an action prints: a string, or a Gap naming what is not known. */
  output(out) {
    if (out.gap) return out.gap;
    const v = this.pipe(out.pipe, 0);
    if (v instanceof Gap) return v;
    if (v === null) return new Gap(`${quoted(out.pipe.src)} is nil`, true);
    const s = strval(v);
    return s instanceof Gap ? new Gap(`${quoted(out.pipe.src)} is ${typeName(v)}, not a string`) : s;
  }
  pipe(p, depth) {
    const memo = this.pipes.get(p);
    if (memo !== void 0) return memo;
    if (depth > TEMPLATE_LIMITS.depth)
      throw new FileLimitError(`its template values nest deeper than ${TEMPLATE_LIMITS.depth} levels`);
    let v;
    for (const cmd of p.cmds) v = this.command(cmd, p.ctx, v, depth);
    const r = v ?? null;
    this.pipes.set(p, r);
    return r;
  }
  command(cmd, ctx, piped, depth) {
    this.budget.spend();
    const [first, ...rest] = cmd;
    if (first.k === "fn") {
      const args = rest.map((a) => this.arg(a, ctx, depth));
      if (piped !== void 0) args.push(piped);
      return this.call(first.name, args);
    }
    if (piped !== void 0 || rest.length > 0)
      return new Gap(`${first.k === "chain" ? quoted(first.src) : "a value"} is not a function`);
    return this.arg(first, ctx, depth);
  }
  call(name, args) {
    this.budget.spend(args.length + 1);
    const f = FUNCTIONS[name];
    if (f) return f(args);
    return new Gap(NOT_EVALUATED[name] ?? `the function ${quoted(name)} is not evaluated`);
  }
  arg(a, ctx, depth) {
    if (a.k === "lit") return a.v;
    if (a.k === "fn") return this.call(a.name, []);
    let v;
    let path;
    switch (a.base.k) {
      case "dot":
        v = this.dot(ctx.dot, depth);
        path = "";
        break;
      case "dollar":
        v = this.dot(ctx.dollar, depth);
        path = "$";
        break;
      case "var": {
        const def = a.base.def;
        path = `$${a.base.name}`;
        if (!def) v = new Gap(`${path} is not declared`);
        else if (def.k === "gap") v = new Gap(def.why);
        else if (def.reassigned) v = new Gap(`${path} is assigned in more than one place`);
        else v = this.pipe(def.pipe, depth + 1);
        break;
      }
      case "pipe":
        v = this.pipe(a.base.pipe, depth + 1);
        path = `(${quoted(a.base.pipe.src)})`;
        break;
    }
    for (const name of a.names) {
      this.budget.spend();
      const here = `${path}.${name}`;
      v = this.field(v, name, here);
      path = here;
    }
    return v;
  }
  dot(d, depth) {
    if (d.k === "root") return ROOT;
    if (d.k === "with") return this.pipe(d.pipe, depth + 1);
    return new Gap(d.why);
  }
  /** `.name` of a value: `path` names it in messages (`.Values.images.tag`). */
  field(v, name, path) {
    if (v instanceof Gap) return v.empty ? new Gap(`${v.why}, so ${quoted(path)} cannot be read`) : v;
    if (v === ROOT) {
      if (name === "Values") {
        if (!this.chart)
          return new Gap("the chart has no Chart.yaml above its templates/ directory, so its values are not known");
        return this.chart.values ?? new Gap("the chart's values.yaml is not read");
      }
      if (name === "Chart")
        return this.chart ? new HelmObject("Chart") : new Gap("the chart has no Chart.yaml above its templates/ directory");
      if (name === "Release") return new HelmObject("Release");
      return new Gap(`${quoted(path)} is not evaluated`);
    }
    if (v instanceof HelmObject && v.name === "Chart") {
      if (name !== "Name" && name !== "Version" && name !== "AppVersion")
        return new Gap(`.Chart.${name} is not evaluated`);
      const s = this.chart?.metadata[name];
      return s === void 0 || s === "" ? new Gap(`.Chart.${name} is not set in Chart.yaml`, true) : s;
    }
    if (v instanceof HelmObject && v.name === "Release") {
      if (name === "Service") return "Helm";
      return new Gap(`.Release.${name} is known only when the chart is installed`);
    }
    if (v instanceof Map) {
      if (!v.has(name)) return new Gap(`${quoted(path)} has no value in the chart's values.yaml`, true);
      const x = v.get(name);
      if (x === null || x === "") return new Gap(`${quoted(path)} is empty in the chart's values.yaml`, true);
      return x;
    }
    return new Gap(`${quoted(path)} cannot be read: ${typeName(v)} has no fields`);
  }
};
function compile(main, defines) {
  const ins = [];
  const emit = (nodes, loop) => {
    for (const n of nodes) {
      switch (n.k) {
        case "text":
          ins.push({ op: "text", start: n.start, end: n.end });
          break;
        case "out":
          ins.push({ op: "out", out: n.out });
          break;
        case "fork": {
          if (n.branches.length === 1) {
            emit(n.branches[0], loop);
            break;
          }
          const fork = { op: "fork", to: [] };
          ins.push(fork);
          const ends = [];
          n.branches.forEach((b, i) => {
            fork.to.push(ins.length);
            emit(b, loop);
            if (i < n.branches.length - 1) {
              const j = { op: "jmp", to: -1 };
              ins.push(j);
              ends.push(j);
            }
          });
          for (const j of ends) j.to = ins.length;
          break;
        }
        case "range": {
          const fork = { op: "fork", to: [] };
          ins.push(fork);
          const inner = {
            body: ins.length,
            exits: [],
            loops: []
          };
          emit(n.body, inner);
          const again = { op: "loop", body: inner.body, exit: -1 };
          ins.push(again);
          const elseAt = ins.length;
          emit(n.else, loop);
          fork.to = [inner.body, elseAt];
          for (const x of [again, ...inner.loops]) x.exit = ins.length;
          for (const x of inner.exits) x.to = ins.length;
          break;
        }
        case "break":
        case "continue":
          if (!loop) break;
          if (n.k === "break") {
            const j = { op: "jmp", to: -1 };
            ins.push(j);
            loop.exits.push(j);
          } else {
            const l = { op: "loop", body: loop.body, exit: -1 };
            ins.push(l);
            loop.loops.push(l);
          }
          break;
      }
    }
  };
  const entries2 = [0];
  emit(main, void 0);
  ins.push({ op: "halt" });
  for (const body of defines) {
    entries2.push(ins.length);
    emit(body, void 0);
    ins.push({ op: "halt" });
  }
  return { ins, entries: entries2 };
}
function keyPrefix(rest) {
  if (rest === "" || rest === "-") return "maybe";
  for (const key of ["image", '"image"', "'image'"]) {
    if (key.startsWith(rest)) return "maybe";
    if (!rest.startsWith(key)) continue;
    const after = rest.slice(key.length);
    if (/^ ?:?$/.test(after)) return "maybe";
    if (/^ ?: /.test(after)) return "key";
  }
  return "no";
}
var normalPrefix = (s) => s.replace(/[ \t]+/g, " ").replace(/^ ?(?:- )*/, "");
var Queue = class {
  heap = [];
  get size() {
    return this.heap.length;
  }
  push(s) {
    const h = this.heap;
    h.push(s);
    for (let i = h.length - 1; i > 0; ) {
      const up = i - 1 >> 1;
      if (h[up].pc <= h[i].pc) break;
      [h[up], h[i]] = [h[i], h[up]];
      i = up;
    }
  }
  pop() {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].pc < h[m].pc) m = l;
        if (r < h.length && h[r].pc < h[m].pc) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
};
var Renderer = class {
  constructor(prog, text, lines, budget) {
    this.prog = prog;
    this.text = text;
    this.lines = lines;
    this.budget = budget;
  }
  prog;
  text;
  lines;
  budget;
  ids = /* @__PURE__ */ new Map();
  /** Where lines start: each entry, and after each newline of the text. */
  *lineStarts() {
    for (const pc of this.prog.entries) yield { pc, pos: -1 };
    for (let pc = 0; pc < this.prog.ins.length; pc++) {
      const ins = this.prog.ins[pc];
      if (ins.op !== "text") continue;
      for (let nl = this.lines.newline(ins.start, ins.end); nl >= 0; nl = this.lines.newline(nl + 1, ins.end))
        yield { pc, pos: nl + 1 };
    }
  }
  /** Parts with one more: equal lists get one id, whatever branch made them. */
  add(parts, part) {
    const key = `${parts?.id ?? 0}:${part.k === "text" ? `${part.start}-${part.end}` : `o${part.out.at}`}`;
    let id = this.ids.get(key);
    if (id === void 0) {
      id = this.ids.size + 1;
      this.ids.set(key, id);
    }
    return { part, prev: parts, id };
  }
  /**
   * The distinct renderings of the line from a start, through each branch. Branches that meet again with the same
   * output so far go on as one. overflow: more than TEMPLATE_LIMITS.candidates distinct renderings (or 16 times as
   * many branches under way at once); the branches under way then go on each by its first way only, and the first
   * TEMPLATE_LIMITS.candidates renderings are returned.
   */
  render(start) {
    this.ids = /* @__PURE__ */ new Map();
    const paths = [];
    const done = /* @__PURE__ */ new Set();
    const queued = /* @__PURE__ */ new Set();
    const queue = new Queue();
    let overflow = false;
    const enqueue = (s) => {
      const key = `${s.pc}:${s.pos}:${s.looped ? 1 : 0}:${s.parts?.id ?? 0}`;
      if (queued.has(key)) return;
      if (queue.size >= TEMPLATE_LIMITS.candidates * 16) {
        overflow = true;
        return;
      }
      queued.add(key);
      queue.push(s);
    };
    const finish = (s, end, how) => {
      const key = `${s.parts?.id ?? 0}${how}`;
      if (done.has(key)) return;
      if (done.size >= TEMPLATE_LIMITS.candidates) {
        overflow = true;
        return;
      }
      done.add(key);
      const parts = [];
      for (let p = s.parts; p; p = p.prev) parts.push(p.part);
      paths.push({ parts: parts.reverse(), end });
    };
    enqueue({ pc: start.pc, pos: start.pos, parts: void 0, prefix: "", looped: false });
    for (let s = queue.pop(); s && done.size < TEMPLATE_LIMITS.candidates; s = queue.pop()) {
      this.budget.spend();
      const ins = this.prog.ins[s.pc];
      if (ins.op === "text") {
        const from = s.pos >= 0 ? s.pos : ins.start;
        const lineEnd = this.lines.newline(from, ins.end);
        const end = lineEnd >= 0 ? lineEnd : ins.end;
        let { parts, prefix } = s;
        if (end > from) parts = this.add(parts, { k: "text", start: from, end });
        if (prefix !== void 0) {
          prefix = normalPrefix(prefix + this.text.slice(from, Math.min(end, from + 256)));
          const state = keyPrefix(prefix);
          if (state === "no") continue;
          if (state === "key") prefix = void 0;
        }
        if (lineEnd >= 0) finish({ ...s, parts }, lineEnd + 1, "\n");
        else enqueue({ pc: s.pc + 1, pos: -1, parts, prefix, looped: s.looped });
      } else if (ins.op === "out") {
        enqueue({
          pc: s.pc + 1,
          pos: -1,
          parts: this.add(s.parts, { k: "out", out: ins.out }),
          prefix: void 0,
          looped: s.looped
        });
      } else if (ins.op === "halt") {
        finish(s, this.endOf(s), "$");
      } else if (ins.op === "fork") {
        for (const to of overflow ? ins.to.slice(0, 1) : ins.to) enqueue({ ...s, pc: to, pos: -1 });
      } else if (ins.op === "jmp") enqueue({ ...s, pc: ins.to, pos: -1 });
      else {
        if (!s.looped && !overflow) enqueue({ ...s, pc: ins.body, pos: -1, looped: true });
        enqueue({ ...s, pc: ins.exit, pos: -1 });
      }
    }
    return { paths, overflow };
  }
  endOf(s) {
    const last = s.parts?.part;
    return last?.k === "text" ? last.end : last?.k === "out" ? last.out.at : 0;
  }
  /**
   * Whether a line whose branches are too many to render may hold an image: key: the text and the known values
   * reachable from its start before a newline (each instruction once) hold "image".
   */
  mayHoldImage(start, value) {
    const seen = /* @__PURE__ */ new Set();
    const todo = [start];
    while (todo.length > 0) {
      const { pc, pos } = todo.pop();
      if (pos < 0 && seen.has(pc)) continue;
      seen.add(pc);
      this.budget.spend();
      const ins = this.prog.ins[pc];
      if (ins.op === "text") {
        const from = pos >= 0 ? pos : ins.start;
        const lineEnd = this.lines.newline(from, ins.end);
        if (this.text.slice(from, lineEnd >= 0 ? lineEnd : ins.end).includes("image")) return true;
        if (lineEnd < 0) todo.push({ pc: pc + 1, pos: -1 });
      } else if (ins.op === "out") {
        const v = value(ins.out);
        if (typeof v === "string" && v.includes("image")) return true;
        todo.push({ pc: pc + 1, pos: -1 });
      } else if (ins.op === "fork") for (const to of ins.to) todo.push({ pc: to, pos: -1 });
      else if (ins.op === "jmp") todo.push({ pc: ins.to, pos: -1 });
      else if (ins.op === "loop") todo.push({ pc: ins.body, pos: -1 }, { pc: ins.exit, pos: -1 });
    }
    return false;
  }
};
function joinLine(text, parts, value) {
  let line = "";
  const segments = [];
  for (const p of parts) {
    if (line.length > EXPANSION_LIMITS.length)
      return { line: line.slice(0, EXPANSION_LIMITS.length), segments, long: true };
    if (p.k === "text") {
      segments.push({ from: line.length, src: p.start, kind: "text" });
      line += text.slice(p.start, Math.min(p.end, p.start + EXPANSION_LIMITS.length + 1));
      continue;
    }
    const v = value(p.out);
    if (v instanceof Gap) {
      segments.push({ from: line.length, src: p.out.at, kind: "gap", gap: v });
      line += "\0";
    } else {
      segments.push({ from: line.length, src: p.out.at, kind: "value" });
      line += v;
    }
  }
  const long = line.length > EXPANSION_LIMITS.length;
  return { line: long ? line.slice(0, EXPANSION_LIMITS.length) : line, segments, long };
}
function segmentIndex(segments, i) {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (segments[mid].from <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
function segmentAt(segments, i) {
  return segments[segmentIndex(segments, i)];
}
function findKey(line, a, b, isGap) {
  let i = a;
  for (; ; ) {
    while (i < b && (line[i] === " " || line[i] === "	" || isGap(i))) i++;
    if (i < b && line[i] === "-" && (line[i + 1] === " " || line[i + 1] === "	")) {
      i += 2;
      continue;
    }
    break;
  }
  const key = i;
  const q = line[i] === '"' || line[i] === "'" ? line[i] : "";
  if (q !== "") i++;
  if (line.slice(i, i + 5) !== "image" || i + 5 > b) return void 0;
  for (let j = i; j < i + 5; j++) if (isGap(j)) return void 0;
  i += 5;
  if (q !== "") {
    if (line[i] !== q) return void 0;
    i++;
  }
  while (i < b && (line[i] === " " || line[i] === "	")) i++;
  if (i >= b || line[i] !== ":") return void 0;
  i++;
  if (i < b && line[i] !== " " && line[i] !== "	" && !isGap(i)) return void 0;
  return { key, value: i };
}
var SIMPLE_VALUE = /^[ \t]*(?:([A-Za-z0-9_./][^\s"'#]*)|"([^"\\]*)"|'([^']*)')(?:[ \t]+#.*)?[ \t]*$/;
function yamlValue(value) {
  const simple = SIMPLE_VALUE.exec(value);
  const plain = simple?.[1];
  if (plain !== void 0 && !plain.endsWith(":") && !/^(null|Null|NULL)$/.test(plain)) return { image: plain };
  const quotedValue = simple?.[2] ?? simple?.[3];
  if (quotedValue !== void 0) return quotedValue.trim() === "" ? { none: true } : { image: quotedValue.trim() };
  const v = value.trim();
  if (v === "") return { none: true };
  if (v.startsWith("|") || v.startsWith(">"))
    return { why: `its value is a block scalar (${v[0]}) whose lines are not read` };
  if (v.startsWith("*")) return { why: "its value is an alias of a value elsewhere" };
  const doc = (0, import_yaml3.parseDocument)(`k:${value}`, { schema: "failsafe", prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) return { why: "it is not valid YAML once rendered" };
  const node = (0, import_yaml3.isMap)(doc.contents) ? doc.contents.get("k", true) : void 0;
  if (node === void 0 || node === null) return { none: true };
  if (!(0, import_yaml3.isScalar)(node) || typeof node.value !== "string")
    return { why: "its value is a map or a list, not an image reference" };
  const text = node.value;
  if (node.type === import_yaml3.Scalar.PLAIN && /^(~|null|Null|NULL)$/.test(text)) return { none: true };
  const image2 = text.trim();
  return image2 === "" ? { none: true } : { image: image2 };
}
function reasons(gaps) {
  const whys = [...new Set(gaps.map((g) => g.why))];
  const shown = whys.slice(0, 3).join("; ");
  return whys.length > 3 ? `${shown} and ${whys.length - 3} more` : shown;
}
function extractChartTemplate(file, text, chart) {
  let program;
  try {
    const parser = new Parser(lex(text), text);
    const main = parser.parse();
    program = compile(main, parser.defines);
  } catch (e) {
    if (!(e instanceof TemplateSyntaxError)) throw e;
    return unreadable(file, text, e);
  }
  const lines = new Lines(text);
  const budget = new Budget();
  const value = outputsOnce(new Evaluator(chart, budget));
  const renderer = new Renderer(program, text, lines, budget);
  const found = { file, text, lines, refs: [], warnings: [] };
  for (const start of renderer.lineStarts()) {
    const { paths, overflow } = renderer.render(start);
    let keyAt;
    for (const path of paths) {
      const first = readRenderedLine(found, path, value);
      keyAt ??= first;
    }
    if (overflow && (keyAt !== void 0 || renderer.mayHoldImage(start, value))) {
      const where = lines.at(keyAt ?? startOffset(program, start, text));
      found.warnings.push({
        file,
        line: where.line,
        col: where.col,
        message: `The image references of this line are not verified: it goes through more than ${TEMPLATE_LIMITS.candidates} combinations of if/else branches.`
      });
    }
  }
  return { refs: found.refs, warnings: found.warnings };
}
function outputsOnce(evaluator) {
  const values = /* @__PURE__ */ new Map();
  return (out) => {
    let v = values.get(out);
    if (v === void 0) {
      v = evaluator.output(out);
      values.set(out, v);
    }
    return v;
  };
}
function readRenderedLine(found, path, value) {
  const { line, segments, long } = joinLine(found.text, path.parts, value);
  if (segments.length === 0) return void 0;
  const gapAt = new Set(segments.filter((x) => x.kind === "gap").map((x) => x.from));
  const isGap = (i) => gapAt.has(i);
  const srcOf = (i) => {
    const s = segmentAt(segments, i);
    return s.kind === "text" ? s.src + (i - s.from) : s.src;
  };
  const rendered = { line, segments, srcOf, end: path.end };
  let keyAt;
  for (let a = 0; a <= line.length; ) {
    let b = line.indexOf("\n", a);
    if (b < 0) b = line.length;
    const next = b + 1;
    if (line[b - 1] === "\r") b--;
    const k = findKey(line, a, b, isGap);
    if (k) {
      keyAt ??= srcOf(k.key);
      readImageValue(found, rendered, { start: a, end: b, key: k.key, value: k.value }, long && next > line.length);
    }
    a = next;
  }
  return keyAt;
}
function readImageValue(found, r, at, cut) {
  const { file } = found;
  const { line, segments } = r;
  const b = at.end;
  const first = firstNonBlank(line, at.value, b);
  let src = first === void 0 ? r.srcOf(at.key) : r.srcOf(first);
  if (first !== void 0 && segmentAt(segments, first).kind === "text" && (line[first] === '"' || line[first] === "'"))
    src++;
  const { line: ln, col } = found.lines.at(src);
  const gaps = [];
  for (let i = segmentIndex(segments, at.value); i < segments.length && segments[i].from < b; i++) {
    const seg = segments[i];
    if (seg.gap && seg.from >= at.value) gaps.push(seg.gap);
  }
  if (cut)
    found.warnings.push({
      file,
      line: ln,
      col,
      message: `The image reference here is not verified: it is longer than ${EXPANSION_LIMITS.length} characters once rendered.`
    });
  else if (gaps.length > 0)
    found.warnings.push({ file, line: ln, col, message: `The image reference here is not verified: ${reasons(gaps)}.` });
  else {
    const y = yamlValue(line.slice(at.value, b));
    if ("image" in y) found.refs.push({ image: y.image, file, line: ln, col, kind: "helm-template" });
    else if ("why" in y)
      found.warnings.push({ file, line: ln, col, message: `The image reference here is not verified: ${y.why}.` });
    else if (valueBelow(found.text, r.end, at.key - at.start))
      found.warnings.push({
        file,
        line: ln,
        col,
        message: "The image reference here is not verified: its value is on the lines below, which are not read as a value."
      });
  }
}
function firstNonBlank(line, from, to) {
  for (let i = from; i < to; i++) if (line[i] !== " " && line[i] !== "	") return i;
  return void 0;
}
function startOffset(program, start, text) {
  if (start.pos >= 0) return start.pos;
  for (let pc = start.pc; pc < program.ins.length; pc++) {
    const ins = program.ins[pc];
    if (ins.op === "text") return ins.start;
    if (ins.op === "out") return ins.out.at;
  }
  return text.length;
}
function valueBelow(text, from, keyIndent) {
  let i = from;
  for (; ; ) {
    const nl = text.indexOf("\n", i);
    const line = text.slice(i, nl < 0 ? text.length : nl);
    if (line.trim() !== "") {
      const indent = line.length - line.trimStart().length;
      return indent > keyIndent || line.trimStart().startsWith("{{");
    }
    if (nl < 0) return false;
    i = nl + 1;
  }
}
var Lines = class {
  newlines = [];
  constructor(text) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.newlines.push(i);
  }
  /** The index of the first newline at or after `offset`. */
  after(offset) {
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (this.newlines[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** The first newline in [from, end), or -1: never a search past `end`, however long the line. */
  newline(from, end) {
    const nl = this.newlines[this.after(from)];
    return nl !== void 0 && nl < end ? nl : -1;
  }
  at(offset) {
    const i = this.after(offset);
    const start = i === 0 ? 0 : this.newlines[i - 1] + 1;
    return { line: i + 1, col: offset - start + 1 };
  }
};
var LITERAL_IMAGE = /^(\s*(?:-\s+)?image:\s*)(["']?)([^\s"'{}#]+)\2\s*(?:#.*)?$/;
function unreadable(file, text, e) {
  const refs = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const m = LITERAL_IMAGE.exec(l);
    if (m)
      refs.push({
        image: m[3] ?? "",
        file,
        line: i + 1,
        col: (m[1] ?? "").length + (m[2] ?? "").length + 1,
        kind: "helm-template"
      });
  });
  const { line, col } = new Lines(text).at(e.at);
  return {
    refs,
    warnings: [
      {
        file,
        line,
        col,
        message: `This chart template is not read: ${e.message} here (Helm would not render it either); only its literal image: lines are verified.`
      }
    ]
  };
}

// src/files/helm.ts
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
  if ((0, import_yaml5.isMap)(n)) {
    for (const [key, value] of entries(doc, n)) {
      if (key === "image") image(source, doc, value, file, refs, warnings);
      walk(source, doc, value, depth + 1, path, file, refs, warnings);
    }
  } else if ((0, import_yaml5.isSeq)(n)) {
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
    if (template(v))
      warnings.push({
        file,
        line: whole.line,
        col: whole.col,
        message: `The image reference "${v}" is a template (its value is only known when the chart is rendered) and is not verified.`
      });
    else refs.push({ image: v, file, line: whole.line, col: whole.col, kind: "helm" });
    return;
  }
  const field = (k) => {
    const map = resolve(doc, value);
    if (!(0, import_yaml5.isMap)(map)) return void 0;
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
    warnings.push({
      file,
      line: repository.line,
      col: repository.col,
      message: `The image reference "${ref}" is a template (its value is only known when the chart is rendered) and is not verified.`
    });
  } else if (tag === "" && digest === "") {
    warnings.push({
      file,
      line: repository.line,
      col: repository.col,
      message: `The image "${ref}" has no tag here: the chart's templates choose it (often the chart's appVersion), so it is not verified. Give it a tag or a digest in the values.`
    });
  } else refs.push({ image: ref, file, line: repository.line, col: repository.col, kind: "helm" });
}
function extractHelmTemplate(file, text, opts = {}) {
  return extractChartTemplate(file, text, opts.chart);
}

// src/files/kustomize.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_path = __toESM(require_path(), 1);

// src/files/kubernetes.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_yaml7 = __toESM(require_dist(), 1);
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
  if ((0, import_yaml7.isMap)(n)) {
    for (const [key, value] of entries(w.doc, n)) {
      if (CONTAINER_LISTS.has(key)) {
        for (const item of asSeq(w.doc, value)?.items ?? [])
          container(w.source, w.doc, item, w.refs, w.warnings, w.file);
      }
      walk2(w, value, depth + 1, path);
    }
  } else if ((0, import_yaml7.isSeq)(n)) {
    for (const item of n.items) walk2(w, item, depth + 1, path);
  }
  path.delete(n);
}
function container(source, doc, item, refs, warnings, file) {
  const image2 = str(source, doc, get(doc, item, "image"));
  if (!image2 || image2.value.trim() === "") return;
  if (/\{\{|\$/.test(image2.value)) {
    warnings.push({
      file,
      line: image2.line,
      col: image2.col,
      message: `The image reference "${image2.value}" is a template (its value is only known when it is rendered) and is not verified.`
    });
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
var tooLarge = () => new FileLimitError(
  `the kustomization tree is deeper than ${KUSTOMIZE_LIMITS.depth} levels or reads more than ${KUSTOMIZE_LIMITS.files} files`
);
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
      warnings.push({
        file,
        line: r.line,
        col: r.col,
        message: `The remote resource "${r.path}" is not read: the images it deploys are not verified.`
      });
      continue;
    }
    const path = import_node_path.posix.normalize(import_node_path.posix.join(dir, r.path));
    if (path.startsWith("../") || path === ".." || import_node_path.posix.isAbsolute(path)) {
      warnings.push({
        file,
        line: r.line,
        col: r.col,
        message: `The resource "${r.path}" is outside the workspace and is not read: the images it deploys are not verified.`
      });
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
      if (!found)
        warnings.push({
          file,
          line: r.line,
          col: r.col,
          message: `The resource "${r.path}" is a directory with no kustomization: the images it deploys are not verified.`
        });
      continue;
    }
    if (--budget.files < 0) throw tooLarge();
    const manifest = await reader.read(path);
    if (manifest === void 0) {
      warnings.push({
        file,
        line: r.line,
        col: r.col,
        message: `The resource "${r.path}" is not found: the images it deploys are not verified.`
      });
      continue;
    }
    const e = extractKubernetes(path, manifest);
    warnings.push(...e.warnings);
    for (const ref of e.refs)
      out.push({
        image: ref.image,
        places: [{ file: ref.file, line: ref.line, col: ref.col }],
        origin: { file: ref.file, line: ref.line, col: ref.col }
      });
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
  return images.flatMap(
    (img) => img.places.map((p) => ({ image: img.image, file: p.file, line: p.line, col: p.col, kind: "kustomize" }))
  );
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
function dockerfileLines(text) {
  return text.replace(/^\uFEFF/, "").split("\n").map((l) => l.replace(/\r+$/, ""));
}
function readDirectives(lines, problems) {
  let escape = "\\";
  let i = 0;
  const seen = /* @__PURE__ */ new Set();
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec((lines[i] ?? "").trimStart());
    const key = m?.[1]?.toLowerCase() ?? "";
    if (!m || !DIRECTIVES.has(key)) break;
    if (seen.has(key))
      problems.push({
        file: "",
        line: i + 1,
        col: 1,
        message: `BuildKit refuses this file: only one ${key} parser directive can be used.`
      });
    seen.add(key);
    if (key === "escape") {
      if (m[2] === "`" || m[2] === "\\") escape = m[2];
      else
        problems.push({
          file: "",
          line: i + 1,
          col: 1,
          message: `BuildKit refuses this file: the escape directive must be \` or \\.`
        });
    }
  }
  return { escape, next: i };
}
var isComment = (l) => /^\s*#/.test(l);
var isEmpty2 = (l) => /^\s*$/.test(l);
function joinContinued(lines, i, continuation) {
  const first = lines[i] ?? "";
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
    while (i < lines.length && (isEmpty2(lines[i] ?? "") || isComment(lines[i] ?? ""))) i++;
    if (i >= lines.length) break;
  }
  return { text: parts.join(""), segments, next: i };
}
function skipHeredocs(lines, i, ins, problems) {
  let heredocKeyword = ins.keyword;
  if (ins.keyword === "ONBUILD") heredocKeyword = (/^\S+/.exec(ins.args)?.[0] ?? "").toUpperCase();
  if (!HEREDOC_INSTRUCTIONS.has(heredocKeyword) || !ins.text.includes("<<")) return i;
  let docs = [];
  try {
    docs = heredocs(ins.text);
  } catch (err) {
    problems.push({
      file: "",
      line: ins.line,
      col: 1,
      message: `BuildKit refuses this instruction: ${err.message}.`
    });
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
      problems.push({
        file: "",
        line: ins.line,
        col: 1,
        message: `BuildKit refuses this file: the heredoc "${doc.name}" opened here is never closed, so nothing after it is read.`
      });
      break;
    }
  }
  return i;
}
function parseDockerfile(text) {
  const lines = dockerfileLines(text);
  const problems = [];
  const { escape, next } = readDirectives(lines, problems);
  const e = escapeRegExp(escape);
  const continuation = new RegExp(`(?:(?<=[^${e}])|^)${e}[ \\t]*$`);
  const instructions = [];
  let i = next;
  while (i < lines.length) {
    const first = lines[i] ?? "";
    if (isEmpty2(first) || isComment(first)) {
      i++;
      continue;
    }
    const startLine = i + 1;
    const joined = joinContinued(lines, i, continuation);
    i = joined.next;
    const s = joined.text;
    const km = /^(\S+)\s*/.exec(s);
    if (!km) continue;
    const keyword = (km[1] ?? "").toUpperCase();
    const argsStart = km[0].length;
    const args = s.slice(argsStart);
    const fallback = { line: startLine, col: 1 };
    instructions.push({
      keyword,
      args,
      argPos: (offset) => placeOf(joined.segments, s.length, argsStart + offset, fallback),
      line: startLine
    });
    i = skipHeredocs(lines, i, { text: s, keyword, args, line: startLine }, problems);
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
  if (parsed.syntax)
    refs.push({
      image: parsed.syntax.image,
      file,
      line: parsed.syntax.line,
      col: parsed.syntax.col,
      kind: "dockerfile"
    });
  const targets = opts.platforms && opts.platforms.length > 0 ? opts.platforms : [{ os: "linux", architecture: "amd64" }];
  const distinct = [...new Map(targets.map((p) => [[...platformArgs(p).values()].join(" "), p])).values()].slice(
    0,
    MAX_TARGET_PLATFORMS
  );
  const reads = AUTOMATIC_ARG.test(text) ? distinct : distinct.slice(0, 1);
  for (const target of reads) readInstructions(file, parsed, platformArgs(target), refs, warnings);
  return { refs, warnings };
}
function readInstructions(file, parsed, automatic, refs, warnings) {
  const reader = new StageReader(file, parsed, automatic, refs, warnings);
  for (const ins of parsed.instructions) reader.read(ins);
}
function stageNamesOf(instructions, escape) {
  const stageNames = /* @__PURE__ */ new Set();
  for (const ins of instructions) {
    if (ins.keyword !== "FROM") continue;
    const words = splitWords(ins.args, escape).filter((w) => !w.raw.startsWith("--"));
    if (words[1]?.raw.toLowerCase() === "as" && words[2]) stageNames.add(words[2].raw.toLowerCase());
  }
  return stageNames;
}
var StageReader = class {
  constructor(file, parsed, automatic, refs, warnings) {
    this.file = file;
    this.automatic = automatic;
    this.refs = refs;
    this.warnings = warnings;
    this.escape = parsed.escape;
    this.stageNames = stageNamesOf(parsed.instructions, parsed.escape);
    this.meta = new Map(automatic);
  }
  file;
  automatic;
  refs;
  warnings;
  escape;
  stageNames;
  // ARGs before the first FROM (meta args): name → value ('' for an ARG without default, as BuildKit has it;
  // undefined when its default is not known here). BuildKit's automatic platform arguments are meta args too.
  meta;
  stageArgs;
  earlierStages = /* @__PURE__ */ new Set();
  metaLookup = (name) => this.meta.get(name);
  stageLookup = (name) => this.stageArgs?.has(name) ? this.stageArgs.get(name) : this.meta.get(name);
  read(ins) {
    const words = splitWords(ins.args, this.escape);
    switch (ins.keyword) {
      case "ARG":
        for (const w of words) this.arg(ins, w);
        break;
      case "FROM":
        this.from(ins, words);
        break;
      case "COPY": {
        for (const f of flags(words)) if (f.name === "from") this.fromValue(ins, f.value, f.start);
        break;
      }
      case "RUN": {
        for (const f of flags(words)) {
          if (f.name !== "mount") continue;
          for (const field of mountFields(f.value))
            if (field.key === "from") this.fromValue(ins, field.value, f.start + field.start);
        }
        break;
      }
      default:
        break;
    }
  }
  /** One `NAME` or `NAME=value` word of an ARG: a meta arg before the first FROM, else an arg of the stage. */
  arg(ins, w) {
    const eq = w.raw.indexOf("=");
    const name = eq < 0 ? w.raw : w.raw.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return;
    const p = ins.argPos(w.start);
    if (this.stageArgs === void 0) {
      this.meta.set(
        name,
        eq < 0 ? this.automatic.get(name) ?? "" : this.argValue(w.raw.slice(eq + 1), this.metaLookup, p)
      );
    } else if (eq < 0) {
      this.stageArgs.set(name, this.meta.has(name) ? this.meta.get(name) : this.automatic.get(name) ?? "");
    } else {
      this.stageArgs.set(name, this.argValue(w.raw.slice(eq + 1), this.stageLookup, p));
    }
  }
  /** A FROM starts a stage: its image is a reference unless it is scratch or an earlier stage. */
  from(ins, words) {
    const { file } = this;
    this.stageArgs = /* @__PURE__ */ new Map();
    const rest = words.filter((w) => !w.raw.startsWith("--"));
    const image2 = rest[0];
    const name = rest[1]?.raw.toLowerCase() === "as" ? rest[2]?.raw.toLowerCase() : void 0;
    if (!image2) {
      this.warnings.push({ file, line: ins.line, col: 1, message: "FROM names no image." });
    } else {
      const p = ins.argPos(image2.start);
      const e = this.expand(image2.raw, this.metaLookup, p);
      if (this.notVerified(image2.raw, e, p)) {
      } else if (e.value === "") {
        this.warnings.push({
          file,
          line: p.line,
          col: p.col,
          message: `The image reference "${image2.raw}" is empty once its variables are substituted (an ARG without a default is empty): BuildKit refuses it.`
        });
      } else if (e.value.toLowerCase() === "scratch" || this.earlierStages.has(e.value.toLowerCase())) {
      } else this.refs.push({ image: e.value, file, line: p.line, col: p.col, kind: "dockerfile" });
    }
    if (name) this.earlierStages.add(name);
  }
  /** An image named by COPY --from or RUN --mount from=, unless it names a stage. */
  fromValue(ins, raw, offset) {
    if (raw === "") return;
    const p = ins.argPos(offset);
    const e = this.expand(raw, this.stageLookup, p);
    if (this.notVerified(raw, e, p)) return;
    if (e.value === "" || /^\d+$/.test(e.value) || this.stageNames.has(e.value.toLowerCase())) return;
    this.refs.push({ image: e.value, file: this.file, line: p.line, col: p.col, kind: "dockerfile" });
  }
  /** An ARG's value once substituted; undefined when it is not known here. */
  argValue(raw, lookup2, p) {
    const e = this.expand(raw, lookup2, p);
    return e.error !== void 0 || e.unresolved.length > 0 || e.unsupported.length > 0 ? void 0 : e.value;
  }
  /** Whether an image reference's expansion is not known; if so, a warning says why. */
  notVerified(raw, e, p) {
    const parts = [];
    if (e.error !== void 0) parts.push(`BuildKit refuses it (${e.error})`);
    if (e.unresolved.length > 0) {
      parts.push(
        `${listVariables(e.unresolved)} ${e.unresolved.length > 1 ? "are" : "is"} not declared (an ARG before the first FROM gives a value)`
      );
    }
    if (e.unsupported.length > 0) parts.push(`${e.unsupported.join(", ")} is not expanded by image-gate`);
    if (parts.length === 0) return false;
    this.warnings.push({
      file: this.file,
      line: p.line,
      col: p.col,
      message: `The image reference "${raw}" is not verified: ${parts.join("; ")}.`
    });
    return true;
  }
  expand(raw, lookup2, p) {
    try {
      return processDockerfileWord(raw, lookup2, this.escape);
    } catch (err) {
      if (err instanceof Error && err.name === "FileLimitError") Object.assign(err, { line: p.line, col: p.col });
      throw err;
    }
  }
};

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
      out.push({
        file,
        line: s.line,
        col,
        message: `The image reference "${image2}" of ${what} holds an expression, known only when the workflow runs, and is not verified.`
      });
      return;
    }
    refs.push({ image: image2, file, line: s.line, col, kind: "workflow" });
  };
  for (const doc of source.docs) {
    const jobs = asMap(doc, get(doc, doc.contents, "jobs"));
    if (!jobs) continue;
    for (const [jobId, job] of entries(doc, jobs)) {
      const container2 = get(doc, job, "container");
      add(
        str(source, doc, container2) ?? str(source, doc, get(doc, container2, "image")),
        `the container of job "${jobId}"`
      );
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
var CHART_TEMPLATE = /(^|\/)templates\/(.+\/)?[^/]+\.(ya?ml|tpl)$/i;
var COMPOSE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];
function detectKind(path, text) {
  const p = path.replace(/\\/g, "/");
  const base = (p.split("/").pop() ?? "").toLowerCase();
  if (base === "dockerfile" || base === "containerfile" || (base.endsWith(".dockerfile") || base.endsWith(".containerfile") || base.startsWith("dockerfile.") || base.startsWith("containerfile.")) && !/\.(dockerignore|containerignore|ya?ml|json|md|txt)$/.test(base)) {
    return "dockerfile";
  }
  if (isKustomization(p)) return "kustomize";
  if (/\.tpl$/i.test(base)) return CHART_TEMPLATE.test(p) && text.includes("{{") ? "helm-template" : void 0;
  if (!YAML_EXT.test(base)) return void 0;
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(p)) return "workflow";
  if (/^(docker-compose.*|compose(\..+)?)\.ya?ml$/.test(base)) return "compose";
  if (/^values.*\.ya?ml$/.test(base)) return "helm";
  if (CHART_TEMPLATE.test(p) && text.includes("{{")) return "helm-template";
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
    errors.push({
      file: ref.file,
      line: ref.line,
      col: ref.col,
      message: "The image reference here is not valid: it holds white space or control characters."
    });
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
    return {
      refs: [],
      warnings: [],
      errors: [
        {
          file: path,
          line: e.line,
          col: e.col,
          message: `Not read in full: ${e.message}; the images it names are not verified.`
        }
      ]
    };
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
    out.push({ negate, mm: new import_minimatch.Minimatch(p, { dot: true }) });
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
  const errors = [];
  const candidates = opts.only ? await changedCandidates(root, compiled, opts.only, errors) : await walk3(root, compiled, errors);
  const ws = openWorkspace(root, errors);
  const refs = [];
  const warnings = [];
  const files = [];
  const skipped = [];
  const overridden = /* @__PURE__ */ new Set();
  for (const file of [...new Set(candidates)].sort()) {
    const text = await readText(root, file, errors);
    if (text === void 0) continue;
    const kind = detectKind(file, text);
    if (!kind) {
      skipped.push(file);
      continue;
    }
    files.push(file);
    const r = await extractFile(ws, file, text, kind, opts.platforms);
    append(refs, r.refs);
    append(warnings, r.warnings);
    append(errors, r.errors ?? []);
    if (kind === "kustomize") await kustomizeFile(ws, file, { refs, warnings, overridden });
  }
  return {
    refs: deployedRefs(refs, overridden),
    warnings: orderWarnings(warnings),
    errors: unique2(errors),
    files,
    skipped
  };
}
function changedPath(f) {
  return f.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
}
function outOfWalk(path) {
  return path.split("/").some((part) => SKIP_DIRS.has(part) || part === "..");
}
async function isFileAt(root, path) {
  try {
    return (await (0, import_promises.stat)((0, import_node_path2.join)(root, ...path.split("/")))).isFile();
  } catch {
    return false;
  }
}
async function changedCandidates(root, compiled, only, errors) {
  const candidates = [...only].map(changedPath).filter((f) => f !== "" && !outOfWalk(f) && matches(compiled, f));
  append(candidates, await composeBesideEnv(root, compiled, only));
  append(candidates, await templatesOfCharts(root, compiled, only, errors));
  append(candidates, await kustomizationsBeside(root, compiled, candidates));
  return candidates;
}
async function composeBesideEnv(root, compiled, only) {
  const found = [];
  for (const f of only) {
    const path = changedPath(f);
    if (!/(^|\/)\.env$/.test(path) || outOfWalk(path)) continue;
    const dir = path.slice(0, path.length - ".env".length);
    for (const name of COMPOSE_FILES) {
      const c = `${dir}${name}`;
      if (matches(compiled, c) && await isFileAt(root, c)) found.push(c);
    }
  }
  return found;
}
async function templatesOfCharts(root, compiled, only, errors) {
  const found = [];
  for (const f of only) {
    const path = changedPath(f);
    const m = /^(?:(.*)\/)?(?:values\.yaml|Chart\.yaml)$/.exec(path);
    if (!m || outOfWalk(path)) continue;
    const dir = m[1] === void 0 ? "" : `${m[1]}/`;
    if (!await isFileAt(root, `${dir}Chart.yaml`)) continue;
    append(found, await walk3(root, compiled, errors, `${dir}templates`));
  }
  return found;
}
async function kustomizationsBeside(root, compiled, candidates) {
  const found = [];
  for (const file of candidates) {
    if (!YAML_EXT.test(file)) continue;
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/") + 1) : "";
    for (const name of KUSTOMIZATION_FILES) {
      const k = `${dir}${name}`;
      if (matches(compiled, k) && await isFileAt(root, k)) found.push(k);
    }
  }
  return found;
}
function openWorkspace(root, errors) {
  const chartAt = chartsOf(root, errors);
  return {
    root,
    errors,
    dotEnvOf: dotEnvsOf(root, errors),
    chartOf: async (file) => {
      const parts = file.split("/");
      for (let i = parts.length - 2; i >= 0; i--) {
        if (parts[i] !== "templates") continue;
        const chart = await chartAt(parts.slice(0, i).join("/"));
        if (chart) return chart;
      }
      return void 0;
    },
    reader: kustomizeReader(root, errors)
  };
}
function dotEnvsOf(root, errors) {
  const dotEnvs = /* @__PURE__ */ new Map();
  return async (file) => {
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
    if (!dotEnvs.has(dir)) {
      const envFile = dir === "" ? ".env" : `${dir}/.env`;
      const envText = await readText(root, envFile, errors);
      let dotEnv;
      try {
        if (envText !== void 0) dotEnv = parseDotEnv(envText);
      } catch (e) {
        if (!(e instanceof FileLimitError)) throw e;
        errors.push({
          file: envFile,
          line: e.line,
          col: e.col,
          message: `Not read in full: ${e.message}; the images that use its values are not verified.`
        });
      }
      dotEnvs.set(dir, dotEnv);
    }
    return dotEnvs.get(dir);
  };
}
function chartsOf(root, errors) {
  const charts = /* @__PURE__ */ new Map();
  return (dir) => {
    let c = charts.get(dir);
    if (!c) {
      c = (async () => {
        const prefix = dir === "" ? "" : `${dir}/`;
        const chartYaml = await readText(root, `${prefix}Chart.yaml`, errors);
        if (chartYaml === void 0) return void 0;
        const loaded = loadHelmChart(dir, chartYaml, await readText(root, `${prefix}values.yaml`, errors));
        append(errors, loaded.errors);
        return loaded.chart;
      })();
      charts.set(dir, c);
    }
    return c;
  };
}
function kustomizeReader(root, errors) {
  const texts = /* @__PURE__ */ new Map();
  return {
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
}
async function extractFile(ws, file, text, kind, platforms) {
  const extractOpts = platforms ? { platforms } : {};
  if (kind === "compose") {
    const dotEnv = await ws.dotEnvOf(file);
    if (dotEnv) extractOpts.dotEnv = dotEnv;
  }
  if (kind === "helm-template") extractOpts.chart = await ws.chartOf(file);
  return extractReferences(file, text, kind, extractOpts);
}
async function kustomizeFile(ws, file, into) {
  try {
    const k = await kustomize(file, ws.reader);
    append(into.refs, printableOnly(kustomizedReferences(k.images), ws.errors));
    append(
      into.warnings,
      k.warnings.map((w) => ({ ...w, message: printable(w.message) }))
    );
    for (const img of k.images)
      if (img.places.length > 1) into.overridden.add(`${img.origin.file}:${img.origin.line}:${img.origin.col}`);
  } catch (e) {
    if (!(e instanceof FileLimitError)) throw e;
    ws.errors.push({
      file,
      line: e.line,
      col: e.col,
      message: `Not read in full: ${e.message}; the images it deploys are not verified.`
    });
  }
}
function deployedRefs(refs, overridden) {
  const seenRefs = /* @__PURE__ */ new Set();
  return refs.filter((r) => r.kind !== "kubernetes" || !overridden.has(`${r.file}:${r.line}:${r.col}`)).filter((r) => {
    const key = `${r.file}\0${r.line}\0${r.col}\0${r.image}`;
    if (seenRefs.has(key)) return false;
    seenRefs.add(key);
    return true;
  }).sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col);
}
function append(to, items) {
  for (const x of items) to.push(x);
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
  const once = [...first.values()].map(
    ({ w, more }) => more > 0 ? { ...w, message: `${w.message} (${more} more like it on this line)` } : w
  );
  const rank = (w) => w.level === "notice" ? 1 : 0;
  return once.map((w, i) => ({ w, i })).sort((a, b) => rank(a.w) - rank(b.w) || a.i - b.i).map((x) => x.w);
}
async function walk3(root, patterns, warnings, start = "") {
  const found = [];
  let seen = 0;
  let truncated = false;
  const visit = async (dir, rel, depth) => {
    if (truncated) return;
    if (depth > WALK_LIMITS.depth) {
      warnings.push({
        file: rel,
        line: 0,
        col: 0,
        message: `Not searched for files: deeper than ${WALK_LIMITS.depth} directories; the files it holds are not verified. Narrow the files patterns.`
      });
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
        warnings.push({
          file: ".",
          line: 0,
          col: 0,
          message: `The workspace has more than ${WALK_LIMITS.entries} files and directories; the search for files stopped there. Narrow the files patterns.`
        });
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
  await visit(start === "" ? root : (0, import_node_path2.join)(root, ...start.split("/")), start, start === "" ? 0 : start.split("/").length);
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
  if (!s.isFile())
    return detectKind(file, "") !== void 0 || YAML_EXT.test(file) || CHART_TEMPLATE.test(file) ? fail("it is not a regular file") : void 0;
  try {
    const target = await (0, import_promises.realpath)(path);
    const realRoot = await (0, import_promises.realpath)(root);
    if (!target.startsWith(realRoot + import_node_path2.sep)) {
      return fail(
        (await (0, import_promises.lstat)(path)).isSymbolicLink() ? "it is a symbolic link to outside the workspace" : "it is reached through a symbolic link to outside the workspace"
      );
    }
  } catch (e) {
    return fail(`it cannot be read (${e.code ?? "error"})`);
  }
  if (s.size > WALK_LIMITS.fileBytes)
    return fail(`it is larger than ${WALK_LIMITS.fileBytes} bytes (${s.size}), the most image-gate reads`);
  let bytes;
  try {
    bytes = await (0, import_promises.readFile)(path);
  } catch (e) {
    return fail(`it cannot be read (${e.code ?? "error"})`);
  }
  if (bytes.length > WALK_LIMITS.fileBytes)
    return fail(`it is larger than ${WALK_LIMITS.fileBytes} bytes, the most image-gate reads`);
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
//# sourceMappingURL=extract-7WKE334J.js.map
