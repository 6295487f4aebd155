/**
 * Credentials from every source, a passing and a failing image on each registry, SARIF on: no secret and no
 * token may appear in anything a user can see.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher } from '../support/push.js'
import { runAction } from '../support/run-action.js'

const REFRESH = 'refresh-identity-token-0f9e8d7c6b5a'
const GITHUB_TOKEN = 'ghs_0123456789abcdefSECRETghtoken'
let fromInputs: TestRegistry // htpasswd, username/password inputs
let fromHelper: TestRegistry // token auth, a docker-credential helper
let fromIdentity: TestRegistry // token auth, config.json identitytoken
let fromAuth: TestRegistry // htpasswd, config.json auth
let all: TestRegistry[]

beforeAll(async () => {
  ;[fromInputs, fromHelper, fromIdentity, fromAuth] = await Promise.all([
    startRegistry({ auth: 'htpasswd' }),
    startRegistry({ auth: 'token' }),
    startRegistry({ auth: 'token', tokenOptions: { refreshToken: REFRESH } }),
    startRegistry({ auth: 'htpasswd' })
  ])
  all = [fromInputs, fromHelper, fromIdentity, fromAuth]
  await Promise.all(all.map(r => new Pusher(r).image('sec/app', { tag: '1', user: 'root' })))
})
afterAll(async () => Promise.all(all.map(r => r.stop())))

test('no credential or token from any source reaches stdout, stderr, outputs, summary, annotations, report or SARIF', async () => {
  const images = all.flatMap(r => [`${r.host}/sec/app:1`, `${r.host}/sec/missing:1`])
  const authB64 = Buffer.from(`${fromAuth.username}:${fromAuth.password}`).toString('base64')
  const run = await runAction(
    {
      images: images.join('\n'),
      username: fromInputs.username,
      password: fromInputs.password,
      registry: fromInputs.host,
      'github-token': GITHUB_TOKEN,
      'non-root': 'true',
      sarif: 'gate.sarif'
    },
    { RUNNER_DEBUG: '1' },
    60_000,
    dir => {
      const home = join(dir, 'home')
      const bin = join(dir, 'bin')
      mkdirSync(join(home, '.docker'), { recursive: true })
      mkdirSync(bin)
      writeFileSync(
        join(home, '.docker', 'config.json'),
        JSON.stringify({
          auths: { [fromIdentity.host]: { identitytoken: REFRESH }, [fromAuth.host]: { auth: authB64 } },
          credHelpers: { [fromHelper.host]: 'igtest' }
        })
      )
      writeFileSync(
        join(bin, 'docker-credential-igtest'),
        `#!/bin/sh\nread server\necho '{"ServerURL":"'"$server"'","Username":"${fromHelper.username}","Secret":"${fromHelper.password}"}'\n`
      )
      chmodSync(join(bin, 'docker-credential-igtest'), 0o755)
      return { HOME: home, PATH: `${bin}:${process.env.PATH}` }
    }
  )
  // Every image was checked with its registry's credentials: the good ones resolved, the missing ones are findings.
  expect(Object.keys(JSON.parse(run.outputs.digests!) as object)).toHaveLength(4)
  const report = run.report as { findings: Array<{ rule: string }> }
  expect(report.findings.filter(f => f.rule === 'inspect')).toHaveLength(4)
  expect(report.findings.filter(f => f.rule === 'non-root')).toHaveLength(4)

  const issued = [...fromHelper.tokenServer!.issued, ...fromIdentity.tokenServer!.issued]
  expect(issued.length).toBeGreaterThanOrEqual(2)
  const secrets = [
    fromInputs.password,
    fromHelper.password,
    fromIdentity.password,
    fromAuth.password,
    authB64,
    REFRESH,
    GITHUB_TOKEN,
    ...issued
  ]
  for (const r of [fromInputs, fromHelper, fromAuth])
    secrets.push(Buffer.from(`${r.username}:${r.password}`).toString('base64'))
  const sarif = readFileSync(join(run.dir, 'gate.sarif'), 'utf8')
  // `::add-mask::` lines are the runner's masking commands: consumed by the runner, shown nowhere.
  const visible = [run.everything(), sarif]
    .join('\n')
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')
  for (const s of secrets) expect(visible.includes(s) ? s : 'absent').toBe('absent')
  // Every one of them was handed to the runner's masker.
  const masked = run.stdout
    .split('\n')
    .filter(l => l.startsWith('::add-mask::'))
    .map(l => l.slice('::add-mask::'.length))
  for (const s of [fromInputs.password, fromHelper.password, authB64, REFRESH, GITHUB_TOKEN, ...issued])
    expect(masked.includes(s) ? 'masked' : s).toBe('masked')
})
