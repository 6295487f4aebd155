/**
 * The command line: the same engine as the action, with flags instead of INPUT_* variables. Output for a person
 * (text) or a program (`--format json|sarif`) on stdout, every log line on stderr. Exit status: 0 pass,
 * 1 findings, 2 bad usage or input.
 */
import { resolve } from 'node:path'
import { describeFailure, plural, readmeUrl, transportOverrides } from '../describe.js'
import { readInputs } from '../gate/inputs.js'
import type { Logger } from '../core/logger.js'
import { commandFreeText, inertJson } from '../report/escape.js'
import { TOOL_VERSION } from '../report/report.js'
import { redact, registerSecret } from '../core/secrets.js'
import { actionInputs } from './action-inputs.js'
import type { Flag } from './flags.js'
import { UsageError, helpText, inputMessageToFlags, parseArgs, toFlags } from './flags.js'
import { GateError } from '../core/errors.js'
import { renderText, terminalSafe, useColor } from './text.js'

export const EXIT_PASS = 0
export const EXIT_FINDINGS = 1
export const EXIT_USAGE = 2

export interface CliIO {
  /** Standard input, opened for --password-stdin only. */
  stdin?: () => AsyncIterable<Buffer | string> & { isTTY?: boolean }
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown; isTTY?: boolean }
  env: NodeJS.ProcessEnv
  cwd: string
  now?: Date
}

/** Log lines on stderr: warnings and notices always, the rest with --verbose. Secrets and escapes scrubbed. */
function stderrLogger(io: CliIO, verbose: boolean): Logger {
  const line =
    (prefix: string) =>
    (m: string): void => {
      io.stderr.write(commandFreeText(`${prefix}${redact(m).split('\n').map(terminalSafe).join('\n')}\n`))
    }
  return {
    debug: verbose ? line('debug: ') : () => {},
    info: verbose ? line('') : () => {},
    warning: line('warning: '),
    notice: line('note: ')
  }
}

/** The most --password-stdin reads: far more than any registry password or token, and bounded. */
const PASSWORD_STDIN_LIMIT = 64 * 1024

/** --password-stdin: all of standard input, one trailing newline (\n or \r\n) dropped, as docker login does. */
async function passwordFromStdin(open: CliIO['stdin']): Promise<string> {
  const stdin = open?.()
  const pipe = 'pipe it in: printf %s "$PASSWORD" | image-gate --username USER --password-stdin ...'
  if (!stdin || stdin.isTTY) throw new UsageError(`--password-stdin: standard input is a terminal; ${pipe}`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += b.length
    if (size > PASSWORD_STDIN_LIMIT)
      throw new UsageError(
        `--password-stdin: standard input is longer than ${PASSWORD_STDIN_LIMIT / 1024} KiB; it must hold the password only`
      )
    chunks.push(b)
  }
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
  registerSecret(password)
  if (password === '') throw new UsageError(`--password-stdin: standard input is empty; ${pipe}`)
  return password
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let flags: Flag[] = []
  const fail = (message: string, code: number): number => {
    const lines = redact(message)
      .replace(/^image-gate: /, '')
      .split('\n')
      .map(terminalSafe)
    io.stderr.write(commandFreeText(`image-gate: ${lines.join('\n')}\n`))
    return code
  }
  try {
    flags = toFlags(actionInputs())
    const args = parseArgs(argv, flags)
    if (args.help) {
      io.stdout.write(helpText(flags, TOOL_VERSION))
      return EXIT_PASS
    }
    if (args.version) {
      io.stdout.write(`image-gate ${TOOL_VERSION}\n`)
      return EXIT_PASS
    }
    if (argv.length === 0)
      return fail(
        'no image to check: give image references (image-gate alpine:3.20) or --files; see image-gate --help',
        EXIT_USAGE
      )
    if (args.passwordStdin) {
      if (args.values.has('password'))
        throw new UsageError(
          '--password and --password-stdin are both given: give the password one way (--password-stdin keeps it out of the process list)'
        )
      args.values.set('password', await passwordFromStdin(io.stdin))
    }
    // As gh and other GitHub tools do, a token in GITHUB_TOKEN is the github-token when no flag gives one: it reads
    // base: and github: sources, and ghcr.io.
    const inputs = readInputs(
      name => args.values.get(name) ?? (name === 'github-token' ? (io.env.GITHUB_TOKEN ?? '') : '')
    )
    const logger = stderrLogger(io, args.verbose)
    const now = io.now ?? new Date()
    logger.info(`Inspecting ${plural(inputs.images.length, 'image')}`)
    // Loaded once the inputs hold: --help, --version and bad usage do not load the engine.
    const { runEngine } = await import('../engine.js')
    const result = await runEngine(inputs, {
      logger,
      dockerConfigDir: io.env.DOCKER_CONFIG || undefined,
      githubActor: io.env.GITHUB_ACTOR || undefined,
      workspace: io.cwd,
      env: io.env,
      now,
      transport: transportOverrides(io.env),
      reportPath: args.report === undefined ? undefined : resolve(io.cwd, args.report),
      readmeUrl: readmeUrl(io.env)
    })
    // Output a workflow's run: step shows is read by the runner too: no value may start a workflow command there.
    if (args.format === 'json') io.stdout.write(inertJson(result.report))
    else if (args.format === 'sarif') io.stdout.write(inertJson(await result.sarif()))
    else
      io.stdout.write(
        commandFreeText(redact(renderText(result.report, { color: useColor(io.stdout.isTTY, io.env), now })))
      )
    return result.failure && inputs.failBuild ? EXIT_FINDINGS : EXIT_PASS
  } catch (e) {
    if (e instanceof GateError && e.code === 'usage') return fail(e.message, EXIT_USAGE)
    const failure = describeFailure(e)
    if (failure.kind === 'other') return fail(failure.message, EXIT_FINDINGS)
    return fail(inputMessageToFlags(failure.message, flags), EXIT_USAGE)
  }
}
