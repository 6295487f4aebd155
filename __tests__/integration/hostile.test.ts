/**
 * What a malicious pull request or registry can do, against dist/ as the runner runs it. Each case ends as the
 * gate's own verdict: exit 1 in bounded time, a message naming the input, file or host and what is wrong, no stack
 * trace, and nothing in the log, outputs or summary that the runner would take as a command or the summary as markup.
 * Hostile servers listen on 127.0.0.1 and stop by themselves.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { commandLines, startHostile, type HostileServer } from '../support/hostile-server.js'
import { cleanup, runAction, type ActionRun } from '../support/run-action.js'

const servers: HostileServer[] = []
const runs: ActionRun[] = []
afterAll(async () => {
  await Promise.all(servers.map(s => s.stop()))
  runs.forEach(cleanup)
})

async function hostile(...args: Parameters<typeof startHostile>): Promise<HostileServer> {
  const s = await startHostile(...args)
  servers.push(s)
  return s
}

/** Runs the action and times it. */
async function gate(...args: Parameters<typeof runAction>): Promise<ActionRun & { ms: number }> {
  const started = Date.now()
  const run = await runAction(...args)
  runs.push(run)
  return Object.assign(run, { ms: Date.now() - started })
}

/** What every hostile run must hold: the gate's own failure, no stack trace, no command it did not write. */
function failsCleanly(run: ActionRun): void {
  expect(run.code).toBe(1)
  expect(run.outputs.result).toBe('fail')
  expect(run.everything()).not.toMatch(/\n\s+at [\w.<>]+ \(|node:internal|TypeError|RangeError|SyntaxError/)
  for (const line of commandLines(run.stdout)) {
    // The action's own commands only, and no payload right after a command's name.
    expect(line).toMatch(/^::(error|warning|notice|debug|group|endgroup|add-mask)( [^:]*)?::/)
    expect(line).not.toMatch(/::PWNED|##\[/)
  }
}

describe('fail closed: registries is checked before any contact', () => {
  test('a registry that is not allowed, from images or from files, is never contacted', async () => {
    const trap = await hostile(() => ({ status: 200, body: '{}' }), 60_000)
    const run = await gate(
      { images: `${trap.host}/evil/app:1`, files: 'Dockerfile', registries: 'ghcr.io' },
      {},
      60_000,
      dir => writeFileSync(join(dir, 'Dockerfile'), `FROM ${trap.host}/evil/base:2\n`)
    )
    failsCleanly(run)
    expect(trap.connections).toBe(0)
    expect(run.ms).toBeLessThan(10_000)
    const report = run.report as { findings: Array<{ rule: string; image: string; message: string }> }
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'registries', image: `${trap.host}/evil/app:1`, message: `registry ${trap.host} is not allowed (allowed: ghcr.io); it was not contacted` }),
      expect.objectContaining({ rule: 'registries', image: `${trap.host}/evil/base:2`, message: `registry ${trap.host} is not allowed (allowed: ghcr.io); it was not contacted` })
    ])
    expect(run.summary).toContain('not allowed')
  })

  test('a policy rule that names the image keeps it from its registry too', async () => {
    const trap = await hostile(() => ({ status: 200, body: '{}' }), 60_000)
    const run = await gate({ images: `${trap.host}/evil/app:1`, policy: 'policy.yml' }, {}, 60_000, dir =>
      writeFileSync(join(dir, 'policy.yml'), `rules:\n  - images: ["127.0.0.1:*/evil/**"]\n    registries: [ghcr.io]\n`)
    )
    failsCleanly(run)
    expect(trap.connections).toBe(0)
    expect(run.stdout).toContain('it was not contacted [policy.yml rules[0] (line 2)]')
  })
})
