
import {
  checkQuorum,
  describeQuorum,
  judgeQuorum,
  quorumOutcome,
  quorumReports,
  signedBy
} from "./chunk-76AVV5GE.js";
import "./chunk-NUM4YY4U.js";
import "./chunk-KIIRLHSQ.js";
import "./chunk-5ZVV6U6K.js";
import "./chunk-5MNGJITQ.js";
import "./chunk-YIY7EAOX.js";
import "./chunk-7JOGQH3L.js";
import "./chunk-2DRRLVAF.js";
import "./chunk-YA2T6FFF.js";
export {
  checkQuorum,
  describeQuorum,
  judgeQuorum,
  quorumOutcome,
  quorumReports,
  signedBy
};
//# sourceMappingURL=quorum-NDOCDIIS.js.map
