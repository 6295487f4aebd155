import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { formatDuration, humanAge, humanDuration, parseDuration } from '../../../src/policy/duration.js'

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

const Y = 31_557_600 // 365.25 days
const MO = Y / 12 // 30.4375 days

describe('humanDuration: the largest unit and the next one down, as a person reads it', () => {
  test.each<[number, string]>([
    [0, '0s'],
    [0.999, '0s'],
    [1, '1s'],
    [59, '59s'],
    [60, '1m'],
    [61, '1m 1s'],
    [45 * M, '45m'],
    [45 * M + 20, '45m 20s'],
    [H - 1, '59m 59s'],
    [H, '1h'],
    [H + 59, '1h'],
    [H + M, '1h 1m'],
    [D - 1, '23h 59m'],
    [D, '1d'],
    [3 * D + 4 * H, '3d 4h'],
    [3 * D + 4 * H + 59 * M + 59, '3d 4h'],
    [30 * D, '30d'],
    [30 * D + 10 * H, '30d 10h'],
    [MO - 1, '30d 10h'],
    [MO, '1mo'],
    [MO + D, '1mo 1d'],
    [2 * MO + 15 * D, '2mo 15d'],
    [Y - 1, '11mo 30d'],
    [365 * D, '11mo 30d'],
    [Y, '1y'],
    [Y + MO - 1, '1y'],
    [5 * Y + 9 * MO, '5y 9mo'],
    [5 * Y + 9 * MO + 20 * D, '5y 9mo'],
    [2096 * D + 13 * H + 37 * M + 20, '5y 8mo'],
    [100 * Y, '100y'],
    [-1, '-1s'],
    [-(3 * D + 4 * H), '-3d 4h'],
    [Infinity, 'forever'],
    [-Infinity, '-forever']
  ])('%d s → %j', (seconds, text) => {
    expect(humanDuration(seconds)).toBe(text)
  })
})

describe('humanAge: how long ago, from now', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  test.each<[string, string]>([
    ['2026-01-01T00:00:00Z', 'just now'],
    ['2025-12-31T23:59:59.500Z', 'just now'],
    ['2025-12-31T23:59:59Z', '1s ago'],
    ['2025-12-28T20:00:00Z', '3d 4h ago'],
    ['2025-12-31T23:15:00Z', '45m ago'],
    ['2020-03-18T00:00:00Z', '5y 9mo ago'],
    ['2026-01-01T02:00:00Z', 'in 2h'],
    ['2027-01-01T06:00:00Z', 'in 1y'],
    ['1970-01-01T00:00:00Z', '56y ago']
  ])('%s → %j', (at, text) => {
    expect(humanAge(Date.parse(at), now)).toBe(text)
  })

  test('a time that is no time', () => {
    expect(humanAge(NaN, now)).toBe('at an unknown time')
  })
})
