import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  MAX_LISTED_FILES,
  PULL_REQUEST_EVENTS,
  TooManyChangedFiles,
  changedFiles,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
} from "./chunk-C6LKGVWW.js";
import "./chunk-ICX6UQBJ.js";
import "./chunk-JDTRB6KJ.js";
import "./chunk-SHVH6DLG.js";
import "./chunk-SNEHC4Y2.js";
export {
  MAX_LISTED_FILES,
  PULL_REQUEST_EVENTS,
  TooManyChangedFiles,
  changedFiles,
  proxyFetch,
  pullRequestNumber,
  repositoryFromEnv
};
//# sourceMappingURL=changed-7YYIV7FC.js.map
