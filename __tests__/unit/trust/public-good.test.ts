// A real bundle from the Sigstore public-good instance, verified offline against the root the action ships.
// The bundle is sigstore/cosign's pkg/cosign/testdata/oci-attestation.sigstore.json (data, kept verbatim under
// __tests__/fixtures/sigstore/cosign/): a keyless DSSE in-toto attestation, signed by cody@soyland.com through
// GitHub's OAuth issuer, whose subject is go-containerregistry's empty image, rebuilt here byte for byte.
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
// @ts-expect-error: a plain .mjs script with no type declarations
import { SEEDS, TARGET, publicGoodRoot } from '../../../scripts/trusted-root.mjs'
import { loadTrustedRoot, verifyBundle } from '../../../src/trust/verify.js'
import { PUBLIC_GOOD_BUNDLE, emptyImage } from '../../support/sigstore.js'

const BUNDLE = JSON.parse(readFileSync(PUBLIC_GOOD_BUNDLE.path, 'utf8')) as Record<string, unknown>
const SIGNER = { identity: PUBLIC_GOOD_BUNDLE.identity, issuer: PUBLIC_GOOD_BUNDLE.issuer }

describe('the public-good root shipped inside the action', () => {
  test('is the trusted root the pinned @sigstore/tuf embeds (run scripts/trusted-root.mjs after upgrading it)', () => {
    expect(readFileSync(TARGET, 'utf8')).toBe(publicGoodRoot(readFileSync(SEEDS, 'utf8')))
  })

  test("verifies cosign's public-good attestation of the empty image, with its real identity", () => {
    const o = verifyBundle(
      BUNDLE,
      undefined,
      { keys: [], identities: [SIGNER.identity], issuer: SIGNER.issuer },
      loadTrustedRoot()
    )
    expect(o).toMatchObject({
      verified: true,
      accepted: true,
      bundleVersion: '0.3',
      signer: { kind: 'certificate', certificate: SIGNER }
    })
    if (!o.verified || o.content.kind !== 'dsse') throw new Error('expected a verified DSSE envelope')
    expect(o.time?.toISOString()).toBe('2025-02-28T19:18:11.000Z')
    expect(o.content.payloadType).toBe('application/vnd.in-toto+json')
    const statement = JSON.parse(o.content.payload.toString('utf8')) as {
      subject: { digest: { sha256: string } }[]
      predicateType: string
    }
    expect(`sha256:${statement.subject[0]!.digest.sha256}`).toBe(emptyImage().digest)
    expect(emptyImage().digest).toBe(PUBLIC_GOOD_BUNDLE.subject)
    expect(statement.predicateType).toBe('https://cosign.sigstore.dev/attestation/v1')
  })

  test.each([
    ['another e-mail', { identities: ['cody@soyland.co'], issuer: SIGNER.issuer }],
    ['a glob of another domain', { identities: ['*@soyland.co'], issuer: SIGNER.issuer }],
    [
      'the right identity from another issuer',
      { identities: [SIGNER.identity], issuer: 'https://token.actions.githubusercontent.com' }
    ]
  ])('is not accepted for %s', (_, p) => {
    expect(verifyBundle(BUNDLE, undefined, { keys: [], ...p }, loadTrustedRoot())).toMatchObject({
      verified: true,
      accepted: false
    })
  })

  test('one flipped signature byte fails', () => {
    const b = structuredClone(BUNDLE) as { dsseEnvelope: { signatures: { sig: string }[] } }
    const sig = Buffer.from(b.dsseEnvelope.signatures[0]!.sig, 'base64')
    sig[20] = sig[20]! ^ 1
    b.dsseEnvelope.signatures[0]!.sig = sig.toString('base64')
    expect(
      verifyBundle(b, undefined, { keys: [], identities: [SIGNER.identity], issuer: SIGNER.issuer }, loadTrustedRoot())
    ).toMatchObject({ verified: false })
  })
})
