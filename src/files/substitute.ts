/**
 * Variable expansion shared by the Dockerfile and Compose extractors: `$NAME`, `${NAME}`, `${NAME:-word}`,
 * `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, `${NAME:?msg}`, `${NAME?msg}`, with `word` expanded in turn.
 * A variable whose value is not known here (no default, set at build or run time) leaves the result unresolved.
 * The work is bounded: nesting deeper than EXPANSION_LIMITS.depth, or a value longer than EXPANSION_LIMITS.length
 * (ARGs that double each other), throws a FileLimitError rather than exhausting the stack or the heap.
 */
import { FileLimitError } from './types.js'
import { GateError } from '../core/errors.js'

/** The value of a variable: a string (maybe empty), null when it is known to be unset, undefined when only known later. */
export type Lookup = (name: string) => string | null | undefined

export interface Expansion {
  value: string
  /** Names whose values were needed and are not known. */
  unresolved: string[]
  /** Expansions this module does not evaluate (`${A#x}`, `${A/x/y}`). */
  unsupported: string[]
  /** Why the tool that reads this word would refuse it (an unterminated quote, `${}`): the word is not verified. */
  error?: string
}

/** Bounds on the expansion of one word: `${…}` nesting, and the length of a value. */
export const EXPANSION_LIMITS = { depth: 16, length: 64 * 1024 }

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/

function depthError(): FileLimitError {
  return new FileLimitError(`variables nest deeper than ${EXPANSION_LIMITS.depth} levels`)
}
function lengthError(): FileLimitError {
  return new FileLimitError(
    `a value grows past ${EXPANSION_LIMITS.length} characters once its variables are substituted`
  )
}

/** Collects an expansion's parts; bounded in length. */
class Builder {
  value = ''
  unresolved: string[] = []
  unsupported: string[] = []
  error: string | undefined
  text(s: string): void {
    if (this.value.length + s.length > EXPANSION_LIMITS.length) throw lengthError()
    this.value += s
  }
  add(e: Expansion): void {
    this.text(e.value)
    this.unresolved.push(...e.unresolved)
    this.unsupported.push(...e.unsupported)
    if (e.error !== undefined && this.error === undefined) this.error = e.error
  }
  done(): Expansion {
    const out: Expansion = {
      value: this.value,
      unresolved: unique(this.unresolved),
      unsupported: unique(this.unsupported)
    }
    if (this.error !== undefined) out.error = this.error
    return out
  }
}

/** Where the `}` that closes the `${` at `open` is, counting nested `${…}`; -1 when there is none. */
function closingBrace(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      depth++
      i++
    } else if (s[i] === '}') {
      depth--
      if (depth === 0) return i
    }
  }
  return -1
}

/** Compose interpolation: `$$` is a literal `$`; no quoting (YAML has already removed it). */
export function interpolateCompose(s: string, lookup: Lookup, depth = 0): Expansion {
  if (depth > EXPANSION_LIMITS.depth) throw depthError()
  const b = new Builder()
  for (let i = 0; i < s.length;) {
    if (s[i] === '$' && s[i + 1] === '$') {
      b.text('$')
      i += 2
      continue
    }
    if (s[i] === '$' && s[i + 1] === '{') {
      const close = closingBrace(s, i)
      if (close < 0) {
        b.add({ value: s.slice(i), unresolved: [], unsupported: [], error: `"${s.slice(i)}" has no closing "}"` })
        break
      }
      const inner = s.slice(i + 2, close)
      const whole = s.slice(i, close + 1)
      i = close + 1
      const name = NAME.exec(inner)?.[0]
      if (!name) {
        b.add({ value: whole, unresolved: [], unsupported: [], error: `"${whole}" is not a valid substitution` })
        continue
      }
      const op = inner.slice(name.length)
      const value = lookup(name)
      if (op === '') {
        b.add(
          value === undefined
            ? { value: '', unresolved: [name], unsupported: [] }
            : { value: value ?? '', unresolved: [], unsupported: [] }
        )
        continue
      }
      const m = /^(:?)([-+?])([\s\S]*)$/.exec(op)
      if (!m) {
        b.add({ value: whole, unresolved: [], unsupported: [whole] })
        continue
      }
      b.add(
        modifier(name, value, m[1] === ':', m[2] as '-' | '+' | '?', () =>
          interpolateCompose(m[3] ?? '', lookup, depth + 1)
        )
      )
      continue
    }
    if (s[i] === '$') {
      const name = NAME.exec(s.slice(i + 1, i + 1 + 256))?.[0]
      if (name) {
        const value = lookup(name)
        b.add(
          value === undefined
            ? { value: '', unresolved: [name], unsupported: [] }
            : { value: value ?? '', unresolved: [], unsupported: [] }
        )
        i += 1 + name.length
        continue
      }
    }
    b.text(s[i] as string)
    i++
  }
  return b.done()
}

/**
 * `${name-word}`, `${name+word}`, `${name?word}` and their `:` forms, for a value that is known (a string, '' when
 * set and empty), unset (null) or unknown (undefined). An unknown value takes the default of `-` (what the file
 * says it builds without overrides); `+` and `?` need the value, so it stays unresolved.
 */
function modifier(
  name: string,
  value: string | null | undefined,
  colon: boolean,
  kind: '-' | '+' | '?',
  word: () => Expansion
): Expansion {
  const known = value !== undefined
  const isSet = value !== undefined && value !== null && (!colon || value !== '')
  const plain = (v: string): Expansion => ({ value: v, unresolved: [], unsupported: [] })
  if (kind === '-') return isSet ? plain(value) : word()
  if (!known) return { value: '', unresolved: [name], unsupported: [] }
  if (kind === '+') return isSet ? word() : plain('')
  if (isSet) return plain(value)
  const w = word()
  const message =
    w.value !== '' ? w.value : value === null ? 'is not allowed to be unset' : 'is not allowed to be empty'
  return { value: '', unresolved: [], unsupported: [], error: `${name}: ${message}` }
}

/** POSIX special parameters: never set in a Dockerfile, so they expand to nothing. */
const SPECIAL = new Set(['@', '*', '#', '?', '-', '$', '!', '0'])

/**
 * A Dockerfile word as BuildKit's shell lexer reads it (frontend/dockerfile/shell/lex.go): single quotes are
 * literal, double quotes expand `$` and let the escape character escape `"`, `$` and itself, the escape
 * character (`\` or the one the `# escape=` directive sets) makes the next character literal. Positional and
 * special parameters (`$1`, `$@`, `$$`) are never set. What BuildKit refuses (an unterminated quote, `${}`,
 * `${A:=x}`) is an error. `${A#x}`, `${A%x}` and `${A/x/y}` are parsed but not evaluated: unsupported.
 */
export function processDockerfileWord(s: string, lookup: Lookup, escape = '\\'): Expansion {
  const lex = new DockerfileLexer(s, lookup, escape)
  try {
    return lex.word(undefined, 0)
  } catch (e) {
    if (e instanceof LexError) return { value: '', unresolved: [], unsupported: [], error: e.message }
    throw e
  }
}

class LexError extends GateError {
  constructor(message: string) {
    super('file', message)
  }
}

class DockerfileLexer {
  private i = 0
  constructor(
    private readonly s: string,
    private readonly lookup: Lookup,
    private readonly escape: string
  ) {}

  /** Reads up to `stop` (consumed) or the end; `stop` never found is an error. */
  word(stop: string | undefined, depth: number, rawEscapes = false): Expansion {
    if (depth > EXPANSION_LIMITS.depth) throw depthError()
    const b = new Builder()
    const s = this.s
    while (this.i < s.length) {
      const c = s[this.i] as string
      if (stop !== undefined && c === stop) {
        this.i++
        return b.done()
      }
      if (c === '$') b.add(this.dollar(depth))
      else if (c === "'") {
        const close = s.indexOf("'", this.i + 1)
        if (close < 0) throw new LexError('a single quote is not closed')
        b.text(s.slice(this.i + 1, close))
        this.i = close + 1
      } else if (c === '"') b.add(this.doubleQuoted(depth))
      else if (c === this.escape) {
        if (rawEscapes) b.text(c)
        this.i++
        if (this.i >= s.length) break
        b.text(s[this.i] as string)
        this.i++
      } else {
        b.text(c)
        this.i++
      }
    }
    if (stop !== undefined)
      throw new LexError(stop === '}' ? `syntax error: missing '}'` : `syntax error: missing '${stop}'`)
    return b.done()
  }

  private doubleQuoted(depth: number): Expansion {
    const s = this.s
    const b = new Builder()
    this.i++
    for (;;) {
      if (this.i >= s.length) throw new LexError('a double quote is not closed')
      const c = s[this.i] as string
      if (c === '"') {
        this.i++
        return b.done()
      }
      if (c === '$') {
        b.add(this.dollar(depth))
        continue
      }
      this.i++
      if (c === this.escape) {
        const n = s[this.i]
        if (n === undefined) continue
        if (n === '"' || n === '$' || n === this.escape) {
          b.text(n)
          this.i++
          continue
        }
      }
      b.text(c)
    }
  }

  private name(): string {
    const s = this.s
    const start = this.i
    if (/[0-9]/.test(s[this.i] ?? '')) {
      while (/[0-9]/.test(s[this.i] ?? '')) this.i++
      return s.slice(start, this.i)
    }
    if (SPECIAL.has(s[this.i] ?? '')) {
      this.i++
      return s.slice(start, this.i)
    }
    while (/[\p{L}\p{N}_]/u.test(s[this.i] ?? '')) this.i++
    return s.slice(start, this.i)
  }

  /** The value of a name: positional and special parameters are unset (null). */
  private get(name: string): string | null | undefined {
    if (/^[0-9]/.test(name) || SPECIAL.has(name)) return null
    return this.lookup(name)
  }

  private dollar(depth: number): Expansion {
    const s = this.s
    this.i++
    const plain = (v: string): Expansion => ({ value: v, unresolved: [], unsupported: [] })
    const simple = (name: string): Expansion => {
      const v = this.get(name)
      return v === undefined ? { value: '', unresolved: [name], unsupported: [] } : plain(v ?? '')
    }
    if (s[this.i] !== '{') {
      const name = this.name()
      return name === '' ? plain('$') : simple(name)
    }
    const open = this.i - 1
    this.i++
    const first = s[this.i]
    if (first === undefined) throw new LexError(`syntax error: missing '}'`)
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution')
    const name = this.name()
    const op = s[this.i]
    this.i++
    if (op === undefined) throw new LexError(`syntax error: missing '}'`)
    if (op === '}') {
      if (name === '') throw new LexError('syntax error: bad substitution')
      return simple(name)
    }
    let kind: string = op
    let colon = false
    if (kind === ':') {
      colon = true
      const next = s[this.i]
      this.i++
      if (next === undefined) throw new LexError(`syntax error: missing '}'`)
      kind = next
    }
    if (kind === '-' || kind === '+' || kind === '?') {
      const word = this.word('}', depth + 1)
      if (name === '') throw new LexError('syntax error: bad substitution')
      return modifier(name, this.get(name), colon, kind, () => word)
    }
    if (!colon && (kind === '#' || kind === '%')) {
      this.word('}', depth + 1, true)
      return { value: s.slice(open, this.i), unresolved: [], unsupported: [s.slice(open, this.i)] }
    }
    if (!colon && kind === '/') {
      if (s[this.i] === '/') this.i++
      this.word('/', depth + 1, true)
      this.word('}', depth + 1, true)
      return { value: s.slice(open, this.i), unresolved: [], unsupported: [s.slice(open, this.i)] }
    }
    throw new LexError(`unsupported modifier (${colon ? ':' : ''}${kind}) in substitution`)
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)]
}

/** "$A", "$A and $B", "$A, $B and $C". */
export function listVariables(names: string[]): string {
  const xs = names.map(n => `$${n}`)
  if (xs.length <= 1) return xs.join('')
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`
}
