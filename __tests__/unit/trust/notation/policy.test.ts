// The trust policy and trust store as Notation lays them out: what is refused (an input error naming the file and
// the problem) and which statement applies to an image.
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GateError } from '../../../../src/core/errors.js'
import {
  buildTrustStores,
  missingStore,
  parseDistinguishedName,
  parseTrustPolicy,
  selectTrustPolicy,
  trustPolicyNamed
} from '../../../../src/trust/notation/policy.js'

const FIXTURES = join(import.meta.dirname, '../../../fixtures/notation/notation-go/verifier/testdata/truststore/x509')

const good = {
  name: 'acme',
  registryScopes: ['registry.acme.io/app'],
  signatureVerification: { level: 'strict' },
  trustStores: ['ca:acme'],
  trustedIdentities: ['x509.subject: C=US, ST=WA, O=Acme']
}
const doc = (...trustPolicies: unknown[]) => JSON.stringify({ version: '1.0', trustPolicies })

describe('parseTrustPolicy refuses', () => {
  test.each<[string, string, string]>([
    ['not JSON', '{', 'is not JSON'],
    ['another version', JSON.stringify({ version: '2.0', trustPolicies: [good] }), 'version "2.0" is not "1.0"'],
    ['no statements', doc(), 'trustPolicies is missing or empty'],
    ['an unknown top-level key', JSON.stringify({ version: '1.0', trustPolicies: [good], x: 1 }), 'unknown key "x"'],
    ['a statement with no name', doc({ ...good, name: '' }), 'trustPolicies[0] has no name'],
    [
      'two statements of one name',
      doc(good, { ...good, registryScopes: ['a.io/b'] }),
      'two trust policies are named "acme"'
    ],
    [
      'a scope in two statements',
      doc(good, { ...good, name: 'b' }),
      'the registry scope "registry.acme.io/app" is in both "acme" and "b"'
    ],
    [
      'two "*" statements',
      doc({ ...good, registryScopes: ['*'] }, { ...good, name: 'b', registryScopes: ['*'] }),
      'the registry scope "*" is in both'
    ],
    ['"*" beside a scope', doc({ ...good, registryScopes: ['*', 'a.io/b'] }), '"*" must stand alone'],
    ['no scopes', doc({ ...good, registryScopes: [] }), 'registryScopes is empty'],
    [
      'a scope with a tag',
      doc({ ...good, registryScopes: ['a.io/b:1'] }),
      'registry scope "a.io/b:1" is not registry/repository'
    ],
    [
      'a scope with a wildcard',
      doc({ ...good, registryScopes: ['a.io/*'] }),
      'registry scope "a.io/*" is not registry/repository'
    ],
    ['a scope with no repository', doc({ ...good, registryScopes: ['a.io'] }), 'registry scope "a.io" is not'],
    // It would never match docker.io/library/alpine, and the image would fall to "*", whatever that trusts.
    [
      'a Docker Hub scope without its namespace',
      doc({ ...good, registryScopes: ['docker.io/alpine'] }),
      'registry scope "docker.io/alpine" names a Docker Hub repository without its namespace: write docker.io/library/alpine'
    ],
    [
      'a Docker Hub alias scope without its namespace',
      doc({ ...good, registryScopes: ['index.docker.io/alpine'] }),
      'write docker.io/library/alpine'
    ],
    [
      'an unknown level',
      doc({ ...good, signatureVerification: { level: 'lax' } }),
      'level "lax" is not strict, permissive, audit or skip'
    ],
    [
      'no signatureVerification',
      doc({ ...good, signatureVerification: undefined }),
      'signatureVerification is missing'
    ],
    [
      'skip with stores',
      doc({ ...good, signatureVerification: { level: 'skip' } }),
      'the level skip takes no trustStores'
    ],
    [
      'skip on "*"',
      doc({ name: 's', registryScopes: ['*'], signatureVerification: { level: 'skip' } }),
      'the level skip may not be used with the registry scope "*"'
    ],
    ['no trust stores', doc({ ...good, trustStores: [] }), 'trustStores and trustedIdentities must both be given'],
    ['no identities', doc({ ...good, trustedIdentities: [] }), 'trustStores and trustedIdentities must both be given'],
    ['a store without a type', doc({ ...good, trustStores: ['acme'] }), 'trust store "acme" is not type:name'],
    ['a store of an unknown type', doc({ ...good, trustStores: ['x509:acme'] }), 'has the type "x509"'],
    ['a store name with a slash', doc({ ...good, trustStores: ['ca:a/b'] }), 'has a name outside'],
    ['only a tsa store', doc({ ...good, trustStores: ['tsa:t'] }), 'names only tsa stores'],
    [
      '"*" beside an identity',
      doc({ ...good, trustedIdentities: ['*', 'x509.subject: C=US, ST=WA, O=A'] }),
      '"*" must stand alone'
    ],
    ['an identity of another kind', doc({ ...good, trustedIdentities: ['email: a@b'] }), 'is not "*" or "x509.subject'],
    [
      'an identity without ST',
      doc({ ...good, trustedIdentities: ['x509.subject: C=US, O=Acme, CN=Builder'] }),
      'has no ST'
    ],
    [
      'an identity naming C twice',
      doc({ ...good, trustedIdentities: ['x509.subject: C=US, C=CA, ST=WA, O=A'] }),
      'names C twice'
    ],
    [
      'an identity attribute with no value',
      doc({ ...good, trustedIdentities: ['x509.subject: C=US, ST=, O=A'] }),
      '"ST=" is not TYPE=value'
    ],
    [
      'an override of integrity',
      doc({ ...good, signatureVerification: { level: 'strict', override: { integrity: 'log' } } }),
      'cannot change integrity'
    ],
    [
      'an override skipping authenticity',
      doc({ ...good, signatureVerification: { level: 'audit', override: { authenticity: 'skip' } } }),
      'cannot skip authenticity'
    ],
    [
      'an override of an unknown check',
      doc({ ...good, signatureVerification: { level: 'audit', override: { speed: 'log' } } }),
      'names "speed"'
    ],
    [
      'verifyTimestamp of another word',
      doc({ ...good, signatureVerification: { level: 'strict', verifyTimestamp: 'never' } }),
      'verifyTimestamp "never"'
    ],
    ['an unknown statement key', doc({ ...good, trustedIdentity: ['*'] }), 'unknown key "trustedIdentity"']
  ])('%s', (_, text, message) => {
    let error: unknown
    try {
      parseTrustPolicy(text, 'policies/trustpolicy.json')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(GateError)
    expect((error as GateError).code).toBe('input')
    expect((error as GateError).message).toMatch(/^notation-trust-policy policies\/trustpolicy.json: /)
    expect((error as GateError).message).toContain(message)
  })
})

describe('selectTrustPolicy', () => {
  const policy = parseTrustPolicy(
    doc(
      { ...good, name: 'wildcard', registryScopes: ['*'] },
      good,
      { ...good, name: 'hub', registryScopes: ['index.docker.io/library/alpine', 'localhost:5000/app'] },
      { name: 'legacy', registryScopes: ['registry.acme.io/legacy'], signatureVerification: { level: 'skip' } }
    ),
    'trustpolicy.json'
  )
  test.each<[string, string, string]>([
    ['registry.acme.io', 'app', 'acme'],
    ['registry.acme.io', 'app/sub', 'wildcard'],
    ['registry.acme.io', 'legacy', 'legacy'],
    ['docker.io', 'library/alpine', 'hub'],
    ['localhost:5000', 'app', 'hub'],
    ['ghcr.io', 'acme/app', 'wildcard']
  ])('%s/%s: %s (an exact scope wins over "*"; Docker Hub aliases are docker.io)', (registry, repository, name) => {
    expect(selectTrustPolicy(policy, registry, repository)?.name).toBe(name)
  })

  test('no statement applies without "*"', () => {
    expect(selectTrustPolicy(parseTrustPolicy(doc(good), 'p'), 'ghcr.io', 'acme/app')).toBeUndefined()
  })

  test('a statement by name', () => {
    expect(trustPolicyNamed(policy, 'legacy')?.level).toBe('skip')
    expect(trustPolicyNamed(policy, 'nope')).toBeUndefined()
  })

  test('the levels table and overrides', () => {
    const p = parseTrustPolicy(
      doc({
        ...good,
        signatureVerification: { level: 'permissive', override: { expiry: 'enforce', revocation: 'skip' } }
      }),
      'p'
    ).statements[0]!
    expect(p.checks).toEqual({
      integrity: 'enforce',
      authenticity: 'enforce',
      authenticTimestamp: 'log',
      expiry: 'enforce',
      revocation: 'skip'
    })
    expect(p.verifyTimestamp).toBe('always')
  })
})

describe('parseDistinguishedName', () => {
  test.each<[string, unknown]>([
    [
      'C=US, ST=WA, O=Acme',
      [
        ['C', 'US'],
        ['ST', 'WA'],
        ['O', 'Acme']
      ]
    ],
    [
      'O=Acme\\, Inc., C=US',
      [
        ['O', 'Acme, Inc.'],
        ['C', 'US']
      ]
    ],
    [
      'CN=a+OU=b',
      [
        ['CN', 'a'],
        ['OU', 'b']
      ]
    ],
    ['c=us', [['C', 'us']]],
    ['C', { problem: '"C" is not TYPE=value' }]
  ])('%s', (text, want) => {
    expect(parseDistinguishedName(text)).toEqual(want)
  })
})

describe('buildTrustStores', () => {
  const file = (path: string) => readFileSync(join(FIXTURES, path))
  test("notation-go's trust store files: PEM and DER, ca and tsa stores; files outside the layout ignored", () => {
    const stores = buildTrustStores(
      [
        { path: 'x509/ca/valid/NotationTestRoot.pem', bytes: file('ca/valid-trust-store/NotationTestRoot.pem') },
        { path: 'x509/ca/valid/wabbit-networks.io.crt', bytes: file('ca/valid-trust-store/wabbit-networks.io.crt') },
        { path: 'x509/tsa/ts/globalsignRoot.cer', bytes: file('tsa/test-timestamp/globalsignRoot.cer') },
        { path: 'x509/ca/valid/README.md', bytes: Buffer.from('not a certificate') },
        { path: 'trustpolicy.json', bytes: Buffer.from('{}') }
      ],
      'truststore'
    )
    expect([...stores.keys()]).toEqual(['ca:valid', 'tsa:ts'])
    expect(stores.get('ca:valid')!.map(c => c.subject)).toEqual([
      'C=US, ST=WA, L=Seattle, O=Notary, CN=Notation Test Root',
      'C=US, ST=WA, L=Seattle, O=Notary, CN=wabbit-networks.io'
    ])
  })

  test.each<[string, string, Buffer, string]>([
    ['a file that is not a certificate', 'x509/ca/a/x.pem', Buffer.from('hello'), 'not a PEM or DER certificate'],
    [
      'a self-signed leaf in a tsa store',
      'x509/tsa/a/leaf.crt',
      readFileSync(join(FIXTURES, 'ca/valid-trust-store/wabbit-networks.io.crt')),
      'is not a self-signed root CA'
    ]
  ])('%s is an input error naming the file', (_, path, bytes, message) => {
    expect(() => buildTrustStores([{ path, bytes }], 'truststore')).toThrow(
      new RegExp(`^notation-trust-store truststore/${path.replace(/\./g, '\\.')}: .*${message}`)
    )
  })

  test('a statement naming a store that holds nothing', () => {
    const p = parseTrustPolicy(doc(good), 'p').statements[0]!
    expect(missingStore(p, new Map())).toBe(
      'trust policy "acme" names the trust store ca:acme, which holds no certificate'
    )
  })
})
