import { describe, expect, test } from '@jest/globals'
import { Semaphore, formatBytes } from '../../../src/registry/limits.js'
import { parseRetryAfter } from '../../../src/registry/retries.js'

const NOW = Date.UTC(2015, 9, 21, 7, 27, 30) // Wed, 21 Oct 2015 07:27:30 GMT

describe('parseRetryAfter', () => {
  test.each<[string, string | string[] | undefined, number | undefined]>([
    ['delay-seconds', '120', 120_000],
    ['zero seconds', '0', 0],
    ['seconds with white space', ' 5 ', 5_000],
    ['the first of several headers', ['3', '9'], 3_000],
    ['an HTTP-date 30 s ahead', 'Wed, 21 Oct 2015 07:28:00 GMT', 30_000],
    ['an HTTP-date an hour ahead', 'Wed, 21 Oct 2015 08:27:30 GMT', 3_600_000],
    ['an HTTP-date now', 'Wed, 21 Oct 2015 07:27:30 GMT', 0],
    ['an HTTP-date in the past', 'Wed, 21 Oct 2015 07:00:00 GMT', 0],
    ['an HTTP-date years ago', 'Thu, 01 Jan 1970 00:00:00 GMT', 0],
    ['an RFC 850 date', 'Wednesday, 21-Oct-15 07:28:10 GMT', 40_000],
    ['undefined', undefined, undefined],
    ['empty', '', undefined],
    ['white space', '   ', undefined],
    ['an empty list', [], undefined],
    ['garbage', 'soon', undefined],
    ['a unit', '5s', undefined],
    ['words', 'in 5 minutes', undefined],
    ['hex', '0x10', undefined],
    ['exponent', '1e3', undefined],
    // neither delay-seconds nor an HTTP-date (RFC 9110 §10.2.3): ignored, so that the normal backoff applies
    ['a negative number', '-1', undefined],
    ['a fraction', '1.5', undefined]
  ])('%s: %j → %s', (_name, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected)
  })

  test('an HTTP-date is measured from now', () => {
    const header = 'Wed, 21 Oct 2015 07:28:00 GMT'
    expect(parseRetryAfter(header, NOW - 10_000)).toBe(40_000)
    expect(parseRetryAfter(header, NOW + 10_000)).toBe(20_000)
  })
})

describe('formatBytes', () => {
  test.each([
    [0, '0 bytes'],
    [512, '512 bytes'],
    [1023, '1023 bytes'],
    [1024, '1 KiB'],
    [1536, '1536 bytes'],
    [64 * 1024, '64 KiB'],
    [1 << 20, '1 MiB'],
    [4 * (1 << 20), '4 MiB'],
    [(1 << 20) + 1024, '1025 KiB'],
    [(1 << 20) + 1, '1048577 bytes']
  ])('%d → %s', (n, expected) => {
    expect(formatBytes(n)).toBe(expected)
  })
})

interface Deferred {
  promise: Promise<void>
  resolve: () => void
}
function deferred(): Deferred {
  let resolve!: () => void
  const promise = new Promise<void>(r => (resolve = r))
  return { promise, resolve }
}
const tick = (): Promise<void> => new Promise(r => setImmediate(r))

/** Tasks whose start order and concurrency are recorded, and that finish when told to. */
function harness(): {
  task: (id: number, gate?: Promise<void>) => () => Promise<number>
  started: number[]
  inFlight: () => number
  max: () => number
} {
  const started: number[] = []
  let active = 0
  let max = 0
  return {
    task: (id, gate) => async () => {
      started.push(id)
      active++
      max = Math.max(max, active)
      try {
        await (gate ?? tick())
      } finally {
        active--
      }
      return id
    },
    started,
    inFlight: () => active,
    max: () => max
  }
}

describe('Semaphore', () => {
  test.each([1, 2, 3, 8])('never more than %d in flight, and tasks start in order', async n => {
    const sem = new Semaphore(n)
    const h = harness()
    const gates = Array.from({ length: 20 }, () => deferred())
    const results = gates.map((g, i) => sem.run(h.task(i, g.promise)))
    await tick()
    expect(h.started).toEqual(Array.from({ length: n }, (_, i) => i))
    // finish them in a scrambled order, checking the bound at every step
    const order = [...gates.keys()].sort((a, b) => ((a * 7) % 20) - ((b * 7) % 20))
    for (const i of order) {
      gates[i]!.resolve()
      await tick()
      expect(h.inFlight()).toBeLessThanOrEqual(n)
    }
    expect(await Promise.all(results)).toEqual(gates.map((_, i) => i))
    expect(h.max()).toBe(n)
    expect(h.started).toEqual(gates.map((_, i) => i))
  })

  test('a failing task frees its slot and passes its error on', async () => {
    const sem = new Semaphore(1)
    const failing = sem.run(() => Promise.reject(new Error('boom')))
    const next = sem.run(async () => 'next')
    await expect(failing).rejects.toThrow('boom')
    await expect(next).resolves.toBe('next')
  })

  test('a limit below 1 still runs tasks, one at a time', async () => {
    const sem = new Semaphore(0)
    const h = harness()
    await Promise.all([sem.run(h.task(1)), sem.run(h.task(2)), sem.run(h.task(3))])
    expect(h.started).toEqual([1, 2, 3])
    expect(h.max()).toBe(1)
  })

  test('a task submitted while a freed slot is being handed to a waiter does not overtake it', async () => {
    // Task 0 holds the only slot; task 1 waits. When task 0 finishes, a continuation that was queued just before
    // (another request finishing at the same moment) submits task 2. Task 1 was first in line and must get the slot;
    // at no time may two tasks run.
    const sem = new Semaphore(1)
    const h = harness()
    const gate0 = deferred()
    // task 0 hands back its gate itself, so that the semaphore resumes on the very microtask that settles it
    const task0 = (): Promise<void> => {
      h.started.push(0)
      return gate0.promise
    }
    const all: Array<Promise<unknown>> = [sem.run(task0), sem.run(h.task(1))]
    await tick()
    expect(h.started).toEqual([0])
    gate0.resolve()
    const late = Promise.resolve().then(() => {
      all.push(sem.run(h.task(2)))
    })
    await late
    await tick()
    await Promise.all(all)
    expect(h.max()).toBe(1)
    expect(h.started).toEqual([0, 1, 2])
  })

  test('returns what the task returns', async () => {
    const sem = new Semaphore(2)
    await expect(sem.run(async () => ({ ok: true }))).resolves.toEqual({ ok: true })
  })
})

describe('one deadline per request chain', () => {
  test('slow redirect hops share one deadline: the chain ends at timeout + retry budget, not one timeout per hop', async () => {
    const { createServer } = await import('node:http')
    let hops = 0
    const server = createServer((req, res) => {
      hops++
      const n = Number(/\/hop\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0)
      setTimeout(() => res.writeHead(307, { location: `/hop/${n + 1}` }).end(), 250).unref()
    })
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as import('node:net').AddressInfo).port
    const { Transport } = await import('../../../src/registry/transport.js')
    const t = new Transport({ timeoutMs: 400, retryBudgetMs: 300, backoffMs: 10 })
    const started = Date.now()
    try {
      await expect(
        t.request({ method: 'GET', url: `http://127.0.0.1:${port}/hop/0`, maxBytes: 1024 })
      ).rejects.toMatchObject({
        kind: 'timeout',
        message: expect.stringContaining('no complete answer within 0.7 s for GET /hop/') as unknown as string
      })
      const took = Date.now() - started
      expect(took).toBeGreaterThanOrEqual(600)
      expect(took).toBeLessThan(1500)
      expect(hops).toBeLessThanOrEqual(4)
    } finally {
      t.close()
      server.closeAllConnections()
      server.close()
    }
  })

  test('a request abandoned while it waited for its turn is not sent', async () => {
    const { Transport } = await import('../../../src/registry/transport.js')
    const t = new Transport({ concurrency: 1 })
    const gone = new Error('given up')
    await expect(
      t.request({ method: 'GET', url: 'http://127.0.0.1:9/x', maxBytes: 1, abandoned: () => gone })
    ).rejects.toBe(gone)
    expect(t.requestCounts.size).toBe(0)
  })
})

describe('a registry given up on: its requests end at once', () => {
  test('a waiter whose signal aborts leaves the queue with the reason, and never takes a slot', async () => {
    const sem = new Semaphore(1)
    const h = harness()
    const hold = deferred()
    const stop = new AbortController()
    const first = sem.run(h.task(0, hold.promise))
    const waiting = [1, 2, 3].map(i => sem.run(h.task(i), stop.signal))
    const after = sem.run(h.task(4))
    await tick()
    const reason = new Error('given up')
    stop.abort(reason)
    for (const w of waiting) await expect(w).rejects.toBe(reason)
    hold.resolve()
    await expect(first).resolves.toBe(0)
    await expect(after).resolves.toBe(4)
    // The waiters that left took no slot: the task queued behind them ran next, alone.
    expect(h.started).toEqual([0, 4])
    expect(h.max()).toBe(1)
  })

  test('a signal aborted before the request waits refuses it at once', async () => {
    const sem = new Semaphore(1)
    const h = harness()
    const hold = deferred()
    const first = sem.run(h.task(0, hold.promise))
    const reason = new Error('given up')
    await expect(sem.run(h.task(1), AbortSignal.abort(reason))).rejects.toBe(reason)
    hold.resolve()
    await first
    expect(h.started).toEqual([0])
  })

  /** A server that never answers, and counts what reached it. */
  async function stalling(): Promise<{ url: string; requests: () => number; closed: () => number; stop: () => void }> {
    const http = await import('node:http')
    let requests = 0
    let closed = 0
    const server = http.createServer(req => {
      requests++
      req.socket.on('close', () => closed++)
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as import('node:net').AddressInfo).port
    return {
      url: `http://127.0.0.1:${port}`,
      requests: () => requests,
      closed: () => closed,
      stop: () => {
        server.closeAllConnections()
        server.close()
      }
    }
  }

  test('requests in flight end when the signal aborts, not at their deadline; those waiting are never sent', async () => {
    const server = await stalling()
    const { Transport } = await import('../../../src/registry/transport.js')
    const t = new Transport({ timeoutMs: 20_000, retryBudgetMs: 20_000, concurrency: 2 })
    const stop = new AbortController()
    const reason = new Error('given up')
    try {
      const all = Array.from({ length: 6 }, (_, i) =>
        t.request({ method: 'GET', url: `${server.url}/x/${i}`, maxBytes: 1024, limitKey: 'r', signal: stop.signal })
      )
      for (const p of all) p.catch(() => {})
      while (server.requests() < 2) await new Promise(r => setTimeout(r, 10))
      const started = Date.now()
      stop.abort(reason)
      for (const p of all) await expect(p).rejects.toBe(reason)
      expect(Date.now() - started).toBeLessThan(1000)
      expect(server.requests()).toBe(2)
      // Their connections were closed, not left for the server to time out.
      while (server.closed() < 2) await new Promise(r => setTimeout(r, 10))
    } finally {
      t.close()
      server.stop()
    }
  })

  test('each attempt that times out is told as it times out, before the retry and before the next request is sent', async () => {
    const server = await stalling()
    const { Transport } = await import('../../../src/registry/transport.js')
    const t = new Transport({ timeoutMs: 150, retryBudgetMs: 5_000, backoffMs: 10, maxAttempts: 4, concurrency: 1 })
    const stop = new AbortController()
    const told: Array<{ message: string; sent: number }> = []
    const onTimeout = (e: { message: string }): void => {
      told.push({ message: e.message, sent: server.requests() })
      // The second timeout gives the registry up, as the registry client does.
      if (told.length === 2) stop.abort(new Error('given up'))
    }
    try {
      const a = t.request({
        method: 'GET',
        url: `${server.url}/a`,
        maxBytes: 1024,
        limitKey: 'r',
        signal: stop.signal,
        onTimeout
      })
      const b = t.request({
        method: 'GET',
        url: `${server.url}/b`,
        maxBytes: 1024,
        limitKey: 'r',
        signal: stop.signal,
        onTimeout
      })
      await expect(a).rejects.toThrow('given up')
      await expect(b).rejects.toThrow('given up')
      // The first request timed out, was told, retried, timed out again and gave the registry up: the second request,
      // waiting for the only slot, was never sent, and nothing was retried after the give-up.
      expect(told).toEqual([
        {
          message: expect.stringContaining('no complete answer within 0.15 s for GET /a') as unknown as string,
          sent: 1
        },
        {
          message: expect.stringContaining('no complete answer within 0.15 s for GET /a') as unknown as string,
          sent: 2
        }
      ])
      expect(server.requests()).toBe(2)
    } finally {
      t.close()
      server.stop()
    }
  })

  test('a retry waiting out its backoff ends when the signal aborts', async () => {
    const http = await import('node:http')
    const server = http.createServer((_req, res) => {
      res.writeHead(503, { 'retry-after': '30' })
      res.end()
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as import('node:net').AddressInfo).port
    const { Transport } = await import('../../../src/registry/transport.js')
    const t = new Transport({ timeoutMs: 5_000, retryBudgetMs: 60_000 })
    const stop = new AbortController()
    const reason = new Error('given up')
    try {
      const p = t.request({ method: 'GET', url: `http://127.0.0.1:${port}/x`, maxBytes: 1024, signal: stop.signal })
      p.catch(() => {})
      await new Promise(r => setTimeout(r, 200))
      const started = Date.now()
      stop.abort(reason)
      await expect(p).rejects.toBe(reason)
      expect(Date.now() - started).toBeLessThan(500)
    } finally {
      t.close()
      server.closeAllConnections()
      server.close()
    }
  })
})
