/**
 * CEL conditions on what attestations say: compiled when the policy is loaded (a policy error names the line),
 * evaluated by the attestations rule over each verified statement of the type. This module carries the CEL library:
 * it is loaded only when a policy has a condition (src/policy/loader.ts `compileConditions`).
 *
 * Bounds (docs/architecture.md, Bounds): the policy chooses the expression, a hostile attestation the predicate.
 * - The expression: at most 4 KiB, 200 nodes, nested 24 deep, comprehensions (all, exists, exists_one, map, filter)
 *   nested at most 2 deep.
 * - The predicate handed to CEL: at most 2,000,000 values, 64 deep and 64 MiB of strings (an SBOM's bound); past them
 *   the condition is not evaluated and the statement does not satisfy it.
 * - The work of one evaluation: the library has no cost limit, so the data it reads is metered: every field, element
 *   or key list read costs one, a string one more per 64 characters; past 2 million the evaluation is stopped and
 *   the statement does not satisfy the condition. One condition reads at most 20 million times in a run.
 * - `matches`: the pattern must be a string literal, run by a linear-time engine (src/policy/regex.ts), never by a
 *   backtracking one: the text is the attacker's.
 */
import { Environment } from '@marcbachmann/cel-js'
import type { ASTNode } from '@marcbachmann/cel-js'
import { compileRegex, RegexError, type Regex } from './regex.js'
import type { ConditionCheck, ConditionInput } from './types.js'

export const MAX_CONDITION_BYTES = 4096
const MAX_NODES = 200
const MAX_DEPTH = 24
const MAX_COMPREHENSION_NESTING = 2
export const MAX_PREDICATE_VALUES = 2_000_000
export const MAX_PREDICATE_DEPTH = 64
export const MAX_PREDICATE_STRING_BYTES = 64 * 1024 * 1024
/** Reads of the data one evaluation may make (src/policy/condition.ts `metered`): about a second of work. */
export const MAX_EVALUATION_WORK = 2_000_000
/** Reads one condition may make over a whole run, every image and statement together: about ten seconds. */
export const MAX_RUN_WORK = 20_000_000
/** `matches` over a text longer than this is an error (the work is the text's length times the pattern's size). */
const MAX_MATCH_WORK = 20_000_000

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter'])
/** The name `matches` calls are rewritten to: a function of this module, run by the linear-time engine. */
const SAFE_MATCHES = 'matches_re2_'

/** The library's options: CEL's mixed list and map literals (`[1, 'a']`), and the bounds of an expression. */
export const CEL_OPTIONS = {
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: MAX_NODES, maxDepth: MAX_DEPTH, maxListElements: 100, maxMapEntries: 100 }
}

let base: Environment | undefined
function environment(): Environment {
  base ??= new Environment(CEL_OPTIONS)
    .registerVariable('predicate', 'dyn')
    .registerVariable('predicateType', 'string')
    .registerVariable('subject', 'list')
    .registerVariable('signer', 'map')
    .registerVariable('image', 'map')
  return base
}

/** The first line of a library error (its later lines draw the expression with a caret), at most 300 characters. */
function firstLine(e: unknown): string {
  const line = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim()
  return line.length > 300 ? `${line.slice(0, 300)}…` : line
}

interface Walk {
  nesting: number
  /** `text.matches("pattern")` calls: where the text ends, where the pattern's literal is, the pattern. */
  matches: Array<{ after: number; literal: { start: number; end: number }; pattern: string }>
  problems: string[]
}

function isNode(x: unknown): x is ASTNode {
  return typeof x === 'object' && x !== null && 'op' in x && 'range' in x
}

/** Finds the comprehension nesting and every `matches` call. */
function walk(n: unknown, w: Walk, nesting: number): void {
  if (Array.isArray(n)) {
    for (const x of n) walk(x, w, nesting)
    return
  }
  if (!isNode(n)) return
  let inner = nesting
  if (n.op === 'rcall' || n.op === 'call') {
    const [name] = n.args as [string, ...unknown[]]
    if (n.op === 'rcall' && COMPREHENSIONS.has(name)) inner = nesting + 1
    w.nesting = Math.max(w.nesting, inner)
    if (name === 'matches' && n.op === 'rcall') {
      const text = n.args[1] as ASTNode
      const pattern = (n.args[2] as ASTNode[])[0]
      if (pattern?.op !== 'value' || typeof pattern.args !== 'string')
        w.problems.push(
          'the pattern of matches must be a string literal: a pattern read from the attestation could be anything'
        )
      else w.matches.push({ after: text.range.end, literal: pattern.range, pattern: pattern.args })
    }
  }
  const args = (n as { args: unknown }).args
  if (Array.isArray(args)) walk(args, w, inner)
  else if (isNode(args)) walk(args, w, inner)
  else if (args && typeof args === 'object') walk(Object.values(args), w, inner)
}

/**
 * Where the name `matches` is, between the end of its text and its pattern: past closing parentheses, blanks,
 * comments and the dot. Undefined when what is there is anything else.
 */
function methodName(source: string, from: number, to: number): number | undefined {
  // Comments end at a line's end, so that each character can be read one way only: no backtracking.
  const gap = String.raw`(?:\s|\/\/[^\n]*\n)*`
  const m = new RegExp(String.raw`^((?:[\s)]|\/\/[^\n]*\n)*\.${gap})matches${gap}\(${gap}$`).exec(
    source.slice(from, to)
  )
  return m ? from + m[1]!.length : undefined
}

/** A condition, compiled: its check; or a string saying why the policy cannot have it. */
export function compileCondition(expression: string): ConditionCheck | string {
  const bytes = Buffer.byteLength(expression)
  if (bytes > MAX_CONDITION_BYTES)
    return `the condition is ${bytes} bytes, over the limit of ${MAX_CONDITION_BYTES / 1024} KiB`
  const env = environment()
  let parsed
  try {
    parsed = env.parse(expression)
  } catch (e) {
    return `not valid CEL: ${firstLine(e)}`
  }
  const typed = parsed.check()
  if (!typed.valid) return `not valid CEL: ${firstLine(typed.error)}`
  if (typed.type !== 'bool' && typed.type !== 'dyn') return `it returns ${typed.type}, not bool`
  const w: Walk = { nesting: 0, matches: [], problems: [] }
  walk(parsed.ast, w, 0)
  if (w.nesting > MAX_COMPREHENSION_NESTING)
    w.problems.push(`comprehensions are nested ${w.nesting} deep, over the limit of ${MAX_COMPREHENSION_NESTING}`)
  const regexes: Regex[] = []
  for (const m of w.matches) {
    try {
      regexes.push(compileRegex(m.pattern))
    } catch (e) {
      if (!(e instanceof RegexError)) throw e
      w.problems.push(`the pattern of matches cannot be used: ${e.message}`)
    }
  }
  if (w.problems.length > 0) return w.problems.join('; ')
  let run = parsed
  if (w.matches.length > 0) {
    // Every `text.matches("pattern")` becomes `text.matches_re2_(k)`, run by the linear-time engine: the name and
    // the literal are replaced where they are written, so the text's own parentheses and comments stay as they were.
    const edits: Array<{ start: number; end: number; text: string }> = []
    for (const [k, m] of w.matches.entries()) {
      const name = methodName(expression, m.after, m.literal.start)
      if (name === undefined) return 'a matches call could not be read: write it as text.matches("pattern")'
      edits.push({ start: name, end: name + 'matches'.length, text: SAFE_MATCHES })
      edits.push({ start: m.literal.start, end: m.literal.end, text: String(k) })
    }
    let source = expression
    for (const e of edits.sort((a, b) => b.start - a.start))
      source = `${source.slice(0, e.start)}${e.text}${source.slice(e.end)}`
    const own = env.clone().registerFunction(`string.${SAFE_MATCHES}(int): bool`, (text: string, k: bigint) => {
      const re = regexes[Number(k)]!
      const work = text.length * re.size
      if (work > MAX_MATCH_WORK)
        throw new Error(`matches over a text of ${text.length} characters is past the bound of its work`)
      // The engine steps every state for every character: charged to the evaluation's meter like reads.
      running?.charge(Math.ceil(work / 16))
      return re.test(text)
    })
    try {
      run = own.parse(source)
    } catch (e) {
      return `not valid CEL: ${firstLine(e)}`
    }
  }
  // Every image and statement of a run is judged by the same compiled condition: its work over the run is bounded too.
  const spent = { reads: 0 }
  return input => evaluate(run, input, spent)
}

/** The predicate's size past a bound, in words; undefined within them. Walked without recursion. */
export function predicateProblem(predicate: unknown): string | undefined {
  let values = 0
  let strings = 0
  const stack: Array<[unknown, number]> = [[predicate, 1]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (++values > MAX_PREDICATE_VALUES) return `the predicate has over ${MAX_PREDICATE_VALUES} values`
    if (depth > MAX_PREDICATE_DEPTH) return `the predicate is nested over ${MAX_PREDICATE_DEPTH} deep`
    if (typeof v === 'string') {
      strings += v.length
      if (strings > MAX_PREDICATE_STRING_BYTES)
        return `the predicate's strings are over ${MAX_PREDICATE_STRING_BYTES / 1024 / 1024} MiB`
    } else if (Array.isArray(v)) for (const x of v) stack.push([x, depth + 1])
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) stack.push([x, depth + 1])
  }
  return undefined
}

/** Thrown from inside an evaluation whose work ran past its bound. */
class WorkBound extends Error {}

/** The meter of the evaluation that is running (evaluations are synchronous: one at a time). */
let running: { charge: (units: number) => void } | undefined

function charge(budget: { left: number }, units: number): void {
  budget.left -= units
  if (budget.left < 0) throw new WorkBound('past the bound of its work')
}

/**
 * The data a condition reads, behind a meter: every read of a field, an element or a list of keys costs one, and a
 * string costs one more per 64 characters (what scanning it costs). Past the budget every read throws, and the
 * evaluation's result is not used, whatever the library made of the error.
 */
function metered(data: Record<string, unknown>, budget: { left: number }): Record<string, unknown> {
  const proxies = new WeakMap<object, object>()
  const wrap = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v
    let p = proxies.get(v)
    if (!p) {
      p = new Proxy(v, handler)
      proxies.set(v, p)
    }
    return p
  }
  const handler: ProxyHandler<object> = {
    get(target, key) {
      const v: unknown = Reflect.get(target, key)
      charge(budget, 1 + (typeof v === 'string' ? v.length >> 6 : 0))
      return wrap(v)
    },
    ownKeys(target) {
      const keys = Reflect.ownKeys(target)
      charge(budget, 1 + keys.length)
      return keys
    }
  }
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, wrap(v)]))
}

/** What one evaluation gave, in words; undefined when it is true. */
function evaluate(
  run: (ctx: Record<string, unknown>) => unknown,
  input: ConditionInput,
  spent: { reads: number }
): string | undefined {
  const size = predicateProblem({ p: input.predicate, s: input.subject })
  if (size) return `it was not evaluated: ${size}`
  const allowed = Math.min(MAX_EVALUATION_WORK, MAX_RUN_WORK - spent.reads)
  if (allowed <= 0) return `it was not evaluated: the condition has read ${MAX_RUN_WORK} times in this run, its bound`
  const budget = { left: allowed }
  let result: unknown
  let failure: string | undefined
  try {
    running = { charge: units => charge(budget, units) }
    result = run(metered({ ...input }, budget))
  } catch (e) {
    failure = `it failed: ${firstLine(e)}`
  } finally {
    running = undefined
  }
  // Whatever the library made of the meter's error (a failed has() could read as false), the work was cut short.
  spent.reads += allowed - Math.max(0, budget.left)
  if (budget.left < 0) return `it was stopped: it read past the bound of its work (${allowed} reads)`
  if (failure) return failure
  if (result === true) return undefined
  if (result === false) return 'it is false'
  return `it returned ${describe(result)}, not a bool`
}

function describe(v: unknown): string {
  if (typeof v === 'bigint') return `the int ${v}`
  if (typeof v === 'string') return `a string`
  if (typeof v === 'number') return `the double ${v}`
  if (v === null) return 'null'
  if (Array.isArray(v)) return `a list`
  return `a ${typeof v}`
}
