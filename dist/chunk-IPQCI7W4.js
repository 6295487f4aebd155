
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/oci/platform.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var PART = /^[a-z0-9][a-z0-9._-]*$/;
var PLATFORM_PART_MAX = 64;
function platformProblem(p) {
  const parts = [
    ["os", p.os],
    ["architecture", p.architecture]
  ];
  if (p.variant !== void 0 && p.variant !== "") parts.push(["variant", p.variant]);
  for (const [name, value] of parts) {
    if (typeof value !== "string") return `its ${name} is not a string`;
    if (value.length === 0 || value.length > PLATFORM_PART_MAX || !PART.test(value.toLowerCase())) {
      return `its ${name} (${value.length} characters) is not a platform word: letters, digits, ".", "_" and "-", at most ${PLATFORM_PART_MAX}`;
    }
  }
  return void 0;
}
function normalizePlatform(p) {
  let os = p.os.toLowerCase();
  if (os === "macos") os = "darwin";
  let architecture = p.architecture.toLowerCase();
  let variant = p.variant ? p.variant.toLowerCase() : void 0;
  switch (architecture) {
    case "i386":
      architecture = "386";
      variant = void 0;
      break;
    case "x86_64":
    case "x86-64":
    case "amd64":
      architecture = "amd64";
      if (variant === "v1") variant = void 0;
      break;
    case "aarch64":
    case "arm64":
      architecture = "arm64";
      if (variant === void 0 || variant === "8" || variant === "v8" || variant === "v8.0") variant = "v8";
      else if (variant === "9" || variant === "9.0" || variant === "v9.0") variant = "v9";
      break;
    case "armhf":
      architecture = "arm";
      variant = "v7";
      break;
    case "armel":
      architecture = "arm";
      variant = "v6";
      break;
    case "arm":
      if (variant === void 0 || variant === "7") variant = "v7";
      else if (variant === "5" || variant === "6" || variant === "8") variant = `v${variant}`;
      break;
  }
  return variant ? { os, architecture, variant } : { os, architecture };
}
function parsePlatform(text) {
  const parts = text.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !PART.test(p.toLowerCase()))) {
    throw new Error(`"${text}" is not a platform: write os/arch or os/arch/variant, like linux/amd64 or linux/arm/v7`);
  }
  const [os, architecture, variant] = parts;
  return normalizePlatform(variant ? { os, architecture, variant } : { os, architecture });
}
function formatPlatform(p) {
  const variant = p.architecture === "arm64" && p.variant === "v8" ? void 0 : p.variant;
  return variant ? `${p.os}/${p.architecture}/${variant}` : `${p.os}/${p.architecture}`;
}
function samePlatform(a, b) {
  return formatPlatform(normalizePlatform(a)) === formatPlatform(normalizePlatform(b));
}
function isAttestationPlatform(p) {
  return p !== void 0 && p.os === "unknown" && p.architecture === "unknown";
}

export {
  platformProblem,
  normalizePlatform,
  parsePlatform,
  formatPlatform,
  samePlatform,
  isAttestationPlatform
};
//# sourceMappingURL=chunk-IPQCI7W4.js.map
