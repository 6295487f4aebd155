import { describe, expect, test } from '@jest/globals'
import { SignatureBudget } from '../../../src/inspect/signature-budget.js'

const tick = (ms = 0): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

describe('the run-wide signature budget', () => {
  test('what fits is granted at once and given back once, however often release is called', async () => {
    const b = new SignatureBudget(100, 1000)
    const r1 = await b.reserve(60)
    const r2 = await b.reserve(40)
    expect(r1).toBeDefined()
    expect(r2).toBeDefined()
    expect(b.held).toBe(100)
    r1!()
    r1!()
    expect(b.held).toBe(40)
    r2!()
    expect(b.held).toBe(0)
  })

  test.each([
    ['more than the whole budget', 101],
    ['far more', Number.MAX_SAFE_INTEGER]
  ])('%s is refused at once, without waiting', async (_name, bytes) => {
    const b = new SignatureBudget(100, 60_000)
    const started = Date.now()
    expect(await b.reserve(bytes)).toBeUndefined()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(b.held).toBe(0)
  })

  test('nothing and the whole budget are reservations like any other', async () => {
    const b = new SignatureBudget(100, 1000)
    expect(await b.reserve(0)).toBeDefined()
    const all = await b.reserve(100)
    expect(all).toBeDefined()
    all!()
    expect(b.held).toBe(0)
  })

  test('waiting reservations are granted in the order they came, as bytes come back', async () => {
    const b = new SignatureBudget(100, 5000)
    const first = (await b.reserve(90))!
    const order: string[] = []
    const big = b.reserve(80).then(r => (order.push('big'), r))
    const small = b.reserve(10).then(r => (order.push('small'), r))
    await tick()
    // The small one would fit now, but waits behind the big one: first come, first served.
    expect(order).toEqual([])
    first()
    const gotBig = await big
    expect(order).toEqual(['big', 'small'])
    expect(gotBig).toBeDefined()
    expect(await small).toBeDefined()
    expect(b.held).toBe(90)
  })

  test('a wait is bounded: past it the reservation is refused, and the one behind it may go', async () => {
    const b = new SignatureBudget(100, 50)
    const holder = (await b.reserve(60))!
    const started = Date.now()
    const tooBig = b.reserve(50)
    const fits = b.reserve(40)
    expect(await fits).toBeDefined()
    expect(await tooBig).toBeUndefined()
    expect(Date.now() - started).toBeGreaterThanOrEqual(40)
    expect(b.held).toBe(100)
    holder()
  })

  test('many readers at once, each reserving before it reads and giving back after: all are served, never more held than the budget', async () => {
    const b = new SignatureBudget(64, 10_000)
    let most = 0
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const release = await b.reserve(1 + (i % 16))
        if (!release) return false
        most = Math.max(most, b.held)
        await tick(i % 3)
        release()
        return true
      })
    )
    expect(results.every(Boolean)).toBe(true)
    expect(most).toBeLessThanOrEqual(64)
    expect(b.held).toBe(0)
  })
})
