/** `files`, annotations on their lines, SARIF and changed-files-only, through dist/index.js. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as http from 'node:http'
import { join } from 'node:path'
import { freePort, startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { runAction } from '../support/run-action.js'
import { validateSarif } from '../support/sarif-validate.js'

let reg: TestRegistry
let app: PushedImage

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  const push = new Pusher(reg)
  app = await push.image('files/app', { tag: '1.0', user: '1000' })
  await push.image('files/rooty', { tag: '2', user: 'root' })
})
afterAll(async () => reg.stop())

function repo(dir: string, host: string): void {
  mkdirSync(join(dir, 'k8s'), { recursive: true })
  mkdirSync(join(dir, '.github/workflows'), { recursive: true })
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      `ARG REG=${host}`,
      'ARG TAG=1.0',
      'FROM ${REG}/files/app:${TAG} AS build',
      'RUN echo building',
      '',
      `from ${host}/files/rooty:2`,
      'COPY --from=build /out /out',
      'FROM scratch',
      `COPY --from=${host}/files/missing:1 /x /x`
    ].join('\n')
  )
  writeFileSync(
    join(dir, 'k8s/deploy.yaml'),
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: web }',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      `        - name: init`,
      `          image: ${host}/files/rooty:2`,
      '      containers:',
      `        - name: web`,
      `          image: ${host}/files/app:1.0`,
      '        - name: templated',
      '          image: ${IMAGE}'
    ].join('\n')
  )
  writeFileSync(
    join(dir, '.github/workflows/ci.yml'),
    ['on: push', 'jobs:', '  test:', `    container: ${host}/files/app:1.0`, '    steps:', '      - run: true'].join(
      '\n'
    )
  )
}

describe('files', () => {
  test('references in files are checked once each and annotated on every line; SARIF is valid', async () => {
    const host = reg.host
    const run = await runAction(
      {
        files: '**/Dockerfile\nk8s/*.yaml\n.github/workflows/*.yml',
        'non-root': 'true',
        sarif: 'out/image-gate.sarif'
      },
      {},
      60_000,
      dir => repo(dir, host)
    )
    expect(run.code).toBe(1)
    const digests = JSON.parse(run.outputs.digests!) as Record<string, string>
    expect(digests[`${host}/files/app:1.0`]).toBe(app.digest)
    expect(Object.keys(digests).sort()).toEqual([`${host}/files/app:1.0`, `${host}/files/rooty:2`])

    const rooty = run.stdout.split('\n').filter(l => l.startsWith('::error') && l.includes('files/rooty:2'))
    expect(rooty.map(l => /file=([^,]+),line=(\d+)/.exec(l)!.slice(1).join(':')).sort()).toEqual([
      'Dockerfile:6',
      'k8s/deploy.yaml:9'
    ])
    expect(rooty.every(l => l.includes('title=non-root'))).toBe(true)
    const missing = run.stdout.split('\n').filter(l => l.includes('files/missing:1') && l.startsWith('::error'))
    expect(missing).toHaveLength(1)
    expect(missing[0]).toMatch(/file=Dockerfile,line=9,/)
    expect(missing[0]).toContain('title=inspect')
    // The unresolved variable is a warning on its line, not a crash.
    expect(run.stdout).toMatch(/::warning title=files,file=k8s\/deploy\.yaml,line=14/)

    const sarif = JSON.parse(readFileSync(join(run.dir, 'out/image-gate.sarif'), 'utf8')) as {
      runs: Array<{
        results: Array<{
          ruleId: string
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>
        }>
      }>
    }
    expect(validateSarif(sarif)).toBe(true)
    const places = sarif.runs[0]!.results.map(
      r =>
        `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`
    ).sort()
    expect(places).toEqual(['inspect Dockerfile:9', 'non-root Dockerfile:6', 'non-root k8s/deploy.yaml:9'])
  })

  test('changed-files-only limits files to what the pull request changes', async () => {
    const asked: string[] = []
    const api = http.createServer((req, res) => {
      asked.push(req.url ?? '')
      const url = new URL(req.url ?? '/', 'http://x')
      const page = Number(url.searchParams.get('page') ?? '1')
      const port = (api.address() as { port: number }).port
      if (page === 1) {
        res.writeHead(200, {
          'content-type': 'application/json',
          link: `<http://127.0.0.1:${port}/repos/acme/app/pulls/7/files?per_page=100&page=2>; rel="next"`
        })
        res.end(JSON.stringify([{ filename: 'README.md', status: 'modified' }]))
      } else {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify([
            { filename: 'k8s/deploy.yaml', status: 'modified' },
            { filename: 'Dockerfile', status: 'removed' }
          ])
        )
      }
    })
    const port = await freePort()
    await new Promise<void>(r => api.listen(port, '127.0.0.1', r))
    try {
      const host = reg.host
      const run = await runAction(
        { files: '**/Dockerfile\nk8s/*.yaml', 'changed-files-only': 'true', 'github-token': 'ghs_test' },
        {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_REPOSITORY: 'acme/app',
          GITHUB_API_URL: `http://127.0.0.1:${port}`
        },
        60_000,
        dir => {
          repo(dir, host)
          writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }))
          return { GITHUB_EVENT_PATH: join(dir, 'event.json') }
        }
      )
      expect(asked.length).toBe(2)
      expect(asked[0]).toContain('/repos/acme/app/pulls/7/files')
      // Only k8s/deploy.yaml changed: the Dockerfile's references are not checked.
      expect(Object.keys(JSON.parse(run.outputs.digests!) as object).sort()).toEqual([
        `${host}/files/app:1.0`,
        `${host}/files/rooty:2`
      ])
      expect(run.stdout).not.toContain('files/missing:1')
    } finally {
      await new Promise(r => api.close(r))
    }
  })
})
