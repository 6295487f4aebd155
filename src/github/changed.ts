import { getOctokit } from '@actions/github'
import { proxyFetch } from './api.js'
import { GateError } from '../core/errors.js'

/** The most files the pull request files API lists; a pull request that changes more is not fully listed. */
export const MAX_LISTED_FILES = 3000
/** The whole listing (every page) must be done by then. */
const LIST_TIMEOUT_MS = 60_000

/** Thrown when the pull request changes more files than the API lists: check every file instead. */
export class TooManyChangedFiles extends GateError {
  constructor(count: number) {
    super(
      'too-many-files',
      `the pull request changes ${count} or more files, more than the GitHub API lists (${MAX_LISTED_FILES})`
    )
  }
}

/**
 * The files a pull request adds or modifies (renamed files under their new name; removed files left out),
 * repository-relative, from the pull request files API with every page followed.
 */
export async function changedFiles(opts: {
  token: string
  apiUrl?: string
  owner: string
  repo: string
  pull: number
}): Promise<string[]> {
  const baseUrl = (opts.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '')
  const viaProxy = proxyFetch(baseUrl)
  const octokit = getOctokit(opts.token, {
    baseUrl,
    request: { signal: AbortSignal.timeout(LIST_TIMEOUT_MS), ...(viaProxy ? { fetch: viaProxy } : {}) }
  })
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: opts.owner,
    repo: opts.repo,
    pull_number: opts.pull,
    per_page: 100
  })
  if (files.length >= MAX_LISTED_FILES) throw new TooManyChangedFiles(files.length)
  return [...new Set(files.filter(f => f.status !== 'removed').map(f => f.filename))].sort()
}
