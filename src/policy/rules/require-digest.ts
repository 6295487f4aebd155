import { pinnedReference } from '../../core/reference.js'
import type { Subject, Violation } from '../types.js'

/** The reference must be pinned by digest. */
export function checkRequireDigest(s: Subject): Violation[] {
  if (s.ref.digest !== undefined) return []
  return [{ message: `not pinned by digest: write ${pinnedReference(s.ref, s.facts.digest)}` }]
}
