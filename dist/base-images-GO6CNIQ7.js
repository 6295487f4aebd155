
import {
  platformLabel
} from "./chunk-Y5I46MST.js";
import "./chunk-IPQCI7W4.js";
import {
  allowsBase
} from "./chunk-A6VFLDUP.js";
import {
  parseReference,
  repositoryName
} from "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import "./chunk-7KWJE3HF.js";
import {
  shortDigest
} from "./chunk-6XVK6575.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

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
  const list = allowed.join(", ");
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
        message: `base ${base.name}@${shortDigest(base.digest)} (proven by ${base.via === "claim" ? "its claim and layers" : "layers"}) is not allowed (allowed: ${list})`
      });
      continue;
    }
    if (allowed.some((pattern) => pattern.trim() === "scratch")) continue;
    const notes = b.notes.length > 0 ? `; ${b.notes.join("; ")}` : "";
    out.push({
      platform,
      message: `no allowed base proven: ${b.tried === 0 ? "no candidate could be listed from the allowed patterns, and no claim names the base" : `the layers of none of ${b.tried} candidate${b.tried === 1 ? "" : "s"} start the image's layers`} (allowed: ${list})${notes}`
    });
  }
  return out;
}
export {
  checkBaseImages
};
//# sourceMappingURL=base-images-GO6CNIQ7.js.map
