// Notary Project signature envelopes, read into one shape: JWS (JSON serialization, `application/jose+json`) and
// COSE_Sign1 (`application/cose`). Parsing only: what the headers say is checked against the key and the trust
// policy in verify.ts. Every problem is a plain Error whose message says what is wrong.
import { decode, encode, Tag } from 'cbor2'
import { asJson, asText, quote } from '../quote.js'

export const JWS_MEDIA_TYPE = 'application/jose+json'
export const COSE_MEDIA_TYPE = 'application/cose'
export const NOTARY_PAYLOAD = 'application/vnd.cncf.notary.payload.v1+json'
const SCHEME_X509 = 'notary.x509'
export const SCHEME_SIGNING_AUTHORITY = 'notary.x509.signingAuthority'

const SIGNING_SCHEME = 'io.cncf.notary.signingScheme'
const SIGNING_TIME = 'io.cncf.notary.signingTime'
const EXPIRY = 'io.cncf.notary.expiry'
const AUTHENTIC_SIGNING_TIME = 'io.cncf.notary.authenticSigningTime'
const TIMESTAMP_SIGNATURE = 'io.cncf.notary.timestampSignature'
const SIGNING_AGENT = 'io.cncf.notary.signingAgent'

/** Critical headers the gate understands; any other name in `crit` refuses the signature. */
const UNDERSTOOD_CRITICAL = new Set([SIGNING_SCHEME, EXPIRY, AUTHENTIC_SIGNING_TIME])

const COSE_ALGS: Record<number, string> = {
  [-37]: 'PS256',
  [-38]: 'PS384',
  [-39]: 'PS512',
  [-7]: 'ES256',
  [-35]: 'ES384',
  [-36]: 'ES512'
}
const COSE_ALG = 1
const COSE_CRIT = 2
const COSE_CONTENT_TYPE = 3
const COSE_X5CHAIN = 33
const COSE_SIGN1_TAG = 18

/** What one envelope says, whichever its format. */
export interface Envelope {
  format: 'JWS' | 'COSE'
  /** The algorithm the protected header names (checked against the key, never trusted alone). */
  alg: string
  signingScheme: string
  signingTime?: Date
  authenticSigningTime?: Date
  expiry?: Date
  /** DER certificates, leaf first. */
  chain: Buffer[]
  /** An RFC 3161 timestamp token over `signature`. */
  timestampToken?: Buffer
  signingAgent?: string
  payload: Buffer
  /** The bytes the signature covers. */
  signedBytes: Buffer
  /** The raw signature (r‖s for ECDSA). */
  signature: Buffer
}

export function parseEnvelope(mediaType: string, bytes: Buffer): Envelope {
  if (mediaType === JWS_MEDIA_TYPE) return parseJws(bytes)
  if (mediaType === COSE_MEDIA_TYPE) return parseCose(bytes)
  throw new Error(`the envelope media type is not ${JWS_MEDIA_TYPE} or ${COSE_MEDIA_TYPE}`)
}

const B64URL = /^[A-Za-z0-9_-]*$/
const B64 = /^[A-Za-z0-9+/]*={0,2}$/

function b64url(value: unknown, what: string): Buffer {
  if (typeof value !== 'string' || !B64URL.test(value)) throw new Error(`the JWS ${what} is not base64url`)
  return Buffer.from(value, 'base64url')
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function jsonObject(bytes: Buffer, what: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new Error(`the ${what} is not JSON`)
  }
  if (!isObject(value)) throw new Error(`the ${what} is not a JSON object`)
  return value
}

function rfc3339(value: unknown, name: string): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value))
    throw new Error(`the header ${name} is not an RFC 3339 time`)
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new Error(`the header ${name} is not an RFC 3339 time`)
  return date
}

function checkCritical(crit: unknown, present: (name: string) => boolean, format: string): void {
  if (!Array.isArray(crit) || crit.length === 0) throw new Error(`the ${format} protected header has no crit list`)
  for (const name of crit) {
    if (typeof name !== 'string' || !UNDERSTOOD_CRITICAL.has(name))
      throw new Error(`the ${format} protected header marks an unknown header critical: ${asJson(name)}`)
    if (!present(name)) throw new Error(`the ${format} protected header marks an absent header critical: ${name}`)
  }
  for (const name of UNDERSTOOD_CRITICAL) {
    if (present(name) && !crit.includes(name))
      throw new Error(`the ${format} protected header has ${name} but does not mark it critical`)
  }
}

function parseJws(bytes: Buffer): Envelope {
  const env = jsonObject(bytes, 'JWS envelope')
  for (const key of Object.keys(env)) {
    if (!['payload', 'protected', 'header', 'signature'].includes(key))
      throw new Error(`the JWS envelope has an unexpected member ${quote(key)}`)
  }
  const protectedB64 = env.protected
  const payloadB64 = env.payload
  const protectedBytes = b64url(protectedB64, 'protected header')
  const payload = b64url(payloadB64, 'payload')
  const signature = b64url(env.signature, 'signature')
  const h = jsonObject(protectedBytes, 'JWS protected header')
  const unprotected = env.header === undefined ? {} : env.header
  if (!isObject(unprotected)) throw new Error('the JWS unprotected header is not an object')
  checkCritical(h.crit, name => name in h, 'JWS')
  if (typeof h.alg !== 'string') throw new Error('the JWS protected header has no alg')
  if (h.cty !== NOTARY_PAYLOAD) throw new Error(`the JWS content type is not ${NOTARY_PAYLOAD}`)
  for (const name of ['x5c', TIMESTAMP_SIGNATURE, SIGNING_AGENT]) {
    if (name in h) throw new Error(`the JWS protected header holds ${name}, which belongs to the unprotected header`)
  }
  const x5c = unprotected.x5c
  if (!Array.isArray(x5c) || x5c.length === 0) throw new Error('the JWS unprotected header has no x5c chain')
  const chain = x5c.map(c => {
    if (typeof c !== 'string' || !B64.test(c)) throw new Error('an x5c certificate is not base64')
    return Buffer.from(c, 'base64')
  })
  const ts = unprotected[TIMESTAMP_SIGNATURE]
  const agent = unprotected[SIGNING_AGENT]
  return {
    format: 'JWS',
    alg: h.alg,
    ...timesAndScheme(
      name => h[name],
      (value, name) => rfc3339(value, name)
    ),
    chain,
    timestampToken:
      ts === undefined
        ? undefined
        : typeof ts === 'string' && B64.test(ts)
          ? Buffer.from(ts, 'base64')
          : fail(`the JWS header ${TIMESTAMP_SIGNATURE} is not base64`),
    signingAgent: typeof agent === 'string' ? agent : undefined,
    payload,
    signedBytes: Buffer.from(`${protectedB64 as string}.${payloadB64 as string}`, 'ascii'),
    signature
  }
}

function fail(message: string): never {
  throw new Error(message)
}

function timesAndScheme(
  get: (name: string) => unknown,
  time: (value: unknown, name: string) => Date
): Pick<Envelope, 'signingScheme' | 'signingTime' | 'authenticSigningTime' | 'expiry'> {
  const scheme = get(SIGNING_SCHEME)
  if (scheme !== SCHEME_X509 && scheme !== SCHEME_SIGNING_AUTHORITY)
    throw new Error(`the signing scheme ${asJson(scheme)} is not ${SCHEME_X509} or ${SCHEME_SIGNING_AUTHORITY}`)
  const at = (name: string) => (get(name) === undefined ? undefined : time(get(name), name))
  const out = {
    signingScheme: scheme,
    signingTime: at(SIGNING_TIME),
    authenticSigningTime: at(AUTHENTIC_SIGNING_TIME),
    expiry: at(EXPIRY)
  }
  if (scheme === SCHEME_X509 && !out.signingTime) throw new Error(`a ${SCHEME_X509} signature has no ${SIGNING_TIME}`)
  if (scheme === SCHEME_SIGNING_AUTHORITY && !out.authenticSigningTime)
    throw new Error(`a ${SCHEME_SIGNING_AUTHORITY} signature has no ${AUTHENTIC_SIGNING_TIME}`)
  return out
}

function cborDecode(bytes: Uint8Array, what: string): unknown {
  try {
    return decode(bytes, { ignoreGlobalTags: true, preferMap: true, rejectDuplicateKeys: true })
  } catch {
    throw new Error(`the ${what} is not valid CBOR`)
  }
}

function bstr(v: unknown, what: string): Buffer {
  if (!(v instanceof Uint8Array)) throw new Error(`the COSE ${what} is not a byte string`)
  return Buffer.from(v)
}

function coseTime(value: unknown, name: string): Date {
  if (!(value instanceof Tag) || Number(value.tag) !== 1) throw new Error(`the COSE header ${name} is not a tag-1 time`)
  const seconds = value.contents
  const n = typeof seconds === 'bigint' ? Number(seconds) : seconds
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`the COSE header ${name} is not a tag-1 time`)
  return new Date(n * 1000)
}

function parseCose(bytes: Buffer): Envelope {
  const top = cborDecode(bytes, 'COSE envelope')
  if (!(top instanceof Tag) || Number(top.tag) !== COSE_SIGN1_TAG)
    throw new Error('the COSE envelope is not a tagged COSE_Sign1')
  const parts = top.contents
  if (!Array.isArray(parts) || parts.length !== 4) throw new Error('the COSE_Sign1 is not an array of four')
  const protectedBytes = bstr(parts[0], 'protected header')
  const unprotected = parts[1]
  const payload = bstr(parts[2], 'payload')
  const signature = bstr(parts[3], 'signature')
  const h = cborDecode(protectedBytes, 'COSE protected header')
  if (!(h instanceof Map)) throw new Error('the COSE protected header is not a map')
  if (!(unprotected instanceof Map)) throw new Error('the COSE unprotected header is not a map')
  checkCritical(h.get(COSE_CRIT), name => h.has(name), 'COSE')
  const alg = COSE_ALGS[Number(h.get(COSE_ALG))]
  if (typeof h.get(COSE_ALG) !== 'number' || !alg)
    throw new Error(`the COSE algorithm ${asText(h.get(COSE_ALG))} is not supported`)
  if (h.get(COSE_CONTENT_TYPE) !== NOTARY_PAYLOAD) throw new Error(`the COSE content type is not ${NOTARY_PAYLOAD}`)
  if (h.has(COSE_X5CHAIN))
    throw new Error('the COSE protected header holds x5chain, which belongs to the unprotected header')
  const x5 = unprotected.get(COSE_X5CHAIN)
  const chain =
    x5 instanceof Uint8Array ? [Buffer.from(x5)] : Array.isArray(x5) ? x5.map(c => bstr(c, 'x5chain entry')) : []
  if (chain.length === 0) throw new Error('the COSE unprotected header has no x5chain')
  const ts = unprotected.get(TIMESTAMP_SIGNATURE)
  const agent = unprotected.get(SIGNING_AGENT)
  const signedBytes = Buffer.from(
    encode([
      'Signature1',
      // Plain Uint8Arrays: cbor2 encodes a Buffer as its JSON form, not as a byte string.
      new Uint8Array(protectedBytes),
      new Uint8Array(0),
      new Uint8Array(payload)
    ])
  )
  return {
    format: 'COSE',
    alg,
    ...timesAndScheme(name => h.get(name), coseTime),
    chain,
    timestampToken: ts === undefined ? undefined : bstr(ts, TIMESTAMP_SIGNATURE),
    signingAgent: typeof agent === 'string' ? agent : undefined,
    payload,
    signedBytes,
    signature
  }
}
