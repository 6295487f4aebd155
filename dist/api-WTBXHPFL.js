import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
} from "./chunk-LXBE3C37.js";
import "./chunk-VZQXXFRS.js";
import "./chunk-65F667HR.js";
import "./chunk-H64ZGIEN.js";
export {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
};
//# sourceMappingURL=api-WTBXHPFL.js.map
