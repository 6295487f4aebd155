
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
} from "./chunk-ZTRCPDWR.js";
import "./chunk-RPWR6KMM.js";
import "./chunk-A6VFLDUP.js";
import "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import "./chunk-SHE36Q3O.js";
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
//# sourceMappingURL=trust-IUB6BHA2.js.map
