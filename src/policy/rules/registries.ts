import { globMatch } from '../glob.js'
import type { Subject, Violation } from '../types.js'

/** The image's registry must match one of the allowed host[:port] patterns. */
export function checkRegistries(s: Subject, allowed: string[]): Violation[] {
  const registry = s.ref.registry.toLowerCase()
  if (allowed.some(p => globMatch(p.toLowerCase(), registry))) return []
  return [{ message: `registry ${s.ref.registry} is not allowed (allowed: ${allowed.join(', ')})` }]
}
