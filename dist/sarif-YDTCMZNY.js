import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  RULES
} from "./chunk-626N2XA5.js";
import {
  inertJson,
  literal
} from "./chunk-IXN6SL6M.js";
import {
  require_crypto
} from "./chunk-WGDHFOS4.js";
import {
  require_path
} from "./chunk-NHIYY5LD.js";
import {
  require_fs
} from "./chunk-SHVH6DLG.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SNEHC4Y2.js";

// src/report/sarif.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_crypto = __toESM(require_crypto(), 1);
var import_node_fs = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);
var SARIF_SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
var FINGERPRINT_KEY = "imageGateFinding/v1";
var SRCROOT = "%SRCROOT%";
var RULE_HELP = {
  platforms: {
    short: "The image provides every required platform",
    full: "A multi-platform image must list every required platform (os/arch[/variant]); attestation entries are not platforms. A single-manifest image has the platform its config names.",
    anchor: "rules"
  },
  "base-images": {
    short: "The image is built on an allowed base image",
    full: "Each platform's base image is proven by its layers (a claimed base is verified; candidates from the allowed patterns are compared) and must match an allowed pattern.",
    anchor: "how-the-base-image-is-proven"
  },
  "max-age": {
    short: "The image is recent enough",
    full: "Every platform must have been created within the allowed age, from the config's created time or, for reproducible builds, the org.opencontainers.image.created annotation or label.",
    anchor: "rules"
  },
  digest: {
    short: "The image resolves to the expected digest",
    full: "The reference must resolve to the digest it is pinned to.",
    anchor: "rules"
  },
  "require-digest": {
    short: "The reference is pinned by digest",
    full: "Every reference must name its image by digest (name@sha256:\u2026), so that what is verified is what is deployed.",
    anchor: "rules"
  },
  registries: {
    short: "The image comes from an allowed registry",
    full: "The registry (host[:port]) of every reference must match an allowed pattern.",
    anchor: "rules"
  },
  labels: {
    short: "The image carries the required labels",
    full: "Every platform's config must have each required label, with a value matching its pattern where one is given.",
    anchor: "rules"
  },
  "non-root": {
    short: "The image does not run as root",
    full: "The default user of every platform must not be root (an empty user, root, 0, or 0:\u2026 and root:\u2026 with any group).",
    anchor: "rules"
  },
  "base-current": {
    short: "The image's base is its tag's current image",
    full: "Each platform's base (from the verified base claim, or a base-images pattern with a literal tag) must still be what its tag points to, or a rebuild with the same layers; with a grace, a newer base is reported once it is older than the grace.",
    anchor: "freshness-and-cost"
  },
  "pins-current": {
    short: "A name:tag@digest pin is still what its tag resolves to",
    full: "A reference pinned as name:tag@digest must still be what the tag resolves to (one HEAD, free against pull limits); with a grace, a newer image is reported once it is older than the grace.",
    anchor: "freshness-and-cost"
  },
  signature: {
    short: "The image is signed by an accepted signer",
    full: "A signature over the image's digest (or, for an index not signed itself, every platform's) verifies with one of the accepted keys, or comes from an accepted keyless identity and issuer; found through the referrers API, the referrers tag or cosign's .sig/.att tags.",
    anchor: "verify-who-built-it"
  },
  provenance: {
    short: "The image was built by GitHub Actions of an allowed repository",
    full: "A signed SLSA provenance v1 attestation for the image digest, from a GitHub Actions certificate whose source repository (and workflow, ref and runner, when the policy narrows them) is allowed.",
    anchor: "verify-who-built-it"
  },
  attestations: {
    short: "The required attestations are signed for the image",
    full: "For each required predicate type, a signed in-toto statement naming the image digest, from a signer that signature or provenance accepts.",
    anchor: "verify-who-built-it"
  },
  inspect: {
    short: "The image can be inspected",
    full: "The image could not be checked: not found, access refused, an integrity failure, or a registry fault. The gate fails closed.",
    anchor: "how-it-talks-to-registries"
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
  const rules = ruleIds.map((id) => {
    const help = RULE_HELP[id] ?? { short: `The ${id} rule`, full: `Findings of the ${id} rule.`, anchor: "rules" };
    const helpUri = `${readme}#${help.anchor}`;
    return {
      id,
      name: id,
      shortDescription: { text: help.short },
      fullDescription: { text: help.full },
      helpUri,
      help: { text: `${help.full} See ${helpUri}`, markdown: `${help.full}

See [the README](${helpUri}).` },
      defaultConfiguration: { level: "error" },
      properties: { tags: ["containers", "supply-chain"], precision: "very-high", "problem.severity": "error" }
    };
  });
  const results = [];
  for (const f of report.findings) {
    const where = f.platform && !f.message.startsWith(f.platform) ? ` (${f.platform})` : "";
    const base = {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: f.severity === "warning" ? "warning" : "error",
      message: { text: literal(`${f.image}${where}: ${f.message}`, "sarif") },
      properties: { image: f.image, reference: f.reference, platform: f.platform }
    };
    let places = locations.get(f.image) ?? [];
    if (places.length === 0 && opts.fallback) places = [fallbackLocation(opts.fallback, f.image)];
    if (places.length === 0) {
      results.push({ ...base, partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([f.rule, f.image, f.platform ?? "", "", 0]) } });
      continue;
    }
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
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([f.rule, f.image, f.platform ?? "", p.file, p.line]) }
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "image-gate", version: opts.toolVersion, semanticVersion: opts.toolVersion, informationUri: readme, rules } },
        columnKind: "utf16CodeUnits",
        results
      }
    ]
  };
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
  fallbackLocation,
  sarifFallback,
  toUri,
  writeSarif
};
//# sourceMappingURL=sarif-YDTCMZNY.js.map
