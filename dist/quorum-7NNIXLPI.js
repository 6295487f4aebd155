
import {
  checkQuorum,
  describeQuorum,
  judgeQuorum,
  quorumOutcome,
  quorumReports,
  signedBy
} from "./chunk-M4FC2UGJ.js";
import "./chunk-IYMIIVDP.js";
import "./chunk-5ZT6PJ5O.js";
import "./chunk-RPWR6KMM.js";
import "./chunk-A6VFLDUP.js";
import "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import "./chunk-SHE36Q3O.js";
export {
  checkQuorum,
  describeQuorum,
  judgeQuorum,
  quorumOutcome,
  quorumReports,
  signedBy
};
//# sourceMappingURL=quorum-7NNIXLPI.js.map
