/**
 * Conformance rows of the CEL specification (github.com/google/cel-spec, tests/simple/testdata; converted by
 * scripts/cel-spec-rows.mjs into __tests__/fixtures/cel-spec/rows.json), run two ways: through the CEL library as it
 * is, and through the condition module as a policy uses it (every row that gives a bool, with `matches` run by the
 * linear-time engine). The rows where the library departs from the specification are listed here, each with what
 * it does instead: a new departure, or a departure that is fixed, fails the test.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { Environment } from '@marcbachmann/cel-js'
import { CEL_OPTIONS, compileCondition } from '../../../src/policy/condition.js'
import type { ConditionInput } from '../../../src/policy/types.js'

type Value =
  | { int: string }
  | { uint: string }
  | { double: number | string }
  | { string: string }
  | { bytes: string }
  | { bool: boolean }
  | { null: true }
  | { type: string }
  | { list: Value[] }
  | { map: Array<[Value, Value]> }

interface Row {
  file: string
  section: string
  name: string
  expr: string
  disableCheck?: boolean
  bindings?: Record<string, Value>
  value?: Value
  error?: string
}

const table = JSON.parse(readFileSync('__tests__/fixtures/cel-spec/rows.json', 'utf8')) as {
  source: string
  rows: Row[]
}
const id = (r: Row): string => `${r.file}/${r.section}/${r.name}`

/**
 * Rows where the library departs from the specification, with what it does instead. Most are refusals a condition
 * meets as a failure (fail closed): mixed-type literal comparisons (`1.0 == 1`; a predicate's numbers compare across
 * types, being dyn), bytes ordering, quoted field names, non-bool short-circuits. Those that give another answer:
 * bytes literals of non-ASCII text, mixed numeric `in` and list equality, int/double comparisons past 2^53, and
 * integer overflow on negating or dividing the lowest int. The four `a.b.c` rows bind a variable named `a.b`, which
 * the library does not resolve (qualified identifiers); conditions declare no dotted names.
 */
const LIBRARY_DEPARTS = new Map<string, string>([
  ['basic/self_eval_nonzeroish/self_eval_bytes_escape', 'gave {"bytes":"/w=="}'],
  ['basic/functions/unbound_is_runtime_error', "error: found no matching overload for 'f_unknown(int)'"],
  ['logic/conditional/mixed_type', "error: Ternary branches must have the same type, got 'string' and 'int'"],
  ['logic/AND/short_circuit_type_left', "error: Logical operator requires bool operands, got 'int'"],
  ['logic/AND/short_circuit_type_right', "error: Logical operator requires bool operands, got 'string'"],
  ['logic/OR/short_circuit_type_left', "error: Logical operator requires bool operands, got 'int'"],
  ['logic/OR/short_circuit_type_right', "error: Logical operator requires bool operands, got 'string'"],
  ['comparisons/eq_literal/eq_bytes', 'gave {"bool":false}'],
  ['comparisons/eq_literal/eq_list_mixed_type_numbers', 'gave {"bool":false}'],
  ['comparisons/eq_literal/not_eq_list_length', 'error: no such overload: list<string> == list<int>'],
  ['comparisons/eq_literal/eq_map_mixed_type_numbers', 'gave {"bool":false}'],
  ['comparisons/eq_literal/eq_mixed_types', 'error: no such overload: double == int'],
  ['comparisons/eq_literal/eq_list_elem_mixed_types', 'error: no such overload: list<int> == list<double>'],
  ['comparisons/ne_literal/not_ne_bytes', 'gave {"bool":true}'],
  ['comparisons/ne_literal/ne_mixed_types', 'error: no such overload: uint != int'],
  ['comparisons/lt_literal/lt_bytes', 'error: no such overload: bytes < bytes'],
  ['comparisons/lt_literal/not_lt_bytes_same', 'error: no such overload: bytes < bytes'],
  ['comparisons/lt_literal/not_lt_bytes_width', 'error: no such overload: bytes < bytes'],
  ['comparisons/lt_literal/not_lt_dyn_int_big_lossy_double', 'gave {"bool":true}'],
  ['comparisons/gt_literal/not_gt_double', 'error: Unexpected token: DOT'],
  ['comparisons/gt_literal/gt_bytes_one', 'error: no such overload: bytes > bytes'],
  ['comparisons/gt_literal/gt_bytes_one_to_empty', 'error: no such overload: bytes > bytes'],
  ['comparisons/gt_literal/not_gt_bytes_sorting', 'error: no such overload: bytes > bytes'],
  ['comparisons/gt_literal/not_gt_dyn_big_double_int', 'gave {"bool":true}'],
  ['comparisons/lte_literal/lte_bytes_empty', 'error: no such overload: bytes <= bytes'],
  ['comparisons/lte_literal/not_lte_bytes_length', 'error: no such overload: bytes <= bytes'],
  ['comparisons/lte_literal/lte_dyn_big_double_int', 'gave {"bool":false}'],
  ['comparisons/gte_literal/gte_bytes_to_empty', 'error: no such overload: bytes >= bytes'],
  ['comparisons/gte_literal/not_gte_bytes_empty_to_nonempty', 'error: no such overload: bytes >= bytes'],
  ['comparisons/gte_literal/gte_bytes_samelength', 'error: no such overload: bytes >= bytes'],
  ['comparisons/gte_literal/gte_dyn_int_big_lossy_double', 'gave {"bool":false}'],
  ['comparisons/bound/bytes_gt_left_false', 'error: no such overload: dyn > bytes'],
  ['lists/index/zero_based_uint', 'error: No such key: 0'],
  ['lists/in/uint_in_ints', 'gave {"bool":false}'],
  ['lists/in/uint_in_doubles', 'gave {"bool":false}'],
  ['lists/in/int_in_uints', 'gave {"bool":false}'],
  ['lists/in/double_in_uints', 'gave {"bool":false}'],
  ['macros/all/list_empty', "error: Operator overload 'int > int: bool' overlaps with 'double > int: bool'."],
  ['macros/exists_one/map_one', "error: Variable 'foo' is not of type 'int', got 'string'"],
  ['fields/map_has/has', 'error: has() invalid argument'],
  ['fields/map_has/has_not', 'error: has() invalid argument'],
  ['fields/map_has/has_empty', 'error: has() invalid argument'],
  ['fields/quoted_map_fields/field_access_slash', 'error: Unexpected character: `'],
  ['fields/quoted_map_fields/field_access_dash', 'error: Unexpected character: `'],
  ['fields/quoted_map_fields/field_access_dot', 'error: Unexpected character: `'],
  ['fields/quoted_map_fields/has_field_slash', 'error: Unexpected character: `'],
  ['fields/quoted_map_fields/has_field_dash', 'error: Unexpected character: `'],
  ['fields/quoted_map_fields/has_field_dot', 'error: Unexpected character: `'],
  ['fields/qualified_identifier_resolution/qualified_ident', 'error: Unknown variable: a'], // a variable named a.b
  ['fields/qualified_identifier_resolution/map_field_select', 'error: Unknown variable: a'], // a variable named a.b
  ['fields/qualified_identifier_resolution/qualified_identifier_resolution_unchecked', 'error: Unknown variable: a'], // a variable named a.b
  ['fields/qualified_identifier_resolution/ident_with_longest_prefix_check', 'error: Unknown variable: a'], // a variable named a.b
  ['fields/qualified_identifier_resolution/map_key_float', 'no error: {"int":"5"}'],
  ['fields/qualified_identifier_resolution/map_key_null', 'no error: {"bool":false}'],
  ['fields/qualified_identifier_resolution/map_value_repeat_key', 'no error: {"int":"3"}'],
  ['fields/qualified_identifier_resolution/map_value_repeat_key_heterogeneous', 'no error: {"int":"2"}'],
  ['integer_math/int64_math/int64_min_negate', 'no error: {"int":"9223372036854775808"}'],
  ['integer_math/int64_math/int64_min_negate_div', 'no error: {"int":"9223372036854775808"}']
])

/** Rows the condition module answers otherwise (beside the library's): an unknown variable is a policy error. */
const CONDITION_DEPARTS = new Map<string, string>([
  ['basic/variables/unbound_is_runtime_error', 'refused: not valid CEL: Unknown variable: x']
])

/** A value of the table as the library gives it. */
function toJs(v: Value): unknown {
  if ('int' in v) return BigInt(v.int)
  if ('uint' in v) return { uint: BigInt(v.uint) }
  if ('double' in v) return Number(v.double)
  if ('string' in v) return v.string
  if ('bytes' in v) return new Uint8Array(Buffer.from(v.bytes, 'base64'))
  if ('bool' in v) return v.bool
  if ('null' in v) return null
  if ('type' in v) return { type: v.type }
  if ('list' in v) return v.list.map(toJs)
  return new Map(v.map.map(([k, x]) => [toJs(k), toJs(x)]))
}

/** The library's result in the table's terms, for comparison. */
function normalize(x: unknown): unknown {
  if (typeof x === 'bigint') return { int: String(x) }
  if (typeof x === 'number') return { double: Number.isNaN(x) ? 'NaN' : x }
  if (typeof x === 'string') return { string: x }
  if (typeof x === 'boolean') return { bool: x }
  if (x === null) return { null: true }
  if (x instanceof Uint8Array) return { bytes: Buffer.from(x).toString('base64') }
  if (Array.isArray(x)) return { list: x.map(normalize) }
  if (x instanceof Map) return { map: [...x].map(([k, v]) => [normalize(k), normalize(v)]) }
  if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>
    if (o.constructor?.name === 'UnsignedInt') return { uint: String(o.valueOf?.() ?? o.value) }
    if (o.constructor?.name === 'Type' || 'name' in o) return { type: String(o.name ?? o) }
    return { map: Object.entries(o).map(([k, v]) => [{ string: k }, normalize(v)]) }
  }
  return { unknown: String(x) }
}

function expected(v: Value): unknown {
  if ('double' in v) return { double: v.double === 'NaN' ? 'NaN' : Number(v.double) }
  if ('list' in v) return { list: v.list.map(expected) }
  if ('map' in v) return { map: v.map.map(([k, x]) => [expected(k), expected(x)]) }
  return v
}

/** What the library gives for a row: 'pass', or what it did instead. */
function libraryOutcome(r: Row): string {
  const env = new Environment({ ...CEL_OPTIONS, unlistedVariablesAreDyn: true })
  let got: unknown
  try {
    const bindings = Object.fromEntries(Object.entries(r.bindings ?? {}).map(([k, v]) => [k, toJs(v)]))
    got = env.parse(r.expr)(bindings)
  } catch (e) {
    return r.error !== undefined ? 'pass' : `error: ${(e as Error).message.split('\n')[0]}`
  }
  if (r.error !== undefined)
    return `no error: ${JSON.stringify(normalize(got), (_, x) => (typeof x === 'bigint' ? String(x) : x))}`
  const a = JSON.stringify(normalize(got))
  const b = JSON.stringify(expected(r.value!))
  return a === b ? 'pass' : `gave ${a}`
}

const input: ConditionInput = {
  predicateType: 'https://slsa.dev/provenance/v1',
  predicate: {},
  subject: [],
  signer: { identity: '', issuer: '', key: '' },
  image: { reference: '', digest: '', platform: '' }
}

/** What the condition module gives for a row that yields a bool or an error: 'pass', or what it did instead. */
function conditionOutcome(r: Row): string {
  const compiled = compileCondition(r.expr)
  if (typeof compiled === 'string') return r.error !== undefined ? 'pass' : `refused: ${compiled}`
  const outcome = compiled(input)
  if (r.error !== undefined) return outcome?.startsWith('it failed') ? 'pass' : `gave ${outcome ?? 'true'}`
  const want = (r.value as { bool: boolean }).bool
  if (want && outcome === undefined) return 'pass'
  if (!want && outcome === 'it is false') return 'pass'
  return `gave ${outcome ?? 'true'}`
}

describe(`CEL conformance (${table.source})`, () => {
  test('the table holds the rows it was converted with', () => {
    expect(table.rows.length).toBeGreaterThan(600)
    expect(new Set(table.rows.map(id)).size).toBe(table.rows.length)
  })

  test.each(table.rows.map(r => [id(r), r] as const))('library: %s', (name, r) => {
    expect(libraryOutcome(r)).toBe(LIBRARY_DEPARTS.get(name) ?? 'pass')
  })

  const boolRows = table.rows.filter(
    r => !r.bindings && (r.error !== undefined || (r.value !== undefined && 'bool' in r.value))
  )
  test.each(boolRows.map(r => [id(r), r] as const))('condition: %s', (name, r) => {
    const want = CONDITION_DEPARTS.get(name) ?? (LIBRARY_DEPARTS.has(name) ? undefined : 'pass')
    if (want === undefined) return // the library's departure, listed above
    expect(conditionOutcome(r)).toBe(want)
  })
})
