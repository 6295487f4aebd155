/** The command line's flags: action.yml's inputs, parsed from argv into what core.getInput would have returned. */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { inputsOfActionYml } from '../../../src/cli/action-inputs.js'
import type { ParsedArgs } from '../../../src/cli/flags.js'
import { UsageError, flagKind, helpText, inputMessageToFlags, parseArgs, toFlags } from '../../../src/cli/flags.js'
import { InputError, readInputs } from '../../../src/gate/inputs.js'

const actionYml = parse(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}
const flags = toFlags(inputsOfActionYml(actionYml))
const D = `sha256:${'a'.repeat(64)}`

function values(argv: string[]): Record<string, string> {
  return Object.fromEntries(parseArgs(argv, flags).values)
}

function usageError(argv: string[]): string {
  try {
    parseArgs(argv, flags)
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError)
    return (e as Error).message
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be refused`)
}

describe('the flags are the inputs of action.yml', () => {
  test('every input of action.yml has a flag of its name, with its default in --help', () => {
    const names = Object.keys(actionYml.inputs)
    expect(flags.map(f => f.name)).toEqual(names)
    const help = helpText(flags, '1.2.3')
    for (const [name, spec] of Object.entries(actionYml.inputs)) {
      const def =
        spec.default === undefined || spec.default === '' || String(spec.default).includes('${{')
          ? 'none'
          : String(spec.default)
      const start = help.indexOf(`  --${name}`)
      expect(start).toBeGreaterThan(-1)
      const next = help.indexOf('\n  --', start + 1)
      expect(help.slice(start, next).replace(/\s+/g, ' ')).toContain(`(default: ${def})`)
    }
    expect(help).toContain('--format text|json|sarif')
    expect(help).not.toContain('${{')
  })

  test('a flag left out means what the action default means: readInputs gives the same for both', () => {
    const fromDefaults = readInputs(name =>
      name === 'images'
        ? 'alpine'
        : (actionYml.inputs[name]?.default ?? '').includes('${{')
          ? ''
          : (actionYml.inputs[name]?.default ?? '')
    )
    const fromNothing = readInputs(name => (name === 'images' ? 'alpine' : ''))
    expect(fromNothing).toEqual(fromDefaults)
  })

  test.each<[string, string, string]>([
    ['non-root', 'true: the default user must not be root', 'false'],
    ['images', 'Image references, one per line or comma-separated', ''],
    ['labels', 'Required config labels, one per line', ''],
    ['max-age', 'Longest time since the image was created', ''],
    ['policy', 'Path of a policy file', ''],
    ['summary', 'write the summary', 'true'],
    ['platforms', 'Platforms, One Per Line or Comma-Separated', '']
  ])('%s (%j, default %j) is a flag of its kind', (name, description, def) => {
    const kind = flagKind({ name, description, default: def })
    expect(kind).toBe(
      def === 'true' || def === 'false'
        ? 'boolean'
        : /one per line|comma-separated/i.test(description)
          ? 'list'
          : 'value'
    )
  })

  test.each(['images', 'platforms', 'base-images', 'registries', 'labels', 'insecure-registries', 'files'])(
    '%s takes a list',
    name => {
      expect(flags.find(f => f.name === name)?.kind).toBe('list')
    }
  )
})

describe('parseArgs', () => {
  test.each<[string, string[], Record<string, string>]>([
    ['nothing', [], {}],
    ['an image as a word', ['alpine'], { images: 'alpine' }],
    ['images as words and a flag', ['alpine', '--images', 'nginx', 'redis'], { images: 'nginx\nalpine\nredis' }],
    ['--name value', ['--max-age', '30d'], { 'max-age': '30d' }],
    ['--name=value', ['--max-age=30d'], { 'max-age': '30d' }],
    ['a value with =', ['--labels', 'a=b=c'], { labels: 'a=b=c' }],
    ['--name= (empty)', ['--policy='], { policy: '' }],
    [
      'a repeated list',
      ['--platforms', 'linux/amd64', '--platforms=linux/arm64'],
      { platforms: 'linux/amd64\nlinux/arm64' }
    ],
    [
      'a comma-separated list stays as written',
      ['--platforms', 'linux/amd64,linux/arm64'],
      { platforms: 'linux/amd64,linux/arm64' }
    ],
    ['labels repeat, commas kept', ['--labels', 'a=1,2', '--labels', 'b'], { labels: 'a=1,2\nb' }],
    ['a switch', ['--non-root'], { 'non-root': 'true' }],
    ['a switch =false', ['--fail-build=false'], { 'fail-build': 'false' }],
    ['--no-switch', ['--no-fail-build'], { 'fail-build': 'false' }],
    ['a switch does not eat the next word', ['--non-root', 'alpine'], { 'non-root': 'true', images: 'alpine' }],
    ['-- ends the flags', ['--', '--not-a-flag'], { images: '--not-a-flag' }],
    ['a lone - is a word', ['-'], { images: '-' }],
    ['a digest pinned', ['--digest', D, 'alpine'], { digest: D, images: 'alpine' }],
    ['a value that starts with a dash', ['--password', '-secret-'], { password: '-secret-' }]
  ])('%s', (_name, argv, expected) => {
    expect(values(argv)).toEqual(expected)
  })

  test.each<[string[], Partial<ParsedArgs>]>([
    [['--help'], { help: true }],
    [['-h'], { help: true }],
    [['--version'], { version: true }],
    [['-V'], { version: true }],
    [['--verbose', 'x'], { verbose: true }],
    [['--format', 'json'], { format: 'json' }],
    [['--format=sarif'], { format: 'sarif' }],
    [['--report', 'out/r.json'], { report: 'out/r.json' }],
    [['--password-stdin', '--username', 'u'], { passwordStdin: true }],
    [['--username', 'u'], { passwordStdin: false }]
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv, flags)).toMatchObject(expected)
  })

  test.each<[string, string[], string[]]>([
    ['an unknown flag', ['--max-ages', '30d'], ['--max-ages', 'not a flag', 'did you mean --max-age?']],
    ['an unknown flag far from any', ['--frobnicate'], ['--frobnicate', 'not a flag', '--help']],
    ['a short flag', ['-x'], ['-x', 'not a flag']],
    ['a value flag at the end', ['--max-age'], ['--max-age needs a value']],
    ['a value flag before another flag', ['--policy', '--non-root'], ['--policy needs a value']],
    ['a scalar given twice', ['--max-age', '1d', '--max-age=2d'], ['--max-age is given twice']],
    ['a switch given twice', ['--non-root', '--no-non-root'], ['--non-root is given twice']],
    ['a bad format', ['--format', 'xml'], ['--format is "xml"', 'text, json, sarif']],
    ['--no- on a value flag', ['--no-policy'], ['--no-policy', 'not a flag']],
    ['--no-switch=value', ['--no-fail-build=true'], ['--no-fail-build takes no value']],
    ['--help=x', ['--help=x'], ['--help takes no value']],
    ['--password-stdin=x', ['--password-stdin=x'], ['--password-stdin takes no value']],
    ['an empty report path', ['--report='], ['--report is empty']],
    ['escape sequences in a flag name', ['--\u001b[31mred'], ['--?[31mred']]
  ])('refuses %s', (_name, argv, phrases) => {
    const message = usageError(argv)
    for (const p of phrases) expect(message).toContain(p)
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f]/)
  })
})

describe('input messages name flags on the command line', () => {
  test.each<[Record<string, string>, string[]]>([
    [{ images: 'alpine', 'max-age': 'soon' }, ['--max-age: "soon" is not a duration']],
    [{ images: 'alpine', concurrency: '0' }, ['--concurrency is "0"']],
    [{ images: 'alpine', password: 'x' }, ['--username and --password go together', '--username is empty']],
    [{}, ['--images is empty', 'give --files']],
    [{ images: 'a,b', digest: D }, ['--digest is for one image, but --images lists 2']],
    [{ images: 'alpine', 'non-root': 'yes' }, ['--non-root is "yes": write true or false']]
  ])('%j', (given, phrases) => {
    let message = ''
    try {
      readInputs(name => given[name] ?? '')
    } catch (e) {
      expect(e).toBeInstanceOf(InputError)
      message = inputMessageToFlags((e as Error).message, flags)
    }
    for (const p of phrases) expect(message).toContain(p)
    expect(message).not.toContain('Input')
  })

  test('a quoted word that is no input stays as it is', () => {
    expect(inputMessageToFlags('Input "max-age": "30x" is not a duration', flags)).toBe(
      '--max-age: "30x" is not a duration'
    )
  })
})

describe('list flags are the inputs that readInputs reads as lists', () => {
  // Every `parseList(get('NAME'))` and `ruleList('NAME', …)` in src/gate/inputs.ts is a list; its action.yml description
  // must say so, which makes its flag repeatable.
  const source = readFileSync(new URL('../../../src/gate/inputs.ts', import.meta.url), 'utf8')
  const lists = [...source.matchAll(/parseList\(get\('([a-z-]+)'\)|ruleList\('([a-z-]+)'/g)].map(m => (m[1] ?? m[2])!)
  test('src/gate/inputs.ts reads lists', () => {
    expect(lists.length).toBeGreaterThanOrEqual(7)
  })
  test.each([...new Set([...lists, 'signature-keys'])])('--%s repeats', name => {
    expect(flags.find(f => f.name === name)?.kind).toBe('list')
  })
})
