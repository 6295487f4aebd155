
import {
  checkLabels
} from "./chunk-O5L4BDB6.js";
import {
  checkMaxAge
} from "./chunk-WG257OMD.js";
import {
  platformLabel
} from "./chunk-Y5I46MST.js";
import {
  formatPlatform,
  normalizePlatform
} from "./chunk-IPQCI7W4.js";
import {
  globMatch
} from "./chunk-A6VFLDUP.js";
import {
  pinnedReference
} from "./chunk-LDXJDK62.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/rules/registries.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function checkRegistries(s, allowed) {
  return checkRegistryName(s.ref.registry, allowed);
}
function checkRegistryName(registry, allowed) {
  if (allowed.some((p) => globMatch(p, registry))) return [];
  return [{ message: `registry ${registry} is not allowed (allowed: ${allowed.join(", ")})` }];
}

// src/content/predicates.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var COSIGN_VULN_PREDICATE = "https://cosign.sigstore.dev/attestation/vuln/v1";
var OPENVEX_PREDICATES = ["https://openvex.dev/ns/v0.2.0", "https://openvex.dev/ns"];
var VULNERABILITY_PREDICATES = [COSIGN_VULN_PREDICATE, ...OPENVEX_PREDICATES];
var VEX_MAX_BYTES = 4 << 20;
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

// src/policy/rules/table.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/policy/rules/digest.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function checkDigest(s, expected) {
  if (s.facts.digest === expected) return [];
  return [{ message: `resolves to ${s.facts.digest}, expected ${expected}` }];
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

// src/policy/rules/require-digest.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function checkRequireDigest(s) {
  if (s.ref.digest !== void 0) return [];
  return [{ message: `not pinned by digest: write ${pinnedReference(s.ref, s.facts.digest)}` }];
}

// src/policy/rules/table.ts
function rule(def) {
  return def;
}
var some = (list) => (list?.length ?? 0) > 0;
function checks(name, load) {
  let loaded;
  let pending;
  return {
    load: () => pending ??= load().then(
      (m) => loaded = m,
      (e) => {
        pending = void 0;
        throw e;
      }
    ),
    get: () => {
      if (loaded === void 0) throw new Error(`the checks of ${name} were not loaded before evaluation (loadChecks)`);
      return loaded;
    }
  };
}
var BASE_IMAGES = checks("base-images", () => import("./base-images-GO6CNIQ7.js"));
var FRESHNESS = checks("base-current and pins-current", () => import("./freshness-FVR7RKP6.js"));
var TRUST = checks("signature, provenance and attestations", () => import("./trust-IUB6BHA2.js"));
var QUORUM = checks("signature (quorum)", () => import("./quorum-RJCDVYM3.js"));
var SBOM = checks("sbom and licenses", () => import("./sbom-2A2XKSYQ.js"));
var VULNERABILITIES = checks("vulnerabilities", () => import("./vulnerabilities-ZSCGWU7U.js"));
var loadSignature = () => Promise.all([TRUST.load(), QUORUM.load()]);
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
    load: BASE_IMAGES.load,
    check: (s, rs) => BASE_IMAGES.get().checkBaseImages(s, rs.baseImages),
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
    load: loadSignature,
    check: (s, rs) => [
      ...rs.signature ? TRUST.get().checkSignature(s, rs.signature) : [],
      ...rs.quorum ? QUORUM.get().checkQuorum(s, rs.quorum) : []
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
    load: TRUST.load,
    check: (s, rs) => TRUST.get().checkProvenance(s, rs.provenance),
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
    load: TRUST.load,
    check: (s, rs, ctx) => TRUST.get().checkAttestations(s, rs.attestations, ctx.attesters, rs.conditions),
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
    load: SBOM.load,
    check: (s, rs, ctx) => SBOM.get().checkSbom(s, rs.sbom, ctx.attesters.signature.length + ctx.attesters.provenance.length > 0),
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
    load: SBOM.load,
    check: (s, rs) => SBOM.get().checkLicenses(s, rs.licenses),
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
    load: VULNERABILITIES.load,
    check: (s, rs) => VULNERABILITIES.get().checkVulnerabilities(s, rs.vulnerabilities),
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
    load: FRESHNESS.load,
    check: (s, rs) => FRESHNESS.get().checkBaseCurrent(s, rs.baseCurrent),
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
    load: FRESHNESS.load,
    check: (s, rs) => FRESHNESS.get().checkPinsCurrent(s, rs.pinsCurrent),
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
  COSIGN_VULN_PREDICATE,
  OPENVEX_PREDICATES,
  VEX_MAX_BYTES,
  SPDX_PREDICATE,
  CYCLONEDX_PREDICATE,
  isSbomPredicate,
  sbomFormatOf,
  RULE_TABLE,
  RULES
};
//# sourceMappingURL=chunk-HZ22G5RC.js.map
