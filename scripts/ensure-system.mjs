// Installs the Debian packages the tests, the demo and the benchmark need, when they are missing.
// Runs `apt-get update` once, then `apt-get install -y` for what is absent. Needs root (or sudo) on Debian.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const wanted = [
  { bin: '/usr/bin/docker-registry', pkg: 'docker-registry' },
  { bin: '/usr/bin/skopeo', pkg: 'skopeo' },
  { bin: '/usr/bin/openssl', pkg: 'openssl' },
  // The self-test workflow's steps, which npm test runs too: they push images with curl and check outputs with jq.
  { bin: '/usr/bin/curl', pkg: 'curl' },
  { bin: '/usr/bin/jq', pkg: 'jq' },
  // The job summary is rendered in a real browser, at the width GitHub gives it, to check it reads at a glance.
  { bin: '/usr/bin/chromium', pkg: 'chromium' }
]
if (process.argv.includes('--bench')) wanted.push({ bin: '/usr/bin/hyperfine', pkg: 'hyperfine' })

const missing = wanted.filter(w => !existsSync(w.bin)).map(w => w.pkg)
if (missing.length === 0) process.exit(0)

const root = typeof process.getuid === 'function' && process.getuid() === 0
const prefix = root ? [] : ['sudo', '-n']
if (!existsSync('/usr/bin/apt-get')) {
  console.error(`image-gate: missing system packages ${missing.join(', ')} and no apt-get to install them`)
  process.exit(1)
}
console.error(`image-gate: installing system packages: ${missing.join(', ')}`)
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
const run = args => {
  const cmd = [...prefix, ...args]
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env })
  if (r.status !== 0) {
    console.error(`image-gate: '${cmd.join(' ')}' failed (exit ${r.status ?? r.signal}).`)
    console.error(`Install them yourself: apt-get update && apt-get install -y ${missing.join(' ')}`)
    process.exit(1)
  }
}
run(['apt-get', 'update', '-qq'])
run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing])
