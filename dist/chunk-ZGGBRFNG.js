
import {
  reportVulnerabilities,
  vulnerabilityCounts
} from "./chunk-XXP2TPTK.js";
import {
  inertJson
} from "./chunk-IOGWUVS2.js";
import {
  redact
} from "./chunk-JKCKZTIS.js";
import {
  require_fs
} from "./chunk-MT22UEVM.js";
import {
  require_path
} from "./chunk-FZ4MN5IN.js";
import {
  platformLabel
} from "./chunk-Y5I46MST.js";
import {
  formatReference,
  pinnedReference
} from "./chunk-LDXJDK62.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/report/report.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_fs = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);

// src/policy/findings.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function counts(f) {
  return f.mode !== "warn" && f.excepted === void 0;
}

// src/report/report.ts
var REPORT_VERSION = 1;
var TOOL_VERSION = "1.0.0";
function newerCreated(n) {
  return n?.created ?? n?.annotation ?? null;
}
function checkOf(rule, error, findings) {
  if (error) return "fail";
  const mine = findings.filter((f) => f.rule === rule);
  return mine.some(counts) ? "fail" : mine.length > 0 ? "warn" : "pass";
}
function buildReport(gate, failBuild) {
  const byImage = /* @__PURE__ */ new Map();
  for (const f of gate.findings) byImage.set(f.image, [...byImage.get(f.image) ?? [], f]);
  return {
    version: REPORT_VERSION,
    tool: { name: "image-gate", version: TOOL_VERSION },
    result: gate.findings.some(counts) ? "fail" : "pass",
    violations: gate.findings.filter(counts).length,
    failBuild,
    rules: gate.rules,
    images: gate.images.map((img) => reportImage(img, byImage.get(img.input) ?? [])),
    findings: gate.findings.map((f) => ({
      rule: f.rule,
      image: f.image,
      reference: f.reference ?? null,
      platform: f.platform ?? null,
      severity: f.excepted ? "notice" : f.mode === "warn" || !failBuild ? "warning" : "error",
      mode: f.mode ?? "enforce",
      exception: f.excepted ? { ...f.excepted, reason: redact(f.excepted.reason) } : null,
      message: redact(f.message),
      locations: gate.locations.get(f.image) ?? [],
      ...f.ids ? { ids: f.ids } : {}
    })),
    warnings: gate.fileWarnings.map((w) => ({ ...w, message: redact(w.message) })),
    registries: gate.registries.map((r) => ({ ...r, rateLimitRemaining: r.rateLimitRemaining ?? null })),
    exceptions: gate.exceptions.map((e) => ({ ...e, reason: redact(e.reason) }))
  };
}
function reportImage(img, findings) {
  const facts = img.facts;
  return {
    input: img.input,
    reference: img.ref ? formatReference(img.ref) : null,
    registry: img.ref?.registry ?? null,
    repository: img.ref?.repository ?? null,
    tag: img.ref?.tag ?? null,
    digest: facts?.digest ?? null,
    pinned: img.ref && facts ? pinnedReference(img.ref, facts.digest) : null,
    mediaType: facts?.mediaType ?? null,
    kind: facts?.kind ?? null,
    platforms: (facts?.platforms ?? []).map(reportPlatform),
    attestations: facts?.attestations.length ?? 0,
    ...facts?.pin ? { pin: reportPin(facts.pin) } : {},
    ...facts?.trust ? {
      trust: {
        digests: [facts.trust.top, ...facts.trust.platforms].map(reportTrust),
        claims: facts.trust.claims.map((c) => ({
          subject: c.subject,
          predicateType: c.predicateType,
          builder: c.builder ?? null,
          source: c.source ?? null
        })),
        ...img.quorums ? {
          quorums: img.quorums.map((q) => ({
            source: q.source,
            threshold: q.threshold,
            required: q.required,
            signers: q.signers,
            digests: q.digests.map((d) => ({
              digest: d.digest,
              platform: d.platform ?? null,
              satisfied: d.satisfied,
              signed: d.signed,
              missing: d.missing,
              requiredMissing: d.requiredMissing,
              others: d.others
            }))
          }))
        } : {}
      }
    } : {},
    ...vulnerabilitySummary(facts),
    checks: Object.fromEntries(img.rules.map((r) => [r, checkOf(r, img.error !== void 0, findings)])),
    status: img.error ? "error" : findings.some(counts) ? "fail" : "pass",
    error: img.error ? { kind: img.error.kind, host: img.error.host ?? null, message: redact(img.error.message) } : null
  };
}
function vulnerabilitySummary(facts) {
  const counts2 = facts ? vulnerabilityCounts(facts) : void 0;
  return counts2 ? { vulnerabilityCounts: counts2 } : {};
}
function reportPlatform(p) {
  return {
    platform: platformLabel(p),
    digest: p.digest,
    mediaType: p.mediaType,
    config: p.configDescriptor.digest,
    created: p.config?.created ?? null,
    user: p.config ? p.config.user : null,
    labels: p.config?.labels ?? {},
    layers: p.layers.length,
    ...p.base ? {
      base: p.base.proven[0] ? {
        name: p.base.proven[0].name,
        digest: p.base.proven[0].digest,
        via: p.base.proven[0].via,
        layers: p.base.proven[0].layers
      } : null,
      baseClaim: p.base.claim ? {
        name: p.base.claim.name,
        digest: p.base.claim.digest ?? null,
        source: p.base.claim.source,
        status: p.base.claim.status,
        detail: p.base.claim.detail ?? null
      } : null
    } : {},
    ...p.baseCurrent ? {
      baseCurrent: {
        status: p.baseCurrent.status,
        tag: p.baseCurrent.tag ?? null,
        builtOn: p.baseCurrent.builtOn ?? null,
        via: p.baseCurrent.via ?? null,
        current: p.baseCurrent.current ?? null,
        currentCreated: newerCreated(p.baseCurrent.newer),
        detail: p.baseCurrent.detail ?? null
      }
    } : {},
    ...p.content ? reportSbom(p) : {},
    ...p.content?.vulnerabilities ? { vulnerabilities: reportVulnerabilities(p) } : {}
  };
}
function reportSbom(p) {
  const s = p.content?.sbom;
  return {
    sbom: s ? {
      format: s.format,
      formatVersion: s.formatVersion,
      source: s.source,
      signed: s.signed,
      manifest: s.manifest,
      packages: s.packages.length
    } : null,
    ...p.content?.sbomProblems?.length ? { sbomProblems: p.content.sbomProblems } : {}
  };
}
function reportPin(pin) {
  return {
    status: pin.error !== void 0 ? "unknown" : pin.current === pin.pinned || pin.listed ? "current" : "moved",
    tag: pin.tag,
    pinned: pin.pinned,
    current: pin.current ?? null,
    currentCreated: newerCreated(pin.newer),
    error: pin.error === void 0 ? null : redact(pin.error)
  };
}
function reportSigner(signer) {
  if (!signer) return null;
  if (signer.kind === "key") return { kind: "key", fingerprint: signer.fingerprint };
  if (signer.kind === "notation")
    return { kind: "notation", subject: signer.subject, policy: signer.policy, level: signer.level };
  const c = signer.certificate;
  return {
    kind: "certificate",
    identity: c.identity,
    issuer: c.issuer,
    repository: c.sourceRepository ?? null,
    workflow: c.buildSignerUri ?? null,
    ref: c.sourceRepositoryRef ?? null,
    commit: c.sourceRepositoryDigest ?? null,
    runnerEnvironment: c.runnerEnvironment ?? null
  };
}
function reportTrust(t) {
  return {
    digest: t.digest,
    platform: t.platform ?? null,
    looked: t.looked,
    error: t.error ? { host: t.error.host, message: redact(t.error.message) } : null,
    unread: t.unread ?? null,
    signatures: t.signatures.map((sig) => ({
      place: sig.place,
      format: sig.format,
      manifest: sig.manifest,
      verified: sig.verified,
      reason: sig.reason ?? null,
      signer: reportSigner(sig.signer),
      covers: sig.subjects,
      predicateType: sig.predicateType ?? null,
      time: sig.time ?? null,
      ...sig.logged?.length ? { logged: sig.logged.map(redact) } : {}
    }))
  };
}
function writeReport(report, path) {
  (0, import_node_fs.mkdirSync)((0, import_node_path.dirname)(path), { recursive: true });
  (0, import_node_fs.writeFileSync)(path, inertJson(report));
}

export {
  TOOL_VERSION,
  buildReport,
  writeReport
};
//# sourceMappingURL=chunk-ZGGBRFNG.js.map
