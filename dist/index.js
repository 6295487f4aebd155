// dist/index.js, the file the runner executes: it has no static import, so that the resolve hook below is in place
// before Node resolves the first import of the bundle (dist/main.js and its chunks).
//
// Node's own resolution of a relative import costs about 60 µs (a URL, a stat, a realpath, the package scope's
// package.json for the module format), once per import statement: dist/main.js's graph and the engine's hold about
// 160, about 10 ms of the one-image run. Every chunk of the bundle is an ES module in the same directory, named by
// esbuild, imported as `./<name>.js`; such an import from a file of this directory resolves to the file of that name
// here, as Node would resolve it, without asking the file system (a missing file still fails, when it is loaded).
// Anything else (built-ins, the .cjs files, a package) goes to Node's own resolution.
import module from 'node:module'

const here = new URL('./', import.meta.url).href
const CHUNK = /^\.\/[\w-]+\.js$/

module.registerHooks?.({
  resolve(specifier, context, next) {
    if (
      CHUNK.test(specifier) &&
      context.parentURL?.startsWith(here) &&
      !context.parentURL.slice(here.length).includes('/')
    )
      return { url: here + specifier.slice(2), format: 'module', shortCircuit: true }
    return next(specifier, context)
  }
})

await import('./main.js')
