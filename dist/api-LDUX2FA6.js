
import {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
} from "./chunk-2DEAEVOV.js";
import "./chunk-EIB2HX3E.js";
import "./chunk-IFHCNWTG.js";
import "./chunk-YA2T6FFF.js";
export {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
};
//# sourceMappingURL=api-LDUX2FA6.js.map
