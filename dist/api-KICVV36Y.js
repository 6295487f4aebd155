
import {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
} from "./chunk-LD63HOYC.js";
import "./chunk-L4DVS4IX.js";
import "./chunk-RYLGVBGD.js";
import "./chunk-YA2T6FFF.js";
export {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
};
//# sourceMappingURL=api-KICVV36Y.js.map
