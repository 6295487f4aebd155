/**
 * A real signature from the Sigstore public-good instance, verified end to end through dist/index.js with the
 * trusted root the action ships and no network but the test registry: go-containerregistry's empty image, rebuilt
 * byte for byte, is pushed to docker-registry 2.8 with sigstore/cosign's oci-attestation.sigstore.json as its
 * referrer (referrers tag schema, for distribution 2.8 has no referrers API).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { DOCKER_CONFIG, DOCKER_MANIFEST, Pusher } from '../support/push.js'
import { DIST, cleanup, runAction } from '../support/run-action.js'
import { PUBLIC_GOOD_BUNDLE, emptyImage, pushBundleReferrer } from '../support/sigstore.js'

let reg: TestRegistry
const image = emptyImage()
const bundle = JSON.parse(readFileSync(PUBLIC_GOOD_BUNDLE.path, 'utf8')) as {
  dsseEnvelope: { signatures: { sig: string }[] }
}

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error('dist/index.js is missing: run npm run bundle')
  reg = await startRegistry({ auth: 'anonymous' })
  const push = new Pusher(reg)
  for (const repo of ['public-good/empty', 'public-good/tampered', 'public-good/unsigned']) {
    await push.blob(repo, image.config, DOCKER_CONFIG)
    const digest = await push.manifest(repo, 'latest', image.manifest, DOCKER_MANIFEST)
    expect(digest).toBe(PUBLIC_GOOD_BUNDLE.subject)
  }
  const subject = { mediaType: DOCKER_MANIFEST, digest: image.digest, size: image.manifest.length }
  await pushBundleReferrer(push, 'public-good/empty', subject, bundle)
  // The same attestation with one flipped signature byte.
  const tampered = structuredClone(bundle)
  const sig = Buffer.from(tampered.dsseEnvelope.signatures[0]!.sig, 'base64')
  sig[20] = sig[20]! ^ 1
  tampered.dsseEnvelope.signatures[0]!.sig = sig.toString('base64')
  await pushBundleReferrer(push, 'public-good/tampered', subject, tampered)
})
afterAll(async () => reg?.stop())

const signer = { 'signature-identities': PUBLIC_GOOD_BUNDLE.identity, 'signature-issuer': PUBLIC_GOOD_BUNDLE.issuer }

interface ReportSignature {
  format: string
  verified: boolean
  reason: string | null
  signer: { kind: string; identity?: string; issuer?: string } | null
  covers: string[]
  predicateType: string | null
  time: string | null
}
interface Report {
  images: { trust: { digests: { digest: string; signatures: ReportSignature[] }[] } }[]
  findings: { rule: string; image: string; message: string }[]
}
const report = (r: { report: unknown }): Report => r.report as Report

describe('a public-good bundle, verified offline through dist/', () => {
  test('passes the signature rule with its real identity and issuer, against the shipped root', async () => {
    const run = await runAction({ images: `${reg.host}/public-good/empty:latest`, ...signer })
    try {
      expect(run.outputs.result).toBe('pass')
      expect(run.code).toBe(0)
      expect(run.outputs.digest).toBe(PUBLIC_GOOD_BUNDLE.subject)
      const found = report(run).images[0]!.trust.digests[0]!
      expect(found.digest).toBe(PUBLIC_GOOD_BUNDLE.subject)
      expect(found.signatures).toEqual([
        expect.objectContaining({
          format: 'Sigstore bundle v0.3',
          verified: true,
          reason: null,
          signer: expect.objectContaining({
            kind: 'certificate',
            identity: PUBLIC_GOOD_BUNDLE.identity,
            issuer: PUBLIC_GOOD_BUNDLE.issuer
          }),
          covers: [PUBLIC_GOOD_BUNDLE.subject],
          predicateType: 'https://cosign.sigstore.dev/attestation/v1',
          time: '2025-02-28T19:18:11.000Z'
        })
      ])
      expect(report(run).findings).toEqual([])
      expect(run.summary).toContain(PUBLIC_GOOD_BUNDLE.identity)
    } finally {
      cleanup(run)
    }
  })

  test.each([
    ['another identity', { 'signature-identities': 'cody@soyland.co', 'signature-issuer': PUBLIC_GOOD_BUNDLE.issuer }],
    [
      'a substring of the identity',
      { 'signature-identities': 'cody@soyland', 'signature-issuer': PUBLIC_GOOD_BUNDLE.issuer }
    ],
    [
      'another issuer',
      {
        'signature-identities': PUBLIC_GOOD_BUNDLE.identity,
        'signature-issuer': 'https://token.actions.githubusercontent.com'
      }
    ]
  ])('fails for %s, and names who did sign', async (_, inputs) => {
    const run = await runAction({ images: `${reg.host}/public-good/empty:latest`, ...inputs })
    try {
      expect(run.outputs.result).toBe('fail')
      expect(run.code).not.toBe(0)
      expect(run.outputs.violations).toBe('1')
      // verified, but not by a signer the inputs accept: the finding says who did sign
      expect(report(run).images[0]!.trust.digests[0]!.signatures[0]).toMatchObject({
        verified: true,
        signer: { identity: PUBLIC_GOOD_BUNDLE.identity }
      })
      const [finding] = report(run).findings
      expect(finding).toMatchObject({ rule: 'signature', image: `${reg.host}/public-good/empty:latest` })
      expect(finding!.message).toContain(PUBLIC_GOOD_BUNDLE.identity)
      expect(finding!.message).toContain(PUBLIC_GOOD_BUNDLE.subject)
    } finally {
      cleanup(run)
    }
  })

  test.each([
    [
      'a flipped signature byte',
      'public-good/tampered',
      /bad signature: Sigstore bundle v0\.3 in referrers tag sha256-[0-9a-f]{64}: the transparency-log entry is for other content/
    ],
    [
      'no signature at all',
      'public-good/unsigned',
      /^no signature found for sha256:[0-9a-f]{64} \(looked in referrers API \(not offered\), referrers tag sha256-[0-9a-f]{64}, tag sha256-[0-9a-f]{64}\.sig, tag sha256-[0-9a-f]{64}\.att\)$/
    ]
  ])('fails for %s, and says why', async (_, repo, message) => {
    const run = await runAction({ images: `${reg.host}/${repo}:latest`, ...signer })
    try {
      expect(run.outputs.result).toBe('fail')
      expect(run.outputs.violations).toBe('1')
      const [finding] = report(run).findings
      expect(finding).toMatchObject({ rule: 'signature', image: `${reg.host}/${repo}:latest` })
      expect(finding!.message).toContain(PUBLIC_GOOD_BUNDLE.subject)
      expect(finding!.message).toMatch(message)
    } finally {
      cleanup(run)
    }
  })
})
