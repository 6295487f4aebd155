// Notary Project signatures made here per the specification (__tests__/support/notation.ts): every key the
// specification allows, in both envelope formats, and what each kind of wrong one gets at each level.
import { beforeAll, describe, expect, test } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { COSE_MEDIA_TYPE, JWS_MEDIA_TYPE } from '../../../../src/trust/notation/envelope.js'
import { parseCertificates } from '../../../../src/trust/notation/certificates.js'
import { type Level, parseTrustPolicy, type TrustStores } from '../../../../src/trust/notation/policy.js'
import { verifyNotation } from '../../../../src/trust/notation/verify.js'
import {
  type Chain,
  type EnvelopeOptions,
  type NotationKey,
  SERVER_AUTH,
  TIME_STAMPING,
  makeChain,
  signCose,
  signJws
} from '../../../support/notation.js'

const IMAGE = {
  mediaType: 'application/vnd.oci.image.index.v1+json',
  digest: `sha256:${'ab'.repeat(32)}`,
  size: 1234
}
const DAY = 86400_000

function statement(level: Level, identities: string[] = ['*'], extra: Record<string, unknown> = {}) {
  const trust = level === 'skip' ? {} : { trustStores: ['ca:acme'], trustedIdentities: identities }
  return parseTrustPolicy(
    JSON.stringify({
      version: '1.0',
      trustPolicies: [
        {
          name: 'acme',
          registryScopes: [level === 'skip' ? 'registry.example/app' : '*'],
          signatureVerification: { level, ...extra },
          ...trust
        }
      ]
    }),
    'trustpolicy.json'
  ).statements[0]!
}

const FORMATS = [
  ['JWS', JWS_MEDIA_TYPE, signJws],
  ['COSE', COSE_MEDIA_TYPE, signCose]
] as const

let trusted: Chain
let stores: TrustStores

beforeAll(async () => {
  trusted = await makeChain()
  stores = new Map([['ca:acme', parseCertificates(Buffer.from(trusted.root.pem))]])
})

function run(
  format: (typeof FORMATS)[number],
  chain: Chain,
  options: EnvelopeOptions = {},
  level: Level = 'strict',
  tamper?: (b: Buffer) => Buffer
) {
  const [, mediaType, sign] = format
  let envelope = sign(chain, IMAGE, options)
  if (tamper) envelope = tamper(envelope)
  return verifyNotation({
    mediaType,
    envelope,
    descriptor: IMAGE,
    statement: statement(level),
    stores,
    now: new Date()
  })
}

describe.each(FORMATS)('%s', (...format) => {
  test.each<NotationKey>(['RSA-2048', 'RSA-3072', 'RSA-4096', 'P-256', 'P-384', 'P-521'])(
    'a %s leaf verifies with the algorithm its key implies',
    async key => {
      const chain = await makeChain({ key })
      stores.set('ca:acme', [...stores.get('ca:acme')!, ...parseCertificates(chain.root.der)])
      const out = run(format, chain)
      expect(out.reason).toBeUndefined()
      expect(out).toMatchObject({ verified: true, format: format[0], subject: 'C=US, ST=WA, O=Acme, CN=Builder' })
    }
  )

  test.each<[NotationKey, string, string]>([
    ['RSA-3072', 'PS256', 'the header names the algorithm PS256, the signing key implies PS384'],
    ['RSA-2048', 'PS512', 'the header names the algorithm PS512, the signing key implies PS256'],
    ['P-256', 'ES384', 'the header names the algorithm ES384, the signing key implies ES256']
  ])('a %s leaf whose header says %s is refused, even by audit', async (key, alg, reason) => {
    const chain = await makeChain({ key })
    stores.set('ca:acme', [...stores.get('ca:acme')!, ...parseCertificates(chain.root.der)])
    expect(run(format, chain, { alg }, 'audit')).toMatchObject({ verified: false, reason })
  })

  test('another digest in the payload is refused', () => {
    const payload = Buffer.from(JSON.stringify({ targetArtifact: { ...IMAGE, digest: `sha256:${'cd'.repeat(32)}` } }))
    expect(run(format, trusted, { payload }, 'audit')).toMatchObject({
      verified: false,
      reason: 'the payload names another digest',
      target: `sha256:${'cd'.repeat(32)}`
    })
  })

  test('a payload without targetArtifact is refused', () => {
    expect(run(format, trusted, { payload: Buffer.from('{"target":{}}') }, 'audit').reason).toBe(
      'the payload has no targetArtifact'
    )
  })

  test('a signature made with another key than the leaf is refused', () => {
    const signWith = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    expect(run(format, trusted, { signWith }, 'audit')).toMatchObject({
      verified: false,
      reason: 'the signature does not verify with the signing certificate'
    })
  })

  test('one flipped byte of the signed payload is refused', () => {
    const flip = (b: Buffer) => {
      const s = b.toString('latin1')
      const digest = IMAGE.digest.slice(-8)
      if (format[0] === 'COSE') return Buffer.from(s.replace(digest, digest.slice(0, 7) + 'c'), 'latin1')
      const env = JSON.parse(s) as { payload: string }
      const p = Buffer.from(env.payload, 'base64url')
        .toString()
        .replace(digest, digest.slice(0, 7) + 'c')
      return Buffer.from(JSON.stringify({ ...env, payload: Buffer.from(p).toString('base64url') }))
    }
    expect(run(format, trusted, {}, 'audit', flip)).toMatchObject({
      verified: false,
      reason: 'the signature does not verify with the signing certificate'
    })
  })

  test.each<[Level, boolean]>([
    ['strict', false],
    ['permissive', true],
    ['audit', true]
  ])('an expiry header in the past at level %s: verified %s', (level, verified) => {
    const out = run(format, trusted, { expiry: new Date(Date.now() - DAY) }, level)
    expect(out.verified).toBe(verified)
    expect(out.reason ?? out.logged.join()).toMatch(/^the signature expired at /)
  })

  test('an expiry header in the future verifies', () => {
    expect(run(format, trusted, { expiry: new Date(Date.now() + DAY) }).verified).toBe(true)
  })

  test('an unknown critical header is refused', () => {
    expect(run(format, trusted, { extra: { 'acme.policy': 'x' }, crit: ['acme.policy'] }, 'audit').reason).toMatch(
      /marks an unknown header critical: "acme.policy"/
    )
  })

  test('an unknown header that is not critical is ignored', () => {
    expect(run(format, trusted, { extra: { 'acme.note': 'x' } }).verified).toBe(true)
  })

  test('a verification plugin marked critical is refused (plugins are not run)', () => {
    const extra = { 'io.cncf.notary.verificationPlugin': 'acme' }
    expect(run(format, trusted, { extra, crit: ['io.cncf.notary.verificationPlugin'] }, 'audit').verified).toBe(false)
  })

  test('the skip level verifies nothing and says so', () => {
    expect(run(format, trusted, {}, 'skip')).toMatchObject({
      verified: false,
      skipped: true,
      reason: 'trust policy "acme" skips verification'
    })
  })
})

describe('certificates', () => {
  const jws = FORMATS[0]
  test.each<[string, Parameters<typeof makeChain>[0], string]>([
    [
      'a leaf with serverAuth',
      { eku: [SERVER_AUTH] },
      "the signing certificate's extended key usage includes serverAuth"
    ],
    [
      'a leaf with codeSigning and timeStamping',
      { eku: ['1.3.6.1.5.5.7.3.3', TIME_STAMPING] },
      "the signing certificate's extended key usage includes timeStamping"
    ],
    [
      'a leaf with anyExtendedKeyUsage',
      { eku: ['1.3.6.1.5.5.7.3.3', '2.5.29.37.0'] },
      "the signing certificate's extended key usage includes anyExtendedKeyUsage"
    ],
    [
      'a leaf whose EKU lacks codeSigning',
      { eku: ['1.3.6.1.4.1.311.10.3.13'] },
      "the signing certificate's extended key usage lacks codeSigning"
    ],
    ['a leaf with no key usage', { keyUsage: null }, 'the signing certificate has no key usage extension'],
    ['a leaf for keyEncipherment only', { keyUsage: 4 }, 'the signing certificate is not for digitalSignature'],
    ['a CA as the leaf', { ca: true, keyUsage: 1 | 32, eku: [] }, 'the signing certificate is a CA certificate']
  ])('%s is refused, even by audit', async (_, leaf, reason) => {
    const chain = await makeChain(leaf)
    stores.set('ca:acme', [...stores.get('ca:acme')!, ...parseCertificates(chain.root.der)])
    expect(run(jws, chain, {}, 'audit')).toMatchObject({ verified: false, reason })
  })

  test('a leaf with no EKU at all is a code-signing certificate', async () => {
    const chain = await makeChain({ eku: null })
    stores.set('ca:acme', [...stores.get('ca:acme')!, ...parseCertificates(chain.root.der)])
    expect(run(jws, chain).verified).toBe(true)
  })

  test.each<[Level, boolean]>([
    ['strict', false],
    ['permissive', true],
    ['audit', true]
  ])('an expired leaf (no tsa store: valid now is required) at level %s: verified %s', async (level, verified) => {
    const chain = await makeChain({ notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) })
    stores.set('ca:acme', [...stores.get('ca:acme')!, ...parseCertificates(chain.root.der)])
    const out = run(jws, chain, { signingTime: new Date(Date.now() - 5 * DAY) }, level)
    expect(out.verified).toBe(verified)
    expect(out.reason ?? out.logged.join()).toMatch(/^the certificate C=US, ST=WA, O=Acme, CN=Builder expired at /)
  })

  test('a leaf not valid yet is refused by strict', async () => {
    const chain = await makeChain({ notBefore: new Date(Date.now() + DAY) })
    stores.set('ca:acme', [...stores.get('ca:acme')!, ...parseCertificates(chain.root.der)])
    expect(run(jws, chain).reason).toMatch(/is not valid before/)
  })

  test.each<[Level, boolean]>([
    ['strict', false],
    ['permissive', false],
    // Notation's audit only logs it; the gate counts no signature it cannot say who made.
    ['audit', false]
  ])('a chain to a CA outside the trust store at level %s: verified %s', async (level, verified) => {
    const other = await makeChain({}, 'C=US, ST=WA, O=Mallory, CN=Mallory Root')
    const out = run(jws, other, {}, level)
    expect(out.verified).toBe(verified)
    expect(out.reason ?? out.logged.join()).toContain('leads to no certificate of the trust stores ca:acme')
  })

  test('a chain whose root is left out (the leaf alone) is refused: the chain must end self-signed', () => {
    const out = run(jws, { ...trusted, certs: [trusted.leaf] }, {}, 'audit')
    expect(out.reason).toBe('the last certificate of the chain (C=US, ST=WA, O=Acme, CN=Builder) is not self-signed')
  })

  test('a chain in the wrong order is refused', () => {
    const out = run(jws, { ...trusted, certs: [trusted.leaf, trusted.leaf, trusted.root] }, {}, 'audit')
    expect(out.reason).toContain('is not issued by the next one')
  })

  test('a self-signed leaf in the trust store verifies (as notation cert add of a self-signed certificate)', async () => {
    const { makeCert } = await import('../../../support/notation.js')
    const leaf = await makeCert({ subject: 'C=US, ST=WA, O=Solo, CN=Solo', key: 'P-384' })
    const chain = { certs: [leaf], leaf, root: leaf }
    const own: TrustStores = new Map([['ca:acme', parseCertificates(leaf.der)]])
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: signJws(chain, IMAGE),
      descriptor: IMAGE,
      statement: statement('strict'),
      stores: own,
      now: new Date()
    })
    expect(out).toMatchObject({ verified: true, subject: 'C=US, ST=WA, O=Solo, CN=Solo' })
  })
})

describe('trusted identities and overrides', () => {
  test.each<[string, boolean]>([
    ['x509.subject: C=US, ST=WA, O=Acme', true],
    ['x509.subject: CN=Builder, O=Acme, ST=WA, C=US', true],
    ['x509.subject: C=US, ST=WA, O=Acme, CN=Other', false],
    ['x509.subject: C=US, ST=WA, O=acme', false]
  ])('%s: %s', (identity, verified) => {
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: signJws(trusted, IMAGE),
      descriptor: IMAGE,
      statement: statement('strict', [identity]),
      stores,
      now: new Date()
    })
    expect(out.verified).toBe(verified)
  })

  test.each<[string, string]>([
    ['two O attributes', 'C=US, ST=WA, O=Mallory, O=Acme, CN=Builder'],
    ['a multi-valued RDN holding O twice', 'C=US, ST=WA, O=Mallory+O=Acme, CN=Builder']
  ])('a leaf whose subject has %s is no trusted identity (Notation refuses it too)', async (_, subject) => {
    const chain = await makeChain({ subject })
    stores.set('ca:acme', [...stores.get('ca:acme')!, ...parseCertificates(chain.root.der)])
    const run = (identity: string) =>
      verifyNotation({
        mediaType: JWS_MEDIA_TYPE,
        envelope: signJws(chain, IMAGE),
        descriptor: IMAGE,
        statement: statement('strict', [identity]),
        stores,
        now: new Date()
      })
    const out = run('x509.subject: C=US, ST=WA, O=Acme')
    expect(out.verified).toBe(false)
    expect(out.reason).toMatch(/names O twice/)
    // A statement trusting any identity of the store does not ask which O it is.
    expect(run('*').verified).toBe(true)
  })

  test('override expiry: log lets strict pass an expired signature and keeps the problem', () => {
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: signJws(trusted, IMAGE, { expiry: new Date(Date.now() - DAY) }),
      descriptor: IMAGE,
      statement: statement('strict', ['*'], { override: { expiry: 'log' } }),
      stores,
      now: new Date()
    })
    expect(out.verified).toBe(true)
    expect(out.logged[0]).toMatch(/^the signature expired at/)
  })

  test.each<[string, string, boolean]>([
    ['the trusted chain and identity', 'x509.subject: C=US, ST=WA, O=Acme', true],
    ['a trusted identity it is not', 'x509.subject: C=US, ST=WA, O=Other', false]
  ])('audit, %s (%s): verified %s; authenticity only logged never counts', (_, identity, verified) => {
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: signJws(trusted, IMAGE),
      descriptor: IMAGE,
      statement: statement('audit', [identity]),
      stores,
      now: new Date()
    })
    expect(out.verified).toBe(verified)
    if (!verified) {
      expect(out.reason).toMatch(
        /^trust policy "acme" \(audit\) only logs authenticity, and the signature is not authentic: the signing certificate's subject .* is none of the trusted identities; it counts for no signer$/
      )
      expect(out.subject).toBe('C=US, ST=WA, O=Acme, CN=Builder')
    }
  })

  test('override authenticity: log makes strict log an untrusted chain, and the signature still counts for nothing', async () => {
    const other = await makeChain({}, 'C=US, ST=WA, O=Mallory, CN=Mallory Root')
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: signJws(other, IMAGE),
      descriptor: IMAGE,
      statement: statement('strict', ['*'], { override: { authenticity: 'log' } }),
      stores,
      now: new Date()
    })
    expect(out.verified).toBe(false)
    expect(out.reason).toContain('leads to no certificate of the trust stores ca:acme')
  })

  test('override authenticity: enforce makes audit refuse an untrusted chain', async () => {
    const other = await makeChain({}, 'C=US, ST=WA, O=Mallory, CN=Mallory Root')
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: signJws(other, IMAGE),
      descriptor: IMAGE,
      statement: statement('audit', ['*'], { override: { authenticity: 'enforce' } }),
      stores,
      now: new Date()
    })
    expect(out.verified).toBe(false)
  })
})
