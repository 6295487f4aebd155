import { shortDigest } from '../../core/digest.js'
import { parseReference, repositoryName } from '../../core/reference.js'
import { allowsBase } from '../../core/glob.js'
import type { Subject, Violation } from '../types.js'
import { platformLabel } from '../../model/facts.js'

/** `host:5000/lib/base:1@sha256:…` → `host:5000/lib/base` (the name as written when it does not parse). */
function repositoryOf(name: string): string {
  try {
    return repositoryName(parseReference(name))
  } catch {
    return name
  }
}

/**
 * Per platform: the base is the longest proven prefix of the image's layers (a verified claim, or a candidate
 * from the allowed patterns). Pass when such a base matches an allowed pattern; `scratch` allows an image on which
 * no base is proven. A claim the layers contradict, or that cannot be verified, is a violation of its own.
 */
export function checkBaseImages(s: Subject, allowed: string[]): Violation[] {
  const out: Violation[] = []
  const list = allowed.join(', ')
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p)
    const b = p.base
    if (!p.config || !b) {
      out.push({ platform, message: 'the base could not be determined: the image config was not read' })
      continue
    }
    if (b.claim && b.claim.status !== 'verified') {
      const claimed = `${b.claim.name}${b.claim.digest ? `@${b.claim.digest}` : ''}`
      const short = repositoryOf(b.claim.name)
      out.push({
        platform,
        message:
          b.claim.status === 'contradicted'
            ? `claims base ${claimed} (in ${b.claim.source}), but its layers do not start with ${short}'s: ${b.claim.detail ?? ''}`.replace(
                /: $/,
                ''
              )
            : `claims base ${claimed} (in ${b.claim.source}), which could not be verified: ${b.claim.detail ?? 'unknown'}`
      })
      continue
    }
    const longest = b.proven[0]?.layers
    const top = b.proven.filter(x => x.layers === longest)
    if (top.length > 0) {
      if (top.some(base => allowed.some(pattern => allowsBase(pattern, base)))) continue
      const base = top[0]!
      out.push({
        platform,
        message: `base ${base.name}@${shortDigest(base.digest)} (proven by ${base.via === 'claim' ? 'its claim and layers' : 'layers'}) is not allowed (allowed: ${list})`
      })
      continue
    }
    if (allowed.some(pattern => pattern.trim() === 'scratch')) continue
    const notes = b.notes.length > 0 ? `; ${b.notes.join('; ')}` : ''
    out.push({
      platform,
      message: `no allowed base proven: ${b.tried === 0 ? 'no candidate could be listed from the allowed patterns, and no claim names the base' : `the layers of none of ${b.tried} candidate${b.tried === 1 ? '' : 's'} start the image's layers`} (allowed: ${list})${notes}`
    })
  }
  return out
}
