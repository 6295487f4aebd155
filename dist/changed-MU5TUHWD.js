import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  MAX_LISTED_FILES,
  PULL_REQUEST_EVENTS,
  TooManyChangedFiles,
  changedFiles,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
} from "./chunk-4TSZCKQV.js";
import "./chunk-B4TVMQ5J.js";
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
//# sourceMappingURL=changed-MU5TUHWD.js.map
