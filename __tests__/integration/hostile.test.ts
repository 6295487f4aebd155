/**
 * What a malicious pull request or registry can do, against dist/ as the runner runs it. Each case ends as the
 * gate's own verdict: exit 1 in bounded time, a message naming the input, file or host and what is wrong, no stack
 * trace, and nothing in the log, outputs or summary that the runner would take as a command or the summary as markup.
 * Hostile servers listen on 127.0.0.1 and stop by themselves.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Store, commandLines, startHostile, type HostileServer } from '../support/hostile-server.js'
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
    expect(line).not.toMatch(/^::[a-z-]+( [^:]*)?::PWNED|##\[/)
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

describe('inert: nothing from a registry becomes a command or markup', () => {
  const PAYLOAD = 'ok\n::warning title=x::PWNED\r::error::PWNED\n  ::add-mask::PWNED\n##[error]PWNED\n\n[click](https://evil.example) ![x](https://evil.example/x.png) | <script>PWNED</script> `c` **b**'

  test('labels, created times and error bodies reach the log, annotations, summary and SARIF as text', async () => {
    const store = new Store()
    store.image({ created: PAYLOAD, config: { Labels: { 'org.opencontainers.image.source': PAYLOAD } } }, 'v1')
    const registry = await hostile((req) => {
      if (req.url?.includes('/manifests/missing')) return { status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: PAYLOAD }] }) }
      return store.answer(req.url ?? '/')
    }, 60_000)
    const run = await gate(
      { images: `${registry.host}/evil/app:v1\n${registry.host}/evil/app:missing`, labels: 'org.opencontainers.image.source=https://github.com/acme/*', 'max-age': '30d', sarif: 'gate.sarif' },
      { RUNNER_DEBUG: '1' }
    )
    failsCleanly(run)
    expect(run.ms).toBeLessThan(20_000)
    // The payload was there to be shown: the findings carry it, made inert.
    expect(run.stdout).toContain('PWNED')
    const report = run.report as { findings: Array<{ rule: string; message: string }> }
    expect(report.findings.map(f => f.rule).sort()).toEqual(['inspect', 'labels', 'max-age'])
    // The summary is one HTML block with no markup from the payload.
    expect(run.summary).not.toMatch(/\n\s*\n/)
    expect(run.summary).not.toContain('<script>')
    expect(run.summary).not.toContain('](')
    expect(run.summary).not.toContain('**')
    expect(run.summary).toContain('&lt;script&gt;PWNED')
    const sarif = JSON.parse(readFileSync(join(run.dir, 'gate.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ message: { text: string } }> }> }
    for (const r of sarif.runs[0]!.results) expect(r.message.text).not.toMatch(/(^|[^\\])\[click\]/)
  })

  test('a platform from a registry that is not a platform word is an invalid image, never shown', async () => {
    const store = new Store()
    const child = store.image({})
    store.tags.set(
      'v1',
      store.put({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ ...child, platform: { os: 'linux\n::warning::PWNED', architecture: 'amd64' } }] }, 'application/vnd.oci.image.index.v1+json').digest
    )
    const registry = await hostile(req => store.answer(req.url ?? '/'), 60_000)
    const run = await gate({ images: `${registry.host}/evil/app:v1`, platforms: 'linux/amd64' }, { RUNNER_DEBUG: '1' })
    failsCleanly(run)
    expect(run.stdout).toContain('manifests[0].platform: its os (22 characters) is not a platform word')
    expect(run.everything()).not.toContain('PWNED')
  })
})
