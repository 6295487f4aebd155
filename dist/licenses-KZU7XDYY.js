import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  loadLicenseParser,
  parseLicense
} from "./chunk-5AWCF6TB.js";
import "./chunk-J2TPAJEM.js";
import "./chunk-FFJM2GUY.js";
import "./chunk-WR6YRQ4J.js";
import "./chunk-7JOGQH3L.js";
import "./chunk-KBM45LLC.js";
import "./chunk-YA2T6FFF.js";
export {
  LICENSE_EXPRESSION_MAX,
  denyEntryProblem,
  judgeLicense,
  loadLicenseParser,
  parseLicense
};
//# sourceMappingURL=licenses-KZU7XDYY.js.map
