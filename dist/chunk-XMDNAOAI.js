
import {
  VULNERABILITY_PREDICATES,
  checkLicenses,
  checkSbom,
  checkVulnerabilities
} from "./chunk-2NOBTKDS.js";
import {
  checkLabels
} from "./chunk-GV7D6SZJ.js";
import {
  platformLabel
} from "./chunk-N47CI3VC.js";
import {
  GITHUB_ACTIONS_ISSUER,
  SLSA_PROVENANCE_V1
} from "./chunk-KIIRLHSQ.js";
import {
  humanDuration
} from "./chunk-232L6EHX.js";
import {
  formatPlatform,
  normalizePlatform
} from "./chunk-6SKDKR6X.js";
import {
  licenseTokens,
  parseLicense
} from "./chunk-GXO76S3L.js";
import {
  allowsBase,
  globMatch
} from "./chunk-V2ZCWMF3.js";
import {
  formatReference,
  parseReference,
  pinnedReference,
  repositoryName
} from "./chunk-C5NMYM6F.js";
import {
  shortDigest
} from "./chunk-SIPSJUM4.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

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
  const over = dt.signatures.filter((sig) => sig.verified && sig.subjects.includes(dt.digest));
  if (over.some((sig) => why(sig, dt) === void 0)) return void 0;
  const list2 = readReasons(dt, what, why, found);
  const read = list2 ? `; of what was read: ${list2}` : "";
  if (dt.error)
    return `could not check ${what} of ${dt.digest}: discovery failed on ${dt.error.host}: ${dt.error.message}${read}`;
  if (dt.unread?.length) return `could not check ${what} of ${dt.digest}: ${dt.unread.join("; ")}${read}`;
  if (dt.signatures.length === 0) return `no ${what} found for ${dt.digest} (looked in ${dt.looked.join(", ")})`;
  return `no accepted ${what} for ${dt.digest}: ${list2}`;
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

// src/policy/rules/table.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/policy/rules/base-images.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function repositoryOf(name) {
  try {
    return repositoryName(parseReference(name));
  } catch {
    return name;
  }
}
function checkBaseImages(s, allowed) {
  const out = [];
  const list2 = allowed.join(", ");
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    const b = p.base;
    if (!p.config || !b) {
      out.push({ platform, message: "the base could not be determined: the image config was not read" });
      continue;
    }
    if (b.claim && b.claim.status !== "verified") {
      const claimed = `${b.claim.name}${b.claim.digest ? `@${b.claim.digest}` : ""}`;
      const short = repositoryOf(b.claim.name);
      out.push({
        platform,
        message: b.claim.status === "contradicted" ? `claims base ${claimed} (in ${b.claim.source}), but its layers do not start with ${short}'s: ${b.claim.detail ?? ""}`.replace(
          /: $/,
          ""
        ) : `claims base ${claimed} (in ${b.claim.source}), which could not be verified: ${b.claim.detail ?? "unknown"}`
      });
      continue;
    }
    const longest = b.proven[0]?.layers;
    const top = b.proven.filter((x) => x.layers === longest);
    if (top.length > 0) {
      if (top.some((base2) => allowed.some((pattern) => allowsBase(pattern, base2)))) continue;
      const base = top[0];
      out.push({
        platform,
        message: `base ${base.name}@${shortDigest(base.digest)} (proven by ${base.via === "claim" ? "its claim and layers" : "layers"}) is not allowed (allowed: ${list2})`
      });
      continue;
    }
    if (allowed.some((pattern) => pattern.trim() === "scratch")) continue;
    const notes = b.notes.length > 0 ? `; ${b.notes.join("; ")}` : "";
    out.push({
      platform,
      message: `no allowed base proven: ${b.tried === 0 ? "no candidate could be listed from the allowed patterns, and no claim names the base" : `the layers of none of ${b.tried} candidate${b.tried === 1 ? "" : "s"} start the image's layers`} (allowed: ${list2})${notes}`
    });
  }
  return out;
}

// src/policy/rules/digest.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function checkDigest(s, expected) {
  if (s.facts.digest === expected) return [];
  return [{ message: `resolves to ${s.facts.digest}, expected ${expected}` }];
}

// src/policy/rules/freshness.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/policy/rules/max-age.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var PLACEHOLDER_LIMIT = Date.parse("1980-01-01T00:00:01Z");
var CREATED = "org.opencontainers.image.created";
function realTime(value) {
  if (value === void 0) return void 0;
  const t = Date.parse(value);
  return Number.isNaN(t) || t <= PLACEHOLDER_LIMIT ? void 0 : t;
}
function creationTime(s, p) {
  const created = p.config?.created;
  const t = realTime(created);
  if (t !== void 0) return { at: t, from: "created" };
  const fallbacks = [
    ["the manifest annotation", p.annotations[CREATED]],
    ["the index annotation", s.facts.kind === "index" ? s.facts.annotations[CREATED] : void 0],
    ["the config label", p.config?.labels[CREATED]]
  ];
  for (const [from, value] of fallbacks) {
    const at = realTime(value);
    if (at !== void 0) return { at, from: `${from} ${CREATED}` };
  }
  const why = created === void 0 ? "the config has no created time" : Number.isNaN(Date.parse(created)) ? `the config's created time "${created}" is not a time` : `the config's created time ${created} is a reproducible-build placeholder (at or before 1980-01-01T00:00:01Z)`;
  return { unknown: `${why}, and no ${CREATED} annotation or label holds a real time` };
}
function checkMaxAge(s, limit) {
  const out = [];
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    if (!p.config) continue;
    const c = creationTime(s, p);
    if ("unknown" in c) {
      out.push({ platform, message: `age unknown: ${c.unknown}` });
      continue;
    }
    const age = Math.floor((s.now.getTime() - c.at) / 1e3);
    if (age > limit.seconds) {
      const source = c.from === "created" ? "created" : `created (from ${c.from})`;
      out.push({
        platform,
        message: `${source} ${new Date(c.at).toISOString()}, ${humanDuration(age)} ago: older than max-age ${limit.text}`
      });
    }
  }
  return out;
}

// src/policy/rules/freshness.ts
function newerAge(n, now) {
  if (!n) return { unknown: "nothing dates it" };
  const at = realTime(n.created) ?? realTime(n.annotation);
  if (at === void 0) {
    if (n.note) return { unknown: n.note };
    return {
      unknown: n.created === void 0 ? "its config has no created time" : `its created time "${n.created}" is not a real time (a reproducible-build placeholder, or not a time), and no annotation holds one`
    };
  }
  const age = Math.max(0, Math.floor((now.getTime() - at) / 1e3));
  return { at, age, text: `created ${new Date(at).toISOString()}, ${humanDuration(age)} ago` };
}
function judged(n, now, grace, rule2) {
  const a = newerAge(n, now);
  if ("unknown" in a)
    return `its age is unknown (${a.unknown})${grace.seconds > 0 ? `, so the ${rule2} grace ${grace.text} cannot be granted` : ""}`;
  if (grace.seconds > 0 && a.age <= grace.seconds) return void 0;
  return `${a.text}${grace.seconds > 0 ? `: older than the ${rule2} grace ${grace.text}` : ""}`;
}
function checkPinsCurrent(s, grace) {
  if (s.ref.tag === void 0 || s.ref.digest === void 0) return [];
  const pin = s.facts.pin;
  if (!pin) return [{ message: "whether the pin is current was not checked" }];
  if (pin.error !== void 0 || pin.current === void 0) {
    return [
      {
        message: `the tag ${pin.tag} could not be resolved to check the pin ${pin.pinned}: ${pin.error ?? "no digest"}`
      }
    ];
  }
  if (pin.current === pin.pinned || pin.listed) return [];
  const age = judged(pin.newer, s.now, grace, "pins-current");
  if (age === void 0) return [];
  return [{ message: `pinned to ${pin.pinned}, but ${pin.tag} now resolves to ${pin.current}, ${age}` }];
}
function checkBaseCurrent(s, grace) {
  const out = [];
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    const c = p.baseCurrent;
    if (!c) {
      out.push({ platform, message: "whether the base is current was not checked: the image config was not read" });
      continue;
    }
    if (c.status === "current" || c.status === "none") continue;
    if (c.status === "unknown") {
      out.push({ platform, message: `whether the base is current is unknown: ${c.detail ?? "no reason given"}` });
      continue;
    }
    const age = judged(c.newer, s.now, grace, "base-current");
    if (age === void 0) continue;
    const built = c.builtOn ? `built on ${c.tag}@${c.builtOn}` : `built on an earlier ${c.tag}`;
    out.push({
      platform,
      message: `${built}, but ${c.tag} is now ${c.current}, whose layers do not start the image's (${age}): rebuild on the current base`
    });
  }
  return out;
}

// src/policy/rules/non-root.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function isRootUser(user) {
  const name = user.trim().split(":")[0];
  return name === "" || name === "root" || /^0+$/.test(name);
}
function checkNonRoot(s) {
  const out = [];
  for (const p of s.facts.platforms) {
    if (!p.config) continue;
    const user = p.config.user;
    if (isRootUser(user)) {
      out.push({
        platform: platformLabel(p),
        message: user.trim() === "" ? "runs as root: the config sets no User" : `runs as root: User is "${user}"`
      });
    }
  }
  return out;
}

// src/policy/rules/platforms.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function platformSatisfies(have, want) {
  const h = normalizePlatform(have);
  const w = normalizePlatform(want);
  if (h.os !== w.os || h.architecture !== w.architecture) return false;
  return w.variant === void 0 || h.variant === w.variant;
}
function checkPlatforms(s, required) {
  const have = s.facts.platforms.filter((p) => p.platform !== void 0).map((p) => p.platform);
  const listed = have.length > 0 ? have.map(formatPlatform).join(", ") : "no platform";
  const what = s.facts.kind === "index" ? `the index has ${listed}` : `the image is a single ${listed} manifest`;
  return required.filter((want) => !have.some((h) => platformSatisfies(h, want))).map((want) => ({ platform: formatPlatform(want), message: `${formatPlatform(want)} missing: ${what}` }));
}

// src/policy/rules/registries.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function checkRegistries(s, allowed) {
  return checkRegistryName(s.ref.registry, allowed);
}
function checkRegistryName(registry, allowed) {
  if (allowed.some((p) => globMatch(p, registry))) return [];
  return [{ message: `registry ${registry} is not allowed (allowed: ${allowed.join(", ")})` }];
}

// src/policy/rules/require-digest.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function checkRequireDigest(s) {
  if (s.ref.digest !== void 0) return [];
  return [{ message: `not pinned by digest: write ${pinnedReference(s.ref, s.facts.digest)}` }];
}

// src/policy/rules/quorum.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_OTHERS = 4;
var WHAT = "signature quorum";
function signedBy(signer, sig) {
  if (!sig.verified) return false;
  switch (signer.kind) {
    case "key": {
      const s = sig.signer;
      return s?.kind === "key" && signer.keys.some((k) => k.fingerprint === s.fingerprint);
    }
    case "keyless":
      return acceptsSigner({ keys: [], identities: [signer.identity], issuer: signer.issuer }, sig.signer);
    case "provenance":
      return provenanceProblem({ repositories: [signer.repository] }, { ...sig, predicateType: SLSA_PROVENANCE_V1 }) === void 0;
    case "notation": {
      const s = sig.signer;
      return s?.kind === "notation" && s.policy === signer.trustPolicy;
    }
  }
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
  const list2 = readReasons(dt, WHAT);
  const read = `; of what was read: ${counted}${list2 ? `; ${list2}` : ""}`;
  if (dt.error)
    return `could not check ${WHAT} of ${dt.digest}: discovery failed on ${dt.error.host}: ${dt.error.message}${read}`;
  if (dt.unread?.length) return `could not check ${WHAT} of ${dt.digest}: ${dt.unread.join("; ")}${read}`;
  if (dt.signatures.length === 0)
    return `${WHAT} not met for ${dt.digest}: ${counted}; no signature found (looked in ${dt.looked.join(", ")})`;
  return `${WHAT} not met for ${dt.digest}: ${counted}${list2 ? `; ${list2}` : ""}`;
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

// src/content/sbom.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var SBOM_MAX_BYTES = 64 << 20;
var SBOM_MAX_PACKAGES = 1e5;
var MAX_COMPONENT_DEPTH = 64;
var MAX_TEXT = 1024;
var SPDX_PREDICATE = "https://spdx.dev/Document";
var CYCLONEDX_PREDICATE = "https://cyclonedx.org/bom";
function isSbomPredicate(predicateType) {
  return sbomFormatOf(predicateType) !== void 0;
}
function sbomFormatOf(predicateType) {
  if (predicateType === SPDX_PREDICATE || /^https:\/\/spdx\.dev\/Document\/v2\.\d+$/.test(predicateType)) return "spdx";
  if (predicateType === CYCLONEDX_PREDICATE || /^https:\/\/cyclonedx\.org\/bom\/v1\.\d+$/.test(predicateType))
    return "cyclonedx";
  return void 0;
}
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var text = (v) => typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, MAX_TEXT) : void 0;
var list = (v) => Array.isArray(v) ? v : [];
function parseSbom(predicateType, predicate) {
  const format = sbomFormatOf(predicateType);
  if (!format) return { ok: false, problem: `${predicateType.slice(0, 100)} is not an SBOM predicate type` };
  let doc = predicate;
  if (typeof doc === "string") {
    if (Buffer.byteLength(doc, "utf8") > SBOM_MAX_BYTES)
      return { ok: false, problem: `the SBOM is over the ${SBOM_MAX_BYTES >> 20} MiB an SBOM may be` };
    try {
      doc = JSON.parse(doc);
    } catch {
      return { ok: false, problem: "the SBOM is a string that is not JSON" };
    }
  }
  if (!isObject(doc))
    return { ok: false, problem: `the ${format === "spdx" ? "SPDX" : "CycloneDX"} SBOM is not a JSON object` };
  return format === "spdx" ? parseSpdx(doc) : parseCycloneDx(doc);
}
var NO_LICENSE = /* @__PURE__ */ new Set(["NOASSERTION", "NONE"]);
var licenseText = (v) => {
  if (typeof v !== "string" || v.length <= MAX_TEXT) {
    const t = text(v);
    return t !== void 0 && !NO_LICENSE.has(t) ? t : void 0;
  }
  const ids = licenseTokens(v);
  if (ids.length === 0) return v.trim().slice(0, MAX_TEXT);
  return ids.join(" AND ");
};
var purlText = (v) => {
  const t = text(v);
  return t !== void 0 && /^pkg:[A-Za-z.+-][A-Za-z0-9.+-]*\//.test(t) ? t : void 0;
};
var SUBJECT_PURPOSES = /* @__PURE__ */ new Set(["CONTAINER", "OPERATING-SYSTEM", "FILE", "SOURCE"]);
function parseSpdx(doc) {
  const version = text(doc.spdxVersion);
  if (version === void 0) return { ok: false, problem: "the SPDX document has no spdxVersion" };
  if (!/^SPDX-2\.[23]$/.test(version))
    return { ok: false, problem: `SPDX version ${version.slice(0, 40)} is not supported (SPDX 2.2 and 2.3 JSON are)` };
  if (!Array.isArray(doc.packages)) return { ok: false, problem: "the SPDX document has no packages list" };
  if (doc.packages.length > SBOM_MAX_PACKAGES) return tooMany(doc.packages.length);
  const described = new Set(list(doc.documentDescribes).map(text));
  for (const r of list(doc.relationships)) {
    if (isObject(r) && r.spdxElementId === "SPDXRef-DOCUMENT" && r.relationshipType === "DESCRIBES")
      described.add(text(r.relatedSpdxElement));
  }
  const packages = [];
  for (const p of doc.packages) {
    if (!isObject(p)) continue;
    const id = text(p.SPDXID) ?? "";
    const subject = id.startsWith("SPDXRef-DocumentRoot-") || described.has(id) && SUBJECT_PURPOSES.has(text(p.primaryPackagePurpose) ?? "");
    if (subject) continue;
    const pkg = { name: text(p.name) ?? "(unnamed)" };
    const version2 = text(p.versionInfo);
    if (version2 !== void 0) pkg.version = version2;
    const purl = list(p.externalRefs).filter(
      (r) => isObject(r) && r.referenceType === "purl" && (r.referenceCategory === "PACKAGE-MANAGER" || r.referenceCategory === "PACKAGE_MANAGER")
    ).map((r) => purlText(r.referenceLocator)).find((x) => x !== void 0);
    if (purl !== void 0) pkg.purl = purl;
    const license = licenseText(p.licenseConcluded) ?? licenseText(p.licenseDeclared);
    if (license !== void 0) pkg.license = license;
    packages.push(pkg);
  }
  return { ok: true, sbom: { format: "spdx", formatVersion: version, packages } };
}
var tooMany = (n) => ({
  ok: false,
  problem: `the SBOM lists ${n} packages, more than the ${SBOM_MAX_PACKAGES} an SBOM may list`
});
var NOT_PACKAGES = /* @__PURE__ */ new Set(["operating-system", "container"]);
function parseCycloneDx(doc) {
  if (doc.bomFormat !== "CycloneDX") return { ok: false, problem: 'the CycloneDX SBOM has no bomFormat "CycloneDX"' };
  const version = text(doc.specVersion);
  if (version === void 0) return { ok: false, problem: "the CycloneDX SBOM has no specVersion" };
  if (!/^1\.[456]$/.test(version))
    return { ok: false, problem: `CycloneDX version ${version.slice(0, 40)} is not supported (1.4 to 1.6 JSON are)` };
  const packages = [];
  const stack = [{ items: list(doc.components), depth: 1 }];
  let seen = 0;
  while (stack.length > 0) {
    const { items, depth } = stack.pop();
    seen += items.length;
    if (seen > SBOM_MAX_PACKAGES) return tooMany(`over ${SBOM_MAX_PACKAGES}`);
    for (const c of items) {
      if (!isObject(c)) continue;
      const nested = list(c.components);
      if (nested.length > 0) {
        if (depth >= MAX_COMPONENT_DEPTH)
          return { ok: false, problem: `the SBOM's components nest more than ${MAX_COMPONENT_DEPTH} deep` };
        stack.push({ items: nested, depth: depth + 1 });
      }
      if (NOT_PACKAGES.has(text(c.type) ?? "")) continue;
      packages.push(component(c));
    }
  }
  return { ok: true, sbom: { format: "cyclonedx", formatVersion: version, packages } };
}
function component(c) {
  const group = text(c.group);
  const name = text(c.name) ?? "(unnamed)";
  const pkg = { name: group ? `${group}/${name}` : name };
  const version = text(c.version);
  if (version !== void 0) pkg.version = version;
  const purl = purlText(c.purl);
  if (purl !== void 0) pkg.purl = purl;
  const license = cycloneDxLicense(list(c.licenses));
  if (license !== void 0) pkg.license = license;
  return pkg;
}
function cycloneDxLicense(entries) {
  const terms = entries.filter(isObject).map((e) => ({
    term: isObject(e.license) ? text(e.license.id) ?? namedLicense(text(e.license.name)) : licenseText(e.expression),
    concluded: (isObject(e.license) ? e.license.acknowledgement : e.acknowledgement) === "concluded"
  }));
  const chosen = terms.some((t) => t.concluded && t.term) ? terms.filter((t) => t.concluded) : terms;
  const parts = [...new Set(chosen.map((t) => t.term).filter((t) => t !== void 0))];
  if (parts.length === 0) return void 0;
  if (parts.length === 1) return parts[0];
  return parts.map((p) => /\s/.test(p) ? `(${p})` : p).join(" AND ");
}
function namedLicense(name) {
  if (name === void 0 || NO_LICENSE.has(name)) return void 0;
  if (parseLicense(name)) return name;
  const safe = name.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 200);
  const ids = licenseTokens(name).filter((t) => !/LicenseRef-/i.test(t));
  const ref = safe ? [`LicenseRef-${safe}`] : [];
  return ref.length + ids.length > 0 ? [...ref, ...ids].join(" AND ") : void 0;
}

// src/policy/rules/table.ts
function rule(def) {
  return def;
}
var some = (list2) => (list2?.length ?? 0) > 0;
var RULE_TABLE = [
  rule({
    name: "platforms",
    keys: ["platforms"],
    enabled: (rs) => some(rs.platforms),
    needs: {},
    check: (s, rs) => checkPlatforms(s, rs.platforms),
    help: {
      short: "The image provides every required platform",
      full: "A multi-platform image must list every required platform (os/arch[/variant]); attestation entries are not platforms. A single-manifest image has the platform its config names.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "base-images",
    keys: ["base-images"],
    enabled: (rs) => some(rs.baseImages),
    needs: { config: true },
    check: (s, rs) => checkBaseImages(s, rs.baseImages),
    help: {
      short: "The image is built on an allowed base image",
      full: "Each platform's base image is proven by its layers (a claimed base is verified; candidates from the allowed patterns are compared) and must match an allowed pattern.",
      doc: "docs/policy.md#how-the-base-image-is-proven"
    }
  }),
  rule({
    name: "max-age",
    keys: ["max-age"],
    enabled: (rs) => rs.maxAge !== void 0,
    needs: { config: true },
    check: (s, rs) => checkMaxAge(s, rs.maxAge),
    help: {
      short: "The image is recent enough",
      full: "Every platform must have been created within the allowed age, from the config's created time or, for reproducible builds, the org.opencontainers.image.created annotation or label.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "digest",
    keys: ["digest"],
    enabled: (rs) => rs.digest !== void 0,
    needs: {},
    check: (s, rs) => checkDigest(s, rs.digest),
    help: {
      short: "The image resolves to the expected digest",
      full: "The reference must resolve to the digest it is pinned to.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "require-digest",
    keys: ["require-digest"],
    enabled: (rs) => rs.requireDigest === true,
    needs: {},
    check: (s) => checkRequireDigest(s),
    help: {
      short: "The reference is pinned by digest",
      full: "Every reference must name its image by digest (name@sha256:\u2026), so that what is verified is what is deployed.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "registries",
    keys: ["registries"],
    enabled: (rs) => some(rs.registries),
    needs: {},
    check: (s, rs) => checkRegistries(s, rs.registries),
    help: {
      short: "The image comes from an allowed registry",
      full: "The registry (host[:port]) of every reference must match an allowed pattern.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "labels",
    keys: ["labels"],
    enabled: (rs) => some(rs.labels),
    needs: { config: true },
    check: (s, rs) => checkLabels(s, rs.labels),
    help: {
      short: "The image carries the required labels",
      full: "Every platform's config must have each required label, with a value matching its pattern where one is given.",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "non-root",
    keys: ["non-root"],
    enabled: (rs) => rs.nonRoot === true,
    needs: { config: true },
    check: (s) => checkNonRoot(s),
    help: {
      short: "The image does not run as root",
      full: "The default user of every platform must not be root (an empty user, root, 0, or 0:\u2026 and root:\u2026 with any group).",
      doc: "docs/policy.md#rules"
    }
  }),
  rule({
    name: "signature",
    keys: ["signature-keys", "signature-identities", "signature-issuer", "notation-trust-policy"],
    // A quorum is this rule with a threshold: signature-keys alone is a quorum of one, and an exception for
    // `signature` covers both.
    policyKeys: ["signers", "threshold", "required"],
    enabled: (rs) => rs.signature !== void 0 || rs.quorum !== void 0,
    needs: { trust: true },
    check: (s, rs) => [
      ...rs.signature ? checkSignature(s, rs.signature) : [],
      ...rs.quorum ? checkQuorum(s, rs.quorum) : []
    ],
    help: {
      short: "The image is signed by an accepted signer",
      full: "A signature over the image's digest (or, for an index not signed itself, every platform's) verifies with one of the accepted keys, or comes from an accepted keyless identity and issuer, or is a Notation signature the trust policy verifies; with named signers, at least the threshold of them (and every required one) signed it; found through the referrers API, the referrers tag or cosign's .sig/.att tags.",
      doc: "docs/trust.md"
    }
  }),
  rule({
    name: "provenance",
    keys: ["provenance"],
    enabled: (rs) => rs.provenance !== void 0,
    needs: { trust: true },
    check: (s, rs) => checkProvenance(s, rs.provenance),
    help: {
      short: "The image was built by GitHub Actions of an allowed repository",
      full: "A signed SLSA provenance v1 attestation for the image digest, from a GitHub Actions certificate whose source repository (and workflow, ref and runner, when the policy narrows them) is allowed.",
      doc: "docs/trust.md"
    }
  }),
  rule({
    name: "attestations",
    keys: ["attestations"],
    enabled: (rs) => some(rs.attestations),
    needs: {
      trust: true,
      // Only the statements a condition reads are kept.
      statements: (t, rs) => rs.conditions?.some((c) => c.type === t) ?? false,
      asksStatements: (rs) => some(rs.conditions)
    },
    check: (s, rs, ctx) => checkAttestations(s, rs.attestations, ctx.attesters, rs.conditions),
    help: {
      short: "The required attestations are signed for the image",
      full: "For each required predicate type, a signed in-toto statement naming the image digest, from a signer that signature or provenance accepts.",
      doc: "docs/trust.md"
    }
  }),
  rule({
    name: "sbom",
    keys: ["sbom"],
    enabled: (rs) => rs.sbom !== void 0,
    needs: { trust: (rs) => rs.sbom === "signed", statements: isSbomPredicate },
    check: (s, rs, ctx) => checkSbom(s, rs.sbom, ctx.attesters.signature.length + ctx.attesters.provenance.length > 0),
    help: {
      short: "Every platform has an SBOM (signed, when the policy says so)",
      full: "Each platform has an SPDX or CycloneDX SBOM: BuildKit's in the index, or an attestation for the platform or the index digest; `signed`: one an accepted signer covers (an in-index SBOM counts when the index digest is signed).",
      doc: "docs/compliance.md#sboms-and-licences"
    }
  }),
  rule({
    name: "licenses",
    keys: ["licenses"],
    enabled: (rs) => rs.licenses !== void 0,
    needs: { statements: isSbomPredicate },
    check: (s, rs) => checkLicenses(s, rs.licenses),
    help: {
      short: "No package of the image's SBOM needs a denied licence",
      full: "Each package of each platform's SBOM: a licence expression that cannot be satisfied without a denied licence (MIT AND GPL-3.0-only, not MIT OR GPL-3.0-only) fails; no SBOM fails; an unknown licence fails only with unknown: fail.",
      doc: "docs/compliance.md#sboms-and-licences"
    }
  }),
  rule({
    name: "vulnerabilities",
    keys: ["vulnerabilities"],
    enabled: (rs) => rs.vulnerabilities !== void 0,
    needs: { statements: (t) => isSbomPredicate(t) || VULNERABILITY_PREDICATES.includes(t) },
    check: (s, rs) => checkVulnerabilities(s, rs.vulnerabilities),
    help: {
      short: "No known vulnerability at or above the severity that fails",
      full: "Each platform's SBOM packages are asked of an OSV database, and signed Trivy or Grype reports newer than max-report-age are read; one finding per distinct vulnerability (aliases merged) at or above fail-on, unless a VEX statement says it does not affect the image. No SBOM and no recent report, or a database that cannot be asked, is a finding.",
      doc: "docs/compliance.md#vulnerabilities"
    }
  }),
  rule({
    name: "base-current",
    keys: ["base-current"],
    enabled: (rs) => rs.baseCurrent !== void 0,
    needs: { config: true },
    check: (s, rs) => checkBaseCurrent(s, rs.baseCurrent),
    help: {
      short: "The image's base is its tag's current image",
      full: "Each platform's base (from the verified base claim, or a base-images pattern with a literal tag) must still be what its tag points to, or a rebuild with the same layers; with a grace, a newer base is reported once it is older than the grace.",
      doc: "docs/policy.md#freshness-and-cost"
    }
  }),
  rule({
    name: "pins-current",
    keys: ["pins-current"],
    enabled: (rs) => rs.pinsCurrent !== void 0,
    needs: {},
    check: (s, rs) => checkPinsCurrent(s, rs.pinsCurrent),
    help: {
      short: "A name:tag@digest pin is still what its tag resolves to",
      full: "A reference pinned as name:tag@digest must still be what the tag resolves to (one HEAD, free against pull limits); with a grace, a newer image is reported once it is older than the grace.",
      doc: "docs/policy.md#freshness-and-cost"
    }
  })
];
var RULES = RULE_TABLE.map((r) => r.name);

export {
  checkRegistryName,
  isAttester,
  quorumReports,
  SPDX_PREDICATE,
  CYCLONEDX_PREDICATE,
  isSbomPredicate,
  parseSbom,
  RULE_TABLE,
  RULES
};
//# sourceMappingURL=chunk-XMDNAOAI.js.map
