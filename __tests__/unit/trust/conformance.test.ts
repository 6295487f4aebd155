// The verification cases of sigstore/sigstore-conformance, test/assets/bundle-verify/ (commit a73de49), ported as data:
// each case's files (bundle.sigstore.json, and artifact, identity, issuer, key.pub, trusted_root.json where it has
// them) are kept verbatim under __tests__/fixtures/sigstore/conformance/<case>/, with the shared a.txt. As the suite
// defines them: the artifact defaults to a.txt; for a DSSE envelope the artifact is the statement's subject; the
// identity and issuer default to the suite's beacon workflow on GitHub; a case with key.pub is verified with that key;
// a case without trusted_root.json uses the public-good production root (here: the one the action ships); a case
// whose name ends in `_fail` must not verify. The table adds what our verifier must say when it refuses.
import { describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  type BundleOutcome,
  TrustRootError,
  loadTrustedRoot,
  parseBundle,
  verifyBundle
} from '../../../src/trust/verify.js'

const DIR = '__tests__/fixtures/sigstore/conformance'
const IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main'
const ISSUER = 'https://token.actions.githubusercontent.com'

/** case → 'verifies', or the start of the reason it is refused with. */
const CASES: [string, string][] = [
  ['bundle-empty-certificate-chain_fail', 'malformed Sigstore bundle v0.1'],
  ['bundle-from-wrong-instance_fail', 'the certificate does not verify against the'],
  ['bundle-invalid-base64-signature_fail', 'the transparency-log inclusion promise does not'],
  ['bundle-malformed-json_fail', 'the bundle is not JSON'],
  ['bundle-negative-log-index_fail', 'the transparency-log inclusion promise does not'],
  ['bundle-unknown-version_fail', 'unsupported Sigstore bundle version'],
  ['bundle-with-root-cert_fail', 'malformed or inconsistent verification material'],
  ['bundle-with-sct-with-extensions', 'verifies'],
  ['checkpoint-bad-keyhint_fail', 'the transparency-log inclusion proof does not'],
  ['checkpoint-wrong-roothash_fail', 'the transparency-log inclusion proof does not'],
  ['dsse-invalid-sig_fail', 'the transparency-log entry is for other content'],
  ['dsse-mismatch-envelope_fail', 'the transparency-log entry is for other content'],
  ['dsse-mismatch-sig_fail', 'the transparency-log entry is for other content'],
  ['happy-path-intoto-in-dsse-v3', 'verifies'],
  ['happy-path-v0.1', 'verifies'],
  ['happy-path-v0.2', 'verifies'],
  ['happy-path-v0.3', 'verifies'],
  ['happy-path-v0.3-new-mediaType', 'verifies'],
  ['inclusion-proof-corrupted-hash_fail', 'the transparency-log inclusion proof does not'],
  ['incorrect-public-key_fail', 'the transparency-log inclusion promise does not'],
  ['integrated-time-in-future_fail', 'the signing certificate was used outside its'],
  ['intoto-expired-certificate_fail', 'the signing certificate was used outside its'],
  ['intoto-log-entry-mismatch_fail', 'the transparency-log entry is for other content'],
  ['intoto-missing-inclusion-proof_fail', 'malformed Sigstore bundle v0.2'],
  ['intoto-set-outside-signing-cert-validity_fail', 'the signing certificate was used outside its'],
  ['intoto-tsa-timestamp-outside-cert-validity_fail', 'the signing certificate was used outside its'],
  ['intoto-with-custom-trust-root', 'verifies'],
  ['invalid-checkpoint-signature_fail', 'the transparency-log inclusion proof does not'],
  ['invalid-ct-key_fail', 'the certificate does not verify against the'],
  ['invalid-inclusion-proof_fail', 'malformed Sigstore bundle v0.2'],
  ['managed-key-and-trusted-root', 'verifies'],
  ['managed-key-happy-path', 'verifies'],
  ['managed-key-no-key_fail', 'the bundle is signed with a public key, and'],
  ['managed-key-wrong-key_fail', 'the signature verifies with no key of'],
  ['message-digest-mismatch_fail', "the bundle's message digest is not the sha256 of"],
  ['rekor2-checkpoint-cosigned', 'verifies'],
  ['rekor2-checkpoint-missing-log-signature_fail', 'the transparency-log inclusion proof does not'],
  ['rekor2-checkpoint-missing-origin_fail', 'the transparency-log inclusion proof does not'],
  ['rekor2-checkpoint-missing-root-hash_fail', 'the transparency-log inclusion proof does not'],
  ['rekor2-checkpoint-missing-size_fail', 'the transparency-log inclusion proof does not'],
  ['rekor2-checkpoint-multiple-cosigs', 'verifies'],
  ['rekor2-checkpoint-no-matching-signature_fail', 'the transparency-log inclusion proof does not'],
  ['rekor2-checkpoint-origin-not-first', 'verifies'],
  ['rekor2-checkpoint-two-sigs-cosigned', 'verifies'],
  ['rekor2-checkpoint-two-sigs-from-origin', 'verifies'],
  ['rekor2-dsse-happy-path', 'verifies'],
  ['rekor2-dsse-invalid-sig_fail', 'the transparency-log entry is for other content'],
  ['rekor2-dsse-mismatch-envelope_fail', 'the transparency-log entry is for other content'],
  ['rekor2-dsse-mismatch-sig_fail', 'the transparency-log entry is for other content'],
  ['rekor2-happy-path', 'verifies'],
  ['rekor2-no-inclusion-proof_fail', 'malformed Sigstore bundle v0.3'],
  ['rekor2-no-timestamp_fail', 'no verified time'],
  ['rekor2-timestamp-outside-trust-root-tsa-validity_fail', 'no verified time'],
  ['rekor2-timestamp-outside-tsa-cert-validity_fail', 'no verified time'],
  ['rekor2-timestamp-payload-mismatch_fail', 'no verified time'],
  ['rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail', 'no verified time'],
  ['rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail', 'no verified time'],
  ['rekor2-timestamp-with-embedded-cert', 'verifies'],
  ['rekor2-timestamp-with-expired-cert-chain', 'verifies'],
  ['rekor2-timestamp-with-incorrect-time_fail', 'the signing certificate was used outside its'],
  ['rekor2-timestamp-without-embedded-cert', 'verifies'],
  ['set-invalid-signature_fail', 'the transparency-log inclusion promise does not'],
  ['signature-mismatch_fail', 'the transparency-log entry is for other content'],
  ['trust-root-tlog-missing-validity-start_fail', 'has no validFor.start'],
  ['trust-root-tlog-validity-end-inclusive', 'verifies'],
  ['trust-root-tsa-validity-end-inclusive', 'verifies'],
  ['wrong-hashedrekord-artifact_fail', 'the transparency-log entry is for other content'],
  ['wrong-hashedrekord-cert-and-sig_fail', 'the transparency-log entry is for other content'],
  ['wrong-hashedrekord-entry_fail', 'the transparency-log entry is for other content'],
  ['wrong-material_fail', "the bundle's message digest is not the sha256 of"]
]

/** Verifies one case as the conformance suite does; the DSSE subject check stands in for the caller's payload check. */
function run(name: string): { outcome: BundleOutcome; subjectMatches?: boolean } {
  const file = (f: string): Buffer | undefined =>
    existsSync(join(DIR, name, f)) ? readFileSync(join(DIR, name, f)) : undefined
  const artifact = file('artifact') ?? readFileSync(join(DIR, 'a.txt'))
  const key = file('key.pub')?.toString('utf8')
  const policy = {
    keys: key === undefined ? [] : [{ pem: key, fingerprint: 'key.pub' }],
    identities: [file('identity')?.toString('utf8').trim() ?? IDENTITY],
    issuer: file('issuer')?.toString('utf8').trim() ?? ISSUER
  }
  const rootText = file('trusted_root.json')?.toString('utf8')
  const root =
    rootText === undefined ? loadTrustedRoot() : loadTrustedRoot({ path: `${name}/trusted_root.json`, text: rootText })
  const parsed = parseBundle(file('bundle.sigstore.json') ?? Buffer.alloc(0))
  const outcome = parsed.ok ? verifyBundle(parsed.bundle, artifact, policy, root) : parsed.outcome
  if (!outcome.verified || outcome.content.kind !== 'dsse') return { outcome }
  const sha256 = createHash('sha256').update(artifact).digest('hex')
  const subjects =
    (JSON.parse(outcome.content.payload.toString('utf8')) as { subject?: { digest?: { sha256?: string } }[] })
      .subject ?? []
  return { outcome, subjectMatches: subjects.some(s => s.digest?.sha256 === sha256) }
}

describe('sigstore-conformance bundle-verify cases', () => {
  test('the table names every case kept under fixtures', () => {
    const dirs = readdirSync(DIR)
      .filter(n => n !== 'a.txt')
      .sort()
    expect(CASES.map(([n]) => n).sort()).toEqual(dirs)
  })

  test.each(CASES)('%s → %s', (name, expected) => {
    let result: ReturnType<typeof run>
    try {
      result = run(name)
    } catch (e) {
      // A malformed trusted root is refused when it is loaded, with the input named.
      expect(e).toBeInstanceOf(TrustRootError)
      expect(name.endsWith('_fail')).toBe(true)
      expect((e as Error).message).toContain(expected)
      return
    }
    const { outcome, subjectMatches } = result
    if (expected === 'verifies') {
      expect(name.endsWith('_fail')).toBe(false)
      expect(outcome).toMatchObject({ verified: true, accepted: true })
      if (subjectMatches !== undefined) expect(subjectMatches).toBe(true)
    } else {
      expect(name.endsWith('_fail')).toBe(true)
      if (outcome.verified) throw new Error(`${name} verified: ${JSON.stringify(outcome.signer)}`)
      expect(outcome.reason.startsWith(expected)).toBe(true)
      expect(outcome.reason).not.toMatch(/Cannot read|undefined|is not a function|\n/)
    }
  })
})
