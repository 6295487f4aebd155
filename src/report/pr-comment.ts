/**
 * Keeps the one pull-request comment of this step: through @actions/github with the job's token, to the
 * GitHub API host only (GITHUB_API_URL), through the runner's proxy. Never edits a comment it did not write.
 */
import { getOctokit } from '@actions/github'
import { describeError } from '../registry/errors.js'
import { proxyFetch } from '../github/api.js'

/** Pages of 100 comments read at most while looking for the marker. */
export const MAX_COMMENT_PAGES = 30
/** Every request of the comment, together, must be done by then. */
const COMMENT_TIMEOUT_MS = 60_000

export interface CommentTarget {
  token: string
  apiUrl: string
  owner: string
  repo: string
  pull: number
  marker: string
}

export type CommentOutcome =
  { action: 'created' | 'updated'; id: number; url: string } | { action: 'skipped'; why: string }

/** Logins compared as GitHub spells them in GraphQL (`github-actions`) and REST (`github-actions[bot]`). */
function sameLogin(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/\[bot\]$/, '')
  return norm(a) === norm(b)
}

type Octokit = ReturnType<typeof getOctokit>

/**
 * The login of the token's own identity: GraphQL's viewer answers for every kind of token (the job's token is
 * `github-actions`); REST's /user answers for a person's token only.
 */
async function whoAmI(octokit: Octokit): Promise<string> {
  let failure: unknown
  try {
    const v = await octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }')
    if (typeof v?.viewer?.login === 'string' && v.viewer.login !== '') return v.viewer.login
  } catch (e) {
    failure = e
  }
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    if (typeof data.login === 'string' && data.login !== '') return data.login
  } catch {
    // The GraphQL failure says more.
  }
  throw failure ?? new Error('the GitHub API did not say whose token this is')
}

interface IssueComment {
  id: number
  body?: string | null
  user: { login: string } | null
  html_url: string
}

/**
 * Finds this step's comment (the marker, written by the token's own identity) and edits it, or posts one. `body`
 * gets what the comment said before, so that a pass after a fail can say so.
 */
export async function upsertComment(
  target: CommentTarget,
  body: (previous: string | undefined) => string
): Promise<CommentOutcome> {
  const baseUrl = target.apiUrl.replace(/\/+$/, '')
  const viaProxy = proxyFetch(baseUrl)
  const octokit = getOctokit(target.token, {
    baseUrl,
    request: {
      signal: AbortSignal.timeout(COMMENT_TIMEOUT_MS),
      redirect: 'error',
      ...(viaProxy ? { fetch: viaProxy } : {})
    }
  })
  const login = await whoAmI(octokit)
  const repo = { owner: target.owner, repo: target.repo, issue_number: target.pull }
  let mine: IssueComment | undefined
  for (let page = 1; page <= MAX_COMMENT_PAGES && !mine; page++) {
    const { data } = await octokit.rest.issues.listComments({ ...repo, per_page: 100, page })
    const list = data as IssueComment[]
    mine = list.find(
      c =>
        c.user !== null &&
        sameLogin(c.user.login, login) &&
        typeof c.body === 'string' &&
        c.body.startsWith(target.marker)
    )
    if (list.length < 100) break
    if (page === MAX_COMMENT_PAGES && !mine) {
      return {
        action: 'skipped',
        why: `the pull request has more than ${MAX_COMMENT_PAGES * 100} comments; image-gate read that many and did not find its own`
      }
    }
  }
  if (mine) {
    const { data } = await octokit.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: mine.id,
      body: body(mine.body ?? undefined)
    })
    return { action: 'updated', id: data.id, url: data.html_url }
  }
  const { data } = await octokit.rest.issues.createComment({ ...repo, body: body(undefined) })
  return { action: 'created', id: data.id, url: data.html_url }
}

/** What a failed comment request means for the user. */
export function commentFailure(e: unknown, pull: number): string {
  const status = (e as { status?: unknown }).status
  if (status === 403 || status === 401) {
    return `the token may not comment on pull request #${pull} (HTTP ${status}): give the job "permissions: pull-requests: write" (a pull request from a fork gets a read-only token)`
  }
  if (status === 404)
    return `pull request #${pull} or its comments were not found (HTTP 404): the token may not see this repository`
  return `the comment on pull request #${pull} was not written: ${describeError(e)}`
}
