
import {
  checkQuorum,
  describeQuorum,
  judgeQuorum,
  quorumOutcome,
  quorumReports,
  signedBy
} from "./chunk-3QJTZ5MT.js";
import "./chunk-IYMIIVDP.js";
import "./chunk-ZTRCPDWR.js";
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
//# sourceMappingURL=quorum-RJCDVYM3.js.map
