
import {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  licenseTokens,
  loadLicenseParser,
  parseLicense
} from "./chunk-K3P4OLEL.js";
import "./chunk-5ZVV6U6K.js";
import "./chunk-5MNGJITQ.js";
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
//# sourceMappingURL=licenses-ZG46MX5M.js.map
