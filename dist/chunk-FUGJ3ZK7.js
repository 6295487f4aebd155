
import {
  judgeLicense
} from "./chunk-DKQD7TJL.js";
import {
  platformLabel
} from "./chunk-Y5I46MST.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/rules/sbom.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_LICENSE_FINDINGS = 100;
var MAX_PROBLEMS = 5;
function noSbom(p, content, attestations) {
  const problems = content?.sbomProblems ?? [];
  const more = problems.length > MAX_PROBLEMS ? `; and ${problems.length - MAX_PROBLEMS} more` : "";
  const looked = attestations ? " (looked in the index's attestation manifests and in the attestations of the platform and the index)" : " (looked in the index's attestation manifests; signed attestations are read when a signer is set: signature-keys, signature-identities or provenance)";
  const why = problems.length > 0 ? `: ${problems.slice(0, MAX_PROBLEMS).join("; ")}${more}` : looked;
  return `no SBOM found for ${platformLabel(p)} (${p.digest})${why}`;
}
function checkSbom(s, mode, signers) {
  if (mode === "signed" && !signers)
    return [
      {
        message: "a signed SBOM is required, but no signer is accepted: set signature-keys, signature-identities or provenance"
      }
    ];
  const out = [];
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    const sbom = p.content?.sbom;
    if (!sbom) out.push({ platform, message: noSbom(p, p.content, s.facts.trust !== void 0) });
    else if (mode === "signed" && !sbom.signed) {
      const where = sbom.source === "in-index" ? `it is in the index (${sbom.manifest}), and no accepted signer signed the index digest ${s.facts.digest}` : `its attestation (${sbom.manifest}) is signed by a signer no rule accepts`;
      out.push({ platform, message: `the SBOM of ${platform} is not signed by an accepted signer: ${where}` });
    }
  }
  return out;
}
var named = (pkg) => `${pkg.name}${pkg.version !== void 0 ? `@${pkg.version}` : ""}`;
var quoted = (license) => license.length > 300 ? `${license.slice(0, 300)}\u2026` : license;
function checkLicenses(s, req) {
  const out = [];
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    const sbom = p.content?.sbom;
    if (!sbom) {
      out.push({
        platform,
        message: `${noSbom(p, p.content, s.facts.trust !== void 0)}: the licences cannot be checked`
      });
      continue;
    }
    if (sbom.packages.length === 0) {
      out.push({
        platform,
        message: `the SBOM of ${platform} lists no packages, so the licences cannot be checked (an SBOM of something else than the image looks the same)`
      });
      continue;
    }
    const found = [];
    for (const pkg of sbom.packages) {
      const v = judgeLicense(pkg.license, req.deny);
      if (v.kind === "denied") {
        const ids = v.denied.map((d) => d.pattern === d.license ? d.license : `${d.license} (denied by ${d.pattern})`);
        found.push({
          platform,
          message: `${named(pkg)} is licensed ${quoted(pkg.license)}: it cannot be used without ${(ids.length > 5 ? [...ids.slice(0, 5), `${ids.length - 5} more`] : ids).join(" and ")}`
        });
      } else if (v.kind === "unknown" && req.unknown === "fail") {
        const what = pkg.license === void 0 ? "no licence is given" : `"${quoted(pkg.license)}" is ${v.reason}`;
        found.push({ platform, message: `${named(pkg)}: its licence is unknown (${what}), and unknown licences fail` });
      }
    }
    out.push(...found.slice(0, MAX_LICENSE_FINDINGS));
    if (found.length > MAX_LICENSE_FINDINGS)
      out.push({
        platform,
        message: `and ${found.length - MAX_LICENSE_FINDINGS} more packages of ${platform} with licences that fail (the first ${MAX_LICENSE_FINDINGS} are listed)`
      });
  }
  return out;
}

export {
  MAX_LICENSE_FINDINGS,
  noSbom,
  checkSbom,
  checkLicenses
};
//# sourceMappingURL=chunk-FUGJ3ZK7.js.map
