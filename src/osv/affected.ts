/**
 * Which of a record's affected entries concern a package, whether a version is in them, and the version that fixes it:
 * OSV's matching of `ECOSYSTEM` and `SEMVER` ranges (`introduced`, `fixed`, `last_affected`) and `versions` lists.
 */
import type { OsvAffected, OsvEvent, OsvRange } from './record.js'
import { comparatorFor, type Compare } from './versions.js'

/** A package as the database names it: its ecosystem (`npm`, `PyPI`, `Debian:12`) and its name there. */
export interface OsvPackage {
  ecosystem: string
  name: string
}

/** PyPI names compare as PEP 503 normalizes them (`Foo_Bar` is `foo-bar`); other ecosystems' names exactly. */
export function sameName(ecosystem: string, a: string, b: string): boolean {
  if (ecosystem.split(':')[0] === 'PyPI') {
    const norm = (s: string): string => s.replace(/[-_.]+/g, '-').toLowerCase()
    return norm(a) === norm(b)
  }
  return a === b
}

/**
 * Does an entry's ecosystem cover the asked one: the same (`Debian:12`), or the asked one names no release and the
 * entry is of that ecosystem (`Debian` covers `Debian:12`).
 */
export function sameEcosystem(entry: string, asked: string): boolean {
  return entry === asked || (!asked.includes(':') && entry.split(':')[0] === asked)
}

/** The record's entries for the package. */
export function entriesFor(affected: OsvAffected[], pkg: OsvPackage): OsvAffected[] {
  return affected.filter(a => sameEcosystem(a.ecosystem, pkg.ecosystem) && sameName(a.ecosystem, a.name, pkg.name))
}

const eventVersion = (e: OsvEvent): string => Object.values(e)[0] as string
const kind = (e: OsvEvent): string => Object.keys(e)[0]!

/** `introduced: 0` is before every version; other events by the range's order. */
function sortEvents(events: OsvEvent[], compare: Compare): OsvEvent[] {
  const key = (e: OsvEvent): string | undefined =>
    'introduced' in e && e.introduced === '0' ? undefined : eventVersion(e)
  return events
    .filter(e => kind(e) !== 'limit')
    .sort((x, y) => {
      const a = key(x)
      const b = key(y)
      if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1
      return compare(a, b)
    })
}

/** Where `version` falls in a range: outside it, or inside with the event that ends its interval (if any). */
type InRange = { inside: false } | { inside: true; end?: OsvEvent }

function locate(range: OsvRange, ecosystem: string, version: string): InRange | undefined {
  const compare = comparatorFor(range.type, ecosystem)
  if (!compare) return undefined
  const events = sortEvents(range.events, compare)
  let inside = false
  let end: OsvEvent | undefined
  for (const e of events) {
    const v = eventVersion(e)
    if ('introduced' in e) {
      if (v === '0' || compare(version, v) >= 0) {
        inside = true
        end = undefined
      }
    } else if ('fixed' in e) {
      if (compare(version, v) >= 0) inside = false
      else if (inside && !end) end = e
    } else if ('last_affected' in e) {
      if (compare(version, v) > 0) inside = false
      else if (inside && !end) end = e
    }
  }
  return inside ? { inside, ...(end ? { end } : {}) } : { inside: false }
}

/** Is `version` of the package affected by this entry: in its `versions` list, or in one of its ranges. */
export function isAffected(entry: OsvAffected, version: string): boolean {
  if (entry.versions.includes(version)) return true
  return entry.ranges.some(r => locate(r, entry.ecosystem, version)?.inside === true)
}

/**
 * The version that fixes `version` of the package, by the record's entries for it: the `fixed` event that ends the
 * range interval holding the version; for a version the `versions` list names outside every range, the first
 * `fixed` event after it. Undefined when no entry says (the interval ends with `last_affected`, or never).
 */
export function fixedVersion(affected: OsvAffected[], pkg: OsvPackage, version: string): string | undefined {
  for (const entry of entriesFor(affected, pkg)) {
    for (const range of entry.ranges) {
      const at = locate(range, entry.ecosystem, version)
      if (at?.inside && at.end && 'fixed' in at.end) return at.end.fixed
    }
  }
  for (const entry of entriesFor(affected, pkg)) {
    if (!entry.versions.includes(version)) continue
    for (const range of entry.ranges) {
      const compare = comparatorFor(range.type, entry.ecosystem)
      if (!compare) continue
      const later = sortEvents(range.events, compare).find(e => 'fixed' in e && compare(version, e.fixed) < 0)
      if (later && 'fixed' in later) return later.fixed
    }
  }
  return undefined
}
