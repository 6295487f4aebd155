
import {
  getOctokit
} from "./chunk-2XGJNCQY.js";
import {
  proxyFetch
} from "./chunk-3XPIXVUT.js";
import "./chunk-DZRP2ASS.js";
import {
  describeError
} from "./chunk-BHOE3INQ.js";
import "./chunk-W5D7XUTN.js";
import "./chunk-MT22UEVM.js";
import "./chunk-IPQCI7W4.js";
import "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/report/pr-comment.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_COMMENT_PAGES = 30;
var COMMENT_TIMEOUT_MS = 6e4;
function sameLogin(a, b) {
  const norm = (s) => s.toLowerCase().replace(/\[bot\]$/, "");
  return norm(a) === norm(b);
}
async function whoAmI(octokit) {
  let failure;
  try {
    const v = await octokit.graphql("query { viewer { login } }");
    if (typeof v?.viewer?.login === "string" && v.viewer.login !== "") return v.viewer.login;
  } catch (e) {
    failure = e;
  }
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    if (typeof data.login === "string" && data.login !== "") return data.login;
  } catch {
  }
  throw failure ?? new Error("the GitHub API did not say whose token this is");
}
async function upsertComment(target, body) {
  const baseUrl = target.apiUrl.replace(/\/+$/, "");
  const viaProxy = proxyFetch(baseUrl);
  const octokit = getOctokit(target.token, {
    baseUrl,
    request: {
      signal: AbortSignal.timeout(COMMENT_TIMEOUT_MS),
      redirect: "error",
      ...viaProxy ? { fetch: viaProxy } : {}
    }
  });
  const login = await whoAmI(octokit);
  const repo = { owner: target.owner, repo: target.repo, issue_number: target.pull };
  let mine;
  for (let page = 1; page <= MAX_COMMENT_PAGES && !mine; page++) {
    const { data: data2 } = await octokit.rest.issues.listComments({ ...repo, per_page: 100, page });
    const list = data2;
    mine = list.find(
      (c) => c.user !== null && sameLogin(c.user.login, login) && typeof c.body === "string" && c.body.startsWith(target.marker)
    );
    if (list.length < 100) break;
    if (page === MAX_COMMENT_PAGES && !mine) {
      return {
        action: "skipped",
        why: `the pull request has more than ${MAX_COMMENT_PAGES * 100} comments; image-gate read that many and did not find its own`
      };
    }
  }
  if (mine) {
    const { data: data2 } = await octokit.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: mine.id,
      body: body(mine.body ?? void 0)
    });
    return { action: "updated", id: data2.id, url: data2.html_url };
  }
  const { data } = await octokit.rest.issues.createComment({ ...repo, body: body(void 0) });
  return { action: "created", id: data.id, url: data.html_url };
}
function commentFailure(e, pull) {
  const status = e.status;
  if (status === 403 || status === 401) {
    return `the token may not comment on pull request #${pull} (HTTP ${status}): give the job "permissions: pull-requests: write" (a pull request from a fork gets a read-only token)`;
  }
  if (status === 404)
    return `pull request #${pull} or its comments were not found (HTTP 404): the token may not see this repository`;
  return `the comment on pull request #${pull} was not written: ${describeError(e)}`;
}
export {
  MAX_COMMENT_PAGES,
  commentFailure,
  upsertComment
};
//# sourceMappingURL=pr-comment-BETAE6LE.js.map
