
import {
  RULES,
  RULE_TABLE
} from "./chunk-HZ22G5RC.js";
import "./chunk-O5L4BDB6.js";
import {
  inertJson,
  literal
} from "./chunk-IOGWUVS2.js";
import "./chunk-JKCKZTIS.js";
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
import "./chunk-A6VFLDUP.js";
import "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import "./chunk-7KWJE3HF.js";
import {
  require_crypto
} from "./chunk-6XVK6575.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/report/sarif.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_crypto = __toESM(require_crypto(), 1);
var import_node_fs = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);
var SARIF_SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
var FINGERPRINT_KEY = "imageGateFinding/v1";
var SRCROOT = "%SRCROOT%";
var RULE_HELP = {
  ...Object.fromEntries(RULE_TABLE.map((r) => [r.name, r.help])),
  inspect: {
    short: "The image can be inspected",
    full: "The image could not be checked: not found, access refused, an integrity failure, or a registry fault. The gate fails closed.",
    doc: "docs/self-hosted-registries.md#how-it-talks-to-registries"
  },
  exceptions: {
    short: "No policy exception has expired",
    full: "A policy exception past its date applies no more, and is itself a finding at its line: renew it with a new date and reason, or remove it.",
    doc: "docs/policy.md#exceptions"
  }
};
var SARIF_RULES = [...RULES, "inspect"];
function toUri(file) {
  return file.replace(/\\/g, "/").replace(/^(\.\/)+/, "").split("/").map((segment) => encodeURIComponent(segment)).join("/");
}
function fingerprint(parts) {
  return (0, import_node_crypto.createHash)("sha256").update(JSON.stringify(parts)).digest("hex");
}
function stripFragment(url) {
  const hash = url.indexOf("#");
  return hash < 0 ? url : url.slice(0, hash);
}
function docUrl(readmeUrl, doc) {
  const readme = stripFragment(readmeUrl);
  return `${readme.slice(0, readme.lastIndexOf("/") + 1)}${doc}`;
}
function fallbackLocation(fallback, image) {
  const lines = (fallback.text ?? "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const col = (lines[i] ?? "").indexOf(image);
    if (image !== "" && col >= 0) return { file: fallback.file, line: i + 1, col: col + 1 };
  }
  return { file: fallback.file, line: 1, col: 1 };
}
function buildSarif(report, locations, opts) {
  const readme = stripFragment(opts.readmeUrl);
  const ruleIds = [...SARIF_RULES];
  for (const f of report.findings) if (!ruleIds.includes(f.rule)) ruleIds.push(f.rule);
  const results = [];
  for (const f of report.findings) {
    let places = locations.get(f.image) ?? [];
    if (places.length === 0 && opts.fallback) places = [fallbackLocation(opts.fallback, f.image)];
    for (const r of findingResults(f, ruleIds.indexOf(f.rule), places)) results.push(r);
  }
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "image-gate",
            version: opts.toolVersion,
            semanticVersion: opts.toolVersion,
            informationUri: readme,
            rules: ruleIds.map((id) => ruleDescriptor(id, readme))
          }
        },
        columnKind: "utf16CodeUnits",
        results
      }
    ]
  };
}
function ruleDescriptor(id, readme) {
  const help = RULE_HELP[id] ?? {
    short: `The ${id} rule`,
    full: `Findings of the ${id} rule.`,
    doc: "docs/policy.md#rules"
  };
  const helpUri = docUrl(readme, help.doc);
  return {
    id,
    name: id,
    shortDescription: { text: help.short },
    fullDescription: { text: help.full },
    helpUri,
    help: { text: `${help.full} See ${helpUri}`, markdown: `${help.full}

See [the documentation](${helpUri}).` },
    defaultConfiguration: { level: "error" },
    properties: { tags: ["containers", "supply-chain"], precision: "very-high", "problem.severity": "error" }
  };
}
function findingResults(f, ruleIndex, places) {
  const where = f.platform && !f.message.startsWith(f.platform) ? ` (${f.platform})` : "";
  const base = {
    ruleId: f.rule,
    ruleIndex,
    level: f.severity === "notice" ? "note" : f.severity === "warning" ? "warning" : "error",
    message: { text: literal(`${f.image}${where}: ${f.message}`, "sarif") },
    properties: {
      image: f.image,
      reference: f.reference,
      platform: f.platform,
      ...f.ids ? { vulnerability: literal(f.ids[0], "sarif") } : {}
    }
  };
  const own = f.ids ? [f.ids[0]] : [];
  if (places.length === 0)
    return [
      {
        ...base,
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([f.rule, f.image, f.platform ?? "", "", 0, ...own]) }
      }
    ];
  const results = [];
  const seen = /* @__PURE__ */ new Set();
  for (const p of places) {
    const key = `${p.file}:${p.line}:${p.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    results.push({
      ...base,
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(p.file), uriBaseId: SRCROOT },
            region: { startLine: Math.max(1, p.line), startColumn: Math.max(1, p.col) }
          }
        }
      ],
      partialFingerprints: {
        [FINGERPRINT_KEY]: fingerprint([f.rule, f.image, f.platform ?? "", p.file, p.line, ...own])
      }
    });
  }
  return results;
}
function sarifFallback(workspace, env = process.env) {
  const m = /^[^/]+\/[^/]+\/(.+?)@/.exec(env.GITHUB_WORKFLOW_REF ?? "");
  const file = m?.[1];
  if (!file) return void 0;
  try {
    return { file, text: (0, import_node_fs.readFileSync)((0, import_node_path.join)(workspace, ...file.split("/")), "utf8") };
  } catch {
    return { file };
  }
}
function writeSarif(path, sarif) {
  (0, import_node_fs.mkdirSync)((0, import_node_path.dirname)(path), { recursive: true });
  (0, import_node_fs.writeFileSync)(path, inertJson(sarif));
}
export {
  FINGERPRINT_KEY,
  RULE_HELP,
  SARIF_RULES,
  SARIF_SCHEMA,
  SRCROOT,
  buildSarif,
  docUrl,
  fallbackLocation,
  sarifFallback,
  toUri,
  writeSarif
};
//# sourceMappingURL=sarif-V5TQQ4TL.js.map
