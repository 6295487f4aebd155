import { beforeAll, afterAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkQuorum, judgeQuorum, quorumOutcome, quorumReports, signedBy } from '../../../src/policy/rules/quorum.js'
import { PolicyError, parsePolicy, referencedFiles } from '../../../src/policy/loader.js'
import { evaluateImage, trustSatisfied } from '../../../src/policy/evaluate.js'
import type { NamedSigner, QuorumRequirement, RuleSet } from '../../../src/policy/types.js'
import type { CertificateFacts, DigestTrust, SignatureFact, Signer } from '../../../src/model/trust.js'
import { testSigner } from '../../support/signing.js'
import { D, subject } from './facts.js'
import { loadAllChecks } from '../../../src/policy/rules/table.js'

// The checks some rules use are loaded with import() before evaluation, as a run loads them.
beforeAll(loadAllChecks)

const GH = 'https://token.actions.githubusercontent.com'
const RELEASE = testSigner()
const SECURITY = testSigner()
const QA = testSigner()
const STRANGER = testSigner()
const WF = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1'

const key = (s = RELEASE): Signer => ({ kind: 'key', fingerprint: s.publicKey.fingerprint })
const cert = (c: Partial<CertificateFacts> = {}): Signer => ({
  kind: 'certificate',
  certificate: { identity: WF, issuer: GH, sourceRepository: 'https://github.com/acme/app', ...c }
})
const sig = (signer: Signer, f: Partial<SignatureFact> = {}): SignatureFact => ({
  place: 'tag sha256-1.sig',
  format: 'cosign signature (simple signing)',
  manifest: D(9),
  verified: true,
  signer,
  subjects: [D(1)],
  ...f
})
const dt = (signatures: SignatureFact[], extra: Partial<DigestTrust> = {}): DigestTrust => ({
  digest: D(1),
  looked: ['referrers API', 'tag sha256-1.sig', 'tag sha256-1.att'],
  signatures,
  ...extra
})

const byKey = (name: string, s = RELEASE): NamedSigner => ({ name, kind: 'key', keys: [s.publicKey] })
const OTHER_WF = 'https://github.com/acme/lib/.github/workflows/release.yml@refs/tags/v1'
/** Two signers whose identity globs overlap: a signature of acme/app is either's, never both's. */
const overlapping: NamedSigner[] = [
  { name: 'acme', kind: 'keyless', identity: 'https://github.com/acme/**', issuer: GH },
  { name: 'app', kind: 'keyless', identity: 'https://github.com/acme/app/**', issuer: GH }
]
const three: NamedSigner[] = [byKey('release'), byKey('security', SECURITY), byKey('qa', QA)]
const q = (signers: NamedSigner[], threshold: number, required: string[] = []): QuorumRequirement => ({
  signers,
  threshold,
  required
})

describe('signedBy: is a verified signature this signer’s', () => {
  test.each<[string, NamedSigner, SignatureFact, boolean]>([
    ['its key', byKey('release'), sig(key()), true],
    ['another key', byKey('release'), sig(key(STRANGER)), false],
    [
      'a signer of two keys (rotation), the second',
      { name: 'r', kind: 'key', keys: [QA.publicKey, RELEASE.publicKey] },
      sig(key()),
      true
    ],
    ['its key, but the signature does not verify', byKey('release'), sig(key(), { verified: false }), false],
    ['a keyless identity, matched whole', { name: 'ci', kind: 'keyless', identity: WF, issuer: GH }, sig(cert()), true],
    [
      'a keyless glob',
      {
        name: 'ci',
        kind: 'keyless',
        identity: 'https://github.com/acme/app/.github/workflows/*.yml@refs/tags/*',
        issuer: GH
      },
      sig(cert()),
      true
    ],
    [
      'a prefix of the identity is another identity',
      { name: 'ci', kind: 'keyless', identity: 'https://github.com/acme/ap', issuer: GH },
      sig(cert()),
      false
    ],
    [
      'the identity from another issuer',
      { name: 'ci', kind: 'keyless', identity: WF, issuer: 'https://accounts.google.com' },
      sig(cert()),
      false
    ],
    ['a keyless signer is not a key', { name: 'ci', kind: 'keyless', identity: WF, issuer: GH }, sig(key()), false],
    [
      'GitHub Actions of the repository',
      { name: 'build', kind: 'provenance', repository: 'acme/app' },
      sig(cert()),
      true
    ],
    [
      'GitHub Actions of the repository, any predicate',
      { name: 'build', kind: 'provenance', repository: 'acme/app' },
      sig(cert(), { predicateType: 'https://spdx.dev/Document' }),
      true
    ],
    [
      'GitHub Actions of another repository',
      { name: 'build', kind: 'provenance', repository: 'acme/app' },
      sig(
        cert({
          sourceRepository: 'https://github.com/acme/other',
          identity: 'https://github.com/acme/other/.github/workflows/x.yml@refs/heads/main'
        })
      ),
      false
    ],
    [
      'the repository, but not from GitHub Actions',
      { name: 'build', kind: 'provenance', repository: 'acme/app' },
      sig(cert({ issuer: 'https://accounts.google.com' })),
      false
    ],
    [
      'a provenance signer is not a key',
      { name: 'build', kind: 'provenance', repository: 'acme/app' },
      sig(key()),
      false
    ],
    ['a Notation signer is not a key', { name: 'n', kind: 'notation', trustPolicy: 'acme' }, sig(key()), false],
    [
      'a Notation signer: the trust policy statement that verified it',
      { name: 'n', kind: 'notation', trustPolicy: 'acme' },
      sig({ kind: 'notation', subject: 'CN=Builder', policy: 'acme', level: 'strict' }),
      true
    ],
    [
      'a Notation signer: another statement',
      { name: 'n', kind: 'notation', trustPolicy: 'acme' },
      sig({ kind: 'notation', subject: 'CN=Builder', policy: 'other', level: 'strict' }),
      false
    ]
  ])('%s', (_name, signer, s, expected) => {
    expect(signedBy(signer, s)).toBe(expected)
  })
})

describe('judgeQuorum: distinct named signers of this digest', () => {
  test.each<[string, QuorumRequirement, DigestTrust, string | null]>([
    ['two keys of two signers reach 2', q(three, 2), dt([sig(key()), sig(key(SECURITY))]), null],
    [
      'one key twice counts once',
      q(three, 2),
      dt([sig(key()), sig(key(), { manifest: D(10), place: 'referrers API', format: 'Sigstore bundle v0.3' })]),
      `signature quorum not met for ${D(1)}: 1 of 2 required signers signed (release); missing: security, qa`
    ],
    [
      'the brief’s example',
      q(three, 3),
      dt([sig(key()), sig(key(SECURITY))]),
      '2 of 3 required signers signed (release, security); missing: qa'
    ],
    ['threshold 1 is any one of them', q(three, 1), dt([sig(key(QA))]), null],
    [
      'a required signer missing, the threshold met',
      q(three, 2, ['qa']),
      dt([sig(key()), sig(key(SECURITY))]),
      '2 of 2 required signers signed (release, security); missing: qa; qa is required and did not sign'
    ],
    ['the required signer and the threshold', q(three, 2, ['qa']), dt([sig(key()), sig(key(QA))]), null],
    [
      'keyless and key mixed',
      q([byKey('release'), { name: 'ci', kind: 'keyless', identity: WF, issuer: GH }], 2),
      dt([sig(cert()), sig(key())]),
      null
    ],
    [
      'a provenance signer with a key signer',
      q([byKey('release'), { name: 'build', kind: 'provenance', repository: 'acme/app' }], 2, ['build']),
      dt([
        sig(key()),
        sig(cert(), { predicateType: 'https://slsa.dev/provenance/v1', format: 'Sigstore bundle v0.3' })
      ]),
      null
    ],
    [
      'one certificate matched by two overlapping identity globs counts for one signer',
      q(overlapping, 2),
      dt([sig(cert())]),
      `signature quorum not met for ${D(1)}: 1 of 2 required signers signed (`
    ],
    [
      'one identity signing twice, matched by two overlapping globs, counts once',
      q(overlapping, 2),
      dt([sig(cert()), sig(cert(), { manifest: D(10), place: 'referrers API', format: 'Sigstore bundle v0.3' })]),
      `signature quorum not met for ${D(1)}: 1 of 2 required signers signed (`
    ],
    [
      'one certificate is a provenance signer and a keyless signer: it counts once',
      q(
        [
          { name: 'build', kind: 'provenance', repository: 'acme/app' },
          { name: 'ci', kind: 'keyless', identity: WF, issuer: GH }
        ],
        2
      ),
      dt([sig(cert(), { predicateType: 'https://slsa.dev/provenance/v1', format: 'Sigstore bundle v0.3' })]),
      `signature quorum not met for ${D(1)}: 1 of 2 required signers signed (`
    ],
    [
      'two identities under overlapping globs: each counts for the one signer it can be',
      q(overlapping, 2),
      dt([sig(cert()), sig(cert({ identity: OTHER_WF, sourceRepository: 'https://github.com/acme/lib' }))]),
      null
    ],
    [
      'a required signer is counted before one whose glob also takes its signature',
      q(overlapping, 1, ['app']),
      dt([sig(cert())]),
      null
    ],
    [
      'a signature taken by the required signer is not counted again for the other',
      q(overlapping, 2, ['app']),
      dt([sig(cert())]),
      `signature quorum not met for ${D(1)}: 1 of 2 required signers signed (app); missing: acme`
    ],
    [
      'a signer not in the list is named, and counts for nothing',
      q(three, 2),
      dt([sig(key()), sig(key(STRANGER))]),
      `1 of 2 required signers signed (release); missing: security, qa; also signed by signers not in the list: key ${STRANGER.publicKey.fingerprint}`
    ],
    [
      'signers not in the list: a few are named, the rest counted',
      q(three, 1),
      dt(
        Array.from({ length: 6 }, (_, i) =>
          sig(cert({ identity: `dev${i}@acme.example`, issuer: 'https://accounts.google.com' }))
        )
      ),
      'also signed by signers not in the list: dev0@acme.example (issuer https://accounts.google.com), dev1@acme.example (issuer https://accounts.google.com), dev2@acme.example (issuer https://accounts.google.com), dev3@acme.example (issuer https://accounts.google.com), and 2 more'
    ],
    [
      'a signature over another digest does not count',
      q(three, 2),
      dt([sig(key()), sig(key(SECURITY), { subjects: [D(2)] })]),
      `1 of 2 required signers signed (release); missing: security, qa; cosign signature (simple signing) in tag sha256-1.sig, signed by key ${SECURITY.publicKey.fingerprint}, is for another digest (${D(2)})`
    ],
    [
      'a bad signature does not count',
      q(three, 2),
      dt([sig(key()), sig(key(SECURITY), { verified: false, reason: 'it was altered' })]),
      'bad signature: cosign signature (simple signing) in tag sha256-1.sig: it was altered'
    ],
    [
      'nothing found says where it looked',
      q(three, 1),
      dt([]),
      `signature quorum not met for ${D(1)}: 0 of 1 required signer signed; missing: release, security, qa; no signature found (looked in referrers API, tag sha256-1.sig, tag sha256-1.att)`
    ],
    [
      'a discovery failure short of the quorum is could not check',
      q(three, 2),
      dt([sig(key())], { error: { host: 'ghcr.io', message: 'HTTP 503' } }),
      `could not check signature quorum of ${D(1)}: discovery failed on ghcr.io: HTTP 503; of what was read: 1 of 2 required signers signed (release)`
    ],
    [
      'a bound short of the quorum is could not check',
      q(three, 2),
      dt([sig(key())], { unread: ['more than 32 signature manifests in referrers API'] }),
      `could not check signature quorum of ${D(1)}: more than 32 signature manifests in referrers API`
    ],
    [
      'a quorum met is met, whatever failed beside it',
      q(three, 2),
      dt([sig(key()), sig(key(SECURITY))], { error: { host: 'ghcr.io', message: 'HTTP 503' } }),
      null
    ]
  ])('%s', (_name, quorum, facts, problem) => {
    const m = judgeQuorum(quorum, facts)
    expect(m ?? null).toEqual(problem === null ? null : expect.stringContaining(problem))
  })

  test('the outcome lists who signed and who did not', () => {
    expect(quorumOutcome(q(three, 3, ['qa']), dt([sig(key()), sig(key(SECURITY)), sig(key(STRANGER))]))).toEqual({
      digest: D(1),
      threshold: 3,
      signed: ['release', 'security'],
      missing: ['qa'],
      requiredMissing: ['qa'],
      others: [`key ${STRANGER.publicKey.fingerprint}`],
      satisfied: false
    })
  })

  test('the report: each quorum, the top level, and each platform when the index does not meet it', () => {
    const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }, { platform: 'linux/arm64' }])
    const amd = { ...dt([sig(key(), { subjects: [D(100)] })]), digest: D(100), platform: 'linux/amd64' }
    s.facts.trust = { top: dt([sig(key(SECURITY))]), platforms: [amd], claims: [] }
    const sets: RuleSet[] = [
      { source: 'inputs' },
      { source: 'policy.yml rules[0] (line 2)', quorum: q(three, 1, ['release']) }
    ]
    expect(quorumReports(sets, s.facts)).toEqual([
      {
        source: 'policy.yml rules[0] (line 2)',
        threshold: 1,
        required: ['release'],
        signers: ['release', 'security', 'qa'],
        digests: [
          expect.objectContaining({
            digest: D(1),
            signed: ['security'],
            requiredMissing: ['release'],
            satisfied: false
          }),
          expect.objectContaining({ digest: D(100), platform: 'linux/amd64', signed: ['release'], satisfied: true })
        ]
      }
    ])
  })

  test('an index: a quorum on the index covers it; otherwise each platform is judged', () => {
    const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }, { platform: 'linux/arm64' }])
    const amd = {
      ...dt([sig(key(), { subjects: [D(100)] }), sig(key(SECURITY), { subjects: [D(100)] })]),
      digest: D(100),
      platform: 'linux/amd64'
    }
    const arm = { ...dt([sig(key(), { subjects: [D(101)] })]), digest: D(101), platform: 'linux/arm64' }
    s.facts.trust = { top: dt([sig(key())]), platforms: [amd, arm], claims: [] }
    const v = checkQuorum(s, q(three, 2))
    expect(v).toEqual([
      {
        platform: 'linux/arm64',
        message: expect.stringContaining(
          `signature quorum not met for ${D(101)}: 1 of 2 required signers signed (release)`
        )
      }
    ])
    s.facts.trust.top = dt([sig(key()), sig(key(QA))])
    expect(checkQuorum(s, q(three, 2))).toEqual([])
  })
})

describe('the signature rule with a quorum', () => {
  const ruleSet = (fields: Partial<RuleSet>): RuleSet => ({ source: 'policy.yml rules[0] (line 2)', ...fields })
  const withTrust = (t: DigestTrust): ReturnType<typeof subject> => {
    const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }])
    s.facts.trust = { top: t, platforms: [], claims: [] }
    return s
  }

  test('discovery goes on past the first accepted signature until the quorum is met', () => {
    const s = withTrust(dt([sig(key())]))
    const sets = [ruleSet({ quorum: q(three, 2) })]
    expect(trustSatisfied(s.input, s.ref, s.facts, sets, dt([sig(key())]))).toBe(false)
    expect(trustSatisfied(s.input, s.ref, s.facts, sets, dt([sig(key()), sig(key())]))).toBe(false)
    expect(trustSatisfied(s.input, s.ref, s.facts, sets, dt([sig(key()), sig(key(QA))]))).toBe(true)
  })

  test('every applicable rule must pass: the inputs’ signature-keys and a policy quorum', () => {
    const s = withTrust(dt([sig(key())]))
    const sets = [
      { source: 'inputs', signature: { keys: [RELEASE.publicKey], identities: [], issuer: GH } },
      ruleSet({ quorum: q(three, 2) })
    ]
    const f = evaluateImage(s.input, s.ref, s.facts, sets, new Date())
    expect(f.map(x => [x.rule, x.message])).toEqual([
      [
        'signature',
        expect.stringMatching(
          /^signature quorum not met for .*: 1 of 2 required signers signed \(release\); missing: security, qa \[policy\.yml rules\[0\] \(line 2\)\]$/
        )
      ]
    ])
  })

  test('a quorum signer’s attestation counts for attestations', () => {
    const spdx = 'https://spdx.dev/Document'
    const s = withTrust(dt([sig(key(QA), { predicateType: spdx })]))
    const sets = [ruleSet({ quorum: q(three, 1), attestations: [spdx] })]
    expect(evaluateImage(s.input, s.ref, s.facts, sets, new Date())).toEqual([])
    const stranger = withTrust(dt([sig(key(STRANGER), { predicateType: spdx })]))
    expect(evaluateImage(stranger.input, stranger.ref, stranger.facts, sets, new Date()).map(f => f.rule)).toEqual([
      'signature',
      'attestations'
    ])
  })
})

describe('signers, threshold and required in the policy file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-keys-'))
  writeFileSync(join(dir, 'release.pub'), RELEASE.pem)
  writeFileSync(join(dir, 'security.pub'), SECURITY.pem)
  writeFileSync(join(dir, 'release-again.pub'), RELEASE.pem)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const load = (yaml: string): RuleSet[] => parsePolicy(yaml, 'policy.yml', dir)
  const problems = (yaml: string): string[] => {
    try {
      load(yaml)
    } catch (e) {
      if (e instanceof PolicyError) return e.problems
      throw e
    }
    throw new Error('expected a PolicyError')
  }

  test('every kind of signer loads; the threshold defaults to 1', () => {
    const [rs] = load(`rules:
  - signers:
      - { name: release, key: release.pub }
      - { name: ci, identity: "${WF}" }
      - { name: dev, identity: dev@acme.example, issuer: https://accounts.google.com }
      - { name: build, provenance: acme/app }
      - { name: images, notation: acme-images }
    required: [release]
`)
    expect(rs!.quorum).toEqual({
      signers: [
        {
          name: 'release',
          kind: 'key',
          keys: [expect.objectContaining({ fingerprint: RELEASE.publicKey.fingerprint })]
        },
        { name: 'ci', kind: 'keyless', identity: WF, issuer: GH },
        { name: 'dev', kind: 'keyless', identity: 'dev@acme.example', issuer: 'https://accounts.google.com' },
        { name: 'build', kind: 'provenance', repository: 'acme/app' },
        { name: 'images', kind: 'notation', trustPolicy: 'acme-images' }
      ],
      threshold: 1,
      required: ['release']
    })
    expect(rs!.signature).toBeUndefined()
  })

  test('the key files signers name are read before a policy from a source loads', () => {
    expect(
      referencedFiles(
        `rules:\n  - signers:\n      - { name: a, key: keys/a.pub }\n      - { name: b, identity: x }\n      - { name: c, key: "keys/c.pub" }\n`
      ).map(f => f.path)
    ).toEqual(['keys/a.pub', 'keys/c.pub'])
  })

  test.each<[string, string, string]>([
    [
      'one key under two names',
      '  - signers:\n      - { name: a, key: release.pub }\n      - { name: b, key: release-again.pub }\n    threshold: 2\n',
      `policy.yml:4: rules[0].signers[1]: signer "b" is key ${RELEASE.publicKey.fingerprint}, which is also signer "a": one signer under two names would count twice; keep one name`
    ],
    [
      'one identity under two names',
      `  - signers:\n      - { name: a, identity: "${WF}" }\n      - { name: b, identity: "${WF}", issuer: ${GH} }\n`,
      'signer "b" is identity'
    ],
    [
      'one repository under two names, whatever its case',
      '  - signers:\n      - { name: a, provenance: acme/app }\n      - { name: b, provenance: Acme/App }\n',
      'signer "b" is GitHub Actions of acme/app, which is also signer "a"'
    ],
    [
      'a threshold above the number of signers',
      '  - signers:\n      - { name: a, key: release.pub }\n      - { name: b, key: security.pub }\n    threshold: 3\n',
      'policy.yml:5: rules[0].threshold: 3 signers are required, but signers names 2: no signature could ever meet it; lower threshold or name more signers'
    ],
    [
      'a threshold of 0',
      '  - signers:\n      - { name: a, key: release.pub }\n    threshold: 0\n',
      'rules[0].threshold'
    ],
    [
      'a required name that is not a signer',
      '  - signers:\n      - { name: a, key: release.pub }\n    required: [a, qa]\n',
      'policy.yml:4: rules[0].required[1]: "qa" is not a signer of this rule (signers: a)'
    ],
    [
      'a name given twice',
      '  - signers:\n      - { name: a, key: release.pub }\n      - { name: a, key: security.pub }\n',
      `rules[0].signers[1].name: the name "a" is also signers[0]'s: give each signer its own name`
    ],
    [
      'a signer that is two things',
      '  - signers:\n      - { name: a, key: release.pub, provenance: acme/app }\n',
      'policy.yml:3: rules[0].signers[0]: signer "a" has key and provenance: give exactly one of key'
    ],
    ['a signer that is nothing', '  - signers:\n      - { name: a }\n', 'signer "a" says nothing of who it is'],
    [
      'an issuer without an identity',
      '  - signers:\n      - { name: a, provenance: acme/app, issuer: https://x.example }\n',
      'rules[0].signers[0].issuer: issuer applies to identity'
    ],
    [
      'a key file that is not there',
      '  - signers:\n      - { name: a, key: missing.pub }\n',
      'rules[0].signers[0].key: missing.pub: cannot read the key file'
    ],
    [
      'an empty key',
      '  - signers:\n      - { name: a, key: "# from a secret" }\n',
      'rules[0].signers[0].key: the entry is empty'
    ],
    [
      'one Notation trust policy under two names',
      '  - signers:\n      - { name: n, notation: acme-images }\n      - { name: m, notation: acme-images }\n',
      'Notation trust policy acme-images'
    ],
    [
      'threshold without signers',
      '  - threshold: 2\n',
      'rules[0].threshold: it applies to signers, which this rule does not have'
    ],
    ['required without signers', '  - required: [a]\n', 'rules[0].required: it applies to signers'],
    ['an unknown key of a signer', '  - signers:\n      - { name: a, fingerprint: x }\n', 'unknown key "fingerprint"']
  ])('%s is a policy error', (_name, rule, phrase) => {
    expect(problems(`rules:\n${rule}`).join('\n')).toContain(phrase)
  })
})
