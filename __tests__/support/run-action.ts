import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const DIST = join(ROOT, 'dist/index.js')

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The JSON report, when the run wrote one. */
  report: Record<string, unknown> | undefined
  reportText: string
  dir: string
  /** Every file the run wrote that a user could see, as one string: for secret scans. */
  everything(): string
}

/** Parses a GITHUB_OUTPUT file: `name<<DELIM`, value lines, `DELIM`; or `name=value`. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delim] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!)
      out[name!] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

/**
 * Runs dist/index.js as the runner does: inputs as INPUT_* variables (names upper-cased, spaces to underscores),
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_TEMP, and the Node that runs the tests (Node 24).
 */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  /** Writes files into the workspace; may return more environment variables. */
  prepare?: (workspace: string) => Record<string, string> | void,
  /** Node arguments instead of dist/index.js (a wrapper that measures it, say). */
  argv: string[] = [DIST]
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'image-gate-run-'))
  const extraEnv = prepare?.(dir) ?? {}
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: join(dir, 'home'),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTION: 'gate',
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: join(dir, 'runner-temp'),
    ...env,
    ...extraEnv
  }
  for (const [name, value] of Object.entries(inputs)) childEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  const child = spawn(process.execPath, argv, {
    env: childEnv,
    cwd: childEnv.GITHUB_WORKSPACE,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number | null>((resolveCode, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`dist/index.js did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`))
    }, timeoutMs)
    child.on('close', c => {
      clearTimeout(timer)
      resolveCode(c)
    })
  })
  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'))
  const summary = readFileSync(summaryFile, 'utf8')
  let reportText = ''
  let report: Record<string, unknown> | undefined
  if (outputs.report) {
    try {
      reportText = readFileSync(outputs.report, 'utf8')
      report = JSON.parse(reportText) as Record<string, unknown>
    } catch {
      report = undefined
    }
  }
  return {
    code,
    stdout,
    stderr,
    outputs,
    summary,
    report,
    reportText,
    dir,
    everything: () => [stdout, stderr, readFileSync(outputFile, 'utf8'), summary, reportText].join('\n')
  }
}

export function cleanup(run: ActionRun): void {
  rmSync(run.dir, { recursive: true, force: true })
}
