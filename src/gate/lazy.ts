/**
 * The heavy modules a rule's need brings (Sigstore verification for `trust`, the SPDX licence parser for
 * `statements`), each behind the need of the rule table that asks for it; CEL, Notation and the OSV client are
 * imported where they are used (docs/architecture.md). `dist/index.js` never loads them: each is a chunk of its
 * own that `import()` loads once, and only when an enabled rule needs it. How a new heavy module is added:
 * docs/architecture.md ("Start-up: what loads when").
 */
import type { InspectNeeds } from '../model/facts.js'
import type { RuleSet } from '../policy/types.js'

/** One `import()`, started on the first call; every later call shares it (a rejected import is tried again). */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined
  return () =>
    (pending ??= load().catch((e: unknown) => {
      pending = undefined
      throw e
    }))
}

/**
 * Each need of the rule table (`needs` of src/policy/rules/table.ts) and the heavy modules it loads. Always written
 * as `() => import('…')` here, never as a static import anywhere `dist/index.js` reaches: a static import would put
 * the module back into the start-up of every run (a test reads the bundle's import graph to hold that).
 */
export const HEAVY = {
  /** Keyless and bundle verification: @sigstore/verify, @sigstore/bundle, @sigstore/core and the shipped root. */
  trust: lazy(() => import('../trust/verify.js')),
  /** SBOMs and licences: spdx-expression-parse, which SBOM parsing and the licenses rule both use. */
  statements: lazy(() => import('../content/licenses.js').then(m => m.loadLicenseParser()))
} satisfies { [K in keyof InspectNeeds]?: () => Promise<unknown> }

/**
 * Inspection's parts that a run whose rules read no signature, statement, base or tag never executes: signature
 * discovery, trust establishment and SBOM attachment (when a trust rule applies or a rule reads statements), base
 * detection and freshness (when a base-images, base-current or pins-current rule applies).
 */
export const SIGNATURES = lazy(() => import('./signatures.js'))
export const BASES = lazy(() => import('./bases.js'))

/** Does a base-images, base-current or pins-current rule apply to any image: are bases or tags read. */
export function needsBases(ruleSets: RuleSet[]): boolean {
  return ruleSets.some(rs => (rs.baseImages?.length ?? 0) > 0 || rs.baseCurrent || rs.pinsCurrent)
}

/**
 * Starts loading what the needs of this run's rules ask for, without waiting: the chunks are read and compiled while
 * the first requests are in flight. Whoever uses a module awaits the same `HEAVY[need]()` (or `SIGNATURES()`,
 * `BASES()`).
 */
export function preload(needs: InspectNeeds, bases = false): void {
  const loads = (Object.entries(HEAVY) as Array<[keyof InspectNeeds, () => Promise<unknown>]>)
    .filter(([need]) => needs[need])
    .map(([, load]) => load)
  if (needs.trust || needs.statements) loads.push(SIGNATURES)
  if (bases) loads.push(BASES)
  for (const load of loads) load().catch(() => {}) // the user's own await reports a failure
}
