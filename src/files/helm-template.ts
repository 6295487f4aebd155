/**
 * Helm chart templates, read as far as their `image:` lines go. A template is Go text/template text that Helm
 * renders with the chart's values: it is lexed here as text/template lexes it (`{{-`/`-}}` trimming, `{{/* … *\/}}`
 * comments, quoted and raw strings, actions over several lines), and every line of its output that is an `image:`
 * key is rendered with the chart's own values.yaml and Chart.yaml.
 *
 * Conditions are not evaluated: the values a release is installed with are not known here, so each branch of an
 * `if`/`else` (or `with`, `range`) that a line goes through yields a candidate, and every candidate is a reference.
 * What cannot be evaluated (a value the chart does not set and no `default` gives, `include`, `tpl`, a range
 * variable, `.Release.Name`, a function this module does not know) is a warning at its line naming it, never a
 * reference silently left out. The work is bounded (TEMPLATE_LIMITS): past a bound of the file, a FileLimitError;
 * past the branch combinations of one line, a warning at that line.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document } from 'yaml'
import { EXPANSION_LIMITS } from './substitute.js'
import { FileLimitError, type Extraction, type FileReference, type FileWarning } from './types.js'
import {
  entries,
  get,
  MAX_DEPTH,
  MAX_YAML_ITEMS,
  MAX_YAML_WORK,
  parseYaml,
  resolve,
  scalarText,
  spend,
  type YamlSource
} from './yaml.js'

/**
 * Bounds on one template: block and parenthesis nesting (and the depth of evaluation, variables included), the
 * tokens and text pieces it is made of, steps of work (rendering and evaluation), the candidates one line may
 * yield (each if/else it goes through doubles them), and printf's arguments.
 */
export const TEMPLATE_LIMITS = {
  depth: MAX_DEPTH,
  items: MAX_YAML_ITEMS,
  work: MAX_YAML_WORK,
  candidates: 16,
  printfArgs: 16
}

/** A value as a template sees it: numbers from values.yaml are float64 (Helm reads values through JSON). */
export type HelmValue = string | number | bigint | boolean | null | HelmMap | HelmValue[]
export type HelmMap = Map<string, HelmValue>

/** What a chart gives its templates, read from its own files. */
export interface HelmChart {
  /** The chart's directory, workspace-relative ('' for the workspace itself). */
  dir: string
  /** values.yaml (an empty map when the chart has none); undefined when it could not be read. */
  values: HelmMap | undefined
  /** Chart.yaml's `name`, `version` and `appVersion`, as written. */
  metadata: { Name?: string; Version?: string; AppVersion?: string }
}

/**
 * A chart from the text of its Chart.yaml and values.yaml (undefined: the file is absent). A file past a YAML bound
 * is an error naming it: the images the templates build from it are then not known.
 */
export function loadHelmChart(
  dir: string,
  chartYaml: string,
  valuesYaml: string | undefined
): { chart: HelmChart; errors: FileWarning[] } {
  const errors: FileWarning[] = []
  const at = (name: string) => (dir === '' ? name : `${dir}/${name}`)
  const metadata: HelmChart['metadata'] = {}
  try {
    const { source } = parseYaml(at('Chart.yaml'), chartYaml)
    const doc = source.docs[0]
    if (doc) {
      for (const [key, field] of [
        ['name', 'Name'],
        ['version', 'Version'],
        ['appVersion', 'AppVersion']
      ] as const) {
        const v = scalarText(source, doc, get(doc, doc.contents, key))
        if (v) metadata[field] = v.value
      }
    }
  } catch (e) {
    if (!(e instanceof FileLimitError)) throw e
    errors.push({
      file: at('Chart.yaml'),
      line: e.line,
      col: e.col,
      message: `Not read in full: ${e.message}; the images the chart's templates name are not verified.`
    })
  }
  let values: HelmMap | undefined = new Map()
  if (valuesYaml !== undefined) {
    try {
      const { source } = parseYaml(at('values.yaml'), valuesYaml)
      const doc = source.docs[0]
      const v = doc ? toValue(source, doc, doc.contents, 0, new Map()) : null
      values = v instanceof Map ? v : new Map()
    } catch (e) {
      if (!(e instanceof FileLimitError)) throw e
      values = undefined
      errors.push({
        file: at('values.yaml'),
        line: e.line,
        col: e.col,
        message: `Not read in full: ${e.message}; the images the chart's templates name are not verified.`
      })
    }
  }
  return { chart: { dir, values, metadata }, errors }
}

/** A YAML node as Helm reads it (YAML 1.1 scalars, as go-yaml resolves them), each node converted once. */
function toValue(
  source: YamlSource,
  doc: Document,
  node: unknown,
  depth: number,
  memo: Map<object, HelmValue>
): HelmValue {
  const n = resolve(doc, node)
  if (!n) return null
  if (depth > MAX_DEPTH) throw new FileLimitError(`its values nest deeper than ${MAX_DEPTH} levels`)
  const seen = memo.get(n)
  if (seen !== undefined) return seen
  spend(doc)
  if (isMap(n)) {
    const m: HelmMap = new Map()
    memo.set(n, m)
    // The map's own keys, the last of a repeated one winning as go-yaml's does, then merged keys it lacks.
    for (const [k, v] of entries(doc, n)) m.set(k, toValue(source, doc, v, depth + 1, memo))
    return m
  }
  if (isSeq(n)) {
    const list: HelmValue[] = []
    memo.set(n, list)
    for (const item of n.items) list.push(toValue(source, doc, item, depth + 1, memo))
    return list
  }
  if (!isScalar(n)) return null
  const text =
    typeof n.value === 'string' ? n.value : n.range ? source.text.slice(n.range[0], n.range[1]).trim() : String(n.value)
  if (n.tag === 'tag:yaml.org,2002:str' || n.tag === 'tag:yaml.org,2002:binary') return text
  if (n.type !== Scalar.PLAIN && n.tag === undefined) return text
  return plainScalar(text)
}

const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
const YAML11_NULL = new Set(['', '~', 'null', 'Null', 'NULL'])

/** A plain scalar as go-yaml (YAML 1.1) resolves it; every number becomes a float64 on Helm's way through JSON. */
export function plainScalar(s: string): HelmValue {
  if (YAML11_NULL.has(s)) return null
  if (YAML11_TRUE.has(s)) return true
  if (YAML11_FALSE.has(s)) return false
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity
  if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN
  const p = s.replace(/_/g, '')
  const int = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]+)$/.exec(p)
  if (int) {
    const digits = (int[2] ?? '').replace(/^0([0-7])/, '0o$1').replace(/^0O/, '0o')
    try {
      const v = Number(BigInt(digits))
      return int[1] === '-' ? -v : v
    } catch {
      return s
    }
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(p)) return Number(p)
  return s
}

/** A float64 as Go's fmt prints it with %v: the shortest digits, in e-notation below 1e-4 and from 1e+06 on. */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf'
  if (n === 0) return Object.is(n, -0) ? '-0' : '0'
  const sign = n < 0 ? '-' : ''
  const [mantissa = '0', e = '0'] = Math.abs(n).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const exp = Number(e)
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0')
  const fraction = digits.slice(exp + 1)
  return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`
}

// ---------------------------------------------------------------------------------------------------------------
// Lexing, as text/template's lexer does it.

type TokType =
  | 'space'
  | 'field'
  | 'var'
  | 'ident'
  | 'kw'
  | 'str'
  | 'raw'
  | 'charc'
  | 'num'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'pipe'
  | 'decl'
  | 'assign'
  | 'lparen'
  | 'rparen'
  | 'char'
interface Tok {
  t: TokType
  v: string
  at: number
}
type Item = { k: 'text'; start: number; end: number } | { k: 'action'; start: number; end: number; toks: Tok[] }

/** Template syntax text/template would refuse: Helm renders nothing from such a file. */
class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number
  ) {
    super(message)
  }
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with'])
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n'
const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c)

function tooMany(what: string): FileLimitError {
  return new FileLimitError(`its template has more than ${TEMPLATE_LIMITS.items} ${what}, the most image-gate reads`)
}

function lex(text: string): Item[] {
  const items: Item[] = []
  // Lines are bounded as in a YAML file (yaml.ts), each may be an image line to render; actions and their tokens
  // too, each held in memory.
  let lines = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
    if (++lines > TEMPLATE_LIMITS.items) throw tooMany('lines')
  let count = 0
  let pos = 0
  for (;;) {
    const x = text.indexOf('{{', pos)
    if (x < 0) {
      if (pos < text.length) items.push({ k: 'text', start: pos, end: text.length })
      return items
    }
    if ((count += 2) > TEMPLATE_LIMITS.items) throw tooMany('actions and tokens')
    // `{{- ` trims the white space before it, `-}}` the white space after: a dash with a space next to it.
    const trimLeft = text[x + 2] === '-' && isSpace(text[x + 3])
    let end = x
    if (trimLeft) while (end > pos && isSpace(text[end - 1])) end--
    if (end > pos) items.push({ k: 'text', start: pos, end })
    const p = x + 2 + (trimLeft ? 2 : 0)
    if (text.startsWith('/*', p)) {
      const close = text.indexOf('*/', p + 2)
      if (close < 0) throw new TemplateSyntaxError('a comment is not closed', x)
      let q = close + 2
      const trimRight = isSpace(text[q]) && text[q + 1] === '-' && text.startsWith('}}', q + 2)
      if (trimRight) q += 2
      else if (!text.startsWith('}}', q)) throw new TemplateSyntaxError('a comment ends before its closing "}}"', x)
      pos = q + 2
      if (trimRight) while (isSpace(text[pos])) pos++
      continue
    }
    const a = lexAction(text, p, x)
    count += a.toks.length
    if (count > TEMPLATE_LIMITS.items) throw tooMany('actions and tokens')
    items.push({ k: 'action', start: x, end: a.end, toks: a.toks })
    pos = a.end
    if (a.trimRight) while (isSpace(text[pos])) pos++
  }
}

function lexAction(text: string, from: number, open: number): { toks: Tok[]; end: number; trimRight: boolean } {
  const toks: Tok[] = []
  let depth = 0
  let i = from
  const push = (t: TokType, end: number) => {
    toks.push({ t, v: text.slice(i, end), at: i })
    i = end
  }
  const terminated = (j: number) => {
    const c = text[j]
    if (c === undefined || isSpace(c) || '.,|:)(}'.includes(c)) return
    throw new TemplateSyntaxError(`a bad character ${JSON.stringify(c)} in an action`, j)
  }
  const closing = (trimRight: boolean, end: number) => {
    if (depth > 0) throw new TemplateSyntaxError('a "(" is not closed', open)
    return { toks, end, trimRight }
  }
  for (;;) {
    if (isSpace(text[i]) && text[i + 1] === '-' && text.startsWith('}}', i + 2)) return closing(true, i + 4)
    if (text.startsWith('}}', i)) return closing(false, i + 2)
    const c = text[i]
    if (c === undefined) throw new TemplateSyntaxError('an action is not closed', open)
    if (isSpace(c)) {
      let j = i
      while (isSpace(text[j]) && !(text[j + 1] === '-' && text.startsWith('}}', j + 2))) j++
      push('space', Math.max(j, i + 1))
      continue
    }
    if (c === ':') {
      if (text[i + 1] !== '=') throw new TemplateSyntaxError('":" is not followed by "="', i)
      push('decl', i + 2)
    } else if (c === '=') push('assign', i + 1)
    else if (c === '|') push('pipe', i + 1)
    else if (c === '"' || c === "'") {
      let j = i + 1
      for (;;) {
        const d = text[j]
        if (d === undefined || d === '\n')
          throw new TemplateSyntaxError(
            c === '"' ? 'a quoted string is not closed' : 'a character constant is not closed',
            i
          )
        if (d === '\\') j += 2
        else if (d === c) break
        else j++
      }
      push(c === '"' ? 'str' : 'charc', j + 1)
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1)
      if (close < 0) throw new TemplateSyntaxError('a raw string is not closed', i)
      push('raw', close + 1)
    } else if (c === '$' || (c === '.' && !/[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1
      while (isAlnum(text[j])) j++
      terminated(j)
      push(c === '$' ? 'var' : j === i + 1 ? 'dot' : 'field', j)
    } else if (c === '.' || c === '+' || c === '-' || /[0-9]/.test(c)) {
      const m = /^[-+]?(?:0[xX][0-9a-fA-F_]*|0[oObB][0-9_]*|[0-9_]*)(?:\.[0-9a-fA-F_]*)?(?:[eEpP][-+]?[0-9_]+)?i?/.exec(
        text.slice(i, i + 256)
      )
      const j = i + (m?.[0].length ?? 0)
      if (j === i || isAlnum(text[j])) throw new TemplateSyntaxError('a number is not valid', i)
      push('num', j)
    } else if (isAlnum(c)) {
      let j = i
      while (isAlnum(text[j])) j++
      terminated(j)
      const word = text.slice(i, j)
      push(
        KEYWORDS.has(word) ? 'kw' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'ident',
        j
      )
    } else if (c === '(') {
      depth++
      push('lparen', i + 1)
    } else if (c === ')') {
      if (--depth < 0) throw new TemplateSyntaxError('a ")" has no "("', i)
      push('rparen', i + 1)
    } else if (c >= '!' && c <= '~') push('char', i + 1)
    else throw new TemplateSyntaxError(`an unexpected character ${JSON.stringify(c)} in an action`, i)
  }
}

/** A Go string, raw string or character literal as its value. */
function unquote(tok: Tok): string {
  const s = tok.v
  if (tok.t === 'raw') return s.slice(1, -1).replace(/\r/g, '')
  let out = ''
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i] as string
    if (c !== '\\') {
      out += c
      continue
    }
    const e = s[++i] ?? ''
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\'
    }
    if (simple[e] !== undefined) out += simple[e]
    else if (e === (tok.t === 'str' ? '"' : "'")) out += e
    else {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : /[0-7]/.test(e) ? 3 : 0
      const digits = e === 'x' || e === 'u' || e === 'U' ? s.slice(i + 1, i + 1 + len) : s.slice(i, i + len)
      const ok =
        len > 0 && (/[0-7]/.test(e) ? /^[0-7]{3}$/.test(digits) : new RegExp(`^[0-9a-fA-F]{${len}}$`).test(digits))
      const code = ok ? parseInt(digits, /[0-7]/.test(e) ? 8 : 16) : -1
      if (code < 0 || code > 0x10ffff) throw new TemplateSyntaxError(`an escape "\\${e}" that Go does not know`, tok.at)
      out += String.fromCodePoint(code)
      i += /[0-7]/.test(e) ? len - 1 : len
    }
  }
  return out
}

/** A number literal as text/template reads it: an integer (bigint) unless it holds a point or an exponent. */
function numberLiteral(s: string): HelmValue | Gap {
  const p = s.replace(/_/g, '')
  if (p.endsWith('i')) return new Gap(`the number ${s} is not evaluated`)
  const int = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]+)$/.exec(p)
  if (int) {
    const v = BigInt((int[2] ?? '').replace(/^0([0-7])/, '0o$1').replace(/^0O/, '0o'))
    return int[1] === '-' ? -v : v
  }
  const f = Number(p)
  return Number.isNaN(f) ? new Gap(`the number ${s} is not evaluated`) : f
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing: the block structure, each action's pipeline, and what `.`, `$` and each variable stand for there.

/** A value that is not known here, and why; `empty`: known to be absent or empty (`default` replaces it). */
export class Gap {
  constructor(
    readonly why: string,
    readonly empty = false
  ) {}
}

/** What `.` or `$` is at an action: the top of the chart, a `with` value, or not known (range, define). */
type Dot = { k: 'root' } | { k: 'with'; pipe: Pipe } | { k: 'unknown'; why: string }
interface Ctx {
  dot: Dot
  dollar: Dot
}
type VarDef = { k: 'pipe'; pipe: Pipe; reassigned: boolean } | { k: 'gap'; why: string }
interface Scope {
  vars: Map<string, VarDef>
  parent: Scope | undefined
}
interface Pipe {
  cmds: Arg[][]
  ctx: Ctx
  src: string
}
type Base =
  { k: 'dot' } | { k: 'dollar' } | { k: 'var'; name: string; def: VarDef | undefined } | { k: 'pipe'; pipe: Pipe }
type Arg =
  | { k: 'lit'; v: HelmValue | Gap }
  | { k: 'fn'; name: string }
  | { k: 'chain'; base: Base; names: string[]; src: string }

interface Out {
  at: number
  pipe: Pipe | undefined
  /** For an action that is not evaluated at all (`template`). */
  gap?: Gap
}
type TNode =
  | { k: 'text'; start: number; end: number }
  | { k: 'out'; out: Out }
  | { k: 'fork'; branches: TNode[][] }
  | { k: 'range'; body: TNode[]; else: TNode[] }
  | { k: 'break' }
  | { k: 'continue' }

/** `text` for a message: at most 80 characters of it. */
function quoted(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t.length > 80 ? `${t.slice(0, 79)}…` : t
}

class Parser {
  private i = 0
  readonly defines: TNode[][] = []

  constructor(
    private readonly items: Item[],
    private readonly text: string
  ) {}

  parse(): TNode[] {
    const root: Scope = { vars: new Map(), parent: undefined }
    const r = this.list({ dot: { k: 'root' }, dollar: { k: 'root' } }, root, 0)
    if (r.stop) throw new TemplateSyntaxError(`an unexpected {{${r.stop.kw}}}`, r.stop.at)
    return r.nodes
  }

  /** Nodes up to an `else` or `end` (returned as `stop`) or the end of the file. */
  private list(
    ctx: Ctx,
    scope: Scope,
    depth: number
  ): { nodes: TNode[]; stop?: { kw: 'else' | 'end'; toks: Tok[]; at: number } } {
    if (depth > TEMPLATE_LIMITS.depth)
      throw new FileLimitError(`its template blocks nest deeper than ${TEMPLATE_LIMITS.depth} levels`)
    const nodes: TNode[] = []
    while (this.i < this.items.length) {
      const item = this.items[this.i++] as Item
      if (item.k === 'text') {
        nodes.push(item)
        continue
      }
      const toks = trimSpaces(item.toks)
      const first = toks[0]
      if (!first) throw new TemplateSyntaxError('an action is empty', item.start)
      const rest = trimSpaces(toks.slice(1))
      if (first.t !== 'kw') {
        const pipe = this.pipeline(toks, ctx, scope, depth, 'one')
        if (pipe.decl) this.declare(pipe.decl, pipe.pipe, scope, item.start)
        else nodes.push({ k: 'out', out: { at: item.start, pipe: pipe.pipe } })
        continue
      }
      switch (first.v) {
        case 'else':
        case 'end':
          return { nodes, stop: { kw: first.v, toks: rest, at: item.start } }
        case 'if':
        case 'with':
          nodes.push(this.control(first.v, rest, ctx, scope, depth, item.start))
          break
        case 'range': {
          const inner: Scope = { vars: new Map(), parent: scope }
          const p = this.pipeline(rest, ctx, inner, depth, 'range')
          for (const name of p.decl?.names ?? [])
            inner.vars.set(name, { k: 'gap', why: `$${name} is a range variable` })
          const what = quoted(p.pipe.src)
          const bodyCtx: Ctx = {
            dot: { k: 'unknown', why: `inside the range over ${what}, "." is each item in turn` },
            dollar: ctx.dollar
          }
          const body = this.list(bodyCtx, { vars: new Map(), parent: inner }, depth + 1)
          let otherwise: TNode[] = []
          if (body.stop?.kw === 'else') {
            if (body.stop.toks.length > 0)
              throw new TemplateSyntaxError('"else" of a range takes nothing after it', body.stop.at)
            const e = this.list(ctx, { vars: new Map(), parent: inner }, depth + 1)
            this.expectEnd(e.stop, item.start)
            otherwise = e.nodes
          } else this.expectEnd(body.stop, item.start)
          nodes.push({ k: 'range', body: body.nodes, else: otherwise })
          break
        }
        case 'define':
        case 'block': {
          const name = rest[0]
          if (!name || (name.t !== 'str' && name.t !== 'raw'))
            throw new TemplateSyntaxError(`"${first.v}" needs a template name`, item.start)
          const args = trimSpaces(rest.slice(1))
          // A define's body is rendered where it is included, with a "." (and "$") the caller chooses; a block's
          // body is rendered here too, with "." and "$" the value of its pipeline.
          let bodyCtx: Ctx
          if (first.v === 'block' && args.length > 0) {
            const p = this.pipeline(args, ctx, scope, depth, 'none').pipe
            bodyCtx = { dot: { k: 'with', pipe: p }, dollar: { k: 'with', pipe: p } }
          } else {
            const why = `inside the define of ${quoted(JSON.stringify(unquote(name)))}, "." is what each caller passes`
            bodyCtx = { dot: { k: 'unknown', why }, dollar: { k: 'unknown', why } }
          }
          const body = this.list(bodyCtx, { vars: new Map(), parent: undefined }, depth + 1)
          this.expectEnd(body.stop, item.start)
          if (first.v === 'block') nodes.push({ k: 'fork', branches: [body.nodes] })
          else this.defines.push(body.nodes)
          break
        }
        case 'template':
          nodes.push({
            k: 'out',
            out: {
              at: item.start,
              pipe: undefined,
              gap: new Gap(`template ${quoted(rest[0]?.v ?? '')} is not evaluated`)
            }
          })
          break
        case 'break':
        case 'continue':
          nodes.push({ k: first.v })
          break
      }
    }
    return { nodes }
  }

  private expectEnd(stop: { kw: string; at: number } | undefined, open: number): void {
    if (!stop) throw new TemplateSyntaxError('a block has no {{end}}', open)
    if (stop.kw !== 'end') throw new TemplateSyntaxError(`an unexpected {{${stop.kw}}}`, stop.at)
  }

  /**
   * `if`/`with` with their `else if`/`else with` chain and `else`: one branch each, and an empty one when there is
   * no `else`. A chain is one block (one `end` closes it), read in a loop, not nested.
   */
  private control(kw: 'if' | 'with', toks: Tok[], ctx: Ctx, scope: Scope, depth: number, at: number): TNode {
    const branches: TNode[][] = []
    let inner: Scope = scope
    for (;;) {
      inner = { vars: new Map(), parent: inner }
      const p = this.pipeline(toks, ctx, inner, depth, 'one')
      if (p.decl) this.declare(p.decl, p.pipe, inner, at)
      const thenCtx: Ctx = kw === 'with' ? { dot: { k: 'with', pipe: p.pipe }, dollar: ctx.dollar } : ctx
      const then = this.list(thenCtx, { vars: new Map(), parent: inner }, depth + 1)
      if (!then.stop) throw new TemplateSyntaxError('a block has no {{end}}', at)
      branches.push(then.nodes)
      if (then.stop.kw === 'end') {
        branches.push([])
        break
      }
      const chained = then.stop.toks[0]
      if (chained?.t === 'kw' && (chained.v === 'if' || chained.v === 'with')) {
        kw = chained.v
        toks = trimSpaces(then.stop.toks.slice(1))
        at = then.stop.at
        continue
      }
      if (then.stop.toks.length > 0)
        throw new TemplateSyntaxError('"else" takes nothing after it but "if" or "with"', then.stop.at)
      const otherwise = this.list(ctx, { vars: new Map(), parent: inner }, depth + 1)
      this.expectEnd(otherwise.stop, at)
      branches.push(otherwise.nodes)
      break
    }
    return { k: 'fork', branches }
  }

  private declare(decl: { names: string[]; assign: boolean }, pipe: Pipe, scope: Scope, at: number): void {
    const name = decl.names[0] as string
    if (!decl.assign) {
      scope.vars.set(name, { k: 'pipe', pipe, reassigned: false })
      return
    }
    const def = lookup(scope, name)
    if (!def) throw new TemplateSyntaxError(`$${name} is assigned before it is declared`, at)
    if (def.k === 'pipe') def.reassigned = true
  }

  /** `[$x :=|=] command | command …`; in a range, `$i, $v :=` too. */
  private pipeline(
    toks: Tok[],
    ctx: Ctx,
    scope: Scope,
    depth: number,
    decl: 'one' | 'range' | 'none'
  ): { pipe: Pipe; decl?: { names: string[]; assign: boolean } } {
    const s = new Toks(toks)
    let declared: { names: string[]; assign: boolean } | undefined
    if (decl !== 'none') {
      const names: string[] = []
      const mark = s.i
      for (;;) {
        s.spaces()
        const v = s.peek()
        if (v?.t !== 'var' || v.v === '$') break
        s.i++
        s.spaces()
        names.push(v.v.slice(1))
        const n = s.peek()
        if (n?.t === 'decl' || n?.t === 'assign') {
          s.i++
          declared = { names, assign: n.t === 'assign' }
          break
        }
        if (decl === 'range' && n?.t === 'char' && n.v === ',' && names.length === 1) {
          s.i++
          continue
        }
        break
      }
      if (!declared) s.i = mark
      else if (declared.names.length > 1 && declared.assign)
        throw new TemplateSyntaxError('a range assigns two variables with "="', toks[0]?.at ?? 0)
    }
    const pipe = this.pipe(s, ctx, scope, depth, false)
    if (s.peek())
      throw new TemplateSyntaxError(`an unexpected ${JSON.stringify(s.peek()?.v)} in an action`, s.peek()?.at ?? 0)
    return declared ? { pipe, decl: declared } : { pipe }
  }

  private pipe(s: Toks, ctx: Ctx, scope: Scope, depth: number, inParens: boolean): Pipe {
    if (depth > TEMPLATE_LIMITS.depth)
      throw new FileLimitError(`its template actions nest deeper than ${TEMPLATE_LIMITS.depth} levels`)
    const from = s.peek()?.at
    const cmds: Arg[][] = []
    let args: Arg[] = []
    for (;;) {
      s.spaces()
      const t = s.peek()
      if (!t || (inParens && t.t === 'rparen')) break
      if (t.t === 'pipe') {
        if (args.length === 0) throw new TemplateSyntaxError('a "|" has no command before it', t.at)
        s.i++
        cmds.push(args)
        args = []
        continue
      }
      args.push(this.operand(s, ctx, scope, depth))
    }
    if (args.length === 0) throw new TemplateSyntaxError('a pipeline has no command', s.peek()?.at ?? from ?? 0)
    cmds.push(args)
    const last = s.toks[s.i - 1]
    const src = from === undefined || !last ? '' : this.text.slice(from, last.at + last.v.length)
    return { cmds, ctx, src }
  }

  private operand(s: Toks, ctx: Ctx, scope: Scope, depth: number): Arg {
    const t = s.next() as Tok
    let base: Base
    const names: string[] = []
    const from = t.at
    switch (t.t) {
      case 'str':
      case 'raw':
        return { k: 'lit', v: unquote(t) }
      case 'charc': {
        const c = unquote(t)
        return { k: 'lit', v: BigInt(c.codePointAt(0) ?? 0) }
      }
      case 'num':
        return { k: 'lit', v: numberLiteral(t.v) }
      case 'bool':
        return { k: 'lit', v: t.v === 'true' }
      case 'nil':
        return { k: 'lit', v: null }
      case 'ident':
        return { k: 'fn', name: t.v }
      case 'dot':
        base = { k: 'dot' }
        break
      case 'field':
        base = { k: 'dot' }
        names.push(t.v.slice(1))
        break
      case 'var':
        base = t.v === '$' ? { k: 'dollar' } : { k: 'var', name: t.v.slice(1), def: lookup(scope, t.v.slice(1)) }
        break
      case 'lparen': {
        const pipe = this.pipe(s, ctx, scope, depth + 1, true)
        if (s.next()?.t !== 'rparen') throw new TemplateSyntaxError('a "(" is not closed', t.at)
        base = { k: 'pipe', pipe }
        break
      }
      default:
        throw new TemplateSyntaxError(`an unexpected ${JSON.stringify(t.v)} in an action`, t.at)
    }
    // .a.b.c, $x.a, (pipe).a: fields follow with no space between.
    while (s.peek()?.t === 'field') names.push((s.next() as Tok).v.slice(1))
    const last = s.toks[s.i - 1] as Tok
    return { k: 'chain', base, names, src: this.text.slice(from, last.at + last.v.length) }
  }
}

function lookup(scope: Scope | undefined, name: string): VarDef | undefined {
  for (let s = scope; s; s = s.parent) {
    const v = s.vars.get(name)
    if (v) return v
  }
  return undefined
}

function trimSpaces(toks: Tok[]): Tok[] {
  let a = 0
  let b = toks.length
  while (a < b && toks[a]?.t === 'space') a++
  while (b > a && toks[b - 1]?.t === 'space') b--
  return toks.slice(a, b)
}

class Toks {
  i = 0
  constructor(readonly toks: Tok[]) {}
  peek(): Tok | undefined {
    return this.toks[this.i]
  }
  next(): Tok | undefined {
    return this.toks[this.i++]
  }
  spaces(): void {
    while (this.toks[this.i]?.t === 'space') this.i++
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation: values, fields and the functions image lines use, with Go's and Sprig's semantics.

/** The objects a template reaches from its top: `.Values`, `.Chart`, `.Release`, and those not read here. */
class HelmObject {
  constructor(readonly name: 'root' | 'Chart' | 'Release') {}
}
type R = HelmValue | Gap | HelmObject

const ROOT = new HelmObject('root')

/** Sprig's empty: nil, "", 0, false, an empty list or map. */
function isEmpty(v: R): boolean {
  if (v === null || v === '' || v === 0 || v === 0n || v === false) return true
  if (Array.isArray(v)) return v.length === 0
  if (v instanceof Map) return v.size === 0
  return false
}

function typeName(v: R): string {
  if (typeof v === 'string') return 'a string'
  if (typeof v === 'number' || typeof v === 'bigint') return 'a number'
  if (typeof v === 'boolean') return 'a boolean'
  if (v === null) return 'nil'
  if (v instanceof Map || v instanceof HelmObject) return 'a map'
  if (Array.isArray(v)) return 'a list'
  return 'a value'
}

/** A value as fmt's %v prints it (Sprig's strval), or a Gap for what is not a scalar. */
function strval(v: R): string | Gap {
  if (v instanceof Gap) return v
  if (typeof v === 'string') return v
  if (typeof v === 'number') return goFloat(v)
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v)
  if (v === null) return '<nil>'
  return new Gap(`${typeName(v)} is not a string`)
}

/** strconv.Quote's escaping, which Sprig's quote uses. */
function goQuote(s: string): string {
  let out = '"'
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0
    if (c === '"' || c === '\\') out += `\\${c}`
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c)) out += c
    else {
      const named: Record<string, string> = {
        '\x07': '\\a',
        '\b': '\\b',
        '\f': '\\f',
        '\n': '\\n',
        '\r': '\\r',
        '\t': '\\t',
        '\v': '\\v'
      }
      out +=
        named[c] ??
        (code < 0x80
          ? `\\x${code.toString(16).padStart(2, '0')}`
          : code < 0x10000
            ? `\\u${code.toString(16).padStart(4, '0')}`
            : `\\U${code.toString(16).padStart(8, '0')}`)
    }
  }
  return `${out}"`
}

const tooLong = (): Gap => new Gap(`a value grows past ${EXPANSION_LIMITS.length} characters`)
const firstGap = (args: R[]): Gap | undefined => args.find((a): a is Gap => a instanceof Gap)

/** Needs every argument a string: Go refuses another type for a string parameter. */
function strings(name: string, args: R[], count: number, f: (...s: string[]) => string): R {
  if (args.length !== count)
    return new Gap(`${name} takes ${count} argument${count === 1 ? '' : 's'}, not ${args.length}`)
  const gap = firstGap(args)
  if (gap) return gap
  const bad = args.find(a => typeof a !== 'string')
  if (bad !== undefined) return new Gap(`${name} needs a string, not ${typeName(bad)}`)
  return f(...(args as string[]))
}

function quoteAll(args: R[], q: (s: string) => string): R {
  const out: string[] = []
  for (const a of args) {
    if (a === null) continue
    const s = strval(a)
    if (s instanceof Gap) return s
    out.push(q(s))
  }
  return out.join(' ')
}

function printf(args: R[]): R {
  const [format, ...rest] = args
  if (format instanceof Gap) return format
  if (typeof format !== 'string') return new Gap(`printf needs a format string, not ${typeName(format ?? null)}`)
  if (rest.length > TEMPLATE_LIMITS.printfArgs)
    return new Gap(`printf has more than ${TEMPLATE_LIMITS.printfArgs} arguments`)
  const gap = firstGap(rest)
  if (gap) return gap
  let out = ''
  let n = 0
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string
    if (c !== '%') {
      out += c
      continue
    }
    const verb = format[++i]
    if (verb === '%') {
      out += '%'
      continue
    }
    if (verb === undefined || !'svdq'.includes(verb)) return new Gap(`printf's %${verb ?? ''} is not evaluated`)
    const a = rest[n++]
    if (a === undefined) return new Gap('printf has more verbs than arguments')
    // What Go would print as %!s(float64=…) and the like is not an image reference: not evaluated.
    if (verb === 's' || verb === 'q') {
      if (typeof a !== 'string') return new Gap(`printf's %${verb} is given ${typeName(a)}`)
      out += verb === 'q' ? goQuote(a) : a
    } else if (verb === 'd') {
      if (typeof a !== 'bigint')
        return new Gap(`printf's %d is given ${typeName(a)}${typeof a === 'number' ? ' (values are float64)' : ''}`)
      out += String(a)
    } else {
      const s = strval(a)
      if (s instanceof Gap) return s
      out += s
    }
    if (out.length > EXPANSION_LIMITS.length) return tooLong()
  }
  if (n < rest.length) return new Gap('printf has more arguments than verbs')
  return out
}

/** fmt.Sprint: a space between operands when neither is a string. */
function print(args: R[]): R {
  let out = ''
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as R
    const s = strval(a)
    if (s instanceof Gap) return s
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' '
    out += s
    if (out.length > EXPANSION_LIMITS.length) return tooLong()
  }
  return out
}

/** Go's index: a map's value by key, a list's item by number, key after key. */
function index(args: R[]): R {
  const [collection, ...keys] = args
  if (collection === undefined) return new Gap('index needs a value')
  let v: R = collection
  for (const k of keys) {
    if (k instanceof Gap) return k
    if (v instanceof Gap) return v.empty ? new Gap(`${v.why}, so index cannot read it`) : v
    if (v instanceof Map) {
      if (typeof k !== 'string') return new Gap(`index of a map needs a string key, not ${typeName(k)}`)
      const x = v.get(k)
      if (x === undefined || x === null || x === '')
        return new Gap(`index finds no value for ${quoted(JSON.stringify(k))} in the chart's values.yaml`, true)
      v = x
    } else if (Array.isArray(v)) {
      const n = typeof k === 'bigint' ? Number(k) : -1
      const x = n >= 0 ? v[n] : undefined
      if (x === undefined) return new Gap(`index ${typeof k === 'bigint' ? String(k) : typeName(k)} is not in the list`)
      v = x
    } else return new Gap(`index of ${typeName(v)}`)
  }
  return v
}

/** The functions an image line commonly uses; any other is not evaluated. */
const FUNCTIONS: Record<string, (args: R[]) => R> = {
  default: args => {
    const [d, given] = args
    if (d === undefined) return new Gap('default needs a value')
    if (given === undefined) return d
    if (given instanceof Gap) return given.empty ? d : given
    return isEmpty(given) ? d : given
  },
  coalesce: args => {
    for (const a of args) {
      if (a instanceof Gap) {
        if (a.empty) continue
        return a
      }
      if (!isEmpty(a)) return a
    }
    return new Gap('coalesce finds no value that is set', true)
  },
  required: args => {
    const [message, v] = args
    if (v === undefined) return new Gap('required needs a value')
    if (v instanceof Gap) return v
    if (v === null || v === '')
      return new Gap(`a required value is not set${typeof message === 'string' ? ` (${quoted(message)})` : ''}`, true)
    return v
  },
  quote: args => quoteAll(args, goQuote),
  squote: args => quoteAll(args, s => `'${s}'`),
  trim: args => strings('trim', args, 1, s => s.trim()),
  lower: args => strings('lower', args, 1, s => s.toLowerCase()),
  upper: args => strings('upper', args, 1, s => s.toUpperCase()),
  trimPrefix: args => strings('trimPrefix', args, 2, (p, s) => (s.startsWith(p) ? s.slice(p.length) : s)),
  trimSuffix: args =>
    strings('trimSuffix', args, 2, (p, s) => (p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s)),
  toString: (args: R[]) => (args.length === 1 ? strval(args[0] as R) : new Gap('toString takes 1 argument')),
  index,
  print,
  printf
}

const NOT_EVALUATED: Record<string, string> = {
  include: 'include renders another template, which is not evaluated',
  tpl: 'tpl renders a value as a template, which is not evaluated',
  template: 'template renders another template, which is not evaluated',
  lookup: 'lookup reads the cluster, which is known only when the chart is installed'
}

/** Counts steps of work against the file's budget. */
class Budget {
  left: number = TEMPLATE_LIMITS.work
  spend(n = 1): void {
    this.left -= n
    if (this.left < 0) throw new FileLimitError(`its template takes more than ${TEMPLATE_LIMITS.work} steps to read`)
  }
}

class Evaluator {
  private readonly pipes = new Map<Pipe, R>()

  constructor(
    private readonly chart: HelmChart | undefined,
    private readonly budget: Budget
  ) {}

  /** What an action prints: a string, or a Gap naming what is not known. */
  output(out: Out): string | Gap {
    if (out.gap) return out.gap
    const v = this.pipe(out.pipe as Pipe, 0)
    if (v instanceof Gap) return v
    if (v === null) return new Gap(`${quoted((out.pipe as Pipe).src)} is nil`, true)
    const s = strval(v)
    return s instanceof Gap ? new Gap(`${quoted((out.pipe as Pipe).src)} is ${typeName(v)}, not a string`) : s
  }

  private pipe(p: Pipe, depth: number): R {
    const memo = this.pipes.get(p)
    if (memo !== undefined) return memo
    if (depth > TEMPLATE_LIMITS.depth)
      throw new FileLimitError(`its template values nest deeper than ${TEMPLATE_LIMITS.depth} levels`)
    let v: R | undefined
    for (const cmd of p.cmds) v = this.command(cmd, p.ctx, v, depth)
    const r = v ?? null
    this.pipes.set(p, r)
    return r
  }

  private command(cmd: Arg[], ctx: Ctx, piped: R | undefined, depth: number): R {
    this.budget.spend()
    const [first, ...rest] = cmd as [Arg, ...Arg[]]
    if (first.k === 'fn') {
      const args = rest.map(a => this.arg(a, ctx, depth))
      if (piped !== undefined) args.push(piped)
      return this.call(first.name, args)
    }
    if (piped !== undefined || rest.length > 0)
      return new Gap(`${first.k === 'chain' ? quoted(first.src) : 'a value'} is not a function`)
    return this.arg(first, ctx, depth)
  }

  private call(name: string, args: R[]): R {
    this.budget.spend(args.length + 1)
    const f = FUNCTIONS[name]
    if (f) return f(args)
    return new Gap(NOT_EVALUATED[name] ?? `the function ${quoted(name)} is not evaluated`)
  }

  private arg(a: Arg, ctx: Ctx, depth: number): R {
    if (a.k === 'lit') return a.v
    if (a.k === 'fn') return this.call(a.name, [])
    let v: R
    let path: string
    switch (a.base.k) {
      case 'dot':
        v = this.dot(ctx.dot, depth)
        path = ''
        break
      case 'dollar':
        v = this.dot(ctx.dollar, depth)
        path = '$'
        break
      case 'var': {
        const def = a.base.def
        path = `$${a.base.name}`
        if (!def) v = new Gap(`${path} is not declared`)
        else if (def.k === 'gap') v = new Gap(def.why)
        else if (def.reassigned) v = new Gap(`${path} is assigned in more than one place`)
        else v = this.pipe(def.pipe, depth + 1)
        break
      }
      case 'pipe':
        v = this.pipe(a.base.pipe, depth + 1)
        path = `(${quoted(a.base.pipe.src)})`
        break
    }
    for (const name of a.names) {
      this.budget.spend()
      const here = `${path}.${name}`
      v = this.field(v, name, here)
      path = here
    }
    return v
  }

  private dot(d: Dot, depth: number): R {
    if (d.k === 'root') return ROOT
    if (d.k === 'with') return this.pipe(d.pipe, depth + 1)
    return new Gap(d.why)
  }

  /** `.name` of a value: `path` names it in messages (`.Values.images.tag`). */
  private field(v: R, name: string, path: string): R {
    if (v instanceof Gap) return v.empty ? new Gap(`${v.why}, so ${quoted(path)} cannot be read`) : v
    if (v === ROOT) {
      if (name === 'Values') {
        if (!this.chart)
          return new Gap('the chart has no Chart.yaml above its templates/ directory, so its values are not known')
        return this.chart.values ?? new Gap("the chart's values.yaml is not read")
      }
      if (name === 'Chart')
        return this.chart
          ? new HelmObject('Chart')
          : new Gap('the chart has no Chart.yaml above its templates/ directory')
      if (name === 'Release') return new HelmObject('Release')
      return new Gap(`${quoted(path)} is not evaluated`)
    }
    if (v instanceof HelmObject && v.name === 'Chart') {
      if (name !== 'Name' && name !== 'Version' && name !== 'AppVersion')
        return new Gap(`.Chart.${name} is not evaluated`)
      const s = this.chart?.metadata[name]
      return s === undefined || s === '' ? new Gap(`.Chart.${name} is not set in Chart.yaml`, true) : s
    }
    if (v instanceof HelmObject && v.name === 'Release') {
      // A constant; the others (Name, Namespace, Revision…) are chosen when the chart is installed.
      if (name === 'Service') return 'Helm'
      return new Gap(`.Release.${name} is known only when the chart is installed`)
    }
    if (v instanceof Map) {
      if (!v.has(name)) return new Gap(`${quoted(path)} has no value in the chart's values.yaml`, true)
      const x = v.get(name) as HelmValue
      if (x === null || x === '') return new Gap(`${quoted(path)} is empty in the chart's values.yaml`, true)
      return x
    }
    return new Gap(`${quoted(path)} cannot be read: ${typeName(v)} has no fields`)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering: each line of output that starts after a newline of the template's text, through every branch.

type Ins =
  | { op: 'text'; start: number; end: number }
  | { op: 'out'; out: Out }
  | { op: 'fork'; to: number[] }
  | { op: 'jmp'; to: number }
  | { op: 'loop'; body: number; exit: number }
  | { op: 'halt' }

interface Program {
  ins: Ins[]
  /** Where output starts: the top of the file and each define's body. */
  entries: number[]
}

function compile(main: TNode[], defines: TNode[][]): Program {
  const ins: Ins[] = []
  const emit = (
    nodes: TNode[],
    loop:
      | {
          body: number
          exits: Array<{ op: 'jmp'; to: number }>
          loops: Array<{ op: 'loop'; body: number; exit: number }>
        }
      | undefined
  ): void => {
    for (const n of nodes) {
      switch (n.k) {
        case 'text':
          ins.push({ op: 'text', start: n.start, end: n.end })
          break
        case 'out':
          ins.push({ op: 'out', out: n.out })
          break
        case 'fork': {
          if (n.branches.length === 1) {
            emit(n.branches[0] as TNode[], loop)
            break
          }
          const fork: Ins = { op: 'fork', to: [] }
          ins.push(fork)
          const ends: Array<{ op: 'jmp'; to: number }> = []
          n.branches.forEach((b, i) => {
            fork.to.push(ins.length)
            emit(b, loop)
            if (i < n.branches.length - 1) {
              const j = { op: 'jmp' as const, to: -1 }
              ins.push(j)
              ends.push(j)
            }
          })
          for (const j of ends) j.to = ins.length
          break
        }
        case 'range': {
          // Empty: the else branch; else the body, once or again, then what follows the range.
          const fork: Ins = { op: 'fork', to: [] }
          ins.push(fork)
          const inner = {
            body: ins.length,
            exits: [] as Array<{ op: 'jmp'; to: number }>,
            loops: [] as Array<{ op: 'loop'; body: number; exit: number }>
          }
          emit(n.body, inner)
          const again = { op: 'loop' as const, body: inner.body, exit: -1 }
          ins.push(again)
          const elseAt = ins.length
          emit(n.else, loop)
          fork.to = [inner.body, elseAt]
          for (const x of [again, ...inner.loops]) x.exit = ins.length
          for (const x of inner.exits) x.to = ins.length
          break
        }
        case 'break':
        case 'continue':
          if (!loop) break
          if (n.k === 'break') {
            const j = { op: 'jmp' as const, to: -1 }
            ins.push(j)
            loop.exits.push(j)
          } else {
            const l = { op: 'loop' as const, body: loop.body, exit: -1 }
            ins.push(l)
            loop.loops.push(l)
          }
          break
      }
    }
  }
  const entries = [0]
  emit(main, undefined)
  ins.push({ op: 'halt' })
  for (const body of defines) {
    entries.push(ins.length)
    emit(body, undefined)
    ins.push({ op: 'halt' })
  }
  return { ins, entries }
}

type Part = { k: 'text'; start: number; end: number } | { k: 'out'; out: Out }
/** The parts of a line so far, last first: branches share what they rendered before they parted. */
interface Parts {
  part: Part
  prev: Parts | undefined
  /** The same for equal lists (see Renderer.intern): two states at one place with one id render the same from there. */
  id: number
}
interface Path {
  parts: Part[]
  /** Where the line's newline is in the source (the end of the file, or of a define, if none). */
  end: number
}
interface State {
  pc: number
  pos: number
  parts: Parts | undefined
  /**
   * While every part is text: the text so far, without the white space and `- ` it starts with and with runs of
   * white space made one, so that a line that cannot start with an image: key is left early. undefined after an
   * action, or once the key is there.
   */
  prefix: string | undefined
  looped: boolean
}

/** Whether text that starts a line may still become an `image:` key: 'key' once it is one, 'no' once it cannot. */
function keyPrefix(rest: string): 'key' | 'maybe' | 'no' {
  if (rest === '' || rest === '-') return 'maybe'
  for (const key of ['image', '"image"', "'image'"]) {
    if (key.startsWith(rest)) return 'maybe'
    if (!rest.startsWith(key)) continue
    const after = rest.slice(key.length)
    if (/^ ?:?$/.test(after)) return 'maybe'
    if (/^ ?: /.test(after)) return 'key'
  }
  return 'no'
}
const normalPrefix = (s: string): string => s.replace(/[ \t]+/g, ' ').replace(/^ ?(?:- )*/, '')

/** States to run, the one furthest back in the program first: branches that meet are merged before going on. */
class Queue {
  private readonly heap: State[] = []
  get size(): number {
    return this.heap.length
  }
  push(s: State): void {
    const h = this.heap
    h.push(s)
    for (let i = h.length - 1; i > 0;) {
      const up = (i - 1) >> 1
      if ((h[up] as State).pc <= (h[i] as State).pc) break
      ;[h[up], h[i]] = [h[i] as State, h[up] as State]
      i = up
    }
  }
  pop(): State | undefined {
    const h = this.heap
    const top = h[0]
    const last = h.pop()
    if (h.length > 0 && last) {
      h[0] = last
      for (let i = 0; ;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && (h[l] as State).pc < (h[m] as State).pc) m = l
        if (r < h.length && (h[r] as State).pc < (h[m] as State).pc) m = r
        if (m === i) break
        ;[h[m], h[i]] = [h[i] as State, h[m] as State]
        i = m
      }
    }
    return top
  }
}

class Renderer {
  private ids = new Map<string, number>()

  constructor(
    private readonly prog: Program,
    private readonly text: string,
    private readonly lines: Lines,
    private readonly budget: Budget
  ) {}

  /** Where lines start: each entry, and after each newline of the text. */
  *lineStarts(): Generator<{ pc: number; pos: number }> {
    for (const pc of this.prog.entries) yield { pc, pos: -1 }
    for (let pc = 0; pc < this.prog.ins.length; pc++) {
      const ins = this.prog.ins[pc] as Ins
      if (ins.op !== 'text') continue
      for (let nl = this.lines.newline(ins.start, ins.end); nl >= 0; nl = this.lines.newline(nl + 1, ins.end))
        yield { pc, pos: nl + 1 }
    }
  }

  /** Parts with one more: equal lists get one id, whatever branch made them. */
  private add(parts: Parts | undefined, part: Part): Parts {
    const key = `${parts?.id ?? 0}:${part.k === 'text' ? `${part.start}-${part.end}` : `o${part.out.at}`}`
    let id = this.ids.get(key)
    if (id === undefined) {
      id = this.ids.size + 1
      this.ids.set(key, id)
    }
    return { part, prev: parts, id }
  }

  /**
   * The distinct renderings of the line from a start, through each branch. Branches that meet again with the same
   * output so far go on as one. overflow: more than TEMPLATE_LIMITS.candidates distinct renderings (or 16 times as
   * many branches under way at once); the branches under way then go on each by its first way only, and the first
   * TEMPLATE_LIMITS.candidates renderings are returned.
   */
  render(start: { pc: number; pos: number }): { paths: Path[]; overflow: boolean } {
    this.ids = new Map()
    const paths: Path[] = []
    const done = new Set<string>()
    const queued = new Set<string>()
    const queue = new Queue()
    let overflow = false
    const enqueue = (s: State): void => {
      const key = `${s.pc}:${s.pos}:${s.looped ? 1 : 0}:${s.parts?.id ?? 0}`
      if (queued.has(key)) return
      if (queue.size >= TEMPLATE_LIMITS.candidates * 16) {
        overflow = true
        return
      }
      queued.add(key)
      queue.push(s)
    }
    const finish = (s: State, end: number, how: string): void => {
      const key = `${s.parts?.id ?? 0}${how}`
      if (done.has(key)) return
      if (done.size >= TEMPLATE_LIMITS.candidates) {
        overflow = true
        return
      }
      done.add(key)
      const parts: Part[] = []
      for (let p = s.parts; p; p = p.prev) parts.push(p.part)
      paths.push({ parts: parts.reverse(), end })
    }
    enqueue({ pc: start.pc, pos: start.pos, parts: undefined, prefix: '', looped: false })
    for (let s = queue.pop(); s && done.size < TEMPLATE_LIMITS.candidates; s = queue.pop()) {
      this.budget.spend()
      const ins = this.prog.ins[s.pc] as Ins
      if (ins.op === 'text') {
        const from = s.pos >= 0 ? s.pos : ins.start
        const lineEnd = this.lines.newline(from, ins.end)
        const end = lineEnd >= 0 ? lineEnd : ins.end
        let { parts, prefix } = s
        if (end > from) parts = this.add(parts, { k: 'text', start: from, end })
        if (prefix !== undefined) {
          prefix = normalPrefix(prefix + this.text.slice(from, Math.min(end, from + 256)))
          const state = keyPrefix(prefix)
          if (state === 'no') continue
          if (state === 'key') prefix = undefined
        }
        if (lineEnd >= 0) finish({ ...s, parts }, lineEnd + 1, '\n')
        else enqueue({ pc: s.pc + 1, pos: -1, parts, prefix, looped: s.looped })
      } else if (ins.op === 'out') {
        enqueue({
          pc: s.pc + 1,
          pos: -1,
          parts: this.add(s.parts, { k: 'out', out: ins.out }),
          prefix: undefined,
          looped: s.looped
        })
      } else if (ins.op === 'halt') {
        finish(s, this.endOf(s), '$')
      } else if (ins.op === 'fork') {
        for (const to of overflow ? ins.to.slice(0, 1) : ins.to) enqueue({ ...s, pc: to, pos: -1 })
      } else if (ins.op === 'jmp') enqueue({ ...s, pc: ins.to, pos: -1 })
      else {
        // The body once more is enough to see what a line through it looks like.
        if (!s.looped && !overflow) enqueue({ ...s, pc: ins.body, pos: -1, looped: true })
        enqueue({ ...s, pc: ins.exit, pos: -1 })
      }
    }
    return { paths, overflow }
  }

  private endOf(s: State): number {
    const last = s.parts?.part
    return last?.k === 'text' ? last.end : last?.k === 'out' ? last.out.at : 0
  }

  /**
   * Whether a line whose branches are too many to render may hold an image: key: the text and the known values
   * reachable from its start before a newline (each instruction once) hold "image".
   */
  mayHoldImage(start: { pc: number; pos: number }, value: (out: Out) => string | Gap): boolean {
    const seen = new Set<number>()
    const todo: Array<{ pc: number; pos: number }> = [start]
    while (todo.length > 0) {
      const { pc, pos } = todo.pop() as { pc: number; pos: number }
      if (pos < 0 && seen.has(pc)) continue
      seen.add(pc)
      this.budget.spend()
      const ins = this.prog.ins[pc] as Ins
      if (ins.op === 'text') {
        const from = pos >= 0 ? pos : ins.start
        const lineEnd = this.lines.newline(from, ins.end)
        if (this.text.slice(from, lineEnd >= 0 ? lineEnd : ins.end).includes('image')) return true
        if (lineEnd < 0) todo.push({ pc: pc + 1, pos: -1 })
      } else if (ins.op === 'out') {
        const v = value(ins.out)
        if (typeof v === 'string' && v.includes('image')) return true
        todo.push({ pc: pc + 1, pos: -1 })
      } else if (ins.op === 'fork') for (const to of ins.to) todo.push({ pc: to, pos: -1 })
      else if (ins.op === 'jmp') todo.push({ pc: ins.to, pos: -1 })
      else if (ins.op === 'loop') todo.push({ pc: ins.body, pos: -1 }, { pc: ins.exit, pos: -1 })
    }
    return false
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the image: lines of the rendered output.

interface Segment {
  /** Where it starts in the line's text. */
  from: number
  /** Where it comes from in the template: the text's own offset, or the action's `{{`. */
  src: number
  kind: 'text' | 'value' | 'gap'
  gap?: Gap
}

/** The rendered line: its text (a Gap is one placeholder character), and where each piece comes from. */
function joinLine(
  text: string,
  parts: Part[],
  value: (out: Out) => string | Gap
): { line: string; segments: Segment[]; long: boolean } {
  let line = ''
  const segments: Segment[] = []
  for (const p of parts) {
    if (line.length > EXPANSION_LIMITS.length)
      return { line: line.slice(0, EXPANSION_LIMITS.length), segments, long: true }
    if (p.k === 'text') {
      segments.push({ from: line.length, src: p.start, kind: 'text' })
      line += text.slice(p.start, Math.min(p.end, p.start + EXPANSION_LIMITS.length + 1))
      continue
    }
    const v = value(p.out)
    if (v instanceof Gap) {
      segments.push({ from: line.length, src: p.out.at, kind: 'gap', gap: v })
      line += '\u0000'
    } else {
      segments.push({ from: line.length, src: p.out.at, kind: 'value' })
      line += v
    }
  }
  const long = line.length > EXPANSION_LIMITS.length
  return { line: long ? line.slice(0, EXPANSION_LIMITS.length) : line, segments, long }
}

/** The index of the segment that holds character `i` of the line. */
function segmentIndex(segments: Segment[], i: number): number {
  let lo = 0
  let hi = segments.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((segments[mid] as Segment).from <= i) lo = mid
    else hi = mid - 1
  }
  return lo
}

function segmentAt(segments: Segment[], i: number): Segment {
  return segments[segmentIndex(segments, i)] as Segment
}

/** An `image:` key at the start of `line[a, b)`: where it is, and where its value starts. */
function findKey(
  line: string,
  a: number,
  b: number,
  isGap: (i: number) => boolean
): { key: number; value: number } | undefined {
  let i = a
  for (;;) {
    while (i < b && (line[i] === ' ' || line[i] === '\t' || isGap(i))) i++
    if (i < b && line[i] === '-' && (line[i + 1] === ' ' || line[i + 1] === '\t')) {
      i += 2
      continue
    }
    break
  }
  const key = i
  const q = line[i] === '"' || line[i] === "'" ? line[i] : ''
  if (q !== '') i++
  if (line.slice(i, i + 5) !== 'image' || i + 5 > b) return undefined
  for (let j = i; j < i + 5; j++) if (isGap(j)) return undefined
  i += 5
  if (q !== '') {
    if (line[i] !== q) return undefined
    i++
  }
  while (i < b && (line[i] === ' ' || line[i] === '\t')) i++
  if (i >= b || line[i] !== ':') return undefined
  i++
  if (i < b && line[i] !== ' ' && line[i] !== '\t' && !isGap(i)) return undefined
  return { key, value: i }
}

/**
 * Values YAML reads as written, the common shapes, read without a parser: a plain word (no indicator first, no
 * quote, `#` or space in it), or a quoted one with no escape; each with a comment after it or none.
 */
const SIMPLE_VALUE = /^[ \t]*(?:([A-Za-z0-9_./][^\s"'#]*)|"([^"\\]*)"|'([^']*)')(?:[ \t]+#.*)?[ \t]*$/

/** What a rendered `image:` value is as YAML: the string, nothing (null or empty), or why it is not read. */
function yamlValue(value: string): { image: string } | { none: true } | { why: string } {
  const simple = SIMPLE_VALUE.exec(value)
  const plain = simple?.[1]
  if (plain !== undefined && !plain.endsWith(':') && !/^(null|Null|NULL)$/.test(plain)) return { image: plain }
  const quotedValue = simple?.[2] ?? simple?.[3]
  if (quotedValue !== undefined) return quotedValue.trim() === '' ? { none: true } : { image: quotedValue.trim() }
  const v = value.trim()
  if (v === '') return { none: true }
  if (v.startsWith('|') || v.startsWith('>'))
    return { why: `its value is a block scalar (${v[0]}) whose lines are not read` }
  if (v.startsWith('*')) return { why: 'its value is an alias of a value elsewhere' }
  const doc = parseDocument(`k:${value}`, { schema: 'failsafe', prettyErrors: false, uniqueKeys: false })
  if (doc.errors.length > 0) return { why: 'it is not valid YAML once rendered' }
  const node = isMap(doc.contents) ? doc.contents.get('k', true) : undefined
  if (node === undefined || node === null) return { none: true }
  if (!isScalar(node) || typeof node.value !== 'string')
    return { why: 'its value is a map or a list, not an image reference' }
  const text: string = node.value
  if (node.type === Scalar.PLAIN && /^(~|null|Null|NULL)$/.test(text)) return { none: true }
  const image = text.trim()
  return image === '' ? { none: true } : { image }
}

/** "a", "a; b", "a; b; c and 2 more". */
function reasons(gaps: Gap[]): string {
  const whys = [...new Set(gaps.map(g => g.why))]
  const shown = whys.slice(0, 3).join('; ')
  return whys.length > 3 ? `${shown} and ${whys.length - 3} more` : shown
}

/**
 * The image references of a chart template: each `image:` line of its output, rendered through every branch with
 * the chart's values (undefined: no Chart.yaml above its templates/ directory, so no values are known).
 */
export function extractChartTemplate(file: string, text: string, chart: HelmChart | undefined): Extraction {
  let program: Program
  try {
    const parser = new Parser(lex(text), text)
    const main = parser.parse()
    program = compile(main, parser.defines)
  } catch (e) {
    if (!(e instanceof TemplateSyntaxError)) throw e
    return unreadable(file, text, e)
  }
  const lines = new Lines(text)
  const budget = new Budget()
  const value = outputsOnce(new Evaluator(chart, budget))
  const renderer = new Renderer(program, text, lines, budget)
  const found: TemplateImages = { file, text, lines, refs: [], warnings: [] }
  for (const start of renderer.lineStarts()) {
    const { paths, overflow } = renderer.render(start)
    let keyAt: number | undefined
    for (const path of paths) {
      const first = readRenderedLine(found, path, value)
      keyAt ??= first
    }
    if (overflow && (keyAt !== undefined || renderer.mayHoldImage(start, value))) {
      const where = lines.at(keyAt ?? startOffset(program, start, text))
      found.warnings.push({
        file,
        line: where.line,
        col: where.col,
        message: `The image references of this line are not verified: it goes through more than ${TEMPLATE_LIMITS.candidates} combinations of if/else branches.`
      })
    }
  }
  return { refs: found.refs, warnings: found.warnings }
}

/** Each output of the template evaluated once, however many lines and branches render it. */
function outputsOnce(evaluator: Evaluator): (out: Out) => string | Gap {
  const values = new Map<Out, string | Gap>()
  return out => {
    let v = values.get(out)
    if (v === undefined) {
      v = evaluator.output(out)
      values.set(out, v)
    }
    return v
  }
}

/** A template being read, and what its image: lines hold: the references, and why others are not verified. */
interface TemplateImages {
  file: string
  text: string
  lines: Lines
  refs: FileReference[]
  warnings: FileWarning[]
}

/** A line of output as one path through the branches renders it, and where each of its characters comes from. */
interface RenderedLine {
  line: string
  segments: Segment[]
  /** Where character `i` of the line comes from in the template. */
  srcOf(i: number): number
  /** Where the path's line ends in the template. */
  end: number
}

/**
 * Reads the image: keys of the line one path renders, which a value holding a newline makes several lines of
 * output. Returns where its first image: key comes from in the template; undefined when it has none.
 */
function readRenderedLine(found: TemplateImages, path: Path, value: (out: Out) => string | Gap): number | undefined {
  const { line, segments, long } = joinLine(found.text, path.parts, value)
  if (segments.length === 0) return undefined
  const gapAt = new Set(segments.filter(x => x.kind === 'gap').map(x => x.from))
  const isGap = (i: number) => gapAt.has(i)
  const srcOf = (i: number) => {
    const s = segmentAt(segments, i)
    return s.kind === 'text' ? s.src + (i - s.from) : s.src
  }
  const rendered: RenderedLine = { line, segments, srcOf, end: path.end }
  let keyAt: number | undefined
  // A value that holds a newline starts another line of output.
  for (let a = 0; a <= line.length;) {
    let b = line.indexOf('\n', a)
    if (b < 0) b = line.length
    const next = b + 1
    if (line[b - 1] === '\r') b--
    const k = findKey(line, a, b, isGap)
    if (k) {
      keyAt ??= srcOf(k.key)
      // Only the last line of the text is cut at the bound.
      readImageValue(found, rendered, { start: a, end: b, key: k.key, value: k.value }, long && next > line.length)
    }
    a = next
  }
  return keyAt
}

/**
 * The value of one image: key, on the output line `at` of a rendered line (`cut`: past the bound on its length):
 * a reference, or a warning that says why it is not verified.
 */
function readImageValue(
  found: TemplateImages,
  r: RenderedLine,
  at: { start: number; end: number; key: number; value: number },
  cut: boolean
): void {
  const { file } = found
  const { line, segments } = r
  const b = at.end
  const first = firstNonBlank(line, at.value, b)
  let src = first === undefined ? r.srcOf(at.key) : r.srcOf(first)
  if (first !== undefined && segmentAt(segments, first).kind === 'text' && (line[first] === '"' || line[first] === "'"))
    src++
  const { line: ln, col } = found.lines.at(src)
  const gaps: Gap[] = []
  for (let i = segmentIndex(segments, at.value); i < segments.length && (segments[i] as Segment).from < b; i++) {
    const seg = segments[i] as Segment
    if (seg.gap && seg.from >= at.value) gaps.push(seg.gap)
  }
  if (cut)
    found.warnings.push({
      file,
      line: ln,
      col,
      message: `The image reference here is not verified: it is longer than ${EXPANSION_LIMITS.length} characters once rendered.`
    })
  else if (gaps.length > 0)
    found.warnings.push({ file, line: ln, col, message: `The image reference here is not verified: ${reasons(gaps)}.` })
  else {
    const y = yamlValue(line.slice(at.value, b))
    if ('image' in y) found.refs.push({ image: y.image, file, line: ln, col, kind: 'helm-template' })
    else if ('why' in y)
      found.warnings.push({ file, line: ln, col, message: `The image reference here is not verified: ${y.why}.` })
    else if (valueBelow(found.text, r.end, at.key - at.start))
      found.warnings.push({
        file,
        line: ln,
        col,
        message:
          'The image reference here is not verified: its value is on the lines below, which are not read as a value.'
      })
  }
}

/** The first character of `line[from, to)` that is not a space or a tab. */
function firstNonBlank(line: string, from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) if (line[i] !== ' ' && line[i] !== '\t') return i
  return undefined
}

function startOffset(program: Program, start: { pc: number; pos: number }, text: string): number {
  if (start.pos >= 0) return start.pos
  for (let pc = start.pc; pc < program.ins.length; pc++) {
    const ins = program.ins[pc] as Ins
    if (ins.op === 'text') return ins.start
    if (ins.op === 'out') return ins.out.at
  }
  return text.length
}

/** After an empty `image:`, whether the next non-blank line is indented deeper (a block value) or is an action. */
function valueBelow(text: string, from: number, keyIndent: number): boolean {
  let i = from
  for (;;) {
    const nl = text.indexOf('\n', i)
    const line = text.slice(i, nl < 0 ? text.length : nl)
    if (line.trim() !== '') {
      const indent = line.length - line.trimStart().length
      return indent > keyIndent || line.trimStart().startsWith('{{')
    }
    if (nl < 0) return false
    i = nl + 1
  }
}

/** The newlines of a text: where the next one is, and the 1-based line and column of an offset. */
class Lines {
  private readonly newlines: number[] = []

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.newlines.push(i)
  }

  /** The index of the first newline at or after `offset`. */
  private after(offset: number): number {
    let lo = 0
    let hi = this.newlines.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.newlines[mid] as number) < offset) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The first newline in [from, end), or -1: never a search past `end`, however long the line. */
  newline(from: number, end: number): number {
    const nl = this.newlines[this.after(from)]
    return nl !== undefined && nl < end ? nl : -1
  }

  at(offset: number): { line: number; col: number } {
    const i = this.after(offset)
    const start = i === 0 ? 0 : (this.newlines[i - 1] as number) + 1
    return { line: i + 1, col: offset - start + 1 }
  }
}

const LITERAL_IMAGE = /^(\s*(?:-\s+)?image:\s*)(["']?)([^\s"'{}#]+)\2\s*(?:#.*)?$/

/**
 * A template whose syntax text/template refuses: Helm renders nothing from it. Its literal image: lines are still
 * references, and a warning at the refused place says the rest is not verified.
 */
function unreadable(file: string, text: string, e: TemplateSyntaxError): Extraction {
  const refs: FileReference[] = []
  text.split(/\r?\n/).forEach((l, i) => {
    const m = LITERAL_IMAGE.exec(l)
    if (m)
      refs.push({
        image: m[3] ?? '',
        file,
        line: i + 1,
        col: (m[1] ?? '').length + (m[2] ?? '').length + 1,
        kind: 'helm-template'
      })
  })
  const { line, col } = new Lines(text).at(e.at)
  return {
    refs,
    warnings: [
      {
        file,
        line,
        col,
        message: `This chart template is not read: ${e.message} here (Helm would not render it either); only its literal image: lines are verified.`
      }
    ]
  }
}
