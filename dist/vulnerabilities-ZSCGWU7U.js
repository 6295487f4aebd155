
import {
  noSbom
} from "./chunk-FUGJ3ZK7.js";
import {
  untilEnd
} from "./chunk-HDCFIDBJ.js";
import {
  RANK,
  distinctVulnerabilities,
  highest,
  packageLabel
} from "./chunk-IKJXDASR.js";
import "./chunk-DKQD7TJL.js";
import {
  formatDuration
} from "./chunk-3EXKOP6I.js";
import {
  platformLabel
} from "./chunk-Y5I46MST.js";
import "./chunk-IPQCI7W4.js";
import "./chunk-A6VFLDUP.js";
import "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/rules/vulnerabilities.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var THRESHOLD = { any: 0, low: 1, medium: 2, high: 3, critical: 4 };
var CLOCK_SKEW_MS = 5 * 6e4;
function reaches(severity, failOn) {
  return RANK[severity] >= THRESHOLD[failOn];
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
function describe(v, records) {
  const aliases = v.aliases.length > 0 ? ` (${v.aliases.slice(0, 5).join(", ")}${v.aliases.length > 5 ? ", \u2026" : ""})` : "";
  const all = [...new Set(records.map(packageLabel))];
  const packages = all.length > 5 ? [...all.slice(0, 5), `${all.length - 5} more`] : all;
  const fixed = [...new Set(records.flatMap((r) => r.fixed ? [r.fixed] : []))];
  const score = v.score !== void 0 ? ` ${v.score.toFixed(1)}` : "";
  return `${v.id}${aliases} in ${packages.join(", ")}: ${v.severity}${score}, ${fixed.length > 0 ? `fixed in ${fixed.join(", ")}` : "no fixed version"}`;
}
function commonIds(d, records) {
  const named = records.map((r) => new Set([r.id, ...r.aliases].map((x) => x.toUpperCase())));
  return [d.id, ...d.aliases].filter((id) => named.every((n) => n.has(id.toUpperCase())));
}
function platformViolations(p, req, now, signers) {
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
  const askable = sbom !== void 0 && sbom.packages.length > 0 && (v.unasked ?? 0) < sbom.packages.length;
  const fromSbom = askable && v.queried === true;
  if (!fromSbom && fresh.length === 0) {
    const why = !sbom ? noSbom(p, p.content, signers) : v.queried !== true ? "the SBOM was not asked of a vulnerability database (vulnerability-db is none)" : sbom.packages.length === 0 ? "the SBOM lists no packages, so nothing in it can be checked (an SBOM of something else than the image looks the same)" : `none of the SBOM's ${sbom.packages.length} packages can be asked of the vulnerability database (no purl and version, or a package type it does not know)`;
    const unread = v.problems?.length ? `; ${v.problems.join("; ")}` : "";
    const noReport = signers ? `no signed vulnerability report newer than ${req.maxReportAge.text}` : "no signed vulnerability report was read (they are read when a signer is set: signature-keys, signature-identities or provenance)";
    return [
      {
        platform,
        message: `vulnerabilities cannot be checked: ${why}, and ${stale ?? noReport}${unread}`
      }
    ];
  }
  const records = [...fromSbom ? v.found : [], ...fresh.flatMap((r) => r.found)];
  const out = [];
  const ignored = req.ignore.filter((i) => now.getTime() <= untilEnd(i.until));
  for (const d of distinctVulnerabilities(records)) {
    const live = d.records.filter((r) => !r.suppressedBy);
    if (live.length === 0) continue;
    const ids = commonIds(d, live);
    const ignore = ignored.find((i) => ids.some((id) => id.toUpperCase() === i.id.toUpperCase()));
    const { severity, score } = highest(live);
    if (!reaches(severity, req.failOn)) continue;
    if (req.fixableOnly && !live.some((r) => r.fixed)) continue;
    out.push({
      platform,
      message: describe({ ...d, severity, ...score !== void 0 ? { score } : {} }, live),
      ...ids.length > 0 ? { ids } : {},
      // An ignore entry makes it a notice, as an exception does: reported with its reason, never counted.
      ...ignore ? { excepted: { reason: ignore.reason, until: ignore.until, where: ignore.where } } : {}
    });
  }
  for (const problem of v.problems ?? []) out.push({ platform, message: `could not check vulnerabilities: ${problem}` });
  return out;
}
function checkVulnerabilities(s, req) {
  const signers = s.facts.trust !== void 0;
  return s.facts.platforms.flatMap((p) => platformViolations(p, req, s.now, signers));
}
export {
  checkVulnerabilities,
  reaches
};
//# sourceMappingURL=vulnerabilities-ZSCGWU7U.js.map
