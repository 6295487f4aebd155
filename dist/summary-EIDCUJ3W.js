
import {
  SUMMARY_MAX_BYTES,
  escapeHtml,
  renderSummary,
  shortDigests
} from "./chunk-CJWOE6O7.js";
import "./chunk-72YBMOJE.js";
import "./chunk-UI3FKCFN.js";
import "./chunk-4WEUUYXI.js";
import "./chunk-VR24TUVX.js";
import "./chunk-232L6EHX.js";
import "./chunk-2DRRLVAF.js";
import "./chunk-YA2T6FFF.js";
export {
  SUMMARY_MAX_BYTES,
  escapeHtml,
  renderSummary,
  shortDigests
};
//# sourceMappingURL=summary-EIDCUJ3W.js.map
