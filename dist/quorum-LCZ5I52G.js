
import {
  checkQuorum,
  describeQuorum,
  judgeQuorum,
  quorumOutcome,
  quorumReports,
  signedBy
} from "./chunk-2LJNLLM7.js";
import "./chunk-QMVE5JVD.js";
import "./chunk-KIIRLHSQ.js";
import "./chunk-I7UKZHVW.js";
import "./chunk-ZINB6WTQ.js";
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
//# sourceMappingURL=quorum-LCZ5I52G.js.map
