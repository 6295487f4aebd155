import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
} from "./chunk-CLZEOAEQ.js";
import "./chunk-WNPPXLAX.js";
import "./chunk-CBEX4YMQ.js";
import "./chunk-CIYK7HGJ.js";
export {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
};
//# sourceMappingURL=api-QHUOPHBV.js.map
