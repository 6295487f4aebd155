
import {
  MAX_LICENSE_FINDINGS,
  checkLicenses,
  checkSbom,
  noSbom
} from "./chunk-XCJ63TIE.js";
import "./chunk-K3P4OLEL.js";
import "./chunk-52YX4SDC.js";
import "./chunk-6SKDKR6X.js";
import "./chunk-5ZVV6U6K.js";
import "./chunk-5MNGJITQ.js";
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
//# sourceMappingURL=sbom-Z3O3PRG4.js.map
