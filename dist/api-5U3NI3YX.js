import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
} from "./chunk-FV3Y6ENJ.js";
import "./chunk-F74L4ITH.js";
import "./chunk-6ZXZINPU.js";
import "./chunk-SLCVCPFI.js";
import "./chunk-YA2T6FFF.js";
export {
  PULL_REQUEST_EVENTS,
  baseCommit,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
};
//# sourceMappingURL=api-5U3NI3YX.js.map
