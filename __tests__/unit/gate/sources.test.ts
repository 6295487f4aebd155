import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeGitHub } from '../../support/fake-github.js'
import { openSource, parseSource, SourceError, type SourceContext } from '../../../src/gate/sources.js'
import { baseCommit } from '../../../src/github/api.js'

const BASE = 'b'.repeat(40)
const HEAD = 'a'.repeat(40)

describe('parseSource', () => {
  test.each<[string, ReturnType<typeof parseSource>]>([
    ['policy.yml', { kind: 'workspace', path: 'policy.yml' }],
    ['  .github/image-gate.yml ', { kind: 'workspace', path: '.github/image-gate.yml' }],
    ['base:.github/image-gate.yml', { kind: 'base', path: '.github/image-gate.yml' }],
    ['base:keys/cosign.pub', { kind: 'base', path: 'keys/cosign.pub' }],
    [
      'github:acme/policies/image-gate/policy.yml@main',
      { kind: 'github', owner: 'acme', repo: 'policies', path: 'image-gate/policy.yml', ref: 'main' }
    ],
    [
      'github:acme/policies/p.yml@refs/tags/v1',
      { kind: 'github', owner: 'acme', repo: 'policies', path: 'p.yml', ref: 'refs/tags/v1' }
    ],
    [
      'github:acme/policies.git/p.yml@' + HEAD,
      { kind: 'github', owner: 'acme', repo: 'policies.git', path: 'p.yml', ref: HEAD }
    ]
  ])('%j', (value, spec) => {
    expect(parseSource('policy', value)).toEqual(spec)
  })

  test.each([
    ['base:', 'write base:<path>'],
    ['base:/etc/passwd', 'write base:<path>'],
    ['base:../other/policy.yml', 'write base:<path>'],
    ['base:a/./b', 'write base:<path>'],
    ['base:a//b', 'write base:<path>'],
    ['base:a\\b', 'write base:<path>'],
    ['base:a\u0000b', 'write base:<path>'],
    ['github:acme/policies/policy.yml', 'a ref is required'],
    ['github:acme/policy.yml@main', 'write github:<owner>/<repo>/<path>@<ref>'],
    ['github:acme/policies/../x@main', 'write github:'],
    ['github:acme/policies/p.yml@', 'write github:'],
    ['github:acme/policies/p.yml@a..b', 'write github:'],
    ['github:-acme/policies/p.yml@main', 'write github:'],
    ['github:acme/poli cies/p.yml@main', 'write github:'],
    ['github:acme/policies/p.yml@main@x', 'write github:']
  ])('%j is refused, naming the input', (value, phrase) => {
    let err: unknown
    try {
      parseSource('policy', value)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(SourceError)
    expect((err as Error).message).toMatch(/^Input "policy" is "/)
    expect((err as Error).message).toContain(phrase)
  })
})

describe('the commit a base: source is read at', () => {
  const dir = mkdtempSync(join(tmpdir(), 'image-gate-event-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const event = (payload: unknown): string => {
    const p = join(dir, `${Math.random()}.json`)
    writeFileSync(p, JSON.stringify(payload))
    return p
  }
  test.each<[string, NodeJS.ProcessEnv, ReturnType<typeof baseCommit>]>([
    [
      'a pull request: its base, not the merge commit',
      {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_SHA: HEAD,
        GITHUB_EVENT_PATH: event({ pull_request: { number: 3, base: { sha: BASE } } })
      },
      { sha: BASE, pullRequest: true }
    ],
    [
      'pull_request_target too',
      {
        GITHUB_EVENT_NAME: 'pull_request_target',
        GITHUB_SHA: HEAD,
        GITHUB_EVENT_PATH: event({ pull_request: { base: { sha: BASE } } })
      },
      { sha: BASE, pullRequest: true }
    ],
    [
      'a pull request whose base is not in the payload: unknown, never the head',
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: HEAD, GITHUB_EVENT_PATH: event({ pull_request: {} }) },
      undefined
    ],
    [
      'a pull request whose payload is unreadable',
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: HEAD, GITHUB_EVENT_PATH: join(dir, 'missing.json') },
      undefined
    ],
    [
      'a base that is not a full SHA',
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event({ pull_request: { base: { sha: 'main' } } }) },
      undefined
    ],
    ['a push: GITHUB_SHA', { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: HEAD }, { sha: HEAD, pullRequest: false }],
    ['a schedule: GITHUB_SHA', { GITHUB_EVENT_NAME: 'schedule', GITHUB_SHA: HEAD }, { sha: HEAD, pullRequest: false }],
    ['nothing known', {}, undefined]
  ])('%s', (_name, env, expected) => {
    expect(baseCommit(env)).toEqual(expected)
  })
})

describe('reading a source', () => {
  const gh = new FakeGitHub('acme', 'app')
  const workspace = mkdtempSync(join(tmpdir(), 'image-gate-ws-'))
  let ctx: SourceContext
  beforeAll(async () => {
    await gh.start()
  })
  beforeEach(() => {
    gh.reset()
    ctx = {
      workspace,
      env: { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: BASE, GITHUB_REPOSITORY: 'acme/app' },
      token: 'ghs_secret_token',
      apiUrl: gh.url
    }
  })
  afterAll(async () => {
    await gh.stop()
    rmSync(workspace, { recursive: true, force: true })
  })

  test('base: reads the repository at the commit, with the token, from the API host only', async () => {
    gh.files.set(`acme/app/.github/policy.yml@${BASE}`, 'rules: []\n')
    const { source, path } = openSource('policy', parseSource('policy', 'base:.github/policy.yml'), ctx)
    expect((await source.read(path, 1024)).toString()).toBe('rules: []\n')
    expect(source.describe(path)).toBe(`base:acme/app/.github/policy.yml@${BASE}`)
    expect(gh.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: `/repos/acme/app/contents/.github/policy.yml?ref=${BASE}`,
        authorization: 'Bearer ghs_secret_token'
      })
    ])
  })

  test('github: reads another repository at its ref; names in the path are escaped', async () => {
    gh.files.set('acme/policies/image gate/p#1.yml@v1', 'x')
    const { source, path } = openSource(
      'policy',
      parseSource('policy', 'github:acme/policies/image gate/p#1.yml@v1'),
      ctx
    )
    expect((await source.read(path, 10)).toString()).toBe('x')
    expect(gh.requests[0]!.url).toBe('/repos/acme/policies/contents/image%20gate/p%231.yml?ref=v1')
  })

  test('a file the source names is read from the same source, never from the workspace', async () => {
    writeFileSync(join(workspace, 'cosign.pub'), 'the pull request’s own key')
    gh.files.set(`acme/app/cosign.pub@${BASE}`, 'the base key')
    const { source } = openSource('policy', parseSource('policy', 'base:policy.yml'), ctx)
    expect((await source.read('cosign.pub', 100)).toString()).toBe('the base key')
    expect((await source.read('./cosign.pub', 100)).toString()).toBe('the base key')
    await expect(source.read('../x', 100)).rejects.toThrow('not a path within the repository')
  })

  test.each<[string, () => void, string, RegExp]>([
    ['missing', () => {}, 'base:nope.yml', /base.*nope\.yml@b{40}: not found, or github-token may not read acme\/app/],
    [
      'a private repository the token cannot see',
      () => gh.forbidden.set('acme/secret', 404),
      'github:acme/secret/p.yml@main',
      /acme\/secret\/p\.yml@main: not found, or github-token may not read acme\/secret/
    ],
    [
      'a token without contents: read',
      () => gh.forbidden.set('acme/app', 403),
      'base:p.yml',
      /refused github-token \(403\); give a token with contents: read on acme\/app/
    ],
    [
      'a directory',
      () => gh.files.set(`acme/app/dir/a.yml@${BASE}`, 'x'),
      'base:dir',
      /dir@b{40}: is a directory; name a file/
    ],
    [
      'too large',
      () => gh.files.set(`acme/app/big.yml@${BASE}`, 'x'.repeat(2048)),
      'base:big.yml',
      /big\.yml@b{40}: is 2048 bytes, more than the 1024/
    ]
  ])('%s: a clear error naming the file', async (_name, arrange, value, message) => {
    arrange()
    const { source, path } = openSource('policy', parseSource('policy', value), ctx)
    const err = await source.read(path, 1024).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(SourceError)
    expect((err as Error).message).toMatch(message)
    expect((err as Error).message).not.toContain('ghs_secret_token')
  })

  test('an API that does not answer, or answers junk, is an error too', async () => {
    const { source, path } = openSource('policy', parseSource('policy', 'base:p.yml'), {
      ...ctx,
      apiUrl: 'http://127.0.0.1:9'
    })
    await expect(source.read(path, 100)).rejects.toThrow(/the GitHub API at 127\.0\.0\.1:9 could not be reached/)
  })

  test('an API that ends its answer midway: a clear error naming the file, not the socket', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
      res.write('{"type":"file","encoding":"base64","content":"')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
    try {
      const port = (server.address() as AddressInfo).port
      const { source, path } = openSource('policy', parseSource('policy', 'base:p.yml'), {
        ...ctx,
        apiUrl: `http://127.0.0.1:${port}`
      })
      const err = await source.read(path, 1024).then(
        () => undefined,
        (e: unknown) => e
      )
      expect(err).toBeInstanceOf(SourceError)
      expect((err as Error).message).toMatch(/p\.yml@b{40}: the GitHub API at 127\.0\.0\.1:\d+ could not be read/)
    } finally {
      server.closeAllConnections()
      await new Promise(r => server.close(r))
    }
  })

  test('base: with no commit to read it at is refused before any request', () => {
    expect(() =>
      openSource('policy', parseSource('policy', 'base:p.yml'), { ...ctx, env: { GITHUB_REPOSITORY: 'acme/app' } })
    ).toThrow(/Input "policy" is "base:p\.yml": the commit to read it at is not known/)
    expect(gh.requests).toEqual([])
  })
})
