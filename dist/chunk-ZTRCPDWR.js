
import {
  GITHUB_ACTIONS_ISSUER,
  SLSA_PROVENANCE_V1
} from "./chunk-RPWR6KMM.js";
import {
  globMatch
} from "./chunk-A6VFLDUP.js";
import {
  formatReference
} from "./chunk-LDXJDK62.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/rules/trust.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_REASONS = 4;
function describeSigner(signer) {
  if (!signer) return "an unknown signer";
  if (signer.kind === "key") return `key ${signer.fingerprint}`;
  if (signer.kind === "notation") return `Notation certificate ${signer.subject} (trust policy ${signer.policy})`;
  return `${signer.certificate.identity} (issuer ${signer.certificate.issuer})`;
}
function acceptsNotation(notation, signer) {
  if (!notation || signer?.kind !== "notation") return false;
  return notation.policies === void 0 || notation.policies.includes(signer.policy);
}
function acceptsSigner(req, signer) {
  if (!signer) return false;
  if (signer.kind === "key") return req.keys.some((k) => k.fingerprint === signer.fingerprint);
  if (signer.kind === "notation") return acceptsNotation(req.notation, signer);
  const c = signer.certificate;
  return c.issuer === req.issuer && req.identities.some((g) => globMatch(g, c.identity));
}
function sourceRepository(signer) {
  if (signer?.kind !== "certificate") return void 0;
  const from = (url) => {
    if (!url) return void 0;
    const m = /^https:\/\/[^/]+\/([^/@]+)\/([^/@]+)/.exec(url);
    return m ? `${m[1]}/${m[2]}` : void 0;
  };
  return from(signer.certificate.sourceRepository) ?? from(signer.certificate.identity);
}
function signingWorkflow(signer) {
  if (signer?.kind !== "certificate") return void 0;
  const uri = signer.certificate.buildSignerUri ?? signer.certificate.identity;
  const m = /^https:\/\/[^/]+\/([^/@]+\/[^/@]+)\/([^@]+)@(.+)$/.exec(uri);
  return m ? { repository: m[1], path: m[2], ref: m[3] } : void 0;
}
var WORKFLOW_ENTRY = /^(?:([^./@\s][^/@\s]*\/[^/@\s]+)\/)?(\.github\/workflows\/[^@\s]+)(?:@(\S+))?$/;
function parseWorkflow(entry) {
  const m = WORKFLOW_ENTRY.exec(entry);
  if (!m) return void 0;
  const p = { path: m[2] };
  if (m[1] !== void 0) p.repository = m[1];
  if (m[3] !== void 0) p.ref = m[3];
  return p;
}
function workflowMatches(entry, w, source) {
  const p = parseWorkflow(entry);
  if (!p) return false;
  const repository = p.repository === void 0 ? w.repository.toLowerCase() === source.toLowerCase() : globMatch(p.repository.toLowerCase(), w.repository.toLowerCase());
  return repository && globMatch(p.path, w.path) && (p.ref === void 0 || globMatch(p.ref, w.ref));
}
function wantedWorkflows(entries, source) {
  const named = entries.map((e) => parseWorkflow(e)?.repository === void 0 ? `${e} of ${source}` : e);
  return named.length === 1 ? `workflow ${named[0]}` : `one of the workflows ${named.join(", ")}`;
}
function describeProvenance(sig) {
  if (sig.predicateType !== SLSA_PROVENANCE_V1 || sig.signer?.kind !== "certificate" || sig.signer.certificate.issuer !== GITHUB_ACTIONS_ISSUER)
    return void 0;
  const c = sig.signer.certificate;
  const w = signingWorkflow(sig.signer);
  const repo = sourceRepository(sig.signer);
  return `built from ${repo ?? "no named repository"}${c.sourceRepositoryRef ? ` at ${c.sourceRepositoryRef}` : ""} by ${w ? `${w.repository}/${w.path}@${w.ref}` : c.identity}`;
}
function provenanceProblem(req, sig) {
  if (sig.predicateType !== SLSA_PROVENANCE_V1)
    return `its predicate is ${sig.predicateType ?? "none"}, not ${SLSA_PROVENANCE_V1}`;
  if (sig.signer?.kind !== "certificate")
    return `it is signed by ${describeSigner(sig.signer)}, not by a GitHub Actions certificate`;
  const c = sig.signer.certificate;
  if (c.issuer !== GITHUB_ACTIONS_ISSUER)
    return `its certificate is from issuer ${c.issuer}, not ${GITHUB_ACTIONS_ISSUER}`;
  const repo = sourceRepository(sig.signer);
  if (!repo) return `its certificate names no source repository (${c.identity})`;
  if (!req.repositories.some((p) => globMatch(p.toLowerCase(), repo.toLowerCase())))
    return `the rule wants a repository of ${req.repositories.join(", ")}`;
  if (req.workflows?.length) {
    const w = signingWorkflow(sig.signer);
    if (!w || !req.workflows.some((p) => workflowMatches(p, w, repo)))
      return `the rule wants ${wantedWorkflows(req.workflows, repo)}`;
  }
  if (req.refs?.length) {
    const ref = c.sourceRepositoryRef;
    if (!ref || !req.refs.some((p) => globMatch(p, ref)))
      return `the rule wants a ref of ${req.refs.join(", ")}${ref ? "" : " (the certificate names none)"}`;
  }
  if (req.runner === "github-hosted" && c.runnerEnvironment !== "github-hosted") {
    return `it ran on a ${c.runnerEnvironment ?? "unknown"} runner; the rule wants a GitHub-hosted one`;
  }
  if (req.sourceDigest !== void 0 && c.sourceRepositoryDigest?.toLowerCase() !== req.sourceDigest) {
    const built = c.sourceRepositoryDigest ? `it was built from commit ${c.sourceRepositoryDigest}` : "its certificate names no commit";
    return `${built}; the rule wants commit ${req.sourceDigest}`;
  }
  return void 0;
}
var RANK = { found: 0, other: 1, unsupported: 2, bad: 3 };
function readReasons(dt, what, why, found) {
  const reasons = /* @__PURE__ */ new Map();
  for (const sig of dt.signatures) {
    const at = `${sig.format} in ${sig.place}`;
    if (!sig.verified)
      reasons.set(
        `${sig.unsupported ? "unsupported" : "bad signature:"} ${at}: ${sig.reason ?? "it does not verify"}`,
        sig.unsupported ? RANK.unsupported : RANK.bad
      );
    else if (!sig.subjects.includes(dt.digest)) {
      reasons.set(
        `${at}, signed by ${describeSigner(sig.signer)}, is for another digest (${sig.subjects.join(", ") || "it names none"})`,
        RANK.other
      );
    } else if (why) {
      const is = found?.(sig);
      reasons.set(
        is ? `${what} found (${at}): ${is}; ${why(sig, dt)}` : `${at} is signed by ${describeSigner(sig.signer)}, but ${why(sig, dt)}`,
        RANK.found
      );
    }
  }
  const ranked = [...reasons].sort((a, b) => a[1] - b[1]).map(([r]) => r);
  const more = ranked.length > MAX_REASONS ? `; and ${ranked.length - MAX_REASONS} more` : "";
  return ranked.length > 0 ? `${ranked.slice(0, MAX_REASONS).join("; ")}${more}` : "";
}
function judgeDigest(dt, what, why, found) {
  const said = /* @__PURE__ */ new Map();
  const whyOnce = (sig) => {
    if (!said.has(sig)) said.set(sig, why(sig, dt));
    return said.get(sig);
  };
  const over = dt.signatures.filter((sig) => sig.verified && sig.subjects.includes(dt.digest));
  if (over.some((sig) => whyOnce(sig) === void 0)) return void 0;
  const list = readReasons(dt, what, whyOnce, found);
  const read = list ? `; of what was read: ${list}` : "";
  if (dt.error)
    return `could not check ${what} of ${dt.digest}: discovery failed on ${dt.error.host}: ${dt.error.message}${read}`;
  if (dt.unread?.length) return `could not check ${what} of ${dt.digest}: ${dt.unread.join("; ")}${read}`;
  if (dt.signatures.length === 0) return `no ${what} found for ${dt.digest} (looked in ${dt.looked.join(", ")})`;
  return `no accepted ${what} for ${dt.digest}: ${list}`;
}
function judgeImageBy(s, what, judge) {
  const trust = s.facts.trust;
  if (!trust) return [{ message: `no trust facts were gathered for the ${what} rule` }];
  const top = judge(trust.top);
  if (top === void 0) return [];
  if (s.facts.kind !== "index" || trust.platforms.length === 0) return [{ message: top }];
  const out = [];
  for (const p of trust.platforms) {
    const m = judge(p);
    if (m !== void 0)
      out.push({
        platform: p.platform ?? "unknown platform",
        message: `${m}; the index ${trust.top.digest} is not covered either`
      });
  }
  return out;
}
function judgeImage(s, what, why, found) {
  return judgeImageBy(s, what, (dt) => judgeDigest(dt, what, why, found));
}
function checkSignature(s, req) {
  return judgeImage(
    s,
    "signature",
    (sig) => acceptsSigner(req, sig.signer) ? void 0 : `that is not an accepted signer (${acceptedSigners(req)})`
  );
}
function checkProvenance(s, req) {
  const claims = s.facts.trust?.claims ?? [];
  const v = judgeImage(
    s,
    claims.length > 0 ? "signed provenance" : "provenance",
    (sig) => provenanceProblem(req, sig),
    describeProvenance
  );
  if (v.length === 0 || claims.length === 0) return v;
  const c = claims[0];
  const what = [c.builder ? `builder ${c.builder}` : "", c.source ? `source ${c.source}` : ""].filter(Boolean).join(", ") || c.predicateType;
  return v.map((x) => ({
    ...x,
    message: `${x.message} (the index carries unsigned BuildKit provenance claiming ${what}: a claim, not proof)`
  }));
}
function isAttester(attesters, sig) {
  return attesters.signature.some((r) => acceptsSigner(r, sig.signer)) || attesters.provenance.some((r) => provenanceProblem(r, { ...sig, predicateType: SLSA_PROVENANCE_V1 }) === void 0);
}
function checkAttestations(s, predicateTypes, attesters, conditions = []) {
  if (attesters.signature.length === 0 && attesters.provenance.length === 0) {
    return [
      {
        message: "attestations are required, but no signer is accepted: set signature-keys, signature-identities or provenance"
      }
    ];
  }
  const accepted = (sig) => isAttester(attesters, sig);
  const why = (type, condition) => (sig, dt) => {
    if (sig.predicateType !== type) return `its predicate type is ${sig.predicateType ?? "none (a signature)"}`;
    if (!accepted(sig)) return "that is not an accepted signer";
    return condition ? conditionProblem(condition, sig, s, dt) : void 0;
  };
  const plain = predicateTypes.filter((t) => !conditions.some((c) => c.type === t));
  return [
    ...plain.map((type) => ({ what: `${type} attestation`, why: why(type) })),
    ...conditions.map((c) => ({ what: `${c.type} attestation`, why: why(c.type, c) }))
  ].flatMap((r) => judgeImage(s, r.what, r.why));
}
function conditionProblem(c, sig, s, dt) {
  const at = `the condition at ${c.where}`;
  if (!c.check) return `${at} was not compiled`;
  const statement = sig.statement;
  if (!statement) return `${at} cannot be checked: the statement was not kept`;
  const outcome = c.check({
    predicateType: statement.predicateType,
    predicate: statement.predicate,
    subject: sig.subjects.map((d) => ({ digest: digestMap(d) })),
    signer: {
      identity: sig.signer?.kind === "certificate" ? sig.signer.certificate.identity : "",
      issuer: sig.signer?.kind === "certificate" ? sig.signer.certificate.issuer : "",
      key: sig.signer?.kind === "key" ? sig.signer.fingerprint : ""
    },
    image: { reference: formatReference(s.ref), digest: dt.digest, platform: dt.platform ?? "" }
  });
  return outcome === void 0 ? void 0 : `${at} is not met: ${outcome} (${c.expression})`;
}
function digestMap(digest) {
  const i = digest.indexOf(":");
  return i < 0 ? {} : { [digest.slice(0, i)]: digest.slice(i + 1) };
}
function acceptedSigners(req) {
  const parts = [
    ...req.keys.map((k) => `key ${k.fingerprint}`),
    ...req.identities.map((i) => `${i} (issuer ${req.issuer})`),
    ...req.notation ? [
      req.notation.policies ? `Notation signatures of trust policy ${req.notation.policies.join(", ")}` : "Notation signatures the trust policy accepts"
    ] : []
  ];
  return `accepted: ${parts.join(", ")}`;
}

export {
  describeSigner,
  acceptsNotation,
  acceptsSigner,
  sourceRepository,
  signingWorkflow,
  parseWorkflow,
  workflowMatches,
  describeProvenance,
  provenanceProblem,
  readReasons,
  judgeDigest,
  judgeImageBy,
  checkSignature,
  checkProvenance,
  isAttester,
  checkAttestations
};
//# sourceMappingURL=chunk-ZTRCPDWR.js.map
