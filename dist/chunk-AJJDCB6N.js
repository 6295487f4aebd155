import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  require_packageurl_js
} from "./chunk-FSREXY7L.js";
import {
  formatDuration,
  untilEnd
} from "./chunk-CB6UFZA7.js";
import {
  formatPlatform
} from "./chunk-WAIWN37G.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-66NDOTLW.js";

// src/report/escape.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/core/secrets.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var secrets = /* @__PURE__ */ new Set();
var masker;
function setMasker(m) {
  masker = m;
  if (m) for (const s of secrets) m(s);
}
function registerSecret(value) {
  if (value === void 0 || value === "" || secrets.has(value)) return;
  secrets.add(value);
  masker?.(value);
  if (value.includes("\n")) {
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 4) registerSecret(line.trim());
  }
}
function redact(text3) {
  let out = text3;
  for (const s of secrets) if (s.length >= 3 && out.includes(s)) out = out.split(s).join("***");
  return out;
}

// src/report/escape.ts
function inertLog(text3) {
  return text3.split(/(\r\n|\r|\n)/).map((part, i) => i % 2 === 1 ? part : inertLine(part)).join("");
}
var LEADING_SPACE = /^[\s\x1c-\x1f\x85]*/;
var CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]/g;
function inertLine(line) {
  return commandFree(line.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
}
function commandFree(line) {
  const out = line.split("##[").join("## [");
  const lead = LEADING_SPACE.exec(out)[0].length;
  return out.startsWith("::", lead) ? `${out.slice(0, lead)}: :${out.slice(lead + 2)}` : out;
}
function commandFreeText(text3) {
  return text3.split(/(\r\n|\r|\n)/).map((part, i) => i % 2 === 1 ? part : commandFree(part)).join("");
}
function commandFreeJson(json) {
  return json.split("##[").join("##\\u005b");
}
var JSON_RAW_CONTROL = /[\x7f-\x9f\u2028\u2029]/g;
function inertJson(value) {
  const json = redact(`${JSON.stringify(value, null, 2)}
`);
  return commandFreeJson(json.replace(JSON_RAW_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
var HTML_SPECIAL = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
  "|": "&#124;",
  "[": "&#91;",
  "]": "&#93;",
  "!": "&#33;",
  "*": "&#42;",
  _: "&#95;",
  "~": "&#126;",
  "\\": "&#92;"
};
var ZWSP = "&#8203;";
var HTML_LITERAL = /[&<>"'`|[\]!*_~\\]|(?<![A-Za-z0-9_])@|#(?=\d)|(?<![A-Za-z0-9_])gh-(?=\d)/gi;
function htmlLiteral(c) {
  if (c === "@" || c === "#") return `${c}${ZWSP}`;
  if (c.length === 3) return `${c.slice(0, 2)}${ZWSP}-`;
  return HTML_SPECIAL[c];
}
function literal(text3, target = "html") {
  const visible = redact(text3).replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  if (target === "sarif") return visible.replace(/[\\[\]]/g, (c) => `\\${c}`);
  return visible.replace(/\r\n|\r|\n/g, "\n").replace(HTML_LITERAL, htmlLiteral).replace(/\n/g, "<br>");
}

// src/policy/rules/vulnerabilities.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/model/facts.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function platformLabel(p) {
  return p.platform ? formatPlatform(p.platform) : "unknown platform";
}

// src/content/vuln-report.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var COSIGN_VULN_PREDICATE = "https://cosign.sigstore.dev/attestation/vuln/v1";
var MAX_REPORT_VULNERABILITIES = 1e5;
var MAX_TEXT = 512;
var VulnReportError = class extends Error {
};
var obj = (v) => v !== null && typeof v === "object" && !Array.isArray(v) ? v : void 0;
var text = (v) => typeof v === "string" && v.trim() !== "" && v.length <= MAX_TEXT ? v.trim() : void 0;
var num = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 10 ? v : void 0;
function severityWord(word) {
  const w = typeof word === "string" ? word.trim().toLowerCase() : "";
  if (w === "critical" || w === "high" || w === "medium" || w === "low") return w;
  if (w === "negligible") return "low";
  return "unknown";
}
function parseVulnReport(predicate) {
  const p = obj(predicate);
  const scanner = obj(p?.scanner);
  if (!p || !scanner) throw new VulnReportError("the vulnerability report has no scanner");
  const metadata = obj(p.metadata);
  const finishedOn = text(metadata?.scanFinishedOn);
  const uri = text(scanner.uri) ?? "unknown scanner";
  const result = obj(scanner.result);
  if (!result) throw new VulnReportError("the vulnerability report has no scanner.result");
  let found;
  let name;
  if (Array.isArray(result.Results) || result.SchemaVersion !== void 0) {
    found = trivy(result);
    name = "trivy";
  } else if (Array.isArray(result.matches)) {
    found = grype(result);
    name = "grype";
  } else {
    throw new VulnReportError(
      `the vulnerability report from ${uri} is neither Trivy's JSON (Results) nor Grype's (matches)`
    );
  }
  return {
    scanner: /trivy/i.test(uri) || name === "trivy" ? "trivy" : "grype",
    ...finishedOn ? { finishedOn } : {},
    found
  };
}
function bounded(list) {
  if (list.length > MAX_REPORT_VULNERABILITIES)
    throw new VulnReportError(`the vulnerability report lists more than ${MAX_REPORT_VULNERABILITIES} vulnerabilities`);
  return list;
}
function trivy(result) {
  if (result.Results !== void 0 && result.Results !== null && !Array.isArray(result.Results))
    throw new VulnReportError("the Trivy report's Results is not a list");
  const out = [];
  for (const r of result.Results ?? []) {
    const vulns = obj(r)?.Vulnerabilities;
    if (vulns === void 0 || vulns === null) continue;
    if (!Array.isArray(vulns)) throw new VulnReportError("a Trivy result's Vulnerabilities is not a list");
    for (const raw of vulns) {
      const v = obj(raw);
      const id = text(v?.VulnerabilityID);
      const name = text(v?.PkgName);
      if (!v || !id || !name) throw new VulnReportError("a Trivy vulnerability has no VulnerabilityID or PkgName");
      const version = text(v.InstalledVersion);
      const purl = text(obj(v.PkgIdentifier)?.PURL);
      const fixed = text(v.FixedVersion)?.split(",").map((s) => s.trim()).find((s) => s !== "");
      const score = trivyScore(v);
      const aliases = (Array.isArray(v.VendorIDs) ? v.VendorIDs : []).map(text).filter((x) => x !== void 0 && x !== id);
      const summary = text(v.Title);
      out.push({
        id,
        aliases,
        severity: severityWord(v.Severity),
        ...score ? score : {},
        package: { name, ...version ? { version } : {}, ...purl ? { purl } : {} },
        ...fixed ? { fixed } : {},
        source: "attestation",
        ...summary ? { summary } : {}
      });
      bounded(out);
    }
  }
  return out;
}
function trivyScore(v) {
  const cvss = obj(v.CVSS);
  if (!cvss) return void 0;
  const entries = Object.entries(cvss).flatMap(([source, c]) => {
    const o = obj(c);
    const v4 = num(o?.V40Score);
    const v3 = num(o?.V3Score);
    const score = v4 ?? v3;
    if (score === void 0) return [];
    const vector = text(v4 !== void 0 ? o?.V40Vector : o?.V3Vector);
    return [{ source, score, vector }];
  });
  const chosen = entries.find((e) => e.source === v.SeveritySource) ?? entries.sort((a, b) => b.score - a.score)[0];
  return chosen ? { score: chosen.score, ...chosen.vector ? { vector: chosen.vector } : {} } : void 0;
}
function grype(result) {
  const matches = result.matches;
  bounded(matches);
  return matches.map((raw) => {
    const m = obj(raw);
    const v = obj(m?.vulnerability);
    const a = obj(m?.artifact);
    const id = text(v?.id);
    const name = text(a?.name);
    if (!v || !a || !id || !name) throw new VulnReportError("a Grype match has no vulnerability id or artifact name");
    const version = text(a.version);
    const purl = text(a.purl);
    const fix = obj(v.fix);
    const fixed = fix?.state === "fixed" && Array.isArray(fix.versions) ? fix.versions.map(text).find(Boolean) : void 0;
    const scores = (Array.isArray(v.cvss) ? v.cvss : []).flatMap((c) => {
      const score = num(obj(obj(c)?.metrics)?.baseScore);
      const vector = text(obj(c)?.vector);
      return score === void 0 ? [] : [{ score, vector }];
    });
    const best = scores.sort((x, y) => y.score - x.score)[0];
    const aliases = (Array.isArray(m?.relatedVulnerabilities) ? m.relatedVulnerabilities : []).map((r) => text(obj(r)?.id)).filter((x) => x !== void 0 && x !== id);
    const summary = text(v.description);
    return {
      id,
      aliases: [...new Set(aliases)],
      severity: severityWord(v.severity),
      ...best ? { score: best.score, ...best.vector ? { vector: best.vector } : {} } : {},
      package: { name, ...version ? { version } : {}, ...purl ? { purl } : {} },
      ...fixed ? { fixed } : {},
      source: "attestation",
      ...summary ? { summary } : {}
    };
  });
}

// src/content/openvex.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_packageurl_js = __toESM(require_packageurl_js(), 1);
var OPENVEX_PREDICATES = ["https://openvex.dev/ns/v0.2.0", "https://openvex.dev/ns"];
var MAX_VEX_STATEMENTS = 1e4;
var MAX_TEXT2 = 2048;
var STATUSES = ["not_affected", "affected", "fixed", "under_investigation"];
var VexError = class extends Error {
};
var obj2 = (v) => v !== null && typeof v === "object" && !Array.isArray(v) ? v : void 0;
var text2 = (v) => typeof v === "string" && v.trim() !== "" && v.length <= MAX_TEXT2 ? v.trim() : void 0;
function parseOpenVex(doc, document, order = 0) {
  const d = obj2(doc);
  const context = text2(d?.["@context"]);
  if (!d || !context || !/^https:\/\/openvex\.dev\/ns(\/v\d+\.\d+\.\d+)?$/.test(context))
    throw new VexError(`${document}: not an OpenVEX document (@context must be https://openvex.dev/ns/v0.2.0)`);
  if (!Array.isArray(d.statements)) throw new VexError(`${document}: it has no statements list`);
  if (d.statements.length > MAX_VEX_STATEMENTS)
    throw new VexError(`${document}: more than ${MAX_VEX_STATEMENTS} statements`);
  const docTime = Date.parse(text2(d.timestamp) ?? "");
  return d.statements.map((raw, i) => {
    const s = obj2(raw);
    const where = `${document}: statements[${i}]`;
    if (!s) throw new VexError(`${where} is not an object`);
    const status = s.status;
    if (!STATUSES.includes(status)) throw new VexError(`${where}: status must be one of ${STATUSES.join(", ")}`);
    const vulnerabilities = vulnerabilityIds(s.vulnerability);
    if (vulnerabilities.length === 0) throw new VexError(`${where}: it names no vulnerability`);
    if (!Array.isArray(s.products) || s.products.length === 0) throw new VexError(`${where}: it names no product`);
    const justification = text2(s.justification);
    const impact = text2(s.impact_statement);
    if (status === "not_affected" && !justification && !impact)
      throw new VexError(`${where}: not_affected needs a justification or an impact_statement`);
    const own = Date.parse(text2(s.timestamp) ?? "");
    return {
      vulnerabilities,
      products: s.products.map(product),
      status,
      ...justification ? { justification } : {},
      ...impact ? { impact } : {},
      timestamp: Number.isNaN(own) ? docTime : own,
      order: order + i,
      document
    };
  });
}
function vulnerabilityIds(v) {
  const single = text2(v);
  if (single) return [single];
  const o = obj2(v);
  if (!o) return [];
  const aliases = Array.isArray(o.aliases) ? o.aliases.map(text2) : [];
  return [...new Set([text2(o.name), text2(o["@id"]), ...aliases].filter((x) => x !== void 0))];
}
function product(p) {
  const single = text2(p);
  if (single) return { ids: [single], subcomponents: [] };
  const o = obj2(p) ?? {};
  const identifiers = obj2(o.identifiers);
  const hash = text2(obj2(o.hashes)?.["sha-256"]);
  const ids = [text2(o["@id"]), text2(identifiers?.purl), hash ? `sha256:${hash}` : void 0].filter(
    (x) => x !== void 0
  );
  const subcomponents = (Array.isArray(o.subcomponents) ? o.subcomponents : []).flatMap((c) => {
    const co = obj2(c);
    const id = text2(c) ?? text2(co?.["@id"]) ?? text2(obj2(co?.identifiers)?.purl);
    return id ? [id] : [];
  });
  return { ids, subcomponents };
}
function parsePurl(s) {
  try {
    return import_packageurl_js.PackageURL.fromString(s);
  } catch {
    return void 0;
  }
}
var DOCKER_HUB = /^(index\.docker\.io|registry-1\.docker\.io|docker\.io)\//;
function sameRepository(url, image) {
  const clean = url.toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/\/+$/, "").replace(DOCKER_HUB, "docker.io/");
  return clean === `${image.registry}/${image.repository}`.toLowerCase();
}
function isImage(id, image) {
  const digests = image.digests.map((d) => d.toLowerCase());
  if (/^sha256:[0-9a-f]{64}$/i.test(id)) return digests.includes(id.toLowerCase());
  const purl = parsePurl(id);
  if (!purl || purl.type !== "oci" || !purl.version) return false;
  if (!digests.includes(purl.version.toLowerCase())) return false;
  const last = image.repository.split("/").pop().toLowerCase();
  if (purl.name.toLowerCase() !== last) return false;
  const url = purl.qualifiers?.repository_url;
  return url === void 0 || sameRepository(url, image);
}
function isPackage(sub, purl) {
  if (!purl) return false;
  const a = parsePurl(sub);
  const b = parsePurl(purl);
  if (!a || !b) return false;
  if (a.type !== b.type || (a.namespace ?? "") !== (b.namespace ?? "") || a.name !== b.name) return false;
  if (a.version !== void 0 && a.version !== b.version) return false;
  return Object.entries(a.qualifiers ?? {}).every(([k, v]) => b.qualifiers?.[k] === v);
}
function applies(s, image, v) {
  const ids = new Set(v.ids.map((i) => i.toUpperCase()));
  if (!s.vulnerabilities.some((x) => ids.has(x.toUpperCase()))) return false;
  return s.products.some(
    (p) => p.ids.some((id) => isImage(id, image)) && (p.subcomponents.length === 0 || p.subcomponents.some((sub) => isPackage(sub, v.purl)))
  );
}
function vexFor(statements, image, v) {
  const latest = statements.filter((s) => applies(s, image, v)).sort((a, b) => (a.timestamp || 0) - (b.timestamp || 0) || a.order - b.order).pop();
  if (!latest || latest.status !== "not_affected" && latest.status !== "fixed") return void 0;
  return {
    document: latest.document,
    status: latest.status,
    ...latest.justification ? { justification: latest.justification } : {},
    ...latest.impact ? { impact: latest.impact } : {}
  };
}

// src/policy/rules/vulnerabilities.ts
var VULNERABILITY_PREDICATES = [COSIGN_VULN_PREDICATE, ...OPENVEX_PREDICATES];
var RANK = { unknown: 0, low: 1, medium: 2, high: 3, critical: 4 };
var THRESHOLD = { any: 0, low: 1, medium: 2, high: 3, critical: 4 };
var CLOCK_SKEW_MS = 5 * 6e4;
function reaches(severity, failOn) {
  return RANK[severity] >= THRESHOLD[failOn];
}
function distinctVulnerabilities(facts) {
  const parent = facts.map((_, i) => i);
  const find = (i) => parent[i] === i ? i : parent[i] = find(parent[i]);
  const byId = /* @__PURE__ */ new Map();
  facts.forEach((f, i) => {
    for (const id of [f.id, ...f.aliases].map((x) => x.toUpperCase())) {
      const j = byId.get(id);
      if (j === void 0) byId.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = /* @__PURE__ */ new Map();
  facts.forEach((f, i) => groups.set(find(i), [...groups.get(find(i)) ?? [], f]));
  return [...groups.values()].map((records) => {
    const ids = [...new Set(records.flatMap((r) => [r.id, ...r.aliases]))];
    const id = ids.find((x) => /^CVE-/i.test(x)) ?? ids[0];
    const { severity, score } = highest(records);
    return { id, aliases: ids.filter((x) => x !== id), severity, ...score !== void 0 ? { score } : {}, records };
  }).sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.id.localeCompare(b.id));
}
function highest(records) {
  const severity = records.map((r) => r.severity).sort((a, b) => RANK[b] - RANK[a])[0];
  const score = Math.max(...records.map((r) => r.score ?? -1));
  return { severity, score: score >= 0 ? score : void 0 };
}
function reportAge(r, now) {
  const t = Date.parse(r.finishedOn ?? "");
  if (Number.isNaN(t) || t - now.getTime() > CLOCK_SKEW_MS) return void 0;
  return Math.max(0, now.getTime() - t);
}
function judgeReports(reports, req, now) {
  const aged = reports.map((r) => ({ r, age: reportAge(r, now) }));
  const fresh = aged.filter((a) => a.age !== void 0 && a.age <= req.maxReportAge.seconds * 1e3).map((a) => a.r);
  if (fresh.length > 0 || reports.length === 0) return { fresh, stale: void 0 };
  const dated = aged.filter((a) => a.age !== void 0).sort((a, b) => a.age - b.age)[0];
  const stale = dated ? `the signed vulnerability report (${dated.r.scanner}) was scanned ${formatAge(dated.age)} ago, more than max-report-age ${req.maxReportAge.text}` : `the signed vulnerability report (${aged[0].r.scanner}) gives no scanFinishedOn time in the past: its age cannot be told`;
  return { fresh, stale };
}
function formatAge(ms) {
  const days = Math.floor(ms / 864e5);
  return days >= 1 ? `${days} day${days === 1 ? "" : "s"}` : formatDuration(Math.floor(ms / 1e3));
}
function packageLabel(f) {
  return f.package.version ? `${f.package.name}@${f.package.version}` : f.package.name;
}
function describe(v, records) {
  const aliases = v.aliases.length > 0 ? ` (${v.aliases.slice(0, 5).join(", ")}${v.aliases.length > 5 ? ", \u2026" : ""})` : "";
  const all = [...new Set(records.map(packageLabel))];
  const packages = all.length > 5 ? [...all.slice(0, 5), `${all.length - 5} more`] : all;
  const fixed = [...new Set(records.flatMap((r) => r.fixed ? [r.fixed] : []))];
  const score = v.score !== void 0 ? ` ${v.score.toFixed(1)}` : "";
  return `${v.id}${aliases} in ${packages.join(", ")}: ${v.severity}${score}, ${fixed.length > 0 ? `fixed in ${fixed.join(", ")}` : "no fixed version"}`;
}
function platformViolations(p, req, now) {
  const platform = platformLabel(p);
  const v = p.content?.vulnerabilities;
  if (!v) return [{ platform, message: "could not check vulnerabilities: they were not looked up" }];
  if (v.error)
    return [
      {
        platform,
        message: v.error.startsWith("could not check") ? v.error : `could not check vulnerabilities: ${v.error}`
      }
    ];
  const { fresh, stale } = judgeReports(v.reports ?? [], req, now);
  const sbom = p.content?.sbom;
  const askable = sbom !== void 0 && (sbom.packages.length === 0 || (v.unasked ?? 0) < sbom.packages.length);
  const fromSbom = askable && v.queried === true;
  if (!fromSbom && fresh.length === 0) {
    const why = !sbom ? `no SBOM${p.content?.sbomProblems?.length ? ` (${p.content.sbomProblems.join("; ")})` : ""}` : v.queried !== true ? "the SBOM was not asked of a vulnerability database (vulnerability-db is none)" : `none of the SBOM's ${sbom.packages.length} packages can be asked of the vulnerability database (no purl and version, or a package type it does not know)`;
    const unread = v.problems?.length ? `; ${v.problems.join("; ")}` : "";
    return [
      {
        platform,
        message: `vulnerabilities cannot be checked: ${why}, and ${stale ?? `no signed vulnerability report newer than ${req.maxReportAge.text}`}${unread}`
      }
    ];
  }
  const records = [...fromSbom ? v.found : [], ...fresh.flatMap((r) => r.found)];
  const out = [];
  const ignored = req.ignore.filter((i) => now.getTime() <= untilEnd(i.until));
  for (const d of distinctVulnerabilities(records)) {
    const ids = [d.id, ...d.aliases];
    const live = d.records.filter((r) => !r.suppressedBy);
    if (live.length === 0) continue;
    const ignore = ignored.find((i) => ids.some((id) => id.toUpperCase() === i.id.toUpperCase()));
    const { severity, score } = highest(live);
    if (!reaches(severity, req.failOn)) continue;
    if (req.fixableOnly && !live.some((r) => r.fixed)) continue;
    out.push({
      platform,
      message: describe({ ...d, severity, ...score !== void 0 ? { score } : {} }, live),
      ids,
      // An ignore entry makes it a notice, as an exception does: reported with its reason, never counted.
      ...ignore ? { excepted: { reason: ignore.reason, until: ignore.until, where: ignore.where } } : {}
    });
  }
  return out;
}
function checkVulnerabilities(s, req) {
  return s.facts.platforms.flatMap((p) => platformViolations(p, req, s.now));
}

export {
  setMasker,
  registerSecret,
  redact,
  platformLabel,
  COSIGN_VULN_PREDICATE,
  VulnReportError,
  parseVulnReport,
  OPENVEX_PREDICATES,
  VexError,
  parseOpenVex,
  vexFor,
  VULNERABILITY_PREDICATES,
  distinctVulnerabilities,
  packageLabel,
  checkVulnerabilities,
  inertLog,
  commandFreeText,
  inertJson,
  literal
};
//# sourceMappingURL=chunk-AJJDCB6N.js.map
