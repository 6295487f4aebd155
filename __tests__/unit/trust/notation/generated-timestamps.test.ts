// RFC 3161 timestamps made here (__tests__/support/notation.ts makeTimestampToken): what dates a signature, and
// each way a token can fail to.
import { beforeAll, describe, expect, test } from '@jest/globals'
import { JWS_MEDIA_TYPE } from '../../../../src/trust/notation/envelope.js'
import { parseCertificate, parseCertificates } from '../../../../src/trust/notation/certificates.js'
import { type Level, parseTrustPolicy, type TrustStores } from '../../../../src/trust/notation/policy.js'
import { verifyNotation } from '../../../../src/trust/notation/verify.js'
import {
  CODE_SIGNING,
  TIME_STAMPING,
  type Chain,
  type MadeCert,
  makeCert,
  makeChain,
  makeTimestampToken,
  signJws
} from '../../../support/notation.js'

const IMAGE = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'34'.repeat(32)}`, size: 77 }
const DAY = 86400_000
const NOW = Date.now()
const ROOT_SUBJECT = 'C=US, ST=WA, O=Time, CN=Time Root'

let expired: Chain
let tsaRoot: MadeCert
let tsa: MadeCert
let codeSigningTsa: MadeCert
let noKeyUsageTsa: MadeCert
let otherRoot: MadeCert
let otherTsa: MadeCert

beforeAll(async () => {
  // A leaf valid from 10 days ago until yesterday: only a timestamp from within that can date its signature.
  expired = await makeChain({ notBefore: new Date(NOW - 10 * DAY), notAfter: new Date(NOW - DAY) })
  tsaRoot = await makeCert({ subject: ROOT_SUBJECT, key: 'P-256', ca: true, notBefore: new Date(NOW - 30 * DAY) })
  const issuer = { ...tsaRoot, subject: ROOT_SUBJECT }
  const tsaSpec = { key: 'P-256' as const, notBefore: new Date(NOW - 20 * DAY), notAfter: new Date(NOW + 20 * DAY) }
  tsa = await makeCert({ ...tsaSpec, subject: 'C=US, ST=WA, O=Time, CN=TSA', eku: [TIME_STAMPING] }, issuer)
  codeSigningTsa = await makeCert(
    { ...tsaSpec, subject: 'C=US, ST=WA, O=Time, CN=Signer', eku: [CODE_SIGNING] },
    issuer
  )
  noKeyUsageTsa = await makeCert(
    { ...tsaSpec, subject: 'C=US, ST=WA, O=Time, CN=Bare TSA', eku: [TIME_STAMPING], keyUsage: null },
    issuer
  )
  otherRoot = await makeCert({ subject: 'C=US, ST=WA, O=Other, CN=Other Root', key: 'P-256', ca: true })
  otherTsa = await makeCert(
    { ...tsaSpec, subject: 'C=US, ST=WA, O=Other, CN=Other TSA', eku: [TIME_STAMPING] },
    { ...otherRoot, subject: 'C=US, ST=WA, O=Other, CN=Other Root' }
  )
})

function statement(level: Level, tsaStore: boolean, verifyTimestamp = 'always') {
  return parseTrustPolicy(
    JSON.stringify({
      version: '1.0',
      trustPolicies: [
        {
          name: 'ts',
          registryScopes: ['*'],
          signatureVerification: { level, verifyTimestamp },
          trustStores: tsaStore ? ['ca:acme', 'tsa:time'] : ['ca:acme'],
          trustedIdentities: ['*']
        }
      ]
    }),
    'trustpolicy.json'
  ).statements[0]!
}

/** The JWS of `chain` with a token over its own signature (made by `token`) in the unprotected header. */
function stamped(chain: Chain, token?: (signature: Buffer) => Buffer): Buffer {
  const env = JSON.parse(signJws(chain, IMAGE, { signingTime: new Date(NOW - 5 * DAY) }).toString()) as {
    signature: string
    header: Record<string, unknown>
  }
  if (token)
    env.header['io.cncf.notary.timestampSignature'] = token(Buffer.from(env.signature, 'base64url')).toString('base64')
  return Buffer.from(JSON.stringify(env))
}

function tokenBy(cert: MadeCert, genTime: Date, extra: { tamperInfo?: boolean; certs?: Buffer[] } = {}) {
  const parsed = parseCertificate(cert.der)
  return (signature: Buffer) =>
    makeTimestampToken({
      signature,
      tsa: cert,
      issuerDer: parsed.issuerDer,
      serialHex: parsed.node.serialNumber,
      genTime,
      ...extra
    })
}

function run(envelope: Buffer, level: Level = 'strict', tsaStore = true, verifyTimestamp = 'always') {
  const stores: TrustStores = new Map([
    ['ca:acme', parseCertificates(expired.root.der)],
    ['tsa:time', parseCertificates(tsaRoot.der)]
  ])
  return verifyNotation({
    mediaType: JWS_MEDIA_TYPE,
    envelope,
    descriptor: IMAGE,
    statement: statement(level, tsaStore, verifyTimestamp),
    stores,
    now: new Date(NOW)
  })
}

describe('a timestamp from the tsa store', () => {
  test('dates a signature whose leaf has expired since: verified, the signing time is the timestamp', () => {
    const genTime = new Date(Math.floor((NOW - 5 * DAY) / 1000) * 1000)
    const out = run(stamped(expired, tokenBy(tsa, genTime)))
    expect(out.reason).toBeUndefined()
    expect(out).toMatchObject({ verified: true, signingTime: genTime })
  })

  test('a TSA certificate with no key usage extension (RFC 3161 asks for the extended one alone) dates it too', () => {
    expect(run(stamped(expired, tokenBy(noKeyUsageTsa, new Date(NOW - 5 * DAY)))).reason).toBeUndefined()
  })

  test('without a tsa store the same signature is refused by strict: the chain must be valid now', () => {
    const out = run(stamped(expired, tokenBy(tsa, new Date(NOW - 5 * DAY))), 'strict', false)
    expect(out.reason).toMatch(/^the certificate C=US, ST=WA, O=Acme, CN=Builder expired at /)
  })

  test('afterCertExpiry still needs the timestamp once the leaf has expired', () => {
    expect(run(stamped(expired), 'strict', true, 'afterCertExpiry').reason).toBe(
      'the trust policy names a tsa store but the signature has no timestamp'
    )
  })
})

describe('tokens that do not date the signature', () => {
  test.each<[string, () => (s: Buffer) => Buffer, RegExp]>([
    [
      'a time after the leaf expired',
      () => tokenBy(tsa, new Date(NOW - DAY / 2)),
      /the certificate .*CN=Builder expired at/
    ],
    ['a time before the leaf was valid', () => tokenBy(tsa, new Date(NOW - 15 * DAY)), /is not valid before/],
    ['a time in the future', () => tokenBy(tsa, new Date(NOW + DAY)), /the timestamp .* is in the future/],
    [
      'a TSA certificate for code signing',
      () => tokenBy(codeSigningTsa, new Date(NOW - 5 * DAY)),
      /the timestamping certificate is not for timeStamping/
    ],
    [
      'a TSA outside the tsa store',
      () => tokenBy(otherTsa, new Date(NOW - 5 * DAY)),
      /leads to no tsa trust store certificate/
    ],
    [
      'a TSTInfo changed after signing',
      () => tokenBy(tsa, new Date(NOW - 5 * DAY), { tamperInfo: true }),
      /the signed message digest does not match the TSTInfo/
    ],
    [
      'a token without its signer certificate',
      () => tokenBy(tsa, new Date(NOW - 5 * DAY), { certs: [] }),
      /the signing certificate is not in the token/
    ],
    [
      'a token for other bytes',
      () => (s: Buffer) => tokenBy(tsa, new Date(NOW - 5 * DAY))(Buffer.concat([s, Buffer.from([0])])),
      /the timestamp is over other bytes than this signature/
    ],
    [
      'a time before the TSA certificate was valid',
      () => tokenBy(tsa, new Date(NOW - 25 * DAY)),
      /CN=TSA is not valid before/
    ]
  ])('%s: refused by strict, logged by permissive', (_, token, reason) => {
    const envelope = stamped(expired, token())
    const strict = run(envelope)
    expect(strict.verified).toBe(false)
    expect(strict.reason).toMatch(reason)
    const permissive = run(envelope, 'permissive')
    expect(permissive.verified).toBe(true)
    expect(permissive.logged.join()).toMatch(reason)
  })
})
