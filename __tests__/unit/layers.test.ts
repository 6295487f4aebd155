/**
 * The layers of src/, as docs/architecture.md states them: every import (static, type-only, re-export or dynamic)
 * points to the importer's own layer or one listed before it, and no files import each other in a cycle. The order
 * is read from the page itself, between its `<!-- layers -->` markers.
 */
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')
const SRC = join(ROOT, 'src')

function statedOrder(): string[] {
  const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8')
  const m = /<!-- layers -->([\s\S]*?)<!-- \/layers -->/.exec(doc)
  if (!m) throw new Error('docs/architecture.md has no <!-- layers --> block')
  return [...m[1]!.matchAll(/`([a-z-]+)`/g)].map(x => x[1]!)
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** Relative specifiers of every import form: `import … from`, `export … from`, `import type`, `import('…')`. */
export function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
  const specs = [
    ...code.matchAll(/(?:^|[\s;])(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)
  ].map(m => m[1]!)
  return specs.filter(s => s.startsWith('.'))
}

/** A file's layer: its folder under src/, or `app` for the entry points at the root and in cli/. */
function layerOf(file: string): string {
  const rel = relative(SRC, file).split('/')
  return rel.length === 1 || rel[0] === 'cli' ? 'app' : rel[0]!
}

const order = statedOrder()
const files = sources(SRC)
const graph = new Map<string, string[]>(
  files.map(f => [
    f,
    importsOf(readFileSync(f, 'utf8'))
      .map(s => normalize(join(dirname(f), s)).replace(/\.js$/, '.ts'))
      .filter(t => t.startsWith(SRC + '/'))
  ])
)

describe('layers', () => {
  test('the stated order names every folder of src/', () => {
    expect(order.length).toBeGreaterThan(5)
    const folders = new Set(files.map(layerOf))
    expect([...folders].filter(l => !order.includes(l))).toEqual([])
  })

  test('the import reader sees every form of import', () => {
    expect(
      importsOf(
        `import a from './a.js'\nimport type { B } from "../b.js"\nexport { c } from './c.js'\nexport * from './d.js'\nconst e = await import('./e.js')\nimport './f.js'\n// import g from './g.js'\n/* import h from './h.js' */\nimport {\n  i,\n  j\n} from './ij.js'\nimport x from 'node:fs'`
      )
    ).toEqual(['./a.js', '../b.js', './c.js', './d.js', './ij.js', './e.js', './f.js'])
  })

  test('no import points up the stated order', () => {
    const up: string[] = []
    for (const [file, targets] of graph) {
      const from = order.indexOf(layerOf(file))
      for (const t of targets) {
        const to = order.indexOf(layerOf(t))
        if (to > from)
          up.push(`${relative(ROOT, file)} (${layerOf(file)}) imports ${relative(ROOT, t)} (${layerOf(t)})`)
      }
    }
    expect(up).toEqual([])
  })

  test('no files import each other, directly or in a ring', () => {
    // Tarjan's strongly connected components over the file graph: any component of two or more files is a cycle.
    let index = 0
    const idx = new Map<string, number>()
    const low = new Map<string, number>()
    const stack: string[] = []
    const on = new Set<string>()
    const cycles: string[][] = []
    const visit = (v: string): void => {
      idx.set(v, index)
      low.set(v, index++)
      stack.push(v)
      on.add(v)
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue
        if (!idx.has(w)) {
          visit(w)
          low.set(v, Math.min(low.get(v)!, low.get(w)!))
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = []
        let w: string
        do {
          w = stack.pop()!
          on.delete(w)
          scc.push(relative(ROOT, w))
        } while (w !== v)
        if (scc.length > 1) cycles.push(scc.sort())
      }
    }
    for (const f of graph.keys()) if (!idx.has(f)) visit(f)
    expect(cycles).toEqual([])
  })
})
