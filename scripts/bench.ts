/**
 * npm run bench: image-gate against skopeo on the same work, in one run.
 *
 * A real registry (docker-registry, token auth with the suite's token server) behind a proxy that delays every
 * request by 20 ms, as a remote registry would, and counts them; the token server answers after 20 ms too.
 * Work: 40 repositories, each an index of linux/amd64 + linux/arm64 + an attestation manifest; check that both
 * platforms exist and read each platform's creation time (platforms + max-age).
 * Peer: skopeo as a user would script it: `skopeo inspect --raw` for the index, then `skopeo inspect
 * --override-arch ARCH` per platform, 8 images at a time.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startProxy } from '../__tests__/support/fault-proxy.js'
import { startRegistry } from '../__tests__/support/local-registry.js'
import { Pusher } from '../__tests__/support/push.js'
import { DIST, cleanup, runAction } from '../__tests__/support/run-action.js'

const IMAGES = Number(process.env.BENCH_IMAGES ?? 40)
const LARGE = Number(process.env.BENCH_LARGE ?? 500)
const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const DELAY = 20

/**
 * Where a run's CPU goes. Every process here shares the machine's cores, so the registry's CPU is time the client
 * cannot have: the whole machine (/proc/stat, steal apart), the registry process, and this process (the proxy and
 * the token server); what is left is the client's (image-gate's process, or the skopeo processes).
 */
interface CpuSample {
  machine: number
  steal: number
  registry: number
  bench: number
}
const TICK_MS = 10 // USER_HZ is 100 on Linux
function cpuSample(registryPid: number | undefined): CpuSample {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal
  const machine = (f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) * TICK_MS
  let registry = 0
  if (registryPid !== undefined) {
    const stat = readFileSync(`/proc/${registryPid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    registry = (Number(fields[11]) + Number(fields[12])) * TICK_MS
  }
  const u = process.cpuUsage()
  return { machine, steal: f[7]! * TICK_MS, registry, bench: (u.user + u.system) / 1000 }
}
function cpuSince(a: CpuSample, registryPid: number | undefined): { client: number; registry: number; bench: number; steal: number } {
  const b = cpuSample(registryPid)
  const registry = b.registry - a.registry
  const bench = b.bench - a.bench
  return { client: Math.max(0, b.machine - a.machine - registry - bench), registry, bench, steal: b.steal - a.steal }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (n: number): string => `${Math.round(n)} ms`

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!)
    })
  )
}

function exec(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', code => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}: ${err.slice(0, 500)}`))))
  })
}

const scratch = mkdtempSync(join(tmpdir(), 'image-gate-bench-'))
const reg = await startRegistry({ auth: 'token', tokenOptions: { delayMs: DELAY } })
const proxy = await startProxy({ target: reg.url, delayMs: DELAY })
const tokens = reg.tokenServer!
try {
  const push = new Pusher(reg)
  const pushRepos = async (prefix: string, n: number): Promise<string[]> => {
    const names = Array.from({ length: n }, (_, i) => `${prefix}/app-${String(i).padStart(3, '0')}`)
    await pool(names, 16, async name => {
      await push.index(name, {
        tag: '1',
        attestation: true,
        images: [
          { platform: { os: 'linux', architecture: 'amd64' }, user: '1000' },
          { platform: { os: 'linux', architecture: 'arm64' }, user: '1000' }
        ]
      })
    })
    return names.map(name => `${proxy.host}/${name}:1`)
  }

  const started = Date.now()
  const images = await pushRepos('bench', IMAGES)
  console.log(`registry: docker-registry (token auth) behind a proxy adding ${DELAY} ms per request; token server +${DELAY} ms`)
  console.log(`work: ${IMAGES} images, each an index of linux/amd64 + linux/arm64 + an attestation; platforms + max-age (pushed in ${ms(Date.now() - started)})\n`)

  // dist/index.js runs as the runner runs it (node dist/index.js), with a preload that reports its CPU and peak RSS.
  const measure = join(scratch, 'measure.cjs')
  writeFileSync(
    measure,
    "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('IG_MAXRSS ' + u.maxRSS + ' IG_CPU ' + Math.round((u.userCPUTime + u.systemCPUTime) / 1000) + '\\n') })\n"
  )
  const measuring = ['--require', measure, DIST]
  const gate = async (list: string[], concurrency?: number, argv?: string[]) => {
    proxy.log.length = 0
    const tokenBefore = tokens.requests.length
    const cpu0 = cpuSample(reg.pid)
    const t0 = performance.now()
    const run = await runAction(
      {
        images: list.join('\n'),
        platforms: 'linux/amd64,linux/arm64',
        'max-age': '30d',
        username: reg.username,
        password: reg.password,
        summary: 'false',
        ...(concurrency ? { concurrency: String(concurrency) } : {})
      },
      {},
      600_000,
      undefined,
      argv
    )
    const wall = performance.now() - t0
    const cpu = cpuSince(cpu0, reg.pid)
    if (run.code !== 0 || run.outputs.result !== 'pass') throw new Error(`image-gate failed: ${run.stdout.slice(-2000)}`)
    const rss = /IG_MAXRSS (\d+)/.exec(run.stderr)?.[1]
    const ownCpu = /IG_CPU (\d+)/.exec(run.stderr)?.[1]
    cleanup(run)
    return { wall, registry: proxy.log.length, token: tokens.requests.length - tokenBefore, rssKiB: rss ? Number(rss) : undefined, cpuMs: ownCpu ? Number(ownCpu) : undefined, cpu }
  }

  const skopeoImage = async (image: string): Promise<void> => {
    const common = ['--tls-verify=false', '--creds', `${reg.username}:${reg.password}`]
    const raw = JSON.parse(await exec('skopeo', ['inspect', '--raw', ...common, `docker://${image}`])) as { manifests: Array<{ platform: { architecture: string } }> }
    const archs = raw.manifests.map(m => m.platform.architecture).filter(a => a !== 'unknown')
    for (const arch of archs) {
      const info = JSON.parse(await exec('skopeo', ['inspect', ...common, '--override-os', 'linux', '--override-arch', arch, `docker://${image}`])) as { Created?: string }
      if (!info.Created) throw new Error(`skopeo gave no Created for ${image} ${arch}`)
    }
  }
  const skopeo = async (list: string[]) => {
    proxy.log.length = 0
    const tokenBefore = tokens.requests.length
    const cpu0 = cpuSample(reg.pid)
    const t0 = performance.now()
    await pool(list, 8, skopeoImage)
    const wall = performance.now() - t0
    return { wall, registry: proxy.log.length, token: tokens.requests.length - tokenBefore, cpu: cpuSince(cpu0, reg.pid) }
  }

  // Warm both (page cache, registry caches), then measure.
  await gate(images)
  await skopeo(images.slice(0, 8))

  // Interleaved, so that drift on a shared machine falls on both sides alike.
  const g: Array<Awaited<ReturnType<typeof gate>>> = []
  const s: Array<Awaited<ReturnType<typeof skopeo>>> = []
  for (let i = 0; i < RUNS; i++) {
    g.push(await gate(images, undefined, measuring))
    s.push(await skopeo(images))
  }
  const gMed = median(g.map(r => r.wall))
  const sMed = median(s.map(r => r.wall))
  console.log(`side                  median wall   registry requests   token requests   runs`)
  console.log(`image-gate (dist/)    ${ms(gMed).padStart(11)}   ${String(median(g.map(r => r.registry))).padStart(17)}   ${String(median(g.map(r => r.token))).padStart(14)}   ${RUNS}`)
  console.log(`skopeo ×8             ${ms(sMed).padStart(11)}   ${String(median(s.map(r => r.registry))).padStart(17)}   ${String(median(s.map(r => r.token))).padStart(14)}   ${RUNS}`)
  console.log(`per-run ratios (interleaved pairs): ${g.map((r, i) => (s[i]!.wall / r.wall).toFixed(1)).join(', ')}`)
  console.log(`image-gate CPU time per run: median ${ms(median(g.map(r => r.cpuMs ?? 0)))}`)
  console.log('CPU per run (medians), every process sharing the same cores:')
  console.log('                client   registry   bench process (proxy, token server, spawning)   steal')
  for (const [name, runs] of [['image-gate', g], ['skopeo ×8', s]] as const) {
    const m = (k: 'client' | 'registry' | 'bench' | 'steal', w: number) => ms(median(runs.map(r => r.cpu[k]))).padStart(w)
    console.log(`  ${name.padEnd(11)} ${m('client', 8)}   ${m('registry', 8)}   ${m('bench', 44)}   ${m('steal', 5)}`)
  }
  console.log(`ratio: image-gate is ${(sMed / gMed).toFixed(1)}× faster; ${median(g.map(r => r.registry)) + median(g.map(r => r.token))} requests in all (target ≤ 250, floor 200 + challenge + tokens)\n`)

  console.log('concurrency (requests in flight per registry), same 40 images:')
  for (const c of (process.env.BENCH_SWEEP ?? '2,4,8,16,32').split(',').map(Number)) {
    const runs = []
    for (let i = 0; i < RUNS; i++) runs.push(await gate(images, c))
    console.log(`  concurrency ${String(c).padStart(2)}: median ${ms(median(runs.map(r => r.wall)))}, ${median(runs.map(r => r.registry))} registry requests`)
  }

  if (LARGE > 0) {
    const t1 = Date.now()
    const large = await pushRepos('large', LARGE)
    console.log(`\n${LARGE} images (pushed in ${ms(Date.now() - t1)}), one run each:`)
    for (const c of [16, 32]) {
      const r = await gate(large, c, measuring)
      console.log(`  concurrency ${c}: ${ms(r.wall)} wall (${(r.wall / LARGE).toFixed(1)} ms per image), ${r.registry} registry + ${r.token} token requests, peak RSS ${Math.round((r.rssKiB ?? 0) / 1024)} MiB`)
    }
    const small = await gate(images, 32, measuring)
    console.log(`  for scale, ${IMAGES} images at concurrency 32: ${ms(small.wall)} wall (${(small.wall / IMAGES).toFixed(1)} ms per image), peak RSS ${Math.round((small.rssKiB ?? 0) / 1024)} MiB`)
  }
} finally {
  await proxy.stop()
  await reg.stop()
  rmSync(scratch, { recursive: true, force: true })
}
