
import {
  SUMMARY_MAX_BYTES,
  escapeHtml,
  renderSummary,
  shortDigests
} from "./chunk-E5HNF7CI.js";
import "./chunk-RE4YYCTP.js";
import "./chunk-SKU6JRSK.js";
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
//# sourceMappingURL=summary-2C6GE5KA.js.map
