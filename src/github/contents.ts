/**
 * One file of a GitHub repository at a commit, through the contents API: how the gate reads what decides its verdict
 * (the policy, keys, trusted roots) from a place the pull request under review cannot write. The token goes to the
 * API host only, through the runner's proxy; redirects are not followed; the body is read within a bound.
 */
import { BodyTooLarge, readResponseBounded } from '../core/bounded-read.js'
import { proxyFetch } from './api.js'
import { GateError } from '../core/errors.js'

/** The whole request, body included, must be done by then. */
const CONTENTS_TIMEOUT_MS = 30_000

export interface RepositoryFile {
  owner: string
  repo: string
  /** Repository-relative, `/`-separated, no `..`. */
  path: string
  /** A commit SHA, a branch or a tag. */
  ref: string
}

export interface ContentsClient {
  token: string
  /** `GITHUB_API_URL`: https://api.github.com, or a GitHub Enterprise Server's `/api/v3`. */
  apiUrl: string
}

/** A trusted file that cannot be read: the message says which, where, and what would make it readable. */
export class ContentsError extends GateError {
  constructor(message: string) {
    super('source', message)
  }
}

export function describeFile(f: RepositoryFile): string {
  return `${f.owner}/${f.repo}/${f.path}@${f.ref}`
}

/** The contents API's URL for a file: every path segment escaped, the ref as a query parameter. */
export function contentsUrl(apiUrl: string, f: RepositoryFile): string {
  const base = apiUrl.replace(/\/+$/, '')
  const path = f.path.split('/').map(encodeURIComponent).join('/')
  return `${base}/repos/${encodeURIComponent(f.owner)}/${encodeURIComponent(f.repo)}/contents/${path}?ref=${encodeURIComponent(f.ref)}`
}

/** The contents API's answer for one path, parsed; every failure a ContentsError naming it. */
async function requestContents(
  client: ContentsClient,
  f: RepositoryFile,
  bodyLimit: number,
  what: string
): Promise<unknown> {
  const url = contentsUrl(client.apiUrl, f)
  const viaProxy = proxyFetch(client.apiUrl)
  const signal = AbortSignal.timeout(CONTENTS_TIMEOUT_MS)
  let res: Response
  try {
    res = await (viaProxy ?? fetch)(url, {
      redirect: 'manual',
      signal,
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'image-gate',
        ...(client.token ? { authorization: `Bearer ${client.token}` } : {})
      }
    })
  } catch (e) {
    const why = signal.aborted ? `no answer within ${CONTENTS_TIMEOUT_MS / 1000} s` : (e as Error).message
    throw new ContentsError(`${what}: the GitHub API at ${new URL(client.apiUrl).host} could not be reached: ${why}`)
  }
  let body: Buffer
  try {
    body = await readResponseBounded(res, bodyLimit)
  } catch (e) {
    if (e instanceof BodyTooLarge)
      throw new ContentsError(`${what}: the GitHub API answered with more than ${bodyLimit} bytes`)
    // Cut off mid-answer: the deadline, or a reset. Named as any failure to reach the API is.
    const why = signal.aborted ? `no answer within ${CONTENTS_TIMEOUT_MS / 1000} s` : (e as Error).message
    throw new ContentsError(`${what}: the GitHub API at ${new URL(client.apiUrl).host} could not be read: ${why}`)
  }
  if (res.status === 404) {
    throw new ContentsError(
      `${what}: not found, or github-token may not read ${f.owner}/${f.repo} (GitHub answers both with 404); check the path and ref, and give a token with contents: read on that repository`
    )
  }
  if (res.status === 401 || res.status === 403) {
    throw new ContentsError(
      `${what}: the GitHub API refused github-token (${res.status}); give a token with contents: read on ${f.owner}/${f.repo}`
    )
  }
  if (res.status >= 300 && res.status < 400) {
    throw new ContentsError(
      `${what}: the GitHub API redirects (${res.status}): the repository was renamed or moved; name it as it is now`
    )
  }
  if (res.status !== 200) throw new ContentsError(`${what}: the GitHub API answered ${res.status}`)
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new ContentsError(`${what}: the GitHub API answered with something that is not JSON`)
  }
}

/**
 * Reads one file, at most `maxBytes` long; messages call it `what`. Every failure is a ContentsError naming the file: not found (or not
 * readable with this token, which GitHub answers the same way), forbidden, a directory, too large, a redirect, a
 * network failure or a timeout.
 */
export async function readRepositoryFile(
  client: ContentsClient,
  f: RepositoryFile,
  maxBytes: number,
  what = describeFile(f)
): Promise<Buffer> {
  // Base64 grows a file by a third; the JSON around it is small.
  const doc = await requestContents(client, f, Math.ceil(maxBytes * 1.4) + 64 * 1024, what)
  if (Array.isArray(doc)) throw new ContentsError(`${what}: is a directory; name a file`)
  const file = doc as { type?: unknown; encoding?: unknown; content?: unknown; size?: unknown }
  if (file.type !== 'file')
    throw new ContentsError(
      `${what}: is a ${typeof file.type === 'string' ? file.type.slice(0, 20) : 'thing that is not a file'}; name a file`
    )
  if (typeof file.size === 'number' && file.size > maxBytes)
    throw new ContentsError(`${what}: is ${file.size} bytes, more than the ${maxBytes} such a file may have`)
  if (file.encoding !== 'base64' || typeof file.content !== 'string')
    throw new ContentsError(`${what}: the GitHub API did not send its content (files over 1 MB are not sent)`)
  const bytes = Buffer.from(file.content, 'base64')
  if (bytes.length > maxBytes)
    throw new ContentsError(`${what}: is ${bytes.length} bytes, more than the ${maxBytes} such a file may have`)
  return bytes
}

/** One entry of a directory listing: its kind and its repository-relative path. */
export interface DirectoryEntry {
  type: 'file' | 'dir' | 'other'
  path: string
}

/** Most entries one directory listing may hold. */
const MAX_LISTING = 1000

/** Lists one directory (its direct entries, as the contents API gives them); a file, or a listing past the bound, is a ContentsError. */
export async function listRepositoryDirectory(
  client: ContentsClient,
  f: RepositoryFile,
  what = describeFile(f)
): Promise<DirectoryEntry[]> {
  const doc = await requestContents(client, f, 1 << 20, what)
  if (!Array.isArray(doc)) throw new ContentsError(`${what}: is a file; name a directory`)
  if (doc.length >= MAX_LISTING) throw new ContentsError(`${what}: lists ${MAX_LISTING} entries or more`)
  return doc.flatMap((e: unknown): DirectoryEntry[] => {
    const entry = e as { type?: unknown; path?: unknown }
    if (typeof entry.path !== 'string') return []
    return [{ type: entry.type === 'file' ? 'file' : entry.type === 'dir' ? 'dir' : 'other', path: entry.path }]
  })
}
