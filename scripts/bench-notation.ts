/**
 * npm run bench, the Notation row: image-gate verifying Notary Project signatures with a trust policy and a trust
 * store, against the same images checked without them, in one run.
 *
 * The registry (docker-registry, token auth) sits behind a proxy that delays every request by `delayMs`, counts them
 * and serves the referrers API from what was pushed (distribution 2.8 has none), as the bundle row does. Work:
 * `images` repositories, each an index of linux/amd64 + linux/arm64 + an attestation manifest, the index signed with
 * Notation: a JWS envelope (RSA 2048 leaf under a P-256 root, __tests__/support/notation.ts) pushed as a referrer of
 * artifact type application/vnd.cncf.notary.signature. Rows: platforms + max-age alone, then with
 * notation-trust-policy and notation-trust-store (wall, registry requests, token requests, peak RSS); the floor per
 * image is the listing, the referrer manifest and the envelope, no `.sig`/`.att` probe.
 * Run alone: `BENCH_ONLY=notation npm run bench`, or `npx tsx scripts/bench-notation.ts` after `npm run -s bundle`.
 */
import { MEASURE_PRELOAD } from './bench-measure.js'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startProxy } from '../__tests__/support/fault-proxy.js'
import { startRegistry } from '../__tests__/support/local-registry.js'
import { makeChain, signJws } from '../__tests__/support/notation.js'
import { Pusher, type PushedIndex } from '../__tests__/support/push.js'
import { SignaturePusher } from '../__tests__/support/sign-push.js'
import { DIST, cleanup, runAction } from '../__tests__/support/run-action.js'

const NOTATION = 'application/vnd.cncf.notary.signature'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (n: number): string => `${Math.round(n)} ms`

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
}

export async function benchNotation(opts: { images: number; runs: number; delayMs: number }): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'image-gate-bench-notation-'))
  const reg = await startRegistry({ auth: 'token', tokenOptions: { delayMs: opts.delayMs } })
  const proxy = await startProxy({ target: reg.url, delayMs: opts.delayMs })
  const tokens = reg.tokenServer!
  try {
    const push = new Pusher(reg)
    const signing = new SignaturePusher(push)
    proxy.intercept(req => {
      const answer = signing.referrersAnswer({ method: req.method, url: req.path })
      return answer ? { kind: 'respond', ...answer } : undefined
    })
    const chain = await makeChain()
    const repos = Array.from({ length: opts.images }, (_, i) => `notation/app-${String(i).padStart(3, '0')}`)
    const pushed = new Map<string, PushedIndex>()
    const t0 = Date.now()
    let envelopeBytes = 0
    await pool(repos, 8, async repo => {
      const index = await push.index(repo, {
        tag: '1',
        attestation: true,
        images: [
          { platform: { os: 'linux', architecture: 'amd64' }, user: '1000' },
          { platform: { os: 'linux', architecture: 'arm64' }, user: '1000' }
        ]
      })
      pushed.set(repo, index)
      const descriptor = { mediaType: OCI_INDEX, digest: index.digest, size: index.indexBytes.length }
      const envelope = signJws(chain, descriptor)
      envelopeBytes += envelope.length
      await signing.referrer(repo, descriptor, NOTATION, envelope, 'application/jose+json')
    })
    const images = repos.map(r => `${proxy.host}/${r}:1`)
    console.log(
      `\nnotation: ${opts.images} images, each an index of linux/amd64 + linux/arm64 + an attestation, signed with Notation (a ${Math.round(envelopeBytes / opts.images)}-byte JWS envelope, listed by the referrers API); pushed in ${ms(Date.now() - t0)}`
    )

    const measure = join(scratch, 'measure.cjs')
    writeFileSync(measure, MEASURE_PRELOAD)
    const trustPolicy = JSON.stringify({
      version: '1.0',
      trustPolicies: [
        {
          name: 'bench',
          registryScopes: ['*'],
          signatureVerification: { level: 'strict' },
          trustStores: ['ca:bench'],
          trustedIdentities: ['x509.subject: C=US, ST=WA, O=Acme']
        }
      ]
    })
    const gate = async (notation: boolean) => {
      proxy.log.length = 0
      const tokenBefore = tokens.requests.length
      const t = performance.now()
      const run = await runAction(
        {
          images: images.join('\n'),
          platforms: 'linux/amd64,linux/arm64',
          'max-age': '30d',
          username: reg.username,
          password: reg.password,
          summary: 'false',
          ...(notation ? { 'notation-trust-policy': 'trustpolicy.json', 'notation-trust-store': 'truststore' } : {})
        },
        {},
        600_000,
        dir => {
          mkdirSync(join(dir, 'truststore/x509/ca/bench'), { recursive: true })
          writeFileSync(join(dir, 'truststore/x509/ca/bench/root.pem'), chain.root.pem)
          writeFileSync(join(dir, 'trustpolicy.json'), trustPolicy)
        },
        ['--require', measure, DIST]
      )
      const wall = performance.now() - t
      if (run.code !== 0 || run.outputs.result !== 'pass')
        throw new Error(`image-gate failed: ${run.stdout.slice(-3000)}`)
      const rss = Number(/IG_MAXRSS (\d+)/.exec(run.stderr)?.[1] ?? NaN)
      const cpuMs = Number(/IG_CPU (\d+)/.exec(run.stderr)?.[1] ?? NaN)
      cleanup(run)
      const referrers = proxy.log.filter(e => /\/referrers\//.test(e.path)).length
      const cosignTags = proxy.log.filter(e => /\/manifests\/sha256-[0-9a-f]{64}\.(sig|att)$/.test(e.path)).length
      return {
        wall,
        registry: proxy.log.length,
        token: tokens.requests.length - tokenBefore,
        referrers,
        cosignTags,
        cpuMs,
        rssMiB: rss / 1024
      }
    }

    await gate(true)
    const plain: Array<Awaited<ReturnType<typeof gate>>> = []
    const signed: Array<Awaited<ReturnType<typeof gate>>> = []
    for (let i = 0; i < opts.runs; i++) {
      plain.push(await gate(false))
      signed.push(await gate(true))
    }
    const m = <T>(runs: T[], f: (r: T) => number): number => median(runs.map(f))
    console.log(
      'rows (medians)                                  wall   registry requests   token requests   peak RSS   image-gate CPU'
    )
    const row = (name: string, runs: Array<Awaited<ReturnType<typeof gate>>>) =>
      console.log(
        `${name.padEnd(44)} ${ms(m(runs, r => r.wall)).padStart(8)}   ${String(m(runs, r => r.registry)).padStart(17)}   ${String(
          m(runs, r => r.token)
        ).padStart(
          14
        )}   ${`${Math.round(m(runs, r => r.rssMiB))} MiB`.padStart(8)}   ${ms(m(runs, r => r.cpuMs)).padStart(14)}`
      )
    row('image-gate, platforms + max-age', plain)
    row('image-gate, Notation (JWS, referrers API)', signed)
    const floor = m(plain, r => r.registry) + 3 * opts.images
    console.log(
      `Notation, referrers API: ${m(signed, r => r.registry)} registry requests against a floor of ${floor} (the plain run's + per image: the listing, the referrer manifest, the envelope; no .sig/.att probe: ${m(signed, r => r.cosignTags)} seen, ${m(signed, r => r.referrers)} listings); ${(m(signed, r => r.wall) / m(plain, r => r.wall)).toFixed(2)}× the plain wall, +${ms(m(signed, r => r.wall) - m(plain, r => r.wall))}`
    )
  } finally {
    await proxy.stop()
    await reg.stop()
    rmSync(scratch, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchNotation({
    images: Number(process.env.BENCH_IMAGES ?? 40),
    runs: Number(process.env.BENCH_RUNS ?? 3),
    delayMs: 20
  })
}
