import { RegistryError } from './errors.js'
import { MANIFEST_LIMIT } from './manifests.js'
import { headerValue, statusError } from './responses.js'
import type { Repo, Send, TagList } from './types.js'

/** Tag lists are read 100 a page, up to 10 pages. */
export const TAG_PAGE = 100
export const TAG_PAGES = 10

/** The client's tag listing: a repository's tags, page by page, bounded, once per repository per run. */
export class TagReader {
  private readonly send: Send
  private readonly tagLists = new Map<string, Promise<TagList>>()

  constructor(send: Send) {
    this.send = send
  }

  /** The repository's tags, following `Link` pagination; bounded, once per repository per run. */
  listTags(repo: Repo): Promise<TagList> {
    const key = `${repo.registry}/${repo.repository}`
    let p = this.tagLists.get(key)
    if (!p) {
      p = this.fetchTags(repo)
      this.tagLists.set(key, p)
      p.catch(() => {})
    }
    return p
  }

  private async fetchTags(repo: Repo): Promise<TagList> {
    const tags: string[] = []
    let path: string | undefined = `/tags/list?n=${TAG_PAGE}`
    for (let page = 0; path !== undefined; page++) {
      if (page >= TAG_PAGES) return { tags, truncated: true }
      const res = await this.send(repo, 'GET', path, { accept: 'application/json' }, MANIFEST_LIMIT)
      if (res.status !== 200) throw statusError(res, repo, 'tag list')
      let body: { tags?: unknown }
      try {
        body = JSON.parse(res.body.toString('utf8')) as { tags?: unknown }
      } catch {
        throw new RegistryError('invalid', `${repo.registry}/${repo.repository}: the tag list is not valid JSON`, {
          host: repo.registry
        })
      }
      if (Array.isArray(body.tags)) for (const t of body.tags) if (typeof t === 'string') tags.push(t)
      path = nextPage(headerValue(res.headers.link), repo.repository)
    }
    return { tags, truncated: false }
  }
}

/** The next page from a `Link: </v2/NAME/tags/list?n=100&last=x>; rel="next"` header, as a path under /v2/NAME. */
export function nextPage(link: string | undefined, repository: string): string | undefined {
  if (!link) return undefined
  const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link)
  if (!m) return undefined
  let url: URL
  try {
    url = new URL(m[1]!, 'http://registry.invalid')
  } catch {
    return undefined
  }
  const prefix = `/v2/${repository}`
  // Only a page of the same repository's tag list is followed.
  if (url.pathname !== `${prefix}/tags/list`) return undefined
  return `/tags/list${url.search}`
}
