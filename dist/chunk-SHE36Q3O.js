import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __builtinESM = new WeakMap(), __toESM = (mod, isNodeMode) => mod != null && mod[Symbol.for("image-gate.lazy-builtin")] === true ? __builtinESM.get(mod) ?? (__builtinESM.set(mod, __toESM1(mod, isNodeMode)), __builtinESM.get(mod)) : __toESM1(mod, isNodeMode), __toESM1 = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// <define:__IMAGE_GATE_ACTION_INPUTS__>
var define_IMAGE_GATE_ACTION_INPUTS_default;
var init_define_IMAGE_GATE_ACTION_INPUTS = __esm({
  "<define:__IMAGE_GATE_ACTION_INPUTS__>"() {
    define_IMAGE_GATE_ACTION_INPUTS_default = { images: { description: "Image references to verify, one per line or comma-separated (required unless files is given). Docker Hub short names are normalized (alpine \u2192 docker.io/library/alpine:latest).", required: false, default: "" }, policy: { description: "A YAML policy file: a path relative to the workspace, base:PATH (the repository at the pull request's base commit, or GITHUB_SHA; read with github-token, so a pull request cannot loosen it), or github:OWNER/REPO/PATH@REF (a central policy repository).", required: false, default: "" }, platforms: { description: "Platforms every image must provide, os/arch[/variant], one per line or comma-separated (linux/amd64, linux/arm64).", required: false, default: "" }, "base-images": { description: "Allowed base images, glob patterns over normalized references, one per line or comma-separated; the base is proven by layers.", required: false, default: "" }, "max-age": { description: "Longest time since the image was created, like 30d, 12h, 1w2d (units s m h d w).", required: false, default: "" }, digest: { description: "The digest the image must resolve to (one image; with several, pin each as name@digest).", required: false, default: "" }, "require-digest": { description: "true: every reference must be pinned by digest.", required: false, default: "false" }, registries: { description: "Allowed registries, glob patterns over host[:port], one per line or comma-separated.", required: false, default: "" }, labels: { description: "Required config labels, one per line, KEY (present) or KEY=GLOB (value matches).", required: false, default: "" }, "non-root": { description: "true: the default user must not be root (empty user, root, 0, 0:\u2026 are root).", required: false, default: "false" }, "fail-build": { description: "false: violations are warnings and the step succeeds; the outputs still say fail.", required: false, default: "true" }, username: { description: "Username for registry.", required: false, default: "" }, password: { description: "Password or token for registry.", required: false, default: "" }, registry: { description: "The registry username and password belong to. Default, the registry of the first entry of images; never a registry that only files names.", required: false, default: "" }, "github-token": { description: "Token for ghcr.io, sent to ghcr.io only; it also reads base: and github: sources from the GitHub API (contents: read).", required: false, default: "${{ github.token }}" }, "insecure-registries": { description: "Registries (host[:port]), one per line or comma-separated, whose certificate is not verified - reached over HTTPS without verification, then over plain HTTP if HTTPS cannot be spoken there at all, as Docker does. Loopback hosts always are.", required: false, default: "" }, concurrency: { description: "Requests in flight per registry.", required: false, default: "32" }, summary: { description: "false: do not write the job summary.", required: false, default: "true" }, files: { description: "Glob patterns (one per line or comma-separated), from the workspace, of Dockerfiles, Compose files, Kubernetes manifests, Kustomizations, Helm charts and workflow files whose image references are verified too; findings are annotated on their lines.", required: false, default: "" }, sarif: { description: "Path to write a SARIF 2.1.0 file of the findings, for github/codeql-action/upload-sarif.", required: false, default: "" }, "changed-files-only": { description: "true: on a pull_request event, files is limited to the files the pull request changes.", required: false, default: "false" }, "base-current": { description: "true, or a grace duration (7d): every platform's base must be the current image of the tag it was built from. With a duration, a newer base is reported only once it is older than that.", required: false, default: "false" }, "pins-current": { description: "true, or a grace duration (7d): a reference written name:tag@digest must still be what its tag resolves to (one HEAD per tag). With a duration, a newer image is reported only once it is older than that.", required: false, default: "false" }, cache: { description: "Directory of a content cache (persist it with actions/cache): verified manifests and configs by digest, so that a repeat run only asks each tag's digest with a HEAD. Empty: no cache.", required: false, default: "" }, "signature-keys": { description: "Public keys, one per line (PEM files relative to the workspace, such as cosign.pub, base:PATH or github:OWNER/REPO/PATH@REF files, or inline PEM blocks; ECDSA P-256/384/521 or RSA): the image passes signature when one of them signed its digest.", required: false, default: "" }, "signature-identities": { description: "Keyless signers, one per line or comma-separated: globs over the signing certificate's identity (SAN), matched whole, e.g. https://github.com/acme/app/.github/workflows/release.yml@refs/tags/* or an e-mail address.", required: false, default: "" }, "signature-issuer": { description: "OIDC issuer of signature-identities, matched exactly.", required: false, default: "https://token.actions.githubusercontent.com" }, provenance: { description: "GitHub repositories, one per line or comma-separated (owner/repo, globs like acme/*), whose GitHub Actions must have built the image, proven by a signed SLSA provenance attestation for its digest.", required: false, default: "" }, attestations: { description: "Predicate types, one per line or comma-separated, that must be attested for the image (https://spdx.dev/Document, https://cyclonedx.org/bom), signed by a signer that signature-keys, signature-identities or provenance accepts.", required: false, default: "" }, sbom: { description: "true: every platform must have an SBOM (SPDX or CycloneDX: BuildKit's in the index, or an attestation); signed: one an accepted signer covers (an in-index SBOM counts when the index digest is signed). See docs/compliance.md.", required: false, default: "" }, licenses: { description: "Denied licences, one per line or comma-separated: SPDX ids or globs (AGPL-*, GPL-3.0-*, SSPL-1.0). A package of the SBOM whose licence expression cannot be satisfied without one fails; no SBOM fails. See docs/compliance.md.", required: false, default: "" }, "trusted-root": { description: "Path (or base:PATH or github:OWNER/REPO/PATH@REF file) of a Sigstore trusted root (trusted_root.json, or the JSON lines gh attestation trusted-root prints) for keyless verification. Default, the public-good root shipped inside the action.", required: false, default: "" }, "signature-repository": { description: "registry/repository where signatures and attestations are kept (cosign's COSIGN_REPOSITORY): the image's referrers and .sig/.att tags are looked up there instead of in its own repository.", required: false, default: "" }, "notation-trust-policy": { description: "Path (or base:/github: file) of a Notation trustpolicy.json (version 1.0). A Notary Project signature it verifies satisfies the signature rule. Needs notation-trust-store.", required: false, default: "" }, "notation-trust-store": { description: "Directory (or base:/github: directory) of the Notation trust store the trust policy names: x509/{ca,tsa,signingAuthority}/NAME/ certificates (.pem, .crt, .cer or .der; PEM or DER), as ~/.config/notation/truststore.", required: false, default: "" }, vulnerabilities: { description: "The lowest severity of a known vulnerability that fails: critical, high, medium, low or any (any also fails unknown severity). Read from each platform's SBOM (asked of vulnerability-db) and signed Trivy or Grype reports.", required: false, default: "" }, "vulnerability-db": { description: "Base URL of the OSV API the SBOM's packages are asked of (a mirror for self-hosted runners); none: no database is asked, only signed vulnerability reports are read.", required: false, default: "https://api.osv.dev" }, vex: { description: "OpenVEX documents, one per line or comma-separated (workspace paths, base:<path> or github:<owner>/<repo>/<path>@<ref>): a vulnerability they mark not_affected or fixed for the image is not a finding.", required: false, default: "" }, comment: { description: "true: on a pull_request event, keep one comment on the pull request with the summary's table and findings, edited on later runs (needs permissions pull-requests: write).", required: false, default: "false" } };
  }
});

export {
  __require,
  __esm,
  __commonJS,
  __export,
  __toESM,
  __toCommonJS,
  init_define_IMAGE_GATE_ACTION_INPUTS,
  define_IMAGE_GATE_ACTION_INPUTS_default
};
//# sourceMappingURL=chunk-SHE36Q3O.js.map
