
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/vulnerability-records.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var RANK = { unknown: 0, low: 1, medium: 2, high: 3, critical: 4 };
function distinctVulnerabilities(facts) {
  const parent = facts.map((_, i) => i);
  const find = (i) => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const byId = /* @__PURE__ */ new Map();
  facts.forEach((f, i) => {
    for (const id of [f.id, ...f.aliases].map((x) => x.toUpperCase())) {
      const j = byId.get(id);
      if (j === void 0) byId.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = /* @__PURE__ */ new Map();
  facts.forEach((f, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(f);
    else groups.set(root, [f]);
  });
  return [...groups.values()].map((records) => {
    const ids = [...new Set(records.flatMap((r) => [r.id, ...r.aliases]))];
    const id = ids.find((x) => /^CVE-/i.test(x)) ?? ids[0];
    const { severity, score } = highest(records);
    return { id, aliases: ids.filter((x) => x !== id), severity, ...score !== void 0 ? { score } : {}, records };
  }).sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.id.localeCompare(b.id));
}
function highest(records) {
  let severity = records[0].severity;
  let score = -1;
  for (const r of records) {
    if (RANK[r.severity] > RANK[severity]) severity = r.severity;
    if ((r.score ?? -1) > score) score = r.score;
  }
  return { severity, score: score >= 0 ? score : void 0 };
}
function packageLabel(f) {
  return f.package.version ? `${f.package.name}@${f.package.version}` : f.package.name;
}

export {
  RANK,
  distinctVulnerabilities,
  highest,
  packageLabel
};
//# sourceMappingURL=chunk-IKJXDASR.js.map
