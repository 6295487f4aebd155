import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SNEHC4Y2.js";

// src/registry/errors.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var RegistryError = class extends Error {
  kind;
  host;
  status;
  codes;
  constructor(kind, message, opts = {}) {
    super(message, opts.cause === void 0 ? void 0 : { cause: opts.cause });
    this.name = "RegistryError";
    this.kind = kind;
    this.host = opts.host;
    this.status = opts.status;
    this.codes = opts.codes ?? [];
  }
};
function registryErrorCodes(body) {
  if (!body || body.length === 0) return { codes: [], message: void 0 };
  try {
    const parsed = JSON.parse(body.toString("utf8"));
    const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
    const codes = errors.map((e) => typeof e.code === "string" ? e.code : "").filter((c) => c !== "");
    const messages = errors.map((e) => typeof e.message === "string" ? e.message : "").filter((m) => m !== "");
    return { codes, message: messages.length > 0 ? messages.join("; ").slice(0, 300) : void 0 };
  } catch {
    return { codes: [], message: void 0 };
  }
}
function describeError(err) {
  if (err instanceof Error) return err.message;
  return String(err);
}

export {
  RegistryError,
  registryErrorCodes,
  describeError
};
//# sourceMappingURL=chunk-FTOQCG6A.js.map
