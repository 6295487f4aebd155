/** The built dist/cli.js against the real registry, run as on a laptop or in another CI: no GITHUB_* variable. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage, type PushedIndex } from '../support/push.js'
import { ROOT } from '../support/run-action.js'
import { CLI, cleanupCli, runCli, type CliRun } from '../support/run-cli.js'
import { validateSarif } from '../support/sarif-validate.js'

let reg: TestRegistry
let app: PushedImage
let multi: PushedIndex
const runs: CliRun[] = []

/** A docker config that logs in to the test registry, as `docker login` writes it. */
function dockerConfig(dir: string): Record<string, string> {
  const cfg = join(dir, 'docker')
  mkdirSync(cfg, { recursive: true })
  const auth = Buffer.from(`${reg.username}:${reg.password}`).toString('base64')
  writeFileSync(join(cfg, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth } } }))
  return { DOCKER_CONFIG: cfg }
}

async function cli(
  argv: string[],
  env: Record<string, string> = {},
  login = true,
  prepare?: (dir: string) => void
): Promise<CliRun> {
  const { mkdtempSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const dir = mkdtempSync(join(tmpdir(), 'image-gate-cli-'))
  prepare?.(dir)
  const run = await runCli(argv, { ...(login ? dockerConfig(dir) : {}), ...env }, { dir })
  runs.push(run)
  return run
}

/** No stack trace, no crash text. */
function expectNoCrash(run: CliRun): void {
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
  expect(run.stderr).not.toMatch(/TypeError|ReferenceError|Unhandled|node:internal/)
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run bundle')
  reg = await startRegistry({ auth: 'htpasswd' })
  const push = new Pusher(reg)
  app = await push.image('cli/app', { tag: '1.0', user: '1000' })
  multi = await push.index('cli/multi', {
    tag: '2',
    images: [
      { platform: { os: 'linux', architecture: 'amd64' }, user: 'app' },
      { platform: { os: 'linux', architecture: 'arm64' }, user: 'app' }
    ]
  })
  await push.image('cli/old', { tag: 'v0', created: '2020-01-01T00:00:00Z', user: '' })
})
afterAll(async () => {
  for (const r of runs) cleanupCli(r)
  await reg.stop()
})

describe('image-gate on the command line', () => {
  test('passing images: exit 0, one line per image, credentials from the docker config, no colour on a pipe', async () => {
    const run = await cli([
      `${reg.host}/cli/app:1.0`,
      '--images',
      `${reg.host}/cli/multi:2`,
      '--platforms',
      'linux/amd64',
      '--non-root'
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe(
      `✔ ${reg.host}/cli/multi:2  ${multi.digest}  linux/amd64, linux/arm64  created just now`.replace(
        'just now',
        lines[0]!.split('created ')[1]!
      )
    )
    expect(lines[0]).toMatch(/created (just now|\d+s ago|\d+m( \d+s)? ago)$/)
    expect(lines[1]).toContain(`✔ ${reg.host}/cli/app:1.0  ${app.digest}  linux/amd64`)
    expect(run.stdout).toMatch(/\nimage-gate: pass: 2 images checked, 0 findings\n$/)
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/\u001b/)
  })

  test('findings: exit 1, every image still checked, an image that cannot be inspected is a finding', async () => {
    const run = await cli([
      `${reg.host}/cli/app:1.0`,
      `${reg.host}/cli/old:v0`,
      `${reg.host}/cli/missing:1`,
      '--max-age',
      '30d',
      '--non-root',
      '--platforms=linux/amd64,linux/arm64'
    ])
    expect(run.code).toBe(1)
    expectNoCrash(run)
    expect(run.stdout).toContain(`✘ ${reg.host}/cli/missing:1  not inspected`)
    expect(run.stdout).toContain('Findings (5):')
    expect(run.stdout).toContain(
      `✘ inspect  ${reg.host}/cli/missing:1: cannot be inspected: ${reg.host}/cli/missing: tag 1 not found`
    )
    expect(run.stdout).toMatch(
      /✘ max-age {2}.*\/cli\/old:v0 \(linux\/amd64\): created 2020-01-01T00:00:00\.000Z, \d+y( \d+mo)? ago: older than max-age 30d/
    )
    expect(run.stdout).toMatch(/\nimage-gate: fail: 3 images checked, 5 findings\n$/)

    const lenient = await cli([`${reg.host}/cli/old:v0`, '--max-age', '30d', '--fail-build=false'])
    expect(lenient.code).toBe(0)
    expect(lenient.stdout).toContain('fail (fail-build: false, so the exit status is 0)')
  })

  test('--files: references in the working directory, each finding placed on its file and line', async () => {
    const run = await cli(['--files', '**/Dockerfile', '--non-root'], {}, true, dir => {
      mkdirSync(join(dir, 'svc'), { recursive: true })
      writeFileSync(
        join(dir, 'svc', 'Dockerfile'),
        `# syntax is not needed\nFROM ${reg.host}/cli/old:v0 AS base\nFROM base\n`
      )
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`✘ non-root  ${reg.host}/cli/old:v0`)
    expect(run.stdout).toMatch(/\n {6}at svc\/Dockerfile:2:\d+\n/)
    expect(run.stdout).toMatch(/image-gate: fail: 1 image checked, 1 finding\n$/)
  })

  test('without the docker config the registry refuses, and that is a finding naming the host', async () => {
    const run = await cli([`${reg.host}/cli/app:1.0`], {}, false)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`${reg.host}/cli/app:1.0  not inspected`)
    expect(run.stdout).toMatch(
      new RegExp(
        `inspect {2}${reg.host.replace(/\./g, '\\.')}/cli/app:1\\.0: cannot be inspected: .*${reg.host.replace(/\./g, '\\.')}`
      )
    )
  })

  test('--username/--password work too, and the password is never printed', async () => {
    const run = await cli(
      [
        `${reg.host}/cli/app:1.0`,
        '--username',
        reg.username,
        '--password',
        reg.password,
        '--format',
        'json',
        '--verbose'
      ],
      {},
      false
    )
    expect(run.code).toBe(0)
    expect(`${run.stdout}${run.stderr}`).not.toContain(reg.password)
  })

  describe('--password-stdin', () => {
    const withStdin = async (argv: string[], stdin: string): Promise<CliRun> => {
      const run = await runCli(argv, {}, { stdin })
      runs.push(run)
      return run
    }

    test('reads the password from standard input, trailing newline dropped, and never prints it', async () => {
      for (const stdin of [`${reg.password}\n`, `${reg.password}\r\n`, reg.password]) {
        const run = await withStdin(
          [`${reg.host}/cli/app:1.0`, '--username', reg.username, '--password-stdin', '--format', 'json', '--verbose'],
          stdin
        )
        expectNoCrash(run)
        expect(run.code).toBe(0)
        expect(`${run.stdout}${run.stderr}`).not.toContain(reg.password)
      }
    })

    test('a wrong password from standard input is refused by the registry: a finding, never printed', async () => {
      const run = await withStdin(
        [`${reg.host}/cli/app:1.0`, '--username', reg.username, '--password-stdin'],
        'wrong-stdin-secret\n'
      )
      expectNoCrash(run)
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(`${reg.host}/cli/app:1.0  not inspected`)
      expect(`${run.stdout}${run.stderr}`).not.toContain('wrong-stdin-secret')
    })

    test.each<[string, string[], string, string]>([
      ['empty standard input', [], '', '--password-stdin: standard input is empty'],
      ['only a newline', [], '\n', '--password-stdin: standard input is empty'],
      [
        '--password as well',
        ['--password', 'hunter2-cli-secret'],
        'hunter2-cli-secret\n',
        '--password and --password-stdin are both given'
      ],
      ['a value', [], 'x', '--password-stdin takes no value']
    ])('bad usage (%s): exit 2 naming the flag', async (name, extra, stdin, phrase) => {
      const flag = name === 'a value' ? ['--password-stdin=x'] : ['--password-stdin']
      const run = await withStdin([`${reg.host}/cli/app:1.0`, '--username', reg.username, ...flag, ...extra], stdin)
      expectNoCrash(run)
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain(phrase)
      expect(run.stderr).not.toContain('hunter2-cli-secret')
    })

    test('standard input that is a terminal is refused, naming the flag, without waiting for a typed password', async () => {
      // script(1) runs the command with a pseudo-terminal as its standard input.
      const { execFile } = await import('node:child_process')
      const out = await new Promise<{ text: string }>(resolveRun => {
        const cmd = `${process.execPath} ${CLI} ${reg.host}/cli/app:1.0 --username ${reg.username} --password-stdin; echo "exit=$?"`
        execFile(
          'script',
          ['-qec', cmd, '/dev/null'],
          { timeout: 30_000, env: { PATH: process.env.PATH ?? '' } },
          (_err, stdout) => resolveRun({ text: stdout })
        )
      })
      expect(out.text).toContain('--password-stdin: standard input is a terminal')
      expect(out.text).toContain('exit=2')
    })

    test('--help lists it', async () => {
      const run = await cli(['--help'], {}, false)
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/\n {2}--password-stdin +Read the password for --username from standard input/)
    })
  })

  test.each<[string, string[], string[]]>([
    [
      'an unknown flag',
      ['alpine', '--max-ages', '30d'],
      ['--max-ages is not a flag of image-gate', 'did you mean --max-age?']
    ],
    ['a flag with no value', ['alpine', '--policy'], ['--policy needs a value']],
    ['a bad duration', ['alpine', '--max-age', 'soon'], ['--max-age: "soon" is not a duration']],
    ['a bad switch', ['alpine', '--non-root=yes'], ['--non-root is "yes": write true or false']],
    ['a bad format', ['alpine', '--format', 'xml'], ['--format is "xml"']],
    ['no image', [], ['no image to check']],
    ['only flags, no image', ['--non-root'], ['--images is empty']],
    ['a policy file that is not there', ['alpine', '--policy', 'nope.yml'], ['--policy', 'nope.yml']]
  ])(
    'bad usage (%s): exit 2, a message naming the flag, nothing on stdout, no stack trace',
    async (_name, argv, phrases) => {
      const run = await cli(argv)
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr.startsWith('image-gate: ')).toBe(true)
      for (const p of phrases) expect(run.stderr).toContain(p)
      expectNoCrash(run)
    }
  )

  test('--format json: the report alone on stdout', async () => {
    const run = await cli([
      `${reg.host}/cli/app:1.0`,
      `${reg.host}/cli/missing:1`,
      '--format',
      'json',
      '--verbose',
      '--report',
      'out/report.json'
    ])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as {
      version: number
      result: string
      images: Array<{ input: string; digest: string | null; status: string }>
    }
    expect(report.version).toBe(1)
    expect(report.result).toBe('fail')
    expect(report.images.map(i => [i.input, i.digest, i.status])).toEqual([
      [`${reg.host}/cli/app:1.0`, app.digest, 'pass'],
      [`${reg.host}/cli/missing:1`, null, 'error']
    ])
    // The log went to stderr; --report wrote the same report to a file.
    expect(run.stderr).toContain('Inspecting 2 images')
    expect(JSON.parse(readFileSync(join(run.dir, 'out/report.json'), 'utf8'))).toEqual(report)
  })

  test('--format sarif: a SARIF 2.1.0 log that validates, alone on stdout; --sarif writes the same file', async () => {
    const run = await cli([`${reg.host}/cli/old:v0`, '--non-root', '--format', 'sarif', '--sarif', 'out/gate.sarif'])
    expect(run.code).toBe(1)
    const sarif = JSON.parse(run.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> }
    expect(validateSarif(sarif)).toBe(true)
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0]!.results.map(r => r.ruleId)).toEqual(['non-root'])
    expect(JSON.parse(readFileSync(join(run.dir, 'out/gate.sarif'), 'utf8'))).toEqual(sarif)
  })

  test('colour: FORCE_COLOR on a pipe, never with NO_COLOR', async () => {
    const coloured = await cli([`${reg.host}/cli/app:1.0`], { FORCE_COLOR: '1' })
    expect(coloured.stdout).toContain('\u001b[32m✔\u001b[39m')
    const plain = await cli([`${reg.host}/cli/app:1.0`], { FORCE_COLOR: '1', NO_COLOR: '1' })
    // eslint-disable-next-line no-control-regex
    expect(plain.stdout).not.toMatch(/\u001b/)
  })

  test('--help lists every input of action.yml as a flag, with its default; --version', async () => {
    const run = await cli(['--help'])
    expect(run.code).toBe(0)
    const inputs = (
      parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }
    ).inputs
    for (const [name, spec] of Object.entries(inputs)) {
      const start = run.stdout.indexOf(`  --${name}`)
      expect(start).toBeGreaterThan(-1)
      const def = !spec.default || spec.default.includes('${{') ? 'none' : spec.default
      expect(run.stdout.slice(start, run.stdout.indexOf('\n  --', start + 1)).replace(/\s+/g, ' ')).toContain(
        `(default: ${def})`
      )
    }
    const version = await cli(['--version'])
    expect(version.stdout).toMatch(/^image-gate \d+\.\d+\.\d+\n$/)
  })

  test('package.json names dist/cli.js as the image-gate command, and it starts with a node shebang', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }
    expect(pkg.bin['image-gate']).toBe('dist/cli.js')
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })
})
