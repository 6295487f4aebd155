// `npm test`: installs the system packages the real-registry tests need, then runs Jest in ESM mode
// and closes with one plain line of counts. Extra arguments go to Jest.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ensure = spawnSync(process.execPath, ['scripts/ensure-system.mjs'], { stdio: 'inherit' })
if (ensure.status !== 0) process.exit(ensure.status ?? 1)

const dir = mkdtempSync(join(tmpdir(), 'image-gate-jest-'))
const out = join(dir, 'results.json')
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() }
const jest = spawnSync(
  process.execPath,
  ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${out}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env }
)
let status = jest.status ?? 1
try {
  const r = JSON.parse(readFileSync(out, 'utf8'))
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)
  if (r.numTotalTests === 0) status = status || 1
  // A whole run must run every test file: one that Jest never picked up would pass unseen.
  if (process.argv.length === 2) {
    const ran = new Set(r.testResults.map(t => resolve(t.name)))
    const files = ['unit', 'integration'].flatMap(kind =>
      readdirSync(join('__tests__', kind), { recursive: true })
        .filter(f => f.endsWith('.test.ts'))
        .map(f => resolve('__tests__', kind, f))
    )
    const missed = files.filter(f => !ran.has(f))
    if (missed.length > 0) {
      console.error(`image-gate: Jest ran ${ran.size} of ${files.length} test files; not run: ${missed.join(', ')}`)
      status = status || 1
    }
  }
  if (r.numPendingTests > 0 && process.env.CI) {
    console.error('image-gate: tests were skipped; CI allows none')
    status = status || 1
  }
} catch {
  console.error('image-gate: Jest wrote no results')
  status = status || 1
}
rmSync(dir, { recursive: true, force: true })
process.exit(status)
