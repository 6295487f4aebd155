// RFC 3161 timestamp countersignatures over a Notary Project signature: a CMS SignedData (RFC 5652) whose content
// is a TSTInfo naming the hash of the envelope's signature, signed by a time-stamping certificate that chains to a
// `tsa` trust store certificate. Read with a small DER walker, so that the signed attributes are checked over the
// exact bytes the token carries; signatures with node:crypto. Pure.
import { createHash, verify as cryptoVerify } from 'node:crypto'
import {
  type Certificate,
  MAX_CHAIN,
  issuedBy,
  leafProblem,
  parseCertificate,
  validityProblem
} from './certificates.js'
import { cut } from '../quote.js'

/** Largest token read. */
const MAX_TOKEN_BYTES = 64 * 1024

const SIGNED_DATA = '1.2.840.113549.1.7.2'
const TST_INFO = '1.2.840.113549.1.9.16.1.4'
const CONTENT_TYPE_ATTR = '1.2.840.113549.1.9.3'
const MESSAGE_DIGEST_ATTR = '1.2.840.113549.1.9.4'
const SUBJECT_KEY_IDENTIFIER = '2.5.29.14'

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512'
}
const SIGNATURES: Record<string, { kind: 'rsa' | 'ecdsa'; hash?: string }> = {
  '1.2.840.113549.1.1.1': { kind: 'rsa' },
  // The key's algorithm written where the signature's belongs, as some CMS producers do: the digest algorithm's hash.
  '1.2.840.10045.2.1': { kind: 'ecdsa' },
  '1.2.840.113549.1.1.11': { kind: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa', hash: 'sha512' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'sha512' }
}

/** One DER element: its tag byte, where it starts, where its content starts and where it ends. */
interface Tlv {
  tag: number
  start: number
  content: number
  end: number
}

class Der {
  constructor(readonly buf: Buffer) {}

  at(pos: number, limit = this.buf.length): Tlv {
    if (pos + 2 > limit) throw new Error('the token is truncated')
    const tag = this.buf[pos]!
    if ((tag & 0x1f) === 0x1f) throw new Error('the token uses a high tag number')
    let len = this.buf[pos + 1]!
    let content = pos + 2
    if (len & 0x80) {
      const n = len & 0x7f
      if (n === 0 || n > 4) throw new Error('the token has an indefinite or oversized length')
      if (content + n > limit) throw new Error('the token is truncated')
      len = 0
      for (let i = 0; i < n; i++) len = len * 256 + this.buf[content + i]!
      content += n
    }
    const end = content + len
    if (end > limit) throw new Error('the token is truncated')
    return { tag, start: pos, content, end }
  }

  children(t: Tlv): Tlv[] {
    const out: Tlv[] = []
    for (let pos = t.content; pos < t.end;) {
      const c = this.at(pos, t.end)
      out.push(c)
      pos = c.end
      if (out.length > 256) throw new Error('the token has too many elements')
    }
    return out
  }

  expect(t: Tlv | undefined, tag: number, what: string): Tlv {
    if (!t || t.tag !== tag) throw new Error(`the token's ${what} is not where it should be`)
    return t
  }

  bytes(t: Tlv): Buffer {
    return this.buf.subarray(t.content, t.end)
  }

  whole(t: Tlv): Buffer {
    return this.buf.subarray(t.start, t.end)
  }

  oid(t: Tlv): string {
    const b = this.bytes(this.expect(t, 0x06, 'object identifier'))
    const parts: number[] = []
    let value = 0
    for (const [i, byte] of b.entries()) {
      value = value * 128 + (byte & 0x7f)
      if (!(byte & 0x80)) {
        if (parts.length === 0)
          parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80)
        else parts.push(value)
        value = 0
      } else if (i === b.length - 1) throw new Error('the token has a truncated object identifier')
    }
    return parts.join('.')
  }

  integer(t: Tlv): number {
    const b = this.bytes(this.expect(t, 0x02, 'integer'))
    if (b.length > 6) throw new Error('the token has an oversized integer')
    return b.readUIntBE(0, b.length)
  }
}

function generalizedTime(text: string): Date {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\.\d{1,9})?Z$/.exec(text)
  if (!m) throw new Error('the timestamp genTime is not a GeneralizedTime in UTC')
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms))
}

interface TstInfo {
  hash: string
  imprint: Buffer
  genTime: Date
  /** Milliseconds either side of genTime. */
  accuracy: number
}

function readTstInfo(bytes: Buffer): TstInfo {
  const der = new Der(bytes)
  const top = der.expect(der.at(0), 0x30, 'TSTInfo')
  const [version, policy, imprint, serial, genTime, ...rest] = der.children(top)
  if (der.integer(version!) !== 1) throw new Error('the TSTInfo version is not 1')
  der.oid(policy!)
  der.expect(serial, 0x02, 'TSTInfo serial number')
  const [alg, hashed] = der.children(der.expect(imprint, 0x30, 'message imprint'))
  const hash = DIGESTS[der.oid(der.children(der.expect(alg, 0x30, 'imprint algorithm'))[0]!)]
  if (!hash) throw new Error('the message imprint uses a hash other than SHA-256, SHA-384 or SHA-512')
  let accuracy = 0
  const acc = rest[0]?.tag === 0x30 ? rest[0] : undefined
  for (const part of acc ? der.children(acc) : []) {
    const value = der.bytes(part).readUIntBE(0, Math.min(6, Math.max(1, der.bytes(part).length)))
    if (part.tag === 0x02) accuracy += value * 1000
    else if (part.tag === 0x80) accuracy += value
    else if (part.tag === 0x81) accuracy += value / 1000
  }
  return {
    hash,
    imprint: der.bytes(der.expect(hashed, 0x04, 'hashed message')),
    genTime: generalizedTime(der.bytes(der.expect(genTime, 0x18, 'genTime')).toString('latin1')),
    accuracy
  }
}

function subjectKeyIdentifier(cert: Certificate): Buffer | undefined {
  const ext = cert.extensions.find(e => e.extnID === SUBJECT_KEY_IDENTIFIER)
  if (!ext) return undefined
  const der = new Der(Buffer.from(ext.extnValue.buffer))
  return der.bytes(der.expect(der.at(0), 0x04, 'subject key identifier'))
}

function serialOf(cert: Certificate): string {
  return cert.node.serialNumber.toLowerCase().replace(/^0+/, '')
}

/** The time a token vouches for `signature` at (genTime, and the window its accuracy allows), or why not. */
export function verifyTimestampToken(
  token: Buffer,
  signature: Buffer,
  tsa: Certificate[],
  now: Date
): { time: Date; earliest: Date; latest: Date } | { problem: string } {
  try {
    return verifyToken(token, signature, tsa, now)
  } catch (e) {
    return { problem: (e as Error).message }
  }
}

/** The parts of a token's SignedData the verification reads. */
interface SignedToken {
  der: Der
  /** The TSTInfo's DER (the encapsulated content). */
  eContent: Buffer
  certs: Certificate[]
  /** The one SignerInfo's elements. */
  sid: Tlv
  hash: string
  signedAttrs: Tlv
  sigAlg: Tlv
  sigValue: Tlv
}

/** ContentInfo → SignedData → the TSTInfo, the certificates and the one signer (RFC 5652, 5.1). */
function readSignedData(token: Buffer): SignedToken {
  const der = new Der(token)
  const [type, explicit] = der.children(der.expect(der.at(0), 0x30, 'ContentInfo'))
  if (der.oid(type!) !== SIGNED_DATA) throw new Error('the token is not a CMS SignedData')
  const signedData = der.expect(der.children(der.expect(explicit, 0xa0, 'content'))[0], 0x30, 'SignedData')
  const parts = der.children(signedData)
  const encap = der.children(der.expect(parts[2], 0x30, 'encapsulated content'))
  if (der.oid(encap[0]!) !== TST_INFO) throw new Error('the token does not hold a TSTInfo')
  const eContent = der.bytes(
    der.expect(der.children(der.expect(encap[1], 0xa0, 'eContent'))[0], 0x04, 'eContent octets')
  )
  const certs: Certificate[] = []
  let i = 3
  if (parts[i]?.tag === 0xa0) {
    for (const c of der.children(parts[i]!).slice(0, MAX_CHAIN)) {
      if (c.tag === 0x30) certs.push(parseCertificate(der.whole(c)))
    }
    i++
  }
  if (parts[i]?.tag === 0xa1) i++
  const signerInfos = der.children(der.expect(parts[i], 0x31, 'signer infos'))
  if (signerInfos.length !== 1) throw new Error('the token does not have exactly one signer')
  const [, sid, digestAlg, signedAttrs, sigAlg, sigValue] = der.children(der.expect(signerInfos[0], 0x30, 'signer'))
  const hash = DIGESTS[der.oid(der.children(der.expect(digestAlg, 0x30, 'digest algorithm'))[0]!)]
  if (!hash) throw new Error('the token is signed over a hash other than SHA-256, SHA-384 or SHA-512')
  return {
    der,
    eContent,
    certs,
    sid: der.expect(sid, sid?.tag === 0x80 ? 0x80 : 0x30, 'signer identifier'),
    hash,
    signedAttrs: der.expect(signedAttrs, 0xa0, 'signed attributes'),
    sigAlg: der.expect(sigAlg, 0x30, 'signature algorithm'),
    sigValue: der.expect(sigValue, 0x04, 'signature')
  }
}

/** The signed attributes name the TSTInfo content type and its digest. */
function checkSignedAttributes(t: SignedToken): void {
  const { der } = t
  let contentType: string | undefined
  let messageDigest: Buffer | undefined
  for (const attr of der.children(t.signedAttrs)) {
    const [oid, values] = der.children(der.expect(attr, 0x30, 'attribute'))
    const value = der.children(der.expect(values, 0x31, 'attribute values'))[0]
    const name = der.oid(oid!)
    if (name === CONTENT_TYPE_ATTR) contentType = der.oid(value!)
    if (name === MESSAGE_DIGEST_ATTR) messageDigest = der.bytes(der.expect(value, 0x04, 'message digest'))
  }
  if (contentType !== TST_INFO) throw new Error('the signed content type is not TSTInfo')
  if (!messageDigest?.equals(createHash(t.hash).update(t.eContent).digest()))
    throw new Error('the signed message digest does not match the TSTInfo')
}

/** The certificate the signer identifier names (issuer and serial number, or subject key identifier), whose key signed the attributes. */
function verifiedSigner(t: SignedToken): Certificate {
  const { der, sid } = t
  let signer: Certificate | undefined
  if (sid.tag === 0x30) {
    const [issuer, serial] = der.children(sid)
    const serialHex = der
      .bytes(der.expect(serial, 0x02, 'serial'))
      .toString('hex')
      .replace(/^0+/, '')
    signer = t.certs.find(c => c.issuerDer.equals(der.whole(issuer!)) && serialOf(c) === serialHex)
  } else {
    const skid = der.bytes(sid)
    signer = t.certs.find(c => subjectKeyIdentifier(c)?.equals(skid))
  }
  if (!signer) throw new Error('the signing certificate is not in the token')
  const algorithm = SIGNATURES[der.oid(der.children(t.sigAlg)[0]!)]
  if (!algorithm) throw new Error('the token is signed with an unsupported algorithm')
  // Signed as a SET OF (RFC 5652, 5.4): the [0] IMPLICIT tag of the bytes carried becomes 0x31.
  const attrsDer = Buffer.concat([Buffer.from([0x31]), der.whole(t.signedAttrs).subarray(1)])
  let ok: boolean
  try {
    ok = cryptoVerify(algorithm.hash ?? t.hash, attrsDer, signer.node.publicKey, der.bytes(t.sigValue))
  } catch {
    ok = false
  }
  if (!ok) throw new Error('the token signature does not verify')
  return signer
}

/** From the signer to a tsa trust store certificate, through the token's CA certificates, valid at `time`. */
function checkTimestampChain(signer: Certificate, certs: Certificate[], tsa: Certificate[], time: Date): void {
  const leaf = leafProblem(signer, 'timestamp')
  if (leaf) throw new Error(leaf.replace('the signing certificate', 'the timestamping certificate'))
  const chain: Certificate[] = [signer]
  for (let cur = signer; !tsa.some(t => t.der.equals(cur.der));) {
    if (chain.length > MAX_CHAIN) throw new Error('the timestamping chain is too long')
    const anchor = tsa.find(t => issuedBy(cur, t))
    if (anchor) {
      chain.push(anchor)
      break
    }
    const next = certs.find(c => c !== cur && !chain.includes(c) && c.node.ca && issuedBy(cur, c))
    if (!next)
      throw new Error(`the timestamping certificate ${cut(signer.subject)} leads to no tsa trust store certificate`)
    chain.push(next)
    cur = next
  }
  const valid = validityProblem(chain, time)
  if (valid) throw new Error(valid)
}

function verifyToken(
  token: Buffer,
  signature: Buffer,
  tsa: Certificate[],
  now: Date
): { time: Date; earliest: Date; latest: Date } {
  if (tsa.length === 0) throw new Error('the tsa trust stores hold no certificate')
  if (token.length > MAX_TOKEN_BYTES) throw new Error(`the token is larger than ${MAX_TOKEN_BYTES} bytes`)
  const t = readSignedData(token)
  checkSignedAttributes(t)
  const signer = verifiedSigner(t)
  const info = readTstInfo(t.eContent)
  if (!info.imprint.equals(createHash(info.hash).update(signature).digest()))
    throw new Error('the timestamp is over other bytes than this signature')
  if (info.genTime > now) throw new Error(`the timestamp ${info.genTime.toISOString()} is in the future`)
  checkTimestampChain(signer, t.certs, tsa, info.genTime)
  return {
    time: info.genTime,
    earliest: new Date(info.genTime.getTime() - info.accuracy),
    latest: new Date(info.genTime.getTime() + info.accuracy)
  }
}
