/**
 * The command line's flags: one `--NAME` for every input of action.yml (read from action.yml when the bundle is
 * built, so the two cannot drift), and the few flags that only a command line has.
 */
import { GateError } from '../core/errors.js'

/** An input of action.yml, as the bundle carries it. */
export interface ActionInput {
  name: string
  description: string
  /** The literal default of action.yml ('' when none). */
  default: string
}

export type FlagKind = 'boolean' | 'list' | 'value'

export interface Flag extends ActionInput {
  kind: FlagKind
}

/** `true`/`false` defaults are switches; inputs described as lists take repeated or comma-separated values. */
export function flagKind(input: ActionInput): FlagKind {
  if (input.default === 'true' || input.default === 'false') return 'boolean'
  if (/one per line|comma-separated/i.test(input.description)) return 'list'
  return 'value'
}

export function toFlags(inputs: ActionInput[]): Flag[] {
  return inputs.map(i => ({ ...i, kind: flagKind(i) }))
}

export type Format = 'text' | 'json' | 'sarif'
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif']

/** Flags of the command line alone: name, value placeholder ('' for a switch), and what it does. */
export const CLI_FLAGS: ReadonlyArray<{ name: string; value: string; description: string }> = [
  {
    name: 'format',
    value: 'text|json|sarif',
    description: 'What goes to stdout: text for a person (default), the JSON report, or SARIF 2.1.0.'
  },
  { name: 'report', value: 'PATH', description: 'Also write the JSON report to PATH.' },
  {
    name: 'password-stdin',
    value: '',
    description:
      'Read the password for --username from standard input (trailing newline dropped), as docker login --password-stdin does: unlike --password, it is not shown in the process list.'
  },
  { name: 'verbose', value: '', description: 'Log what the gate does (to stderr).' },
  { name: 'help', value: '', description: 'Show this help and exit.' },
  { name: 'version', value: '', description: 'Print the version and exit.' }
]

/** Bad usage: exit 2 with this message, which names the flag. */
export class UsageError extends GateError {
  constructor(message: string) {
    super('usage', message)
  }
}

export interface ParsedArgs {
  /** Input values by action.yml name, as core.getInput would return them (lists joined by newlines). */
  values: Map<string, string>
  format: Format
  report: string | undefined
  verbose: boolean
  /** --password-stdin: the password is read from standard input. */
  passwordStdin: boolean
  help: boolean
  version: boolean
}

/** The flag nearest to a mistyped one, when one is near enough to suggest. */
function nearest(name: string, names: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const d = Array.from({ length: b.length + 1 }, (_, i) => i)
    for (let i = 1; i <= a.length; i++) {
      let prev = d[0]!
      d[0] = i
      for (let j = 1; j <= b.length; j++) {
        const cur = d[j]!
        d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
        prev = cur
      }
    }
    return d[b.length]!
  }
  let best: { name: string; d: number } | undefined
  for (const n of names) {
    const d = distance(name, n)
    if (!best || d < best.d) best = { name: n, d }
  }
  return best && best.d <= Math.max(1, Math.floor(name.length / 4)) ? best.name : undefined
}

/** Shown for a flag the user wrote: printable, short, no control characters. */
export function shown(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean
}

/**
 * argv → input values. `--name value` and `--name=value`; a switch is `--name`, `--name=false` or `--no-name`;
 * a list flag may repeat; words that are not flags are images; `--` ends the flags.
 */
export function parseArgs(argv: string[], flags: Flag[]): ParsedArgs {
  const byName = new Map(flags.map(f => [f.name, f]))
  const lists = new Map<string, string[]>()
  const out: ParsedArgs = {
    values: new Map(),
    format: 'text',
    report: undefined,
    verbose: false,
    passwordStdin: false,
    help: false,
    version: false
  }
  const seen = new Set<string>()
  const positional: string[] = []
  const allNames = [...flags.map(f => f.name), ...CLI_FLAGS.map(f => f.name)]
  const once = (name: string): void => {
    if (seen.has(name)) throw new UsageError(`--${name} is given twice; it takes one value`)
    seen.add(name)
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      positional.push(...argv.slice(i + 1))
      break
    }
    if (arg === '-h') out.help = true
    else if (arg === '-V') out.version = true
    else if (arg === '-v') out.verbose = true
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      let name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
      let inline = eq === -1 ? undefined : arg.slice(eq + 1)
      const takeValue = (): string => {
        if (inline !== undefined) return inline
        const next = argv[i + 1]
        if (next === undefined || (next.startsWith('--') && next.length > 2))
          throw new UsageError(`--${name} needs a value`)
        i++
        return next
      }
      if (name === 'help' || name === 'version' || name === 'verbose' || name === 'password-stdin') {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`)
        if (name === 'help') out.help = true
        else if (name === 'version') out.version = true
        else if (name === 'password-stdin') out.passwordStdin = true
        else out.verbose = true
        continue
      }
      if (name === 'format') {
        once(name)
        const v = takeValue()
        if (!(FORMATS as readonly string[]).includes(v))
          throw new UsageError(`--format is "${shown(v)}": write ${FORMATS.join(', ')}`)
        out.format = v as Format
        continue
      }
      if (name === 'report') {
        once(name)
        const v = takeValue()
        if (v.trim() === '') throw new UsageError('--report is empty: give the path to write the JSON report to')
        out.report = v
        continue
      }
      let negated = false
      if (!byName.has(name) && name.startsWith('no-') && byName.get(name.slice(3))?.kind === 'boolean') {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`)
        name = name.slice(3)
        negated = true
      }
      const flag = byName.get(name)
      if (!flag) {
        const near = nearest(name, allNames)
        throw new UsageError(
          `--${shown(name)} is not a flag of image-gate${near ? `: did you mean --${near}?` : ''}; see image-gate --help`
        )
      }
      if (flag.kind === 'boolean') {
        once(name)
        if (negated) inline = 'false'
        out.values.set(name, inline ?? 'true')
      } else if (flag.kind === 'list') {
        lists.set(name, [...(lists.get(name) ?? []), takeValue()])
      } else {
        once(name)
        out.values.set(name, takeValue())
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      throw new UsageError(
        `${shown(arg)} is not a flag of image-gate; flags are written --name (see image-gate --help)`
      )
    } else {
      positional.push(arg)
    }
  }
  for (const [name, values] of lists) out.values.set(name, values.join('\n'))
  if (positional.length > 0) {
    if (!byName.has('images')) throw new UsageError(`unexpected argument "${shown(positional[0]!)}"`)
    out.values.set('images', [out.values.get('images') ?? '', ...positional].filter(v => v !== '').join('\n'))
  }
  return out
}

/**
 * An input's message, for the command line: `Input "max-age"` becomes `--max-age`, and any other input quoted by
 * name becomes its flag.
 */
export function inputMessageToFlags(message: string, flags: Flag[]): string {
  const names = new Set(flags.map(f => f.name))
  return message
    .replace(/\bInputs? ("[a-z0-9-]+"(?:(?:, | and | or )"[a-z0-9-]+")*)/g, (_m, list: string) => list)
    .replace(/"([a-z0-9-]+)"/g, (m, name: string) => (names.has(name) ? `--${name}` : m))
}

/** `--help`: usage, then every flag with its default. */
export function helpText(flags: Flag[], version: string): string {
  const lines: string[] = [
    `image-gate ${version}: verify container images in their registries against a policy, without pulling them.`,
    '',
    'Usage: image-gate [flags] [IMAGE...]',
    '',
    'Every input of the GitHub Action is a flag of the same name. List flags repeat or take comma-separated values;',
    'switches are --name, --name=false or --no-name. Credentials come from the docker config ($DOCKER_CONFIG,',
    'else ~/.docker/config.json) as in the action, or --username with --password-stdin (or --password) and --registry.',
    '',
    'Exit status: 0 pass, 1 findings (an image that cannot be inspected is one), 2 bad usage or input.',
    '',
    'Inputs:'
  ]
  const width = 26
  const indent = ' '.repeat(width + 4)
  /** The description wrapped at 100 columns, beside the flag (or under it when the flag is long). */
  const row = (left: string, text: string): string => {
    const wrapped: string[] = []
    let line = ''
    for (const word of text.split(' ')) {
      if (line !== '' && indent.length + line.length + 1 + word.length > 100) {
        wrapped.push(line)
        line = word
      } else line = line === '' ? word : `${line} ${word}`
    }
    wrapped.push(line)
    const head = left.length > width ? `  ${left}\n${indent}` : `  ${left.padEnd(width + 2)}`
    return `${head}${wrapped.join(`\n${indent}`)}`
  }
  for (const f of flags) {
    const left = f.kind === 'boolean' ? `--${f.name}` : `--${f.name} ${f.kind === 'list' ? 'LIST' : 'VALUE'}`
    const def = f.default.includes('${{') ? '' : f.default
    const description = f.description.replace(/\s+/g, ' ').trim()
    lines.push(row(left, `${description} (default: ${def === '' ? 'none' : def})`))
  }
  lines.push('', 'Command line:')
  for (const f of CLI_FLAGS) lines.push(row(`--${f.name}${f.value ? ` ${f.value}` : ''}`, f.description))
  return `${lines.join('\n')}\n`
}
