
import {
  MAX_LICENSE_FINDINGS,
  checkLicenses,
  checkSbom,
  noSbom
} from "./chunk-IKWXRNYQ.js";
import "./chunk-SWUO3NAD.js";
import "./chunk-52YX4SDC.js";
import "./chunk-6SKDKR6X.js";
import "./chunk-I7UKZHVW.js";
import "./chunk-ZINB6WTQ.js";
import "./chunk-YIY7EAOX.js";
import "./chunk-7JOGQH3L.js";
import "./chunk-2DRRLVAF.js";
import "./chunk-YA2T6FFF.js";
export {
  MAX_LICENSE_FINDINGS,
  checkLicenses,
  checkSbom,
  noSbom
};
//# sourceMappingURL=sbom-TYWJYQHE.js.map
