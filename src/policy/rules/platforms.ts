import type { Platform } from '../../oci/platform.js'
import { formatPlatform, normalizePlatform } from '../../oci/platform.js'
import type { Subject, Violation } from '../types.js'

/** Does an image platform satisfy a required one? A required platform without a variant accepts any variant. */
export function platformSatisfies(have: Platform, want: Platform): boolean {
  const h = normalizePlatform(have)
  const w = normalizePlatform(want)
  if (h.os !== w.os || h.architecture !== w.architecture) return false
  return w.variant === undefined || h.variant === w.variant
}

/** Every required platform must be provided; attestation entries (unknown/unknown) are not platforms. */
export function checkPlatforms(s: Subject, required: Platform[]): Violation[] {
  const have = s.facts.platforms.filter(p => p.platform !== undefined).map(p => p.platform!)
  const listed = have.length > 0 ? have.map(formatPlatform).join(', ') : 'no platform'
  const what = s.facts.kind === 'index' ? `the index has ${listed}` : `the image is a single ${listed} manifest`
  return required
    .filter(want => !have.some(h => platformSatisfies(h, want)))
    .map(want => ({ platform: formatPlatform(want), message: `${formatPlatform(want)} missing: ${what}` }))
}
