// `npm run longest`: the longest functions of src/, so that a function too long to hold in one's head is seen before
// it grows further. Every function-like node counts (declarations, methods, constructors, accessors, function
// expressions, arrow functions), nested ones too: an outer function's lines include its inner ones. Lines run from
// the function's first token (its JSDoc and leading comments excluded) to its last, blank lines and comments inside
// included, which is what a reader has to take in.
//
//   node scripts/longest-functions.mjs [--top N] [--over LINES] [DIR|FILE ...]
//     --top N       how many to print (default 10)
//     --over LINES  print every function longer than LINES instead, however many (exit 0 either way)
//     DIR|FILE      where to look (default: this repository's src/, wherever it is run from); .ts, .mts, .cts and
//                   .tsx files, not .d.ts; node_modules and dot directories are not walked
//   exit 0: printed; 2: could not run (bad argument, unreadable path)
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const USAGE = 'Usage: node scripts/longest-functions.mjs [--top N] [--over LINES] [DIR|FILE ...]'
const SOURCE = /\.(?:ts|mts|cts|tsx)$/

/** @typedef {{ file: string, name: string, line: number, lines: number }} Measured */

/** The source files under `path` (itself, if it is one), in a stable order; node_modules and dot directories are not walked. */
export function sourceFiles(path) {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path, { withFileTypes: true })
    .filter(e => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(e => {
      const full = join(path, e.name)
      if (e.isDirectory()) return sourceFiles(full)
      return SOURCE.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : []
    })
}

function propertyName(name) {
  if (!name) return undefined
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
    return name.text
  return `[${name.getText()}]`
}

/**
 * What a reader would call the function: its own name, else the name it is bound to (`const f = () => …`,
 * `{ f: function () {} }`, `f = () => …`), else what it is passed to (`map callback`) or that it is returned. Methods
 * and constructors are qualified by their class.
 */
function ownName(node) {
  if (ts.isConstructorDeclaration(node)) return 'constructor'
  if (ts.isFunctionDeclaration(node) && !node.name) return 'default export'
  const own = propertyName(node.name)
  if (own) return ts.isGetAccessor(node) ? `get ${own}` : ts.isSetAccessor(node) ? `set ${own}` : own
  const parent = node.parent
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return propertyName(parent.name)
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)
    return parent.left.getText()
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    const callee = ts.isPropertyAccessExpression(parent.expression)
      ? parent.expression.name.text
      : parent.expression.getText()
    return `${callee} callback`
  }
  if (ts.isReturnStatement(parent)) return 'returned function'
  if (ts.isExportAssignment(parent)) return 'default export'
  return '<anonymous>'
}

/** The class a method, constructor, accessor or property function belongs to. */
function className(node) {
  const holder = ts.isPropertyDeclaration(node.parent) ? node.parent.parent : node.parent
  if (ts.isClassLike(holder)) return holder.name?.text ?? '<class>'
  return undefined
}

/** Every function-like node of one file, named and measured, with nested names joined by '/'. */
export function measure(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  /** @type {Measured[]} */
  const found = []
  const visit = (node, outer) => {
    let inner = outer
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const cls = className(node)
      const name = cls ? `${cls}.${ownName(node)}` : ownName(node)
      inner = outer ? `${outer}/${name}` : name
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line
      found.push({ file, name: inner, line: start + 1, lines: end - start + 1 })
    }
    ts.forEachChild(node, child => visit(child, inner))
  }
  visit(source, undefined)
  return found
}

/** Longest first; ties by file, then line, so the output is stable. */
export function longest(measured, { top = 10, over } = {}) {
  const sorted = [...measured].sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line)
  return over === undefined ? sorted.slice(0, top) : sorted.filter(m => m.lines > over)
}

export function format(rows) {
  const width = Math.max(5, ...rows.map(r => String(r.lines).length))
  return rows.map(r => `${String(r.lines).padStart(width)}  ${r.file}:${r.line}  ${r.name}`)
}

function count(flag, value) {
  const n = Number(value)
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new Error(`${flag} needs a whole number, got '${value ?? ''}'. ${USAGE}`)
  return n
}

export function parseArgs(argv) {
  const options = { top: 10, over: undefined, paths: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--top') options.top = count(a, argv[++i])
    else if (a === '--over') options.over = count(a, argv[++i])
    else if (a.startsWith('-')) throw new Error(`unknown option '${a}'. ${USAGE}`)
    else options.paths.push(a)
  }
  if (options.paths.length === 0) options.paths.push(join(ROOT, 'src'))
  return options
}

/** The source files under a path given on the command line; one that cannot be read is an error that names it. */
function filesOf(path) {
  try {
    return sourceFiles(resolve(path))
  } catch (e) {
    throw new Error(
      `'${path}' cannot be read (${e?.code ?? e?.message ?? e}): name a directory or a file of TypeScript sources. ${USAGE}`,
      { cause: e }
    )
  }
}

function main(argv) {
  const options = parseArgs(argv)
  const measured = options.paths.flatMap(p =>
    filesOf(p).flatMap(f => measure(relative(process.cwd(), f) || f, readFileSync(f, 'utf8')))
  )
  const rows = longest(measured, options)
  const what =
    options.over === undefined ? `the ${rows.length} longest` : `${rows.length} longer than ${options.over} lines`
  console.log(`longest-functions: ${what} of ${measured.length} functions`)
  console.log(['lines  file:line  function', ...format(rows)].join('\n'))
  return 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exit(main(process.argv.slice(2)))
  } catch (e) {
    console.error(`longest-functions: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(2)
  }
}
