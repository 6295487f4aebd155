
import {
  applicable
} from "./chunk-YFBZMPXE.js";
import {
  packageQuery,
  queryKey,
  require_packageurl_js
} from "./chunk-3XXDTK75.js";
import {
  attestersOf
} from "./chunk-IYMIIVDP.js";
import {
  untilEnd
} from "./chunk-HDCFIDBJ.js";
import {
  COSIGN_VULN_PREDICATE,
  OPENVEX_PREDICATES
} from "./chunk-HZ22G5RC.js";
import {
  InputError
} from "./chunk-62ROBF6K.js";
import "./chunk-DZRP2ASS.js";
import "./chunk-MVD7MK3L.js";
import "./chunk-O5L4BDB6.js";
import "./chunk-JKCKZTIS.js";
import "./chunk-W5D7XUTN.js";
import "./chunk-OISVCNRR.js";
import "./chunk-DKQD7TJL.js";
import "./chunk-MT22UEVM.js";
import "./chunk-FZ4MN5IN.js";
import "./chunk-WG257OMD.js";
import "./chunk-3EXKOP6I.js";
import {
  indexSigned
} from "./chunk-Y5I46MST.js";
import "./chunk-IPQCI7W4.js";
import {
  isAttester
} from "./chunk-ZTRCPDWR.js";
import "./chunk-RPWR6KMM.js";
import "./chunk-A6VFLDUP.js";
import "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/gate/vulnerabilities.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/content/vuln-report.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
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
  const trivyShape = Array.isArray(result.Results) || result.SchemaVersion !== void 0;
  if (trivyShape && result.matches !== void 0)
    throw new VulnReportError(`the vulnerability report from ${uri} has both Trivy's and Grype's fields`);
  if (trivyShape) {
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

// src/gate/vulnerabilities.ts
function parseVexFiles(files) {
  const out = [];
  for (const f of files) {
    let json;
    try {
      json = JSON.parse(f.bytes.toString("utf8"));
    } catch {
      throw new InputError(`Input "vex": ${f.name} is not JSON: give an OpenVEX document (https://openvex.dev)`);
    }
    try {
      out.push(...parseOpenVex(json, f.name, out.length));
    } catch (e) {
      if (e instanceof VexError) throw new InputError(`Input "vex": ${e.message}`);
      throw e;
    }
  }
  return out;
}
function verifiedStatements(facts, p, wanted, accepted) {
  const lists = [facts.trust?.top, ...(facts.trust?.platforms ?? []).filter((d) => d.digest === p.digest)];
  return lists.flatMap(
    (d) => (d?.signatures ?? []).flatMap(
      (sig) => sig.verified && sig.statement && wanted(sig.statement.predicateType) && accepted(sig) && (sig.subjects.includes(p.digest) || sig.subjects.includes(facts.digest)) ? [{ sig, predicateType: sig.statement.predicateType, predicate: sig.statement.predicate }] : []
    )
  );
}
function reportsOf(facts, p, accepted) {
  const raw = verifiedStatements(facts, p, (t) => t === COSIGN_VULN_PREDICATE, accepted).map((s) => ({
    manifest: s.sig.manifest,
    subject: s.sig.subjects.includes(p.digest) ? p.digest : facts.digest,
    predicate: s.predicate
  }));
  if (indexSigned(facts, accepted)) {
    for (const s of facts.statements ?? [])
      if (s.predicateType === COSIGN_VULN_PREDICATE && s.subject === p.digest)
        raw.push({ manifest: s.manifest, subject: s.subject, predicate: s.predicate });
  }
  const reports = [];
  const problems = [];
  for (const r of raw) {
    try {
      const parsed = parseVulnReport(r.predicate);
      reports.push({ ...parsed, subject: r.subject, manifest: r.manifest });
    } catch (e) {
      if (!(e instanceof VulnReportError)) throw e;
      problems.push(`the signed vulnerability report in ${r.manifest} cannot be read: ${e.message}`);
    }
  }
  return { reports, problems };
}
function attestedVex(facts, order, accepted) {
  const wanted = (t) => OPENVEX_PREDICATES.includes(t);
  const docs = facts.platforms.flatMap(
    (p) => verifiedStatements(facts, p, wanted, accepted).map((d) => ({ manifest: d.sig.manifest, predicate: d.predicate }))
  );
  if (indexSigned(facts, accepted)) {
    for (const s of facts.statements ?? [])
      if (wanted(s.predicateType)) docs.push({ manifest: s.manifest, predicate: s.predicate });
  }
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const d of docs) {
    if (seen.has(d.predicate)) continue;
    seen.add(d.predicate);
    try {
      out.push(...parseOpenVex(d.predicate, `attestation ${d.manifest}`, order + out.length));
    } catch (e) {
      if (!(e instanceof VexError)) throw e;
    }
  }
  return out;
}
function packageQueries(platform) {
  return (platform.content?.sbom?.packages ?? []).flatMap((pkg) => {
    const q = packageQuery(pkg);
    if (!q) return [];
    const { name, version, purl } = pkg;
    return [{ pkg: { name, ...version ? { version } : {}, ...purl ? { purl } : {} }, q }];
  });
}
function neededPlatforms(inspections, ruleSets, database) {
  const needed = [];
  for (const ins of inspections) {
    if (!ins.ok) continue;
    const sets = applicable(ruleSets, ins.ref, ins.facts.digest);
    if (!sets.some((rs) => rs.vulnerabilities)) continue;
    const attesters = attestersOf(sets);
    const accepted = (sig) => isAttester(attesters, sig);
    for (const platform of ins.facts.platforms)
      needed.push({ accepted, facts: ins.facts, platform, queries: database ? packageQueries(platform) : [] });
  }
  return needed;
}
async function askDatabase(needed, opts) {
  const all = needed.flatMap((n) => n.queries.map((x) => x.q));
  if (!opts.database || all.length === 0) return {};
  try {
    const answer = await opts.query(all, {
      url: opts.database,
      concurrency: opts.concurrency,
      timeoutMs: opts.timeoutMs
    });
    opts.logger.info(
      `vulnerabilities: ${new Set(all.map(queryKey)).size} packages asked of ${new URL(opts.database).host}`
    );
    return { answer };
  } catch (e) {
    return {
      error: `could not check vulnerabilities: ${e instanceof GateError ? e.message : "the vulnerability database could not be asked"}`
    };
  }
}
function platformVulnerabilities(n, asked, statements, database) {
  const { facts, platform, accepted } = n;
  const { reports, problems } = reportsOf(facts, platform, accepted);
  const found = [];
  let missing;
  for (const { pkg, q } of asked.answer ? n.queries : []) {
    const listed = asked.answer.get(queryKey(q));
    if (listed === void 0) missing ??= queryKey(q);
    for (const v of listed ?? []) found.push({ ...v, package: pkg, source: "osv" });
  }
  const error = asked.error ?? (missing !== void 0 ? `could not check vulnerabilities: the vulnerability database gave no answer for ${missing}` : void 0);
  const image = {
    registry: facts.ref.registry,
    repository: facts.ref.repository,
    digests: [facts.digest, platform.digest]
  };
  for (const v of [...found, ...reports.flatMap((r) => r.found)]) {
    const by = vexFor(statements, image, {
      ids: [v.id, ...v.aliases],
      ...v.package.purl ? { purl: v.package.purl } : {}
    });
    if (by) v.suppressedBy = by;
  }
  const sbom = platform.content?.sbom;
  return {
    found,
    queried: database !== void 0 && sbom !== void 0,
    ...database && sbom && sbom.packages.length > n.queries.length ? { unasked: sbom.packages.length - n.queries.length } : {},
    ...reports.length > 0 ? { reports } : {},
    ...problems.length > 0 ? { problems } : {},
    // Only the platforms that asked the database fail with it.
    ...error && n.queries.length > 0 ? { error } : {}
  };
}
async function attachVulnerabilities(inspections, ruleSets, vex, opts) {
  const needed = neededPlatforms(inspections, ruleSets, opts.database);
  if (needed.length === 0) return;
  const asked = await askDatabase(needed, opts);
  const vexByImage = /* @__PURE__ */ new Map();
  for (const n of needed) {
    if (!vexByImage.has(n.facts)) vexByImage.set(n.facts, [...vex, ...attestedVex(n.facts, vex.length, n.accepted)]);
    const content = n.platform.content ??= {};
    content.vulnerabilities = platformVulnerabilities(n, asked, vexByImage.get(n.facts), opts.database);
  }
}
function expiredIgnores(ruleSets, now) {
  return ruleSets.flatMap(
    (rs) => (rs.vulnerabilities?.ignore ?? []).filter((i) => now.getTime() > untilEnd(i.until)).map((i) => ({
      rule: "exceptions",
      image: i.where,
      message: `the ignore entry ${i.where} (${i.id}) expired at the end of ${i.until} and applies no more: renew it with a new date and reason, or remove it`
    }))
  );
}
export {
  attachVulnerabilities,
  expiredIgnores,
  parseVexFiles
};
//# sourceMappingURL=vulnerabilities-EL3ILS5R.js.map
