
import {
  getOctokit
} from "./chunk-2XGJNCQY.js";
import {
  proxyFetch
} from "./chunk-3XPIXVUT.js";
import "./chunk-DZRP2ASS.js";
import "./chunk-W5D7XUTN.js";
import "./chunk-MT22UEVM.js";
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/github/changed.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_LISTED_FILES = 3e3;
var LIST_TIMEOUT_MS = 6e4;
var TooManyChangedFiles = class extends GateError {
  constructor(count) {
    super(
      "too-many-files",
      `the pull request changes ${count} or more files, more than the GitHub API lists (${MAX_LISTED_FILES})`
    );
  }
};
async function changedFiles(opts) {
  const baseUrl = (opts.apiUrl ?? process.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const viaProxy = proxyFetch(baseUrl);
  const octokit = getOctokit(opts.token, {
    baseUrl,
    request: { signal: AbortSignal.timeout(LIST_TIMEOUT_MS), ...viaProxy ? { fetch: viaProxy } : {} }
  });
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: opts.owner,
    repo: opts.repo,
    pull_number: opts.pull,
    per_page: 100
  });
  if (files.length >= MAX_LISTED_FILES) throw new TooManyChangedFiles(files.length);
  return [...new Set(files.filter((f) => f.status !== "removed").map((f) => f.filename))].sort();
}
export {
  MAX_LISTED_FILES,
  TooManyChangedFiles,
  changedFiles
};
//# sourceMappingURL=changed-SEGEXOFV.js.map
