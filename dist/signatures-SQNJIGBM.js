
import {
  CONFIG_LIMIT,
  MANIFEST_LIMIT,
  digestTag,
  inspectImage
} from "./chunk-GRUGEEZE.js";
import {
  applicable,
  askedStatements,
  mayApply,
  needsTrust,
  statementRules,
  trustSatisfied
} from "./chunk-YFBZMPXE.js";
import "./chunk-IAFFZGJU.js";
import {
  quorumReports
} from "./chunk-3QJTZ5MT.js";
import {
  attestersOf
} from "./chunk-IYMIIVDP.js";
import {
  CYCLONEDX_PREDICATE,
  SPDX_PREDICATE,
  checkRegistryName,
  isSbomPredicate,
  sbomFormatOf
} from "./chunk-HZ22G5RC.js";
import {
  IMAGE_TYPES,
  RegistryError,
  describeError
} from "./chunk-BHOE3INQ.js";
import "./chunk-O5L4BDB6.js";
import "./chunk-JKCKZTIS.js";
import "./chunk-W5D7XUTN.js";
import {
  licenseTokens,
  parseLicense
} from "./chunk-DKQD7TJL.js";
import "./chunk-MT22UEVM.js";
import "./chunk-FZ4MN5IN.js";
import "./chunk-WG257OMD.js";
import "./chunk-3EXKOP6I.js";
import {
  indexSigned,
  platformLabel
} from "./chunk-Y5I46MST.js";
import "./chunk-IPQCI7W4.js";
import {
  isAttester
} from "./chunk-ZTRCPDWR.js";
import "./chunk-RPWR6KMM.js";
import "./chunk-A6VFLDUP.js";
import {
  manifestReference
} from "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import "./chunk-7KWJE3HF.js";
import {
  digestProblem,
  require_crypto
} from "./chunk-6XVK6575.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/gate/signatures.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/inspect/discover.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var BUNDLE_ARTIFACT_PREFIX = "application/vnd.dev.sigstore.bundle";
var NOTATION_ARTIFACT_TYPE = "application/vnd.cncf.notary.signature";
var MAX_SIGNATURE_MANIFESTS = 32;
var MAX_SIGNATURE_LAYERS = 16;
var SIGNATURE_BYTES_PER_DIGEST = 32 << 20;
var SIGNATURE_BYTES_BUDGET = 64 << 20;
var SIGNATURE_BUDGET_WAIT_MS = 6e4;
var SIGNATURE_LAYER_LIMIT = CONFIG_LIMIT;
var SBOM_BYTES_LIMIT = 64 << 20;
var STATEMENT_LIMIT = SBOM_BYTES_LIMIT + (1 << 20);
var STATEMENT_LAYER_LIMIT = Math.ceil(STATEMENT_LIMIT * 4 / 3) + (1 << 20);
var STATEMENT_BYTES_BUDGET = STATEMENT_LAYER_LIMIT + SIGNATURE_BYTES_BUDGET;
var DESCRIPTOR_BYTES = 256;
var MiB = (n) => `${Math.round(n / (1 << 20))} MiB`;
var Account = class {
  constructor(budget, what, limit = SIGNATURE_BYTES_PER_DIGEST, layerLimit = SIGNATURE_LAYER_LIMIT) {
    this.budget = budget;
    this.what = what;
    this.limit = limit;
    this.layerLimit = layerLimit;
  }
  budget;
  what;
  limit;
  layerLimit;
  spent = 0;
  async reserve(bytes) {
    if (this.spent + bytes > this.limit) {
      return {
        kind: "past",
        bound: `the signatures and attestations of ${this.what} are over ${MiB(this.limit)}; the rest were not read`
      };
    }
    this.spent += bytes;
    return this.hold(bytes);
  }
  /** The run's budget alone (what a listing keeps until its digest is checked). */
  async hold(bytes) {
    const release = await this.budget.reserve(bytes);
    return release ? { release } : { kind: "past", bound: `signature bytes past the run's budget of ${MiB(this.budget.total)}` };
  }
};
var failed = (e, repo) => ({
  kind: "failed",
  error: {
    host: e instanceof RegistryError && e.host !== void 0 ? e.host : repo.registry,
    message: describeError(e)
  }
});
var noop = () => {
};
async function discoverSignatures(client, repo, digest, budget, opts = {}) {
  const account = opts.statements ? new Account(budget, digest, SIGNATURE_BYTES_PER_DIGEST + STATEMENT_LAYER_LIMIT, STATEMENT_LAYER_LIMIT) : new Account(budget, digest);
  try {
    const referrers = await listReferrers(client, repo, digest, account);
    const skipped = referrers.others > 0 ? ` (${referrers.others} referrer${referrers.others === 1 ? "" : "s"} of other types, not read)` : "";
    const asked = referrers.place === "referrers API" ? `referrers API${skipped}` : `referrers API (not offered), ${referrers.place}${skipped}`;
    const found = {
      digest,
      looked: [asked],
      error: void 0,
      pending: referrers.pending,
      cut: referrers.cut ? [referrers.cut] : [],
      release: noop
    };
    const more = legacyTags(client, repo, digest, account);
    if (more) found.more = more;
    if (referrers.pending.length > 0) {
      const m = await client.getManifest(opts.subject ?? repo, digest);
      found.manifest = m.body;
      found.manifestMediaType = m.mediaType;
    }
    return found;
  } catch (e) {
    return failedDiscovery(e, repo, digest, ["referrers API", `referrers tag ${digestTag(digest)}`]);
  }
}
function failedDiscovery(e, repo, digest, looked) {
  const host = e instanceof RegistryError && e.host !== void 0 ? e.host : repo.registry;
  return { digest, looked, error: { host, message: describeError(e) }, pending: [], cut: [], release: noop };
}
function legacyTags(client, repo, digest, account) {
  const tags = [".sig", ".att"].map((suffix) => digestTag(digest, suffix)).filter((t) => t.length <= 128);
  if (tags.length === 0) return void 0;
  const looked = tags.map((t) => `tag ${t}`);
  return async () => {
    const holds = [];
    const release = () => holds.splice(0).forEach((r) => r());
    const settled = await Promise.allSettled(
      tags.map((t) => listLegacy(client, repo, t, t.endsWith(".sig") ? "cosign-sig" : "cosign-att", account))
    );
    for (const s of settled) if (s.status === "fulfilled" && s.value.release) holds.push(s.value.release);
    const rejected = settled.find((s) => s.status === "rejected");
    if (rejected) {
      release();
      return failedDiscovery(rejected.reason, repo, digest, looked);
    }
    const all = settled.map((s) => s.value);
    return {
      digest,
      looked,
      error: void 0,
      pending: interleave(all.map((l) => l.pending)),
      cut: all.flatMap((l) => l.cut ? [l.cut] : []),
      release
    };
  };
}
function interleave(lists) {
  const out = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}
async function listReferrers(client, repo, digest, account) {
  const referrers = await client.getReferrers(repo, digest);
  const place = referrers.via === "api" ? "referrers API" : `referrers tag ${referrers.tag}`;
  const candidates = referrers.descriptors.filter(
    (d) => IMAGE_TYPES.includes(d.mediaType) && (d.artifactType?.startsWith(BUNDLE_ARTIFACT_PREFIX) || d.artifactType === NOTATION_ARTIFACT_TYPE)
  );
  const chosen = candidates.slice(0, MAX_SIGNATURE_MANIFESTS).map((d) => ({
    digest: d.digest,
    size: d.size,
    kind: d.artifactType === NOTATION_ARTIFACT_TYPE ? "notation" : "bundle"
  }));
  const listed = {
    place,
    pending: chosen.map((d) => referrer(client, repo, place, d, account)),
    others: referrers.descriptors.length - candidates.length
  };
  if (candidates.length > MAX_SIGNATURE_MANIFESTS) {
    listed.cut = `more than ${MAX_SIGNATURE_MANIFESTS} signature manifests in ${place} (${candidates.length} listed; only the first ${MAX_SIGNATURE_MANIFESTS} are read)`;
  }
  return listed;
}
function referrer(client, repo, place, d, account) {
  const what = d.kind === "notation" ? "a Notation signature manifest" : "a Sigstore bundle manifest";
  return {
    place,
    async read() {
      try {
        if (d.size > MANIFEST_LIMIT)
          return {
            kind: "past",
            bound: `${place} lists ${d.digest} at ${d.size} bytes, over the ${MiB(MANIFEST_LIMIT)} a manifest may be; not read`
          };
        const hold = await account.reserve(d.size);
        if ("kind" in hold) return hold;
        let artifact;
        let layer;
        try {
          const m = await client.readManifest(repo, d.digest, d.size);
          artifact = {
            place,
            kind: d.kind,
            digest: m.digest,
            artifactType: void 0,
            subject: void 0,
            layers: []
          };
          if (m.manifest.kind !== "image") {
            artifact.problem = { reason: "the referrer is an index, not a manifest" };
          } else {
            artifact.artifactType = (m.manifest.artifactType ?? m.manifest.config.mediaType).slice(0, 200);
            artifact.subject = m.manifest.subject?.digest;
            if (m.manifest.layers.length !== 1)
              artifact.problem = {
                reason: `${what} has ${m.manifest.layers.length} layers, not 1`,
                unsupported: true
              };
            else
              layer = {
                mediaType: m.manifest.layers[0].mediaType.slice(0, 200),
                digest: m.manifest.layers[0].digest,
                size: m.manifest.layers[0].size
              };
          }
        } finally {
          hold.release();
        }
        if (!layer) return { kind: "read", artifact, release: noop };
        const body = await readLayer(
          client,
          repo,
          `the ${d.kind === "notation" ? "envelope" : "bundle"} of ${place} ${artifact.digest}`,
          layer,
          account
        );
        if (body.kind !== "read") return body;
        artifact.layers = [{ descriptor: layer, body: body.body }];
        return { kind: "read", artifact, release: body.release };
      } catch (e) {
        return failed(e, repo);
      }
    }
  };
}
async function readLayer(client, repo, what, layer, account) {
  if (layer.size > account.layerLimit)
    return {
      kind: "past",
      bound: `${what} is ${layer.size} bytes, over the ${MiB(account.layerLimit)} a signature or attestation may be; not read`
    };
  const hold = await account.reserve(layer.size);
  if ("kind" in hold) return hold;
  try {
    return {
      kind: "read",
      body: await client.getBlob(repo, layer, account.layerLimit, { keep: false }),
      release: hold.release
    };
  } catch (e) {
    hold.release();
    return failed(e, repo);
  }
}
async function listLegacy(client, repo, tag, kind, account) {
  const place = `tag ${tag}`;
  const m = await client.findManifest(repo, tag);
  if (!m) return { place, pending: [], others: 0 };
  if (m.manifest.kind !== "image")
    throw new RegistryError(
      "invalid",
      `${repo.registry}/${repo.repository}:${tag}: a cosign tag holds an index, not a manifest`,
      { host: repo.registry }
    );
  const all = m.manifest.layers;
  const layers = all.slice(0, MAX_SIGNATURE_LAYERS);
  const cut = all.length > MAX_SIGNATURE_LAYERS ? `more than ${MAX_SIGNATURE_LAYERS} layers in ${place} (${all.length}; only the first ${MAX_SIGNATURE_LAYERS} are read)` : void 0;
  const kept = layers.reduce(
    (n, l) => n + DESCRIPTOR_BYTES + Object.entries(l.annotations ?? {}).reduce((a, [k, v]) => a + k.length + v.length, 0),
    0
  );
  const hold = await account.hold(kept);
  if ("kind" in hold) return { place, pending: [], cut: hold.bound, others: 0 };
  const digest = m.digest;
  const artifactType = m.manifest.artifactType?.slice(0, 200);
  const subject = m.manifest.subject?.digest;
  const pending = layers.map((layer) => ({
    place,
    async read() {
      try {
        const body = await readLayer(client, repo, `a layer of ${place}`, layer, account);
        if (body.kind !== "read") return body;
        return {
          kind: "read",
          artifact: { place, kind, digest, artifactType, subject, layers: [{ descriptor: layer, body: body.body }] },
          release: body.release
        };
      } catch (e) {
        return failed(e, repo);
      }
    }
  }));
  return { place, pending, ...cut ? { cut } : {}, others: 0, release: hold.release };
}
var PREDICATE_ANNOTATION = "in-toto.io/predicate-type";
var IN_TOTO_LAYER = "application/vnd.in-toto+json";
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var at = (v, ...path) => path.reduce((o, k) => isObject(o) ? o[k] : void 0, v);
var text = (v) => typeof v === "string" && v !== "" ? v.slice(0, 300) : void 0;
var REFERENCE_DIGEST_ANNOTATION = "vnd.docker.reference.digest";
var STATEMENT_MANIFESTS_AT_ONCE = 4;
var STATEMENT_TYPES = ["https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1"];
async function readInIndexStatements(client, repo, attestations, budget, wanted, layerLimit = STATEMENT_LIMIT, keep = (_t, p) => p) {
  const out = { statements: [], problems: [] };
  const entries = attestations.filter(
    (d) => digestProblem(d.annotations?.[REFERENCE_DIGEST_ANNOTATION] ?? "") === void 0
  );
  let next = 0;
  const worker = async () => {
    while (next < entries.length)
      await readAttestationManifest(client, repo, entries[next++], budget, { wanted, layerLimit, keep }, out);
  };
  await Promise.all(Array.from({ length: Math.min(STATEMENT_MANIFESTS_AT_ONCE, entries.length) }, worker));
  return out;
}
async function readAttestationManifest(client, repo, d, budget, opts, out) {
  const { wanted, layerLimit, keep } = opts;
  const subject = d.annotations[REFERENCE_DIGEST_ANNOTATION];
  const problem = (predicateType, reason, layer) => void out.problems.push({
    subject,
    predicateType: predicateType.slice(0, 200),
    manifest: d.digest,
    ...layer !== void 0 ? { layer } : {},
    reason
  });
  const account = new Account(
    budget,
    `attestation manifest ${d.digest}`,
    SIGNATURE_BYTES_PER_DIGEST + layerLimit,
    layerLimit
  );
  let layers;
  try {
    if (d.size > MANIFEST_LIMIT)
      return problem(
        "",
        `the attestation manifest is ${d.size} bytes, over the ${MiB(MANIFEST_LIMIT)} a manifest may be; not read`
      );
    const hold = await account.reserve(d.size);
    if ("kind" in hold) return problem("", hold.bound);
    try {
      const m = await client.readManifest(repo, d.digest, d.size);
      if (m.manifest.kind !== "image") return problem("", "the attestation manifest is an index, not a manifest");
      const asked = m.manifest.layers.map((l, at2) => ({ l, at: at2 })).filter(({ l }) => l.mediaType === IN_TOTO_LAYER && wanted(l.annotations?.[PREDICATE_ANNOTATION] ?? ""));
      layers = asked.slice(0, MAX_SIGNATURE_LAYERS);
      for (const { l, at: at2 } of asked.slice(MAX_SIGNATURE_LAYERS))
        problem(
          l.annotations[PREDICATE_ANNOTATION],
          `more than ${MAX_SIGNATURE_LAYERS} statements of asked types; not read`,
          at2
        );
    } finally {
      hold.release();
    }
  } catch (e) {
    return problem("", `could not read the attestation manifest: ${describeError(e)}`);
  }
  for (const { l, at: at2 } of layers) {
    const type = l.annotations[PREDICATE_ANNOTATION];
    const read = await readLayer(client, repo, `the ${type.slice(0, 100)} statement of ${d.digest}`, l, account);
    if (read.kind === "past") problem(type, read.bound, at2);
    else if (read.kind === "failed") problem(type, `could not read the statement: ${read.error.message}`, at2);
    else {
      let got;
      try {
        got = statementOf(read.body, type, subject);
      } finally {
        read.release();
      }
      if (typeof got === "string") problem(type, got, at2);
      else
        out.statements.push({
          subject,
          predicateType: got.predicateType,
          predicate: keep(got.predicateType, got.predicate),
          manifest: d.digest,
          layer: at2
        });
    }
  }
}
function statementOf(body, annotated, subject) {
  let doc;
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    return "the statement is not valid JSON";
  }
  if (!isObject(doc)) return "the statement is not a JSON object";
  if (typeof doc._type !== "string" || !STATEMENT_TYPES.includes(doc._type))
    return "the layer is not an in-toto statement";
  if (doc.predicateType !== annotated)
    return `the statement's predicate type is not the ${annotated.slice(0, 100)} its layer announces`;
  const subjects = Array.isArray(doc.subject) ? doc.subject : [];
  const named2 = subjects.map((s) => text(at(s, "digest", "sha256"))).filter((x) => x !== void 0);
  if (named2.length > 0 && !named2.some((hex) => `sha256:${hex}` === subject))
    return `the statement names another subject (${named2.slice(0, 3).map((h) => `sha256:${h.slice(0, 12)}\u2026`).join(", ")}), not ${subject}`;
  return { predicateType: annotated, predicate: doc.predicate };
}
var isProvenance = (t) => t.startsWith("https://slsa.dev/provenance/");
async function readProvenanceClaims(client, repo, attestations, budget) {
  const read = await readInIndexStatements(client, repo, attestations, budget, isProvenance, SIGNATURE_LAYER_LIMIT);
  return read.statements.map(claimOf);
}
function claimOf(st) {
  const claim = { subject: st.subject, predicateType: st.predicateType };
  const doc = { predicate: st.predicate };
  const builder = text(at(doc, "predicate", "builder", "id")) ?? text(at(doc, "predicate", "runDetails", "builder", "id"));
  const source = text(at(doc, "predicate", "invocation", "configSource", "uri")) ?? text(at(doc, "predicate", "buildDefinition", "externalParameters", "configSource", "uri")) ?? text(at(doc, "predicate", "metadata", "https://mobyproject.org/buildkit@v1#metadata", "vcs", "source")) ?? text(
    at(doc, "predicate", "runDetails", "metadata", "https://mobyproject.org/buildkit@v1#metadata", "vcs", "source")
  );
  if (builder) claim.builder = builder;
  if (source) claim.source = source;
  return claim;
}

// src/inspect/signature-places.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var nameOf = (r) => `${r.registry}/${r.repository}`;
var same = (a, b) => a.registry === b.registry && a.repository === b.repository;
function signaturePlaces(image, named2) {
  const out = [];
  for (const r of named2) if (r && !out.some((o) => same(o, r))) out.push(r);
  return out.length > 0 ? out : [image];
}
function named(d, repo, image) {
  if (same(repo, image)) return d;
  const at2 = (place) => `${place} of ${nameOf(repo)}`;
  return {
    ...d,
    looked: d.looked.map(at2),
    ...d.error ? { error: d.error } : {},
    pending: d.pending.map((p) => ({
      place: at2(p.place),
      async read() {
        const o = await p.read();
        return o.kind === "read" ? { ...o, artifact: { ...o.artifact, place: at2(o.artifact.place) } } : o;
      }
    })),
    // cosign's tags, listed later if needed, are named the same way.
    ...d.more ? { more: async () => named(await d.more(), repo, image) } : {}
  };
}
function failedAsPending(d) {
  const error = d.error;
  return [{ place: d.looked[0] ?? "signature repository", read: () => Promise.resolve({ kind: "failed", error }) }];
}
async function discoverAt(client, image, places, digest, budget, refuse, opts = {}) {
  const found = await Promise.all(
    places.map(async (repo) => {
      const refused = refuse(repo.registry);
      const d = refused ? {
        digest,
        looked: ["referrers API", `.sig and .att tags`],
        error: {
          host: repo.registry,
          message: `signature-repository ${nameOf(repo)} was not contacted: ${refused}`
        },
        pending: [],
        cut: [],
        release: () => {
        }
      } : await discoverSignatures(client, repo, digest, budget, { subject: image, ...opts });
      return named(d, repo, image);
    })
  );
  return combined(digest, found);
}
function combined(digest, found) {
  if (found.length === 1) return found[0];
  const withManifest = found.find((d) => d.manifest);
  const later = found.flatMap((d) => d.more ? [d.more] : []);
  const merged = {
    digest,
    looked: found.flatMap((d) => d.looked),
    error: void 0,
    pending: found.flatMap((d) => d.error ? failedAsPending(d) : d.pending),
    cut: found.flatMap((d) => d.cut),
    release: () => found.forEach((d) => d.release())
  };
  if (withManifest?.manifest) merged.manifest = withManifest.manifest;
  if (withManifest?.manifestMediaType) merged.manifestMediaType = withManifest.manifestMediaType;
  if (later.length > 0) merged.more = async () => combined(digest, await Promise.all(later.map((m) => m())));
  return merged;
}

// src/inspect/signature-budget.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var SignatureBudget = class {
  total;
  waitMs;
  free;
  waiting = [];
  constructor(total, waitMs) {
    this.total = total;
    this.waitMs = waitMs;
    this.free = total;
  }
  /** Bytes held now (for tests and the log). */
  get held() {
    return this.total - this.free;
  }
  /**
   * Reserves `bytes`; resolves to the function that gives them back (calling it more than once gives back once), or
   * to undefined when they cannot be had: more than the whole budget, or not free within the wait.
   */
  reserve(bytes) {
    const n = Math.max(0, Math.ceil(bytes));
    if (n > this.total) return Promise.resolve(void 0);
    if (this.waiting.length === 0 && n <= this.free) return Promise.resolve(this.take(n));
    return new Promise((resolve) => {
      const entry = {
        bytes: n,
        grant: (release) => resolve(release),
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          resolve(void 0);
          this.pump();
        }, this.waitMs)
      };
      this.waiting.push(entry);
    });
  }
  take(n) {
    this.free -= n;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.free += n;
      this.pump();
    };
  }
  /** Grants the waiting reservations that fit now, in the order they came. */
  pump() {
    while (this.waiting.length > 0 && this.waiting[0].bytes <= this.free) {
      const next = this.waiting.shift();
      clearTimeout(next.timer);
      next.grant(this.take(next.bytes));
    }
  }
};

// src/inspect/trust.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/trust/payload.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
var IN_TOTO_PAYLOAD = "application/vnd.in-toto+json";
var SIMPLE_SIGNING_TYPES = ["cosign container image signature", "atomic container signature"];
var STATEMENT_TYPES2 = ["https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1"];
function parseJson(bytes) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return void 0;
  }
}
var isObject2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function simpleSigningSubjects(bytes) {
  const doc = parseJson(bytes);
  if (!isObject2(doc) || !isObject2(doc.critical))
    return { ok: false, reason: 'the payload is not a simple-signing document (no "critical" object)' };
  const critical = doc.critical;
  if (typeof critical.type !== "string" || !SIMPLE_SIGNING_TYPES.includes(critical.type)) {
    return {
      ok: false,
      reason: `the payload's critical.type is ${JSON.stringify(critical.type ?? null)?.slice(0, 80)}, not "cosign container image signature"`
    };
  }
  const image = isObject2(critical.image) ? critical.image : {};
  const digest = image["docker-manifest-digest"];
  if (typeof digest !== "string" || digestProblem(digest) !== void 0) {
    return { ok: false, reason: "the payload has no valid critical.image.docker-manifest-digest" };
  }
  return { ok: true, subjects: [digest] };
}
function statementSubjects(payloadType, bytes, keep) {
  if (payloadType !== IN_TOTO_PAYLOAD)
    return {
      ok: false,
      reason: `the envelope's payload type is ${JSON.stringify(payloadType).slice(0, 80)}, not ${IN_TOTO_PAYLOAD}`
    };
  const doc = parseJson(bytes);
  if (!isObject2(doc)) return { ok: false, reason: "the envelope payload is not a JSON object" };
  if (typeof doc._type !== "string" || !STATEMENT_TYPES2.includes(doc._type)) {
    return {
      ok: false,
      reason: `the payload's _type is ${JSON.stringify(doc._type ?? null)?.slice(0, 80)}, not an in-toto statement`
    };
  }
  if (typeof doc.predicateType !== "string" || doc.predicateType === "")
    return { ok: false, reason: "the statement has no predicateType" };
  if (!Array.isArray(doc.subject)) return { ok: false, reason: "the statement has no subject list" };
  const subjects = [];
  for (const s of doc.subject) {
    if (!isObject2(s) || !isObject2(s.digest)) continue;
    for (const [alg, hex] of Object.entries(s.digest)) {
      const d = `${alg}:${String(hex)}`;
      if (digestProblem(d) === void 0) subjects.push(d);
    }
  }
  const meaning = { ok: true, subjects, predicateType: doc.predicateType };
  if (keep?.(doc.predicateType)) meaning.statement = { predicateType: doc.predicateType, predicate: doc.predicate };
  return meaning;
}
function preAuthEncoding(payloadType, payload) {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}
function parseEnvelope(bytes) {
  const doc = Buffer.isBuffer(bytes) ? parseJson(bytes) : bytes;
  if (!isObject2(doc)) return { reason: "the envelope is not a JSON object" };
  if (typeof doc.payloadType !== "string" || typeof doc.payload !== "string")
    return { reason: "the envelope has no payloadType or payload" };
  if (!Array.isArray(doc.signatures) || doc.signatures.length === 0) return { reason: "the envelope has no signatures" };
  const signatures = doc.signatures.filter(isObject2).map((s) => typeof s.sig === "string" ? Buffer.from(s.sig, "base64") : Buffer.alloc(0));
  return { payloadType: doc.payloadType, payload: Buffer.from(doc.payload, "base64"), signatures };
}

// src/trust/verify-key.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_crypto = __toESM(require_crypto(), 1);
function hashes(key) {
  if (key.algorithm === "ECDSA P-384") return ["sha384", "sha256"];
  if (key.algorithm === "ECDSA P-521") return ["sha512", "sha256"];
  if (key.algorithm.startsWith("RSA")) return ["sha256", "sha384", "sha512"];
  return ["sha256"];
}
function verifyWithKey(key, data, signature) {
  if (signature.length === 0) return false;
  for (const hash of hashes(key)) {
    try {
      if ((0, import_node_crypto.verify)(hash, data, key.key, signature)) return true;
    } catch {
    }
  }
  return false;
}
function findKey(keys, data, signature) {
  return keys.find((k) => verifyWithKey(k, data, signature));
}

// src/inspect/trust.ts
var SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
var CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
var bad = (reason, extra = {}) => ({
  verified: false,
  reason,
  subjects: [],
  ...extra
});
function withMeaning(signer, meaning, time) {
  if (!meaning.ok) return bad(`the signature verifies, but ${meaning.reason}`, { signer, unsupported: true });
  const v = { verified: true, signer, subjects: meaning.subjects };
  if (meaning.predicateType !== void 0) v.predicateType = meaning.predicateType;
  if (meaning.statement) v.statement = meaning.statement;
  if (time) v.time = time.toISOString();
  return v;
}
function fromSigstore(outcome, ctx, simpleSigning) {
  if (!outcome.verified)
    return bad(outcome.reason, {
      ...outcome.signer ? { signer: outcome.signer } : {},
      ...outcome.unsupported ? { unsupported: true } : {}
    });
  if (outcome.content.kind === "dsse")
    return withMeaning(
      outcome.signer,
      statementSubjects(outcome.content.payloadType, outcome.content.payload, ctx.predicates),
      outcome.time
    );
  if (simpleSigning) return withMeaning(outcome.signer, simpleSigningSubjects(simpleSigning), outcome.time);
  const d = outcome.content.digest;
  return withMeaning(
    outcome.signer,
    { ok: true, subjects: [`${d.algorithm.toLowerCase().replace("-", "")}:${d.hex}`] },
    outcome.time
  );
}
var MAX_ENVELOPE_SIGNATURES = 16;
var NO_KEYLESS = "a keyless (certificate) signature, which this build of the gate cannot verify yet";
var NO_KEYS = "signed with a key, but no signature-keys were given to verify it with";
function verifySimpleSigning(layer, ctx) {
  const annotations = layer.descriptor.annotations ?? {};
  if (layer.descriptor.mediaType !== SIMPLE_SIGNING)
    return bad(`unsupported layer type ${layer.descriptor.mediaType.slice(0, 100)}`, { unsupported: true });
  if (annotations[CERTIFICATE_ANNOTATION]) {
    return ctx.sigstore ? fromSigstore(ctx.sigstore.verifyCosignSignature(layer.body, annotations), ctx, layer.body) : bad(NO_KEYLESS, { unsupported: true });
  }
  const sig = annotations[SIGNATURE_ANNOTATION];
  if (!sig) return bad(`the layer has no ${SIGNATURE_ANNOTATION} annotation`);
  if (ctx.keys.length === 0) return bad(NO_KEYS);
  const key = findKey(ctx.keys, layer.body, Buffer.from(sig, "base64"));
  if (!key)
    return bad("the signature does not verify with any key of signature-keys: another key made it, or it was altered");
  return withMeaning({ kind: "key", fingerprint: key.fingerprint }, simpleSigningSubjects(layer.body));
}
function verifyEnvelopeLayer(layer, ctx) {
  const annotations = layer.descriptor.annotations ?? {};
  if (annotations[CERTIFICATE_ANNOTATION]) {
    if (!ctx.sigstore?.verifyCosignAttestation) return bad(NO_KEYLESS, { unsupported: true });
    return fromSigstore(ctx.sigstore.verifyCosignAttestation(layer.body, annotations), ctx);
  }
  const env = parseEnvelope(layer.body);
  if ("reason" in env) return bad(env.reason, { unsupported: true });
  if (ctx.keys.length === 0) return bad(NO_KEYS);
  const pae = preAuthEncoding(env.payloadType, env.payload);
  let key;
  for (const s of env.signatures.slice(0, MAX_ENVELOPE_SIGNATURES)) if (key = findKey(ctx.keys, pae, s)) break;
  if (!key)
    return bad(
      "the envelope signature does not verify with any key of signature-keys: another key made it, or it was altered"
    );
  return withMeaning(
    { kind: "key", fingerprint: key.fingerprint },
    statementSubjects(env.payloadType, env.payload, ctx.predicates)
  );
}
function verifyBundleLayer(artifact, ctx, manifest) {
  if (artifact.layers.length !== 1)
    return bad(`a Sigstore bundle manifest has ${artifact.layers.length} layers, not 1`, { unsupported: true });
  let bundle;
  try {
    bundle = JSON.parse(artifact.layers[0].body.toString("utf8"));
  } catch {
    return bad("the bundle is not valid JSON");
  }
  if (!ctx.sigstore)
    return bad("a Sigstore bundle, which this build of the gate cannot verify yet", { unsupported: true });
  return fromSigstore(ctx.sigstore.verifyBundle(bundle, manifest), ctx);
}
function verifyNotationLayer(a, ctx, target) {
  if (a.layers.length !== 1)
    return bad(`a Notation signature manifest has ${a.layers.length} layers, not 1`, { unsupported: true });
  if (!ctx.notation)
    return bad("a Notation signature, but no notation-trust-policy was given to verify it with", { unsupported: true });
  if (!target?.manifest || !target.mediaType) return bad("the image manifest the signature names was not read");
  const layer = a.layers[0];
  return ctx.notation.verify(layer.descriptor.mediaType, layer.body, {
    digest: target.digest,
    size: target.manifest.length,
    mediaType: target.mediaType
  });
}
function formatOf(a) {
  if (a.kind === "notation") {
    const type = a.layers[0]?.descriptor.mediaType;
    return `Notation signature${type === "application/cose" ? " (COSE)" : type === "application/jose+json" ? " (JWS)" : ""}`;
  }
  if (a.kind === "cosign-sig") return "cosign signature (simple signing)";
  if (a.kind === "cosign-att") return "cosign attestation (DSSE)";
  const v = /bundle\.(v[0-9.]+)\+json/.exec(a.artifactType ?? "")?.[1];
  return `Sigstore bundle${v ? ` ${v}` : ""}`;
}
function verifyArtifact(a, ctx, manifest, target) {
  const verdicts = a.problem ? [bad(a.problem.reason, a.problem.unsupported ? { unsupported: true } : {})] : a.kind === "notation" ? [verifyNotationLayer(a, ctx, target)] : a.kind === "bundle" ? [verifyBundleLayer(a, ctx, manifest)] : a.layers.map((l) => a.kind === "cosign-sig" ? verifySimpleSigning(l, ctx) : verifyEnvelopeLayer(l, ctx));
  return verdicts.map((v) => ({ place: a.place, format: formatOf(a), manifest: a.digest, ...v }));
}
var READ_AT_ONCE = 8;
function enough(facts, ctx, satisfied) {
  if (!satisfied(facts)) return false;
  if (!ctx.predicates) return true;
  return ctx.statementsFound?.(facts) ?? false;
}
async function checkDigest(d, ctx, satisfied, platform) {
  const out = { digest: d.digest, looked: [...d.looked], signatures: [] };
  if (platform !== void 0) out.platform = platform;
  const found = [];
  const cuts = [];
  const unread2 = /* @__PURE__ */ new Set();
  const releases = [d.release];
  let done = false;
  try {
    for (let at2 = d; at2 && !done; ) {
      if (at2.error) {
        out.error ??= at2.error;
        break;
      }
      const place = at2;
      const base = found.length;
      let next = 0;
      const take = async (i) => {
        const outcome = await place.pending[i].read();
        if (outcome.kind === "failed") out.error ??= outcome.error;
        else if (outcome.kind === "past") unread2.add(outcome.bound);
        else {
          try {
            found[base + i] = verifyArtifact(outcome.artifact, ctx, place.manifest, {
              digest: d.digest,
              ...place.manifest ? { manifest: place.manifest } : {},
              ...place.manifestMediaType ? { mediaType: place.manifestMediaType } : {}
            });
          } finally {
            outcome.release();
          }
          out.signatures = found.flat();
          if (enough(out, ctx, satisfied)) done = true;
        }
      };
      const worker = async () => {
        while (!done && next < place.pending.length) await take(next++);
      };
      await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, place.pending.length) }, worker));
      found.length = Math.max(found.length, base + place.pending.length);
      cuts.push(...place.cut);
      at2 = done || !place.more ? void 0 : await place.more();
      if (at2) {
        releases.push(at2.release);
        out.looked.push(...at2.looked);
      }
    }
    out.signatures = found.flat();
    const bounds = [...cuts, ...unread2];
    if (!done && bounds.length > 0) out.unread = bounds;
    return out;
  } finally {
    releases.forEach((r) => r());
  }
}
async function establishTrust(facts, ctx, discover, satisfied) {
  const top = await checkDigest(await discover(facts.digest), ctx, satisfied);
  const trust = { top, platforms: [], claims: [] };
  if (facts.kind === "index" && !enough(top, ctx, satisfied)) {
    trust.platforms = await Promise.all(
      facts.platforms.map(async (p) => checkDigest(await discover(p.digest), ctx, satisfied, platformLabel(p)))
    );
  }
  return trust;
}

// src/inspect/sbom.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/content/sbom.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var SBOM_MAX_BYTES = 64 << 20;
var SBOM_MAX_PACKAGES = 1e5;
var MAX_COMPONENT_DEPTH = 64;
var MAX_TEXT = 1024;
var isObject3 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var text2 = (v) => typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, MAX_TEXT) : void 0;
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
  if (!isObject3(doc))
    return { ok: false, problem: `the ${format === "spdx" ? "SPDX" : "CycloneDX"} SBOM is not a JSON object` };
  return format === "spdx" ? parseSpdx(doc) : parseCycloneDx(doc);
}
var NO_LICENSE = /* @__PURE__ */ new Set(["NOASSERTION", "NONE"]);
var licenseText = (v) => {
  if (typeof v !== "string" || v.length <= MAX_TEXT) {
    const t = text2(v);
    return t !== void 0 && !NO_LICENSE.has(t) ? t : void 0;
  }
  const ids = licenseTokens(v);
  if (ids.length === 0) return v.trim().slice(0, MAX_TEXT);
  return ids.join(" AND ");
};
var purlText = (v) => {
  const t = text2(v);
  return t !== void 0 && /^pkg:[A-Za-z.+-][A-Za-z0-9.+-]*\//.test(t) ? t : void 0;
};
var SUBJECT_PURPOSES = /* @__PURE__ */ new Set(["CONTAINER", "OPERATING-SYSTEM", "FILE", "SOURCE"]);
function parseSpdx(doc) {
  const version = text2(doc.spdxVersion);
  if (version === void 0) return { ok: false, problem: "the SPDX document has no spdxVersion" };
  if (!/^SPDX-2\.[23]$/.test(version))
    return { ok: false, problem: `SPDX version ${version.slice(0, 40)} is not supported (SPDX 2.2 and 2.3 JSON are)` };
  if (!Array.isArray(doc.packages)) return { ok: false, problem: "the SPDX document has no packages list" };
  if (doc.packages.length > SBOM_MAX_PACKAGES) return tooMany(doc.packages.length);
  const described = new Set(list(doc.documentDescribes).map(text2));
  for (const r of list(doc.relationships)) {
    if (isObject3(r) && r.spdxElementId === "SPDXRef-DOCUMENT" && r.relationshipType === "DESCRIBES")
      described.add(text2(r.relatedSpdxElement));
  }
  const packages = [];
  for (const p of doc.packages) {
    if (!isObject3(p)) continue;
    const id = text2(p.SPDXID) ?? "";
    const subject = id.startsWith("SPDXRef-DocumentRoot-") || described.has(id) && SUBJECT_PURPOSES.has(text2(p.primaryPackagePurpose) ?? "");
    if (subject) continue;
    const pkg = { name: text2(p.name) ?? "(unnamed)" };
    const version2 = text2(p.versionInfo);
    if (version2 !== void 0) pkg.version = version2;
    const purl = list(p.externalRefs).filter(
      (r) => isObject3(r) && r.referenceType === "purl" && (r.referenceCategory === "PACKAGE-MANAGER" || r.referenceCategory === "PACKAGE_MANAGER")
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
  const version = text2(doc.specVersion);
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
      if (!isObject3(c)) continue;
      const nested = list(c.components);
      if (nested.length > 0) {
        if (depth >= MAX_COMPONENT_DEPTH)
          return { ok: false, problem: `the SBOM's components nest more than ${MAX_COMPONENT_DEPTH} deep` };
        stack.push({ items: nested, depth: depth + 1 });
      }
      if (NOT_PACKAGES.has(text2(c.type) ?? "")) continue;
      packages.push(component(c));
    }
  }
  return { ok: true, sbom: { format: "cyclonedx", formatVersion: version, packages } };
}
function component(c) {
  const group = text2(c.group);
  const name = text2(c.name) ?? "(unnamed)";
  const pkg = { name: group ? `${group}/${name}` : name };
  const version = text2(c.version);
  if (version !== void 0) pkg.version = version;
  const purl = purlText(c.purl);
  if (purl !== void 0) pkg.purl = purl;
  const license = cycloneDxLicense(list(c.licenses));
  if (license !== void 0) pkg.license = license;
  return pkg;
}
function cycloneDxLicense(entries) {
  const terms = entries.filter(isObject3).map((e) => ({
    term: isObject3(e.license) ? text2(e.license.id) ?? namedLicense(text2(e.license.name)) : licenseText(e.expression),
    concluded: (isObject3(e.license) ? e.license.acknowledgement : e.acknowledgement) === "concluded"
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

// src/inspect/sbom.ts
var RUN_MAX_SBOM_PACKAGES = 5e5;
function sbomKeeper(maxPackages = RUN_MAX_SBOM_PACKAGES) {
  let kept = 0;
  return (predicateType, predicate) => {
    if (!isSbomPredicate(predicateType)) return predicate;
    const r = parseSbom(predicateType, predicate);
    if (!r.ok) return r;
    if (kept + r.sbom.packages.length > maxPackages)
      return {
        ok: false,
        problem: `the run holds ${kept} SBOM packages already; with these ${r.sbom.packages.length} it would be over the ${maxPackages} a run keeps`
      };
    kept += r.sbom.packages.length;
    return r;
  };
}
var keepSbom = sbomKeeper(Number.MAX_SAFE_INTEGER);
var isParse = (v) => typeof v === "object" && v !== null && "ok" in v && typeof v.ok === "boolean";
var sbomOver = (digest) => (sig) => sig.verified && sig.statement !== void 0 && isSbomPredicate(sig.statement.predicateType) && sig.subjects.includes(digest);
function attachSboms(facts, accepted) {
  const top = facts.trust?.top;
  const inIndexSigned = indexSigned(facts, accepted);
  for (const p of facts.platforms) {
    const own = facts.trust?.platforms.find((t) => t.digest === p.digest);
    const verified = (t, digest) => (t?.signatures ?? []).filter(sbomOver(digest));
    const attested = [...verified(own, p.digest), ...verified(top, facts.digest)];
    const fromAttestation = (sig, signed) => ({
      parse: () => parseSbom(sig.statement.predicateType, sig.statement.predicate),
      source: "attestation",
      signed,
      manifest: sig.manifest
    });
    const inIndex = firstInIndex(facts, p);
    const candidates = [
      ...attested.filter(accepted).map((s) => fromAttestation(s, true)),
      ...inIndex.candidate ? [{ ...inIndex.candidate, signed: inIndexSigned }] : [],
      ...attested.filter((s) => !accepted(s)).map((s) => fromAttestation(s, false))
    ];
    const problems = [...inIndex.problems];
    let sbom;
    for (const c of candidates) {
      const r = c.parse();
      if (r.ok) {
        sbom = { ...r.sbom, source: c.source, signed: c.signed, manifest: c.manifest };
        break;
      }
      problems.push(
        `the SBOM of ${c.manifest} (${c.source === "in-index" ? "in the index" : "an attestation"}): ${r.problem}`
      );
    }
    if (!sbom) problems.push(...unread(own), ...unread(top));
    p.content = {
      ...p.content,
      ...sbom ? { sbom } : {},
      ...!sbom && problems.length > 0 ? { sbomProblems: problems } : {}
    };
  }
}
function unread(t) {
  if (!t) return [];
  const where = t.platform ? `${t.digest} (${t.platform})` : t.digest;
  return [
    ...t.error ? [`the attestations of ${where} could not be listed: ${t.error.host}: ${t.error.message}`] : [],
    ...(t.unread ?? []).map((u) => `the attestations of ${where} were not all read: ${u}`)
  ];
}
function firstInIndex(facts, p) {
  const order = (x) => [
    facts.attestations.findIndex((a) => a.digest === x.manifest),
    x.layer ?? -1
  ];
  const before = (a, b) => a[0] < b[0] || a[0] === b[0] && a[1] < b[1];
  const statements = (facts.statements ?? []).filter((s) => s.subject === p.digest && isSbomPredicate(s.predicateType));
  const problems = (facts.statementProblems ?? []).filter(
    (x) => x.subject === p.digest && (x.predicateType === "" || isSbomPredicate(x.predicateType))
  );
  let first;
  for (const s of statements) if (!first || before(order(s), order(first))) first = s;
  const label = platformLabel(p);
  const blocking = problems.filter((x) => !first || x.layer === void 0 || before(order(x), order(first)));
  const said = blocking.map((x) => `the in-index SBOM of ${label} (${x.manifest}): ${x.reason}`);
  if (!first || blocking.some((x) => x.layer !== void 0)) return { problems: said };
  const kept = first.predicate;
  return {
    candidate: {
      parse: () => isParse(kept) ? kept : parseSbom(first.predicateType, kept),
      source: "in-index",
      manifest: first.manifest
    },
    problems: said
  };
}

// src/gate/signatures.ts
function signatureBudgets(needs) {
  return {
    budget: new SignatureBudget(
      needs.statements ? STATEMENT_BYTES_BUDGET : SIGNATURE_BYTES_BUDGET,
      SIGNATURE_BUDGET_WAIT_MS
    ),
    keep: sbomKeeper()
  };
}
async function inspectWithTrust(client, item, ruleSets, needs, sigstore, budget, keep, notation) {
  const repo = { registry: item.ref.registry, repository: item.ref.repository };
  const limits = mayApply(ruleSets, item.ref).flatMap((rs) => rs.registries?.length ? [rs.registries] : []);
  const refuse = (registry) => limits.map((l) => checkRegistryName(registry, l)[0]?.message).find((m) => m !== void 0);
  const placesOf = (sets2) => signaturePlaces(
    repo,
    sets2.map((rs) => rs.signatureRepository)
  );
  const discoverIn = (places2) => (digest) => discoverAt(client, repo, places2, digest, budget, refuse, { statements: needs.statements === true });
  const earlyPlaces = placesOf(applicable(ruleSets, item.ref));
  let early;
  if (needs.trust && needsTrust(applicable(ruleSets, item.ref))) {
    early = client.getManifest(repo, manifestReference(item.ref), { confirm: true }).then(
      (m) => discoverIn(earlyPlaces)(m.digest),
      () => void 0
    );
  }
  const drop = () => void early?.then((d) => d?.release());
  const ins = await inspectImage(client, item.input, item.ref, needs);
  if (!ins.ok) {
    drop();
    return ins;
  }
  const sets = applicable(ruleSets, ins.ref, ins.facts.digest);
  const asked = askedStatements(sets);
  if (asked) {
    const read = await readInIndexStatements(client, repo, ins.facts.attestations, budget, asked, STATEMENT_LIMIT, keep);
    ins.facts.statements = read.statements;
    if (read.problems.length > 0) ins.facts.statementProblems = read.problems;
  }
  if (!needs.trust || !needsTrust(sets)) {
    drop();
    return withSboms(ins, sets, asked);
  }
  const keys = /* @__PURE__ */ new Map();
  for (const req of attestersOf(sets).signature) for (const k of req.keys) keys.set(k.fingerprint, k);
  const roots = sets.filter((rs) => needsTrust([rs])).map((rs) => rs.trustedRoot);
  const places = placesOf(sets);
  const discover = discoverIn(places);
  const samePlaces = places.map((r) => `${r.registry}/${r.repository}`).join() === earlyPlaces.map((r) => `${r.registry}/${r.repository}`).join();
  const first = samePlaces && (await early)?.digest === ins.facts.digest ? early : void 0;
  if (!first) drop();
  const found = sbomFound(sets, ins.facts);
  ins.facts.trust = await establishTrust(
    ins.facts,
    {
      keys: [...keys.values()],
      ...sigstore ? { sigstore: sigstore([...keys.values()], roots) } : {},
      ...asked ? { predicates: asked } : {},
      ...found ? { statementsFound: found } : {},
      // Notation's trust policy is chosen by the image's own repository.
      ...notation ? { notation: notation(item.ref.registry, item.ref.repository) } : {}
    },
    (digest) => digest === ins.facts.digest && first ? first : discover(digest),
    // One digest's facts (the top level's or a platform's), judged by every trust rule that applies to the image.
    (facts) => trustSatisfied(ins.input, ins.ref, ins.facts, sets, facts)
  );
  if (sets.some((rs) => rs.provenance) && ins.facts.attestations.length > 0)
    ins.facts.trust.claims = await readProvenanceClaims(client, repo, ins.facts.attestations, budget);
  return withSboms(ins, sets, asked);
}
function sbomFound(sets, image) {
  if (!statementRules(sets).every((r) => r === "sbom" || r === "licenses")) return void 0;
  const attesters = attestersOf(sets);
  const accepted = (s, digest) => s.verified && s.subjects.includes(digest) && isAttester(attesters, s);
  const inIndex = image.platforms.length > 0 && image.platforms.every(
    (p) => (image.statements ?? []).some(
      (st) => st.subject === p.digest && isSbomPredicate(st.predicateType) && st.predicate?.ok === true
    )
  );
  return (facts) => {
    const byAccepted = facts.signatures.filter((s) => accepted(s, facts.digest));
    if (byAccepted.some((s) => s.statement !== void 0 && isSbomPredicate(s.statement.predicateType))) return true;
    return inIndex && facts.digest === image.digest && byAccepted.length > 0;
  };
}
function withSboms(ins, sets, asked) {
  if (!asked || ![SPDX_PREDICATE, CYCLONEDX_PREDICATE].some(asked)) return ins;
  const attesters = attestersOf(sets);
  attachSboms(ins.facts, (sig) => isAttester(attesters, sig));
  if (ins.facts.statements) ins.facts.statements = ins.facts.statements.filter((st) => !isSbomPredicate(st.predicateType));
  if (statementRules(sets).every((r) => r === "sbom" || r === "licenses") && ins.facts.trust) {
    for (const t of [ins.facts.trust.top, ...ins.facts.trust.platforms])
      for (const sig of t.signatures)
        if (sig.statement && isSbomPredicate(sig.statement.predicateType))
          sig.statement = { predicateType: sig.statement.predicateType, predicate: null };
  }
  return ins;
}
export {
  inspectWithTrust,
  quorumReports,
  signatureBudgets
};
//# sourceMappingURL=signatures-SQNJIGBM.js.map
