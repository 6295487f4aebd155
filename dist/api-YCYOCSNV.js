import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
} from "./chunk-Z4ZRXYY6.js";
import "./chunk-JDTRB6KJ.js";
import "./chunk-SHVH6DLG.js";
import "./chunk-SNEHC4Y2.js";
export {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
};
//# sourceMappingURL=api-YCYOCSNV.js.map
