import { describe, expect, test } from '@jest/globals'
import {
  acceptsSigner,
  checkAttestations,
  checkProvenance,
  checkSignature,
  describeProvenance,
  judgeDigest,
  parseWorkflow,
  provenanceProblem,
  sourceRepository,
  workflowMatches
} from '../../../src/policy/rules/trust.js'
import type { SignatureRequirement } from '../../../src/policy/types.js'
import type { CertificateFacts, DigestTrust, SignatureFact, Signer } from '../../../src/model/trust.js'
import { testSigner } from '../../support/signing.js'
import { D, subject } from './facts.js'

const KEY = testSigner().publicKey
const OTHER_KEY = testSigner().publicKey
const GH = 'https://token.actions.githubusercontent.com'
const WF = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3'

const cert = (c: Partial<CertificateFacts> = {}): Signer => ({
  kind: 'certificate',
  certificate: {
    identity: WF,
    issuer: GH,
    sourceRepository: 'https://github.com/acme/app',
    sourceRepositoryRef: 'refs/tags/v1.2.3',
    sourceRepositoryDigest: 'f'.repeat(40),
    buildSignerUri: WF,
    runnerEnvironment: 'github-hosted',
    ...c
  }
})
const key = (k = KEY): Signer => ({ kind: 'key', fingerprint: k.fingerprint })

const sig = (f: Partial<SignatureFact> = {}): SignatureFact => ({
  place: 'tag sha256-x.sig',
  format: 'cosign signature (simple signing)',
  manifest: D(9),
  verified: true,
  signer: key(),
  subjects: [D(1)],
  ...f
})
const top = (signatures: SignatureFact[], extra: Partial<DigestTrust> = {}): DigestTrust => ({
  digest: D(1),
  looked: ['referrers API (absent) and referrers tag sha256-1', 'tag sha256-1.sig', 'tag sha256-1.att'],
  signatures,
  ...extra
})
function withTrust(t: DigestTrust, platforms: DigestTrust[] = [], index = false): ReturnType<typeof subject> {
  const s = subject(
    'ghcr.io/acme/app:1',
    index ? [{ platform: 'linux/amd64' }, { platform: 'linux/arm64' }] : [{ platform: 'linux/amd64' }]
  )
  s.facts.trust = { top: t, platforms, claims: [] }
  return s
}

const byKey: SignatureRequirement = { keys: [KEY], identities: [], issuer: GH }
const SPDX_TYPE = 'https://spdx.dev/Document'
const byIdentity = (identities: string[], issuer = GH): SignatureRequirement => ({ keys: [], identities, issuer })

describe('acceptsSigner: identities matched whole, issuer exactly', () => {
  test.each<[string, SignatureRequirement, Signer | undefined, boolean]>([
    ['the key', byKey, key(), true],
    ['another key', byKey, key(OTHER_KEY), false],
    ['no signer', byKey, undefined, false],
    ['exact identity', byIdentity([WF]), cert(), true],
    ['tag glob', byIdentity(['https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*']), cert(), true],
    ['a prefix of the identity is not a match', byIdentity(['https://github.com/acme/ap']), cert(), false],
    [
      'a substring repository is not a match',
      byIdentity(['https://github.com/acme/ap/.github/workflows/release.yml@refs/tags/v1.2.3']),
      cert({ identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3' }),
      false
    ],
    ['a longer identity is not a match', byIdentity([WF]), cert({ identity: `${WF}-evil` }), false],
    ['* does not cross /', byIdentity(['https://github.com/acme/*']), cert(), false],
    ['** crosses /', byIdentity(['https://github.com/acme/**']), cert(), true],
    ['right identity, wrong issuer', byIdentity([WF], 'https://accounts.google.com'), cert(), false],
    ['issuer with a trailing slash is another issuer', byIdentity([WF], `${GH}/`), cert(), false],
    [
      'e-mail',
      byIdentity(['*@acme.example'], 'https://accounts.google.com'),
      cert({ identity: 'dev@acme.example', issuer: 'https://accounts.google.com' }),
      true
    ],
    [
      'e-mail of another domain',
      byIdentity(['*@acme.example'], 'https://accounts.google.com'),
      cert({ identity: 'dev@acme.example.evil', issuer: 'https://accounts.google.com' }),
      false
    ],
    ['a key signer against identities', byIdentity(['**']), key(), false],
    ['a certificate against keys', byKey, cert(), false]
  ])('%s → %s', (_name, req, signer, ok) => {
    expect(acceptsSigner(req, signer)).toBe(ok)
  })
})

describe('signature', () => {
  test.each<[string, DigestTrust, string | null]>([
    ['a verified signature by the key over the digest', top([sig()]), null],
    ['one good among bad ones', top([sig({ verified: false, reason: 'x' }), sig()]), null],
    [
      'a signed statement of any predicate type counts',
      top([sig({ predicateType: 'https://sigstore.dev/cosign/sign/v1', format: 'Sigstore bundle v0.3' })]),
      null
    ],
    [
      'nothing found: says where it looked',
      top([]),
      'no signature found for sha256:0000000000000000000000000000000000000000000000000000000000000001 (looked in referrers API (absent) and referrers tag sha256-1, tag sha256-1.sig, tag sha256-1.att)'
    ],
    [
      'a discovery error is could-not-check, never unsigned',
      top([], { error: { host: 'ghcr.io', message: 'rate limited' } }),
      'could not check signature of sha256:0000000000000000000000000000000000000000000000000000000000000001: discovery failed on ghcr.io: rate limited'
    ],
    [
      'a bad signature',
      top([sig({ verified: false, reason: 'it does not verify with any key', signer: undefined, subjects: [] })]),
      'bad signature: cosign signature (simple signing) in tag sha256-x.sig: it does not verify with any key'
    ],
    [
      'an unsupported format',
      top([sig({ verified: false, unsupported: true, reason: 'Ed25519ph is not supported', subjects: [] })]),
      'unsupported cosign signature (simple signing) in tag sha256-x.sig: Ed25519ph is not supported'
    ],
    ['a signature copied from another image', top([sig({ subjects: [D(2)] })]), `is for another digest (${D(2)})`],
    [
      'another key signed it: named',
      top([sig({ signer: key(OTHER_KEY) })]),
      `is signed by key ${OTHER_KEY.fingerprint}, but that is not an accepted signer (accepted: key ${KEY.fingerprint})`
    ]
  ])('%s', (_name, t, message) => {
    const v = checkSignature(withTrust(t), byKey)
    if (message === null) expect(v).toEqual([])
    else {
      expect(v).toHaveLength(1)
      expect(v[0]!.message).toContain(message)
      expect(v[0]!.message).toContain(D(1))
    }
  })

  test('a discovery error is reported even when a verified but unaccepted signature was also seen elsewhere', () => {
    const v = checkSignature(withTrust(top([], { error: { host: 'h', message: 'm' } })), byIdentity([WF]))
    expect(v[0]!.message).toMatch(/^could not check/)
  })

  test('another identity is named', () => {
    const v = checkSignature(
      withTrust(
        top([
          sig({ signer: cert({ identity: 'https://github.com/evil/app/.github/workflows/x.yml@refs/heads/main' }) })
        ])
      ),
      byIdentity([WF])
    )
    expect(v[0]!.message).toContain(
      'signed by https://github.com/evil/app/.github/workflows/x.yml@refs/heads/main (issuer https://token.actions.githubusercontent.com)'
    )
  })

  test('an index signed at the top level passes without looking at platforms', () => {
    expect(checkSignature(withTrust(top([sig()]), [], true), byKey)).toEqual([])
  })

  test('an index not signed at the top: every platform must be, and each unsigned one is a finding naming it', () => {
    const amd = { digest: D(100), platform: 'linux/amd64', looked: ['x'], signatures: [sig({ subjects: [D(100)] })] }
    const arm = { digest: D(101), platform: 'linux/arm64', looked: ['referrers API'], signatures: [] }
    const v = checkSignature(withTrust(top([]), [amd, arm], true), byKey)
    expect(v).toEqual([
      { platform: 'linux/arm64', message: expect.stringContaining(`no signature found for ${D(101)}`) }
    ])
    expect(v[0]!.message).toContain(`the index ${D(1)} is not covered either`)
    expect(
      checkSignature(withTrust(top([]), [amd, { ...arm, signatures: [sig({ subjects: [D(101)] })] }], true), byKey)
    ).toEqual([])
  })

  test('a platform signature does not count for another platform', () => {
    const amd = { digest: D(100), platform: 'linux/amd64', looked: ['x'], signatures: [sig({ subjects: [D(100)] })] }
    const arm = { digest: D(101), platform: 'linux/arm64', looked: ['x'], signatures: [sig({ subjects: [D(100)] })] }
    expect(checkSignature(withTrust(top([]), [amd, arm], true), byKey).map(v => v.platform)).toEqual(['linux/arm64'])
  })

  test('no trust facts at all fails closed', () => {
    expect(checkSignature(subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }]), byKey)).toEqual([
      { message: 'no trust facts were gathered for the signature rule' }
    ])
  })
})

describe('provenance', () => {
  const slsa = (c: Partial<CertificateFacts> = {}, f: Partial<SignatureFact> = {}): SignatureFact =>
    sig({ signer: cert(c), predicateType: 'https://slsa.dev/provenance/v1', format: 'Sigstore bundle v0.3', ...f })
  const REUSABLE = 'https://github.com/org/shared/.github/workflows/build.yml@refs/heads/main'
  test.each<[string, Parameters<typeof provenanceProblem>[0], SignatureFact, string | null]>([
    ['the repository', { repositories: ['acme/app'] }, slsa(), null],
    ['a repository glob', { repositories: ['acme/*'] }, slsa(), null],
    ['GitHub names are case-insensitive', { repositories: ['Acme/App'] }, slsa(), null],
    [
      'a substring repository is another repository',
      { repositories: ['acme/ap'] },
      slsa(),
      'the rule wants a repository of acme/ap'
    ],
    [
      'another repository',
      { repositories: ['acme/app'] },
      slsa({ sourceRepository: 'https://github.com/evil/app' }),
      'the rule wants a repository of acme/app'
    ],
    [
      'the SAN when the extension is absent',
      { repositories: ['acme/app'] },
      slsa({ sourceRepository: undefined }),
      null
    ],
    [
      'another predicate',
      { repositories: ['acme/app'] },
      slsa({}, { predicateType: 'https://slsa.dev/provenance/v0.2' }),
      'its predicate is https://slsa.dev/provenance/v0.2'
    ],
    [
      'a key signature',
      { repositories: ['acme/app'] },
      slsa({}, { signer: key() }),
      'not by a GitHub Actions certificate'
    ],
    [
      'another issuer',
      { repositories: ['acme/app'] },
      slsa({ issuer: 'https://accounts.google.com' }),
      'from issuer https://accounts.google.com'
    ],
    [
      'the workflow, a bare path',
      { repositories: ['acme/app'], workflows: ['.github/workflows/release.yml'] },
      slsa(),
      null
    ],
    ['a bare path glob', { repositories: ['acme/app'], workflows: ['.github/workflows/rel*.yml'] }, slsa(), null],
    [
      'a bare path with a ref',
      { repositories: ['acme/app'], workflows: ['.github/workflows/release.yml@refs/tags/v*'] },
      slsa(),
      null
    ],
    [
      'a bare path with another ref',
      { repositories: ['acme/app'], workflows: ['.github/workflows/release.yml@refs/heads/main'] },
      slsa(),
      'the rule wants workflow .github/workflows/release.yml@refs/heads/main of acme/app'
    ],
    [
      'a bare path, the source repository in another case',
      { repositories: ['acme/app'], workflows: ['.github/workflows/release.yml'] },
      slsa({ sourceRepository: 'https://github.com/Acme/App' }),
      null
    ],
    [
      "a bare path is the source repository's own: another repository's reusable workflow of that path is refused",
      { repositories: ['acme/app'], workflows: ['.github/workflows/build.yml'] },
      slsa({ buildSignerUri: 'https://github.com/evil/app/.github/workflows/build.yml@refs/heads/main' }),
      'the rule wants workflow .github/workflows/build.yml of acme/app'
    ],
    [
      'a bare path, a reusable workflow of another repository of the same owner',
      { repositories: ['acme/*'], workflows: ['.github/workflows/build.yml'] },
      slsa({ buildSignerUri: 'https://github.com/acme/shared/.github/workflows/build.yml@refs/heads/main' }),
      'the rule wants workflow .github/workflows/build.yml of acme/app'
    ],
    [
      'a reusable workflow by owner/repo/path',
      { repositories: ['acme/app'], workflows: ['org/shared/.github/workflows/build.yml'] },
      slsa({ buildSignerUri: REUSABLE }),
      null
    ],
    [
      'a reusable workflow by owner/repo/path@ref',
      { repositories: ['acme/app'], workflows: ['org/shared/.github/workflows/build.yml@refs/heads/main'] },
      slsa({ buildSignerUri: REUSABLE }),
      null
    ],
    [
      'a reusable workflow at another ref',
      { repositories: ['acme/app'], workflows: ['org/shared/.github/workflows/build.yml@refs/tags/*'] },
      slsa({ buildSignerUri: REUSABLE }),
      'the rule wants workflow org/shared/.github/workflows/build.yml@refs/tags/*'
    ],
    [
      'a reusable workflow, owner glob',
      { repositories: ['acme/app'], workflows: ['org/*/.github/workflows/build.yml'] },
      slsa({ buildSignerUri: REUSABLE }),
      null
    ],
    [
      'a reusable workflow, repository names case-insensitive',
      { repositories: ['acme/app'], workflows: ['Org/Shared/.github/workflows/build.yml'] },
      slsa({ buildSignerUri: REUSABLE }),
      null
    ],
    [
      'a reusable workflow of another owner',
      { repositories: ['acme/app'], workflows: ['org/shared/.github/workflows/build.yml'] },
      slsa({ buildSignerUri: 'https://github.com/evil/shared/.github/workflows/build.yml@refs/heads/main' }),
      'the rule wants workflow org/shared/.github/workflows/build.yml'
    ],
    [
      'owner/repo/path of the source repository itself',
      { repositories: ['acme/app'], workflows: ['acme/app/.github/workflows/release.yml'] },
      slsa(),
      null
    ],
    [
      'several workflows are named, bare ones with the source repository',
      { repositories: ['acme/app'], workflows: ['.github/workflows/a.yml', 'org/shared/.github/workflows/b.yml'] },
      slsa(),
      'the rule wants one of the workflows .github/workflows/a.yml of acme/app, org/shared/.github/workflows/b.yml'
    ],
    [
      'another workflow',
      { repositories: ['acme/app'], workflows: ['.github/workflows/release.yml'] },
      slsa({ buildSignerUri: 'https://github.com/acme/app/.github/workflows/ci.yml@refs/heads/main' }),
      'the rule wants workflow .github/workflows/release.yml of acme/app'
    ],
    [
      'no workflow in the certificate',
      { repositories: ['acme/app'], workflows: ['.github/workflows/release.yml'] },
      slsa({ buildSignerUri: undefined, identity: 'dev@acme.example' }),
      'the rule wants workflow'
    ],
    ['the ref', { repositories: ['acme/app'], refs: ['refs/tags/v*'] }, slsa(), null],
    [
      'another ref',
      { repositories: ['acme/app'], refs: ['refs/tags/v*'] },
      slsa({ sourceRepositoryRef: 'refs/heads/feature' }),
      'the rule wants a ref of refs/tags/v*'
    ],
    [
      'no ref',
      { repositories: ['acme/app'], refs: ['refs/tags/v*'] },
      slsa({ sourceRepositoryRef: undefined }),
      'the rule wants a ref of refs/tags/v* (the certificate names none)'
    ],
    [
      'a self-hosted runner',
      { repositories: ['acme/app'], runner: 'github-hosted' },
      slsa({ runnerEnvironment: 'self-hosted' }),
      'it ran on a self-hosted runner; the rule wants a GitHub-hosted one'
    ],
    ['the pinned commit', { repositories: ['acme/app'], sourceDigest: 'f'.repeat(40) }, slsa(), null],
    [
      'the pinned commit, the certificate in upper case',
      { repositories: ['acme/app'], sourceDigest: 'a'.repeat(40) },
      slsa({ sourceRepositoryDigest: 'A'.repeat(40) }),
      null
    ],
    [
      'another commit',
      { repositories: ['acme/app'], sourceDigest: 'a'.repeat(40) },
      slsa(),
      `it was built from commit ${'f'.repeat(40)}; the rule wants commit ${'a'.repeat(40)}`
    ],
    [
      'a prefix of the commit is another commit',
      { repositories: ['acme/app'], sourceDigest: 'f'.repeat(40) },
      slsa({ sourceRepositoryDigest: 'f'.repeat(39) }),
      'the rule wants commit'
    ],
    [
      'no commit in the certificate',
      { repositories: ['acme/app'], sourceDigest: 'f'.repeat(40) },
      slsa({ sourceRepositoryDigest: undefined }),
      `its certificate names no commit; the rule wants commit ${'f'.repeat(40)}`
    ]
  ])('%s', (_name, req, s, problem) => {
    expect(provenanceProblem(req, s) ?? null).toEqual(problem === null ? null : expect.stringContaining(problem))
    const v = checkProvenance(withTrust(top([s])), req)
    expect(v.length).toBe(problem === null ? 0 : 1)
    if (problem !== null) expect(v[0]!.message).toContain(problem)
  })

  test('provenance that does not satisfy the rule is described: where it was built, at which ref, by which workflow', () => {
    const found = slsa({
      sourceRepositoryRef: 'refs/heads/main',
      buildSignerUri: 'https://github.com/acme/app/.github/workflows/ci.yml@refs/heads/main'
    })
    const v = checkProvenance(withTrust(top([found])), { repositories: ['acme/other'] })
    expect(v).toEqual([
      {
        message: `no accepted provenance for ${D(1)}: provenance found (Sigstore bundle v0.3 in tag sha256-x.sig): built from acme/app at refs/heads/main by acme/app/.github/workflows/ci.yml@refs/heads/main; the rule wants a repository of acme/other`
      }
    ])
    expect(v[0]!.message).not.toContain('no provenance found')
  })

  test('what was found comes first, whatever else was listed before it', () => {
    const junk = Array.from({ length: 6 }, (_, i) =>
      sig({ verified: false, reason: `junk ${i}`, signer: undefined, subjects: [], manifest: D(50 + i) })
    )
    const v = checkProvenance(withTrust(top([...junk, slsa()])), { repositories: ['acme/other'] })
    expect(v[0]!.message).toMatch(/^no accepted provenance for \S+: provenance found \(/)
    expect(v[0]!.message).toContain('; and 3 more')
  })

  test.each<[string, SignatureFact, string | undefined]>([
    [
      'GitHub provenance',
      slsa(),
      'built from acme/app at refs/tags/v1.2.3 by acme/app/.github/workflows/release.yml@refs/tags/v1.2.3'
    ],
    [
      'a reusable workflow',
      slsa({ buildSignerUri: REUSABLE }),
      'built from acme/app at refs/tags/v1.2.3 by org/shared/.github/workflows/build.yml@refs/heads/main'
    ],
    [
      'no ref',
      slsa({ sourceRepositoryRef: undefined }),
      'built from acme/app by acme/app/.github/workflows/release.yml@refs/tags/v1.2.3'
    ],
    ['another predicate: described by its signer instead', slsa({}, { predicateType: SPDX_TYPE }), undefined],
    ['a key: described by its signer instead', slsa({}, { signer: key() }), undefined],
    ['another issuer: described by its signer instead', slsa({ issuer: 'https://accounts.google.com' }), undefined]
  ])('describeProvenance: %s', (_name, s, text) => {
    expect(describeProvenance(s)).toBe(text)
  })

  test('sourceRepository from the extension, else from the SAN', () => {
    expect(sourceRepository(cert())).toBe('acme/app')
    expect(
      sourceRepository(
        cert({
          sourceRepository: undefined,
          identity: 'https://github.com/o/r/.github/workflows/w.yml@refs/heads/main'
        })
      )
    ).toBe('o/r')
    expect(sourceRepository(cert({ sourceRepository: undefined, identity: 'dev@acme.example' }))).toBeUndefined()
    expect(sourceRepository(key())).toBeUndefined()
  })

  test('BuildKit provenance in the index is named as an unsigned claim, and never passes the rule', () => {
    const s = withTrust(top([]))
    s.facts.trust!.claims = [
      {
        subject: D(100),
        predicateType: 'https://slsa.dev/provenance/v0.2',
        builder: 'https://github.com/acme/app/actions/runs/1',
        source: 'https://github.com/acme/app'
      }
    ]
    const v = checkProvenance(s, { repositories: ['acme/app'] })
    expect(v).toHaveLength(1)
    expect(v[0]!.message).toContain('no signed provenance found')
    expect(v[0]!.message).toContain(
      '(the index carries unsigned BuildKit provenance claiming builder https://github.com/acme/app/actions/runs/1, source https://github.com/acme/app: a claim, not proof)'
    )
  })

  test('a provenance statement for another digest does not count', () => {
    const v = checkProvenance(
      withTrust(top([sig({ signer: cert(), predicateType: 'https://slsa.dev/provenance/v1', subjects: [D(2)] })])),
      { repositories: ['acme/app'] }
    )
    expect(v[0]!.message).toContain('is for another digest')
  })
})

describe('attestations', () => {
  const SPDX = 'https://spdx.dev/Document'
  test.each<[string, SignatureFact[], string | null]>([
    ['signed by the key', [sig({ predicateType: SPDX })], null],
    [
      'missing predicate type',
      [sig({ predicateType: 'https://cyclonedx.org/bom' })],
      'no accepted https://spdx.dev/Document attestation'
    ],
    ['a plain signature is not an attestation', [sig()], 'its predicate type is none (a signature)'],
    ['signed by another key', [sig({ predicateType: SPDX, signer: key(OTHER_KEY) })], 'not an accepted signer'],
    ['for another digest', [sig({ predicateType: SPDX, subjects: [D(2)] })], 'is for another digest'],
    ['by the provenance repository', [sig({ predicateType: SPDX, signer: cert() })], null]
  ])('%s', (_name, sigs, message) => {
    const v = checkAttestations(withTrust(top(sigs)), [SPDX], {
      signature: [byKey],
      provenance: [{ repositories: ['acme/app'] }]
    })
    if (message === null) expect(v).toEqual([])
    else expect(v[0]!.message).toContain(message)
  })

  test('with no accepted signer at all, it says what to set', () => {
    expect(
      checkAttestations(withTrust(top([sig({ predicateType: SPDX })])), [SPDX], { signature: [], provenance: [] })[0]!
        .message
    ).toContain('set signature-keys')
  })

  test('each missing predicate type is one finding', () => {
    const v = checkAttestations(
      withTrust(top([sig({ predicateType: SPDX })])),
      [SPDX, 'https://cyclonedx.org/bom', 'https://slsa.dev/provenance/v1'],
      { signature: [byKey], provenance: [] }
    )
    expect(v.map(x => x.message.split(' for ')[0])).toEqual([
      'no accepted https://cyclonedx.org/bom attestation',
      'no accepted https://slsa.dev/provenance/v1 attestation'
    ])
  })
})

describe('workflows entries', () => {
  test.each<[string, ReturnType<typeof parseWorkflow>]>([
    ['.github/workflows/release.yml', { path: '.github/workflows/release.yml' }],
    ['.github/workflows/release.yml@refs/tags/v*', { path: '.github/workflows/release.yml', ref: 'refs/tags/v*' }],
    ['acme/app/.github/workflows/release.yml', { repository: 'acme/app', path: '.github/workflows/release.yml' }],
    [
      'acme/app/.github/workflows/release.yml@refs/tags/v*',
      { repository: 'acme/app', path: '.github/workflows/release.yml', ref: 'refs/tags/v*' }
    ],
    ['acme/*/.github/workflows/*.yml', { repository: 'acme/*', path: '.github/workflows/*.yml' }],
    ['release.yml', undefined],
    ['workflows/release.yml', undefined],
    ['acme/.github/workflows/release.yml', undefined],
    ['acme/app/release.yml', undefined],
    ['**/.github/workflows/release.yml', undefined],
    ['https://github.com/acme/app/.github/workflows/release.yml', undefined],
    ['.github/workflows/release.yml@', undefined],
    ['.github/workflows/a.yml @refs/heads/main', undefined],
    ['acme/app/.github/workflows/release.yml extra', undefined],
    ['', undefined]
  ])('%j', (entry, parsed) => {
    expect(parseWorkflow(entry)).toEqual(parsed)
  })

  const w = (
    repository: string,
    path = '.github/workflows/release.yml',
    ref = 'refs/heads/main'
  ): { repository: string; path: string; ref: string } => ({ repository, path, ref })
  test.each<[string, { repository: string; path: string; ref: string }, string, boolean]>([
    ['.github/workflows/release.yml', w('acme/app'), 'acme/app', true],
    ['.github/workflows/release.yml', w('evil/app'), 'acme/app', false],
    ['.github/workflows/release.yml', w('acme/app-tools'), 'acme/app', false],
    ['.github/workflows/release.yml', w('acme/app', '.github/workflows/release.yml.bak'), 'acme/app', false],
    ['.github/workflows/*.yml', w('acme/app', '.github/workflows/sub/release.yml'), 'acme/app', false],
    ['.github/workflows/**', w('acme/app', '.github/workflows/sub/release.yml'), 'acme/app', true],
    ['acme/app/.github/workflows/release.yml', w('acme/app'), 'evil/app', true],
    [
      'acme/app/.github/workflows/release.yml@refs/heads/main',
      w('acme/app', undefined, 'refs/heads/main-evil'),
      'acme/app',
      false
    ],
    [
      'acme/app/.github/workflows/release.yml@refs/heads/*',
      w('acme/app', undefined, 'refs/heads/x/y'),
      'acme/app',
      false
    ],
    ['not a workflow', w('acme/app'), 'acme/app', false]
  ])('%s against %j built from %s → %s', (entry, signer, source, ok) => {
    expect(workflowMatches(entry, signer, source)).toBe(ok)
  })
})

describe('judgeDigest asks why once per signature', () => {
  test('a condition behind `why` is evaluated once for each signature, not again for the reasons', () => {
    const asked = new Map<SignatureFact, number>()
    const sigs = [sig({ manifest: D(7) }), sig({ manifest: D(8) }), sig({ manifest: D(9), subjects: [D(2)] })]
    const m = judgeDigest(top(sigs), 'signature', s => {
      asked.set(s, (asked.get(s) ?? 0) + 1)
      return 'its condition is false'
    })
    expect(m).toContain('its condition is false')
    expect([...asked.values()].every(n => n === 1)).toBe(true)
    expect(asked.size).toBe(2)
  })
})

describe('judgeDigest: could not check, never "no accepted" with something unread', () => {
  const bad = (i: number): SignatureFact =>
    sig({ verified: false, reason: `junk ${i}`, signer: undefined, subjects: [], manifest: D(60 + i) })
  const why = (s: SignatureFact): string | undefined =>
    s.signer?.kind === 'key' && s.signer.fingerprint === KEY.fingerprint ? undefined : 'that is not an accepted signer'
  test.each<[string, DigestTrust, string | null]>([
    [
      'a bound reached, junk read',
      top([bad(1)], {
        unread: ['more than 32 signature manifests in referrers API (33 listed; only the first 32 are read)']
      }),
      `could not check signature of ${D(1)}: more than 32 signature manifests in referrers API (33 listed; only the first 32 are read); of what was read: bad signature: cosign signature (simple signing) in tag sha256-x.sig: junk 1`
    ],
    [
      'a bound reached, nothing read',
      top([], { unread: ["signature bytes past the run's budget of 64 MiB"] }),
      `could not check signature of ${D(1)}: signature bytes past the run's budget of 64 MiB`
    ],
    ['two bounds', top([], { unread: ['a', 'b'] }), `could not check signature of ${D(1)}: a; b`],
    [
      'a bound reached, but an accepted signature was read',
      top([bad(1), sig()], { unread: ['more than 16 layers'] }),
      null
    ],
    [
      'a read failed, junk read',
      top([bad(1)], { error: { host: 'r.example', message: 'the blob was 404' } }),
      `could not check signature of ${D(1)}: discovery failed on r.example: the blob was 404; of what was read: bad signature`
    ],
    [
      'a read failed, but an accepted signature was read',
      top([sig()], { error: { host: 'r.example', message: 'x' } }),
      null
    ],
    ['nothing unread: no accepted signature', top([bad(1)]), `no accepted signature for ${D(1)}: bad signature`],
    [
      'another signer ranks before bad signatures',
      top([bad(1), bad(2), bad(3), bad(4), bad(5), sig({ signer: key(OTHER_KEY) })]),
      `no accepted signature for ${D(1)}: cosign signature (simple signing) in tag sha256-x.sig is signed by key ${OTHER_KEY.fingerprint}`
    ]
  ])('%s', (_name, dt, message) => {
    const m = judgeDigest(dt, 'signature', why)
    if (message === null) expect(m).toBeUndefined()
    else expect(m).toContain(message)
    if (m !== undefined && (dt.unread || dt.error)) expect(m).not.toMatch(/no accepted|no signature found/)
  })
})
