
import {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  licenseTokens,
  loadLicenseParser,
  parseLicense
} from "./chunk-DKQD7TJL.js";
import "./chunk-A6VFLDUP.js";
import "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import "./chunk-SHE36Q3O.js";
export {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  licenseTokens,
  loadLicenseParser,
  parseLicense
};
//# sourceMappingURL=licenses-ENJFK5UD.js.map
