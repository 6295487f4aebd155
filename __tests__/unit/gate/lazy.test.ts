import { describe, expect, test } from '@jest/globals'
import { HEAVY, lazy, preload } from '../../../src/gate/lazy.js'

describe('lazy: one import per run, on first need', () => {
  test('nothing is loaded until the first call; every call shares that one load', async () => {
    let loads = 0
    const load = lazy(async () => ({ n: ++loads }))
    expect(loads).toBe(0)
    const [a, b] = await Promise.all([load(), load()])
    expect(a).toBe(b)
    expect(await load()).toBe(a)
    expect(loads).toBe(1)
  })

  test('a load that failed is tried again on the next call, and its error reaches the caller', async () => {
    let loads = 0
    const load = lazy(async () => {
      if (++loads === 1) throw new Error('chunk missing')
      return loads
    })
    await expect(load()).rejects.toThrow('chunk missing')
    expect(await load()).toBe(2)
    expect(await load()).toBe(2)
  })

  test('preload starts the module a need asks for; its user awaits that same module', async () => {
    preload({ config: true })
    preload({ config: true, trust: true })
    const verify = await HEAVY.trust()
    expect(typeof verify.verifyBundle).toBe('function')
    expect(await HEAVY.trust()).toBe(verify)
  })
})
