// A Notation referrer as discovery hands it over: verified against the image's own descriptor (the digest checked,
// its manifest's size and media type), or refused saying why.
import { beforeAll, describe, expect, test } from '@jest/globals'
import type { DiscoveredArtifact } from '../../../src/inspect/discover.js'
import { verifyArtifact } from '../../../src/inspect/trust.js'
import { notationVerifier, parseTrustPolicy } from '../../../src/trust/notation/index.js'
import { parseCertificates } from '../../../src/trust/notation/certificates.js'
import { type Chain, makeChain, signJws } from '../../support/notation.js'

const manifest = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}')
const DIGEST = `sha256:${'56'.repeat(32)}`
const MEDIA = 'application/vnd.oci.image.manifest.v1+json'
let chain: Chain

beforeAll(async () => {
  chain = await makeChain()
})

const artifact = (body: Buffer, mediaType = 'application/jose+json', layers = 1): DiscoveredArtifact => ({
  place: 'referrers API',
  kind: 'notation',
  digest: `sha256:${'78'.repeat(32)}`,
  artifactType: 'application/vnd.cncf.notary.signature',
  subject: DIGEST,
  layers: Array.from({ length: layers }, () => ({
    descriptor: { mediaType, digest: `sha256:${'9a'.repeat(32)}`, size: body.length },
    body
  }))
})

function verifier(scopes: string[]) {
  const policy = parseTrustPolicy(
    JSON.stringify({
      version: '1.0',
      trustPolicies: [
        {
          name: 'acme',
          registryScopes: scopes,
          signatureVerification: { level: 'strict' },
          trustStores: ['ca:acme'],
          trustedIdentities: ['*']
        }
      ]
    }),
    'trustpolicy.json'
  )
  return notationVerifier(
    { policy, stores: new Map([['ca:acme', parseCertificates(chain.root.der)]]) },
    'ghcr.io',
    'acme/app',
    new Date()
  )
}

describe('verifyArtifact, kind notation', () => {
  const good = () => signJws(chain, { mediaType: MEDIA, digest: DIGEST, size: manifest.length })
  const target = { digest: DIGEST, manifest, mediaType: MEDIA }

  test('verified: a fact naming the digest, the subject and the trust policy', () => {
    const [fact] = verifyArtifact(artifact(good()), { keys: [], notation: verifier(['*']) }, manifest, target)
    expect(fact).toEqual({
      place: 'referrers API',
      format: 'Notation signature (JWS)',
      manifest: `sha256:${'78'.repeat(32)}`,
      verified: true,
      signer: { kind: 'notation', subject: 'C=US, ST=WA, O=Acme, CN=Builder', policy: 'acme', level: 'strict' },
      subjects: [DIGEST],
      time: expect.any(String)
    })
  })

  test.each<[string, () => Parameters<typeof verifyArtifact>, string, boolean]>([
    [
      'no trust policy given',
      () => [artifact(good()), { keys: [] }, manifest, target],
      'a Notation signature, but no notation-trust-policy was given to verify it with',
      true
    ],
    [
      'two layers',
      () => [artifact(good(), 'application/jose+json', 2), { keys: [], notation: verifier(['*']) }, manifest, target],
      'a Notation signature manifest has 2 layers, not 1',
      true
    ],
    [
      'an envelope of another type',
      () => [artifact(good(), 'application/json'), { keys: [], notation: verifier(['*']) }, manifest, target],
      'a Notation envelope of type application/json, not application/jose+json or application/cose',
      true
    ],
    [
      'the image manifest not read',
      () => [artifact(good()), { keys: [], notation: verifier(['*']) }, undefined, { digest: DIGEST }],
      'the image manifest the signature names was not read',
      false
    ],
    [
      'no statement for the repository',
      () => [artifact(good()), { keys: [], notation: verifier(['ghcr.io/acme/other']) }, manifest, target],
      'no statement of the trust policy trustpolicy.json applies to ghcr.io/acme/app (no registry scope names it, and there is no "*")',
      false
    ],
    [
      'a manifest of another size',
      () => [
        artifact(good()),
        { keys: [], notation: verifier(['*']) },
        manifest,
        { ...target, manifest: Buffer.concat([manifest, Buffer.from(' ')]) }
      ],
      `the payload names the size ${manifest.length}, not ${manifest.length + 1}`,
      false
    ]
  ])('%s: refused', (_, args, reason, unsupported) => {
    const [fact] = verifyArtifact(...args())
    expect(fact).toMatchObject({ verified: false, reason, subjects: [] })
    expect(fact!.unsupported === true).toBe(unsupported)
  })
})
