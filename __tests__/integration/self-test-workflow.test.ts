/**
 * .github/workflows/self-test.yml, run here step by step as the runner would run it on a push: its run: steps in
 * bash with GITHUB_OUTPUT, its `uses: ./` steps through dist/index.js with action.yml's defaults filled in, the
 * expressions it uses evaluated, continue-on-error honoured. The registry service container is the suite's real
 * docker-registry (anonymous, like registry:2): `localhost:5000` in the workflow and its fixture files becomes that
 * registry's 127.0.0.1:PORT. So the workflow's own assertions (a passing gate, a failing gate and its outputs, the
 * digests handed to a later step, files over the repository's fixtures) run on every `npm test`, not only on GitHub.
 * The pull_request branch of the last step (changed-files-only, which asks GitHub's API) runs only on GitHub.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { DIST, ROOT, parseOutputFile, runAction } from '../support/run-action.js'

interface Step {
  name?: string
  id?: string
  if?: string
  uses?: string
  run?: string
  with?: Record<string, string | number | boolean>
  env?: Record<string, string>
  'continue-on-error'?: boolean
}
interface Workflow {
  jobs: Record<
    string,
    { env?: Record<string, string>; services?: Record<string, { image: string; ports: string[] }>; steps: Step[] }
  >
}

const SERVICE = 'localhost:5000'
let reg: TestRegistry
let workspace: string

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error('dist/index.js is missing: run npm run bundle')
  reg = await startRegistry({ auth: 'anonymous' })
  workspace = mkdtempSync(join(tmpdir(), 'image-gate-self-test-'))
  // The checkout: the files the workflow's steps read, with the service's address swapped for the registry's.
  for (const dir of ['.github/self-test', '__tests__/fixtures/self-test'])
    cpSync(join(ROOT, dir), join(workspace, dir), { recursive: true })
  const swap = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e)
      if (statSync(p).isDirectory()) swap(p)
      else writeFileSync(p, readFileSync(p, 'utf8').replaceAll(SERVICE, reg.host), { mode: statSync(p).mode })
    }
  }
  swap(join(workspace, '__tests__/fixtures/self-test'))
})
afterAll(async () => {
  await reg.stop()
  rmSync(workspace, { recursive: true, force: true })
})

type StepState = { outputs: Record<string, string>; outcome: 'success' | 'failure' }

/** The expressions self-test.yml uses; anything else fails the test, so that this runner never guesses. */
function evaluate(text: string, steps: Map<string, StepState>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    let m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr)
    if (m) return steps.get(m[1]!)?.outputs[m[2]!] ?? ''
    m = /^steps\.([\w-]+)\.outcome$/.exec(expr)
    if (m) return steps.get(m[1]!)?.outcome ?? ''
    const known: Record<string, string> = {
      'github.token': 'ghs_selftest',
      'github.event.pull_request.number': '',
      'github.event_name': 'push',
      "github.event_name == 'pull_request'": 'false'
    }
    if (expr in known) return known[expr]!
    throw new Error(`self-test.yml uses an expression this test does not evaluate: ${expr}`)
  })
}

test('self-test.yml passes, step by step, against the real registry', async () => {
  const wf = parse(
    readFileSync(join(ROOT, '.github/workflows/self-test.yml'), 'utf8').replaceAll(SERVICE, reg.host)
  ) as Workflow
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
  const job = wf.jobs['self-test']!
  expect(job.services?.registry?.image).toBe('registry:2')
  expect(job.services?.registry?.ports).toEqual(['5000:5000'])

  const steps = new Map<string, StepState>()
  const ran: string[] = []
  const runnerTemp = join(workspace, '.runner-temp')
  mkdirSync(runnerTemp, { recursive: true })
  const base = {
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/image-gate',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: runnerTemp
  }
  for (const [i, step] of job.steps.entries()) {
    const label = step.name ?? step.uses ?? `step ${i + 1}`
    if (step.if !== undefined && evaluate(`\${{ ${step.if} }}`, steps) !== 'true') continue
    if (step.uses?.startsWith('actions/checkout@')) continue // the workspace is laid out above
    const env = Object.fromEntries(
      Object.entries({ ...job.env, ...step.env }).map(([k, v]) => [k, evaluate(String(v), steps)])
    )
    let state: StepState
    let log: string
    if (step.uses === './') {
      const inputs: Record<string, string> = {}
      for (const [name, input] of Object.entries(action.inputs))
        inputs[name] = evaluate(String(input.default ?? ''), steps)
      for (const [name, value] of Object.entries(step.with ?? {})) inputs[name] = evaluate(String(value), steps)
      const run = await runAction(inputs, { ...base, ...env })
      state = { outputs: run.outputs, outcome: run.code === 0 ? 'success' : 'failure' }
      log = run.stdout + run.stderr
    } else if (step.run !== undefined) {
      const out = join(runnerTemp, `output-${i}`)
      writeFileSync(out, '')
      const script = join(runnerTemp, `step-${i}.sh`)
      writeFileSync(script, evaluate(step.run, steps))
      // As the runner runs `shell: bash` by default: bash --noprofile --norc -eo pipefail {0}
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: workspace,
        env: { PATH: process.env.PATH ?? '', HOME: workspace, ...base, ...env, GITHUB_OUTPUT: out },
        encoding: 'utf8',
        timeout: 60_000
      })
      state = { outputs: parseOutputFile(readFileSync(out, 'utf8')), outcome: r.status === 0 ? 'success' : 'failure' }
      log = r.stdout + r.stderr
    } else {
      throw new Error(`self-test.yml step '${label}' uses ${step.uses}, which this test cannot run`)
    }
    if (step.id) steps.set(step.id, state)
    ran.push(`${label}: ${state.outcome}`)
    if (state.outcome === 'failure' && !step['continue-on-error']) throw new Error(`step '${label}' failed:\n${log}`)
  }
  // Every step ran; the failing gate failed (and was allowed to); the rest succeeded.
  expect(ran).toEqual(
    job.steps
      .filter(s => !s.uses?.startsWith('actions/checkout@'))
      .map(s => `${s.name ?? s.uses}: ${s['continue-on-error'] ? 'failure' : 'success'}`)
  )
  expect(steps.get('pass')?.outputs.pinned).toBe(`${reg.host}/self-test/app:1.0@${steps.get('push')?.outputs.app}`)
})
