/**
 * Signature discovery at its floor, counted request by request against the real registry behind a proxy that serves
 * the referrers API from what was pushed (distribution 2.8 has none): a digest whose referrers list an accepted
 * signature costs the listing, the referrer manifest and its bundle, and no probe of cosign's `.sig`/`.att` tags;
 * those are still probed, and still pass, when the referrers list no accepted signature.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { runGate } from '../../src/gate/run.js'
import { readInputs } from '../../src/gate/inputs.js'
import { silentLogger } from '../../src/core/logger.js'
import type { GateResult } from '../../src/gate/result.js'
import { startProxy, type FaultProxy } from '../support/fault-proxy.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { SignaturePusher, tagOf } from '../support/sign-push.js'
import {
  BUNDLE_V03,
  COSIGN_SIGN_V1,
  generateKey,
  keyBundle,
  signBytes,
  simpleSigning,
  statement,
  type TestKey
} from '../support/sigstore.js'

let reg: TestRegistry
let api: FaultProxy
let sp: SignaturePusher
let key: TestKey
let otherKey: TestKey
const img: Record<string, PushedImage> = {}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  api = await startProxy({ target: reg.url })
  sp = new SignaturePusher(new Pusher(reg))
  api.intercept(req => {
    const answer = sp.referrersAnswer({ method: req.method, url: req.path })
    return answer ? { kind: 'respond', ...answer } : undefined
  })
  key = generateKey('p256')
  otherKey = generateKey('p256')
  const push = new Pusher(reg)
  for (const n of ['bundle', 'sig', 'both']) img[n] = await push.image(`f/${n}`, { tag: '1' })
  const bundle = async (n: string, k: TestKey): Promise<void> => {
    const b = await keyBundle(k, { dsse: statement([{ name: `f/${n}`, digest: img[n]!.digest }], COSIGN_SIGN_V1) })
    await sp.referrer(`f/${n}`, img[n]!.descriptor, BUNDLE_V03, Buffer.from(JSON.stringify(b)))
  }
  const sig = async (n: string): Promise<void> => {
    const payload = simpleSigning(`f/${n}`, img[n]!.digest)
    await sp.cosignSig(`f/${n}`, img[n]!.digest, [{ payload, signature: signBytes(key, payload) }])
  }
  await bundle('bundle', key)
  await sig('sig')
  // Referrers list a bundle from a key the rule does not accept; the `.sig` beside it is from one it does.
  await bundle('both', otherKey)
  await sig('both')
})
afterAll(async () => {
  await api?.stop()
  await reg?.stop()
})

async function gate(image: string): Promise<GateResult> {
  const all: Record<string, string> = { images: `${api.host}/${image}`, 'signature-keys': key.pem }
  return runGate(
    readInputs(name => all[name] ?? ''),
    {
      logger: silentLogger,
      dockerConfigDir: '/nonexistent',
      githubActor: undefined,
      workspace: process.cwd(),
      now: new Date(),
      env: {},
      transport: { timeoutMs: 5000, backoffMs: 10, retryBudgetMs: 200, maxAttempts: 2 }
    }
  )
}
const requests = (): string[] => api.log.map(e => `${e.method} ${e.path.replace(/\?.*$/, '')} ${e.status}`).sort()

describe('signature discovery through the referrers API, at its floor', () => {
  test('a bundle-signed image: 5 requests (manifest, config, referrers, referrer manifest, bundle); no .sig/.att probe', async () => {
    api.reset()
    api.intercept(req => {
      const answer = sp.referrersAnswer({ method: req.method, url: req.path })
      return answer ? { kind: 'respond', ...answer } : undefined
    })
    const r = await gate('f/bundle:1')
    expect(r.findings).toEqual([])
    const d = img.bundle!.digest
    const top = r.images[0]!.facts!.trust!.top
    expect(top.signatures).toEqual([
      expect.objectContaining({ verified: true, place: 'referrers API', format: 'Sigstore bundle v0.3' })
    ])
    expect(top.looked).toEqual(['referrers API'])
    const [referrer] = [...sp.referrers.entries()].find(([k]) => k === `f/bundle@${d}`)![1]
    const bundleLayer = await fetch(`${reg.url}/v2/f/bundle/manifests/${referrer!.digest}`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' }
    }).then(async res => ((await res.json()) as { layers: Array<{ digest: string }> }).layers[0]!.digest)
    expect(requests()).toEqual(
      [
        `GET /v2/f/bundle/manifests/1 200`,
        `GET /v2/f/bundle/blobs/${img.bundle!.configDigest} 200`,
        `GET /v2/f/bundle/referrers/${d} 200`,
        `GET /v2/f/bundle/manifests/${referrer!.digest} 200`,
        `GET /v2/f/bundle/blobs/${bundleLayer} 200`
      ].sort()
    )
    expect(api.log.filter(e => e.path.includes(tagOf(d, '.sig')) || e.path.includes(tagOf(d, '.att')))).toEqual([])
  })

  test("referrers list nothing: cosign's .sig and .att are probed, and a key-signed .sig passes", async () => {
    api.reset()
    api.intercept(req => {
      const answer = sp.referrersAnswer({ method: req.method, url: req.path })
      return answer ? { kind: 'respond', ...answer } : undefined
    })
    const r = await gate('f/sig:1')
    expect(r.findings).toEqual([])
    const d = img.sig!.digest
    const top = r.images[0]!.facts!.trust!.top
    expect(top.signatures).toEqual([
      expect.objectContaining({ verified: true, place: `tag ${tagOf(d, '.sig')}`, signer: expect.anything() })
    ])
    expect(top.looked).toEqual(['referrers API', `tag ${tagOf(d, '.sig')}`, `tag ${tagOf(d, '.att')}`])
    const paths = requests()
    expect(paths).toContain(`GET /v2/f/sig/referrers/${d} 200`)
    expect(paths).toContain(`GET /v2/f/sig/manifests/${tagOf(d, '.sig')} 200`)
    expect(paths).toContain(`GET /v2/f/sig/manifests/${tagOf(d, '.att')} 404`)
    // manifest, config, referrers, .sig, .att, the signature layer.
    expect(paths).toHaveLength(6)
  })

  test('referrers list a signature from a key not accepted: the .sig is probed and passes; both are reported', async () => {
    api.reset()
    api.intercept(req => {
      const answer = sp.referrersAnswer({ method: req.method, url: req.path })
      return answer ? { kind: 'respond', ...answer } : undefined
    })
    const r = await gate('f/both:1')
    expect(r.findings).toEqual([])
    const d = img.both!.digest
    const top = r.images[0]!.facts!.trust!.top
    expect(top.signatures.map(s => [s.place, s.verified])).toEqual([
      ['referrers API', false],
      [`tag ${tagOf(d, '.sig')}`, true]
    ])
    expect(top.signatures[1]!.signer).toEqual({ kind: 'key', fingerprint: key.fingerprint })
    expect(api.log.some(e => e.path.endsWith(`/manifests/${tagOf(d, '.sig')}`))).toBe(true)
  })
})
