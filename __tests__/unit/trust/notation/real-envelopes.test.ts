// Envelopes, certificates and trust store files the Notary Project publishes in its own test data
// (__tests__/fixtures/notation/README.md names the repositories and commits), verified as data.
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { X509Certificate } from 'node:crypto'
import { parseCertificates } from '../../../../src/trust/notation/certificates.js'
import { COSE_MEDIA_TYPE, JWS_MEDIA_TYPE, parseEnvelope } from '../../../../src/trust/notation/envelope.js'
import { type Level, parseTrustPolicy, type TrustStores } from '../../../../src/trust/notation/policy.js'
import { type Descriptor, verifyNotation } from '../../../../src/trust/notation/verify.js'

const DIR = join(import.meta.dirname, '../../../fixtures/notation')
const read = (path: string) => readFileSync(join(DIR, path))

/** The descriptor notation-go's oci-layout test data signs (internal/testdata/oci-layout/index.json). */
const ALPINE: Descriptor = {
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: 'sha256:19dbd2e48e921426ee8ace4dc892edfb2ecdc1d1a72d5416c83670c30acecef0',
  size: 481
}
/** The descriptor of notation-go's mock envelopes (internal/mock/mocks.go). */
const NET_MONITOR: Descriptor = {
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  digest: 'sha256:60043cf45eaebc4c0867fea485a039b598f52fd09fd5b07b0b2d2f88fad9d74e',
  size: 528
}
const NOW = new Date('2026-12-07T00:00:00Z')

function statement(level: Level, stores: string[], identities: string[] = ['*']) {
  const doc = parseTrustPolicy(
    JSON.stringify({
      version: '1.0',
      trustPolicies: [
        {
          name: 'p',
          registryScopes: ['*'],
          signatureVerification: { level },
          trustStores: stores,
          trustedIdentities: identities
        }
      ]
    }),
    'trustpolicy.json'
  )
  return doc.statements[0]!
}

/** The self-signed leaf an envelope carries, as `notation cert add` would put it in a trust store. */
function ownLeaf(path: string): TrustStores {
  const env = JSON.parse(read(path).toString()) as { header: { x5c: string[] } }
  return new Map([['ca:own', parseCertificates(Buffer.from(env.header.x5c[0]!, 'base64'))]])
}

const notationRoot = (type: string): TrustStores =>
  new Map([
    [
      `${type}:root`,
      parseCertificates(read('notation-go/verifier/testdata/truststore/x509/ca/valid-trust-store/NotationTestRoot.pem'))
    ]
  ])

describe('notation-go envelopes', () => {
  test('internal/testdata/jws_signature.sig verifies against its own self-signed certificate', () => {
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: read('notation-go/internal/testdata/jws_signature.sig'),
      descriptor: ALPINE,
      statement: statement('strict', ['ca:own']),
      stores: ownLeaf('notation-go/internal/testdata/jws_signature.sig'),
      now: NOW
    })
    expect(out.reason).toBeUndefined()
    expect(out).toMatchObject({
      verified: true,
      format: 'JWS',
      subject: 'C=US, ST=WA, L=Seattle, O=Notary, CN=alpine',
      logged: []
    })
    expect(out.signingTime?.toISOString()).toBe('2023-03-14T08:10:02.000Z')
  })

  test("internal/testdata/cose_signature.sig verifies (COSE_Sign1, PS256) with the JWS one's certificate", () => {
    const out = verifyNotation({
      mediaType: COSE_MEDIA_TYPE,
      envelope: read('notation-go/internal/testdata/cose_signature.sig'),
      descriptor: ALPINE,
      statement: statement('strict', ['ca:own']),
      stores: ownLeaf('notation-go/internal/testdata/jws_signature.sig'),
      now: NOW
    })
    expect(out.reason).toBeUndefined()
    expect(out).toMatchObject({
      verified: true,
      format: 'COSE',
      subject: 'C=US, ST=WA, L=Seattle, O=Notary, CN=alpine'
    })
  })

  test('ca_valid_sig_env.json (PS384, RSA 3072, expiry in 2120) chains to NotationTestRoot.pem', () => {
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: read('notation-go/internal/mock/testdata/ca_valid_sig_env.json'),
      descriptor: NET_MONITOR,
      statement: statement('strict', ['ca:root'], ['x509.subject: C=US, ST=WA, O=Notary, CN=Notation Test Root']),
      stores: notationRoot('ca'),
      now: NOW
    })
    expect(out).toMatchObject({ verified: true, policy: 'p', level: 'strict', target: NET_MONITOR.digest })
  })

  test.each<[Level, boolean, number]>([
    ['strict', false, 0],
    ['permissive', true, 1],
    ['audit', true, 1]
  ])('ca_expired_sig_env.json (expired 2022-07-29) at level %s: verified %s', (level, verified, logged) => {
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: read('notation-go/internal/mock/testdata/ca_expired_sig_env.json'),
      descriptor: NET_MONITOR,
      statement: statement(level, ['ca:root']),
      stores: notationRoot('ca'),
      now: NOW
    })
    expect(out.verified).toBe(verified)
    expect(out.logged).toHaveLength(logged)
    expect(out.reason ?? out.logged[0]).toContain('the signature expired at 2022-07-29T23:59:00.000Z')
  })

  test.each<Level>(['strict', 'permissive', 'audit'])(
    'ca_invalid_sig_env.json (a padded payload) is refused at level %s',
    level => {
      const out = verifyNotation({
        mediaType: JWS_MEDIA_TYPE,
        envelope: read('notation-go/internal/mock/testdata/ca_invalid_sig_env.json'),
        descriptor: NET_MONITOR,
        statement: statement(level, ['ca:root']),
        stores: notationRoot('ca'),
        now: NOW
      })
      // Its payload ends in a base64 pad, which base64url in JWS does not have.
      expect(out).toMatchObject({ verified: false, reason: 'the JWS payload is not base64url' })
    }
  )

  test('sa_valid_sig_env.json (notary.x509.signingAuthority) verifies against a signingAuthority store only', () => {
    const input = {
      mediaType: JWS_MEDIA_TYPE,
      envelope: read('notation-go/internal/mock/testdata/sa_valid_sig_env.json'),
      descriptor: NET_MONITOR,
      now: NOW
    }
    expect(
      verifyNotation({
        ...input,
        statement: statement('strict', ['signingAuthority:root']),
        stores: notationRoot('signingAuthority')
      })
    ).toMatchObject({ verified: true, signingTime: new Date('2020-11-09T07:00:00Z') })
    const asCa = verifyNotation({ ...input, statement: statement('strict', ['ca:root']), stores: notationRoot('ca') })
    expect(asCa.verified).toBe(false)
    expect(asCa.reason).toContain('leads to no certificate of the trust stores (none of type signingAuthority)')
  })

  test.each<[string, boolean, string]>([
    ['sa_expired_sig_env.json', false, 'the signature expired at 2022-07-29T23:59:00.000Z'],
    ['sa_invalid_sig_env.json', false, 'the JWS payload is not base64url']
  ])('%s (signing authority) is refused: %s', (file, verified, reason) => {
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: read(`notation-go/internal/mock/testdata/${file}`),
      descriptor: NET_MONITOR,
      statement: statement('strict', ['signingAuthority:root']),
      stores: notationRoot('signingAuthority'),
      now: NOW
    })
    expect(out).toMatchObject({ verified, reason })
  })

  test('a chain that leads to no trust store certificate: refused by strict, and by audit (which Notation lets pass)', () => {
    const stores: TrustStores = new Map([
      [
        'ca:wabbit',
        parseCertificates(
          read('notation-go/verifier/testdata/truststore/x509/ca/valid-trust-store/wabbit-networks.io.crt')
        )
      ]
    ])
    const input = {
      mediaType: JWS_MEDIA_TYPE,
      envelope: read('notation-go/internal/mock/testdata/ca_valid_sig_env.json'),
      descriptor: NET_MONITOR,
      stores,
      now: NOW
    }
    const strict = verifyNotation({ ...input, statement: statement('strict', ['ca:wabbit']) })
    expect(strict.verified).toBe(false)
    expect(strict.reason).toContain('leads to no certificate of the trust stores ca:wabbit')
    const audit = verifyNotation({ ...input, statement: statement('audit', ['ca:wabbit']) })
    expect(audit).toMatchObject({
      verified: false,
      reason: `trust policy "${audit.policy}" (audit) only logs authenticity, and the signature is not authentic: ${strict.reason}; it counts for no signer`
    })
  })

  test.each<[string, Partial<Descriptor>, string]>([
    ['digest', { digest: `sha256:${'0'.repeat(64)}` }, 'the payload names another digest'],
    ['size', { size: 529 }, 'the payload names the size 528, not 529'],
    ['media type', { mediaType: 'application/vnd.oci.image.manifest.v1+json' }, 'the payload names another media type']
  ])('a payload whose %s differs from the image descriptor is refused, even by audit', (_, change, reason) => {
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: read('notation-go/internal/mock/testdata/ca_valid_sig_env.json'),
      descriptor: { ...NET_MONITOR, ...change },
      statement: statement('audit', ['ca:root']),
      stores: notationRoot('ca'),
      now: NOW
    })
    expect(out).toMatchObject({ verified: false, reason })
  })

  test.each<[string, boolean]>([
    ['x509.subject: C=US, ST=WA, O=Notary', true],
    ['x509.subject: O=Notary, ST=WA, C=US, L=Seattle, CN=Notation Test Root', true],
    ['x509.subject: C=US, ST=WA, O=Acme', false],
    ['x509.subject: C=US, ST=WA, O=Notary, OU=Builders', false]
  ])('trusted identity %s matches the leaf subject as a set: %s', (identity, verified) => {
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: read('notation-go/internal/mock/testdata/ca_valid_sig_env.json'),
      descriptor: NET_MONITOR,
      statement: statement('strict', ['ca:root'], [identity]),
      stores: notationRoot('ca'),
      now: NOW
    })
    expect(out.verified).toBe(verified)
    if (!verified) expect(out.reason).toContain('is none of the trusted identities')
  })

  test('the JWS media type on a COSE envelope and the reverse are refused', () => {
    const base = {
      descriptor: ALPINE,
      statement: statement('audit', ['ca:own']),
      stores: ownLeaf('notation-go/internal/testdata/jws_signature.sig'),
      now: NOW
    }
    expect(
      verifyNotation({
        ...base,
        mediaType: JWS_MEDIA_TYPE,
        envelope: read('notation-go/internal/testdata/cose_signature.sig')
      }).reason
    ).toBe('the JWS envelope is not JSON')
    expect(
      verifyNotation({
        ...base,
        mediaType: COSE_MEDIA_TYPE,
        envelope: read('notation-go/internal/testdata/jws_signature.sig')
      }).reason
    ).toBe('the COSE envelope is not valid CBOR')
  })
})

describe('notation-core-go conformance envelopes', () => {
  test('signature/jws/testdata/conformance.json marks signedCritKey1 critical: an unknown critical header refuses', () => {
    const out = verifyNotation({
      mediaType: JWS_MEDIA_TYPE,
      envelope: read('notation-core-go/signature/jws/testdata/conformance.json'),
      descriptor: ALPINE,
      statement: statement('audit', ['ca:root']),
      stores: notationRoot('ca'),
      now: NOW
    })
    expect(out).toMatchObject({
      verified: false,
      reason: 'the JWS protected header marks an unknown header critical: "signedCritKey1"'
    })
  })
})

test('the fixtures are what the README says (the self-signed alpine leaf is not a CA)', () => {
  const env = JSON.parse(read('notation-go/internal/testdata/jws_signature.sig').toString()) as {
    header: { x5c: string[] }
  }
  expect(new X509Certificate(Buffer.from(env.header.x5c[0]!, 'base64')).ca).toBe(false)
})

describe('notation-go envelopes with RFC 3161 timestamps (verifier/testdata/timestamp)', () => {
  /** The descriptor verifier/testdata/timestamp/sigEnv/*.sig sign. */
  const SIGNED: Descriptor = {
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    digest: 'sha256:c0669ef34cdc14332c0f1ab0c2c01acb91d96014b172f1a76f3a39e63d1f0bda',
    size: 528
  }
  const SIG = 'notation-go/verifier/testdata/timestamp/sigEnv/'
  const TSA = 'notation-go/verifier/testdata/truststore/x509/tsa/'
  const mediaTypeOf = (file: string) => (read(SIG + file)[0] === 0x7b ? JWS_MEDIA_TYPE : COSE_MEDIA_TYPE)

  function withTsa(file: string, tsaFile: string | undefined, level: Level = 'strict', verifyTimestamp?: string) {
    const mediaType = mediaTypeOf(file)
    const envelope = read(SIG + file)
    const leaf = parseCertificates(parseEnvelope(mediaType, envelope).chain[0]!)
    const stores: TrustStores = new Map([['ca:own', leaf]])
    if (tsaFile) stores.set('tsa:ts', parseCertificates(read(TSA + tsaFile)))
    const doc = parseTrustPolicy(
      JSON.stringify({
        version: '1.0',
        trustPolicies: [
          {
            name: 'ts',
            registryScopes: ['*'],
            signatureVerification: { level, ...(verifyTimestamp ? { verifyTimestamp } : {}) },
            trustStores: tsaFile ? ['ca:own', 'tsa:ts'] : ['ca:own'],
            trustedIdentities: ['*']
          }
        ]
      }),
      'trustpolicy.json'
    )
    return verifyNotation({ mediaType, envelope, descriptor: SIGNED, statement: doc.statements[0]!, stores, now: NOW })
  }

  test.each(['jwsWithTimestamp.sig', 'coseWithTimestamp.sig'])(
    '%s: the GlobalSign timestamp dates the signature',
    file => {
      const out = withTsa(file, 'test-timestamp/globalsignRoot.cer')
      expect(out.reason).toBeUndefined()
      expect(out.verified).toBe(true)
      expect(out.signingTime?.toISOString()).toMatch(/^2024-06-18T0[67]:/)
    }
  )

  test.each(['jwsExpiredWithTimestamp.sig', 'coseExpiredWithTimestamp.sig'])(
    '%s: a leaf that expired after a timestamp inside its validity verifies with the tsa store, not without',
    file => {
      expect(withTsa(file, 'test-timestamp/globalsignRoot.cer').verified).toBe(true)
      const without = withTsa(file, undefined)
      expect(without.verified).toBe(false)
      expect(without.reason).toMatch(
        /^the certificate C=US, ST=WA, L=Seattle, O=Notary, CN=testTSA expired at 2024-06-18T07:30:31/
      )
    }
  )

  test('a timestamp from a TSA outside the tsa store (DigiCert root) is refused', () => {
    const out = withTsa('jwsWithTimestamp.sig', 'test-mismatch/DigiCertTSARootSHA384.cer')
    expect(out.verified).toBe(false)
    expect(out.reason).toMatch(
      /^the timestamp does not verify: the timestamping certificate .* leads to no tsa trust store certificate/
    )
  })

  test('withoutTimestamp.sig: a tsa store requires a timestamp; afterCertExpiry does not while the chain is valid', () => {
    expect(withTsa('withoutTimestamp.sig', 'test-timestamp/globalsignRoot.cer').reason).toBe(
      'the trust policy names a tsa store but the signature has no timestamp'
    )
    expect(withTsa('withoutTimestamp.sig', 'test-timestamp/globalsignRoot.cer', 'permissive').logged).toEqual([
      'the trust policy names a tsa store but the signature has no timestamp'
    ])
    expect(
      withTsa('withoutTimestamp.sig', 'test-timestamp/globalsignRoot.cer', 'strict', 'afterCertExpiry').verified
    ).toBe(true)
  })

  test.each<[string, RegExp]>([
    ['timestampAfterNotAfter.sig', /expired at 2001-09-18T11:54:34/],
    ['timestampBeforeNotBefore.sig', /is not valid before 2099-09-18T11:54:34/]
  ])('%s: a timestamp outside the leaf validity is refused', (file, reason) => {
    const out = withTsa(file, 'test-timestamp/globalsignRoot.cer')
    expect(out.verified).toBe(false)
    expect(out.reason).toMatch(reason)
  })

  test("a timestamp moved onto another signature (jwsWithTimestamp's token on withoutTimestamp.sig) is refused", () => {
    const donor = JSON.parse(read(SIG + 'jwsWithTimestamp.sig').toString()) as { header: Record<string, string> }
    const env = JSON.parse(read(SIG + 'withoutTimestamp.sig').toString()) as { header: Record<string, string> }
    env.header['io.cncf.notary.timestampSignature'] = donor.header['io.cncf.notary.timestampSignature']!
    const envelope = Buffer.from(JSON.stringify(env))
    const stores: TrustStores = new Map([
      ['ca:own', parseCertificates(parseEnvelope(JWS_MEDIA_TYPE, envelope).chain[0]!)],
      ['tsa:ts', parseCertificates(read(TSA + 'test-timestamp/globalsignRoot.cer'))]
    ])
    const statement = parseTrustPolicy(
      JSON.stringify({
        version: '1.0',
        trustPolicies: [
          {
            name: 'ts',
            registryScopes: ['*'],
            signatureVerification: { level: 'strict' },
            trustStores: ['ca:own', 'tsa:ts'],
            trustedIdentities: ['*']
          }
        ]
      }),
      'trustpolicy.json'
    ).statements[0]!
    const out = verifyNotation({ mediaType: JWS_MEDIA_TYPE, envelope, descriptor: SIGNED, statement, stores, now: NOW })
    expect(out.reason).toBe('the timestamp does not verify: the timestamp is over other bytes than this signature')
  })
})
