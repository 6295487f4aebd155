import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './run-action.js'

export const CLI = join(ROOT, 'dist/cli.js')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  /** The working directory it ran in (removed by cleanup). */
  dir: string
  env: Record<string, string>
}

/**
 * Runs the built dist/cli.js as a person or another CI would: no GITHUB_* or RUNNER_* variable, HOME and the
 * working directory in a fresh temporary directory, only PATH and what `env` adds.
 */
export async function runCli(
  argv: string[],
  env: Record<string, string> = {},
  opts: {
    timeoutMs?: number
    dir?: string
    stdin?: string
    /** The GitHub variables a person sets for base: and github: sources. */ github?: boolean
  } = {}
): Promise<CliRun> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'image-gate-cli-'))
  mkdirSync(join(dir, 'home'), { recursive: true })
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: join(dir, 'home'), ...env }
  const allowed = opts.github ? /^GITHUB_(TOKEN|API_URL|REPOSITORY|SHA)$/ : /^$/
  for (const name of Object.keys(childEnv))
    if (/^(GITHUB|RUNNER|INPUT)_/.test(name) && !allowed.test(name)) throw new Error(`runCli: ${name} must not be set`)
  // Standard input is a pipe that holds `stdin` (default: nothing), never a terminal.
  const child = spawn(process.execPath, [CLI, ...argv], { env: childEnv, cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] })
  // A command that exits without reading it closes the pipe: that is no error of the test's.
  child.stdin.on('error', () => {})
  child.stdin.end(opts.stdin ?? '')
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timeoutMs = opts.timeoutMs ?? 60_000
  const code = await new Promise<number | null>((resolveCode, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`dist/cli.js did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`))
    }, timeoutMs)
    child.on('close', c => {
      clearTimeout(timer)
      resolveCode(c)
    })
  })
  return { code, stdout, stderr, dir, env: childEnv }
}

export function cleanupCli(run: CliRun): void {
  rmSync(run.dir, { recursive: true, force: true })
}
