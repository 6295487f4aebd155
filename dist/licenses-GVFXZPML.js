
import {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  licenseTokens,
  loadLicenseParser,
  parseLicense
} from "./chunk-SWUO3NAD.js";
import "./chunk-I7UKZHVW.js";
import "./chunk-ZINB6WTQ.js";
import "./chunk-YIY7EAOX.js";
import "./chunk-7JOGQH3L.js";
import "./chunk-2DRRLVAF.js";
import "./chunk-YA2T6FFF.js";
export {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  licenseTokens,
  loadLicenseParser,
  parseLicense
};
//# sourceMappingURL=licenses-GVFXZPML.js.map
