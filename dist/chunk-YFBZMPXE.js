
import {
  attestersOf
} from "./chunk-IYMIIVDP.js";
import {
  RULE_TABLE,
  checkRegistryName
} from "./chunk-HZ22G5RC.js";
import {
  formatPlatform
} from "./chunk-IPQCI7W4.js";
import {
  matchReference
} from "./chunk-A6VFLDUP.js";
import {
  formatReference
} from "./chunk-LDXJDK62.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/evaluate.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function applicable(ruleSets, ref, digest) {
  return ruleSets.filter((rs) => rs.images === void 0 || rs.images.some((p) => matchReference(p, ref, digest)));
}
function mayApply(ruleSets, ref) {
  return ruleSets.filter(
    (rs) => rs.images === void 0 || rs.images.some(
      (p) => matchReference(p.digest !== void 0 && ref.digest === void 0 ? { ...p, digest: void 0 } : p, ref)
    )
  );
}
function registryPreflight(input, ref, ruleSets) {
  const findings = [];
  for (const rs of mayApply(ruleSets, ref)) {
    if (!rs.registries?.length) continue;
    const from = rs.source === "inputs" ? "" : ` [${rs.source}]`;
    for (const v of checkRegistryName(ref.registry, rs.registries)) {
      findings.push({
        rule: "registries",
        image: input,
        reference: formatReference(ref),
        host: ref.registry,
        message: `${v.message}; it was not contacted${from}`
      });
    }
  }
  return findings;
}
async function loadChecks(ruleSets) {
  const table = RULE_TABLE;
  await Promise.all(table.flatMap((r) => r.load && ruleSets.some((rs) => r.enabled(rs)) ? [r.load()] : []));
}
function enabledRules(ruleSets) {
  return RULE_TABLE.filter((r) => ruleSets.some((rs) => r.enabled(rs))).map((r) => r.name);
}
function needsTrust(ruleSets) {
  return RULE_TABLE.some((r) => {
    const trust = r.needs.trust;
    return trust !== void 0 && ruleSets.some((rs) => r.enabled(rs) && (typeof trust === "function" ? trust(rs) : trust));
  });
}
function askedStatements(ruleSets) {
  const asks = RULE_TABLE.flatMap((r) => {
    const wants = r.needs.statements;
    const asks2 = r.needs.asksStatements ?? (() => true);
    return wants ? ruleSets.filter((rs) => r.enabled(rs) && asks2(rs)).map((rs) => (t) => wants(t, rs)) : [];
  });
  return asks.length > 0 ? (t) => asks.some((a) => a(t)) : void 0;
}
function statementRules(ruleSets) {
  return RULE_TABLE.filter((r) => r.needs.statements && ruleSets.some((rs) => r.enabled(rs))).map((r) => r.name);
}
function inspectNeeds(ruleSets) {
  const needs = {
    config: RULE_TABLE.some((r) => r.needs.config && ruleSets.some((rs) => r.enabled(rs))),
    trust: needsTrust(ruleSets)
  };
  if (askedStatements(ruleSets)) needs.statements = true;
  return needs;
}
function trustSatisfied(input, ref, facts, ruleSets, top) {
  const probe = { ...facts, kind: "image", trust: { top, platforms: [], claims: [] } };
  return evaluateImage(input, ref, probe, ruleSets, /* @__PURE__ */ new Date(0), { only: ["signature", "provenance", "attestations"] }).length === 0;
}
function evaluateImage(input, ref, facts, ruleSets, now, opts = {}) {
  const subject = { input, ref, facts, now };
  const sets = applicable(ruleSets, ref, facts.digest);
  const attesters = attestersOf(sets);
  const findings = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (rule, rs, violations) => {
    for (const v of violations) {
      const key = `${rule}\0${v.platform ?? ""}\0${v.message}\0${rs.mode ?? "enforce"}\0${v.excepted?.where ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const from = rs.source === "inputs" ? "" : ` [${rs.source}]`;
      const f = { rule, image: input, reference: formatReference(ref), message: `${v.message}${from}` };
      if (v.platform !== void 0) f.platform = v.platform;
      if (v.ids !== void 0) f.ids = v.ids;
      if (v.excepted !== void 0) f.excepted = v.excepted;
      if (rs.mode === "warn") f.mode = "warn";
      findings.push(f);
    }
  };
  const ctx = { attesters };
  const rules = opts.only ? RULE_TABLE.filter((r) => opts.only.includes(r.name)) : RULE_TABLE;
  for (const rs of sets) for (const r of rules) if (r.enabled(rs)) add(r.name, rs, r.check(subject, rs, ctx));
  return findings;
}
function mislabeledFindings(input, ref, facts) {
  return facts.mislabeled.map((m) => {
    const where = m.platform ? `for ${formatPlatform(m.platform)}` : "with no platform";
    const f = {
      rule: "inspect",
      image: input,
      reference: formatReference(ref),
      message: `the index lists ${m.digest} ${where} but annotates it as an attestation; only unknown/unknown entries are attestations (it was inspected as a platform: runtimes pull it)`
    };
    if (m.platform) f.platform = formatPlatform(m.platform);
    return f;
  });
}

export {
  applicable,
  mayApply,
  registryPreflight,
  loadChecks,
  enabledRules,
  needsTrust,
  askedStatements,
  statementRules,
  inspectNeeds,
  trustSatisfied,
  evaluateImage,
  mislabeledFindings
};
//# sourceMappingURL=chunk-YFBZMPXE.js.map
