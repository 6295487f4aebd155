import type * as http from 'node:http'
import { RegistryError, aborted } from './errors.js'

/**
 * What keeps the transport's load and memory bounded: requests in flight per registry, and bodies read up to a
 * limit (docs/architecture.md, "Bounds").
 */

/** Error bodies are read for their message, up to this many bytes. */
export const ERROR_BODY_LIMIT = 1 << 20

/**
 * A body read up to its limit: `maxBytes` on success, ERROR_BODY_LIMIT (at most) for an error, whose body is read
 * only for its message. A success over the limit is an error and is not read further; an error body is cut.
 */
export async function readBounded(
  msg: http.IncomingMessage,
  ok: boolean,
  maxBytes: number,
  label: string,
  url: URL
): Promise<{ body: Buffer; truncated: boolean }> {
  const limit = ok ? maxBytes : Math.min(ERROR_BODY_LIMIT, maxBytes)
  const length = Number(msg.headers['content-length'])
  if (ok && Number.isFinite(length) && length > limit) {
    msg.destroy()
    throw tooLarge(label, url, length, limit)
  }
  const read = await readLimited(msg, limit, ok && Number.isFinite(length) && length >= 0 ? length : undefined)
  if (read.truncated && ok) throw tooLarge(label, url, undefined, limit)
  return read
}

function tooLarge(label: string, url: URL, length: number | undefined, limit: number): RegistryError {
  const size = length !== undefined ? `${length} bytes` : `more than ${limit} bytes`
  return new RegistryError(
    'too-large',
    `${label}: the body of ${url.pathname} is ${size}, over the ${formatBytes(limit)} limit; not read further`,
    { host: label }
  )
}

export function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`
  return `${n} bytes`
}

/**
 * The body, up to `limit` bytes. With `length` (the Content-Length, within the limit), the body is copied into one
 * buffer of that size as it comes: the chunks a socket delivers are views of larger read buffers, and keeping them
 * until the end would hold several times the body's size.
 */
function readLimited(
  msg: http.IncomingMessage,
  limit: number,
  length?: number
): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (f: () => void): void => {
      if (!settled) {
        settled = true
        f()
      }
    }
    let whole = length !== undefined && length <= limit ? Buffer.allocUnsafe(length) : undefined
    msg.on('data', (chunk: Buffer) => {
      if (settled) return
      if (whole) {
        if (size + chunk.length <= whole.length) {
          chunk.copy(whole, size)
          size += chunk.length
          return
        }
        // More than announced (the parser does not let it come to this): the rest is gathered as chunks.
        chunks.push(whole.subarray(0, size))
        whole = undefined
      }
      if (size + chunk.length > limit) {
        chunks.push(chunk.subarray(0, limit - size))
        size = limit
        msg.destroy()
        settle(() => resolve({ body: Buffer.concat(chunks), truncated: true }))
        return
      }
      chunks.push(chunk)
      size += chunk.length
    })
    msg.on('end', () =>
      settle(() => resolve({ body: whole ? whole.subarray(0, size) : Buffer.concat(chunks), truncated: false }))
    )
    msg.on('error', e => settle(() => reject(e)))
    msg.on('close', () => {
      if (!msg.complete)
        settle(() =>
          reject(Object.assign(new Error('connection closed before the answer was complete'), { code: 'ECONNRESET' }))
        )
    })
  })
}

/** An answer whose body is not read (a HEAD, a redirect), consumed to its end so that its connection can be reused. */
export function drained(msg: http.IncomingMessage): Promise<void> {
  return new Promise(resolve => {
    if (msg.complete) return resolve()
    msg.on('end', () => resolve())
    msg.on('close', () => resolve())
    msg.on('error', () => resolve())
  })
}

/** One semaphore per key (a registry): the requests with the same key share its limit. */
export class Limiter {
  private readonly semaphores = new Map<string, Semaphore>()
  private readonly n: number

  constructor(n: number) {
    this.n = n
  }

  run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let sem = this.semaphores.get(key)
    if (!sem) {
      sem = new Semaphore(this.n)
      this.semaphores.set(key, sem)
    }
    return sem.run(task, signal)
  }
}

/** A counting semaphore: at most `n` tasks run at once; the rest wait in order. */
export class Semaphore {
  private active = 0
  private readonly waiting: Array<() => void> = []
  private readonly n: number

  constructor(n: number) {
    this.n = Math.max(1, n)
  }

  /** Runs `task` in its turn; an abort of `signal` while it waits leaves the queue at once, with the signal's reason. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    // A finishing task hands its slot to the first waiter, so nobody can take it in between.
    if (this.active >= this.n) {
      await new Promise<void>((resolve, reject) => {
        const gone = aborted(signal)
        if (gone) return reject(gone)
        const turn = (): void => {
          signal?.removeEventListener('abort', leave)
          resolve()
        }
        const leave = (): void => {
          const i = this.waiting.indexOf(turn)
          if (i >= 0) this.waiting.splice(i, 1)
          reject(aborted(signal))
        }
        this.waiting.push(turn)
        signal?.addEventListener('abort', leave, { once: true })
      })
    } else this.active++
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}
