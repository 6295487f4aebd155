
import {
  SUMMARY_MAX_BYTES,
  escapeHtml,
  renderSummary,
  shortDigests
} from "./chunk-5Q5RQ3GC.js";
import "./chunk-2EQBYCXI.js";
import "./chunk-2NOBTKDS.js";
import "./chunk-2KT432LG.js";
import "./chunk-N47CI3VC.js";
import "./chunk-XBZBJW3P.js";
import "./chunk-232L6EHX.js";
import "./chunk-6SKDKR6X.js";
import "./chunk-GXO76S3L.js";
import "./chunk-V2ZCWMF3.js";
import "./chunk-YIY7EAOX.js";
import "./chunk-C5NMYM6F.js";
import "./chunk-7JOGQH3L.js";
import "./chunk-SIPSJUM4.js";
import "./chunk-YA2T6FFF.js";
export {
  SUMMARY_MAX_BYTES,
  escapeHtml,
  renderSummary,
  shortDigests
};
//# sourceMappingURL=summary-HQZUGEIV.js.map
