import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  MAX_LISTED_FILES,
  PULL_REQUEST_EVENTS,
  TooManyChangedFiles,
  changedFiles,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
} from "./chunk-DXXXAJGF.js";
import "./chunk-MVULKY6R.js";
import "./chunk-X77DSJDT.js";
import "./chunk-7HCC7PC5.js";
import "./chunk-NT35QWKV.js";
export {
  MAX_LISTED_FILES,
  PULL_REQUEST_EVENTS,
  TooManyChangedFiles,
  changedFiles,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
};
//# sourceMappingURL=changed-BJD2SSZW.js.map
