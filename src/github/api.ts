/**
 * The GitHub API as every part of the gate reaches it: through the runner's proxy, and with what the runner says of
 * the event (the pull request, the repository, the commits).
 */
import { readFileSync } from 'node:fs'
import { HttpClient } from '@actions/http-client'
import { fetch as undiciFetch } from 'undici'

/** The events whose payload is a pull request: `changed-files-only` and `comment` apply to them. */
export const PULL_REQUEST_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment'
])

/**
 * A fetch through the runner's proxy (HTTPS_PROXY / HTTP_PROXY, NO_PROXY) for `baseUrl`, or undefined when it is
 * reached directly. Request options replace getOctokit's defaults, proxy fetch included, so it is given here.
 */
export function proxyFetch(baseUrl: string): typeof fetch | undefined {
  const dispatcher = new HttpClient('image-gate').getAgentDispatcher(baseUrl)
  if (!dispatcher) return undefined
  return ((url: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(url, { ...init, dispatcher })) as unknown as typeof fetch
}

interface PullRequestPayload {
  number?: unknown
  pull_request?: { number?: unknown; base?: { sha?: unknown } }
}

/** The event payload of a pull request event, or undefined on other events and when it cannot be read. */
function pullRequestPayload(env: NodeJS.ProcessEnv): PullRequestPayload | undefined {
  const event = env.GITHUB_EVENT_NAME ?? ''
  if (!PULL_REQUEST_EVENTS.has(event) || !env.GITHUB_EVENT_PATH) return undefined
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as PullRequestPayload
  } catch {
    return undefined
  }
}

/** The pull request number when this run is for a pull request event (read from the event payload), else undefined. */
export function pullRequestNumber(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const payload = pullRequestPayload(env)
  const n = payload?.pull_request?.number ?? payload?.number
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined
}

/**
 * The commit a pull request is judged against: its base (`pull_request.base.sha` of the event) on a pull request
 * event, `GITHUB_SHA` on any other; undefined when neither is known. `pullRequest` says which it was.
 */
export function baseCommit(env: NodeJS.ProcessEnv = process.env): { sha: string; pullRequest: boolean } | undefined {
  const isFull = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(s)
  if (PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '')) {
    const sha = pullRequestPayload(env)?.pull_request?.base?.sha
    // A pull request event whose base cannot be read is never judged by the head's own commit.
    return isFull(sha) ? { sha, pullRequest: true } : undefined
  }
  return isFull(env.GITHUB_SHA) ? { sha: env.GITHUB_SHA, pullRequest: false } : undefined
}

/** `owner` and `repo` from GITHUB_REPOSITORY (`owner/repo`). */
export function repositoryFromEnv(env: NodeJS.ProcessEnv = process.env): { owner: string; repo: string } | undefined {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(env.GITHUB_REPOSITORY ?? '')
  return m && m[1] && m[2] ? { owner: m[1], repo: m[2] } : undefined
}
