import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type BundleOutcome,
  type SignerPolicy,
  type TrustedRoot,
  TrustRootError,
  accepts,
  loadTrustedRoot,
  parseBundle,
  verifyBundle,
  verifyCosignAttestation,
  verifyCosignSignature
} from '../../../src/trust/verify.js'
import {
  GITHUB_ISSUER,
  type KeyKind,
  type TestSigstore,
  cosignAnnotationsFromBundle,
  cosignAttestationFromBundle,
  cosignKeyAnnotations,
  generateKey,
  githubWorkflowClaims,
  keyBundle,
  simpleSigning,
  startSigstore,
  statement
} from '../../support/sigstore.js'

const DIGEST = `sha256:${'ab'.repeat(32)}`
const REPO = '127.0.0.1:5000/acme/app'
const IDENTITY = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1'
const noSigners: SignerPolicy = { keys: [], identities: [], issuer: GITHUB_ISSUER }
const publicGood = loadTrustedRoot()

function failed(o: BundleOutcome): { reason: string; unsupported?: boolean } {
  if (o.verified) throw new Error(`expected a failure, got ${JSON.stringify(o)}`)
  expect(o.reason).not.toMatch(/\n|at .*\.js:\d+/) // one line, no stack
  return o
}

/** Flips one bit of a base64 field. */
function flip(b64: string, at = 10): string {
  const raw = Buffer.from(b64, 'base64')
  const i = at % raw.length
  raw[i] = raw[i]! ^ 0x01
  return raw.toString('base64')
}

describe('key bundles', () => {
  const kinds: KeyKind[] = ['p256', 'p384', 'p521', 'rsa']
  test.each(kinds)('%s: DSSE statement and message signature verify with the key', async kind => {
    const key = generateKey(kind)
    const policy = { ...noSigners, keys: [generateKey('p256'), key] }
    const payload = statement([{ name: REPO, digest: DIGEST }])
    const dsse = verifyBundle(await keyBundle(key, { dsse: payload }), undefined, policy, publicGood)
    expect(dsse).toMatchObject({
      verified: true,
      accepted: true,
      bundleVersion: '0.3',
      signer: { kind: 'key', fingerprint: key.fingerprint }
    })
    expect(dsse.verified && dsse.content).toEqual({
      kind: 'dsse',
      payloadType: 'application/vnd.in-toto+json',
      payload
    })

    const artifact = simpleSigning(REPO, DIGEST)
    const msg = verifyBundle(await keyBundle(key, { message: artifact }), artifact, policy, publicGood)
    expect(msg).toMatchObject({ verified: true, signer: { kind: 'key', fingerprint: key.fingerprint } })
    expect(msg.verified && msg.content).toEqual({
      kind: 'message',
      digest: { algorithm: 'sha256', hex: expect.stringMatching(/^[0-9a-f]{64}$/) }
    })
  })

  test.each([
    ['p384', 'sha384'],
    ['p521', 'sha512']
  ] as const)(
    '%s signed with %s, as sigstore does by default, verifies (DSSE and legacy .sig); other hashes do not',
    async (kind, hash) => {
      const key = generateKey(kind)
      const policy = { ...noSigners, keys: [key] }
      const dsse = await keyBundle(key, { dsse: statement([{ name: REPO, digest: DIGEST }]) }, hash)
      expect(verifyBundle(dsse, undefined, policy, publicGood)).toMatchObject({
        verified: true,
        signer: { fingerprint: key.fingerprint }
      })
      const payload = simpleSigning(REPO, DIGEST)
      expect(
        verifyCosignSignature(payload, cosignKeyAnnotations(key, payload, hash), policy, publicGood)
      ).toMatchObject({ verified: true })
      expect(
        verifyCosignSignature(payload, cosignKeyAnnotations(key, payload, 'sha1'), policy, publicGood)
      ).toMatchObject({ verified: false })
      const wrongCurveHash = kind === 'p384' ? 'sha512' : 'sha384'
      expect(
        verifyCosignSignature(payload, cosignKeyAnnotations(key, payload, wrongCurveHash), policy, publicGood)
      ).toMatchObject({ verified: false })
    }
  )

  test('the wrong key does not verify, and says so', async () => {
    const bundle = await keyBundle(generateKey('p256'), { dsse: statement([{ name: REPO, digest: DIGEST }]) })
    const o = failed(
      verifyBundle(bundle, undefined, { ...noSigners, keys: [generateKey('p256'), generateKey('rsa')] }, publicGood)
    )
    expect(o.reason).toBe('the signature verifies with no key of signature-keys')
  })

  test('a key bundle with no keys configured', async () => {
    const bundle = await keyBundle(generateKey('p256'), { dsse: statement([{ name: REPO, digest: DIGEST }]) })
    expect(failed(verifyBundle(bundle, undefined, noSigners, publicGood)).reason).toMatch(/signature-keys names none/)
  })

  test.each([
    ['DSSE signature', (b: Bundle) => (b.dsseEnvelope!.signatures[0]!.sig = flip(b.dsseEnvelope!.signatures[0]!.sig))],
    ['DSSE payload', (b: Bundle) => (b.dsseEnvelope!.payload = flip(b.dsseEnvelope!.payload, 40))],
    ['DSSE payload type', (b: Bundle) => (b.dsseEnvelope!.payloadType = 'text/plain')]
  ])('one flipped byte in the %s fails', async (_, tamper) => {
    const key = generateKey('p256')
    const bundle = (await keyBundle(key, { dsse: statement([{ name: REPO, digest: DIGEST }]) })) as unknown as Bundle
    tamper(bundle)
    expect(failed(verifyBundle(bundle, undefined, { ...noSigners, keys: [key] }, publicGood)).reason).toMatch(
      /no key of signature-keys/
    )
  })

  test('a message signature over other bytes fails; without the artifact it fails closed', async () => {
    const key = generateKey('p384')
    const artifact = simpleSigning(REPO, DIGEST)
    const bundle = await keyBundle(key, { message: artifact })
    const policy = { ...noSigners, keys: [key] }
    const other = simpleSigning(REPO, `sha256:${'cd'.repeat(32)}`)
    expect(failed(verifyBundle(bundle, other, policy, publicGood)).reason).toMatch(
      /message digest is not the sha256 of the signed artifact/
    )
    expect(failed(verifyBundle(bundle, undefined, policy, publicGood)).reason).toMatch(/without the artifact/)
    const b = bundle as unknown as Bundle
    b.messageSignature!.signature = flip(b.messageSignature!.signature)
    expect(failed(verifyBundle(b, artifact, policy, publicGood)).reason).toMatch(/no key of signature-keys/)
  })

  test.each([
    ['ed25519', /Ed25519ph\) signatures are not supported/],
    ['rsa1024', /RSA keys shorter than 2048 bits/]
  ] as const)('%s keys are unsupported, with a reason', async (kind, reason) => {
    const key = generateKey(kind)
    const o = failed(
      verifyBundle(
        await keyBundle(key, { dsse: statement([{ name: REPO, digest: DIGEST }]) }),
        undefined,
        { ...noSigners, keys: [key] },
        publicGood
      )
    )
    expect(o.unsupported).toBe(true)
    expect(o.reason).toMatch(reason)
  })
})

type Bundle = {
  mediaType: string
  dsseEnvelope?: { payload: string; payloadType: string; signatures: { sig: string }[] }
  messageSignature?: { signature: string }
  verificationMaterial: Record<string, unknown>
}

describe('hostile and unsupported bundles', () => {
  let valid: Record<string, unknown>
  const key = generateKey('p256')
  beforeAll(async () => {
    valid = await keyBundle(key, { dsse: statement([{ name: REPO, digest: DIGEST }]) })
  })
  const policy = (): SignerPolicy => ({ ...noSigners, keys: [key] })

  test.each([
    ['null', null, /not a JSON object/],
    ['an array', [], /not a JSON object/],
    ['a string', 'bundle', /not a JSON object/],
    ['no mediaType', {}, /unsupported Sigstore bundle version: mediaType \(none\)/],
    ['a numeric mediaType', { mediaType: 3 }, /mediaType \(number\)/],
    [
      'v0.4',
      { mediaType: 'application/vnd.dev.sigstore.bundle.v0.4+json' },
      /unsupported Sigstore bundle version: mediaType "application\/vnd\.dev\.sigstore\.bundle\.v0\.4\+json"/
    ],
    ['a long mediaType', { mediaType: `x${'y'.repeat(10000)}` }, /…"/],
    [
      'v0.3 without content',
      { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json' },
      /malformed Sigstore bundle v0\.3/
    ],
    [
      'v0.3 with junk material',
      {
        mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        verificationMaterial: { certificate: { rawBytes: 'AAAA' } },
        messageSignature: { signature: 'AA==' }
      },
      /malformed|could not|cannot be read/
    ]
  ])('%s', (_, json, reason) => {
    const o = failed(verifyBundle(json, Buffer.from('x'), policy(), publicGood))
    expect(o.reason).toMatch(reason)
    expect(o.reason.length).toBeLessThan(400)
  })

  test('unknown bundle versions are flagged unsupported', () => {
    expect(
      failed(
        verifyBundle(
          { ...valid, mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.9' },
          undefined,
          policy(),
          publicGood
        )
      ).unsupported
    ).toBe(true)
  })

  test('a certificate of garbage DER is a reason, not a crash', () => {
    const b = structuredClone(valid) as Bundle
    b.verificationMaterial = {
      certificate: { rawBytes: Buffer.from('0\x82\xff\xff garbage').toString('base64') },
      tlogEntries: []
    }
    expect(failed(verifyBundle(b, undefined, policy(), publicGood)).reason).toMatch(/./)
  })

  test('parseBundle bounds the size and rejects non-JSON', () => {
    expect(parseBundle(Buffer.alloc(17 * 1024 * 1024, 0x20))).toMatchObject({
      ok: false,
      outcome: { reason: /larger than 16 MiB/ }
    })
    expect(parseBundle(Buffer.from('{"mediaType": '))).toMatchObject({
      ok: false,
      outcome: { reason: 'the bundle is not JSON' }
    })
    expect(parseBundle(Buffer.from(JSON.stringify(valid)))).toEqual({ ok: true, bundle: valid })
  })

  test.each([
    ['log entries', (vm: Record<string, unknown>) => (vm.tlogEntries = Array.from({ length: 17 }, () => ({})))],
    [
      'timestamps',
      (vm: Record<string, unknown>) =>
        (vm.timestampVerificationData = {
          rfc3161Timestamps: Array.from({ length: 17 }, () => ({ signedTimestamp: 'AA==' }))
        })
    ],
    [
      'chain certificates',
      (vm: Record<string, unknown>) =>
        (vm.x509CertificateChain = { certificates: Array.from({ length: 17 }, () => ({ rawBytes: 'AA==' })) })
    ]
  ])('a bundle with too many %s is refused before it is parsed', (_, stuff) => {
    const b = structuredClone(valid) as Bundle
    stuff(b.verificationMaterial)
    expect(failed(verifyBundle(b, undefined, policy(), publicGood)).reason).toBe(
      'the bundle holds more than 16 log entries, timestamps or certificates'
    )
  })

  test('deeply nested JSON is a reason, not a crash', () => {
    let deep: unknown = {}
    for (let i = 0; i < 5000; i++) deep = { verificationMaterial: deep }
    expect(
      failed(
        verifyBundle(
          { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', verificationMaterial: deep },
          undefined,
          policy(),
          publicGood
        )
      ).reason
    ).toMatch(/./)
  })
})

describe('identity matching is whole and exact', () => {
  const facts = (identity: string, issuer = GITHUB_ISSUER) => ({ identity, issuer })
  test.each([
    [IDENTITY, IDENTITY, true],
    ['https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*', IDENTITY, true],
    ['https://github.com/acme/app/.github/workflows/*@refs/tags/*', IDENTITY, true],
    ['https://github.com/acme/**', IDENTITY, true],
    // the library's unanchored regex would accept these
    ['https://github.com/acme/ap', 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1', false],
    ['https://github.com/acme/ap*', 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1', false],
    ['acme/app', IDENTITY, false],
    ['https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1', `${IDENTITY}0`, false],
    [IDENTITY, `https://evil.example/?${IDENTITY}`, false],
    [
      'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*',
      'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
      false
    ],
    // `*` stops at `/`
    [
      'https://github.com/acme/*/.github/workflows/release.yml@refs/tags/v1',
      'https://github.com/acme/a/b/.github/workflows/release.yml@refs/tags/v1',
      false
    ],
    ['release@acme.example', 'release@acme.example', true],
    ['release@acme.example', 'release@acme.example.evil', false],
    ['*@acme.example', 'release@acme.example', true],
    ['*@acme.example', 'release@evil.example', false],
    // a regex is not a glob
    ['https://github.com/acme/.*', IDENTITY, false]
  ])('%s vs %s → %s', (pattern, identity, expected) => {
    expect(accepts({ keys: [], identities: [pattern], issuer: GITHUB_ISSUER }, facts(identity))).toBe(expected)
  })

  test.each([
    [GITHUB_ISSUER, true],
    [`${GITHUB_ISSUER}/`, false],
    ['https://token.actions.githubusercontent.co', false],
    ['https://token.actions.githubusercontent.com.evil', false],
    ['', false]
  ])('issuer %s → %s', (issuer, expected) => {
    expect(accepts({ keys: [], identities: [IDENTITY], issuer: GITHUB_ISSUER }, facts(IDENTITY, issuer))).toBe(expected)
  })
})

describe('keyless bundles from a private Sigstore instance', () => {
  let sigstore: TestSigstore
  let stale: TestSigstore
  let root: TrustedRoot
  let dir: string
  const policy: SignerPolicy = {
    keys: [],
    identities: ['https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*'],
    issuer: GITHUB_ISSUER
  }
  const claims = githubWorkflowClaims('acme/app', '.github/workflows/release.yml', 'refs/tags/v1')

  beforeAll(async () => {
    sigstore = await startSigstore()
    // Certificates valid for ten minutes, two hours ago: every signature made now is outside their validity.
    stale = await startSigstore({ caClock: new Date(Date.now() - 2 * 3600_000) })
    dir = mkdtempSync(join(tmpdir(), 'image-gate-sigstore-'))
    const path = sigstore.writeTrustedRoot(dir)
    root = loadTrustedRoot({ path, text: readFileSync(path, 'utf8') })
  })
  afterAll(async () => {
    await sigstore.close()
    await stale.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test.each([
    ['a Rekor entry', { tlog: true }],
    ['an RFC 3161 timestamp and no log (GitHub private)', { tlog: false, timestamp: true }],
    ['both', { tlog: true, timestamp: true }]
  ])(
    'DSSE and message signatures verify with %s; the certificate facts come from Fulcio extensions',
    async (_, opts) => {
      const payload = statement([{ name: REPO, digest: DIGEST }])
      const o = verifyBundle(await sigstore.sign({ dsse: payload }, claims, opts), undefined, policy, root)
      expect(o).toMatchObject({ verified: true, accepted: true })
      if (!o.verified) return
      expect(o.signer).toEqual({
        kind: 'certificate',
        certificate: {
          identity: IDENTITY,
          issuer: GITHUB_ISSUER,
          sourceRepository: 'https://github.com/acme/app',
          sourceRepositoryRef: 'refs/tags/v1',
          sourceRepositoryDigest: 'a'.repeat(40),
          buildSignerUri: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1',
          runnerEnvironment: 'github-hosted',
          buildTrigger: 'push'
        }
      })
      expect(o.time).toBeInstanceOf(Date)
      expect(Math.abs(o.time!.getTime() - Date.now())).toBeLessThan(5 * 60_000)

      const artifact = simpleSigning(REPO, DIGEST)
      const msg = await sigstore.sign({ message: artifact }, claims, opts)
      expect(verifyBundle(msg, artifact, policy, root)).toMatchObject({ verified: true, accepted: true })
      // … and as cosign's legacy `.sig` annotations
      expect(verifyCosignSignature(artifact, cosignAnnotationsFromBundle(msg), policy, root)).toMatchObject({
        verified: true,
        accepted: true,
        bundleVersion: opts.tlog ? '0.1' : '0.2'
      })
    }
  )

  test.each([
    [
      'another identity',
      { ...policy, identities: ['https://github.com/acme/other/.github/workflows/release.yml@refs/tags/*'] }
    ],
    ['a substring of the identity', { ...policy, identities: ['https://github.com/acme/ap'] }],
    ['a prefix glob that stops at /', { ...policy, identities: ['https://github.com/acme/*'] }],
    ['another issuer', { ...policy, issuer: 'https://accounts.google.com' }],
    ['no identities', { ...policy, identities: [] }]
  ])('%s: verified, and not accepted; the signer is named', async (_, p) => {
    const o = verifyBundle(
      await sigstore.sign({ dsse: statement([{ name: REPO, digest: DIGEST }]) }, claims),
      undefined,
      p,
      root
    )
    expect(o).toMatchObject({
      verified: true,
      accepted: false,
      signer: { kind: 'certificate', certificate: { identity: IDENTITY, issuer: GITHUB_ISSUER } }
    })
  })

  test('of several roots (JSON lines), the one holding the CA verifies', async () => {
    const shipped = JSON.stringify(JSON.parse(readFileSync('src/trust/public-good-root.json', 'utf8')))
    const both = loadTrustedRoot({ path: 'roots.jsonl', text: `${shipped}\n${JSON.stringify(sigstore.trustedRoot)}\n` })
    const bundle = await sigstore.sign({ dsse: statement([{ name: REPO, digest: DIGEST }]) }, claims)
    expect(verifyBundle(bundle, undefined, policy, both)).toMatchObject({ verified: true, accepted: true })
  })

  test('a keyless bundle does not verify against a root that does not hold its CA', async () => {
    const o = failed(
      verifyBundle(
        await sigstore.sign({ dsse: statement([{ name: REPO, digest: DIGEST }]) }, claims),
        undefined,
        policy,
        publicGood
      )
    )
    expect(o.reason).toMatch(/certificate does not verify against the trusted root/)
  })

  test('a certificate used outside its validity', async () => {
    const bundle = await stale.sign({ dsse: statement([{ name: REPO, digest: DIGEST }]) }, claims)
    const staleRoot = loadTrustedRoot({ path: 'stale.json', text: JSON.stringify(stale.trustedRoot) })
    const o = failed(verifyBundle(bundle, undefined, policy, staleRoot))
    expect(o.reason).toMatch(/^the signing certificate was used outside its validity: signed at .*, valid from .* to /)
  })

  test('no verified time: a certificate with neither log entry nor timestamp', async () => {
    const o = failed(
      verifyBundle(
        await sigstore.sign({ dsse: statement([{ name: REPO, digest: DIGEST }]) }, claims, { tlog: false }),
        undefined,
        policy,
        root
      )
    )
    expect(o.reason).toMatch(/no verified time/)
  })

  test.each([
    [
      'the DSSE signature',
      (b: Bundle) => (b.dsseEnvelope!.signatures[0]!.sig = flip(b.dsseEnvelope!.signatures[0]!.sig)),
      /bad signature|transparency-log entry is for other content/
    ],
    [
      'the payload',
      (b: Bundle) => (b.dsseEnvelope!.payload = flip(b.dsseEnvelope!.payload, 30)),
      /bad signature|transparency-log entry is for other content/
    ],
    [
      'the signed entry timestamp',
      (b: Bundle) => {
        const e = (b.verificationMaterial.tlogEntries as { inclusionPromise: { signedEntryTimestamp: string } }[])[0]!
        e.inclusionPromise.signedEntryTimestamp = flip(e.inclusionPromise.signedEntryTimestamp, 20)
      },
      /transparency-log|inclusion/
    ],
    [
      'the integrated time',
      (b: Bundle) => {
        const e = (b.verificationMaterial.tlogEntries as { integratedTime: string }[])[0]!
        e.integratedTime = String(Number(e.integratedTime) + 1)
      },
      /transparency-log|inclusion/
    ]
  ])('one flipped byte in %s fails', async (_, tamper, reason) => {
    const bundle = (await sigstore.sign(
      { dsse: statement([{ name: REPO, digest: DIGEST }]) },
      claims
    )) as unknown as Bundle
    tamper(bundle)
    expect(failed(verifyBundle(bundle, undefined, policy, root)).reason).toMatch(reason)
  })

  test.each([
    ['a Rekor entry', { tlog: true }],
    ['an RFC 3161 timestamp', { tlog: false, timestamp: true }]
  ])("cosign 2's keyless .att layer (DSSE envelope, certificate and %s in annotations) verifies", async (_, opts) => {
    const payload = statement([{ name: REPO, digest: DIGEST }], 'https://slsa.dev/provenance/v1')
    const { envelope, annotations } = cosignAttestationFromBundle(await sigstore.sign({ dsse: payload }, claims, opts))
    const o = verifyCosignAttestation(envelope, annotations, policy, root)
    expect(o).toMatchObject({
      verified: true,
      accepted: true,
      signer: { kind: 'certificate', certificate: { identity: IDENTITY } }
    })
    expect(o.verified && o.content).toEqual({ kind: 'dsse', payloadType: 'application/vnd.in-toto+json', payload })
    // another statement under the same signature and log entry
    const forged = JSON.parse(envelope.toString()) as { payload: string }
    forged.payload = statement(
      [{ name: REPO, digest: `sha256:${'cd'.repeat(32)}` }],
      'https://slsa.dev/provenance/v1'
    ).toString('base64')
    expect(
      failed(verifyCosignAttestation(Buffer.from(JSON.stringify(forged)), annotations, policy, root)).reason
    ).toMatch(/bad signature|transparency-log entry is for other content/)
  })

  test.each([
    ['not JSON', Buffer.from('{'), /not a JSON DSSE envelope/],
    [
      'no signatures',
      Buffer.from(JSON.stringify({ payload: 'e30=', payloadType: 'x', signatures: [] })),
      /one base64 signature/
    ],
    [
      'two signatures',
      Buffer.from(
        JSON.stringify({ payload: 'e30=', payloadType: 'x', signatures: [{ sig: 'AA==' }, { sig: 'AA==' }] })
      ),
      /one base64 signature/
    ],
    [
      'a numeric payload',
      Buffer.from(JSON.stringify({ payload: 1, payloadType: 'x', signatures: [{ sig: 'AA==' }] })),
      /one base64 signature/
    ],
    ['oversized', Buffer.alloc(17 * 1024 * 1024, 0x20), /larger than 16 MiB/]
  ])('an .att layer that is %s is a reason', (_, body, reason) => {
    expect(failed(verifyCosignAttestation(body, {}, policy, root)).reason).toMatch(reason)
  })

  test('a legacy signature copied onto another payload fails', async () => {
    const artifact = simpleSigning(REPO, DIGEST)
    const annotations = cosignAnnotationsFromBundle(await sigstore.sign({ message: artifact }, claims))
    const o = failed(verifyCosignSignature(simpleSigning(REPO, `sha256:${'cd'.repeat(32)}`), annotations, policy, root))
    expect(o.reason).toMatch(/bad signature|transparency-log entry is for other content/)
  })
})

describe('cosign legacy .sig with a key', () => {
  const key = generateKey('p256')
  const payload = simpleSigning(REPO, DIGEST)
  const policy = { ...noSigners, keys: [key] }
  test('verifies with the key, as a message signature over the payload', () => {
    const o = verifyCosignSignature(payload, cosignKeyAnnotations(key, payload), policy, publicGood)
    expect(o).toMatchObject({
      verified: true,
      accepted: true,
      signer: { kind: 'key', fingerprint: key.fingerprint },
      content: { kind: 'message' }
    })
  })
  test.each([
    ['no signature annotation', {}, /no base64 dev\.cosignproject\.cosign\/signature/],
    ['a non-base64 signature', { 'dev.cosignproject.cosign/signature': 'not base64!' }, /no base64/],
    [
      'a certificate that is not PEM',
      { 'dev.cosignproject.cosign/signature': 'AAAA', 'dev.sigstore.cosign/certificate': 'hello' },
      /not a PEM certificate/
    ],
    [
      'a Rekor bundle that is not JSON',
      { 'dev.cosignproject.cosign/signature': 'AAAA', 'dev.sigstore.cosign/bundle': '{' },
      /not a Rekor bundle/
    ],
    [
      'a Rekor bundle with a bad logID',
      {
        'dev.cosignproject.cosign/signature': 'AAAA',
        'dev.sigstore.cosign/bundle': JSON.stringify({
          SignedEntryTimestamp: 'AAAA',
          Payload: { body: 'e30=', integratedTime: 1, logIndex: 1, logID: 'zz' }
        })
      },
      /not a Rekor bundle/
    ],
    [
      'a timestamp that is not JSON',
      { 'dev.cosignproject.cosign/signature': 'AAAA', 'dev.sigstore.cosign/rfc3161timestamp': 'x' },
      /rfc3161timestamp is not JSON/
    ],
    [
      'an oversized annotation',
      { 'dev.cosignproject.cosign/signature': 'A'.repeat(17 * 1024 * 1024) },
      /larger than 16 MiB/
    ]
  ])('%s', (_, annotations, reason) => {
    expect(
      failed(verifyCosignSignature(payload, annotations as Record<string, string>, policy, publicGood)).reason
    ).toMatch(reason)
  })
  test('a key-signed .att layer (DSSE envelope) verifies with the key', async () => {
    const statementBytes = statement([{ name: REPO, digest: DIGEST }])
    const { envelope } = cosignAttestationFromBundle(await keyBundle(key, { dsse: statementBytes }))
    const o = verifyCosignAttestation(envelope, { 'dev.cosignproject.cosign/signature': '' }, policy, publicGood)
    expect(o).toMatchObject({
      verified: true,
      signer: { kind: 'key', fingerprint: key.fingerprint },
      content: { kind: 'dsse', payload: statementBytes }
    })
    expect(
      failed(verifyCosignAttestation(envelope, {}, { ...noSigners, keys: [generateKey('p256')] }, publicGood)).reason
    ).toMatch(/no key/)
  })

  test('a signature from another key, or over another payload, fails', () => {
    expect(
      failed(verifyCosignSignature(payload, cosignKeyAnnotations(generateKey('p256'), payload), policy, publicGood))
        .reason
    ).toMatch(/no key/)
    const other = simpleSigning(REPO, `sha256:${'cd'.repeat(32)}`)
    expect(failed(verifyCosignSignature(other, cosignKeyAnnotations(key, payload), policy, publicGood)).reason).toMatch(
      /no key/
    )
  })
})

describe('trusted roots', () => {
  test('the shipped public-good root loads once', () => {
    expect(loadTrustedRoot()).toBe(publicGood)
    expect(publicGood.materials).toHaveLength(1)
    expect(publicGood.materials[0]!.certificateAuthorities.length).toBeGreaterThan(0)
    expect(publicGood.materials[0]!.tlogs.length).toBeGreaterThan(0)
  })

  const shipped = readFileSync('src/trust/public-good-root.json', 'utf8')
  test('JSON lines, as `gh attestation trusted-root` prints them, give one root per line', () => {
    const lines = `${JSON.stringify(JSON.parse(shipped))}\n\n${JSON.stringify(JSON.parse(shipped))}\n`
    expect(loadTrustedRoot({ path: 'roots.jsonl', text: lines }).materials).toHaveLength(2)
  })

  test.each([
    ['empty', '', /trusted-root: "r\.json" is empty/],
    ['whitespace', ' \n\t', /is empty/],
    ['not JSON', 'hello', /trusted-root: "r\.json" is not JSON; expected a Sigstore trusted_root\.json/],
    ['a bad second line', `${JSON.stringify(JSON.parse(shipped))}\n{`, /trusted-root: "r\.json", line 2, is not JSON/],
    ['an array', '[]', /is not a JSON object/],
    [
      'another mediaType',
      '{"mediaType":"application/json"}',
      /has mediaType "application\/json"; expected application\/vnd\.dev\.sigstore\.trustedroot/
    ],
    ['no mediaType', '{}', /has mediaType \(none\)/],
    [
      'no authorities',
      '{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}',
      /not a usable Sigstore trusted root: it names no/
    ],
    [
      'a bad key',
      JSON.stringify({
        mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
        tlogs: [
          {
            baseUrl: 'x',
            hashAlgorithm: 'SHA2_256',
            publicKey: {
              rawBytes: 'AAAA',
              keyDetails: 'PKIX_ECDSA_P256_SHA_256',
              validFor: { start: '2020-01-01T00:00:00Z' }
            },
            logId: { keyId: 'AAAA' }
          }
        ]
      }),
      /not a usable Sigstore trusted root/
    ],
    ['too large', ' '.repeat(5 * 1024 * 1024), /larger than 4 MiB/]
  ])('%s: a clear error naming the input', (_, text, message) => {
    let error: unknown
    try {
      loadTrustedRoot({ path: 'r.json', text })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TrustRootError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toMatch(/\n/)
  })
})
