/**
 * A Helm chart's templates through dist/index.js: the fixture chart in the shape of microservices-demo's
 * helm-chart/ (__tests__/fixtures/files/helm/boutique), its images.repository pointed at the test registry. The
 * image lines are rendered with the chart's values and Chart.yaml, and each image is inspected like any other:
 * a finding is annotated at the template's file and line, a line that cannot be evaluated is a warning there.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher } from '../support/push.js'
import { runAction } from '../support/run-action.js'

const CHART = resolve('__tests__/fixtures/files/helm/boutique')

let reg: TestRegistry

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  const push = new Pusher(reg)
  // The ad service runs as root; the others do not.
  await push.image('boutique/adservice', { tag: 'v0.10.2', user: 'root' })
  await push.image('boutique/cartservice', { tag: 'v0.10.2', user: '1000' })
  await push.image('boutique/frontend', { tag: 'v0.10.2', user: '1000' })
  await push.image('boutique/frontend', { tag: 'v0.11.0-rc.1', user: '1000' })
})
afterAll(async () => reg.stop())

/** The fixture chart in the workspace, its images in the test registry. */
function chart(dir: string, host: string): void {
  cpSync(CHART, join(dir, 'chart'), { recursive: true })
  const values = join(dir, 'chart/values.yaml')
  writeFileSync(values, readFileSync(values, 'utf8').replace(/^ {2}repository: .*$/m, `  repository: ${host}/boutique`))
}

const annotations = (stdout: string, kind: string) => stdout.split('\n').filter(l => l.startsWith(`::${kind} `))

describe('files: Helm chart templates', () => {
  test('an image a template names that breaks a rule fails the gate, annotated at the template line; unevaluable lines are warnings there', async () => {
    const host = reg.host
    const run = await runAction({ files: 'chart/**', 'non-root': 'true', registries: host }, {}, 60_000, dir =>
      chart(dir, host)
    )
    expect(run.code).toBe(1)
    const digests = JSON.parse(run.outputs.digests!) as Record<string, string>
    expect(Object.keys(digests).sort()).toEqual([
      `${host}/boutique/adservice:v0.10.2`,
      `${host}/boutique/cartservice:v0.10.2`,
      `${host}/boutique/frontend:v0.10.2`,
      `${host}/boutique/frontend:v0.11.0-rc.1`
    ])
    const errors = annotations(run.stdout, 'error').filter(l => l.includes('file='))
    expect(
      errors.map(l => /^::error title=([^,]+),file=([^,]+),line=(\d+),col=(\d+)::/.exec(l)!.slice(1).join(' '))
    ).toEqual([
      'non-root chart/templates/adservice.yaml 34 18',
      // the literal image beside the rendered ones: not contacted, its registry is not allowed
      'registries chart/templates/cartservice.yaml 27 18'
    ])
    expect(errors[0]).toContain(`${host}/boutique/adservice:v0.10.2`)
    const warnings = annotations(run.stdout, 'warning').filter(l => l.includes('title=files'))
    expect(warnings.map(l => /file=([^,]+),line=(\d+),col=(\d+)::(.*)$/.exec(l)!.slice(1).join(' '))).toEqual([
      'chart/templates/loadgenerator.yaml 18 18 The image reference here is not verified: include renders another template, which is not evaluated.',
      'chart/templates/loadgenerator.yaml 21 18 The image reference here is not verified: .Release.Name is known only when the chart is installed.'
    ])
    // No notice per template file any more: each line was handled.
    expect(run.stdout).not.toMatch(/::notice title=files/)
    expect(run.summary).toContain('In files, not verified (2)')
  })

  test('a template whose images all pass: the gate passes', async () => {
    const host = reg.host
    const run = await runAction(
      { files: 'chart/templates/frontend.yaml', 'non-root': 'true', registries: host },
      {},
      60_000,
      dir => chart(dir, host)
    )
    expect(run.code).toBe(0)
    // both branches of the if/else are checked
    expect(Object.keys(JSON.parse(run.outputs.digests!) as object).sort()).toEqual([
      `${host}/boutique/frontend:v0.10.2`,
      `${host}/boutique/frontend:v0.11.0-rc.1`
    ])
    expect(annotations(run.stdout, 'error')).toEqual([])
    expect(annotations(run.stdout, 'warning')).toEqual([])
  })

  test('a pull request that changes only values.yaml: the templates that render its values are checked', async () => {
    const host = reg.host
    const api = await import('node:http')
    const server = api.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify([{ filename: 'chart/values.yaml', status: 'modified' }]))
    })
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
    try {
      const port = (server.address() as { port: number }).port
      const run = await runAction(
        {
          files: 'chart/**',
          'changed-files-only': 'true',
          'github-token': 'ghs_test',
          'non-root': 'true',
          registries: host
        },
        {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_API_URL: `http://127.0.0.1:${port}`
        },
        60_000,
        dir => {
          chart(dir, host)
          writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 3 } }))
          return { GITHUB_EVENT_PATH: join(dir, 'event.json') }
        }
      )
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/::error title=non-root,file=chart\/templates\/adservice\.yaml,line=34,col=18::/)
    } finally {
      await new Promise(r => server.close(r))
    }
  })
})
