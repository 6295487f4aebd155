
import {
  acceptsNotation,
  acceptsSigner,
  checkAttestations,
  checkProvenance,
  checkSignature,
  describeProvenance,
  describeSigner,
  isAttester,
  judgeDigest,
  judgeImageBy,
  parseWorkflow,
  provenanceProblem,
  readReasons,
  signingWorkflow,
  sourceRepository,
  workflowMatches
} from "./chunk-QMVE5JVD.js";
import "./chunk-KIIRLHSQ.js";
import "./chunk-I7UKZHVW.js";
import "./chunk-ZINB6WTQ.js";
import "./chunk-YIY7EAOX.js";
import "./chunk-7JOGQH3L.js";
import "./chunk-2DRRLVAF.js";
import "./chunk-YA2T6FFF.js";
export {
  acceptsNotation,
  acceptsSigner,
  checkAttestations,
  checkProvenance,
  checkSignature,
  describeProvenance,
  describeSigner,
  isAttester,
  judgeDigest,
  judgeImageBy,
  parseWorkflow,
  provenanceProblem,
  readReasons,
  signingWorkflow,
  sourceRepository,
  workflowMatches
};
//# sourceMappingURL=trust-TK6U43NT.js.map
