/**
 * Regular expressions for CEL's `matches`, in linear time: the policy chooses the pattern, a hostile attestation the
 * text, so a pattern must never backtrack. Patterns are RE2's syntax (what CEL specifies), less what a condition
 * does not need: they compile to a Thompson NFA that steps every state at once, one character of the text at a time,
 * so the work is at most the text's length times the program's size, whatever the pattern.
 *
 * Supported: literals, `.`, `[...]` and `[^...]` classes with ranges, `\d \w \s` and their negations, escaped
 * punctuation, `\n \t \r \f \v`, `\xHH`, `\x{H…}`, groups `(…)`, `(?:…)`, `(?P<name>…)`, alternation, the quantifiers
 * `* + ? {n} {n,} {n,m}` (and their lazy forms, which match the same), anchors `^` and `$` (of the whole text), and
 * the flags `(?i)` and `(?s)` at the start. Anything else (backreferences, lookaround, which RE2 does not have;
 * `\b`, Unicode classes) is refused when the policy is loaded.
 */

/** Most instructions one pattern compiles to (counted repetition is expanded). */
export const MAX_REGEX_PROGRAM = 2000
/** Largest count in `{n,m}` (RE2's own limit). */
const MAX_REPEAT = 1000

type Node =
  | { k: 'char'; test: (c: number) => boolean }
  | { k: 'begin' }
  | { k: 'end' }
  | { k: 'seq'; items: Node[] }
  | { k: 'alt'; items: Node[] }
  | { k: 'repeat'; node: Node; min: number; max: number /* -1: unbounded */ }

type Inst =
  | { op: 'char'; test: (c: number) => boolean; next: number }
  | { op: 'split'; a: number; b: number }
  | { op: 'jmp'; to: number }
  | { op: 'begin'; next: number }
  | { op: 'end'; next: number }
  | { op: 'match' }

export class RegexError extends Error {}

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isWord = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 /* _ */
// RE2's \s: space, \t, \n, \f, \r (not \v).
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 12 || c === 13

class Parser {
  private i = 0
  private readonly cps: number[]
  constructor(
    private readonly src: string,
    private readonly fold: boolean,
    private readonly dotAll: boolean
  ) {
    this.cps = [...src].map(ch => ch.codePointAt(0)!)
  }

  private get done(): boolean {
    return this.i >= this.cps.length
  }
  private peek(): number {
    return this.cps[this.i]!
  }
  private ch(at = this.i): string {
    return String.fromCodePoint(this.cps[at]!)
  }
  private fail(why: string): never {
    throw new RegexError(`${why} at offset ${this.i} of ${JSON.stringify(this.src)}`)
  }

  parse(): Node {
    const n = this.alternation()
    if (!this.done) this.fail(`unmatched ")"`)
    return n
  }

  private alternation(): Node {
    const items = [this.sequence()]
    while (!this.done && this.peek() === 0x7c /* | */) {
      this.i++
      items.push(this.sequence())
    }
    return items.length === 1 ? items[0]! : { k: 'alt', items }
  }

  private sequence(): Node {
    const items: Node[] = []
    while (!this.done && this.peek() !== 0x7c && this.peek() !== 0x29 /* ) */) {
      const atom = this.atom()
      items.push(this.quantified(atom))
    }
    return { k: 'seq', items }
  }

  private quantified(atom: Node): Node {
    if (this.done) return atom
    const c = this.ch()
    let min: number, max: number
    if (c === '*') [min, max] = [0, -1]
    else if (c === '+') [min, max] = [1, -1]
    else if (c === '?') [min, max] = [0, 1]
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.offset()))
      if (!m) return atom // RE2: a brace that starts no count is a literal
      min = Number(m[1])
      max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3])
      if (min > MAX_REPEAT || max > MAX_REPEAT) this.fail(`a count over ${MAX_REPEAT}`)
      if (max !== -1 && max < min) this.fail('a count whose maximum is below its minimum')
      this.i += m[0].length - 1
    } else return atom
    if (atom.k === 'begin' || atom.k === 'end') this.fail('a quantifier after an anchor')
    this.i++
    if (!this.done && this.ch() === '?') this.i++ // lazy: the same for whether it matches
    if (!this.done && '*+?'.includes(this.ch())) this.fail('a quantifier after a quantifier')
    return { k: 'repeat', node: atom, min, max }
  }

  /** The offset in the source string (UTF-16) of the current code point. */
  private offset(): number {
    let n = 0
    for (let j = 0; j < this.i; j++) n += this.cps[j]! > 0xffff ? 2 : 1
    return n
  }

  private literal(cp: number): Node {
    if (!this.fold) return { k: 'char', test: c => c === cp }
    const s = String.fromCodePoint(cp)
    const lower = s.toLowerCase().codePointAt(0)!
    const upper = s.toUpperCase().codePointAt(0)!
    return { k: 'char', test: c => c === cp || c === lower || c === upper }
  }

  private atom(): Node {
    const c = this.ch()
    this.i++
    switch (c) {
      case '^':
        return { k: 'begin' }
      case '$':
        return { k: 'end' }
      case '.':
        return { k: 'char', test: this.dotAll ? () => true : ch => ch !== 10 }
      case '[':
        return this.charClass()
      case '(':
        return this.group()
      case ')':
        return this.fail('unmatched ")"')
      case '*':
      case '+':
      case '?':
        return this.fail('a quantifier with nothing before it')
      case '\\': {
        const test = this.escape(false)
        return typeof test === 'number' ? this.literal(test) : { k: 'char', test }
      }
      default:
        return this.literal(c.codePointAt(0)!)
    }
  }

  private group(): Node {
    if (this.src.slice(this.offset()).startsWith('?')) {
      const rest = this.src.slice(this.offset())
      const named = /^\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(rest)
      if (rest.startsWith('?:')) this.i += 2
      else if (named) this.i += named[0].length
      else if (/^\?<?[=!]/.test(rest)) this.fail('lookaround, which RE2 does not have,')
      else this.fail('a group flag other than (?i) or (?s) at the start')
    }
    const inner = this.alternation()
    if (this.done || this.peek() !== 0x29) this.fail('a "(" that is not closed')
    this.i++
    return inner
  }

  /** After a backslash: a code point, or a class test. */
  private escape(inClass: boolean): number | ((c: number) => boolean) {
    if (this.done) this.fail('a "\\" at the end')
    const c = this.ch()
    this.i++
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 }
    if (simple[c] !== undefined) return simple[c]
    if (c === 'd') return isDigit
    if (c === 'D') return x => !isDigit(x)
    if (c === 'w') return isWord
    if (c === 'W') return x => !isWord(x)
    if (c === 's') return isSpace
    if (c === 'S') return x => !isSpace(x)
    if (c === 'x') {
      const rest = this.src.slice(this.offset())
      const m = /^\{([0-9A-Fa-f]{1,6})\}|^([0-9A-Fa-f]{2})/.exec(rest)
      if (!m) this.fail('a \\x escape without hex digits')
      this.i += m[0].length
      const cp = parseInt(m[1] ?? m[2]!, 16)
      if (cp > 0x10ffff) this.fail('a code point past U+10FFFF')
      return cp
    }
    if (/[0-9]/.test(c)) this.fail(inClass ? 'an octal escape' : 'a backreference, which RE2 does not have,')
    if (/[A-Za-z]/.test(c)) this.fail(`the escape \\${c}, which conditions do not support,`)
    return c.codePointAt(0)!
  }

  private charClass(): Node {
    let negated = false
    if (!this.done && this.ch() === '^') {
      negated = true
      this.i++
    }
    const tests: Array<(c: number) => boolean> = []
    let first = true
    for (;;) {
      if (this.done) this.fail('a "[" that is not closed')
      const c = this.ch()
      if (c === ']' && !first) {
        this.i++
        break
      }
      first = false
      if (c === '[' && this.src.slice(this.offset()).startsWith('[:')) this.fail('POSIX classes like [:alpha:]')
      this.i++
      const lo: number | ((c: number) => boolean) = c === '\\' ? this.escape(true) : c.codePointAt(0)!
      if (typeof lo === 'function') {
        tests.push(lo)
        continue
      }
      if (!this.done && this.ch() === '-' && this.i + 1 < this.cps.length && this.ch(this.i + 1) !== ']') {
        this.i++
        const hc = this.ch()
        this.i++
        const hi = hc === '\\' ? this.escape(true) : hc.codePointAt(0)!
        if (typeof hi === 'function') this.fail('a range that ends in a class')
        if (hi < lo) this.fail('a range whose end is before its start')
        const [a, b] = [lo, hi]
        tests.push(x => x >= a && x <= b)
        if (this.fold) tests.push(x => foldIn(x, a, b))
        continue
      }
      tests.push((this.literal(lo) as { test: (c: number) => boolean }).test)
    }
    return { k: 'char', test: x => tests.some(t => t(x)) !== negated }
  }
}

function foldIn(x: number, a: number, b: number): boolean {
  const s = String.fromCodePoint(x)
  const l = s.toLowerCase().codePointAt(0)!
  const u = s.toUpperCase().codePointAt(0)!
  return (l >= a && l <= b) || (u >= a && u <= b)
}

class Compiler {
  readonly prog: Inst[] = []
  private emit(i: Inst): number {
    if (this.prog.length >= MAX_REGEX_PROGRAM)
      throw new RegexError(`the pattern is too large (over ${MAX_REGEX_PROGRAM} states once counts are expanded)`)
    this.prog.push(i)
    return this.prog.length - 1
  }
  /** Emits `n`, falling through to the instruction after it. */
  compile(n: Node): void {
    switch (n.k) {
      case 'char':
        this.emit({ op: 'char', test: n.test, next: this.prog.length + 1 })
        return
      case 'begin':
        this.emit({ op: 'begin', next: this.prog.length + 1 })
        return
      case 'end':
        this.emit({ op: 'end', next: this.prog.length + 1 })
        return
      case 'seq':
        for (const x of n.items) this.compile(x)
        return
      case 'alt': {
        // split L1, next; L1: a; jmp end; next: split ...
        const jumps: number[] = []
        n.items.forEach((x, idx) => {
          if (idx < n.items.length - 1) {
            const s = this.emit({ op: 'split', a: this.prog.length + 1, b: -1 })
            this.compile(x)
            jumps.push(this.emit({ op: 'jmp', to: -1 }))
            ;(this.prog[s] as { b: number }).b = this.prog.length
          } else this.compile(x)
        })
        for (const j of jumps) (this.prog[j] as { to: number }).to = this.prog.length
        return
      }
      case 'repeat': {
        for (let k = 0; k < n.min; k++) this.compile(n.node)
        if (n.max === -1) {
          const s = this.emit({ op: 'split', a: this.prog.length + 1, b: -1 })
          this.compile(n.node)
          this.emit({ op: 'jmp', to: s })
          ;(this.prog[s] as { b: number }).b = this.prog.length
        } else {
          const splits: number[] = []
          for (let k = n.min; k < n.max; k++) {
            splits.push(this.emit({ op: 'split', a: this.prog.length + 1, b: -1 }))
            this.compile(n.node)
          }
          for (const s of splits) (this.prog[s] as { b: number }).b = this.prog.length
        }
        return
      }
    }
  }
}

/** A compiled pattern: `test` says whether it matches anywhere in the text (CEL's `matches`). */
export interface Regex {
  /** Instructions: the text's length times this bounds the work of one `test`. */
  size: number
  test: (text: string) => boolean
}

/** Compiles a pattern, or throws a RegexError that says what it cannot take. */
export function compileRegex(pattern: string): Regex {
  let body = pattern
  let fold = false
  let dotAll = false
  const flags = /^\(\?([is]+)\)/.exec(body)
  if (flags) {
    fold = flags[1]!.includes('i')
    dotAll = flags[1]!.includes('s')
    body = body.slice(flags[0].length)
  }
  const ast = new Parser(body, fold, dotAll).parse()
  const c = new Compiler()
  c.compile(ast)
  c.prog.push({ op: 'match' })
  const prog = c.prog
  return { size: prog.length, test: text => run(prog, text) }
}

/** Steps every thread at once (Thompson): each character costs at most one visit per instruction. */
function run(prog: Inst[], text: string): boolean {
  const cps = [...text].map(ch => ch.codePointAt(0)!)
  const n = cps.length
  let current: number[] = []
  const seen = new Int32Array(prog.length).fill(-1)
  let generation = 0
  // Adds pc and what it reaches without consuming a character, at position `at`; true when it reaches a match.
  const add = (list: number[], pc0: number, at: number): boolean => {
    const stack = [pc0]
    while (stack.length > 0) {
      const pc = stack.pop()!
      if (seen[pc] === generation) continue
      seen[pc] = generation
      const inst = prog[pc]!
      switch (inst.op) {
        case 'match':
          return true
        case 'jmp':
          stack.push(inst.to)
          break
        case 'split':
          stack.push(inst.b, inst.a)
          break
        case 'begin':
          if (at === 0) stack.push(inst.next)
          break
        case 'end':
          if (at === n) stack.push(inst.next)
          break
        case 'char':
          list.push(pc)
      }
    }
    return false
  }
  for (let at = 0; ; at++) {
    // Unanchored: a new thread starts at every position, in the same generation as the threads carried over.
    if (add(current, 0, at)) return true
    if (at === n) return false
    generation++
    const next: number[] = []
    const c = cps[at]!
    for (const pc of current) {
      const inst = prog[pc] as { op: 'char'; test: (c: number) => boolean; next: number }
      if (inst.test(c) && add(next, inst.next, at + 1)) return true
    }
    current = next
  }
}
