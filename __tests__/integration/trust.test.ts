/**
 * Signatures and attestations against the real registry (distribution 2.8: no referrers API). The suite signs its
 * own images with node:crypto keys and pushes the signatures as cosign does (`.sig`/`.att` tags) and as OCI 1.1
 * referrers (the referrers tag schema). Two proxies stand in front: `plain` passes everything through, so discovery
 * falls back to the tag schema; `api` also answers `GET /v2/<name>/referrers/<digest>` from what was pushed, so
 * the referrers API path runs too.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { runGate } from '../../src/gate/run.js'
import { readInputs } from '../../src/gate/inputs.js'
import { silentLogger } from '../../src/core/logger.js'
import { buildReport } from '../../src/report/report.js'
import { renderSummary } from '../../src/report/summary.js'
import { startProxy, type FaultProxy } from '../support/fault-proxy.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import {
  OCI_CONFIG,
  OCI_INDEX,
  OCI_MANIFEST,
  Pusher,
  sha256,
  type PushedImage,
  type PushedIndex
} from '../support/push.js'
import { SignaturePusher, tagOf } from '../support/sign-push.js'
import {
  envelope,
  signBytes,
  simpleSigningPayload,
  statement,
  testSigner,
  type TestSigner
} from '../support/signing.js'
import { type GateResult } from '../../src/gate/result.js'

let reg: TestRegistry
let plain: FaultProxy
let api: FaultProxy
let sp: SignaturePusher
let key: TestSigner
let otherKey: TestSigner
const SPDX = 'https://spdx.dev/Document'
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const img: Record<string, PushedImage> = {}
const idx: Record<string, PushedIndex> = {}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  plain = await startProxy({ target: reg.url })
  api = await startProxy({ target: reg.url })
  const push = new Pusher(reg)
  sp = new SignaturePusher(push)
  api.intercept(req => {
    const answer = sp.referrersAnswer({ method: req.method, url: req.path })
    return answer ? { kind: 'respond', ...answer } : undefined
  })
  key = testSigner('P-256')
  otherKey = testSigner('RSA-2048')
  const names = [
    'signed',
    'wrongkey',
    'copied',
    'flipped',
    'unsigned',
    'attested',
    'otherdigest',
    'nospdx',
    'bundle',
    'p384'
  ]
  const pushed = await Promise.all(names.map(n => push.image(`t/${n}`, { tag: '1' })))
  names.forEach((n, i) => (img[n] = pushed[i]!))
  idx.top = await push.index('t/index-top', {
    tag: '1',
    images: [{ platform: { os: 'linux', architecture: 'amd64' } }, { platform: { os: 'linux', architecture: 'arm64' } }]
  })
  idx.platforms = await push.index('t/index-platforms', {
    tag: '1',
    images: [{ platform: { os: 'linux', architecture: 'amd64' } }, { platform: { os: 'linux', architecture: 'arm64' } }]
  })

  const sign = (n: string, s: TestSigner, digest = img[n]!.digest): Promise<string> =>
    sp.signLegacy(`t/${n}`, img[n]!.digest, s, simpleSigningPayload(digest))
  const p384 = testSigner('P-384')
  await Promise.all([
    sign('signed', key),
    sign('wrongkey', otherKey),
    // The .sig of t/signed, copied byte for byte under t/copied's tag: it verifies, but names t/signed's digest.
    sign('copied', key, img.signed!.digest),
    (async () => {
      const payload = simpleSigningPayload(img.flipped!.digest)
      const sig = signBytes(key, payload)
      sig[sig.length - 3] = sig[sig.length - 3]! ^ 0x01
      await sp.cosignSig('t/flipped', img.flipped!.digest, [{ payload, signature: sig }])
    })(),
    sp.signLegacy('t/p384', img.p384!.digest, p384, simpleSigningPayload(img.p384!.digest)),
    sp.cosignAtt('t/attested', img.attested!.digest, [envelope(key, statement([img.attested!.digest], SPDX))]),
    sp.cosignAtt('t/otherdigest', img.otherdigest!.digest, [envelope(key, statement([img.signed!.digest], SPDX))]),
    sp.cosignAtt('t/nospdx', img.nospdx!.digest, [
      envelope(key, statement([img.nospdx!.digest], 'https://cyclonedx.org/bom'))
    ]),
    sp.referrer(
      't/bundle',
      img.bundle!.descriptor,
      BUNDLE,
      Buffer.from(JSON.stringify({ mediaType: BUNDLE, verificationMaterial: {}, dsseEnvelope: {} }))
    ),
    sp.signLegacy('t/index-top', idx.top!.digest, key, simpleSigningPayload(idx.top!.digest)),
    sp.signLegacy(
      't/index-platforms',
      idx.platforms!.children[0]!.digest,
      key,
      simpleSigningPayload(idx.platforms!.children[0]!.digest)
    )
  ])
  keys.p384 = p384.pem
})
afterAll(async () => {
  await plain?.stop()
  await api?.stop()
  await reg?.stop()
})
const keys: Record<string, string> = {}

const FAST = { timeoutMs: 5000, backoffMs: 10, retryBudgetMs: 200, maxAttempts: 2 }
async function gate(proxy: FaultProxy, images: string[], values: Record<string, string>): Promise<GateResult> {
  const all: Record<string, string> = { images: images.map(i => `${proxy.host}/${i}`).join('\n'), ...values }
  return runGate(
    readInputs(name => all[name] ?? ''),
    {
      logger: silentLogger,
      dockerConfigDir: '/nonexistent',
      githubActor: undefined,
      workspace: '/tmp',
      now: new Date(),
      env: {},
      transport: FAST
    }
  )
}
const messages = (r: GateResult, image: string): string[] =>
  r.findings
    .filter(f => f.image.endsWith(`/${image}`))
    .map(f => `${f.rule}${f.platform ? ` ${f.platform}` : ''}: ${f.message}`)

describe('signature with a key, against the real registry', () => {
  test('a cosign .sig by the key passes, through either discovery path', async () => {
    for (const proxy of [plain, api]) {
      const r = await gate(proxy, ['t/signed:1'], { 'signature-keys': key.pem })
      expect(messages(r, 't/signed:1')).toEqual([])
      const t = r.images[0]!.facts!.trust!
      expect(t.top.signatures).toEqual([
        expect.objectContaining({
          verified: true,
          place: `tag ${tagOf(img.signed!.digest, '.sig')}`,
          signer: { kind: 'key', fingerprint: key.publicKey.fingerprint },
          subjects: [img.signed!.digest]
        })
      ])
      expect(t.top.looked[0]).toBe(
        proxy === api ? 'referrers API' : `referrers API (not offered), referrers tag ${tagOf(img.signed!.digest)}`
      )
    }
  })

  test('a P-384 key whose signature uses SHA-384', async () => {
    const r = await gate(plain, ['t/p384:1'], { 'signature-keys': keys.p384! })
    expect(messages(r, 't/p384:1')).toEqual([])
  })

  test('negative table: each a clear finding naming the digest, never a crash', async () => {
    const r = await gate(plain, ['t/wrongkey:1', 't/copied:1', 't/flipped:1', 't/unsigned:1'], {
      'signature-keys': key.pem
    })
    const one = (n: string): string => {
      const m = messages(r, `t/${n}:1`)
      expect(m).toHaveLength(1)
      expect(m[0]).toContain(img[n]!.digest)
      return m[0]!
    }
    expect(one('wrongkey')).toContain('bad signature: cosign signature (simple signing) in tag')
    expect(one('wrongkey')).toContain('does not verify with any key of signature-keys')
    expect(one('copied')).toContain(`is for another digest (${img.signed!.digest})`)
    expect(one('flipped')).toContain('does not verify with any key')
    expect(one('unsigned')).toBe(
      `signature: no signature found for ${img.unsigned!.digest} (looked in referrers API (not offered), referrers tag ${tagOf(img.unsigned!.digest)}, tag ${tagOf(img.unsigned!.digest, '.sig')}, tag ${tagOf(img.unsigned!.digest, '.att')})`
    )
  })

  test('an index signed at its top level passes without asking about its platforms', async () => {
    plain.reset()
    const r = await gate(plain, ['t/index-top:1'], { 'signature-keys': key.pem })
    expect(messages(r, 't/index-top:1')).toEqual([])
    expect(r.images[0]!.facts!.trust!.platforms).toEqual([])
    // The platform manifests are read by the inspection; their signatures are not looked for.
    for (const c of idx.top!.children)
      expect(
        plain.log.filter(e => e.path.includes(tagOf(c.digest)) || e.path.includes(`/referrers/${c.digest}`))
      ).toEqual([])
    expect(plain.log.filter(e => e.path.includes(tagOf(idx.top!.digest)))).not.toEqual([])
  })

  test('an index signed only on amd64: arm64 is the finding, on its platform', async () => {
    const r = await gate(api, ['t/index-platforms:1'], { 'signature-keys': key.pem })
    const m = messages(r, 't/index-platforms:1')
    expect(m).toHaveLength(1)
    expect(m[0]).toContain(`signature linux/arm64: no signature found for ${idx.platforms!.children[1]!.digest}`)
    expect(m[0]).toContain(`the index ${idx.platforms!.digest} is not covered either`)
  })

  test('requests: one referrers lookup, the two legacy tags, the signature layer; nothing twice', async () => {
    api.reset()
    api.intercept(req => {
      const answer = sp.referrersAnswer({ method: req.method, url: req.path })
      return answer ? { kind: 'respond', ...answer } : undefined
    })
    await gate(api, ['t/signed:1'], { 'signature-keys': key.pem })
    const d = img.signed!.digest
    const sigManifest = JSON.parse(
      await fetch(`${reg.url}/v2/t/signed/manifests/${tagOf(d, '.sig')}`, { headers: { accept: OCI_MANIFEST } }).then(
        r => r.text()
      )
    ) as { layers: Array<{ digest: string }> }
    expect(api.log.map(e => `${e.method} ${e.path} ${e.status}`).sort()).toEqual(
      [
        // The inspection: the manifest, and its config for the platform of a single manifest.
        `GET /v2/t/signed/manifests/1 200`,
        `GET /v2/t/signed/blobs/${img.signed!.configDigest} 200`,
        `GET /v2/t/signed/referrers/${d} 200`,
        `GET /v2/t/signed/manifests/${tagOf(d, '.sig')} 200`,
        `GET /v2/t/signed/manifests/${tagOf(d, '.att')} 404`,
        `GET /v2/t/signed/blobs/${sigManifest.layers[0]!.digest} 200`
      ].sort()
    )
  })

  test('no trust rule: nothing trust-related is fetched', async () => {
    plain.reset()
    await gate(plain, ['t/signed:1'], { platforms: 'linux/amd64' })
    expect(plain.log.filter(e => /referrers|sha256-/.test(e.path))).toEqual([])
  })
})

describe('attestations with a key', () => {
  test('a DSSE .att of the predicate type, naming the digest, passes; one for another digest or type does not', async () => {
    const r = await gate(plain, ['t/attested:1', 't/otherdigest:1', 't/nospdx:1'], {
      'signature-keys': key.pem,
      attestations: SPDX
    })
    expect(messages(r, 't/attested:1')).toEqual([])
    // The attestation is a signed statement naming the digest: it counts as its signature too.
    expect(r.images[0]!.facts!.trust!.top.signatures[0]).toMatchObject({
      verified: true,
      predicateType: SPDX,
      format: 'cosign attestation (DSSE)'
    })
    const other = messages(r, 't/otherdigest:1')
    expect(other).toEqual([
      expect.stringContaining('is for another digest'),
      expect.stringContaining('is for another digest')
    ])
    expect(other.map(m => m.split(':')[0])).toEqual(['signature', 'attestations'])
    const nospdx = messages(r, 't/nospdx:1')
    expect(nospdx).toEqual([
      `attestations: no accepted ${SPDX} attestation for ${img.nospdx!.digest}: cosign attestation (DSSE) in tag ${tagOf(img.nospdx!.digest, '.att')} is signed by key ${key.publicKey.fingerprint}, but its predicate type is https://cyclonedx.org/bom`
    ])
  })
})

describe('referrers', () => {
  test('a bundle is found through the API and through the tag schema, each manifest fetched by digest', async () => {
    for (const proxy of [api, plain]) {
      proxy.reset()
      if (proxy === api) {
        proxy.intercept(req => {
          const answer = sp.referrersAnswer({ method: req.method, url: req.path })
          return answer ? { kind: 'respond', ...answer } : undefined
        })
      }
      const r = await gate(proxy, ['t/bundle:1'], { 'signature-keys': key.pem })
      const sig = r.images[0]!.facts!.trust!.top.signatures
      expect(sig).toHaveLength(1)
      expect(sig[0]).toMatchObject({
        format: 'Sigstore bundle v0.3',
        place: proxy === api ? 'referrers API' : `referrers tag ${tagOf(img.bundle!.digest)}`,
        verified: false
      })
      expect(proxy.log.some(e => e.path === `/v2/t/bundle/manifests/${sig[0]!.manifest}`)).toBe(true)
      // Never passed: a signature that was not verified proves nothing.
      expect(messages(r, 't/bundle:1')).toHaveLength(1)
    }
  })

  test('a registry that throttles the referrers lookup: could not check, naming the host, never "no signature"', async () => {
    const throttled = await startProxy({ target: reg.url })
    try {
      throttled.intercept(req =>
        req.path.includes('/referrers/')
          ? {
              kind: 'respond',
              status: 429,
              headers: { 'retry-after': '0' },
              body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}'
            }
          : undefined
      )
      const r = await gate(throttled, ['t/signed:1', 't/unsigned:1'], { 'signature-keys': key.pem })
      for (const n of ['signed', 'unsigned']) {
        const m = messages(r, `t/${n}:1`)
        expect(m).toHaveLength(1)
        expect(m[0]).toContain(`could not check signature of ${img[n]!.digest}: discovery failed on ${throttled.host}`)
        expect(m[0]).toContain('rate limited')
        expect(m[0]).not.toContain('no signature found')
      }
    } finally {
      await throttled.stop()
    }
  })

  test('a .sig whose layers are over the size a signature may be is could-not-check, and nothing of it is read', async () => {
    const hostile = await startProxy({ target: reg.url })
    try {
      const d = img.unsigned!.digest
      const layer = (n: number) => ({
        mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
        digest: `sha256:${String(n).repeat(64)}`,
        size: 20 << 20
      })
      const body = JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: `sha256:${'4'.repeat(64)}`, size: 2 },
        layers: [layer(1), layer(2)]
      })
      hostile.intercept(req =>
        req.path === `/v2/t/unsigned/manifests/${tagOf(d, '.sig')}`
          ? { kind: 'respond', status: 200, headers: { 'content-type': OCI_MANIFEST }, body }
          : undefined
      )
      const r = await gate(hostile, ['t/unsigned:1'], { 'signature-keys': key.pem })
      expect(messages(r, 't/unsigned:1')).toEqual([
        `signature: could not check signature of ${d}: a layer of tag ${tagOf(d, '.sig')} is ${20 << 20} bytes, over the 4 MiB a signature or attestation may be; not read`
      ])
      expect(
        hostile.log.filter(e => e.path.includes('/blobs/sha256:1111') || e.path.includes('/blobs/sha256:2222'))
      ).toEqual([])
    } finally {
      await hostile.stop()
    }
  })

  test('a 500 from the referrers tag is could-not-check too; a 404 is not', async () => {
    const broken = await startProxy({ target: reg.url })
    try {
      broken.intercept(req =>
        req.path.endsWith(`/manifests/${tagOf(img.unsigned!.digest)}`) ? { kind: 'respond', status: 500 } : undefined
      )
      const r = await gate(broken, ['t/unsigned:1'], { 'signature-keys': key.pem })
      expect(messages(r, 't/unsigned:1')[0]).toContain('could not check signature')
    } finally {
      await broken.stop()
    }
  })
})

describe('BuildKit provenance in the index', () => {
  test('read when provenance applies, shown as a claim, never proof', async () => {
    const push = sp.push
    const child = await push.image('t/buildkit', { platform: { os: 'linux', architecture: 'amd64' } })
    const statementBytes = statement([child.digest], 'https://slsa.dev/provenance/v0.2', {
      builder: { id: 'https://github.com/acme/app/actions/runs/42' },
      invocation: { configSource: { uri: 'https://github.com/acme/app.git#refs/heads/main' } }
    })
    const layer = {
      ...(await push.blob('t/buildkit', statementBytes, 'application/vnd.in-toto+json')),
      annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' }
    }
    const config = await push.blob(
      't/buildkit',
      Buffer.from('{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}'),
      OCI_CONFIG
    )
    const att = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }))
    const attDigest = await push.manifest('t/buildkit', sha256(att), att, OCI_MANIFEST)
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          child.descriptor,
          {
            mediaType: OCI_MANIFEST,
            digest: attDigest,
            size: att.length,
            platform: { os: 'unknown', architecture: 'unknown' },
            annotations: {
              'vnd.docker.reference.type': 'attestation-manifest',
              'vnd.docker.reference.digest': child.digest
            }
          }
        ]
      })
    )
    await push.manifest('t/buildkit', '1', index, OCI_INDEX)
    const r = await gate(plain, ['t/buildkit:1'], { provenance: 'acme/app' })
    expect(r.images[0]!.facts!.trust!.claims).toEqual([
      {
        subject: child.digest,
        predicateType: 'https://slsa.dev/provenance/v0.2',
        builder: 'https://github.com/acme/app/actions/runs/42',
        source: 'https://github.com/acme/app.git#refs/heads/main'
      }
    ])
    const m = messages(r, 't/buildkit:1')
    expect(m.length).toBeGreaterThan(0)
    for (const x of m)
      expect(x).toContain('unsigned BuildKit provenance claiming builder https://github.com/acme/app/actions/runs/42')
    expect(buildReport(r, true).images[0]!.trust!.claims).toHaveLength(1)
    // Without a provenance rule, the attestation manifest is not read.
    plain.reset()
    await gate(plain, ['t/buildkit:1'], { 'signature-keys': key.pem })
    expect(plain.log.filter(e => e.path.includes(attDigest))).toEqual([])
  })
})

describe('report and summary', () => {
  test('the report names who signed what, and the summary has a Signed by column', async () => {
    const r = await gate(plain, ['t/signed:1', 't/unsigned:1'], { 'signature-keys': key.pem })
    const report = buildReport(r, true)
    expect(report.images[0]!.trust!.digests[0]).toMatchObject({
      digest: img.signed!.digest,
      platform: null,
      error: null,
      signatures: [
        {
          verified: true,
          signer: { kind: 'key', fingerprint: key.publicKey.fingerprint },
          covers: [img.signed!.digest],
          format: 'cosign signature (simple signing)'
        }
      ]
    })
    expect(report.images[0]!.checks).toEqual({ signature: 'pass' })
    expect(report.images[1]!.checks).toEqual({ signature: 'fail' })
    const html = renderSummary(report)
    expect(html).toContain('<th>Signed by</th>')
    expect(html).toContain(`key <code>${key.publicKey.fingerprint.slice(0, 19)}…</code>`)
    expect(html).toContain('no accepted signature')
  })
})
