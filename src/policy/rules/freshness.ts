import { humanDuration } from '../duration.js'
import type { Grace, Subject, Violation } from '../types.js'
import { realTime } from './max-age.js'
import type { NewerCreated } from '../../model/facts.js'
import { platformLabel } from '../../model/facts.js'

/** When a newer image was created, and how long ago; or why that is unknown. */
export function newerAge(
  n: NewerCreated | undefined,
  now: Date
): { at: number; age: number; text: string } | { unknown: string } {
  if (!n) return { unknown: 'nothing dates it' }
  const at = realTime(n.created) ?? realTime(n.annotation)
  if (at === undefined) {
    if (n.note) return { unknown: n.note }
    return {
      unknown:
        n.created === undefined
          ? 'its config has no created time'
          : `its created time "${n.created}" is not a real time (a reproducible-build placeholder, or not a time), and no annotation holds one`
    }
  }
  const age = Math.max(0, Math.floor((now.getTime() - at) / 1000))
  return { at, age, text: `created ${new Date(at).toISOString()}, ${humanDuration(age)} ago` }
}

/**
 * Whether a newer image is reported: always without a grace; with one, only once the newer image is older than
 * it, or when its age is unknown (fail closed). Returns the words that explain the age, or undefined to stay quiet.
 */
function judged(n: NewerCreated | undefined, now: Date, grace: Grace, rule: string): string | undefined {
  const a = newerAge(n, now)
  if ('unknown' in a)
    return `its age is unknown (${a.unknown})${grace.seconds > 0 ? `, so the ${rule} grace ${grace.text} cannot be granted` : ''}`
  if (grace.seconds > 0 && a.age <= grace.seconds) return undefined
  return `${a.text}${grace.seconds > 0 ? `: older than the ${rule} grace ${grace.text}` : ''}`
}

/** pins-current: a `name:tag@digest` reference must still be what its tag resolves to. */
export function checkPinsCurrent(s: Subject, grace: Grace): Violation[] {
  if (s.ref.tag === undefined || s.ref.digest === undefined) return []
  const pin = s.facts.pin
  if (!pin) return [{ message: 'whether the pin is current was not checked' }]
  if (pin.error !== undefined || pin.current === undefined) {
    return [
      {
        message: `the tag ${pin.tag} could not be resolved to check the pin ${pin.pinned}: ${pin.error ?? 'no digest'}`
      }
    ]
  }
  if (pin.current === pin.pinned || pin.listed) return []
  const age = judged(pin.newer, s.now, grace, 'pins-current')
  if (age === undefined) return []
  return [{ message: `pinned to ${pin.pinned}, but ${pin.tag} now resolves to ${pin.current}, ${age}` }]
}

/** base-current: every platform's base must be the current image of the tag it was built from. */
export function checkBaseCurrent(s: Subject, grace: Grace): Violation[] {
  const out: Violation[] = []
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p)
    const c = p.baseCurrent
    if (!c) {
      out.push({ platform, message: 'whether the base is current was not checked: the image config was not read' })
      continue
    }
    if (c.status === 'current' || c.status === 'none') continue
    if (c.status === 'unknown') {
      out.push({ platform, message: `whether the base is current is unknown: ${c.detail ?? 'no reason given'}` })
      continue
    }
    const age = judged(c.newer, s.now, grace, 'base-current')
    if (age === undefined) continue
    const built = c.builtOn ? `built on ${c.tag}@${c.builtOn}` : `built on an earlier ${c.tag}`
    out.push({
      platform,
      message: `${built}, but ${c.tag} is now ${c.current}, whose layers do not start the image's (${age}): rebuild on the current base`
    })
  }
  return out
}
