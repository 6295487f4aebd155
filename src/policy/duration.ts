const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }
const WHOLE = /^(?:\d+[smhdw])+$/
const PART = /(\d+)([smhdw])/g
/** Longer than any sensible age limit; keeps arithmetic exact. */
const MAX_SECONDS = 100 * 365 * 86_400

/** Parses `30d`, `12h`, `1w2d` (units s m h d w, each at most once) into seconds; throws an Error that says why. */
export function parseDuration(text: string): number {
  const t = text.trim()
  const hint = 'write a number and a unit (s m h d w), like 30d, 12h or 1w2d'
  if (!WHOLE.test(t)) throw new Error(`"${text}" is not a duration: ${hint}`)
  let total = 0
  const seen = new Set<string>()
  for (const m of t.matchAll(PART)) {
    const unit = m[2]!
    if (seen.has(unit)) throw new Error(`"${text}" is not a duration: the unit ${unit} appears twice`)
    seen.add(unit)
    total += Number(m[1]) * UNITS[unit]!
  }
  if (total === 0) throw new Error(`"${text}" is not a duration: it must be longer than zero`)
  if (total > MAX_SECONDS) throw new Error(`"${text}" is not a duration: it is longer than 100 years`)
  return total
}

/** 90061 → `1d1h1m1s`; for messages. */
export function formatDuration(seconds: number): string {
  let rest = Math.floor(seconds)
  if (rest <= 0) return '0s'
  const out: string[] = []
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1]
  ] as const) {
    const n = Math.floor(rest / size)
    if (n > 0) out.push(`${n}${unit}`)
    rest -= n * size
  }
  return out.join('')
}

/**
 * `true`, `false`, or a grace duration (`base-current`, `pins-current`): undefined for off, seconds 0 for `true`.
 * Throws an Error that says what to write.
 */
export function parseGrace(text: string): { seconds: number; text: string } | undefined {
  const t = text.trim()
  if (t === '' || /^false$/i.test(t)) return undefined
  if (/^true$/i.test(t)) return { seconds: 0, text: 'true' }
  try {
    return { seconds: parseDuration(t), text: t }
  } catch (e) {
    throw new Error(
      `${(e as Error).message.replace(/: write .*$/, '')}: write true, false, or a grace duration like 7d, 12h or 1w2d`,
      { cause: e }
    )
  }
}

const HUMAN_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['y', 31_557_600], // 365.25 days
  ['mo', 2_629_800], // a twelfth of that
  ['d', 86_400],
  ['h', 3600],
  ['m', 60],
  ['s', 1]
]

/**
 * A span as a person reads it: the largest unit and the next one down, floored (`5y 9mo`, `3d 4h`, `45m`, `12s`);
 * the second is left out when it is zero. A negative span is written with a minus sign.
 */
export function humanDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return seconds > 0 ? 'forever' : '-forever'
  if (seconds < 0) return `-${humanDuration(-seconds)}`
  const whole = Math.floor(seconds)
  const first = HUMAN_UNITS.findIndex(([, size]) => whole >= size)
  if (first === -1) return '0s'
  const [unit, size] = HUMAN_UNITS[first]!
  const n = Math.floor(whole / size)
  const next = HUMAN_UNITS[first + 1]
  const m = next ? Math.floor((whole - n * size) / next[1]) : 0
  return m > 0 ? `${n}${unit} ${m}${next![0]}` : `${n}${unit}`
}

/** How long ago a time was, from `now`: `3d 4h ago`, `in 2h` for a time in the future, `just now` under a second. */
export function humanAge(at: number, now: number): string {
  const seconds = (now - at) / 1000
  if (Number.isNaN(seconds)) return 'at an unknown time'
  if (Math.abs(seconds) < 1) return 'just now'
  return seconds > 0 ? `${humanDuration(seconds)} ago` : `in ${humanDuration(-seconds)}`
}
