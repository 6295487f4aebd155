import { expect, test } from '@jest/globals'
import { TOKEN_HEADER_BUDGET, batchScopes, estimateTokenHeader, pullScope } from '../../../src/registry/auth.js'

const scopes = (n: number, length: number): string[] =>
  Array.from({ length: n }, (_, i) =>
    pullScope(`r${String(i).padStart(3, '0')}/${'x'.repeat(Math.max(length - 5, 1))}`)
  )

test.each([
  // [what, candidates, expected batch size]
  ['short names: 46 per token', scopes(60, 10), 46],
  ['200-character names: the size bound', scopes(60, 200), 11],
  ['1,000-character names: a few at a time', scopes(60, 1000), 2],
  ['a name too long for any batch: alone', scopes(3, 5000), 1],
  ['nothing else expected: alone', [], 1]
])('%s', (_what, candidates, size) => {
  const first = candidates[0] ?? pullScope('only/one')
  const batch = batchScopes(first, candidates)
  expect(batch).toHaveLength(size)
  expect(batch[0]).toBe(first)
  expect(new Set(batch).size).toBe(batch.length)
  if (batch.length > 1) expect(estimateTokenHeader(batch)).toBeLessThanOrEqual(TOKEN_HEADER_BUDGET)
})

test('a long name is skipped, shorter ones after it still fit', () => {
  const long = pullScope(`a/${'y'.repeat(5000)}`)
  const short = scopes(3, 20)
  expect(batchScopes(short[0]!, [long, ...short])).toEqual(short)
})

test('the estimate grows with the names: each scope costs at least its base64 length', () => {
  const one = scopes(1, 200)
  expect(estimateTokenHeader(one) - estimateTokenHeader([])).toBeGreaterThanOrEqual(Math.ceil((one[0]!.length * 4) / 3))
})

test('the count bound holds too', () => {
  expect(batchScopes(scopes(1, 10)[0]!, scopes(60, 10), 10)).toHaveLength(10)
})
