
import {
  MAX_LICENSE_FINDINGS,
  checkLicenses,
  checkSbom,
  noSbom
} from "./chunk-FUGJ3ZK7.js";
import "./chunk-DKQD7TJL.js";
import "./chunk-Y5I46MST.js";
import "./chunk-IPQCI7W4.js";
import "./chunk-A6VFLDUP.js";
import "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import "./chunk-SHE36Q3O.js";
export {
  MAX_LICENSE_FINDINGS,
  checkLicenses,
  checkSbom,
  noSbom
};
//# sourceMappingURL=sbom-2A2XKSYQ.js.map
