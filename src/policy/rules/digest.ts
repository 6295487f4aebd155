import type { Subject, Violation } from '../types.js'

/** The image must resolve to this top-level digest. */
export function checkDigest(s: Subject, expected: string): Violation[] {
  if (s.facts.digest === expected) return []
  return [{ message: `resolves to ${s.facts.digest}, expected ${expected}` }]
}
