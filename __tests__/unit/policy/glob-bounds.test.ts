import { describe, expect, test } from '@jest/globals'
import {
  GLOB_MAX_EXPANSIONS,
  GLOB_MAX_LENGTH,
  GlobError,
  braceExpansions,
  globMatch,
  globProblem
} from '../../../src/core/glob.js'

describe('brace expansion is counted, not done', () => {
  test.each<[string, number]>([
    ['plain', 1],
    ['{a,b}', 2],
    ['{a,b}{c,d}', 4],
    ['{a,{b,c}}', 3],
    ['{a,b,c}-{x,y}', 6],
    ['x{1..20}', 20],
    ['x{a..e}', 5],
    ['{10..1}', 10],
    ['\\{a,b\\}', 1],
    ['{a,b', 2],
    ['a,b}', 1],
    ['{}', 1],
    ['{a,b}'.repeat(20), 2 ** 20],
    ['{a,b}'.repeat(60), 1e12]
  ])('%s expands to %d', (pattern, n) => {
    expect(braceExpansions(pattern)).toBe(n)
  })
})

describe('patterns past the bounds are refused with the limit', () => {
  test('twenty {a,b} groups: refused in well under a millisecond per check, without expanding', () => {
    const pattern = `ghcr.io/${'{a,b}'.repeat(20)}`
    const started = process.hrtime.bigint()
    for (let i = 0; i < 1000; i++) globProblem(pattern)
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500)
    expect(globProblem(pattern)).toBe(
      `its braces expand to ${2 ** 20} patterns, over the limit of ${GLOB_MAX_EXPANSIONS}`
    )
    expect(() => globMatch(pattern, 'ghcr.io/a')).toThrow(GlobError)
  })

  test('a 1 MB pattern is refused by its length, before minimatch sees it', () => {
    const pattern = `*${'a'.repeat(1 << 20)}`
    expect(globProblem(pattern)).toBe(
      `the pattern is ${pattern.length} characters long, over the limit of ${GLOB_MAX_LENGTH}`
    )
    expect(() => globMatch(pattern, 'a')).toThrow(/glob "\*a{79}…": the pattern is 1048577 characters long/)
  })

  test.each([
    ['ghcr.io/acme/*'],
    ['{ghcr.io,quay.io}'],
    ['docker.io/library/{alpine,debian,ubuntu}:*'],
    ['*'.repeat(100)]
  ])('%s is fine', pattern => {
    expect(globProblem(pattern)).toBeUndefined()
  })

  test('a compiled pattern is reused: matching many values costs one compile', () => {
    const pattern = 'ghcr.io/{a,b,c,d,e,f,g,h}/{x,y,z}/**'
    const started = process.hrtime.bigint()
    let n = 0
    for (let i = 0; i < 20_000; i++) if (globMatch(pattern, `ghcr.io/c/y/${i}`)) n++
    expect(n).toBe(20_000)
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000)
  })
})
