// X.509 as the Notary Project signature specification uses it: a signing chain (leaf first, root last), the leaf's
// code-signing profile, the algorithm a key implies, and distinguished names as sets of attributes. Pure: parsing
// with @peculiar/asn1-x509 (the ASN.1 layer of @peculiar/x509, without its dependency-injection container),
// signatures with node:crypto.
import { X509Certificate as NodeCertificate, type KeyObject, createHash } from 'node:crypto'
import { AsnConvert } from '@peculiar/asn1-schema'
import {
  BasicConstraints,
  Certificate as AsnCertificate,
  ExtendedKeyUsage,
  KeyUsage,
  KeyUsageFlags,
  type Extension
} from '@peculiar/asn1-x509'
import { cut } from '../quote.js'

/** Longest chain an envelope may carry. */
export const MAX_CHAIN = 10

const CODE_SIGNING = '1.3.6.1.5.5.7.3.3'
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8'
const FORBIDDEN_EKU: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  [TIME_STAMPING]: 'timeStamping',
  '2.5.29.37.0': 'anyExtendedKeyUsage'
}
const KEY_USAGE = '2.5.29.15'
const BASIC_CONSTRAINTS = '2.5.29.19'
const EXTENDED_KEY_USAGE = '2.5.29.37'
/** Critical extensions a verifier may meet and still judge the certificate; any other critical one refuses it. */
const UNDERSTOOD = new Set([
  KEY_USAGE,
  BASIC_CONSTRAINTS,
  EXTENDED_KEY_USAGE,
  '2.5.29.17', // subjectAltName
  '2.5.29.32', // certificatePolicies
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.35' // authorityKeyIdentifier
])

/** One certificate, parsed both ways once. */
export interface Certificate {
  der: Buffer
  extensions: Extension[]
  /** The subject's attributes in order, each `[type, value]` with the short type names of RFC 4514. */
  attributes: [string, string][]
  node: NodeCertificate
  /** The DER of the subject and issuer names, compared byte for byte when chaining. */
  subjectDer: Buffer
  issuerDer: Buffer
  /** The subject as RFC 4514 text (`C=US, O=Acme, CN=Builder`), for reports. */
  subject: string
  notBefore: Date
  notAfter: Date
}

/** Certificates parsed in this process, by the SHA-256 of their DER: one signing chain signs many images. */
const parsed = new Map<string, Certificate>()
/** How many are kept (the oldest goes first); each is a copy of its DER and what was parsed from it, a few KiB. */
export const PARSED_CERTIFICATES_KEPT = 64

/**
 * Parses one DER certificate; throws a plain Error saying why on anything else. The same bytes parse once: the
 * result is kept (its own copy of the DER, never the envelope's buffer) and shared, never changed by its users.
 */
export function parseCertificate(der: Buffer): Certificate {
  const key = createHash('sha256').update(der).digest('hex')
  const known = parsed.get(key)
  if (known) return known
  const cert = parseFresh(Buffer.from(der))
  if (parsed.size >= PARSED_CERTIFICATES_KEPT) parsed.delete(parsed.keys().next().value!)
  parsed.set(key, cert)
  return cert
}

function parseFresh(der: Buffer): Certificate {
  const asn = AsnConvert.parse(der, AsnCertificate)
  const node = new NodeCertificate(der)
  const attributes = nameAttributes(asn)
  return {
    der,
    extensions: asn.tbsCertificate.extensions ?? [],
    attributes,
    node,
    subjectDer: Buffer.from(AsnConvert.serialize(asn.tbsCertificate.subject)),
    issuerDer: Buffer.from(AsnConvert.serialize(asn.tbsCertificate.issuer)),
    subject: attributes.map(([type, value]) => `${type}=${value}`).join(', '),
    notBefore: new Date(node.validFrom),
    notAfter: new Date(node.validTo)
  }
}

/** PEM blocks or one DER certificate, as trust store files hold them. */
export function parseCertificates(bytes: Buffer): Certificate[] {
  const text = bytes.toString('latin1')
  if (!text.includes('-----BEGIN')) return [parseCertificate(bytes)]
  const out: Certificate[] = []
  const re = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g
  for (const m of text.matchAll(re)) out.push(parseCertificate(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')))
  if (out.length === 0) throw new Error('no PEM certificate in it')
  return out
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.9': 'STREET',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E'
}

function nameAttributes(cert: AsnCertificate): [string, string][] {
  const out: [string, string][] = []
  for (const rdn of cert.tbsCertificate.subject) {
    for (const atv of rdn) out.push([SHORT_NAMES[atv.type] ?? atv.type, atv.value.toString()])
  }
  return out
}

function extension<T>(cert: Certificate, oid: string, type: new () => T): T | undefined {
  const ext = cert.extensions.find(e => e.extnID === oid)
  return ext && AsnConvert.parse(ext.extnValue, type)
}

const keyUsage = (cert: Certificate) => extension(cert, KEY_USAGE, KeyUsage)?.toNumber()
const extendedKeyUsage = (cert: Certificate) => extension(cert, EXTENDED_KEY_USAGE, ExtendedKeyUsage)?.map(String)
const basicConstraints = (cert: Certificate) => extension(cert, BASIC_CONSTRAINTS, BasicConstraints)

/** The signature algorithm a leaf key implies, or why the key is not one the specification allows. */
export function keyAlgorithm(key: KeyObject): { alg: string } | { problem: string } {
  const details = key.asymmetricKeyDetails ?? {}
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    const bits = details.modulusLength
    const alg = bits === 2048 ? 'PS256' : bits === 3072 ? 'PS384' : bits === 4096 ? 'PS512' : undefined
    return alg ? { alg } : { problem: `an RSA key of ${bits} bits (2048, 3072 or 4096 are allowed)` }
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = details.namedCurve
    const alg =
      curve === 'prime256v1' ? 'ES256' : curve === 'secp384r1' ? 'ES384' : curve === 'secp521r1' ? 'ES512' : undefined
    return alg ? { alg } : { problem: `an EC key on curve ${curve} (P-256, P-384 or P-521 are allowed)` }
  }
  return { problem: `a ${key.asymmetricKeyType} key (RSA or ECDSA are allowed)` }
}

function isCA(cert: Certificate): boolean {
  return basicConstraints(cert)?.cA === true
}

function unknownCritical(cert: Certificate): string | undefined {
  return cert.extensions.find(e => e.critical && !UNDERSTOOD.has(e.extnID))?.extnID
}

export function issuedBy(child: Certificate, parent: Certificate): boolean {
  try {
    return child.issuerDer.equals(parent.subjectDer) && child.node.verify(parent.node.publicKey)
  } catch {
    return false
  }
}

/** Why a leaf is not a code-signing certificate (or a time-stamping one, for `purpose: 'timestamp'`). */
export function leafProblem(leaf: Certificate, purpose: 'code' | 'timestamp' = 'code'): string | undefined {
  if (isCA(leaf)) return 'the signing certificate is a CA certificate'
  const ku = keyUsage(leaf)
  // RFC 3161 asks a time-stamping certificate for its extended key usage alone; a code-signing one needs both.
  if (ku === undefined && purpose === 'code') return 'the signing certificate has no key usage extension'
  if (ku !== undefined) {
    const signs =
      purpose === 'code'
        ? KeyUsageFlags.digitalSignature
        : KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation
    if (!(ku & signs)) return 'the signing certificate is not for digitalSignature'
    if (ku & (KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign))
      return 'the signing certificate may sign certificates or CRLs'
  }
  const usages = extendedKeyUsage(leaf)
  if (purpose === 'timestamp') {
    if (!usages?.includes(TIME_STAMPING)) return 'the timestamping certificate is not for timeStamping'
    return undefined
  }
  if (usages) {
    const bad = usages.find(u => FORBIDDEN_EKU[u])
    if (bad) return `the signing certificate's extended key usage includes ${FORBIDDEN_EKU[bad]}`
    if (!usages.includes(CODE_SIGNING)) return "the signing certificate's extended key usage lacks codeSigning"
  }
  return undefined
}

/** Why a chain of `count` certificates is too short or too long to be one, before any of them is parsed. */
export function chainLengthProblem(count: number): string | undefined {
  if (count === 0) return 'the certificate chain is empty'
  if (count > MAX_CHAIN) return `the certificate chain holds more than ${MAX_CHAIN} certificates`
  return undefined
}

/**
 * Why a chain (leaf first) is not one chain: each certificate issued and signed by the next, every issuer a CA
 * that may sign certificates within its path length, the last one self-signed, no critical extension the gate does
 * not understand, at most MAX_CHAIN certificates. Undefined when it is one.
 */
export function chainProblem(chain: Certificate[]): string | undefined {
  const count = chainLengthProblem(chain.length)
  if (count) return count
  for (const [i, cert] of chain.entries()) {
    const critical = unknownCritical(cert)
    if (critical) return `certificate ${i} of the chain has an unknown critical extension ${critical}`
    const parent = chain[i + 1] ?? cert
    if (!issuedBy(cert, parent)) {
      return i === chain.length - 1
        ? `the last certificate of the chain (${cut(cert.subject)}) is not self-signed`
        : `certificate ${i} of the chain (${cut(cert.subject)}) is not issued by the next one (${cut(parent.subject)})`
    }
    if (i === 0) continue
    if (!isCA(cert)) return `certificate ${i} of the chain (${cut(cert.subject)}) is not a CA`
    const ku = keyUsage(cert)
    if (ku !== undefined && !(ku & KeyUsageFlags.keyCertSign))
      return `certificate ${i} of the chain (${cut(cert.subject)}) may not sign certificates`
    const pathLength = basicConstraints(cert)?.pathLenConstraint
    if (pathLength !== undefined && i - 1 > pathLength)
      return `certificate ${i} of the chain (${cut(cert.subject)}) allows a path of ${pathLength} below it`
  }
  return undefined
}

/** Why a certificate of the chain is not valid at `time`, or undefined. */
export function validityProblem(chain: Certificate[], time: Date): string | undefined {
  for (const cert of chain) {
    if (time < cert.notBefore)
      return `the certificate ${cut(cert.subject)} is not valid before ${cert.notBefore.toISOString()}`
    if (time > cert.notAfter) return `the certificate ${cut(cert.subject)} expired at ${cert.notAfter.toISOString()}`
  }
  return undefined
}

/** The first certificate of the chain that is, byte for byte, one the trust store holds. */
export function anchorIn(chain: Certificate[], store: Certificate[]): Certificate | undefined {
  return chain.find(c => store.some(s => s.der.equals(c.der)))
}
