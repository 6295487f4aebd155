
import {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  licenseTokens,
  loadLicenseParser,
  parseLicense
} from "./chunk-GXO76S3L.js";
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
  licenseTokens,
  loadLicenseParser,
  parseLicense
};
//# sourceMappingURL=licenses-POM4LLFL.js.map
