/**
 * Base images and freshness: read only when a base-images, base-current or pins-current rule applies. A run without
 * one never loads this module, nor base detection and the freshness checks behind it (`src/gate/run.ts` imports it
 * with `import()`; docs/architecture.md, "Start-up: what loads when").
 */
import { BaseDetector } from '../inspect/base.js'
import { FreshnessChecker } from '../inspect/freshness.js'
import type { Inspection } from '../inspect/inspect.js'
import type { RegistryClient } from '../registry/client.js'
import { checkRegistryName } from '../policy/rules/registries.js'
import { applicable } from '../policy/evaluate.js'
import type { RuleSet } from '../policy/types.js'

/**
 * Base facts for every platform of every image a base-images or base-current rule applies to, whether each base
 * is still its tag's current image, and whether each `name:tag@digest` pin is still its tag's: all at once.
 */
export async function detectBases(
  client: RegistryClient,
  inspections: Inspection[],
  ruleSets: RuleSet[]
): Promise<void> {
  const detector = new BaseDetector(client)
  const freshness = new FreshnessChecker(client, detector)
  await Promise.all(
    inspections.map(async ins => {
      if (!ins.ok) return
      const sets = applicable(ruleSets, ins.ref, ins.facts.digest)
      const patterns = [...new Set(sets.flatMap(rs => rs.baseImages ?? []))]
      const baseCurrent = sets.some(rs => rs.baseCurrent)
      const jobs: Array<Promise<void>> = []
      if (sets.some(rs => rs.pinsCurrent)) {
        jobs.push(
          freshness.pin(ins.facts).then(pin => {
            if (pin) ins.facts.pin = pin
          })
        )
      }
      if (patterns.length > 0 || baseCurrent) {
        jobs.push(
          (async () => {
            // A claim names a registry of the image's choosing: the registries rule decides whether it is contacted.
            const limits = sets.filter(rs => rs.registries?.length).map(rs => rs.registries!)
            const refuse = (registry: string): string | undefined =>
              limits.map(l => checkRegistryName(registry, l)[0]?.message).find(m => m !== undefined)
            const bases = await detector.detect(ins.facts, patterns, refuse)
            ins.facts.platforms.forEach((p, i) => (p.base = bases[i]))
            if (!baseCurrent) return
            const current = await Promise.all(ins.facts.platforms.map(p => freshness.base(p, patterns)))
            ins.facts.platforms.forEach((p, i) => (p.baseCurrent = current[i]))
          })()
        )
      }
      await Promise.all(jobs)
    })
  )
}
