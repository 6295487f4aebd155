import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  SUMMARY_MAX_BYTES,
  escapeHtml,
  renderSummary,
  shortDigests
} from "./chunk-6NNDDURI.js";
import "./chunk-SZOFP3RJ.js";
import "./chunk-TDRQ2XBF.js";
import "./chunk-2KT432LG.js";
import "./chunk-N47CI3VC.js";
import "./chunk-XBZBJW3P.js";
import "./chunk-232L6EHX.js";
import "./chunk-6SKDKR6X.js";
import "./chunk-4M6QGKYM.js";
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
//# sourceMappingURL=summary-5G5QHXEH.js.map
