
import {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
} from "./chunk-3XPIXVUT.js";
import "./chunk-W5D7XUTN.js";
import "./chunk-MT22UEVM.js";
import "./chunk-SHE36Q3O.js";
export {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
};
//# sourceMappingURL=api-H3VL5IH3.js.map
