// What a registry chooses: envelopes that are malformed, deep, large or mutated. Each ends as a refusal with a
// reason; none throws, none verifies.
import { beforeAll, describe, expect, test } from '@jest/globals'
import { encode, Tag } from 'cbor2'
import { COSE_MEDIA_TYPE, JWS_MEDIA_TYPE } from '../../../../src/trust/notation/envelope.js'
import { parseCertificates } from '../../../../src/trust/notation/certificates.js'
import { parseTrustPolicy, type TrustStores } from '../../../../src/trust/notation/policy.js'
import { verifyNotation } from '../../../../src/trust/notation/verify.js'
import { verifyTimestampToken } from '../../../../src/trust/notation/timestamp.js'
import { type Chain, type MadeCert, makeChain, signCose, signJws } from '../../../support/notation.js'

const IMAGE = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'12'.repeat(32)}`, size: 99 }
const statement = parseTrustPolicy(
  JSON.stringify({
    version: '1.0',
    trustPolicies: [
      {
        name: 'p',
        registryScopes: ['*'],
        signatureVerification: { level: 'audit' },
        trustStores: ['ca:s'],
        trustedIdentities: ['*']
      }
    ]
  }),
  'p'
).statements[0]!
let chain: Chain
let stores: TrustStores

beforeAll(async () => {
  chain = await makeChain({ key: 'P-256' })
  stores = new Map([['ca:s', parseCertificates(chain.root.der)]])
})

const verify = (mediaType: string, envelope: Buffer) =>
  verifyNotation({ mediaType, envelope, descriptor: IMAGE, statement, stores, now: new Date() })

/** The chain's leaf followed by `n` certificates that are no DER at all: parsing any of them fails. */
const leafAndGarbage = (n: number): Chain => ({
  ...chain,
  certs: [chain.leaf, ...Array<MadeCert>(n).fill({ ...chain.root, der: Buffer.from('garbage') })]
})

const jwsWith = (change: (env: Record<string, unknown>, header: Record<string, unknown>) => void): Buffer => {
  const env = JSON.parse(signJws(chain, IMAGE).toString()) as Record<string, unknown>
  const header = JSON.parse(Buffer.from(env.protected as string, 'base64url').toString()) as Record<string, unknown>
  change(env, header)
  env.protected = Buffer.from(JSON.stringify(header)).toString('base64url')
  return Buffer.from(JSON.stringify(env))
}

describe('malformed envelopes are refused with a reason', () => {
  test.each<[string, string, () => Buffer, RegExp]>([
    ['empty', JWS_MEDIA_TYPE, () => Buffer.alloc(0), /not JSON/],
    ['deeply nested JSON', JWS_MEDIA_TYPE, () => Buffer.from('['.repeat(200_000)), /not JSON/],
    ['a JSON array', JWS_MEDIA_TYPE, () => Buffer.from('[]'), /not a JSON object/],
    ['compact serialization', JWS_MEDIA_TYPE, () => Buffer.from('"a.b.c"'), /not a JSON object/],
    ['an extra member', JWS_MEDIA_TYPE, () => jwsWith(env => (env.signatures = [])), /unexpected member "signatures"/],
    ['no crit', JWS_MEDIA_TYPE, () => jwsWith((_, h) => delete h.crit), /has no crit list/],
    ['crit not a list', JWS_MEDIA_TYPE, () => jwsWith((_, h) => (h.crit = 'x')), /has no crit list/],
    [
      'crit naming an absent header',
      JWS_MEDIA_TYPE,
      () => jwsWith((_, h) => (h.crit = ['io.cncf.notary.signingScheme', 'io.cncf.notary.expiry'])),
      /marks an absent header critical: io.cncf.notary.expiry/
    ],
    [
      'an expiry not marked critical',
      JWS_MEDIA_TYPE,
      () => jwsWith((_, h) => (h['io.cncf.notary.expiry'] = '2099-01-01T00:00:00Z')),
      /has io.cncf.notary.expiry but does not mark it critical/
    ],
    [
      'alg none',
      JWS_MEDIA_TYPE,
      () => jwsWith((_, h) => (h.alg = 'none')),
      /names the algorithm none, the signing key implies ES256/
    ],
    [
      'another content type',
      JWS_MEDIA_TYPE,
      () => jwsWith((_, h) => (h.cty = 'application/json')),
      /content type is not/
    ],
    [
      'another scheme',
      JWS_MEDIA_TYPE,
      () => jwsWith((_, h) => (h['io.cncf.notary.signingScheme'] = 'x')),
      /signing scheme "x"/
    ],
    [
      'a signing time that is not RFC 3339',
      JWS_MEDIA_TYPE,
      () => jwsWith((_, h) => (h['io.cncf.notary.signingTime'] = 'yesterday')),
      /not an RFC 3339 time/
    ],
    [
      'x5c in the protected header',
      JWS_MEDIA_TYPE,
      () => jwsWith((_, h) => (h.x5c = [])),
      /belongs to the unprotected header/
    ],
    ['no x5c', JWS_MEDIA_TYPE, () => jwsWith(env => (env.header = {})), /no x5c chain/],
    ['x5c not base64', JWS_MEDIA_TYPE, () => jwsWith(env => (env.header = { x5c: ['%%%'] })), /not base64/],
    [
      'x5c garbage',
      JWS_MEDIA_TYPE,
      () => jwsWith(env => (env.header = { x5c: ['AAAA'] })),
      /a certificate of the chain does not parse/
    ],
    [
      'an x5c of 11 certificates',
      JWS_MEDIA_TYPE,
      () => jwsWith(env => (env.header = { x5c: Array(11).fill(chain.leaf.der.toString('base64')) })),
      /more than 10 certificates/
    ],
    // Counted before any certificate is parsed: garbage beyond the limit is never read (nor hashed, nor kept).
    [
      'an x5c of the leaf and 10 garbage certificates',
      JWS_MEDIA_TYPE,
      () => signJws(leafAndGarbage(10), IMAGE),
      /more than 10 certificates/
    ],
    [
      'an x5chain of the leaf and 10 garbage certificates',
      COSE_MEDIA_TYPE,
      () => signCose(leafAndGarbage(10), IMAGE),
      /more than 10 certificates/
    ],
    [
      'an x5c of 5,000 garbage certificates',
      JWS_MEDIA_TYPE,
      () => jwsWith(env => (env.header = { x5c: Array(5_000).fill('AAAA') })),
      /more than 10 certificates/
    ],
    [
      'an x5c of the leaf and 9 garbage certificates',
      JWS_MEDIA_TYPE,
      () => signJws(leafAndGarbage(9), IMAGE),
      /a certificate of the chain does not parse/
    ],
    ['an empty signature', JWS_MEDIA_TYPE, () => jwsWith(env => (env.signature = '')), /does not verify/],
    ['garbage CBOR', COSE_MEDIA_TYPE, () => Buffer.from([0xff, 0xff]), /not valid CBOR/],
    [
      'deeply nested CBOR',
      COSE_MEDIA_TYPE,
      () => Buffer.alloc(100_000, 0x81),
      /not valid CBOR|not a tagged COSE_Sign1/
    ],
    ['untagged COSE', COSE_MEDIA_TYPE, () => Buffer.from(encode([1, 2, 3, 4])), /not a tagged COSE_Sign1/],
    ['COSE of three parts', COSE_MEDIA_TYPE, () => Buffer.from(encode(new Tag(18, [1, 2, 3]))), /array of four/],
    [
      'COSE with a map as protected header',
      COSE_MEDIA_TYPE,
      () => Buffer.from(encode(new Tag(18, [new Map(), new Map(), new Uint8Array(1), new Uint8Array(1)]))),
      /protected header is not a byte string/
    ],
    [
      'another media type',
      'application/json',
      () => signJws(chain, IMAGE),
      /not application\/jose\+json or application\/cose/
    ]
  ])('%s', (_, mediaType, make, reason) => {
    const out = verify(mediaType, make())
    expect(out.verified).toBe(false)
    expect(out.reason).toMatch(reason)
  })
})

describe('text a registry chooses is cut in the reason', () => {
  const long = 'x'.repeat(10_000)
  const cut = `${'x'.repeat(120)}…`
  const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
  test.each<[string, string, () => Buffer | Promise<Buffer>, string]>([
    [
      'an unknown critical header',
      JWS_MEDIA_TYPE,
      () => jwsWith((_, h) => (h.crit = ['io.cncf.notary.signingScheme', long])),
      `the JWS protected header marks an unknown header critical: "${cut}"`
    ],
    [
      'a critical entry that is a long array',
      JWS_MEDIA_TYPE,
      () => jwsWith((_, h) => (h.crit = ['io.cncf.notary.signingScheme', Array(5_000).fill(1)])),
      `the JWS protected header marks an unknown header critical: [${'1,'.repeat(59)}1…`
    ],
    [
      'an unexpected member',
      JWS_MEDIA_TYPE,
      () => jwsWith(env => (env[long] = 1)),
      `the JWS envelope has an unexpected member "${cut}"`
    ],
    [
      'a JWS signing scheme',
      JWS_MEDIA_TYPE,
      () => signJws(chain, IMAGE, { scheme: long }),
      `the signing scheme "${cut}" is not notary.x509 or notary.x509.signingAuthority`
    ],
    [
      'a COSE signing scheme',
      COSE_MEDIA_TYPE,
      () => signCose(chain, IMAGE, { scheme: long }),
      `the signing scheme "${cut}" is not notary.x509 or notary.x509.signingAuthority`
    ],
    [
      'the size the payload names',
      JWS_MEDIA_TYPE,
      () => signJws(chain, { ...IMAGE, size: long as unknown as number }),
      `the payload names the size ${cut}, not 99`
    ],
    [
      'a size nested deeper than the stack',
      JWS_MEDIA_TYPE,
      () =>
        signJws(chain, IMAGE, {
          payload: Buffer.from(`{"targetArtifact":{"digest":"${IMAGE.digest}","size":${deep}}}`)
        }),
      'the payload names the size (object), not 99'
    ],
    [
      "the signing certificate's subject",
      JWS_MEDIA_TYPE,
      async () => signJws(await makeChain({ subject: `C=US, O=Acme, CN=${long}`, key: 'P-256' }), IMAGE),
      `the certificate chain of C=US, O=Acme, CN=${'x'.repeat(103)}… leads to no certificate of the trust stores ca:s`
    ]
  ])('%s', async (_, mediaType, make, reason) => {
    const out = verify(mediaType, await make())
    expect(out.verified).toBe(false)
    expect(out.reason).toContain(reason)
    expect(out.reason!.length).toBeLessThan(500)
  })
})

describe('mutations of a valid envelope never verify and never throw', () => {
  test.each([
    ['JWS', JWS_MEDIA_TYPE],
    ['COSE', COSE_MEDIA_TYPE]
  ] as const)('%s: 300 single-byte changes', (format, mediaType) => {
    const good = format === 'JWS' ? signJws(chain, IMAGE) : signCose(chain, IMAGE)
    expect(verify(mediaType, good).verified).toBe(true)
    let seed = 7
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
    for (let i = 0; i < 300; i++) {
      const bad = Buffer.from(good)
      const at = rand(bad.length)
      const value = rand(256)
      if (bad[at] === value) continue
      bad[at] = value
      const out = verify(mediaType, bad)
      // A change in what is not signed (the unprotected signing agent, base64 padding bits) may still verify; a
      // verified one must then name the image, signed by the same leaf.
      if (out.verified) {
        expect(out.target).toBe(IMAGE.digest)
        expect(out.subject).toBe('C=US, ST=WA, O=Acme, CN=Builder')
      } else expect(out.reason).toEqual(expect.any(String))
    }
  })
})

describe('timestamp tokens a registry chooses', () => {
  test.each<[string, Buffer]>([
    ['empty', Buffer.alloc(0)],
    ['garbage', Buffer.from('hello world')],
    ['a long length', Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff])],
    ['indefinite length', Buffer.from([0x30, 0x80, 0x00, 0x00])],
    ['deep nesting', Buffer.from(Array(2000).fill([0x30, 0x02]).flat())],
    ['oversized', Buffer.alloc(70 * 1024, 0x30)]
  ])('%s: a problem, never a throw', (_, token) => {
    const out = verifyTimestampToken(token, Buffer.from('sig'), parseCertificates(chain.root.der), new Date())
    expect(out).toEqual({ problem: expect.any(String) })
  })
})
