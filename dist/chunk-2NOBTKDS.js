
import {
  platformLabel
} from "./chunk-N47CI3VC.js";
import {
  untilEnd
} from "./chunk-XBZBJW3P.js";
import {
  formatDuration
} from "./chunk-232L6EHX.js";
import {
  judgeLicense
} from "./chunk-GXO76S3L.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

// src/content/predicates.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var COSIGN_VULN_PREDICATE = "https://cosign.sigstore.dev/attestation/vuln/v1";
var OPENVEX_PREDICATES = ["https://openvex.dev/ns/v0.2.0", "https://openvex.dev/ns"];
var VEX_MAX_BYTES = 4 << 20;

// src/policy/rules/sbom.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_LICENSE_FINDINGS = 100;
var MAX_PROBLEMS = 5;
function noSbom(p, content, attestations) {
  const problems = content?.sbomProblems ?? [];
  const more = problems.length > MAX_PROBLEMS ? `; and ${problems.length - MAX_PROBLEMS} more` : "";
  const looked = attestations ? " (looked in the index's attestation manifests and in the attestations of the platform and the index)" : " (looked in the index's attestation manifests; signed attestations are read when a signer is set: signature-keys, signature-identities or provenance)";
  const why = problems.length > 0 ? `: ${problems.slice(0, MAX_PROBLEMS).join("; ")}${more}` : looked;
  return `no SBOM found for ${platformLabel(p)} (${p.digest})${why}`;
}
function checkSbom(s, mode, signers) {
  if (mode === "signed" && !signers)
    return [
      {
        message: "a signed SBOM is required, but no signer is accepted: set signature-keys, signature-identities or provenance"
      }
    ];
  const out = [];
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    const sbom = p.content?.sbom;
    if (!sbom) out.push({ platform, message: noSbom(p, p.content, s.facts.trust !== void 0) });
    else if (mode === "signed" && !sbom.signed) {
      const where = sbom.source === "in-index" ? `it is in the index (${sbom.manifest}), and no accepted signer signed the index digest ${s.facts.digest}` : `its attestation (${sbom.manifest}) is signed by a signer no rule accepts`;
      out.push({ platform, message: `the SBOM of ${platform} is not signed by an accepted signer: ${where}` });
    }
  }
  return out;
}
var named = (pkg) => `${pkg.name}${pkg.version !== void 0 ? `@${pkg.version}` : ""}`;
var quoted = (license) => license.length > 300 ? `${license.slice(0, 300)}\u2026` : license;
function checkLicenses(s, req) {
  const out = [];
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    const sbom = p.content?.sbom;
    if (!sbom) {
      out.push({
        platform,
        message: `${noSbom(p, p.content, s.facts.trust !== void 0)}: the licences cannot be checked`
      });
      continue;
    }
    if (sbom.packages.length === 0) {
      out.push({
        platform,
        message: `the SBOM of ${platform} lists no packages, so the licences cannot be checked (an SBOM of something else than the image looks the same)`
      });
      continue;
    }
    const found = [];
    for (const pkg of sbom.packages) {
      const v = judgeLicense(pkg.license, req.deny);
      if (v.kind === "denied") {
        const ids = v.denied.map((d) => d.pattern === d.license ? d.license : `${d.license} (denied by ${d.pattern})`);
        found.push({
          platform,
          message: `${named(pkg)} is licensed ${quoted(pkg.license)}: it cannot be used without ${(ids.length > 5 ? [...ids.slice(0, 5), `${ids.length - 5} more`] : ids).join(" and ")}`
        });
      } else if (v.kind === "unknown" && req.unknown === "fail") {
        const what = pkg.license === void 0 ? "no licence is given" : `"${quoted(pkg.license)}" is ${v.reason}`;
        found.push({ platform, message: `${named(pkg)}: its licence is unknown (${what}), and unknown licences fail` });
      }
    }
    out.push(...found.slice(0, MAX_LICENSE_FINDINGS));
    if (found.length > MAX_LICENSE_FINDINGS)
      out.push({
        platform,
        message: `and ${found.length - MAX_LICENSE_FINDINGS} more packages of ${platform} with licences that fail (the first ${MAX_LICENSE_FINDINGS} are listed)`
      });
  }
  return out;
}

// src/policy/rules/vulnerabilities.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
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
function commonIds(d, records) {
  const named2 = records.map((r) => new Set([r.id, ...r.aliases].map((x) => x.toUpperCase())));
  return [d.id, ...d.aliases].filter((id) => named2.every((n) => n.has(id.toUpperCase())));
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
  checkSbom,
  checkLicenses,
  COSIGN_VULN_PREDICATE,
  OPENVEX_PREDICATES,
  VEX_MAX_BYTES,
  VULNERABILITY_PREDICATES,
  distinctVulnerabilities,
  packageLabel,
  checkVulnerabilities
};
//# sourceMappingURL=chunk-2NOBTKDS.js.map
