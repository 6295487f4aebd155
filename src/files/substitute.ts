/**
 * Variable expansion shared by the Dockerfile and Compose extractors: `$NAME`, `${NAME}`, `${NAME:-word}`,
 * `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, `${NAME:?msg}`, `${NAME?msg}`, with `word` expanded in turn.
 * A variable whose value is not known here (no default, set at build or run time) leaves the result unresolved.
 */

/** The value of a variable, or undefined when it is unset or only known later. */
export type Lookup = (name: string) => string | undefined

export interface Expansion {
  value: string
  /** Names whose values were needed and are not known. */
  unresolved: string[]
  /** Expansions this module does not evaluate (`${A#x}`, `${A/x/y}`, an unterminated `${`). */
  unsupported: string[]
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/

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

/**
 * Expands the `$` at `s[i]`. Returns the expansion and the index after it, or undefined when the `$` starts
 * no expansion (it is then a literal `$`). `expandWord` expands a nested word (the default of `${A:-word}`).
 */
export function expandDollar(
  s: string,
  i: number,
  lookup: Lookup,
  expandWord: (word: string) => Expansion
): { end: number; expansion: Expansion } | undefined {
  const next = s[i + 1]
  if (next === '{') {
    const close = closingBrace(s, i)
    if (close < 0) return { end: s.length, expansion: { value: s.slice(i), unresolved: [], unsupported: [s.slice(i)] } }
    const inner = s.slice(i + 2, close)
    const name = NAME.exec(inner)?.[0]
    const whole = s.slice(i, close + 1)
    if (!name) return { end: close + 1, expansion: { value: whole, unresolved: [], unsupported: [whole] } }
    const op = inner.slice(name.length)
    const value = lookup(name)
    const done = (e: Expansion) => ({ end: close + 1, expansion: e })
    if (op === '') return done(value === undefined ? { value: '', unresolved: [name], unsupported: [] } : { value, unresolved: [], unsupported: [] })
    const m = /^(:?)([-+?])([\s\S]*)$/.exec(op)
    if (!m) return done({ value: whole, unresolved: [], unsupported: [whole] })
    const colon = m[1] === ':'
    const kind = m[2]
    const word = m[3] ?? ''
    const isSet = value !== undefined && (!colon || value !== '')
    if (kind === '-') return done(isSet ? { value: value ?? '', unresolved: [], unsupported: [] } : expandWord(word))
    if (kind === '+') {
      // With the value unknown, whether the word applies is unknown too.
      if (value === undefined) return done({ value: '', unresolved: [name], unsupported: [] })
      return done(isSet ? expandWord(word) : { value: '', unresolved: [], unsupported: [] })
    }
    return done(isSet ? { value: value ?? '', unresolved: [], unsupported: [] } : { value: '', unresolved: [name], unsupported: [] })
  }
  const name = NAME.exec(s.slice(i + 1))?.[0]
  if (!name) return undefined
  const value = lookup(name)
  return {
    end: i + 1 + name.length,
    expansion: value === undefined ? { value: '', unresolved: [name], unsupported: [] } : { value, unresolved: [], unsupported: [] }
  }
}

/** Compose interpolation: `$$` is a literal `$`; no quoting (YAML has already removed it). */
export function interpolateCompose(s: string, lookup: Lookup): Expansion {
  let value = ''
  const unresolved: string[] = []
  const unsupported: string[] = []
  for (let i = 0; i < s.length; ) {
    if (s[i] === '$' && s[i + 1] === '$') {
      value += '$'
      i += 2
      continue
    }
    if (s[i] === '$') {
      const r = expandDollar(s, i, lookup, w => interpolateCompose(w, lookup))
      if (r) {
        value += r.expansion.value
        unresolved.push(...r.expansion.unresolved)
        unsupported.push(...r.expansion.unsupported)
        i = r.end
        continue
      }
    }
    value += s[i]
    i++
  }
  return { value, unresolved: unique(unresolved), unsupported: unique(unsupported) }
}

/**
 * A Dockerfile word as BuildKit's shell lexer reads it: single quotes are literal, double quotes expand `$`,
 * the escape character (`\` or the one the `# escape=` directive sets) makes the next character literal.
 */
export function processDockerfileWord(s: string, lookup: Lookup, escape = '\\'): Expansion {
  let value = ''
  const unresolved: string[] = []
  const unsupported: string[] = []
  const add = (e: Expansion) => {
    value += e.value
    unresolved.push(...e.unresolved)
    unsupported.push(...e.unsupported)
  }
  const word = (w: string) => processDockerfileWord(w, lookup, escape)
  let i = 0
  while (i < s.length) {
    const c = s[i] as string
    if (c === escape && i + 1 < s.length) {
      value += s[i + 1]
      i += 2
    } else if (c === "'") {
      const close = s.indexOf("'", i + 1)
      const end = close < 0 ? s.length : close
      value += s.slice(i + 1, end)
      i = end + 1
    } else if (c === '"') {
      i++
      while (i < s.length && s[i] !== '"') {
        const d = s[i] as string
        if (d === escape && i + 1 < s.length && (s[i + 1] === '"' || s[i + 1] === '$' || s[i + 1] === escape)) {
          value += s[i + 1]
          i += 2
        } else if (d === '$') {
          const r = expandDollar(s, i, lookup, word)
          if (r) {
            add(r.expansion)
            i = r.end
          } else {
            value += d
            i++
          }
        } else {
          value += d
          i++
        }
      }
      i++
    } else if (c === '$') {
      const r = expandDollar(s, i, lookup, word)
      if (r) {
        add(r.expansion)
        i = r.end
      } else {
        value += c
        i++
      }
    } else {
      value += c
      i++
    }
  }
  return { value, unresolved: unique(unresolved), unsupported: unique(unsupported) }
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
