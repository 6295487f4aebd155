/**
 * Signature discovery and trust against dist/, as the runner runs it, when the registry lists what an attacker
 * chooses: junk before a good signature, more than the bounds, more signature bytes than the run may hold, and
 * provenance from another repository's reusable workflow. Each ends in a bounded verdict that fails closed: the good
 * signature is found, or the finding says which bound was hit; never "no accepted signature" with a good one unread.
 * Signatures are pushed to the real registry (distribution 2.8: the referrers tag schema); the `api` proxy also
 * answers the referrers API from what was pushed. The memory case is a hostile registry that makes up its blobs.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { startProxy, type FaultProxy } from '../support/fault-proxy.js'
import {
  OCI_INDEX,
  OCI_MANIFEST,
  Store,
  commandLines,
  startHostile,
  type HostileServer
} from '../support/hostile-server.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { EMPTY_CONFIG, SignaturePusher, tagOf } from '../support/sign-push.js'
import {
  BUNDLE_V03,
  COSIGN_SIGN_V1,
  SLSA_PROVENANCE_V1,
  generateKey,
  githubWorkflowClaims,
  keyBundle,
  signBytes,
  simpleSigning,
  startSigstore,
  statement,
  type TestKey,
  type TestSigstore
} from '../support/sigstore.js'
import { DIST, cleanup, runAction, type ActionRun } from '../support/run-action.js'
import { preAuthEncoding } from '../../src/trust/payload.js'

const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json'
const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature'
const SPDX = 'https://spdx.dev/Document'

let reg: TestRegistry
let plain: FaultProxy
let api: FaultProxy
let sp: SignaturePusher
let sigstore: TestSigstore
let key: TestKey
let other: TestKey
const img: Record<string, PushedImage> = {}
const servers: HostileServer[] = []
const runs: ActionRun[] = []
/** A preload that writes the run's peak resident memory (KiB) to stderr as it exits. */
const PRELOAD = join(mkdtempSync(join(tmpdir(), 'image-gate-hostile-trust-')), 'maxrss.cjs')
writeFileSync(
  PRELOAD,
  "process.on('exit', () => process.stderr.write('IG_MAXRSS ' + process.resourceUsage().maxRSS + '\\n'))\n"
)

const serveReferrers = (proxy: FaultProxy): void => {
  proxy.intercept(req => {
    const answer = sp.referrersAnswer({ method: req.method, url: req.path })
    return answer ? { kind: 'respond', ...answer } : undefined
  })
}

/** A key bundle (DSSE, cosign's sign/v1 statement) over `digest`, by `signer`; `label` makes each one distinct. */
const bundleOver = (
  signer: TestKey,
  digest: string,
  label: string,
  predicateType = COSIGN_SIGN_V1
): Promise<Record<string, unknown>> => keyBundle(signer, { dsse: statement([{ name: label, digest }], predicateType) })

/** A DSSE envelope (cosign's `.att` layer) over an in-toto statement, signed with `signer`'s key. */
function envelopeOver(signer: TestKey, digest: string, label: string, predicateType = SPDX): Buffer {
  const payload = statement([{ name: label, digest }], predicateType)
  const sig = signBytes(signer, preAuthEncoding('application/vnd.in-toto+json', payload))
  return Buffer.from(
    JSON.stringify({
      payloadType: 'application/vnd.in-toto+json',
      payload: payload.toString('base64'),
      signatures: [{ keyid: '', sig: sig.toString('base64') }]
    })
  )
}

/** Pushes `n` referrers of `name`'s image whose artifact type is not a signature's. */
async function otherReferrers(name: string, n: number): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    out.push(
      await sp.referrer(
        `h/${name}`,
        img[name]!.descriptor,
        i % 2 ? 'application/spdx+json' : 'application/vnd.example.scan+json',
        Buffer.from(`{"n":${i}}`)
      )
    )
  }
  return out
}

/** Pushes `n` bundles by the other key as referrers of `name`'s image, in order: they verify with no key given. */
async function junkBundles(name: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    await sp.referrer(
      `h/${name}`,
      img[name]!.descriptor,
      BUNDLE_V03,
      Buffer.from(JSON.stringify(await bundleOver(other, img[name]!.digest, `junk-${i}`)))
    )
}

const goodBundle = async (name: string): Promise<string> =>
  sp.referrer(
    `h/${name}`,
    img[name]!.descriptor,
    BUNDLE_V03,
    Buffer.from(JSON.stringify(await bundleOver(key, img[name]!.digest, 'good')))
  )

/** `.sig` layers: `junk` simple-signing payloads signed by the other key, then (when `good`) one by the key. */
function sigLayers(name: string, junk: number, good: boolean): Array<{ payload: Buffer; signature: Buffer }> {
  const d = img[name]!.digest
  const layers = Array.from({ length: junk }, (_, i) => {
    const payload = simpleSigning(`h/${name}`, d, { n: i })
    return { payload, signature: signBytes(other, payload) }
  })
  if (good) {
    const payload = simpleSigning(`h/${name}`, d)
    layers.push({ payload, signature: signBytes(key, payload) })
  }
  return layers
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  plain = await startProxy({ target: reg.url })
  api = await startProxy({ target: reg.url })
  const push = new Pusher(reg)
  sp = new SignaturePusher(push)
  serveReferrers(api)
  sigstore = await startSigstore()
  key = generateKey('p256')
  other = generateKey('p256')
  const names = [
    'ref33',
    'ref20',
    'others',
    'junk33',
    'junk3',
    'bare',
    'sig17',
    'sig10',
    'att10',
    'provreuse',
    'provown'
  ]
  const pushed = await Promise.all(names.map(n => push.image(`h/${n}`, { tag: '1' })))
  names.forEach((n, i) => (img[n] = pushed[i]!))
  // Referrers pushed one at a time: the referrers tag index lists them in push order.
  await junkBundles('ref33', 32)
  await goodBundle('ref33')
  await junkBundles('ref20', 20)
  await goodBundle('ref20')
  await otherReferrers('others', 40)
  await goodBundle('others')
  await junkBundles('junk33', 33)
  await junkBundles('junk3', 3)
  await otherReferrers('bare', 5)
  await sp.cosignSig('h/sig17', img.sig17!.digest, sigLayers('sig17', 16, true))
  await sp.cosignSig('h/sig10', img.sig10!.digest, sigLayers('sig10', 10, true))
  const envelopes = [
    ...Array.from({ length: 10 }, (_, i) => envelopeOver(other, img.att10!.digest, `junk-${i}`)),
    envelopeOver(key, img.att10!.digest, 'good')
  ]
  await sp.cosignAtt('h/att10', img.att10!.digest, envelopes)
  // Provenance signed by a reusable workflow of another repository, for acme/app; and by acme/app's own workflow.
  const reusable = 'evil/shared/.github/workflows/release.yml@refs/heads/main'
  const reuse = githubWorkflowClaims('acme/app', '.github/workflows/release.yml', 'refs/heads/main', {
    job_workflow_ref: reusable,
    sub: `https://github.com/${reusable}`
  })
  const provenance = (n: string): Buffer => statement([{ name: `h/${n}`, digest: img[n]!.digest }], SLSA_PROVENANCE_V1)
  await sp.referrer(
    'h/provreuse',
    img.provreuse!.descriptor,
    BUNDLE_V03,
    Buffer.from(JSON.stringify(await sigstore.sign({ dsse: provenance('provreuse') }, reuse)))
  )
  const own = githubWorkflowClaims('acme/app', '.github/workflows/release.yml', 'refs/heads/main')
  await sp.referrer(
    'h/provown',
    img.provown!.descriptor,
    BUNDLE_V03,
    Buffer.from(JSON.stringify(await sigstore.sign({ dsse: provenance('provown') }, own)))
  )
}, 120_000)

afterAll(async () => {
  await Promise.all(servers.map(s => s.stop()))
  runs.forEach(cleanup)
  await plain?.stop()
  await api?.stop()
  await sigstore?.close()
  await reg?.stop()
  rmSync(dirname(PRELOAD), { recursive: true, force: true })
})

/** Runs the action and times it. */
async function gate(...args: Parameters<typeof runAction>): Promise<ActionRun & { ms: number }> {
  const started = Date.now()
  const run = await runAction(...args)
  runs.push(run)
  return Object.assign(run, { ms: Date.now() - started })
}

interface ReportFinding {
  rule: string
  platform?: string | null
  message: string
}
const findings = (run: ActionRun): ReportFinding[] => (run.report as { findings: ReportFinding[] }).findings

/** The gate's own verdict: no stack trace, no command it did not write. */
function clean(run: ActionRun): void {
  expect(run.everything()).not.toMatch(/\n\s+at [\w.<>]+ \(|node:internal|TypeError|RangeError|SyntaxError/)
  for (const line of commandLines(run.stdout))
    expect(line).toMatch(/^::(error|warning|notice|debug|group|endgroup|add-mask)( [^:]*)?::/)
}

function peakMiB(run: ActionRun): number {
  const m = /IG_MAXRSS (\d+)/.exec(run.stderr)
  if (!m) throw new Error(`no IG_MAXRSS line in stderr: ${run.stderr.slice(0, 500)}`)
  return Number(m[1]) / 1024
}

const PROXIES = (): Array<[string, FaultProxy]> => [
  ['the referrers API', api],
  ['the referrers tag index', plain]
]

describe('junk listed before a good signature', () => {
  test.each([['the referrers API'], ['the referrers tag index']])(
    '33 bundles in %s, the good one last: the bound is named, never "no accepted signature"',
    async which => {
      const proxy = PROXIES().find(([n]) => n === which)![1]
      const run = await gate({ images: `${proxy.host}/h/ref33:1`, 'signature-keys': key.pem })
      clean(run)
      expect(run.code).toBe(1)
      const f = findings(run)
      expect(f).toHaveLength(1)
      expect(f[0]!.message).toContain(
        `could not check signature of ${img.ref33!.digest}: more than 32 signature manifests`
      )
      expect(f[0]!.message).not.toMatch(/no accepted signature|no signature found/)
      expect(run.stdout).toMatch(/::error title=signature::.*could not check signature/)
    }
  )

  test.each([['the referrers API'], ['the referrers tag index']])(
    '20 bundles in %s, the good one last: it is found',
    async which => {
      const proxy = PROXIES().find(([n]) => n === which)![1]
      const run = await gate({ images: `${proxy.host}/h/ref20:1`, 'signature-keys': key.pem })
      clean(run)
      expect(findings(run)).toEqual([])
      expect(run.outputs.result).toBe('pass')
      expect(run.code).toBe(0)
    }
  )

  test('40 referrers that are not signatures, then the good one: found, and the 40 are never fetched', async () => {
    for (const [, proxy] of PROXIES()) {
      proxy.reset()
      if (proxy === api) serveReferrers(api)
      const run = await gate({ images: `${proxy.host}/h/others:1`, 'signature-keys': key.pem })
      clean(run)
      expect(findings(run)).toEqual([])
      expect(run.code).toBe(0)
      const fetched = proxy.log.filter(e => /\/manifests\/sha256:/.test(e.path)).length
      // The good referrer's manifest, and nothing of the 40.
      expect(fetched).toBe(1)
    }
  })

  test('cosign .sig: 16 layers by another key, then the good one: the layer bound is named', async () => {
    const run = await gate({ images: `${plain.host}/h/sig17:1`, 'signature-keys': key.pem })
    clean(run)
    expect(run.code).toBe(1)
    const f = findings(run)
    expect(f).toHaveLength(1)
    expect(f[0]!.message).toContain(
      `could not check signature of ${img.sig17!.digest}: more than 16 layers in tag ${tagOf(img.sig17!.digest, '.sig')} (17; only the first 16 are read)`
    )
    expect(f[0]!.message).not.toMatch(/no accepted signature|no signature found/)
  })

  test('cosign .sig: 10 layers by another key, then the good one: found', async () => {
    const run = await gate({ images: `${plain.host}/h/sig10:1`, 'signature-keys': key.pem })
    clean(run)
    expect(findings(run)).toEqual([])
    expect(run.code).toBe(0)
  })

  test('cosign .att: 10 envelopes by another key, then the good one: the attestation is found', async () => {
    const run = await gate({ images: `${plain.host}/h/att10:1`, 'signature-keys': key.pem, attestations: SPDX })
    clean(run)
    expect(findings(run)).toEqual([])
    expect(run.code).toBe(0)
  })
})

describe('junk only: a clear verdict', () => {
  test.each([['the referrers API'], ['the referrers tag index']])(
    '33 bundles by another key in %s: could not check, the bound named',
    async which => {
      const proxy = PROXIES().find(([n]) => n === which)![1]
      const run = await gate({ images: `${proxy.host}/h/junk33:1`, 'signature-keys': key.pem })
      clean(run)
      expect(run.code).toBe(1)
      expect(findings(run)).toEqual([
        expect.objectContaining({
          rule: 'signature',
          message: expect.stringContaining(
            `could not check signature of ${img.junk33!.digest}: more than 32 signature manifests`
          )
        })
      ])
    }
  )

  test('3 bundles by another key: no accepted signature, each a bad signature', async () => {
    const run = await gate({ images: `${api.host}/h/junk3:1`, 'signature-keys': key.pem })
    clean(run)
    expect(run.code).toBe(1)
    const f = findings(run)
    expect(f).toHaveLength(1)
    expect(f[0]!.message).toContain(
      `no accepted signature for ${img.junk3!.digest}: bad signature: Sigstore bundle v0.3 in referrers API: the signature verifies with no key of signature-keys`
    )
  })

  test('referrers that are not signatures: no signature found, where it looked', async () => {
    const run = await gate({ images: `${api.host}/h/bare:1`, 'signature-keys': key.pem })
    clean(run)
    expect(run.code).toBe(1)
    expect(findings(run)).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(`no signature found for ${img.bare!.digest} (looked in referrers API`)
      })
    ])
  })
})

describe('memory: one signature budget for the run', () => {
  /** 2 MiB blobs made up on demand from their number: the test holds none of them. */
  const BLOB = 2 << 20
  const blobBytes = (n: number): Buffer => {
    const b = Buffer.alloc(BLOB, n % 251)
    b.writeUInt32BE(n, 0)
    return b
  }

  test('a 16-platform unsigned index, each platform offered 32 MiB of .sig layers: bounded peak RSS, every platform fails closed', async () => {
    const store = new Store()
    const blobs = new Map<string, number>()
    const platforms = Array.from({ length: 16 }, (_, i) => store.image({ architecture: 'amd64', variant: `v${i}` }))
    let n = 0
    for (const p of platforms) {
      const layers = Array.from({ length: 16 }, () => {
        const i = n++
        const digest = `sha256:${createHash('sha256').update(blobBytes(i)).digest('hex')}`
        blobs.set(digest, i)
        return { mediaType: SIMPLE_SIGNING, digest, size: BLOB, annotations: { [SIGNATURE_ANNOTATION]: 'MEUCIQDx' } }
      })
      const config = store.put('{}', EMPTY_CONFIG)
      const sig = store.put({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers }, OCI_MANIFEST)
      store.tags.set(tagOf(p.digest, '.sig'), sig.digest)
    }
    const index = store.put(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: platforms.map((p, i) => ({
          ...p,
          platform: { os: 'linux', architecture: 'amd64', variant: `v${i}` }
        }))
      },
      OCI_INDEX
    )
    store.tags.set('v1', index.digest)
    const registry = await startHostile(req => {
      const m = /\/blobs\/(sha256:[0-9a-f]{64})$/.exec(req.url ?? '')
      const i = m ? blobs.get(m[1]!) : undefined
      if (i !== undefined)
        return {
          status: 200,
          headers: { 'content-type': 'application/octet-stream', 'docker-content-digest': m![1]! },
          body: blobBytes(i)
        }
      return store.answer(req.url ?? '/')
    }, 120_000)
    servers.push(registry)
    const run = await gate(
      { images: `${registry.host}/evil/app:v1`, 'signature-keys': key.pem },
      {},
      120_000,
      undefined,
      ['--require', PRELOAD, DIST]
    )
    clean(run)
    const peak = peakMiB(run)
    console.log(
      `16 platforms x 32 MiB of .sig layers: exit ${run.code}, ${run.ms} ms, peak RSS ${peak.toFixed(0)} MiB, ${registry.requests.filter(r => r.path.includes('/blobs/')).length} blob requests`
    )
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('fail')
    // A budget per digest held 16 × 32 MiB and peaked at 669 MiB here, growing with every platform. One budget for the
    // run measures 180 to 290 MiB on this kind of machine (the spread is the garbage collector's lag under load), and
    // stays there with 64 platforms: the bound sits between the two.
    expect(peak).toBeLessThan(400)
    const f = findings(run)
    // One finding per platform (amd64/v1 is written linux/amd64).
    expect(f).toHaveLength(16)
    expect(new Set(f.map(x => x.platform)).size).toBe(16)
    for (const x of f) {
      expect(x.rule).toBe('signature')
      expect(x.message).toMatch(
        /^(no accepted signature for sha256:[0-9a-f]{64}: bad signature: cosign signature \(simple signing\)|could not check signature of sha256:[0-9a-f]{64}: signature bytes past the run's budget of \d+ MiB)/
      )
      expect(x.message).not.toContain('no signature found')
    }
  }, 180_000)
})

describe('bounded reading per digest', () => {
  test('a .sig of 12 layers of 3 MiB: 32 MiB are read, the rest is not, and the verdict says so', async () => {
    const SIZE = 3 << 20
    const bytes = (n: number): Buffer => {
      const b = Buffer.alloc(SIZE, n)
      b.writeUInt32BE(0xbeef0000 + n, 0)
      return b
    }
    const store = new Store()
    const image = store.image({}, 'v1')
    const blobs = new Map<string, number>()
    const layers = Array.from({ length: 12 }, (_, i) => {
      const digest = `sha256:${createHash('sha256').update(bytes(i)).digest('hex')}`
      blobs.set(digest, i)
      return { mediaType: SIMPLE_SIGNING, digest, size: SIZE, annotations: { [SIGNATURE_ANNOTATION]: 'MEUCIQDx' } }
    })
    const sig = store.put(
      { schemaVersion: 2, mediaType: OCI_MANIFEST, config: store.put('{}', EMPTY_CONFIG), layers },
      OCI_MANIFEST
    )
    store.tags.set(tagOf(image.digest, '.sig'), sig.digest)
    const registry = await startHostile(req => {
      const m = /\/blobs\/(sha256:[0-9a-f]{64})$/.exec(req.url ?? '')
      const i = m ? blobs.get(m[1]!) : undefined
      return i !== undefined
        ? { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: bytes(i) }
        : store.answer(req.url ?? '/')
    }, 60_000)
    servers.push(registry)
    const run = await gate({ images: `${registry.host}/evil/app:v1`, 'signature-keys': key.pem })
    clean(run)
    expect(run.code).toBe(1)
    expect(findings(run)).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          new RegExp(
            `^could not check signature of ${image.digest}: the signatures and attestations of ${image.digest} are over 32 MiB; the rest were not read; of what was read: bad signature: cosign signature \\(simple signing\\)`
          )
        )
      })
    ])
    // 10 layers are 30 MiB; the 11th would pass 32.
    expect(registry.requests.filter(r => blobs.has(r.path.split('/blobs/')[1] ?? '')).length).toBe(10)
  })
})

describe('provenance workflows', () => {
  const policy =
    (workflows: string[], repositories = ['acme/app']) =>
    (dir: string): void => {
      sigstore.writeTrustedRoot(dir)
      writeFileSync(
        join(dir, 'policy.yml'),
        `rules:\n  - provenance:\n      repositories: [${repositories.join(', ')}]\n      workflows: [${workflows.map(w => JSON.stringify(w)).join(', ')}]\n`
      )
    }
  const inputs = (name: string): Record<string, string> => ({
    images: `${api.host}/h/${name}:1`,
    policy: 'policy.yml',
    'trusted-root': 'trusted_root.json'
  })

  test("a bare path is the source repository's own workflow: another repository's reusable workflow of that path is refused, naming what was found", async () => {
    const run = await gate(inputs('provreuse'), {}, 60_000, policy(['.github/workflows/release.yml']))
    clean(run)
    expect(run.code).toBe(1)
    const f = findings(run)
    expect(f).toHaveLength(1)
    expect(f[0]!.rule).toBe('provenance')
    expect(f[0]!.message).toContain('provenance found')
    expect(f[0]!.message).toContain(
      'built from acme/app at refs/heads/main by evil/shared/.github/workflows/release.yml@refs/heads/main'
    )
    expect(f[0]!.message).toContain('the rule wants workflow .github/workflows/release.yml of acme/app')
    expect(f[0]!.message).not.toContain('no provenance found')
  })

  test('the reusable workflow named owner/repo/path@ref passes; its own workflow passes the bare path', async () => {
    const named = await gate(
      inputs('provreuse'),
      {},
      60_000,
      policy(['evil/shared/.github/workflows/release.yml@refs/heads/*'])
    )
    clean(named)
    expect(findings(named)).toEqual([])
    expect(named.code).toBe(0)
    const own = await gate(inputs('provown'), {}, 60_000, policy(['.github/workflows/release.yml']))
    expect(findings(own)).toEqual([])
    expect(own.code).toBe(0)
  })

  test('provenance from another repository: the finding says what was built, and what the rule wants', async () => {
    const run = await gate(inputs('provown'), {}, 60_000, policy(['.github/workflows/release.yml'], ['acme/other']))
    clean(run)
    expect(run.code).toBe(1)
    expect(findings(run)[0]!.message).toContain(
      'provenance found (Sigstore bundle v0.3 in referrers API): built from acme/app at refs/heads/main by acme/app/.github/workflows/release.yml@refs/heads/main; the rule wants a repository of acme/other'
    )
  })

  test('a workflow entry that is neither a bare .github/workflows path nor owner/repo/path stops the run, naming the key, line and value', async () => {
    const run = await gate(inputs('provown'), {}, 60_000, policy(['release.yml']))
    clean(run)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('policy.yml:4: rules[0].provenance.workflows[0]: "release.yml" is not a workflow')
  })
})
