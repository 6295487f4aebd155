/**
 * The bytes of signatures and attestations the run holds at once, for every image and platform together: a registry
 * that offers each of many digests its full share cannot make the runner hold all the shares at once. Bytes are
 * reserved before a body is read and given back once it is verified, so that images checked one after another each
 * get the whole budget.
 *
 * A reservation that does not fit waits its turn (first come, first served) for at most `waitMs`, then is refused:
 * the digest it was for cannot be checked, and its finding says so. A holder never waits for more while it holds
 * (each read reserves once and gives back before the next), so waiting cannot deadlock; the bound on the wait
 * keeps a registry that trickles its bytes from holding the others forever.
 */
export class SignatureBudget {
  readonly total: number
  readonly waitMs: number
  private free: number
  private readonly waiting: Array<{ bytes: number; grant: (release: () => void) => void; timer: NodeJS.Timeout }> = []

  constructor(total: number, waitMs: number) {
    this.total = total
    this.waitMs = waitMs
    this.free = total
  }

  /** Bytes held now (for tests and the log). */
  get held(): number {
    return this.total - this.free
  }

  /**
   * Reserves `bytes`; resolves to the function that gives them back (calling it more than once gives back once), or
   * to undefined when they cannot be had: more than the whole budget, or not free within the wait.
   */
  reserve(bytes: number): Promise<(() => void) | undefined> {
    const n = Math.max(0, Math.ceil(bytes))
    if (n > this.total) return Promise.resolve(undefined)
    if (this.waiting.length === 0 && n <= this.free) return Promise.resolve(this.take(n))
    return new Promise(resolve => {
      const entry = {
        bytes: n,
        grant: (release: () => void) => resolve(release),
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry)
          if (i >= 0) this.waiting.splice(i, 1)
          resolve(undefined)
          // The one that timed out may have been first in line: those behind it may fit now.
          this.pump()
        }, this.waitMs)
      }
      this.waiting.push(entry)
    })
  }

  private take(n: number): () => void {
    this.free -= n
    let given = false
    return () => {
      if (given) return
      given = true
      this.free += n
      this.pump()
    }
  }

  /** Grants the waiting reservations that fit now, in the order they came. */
  private pump(): void {
    while (this.waiting.length > 0 && this.waiting[0]!.bytes <= this.free) {
      const next = this.waiting.shift()!
      clearTimeout(next.timer)
      next.grant(this.take(next.bytes))
    }
  }
}
