import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { formatDuration, parseDuration } from '../../../src/policy/duration.js'

const M = 60
const H = 3600
const D = 86_400
const W = 7 * D

describe('parseDuration', () => {
  test.each([
    ['30d', 30 * D],
    ['12h', 12 * H],
    ['1w2d', W + 2 * D],
    ['2d1w', W + 2 * D],
    ['90s', 90],
    ['45m', 45 * M],
    ['1w1d1h1m1s', W + D + H + M + 1],
    ['1s', 1],
    ['0d1s', 1],
    ['007d', 7 * D],
    [' 30d ', 30 * D],
    ['36500d', 36_500 * D],
    ['5200w', 5200 * W]
  ])('%j = %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds)
  })

  test.each([
    ['', 'write a number and a unit'],
    ['   ', 'write a number and a unit'],
    ['30', 'write a number and a unit'],
    ['d', 'write a number and a unit'],
    ['1.5d', 'write a number and a unit'],
    ['-1d', 'write a number and a unit'],
    ['+1d', 'write a number and a unit'],
    ['1y', 'write a number and a unit'],
    ['1ms', 'write a number and a unit'],
    ['30 d', 'write a number and a unit'],
    ['1d 2h', 'write a number and a unit'],
    ['P30D', 'write a number and a unit'],
    ['1d1d', 'appears twice'],
    ['1h2d3h', 'appears twice'],
    ['0d', 'longer than zero'],
    ['0s0m', 'longer than zero'],
    ['36501d', 'longer than 100 years'],
    ['5300w', 'longer than 100 years'],
    ['99999999999999999999999d', 'longer than 100 years'],
    [`${'9'.repeat(400)}s`, 'longer than 100 years']
  ])('%j is rejected: %s', (text, phrase) => {
    expect(() => parseDuration(text)).toThrow(phrase)
    expect(() => parseDuration(text)).toThrow(`"${text}" is not a duration`)
  })
})

describe('formatDuration', () => {
  test.each([
    [90_061, '1d1h1m1s'],
    [0, '0s'],
    [-5, '0s'],
    [1, '1s'],
    [59.9, '59s'],
    [60, '1m'],
    [H, '1h'],
    [D, '1d'],
    [W, '7d'],
    [30 * D + 5, '30d5s'],
    [2 * H + 30, '2h30s']
  ])('%d → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text)
  })

  test('parseDuration(formatDuration(n)) = n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 * 365 * D }), n => {
        expect(parseDuration(formatDuration(n))).toBe(n)
      }),
      { numRuns: 300 }
    )
  })
})
