import { globMatch } from '../../core/glob.js'
import type { Subject, Violation } from '../types.js'

/** The image's registry must match one of the allowed host[:port] patterns. */
export function checkRegistries(s: Subject, allowed: string[]): Violation[] {
  return checkRegistryName(s.ref.registry, allowed)
}

/**
 * The same check over a registry name alone: it is made before the registry is contacted. The name is canonical
 * (`parseReference`) and so are the patterns (`normalizeHostPattern`, when inputs and policies are read).
 */
export function checkRegistryName(registry: string, allowed: string[]): Violation[] {
  if (allowed.some(p => globMatch(p, registry))) return []
  return [{ message: `registry ${registry} is not allowed (allowed: ${allowed.join(', ')})` }]
}
