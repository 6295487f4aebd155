import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { FileLimitError } from '../../../src/files/types.js'
import {
  EXPANSION_LIMITS,
  interpolateCompose,
  listVariables,
  processDockerfileWord
} from '../../../src/files/substitute.js'

const VARS: Record<string, string> = { TAG: '3.20', EMPTY: '', REG: 'ghcr.io', NAME: 'app' }
const lookup = (name: string): string | undefined => VARS[name]

type Row = [word: string, value: string, unresolved: string[], unsupported?: string[]]

describe('processDockerfileWord (BuildKit shell lexer)', () => {
  test.each<Row>([
    ['alpine:3.20', 'alpine:3.20', []],
    ['alpine:$TAG', 'alpine:3.20', []],
    ['alpine:${TAG}', 'alpine:3.20', []],
    ['${REG}/${NAME}:${TAG}', 'ghcr.io/app:3.20', []],
    ['alpine:${MISSING:-edge}', 'alpine:edge', []],
    ['alpine:${EMPTY:-edge}', 'alpine:edge', []],
    ['alpine${EMPTY-:unused}', 'alpine', []],
    ['alpine:${MISSING-edge}', 'alpine:edge', []],
    ['python:3.12${TAG:+-slim}', 'python:3.12-slim', []],
    ['python:3.12${EMPTY:+-slim}', 'python:3.12', []],
    ['python:3.12${MISSING:+-slim}', 'python:3.12', ['MISSING']],
    ['${MISSING:-${REG}/default}:1', 'ghcr.io/default:1', []],
    ['${MISSING:-${ALSO_MISSING}}', '', ['ALSO_MISSING']],
    ['alpine:$MISSING', 'alpine:', ['MISSING']],
    ['${A}/${B}', '/', ['A', 'B']],
    ['${TAG:?required}', '3.20', []],
    ['${MISSING:?required}', '', ['MISSING']],
    ['${TAG#3.}', '${TAG#3.}', [], ['${TAG#3.}']],
    ['${TAG#3.}x', '${TAG#3.}x', [], ['${TAG#3.}']],
    ['${TAG%%.*}', '${TAG%%.*}', [], ['${TAG%%.*}']],
    ['${TAG//./-}', '${TAG//./-}', [], ['${TAG//./-}']],
    ['"quoted:$TAG"', 'quoted:3.20', []],
    ["'single:$TAG'", 'single:$TAG', []],
    ['escaped:\\$TAG', 'escaped:$TAG', []],
    ['cost:$5', 'cost:', []],
    ['${MISSING:+${ALSO}}', '', ['MISSING']],
    ['${TAG:+${ALSO}}', '', ['ALSO']],
    ['${MISSING:?x}', '', ['MISSING']],
    ['trailing$', 'trailing$', []]
  ])('%s → %j', (word, value, unresolved, unsupported = []) => {
    expect(processDockerfileWord(word, lookup)).toEqual({ value, unresolved, unsupported })
  })

  test.each<[string, string]>([
    ['${TAG', "missing '}'"],
    ['${}', 'bad substitution'],
    ['"open', 'double quote'],
    ["'open", 'single quote'],
    ['${EMPTY:?must be set}', 'EMPTY: must be set'],
    ['${TAG:=x}', 'unsupported modifier (:=)']
  ])('%s is refused as BuildKit refuses it', (word, error) => {
    expect(processDockerfileWord(word, lookup).error).toContain(error)
  })

  test('the escape directive changes the escape character', () => {
    expect(processDockerfileWord('a`$TAG', lookup, '`').value).toBe('a$TAG')
    expect(processDockerfileWord('C:\\$TAG', lookup, '`').value).toBe('C:\\3.20')
  })
})

describe('interpolateCompose', () => {
  test.each<Row>([
    ['nginx:1.27', 'nginx:1.27', []],
    ['nginx:${MISSING:-1.27}', 'nginx:1.27', []],
    ['nginx:${MISSING-1.27}', 'nginx:1.27', []],
    ['nginx:$MISSING', 'nginx:', ['MISSING']],
    ['nginx:${MISSING}', 'nginx:', ['MISSING']],
    ['nginx:${MISSING:?set it}', 'nginx:', ['MISSING']],
    ['price$$:1', 'price$:1', []],
    ['$${MISSING}', '${MISSING}', []],
    ["'kept'", "'kept'", []]
  ])('%s → %j', (text, value, unresolved, unsupported = []) => {
    expect(interpolateCompose(text, () => undefined)).toEqual({ value, unresolved, unsupported })
  })
})

test.each<[string[], string]>([
  [[], ''],
  [['A'], '$A'],
  [['A', 'B'], '$A and $B'],
  [['A', 'B', 'C'], '$A, $B and $C']
])('listVariables(%j) = %j', (names, text) => {
  expect(listVariables(names)).toBe(text)
})

/**
 * BuildKit's own table for its shell lexer, moby/buildkit frontend/dockerfile/shell/envVarTest, ported as data
 * (__tests__/fixtures/peers/buildkit-envVarTest.json): every row for all platforms and for Unix. A variable the
 * table leaves unset is known to be unset here (the lookup answers null); "error" rows must be refused.
 * image-gate differs from BuildKit in one way: `${A#x}`, `${A%x}`, `${A/x/y}` are not evaluated (unsupported),
 * and no row of this table uses them.
 */
describe('BuildKit envVarTest', () => {
  const table = JSON.parse(
    readFileSync(new URL('../../fixtures/peers/buildkit-envVarTest.json', import.meta.url), 'utf8')
  ) as { rows: Array<[string, string]> }
  const env: Record<string, string> = { PWD: '/home', SHELL: 'bash', KOREAN: '한국어', NULL: '' }
  test('the table is all there', () => expect(table.rows.length).toBeGreaterThan(200))
  test.each(table.rows)('%s → %s', (source, expected) => {
    const e = processDockerfileWord(source, name => env[name] ?? null)
    if (expected === 'error') expect(e.error).toBeDefined()
    else expect([e.error, e.value, e.unresolved, e.unsupported]).toEqual([undefined, expected, [], []])
  })
})

describe('bounded expansion', () => {
  test('values that double each other stop at the length limit with a clear error', () => {
    const vars: Record<string, string> = { A0: 'x'.repeat(1024) }
    for (let i = 1; i < 40; i++)
      vars[`A${i}`] =
        vars[`A${i - 1}`]!.length > EXPANSION_LIMITS.length
          ? vars[`A${i - 1}`]!
          : vars[`A${i - 1}`]! + vars[`A${i - 1}`]!
    expect(() => processDockerfileWord('$A6$A6', n => vars[n])).toThrow(FileLimitError)
    expect(() => processDockerfileWord('$A6$A6', n => vars[n])).toThrow(`past ${EXPANSION_LIMITS.length} characters`)
    expect(() => interpolateCompose('${A6}${A6}', n => vars[n])).toThrow(FileLimitError)
  })

  test.each([
    ['Dockerfile', (w: string) => processDockerfileWord(w, () => undefined)],
    ['Compose', (w: string) => interpolateCompose(w, () => undefined)]
  ])('%s: nesting past the depth limit is a clear error, not a stack overflow', (_kind, expand) => {
    const deep = '${A:-'.repeat(100_000) + 'x' + '}'.repeat(100_000)
    expect(() => expand(deep)).toThrow(`deeper than ${EXPANSION_LIMITS.depth} levels`)
    const ok = '${A:-'.repeat(EXPANSION_LIMITS.depth) + 'x' + '}'.repeat(EXPANSION_LIMITS.depth)
    expect(expand(ok).value).toBe('x')
  })
})
