// The modules start-up must not load (scripts/heavy-modules.json), and the check scripts/bundle.mjs and
// __tests__/integration/bundle-graph.test.ts make of an entry's static import graph.
import { readFileSync } from 'node:fs'

export const HEAVY_MODULES = JSON.parse(readFileSync(new URL('./heavy-modules.json', import.meta.url), 'utf8'))

/** The heavy modules among these source files (paths as esbuild or a source map names them), each named once. */
export function heavyInGraph(files) {
  const found = new Set()
  for (const f of files) {
    const path = f.replace(/\\/g, '/')
    for (const p of HEAVY_MODULES.packages) if (path.includes(`node_modules/${p}/`)) found.add(p)
    for (const s of HEAVY_MODULES.sources)
      if (s.endsWith('/') ? path.includes(s) : path.endsWith(s) || path.includes(`${s}?`)) found.add(s)
  }
  return [...found].sort()
}
