/**
 * A pull request cannot rewrite its judge, rules roll out in warn mode, exceptions expire: dist/index.js and
 * dist/cli.js against the real registry, with a stand-in for the GitHub contents API that serves the repository's
 * files at its base commit as GitHub does (base64 JSON, the ref parameter, 404 and 403 bodies).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FakeGitHub } from '../support/fake-github.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher } from '../support/push.js'
import { cleanup, runAction, type ActionRun } from '../support/run-action.js'
import { cleanupCli, runCli } from '../support/run-cli.js'

const BASE = '0123456789abcdef0123456789abcdef01234567'
const HEAD = 'fedcba9876543210fedcba9876543210fedcba98'
const TOKEN = 'ghs_governance_token_1234'
const STRICT = 'rules:\n  - images: ["**"]\n    non-root: true\n'
const LOOSE = 'rules:\n  - images: ["**"]\n    max-age: 3650d\n'

let reg: TestRegistry
const gh = new FakeGitHub('acme', 'app', 9)
const runs: ActionRun[] = []
let rootImage: string

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  await gh.start()
  await new Pusher(reg).image('gov/app', { tag: '1', user: '' })
  rootImage = `${reg.host}/gov/app:1`
})
afterAll(async () => {
  runs.forEach(cleanup)
  await gh.stop()
  await reg.stop()
})
beforeEach(() => gh.reset())

/** A pull_request event of acme/app whose base is BASE, and the files the pull request's checkout holds. */
function pullRequest(files: Record<string, string>) {
  return (dir: string): Record<string, string> => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
    const event = join(dir, 'event.json')
    writeFileSync(
      event,
      JSON.stringify({ number: 9, pull_request: { number: 9, base: { sha: BASE }, head: { sha: HEAD } } })
    )
    return {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: HEAD,
      GITHUB_API_URL: gh.url
    }
  }
}

async function gate(inputs: Record<string, string>, files: Record<string, string>): Promise<ActionRun> {
  const run = await runAction({ 'github-token': TOKEN, ...inputs }, {}, 60_000, pullRequest(files))
  runs.push(run)
  return run
}

const findings = (run: ActionRun) =>
  (
    run.report as {
      findings: Array<{
        rule: string
        severity: string
        mode: string
        exception: { reason: string } | null
        message: string
      }>
    }
  ).findings

describe('the policy comes from the base commit, not from the pull request', () => {
  test('a pull request that loosens its own policy still fails against the base policy', async () => {
    gh.files.set(`acme/app/.github/policy.yml@${BASE}`, STRICT)
    const run = await gate({ images: rootImage, policy: 'base:.github/policy.yml' }, {})
    expect(run.code).toBe(1)
    expect(findings(run).map(f => f.rule)).toEqual(['non-root'])
    // Read at the base commit with the token, from the API host only; the registry never saw the token.
    expect(gh.requests).toEqual([
      expect.objectContaining({
        url: `/repos/acme/app/contents/.github/policy.yml?ref=${BASE}`,
        authorization: `Bearer ${TOKEN}`
      })
    ])
    expect(run.stdout).toContain(
      "::notice::policy: .github/policy.yml was read at the pull request's base commit; this pull request has no copy of it"
    )
  })

  test('its loosened workspace copy is noticed and not used', async () => {
    gh.files.set(`acme/app/policy.yml@${BASE}`, STRICT)
    const run = await gate({ images: rootImage, policy: 'base:policy.yml' }, { 'policy.yml': LOOSE })
    expect(run.code).toBe(1)
    expect(findings(run).map(f => f.rule)).toEqual(['non-root'])
    expect(run.stdout).toContain(
      "::notice::policy: policy.yml was read at the pull request's base commit; this pull request changes it, and its copy was not used"
    )
  })

  test('the reverse: a strict workspace copy does not make the base policy stricter', async () => {
    gh.files.set(`acme/app/policy.yml@${BASE}`, LOOSE)
    const run = await gate({ images: rootImage, policy: 'base:policy.yml' }, { 'policy.yml': STRICT })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('pass')
  })

  test('the same file in the workspace and at the base: no notice', async () => {
    gh.files.set(`acme/app/policy.yml@${BASE}`, STRICT)
    const run = await gate({ images: rootImage, policy: 'base:policy.yml' }, { 'policy.yml': STRICT })
    expect(run.code).toBe(1)
    expect(run.stdout).not.toContain('::notice::policy:')
  })

  test('a plain path is the workspace copy, which the pull request wrote', async () => {
    const run = await gate({ images: rootImage, policy: 'policy.yml' }, { 'policy.yml': LOOSE })
    expect(run.code).toBe(0)
    expect(gh.requests).toEqual([])
  })

  test.each([
    [
      'missing at the base',
      () => {},
      'base:nope.yml',
      `base:acme/app/nope.yml@${BASE}: not found, or github-token may not read acme/app`
    ],
    [
      'a token without contents: read',
      () => gh.forbidden.set('acme/app', 403),
      'base:policy.yml',
      'refused github-token (403); give a token with contents: read on acme/app'
    ],
    [
      'a central repository the token cannot see',
      () => gh.forbidden.set('acme/policies', 404),
      'github:acme/policies/p.yml@main',
      'github:acme/policies/p.yml@main: not found, or github-token may not read acme/policies'
    ]
  ])('%s: the step fails, naming the file, and no image is judged', async (_name, arrange, value, message) => {
    arrange()
    const run = await gate({ images: rootImage, policy: value }, {})
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error::(base|github):/m)
    expect(run.stdout).toContain(message)
    expect(run.outputs.result).toBeUndefined()
    expect(run.everything().replace(/^::add-mask::.*$/gm, '')).not.toContain(TOKEN)
  })

  test('a central policy repository at a ref, and the key files it names read from there too', async () => {
    gh.files.set(
      'acme/policies/gate/policy.yml@v2',
      'rules:\n  - images: ["**"]\n    non-root: true\n    signature-keys: [keys/release.pub]\n'
    )
    // No such key at the central repository: the policy fails to load, naming the source, never the workspace copy.
    const run = await gate({ images: rootImage, policy: 'github:acme/policies/gate/policy.yml@v2' }, {})
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('github:acme/policies/keys/release.pub@v2: not found')
    expect(gh.requests.map(r => r.url)).toEqual([
      '/repos/acme/policies/contents/gate/policy.yml?ref=v2',
      '/repos/acme/policies/contents/keys/release.pub?ref=v2'
    ])
  })

  test('on the command line: a source that cannot be read is exit 2', async () => {
    gh.files.set(`acme/app/policy.yml@${BASE}`, STRICT)
    const env = { GITHUB_API_URL: gh.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'acme/app', GITHUB_SHA: BASE }
    const missing = await runCli(['--images', rootImage, '--policy', 'github:acme/policies/p.yml@main'], env, {
      github: true
    })
    cleanupCli(missing)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('github:acme/policies/p.yml@main: not found')
    // base: on the command line is GITHUB_SHA's commit, read with GITHUB_TOKEN.
    const strict = await runCli(['--images', rootImage, '--policy', 'base:policy.yml'], env, { github: true })
    cleanupCli(strict)
    expect(strict.code).toBe(1)
    expect(strict.stdout).toContain('non-root')
    expect(gh.requests.map(r => r.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`])
  })
})

describe('warn mode and exceptions', () => {
  const today = new Date().toISOString().slice(0, 10)
  const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
  const earlier = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)

  test('a rule in warn mode reports and passes', async () => {
    const run = await gate(
      { images: rootImage, policy: 'policy.yml' },
      { 'policy.yml': 'rules:\n  - non-root: true\n    mode: warn\n' }
    )
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'pass', violations: '0' })
    expect(findings(run)).toEqual([expect.objectContaining({ rule: 'non-root', severity: 'warning', mode: 'warn' })])
    expect(run.stdout).toMatch(/::warning title=non-root::.*\(warn mode\)/)
    expect(run.summary).toContain('(warn mode)')
  })

  test('the same rule enforced by another rule set still fails', async () => {
    const run = await gate(
      { images: rootImage, policy: 'policy.yml', 'non-root': 'true' },
      { 'policy.yml': 'rules:\n  - non-root: true\n    mode: warn\n' }
    )
    expect(run.code).toBe(1)
    expect(
      findings(run)
        .map(f => `${f.rule}:${f.severity}`)
        .sort()
    ).toEqual(['non-root:error', 'non-root:warning'])
  })

  test.each([
    ['until a later day', later, 0],
    ['until today, through the end of the day', today, 0]
  ])('an exception %s turns the finding into a notice with its reason', async (_name, until, code) => {
    const policy = `rules:\n  - non-root: true\nexceptions:\n  - images: ["${reg.host}/gov/**"]\n    rules: [non-root]\n    until: ${until}\n    reason: "root until the base moves"\n`
    const run = await gate({ images: rootImage, policy: 'policy.yml' }, { 'policy.yml': policy })
    expect(run.code).toBe(code)
    expect(findings(run)).toEqual([
      expect.objectContaining({
        rule: 'non-root',
        severity: 'notice',
        exception: expect.objectContaining({ reason: 'root until the base moves', until })
      })
    ])
    expect(run.stdout).toMatch(
      new RegExp(`::notice title=non-root::.*excepted until ${until}: root until the base moves`)
    )
    expect((run.report as { exceptions: unknown[] }).exceptions).toEqual([
      expect.objectContaining({ applied: 1, expired: false })
    ])
  })

  test('an expired exception applies no more and is a finding at its line', async () => {
    const policy = `rules:\n  - non-root: true\nexceptions:\n  - rules: [non-root]\n    until: ${earlier}\n    reason: "was temporary"\n`
    const run = await gate({ images: rootImage, policy: 'policy.yml' }, { 'policy.yml': policy })
    expect(run.code).toBe(1)
    expect(findings(run).map(f => `${f.rule}:${f.severity}`)).toEqual(['non-root:error', 'exceptions:error'])
    expect(run.stdout).toMatch(/::error title=exceptions,file=policy\.yml,line=4,col=1::.*expired at the end of/)
  })

  test.each([
    ['missing reason', '    until: 2026-12-31\n', 'exceptions[0]: "reason" is required'],
    ['too far ahead', '    until: 2099-01-01\n    reason: r\n', 'is more than 366 days away'],
    [
      'excusing nothing',
      '    until: 2026-12-31\n    reason: r\n',
      'name the rules (or the vulnerability ids) it excuses'
    ]
  ])('an exception with %s stops the run at its line', async (_name, body, phrase) => {
    const rules = _name === 'excusing nothing' ? '' : '    rules: [non-root]\n'
    const run = await gate(
      { images: rootImage, policy: 'policy.yml' },
      { 'policy.yml': `rules: []\nexceptions:\n  - images: ["**"]\n${rules}${body}` }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(phrase)
    expect(run.outputs.result).toBeUndefined()
  })
})
