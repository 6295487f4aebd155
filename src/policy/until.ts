/** The dates exceptions and ignore entries run until: `YYYY-MM-DD`, through the end of that day (UTC). */

const DAY_MS = 86_400_000

/** The end of `until`'s day (UTC), in ms; NaN when it is not a real date. */
export function untilEnd(until: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(until)
  if (!m) return NaN
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  // 2027-02-30 rolls over into March: not a date anyone meant.
  if (new Date(start).toISOString().slice(0, 10) !== until) return NaN
  return start + DAY_MS - 1
}
