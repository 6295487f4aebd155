import { describe, expect, test } from '@jest/globals'
import { attestersOf, signerAttesters } from '../../../src/policy/attesters.js'
import { isAttester } from '../../../src/policy/rules/trust.js'
import { signedBy } from '../../../src/policy/rules/quorum.js'
import type { NamedSigner, RuleSet } from '../../../src/policy/types.js'
import type { SignatureFact, Signer } from '../../../src/model/trust.js'
import type { PublicKey } from '../../../src/trust/keys.js'
import { D } from './facts.js'

const GH = 'https://token.actions.githubusercontent.com'
const WF = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1'
const KEY = { fingerprint: 'SHA256:release' } as PublicKey
const OTHER = { fingerprint: 'SHA256:inputs' } as PublicKey

const signers: NamedSigner[] = [
  { name: 'release', kind: 'key', keys: [KEY] },
  { name: 'ci', kind: 'keyless', identity: 'https://github.com/acme/*/**', issuer: GH },
  { name: 'images', kind: 'notation', trustPolicy: 'acme' },
  { name: 'build', kind: 'provenance', repository: 'acme/app' }
]
const quorumOnly: RuleSet = { source: 'policy.yml rules[0] (line 2)', quorum: { signers, threshold: 1, required: [] } }

const sig = (signer: Signer, verified = true): SignatureFact => ({
  place: 'referrers API',
  format: 'DSSE',
  manifest: D(9),
  verified,
  signer,
  subjects: [D(1)]
})
const cert = (identity: string, repository = 'acme/app'): Signer => ({
  kind: 'certificate',
  certificate: { identity, issuer: GH, sourceRepository: `https://github.com/${repository}` }
})

describe('attestersOf: whose attestations count for the rule sets that apply to an image', () => {
  test("a quorum's signers, when they are the only signers: each as the requirement that accepts it", () => {
    expect(attestersOf([quorumOnly])).toEqual({
      signature: [
        { keys: [KEY], identities: [], issuer: '' },
        { keys: [], identities: ['https://github.com/acme/*/**'], issuer: GH },
        { keys: [], identities: [], issuer: '', notation: { policies: ['acme'] } }
      ],
      provenance: [{ repositories: ['acme/app'] }]
    })
  })

  test('signature and provenance requirements first, then the quorums’ signers, rule set by rule set', () => {
    const inputs: RuleSet = {
      source: 'inputs',
      signature: { keys: [OTHER], identities: [], issuer: '' },
      provenance: { repositories: ['acme/*'] }
    }
    const a = attestersOf([inputs, quorumOnly])
    expect(a.signature.map(r => r.keys)).toEqual([[OTHER], [KEY], [], []])
    expect(a.provenance).toEqual([{ repositories: ['acme/*'] }, { repositories: ['acme/app'] }])
  })

  test('no rule set names a signer: none is accepted', () => {
    expect(attestersOf([{ source: 'inputs', maxAge: { seconds: 1, text: '1s' } } as RuleSet])).toEqual({
      signature: [],
      provenance: []
    })
  })

  test.each<[string, Signer, boolean]>([
    ['its key', { kind: 'key', fingerprint: KEY.fingerprint }, true],
    ['another key', { kind: 'key', fingerprint: OTHER.fingerprint }, false],
    ['a keyless identity the glob matches', cert(WF), true],
    [
      'GitHub Actions of the provenance signer’s repository, an identity the keyless glob does not match',
      cert('https://github.com/other/x/.github/workflows/a.yml@refs/heads/main', 'acme/app'),
      true
    ],
    [
      'a keyless identity it does not',
      cert('https://github.com/evil/app/.github/workflows/a.yml@refs/heads/main', 'evil/app'),
      false
    ],
    ['the Notation trust policy', { kind: 'notation', subject: 'CN=B', policy: 'acme', level: 'strict' }, true],
    ['another Notation trust policy', { kind: 'notation', subject: 'CN=B', policy: 'other', level: 'strict' }, false]
  ])('a quorum signer is an attester exactly when it counts in the quorum: %s', (_n, signer, accepted) => {
    expect(isAttester(attestersOf([quorumOnly]), sig(signer))).toBe(accepted)
    expect(signers.some(n => signedBy(n, sig(signer)))).toBe(accepted)
    expect(signers.some(n => isAttester(signerAttesters(n), sig(signer)))).toBe(accepted)
  })
})
