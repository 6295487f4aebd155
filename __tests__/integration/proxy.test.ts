/**
 * dist/index.js behind the runner's proxy (HTTPS_PROXY / HTTP_PROXY), as on a self-hosted runner that reaches
 * registries through a corporate proxy. The proxy support that @actions/http-client and @actions/github load
 * on demand (tunnel for the registry, undici for the GitHub API) must be in the bundle and work from it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as http from 'node:http'
import { join } from 'node:path'
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js'
import { freePort, startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { runAction } from '../support/run-action.js'

let reg: TestRegistry
let app: PushedImage
let proxy: ConnectProxy
/** The registry under a name that is not loopback, so that requests to it go through the proxy. */
let host: string

beforeAll(async () => {
  reg = await startRegistry({ auth: 'htpasswd' })
  app = await new Pusher(reg).image('proxied/app', { tag: '1', user: '1000' })
  proxy = await startConnectProxy()
  host = `registry.test:${reg.host.split(':')[1]}`
})
afterAll(async () => {
  await proxy.stop()
  await reg.stop()
})

describe('behind the runner proxy', () => {
  test('registry requests go through HTTPS_PROXY / HTTP_PROXY', async () => {
    const run = await runAction(
      {
        images: `${host}/proxied/app:1`,
        'insecure-registries': host,
        username: reg.username,
        password: reg.password,
        'non-root': 'true'
      },
      { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('pass')
    expect(run.outputs.digest).toBe(app.digest)
    // HTTPS is tried first through the proxy, then plain HTTP (the registry is listed insecure); both tunnelled.
    expect(proxy.connects.filter(c => c === host).length).toBeGreaterThanOrEqual(2)
  })

  test('a registry the proxy refuses is a finding that names the host', async () => {
    const refused = 'registry.example:5000'
    const run = await runAction(
      { images: `${refused}/proxied/app:1`, 'insecure-registries': refused },
      { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }
    )
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('fail')
    expect(run.outputs.violations).toBe('1')
    expect(proxy.connects).toContain(refused)
    expect(run.stdout).toMatch(
      /::error title=inspect::registry\.example:5000\/proxied\/app:1: cannot be inspected: registry\.example:5000/
    )
  })

  test('the pull request file list is read through the proxy', async () => {
    const asked: string[] = []
    const api = http.createServer((req, res) => {
      asked.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify([{ filename: 'Dockerfile', status: 'modified' }]))
    })
    const port = await freePort()
    await new Promise<void>(r => api.listen(port, '127.0.0.1', r))
    try {
      const run = await runAction(
        {
          files: 'Dockerfile',
          'changed-files-only': 'true',
          'github-token': 'ghs_test',
          'insecure-registries': host,
          registry: host,
          username: reg.username,
          password: reg.password
        },
        {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_REPOSITORY: 'acme/app',
          GITHUB_API_URL: `http://api.github.test:${port}`,
          HTTPS_PROXY: proxy.url,
          HTTP_PROXY: proxy.url
        },
        60_000,
        dir => {
          writeFileSync(join(dir, 'Dockerfile'), `FROM ${host}/proxied/app:1\n`)
          writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 3 } }))
          return { GITHUB_EVENT_PATH: join(dir, 'event.json') }
        }
      )
      expect(run.stdout).not.toContain('::error')
      expect(run.code).toBe(0)
      expect(proxy.connects).toContain(`api.github.test:${port}`)
      expect(asked[0]).toContain('/repos/acme/app/pulls/3/files')
      expect(JSON.parse(run.outputs.digests!)).toEqual({ [`${host}/proxied/app:1`]: app.digest })
    } finally {
      await new Promise(r => api.close(r))
    }
  })
})
