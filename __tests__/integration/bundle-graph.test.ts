/**
 * Start-up loads no heavy module: the static import graph of dist/main.js (the action, which dist/index.js imports
 * once its resolve hook is in place) and dist/cli.js (what Node links before the first line runs), and that of the
 * engine chunk (what every run with an image loads), hold none of
 * scripts/heavy-modules.json, read from the bundle itself (each file's `import`
 * statements, and its source map for the sources it carries). Run `npm run -s bundle` first.
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { HEAVY_MODULES, heavyInGraph } from '../../scripts/heavy-modules.mjs'
import { ROOT } from '../support/run-action.js'

const DIST = join(ROOT, 'dist')

/** The files an entry loads: its static imports, and with `dynamic` its `import()`s too, followed to the end. */
function graph(entry: string, dynamic: boolean): string[] {
  const seen = new Set<string>()
  const walk = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(join(DIST, file), 'utf8')
    // esbuild writes each static import at the top level, one statement from `import` to its quoted path.
    for (const m of text.matchAll(/^import\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']\.\/([^"']+)["']/gm)) walk(m[1]!)
    if (dynamic) for (const m of text.matchAll(/\bimport\(["']\.\/([^"']+)["']\)/g)) walk(m[1]!)
  }
  walk(entry)
  return [...seen]
}

/** The source files the bundle's files were made from, as their source maps name them. */
const sources = (files: string[]): string[] =>
  // dist/index.js is scripts/action-entry.mjs as it is, made from no source.
  files
    .filter(f => f !== 'index.js')
    .flatMap(f => (JSON.parse(readFileSync(join(DIST, `${f}.map`), 'utf8')) as { sources: string[] }).sources)

describe('start-up loads no heavy module', () => {
  test('dist/ is built', () => {
    expect(existsSync(join(DIST, 'index.js'))).toBe(true)
  })

  test('dist/index.js imports nothing before its resolve hook is in place, then dist/main.js', () => {
    const text = readFileSync(join(DIST, 'index.js'), 'utf8')
    expect(graph('index.js', false)).toEqual(['index.js'])
    expect([...text.matchAll(/\bimport\(["']\.\/([^"']+)["']\)/g)].map(m => m[1])).toEqual(['main.js'])
    expect(text.indexOf('registerHooks')).toBeGreaterThan(-1)
    expect(text.indexOf('registerHooks')).toBeLessThan(text.indexOf("import('./main.js')"))
  })

  test.each(['main.js', 'cli.js'])('dist/%s: no heavy module in its static import graph', entry => {
    const eager = graph(entry, false)
    // The graph was read: the entry's own chunks (the inputs, at least) are in it.
    expect(eager.length).toBeGreaterThan(3)
    expect(sources(eager).some(s => s.endsWith('src/gate/inputs.ts'))).toBe(true)
    expect(heavyInGraph(sources(eager))).toEqual([])
  })

  test("the engine's static import graph holds no heavy module either: a plain run with an image loads none", () => {
    const engine = readdirSync(DIST).filter(f => /^engine-\w+\.js$/.test(f))
    expect(engine).toHaveLength(1)
    const eager = sources(graph(engine[0]!, false))
    expect(eager.some(s => s.endsWith('src/gate/run.ts'))).toBe(true)
    expect(heavyInGraph(eager)).toEqual([])
    // What a plain run never executes is behind import(): signatures, trust, SBOMs, bases, freshness, their checks.
    for (const s of ['src/inspect/discover.ts', 'src/inspect/base.ts', 'src/policy/rules/trust.ts'])
      expect(eager.filter(f => f.endsWith(s))).toEqual([])
  })

  test.each(['main.js', 'cli.js'])('dist/%s loads the engine only once the inputs hold', entry => {
    const eager = sources(graph(entry, false))
    for (const s of ['src/engine.ts', 'src/gate/run.ts', 'src/registry/client.ts'])
      expect(eager.filter(f => f.endsWith(s))).toEqual([])
    expect(sources(graph(entry, true)).some(f => f.endsWith('src/registry/client.ts'))).toBe(true)
  })

  test('a run with nothing to do loads neither the network, crypto nor child_process built-ins', () => {
    const entry = JSON.stringify(pathToFileURL(join(DIST, 'index.js')).href)
    const script = `await import(${entry}); console.log(JSON.stringify(process.moduleLoadList))`
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8'
    })
    expect(run.stdout).toContain('::error::Input "images" is empty')
    const loaded = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as string[]
    expect(loaded).toContain('NativeModule fs')
    // (net is there: Node's own stdout, a pipe, is a socket.)
    for (const m of ['http', 'https', 'tls', 'crypto', 'child_process', 'dns'])
      expect(loaded).not.toContain(`NativeModule ${m}`)
  })

  test('the heavy modules are in the bundle, behind import(): the check sees them there', () => {
    const all = heavyInGraph(sources(graph('index.js', true)))
    // What this build has of the list: Sigstore verification, the policy loader (yaml, ajv), the file extractors.
    for (const m of [
      '@sigstore/verify',
      '@sigstore/core',
      'src/trust/verify.ts',
      'yaml',
      'ajv',
      'src/policy/loader.ts',
      'src/inspect/discover.ts',
      'src/inspect/trust.ts',
      'src/inspect/base.ts',
      'src/policy/rules/trust.ts'
    ])
      expect(all).toContain(m)
  })

  test('the list names packages that exist and sources that exist', () => {
    for (const p of HEAVY_MODULES.packages) expect(existsSync(join(ROOT, 'node_modules', p))).toBe(true)
    for (const s of HEAVY_MODULES.sources) expect(existsSync(join(ROOT, s))).toBe(true)
  })
})
