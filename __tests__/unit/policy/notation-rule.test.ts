// The signature rule and Notation signers: a verified Notation signature counts when the requirement takes
// Notation (any statement, or the named ones); what was found is said when it does not.
import { describe, expect, test } from '@jest/globals'
import { acceptsNotation, acceptsSigner, checkSignature, describeSigner } from '../../../src/policy/rules/trust.js'
import type { SignatureRequirement } from '../../../src/policy/types.js'
import type { SignatureFact, Signer } from '../../../src/model/trust.js'
import { D, subject } from './facts.js'

const GH = 'https://token.actions.githubusercontent.com'
const notary: Signer = { kind: 'notation', subject: 'C=US, ST=WA, O=Acme, CN=Builder', policy: 'acme', level: 'strict' }
const req = (notation?: SignatureRequirement['notation']): SignatureRequirement => ({
  keys: [],
  identities: [],
  issuer: GH,
  ...(notation ? { notation } : {})
})
const fact = (f: Partial<SignatureFact> = {}): SignatureFact => ({
  place: 'referrers API',
  format: 'Notation signature (JWS)',
  manifest: D(9),
  verified: true,
  signer: notary,
  subjects: [D(1)],
  ...f
})
function image(signatures: SignatureFact[]) {
  const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }])
  s.facts.trust = { top: { digest: D(1), looked: ['referrers API'], signatures }, platforms: [], claims: [] }
  return s
}

describe('acceptsNotation / acceptsSigner', () => {
  test.each<[string, SignatureRequirement['notation'], Signer | undefined, boolean]>([
    ['any statement', {}, notary, true],
    ['the named statement', { policies: ['acme'] }, notary, true],
    ['another statement', { policies: ['tools'] }, notary, false],
    ['no Notation in the requirement', undefined, notary, false],
    ['a key signer', {}, { kind: 'key', fingerprint: 'SHA256:x' }, false],
    ['no signer', {}, undefined, false]
  ])('%s', (_, notation, signer, accepted) => {
    expect(acceptsNotation(notation, signer)).toBe(accepted)
    expect(acceptsSigner(req(notation), signer)).toBe(accepted)
  })
})

describe('checkSignature with Notation', () => {
  test('a verified Notation signature over the digest satisfies a requirement that takes Notation', () => {
    expect(checkSignature(image([fact()]), req({}))).toEqual([])
  })

  test('from another statement than the rule names: said as found, with whom the rule accepts', () => {
    expect(checkSignature(image([fact()]), req({ policies: ['tools'] }))).toEqual([
      {
        message: `no accepted signature for ${D(1)}: Notation signature (JWS) in referrers API is signed by Notation certificate C=US, ST=WA, O=Acme, CN=Builder (trust policy acme), but that is not an accepted signer (accepted: Notation signatures of trust policy tools)`
      }
    ])
  })

  test('a refused Notation signature is a bad signature with its reason', () => {
    const [v] = checkSignature(
      image([fact({ verified: false, subjects: [], reason: 'the signature expired at 2020-01-01T00:00:00.000Z' })]),
      req({})
    )
    expect(v!.message).toBe(
      `no accepted signature for ${D(1)}: bad signature: Notation signature (JWS) in referrers API: the signature expired at 2020-01-01T00:00:00.000Z`
    )
  })

  test('describeSigner names the subject and the trust policy', () => {
    expect(describeSigner(notary)).toBe('Notation certificate C=US, ST=WA, O=Acme, CN=Builder (trust policy acme)')
  })
})
