/** dist/index.js run as the runner runs it, against the real registry. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage, type PushedIndex } from '../support/push.js'
import { DIST, runAction } from '../support/run-action.js'

let reg: TestRegistry
let app: PushedImage
let multi: PushedIndex

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error('dist/index.js is missing: run npm run bundle')
  reg = await startRegistry({ auth: 'htpasswd' })
  const push = new Pusher(reg)
  app = await push.image('e2e/app', {
    tag: '1.0',
    user: '1000',
    labels: { 'org.opencontainers.image.source': 'https://github.com/acme/app' }
  })
  multi = await push.index('e2e/multi', {
    tag: '2',
    attestation: true,
    images: [
      { platform: { os: 'linux', architecture: 'amd64' }, user: 'app' },
      { platform: { os: 'linux', architecture: 'arm64' }, user: 'app' }
    ]
  })
  await push.image('e2e/old', { tag: 'v0', created: '2020-01-01T00:00:00Z', user: '' })
})
afterAll(async () => reg.stop())

describe('dist/index.js end to end', () => {
  test('every output, for passing images', async () => {
    const run = await runAction({
      images: `${reg.host}/e2e/app:1.0\n# a comment\n\n${reg.host}/e2e/multi:2, ${reg.host}/e2e/multi@${multi.digest}`,
      username: reg.username,
      password: reg.password
    })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('pass')
    expect(run.outputs.violations).toBe('0')
    expect(run.outputs.digest).toBe(app.digest)
    expect(JSON.parse(run.outputs.digests!)).toEqual({
      [`${reg.host}/e2e/app:1.0`]: app.digest,
      [`${reg.host}/e2e/multi:2`]: multi.digest,
      [`${reg.host}/e2e/multi@${multi.digest}`]: multi.digest
    })
    expect(run.outputs.pinned!.split('\n')).toEqual([
      `${reg.host}/e2e/app:1.0@${app.digest}`,
      `${reg.host}/e2e/multi:2@${multi.digest}`,
      `${reg.host}/e2e/multi@${multi.digest}`
    ])
    expect(run.outputs.report).toMatch(/report\.json$/)
    const report = run.report as {
      version: number
      images: Array<{ platforms: Array<{ platform: string }>; attestations: number }>
    }
    expect(report.version).toBe(1)
    expect(report.images[1]!.platforms.map(p => p.platform)).toEqual(['linux/amd64', 'linux/arm64'])
    expect(report.images[1]!.attestations).toBe(1)
    expect(run.summary).toContain('<table>')
    expect(run.summary).toContain('linux/arm64')
  })

  test('violations fail the step; every image is still checked and every output written', async () => {
    const inputs = {
      images: [
        `${reg.host}/e2e/app:1.0`,
        `${reg.host}/e2e/old:v0`,
        `${reg.host}/e2e/missing:1`,
        `${reg.host}/e2e/multi:2`
      ].join('\n'),
      platforms: 'linux/amd64, linux/arm64',
      'max-age': '30d',
      'non-root': 'true',
      username: reg.username,
      password: reg.password
    }
    const run = await runAction(inputs)
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('fail')
    const report = run.report as {
      findings: Array<{ rule: string; image: string; platform: string | null; message: string }>
    }
    const rules = report.findings.map(f => `${f.rule} ${f.image.replace(`${reg.host}/`, '')}`).sort()
    expect(rules).toEqual([
      'inspect e2e/missing:1',
      'max-age e2e/old:v0',
      'non-root e2e/old:v0',
      'platforms e2e/app:1.0',
      'platforms e2e/old:v0'
    ])
    expect(run.outputs.violations).toBe('5')
    expect(Object.keys(JSON.parse(run.outputs.digests!))).toHaveLength(3)
    expect(run.outputs.pinned!.split('\n')).toHaveLength(3)
    expect(run.stdout).toContain(
      `::error title=inspect::${reg.host}/e2e/missing:1: cannot be inspected: ${reg.host}/e2e/missing: tag 1 not found`
    )
    expect(run.stdout).toContain('::error title=platforms::')
    expect(run.stdout).toMatch(/::error::image-gate: 5 findings in 4 images/)
    expect(run.summary).toContain('Rules: platforms, max-age, non-root.')
    expect(run.summary).toContain('<tr><th>Verdict</th><th>Image</th><th>Digest</th><th>Failed</th>')

    const lenient = await runAction({ ...inputs, 'fail-build': 'false' })
    expect(lenient.code).toBe(0)
    expect(lenient.outputs.result).toBe('fail')
    expect(lenient.outputs.violations).toBe('5')
    expect(lenient.stdout).toContain('::warning title=platforms::')
    expect(lenient.stdout).not.toContain('::error')
  })

  test('a policy file adds rules for the images it names', async () => {
    const run = await runAction(
      {
        images: `${reg.host}/e2e/app:1.0\n${reg.host}/e2e/old:v0`,
        policy: 'policy.yml',
        username: reg.username,
        password: reg.password
      },
      {},
      60_000,
      dir =>
        writeFileSync(
          join(dir, 'policy.yml'),
          'rules:\n  - images: ["127.0.0.1:*/e2e/app"]\n    labels: { org.opencontainers.image.source: "https://github.com/acme/*" }\n  - images: ["**/old"]\n    non-root: true\n'
        )
    )
    const report = run.report as { findings: Array<{ rule: string; image: string; message: string }> }
    expect(report.findings.map(f => f.rule)).toEqual(['non-root'])
    expect(report.findings[0]!.message).toContain('policy.yml rules[1] (line 4)')
  })

  test('bad input is a clear error naming the input, with no stack trace', async () => {
    const run = await runAction({ images: `${reg.host}/e2e/app:1.0`, 'max-age': '30x' })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::Input "max-age": "30x" is not a duration')
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /)
    const bad = await runAction({ images: 'Not/A/Valid/REF', username: reg.username, password: reg.password })
    expect(bad.outputs.result).toBe('fail')
    expect(bad.stdout).toContain('Input "images": "Not/A/Valid/REF" is not a valid image reference')
  })

  test('no secret reaches stdout, stderr, outputs, summary or report', async () => {
    const home = join(reg.dir, 'home-secrets')
    mkdirSync(join(home, '.docker'), { recursive: true })
    const configAuth = Buffer.from(`${reg.username}:${reg.password}`).toString('base64')
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: configAuth } } }))
    const githubToken = 'ghs_secretgithubtoken0123456789abcdef'
    const run = await runAction(
      { images: `${reg.host}/e2e/app:1.0\n${reg.host}/e2e/missing:1`, 'github-token': githubToken },
      { HOME: home, RUNNER_DEBUG: '1' }
    )
    expect(run.outputs.result).toBe('fail')
    // `::add-mask::` commands are how the runner is told to mask; it consumes them and shows them nowhere.
    const all = run
      .everything()
      .split('\n')
      .filter(l => !l.startsWith('::add-mask::'))
      .join('\n')
    for (const secret of [
      reg.password,
      configAuth,
      githubToken,
      Buffer.from(`${reg.username}:${reg.password}`).toString('base64')
    ]) {
      expect(all).not.toContain(secret)
    }
    // The runner is told to mask them.
    expect(run.stdout).toContain(`::add-mask::${githubToken}`)
  })
})
