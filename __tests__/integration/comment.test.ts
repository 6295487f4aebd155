/**
 * The pull-request comment end to end: dist/index.js on a pull_request event, against the real registry and a
 * stand-in of the GitHub API on 127.0.0.1 that records every request.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FakeGitHub } from '../support/fake-github.js'
import { startProxy, type FaultProxy } from '../support/fault-proxy.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher } from '../support/push.js'
import { cleanup, runAction, type ActionRun } from '../support/run-action.js'

const TOKEN = 'ghs_commentTestToken0123456789'
let reg: TestRegistry
let gh: FakeGitHub
/** In front of the registry: what the registry was sent. */
let proxy: FaultProxy
const runs: ActionRun[] = []

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  const push = new Pusher(reg)
  await push.image('pr/app', { tag: '1', user: '1000' })
  await push.image('pr/root', { tag: '1', user: '' })
  proxy = await startProxy({ target: reg.url })
  gh = new FakeGitHub('acme', 'app', 7)
  await gh.start()
})
afterAll(async () => {
  for (const r of runs) cleanup(r)
  await gh.stop()
  await proxy.stop()
  await reg.stop()
})

/** The action on a pull_request event for acme/app#7, commenting. */
async function gate(images: string[], inputs: Record<string, string> = {}, event = 'pull_request'): Promise<ActionRun> {
  const run = await runAction(
    {
      images: images.map(i => `${proxy.host}/${i}`).join('\n'),
      'non-root': 'true',
      comment: 'true',
      'github-token': TOKEN,
      ...inputs
    },
    {
      GITHUB_EVENT_NAME: event,
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '42',
      GITHUB_WORKFLOW: 'ci',
      GITHUB_JOB: 'gate'
    },
    60_000,
    dir => {
      const path = join(dir, 'event.json')
      writeFileSync(path, JSON.stringify({ number: 7, pull_request: { number: 7 } }))
      return { GITHUB_EVENT_PATH: path }
    }
  )
  runs.push(run)
  return run
}

const calls = (): string[] => gh.requests.map(r => `${r.method} ${r.url.replace(/\?.*$/, '')}`)

describe('comment: true on a pull request', () => {
  test('first run posts, second edits the same comment, a passing run edits it to say the gate passes', async () => {
    gh.reset()
    const first = await gate(['pr/root:1'])
    expect(first.code).toBe(1)
    expect(calls()).toEqual([
      'POST /graphql',
      'GET /repos/acme/app/issues/7/comments',
      'POST /repos/acme/app/issues/7/comments'
    ])
    expect(gh.comments).toHaveLength(1)
    const mine = gh.comments[0]!
    expect(mine.body).toMatch(/^<!-- image-gate comment [0-9a-f]{16} -->\n<!-- image-gate result fail -->\n/)
    expect(mine.body).toContain('<h2>image-gate: ❌ fail</h2>')
    expect(mine.body).toContain(`<code>${proxy.host}/pr/root:1</code>`)
    expect(mine.body).toContain('<b>non-root</b>')
    expect(first.stdout).toContain(`created a comment on pull request #7`)

    gh.requests.length = 0
    const second = await gate(['pr/root:1'])
    expect(second.code).toBe(1)
    expect(calls()).toEqual([
      'POST /graphql',
      'GET /repos/acme/app/issues/7/comments',
      `PATCH /repos/acme/app/issues/comments/${mine.id}`
    ])
    expect(gh.comments).toHaveLength(1)

    gh.requests.length = 0
    const fixed = await gate(['pr/app:1'])
    expect(fixed.code).toBe(0)
    expect(calls()).toEqual([
      'POST /graphql',
      'GET /repos/acme/app/issues/7/comments',
      `PATCH /repos/acme/app/issues/comments/${mine.id}`
    ])
    expect(gh.comments).toHaveLength(1)
    expect(gh.comments[0]!.body).toContain('<!-- image-gate result pass -->')
    expect(gh.comments[0]!.body).toContain('The gate passes now')
    expect(gh.comments[0]!.body).toContain('<h2>image-gate: ✅ pass</h2>')

    // The token went to the GitHub API, with every request, and nowhere else: not to the registry, not into any output.
    expect(gh.requests.every(r => r.authorization === `token ${TOKEN}`)).toBe(true)
    expect(proxy.log.length).toBeGreaterThan(0)
    expect(proxy.log.filter(e => JSON.stringify(e.headers).includes(TOKEN))).toEqual([])
    // `::add-mask::` is how the runner is told to mask it; it shows that line nowhere.
    for (const r of [first, second, fixed]) {
      expect(r.stdout).toContain(`::add-mask::${TOKEN}`)
      const shown = r
        .everything()
        .split('\n')
        .filter(l => !l.startsWith('::add-mask::'))
      expect(shown.join('\n')).not.toContain(TOKEN)
    }
  })

  test("another bot's and a person's comments stay untouched, even when they copy the marker", async () => {
    gh.reset()
    const first = await gate(['pr/root:1'])
    const marker = gh.comments[0]!.body.split('\n')[0]!
    gh.reset()
    const bot = gh.seed('other-bot[bot]', 'Bot', `${marker}\nsomeone else's gate`)
    const person = gh.seed('alice', 'User', `${marker}\nI copied the marker`)
    const run = await gate(['pr/root:1'])
    expect(first.code).toBe(1)
    expect(run.code).toBe(1)
    expect(calls()).toEqual([
      'POST /graphql',
      'GET /repos/acme/app/issues/7/comments',
      'POST /repos/acme/app/issues/7/comments'
    ])
    expect(gh.comments.find(c => c.id === bot.id)!.body).toBe(`${marker}\nsomeone else's gate`)
    expect(gh.comments.find(c => c.id === person.id)!.body).toBe(`${marker}\nI copied the marker`)
    expect(gh.comments).toHaveLength(3)
    expect(gh.requests.filter(r => r.method === 'PATCH')).toEqual([])
  })

  test("a token without pull-requests: write gives a warning and the gate's own result", async () => {
    gh.reset()
    gh.writes = 'forbidden'
    const failing = await gate(['pr/root:1'])
    expect(failing.code).toBe(1)
    expect(failing.outputs.result).toBe('fail')
    expect(failing.stdout).toMatch(/::warning::.*may not comment on pull request #7 \(HTTP 403\).*pull-requests: write/)
    const passing = await gate(['pr/app:1'])
    expect(passing.code).toBe(0)
    expect(passing.outputs.result).toBe('pass')
    expect(passing.stdout).toMatch(/::warning::.*HTTP 403/)
    expect(gh.comments).toEqual([])
  })

  test('on a push there is no pull request: a notice, and no request to the API', async () => {
    gh.reset()
    const run = await gate(['pr/app:1'], {}, 'push')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('::notice::comment applies to pull request events')
    expect(gh.requests).toEqual([])
  })
})
