import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { changedFiles, MAX_LISTED_FILES, TooManyChangedFiles } from '../../../src/github/changed.js'
import { pullRequestNumber, repositoryFromEnv } from '../../../src/github/api.js'

interface Seen {
  method: string
  url: string
  authorization: string | undefined
}

/** A stand-in for the GitHub REST API: the pull request files endpoint, paginated with Link headers. */
function fakeGitHub(): { server: Server; seen: Seen[]; setBase: (url: string) => void } {
  const seen: Seen[] = []
  let base = ''
  const server = createServer((req: IncomingMessage, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization })
    const u = new URL(req.url ?? '/', base)
    const page = Number(u.searchParams.get('page') ?? '1')
    const send = (status: number, body: unknown, link?: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(link ? { link } : {}) })
      res.end(JSON.stringify(body))
    }
    const pageLink = (path: string, next: number, last: number) =>
      `<${base}${path}?per_page=100&page=${next}>; rel="next", <${base}${path}?per_page=100&page=${last}>; rel="last"`
    if (u.pathname === '/repos/acme/app/pulls/7/files') {
      if (page === 1) {
        return send(
          200,
          [
            { filename: 'Dockerfile', status: 'modified' },
            { filename: 'old/compose.yaml', status: 'removed' },
            { filename: 'k8s/new.yaml', status: 'renamed', previous_filename: 'k8s/old.yaml' }
          ],
          pageLink(u.pathname, 2, 2)
        )
      }
      return send(200, [
        { filename: 'compose.yaml', status: 'added' },
        { filename: '.github/workflows/ci.yml', status: 'changed' }
      ])
    }
    if (u.pathname === '/repos/acme/big/pulls/1/files') {
      const files = Array.from({ length: 100 }, (_, i) => ({ filename: `f${page}-${i}`, status: 'added' }))
      return send(200, files, page < 30 ? pageLink(u.pathname, page + 1, 30) : undefined)
    }
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
  })
  return { server, seen, setBase: url => (base = url) }
}

describe('changedFiles', () => {
  const gh = fakeGitHub()
  let api = ''

  beforeAll(async () => {
    await new Promise<void>(ok => gh.server.listen(0, '127.0.0.1', ok))
    api = `http://127.0.0.1:${(gh.server.address() as AddressInfo).port}`
    gh.setBase(api)
  })

  afterAll(async () => {
    await new Promise<void>(ok => gh.server.close(() => ok()))
  })

  test('follows every page, drops removed files, keeps renamed ones under their new name', async () => {
    gh.seen.length = 0
    const files = await changedFiles({ token: 'ghs_test', apiUrl: api, owner: 'acme', repo: 'app', pull: 7 })
    expect(files).toEqual(['.github/workflows/ci.yml', 'Dockerfile', 'compose.yaml', 'k8s/new.yaml'])
    expect(gh.seen.map(s => [s.method, s.url])).toEqual([
      ['GET', '/repos/acme/app/pulls/7/files?per_page=100'],
      ['GET', '/repos/acme/app/pulls/7/files?per_page=100&page=2']
    ])
    expect(gh.seen.every(s => s.authorization === 'token ghs_test')).toBe(true)
  })

  test('uses GITHUB_API_URL when no apiUrl is given', async () => {
    const saved = process.env.GITHUB_API_URL
    process.env.GITHUB_API_URL = `${api}/`
    try {
      expect(await changedFiles({ token: 't', owner: 'acme', repo: 'app', pull: 7 })).toHaveLength(4)
    } finally {
      if (saved === undefined) delete process.env.GITHUB_API_URL
      else process.env.GITHUB_API_URL = saved
    }
  })

  test(`a pull request with ${MAX_LISTED_FILES} files or more is too large to list`, async () => {
    await expect(changedFiles({ token: 't', apiUrl: api, owner: 'acme', repo: 'big', pull: 1 })).rejects.toBeInstanceOf(
      TooManyChangedFiles
    )
  })

  test('an API error rejects', async () => {
    await expect(changedFiles({ token: 't', apiUrl: api, owner: 'acme', repo: 'gone', pull: 1 })).rejects.toMatchObject(
      { status: 404 }
    )
  })
})

describe('pullRequestNumber', () => {
  const dir = mkdtempSync(join(tmpdir(), 'image-gate-event-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const event = (name: string, payload: unknown): NodeJS.ProcessEnv => {
    const path = join(dir, `${name}-${Math.random()}.json`)
    writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload))
    return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: path }
  }

  test.each<[string, string, unknown, number | undefined]>([
    ['pull_request', 'pull_request', { number: 12, pull_request: { number: 12 } }, 12],
    ['pull_request_target', 'pull_request_target', { pull_request: { number: 34 } }, 34],
    ['pull_request_review', 'pull_request_review', { pull_request: { number: 5 } }, 5],
    ['the number at the top', 'pull_request', { number: 9 }, 9],
    ['push', 'push', { number: 12, pull_request: { number: 12 } }, undefined],
    ['workflow_dispatch', 'workflow_dispatch', {}, undefined],
    ['merge_group', 'merge_group', { merge_group: {} }, undefined],
    ['no number', 'pull_request', { pull_request: {} }, undefined],
    ['a string number', 'pull_request', { pull_request: { number: '3' } }, undefined],
    ['unreadable JSON', 'pull_request', '{', undefined]
  ])('%s', (_name, name, payload, expected) => {
    expect(pullRequestNumber(event(name, payload))).toBe(expected)
  })

  test('no event file', () => {
    expect(pullRequestNumber({ GITHUB_EVENT_NAME: 'pull_request' })).toBeUndefined()
    expect(
      pullRequestNumber({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(dir, 'missing.json') })
    ).toBeUndefined()
    expect(pullRequestNumber({})).toBeUndefined()
  })
})

test.each<[string | undefined, { owner: string; repo: string } | undefined]>([
  ['acme/app', { owner: 'acme', repo: 'app' }],
  ['acme/app.js', { owner: 'acme', repo: 'app.js' }],
  ['acme', undefined],
  ['a/b/c', undefined],
  [undefined, undefined]
])('repositoryFromEnv(%j)', (value, expected) => {
  expect(repositoryFromEnv(value === undefined ? {} : { GITHUB_REPOSITORY: value })).toEqual(expected)
})
