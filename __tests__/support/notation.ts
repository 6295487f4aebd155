/**
 * Notary Project signatures made per the specification, for tests: certificate chains (@peculiar/x509 over
 * node's WebCrypto) and JWS / COSE_Sign1 envelopes signed with node:crypto.
 */
import 'reflect-metadata'
import { type KeyObject, constants, createHash, generateKeyPairSync, sign, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { Tag, encode } from 'cbor2'

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

export type NotationKey = 'RSA-2048' | 'RSA-3072' | 'RSA-4096' | 'P-256' | 'P-384' | 'P-521'
export const CODE_SIGNING = '1.3.6.1.5.5.7.3.3'
export const SERVER_AUTH = '1.3.6.1.5.5.7.3.1'
export const TIME_STAMPING = '1.3.6.1.5.5.7.3.8'

const CURVES: Record<string, string> = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' }
const ALG: Record<NotationKey, string> = {
  'RSA-2048': 'PS256',
  'RSA-3072': 'PS384',
  'RSA-4096': 'PS512',
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512'
}
const COSE_ALG: Record<string, number> = { PS256: -37, PS384: -38, PS512: -39, ES256: -7, ES384: -35, ES512: -36 }
const HASH: Record<string, [string, number]> = {
  PS256: ['sha256', 32],
  PS384: ['sha384', 48],
  PS512: ['sha512', 64],
  ES256: ['sha256', 32],
  ES384: ['sha384', 48],
  ES512: ['sha512', 64]
}

const keyCache = new Map<NotationKey, { privateKey: KeyObject; publicKey: KeyObject }>()
/** One key pair per kind for the whole test file: RSA 4096 generation is slow. */
export function keyPair(kind: NotationKey): { privateKey: KeyObject; publicKey: KeyObject } {
  let pair = keyCache.get(kind)
  if (!pair) {
    pair = kind.startsWith('RSA')
      ? generateKeyPairSync('rsa', { modulusLength: Number(kind.slice(4)) })
      : generateKeyPairSync('ec', { namedCurve: CURVES[kind]! })
    keyCache.set(kind, pair)
  }
  return pair
}

async function signingKey(key: KeyObject): Promise<webcrypto.CryptoKey> {
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' })
  const ec = key.asymmetricKeyType === 'ec'
  const curve = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[
    key.asymmetricKeyDetails!.namedCurve ?? ''
  ]
  return (await webcrypto.subtle.importKey(
    'pkcs8',
    pkcs8,
    ec ? { name: 'ECDSA', namedCurve: curve! } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign']
  )) as webcrypto.CryptoKey
}

export interface CertSpec {
  subject: string
  key: NotationKey
  ca?: boolean
  pathLength?: number
  /** Key usage flags; default digitalSignature for a leaf, keyCertSign|cRLSign for a CA; null leaves it out. */
  keyUsage?: number | null
  /** Extended key usages; default codeSigning for a leaf, none for a CA; null leaves it out. */
  eku?: string[] | null
  notBefore?: Date
  notAfter?: Date
}

export interface MadeCert {
  der: Buffer
  pem: string
  key: KeyObject
  kind: NotationKey
}

/** A certificate for `spec`, signed by `issuer` (self-signed without one). */
export async function makeCert(spec: CertSpec, issuer?: MadeCert & { subject: string }): Promise<MadeCert> {
  const pair = keyPair(spec.key)
  const extensions: x509.Extension[] = []
  if (spec.ca) extensions.push(new x509.BasicConstraintsExtension(true, spec.pathLength, true))
  else extensions.push(new x509.BasicConstraintsExtension(false, undefined, true))
  const ku =
    spec.keyUsage === undefined
      ? spec.ca
        ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
        : x509.KeyUsageFlags.digitalSignature
      : spec.keyUsage
  if (ku !== null) extensions.push(new x509.KeyUsagesExtension(ku, true))
  const eku = spec.eku === undefined ? (spec.ca ? null : [CODE_SIGNING]) : spec.eku
  if (eku) extensions.push(new x509.ExtendedKeyUsageExtension(eku, false))
  const signer = issuer ?? { key: pair.privateKey, kind: spec.key, subject: spec.subject }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: createHash('sha256')
      .update(spec.subject + Math.random())
      .digest('hex')
      .slice(0, 16),
    subject: spec.subject,
    issuer: signer.subject,
    notBefore: spec.notBefore ?? new Date(Date.now() - 3600_000),
    notAfter: spec.notAfter ?? new Date(Date.now() + 365 * 86400_000),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }),
    signingKey: (await signingKey(signer.key)) as unknown as Parameters<
      typeof x509.X509CertificateGenerator.create
    >[0] extends { signingKey: infer K }
      ? K
      : never,
    signingAlgorithm:
      signer.key.asymmetricKeyType === 'ec' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' },
    extensions
  })
  const der = Buffer.from(cert.rawData)
  return { der, pem: cert.toString('pem'), key: pair.privateKey, kind: spec.key }
}

export interface Chain {
  /** Leaf first, root last. */
  certs: MadeCert[]
  leaf: MadeCert
  root: MadeCert
}

/** root CA (P-256) → leaf, the leaf per `leaf` (subject `C=US, ST=WA, O=Acme, CN=Builder` unless given). */
export async function makeChain(
  leaf: Partial<CertSpec> = {},
  rootSubject = 'C=US, ST=WA, O=Acme, CN=Acme Root'
): Promise<Chain> {
  // The root is valid from before the leaf (a leaf made to have expired has a root that was valid then).
  const rootNotBefore = leaf.notBefore && new Date(leaf.notBefore.getTime() - 86400_000)
  const root = await makeCert({ subject: rootSubject, key: 'P-256', ca: true, notBefore: rootNotBefore })
  const made = await makeCert(
    { subject: 'C=US, ST=WA, O=Acme, CN=Builder', key: 'RSA-2048', ...leaf },
    { ...root, subject: rootSubject }
  )
  return { certs: [made, root], leaf: made, root }
}

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
}

export interface EnvelopeOptions {
  /** The header's algorithm word; default the one the leaf key implies. */
  alg?: string
  signingTime?: Date
  expiry?: Date
  scheme?: string
  /** Extra protected headers, and names added to `crit`. */
  extra?: Record<string, unknown>
  crit?: string[]
  /** Bytes to sign instead of `{targetArtifact: descriptor}`. */
  payload?: Buffer
  timestampToken?: Buffer
  /** Sign with this key instead of the leaf's. */
  signWith?: KeyObject
}

function rawSign(alg: string, key: KeyObject, data: Buffer): Buffer {
  const [hash, saltLength] = HASH[alg] ?? HASH.PS256!
  return alg.startsWith('ES')
    ? sign(hash, data, { key, dsaEncoding: 'ieee-p1363' })
    : sign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength })
}

export const payloadFor = (descriptor: Descriptor): Buffer =>
  Buffer.from(JSON.stringify({ targetArtifact: descriptor }))

/** A JWS envelope (JSON serialization) over `{targetArtifact: descriptor}`. */
export function signJws(chain: Chain, descriptor: Descriptor, o: EnvelopeOptions = {}): Buffer {
  const alg = o.alg ?? ALG[chain.leaf.kind]
  const scheme = o.scheme ?? 'notary.x509'
  const time = (o.signingTime ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z')
  const crit = ['io.cncf.notary.signingScheme', ...(o.expiry ? ['io.cncf.notary.expiry'] : [])]
  if (scheme !== 'notary.x509') crit.push('io.cncf.notary.authenticSigningTime')
  const header: Record<string, unknown> = {
    alg,
    crit: [...crit, ...(o.crit ?? [])],
    cty: 'application/vnd.cncf.notary.payload.v1+json',
    'io.cncf.notary.signingScheme': scheme,
    [scheme === 'notary.x509' ? 'io.cncf.notary.signingTime' : 'io.cncf.notary.authenticSigningTime']: time,
    ...(o.expiry ? { 'io.cncf.notary.expiry': o.expiry.toISOString().replace(/\.\d+Z$/, 'Z') } : {}),
    ...o.extra
  }
  const protectedB64 = Buffer.from(JSON.stringify(header)).toString('base64url')
  const payloadB64 = (o.payload ?? payloadFor(descriptor)).toString('base64url')
  const signature = rawSign(alg, o.signWith ?? chain.leaf.key, Buffer.from(`${protectedB64}.${payloadB64}`))
  return Buffer.from(
    JSON.stringify({
      payload: payloadB64,
      protected: protectedB64,
      header: {
        x5c: chain.certs.map(c => c.der.toString('base64')),
        'io.cncf.notary.signingAgent': 'image-gate-tests/1.0',
        ...(o.timestampToken ? { 'io.cncf.notary.timestampSignature': o.timestampToken.toString('base64') } : {})
      },
      signature: signature.toString('base64url')
    })
  )
}

/** A COSE_Sign1 envelope over `{targetArtifact: descriptor}`. */
export function signCose(chain: Chain, descriptor: Descriptor, o: EnvelopeOptions = {}): Buffer {
  const alg = o.alg ?? ALG[chain.leaf.kind]
  const scheme = o.scheme ?? 'notary.x509'
  const seconds = Math.floor((o.signingTime ?? new Date()).getTime() / 1000)
  const crit = ['io.cncf.notary.signingScheme', ...(o.expiry ? ['io.cncf.notary.expiry'] : []), ...(o.crit ?? [])]
  const h = new Map<unknown, unknown>([
    [1, COSE_ALG[alg] ?? -37],
    [2, crit],
    [3, 'application/vnd.cncf.notary.payload.v1+json'],
    ['io.cncf.notary.signingScheme', scheme],
    ['io.cncf.notary.signingTime', new Tag(1, seconds)]
  ])
  if (o.expiry) h.set('io.cncf.notary.expiry', new Tag(1, Math.floor(o.expiry.getTime() / 1000)))
  for (const [k, v] of Object.entries(o.extra ?? {})) h.set(k, v)
  const protectedBytes = encode(h)
  const payload = new Uint8Array(o.payload ?? payloadFor(descriptor))
  const toSign = Buffer.from(encode(['Signature1', protectedBytes, new Uint8Array(0), payload]))
  const signature = rawSign(alg, o.signWith ?? chain.leaf.key, toSign)
  const unprotected = new Map<unknown, unknown>([
    [33, chain.certs.map(c => new Uint8Array(c.der))],
    ['io.cncf.notary.signingAgent', 'image-gate-tests/1.0']
  ])
  return Buffer.from(encode(new Tag(18, [protectedBytes, unprotected, payload, new Uint8Array(signature)])))
}

// ---------------------------------------------------------------------------------------------------------------
// RFC 3161 timestamp tokens, DER written by hand: a TSTInfo over SHA-256 of the signature, in a CMS SignedData
// signed (ECDSA P-256, SHA-256) over its signed attributes by a time-stamping certificate.

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content)
  const n = body.length
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff])
  return Buffer.concat([Buffer.from([tag]), len, body])
}
const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c)
const set = (...c: Buffer[]): Buffer => tlv(0x31, ...c)
const octet = (b: Buffer): Buffer => tlv(0x04, b)
const integer = (b: Buffer): Buffer => tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b)
function oid(text: string): Buffer {
  const [a, b, ...rest] = text.split('.').map(Number)
  const bytes = [a! * 40 + b!]
  for (const n of rest) {
    const parts = [n & 0x7f]
    for (let v = n >> 7; v > 0; v >>= 7) parts.unshift((v & 0x7f) | 0x80)
    bytes.push(...parts)
  }
  return tlv(0x06, Buffer.from(bytes))
}
const generalizedTime = (d: Date): Buffer =>
  tlv(
    0x18,
    Buffer.from(
      d
        .toISOString()
        .replace(/[-:T]/g, '')
        .replace(/\.\d+Z$/, 'Z'),
      'latin1'
    )
  )

const SHA256 = '2.16.840.1.101.3.4.2.1'
const TST_INFO = '1.2.840.113549.1.9.16.1.4'

export interface TokenOptions {
  /** The bytes the token vouches for: the envelope's signature. */
  signature: Buffer
  tsa: MadeCert
  /** The DER of the TSA certificate's issuer name, and its serial number in hex. */
  issuerDer: Buffer
  serialHex: string
  genTime: Date
  /** Certificates the token carries (default: the TSA's). */
  certs?: Buffer[]
  /** Change the TSTInfo after its digest was signed. */
  tamperInfo?: boolean
}

/** A timestamp token for `signature`, as a TSA answers. */
export function makeTimestampToken(o: TokenOptions): Buffer {
  const info = seq(
    integer(Buffer.from([1])),
    oid('1.2.3.4.1'),
    seq(seq(oid(SHA256)), octet(createHash('sha256').update(o.signature).digest())),
    integer(Buffer.from([0x2a])),
    generalizedTime(o.genTime)
  )
  const attrs = Buffer.concat([
    seq(oid('1.2.840.113549.1.9.3'), set(oid(TST_INFO))),
    seq(oid('1.2.840.113549.1.9.4'), set(octet(createHash('sha256').update(info).digest())))
  ])
  const sig = sign('sha256', set(attrs), o.tsa.key)
  const eContent = Buffer.from(info)
  // The tens of the seconds of genTime, another digit: still a time, no longer the one signed.
  if (o.tamperInfo) eContent[info.length - 3] = eContent[info.length - 3] === 0x30 ? 0x31 : 0x30
  const signerInfo = seq(
    integer(Buffer.from([1])),
    seq(o.issuerDer, integer(Buffer.from(o.serialHex.length % 2 ? `0${o.serialHex}` : o.serialHex, 'hex'))),
    seq(oid(SHA256)),
    tlv(0xa0, attrs),
    seq(oid('1.2.840.10045.4.3.2')),
    octet(sig)
  )
  const signedData = seq(
    integer(Buffer.from([3])),
    set(seq(oid(SHA256))),
    seq(oid(TST_INFO), tlv(0xa0, octet(eContent))),
    tlv(0xa0, ...(o.certs ?? [o.tsa.der])),
    set(signerInfo)
  )
  return seq(oid('1.2.840.113549.1.7.2'), tlv(0xa0, signedData))
}
