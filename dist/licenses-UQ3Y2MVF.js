import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  loadLicenseParser,
  parseLicense
} from "./chunk-4M6QGKYM.js";
import "./chunk-V2ZCWMF3.js";
import "./chunk-YIY7EAOX.js";
import "./chunk-C5NMYM6F.js";
import "./chunk-7JOGQH3L.js";
import "./chunk-SIPSJUM4.js";
import "./chunk-YA2T6FFF.js";
export {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  loadLicenseParser,
  parseLicense
};
//# sourceMappingURL=licenses-UQ3Y2MVF.js.map
