// notation-trust-policy and notation-trust-store as inputs: both or neither, one line each, kept as written.
import { describe, expect, test } from '@jest/globals'
import { InputError, readInputs } from '../../../src/gate/inputs.js'
import { inputRuleSet } from '../../../src/gate/run.js'

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
