import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  loadLicenseParser,
  parseLicense
} from "./chunk-6AWVIXMN.js";
import "./chunk-NVISW2PI.js";
import "./chunk-4O7ZBQOK.js";
import "./chunk-UAHTLK6Z.js";
import "./chunk-BAUT6WHE.js";
import "./chunk-YXBYMLVZ.js";
import "./chunk-CIYK7HGJ.js";
export {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  loadLicenseParser,
  parseLicense
};
//# sourceMappingURL=licenses-CEF4WVNH.js.map
