import { globMatch } from '../../core/glob.js'
import type { LabelRequirement, Subject, Violation } from '../types.js'
import { platformLabel } from '../../model/facts.js'

/** Parses the `labels` input: `KEY` or `KEY=GLOB`. */
export function parseLabelRequirement(text: string): LabelRequirement {
  const eq = text.indexOf('=')
  if (eq < 0) return { key: text.trim() }
  return { key: text.slice(0, eq).trim(), glob: text.slice(eq + 1).trim() }
}

/** Stands for `/` while a label value is matched: a value is not a path, so `*` and `?` match `/` too. */
const NOT_A_SEPARATOR = '\u{F0000}'

/** A label value against its glob: `*` matches any characters, `/` included (`https://example.com/*`). */
export function labelValueMatches(glob: string, value: string): boolean {
  return globMatch(glob.replaceAll('/', NOT_A_SEPARATOR), value.replaceAll('/', NOT_A_SEPARATOR))
}

/** Every platform's config must carry each label, with a matching value where a glob is given. */
export function checkLabels(s: Subject, required: LabelRequirement[]): Violation[] {
  const out: Violation[] = []
  for (const p of s.facts.platforms) {
    if (!p.config) continue
    const platform = platformLabel(p)
    for (const r of required) {
      // Own keys only: a label named constructor or __proto__ is there only when the image has it.
      const value = Object.hasOwn(p.config.labels, r.key) ? p.config.labels[r.key] : undefined
      if (value === undefined) out.push({ platform, message: `label ${r.key} is missing` })
      else if (r.glob !== undefined && !labelValueMatches(r.glob, value)) {
        out.push({ platform, message: `label ${r.key} is "${value}", which does not match "${r.glob}"` })
      }
    }
  }
  return out
}
