import { describe, expect, test } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { KeyError, loadKeys, parsePublicKey, splitKeySources } from '../../../src/trust/keys.js'
import { parseEnvelope, preAuthEncoding, simpleSigningSubjects, statementSubjects } from '../../../src/trust/payload.js'
import { simpleSigningPayload, statement, testSigner } from '../../support/signing.js'

const D = `sha256:${'a'.repeat(64)}`
const E = `sha256:${'b'.repeat(64)}`

const pemOf = (k: ReturnType<typeof generateKeyPairSync>['publicKey']): string =>
  k.export({ type: 'spki', format: 'pem' }).toString()

describe('public keys', () => {
  test.each([
    ['P-256', 'ECDSA P-256'],
    ['P-384', 'ECDSA P-384'],
    ['P-521', 'ECDSA P-521'],
    ['RSA-2048', 'RSA 2048'],
    ['RSA-3072', 'RSA 3072']
  ] as const)('%s is accepted as %s, with a SHA256: fingerprint', (kind, algorithm) => {
    const s = testSigner(kind)
    expect(s.publicKey.algorithm).toBe(algorithm)
    expect(s.publicKey.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
  })

  const rsa1024 = pemOf(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey)
  const secp256k1 = pemOf(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey)
  const ed25519 = pemOf(generateKeyPairSync('ed25519').publicKey)
  const privatePem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString()
  const two = `${testSigner().pem}${testSigner().pem}`
  test.each([
    ['no PEM at all', 'just text', 'no PEM block'],
    ['two keys in one file', two, '2 PEM blocks'],
    ['a private key', privatePem, 'private key'],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', 'CERTIFICATE, not a PUBLIC KEY'],
    ['RSA 1024', rsa1024, '1024-bit RSA key'],
    ['secp256k1', secp256k1, 'curve secp256k1'],
    ['Ed25519', ed25519, 'ed25519 key'],
    ['base64 garbage', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', 'not a readable public key']
  ])('%s is refused', (_name, text, phrase) => {
    expect(() => parsePublicKey(text, 'cosign.pub')).toThrow(KeyError)
    expect(() => parsePublicKey(text, 'cosign.pub')).toThrow(phrase)
    expect(() => parsePublicKey(text, 'cosign.pub')).toThrow('cosign.pub')
  })

  test('the same key written twice, inline and in a file, counts once', () => {
    const s = testSigner()
    const keys = loadKeys(`${s.pem}\ncosign.pub`, '/ws', p => {
      expect(p).toBe('/ws/cosign.pub')
      return Buffer.from(s.pem)
    })
    expect(keys.map(k => k.name)).toEqual(['inline key 1'])
  })

  test('a missing key file, and an oversized one, say so', () => {
    const enoent = Object.assign(new Error('nope'), { code: 'ENOENT' })
    expect(() =>
      loadKeys('keys/missing.pub', '/ws', () => {
        throw enoent
      })
    ).toThrow('keys/missing.pub: cannot read the key file: no such file in the workspace')
    expect(() => loadKeys('big.pub', '/ws', () => Buffer.alloc(100_000))).toThrow('big.pub is 100000 bytes')
  })

  test.each([
    ['', { pems: [], paths: [] }],
    ['cosign.pub', { pems: [], paths: ['cosign.pub'] }],
    ['a.pub, b.pub\n# comment\nc.pub # trailing', { pems: [], paths: ['a.pub', 'b.pub', 'c.pub'] }],
    [
      '-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----',
      { pems: ['-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----'], paths: [] }
    ],
    [
      'x.pub -----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY----- y.pub',
      { pems: ['-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----'], paths: ['x.pub', 'y.pub'] }
    ]
  ])('splitKeySources(%j)', (text, expected) => {
    expect(splitKeySources(text)).toEqual(expected)
  })
})

describe('payloads', () => {
  // The example of secure-systems-lab/dsse protocol.md.
  test('DSSE pre-authentication encoding', () => {
    expect(preAuthEncoding('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe(
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world'
    )
    // Lengths are in bytes, not characters.
    expect(preAuthEncoding('t', Buffer.from('é')).toString()).toBe('DSSEv1 1 t 2 é')
  })

  test.each<[string, Buffer, string[] | string]>([
    ['cosign payload', simpleSigningPayload(D), [D]],
    [
      'atomic type',
      Buffer.from(
        JSON.stringify({ critical: { type: 'atomic container signature', image: { 'docker-manifest-digest': D } } })
      ),
      [D]
    ],
    ['not JSON', Buffer.from('{'), 'not a simple-signing document'],
    ['an array', Buffer.from('[]'), 'not a simple-signing document'],
    [
      'another type',
      Buffer.from(JSON.stringify({ critical: { type: 'x', image: { 'docker-manifest-digest': D } } })),
      'critical.type is "x"'
    ],
    [
      'no digest',
      Buffer.from(JSON.stringify({ critical: { type: 'cosign container image signature', image: {} } })),
      'no valid critical.image.docker-manifest-digest'
    ],
    ['an uppercase digest', simpleSigningPayload(D.toUpperCase()), 'no valid'],
    [
      'a digest as a number',
      Buffer.from(
        JSON.stringify({
          critical: { type: 'cosign container image signature', image: { 'docker-manifest-digest': 1 } }
        })
      ),
      'no valid'
    ]
  ])('simple signing: %s', (_name, bytes, expected) => {
    const m = simpleSigningSubjects(bytes)
    if (typeof expected === 'string') expect(m).toEqual({ ok: false, reason: expect.stringContaining(expected) })
    else expect(m).toEqual({ ok: true, subjects: expected })
  })

  const withSubjects = (subject: unknown, extra: object = {}): Buffer =>
    Buffer.from(
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject,
        predicateType: 'https://slsa.dev/provenance/v1',
        predicate: {},
        ...extra
      })
    )
  test.each<[string, string, Buffer, string[] | string]>([
    ['one subject', 'application/vnd.in-toto+json', statement([D], 'https://slsa.dev/provenance/v1'), [D]],
    ['two subjects', 'application/vnd.in-toto+json', statement([D, E], 'https://slsa.dev/provenance/v1'), [D, E]],
    [
      'v0.1 statement',
      'application/vnd.in-toto+json',
      withSubjects([{ digest: { sha256: 'a'.repeat(64) } }], { _type: 'https://in-toto.io/Statement/v0.1' }),
      [D]
    ],
    [
      'several algorithms, unknown ones ignored',
      'application/vnd.in-toto+json',
      withSubjects([{ digest: { sha1: 'abc', sha256: 'a'.repeat(64), gitCommit: 'x' } }]),
      [D]
    ],
    ['a short hex ignored', 'application/vnd.in-toto+json', withSubjects([{ digest: { sha256: 'abc' } }]), []],
    [
      'a subject that is not an object ignored',
      'application/vnd.in-toto+json',
      withSubjects(['x', null, { digest: 'x' }]),
      []
    ],
    ['another payload type', 'application/json', statement([D], 'x'), 'payload type is "application/json"'],
    ['not a statement', 'application/vnd.in-toto+json', Buffer.from('{"_type":"x"}'), '_type is "x"'],
    ['no predicate type', 'application/vnd.in-toto+json', withSubjects([], { predicateType: '' }), 'no predicateType'],
    ['no subject list', 'application/vnd.in-toto+json', withSubjects({}), 'no subject list'],
    ['not JSON', 'application/vnd.in-toto+json', Buffer.from('nope'), 'not a JSON object']
  ])('in-toto: %s', (_name, type, bytes, expected) => {
    const m = statementSubjects(type, bytes)
    if (typeof expected === 'string') expect(m).toEqual({ ok: false, reason: expect.stringContaining(expected) })
    else expect(m).toMatchObject({ ok: true, subjects: expected })
  })

  test.each([
    ['[]', 'not a JSON object'],
    ['{"payloadType":"t"}', 'no payloadType or payload'],
    ['{"payloadType":"t","payload":"","signatures":[]}', 'no signatures'],
    ['{"payloadType":"t","payload":"","signatures":"x"}', 'no signatures']
  ])('envelope %s is refused', (text, reason) => {
    expect(parseEnvelope(Buffer.from(text))).toEqual({ reason: expect.stringContaining(reason) })
  })
})
