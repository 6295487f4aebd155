import { readFileSync } from 'node:fs'
import { getOctokit } from '@actions/github'
import { HttpClient } from '@actions/http-client'
import { fetch as undiciFetch } from 'undici'

/** The most files the pull request files API lists; a pull request that changes more is not fully listed. */
export const MAX_LISTED_FILES = 3000
/** The whole listing (every page) must be done by then. */
const LIST_TIMEOUT_MS = 60_000

/** The events whose payload is a pull request: `changed-files-only` applies to them, and is ignored elsewhere. */
export const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'])

/** Thrown when the pull request changes more files than the API lists: check every file instead. */
export class TooManyChangedFiles extends Error {
  constructor(count: number) {
    super(`the pull request changes ${count} or more files, more than the GitHub API lists (${MAX_LISTED_FILES})`)
    this.name = 'TooManyChangedFiles'
  }
}

/**
 * The files a pull request adds or modifies (renamed files under their new name; removed files left out),
 * repository-relative, from the pull request files API with every page followed.
 */
export async function changedFiles(opts: { token: string; apiUrl?: string; owner: string; repo: string; pull: number }): Promise<string[]> {
  const baseUrl = (opts.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '')
  const viaProxy = proxyFetch(baseUrl)
  const octokit = getOctokit(opts.token, { baseUrl, request: { signal: AbortSignal.timeout(LIST_TIMEOUT_MS), ...(viaProxy ? { fetch: viaProxy } : {}) } })
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: opts.owner,
    repo: opts.repo,
    pull_number: opts.pull,
    per_page: 100
  })
  if (files.length >= MAX_LISTED_FILES) throw new TooManyChangedFiles(files.length)
  return [...new Set(files.filter(f => f.status !== 'removed').map(f => f.filename))].sort()
}

/**
 * A fetch through the runner's proxy (HTTPS_PROXY / HTTP_PROXY, NO_PROXY) for `baseUrl`, or undefined when it is
 * reached directly. Request options replace getOctokit's defaults, proxy fetch included, so it is given here.
 */
export function proxyFetch(baseUrl: string): typeof fetch | undefined {
  const dispatcher = new HttpClient('image-gate').getAgentDispatcher(baseUrl)
  if (!dispatcher) return undefined
  return ((url: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) => undiciFetch(url, { ...init, dispatcher })) as unknown as typeof fetch
}

/** The pull request number when this run is for a pull request event (read from the event payload), else undefined. */
export function pullRequestNumber(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const event = env.GITHUB_EVENT_NAME ?? ''
  if (!PULL_REQUEST_EVENTS.has(event) || !env.GITHUB_EVENT_PATH) return undefined
  try {
    const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { number?: unknown; pull_request?: { number?: unknown } }
    const n = payload.pull_request?.number ?? payload.number
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined
  } catch {
    return undefined
  }
}

/** `owner` and `repo` from GITHUB_REPOSITORY (`owner/repo`). */
export function repositoryFromEnv(env: NodeJS.ProcessEnv = process.env): { owner: string; repo: string } | undefined {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(env.GITHUB_REPOSITORY ?? '')
  return m && m[1] && m[2] ? { owner: m[1], repo: m[2] } : undefined
}
