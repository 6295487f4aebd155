
import {
  renderSummary
} from "./chunk-UPDZKMPH.js";
import "./chunk-XXP2TPTK.js";
import "./chunk-IKJXDASR.js";
import "./chunk-IOGWUVS2.js";
import "./chunk-JKCKZTIS.js";
import "./chunk-3EXKOP6I.js";
import {
  require_crypto
} from "./chunk-6XVK6575.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/report/comment.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_crypto = __toESM(require_crypto(), 1);
var COMMENT_MAX_BYTES = 6e4;
function commentMarker(env) {
  const key = [env.GITHUB_WORKFLOW ?? "", env.GITHUB_JOB ?? "", env.GITHUB_ACTION ?? ""].join("\n");
  return `<!-- image-gate comment ${(0, import_node_crypto.createHash)("sha256").update(key).digest("hex").slice(0, 16)} -->`;
}
function recordedResult(body) {
  const m = /<!-- image-gate result (pass|fail) -->/.exec(body);
  return m ? m[1] : void 0;
}
function commentBody(report, opts) {
  const where = opts.runUrl ? `the job summary and JSON report of <a href="${opts.runUrl}">this run</a>` : "the JSON report";
  const lines = [opts.marker, `<!-- image-gate result ${report.result} -->`];
  if (report.result === "pass" && opts.previous === "fail")
    lines.push("<p><b>The gate passes now</b>: the findings of the earlier run are gone.</p>");
  const reserve = lines.join("\n").length + 512;
  lines.push(
    renderSummary(report, {
      maxBytes: COMMENT_MAX_BYTES - reserve,
      now: opts.now,
      // Each image's folded details stay in the job summary; the comment is the verdict, the table and the findings.
      details: false,
      leftTo: where,
      tooLong: "GitHub takes no comment over 65536 characters"
    }).trimEnd()
  );
  if (opts.runUrl) lines.push(`<p><a href="${opts.runUrl}">The run</a></p>`);
  return `${lines.join("\n")}
`;
}
export {
  COMMENT_MAX_BYTES,
  commentBody,
  commentMarker,
  recordedResult
};
//# sourceMappingURL=comment-5BJ7JOAG.js.map
