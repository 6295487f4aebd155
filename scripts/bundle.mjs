// Bundles src/index.ts and src/cli.ts into dist/: index.js (the file the runner executes), cli.js (the image-gate
// command, which carries action.yml's inputs as its flags), the chunks they share or import on demand, and
// undici.cjs, loaded only when a proxy is configured. Startup is on every run's critical path, so the bundle is
// shaped to load as little as it can:
// - Code splitting: the policy loader (yaml, ajv), the file extractors, the GitHub client and the heavy modules
//   (Sigstore verification, the SPDX licence parser, CEL, Notation, the vulnerabilities code and the OSV client) are
//   chunks that index.js imports only when a run needs them; V8 does not even read them otherwise.
// - A new heavy module: import it only with `await import()`, from the place that knows a run needs it (for a need
//   of the rule table, an entry of HEAVY in src/gate/lazy.ts; CEL, Notation, the vulnerabilities code and the OSV
//   client are imported where they are used: src/policy/loader.ts, src/gate/trusted-files.ts, src/gate/run.ts),
//   never with a static import from anything index.js or cli.js reaches; and list it in scripts/heavy-modules.json.
//   This build fails when a module listed there is in the static import graph of an entry, and so does
//   __tests__/integration/bundle-graph.test.ts.
//   Nothing may run at import time either: a module's top level declares, it does not compute.
// - Node built-ins are loaded with require(), not as ESM imports. An ESM import of node:http builds a module
//   namespace, which reads every export, and one of them loads Node's own copy of undici (about 40 ms).
// - undici (imported at the top by @actions/http-client and @actions/github for proxies and fetch) is a separate
//   CommonJS file behind a shim that loads it on first use.
// - So are the packages in LAZY_CJS: each is dist/<file>.cjs, and every import of it gets a generated shim whose
//   getters require that file the first time one of its exports is read. Same exports, same behaviour; what no run
//   reads is never loaded.
import { build } from 'esbuild'
import { chmodSync, copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { heavyInGraph } from './heavy-modules.mjs'

const shim = fileURLToPath(new URL('./undici-lazy.cjs', import.meta.url))
const UNDICI_FILE = './undici.cjs'

const builtins = new Set(builtinModules.flatMap(m => [m, `node:${m}`]))
const requireHere = createRequire(import.meta.url)
/**
 * `import … from 'node:http'` becomes `require('node:http')` wrapped for ESM, whose exports are read lazily. A
 * built-in whose exports are an object is not even required until one of them is read: its wrapper has a getter
 * (and a setter) for each export, so a run that never sends a request never loads http, https, tls or crypto.
 * One that is a function or a class (assert, events, stream) is required at once.
 */
const BUILTIN_MARK = 'image-gate.lazy-builtin'
const requireBuiltins = {
  name: 'require-builtins',
  setup(b) {
    b.onResolve({ filter: /^[a-z][a-z0-9_:/]*$/ }, args => {
      if (!builtins.has(args.path)) return undefined
      if (args.namespace === 'builtin') return { path: args.path, external: true }
      return { path: args.path.replace(/^node:/, ''), namespace: 'builtin' }
    })
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, args => {
      const name = JSON.stringify(`node:${args.path}`)
      const exported = requireHere(`node:${args.path}`)
      if (typeof exported !== 'object' || exported === null)
        return { contents: `module.exports = require(${name})`, loader: 'js' }
      const keys = JSON.stringify(Object.getOwnPropertyNames(exported).join(','))
      return {
        contents: `let m
const load = () => (m ??= require(${name}))
const lazy = {}
for (const k of ${keys}.split(','))
  Object.defineProperty(lazy, k, { get: () => load()[k], set: v => void (load()[k] = v), enumerable: true })
Object.defineProperty(lazy, Symbol.for(${JSON.stringify(BUILTIN_MARK)}), { value: true })
module.exports = lazy
`,
        loader: 'js'
      }
    })
  }
}
/** 'undici' resolves to the lazy shim; the shim's own require of it is left to run time, against dist/undici.cjs. */
const lazyUndici = {
  name: 'lazy-undici',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, () => ({ path: shim }))
    b.onResolve({ filter: /^\.\/undici\.cjs$/ }, args =>
      args.importer === shim ? { path: UNDICI_FILE, external: true } : undefined
    )
  }
}

/**
 * Packages that dist/index.js imports but that few runs use, each loaded on first use from a CommonJS file of its
 * own: minimatch (only patterns with `*`, `?` or `{` are matched with it: src/core/glob.ts), tunnel
 * (@actions/http-client's proxy agents, only behind a proxy), @actions/exec (@actions/core's platform details, which
 * the gate never asks; it brings @actions/io and child_process).
 */
const LAZY_CJS = { minimatch: 'minimatch.cjs', tunnel: 'tunnel.cjs', '@actions/exec': 'actions-exec.cjs' }
const lazyCjs = {
  name: 'lazy-cjs',
  setup(b) {
    const names = Object.keys(LAZY_CJS).map(n => n.replace(/[/@]/g, c => `\\${c}`))
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, args => ({ path: args.path, namespace: 'lazy-cjs' }))
    b.onResolve({ filter: /^\.\/[a-z-]+\.cjs$/ }, args =>
      args.namespace === 'lazy-cjs' ? { path: args.path, external: true } : undefined
    )
    b.onLoad({ filter: /.*/, namespace: 'lazy-cjs' }, async args => {
      const exported = Object.keys(await import(args.path)).filter(k => k !== 'default' && k !== '__esModule')
      const file = JSON.stringify(`./${LAZY_CJS[args.path]}`)
      const getters = exported.map(k => `  get ${JSON.stringify(k)}() { return load()[${JSON.stringify(k)}] }`)
      return {
        contents: `let m\nconst load = () => (m ??= require(${file}))\nmodule.exports = {\n${getters.join(',\n')}\n}\n`,
        loader: 'js'
      }
    })
  }
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning'
}

const BANNER =
  "import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);"
/**
 * esbuild's `__toESM` makes, at every file that imports a CommonJS module, a new object with a getter for each of its
 * exports: a built-in's wrapper above has a hundred, and the one-image run made 46 of them (about 1,700 getters, 2 ms
 * of CPU). A built-in's wrapper (marked, its exports fixed) gets one, made at its first import and shared by the
 * others, which only read it. Any other module is wrapped as esbuild does it. The build fails when esbuild's
 * definition is not found as it is written here.
 */
function shareBuiltinWrappers(dir) {
  const from = 'var __toESM = (mod, isNodeMode, target) => (target ='
  const files = readdirSync(dir).filter(n => n.endsWith('.js') && readFileSync(`${dir}/${n}`, 'utf8').includes(from))
  if (files.length !== 1)
    throw new Error(`esbuild's __toESM: expected in one file of ${dir}/, found in ${files.length}`)
  const file = `${dir}/${files[0]}`
  const mark = `Symbol.for(${JSON.stringify(BUILTIN_MARK)})`
  // On the line esbuild's own definition starts, so that no line of the file moves and its source map still holds.
  const to =
    `var __builtinESM = new WeakMap(), __toESM = (mod, isNodeMode) => mod != null && mod[${mark}] === true ? ` +
    `__builtinESM.get(mod) ?? (__builtinESM.set(mod, __toESM1(mod, isNodeMode)), __builtinESM.get(mod)) : ` +
    `__toESM1(mod, isNodeMode), __toESM1 = (mod, isNodeMode, target) => (target =`
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to))
}

/**
 * Only esbuild's runtime chunk (its `__require`, through which every built-in and CommonJS file is loaded) and a
 * file that calls `require` itself need the banner; in every other file it costs an import of node:module and a
 * createRequire() at load time, for nothing. The line is emptied, not removed, so that the source maps still hold.
 */
function stripUnusedRequire(dir) {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.js')) continue
    const file = `${dir}/${name}`
    const text = readFileSync(file, 'utf8')
    const at = text.indexOf(`${BANNER}\n`)
    // The banner is the first line, or the second after a `#!` line.
    if (at !== 0 && !(text.startsWith('#!') && at === text.indexOf('\n') + 1)) continue
    const body = text.slice(at + BANNER.length)
    // A call, a property, a reference or a typeof test; prose in strings ("does not require any") is not one.
    if (/typeof require\b|(?<![\w$.])require\s*[(.,);]/.test(body)) continue
    writeFileSync(file, text.slice(0, at) + body)
  }
}

/**
 * @actions/core's summary module reads `fs.promises` at its top level, and Node's `fs.promises` loads fifteen of its
 * internal modules (readline's among them) into every run's start-up, where only a run that writes the job summary
 * uses it. The three functions it takes from there are read when called instead. The build fails when
 * the line is not found as it is written here.
 */
const lazyCoreSummary = {
  name: 'lazy-core-summary',
  setup(b) {
    b.onLoad({ filter: /[\\/]@actions[\\/]core[\\/]lib[\\/]summary\.js$/ }, args => {
      const from = 'const { access, appendFile, writeFile } = promises;'
      const text = readFileSync(args.path, 'utf8')
      if (!text.includes(from)) throw new Error(`${args.path}: "${from}" not found; update lazyCoreSummary`)
      const to =
        'const access = (...a) => promises.access(...a), appendFile = (...a) => promises.appendFile(...a), ' +
        'writeFile = (...a) => promises.writeFile(...a);'
      return { contents: text.replace(from, to), loader: 'js' }
    })
  }
}

/** The command line's flags are action.yml's inputs, read here so that the two cannot drift. */
const actionInputs = parse(readFileSync('action.yml', 'utf8')).inputs ?? {}

rmSync('dist', { recursive: true, force: true })
const { metafile } = await build({
  ...common,
  // src/index.ts is dist/main.js, loaded by dist/index.js (scripts/action-entry.mjs) once its resolve hook is in place.
  entryPoints: { main: 'src/index.ts', cli: 'src/cli.ts' },
  define: { __IMAGE_GATE_ACTION_INPUTS__: JSON.stringify(actionInputs) },
  outdir: 'dist',
  format: 'esm',
  splitting: true,
  chunkNames: '[name]-[hash]',
  metafile: true,
  plugins: [requireBuiltins, lazyUndici, lazyCjs, lazyCoreSummary],
  // Each output file gets a require() of its own, for the built-ins and for CommonJS dependencies; removed below
  // from the files that never call it.
  banner: { js: BANNER }
})
stripUnusedRequire('dist')
shareBuiltinWrappers('dist')
copyFileSync('scripts/action-entry.mjs', 'dist/index.js')
await build({ ...common, entryPoints: ['undici'], outfile: `dist/${UNDICI_FILE}`, format: 'cjs' })
for (const [name, file] of Object.entries(LAZY_CJS))
  await build({ ...common, entryPoints: [name], outfile: `dist/${file}`, format: 'cjs', plugins: [lazyUndici] })
chmodSync('dist/cli.js', 0o755)

// What each entry loads before its first line runs: its static import graph, which must hold no heavy module. So
// must the engine's (what every run with an image loads): the rules' heavy modules come through import() only.
const engine = Object.keys(metafile.outputs).find(out => metafile.outputs[out].entryPoint === 'src/engine.ts')
if (!engine) throw new Error('the bundle has no chunk for src/engine.ts')
const eager = Object.fromEntries(
  ['dist/main.js', 'dist/cli.js', engine].map(entry => {
    const seen = new Set()
    const walk = out => {
      if (seen.has(out)) return
      seen.add(out)
      for (const i of metafile.outputs[out].imports) if (i.kind === 'import-statement' && !i.external) walk(i.path)
    }
    walk(entry)
    return [entry, [...seen].flatMap(out => Object.keys(metafile.outputs[out].inputs))]
  })
)
const heavy = Object.entries(eager).flatMap(([entry, inputs]) => heavyInGraph(inputs).map(h => `${entry}: ${h}`))
if (heavy.length > 0) {
  console.error(
    `Heavy modules loaded at start-up (load them with import(); see this file's header):\n${heavy.join('\n')}`
  )
  process.exit(1)
}
