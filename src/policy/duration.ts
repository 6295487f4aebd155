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
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
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
    throw new Error(`${(e as Error).message.replace(/: write .*$/, '')}: write true, false, or a grace duration like 7d, 12h or 1w2d`, { cause: e })
  }
}
