// Converts conformance rows of the CEL specification (tests/simple/testdata/*.textproto of github.com/google/cel-spec)
// into the JSON table __tests__/fixtures/cel-spec/rows.json that the condition tests run.
//   node scripts/cel-spec-rows.mjs <cel-spec git dir> [commit]
// Rows that need protocol buffer messages (a container, a message value, a proto type) are left out: conditions
// read JSON. Each row keeps its file, section and name, so a failure names the row of the specification.
import { execFileSync } from 'node:child_process'
import { writeFileSync, mkdirSync } from 'node:fs'

const FILES = ['basic', 'logic', 'comparisons', 'string', 'lists', 'macros', 'fields', 'integer_math']
const [gitDir, commit = 'HEAD'] = process.argv.slice(2)
if (!gitDir) {
  console.error('usage: node scripts/cel-spec-rows.mjs <cel-spec git dir> [commit]')
  process.exit(2)
}
const sha = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', commit], { encoding: 'utf8' }).trim()

/** Tokens of the text format: punctuation, identifiers and numbers, strings (as bytes). */
function tokenize(text) {
  const out = []
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++
    } else if (/\s/.test(c)) i++
    else if ('{}:[],<>'.includes(c)) out.push({ p: text[i++] })
    else if (c === '"' || c === "'") {
      const bytes = []
      i++
      while (text[i] !== c) {
        if (text[i] === '\\') {
          const e = text[i + 1]
          const simple = { n: 10, t: 9, r: 13, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11, '?': 63 }
          if (simple[e] !== undefined) {
            bytes.push(simple[e])
            i += 2
          } else if (/[0-7]/.test(e)) {
            const m = /^[0-7]{1,3}/.exec(text.slice(i + 1))[0]
            bytes.push(parseInt(m, 8))
            i += 1 + m.length
          } else if (e === 'x') {
            const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))[0]
            bytes.push(parseInt(m, 16))
            i += 2 + m.length
          } else if (e === 'u' || e === 'U') {
            const n = e === 'u' ? 4 : 8
            bytes.push(...Buffer.from(String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + n), 16))))
            i += 2 + n
          } else throw new Error(`escape \\${e}`)
        } else {
          const cp = text.codePointAt(i)
          const s = String.fromCodePoint(cp)
          bytes.push(...Buffer.from(s))
          i += s.length
        }
      }
      i++
      out.push({ s: Buffer.from(bytes) })
    } else {
      const m = /^[A-Za-z0-9_.+\-/]+/.exec(text.slice(i))
      if (!m) throw new Error(`unexpected ${JSON.stringify(text.slice(i, i + 20))}`)
      out.push({ w: m[0] })
      i += m[0].length
    }
  }
  return out
}

/** A message: field name to the list of its values (a scalar token, or a nested message). */
function parseMessage(tokens, at, close) {
  const msg = {}
  while (at.i < tokens.length && !(close && tokens[at.i].p === close)) {
    const t = tokens[at.i++]
    let name = t.w
    if (t.p === '[') {
      // An extension or Any type URL: [type.googleapis.com/…]
      name = `[${tokens[at.i++].w}]`
      at.i++
    }
    if (tokens[at.i].p === ':') at.i++
    let value
    const open = tokens[at.i]
    if (open.p === '{' || open.p === '<') {
      at.i++
      value = parseMessage(tokens, at, open.p === '{' ? '}' : '>')
      at.i++
    } else {
      value = tokens[at.i++]
    }
    ;(msg[name] ??= []).push(value)
    if (tokens[at.i]?.p === ',') at.i++
  }
  return msg
}

const one = (m, k) => m[k]?.[0]
const str = t => t.s.toString('utf8')

/** A value of the conformance format, as the JSON table writes it; undefined when it needs protos. */
function value(v) {
  if (one(v, 'int64_value')) return { int: one(v, 'int64_value').w }
  if (one(v, 'uint64_value')) return { uint: one(v, 'uint64_value').w }
  if (one(v, 'double_value')) {
    const w = one(v, 'double_value').w
    return { double: w === 'nan' ? 'NaN' : w === 'inf' ? 'Infinity' : w === '-inf' ? '-Infinity' : Number(w) }
  }
  if (one(v, 'string_value')) return { string: str(one(v, 'string_value')) }
  if (one(v, 'bytes_value')) return { bytes: one(v, 'bytes_value').s.toString('base64') }
  if (one(v, 'bool_value')) return { bool: one(v, 'bool_value').w === 'true' }
  if (one(v, 'null_value')) return { null: true }
  if (one(v, 'type_value')) return { type: str(one(v, 'type_value')) }
  if (v.list_value) {
    const items = (one(v, 'list_value').values ?? []).map(value)
    return items.some(x => x === undefined) ? undefined : { list: items }
  }
  if (v.map_value) {
    const entries = (one(v, 'map_value').entries ?? []).map(e => [value(one(e, 'key')), value(one(e, 'value'))])
    return entries.some(([k, x]) => k === undefined || x === undefined) ? undefined : { map: entries }
  }
  return undefined
}

const rows = []
let skipped = 0
for (const file of FILES) {
  const text = execFileSync('git', ['--git-dir', gitDir, 'show', `${sha}:tests/simple/testdata/${file}.textproto`], {
    encoding: 'utf8'
  })
  const doc = parseMessage(tokenize(text), { i: 0 })
  for (const section of doc.section ?? []) {
    for (const t of section.test ?? []) {
      const row = { file, section: str(one(section, 'name')), name: str(one(t, 'name')), expr: str(one(t, 'expr')) }
      if (one(t, 'disable_check')?.w === 'true') row.disableCheck = true
      let ok =
        !/google\.protobuf|TestAllTypes|NestedTestAllTypes/.test(row.expr) &&
        !t.container &&
        !t.typed_result &&
        !t.unknown &&
        !t.any_eval_errors &&
        !t.any_unknowns
      if (t.bindings) {
        row.bindings = {}
        for (const b of t.bindings) {
          const v = value(one(one(b, 'value'), 'value') ?? {})
          if (v === undefined) ok = false
          row.bindings[str(one(b, 'key'))] = v
        }
      }
      if (t.eval_error) {
        const errors = one(t, 'eval_error').errors ?? []
        row.error = errors.map(e => (one(e, 'message') ? str(one(e, 'message')) : '')).join('; ') || 'error'
      } else {
        const v = t.value ? value(one(t, 'value')) : { bool: true }
        if (v === undefined) ok = false
        row.value = v
      }
      if (ok) rows.push(row)
      else skipped++
    }
  }
}
mkdirSync('__tests__/fixtures/cel-spec', { recursive: true })
writeFileSync(
  '__tests__/fixtures/cel-spec/rows.json',
  `${JSON.stringify({ source: `github.com/google/cel-spec@${sha} tests/simple/testdata/{${FILES.join(',')}}.textproto`, license: 'Apache-2.0', rows }, null, 1)}\n`
)
console.log(`${rows.length} rows, ${skipped} left out (protos, typed or unknown results)`)
