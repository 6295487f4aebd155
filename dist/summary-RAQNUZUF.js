
import {
  SUMMARY_MAX_BYTES,
  escapeHtml,
  renderSummary,
  shortDigests
} from "./chunk-UPDZKMPH.js";
import "./chunk-XXP2TPTK.js";
import "./chunk-IKJXDASR.js";
import "./chunk-IOGWUVS2.js";
import "./chunk-JKCKZTIS.js";
import "./chunk-3EXKOP6I.js";
import "./chunk-6XVK6575.js";
import "./chunk-SHE36Q3O.js";
export {
  SUMMARY_MAX_BYTES,
  escapeHtml,
  renderSummary,
  shortDigests
};
//# sourceMappingURL=summary-RAQNUZUF.js.map
