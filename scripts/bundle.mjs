// Bundles src/index.ts into dist/index.js (ESM, one file plus its source map), the file the runner executes.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const shim = fileURLToPath(new URL('./undici-lazy.cjs', import.meta.url))
const realUndici = createRequire(import.meta.url).resolve('undici')
/** 'undici' resolves to the lazy shim, except from the shim itself, which gets the real one. */
const lazyUndici = {
  name: 'lazy-undici',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, args => ({ path: args.importer === shim ? realUndici : shim }))
  }
}

rmSync('dist', { recursive: true, force: true })
await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyUndici],
  // Some dependencies are CommonJS and require() Node built-ins; give the ESM bundle a require().
  banner: {
    js: "import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);"
  }
})
