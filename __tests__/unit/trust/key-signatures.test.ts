import { describe, expect, test } from '@jest/globals'
import type { DiscoveredArtifact } from '../../../src/inspect/discover.js'
import { computeDigest } from '../../../src/core/digest.js'
import {
  CERTIFICATE_ANNOTATION,
  SIGNATURE_ANNOTATION,
  checkDigest,
  verifyArtifact,
  type TrustContext
} from '../../../src/inspect/trust.js'
import { SIMPLE_SIGNING } from '../../../src/trust/payload.js'
import {
  envelope,
  signBytes,
  simpleSigningPayload,
  statement,
  testSigner,
  type KeyKind,
  type TestSigner
} from '../../support/signing.js'

const D = `sha256:${'a'.repeat(64)}`
const OTHER = `sha256:${'b'.repeat(64)}`

function sigArtifact(
  payload: Buffer,
  signature: Buffer | string,
  extra: Record<string, string> = {}
): DiscoveredArtifact {
  return {
    place: `tag ${D.replace(':', '-')}.sig`,
    kind: 'cosign-sig',
    digest: `sha256:${'c'.repeat(64)}`,
    artifactType: undefined,
    subject: undefined,
    layers: [
      {
        descriptor: {
          mediaType: SIMPLE_SIGNING,
          digest: computeDigest(payload),
          size: payload.length,
          annotations: {
            [SIGNATURE_ANNOTATION]: typeof signature === 'string' ? signature : signature.toString('base64'),
            ...extra
          }
        },
        body: payload
      }
    ]
  }
}

function attArtifact(env: Buffer): DiscoveredArtifact {
  return {
    place: `tag ${D.replace(':', '-')}.att`,
    kind: 'cosign-att',
    digest: `sha256:${'d'.repeat(64)}`,
    artifactType: undefined,
    subject: undefined,
    layers: [
      {
        descriptor: {
          mediaType: 'application/vnd.dsse.envelope.v1+json',
          digest: computeDigest(env),
          size: env.length
        },
        body: env
      }
    ]
  }
}

/** What verifying each artifact says, in order. */
const verifyDiscovery = (
  artifacts: DiscoveredArtifact[],
  ctx: TrustContext
): { signatures: ReturnType<typeof verifyArtifact> } => ({ signatures: artifacts.flatMap(a => verifyArtifact(a, ctx)) })
const discovery = (...artifacts: DiscoveredArtifact[]): DiscoveredArtifact[] => artifacts

function flip(b: Buffer, at = Math.floor(b.length / 2)): Buffer {
  const c = Buffer.from(b)
  c[at] = c[at]! ^ 0x01
  return c
}

describe('key signatures, verified with node:crypto', () => {
  const signers = Object.fromEntries(
    (['P-256', 'P-384', 'P-521', 'RSA-2048'] as KeyKind[]).map(k => [k, testSigner(k)])
  ) as Record<KeyKind, TestSigner>
  const cosignP384 = testSigner('P-384', 'sha256')

  test.each([...Object.values(signers), cosignP384])(
    'a cosign .sig by $label ($hash) verifies and names its digest',
    s => {
      const payload = simpleSigningPayload(D)
      const t = verifyDiscovery(discovery(sigArtifact(payload, signBytes(s, payload))), {
        keys: [testSigner().publicKey, s.publicKey]
      })
      expect(t.signatures).toEqual([
        expect.objectContaining({
          verified: true,
          signer: { kind: 'key', fingerprint: s.publicKey.fingerprint },
          subjects: [D],
          format: 'cosign signature (simple signing)'
        })
      ])
    }
  )

  const s = signers['P-256']
  const payload = simpleSigningPayload(D)
  const good = signBytes(s, payload)
  test.each<[string, DiscoveredArtifact, Record<string, unknown>]>([
    [
      'wrong key',
      sigArtifact(payload, signBytes(testSigner(), payload)),
      { verified: false, reason: expect.stringContaining('does not verify with any key') }
    ],
    [
      'one flipped signature byte',
      sigArtifact(payload, flip(good)),
      { verified: false, reason: expect.stringContaining('does not verify') }
    ],
    ['one flipped payload byte', sigArtifact(flip(payload, 20), good), { verified: false }],
    [
      'an empty signature',
      sigArtifact(payload, ''),
      { verified: false, reason: expect.stringContaining('no dev.cosignproject.cosign/signature') }
    ],
    ['a signature that is not base64', sigArtifact(payload, '!!!'), { verified: false }],
    [
      'a payload for another digest, validly signed',
      sigArtifact(simpleSigningPayload(OTHER), signBytes(s, simpleSigningPayload(OTHER))),
      { verified: true, subjects: [OTHER] }
    ],
    [
      'a signed payload that is not simple signing',
      sigArtifact(Buffer.from('{"hello":1}'), signBytes(s, Buffer.from('{"hello":1}'))),
      {
        verified: false,
        unsupported: true,
        reason: expect.stringContaining('the signature verifies, but the payload is not a simple-signing document')
      }
    ],
    [
      'a keyless signature (certificate) without a Sigstore verifier',
      sigArtifact(payload, good, { [CERTIFICATE_ANNOTATION]: '-----BEGIN CERTIFICATE-----' }),
      { verified: false, unsupported: true }
    ]
  ])('%s', (_name, artifact, expected) => {
    const t = verifyDiscovery(discovery(artifact), { keys: [s.publicKey] })
    expect(t.signatures).toHaveLength(1)
    expect(t.signatures[0]).toMatchObject(expected)
  })

  test('with no keys given, a key signature cannot be verified and says why', () => {
    const t = verifyDiscovery(discovery(sigArtifact(payload, good)), { keys: [] })
    expect(t.signatures[0]).toMatchObject({
      verified: false,
      reason: expect.stringContaining('no signature-keys were given')
    })
  })

  test('a DSSE attestation signed with a key names its subjects and predicate type', () => {
    const env = envelope(s, statement([D], 'https://spdx.dev/Document'))
    const t = verifyDiscovery(discovery(attArtifact(env)), { keys: [s.publicKey] })
    expect(t.signatures[0]).toMatchObject({
      verified: true,
      subjects: [D],
      predicateType: 'https://spdx.dev/Document',
      format: 'cosign attestation (DSSE)'
    })
  })

  test.each([
    ['wrong key', envelope(testSigner(), statement([D], 'x')), 'does not verify'],
    ['another payload type', envelope(s, statement([D], 'x'), 'text/plain'), 'payload type'],
    ['not an envelope', Buffer.from('{"a":1}'), 'no payloadType']
  ])('a DSSE attestation: %s', (_name, env, reason) => {
    const t = verifyDiscovery(discovery(attArtifact(env)), { keys: [s.publicKey] })
    expect(t.signatures[0]).toMatchObject({ verified: false, reason: expect.stringContaining(reason) })
  })

  test('a DSSE payload swapped under a valid signature does not verify', () => {
    const env = JSON.parse(envelope(s, statement([D], 'x')).toString()) as { payload: string }
    env.payload = statement([OTHER], 'x').toString('base64')
    const t = verifyDiscovery(discovery(attArtifact(Buffer.from(JSON.stringify(env)))), { keys: [s.publicKey] })
    expect(t.signatures[0]).toMatchObject({ verified: false })
  })

  test('a discovery error is kept, and nothing is claimed', async () => {
    const d = {
      digest: D,
      looked: ['referrers API'],
      error: { host: 'r.example', message: 'rate limited' },
      pending: [],
      cut: [],
      release: () => {}
    }
    const t = await checkDigest(d, { keys: [s.publicKey] }, () => false, 'linux/amd64')
    expect(t).toEqual({
      digest: D,
      platform: 'linux/amd64',
      looked: ['referrers API'],
      error: { host: 'r.example', message: 'rate limited' },
      signatures: []
    })
  })

  test('a Sigstore bundle without a Sigstore verifier is unsupported, never verified', () => {
    const bundle = Buffer.from('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}')
    const a: DiscoveredArtifact = {
      place: 'referrers API',
      kind: 'bundle',
      digest: OTHER,
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      subject: D,
      layers: [
        {
          descriptor: {
            mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
            digest: computeDigest(bundle),
            size: bundle.length
          },
          body: bundle
        }
      ]
    }
    const t = verifyDiscovery(discovery(a), { keys: [s.publicKey] })
    expect(t.signatures[0]).toMatchObject({ verified: false, unsupported: true, format: 'Sigstore bundle v0.3' })
  })
})
