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
  const root = await makeCert({ subject: rootSubject, key: 'P-256', ca: true })
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
