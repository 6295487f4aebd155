// Listing a directory source (a Notation trust store): the workspace walked without following symbolic links,
// and a repository directory through the contents API as GitHub answers it (one level per request, `dir` entries
// walked), both bounded.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MAX_LISTED_FILES, SourceError, openSource } from '../../../src/gate/sources.js'

let dir: string
let server: Server
let apiUrl = ''
/** Directory listings as GitHub gives them: `path` → entries. */
const listings = new Map<string, Array<{ type: string; path: string; name: string }>>()

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'listing-'))
  server = createServer((req, res) => {
    const m = /^\/repos\/acme\/policies\/contents\/([^?]*)\?ref=main$/.exec(req.url ?? '')
    const entries = m ? listings.get(decodeURIComponent(m[1]!)) : undefined
    res.writeHead(entries ? 200 : 404, { 'content-type': 'application/json' })
    res.end(JSON.stringify(entries ?? { message: 'Not Found' }))
  })
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>(ok => server.close(() => ok()))
  rmSync(dir, { recursive: true, force: true })
})

const ctx = () => ({ workspace: dir, env: {}, token: 't', apiUrl })

describe('workspace', () => {
  test('files below the directory, relative to it, sorted; symbolic links and what is past the depth left out', async () => {
    const root = join(dir, 'store')
    mkdirSync(join(root, 'x509/ca/acme/deeper/still'), { recursive: true })
    writeFileSync(join(root, 'x509/ca/acme/root.pem'), 'x')
    writeFileSync(join(root, 'x509/ca/acme/b.crt'), 'x')
    writeFileSync(join(root, 'x509/ca/acme/deeper/still/far.pem'), 'x')
    writeFileSync(join(dir, 'outside.pem'), 'x')
    symlinkSync(join(dir, 'outside.pem'), join(root, 'x509/ca/acme/link.pem'))
    symlinkSync(dir, join(root, 'x509/ca/loop'))
    const { source, path } = openSource('notation-trust-store', { kind: 'workspace', path: 'store' }, ctx())
    expect(await source.list(path, 4)).toEqual(['x509/ca/acme/b.crt', 'x509/ca/acme/root.pem'])
  })

  test(`more than ${MAX_LISTED_FILES} files is a source error`, async () => {
    const root = join(dir, 'big')
    mkdirSync(root)
    for (let i = 0; i <= MAX_LISTED_FILES; i++) writeFileSync(join(root, `${i}.pem`), 'x')
    const { source, path } = openSource('notation-trust-store', { kind: 'workspace', path: 'big' }, ctx())
    await expect(source.list(path, 4)).rejects.toThrow(SourceError)
  })
})

describe('repository, through the contents API', () => {
  const entry = (type: string, path: string) => ({ type, path, name: path.split('/').pop()! })
  test('dir entries are walked, one request each; symlinks and submodules are left out', async () => {
    listings.set('store', [entry('dir', 'store/x509')])
    listings.set('store/x509', [entry('dir', 'store/x509/ca'), entry('symlink', 'store/x509/tsa')])
    listings.set('store/x509/ca', [entry('dir', 'store/x509/ca/acme'), entry('submodule', 'store/x509/ca/sub')])
    listings.set('store/x509/ca/acme', [
      entry('file', 'store/x509/ca/acme/root.pem'),
      entry('file', 'other/escape.pem')
    ])
    const spec = { kind: 'github', owner: 'acme', repo: 'policies', path: 'store', ref: 'main' } as const
    const { source, path } = openSource('notation-trust-store', spec, ctx())
    expect(await source.list(path, 4)).toEqual(['x509/ca/acme/root.pem'])
  })

  test('a directory that is not there is a source error naming it', async () => {
    const spec = { kind: 'github', owner: 'acme', repo: 'policies', path: 'nope', ref: 'main' } as const
    const { source, path } = openSource('notation-trust-store', spec, ctx())
    await expect(source.list(path, 4)).rejects.toThrow(/^github:acme\/policies\/nope@main: not found/)
  })
})
