/** The meaning of signed payloads: which digests they name and, for in-toto statements, what they state. */
import { digestProblem } from '../core/digest.js'

export const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json'
export const IN_TOTO_PAYLOAD = 'application/vnd.in-toto+json'
const SIMPLE_SIGNING_TYPES = ['cosign container image signature', 'atomic container signature']
const STATEMENT_TYPES = ['https://in-toto.io/Statement/v0.1', 'https://in-toto.io/Statement/v1']

export type PayloadMeaning =
  | {
      ok: true
      subjects: string[]
      predicateType?: string
      /** The statement's predicate, kept when the caller asked for its type. */
      statement?: { predicateType: string; predicate: unknown }
    }
  | { ok: false; reason: string }

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A simple-signing payload: `critical.image.docker-manifest-digest` is the one digest it signs. */
export function simpleSigningSubjects(bytes: Buffer): PayloadMeaning {
  const doc = parseJson(bytes)
  if (!isObject(doc) || !isObject(doc.critical))
    return { ok: false, reason: 'the payload is not a simple-signing document (no "critical" object)' }
  const critical = doc.critical
  if (typeof critical.type !== 'string' || !SIMPLE_SIGNING_TYPES.includes(critical.type)) {
    return {
      ok: false,
      reason: `the payload's critical.type is ${JSON.stringify(critical.type ?? null)?.slice(0, 80)}, not "cosign container image signature"`
    }
  }
  const image = isObject(critical.image) ? critical.image : {}
  const digest = image['docker-manifest-digest']
  if (typeof digest !== 'string' || digestProblem(digest) !== undefined) {
    return { ok: false, reason: 'the payload has no valid critical.image.docker-manifest-digest' }
  }
  return { ok: true, subjects: [digest] }
}

/**
 * An in-toto statement: every `subject[].digest` as `algorithm:hex`, and the predicate type; the predicate itself
 * too when `keep` asks for its type (anything else is let go with the bytes).
 */
export function statementSubjects(
  payloadType: string,
  bytes: Buffer,
  keep?: (predicateType: string) => boolean
): PayloadMeaning {
  if (payloadType !== IN_TOTO_PAYLOAD)
    return {
      ok: false,
      reason: `the envelope's payload type is ${JSON.stringify(payloadType).slice(0, 80)}, not ${IN_TOTO_PAYLOAD}`
    }
  const doc = parseJson(bytes)
  if (!isObject(doc)) return { ok: false, reason: 'the envelope payload is not a JSON object' }
  if (typeof doc._type !== 'string' || !STATEMENT_TYPES.includes(doc._type)) {
    return {
      ok: false,
      reason: `the payload's _type is ${JSON.stringify(doc._type ?? null)?.slice(0, 80)}, not an in-toto statement`
    }
  }
  if (typeof doc.predicateType !== 'string' || doc.predicateType === '')
    return { ok: false, reason: 'the statement has no predicateType' }
  if (!Array.isArray(doc.subject)) return { ok: false, reason: 'the statement has no subject list' }
  const subjects: string[] = []
  for (const s of doc.subject) {
    if (!isObject(s) || !isObject(s.digest)) continue
    for (const [alg, hex] of Object.entries(s.digest)) {
      const d = `${alg}:${String(hex)}`
      // Only digests the gate can compare: sha256 and sha512, lowercase hex.
      if (digestProblem(d) === undefined) subjects.push(d)
    }
  }
  const meaning: PayloadMeaning = { ok: true, subjects, predicateType: doc.predicateType }
  if (keep?.(doc.predicateType)) meaning.statement = { predicateType: doc.predicateType, predicate: doc.predicate }
  return meaning
}

/** DSSE's pre-authentication encoding: what a DSSE signature signs. */
export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8')
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload])
}

export interface Envelope {
  payloadType: string
  payload: Buffer
  signatures: Buffer[]
}

/** A DSSE envelope (`{payloadType, payload, signatures: [{sig}]}`, base64), or why it is not one. */
export function parseEnvelope(bytes: Buffer | unknown): Envelope | { reason: string } {
  const doc = Buffer.isBuffer(bytes) ? parseJson(bytes) : bytes
  if (!isObject(doc)) return { reason: 'the envelope is not a JSON object' }
  if (typeof doc.payloadType !== 'string' || typeof doc.payload !== 'string')
    return { reason: 'the envelope has no payloadType or payload' }
  if (!Array.isArray(doc.signatures) || doc.signatures.length === 0) return { reason: 'the envelope has no signatures' }
  const signatures = doc.signatures
    .filter(isObject)
    .map(s => (typeof s.sig === 'string' ? Buffer.from(s.sig, 'base64') : Buffer.alloc(0)))
  return { payloadType: doc.payloadType, payload: Buffer.from(doc.payload, 'base64'), signatures }
}
