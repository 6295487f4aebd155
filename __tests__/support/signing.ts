/** Test signers: key pairs from node:crypto, and cosign-style signatures and DSSE envelopes made with them. */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { parsePublicKey, type PublicKey } from '../../src/trust/keys.js'
import { preAuthEncoding } from '../../src/trust/payload.js'

export interface TestSigner {
  label: string
  privateKey: KeyObject
  publicKey: PublicKey
  /** The hash the signer uses. */
  hash: string
  pem: string
}

export type KeyKind = 'P-256' | 'P-384' | 'P-521' | 'RSA-2048' | 'RSA-3072'

export function testSigner(
  kind: KeyKind = 'P-256',
  hash = kind === 'P-384' ? 'sha384' : kind === 'P-521' ? 'sha512' : 'sha256'
): TestSigner {
  const pair = kind.startsWith('RSA')
    ? generateKeyPairSync('rsa', { modulusLength: Number(kind.slice(4)) })
    : generateKeyPairSync('ec', { namedCurve: kind })
  const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  return { label: kind, privateKey: pair.privateKey, publicKey: parsePublicKey(pem, `${kind}.pub`), hash, pem }
}

export function signBytes(signer: TestSigner, data: Buffer): Buffer {
  return sign(signer.hash, data, signer.privateKey)
}

/** cosign's simple-signing payload for a digest. */
export function simpleSigningPayload(digest: string, reference = 'registry.example/app'): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': reference },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature'
      },
      optional: null
    })
  )
}

/** An in-toto statement naming digests. */
export function statement(digests: string[], predicateType: string, predicate: unknown = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: digests.map((d, i) => ({ name: `subject-${i}`, digest: { [d.split(':')[0]!]: d.split(':')[1] } })),
      predicateType,
      predicate
    })
  )
}

/** A DSSE envelope over an in-toto payload, signed by `signer`. */
export function envelope(signer: TestSigner, payload: Buffer, payloadType = 'application/vnd.in-toto+json'): Buffer {
  const sig = signBytes(signer, preAuthEncoding(payloadType, payload))
  return Buffer.from(
    JSON.stringify({
      payloadType,
      payload: payload.toString('base64'),
      signatures: [{ keyid: '', sig: sig.toString('base64') }]
    })
  )
}
