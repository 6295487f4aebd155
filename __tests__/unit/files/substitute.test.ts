import { describe, expect, test } from '@jest/globals'
import { interpolateCompose, listVariables, processDockerfileWord } from '../../../src/files/substitute.js'

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
    ['${TAG', '${TAG', [], ['${TAG']],
    ['${}', '${}', [], ['${}']],
    ['"quoted:$TAG"', 'quoted:3.20', []],
    ["'single:$TAG'", 'single:$TAG', []],
    ['escaped:\\$TAG', 'escaped:$TAG', []],
    ['cost:$5', 'cost:$5', []],
    ['trailing$', 'trailing$', []]
  ])('%s → %j', (word, value, unresolved, unsupported = []) => {
    expect(processDockerfileWord(word, lookup)).toEqual({ value, unresolved, unsupported })
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
