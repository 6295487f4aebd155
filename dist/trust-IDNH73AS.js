
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
} from "./chunk-NUM4YY4U.js";
import "./chunk-KIIRLHSQ.js";
import "./chunk-5ZVV6U6K.js";
import "./chunk-5MNGJITQ.js";
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
//# sourceMappingURL=trust-IDNH73AS.js.map
