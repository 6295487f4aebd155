/**
 * npm run bench, the vulnerabilities row: image-gate reading each platform's SBOM from the registry and asking the
 * vulnerability database, against a scanner-style baseline that pulls every layer of the same images, in one run.
 *
 * The registry (docker-registry, token auth) sits behind a proxy that delays every request by `delayMs` and counts
 * them; the database is the OSV stand-in (__tests__/support/osv-server.ts) on loopback, serving real records.
 * Work: `images` repositories, each an index of linux/amd64 + linux/arm64 whose layers are a shared base (8 MiB
 * per platform, as images share a distribution) and an application layer of 1 MiB, plus BuildKit's in-index
 * attestation manifests: an SPDX 2.3 SBOM of 300 packages per platform (240 shared distribution packages, 57 the
 * image's own, and 3 with known vulnerabilities). Rows: image-gate with platforms only, then with `vulnerabilities`
 * on (wall, registry requests, database requests, peak RSS); the baseline GETs each image's index, its linux/amd64
 * manifest and every layer of it, 8 images at a time, as a scanner does before it scans (bytes and wall).
 * Run alone: `npx tsx scripts/bench-vulnerabilities.ts` after `npm run -s bundle`.
 */
import { MEASURE_PRELOAD } from './bench-measure.js'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startProxy } from '../__tests__/support/fault-proxy.js'
import { startRegistry } from '../__tests__/support/local-registry.js'
import { startOsvServer } from '../__tests__/support/osv-server.js'
import { Pusher, type Descriptor } from '../__tests__/support/push.js'
import { DIST, cleanup, runAction } from '../__tests__/support/run-action.js'

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json'
const IN_TOTO = 'application/vnd.in-toto+json'
const SPDX = 'https://spdx.dev/Document'
const MiB = 1 << 20

/** The gate found no SBOM where the images carry one: the build reads none yet. */
class NoSbom extends Error {}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (n: number): string => `${Math.round(n)} ms`
const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
}

/** The purls of one image's SBOM: the shared distribution, the image's own packages, three known vulnerable. */
function purls(image: number, arch: string): string[] {
  const distro = Array.from(
    { length: 240 },
    (_, i) => `pkg:deb/debian/bench-lib${i}@1.${i}-1?arch=${arch}&distro=debian-12`
  )
  const own = Array.from({ length: 57 }, (_, j) => `pkg:npm/bench-app${image}-dep${j}@1.0.${j}`)
  const vulnerable = ['pkg:npm/lodash@4.17.20', 'pkg:pypi/requests@2.30.0', 'pkg:golang/golang.org/x/net@v0.16.0']
  return [...distro, ...own, ...vulnerable]
}

/** BuildKit's SBOM attestation for one platform manifest: an in-toto statement with an SPDX 2.3 predicate. */
function sbomStatement(image: number, arch: string, subject: string): Buffer {
  const packages = purls(image, arch).map((purl, i) => ({
    SPDXID: `SPDXRef-Package-${i}`,
    name: purl.split('/').pop()!.split('@')[0]!,
    versionInfo: purl.split('@')[1]!.split('?')[0]!,
    downloadLocation: 'NOASSERTION',
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'MIT',
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }]
  }))
  const predicate = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `bench-${image}`,
    documentNamespace: `https://example.com/bench/${image}/${arch}`,
    creationInfo: { created: new Date().toISOString(), creators: ['Tool: image-gate-bench'] },
    packages
  }
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: SPDX,
      subject: [{ name: `bench-${image}`, digest: { sha256: subject.slice('sha256:'.length) } }],
      predicate
    })
  )
}

/** An index of two platforms and their SBOM attestation manifests, as BuildKit pushes it; its linux/amd64 layers. */
async function pushImage(
  push: Pusher,
  repo: string,
  image: number,
  bases: Record<string, Buffer>
): Promise<{ sbomBytes: number }> {
  const entries: Descriptor[] = []
  const attestations: Descriptor[] = []
  let sbomBytes = 0
  for (const arch of ['amd64', 'arm64']) {
    const child = await push.image(repo, {
      platform: { os: 'linux', architecture: arch },
      layers: [bases[arch]!, randomBytes(MiB)],
      user: '1000'
    })
    entries.push(child.descriptor)
    const statement = sbomStatement(image, arch, child.digest)
    sbomBytes += statement.length
    const layer = { ...(await push.blob(repo, statement, IN_TOTO)), annotations: { 'in-toto.io/predicate-type': SPDX } }
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'unknown',
        os: 'unknown',
        config: {},
        rootfs: { type: 'layers', diff_ids: [sha256(statement)] }
      })
    )
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: await push.blob(repo, config, OCI_CONFIG),
        layers: [layer]
      })
    )
    const digest = await push.manifest(repo, sha256(manifest), manifest, OCI_MANIFEST)
    attestations.push({
      mediaType: OCI_MANIFEST,
      digest,
      size: manifest.length,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': child.digest }
    })
  }
  const index = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...entries, ...attestations] })
  )
  await push.manifest(repo, '1', index, OCI_INDEX)
  return { sbomBytes }
}

export async function benchVulnerabilities(opts: { images: number; runs: number; delayMs: number }): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'image-gate-bench-vulns-'))
  const reg = await startRegistry({ auth: 'token', tokenOptions: { delayMs: opts.delayMs } })
  const proxy = await startProxy({ target: reg.url, delayMs: opts.delayMs })
  const osv = await startOsvServer()
  try {
    const push = new Pusher(reg)
    const bases = { amd64: randomBytes(8 * MiB), arm64: randomBytes(8 * MiB) }
    const repos = Array.from({ length: opts.images }, (_, i) => `vulns/app-${String(i).padStart(3, '0')}`)
    const t0 = Date.now()
    let sbomBytes = 0
    await pool(repos, 8, async repo => {
      const pushed = await pushImage(push, repo, repos.indexOf(repo), bases)
      sbomBytes += pushed.sbomBytes
    })
    const images = repos.map(r => `${proxy.host}/${r}:1`)
    console.log(
      `\nvulnerabilities: ${opts.images} images of linux/amd64 + linux/arm64 (8 MiB shared base + 1 MiB own layer each), an SPDX SBOM of 300 packages per platform (${Math.round(sbomBytes / opts.images / 2 / 1024)} KiB in-toto statement); pushed in ${ms(Date.now() - t0)}`
    )

    const measure = join(scratch, 'measure.cjs')
    writeFileSync(measure, MEASURE_PRELOAD)
    const gate = async (vulnerabilities: boolean) => {
      proxy.log.length = 0
      osv.requests.length = 0
      const t = performance.now()
      const run = await runAction(
        {
          images: images.join('\n'),
          platforms: 'linux/amd64,linux/arm64',
          username: reg.username,
          password: reg.password,
          summary: 'false',
          ...(vulnerabilities ? { vulnerabilities: 'critical', 'vulnerability-db': osv.url } : {})
        },
        {},
        600_000,
        undefined,
        ['--require', measure, DIST]
      )
      const wall = performance.now() - t
      if (run.code !== 0 || run.outputs.result !== 'pass') {
        if (/vulnerabilities cannot be checked: no SBOM/.test(run.stdout)) throw new NoSbom()
        throw new Error(`image-gate failed: ${run.stdout.slice(-3000)}`)
      }
      const rss = Number(/IG_MAXRSS (\d+)/.exec(run.stderr)?.[1] ?? NaN)
      const found = /(\d+) packages asked of/.exec(run.stdout)?.[1]
      cleanup(run)
      return {
        wall,
        registry: proxy.log.length,
        osv: osv.requests.length,
        batches: osv.count('batch'),
        records: osv.count('vulns'),
        asked: found ? Number(found) : undefined,
        rssMiB: rss / 1024
      }
    }

    /** A scanner's pull: the index, the linux/amd64 manifest, its config and every layer, bytes counted. */
    const scanner = async () => {
      proxy.log.length = 0
      let bytes = 0
      const t = performance.now()
      await pool(repos, 8, async repo => {
        const headers = { authorization: reg.pushAuth(repo)! }
        const get = async (path: string, accept?: string): Promise<Buffer> => {
          const res = await fetch(`${proxy.url}/v2/${repo}/${path}`, {
            headers: { ...headers, ...(accept ? { accept } : {}) }
          })
          if (!res.ok) throw new Error(`scanner: ${repo} ${path}: ${res.status}`)
          const b = Buffer.from(await res.arrayBuffer())
          bytes += b.length
          return b
        }
        const index = JSON.parse((await get('manifests/1', OCI_INDEX)).toString()) as { manifests: Descriptor[] }
        const amd = index.manifests.find(m => m.platform?.architecture === 'amd64')!
        const manifest = JSON.parse((await get(`manifests/${amd.digest}`, OCI_MANIFEST)).toString()) as {
          config: Descriptor
          layers: Descriptor[]
        }
        await get(`blobs/${manifest.config.digest}`)
        for (const l of manifest.layers) await get(`blobs/${l.digest}`)
      })
      return { wall: performance.now() - t, registry: proxy.log.length, bytes }
    }

    try {
      await gate(true)
    } catch (e) {
      if (!(e instanceof NoSbom)) throw e
      console.log(
        'vulnerabilities row: not measured: this build finds no SBOM in the in-index attestations (no platform gets content.sbom)'
      )
      return
    }
    await scanner()
    const plain: Array<Awaited<ReturnType<typeof gate>>> = []
    const vulns: Array<Awaited<ReturnType<typeof gate>>> = []
    const scans: Array<Awaited<ReturnType<typeof scanner>>> = []
    for (let i = 0; i < opts.runs; i++) {
      plain.push(await gate(false))
      vulns.push(await gate(true))
      scans.push(await scanner())
    }
    const m = <T>(runs: T[], f: (r: T) => number): number => median(runs.map(f))
    console.log(
      'rows (medians)                                  wall   registry requests   OSV requests   peak RSS   bytes from the registry'
    )
    const row = (name: string, wall: number, registry: number, osvRequests: string, rss: string, bytes: string) =>
      console.log(
        `${name.padEnd(44)} ${ms(wall).padStart(8)}   ${String(registry).padStart(17)}   ${osvRequests.padStart(12)}   ${rss.padStart(8)}   ${bytes}`
      )
    row(
      'image-gate, platforms only',
      m(plain, r => r.wall),
      m(plain, r => r.registry),
      '0',
      `${Math.round(m(plain, r => r.rssMiB))} MiB`,
      '—'
    )
    row(
      'image-gate, vulnerabilities (SBOM + OSV)',
      m(vulns, r => r.wall),
      m(vulns, r => r.registry),
      `${m(vulns, r => r.osv)}`,
      `${Math.round(m(vulns, r => r.rssMiB))} MiB`,
      `SBOMs ${(sbomBytes / MiB).toFixed(1)} MiB`
    )
    row(
      'scanner-style pull, linux/amd64, 8 at a time',
      m(scans, r => r.wall),
      m(scans, r => r.registry),
      '—',
      '—',
      `${(m(scans, r => r.bytes) / MiB).toFixed(0)} MiB`
    )
    const v = vulns[0]!
    console.log(
      `database: ${v.batches} querybatch + ${v.records} record requests for ${v.asked ?? '?'} distinct packages; vulnerabilities add ${ms(m(vulns, r => r.wall) - m(plain, r => r.wall))} and ${m(vulns, r => r.registry) - m(plain, r => r.registry)} registry requests (an attestation manifest and an SBOM layer per platform); the pull alone takes ${(m(scans, r => r.wall) / m(vulns, r => r.wall)).toFixed(1)}× the gate's wall, before any scan`
    )
  } finally {
    await osv.stop()
    await proxy.stop()
    await reg.stop()
    rmSync(scratch, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchVulnerabilities({
    images: Number(process.env.BENCH_IMAGES ?? 40),
    runs: Number(process.env.BENCH_RUNS ?? 3),
    delayMs: 20
  })
}
