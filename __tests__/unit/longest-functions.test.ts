/**
 * scripts/longest-functions.mjs, run as `npm run longest` runs it (a child process), over sources laid out in a
 * temporary directory: every shape of function gets its name and its line count, the longest come first, and a bad
 * argument is an error that names it, never a stack trace.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const SCRIPT = join(process.cwd(), 'scripts', 'longest-functions.mjs')
const roots: string[] = []
afterAll(() => roots.forEach(r => rmSync(r, { recursive: true, force: true })))

interface Run {
  status: number | null
  stdout: string
  stderr: string
  /** The printed functions: `file:line name` → lines. */
  rows: Map<string, number>
}

function run(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8' })
  const rows = new Map<string, number>()
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\d+) {2}(\S+) {2}(.+)$/.exec(line)
    if (m) rows.set(`${m[2]} ${m[3]}`, Number(m[1]))
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, rows }
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'longest-'))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

/** Each case: a source file, and the functions it holds as `file:line name` with their line count. */
const SHAPES: Array<[shape: string, text: string, rows: Array<[at: string, lines: number]>]> = [
  ['a declaration', 'export function f(a: number): number {\n  return a\n}\n', [['1 f', 3]]],
  [
    'its JSDoc and comments before it do not count',
    '/**\n * Doc.\n */\n// more\nfunction g() {\n  return 1\n}\n',
    [['5 g', 3]]
  ],
  ['blank lines and comments inside count', 'function h() {\n\n  // why\n\n  return 1\n}\n', [['1 h', 6]]],
  ['an arrow function bound to a name', 'const add = (a: number, b: number) =>\n  a + b\n', [['1 add', 2]]],
  [
    'a function expression bound to a name',
    'export const sub = function (a: number) {\n  return -a\n}\n',
    [['1 sub', 3]]
  ],
  ['a one-line arrow', 'const id = (x: unknown) => x\n', [['1 id', 1]]],
  [
    'methods, a constructor and accessors, by class',
    'class Box {\n  constructor(readonly v: number) {}\n  get size() {\n    return 1\n  }\n  set size(_n: number) {}\n  open(): void {\n    return\n  }\n  static make = () => new Box(1)\n}\n',
    [
      ['2 Box.constructor', 1],
      ['3 Box.get size', 3],
      ['6 Box.set size', 1],
      ['7 Box.open', 3],
      ['10 Box.make', 1]
    ]
  ],
  [
    'an object literal property and method',
    'export const o = {\n  a: () => 1,\n  b() {\n    return 2\n  },\n  "c d": function () {}\n}\n',
    [
      ['2 a', 1],
      ['3 b', 3],
      ['6 c d', 1]
    ]
  ],
  [
    'a callback, by what it is passed to',
    '[1, 2].map(x => {\n  return x\n})\nnew Promise(resolve => resolve(1))\n',
    [
      ['1 map callback', 3],
      ['4 Promise callback', 1]
    ]
  ],
  [
    'a returned function, inside the one that returns it',
    'function make() {\n  return (x: number) => {\n    return x\n  }\n}\n',
    [
      ['1 make', 5],
      ['2 make/returned function', 3]
    ]
  ],
  [
    'a nested function, inside its outer one',
    'function outer() {\n  function inner() {\n    return 1\n  }\n  return inner()\n}\n',
    [
      ['1 outer', 6],
      ['2 outer/inner', 3]
    ]
  ],
  ['an assignment', 'let f: () => void\nf = () => {\n  return\n}\n', [['2 f', 3]]],
  ['a default export', 'export default function () {\n  return 1\n}\n', [['1 default export', 3]]],
  ['a default export of an arrow', 'export default () => {\n  return 1\n}\n', [['1 default export', 3]]],
  ['an arrow bound to nothing', 'void (() => {\n  return 1\n})\n', [['1 <anonymous>', 3]]]
]

describe('every shape of function, named and measured', () => {
  const files = Object.fromEntries(SHAPES.map(([, text], i) => [`src/s${String(i).padStart(2, '0')}.ts`, text]))
  // Not functions with a body: an overload's signature, an abstract method, a declaration file, a non-TypeScript file.
  files['src/none.ts'] =
    'export function o(a: string): string\nexport function o(a: number): number\nexport function o(a: unknown) {\n  return a\n}\nabstract class A {\n  abstract m(): void\n}\n'
  files['src/types.d.ts'] = 'declare function d(): void\n'
  files['src/notes.md'] = 'function m() {}\n'
  files['src/node_modules/x/index.ts'] = 'function nm() {\n}\n'
  files['src/.hidden/index.ts'] = 'function hidden() {\n}\n'
  const root = tree(files)
  const r = run(['--over', '0', 'src'], root)

  test('it runs', () => {
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
  test.each(SHAPES.map(([shape, , rows], i) => [shape, i, rows] as const))('%s', (_shape, i, rows) => {
    const file = `src/s${String(i).padStart(2, '0')}.ts`
    const found = [...r.rows].filter(([k]) => k.startsWith(`${file}:`))
    expect(found.sort()).toEqual(rows.map(([at, lines]) => [`${file}:${at}`, lines]).sort())
  })
  test('an overload without a body, an abstract method, a .d.ts and a .md are not functions; node_modules and dot directories are not walked', () => {
    expect([...r.rows.keys()].filter(k => k.startsWith('src/none.ts:'))).toEqual(['src/none.ts:3 o'])
    expect([...r.rows.keys()].some(k => /types\.d\.ts|notes\.md|node_modules|hidden/.test(k))).toBe(false)
  })
})

describe('longest first, and how many', () => {
  const body = (n: number) => Array.from({ length: n - 2 }, () => '  void 0').join('\n')
  const root = tree({
    'src/a.ts': `function five() {\n${body(5)}\n}\nfunction twelve() {\n${body(12)}\n}\n`,
    'src/b/c.ts': `function nine() {\n${body(9)}\n}\nfunction alsoNine() {\n${body(9)}\n}\n`,
    'lib/d.ts': `function forty() {\n${body(40)}\n}\n`
  })

  test('longest first, ties by file then line', () => {
    const r = run(['src'], root)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('the 4 longest of 4 functions')
    expect([...r.rows]).toEqual([
      ['src/a.ts:6 twelve', 12],
      ['src/b/c.ts:1 nine', 9],
      ['src/b/c.ts:10 alsoNine', 9],
      ['src/a.ts:1 five', 5]
    ])
  })
  test('--top N prints N', () => {
    expect([...run(['--top', '2', 'src', 'lib'], root).rows.keys()]).toEqual(['lib/d.ts:1 forty', 'src/a.ts:6 twelve'])
  })
  test('--over LINES prints every function longer than LINES', () => {
    expect([...run(['--over', '9', 'src', 'lib'], root).rows.keys()]).toEqual(['lib/d.ts:1 forty', 'src/a.ts:6 twelve'])
    expect([...run(['--over', '8', 'src'], root).rows.keys()]).toHaveLength(3)
  })
  test("this repository's src/ by default, wherever it is run from: ten rows", () => {
    const r = run([], root)
    expect(r.status).toBe(0)
    expect(r.rows.size).toBe(10)
    for (const key of r.rows.keys()) expect(key).toMatch(/^(\.\.\/)+.*\/src\/\S+\.ts:\d+ \S/)
  })
  test('a single file can be named', () => {
    expect([...run(['src/b/c.ts'], root).rows.keys()]).toEqual(['src/b/c.ts:1 nine', 'src/b/c.ts:10 alsoNine'])
  })
})

describe('bad arguments: exit 2, a message that names the value, no stack trace', () => {
  const root = tree({ 'src/a.ts': 'function a() {}\n' })
  test.each<[string[], RegExp]>([
    [['--top'], /--top needs a whole number, got ''/],
    [['--top', 'ten'], /--top needs a whole number, got 'ten'/],
    [['--top', '-1'], /--top needs a whole number, got '-1'/],
    [['--over', '1.5'], /--over needs a whole number, got '1\.5'/],
    [['--over', '99999999999999999999'], /--over needs a whole number, got '99999999999999999999'/],
    [['--long'], /unknown option '--long'/],
    [['no/such/dir'], /'no\/such\/dir' cannot be read \(ENOENT\): name a directory or a file/]
  ])('%j', (args, message) => {
    const r = run(args, root)
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).toMatch(/^longest-functions: /)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.stdout).toBe('')
  })
})
