// notation-trust-policy and notation-trust-store as inputs: both or neither, one line each, kept as written.
import { describe, expect, test } from '@jest/globals'
import { InputError, readInputs } from '../../../src/gate/inputs.js'
import { inputRuleSet, policyCountsNotation } from '../../../src/gate/run.js'
import { checkNotationRules } from '../../../src/gate/trusted-files.js'
import type { Policy } from '../../../src/policy/loader.js'
import type { NotationMaterial } from '../../../src/trust/notation/index.js'
import type { NamedSigner, RuleSet } from '../../../src/policy/types.js'

const get = (values: Record<string, string>) => (name: string) => values[name] ?? ''

describe('notation inputs', () => {
  test('both given: kept as written (trimmed), and the inputs rule set requires a signature Notation may give', () => {
    const i = readInputs(
      get({
        images: 'alpine',
        'notation-trust-policy': ' base:.github/notation/trustpolicy.json ',
        'notation-trust-store': 'github:acme/policies/notation/store@main'
      })
    )
    expect(i.notationTrustPolicy).toBe('base:.github/notation/trustpolicy.json')
    expect(i.notationTrustStore).toBe('github:acme/policies/notation/store@main')
    expect(inputRuleSet(i).signature).toEqual({
      keys: [],
      identities: [],
      issuer: 'https://token.actions.githubusercontent.com',
      notation: {}
    })
  })

  test('neither: no Notation, and no signature rule from it', () => {
    const i = readInputs(get({ images: 'alpine' }))
    expect(i.notationTrustPolicy).toBeUndefined()
    expect(inputRuleSet(i).signature).toBeUndefined()
  })

  test.each<[Record<string, string>, RegExp]>([
    [
      { 'notation-trust-policy': 'p.json' },
      /^Input "notation-trust-policy" is "p.json", but "notation-trust-store" is empty/
    ],
    [
      { 'notation-trust-store': 'store' },
      /^Input "notation-trust-store" is "store", but "notation-trust-policy" is empty/
    ],
    [
      { 'notation-trust-policy': 'a.json\nb.json', 'notation-trust-store': 's' },
      /^Input "notation-trust-policy" holds more than one line/
    ]
  ])('%j is an input error', (values, message) => {
    let error: unknown
    try {
      readInputs(get({ images: 'alpine', ...values }))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(message)
  })
})

describe('when the policy file counts Notation signatures itself', () => {
  const both = { images: 'alpine', 'notation-trust-policy': 'trustpolicy.json', 'notation-trust-store': 'store' }
  const key: NamedSigner = { name: 'release', kind: 'key', keys: [] }
  test.each<[string, RuleSet[], boolean]>([
    ['no rule set', [], false],
    ['a rule without signatures', [{ source: 'p', maxAge: { seconds: 1, text: '1s' } }], false],
    ['keys only', [{ source: 'p', signature: { keys: [], identities: ['x'], issuer: 'i' } }], false],
    ['a quorum of keys', [{ source: 'p', quorum: { signers: [key], threshold: 1, required: [] } }], false],
    [
      "a rule's notation-trust-policy: true",
      [{ source: 'p', signature: { keys: [], identities: [], issuer: '', notation: {} } }],
      true
    ],
    [
      'a quorum with a notation signer, after another rule',
      [
        { source: 'a' },
        {
          source: 'b',
          quorum: {
            signers: [key, { name: 'images', kind: 'notation', trustPolicy: 'acme' }],
            threshold: 1,
            required: []
          }
        }
      ],
      true
    ]
  ])('%s', (_, ruleSets, counts) => {
    expect(policyCountsNotation(ruleSets)).toBe(counts)
  })

  test('the input is no requirement of its own: a quorum of a key or a statement, threshold 1, decides alone', () => {
    expect(inputRuleSet(readInputs(get(both)), [], true).signature).toBeUndefined()
    // Without such a rule, the input still requires a signature Notation may give.
    expect(inputRuleSet(readInputs(get(both)), [], false).signature?.notation).toEqual({})
  })

  test('beside signature-identities, the inputs still require a signature, and a Notation one still satisfies it', () => {
    const i = readInputs(get({ ...both, 'signature-identities': 'https://github.com/acme/*' }))
    expect(inputRuleSet(i, [], true).signature).toEqual({
      keys: [],
      identities: ['https://github.com/acme/*'],
      issuer: 'https://token.actions.githubusercontent.com',
      notation: {}
    })
  })
})

describe('statement names in the policy file, against the trust policy', () => {
  const material = (names: string[]) =>
    ({
      policy: { file: 'trustpolicy.json', statements: names.map(name => ({ name })) },
      stores: new Map()
    }) as unknown as NotationMaterial
  const quorum = (...signers: NamedSigner[]): RuleSet => ({
    source: 'policy.yml rules[0] (line 2)',
    quorum: { signers, threshold: 1, required: [] }
  })
  const release: NamedSigner = { name: 'release', kind: 'key', keys: [] }
  const images: NamedSigner = { name: 'images', kind: 'notation', trustPolicy: 'acme' }
  const policyOf = (...ruleSets: RuleSet[]): Policy => ({ ruleSets, exceptions: [] }) as unknown as Policy
  test.each<[string, Policy, NotationMaterial | undefined, string | undefined]>([
    ['a key quorum needs no trust policy', policyOf(quorum(release)), undefined, undefined],
    ['a notation signer naming a statement there is', policyOf(quorum(release, images)), material(['acme']), undefined],
    [
      'a notation signer naming a statement there is not',
      policyOf(quorum(release, { ...images, trustPolicy: 'nope' })),
      material(['acme', 'tools']),
      'policy.yml rules[0] (line 2): signer images names "nope", which is no statement of trustpolicy.json (its statements: acme, tools)'
    ],
    [
      'a notation signer without the input',
      policyOf(quorum(release, images)),
      undefined,
      'policy.yml rules[0] (line 2): signer images counts Notation signatures, but the input "notation-trust-policy" is not given'
    ],
    [
      "the rule's own notation-trust-policy is checked beside its signers",
      policyOf({
        ...quorum(images),
        signature: { keys: [], identities: [], issuer: '', notation: { policies: ['gone'] } }
      }),
      material(['acme']),
      'policy.yml rules[0] (line 2): notation-trust-policy names "gone", which is no statement of trustpolicy.json (its statements: acme)'
    ],
    [
      'a second rule set is checked too',
      policyOf(quorum(release), quorum({ ...images, name: 'img2', trustPolicy: 'other' })),
      material(['acme']),
      'signer img2 names "other"'
    ]
  ])('%s', (_, policy, notation, error) => {
    const run = () => checkNotationRules(policy, notation)
    if (error === undefined) expect(run).not.toThrow()
    else {
      expect(run).toThrow(InputError)
      expect(run).toThrow(error)
    }
  })
})
