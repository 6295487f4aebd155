
import {
  CONFIG_LIMIT,
  configOf,
  isAttestation
} from "./chunk-GRUGEEZE.js";
import {
  applicable
} from "./chunk-YFBZMPXE.js";
import "./chunk-IAFFZGJU.js";
import "./chunk-IYMIIVDP.js";
import {
  checkRegistryName
} from "./chunk-HZ22G5RC.js";
import {
  describeError
} from "./chunk-BHOE3INQ.js";
import "./chunk-O5L4BDB6.js";
import "./chunk-JKCKZTIS.js";
import "./chunk-W5D7XUTN.js";
import "./chunk-MT22UEVM.js";
import "./chunk-FZ4MN5IN.js";
import "./chunk-WG257OMD.js";
import "./chunk-3EXKOP6I.js";
import "./chunk-Y5I46MST.js";
import {
  formatPlatform,
  isAttestationPlatform,
  samePlatform
} from "./chunk-IPQCI7W4.js";
import {
  allowsBase,
  globMatch,
  parseReferencePattern
} from "./chunk-A6VFLDUP.js";
import {
  formatReference,
  manifestReference,
  parseReference
} from "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/gate/bases.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/inspect/base.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var BASE_NAME = "org.opencontainers.image.base.name";
var BASE_DIGEST = "org.opencontainers.image.base.digest";
var MAX_CANDIDATES = 50;
function isPrefix(prefix, of) {
  return prefix.length > 0 && prefix.length <= of.length && prefix.every((d, i) => of[i] === d);
}
function findClaim(image, p) {
  const sources = [
    ["the manifest annotations", p.annotations],
    ["the index annotations", image.kind === "index" ? image.annotations : void 0],
    ["the config labels", p.config?.labels]
  ];
  for (const [source, map] of sources) {
    const name = map?.[BASE_NAME];
    if (name) return { name, digest: map?.[BASE_DIGEST] || void 0, source };
  }
  return void 0;
}
var BaseDetector = class {
  client;
  constructor(client) {
    this.client = client;
  }
  /**
   * Base facts for each platform of the image, in the order of `image.platforms`. `refuse` says why a registry may
   * not be contacted (the registries rule): a claim names a registry of the image's choosing, and a claimed base on
   * a registry the rule does not allow stays unverified, with no request made to it.
   */
  detect(image, patterns, refuse = () => void 0) {
    return Promise.all(image.platforms.map((p) => this.detectPlatform(image, p, patterns, refuse)));
  }
  async detectPlatform(image, p, patterns, refuse) {
    const facts = { claim: void 0, proven: [], tried: 0, notes: [] };
    const diffIds = p.config?.diffIds ?? [];
    const platform = p.platform;
    const claim = findClaim(image, p);
    const jobs = [];
    if (claim) {
      jobs.push(
        this.verifyClaim(claim, platform, diffIds, refuse).then((c) => {
          facts.claim = c.claim;
          if (c.proven) facts.proven.push(c.proven);
        })
      );
    }
    const candidates = await this.candidates(patterns, facts.notes);
    facts.tried = candidates.length;
    for (const ref of candidates) {
      jobs.push(
        this.layersFor(ref, platform).then(
          (l) => {
            if (l && isPrefix(l.diffIds, diffIds))
              facts.proven.push({
                name: formatReference(ref),
                digest: l.digest,
                layers: l.diffIds.length,
                via: "layers"
              });
          },
          (e) => {
            facts.notes.push(`candidate ${formatReference(ref)} could not be read: ${describeError(e)}`);
          }
        )
      );
    }
    await Promise.all(jobs);
    const allowed = (b) => patterns.some((p2) => allowsBase(p2, b)) ? 0 : 1;
    facts.proven.sort(
      (a, b) => b.layers - a.layers || allowed(a) - allowed(b) || (a.via === b.via ? 0 : a.via === "claim" ? -1 : 1) || a.name.localeCompare(b.name)
    );
    return facts;
  }
  async verifyClaim(c, platform, diffIds, refuse) {
    const claim = { ...c, status: "unverifiable", detail: void 0 };
    let ref;
    try {
      ref = parseReference(c.digest ? `${c.name.replace(/@.*$/, "")}@${c.digest}` : c.name);
    } catch (e) {
      claim.detail = `the claim is not a valid reference: ${describeError(e)}`;
      return { claim };
    }
    const refused = refuse(ref.registry);
    if (refused !== void 0) {
      claim.detail = `the claimed base could not be read: ${ref.registry}: not contacted: ${refused}`;
      return { claim };
    }
    let layers;
    try {
      layers = await this.layersFor(ref, platform);
    } catch (e) {
      claim.detail = `the claimed base could not be read: ${describeError(e)}`;
      return { claim };
    }
    if (!layers) {
      claim.detail = `the claimed base has no ${platform ? formatPlatform(platform) : "matching"} platform`;
      claim.status = "contradicted";
      return { claim };
    }
    if (!isPrefix(layers.diffIds, diffIds)) {
      claim.status = "contradicted";
      claim.detail = `its ${layers.diffIds.length} layers are not the first layers of the image`;
      return { claim };
    }
    claim.status = "verified";
    const name = formatReference({ ...ref, digest: void 0 });
    return { claim, proven: { name, digest: layers.digest, layers: layers.diffIds.length, via: "claim" } };
  }
  /** Allowed patterns that name one repository become candidates; a tag glob is expanded over the tag list. */
  async candidates(patterns, notes) {
    const out = [];
    const seen = /* @__PURE__ */ new Set();
    const add = (ref) => {
      const key = formatReference(ref);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(ref);
      }
    };
    const lists = patterns.filter((text) => text.trim() !== "scratch").map(parseReferencePattern).filter((p) => !/[*?{[]/.test(p.name)).map(async (p) => {
      const slash = p.name.indexOf("/");
      const base = { registry: p.name.slice(0, slash), repository: p.name.slice(slash + 1) };
      if (p.digest !== void 0 && !/[*?{[]/.test(p.digest))
        return [{ ...base, ...p.tag && !/[*?{[]/.test(p.tag) ? { tag: p.tag } : {}, digest: p.digest }];
      if (p.tag !== void 0 && !/[*?{[]/.test(p.tag)) return [{ ...base, tag: p.tag }];
      const glob = p.tag ?? "*";
      let list;
      try {
        list = await this.client.listTags(base);
      } catch (e) {
        notes.push(`the tags of ${p.name} could not be listed: ${describeError(e)}`);
        return [];
      }
      if (list.truncated) notes.push(`the tag list of ${p.name} was cut at ${list.tags.length} tags`);
      const matching = list.tags.filter((t) => globMatch(glob, t)).sort();
      if (matching.length > MAX_CANDIDATES)
        notes.push(`${p.text} matches ${matching.length} tags; the first ${MAX_CANDIDATES} were tried`);
      return matching.slice(0, MAX_CANDIDATES).map((tag) => ({ ...base, tag }));
    });
    for (const refs of await Promise.all(lists)) for (const r of refs) add(r);
    return out;
  }
  /** The image's diff_ids for the platform: from the index entry of the same platform, or a single manifest. */
  async layersFor(ref, platform) {
    const repo = { registry: ref.registry, repository: ref.repository };
    const top = await this.client.getManifest(repo, manifestReference(ref));
    let manifest = top;
    if (top.manifest.kind === "index") {
      const entries = top.manifest.manifests.filter((d) => !isAttestation(d));
      const entry = platform ? entries.find((d) => d.platform && samePlatform(d.platform, platform)) : entries.length === 1 ? entries[0] : void 0;
      if (!entry) return void 0;
      manifest = await this.client.getManifest(repo, entry.digest);
      if (manifest.manifest.kind !== "image") return void 0;
    }
    if (manifest.manifest.kind !== "image") return void 0;
    const body = await this.client.getBlob(repo, manifest.manifest.config, CONFIG_LIMIT);
    const config = configOf(body, `${formatReference(ref)} config`);
    if (top.manifest.kind === "image" && platform && config.os && config.architecture) {
      const own = {
        os: config.os,
        architecture: config.architecture,
        ...config.variant ? { variant: config.variant } : {}
      };
      if (!samePlatform(own, platform)) return void 0;
    }
    return {
      digest: top.digest,
      manifest: manifest.digest,
      diffIds: config.diffIds,
      created: config.created,
      annotations: manifest.manifest.annotations
    };
  }
};

// src/inspect/freshness.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var CREATED_ANNOTATION = "org.opencontainers.image.created";
var GLOB = /[*?{[]/;
function shown(text) {
  return text.length > 200 ? `${text.slice(0, 200)}\u2026` : text;
}
function builtFrom(b, patterns) {
  const claim = b.claim;
  if (claim?.status === "verified") {
    let ref;
    try {
      ref = parseReference(claim.name);
    } catch (e) {
      return { unknown: `the base claim "${shown(claim.name)}" is not a valid reference: ${describeError(e)}` };
    }
    if (ref.tag === void 0)
      return {
        unknown: `the base claim ${shown(claim.name)} names no tag, only a digest: there is no tag to be current with`
      };
    const proven = b.proven.find((p) => p.via === "claim");
    return {
      ref: { registry: ref.registry, repository: ref.repository, tag: ref.tag },
      via: "claim",
      builtOn: claim.digest ?? ref.digest,
      resolved: (claim.digest ?? ref.digest) === void 0 ? proven?.digest : void 0
    };
  }
  const longest = b.proven[0]?.layers;
  const top = b.proven.filter((p) => p.layers === longest && p.via === "layers");
  for (const text of patterns) {
    if (text.trim() === "scratch") continue;
    let pattern;
    try {
      pattern = parseReferencePattern(text);
    } catch {
      continue;
    }
    if (pattern.tag === void 0 || GLOB.test(pattern.name) || GLOB.test(pattern.tag)) continue;
    const digest = pattern.digest !== void 0 && !GLOB.test(pattern.digest) ? pattern.digest : void 0;
    const slash = pattern.name.indexOf("/");
    const ref = { registry: pattern.name.slice(0, slash), repository: pattern.name.slice(slash + 1), tag: pattern.tag };
    const name = formatReference({ ...ref, ...digest ? { digest } : {} });
    const proven = top.find((p) => p.name === name);
    if (proven) return { ref, via: "base-images", builtOn: digest, resolved: digest ? void 0 : proven.digest };
  }
  if (b.proven.length === 0 && patterns.some((p) => p.trim() === "scratch") && !claim) return { none: true };
  if (claim)
    return {
      unknown: `the base claim ${shown(claim.name)} is ${claim.status}${claim.detail ? ` (${shown(claim.detail)})` : ""}, and no base-images pattern with a literal tag proves the base`
    };
  if (top.length > 0) {
    return {
      unknown: `the base ${top[0].name} was proven through a tag glob, not a literal tag: name the tag literally in base-images, or record the base at build time (org.opencontainers.image.base.name)`
    };
  }
  return {
    unknown: "no verified org.opencontainers.image.base.name claim and no base-images pattern with a literal tag tells the tag it was built from (record the base at build time, or name the tag literally in base-images)"
  };
}
var FreshnessChecker = class {
  client;
  detector;
  constructor(client, detector) {
    this.client = client;
    this.detector = detector;
  }
  /** For a `name:tag@digest` reference: does the tag still resolve to the digest? Undefined for other references. */
  async pin(image) {
    const ref = image.ref;
    if (ref.tag === void 0 || ref.digest === void 0) return void 0;
    const repo = { registry: ref.registry, repository: ref.repository };
    const out = {
      tag: formatReference({ ...repo, tag: ref.tag }),
      pinned: ref.digest,
      current: void 0,
      newer: void 0,
      listed: false,
      error: void 0
    };
    try {
      out.current = await this.client.resolveTag(repo, ref.tag);
    } catch (e) {
      out.error = describeError(e);
      return out;
    }
    if (out.current === out.pinned) return out;
    if (image.kind === "image") {
      try {
        const now = await this.client.getManifest(repo, out.current);
        if (now.manifest.kind === "index" && now.manifest.manifests.some((d) => d.digest === out.pinned)) {
          out.listed = true;
          return out;
        }
      } catch {
      }
    }
    out.newer = await this.created({ ...repo, tag: ref.tag, digest: out.current }, image.platforms[0]);
    return out;
  }
  /** For one platform whose base facts are gathered: is the base its tag's current image? */
  async base(p, patterns) {
    const out = {
      status: "unknown",
      tag: void 0,
      via: void 0,
      builtOn: void 0,
      current: void 0,
      newer: void 0,
      detail: void 0
    };
    if (!p.config || !p.base) {
      out.detail = "the image config was not read";
      return out;
    }
    const from = builtFrom(p.base, patterns);
    if ("none" in from) {
      out.status = "none";
      return out;
    }
    if ("unknown" in from) {
      out.detail = from.unknown;
      return out;
    }
    out.tag = formatReference(from.ref);
    out.via = from.via;
    out.builtOn = from.builtOn;
    if (from.resolved !== void 0) {
      out.current = from.resolved;
      out.status = "current";
      return out;
    }
    const repo = { registry: from.ref.registry, repository: from.ref.repository };
    try {
      out.current = await this.client.resolveTag(repo, from.ref.tag);
    } catch (e) {
      out.detail = `the tag ${out.tag} could not be resolved: ${describeError(e)}`;
      return out;
    }
    if (out.current === out.builtOn) {
      out.status = "current";
      return out;
    }
    let layers;
    try {
      layers = await this.detector.layersFor({ ...from.ref, digest: out.current }, p.platform);
    } catch (e) {
      out.detail = `the tag ${out.tag} now points to ${out.current}, which could not be read: ${describeError(e)}`;
      return out;
    }
    if (layers && isPrefix(layers.diffIds, p.config.diffIds)) {
      out.status = "current";
      return out;
    }
    out.status = "outdated";
    out.newer = layers ? { created: layers.created, annotation: layers.annotations[CREATED_ANNOTATION], note: void 0 } : {
      created: void 0,
      annotation: void 0,
      note: `it no longer provides ${p.platform ? platformText(p) : "this platform"}`
    };
    return out;
  }
  /** When the image a tag now names was created: for the platform of `like`, or the only platform. */
  async created(ref, like) {
    try {
      const layers = await this.detector.layersFor(
        ref,
        like?.platform && !isAttestationPlatform(like.platform) ? like.platform : void 0
      );
      if (!layers)
        return {
          created: void 0,
          annotation: void 0,
          note: `it has no ${like ? platformText(like) : "single"} platform to date it by`
        };
      return { created: layers.created, annotation: layers.annotations[CREATED_ANNOTATION], note: void 0 };
    } catch (e) {
      return { created: void 0, annotation: void 0, note: `it could not be read: ${describeError(e)}` };
    }
  }
};
function platformText(p) {
  return p.platform ? formatPlatform(p.platform) : "unknown platform";
}

// src/gate/bases.ts
async function detectBases(client, inspections, ruleSets) {
  const detector = new BaseDetector(client);
  const freshness = new FreshnessChecker(client, detector);
  await Promise.all(
    inspections.map(async (ins) => {
      if (!ins.ok) return;
      const sets = applicable(ruleSets, ins.ref, ins.facts.digest);
      const patterns = [...new Set(sets.flatMap((rs) => rs.baseImages ?? []))];
      const baseCurrent = sets.some((rs) => rs.baseCurrent);
      const jobs = [];
      if (sets.some((rs) => rs.pinsCurrent)) {
        jobs.push(
          freshness.pin(ins.facts).then((pin) => {
            if (pin) ins.facts.pin = pin;
          })
        );
      }
      if (patterns.length > 0 || baseCurrent) {
        jobs.push(
          (async () => {
            const limits = sets.filter((rs) => rs.registries?.length).map((rs) => rs.registries);
            const refuse = (registry) => limits.map((l) => checkRegistryName(registry, l)[0]?.message).find((m) => m !== void 0);
            const bases = await detector.detect(ins.facts, patterns, refuse);
            ins.facts.platforms.forEach((p, i) => p.base = bases[i]);
            if (!baseCurrent) return;
            const current = await Promise.all(ins.facts.platforms.map((p) => freshness.base(p, patterns)));
            ins.facts.platforms.forEach((p, i) => p.baseCurrent = current[i]);
          })()
        );
      }
      await Promise.all(jobs);
    })
  );
}
export {
  detectBases
};
//# sourceMappingURL=bases-RG7ANUWF.js.map
