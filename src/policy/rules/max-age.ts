import { humanDuration } from '../duration.js'
import type { Subject, Violation } from '../types.js'
import type { PlatformFacts } from '../../model/facts.js'
import { platformLabel } from '../../model/facts.js'

/** Reproducible builds (SOURCE_DATE_EPOCH 0, ko, buildpacks) write a creation time at or before this. */
export const PLACEHOLDER_LIMIT = Date.parse('1980-01-01T00:00:01Z')
const CREATED = 'org.opencontainers.image.created'

/** A time that is real: parses, and is after the reproducible-build placeholder. */
export function realTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const t = Date.parse(value)
  return Number.isNaN(t) || t <= PLACEHOLDER_LIMIT ? undefined : t
}

/** The image's creation time and where it came from, or why it is unknown. */
export function creationTime(s: Subject, p: PlatformFacts): { at: number; from: string } | { unknown: string } {
  const created = p.config?.created
  const t = realTime(created)
  if (t !== undefined) return { at: t, from: 'created' }
  const fallbacks: Array<[string, string | undefined]> = [
    ['the manifest annotation', p.annotations[CREATED]],
    ['the index annotation', s.facts.kind === 'index' ? s.facts.annotations[CREATED] : undefined],
    ['the config label', p.config?.labels[CREATED]]
  ]
  for (const [from, value] of fallbacks) {
    const at = realTime(value)
    if (at !== undefined) return { at, from: `${from} ${CREATED}` }
  }
  const why =
    created === undefined
      ? 'the config has no created time'
      : Number.isNaN(Date.parse(created))
        ? `the config's created time "${created}" is not a time`
        : `the config's created time ${created} is a reproducible-build placeholder (at or before 1980-01-01T00:00:01Z)`
  return { unknown: `${why}, and no ${CREATED} annotation or label holds a real time` }
}

export function checkMaxAge(s: Subject, limit: { seconds: number; text: string }): Violation[] {
  const out: Violation[] = []
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p)
    if (!p.config) continue
    const c = creationTime(s, p)
    if ('unknown' in c) {
      out.push({ platform, message: `age unknown: ${c.unknown}` })
      continue
    }
    const age = Math.floor((s.now.getTime() - c.at) / 1000)
    if (age > limit.seconds) {
      const source = c.from === 'created' ? 'created' : `created (from ${c.from})`
      out.push({
        platform,
        message: `${source} ${new Date(c.at).toISOString()}, ${humanDuration(age)} ago: older than max-age ${limit.text}`
      })
    }
  }
  return out
}
