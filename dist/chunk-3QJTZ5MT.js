
import {
  signerAttesters
} from "./chunk-IYMIIVDP.js";
import {
  describeSigner,
  isAttester,
  judgeImageBy,
  readReasons
} from "./chunk-ZTRCPDWR.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/rules/quorum.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_OTHERS = 4;
var WHAT = "signature quorum";
function signedBy(signer, sig) {
  return sig.verified && isAttester(signerAttesters(signer), sig);
}
function partyOf(sig) {
  const s = sig.signer;
  if (!s) return `unknown ${sig.manifest}`;
  if (s.kind === "key") return `key ${s.fingerprint}`;
  if (s.kind === "notation") return `notation ${s.subject}`;
  return `certificate ${s.certificate.issuer}
${s.certificate.identity}`;
}
function matchSigners(q, over) {
  const parties = /* @__PURE__ */ new Map();
  for (const sig of over) {
    const p = partyOf(sig);
    parties.set(p, [...parties.get(p) ?? [], sig]);
  }
  const names = [...parties.keys()];
  const can = new Map(q.signers.map((n) => [n.name, names.filter((p) => parties.get(p).some((sig) => signedBy(n, sig)))]));
  const holder = /* @__PURE__ */ new Map();
  const augment = (name, seen) => {
    for (const p of can.get(name)) {
      if (seen.has(p)) continue;
      seen.add(p);
      const other = holder.get(p);
      if (other === void 0 || augment(other, seen)) {
        holder.set(p, name);
        return true;
      }
    }
    return false;
  };
  const order = [
    ...q.signers.filter((n) => q.required.includes(n.name)),
    ...q.signers.filter((n) => !q.required.includes(n.name))
  ];
  for (const n of order) augment(n.name, /* @__PURE__ */ new Set());
  return new Set(holder.values());
}
function quorumOutcome(q, dt) {
  const over = dt.signatures.filter((sig) => sig.verified && sig.subjects.includes(dt.digest));
  const matched = matchSigners(q, over);
  const signed = q.signers.filter((n) => matched.has(n.name)).map((n) => n.name);
  const missing = q.signers.map((n) => n.name).filter((n) => !signed.includes(n));
  const requiredMissing = q.required.filter((n) => !signed.includes(n));
  const others = [
    ...new Set(over.filter((sig) => !q.signers.some((n) => signedBy(n, sig))).map((sig) => describeSigner(sig.signer)))
  ];
  const out = {
    digest: dt.digest,
    threshold: q.threshold,
    signed,
    missing,
    requiredMissing,
    others,
    satisfied: signed.length >= q.threshold && requiredMissing.length === 0
  };
  if (dt.platform !== void 0) out.platform = dt.platform;
  return out;
}
function describeQuorum(o) {
  const parts = [
    `${o.signed.length} of ${o.threshold} required signer${o.threshold === 1 ? "" : "s"} signed${o.signed.length > 0 ? ` (${o.signed.join(", ")})` : ""}`
  ];
  if (o.missing.length > 0) parts.push(`missing: ${o.missing.join(", ")}`);
  if (o.requiredMissing.length > 0)
    parts.push(
      `${o.requiredMissing.join(", ")} ${o.requiredMissing.length === 1 ? "is" : "are"} required and did not sign`
    );
  if (o.others.length > 0) {
    const more = o.others.length > MAX_OTHERS ? `, and ${o.others.length - MAX_OTHERS} more` : "";
    parts.push(`also signed by signers not in the list: ${o.others.slice(0, MAX_OTHERS).join(", ")}${more}`);
  }
  return parts.join("; ");
}
function judgeQuorum(q, dt) {
  const o = quorumOutcome(q, dt);
  if (o.satisfied) return void 0;
  const counted = describeQuorum(o);
  const list = readReasons(dt, WHAT);
  const read = `; of what was read: ${counted}${list ? `; ${list}` : ""}`;
  if (dt.error)
    return `could not check ${WHAT} of ${dt.digest}: discovery failed on ${dt.error.host}: ${dt.error.message}${read}`;
  if (dt.unread?.length) return `could not check ${WHAT} of ${dt.digest}: ${dt.unread.join("; ")}${read}`;
  if (dt.signatures.length === 0)
    return `${WHAT} not met for ${dt.digest}: ${counted}; no signature found (looked in ${dt.looked.join(", ")})`;
  return `${WHAT} not met for ${dt.digest}: ${counted}${list ? `; ${list}` : ""}`;
}
function checkQuorum(s, q) {
  return judgeImageBy(s, WHAT, (dt) => judgeQuorum(q, dt));
}
function quorumReports(sets, facts) {
  const trust = facts.trust;
  if (!trust) return [];
  return sets.flatMap((rs) => {
    const q = rs.quorum;
    if (!q) return [];
    const top = quorumOutcome(q, trust.top);
    const digests = top.satisfied || facts.kind !== "index" ? [top] : [top, ...trust.platforms.map((p) => quorumOutcome(q, p))];
    return [
      { source: rs.source, threshold: q.threshold, required: q.required, signers: q.signers.map((n) => n.name), digests }
    ];
  });
}

export {
  signedBy,
  quorumOutcome,
  describeQuorum,
  judgeQuorum,
  checkQuorum,
  quorumReports
};
//# sourceMappingURL=chunk-3QJTZ5MT.js.map
