
import {
  distinctVulnerabilities,
  packageLabel
} from "./chunk-IKJXDASR.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/report/vulnerabilities.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function record(v) {
  return {
    id: v.id,
    aliases: v.aliases,
    severity: v.severity,
    score: v.score ?? null,
    package: packageLabel(v),
    purl: v.package.purl ?? null,
    fixed: v.fixed ?? null,
    source: v.source,
    suppressedBy: v.suppressedBy ? {
      document: v.suppressedBy.document,
      status: v.suppressedBy.status,
      justification: v.suppressedBy.justification ?? null,
      impact: v.suppressedBy.impact ?? null
    } : null
  };
}
function reportVulnerabilities(p) {
  const v = p.content?.vulnerabilities;
  if (!v) return void 0;
  const reports = v.reports ?? [];
  return {
    queried: v.queried === true,
    unasked: v.unasked ?? 0,
    error: v.error ?? null,
    reports: reports.map((r) => ({
      scanner: r.scanner,
      finishedOn: r.finishedOn ?? null,
      subject: r.subject,
      manifest: r.manifest,
      count: r.found.length
    })),
    problems: v.problems ?? [],
    found: [...v.found, ...reports.flatMap((r) => r.found)].map(record)
  };
}
function vulnerabilityCounts(facts) {
  const platforms = facts.platforms.map((p) => p.content?.vulnerabilities);
  if (platforms.length === 0 || platforms.some((v) => !v || v.error)) return void 0;
  const records = platforms.flatMap((v) => [...v.found, ...(v.reports ?? []).flatMap((r) => r.found)]);
  const counts = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const d of distinctVulnerabilities(records.filter((r) => !r.suppressedBy))) counts[d.severity]++;
  return counts;
}
function formatCounts(c) {
  const parts = [
    ["critical", "C"],
    ["high", "H"],
    ["medium", "M"],
    ["low", "L"],
    ["unknown", "U"]
  ].flatMap(([k, letter]) => c[k] > 0 ? [`${c[k]}${letter}`] : []);
  return parts.length > 0 ? parts.join(" ") : "0";
}

export {
  reportVulnerabilities,
  vulnerabilityCounts,
  formatCounts
};
//# sourceMappingURL=chunk-XXP2TPTK.js.map
