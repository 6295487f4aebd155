/**
 * npm run bench: image-gate against skopeo on the same work, in one run.
 *
 * A real registry (docker-registry, token auth with the suite's token server) behind a proxy that delays every
 * request by 20 ms, as a remote registry would, and counts them; the token server answers after 20 ms too.
 * Work: 40 repositories, each an index of linux/amd64 + linux/arm64 + an attestation manifest; check that both
 * platforms exist and read each platform's creation time (platforms + max-age).
 * Peer: skopeo as a user would script it: `skopeo inspect --raw` for the index, then `skopeo inspect
 * --override-arch ARCH` per platform, 8 images at a time.
 * Rows: the plain-HTTP front; a warm cache (`cache:` filled by one run, then the measured runs: registry requests
 * and GETs of manifests, 0 expected); signature-keys on, every index signed with a key as cosign's `.sig` (found
 * through distribution 2.8's fallback: no referrers API), then as a Sigstore bundle listed by the referrers API
 * (the proxy serves the API from what was pushed); one index of 256 unsigned platforms under a signature rule (each
 * platform looked at: the memory a run takes when nothing is signed); and the same work behind an HTTPS front with
 * its own CA (trusted through NODE_EXTRA_CA_CERTS by image-gate and `--cert-dir` by skopeo) that delays each new
 * connection by the same 20 ms, so that connection setup costs what it costs against a remote registry. Each row
 * gives the peak RSS of image-gate's process.
 * Start-up: `node dist/index.js` with nothing to do, and a one-image run against a loopback registry with no added
 * latency, each against a bare `node -e 0`, interleaved.
 */
import { MEASURE_PRELOAD } from './bench-measure.js'
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as http from 'node:http'
import * as https from 'node:https'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startProxy } from '../__tests__/support/fault-proxy.js'
import { freePort, startRegistry } from '../__tests__/support/local-registry.js'
import { Pusher, type PushedIndex } from '../__tests__/support/push.js'
import { SignaturePusher } from '../__tests__/support/sign-push.js'
import {
  BUNDLE_V03,
  COSIGN_SIGN_V1,
  generateKey,
  keyBundle,
  signBytes,
  simpleSigning,
  statement
} from '../__tests__/support/sigstore.js'
import { DIST, cleanup, runAction } from '../__tests__/support/run-action.js'
import { SIGNATURE_BYTES_BUDGET } from '../src/inspect/discover.js'
import { benchNotation } from './bench-notation.js'
import { benchVulnerabilities } from './bench-vulnerabilities.js'

const IMAGES = Number(process.env.BENCH_IMAGES ?? 40)
const LARGE = Number(process.env.BENCH_LARGE ?? 500)
const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 21)
const PLATFORMS = 256
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
function cpuSince(
  a: CpuSample,
  registryPid: number | undefined
): { client: number; registry: number; bench: number; steal: number } {
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
    child.on('close', code =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}: ${err.slice(0, 500)}`))
    )
  })
}

/** A CA and a certificate for 127.0.0.1 that it signs, made with openssl. */
function makeCertificates(dir: string): { caPath: string; keyPath: string; certPath: string } {
  const run = (args: string[]): void => {
    const r = spawnSync('openssl', args, { cwd: dir })
    if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr?.toString()}`)
  }
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']
  run([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=image-gate bench CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign'
  ])
  run(['req', ...ec, '-keyout', 'front.key', '-out', 'front.csr', '-subj', '/CN=127.0.0.1'])
  writeFileSync(join(dir, 'front.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
  run([
    'x509',
    '-req',
    '-in',
    'front.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'front.crt',
    '-days',
    '2',
    '-extfile',
    'front.ext'
  ])
  return { caPath: join(dir, 'ca.crt'), keyPath: join(dir, 'front.key'), certPath: join(dir, 'front.crt') }
}

/**
 * An HTTPS front for `target` (the counting proxy, which delays each request): each new TCP connection waits
 * `delayMs` before its bytes flow, as a remote registry's connection setup would; then TLS, then requests.
 */
async function startTlsFront(
  target: string,
  certs: { keyPath: string; certPath: string },
  delayMs: number
): Promise<{ host: string; connections: () => number; stop: () => Promise<void> }> {
  const up = new URL(target)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const tlsServer = https.createServer(
    { key: readFileSync(certs.keyPath), cert: readFileSync(certs.certPath) },
    (req, res) => {
      const fwd = http.request(
        {
          host: up.hostname,
          port: up.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: up.host },
          agent
        },
        upRes => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers)
          upRes.pipe(res)
        }
      )
      fwd.on('error', e => {
        if (!res.headersSent) res.writeHead(502)
        res.end(String(e))
      })
      req.pipe(fwd)
    }
  )
  const tlsPort = await freePort()
  await new Promise<void>(resolve => tlsServer.listen(tlsPort, '127.0.0.1', resolve))
  const sockets = new Set<net.Socket>()
  let connections = 0
  const front = net.createServer(client => {
    connections++
    client.pause()
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => {})
    setTimeout(() => {
      const inner = net.connect(tlsPort, '127.0.0.1', () => {
        client.pipe(inner)
        inner.pipe(client)
        client.resume()
      })
      sockets.add(inner)
      inner.on('close', () => {
        sockets.delete(inner)
        client.destroy()
      })
      inner.on('error', () => client.destroy())
      client.on('close', () => inner.destroy())
    }, delayMs)
  })
  const port = await freePort()
  await new Promise<void>(resolve => front.listen(port, '127.0.0.1', resolve))
  return {
    host: `127.0.0.1:${port}`,
    connections: () => connections,
    stop: async () => {
      for (const s of sockets) s.destroy()
      agent.destroy()
      tlsServer.closeAllConnections()
      await Promise.all([
        new Promise<void>(r => front.close(() => r())),
        new Promise<void>(r => tlsServer.close(() => r()))
      ])
    }
  }
}

// BENCH_ONLY=notation: the Notation row alone (docs/performance.md).
if (process.env.BENCH_ONLY !== undefined && process.env.BENCH_ONLY !== 'notation')
  throw new Error(`BENCH_ONLY is "${process.env.BENCH_ONLY}": the only row run alone is notation`)
if (process.env.BENCH_ONLY === 'notation') {
  await benchNotation({ images: IMAGES, runs: RUNS, delayMs: DELAY })
  process.exit(0)
}

const scratch = mkdtempSync(join(tmpdir(), 'image-gate-bench-'))
const reg = await startRegistry({ auth: 'token', tokenOptions: { delayMs: DELAY } })
const proxy = await startProxy({ target: reg.url, delayMs: DELAY })
const tokens = reg.tokenServer!
try {
  const push = new Pusher(reg)
  const pushed = new Map<string, PushedIndex>()
  const pushRepos = async (prefix: string, n: number): Promise<string[]> => {
    const names = Array.from({ length: n }, (_, i) => `${prefix}/app-${String(i).padStart(3, '0')}`)
    await pool(names, 16, async name => {
      pushed.set(
        name,
        await push.index(name, {
          tag: '1',
          attestation: true,
          images: [
            { platform: { os: 'linux', architecture: 'amd64' }, user: '1000' },
            { platform: { os: 'linux', architecture: 'arm64' }, user: '1000' }
          ]
        })
      )
    })
    return names.map(name => `${proxy.host}/${name}:1`)
  }

  const started = Date.now()
  const images = await pushRepos('bench', IMAGES)
  console.log(
    `registry: docker-registry (token auth) behind a proxy adding ${DELAY} ms per request; token server +${DELAY} ms`
  )
  console.log(
    `work: ${IMAGES} images, each an index of linux/amd64 + linux/arm64 + an attestation; platforms + max-age (pushed in ${ms(Date.now() - started)})\n`
  )

  // dist/index.js runs as the runner runs it (node dist/index.js), with a preload that reports its CPU and peak RSS.
  const measure = join(scratch, 'measure.cjs')
  writeFileSync(measure, MEASURE_PRELOAD)
  const measuring = ['--require', measure, DIST]
  const gate = async (
    list: string[],
    concurrency?: number,
    argv?: string[],
    opts: {
      cache?: string
      env?: Record<string, string>
      inputs?: Record<string, string>
      /** The result the run must give (pass unless said). */
      result?: 'pass' | 'fail'
    } = {}
  ) => {
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
        ...(concurrency ? { concurrency: String(concurrency) } : {}),
        ...(opts.cache ? { cache: opts.cache } : {}),
        ...opts.inputs
      },
      opts.env ?? {},
      600_000,
      undefined,
      argv
    )
    const wall = performance.now() - t0
    const cpu = cpuSince(cpu0, reg.pid)
    const expected = opts.result ?? 'pass'
    if (run.code !== (expected === 'pass' ? 0 : 1) || run.outputs.result !== expected)
      throw new Error(`image-gate gave ${run.outputs.result} (expected ${expected}): ${run.stdout.slice(-2000)}`)
    const rss = /IG_MAXRSS (\d+)/.exec(run.stderr)?.[1]
    const ownCpu = /IG_CPU (\d+)/.exec(run.stderr)?.[1]
    cleanup(run)
    const manifestGets = proxy.log.filter(e => e.method === 'GET' && e.path.includes('/manifests/')).length
    const blobGets = proxy.log.filter(e => e.method === 'GET' && e.path.includes('/blobs/')).length
    return {
      wall,
      registry: proxy.log.length,
      manifestGets,
      blobGets,
      token: tokens.requests.length - tokenBefore,
      rssKiB: rss ? Number(rss) : undefined,
      cpuMs: ownCpu ? Number(ownCpu) : undefined,
      cpu
    }
  }

  const skopeoImage = async (image: string, certDir?: string): Promise<void> => {
    const common = [
      ...(certDir ? ['--cert-dir', certDir] : ['--tls-verify=false']),
      '--creds',
      `${reg.username}:${reg.password}`
    ]
    const raw = JSON.parse(await exec('skopeo', ['inspect', '--raw', ...common, `docker://${image}`])) as {
      manifests: Array<{ platform: { architecture: string } }>
    }
    const archs = raw.manifests.map(m => m.platform.architecture).filter(a => a !== 'unknown')
    for (const arch of archs) {
      const info = JSON.parse(
        await exec('skopeo', [
          'inspect',
          ...common,
          '--override-os',
          'linux',
          '--override-arch',
          arch,
          `docker://${image}`
        ])
      ) as { Created?: string }
      if (!info.Created) throw new Error(`skopeo gave no Created for ${image} ${arch}`)
    }
  }
  const skopeo = async (list: string[], certDir?: string) => {
    proxy.log.length = 0
    const tokenBefore = tokens.requests.length
    const cpu0 = cpuSample(reg.pid)
    const t0 = performance.now()
    await pool(list, 8, image => skopeoImage(image, certDir))
    const wall = performance.now() - t0
    const manifestGets = proxy.log.filter(e => e.method === 'GET' && e.path.includes('/manifests/')).length
    const blobGets = proxy.log.filter(e => e.method === 'GET' && e.path.includes('/blobs/')).length
    return {
      wall,
      registry: proxy.log.length,
      manifestGets,
      blobGets,
      token: tokens.requests.length - tokenBefore,
      cpu: cpuSince(cpu0, reg.pid)
    }
  }

  let bareNode = 0
  // Start-up: what a run costs before and around its first request, against a loopback registry with no added
  // latency (anonymous: no token round trip), each figure against a bare `node -e 0` run just before it.
  const quick = await startRegistry({ auth: 'anonymous' })
  try {
    await new Pusher(quick).index('one/app', {
      tag: '1',
      attestation: true,
      images: [
        { platform: { os: 'linux', architecture: 'amd64' }, user: '1000' },
        { platform: { os: 'linux', architecture: 'arm64' }, user: '1000' }
      ]
    })
    const outputFile = join(scratch, 'startup-output')
    writeFileSync(outputFile, '')
    const oneImage = {
      INPUT_IMAGES: `${quick.host}/one/app:1`,
      INPUT_PLATFORMS: 'linux/amd64,linux/arm64',
      'INPUT_MAX-AGE': '30d',
      INPUT_SUMMARY: 'false'
    }
    const timed = async (args: string[], inputs: Record<string, string>, code: number): Promise<number> => {
      const env = { PATH: process.env.PATH ?? '', HOME: scratch, GITHUB_OUTPUT: outputFile, ...inputs }
      const t0 = performance.now()
      const exit = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, args, { env, cwd: scratch, stdio: 'ignore' })
        child.on('error', reject)
        child.on('close', resolve)
      })
      const wall = performance.now() - t0
      if (exit !== code) throw new Error(`${args.join(' ')}: exit ${exit}, expected ${code}`)
      return wall
    }
    const bare: number[] = []
    const idle: number[] = []
    const one: number[] = []
    for (let i = 0; i < 3; i++) await timed([DIST], oneImage, 0)
    for (let i = 0; i < STARTUP_RUNS; i++) {
      bare.push(await timed(['-e', '0'], {}, 0))
      idle.push(await timed([DIST], {}, 1))
      one.push(await timed([DIST], oneImage, 0))
    }
    const rssRun = spawnSync(process.execPath, ['--require', measure, DIST], {
      env: { PATH: process.env.PATH ?? '', HOME: scratch, GITHUB_OUTPUT: outputFile, ...oneImage },
      cwd: scratch
    })
    const oneRss = Math.round(Number(/IG_MAXRSS (\d+)/.exec(rssRun.stderr.toString())?.[1] ?? 0) / 1024)
    const [b, n, o] = [median(bare), median(idle), median(one)]
    bareNode = b
    console.log(
      `start-up (medians of ${STARTUP_RUNS} interleaved runs; loopback registry, no added latency; Node ${process.version}):`
    )
    console.log(`  node -e 0                                  ${ms(b).padStart(7)}`)
    console.log(`  node dist/index.js, nothing to do          ${ms(n).padStart(7)}   +${ms(n - b)} over bare Node`)
    console.log(
      `  node dist/index.js, one image (2 platforms) ${ms(o).padStart(6)}   +${ms(o - b)} over bare Node (target ≤ +60 ms); peak RSS ${oneRss} MiB\n`
    )
  } finally {
    await quick.stop()
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
  console.log(
    `image-gate (dist/)    ${ms(gMed).padStart(11)}   ${String(median(g.map(r => r.registry))).padStart(17)}   ${String(median(g.map(r => r.token))).padStart(14)}   ${RUNS}`
  )
  console.log(
    `skopeo ×8             ${ms(sMed).padStart(11)}   ${String(median(s.map(r => r.registry))).padStart(17)}   ${String(median(s.map(r => r.token))).padStart(14)}   ${RUNS}`
  )
  console.log(`per-run ratios (interleaved pairs): ${g.map((r, i) => (s[i]!.wall / r.wall).toFixed(1)).join(', ')}`)
  console.log(`image-gate CPU time per run: median ${ms(median(g.map(r => r.cpuMs ?? 0)))}`)
  console.log('CPU per run (medians), every process sharing the same cores:')
  console.log('                client   registry   bench process (proxy, token server, spawning)   steal')
  for (const [name, runs] of [
    ['image-gate', g],
    ['skopeo ×8', s]
  ] as const) {
    const m = (k: 'client' | 'registry' | 'bench' | 'steal', w: number) =>
      ms(median(runs.map(r => r.cpu[k]))).padStart(w)
    console.log(`  ${name.padEnd(11)} ${m('client', 8)}   ${m('registry', 8)}   ${m('bench', 44)}   ${m('steal', 5)}`)
  }
  console.log(
    `ratio: image-gate is ${(sMed / gMed).toFixed(1)}× faster than skopeo ×8 (target ≥ 8×); ${median(g.map(r => r.registry)) + median(g.map(r => r.token))} requests in all (target ≤ 210; floor 200 + challenge + token)\n`
  )

  // The registry's own floor on this machine: the plain run's 200 requests sent by curl, a client that spends next to
  // no CPU, with a token in hand and every URL known in advance (no index before its manifests), 32 at a time through
  // the same proxy. With the registry on the same cores, no client could do the plain row faster than bare Node's
  // start-up, the challenge and the token (two round trips), and this.
  const repoOf = (image: string): string => image.slice(proxy.host.length + 1, -2)
  const curlConfig = join(scratch, 'floor.curl')
  const token = tokens.issue(images.map(image => `repository:${repoOf(image)}:pull`))
  const floorUrls = [...pushed.values()]
    .filter(p => images.some(image => repoOf(image) === p.repo))
    .flatMap(p => [
      `http://${proxy.host}/v2/${p.repo}/manifests/${p.tag}`,
      ...p.children.flatMap(c => [
        `http://${proxy.host}/v2/${p.repo}/manifests/${c.digest}`,
        `http://${proxy.host}/v2/${p.repo}/blobs/${c.configDigest}`
      ])
    ])
  writeFileSync(
    curlConfig,
    [
      `header = "Authorization: Bearer ${token}"`,
      'header = "Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json"',
      ...floorUrls.flatMap(u => [`url = "${u}"`, 'output = "/dev/null"'])
    ].join('\n')
  )
  const floorRuns: number[] = []
  for (let i = 0; i < RUNS; i++) {
    proxy.log.length = 0
    const t0 = performance.now()
    await exec('curl', ['-sSf', '--parallel', '--parallel-max', '32', '-K', curlConfig])
    floorRuns.push(performance.now() - t0)
    if (proxy.log.length !== floorUrls.length || proxy.log.some(e => e.status !== 200))
      throw new Error(`curl's floor run sent ${proxy.log.length} requests, not all answered 200`)
  }
  const floorMed = median(floorRuns)
  const bound = bareNode + 2 * DELAY + floorMed
  console.log(
    `the registry's floor here: curl sends the same ${floorUrls.length} requests (URLs known, token in hand, 32 at a time) in ${ms(floorMed)};`
  )
  console.log(
    `  with bare Node's start-up (${ms(bareNode)}) and the challenge and token (2 × ${DELAY} ms), no client sending 32 at a time could do the plain row in under ${ms(bound)}:`
  )
  console.log(
    `  at most ${(sMed / bound).toFixed(1)}× skopeo ×8 on this machine; image-gate spends ${ms(gMed - bound)} over that bound\n`
  )

  // A warm cache: one run fills it, then every measured run finds each tag's manifests and configs there.
  const cacheDir = join(scratch, 'cache')
  await gate(images, undefined, undefined, { cache: cacheDir })
  const warm: Array<Awaited<ReturnType<typeof gate>>> = []
  for (let i = 0; i < RUNS; i++) warm.push(await gate(images, undefined, measuring, { cache: cacheDir }))
  const wMed = median(warm.map(r => r.wall))

  // signature-keys on: every index signed with a key, as `cosign sign --key` writes it (a `.sig` tag), found through
  // distribution 2.8's fallback. Floor per image: the referrers API's 404, the referrers tag, the `.sig` and `.att`
  // tags, and the signature layer.
  const key = generateKey('p256')
  const signing = new SignaturePusher(push)
  await pool(images, 16, async image => {
    const repo = repoOf(image)
    const digest = pushed.get(repo)!.digest
    const payload = simpleSigning(repo, digest)
    await signing.cosignSig(repo, digest, [{ payload, signature: signBytes(key, payload) }])
  })
  const keyInputs = { 'signature-keys': key.pem }
  await gate(images, undefined, undefined, { inputs: keyInputs })
  const signed: Array<Awaited<ReturnType<typeof gate>>> = []
  for (let i = 0; i < RUNS; i++) signed.push(await gate(images, undefined, measuring, { inputs: keyInputs }))
  const kMed = median(signed.map(r => r.wall))

  // The referrers API, served by the proxy from what was pushed (distribution 2.8 has none), and every index signed
  // again, as cosign 3 signs: a Sigstore bundle (a signed cosign sign/v1 statement) listed as a referrer. Floor per
  // image: one listing, the referrer manifest and its bundle; no `.sig`/`.att` probe (the `.sig` is still there).
  proxy.intercept(req => {
    const answer = signing.referrersAnswer({ method: req.method, url: req.path })
    return answer ? { kind: 'respond', ...answer } : undefined
  })
  await pool(images, 8, async image => {
    const repo = repoOf(image)
    const index = pushed.get(repo)!
    const bundle = await keyBundle(key, {
      dsse: statement([{ name: repo, digest: index.digest }], COSIGN_SIGN_V1)
    })
    await signing.referrer(
      repo,
      { mediaType: 'application/vnd.oci.image.index.v1+json', digest: index.digest, size: index.indexBytes.length },
      BUNDLE_V03,
      Buffer.from(JSON.stringify(bundle))
    )
  })
  await gate(images, undefined, undefined, { inputs: keyInputs })
  const bundled: Array<Awaited<ReturnType<typeof gate>>> = []
  for (let i = 0; i < RUNS; i++) bundled.push(await gate(images, undefined, measuring, { inputs: keyInputs }))
  const bMed = median(bundled.map(r => r.wall))

  // One index of 256 platforms, nothing signed, under a signature rule alone: the index and then every platform is
  // looked at (a listing each, then cosign's two tags), and the run fails; what it costs in memory is the point.
  await push.index('bench/wide', {
    tag: '1',
    images: Array.from({ length: PLATFORMS }, (_, i) => ({
      platform: { os: 'linux', architecture: i % 2 === 0 ? 'amd64' : 'arm64', variant: `v${i}` }
    }))
  })
  const wideImage = [`${proxy.host}/bench/wide:1`]
  const wideInputs = { ...keyInputs, platforms: '', 'max-age': '' }
  await gate(wideImage, undefined, undefined, { inputs: wideInputs, result: 'fail' })
  const wideRuns: Array<Awaited<ReturnType<typeof gate>>> = []
  for (let i = 0; i < RUNS; i++)
    wideRuns.push(await gate(wideImage, undefined, measuring, { inputs: wideInputs, result: 'fail' }))
  const wMed256 = median(wideRuns.map(r => r.wall))

  // The same work over HTTPS: a CA both sides trust, and a front that delays each new connection by DELAY ms.
  const certDir = join(scratch, 'certs')
  mkdirSync(certDir)
  const certs = makeCertificates(certDir)
  const skopeoCerts = join(scratch, 'skopeo-certs')
  mkdirSync(skopeoCerts)
  writeFileSync(join(skopeoCerts, 'ca.crt'), readFileSync(certs.caPath))
  const tlsFront = await startTlsFront(proxy.url, certs, DELAY)
  const tlsImages = images.map(i => i.replace(proxy.host, tlsFront.host))
  const tlsEnv = { NODE_EXTRA_CA_CERTS: certs.caPath }
  const tg: Array<Awaited<ReturnType<typeof gate>> & { connections: number }> = []
  const ts: Array<Awaited<ReturnType<typeof skopeo>> & { connections: number }> = []
  try {
    await gate(tlsImages, undefined, undefined, { env: tlsEnv })
    await skopeo(tlsImages.slice(0, 8), skopeoCerts)
    for (let i = 0; i < RUNS; i++) {
      let c0 = tlsFront.connections()
      tg.push({
        ...(await gate(tlsImages, undefined, measuring, { env: tlsEnv })),
        connections: tlsFront.connections() - c0
      })
      c0 = tlsFront.connections()
      ts.push({ ...(await skopeo(tlsImages, skopeoCerts)), connections: tlsFront.connections() - c0 })
    }
  } finally {
    await tlsFront.stop()
  }
  const tgMed = median(tg.map(r => r.wall))
  const tsMed = median(ts.map(r => r.wall))

  console.log(
    '\nrows (medians)                              wall   registry requests   manifest GETs   blob GETs   token requests   connections   peak RSS'
  )
  const row = (
    name: string,
    wall: number,
    runs: Array<{
      registry: number
      token: number
      manifestGets?: number
      blobGets?: number
      connections?: number
      rssKiB?: number
    }>
  ) =>
    console.log(
      `${name.padEnd(39)} ${ms(wall).padStart(9)}   ${String(median(runs.map(r => r.registry))).padStart(17)}   ${String(
        median(runs.map(r => r.manifestGets ?? NaN))
      )
        .replace('NaN', '—')
        .padStart(13)}   ${String(median(runs.map(r => r.blobGets ?? NaN)))
        .replace('NaN', '—')
        .padStart(9)}   ${String(median(runs.map(r => r.token))).padStart(14)}   ${String(
        median(runs.map(r => r.connections ?? NaN))
      )
        .replace('NaN', '—')
        .padStart(11)}   ${(runs.every(r => r.rssKiB !== undefined)
        ? `${Math.round(median(runs.map(r => r.rssKiB!)) / 1024)} MiB`
        : '—'
      ).padStart(8)}`
    )
  row('image-gate, HTTP', gMed, g)
  row('image-gate, HTTP, warm cache', wMed, warm)
  row('image-gate, .sig (no referrers API)', kMed, signed)
  row('image-gate, bundle (referrers API)', bMed, bundled)
  row(`image-gate, ${PLATFORMS}-platform index, unsigned`, wMed256, wideRuns)
  row('skopeo ×8, HTTP', sMed, s)
  row('image-gate, HTTPS', tgMed, tg)
  row('skopeo ×8, HTTPS', tsMed, ts)
  console.log(
    `warm cache: ${median(warm.map(r => r.manifestGets))} manifest GETs (expected 0); ${(gMed / wMed).toFixed(1)}× the cold speed`
  )
  console.log(
    `HTTPS, ${DELAY} ms per new connection: image-gate is ${(tsMed / tgMed).toFixed(1)}× faster than skopeo ×8\n`
  )
  const plainRequests = median(g.map(r => r.registry))
  const sigFloor = plainRequests + 5 * IMAGES
  console.log(
    `.sig, no referrers API: ${median(signed.map(r => r.registry))} registry requests against a floor of ${sigFloor} (the plain run's + per image: referrers 404, referrers tag, .sig, .att, signature layer); ${(kMed / gMed).toFixed(2)}× the plain wall`
  )
  const bundleFloor = plainRequests + 3 * IMAGES
  console.log(
    `bundle, referrers API: ${median(bundled.map(r => r.registry))} registry requests against a floor of ${bundleFloor} (the plain run's + per image: the listing, the referrer manifest, the bundle; no .sig/.att probe); ${(bMed / gMed).toFixed(2)}× the plain wall`
  )
  console.log(
    `${PLATFORMS}-platform unsigned index: ${median(wideRuns.map(r => r.registry))} registry requests (the index and each platform's manifest; for the index and each platform a listing, .sig and .att); peak RSS ${Math.round(median(wideRuns.map(r => r.rssKiB ?? 0)) / 1024)} MiB (the run's signature budget: ${SIGNATURE_BYTES_BUDGET >> 20} MiB)\n`
  )
  if (median(warm.map(r => r.manifestGets)) !== 0) throw new Error('the warm-cache run sent GETs of manifests')

  console.log('concurrency (requests in flight per registry), same 40 images:')
  for (const c of (process.env.BENCH_SWEEP ?? '2,4,8,16,32').split(',').map(Number)) {
    const runs = []
    for (let i = 0; i < RUNS; i++) runs.push(await gate(images, c))
    console.log(
      `  concurrency ${String(c).padStart(2)}: median ${ms(median(runs.map(r => r.wall)))}, ${median(runs.map(r => r.registry))} registry requests`
    )
  }

  if (LARGE > 0) {
    const t1 = Date.now()
    const large = await pushRepos('large', LARGE)
    console.log(`\n${LARGE} images (pushed in ${ms(Date.now() - t1)}), one run each:`)
    for (const c of [16, 32]) {
      const r = await gate(large, c, measuring)
      console.log(
        `  concurrency ${c}: ${ms(r.wall)} wall (${(r.wall / LARGE).toFixed(1)} ms per image), ${r.registry} registry + ${r.token} token requests, peak RSS ${Math.round((r.rssKiB ?? 0) / 1024)} MiB`
      )
    }
    const small = await gate(images, 32, measuring)
    console.log(
      `  for scale, ${IMAGES} images at concurrency 32: ${ms(small.wall)} wall (${(small.wall / IMAGES).toFixed(1)} ms per image), peak RSS ${Math.round((small.rssKiB ?? 0) / 1024)} MiB`
    )
  }
  await benchVulnerabilities({ images: IMAGES, runs: RUNS, delayMs: DELAY })
  await benchNotation({ images: IMAGES, runs: RUNS, delayMs: DELAY })
} finally {
  await proxy.stop()
  await reg.stop()
  rmSync(scratch, { recursive: true, force: true })
}
