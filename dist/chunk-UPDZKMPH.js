
import {
  formatCounts
} from "./chunk-XXP2TPTK.js";
import {
  literal
} from "./chunk-IOGWUVS2.js";
import {
  humanAge
} from "./chunk-3EXKOP6I.js";
import {
  shortDigest
} from "./chunk-6XVK6575.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/report/summary.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function escapeHtml(s) {
  return literal(s, "html");
}
var SUMMARY_MAX_BYTES = 1e6;
function createdCell(created, now) {
  const short = (c) => c.replace(/:\d\d(\.\d+)?Z$/, "Z").replace("T", " ");
  const known = created.filter((c) => c !== null);
  const values = [...new Set(known.map(short))].sort();
  if (values.length === 0) return "\u2014";
  const cell = values.length === 1 ? values[0] : `${values[0]} \u2026 ${values[values.length - 1]}`;
  const times = known.map((c) => Date.parse(c)).filter((t) => !Number.isNaN(t));
  return now && times.length > 0 ? `${cell}, ${humanAge(Math.min(...times), now.getTime())}` : cell;
}
function baseCell(p) {
  if (p.baseClaim && p.baseClaim.status !== "verified")
    return `${escapeHtml(p.platform)}: claim ${escapeHtml(p.baseClaim.name)} ${escapeHtml(p.baseClaim.status)}`;
  if (p.base)
    return `${escapeHtml(p.platform)}: <code>${escapeHtml(p.base.name)}@${escapeHtml(shortDigest(p.base.digest))}</code>`;
  if (p.base === null) return `${escapeHtml(p.platform)}: none proven`;
  return "";
}
function sbomCell(p) {
  const s = p.sbom;
  if (!s) return `${escapeHtml(p.platform)}: none`;
  const where = s.source === "in-index" ? "in the index" : "attestation";
  const version = s.format === "spdx" ? s.formatVersion : `CycloneDX ${s.formatVersion}`;
  return `${escapeHtml(p.platform)}: ${escapeHtml(version)}, ${s.packages} package${s.packages === 1 ? "" : "s"}, ${where}, ${s.signed ? "signed" : "unsigned"}`;
}
function day(created) {
  return created ? ` (created ${escapeHtml(created.slice(0, 10))})` : "";
}
function currentCell(img) {
  const lines = [];
  const pin = img.pin;
  if (pin) {
    if (pin.status === "current") lines.push(`pin: ${escapeHtml(pin.tag ?? "")} \u2714`);
    else if (pin.status === "moved" && pin.current)
      lines.push(
        `pin: ${escapeHtml(pin.tag ?? "")} \u2192 <code>${escapeHtml(shortDigest(pin.current))}</code>${day(pin.currentCreated)}`
      );
    else lines.push(`pin: ${escapeHtml(pin.tag ?? "")} unresolved`);
  }
  for (const p of img.platforms) {
    const c = p.baseCurrent;
    if (!c || c.status === "none") continue;
    const tag = escapeHtml(c.tag ?? "base");
    if (c.status === "current") lines.push(`${escapeHtml(p.platform)}: ${tag} \u2714`);
    else if (c.status === "outdated")
      lines.push(
        `${escapeHtml(p.platform)}: ${tag} \u2192 <code>${escapeHtml(shortDigest(c.current ?? ""))}</code>${day(c.currentCreated)}`
      );
    else lines.push(`${escapeHtml(p.platform)}: base tag unknown`);
  }
  return lines.length > 0 ? lines.join("<br>") : "\u2014";
}
function signerCell(img) {
  if (!img.trust) return "\u2014";
  const lines = [];
  for (const t of img.trust.digests) {
    const who = /* @__PURE__ */ new Set();
    for (const sig of t.signatures) {
      if (!sig.verified || !sig.covers.includes(t.digest) || !sig.signer) continue;
      const s = sig.signer;
      const what = sig.predicateType ? ` (${sig.predicateType.replace(/^https:\/\//, "")})` : "";
      who.add(
        s.kind === "key" ? `key <code>${escapeHtml(s.fingerprint.slice(0, 19))}\u2026</code>${escapeHtml(what)}` : s.kind === "notation" ? `Notation ${escapeHtml(s.subject)} (trust policy ${escapeHtml(s.policy)})` : `${escapeHtml(s.identity)}${escapeHtml(what)}`
      );
    }
    const label = t.platform ? `${escapeHtml(t.platform)}: ` : "";
    const text = who.size > 0 ? [...who].join(", ") : t.error || t.unread ? "could not check" : "no accepted signature";
    lines.push(`${label}${text}`);
  }
  for (const c of img.trust.claims.slice(0, 2))
    lines.push(`unsigned claim: ${escapeHtml(c.builder ?? c.source ?? c.predicateType)}`);
  return lines.join("<br>");
}
function shortDigests(text) {
  return text.replace(/\b(sha256|sha384|sha512):([0-9a-f]{12})[0-9a-f]{20,116}\b/g, "$1:$2");
}
function failedCell(img, rules) {
  if (img.status === "error") return "not inspected";
  const failed = rules.filter((r) => img.checks[r] === "fail");
  return failed.length > 0 ? failed.map((r) => escapeHtml(r)).join(", ") : "\u2014";
}
function detailsBlock(img, rules, show) {
  if (img.status === "error") return "";
  const rows = [];
  if (show.base && img.platforms.length > 0)
    rows.push(`<tr><th>Base</th><td>${img.platforms.map(baseCell).join("<br>")}</td></tr>`);
  if (show.current) rows.push(`<tr><th>Tags now</th><td>${currentCell(img)}</td></tr>`);
  if (show.signer) rows.push(`<tr><th>Signed by</th><td>${signerCell(img)}</td></tr>`);
  if (show.sbom && img.platforms.length > 0)
    rows.push(`<tr><th>SBOM</th><td>${img.platforms.map(sbomCell).join("<br>")}</td></tr>`);
  if (rules.length > 0) {
    const mark2 = (c) => c === "fail" ? "\u2718" : c === "pass" ? "\u2714" : c === "warn" ? "\u26A0" : "\u2013";
    const checks = rules.map((r) => `${escapeHtml(r)} ${mark2(img.checks[r])}`).join(" \xB7 ");
    rows.push(`<tr><th>Rules</th><td>${checks}</td></tr>`);
  }
  if (rows.length === 0) return "";
  const mark = img.status === "pass" ? "\u2714" : "\u2718";
  return `<details><summary>${mark} <code>${escapeHtml(img.input)}</code></summary><table>${rows.join("")}</table></details>`;
}
function summaryLines(maxBytes, reserve) {
  const out = [];
  let bytes = 0;
  return {
    push: (line) => {
      out.push(line);
      bytes += Buffer.byteLength(line) + 1;
    },
    fits: (line) => bytes + Buffer.byteLength(line) + 1 + reserve <= maxBytes,
    lines: () => out
  };
}
function renderSummary(report, opts = {}) {
  const out = summaryLines(opts.maxBytes ?? SUMMARY_MAX_BYTES, 2048 + report.registries.length * 300);
  const left = {
    leftTo: opts.leftTo ?? `the JSON report${opts.reportPath ? ` (${escapeHtml(opts.reportPath)})` : ""}`,
    tooLong: opts.tooLong ?? "GitHub shows no job summary over 1 MiB"
  };
  const verdict = report.result === "pass" ? "\u2705 pass" : report.failBuild ? "\u274C fail" : "\u26A0\uFE0F fail (fail-build: false)";
  out.push(`<h2>image-gate: ${verdict}</h2>`);
  const rulesText = report.rules.length > 0 ? ` Rules: ${report.rules.map((r) => escapeHtml(r)).join(", ")}.` : "";
  out.push(
    `<p>${report.images.length} image${report.images.length === 1 ? "" : "s"} checked, ${report.violations} finding${report.violations === 1 ? "" : "s"}.${rulesText}</p>`
  );
  const rows = imageTable(out, report, opts.now, left);
  if (opts.details !== false) imageDetails(out, report, rows);
  if (report.findings.length > 0) findingsList(out, report.findings, left);
  if (report.warnings.length > 0) fileWarningsList(out, report.warnings, left);
  const limits = report.registries.filter((r) => r.rateLimitRemaining !== null);
  if (limits.length > 0) {
    out.push(
      `<p>Pull limit remaining: ${limits.map((r) => `${escapeHtml(r.registry)} ${escapeHtml(r.rateLimitRemaining.slice(0, 64))}`).join(", ")}</p>`
    );
  }
  return `${out.lines().join("\n")}
`;
}
function imageTable(out, report, now, left) {
  out.push("<table>");
  const vulns = report.rules.includes("vulnerabilities");
  out.push(
    `<tr><th>Verdict</th><th>Image</th><th>Digest</th><th>Failed</th>${vulns ? "<th>Vulns</th>" : ""}<th>Platforms</th><th>Created</th></tr>`
  );
  let rows = 0;
  for (const img of report.images) {
    const digest = img.digest ? `<code>${escapeHtml(shortDigest(img.digest))}</code>` : "\u2014";
    const platforms = img.platforms.length > 0 ? img.platforms.map((p) => escapeHtml(p.platform)).join("<br>") : "\u2014";
    const created = createdCell(
      img.platforms.map((p) => p.created),
      now
    );
    const status = img.status === "pass" ? "\u2714 pass" : img.status === "fail" ? "\u2718 fail" : "\u2718 error";
    const row = `<tr><td>${status}</td><td><code>${escapeHtml(img.input)}</code></td><td>${digest}</td><td>${failedCell(img, report.rules)}</td>${vulns ? `<td>${vulnsCell(img)}</td>` : ""}<td>${platforms}</td><td>${escapeHtml(created)}</td></tr>`;
    if (!out.fits(row)) break;
    out.push(row);
    rows++;
  }
  out.push("</table>");
  if (rows < report.images.length) {
    out.push(
      `<p>${report.images.length - rows} of ${report.images.length} image rows are left to ${left.leftTo}: ${escapeHtml(left.tooLong)}.</p>`
    );
  }
  return rows;
}
function vulnsCell(img) {
  return img.vulnerabilityCounts ? escapeHtml(formatCounts(img.vulnerabilityCounts)) : "\u2014";
}
function imageDetails(out, report, rows) {
  const show = {
    base: report.rules.includes("base-images"),
    current: report.rules.includes("base-current") || report.rules.includes("pins-current"),
    signer: report.rules.some((r) => r === "signature" || r === "provenance" || r === "attestations"),
    sbom: report.rules.some((r) => r === "sbom" || r === "licenses")
  };
  for (const img of report.images.slice(0, rows)) {
    const block = detailsBlock(img, report.rules, show);
    if (block === "") continue;
    if (!out.fits(block)) break;
    out.push(block);
  }
}
function findingsList(out, findings, left) {
  out.push("<h3>Findings</h3>");
  out.push("<ul>");
  let shown = 0;
  for (const f of findings) {
    const at = f.platform ? ` (${escapeHtml(f.platform)})` : "";
    const how = f.exception ? ` <i>(excepted until ${escapeHtml(f.exception.until)}: ${escapeHtml(f.exception.reason)})</i>` : f.severity === "warning" && f.mode === "warn" ? " <i>(warn mode)</i>" : "";
    const item = `<li><b>${escapeHtml(f.rule)}</b> <code>${escapeHtml(f.image)}</code>${at}: ${escapeHtml(shortDigests(f.message))}${how}</li>`;
    if (!out.fits(item)) break;
    out.push(item);
    shown++;
  }
  out.push("</ul>");
  if (shown < findings.length) {
    out.push(
      `<p>${findings.length - shown} of ${findings.length} findings are left to ${left.leftTo} and the annotations: ${escapeHtml(left.tooLong)}.</p>`
    );
  }
}
function fileWarningsList(out, warnings, left) {
  out.push(`<h3>In files, not verified (${warnings.length})</h3>`);
  out.push("<ul>");
  let shown = 0;
  for (const w of warnings) {
    const at = w.line > 0 ? `${w.file}:${w.line}` : w.file;
    const item = `<li><code>${escapeHtml(at)}</code>${w.level === "notice" ? " (note)" : ""}: ${escapeHtml(shortDigests(w.message))}</li>`;
    if (!out.fits(item)) break;
    out.push(item);
    shown++;
  }
  out.push("</ul>");
  if (shown < warnings.length)
    out.push(
      `<p>${warnings.length - shown} of ${warnings.length} are left to ${left.leftTo}: ${escapeHtml(left.tooLong)}.</p>`
    );
}

export {
  escapeHtml,
  SUMMARY_MAX_BYTES,
  shortDigests,
  renderSummary
};
//# sourceMappingURL=chunk-UPDZKMPH.js.map
