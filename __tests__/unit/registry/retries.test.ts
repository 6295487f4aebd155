import { describe, expect, test } from '@jest/globals'
import { silentLogger } from '../../../src/core/logger.js'
import { RegistryError } from '../../../src/registry/errors.js'
import { Limiter } from '../../../src/registry/limits.js'
import {
  STALL_LIMIT,
  attemptTimeout,
  chainTimeout,
  countTimeout,
  endedWithoutAnswer,
  type Stalls
} from '../../../src/registry/retries.js'
import { DEFAULT_TRANSPORT } from '../../../src/registry/transport.js'

const timeout = (message: string): RegistryError => new RegistryError('timeout', message, { host: 'r.example' })

describe('countTimeout: a registry is given up on at its second timeout', () => {
  test.each<[string, string, string]>([
    [
      'a message naming the registry: the name is not repeated',
      'r.example: no complete answer within 30 s for GET /v2/a/manifests/1',
      'no complete answer within 30 s for GET /v2/a/manifests/1'
    ],
    [
      'a message naming another host: kept whole',
      'auth.example: the connection timed out (https://auth.example)',
      'auth.example: the connection timed out (https://auth.example)'
    ],
    [
      'the registry as a prefix of a longer name: kept whole',
      'r.example.evil: the connection timed out',
      'r.example.evil: the connection timed out'
    ]
  ])('%s', (_, first, told) => {
    expect(STALL_LIMIT).toBe(2)
    const stalls: Stalls = { timeouts: 0, firstTimeout: undefined }
    expect(countTimeout(stalls, 'r.example', timeout(first))).toBeUndefined()
    expect(stalls).toEqual({ timeouts: 1, firstTimeout: told })
    const error = countTimeout(stalls, 'r.example', timeout('r.example: the second one'))
    expect(error).toBeInstanceOf(RegistryError)
    expect(error).toMatchObject({
      kind: 'timeout',
      host: 'r.example',
      message: `r.example: given up on after 2 requests timed out (the first: ${told}); its requests still waiting were ended and the rest of this run's were not sent`
    })
    expect(stalls.firstTimeout).toBe(told)
  })
})

describe('timeouts name what ran out', () => {
  const opts = { ...DEFAULT_TRANSPORT, timeoutMs: 30_000, retryBudgetMs: 20_000, logger: silentLogger }
  const req = { method: 'GET' as const, url: 'https://r.example/v2/a/manifests/1', maxBytes: 1 }
  const url = new URL(req.url)
  test.each<[string, number, string]>([
    ['a whole attempt', 30_000, 'r.example: no complete answer within 30 s for GET /v2/a/manifests/1'],
    [
      'an attempt cut short by the chain',
      5_000,
      'r.example: no complete answer within 50 s for GET /v2/a/manifests/1, redirects and retries included'
    ]
  ])('%s', (_, budget, message) => {
    expect(attemptTimeout(opts, req, url, 'r.example', budget)).toMatchObject({
      kind: 'timeout',
      host: 'r.example',
      message
    })
  })
  test('the chain', () => {
    expect(chainTimeout(opts, req, url, 'r.example').message).toBe(
      'r.example: no complete answer within 50 s for GET /v2/a/manifests/1, redirects and retries included'
    )
  })
})

describe('Limiter: one limit per key', () => {
  test('a key at its limit holds its own requests only', async () => {
    const limiter = new Limiter(1)
    let release!: () => void
    const held = new Promise<void>(r => (release = r))
    const order: string[] = []
    const a1 = limiter.run('a', async () => {
      order.push('a1')
      await held
    })
    const a2 = limiter.run('a', async () => void order.push('a2'))
    await limiter.run('b', async () => void order.push('b1'))
    expect(order).toEqual(['a1', 'b1'])
    release()
    await Promise.all([a1, a2])
    expect(order).toEqual(['a1', 'b1', 'a2'])
  })
})

describe('endedWithoutAnswer: what a TLS port does with a plain request, and nothing else', () => {
  const cause = (code: string | undefined, message: string): NodeJS.ErrnoException =>
    Object.assign(new Error(message), code ? { code } : {})
  test.each<[string, RegistryError['kind'], string | undefined, string, boolean]>([
    ['reset (a Node TLS server)', 'unreachable', 'ECONNRESET', 'read ECONNRESET', true],
    ['closed while writing', 'unreachable', 'EPIPE', 'write EPIPE', true],
    ['a TLS alert where HTTP was expected', 'unreachable', 'HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/', true],
    ['closed with no answer', 'unreachable', 'ECONNRESET', 'socket hang up', true],
    ['closed with no code', 'unreachable', undefined, 'socket hang up', true],
    ['nothing listens: not a TLS port', 'unreachable', 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5000', false],
    ['a name that does not resolve', 'unreachable', 'ENOTFOUND', 'getaddrinfo ENOTFOUND', false],
    ['a refused address', 'unreachable', 'EFORBIDDENADDRESS', 'a link-local address: refused', false],
    ['a timeout, even with a reset under it', 'timeout', 'ECONNRESET', 'socket hang up', false],
    ['a TLS error', 'tls', 'ECONNRESET', 'socket hang up', false]
  ])('%s', (_, kind, code, message, expected) => {
    const e = new RegistryError(kind, `127.0.0.1:5000: ${message}`, {
      host: '127.0.0.1:5000',
      cause: cause(code, message)
    })
    expect(endedWithoutAnswer(e)).toBe(expected)
  })
  test('an error with no cause did not end a connection', () => {
    expect(endedWithoutAnswer(new RegistryError('unreachable', 'x', { host: 'h' }))).toBe(false)
  })
})
