import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  distinctImages,
  locationsByImage,
  require_promises
} from "./chunk-QT5ZUJM6.js";
import {
  require_dist
} from "./chunk-6JDELKMA.js";
import {
  Minimatch
} from "./chunk-NMHVY2EE.js";
import {
  require_path
} from "./chunk-JLVSA5R6.js";
import {
  __toESM
} from "./chunk-TCOGSXI3.js";

// src/files/extract.ts
var import_promises = __toESM(require_promises(), 1);
var import_node_path = __toESM(require_path(), 1);

// src/files/substitute.ts
var NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
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
function expandDollar(s, i, lookup, expandWord) {
  const next = s[i + 1];
  if (next === "{") {
    const close = closingBrace(s, i);
    if (close < 0) return { end: s.length, expansion: { value: s.slice(i), unresolved: [], unsupported: [s.slice(i)] } };
    const inner = s.slice(i + 2, close);
    const name2 = NAME.exec(inner)?.[0];
    const whole = s.slice(i, close + 1);
    if (!name2) return { end: close + 1, expansion: { value: whole, unresolved: [], unsupported: [whole] } };
    const op = inner.slice(name2.length);
    const value2 = lookup(name2);
    const done = (e) => ({ end: close + 1, expansion: e });
    if (op === "") return done(value2 === void 0 ? { value: "", unresolved: [name2], unsupported: [] } : { value: value2, unresolved: [], unsupported: [] });
    const m = /^(:?)([-+?])([\s\S]*)$/.exec(op);
    if (!m) return done({ value: whole, unresolved: [], unsupported: [whole] });
    const colon = m[1] === ":";
    const kind = m[2];
    const word = m[3] ?? "";
    const isSet = value2 !== void 0 && (!colon || value2 !== "");
    if (kind === "-") return done(isSet ? { value: value2 ?? "", unresolved: [], unsupported: [] } : expandWord(word));
    if (kind === "+") {
      if (value2 === void 0) return done({ value: "", unresolved: [name2], unsupported: [] });
      return done(isSet ? expandWord(word) : { value: "", unresolved: [], unsupported: [] });
    }
    return done(isSet ? { value: value2 ?? "", unresolved: [], unsupported: [] } : { value: "", unresolved: [name2], unsupported: [] });
  }
  const name = NAME.exec(s.slice(i + 1))?.[0];
  if (!name) return void 0;
  const value = lookup(name);
  return {
    end: i + 1 + name.length,
    expansion: value === void 0 ? { value: "", unresolved: [name], unsupported: [] } : { value, unresolved: [], unsupported: [] }
  };
}
function interpolateCompose(s, lookup) {
  let value = "";
  const unresolved = [];
  const unsupported = [];
  for (let i = 0; i < s.length; ) {
    if (s[i] === "$" && s[i + 1] === "$") {
      value += "$";
      i += 2;
      continue;
    }
    if (s[i] === "$") {
      const r = expandDollar(s, i, lookup, (w) => interpolateCompose(w, lookup));
      if (r) {
        value += r.expansion.value;
        unresolved.push(...r.expansion.unresolved);
        unsupported.push(...r.expansion.unsupported);
        i = r.end;
        continue;
      }
    }
    value += s[i];
    i++;
  }
  return { value, unresolved: unique(unresolved), unsupported: unique(unsupported) };
}
function processDockerfileWord(s, lookup, escape = "\\") {
  let value = "";
  const unresolved = [];
  const unsupported = [];
  const add = (e) => {
    value += e.value;
    unresolved.push(...e.unresolved);
    unsupported.push(...e.unsupported);
  };
  const word = (w) => processDockerfileWord(w, lookup, escape);
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === escape && i + 1 < s.length) {
      value += s[i + 1];
      i += 2;
    } else if (c === "'") {
      const close = s.indexOf("'", i + 1);
      const end = close < 0 ? s.length : close;
      value += s.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        const d = s[i];
        if (d === escape && i + 1 < s.length && (s[i + 1] === '"' || s[i + 1] === "$" || s[i + 1] === escape)) {
          value += s[i + 1];
          i += 2;
        } else if (d === "$") {
          const r = expandDollar(s, i, lookup, word);
          if (r) {
            add(r.expansion);
            i = r.end;
          } else {
            value += d;
            i++;
          }
        } else {
          value += d;
          i++;
        }
      }
      i++;
    } else if (c === "$") {
      const r = expandDollar(s, i, lookup, word);
      if (r) {
        add(r.expansion);
        i = r.end;
      } else {
        value += c;
        i++;
      }
    } else {
      value += c;
      i++;
    }
  }
  return { value, unresolved: unique(unresolved), unsupported: unique(unsupported) };
}
function unique(xs) {
  return [...new Set(xs)];
}
function listVariables(names) {
  const xs = names.map((n) => `$${n}`);
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}

// src/files/yaml.ts
var import_yaml = __toESM(require_dist(), 1);
var MAX_DEPTH = 64;
function parseYaml(file, text) {
  const lineCounter = new import_yaml.LineCounter();
  const parsed = (0, import_yaml.parseAllDocuments)(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const warnings = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (!err) continue;
    const p = lineCounter.linePos(err.pos[0]);
    warnings.push({ file, line: p.line, col: p.col, message: `This file is not valid YAML, image references in it may be missed: ${err.message.split("\n")[0]}` });
  }
  return { source: { docs, lineCounter }, warnings };
}
var aliasTargets = /* @__PURE__ */ new WeakMap();
function resolve(doc, node, depth = 0) {
  let n = node;
  for (let i = 0; (0, import_yaml.isAlias)(n) && i < MAX_DEPTH; i++) {
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
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      if (depth > MAX_DEPTH) continue;
      const v = resolve(doc, pair.value);
      const sources = (0, import_yaml.isSeq)(v) ? v.items.map((x) => resolve(doc, x)) : [v];
      for (const src of sources) if ((0, import_yaml.isMap)(src)) merged.push(...entries(doc, src, depth + 1));
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

// src/files/compose.ts
function extractCompose(file, text) {
  const { source, warnings } = parseYaml(file, text);
  const refs = [];
  const out = [...warnings];
  for (const doc of source.docs) {
    const services = asMap(doc, get(doc, doc.contents, "services"));
    if (!services) continue;
    for (const [name, service] of entries(doc, services)) {
      const image = str(source, doc, get(doc, service, "image"));
      if (!image || image.value.trim() === "") continue;
      if (get(doc, service, "build") !== void 0) {
        out.push({
          file,
          line: image.line,
          col: image.col,
          message: `Service "${name}" builds its image (build:), so "${image.value}" names the result of the build and is not verified.`
        });
        continue;
      }
      const e = interpolateCompose(image.value, () => void 0);
      if (e.unresolved.length > 0 || e.unsupported.length > 0) {
        const why = e.unresolved.length > 0 ? `${listVariables(e.unresolved)} ${e.unresolved.length > 1 ? "have" : "has"} no default value (write \${VAR:-default} to give one)` : `${e.unsupported.join(", ")} is not expanded by image-gate`;
        out.push({ file, line: image.line, col: image.col, message: `The image reference "${image.value}" of service "${name}" is not verified: ${why}.` });
        continue;
      }
      refs.push({ image: e.value.trim(), file, line: image.line, col: image.col, kind: "compose" });
    }
  }
  return { refs, warnings: out };
}

// src/files/dockerfile.ts
var HEREDOC_INSTRUCTIONS = /* @__PURE__ */ new Set(["RUN", "COPY", "ADD"]);
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function parseDockerfile(text) {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let escape = "\\";
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/.exec(lines[i] ?? "");
    if (!m) break;
    if (m[1]?.toLowerCase() === "escape" && (m[2] === "`" || m[2] === "\\")) escape = m[2];
  }
  const continuation = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
  const skippable = (l) => /^\s*$/.test(l) || /^\s*#/.test(l);
  const instructions = [];
  while (i < lines.length) {
    if (skippable(lines[i] ?? "")) {
      i++;
      continue;
    }
    const startLine = i + 1;
    let s = "";
    const pos = [];
    for (; ; ) {
      const l = lines[i] ?? "";
      const m = continuation.exec(l);
      const content = m ? l.slice(0, m.index) : l;
      for (let k = 0; k < content.length; k++) {
        s += content[k];
        pos.push({ line: i + 1, col: k + 1 });
      }
      i++;
      if (!m) break;
      while (i < lines.length && skippable(lines[i] ?? "")) i++;
      if (i >= lines.length) break;
    }
    const lead = s.length - s.trimStart().length;
    const km = /^(\S+)\s*/.exec(s.slice(lead));
    if (!km) continue;
    const keyword = (km[1] ?? "").toUpperCase();
    const argsStart = lead + km[0].length;
    const args = s.slice(argsStart);
    instructions.push({ keyword, args, argPos: pos.slice(argsStart), line: startLine });
    if (HEREDOC_INSTRUCTIONS.has(keyword)) {
      for (const doc of heredocs(args, escape)) {
        while (i < lines.length) {
          let l = lines[i] ?? "";
          i++;
          if (doc.chomp) l = l.replace(/^\t+/, "");
          if (l === doc.word || l.trimEnd() === doc.word) break;
        }
      }
    }
  }
  return { instructions, escape };
}
function heredocs(args, escape) {
  const docs = [];
  let quote;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quote) {
      if (c === quote) quote = void 0;
      else if (c === escape && quote === '"') i++;
      continue;
    }
    if (c === escape) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c === "<" && args[i + 1] === "<" && args[i - 1] !== "<" && args[i + 2] !== "<") {
      const m = /^<<(-?)\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_][\w.-]*))/.exec(args.slice(i));
      if (m) {
        docs.push({ word: m[2] ?? m[3] ?? m[4] ?? "", chomp: m[1] === "-" });
        i += m[0].length - 1;
      }
    }
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
function extractDockerfile(file, text) {
  const { instructions, escape } = parseDockerfile(text);
  const refs = [];
  const warnings = [];
  const stageNames = /* @__PURE__ */ new Set();
  for (const ins of instructions) {
    if (ins.keyword !== "FROM") continue;
    const words = splitWords(ins.args, escape).filter((w) => !w.raw.startsWith("--"));
    if (words[1]?.raw.toLowerCase() === "as" && words[2]) stageNames.add(words[2].raw.toLowerCase());
  }
  const meta = /* @__PURE__ */ new Map();
  let stageArgs;
  const earlierStages = /* @__PURE__ */ new Set();
  const metaLookup = (name) => meta.get(name);
  const stageLookup = (name) => stageArgs?.has(name) ? stageArgs.get(name) : meta.get(name);
  const at = (ins, offset) => ins.argPos[offset] ?? ins.argPos[ins.argPos.length - 1] ?? { line: ins.line, col: 1 };
  const unresolvedWarning = (raw, e, p) => {
    const parts = [];
    if (e.unresolved.length > 0) {
      parts.push(`${listVariables(e.unresolved)} ${e.unresolved.length > 1 ? "have" : "has"} no default value (an ARG before the first FROM gives one)`);
    }
    if (e.unsupported.length > 0) parts.push(`${e.unsupported.join(", ")} is not expanded by image-gate`);
    warnings.push({ file, line: p.line, col: p.col, message: `The image reference "${raw}" is not verified: ${parts.join("; ")}.` });
  };
  const fromValue = (ins, raw, offset) => {
    if (raw === "") return;
    const p = at(ins, offset);
    const e = processDockerfileWord(raw, stageLookup, escape);
    if (e.unresolved.length > 0 || e.unsupported.length > 0) return unresolvedWarning(raw, e, p);
    if (/^\d+$/.test(e.value) || stageNames.has(e.value.toLowerCase())) return;
    refs.push({ image: e.value, file, line: p.line, col: p.col, kind: "dockerfile" });
  };
  for (const ins of instructions) {
    const words = splitWords(ins.args, escape);
    switch (ins.keyword) {
      case "ARG": {
        for (const w of words) {
          const eq = w.raw.indexOf("=");
          const name = eq < 0 ? w.raw : w.raw.slice(0, eq);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
          if (stageArgs === void 0) {
            if (eq < 0) meta.set(name, void 0);
            else {
              const e = processDockerfileWord(w.raw.slice(eq + 1), metaLookup, escape);
              meta.set(name, e.unresolved.length > 0 || e.unsupported.length > 0 ? void 0 : e.value);
            }
          } else if (eq < 0) {
            stageArgs.set(name, meta.get(name));
          } else {
            const e = processDockerfileWord(w.raw.slice(eq + 1), stageLookup, escape);
            stageArgs.set(name, e.unresolved.length > 0 || e.unsupported.length > 0 ? void 0 : e.value);
          }
        }
        break;
      }
      case "FROM": {
        stageArgs = /* @__PURE__ */ new Map();
        const rest = words.filter((w) => !w.raw.startsWith("--"));
        const image = rest[0];
        const name = rest[1]?.raw.toLowerCase() === "as" ? rest[2]?.raw.toLowerCase() : void 0;
        if (!image) {
          warnings.push({ file, line: ins.line, col: 1, message: "FROM names no image." });
        } else {
          const p = at(ins, image.start);
          const e = processDockerfileWord(image.raw, metaLookup, escape);
          if (e.unresolved.length > 0 || e.unsupported.length > 0) unresolvedWarning(image.raw, e, p);
          else if (e.value === "") warnings.push({ file, line: p.line, col: p.col, message: `The image reference "${image.raw}" is empty once its variables are substituted.` });
          else if (e.value.toLowerCase() === "scratch" || earlierStages.has(e.value.toLowerCase())) {
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
  return { refs, warnings };
}

// src/files/kubernetes.ts
var import_yaml3 = __toESM(require_dist(), 1);
var CONTAINER_LISTS = /* @__PURE__ */ new Set(["containers", "initContainers", "ephemeralContainers"]);
var MAX_NODES = 2e5;
function extractKubernetes(file, text) {
  const { source, warnings } = parseYaml(file, text);
  const refs = [];
  const out = [...warnings];
  const budget = { left: MAX_NODES };
  for (const doc of source.docs) walk({ source, doc, refs, warnings: out, file, budget }, doc.contents, 0, /* @__PURE__ */ new Set());
  if (budget.left < 0) out.push({ file, line: 0, col: 0, message: `Only the first ${MAX_NODES} nodes of this file were searched for images (its aliases expand too far).` });
  return { refs, warnings: out };
}
function walk(w, node, depth, path) {
  const n = resolve(w.doc, node);
  if (!n || depth > MAX_DEPTH || path.has(n) || --w.budget.left < 0) return;
  path.add(n);
  if ((0, import_yaml3.isMap)(n)) {
    for (const [key, value] of entries(w.doc, n)) {
      if (CONTAINER_LISTS.has(key)) {
        for (const item of asSeq(w.doc, value)?.items ?? []) container(w.source, w.doc, item, w.refs, w.warnings, w.file);
      }
      walk(w, value, depth + 1, path);
    }
  } else if ((0, import_yaml3.isSeq)(n)) {
    for (const item of n.items) walk(w, item, depth + 1, path);
  }
  path.delete(n);
}
function container(source, doc, item, refs, warnings, file) {
  const image = str(source, doc, get(doc, item, "image"));
  if (!image || image.value.trim() === "") return;
  if (/\{\{|\$/.test(image.value)) {
    warnings.push({ file, line: image.line, col: image.col, message: `The image reference "${image.value}" is a template (its value is only known when it is rendered) and is not verified.` });
    return;
  }
  refs.push({ image: image.value.trim(), file, line: image.line, col: image.col, kind: "kubernetes" });
}

// src/files/workflow.ts
var DOCKER_SCHEME = "docker://";
function extractWorkflow(file, text) {
  const { source, warnings } = parseYaml(file, text);
  const refs = [];
  const out = [...warnings];
  const add = (s, what, skip = 0) => {
    if (!s) return;
    const image = s.value.slice(skip).trim();
    if (image === "") return;
    const col = s.col + skip;
    if (image.includes("${{")) {
      out.push({ file, line: s.line, col, message: `The image reference "${image}" of ${what} holds an expression, known only when the workflow runs, and is not verified.` });
      return;
    }
    refs.push({ image, file, line: s.line, col, kind: "workflow" });
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
var WALK_LIMITS = { entries: 1e5, depth: 32, fileBytes: 1024 * 1024 };
var YAML_EXT = /\.ya?ml$/i;
function detectKind(path, text) {
  const p = path.replace(/\\/g, "/");
  const base = (p.split("/").pop() ?? "").toLowerCase();
  if (base === "dockerfile" || base === "containerfile" || (base.endsWith(".dockerfile") || base.endsWith(".containerfile") || base.startsWith("dockerfile.") || base.startsWith("containerfile.")) && !/\.(dockerignore|containerignore|ya?ml|json|md|txt)$/.test(base)) {
    return "dockerfile";
  }
  if (!YAML_EXT.test(base)) return void 0;
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(p)) return "workflow";
  if (/^(docker-compose.*|compose(\..+)?)\.ya?ml$/.test(base)) return "compose";
  if (/^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text)) return "kubernetes";
  if (/^services\s*:/m.test(text)) return "compose";
  return void 0;
}
var EXTRACTORS = {
  dockerfile: extractDockerfile,
  compose: extractCompose,
  kubernetes: extractKubernetes,
  workflow: extractWorkflow
};
function extractReferences(file, text, kind) {
  const r = EXTRACTORS[kind](file.replace(/\\/g, "/"), text);
  const seen = /* @__PURE__ */ new Set();
  const refs = r.refs.filter((ref) => {
    const key = `${ref.line}:${ref.col}:${ref.image}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const seenWarnings = /* @__PURE__ */ new Set();
  const warnings = r.warnings.filter((w) => {
    const key = `${w.line}:${w.col}:${w.message}`;
    if (seenWarnings.has(key)) return false;
    seenWarnings.add(key);
    return true;
  });
  const order = (a, b) => a.line - b.line || a.col - b.col;
  return { refs: refs.sort(order), warnings: warnings.sort(order) };
}
function compilePatterns(workspace, patterns) {
  const out = [];
  for (const raw of patterns) {
    let p = raw.trim();
    if (p === "" || p.startsWith("#")) continue;
    const negate = p.startsWith("!");
    if (negate) p = p.slice(1).trim();
    if ((0, import_node_path.isAbsolute)(p)) p = (0, import_node_path.relative)(workspace, p).split(import_node_path.sep).join("/");
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
  const root = (0, import_node_path.resolve)(workspace);
  const compiled = compilePatterns(root, patterns);
  const warnings = [];
  let candidates;
  if (opts.only) {
    candidates = [...opts.only].map((f) => f.replace(/\\/g, "/").replace(/^(\.\/)+/, "")).filter((f) => f !== "" && !f.split("/").some((part) => SKIP_DIRS.has(part) || part === "..") && matches(compiled, f));
  } else {
    candidates = await walk2(root, compiled, warnings);
  }
  candidates = [...new Set(candidates)].sort();
  const refs = [];
  const files = [];
  const skipped = [];
  for (const file of candidates) {
    const text = await readText(root, file, warnings);
    if (text === void 0) continue;
    const kind = detectKind(file, text);
    if (!kind) {
      skipped.push(file);
      continue;
    }
    files.push(file);
    const r = extractReferences(file, text, kind);
    refs.push(...r.refs);
    warnings.push(...r.warnings);
  }
  return { refs, warnings, files, skipped };
}
async function walk2(root, patterns, warnings) {
  const found = [];
  let seen = 0;
  let truncated = false;
  const visit = async (dir, rel, depth) => {
    if (truncated) return;
    if (depth > WALK_LIMITS.depth) {
      warnings.push({ file: rel, line: 0, col: 0, message: `Not searched for files: deeper than ${WALK_LIMITS.depth} directories.` });
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
        await visit((0, import_node_path.join)(dir, entry.name), path, depth + 1);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && matches(patterns, path)) {
        found.push(path);
      }
    }
  };
  await visit(root, "", 0);
  return found;
}
async function readText(root, file, warnings) {
  const path = (0, import_node_path.join)(root, ...file.split("/"));
  try {
    const s = await (0, import_promises.stat)(path);
    if (!s.isFile()) return void 0;
    if ((await (0, import_promises.lstat)(path)).isSymbolicLink()) {
      const target = await (0, import_promises.realpath)(path);
      const realRoot = await (0, import_promises.realpath)(root);
      if (!target.startsWith(realRoot + import_node_path.sep)) {
        warnings.push({ file, line: 0, col: 0, message: "Not read: a symbolic link to outside the workspace." });
        return void 0;
      }
    }
    if (s.size > WALK_LIMITS.fileBytes) {
      warnings.push({ file, line: 0, col: 0, message: `Not read: larger than ${WALK_LIMITS.fileBytes} bytes.` });
      return void 0;
    }
    return (await (0, import_promises.readFile)(path, "utf8")).replace(/^\uFEFF/, "");
  } catch {
    return void 0;
  }
}
export {
  WALK_LIMITS,
  collectFiles,
  compilePatterns,
  detectKind,
  distinctImages,
  extractReferences,
  locationsByImage,
  matches
};
//# sourceMappingURL=extract-KSN2HJ4K.js.map
