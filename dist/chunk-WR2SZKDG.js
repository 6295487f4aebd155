
import {
  describeError
} from "./chunk-BHOE3INQ.js";
import {
  redact
} from "./chunk-JKCKZTIS.js";
import {
  PolicyError
} from "./chunk-F5NH5YHL.js";
import {
  isInputError
} from "./chunk-7KWJE3HF.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/describe.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function readmeUrl(env) {
  const action = env.GITHUB_ACTION_REPOSITORY || "acme/image-gate";
  return `${env.GITHUB_SERVER_URL || "https://github.com"}/${action}/blob/${env.GITHUB_ACTION_REF || "main"}/README.md`;
}
function transportOverrides(env) {
  const seconds = (v) => {
    const t = Number(v);
    return v !== void 0 && v.trim() !== "" && Number.isFinite(t) && t > 0 ? t * 1e3 : void 0;
  };
  const timeoutMs = seconds(env.IMAGE_GATE_REQUEST_TIMEOUT);
  const retryBudgetMs = seconds(env.IMAGE_GATE_RETRY_BUDGET);
  return {
    ...timeoutMs !== void 0 ? { timeoutMs } : {},
    ...retryBudgetMs !== void 0 ? { retryBudgetMs } : {}
  };
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function describeFailure(e) {
  if (e instanceof PolicyError) {
    return {
      kind: "policy",
      message: redact(
        `Input "policy": the policy file has ${e.problems.length === 1 ? "a problem" : `${e.problems.length} problems`}:
${e.message}`
      )
    };
  }
  if (isInputError(e)) return { kind: "input", message: redact(e.message) };
  return { kind: "other", message: `image-gate: ${redact(describeError(e))}` };
}

export {
  readmeUrl,
  transportOverrides,
  plural,
  describeFailure
};
//# sourceMappingURL=chunk-WR2SZKDG.js.map
