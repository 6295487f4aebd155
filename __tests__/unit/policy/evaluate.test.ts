import { beforeAll, describe, expect, test } from '@jest/globals'
import { parsePlatform } from '../../../src/oci/platform.js'
import {
  applicable,
  enabledRules,
  evaluateImage,
  inspectNeeds,
  needsTrust,
  trustSatisfied
} from '../../../src/policy/evaluate.js'
import { parseReferencePattern } from '../../../src/core/glob.js'
import { checkBaseImages } from '../../../src/policy/rules/base-images.js'
import type { RuleSet } from '../../../src/policy/types.js'
import { parseReference } from '../../../src/core/reference.js'
import { D, subject } from './facts.js'
import type { BaseFacts } from '../../../src/model/facts.js'
import { loadAllChecks } from '../../../src/policy/rules/table.js'

// The checks some rules use are loaded with import() before evaluation, as a run loads them.
beforeAll(loadAllChecks)

const inputs: RuleSet = { source: 'inputs', platforms: [parsePlatform('linux/amd64')] }
const acme: RuleSet = {
  source: 'policy.yml rules[0] (line 2)',
  images: [parseReferencePattern('ghcr.io/acme/**')],
  nonRoot: true
}
const other: RuleSet = {
  source: 'policy.yml rules[1] (line 5)',
  images: [parseReferencePattern('quay.io/other/*')],
  maxAge: { seconds: 86400, text: '1d' }
}

describe('evaluate', () => {
  test('rule sets apply by their image globs', () => {
    expect(applicable([inputs, acme, other], parseReference('ghcr.io/acme/api:1')).map(r => r.source)).toEqual([
      'inputs',
      acme.source
    ])
    expect(applicable([inputs, acme, other], parseReference('quay.io/other/x:1')).map(r => r.source)).toEqual([
      'inputs',
      other.source
    ])
  })

  test('enabled rules come in the order of the design', () => {
    expect(enabledRules([inputs, acme, other])).toEqual(['platforms', 'max-age', 'non-root'])
  })

  test.each([
    [[inputs], false],
    [[inputs, acme], true],
    [[{ source: 'inputs', labels: [{ key: 'a' }] }], true],
    [[{ source: 'inputs', baseImages: ['alpine'] }], true],
    [[{ source: 'inputs', requireDigest: true, registries: ['x'] }], false]
  ] as Array<[RuleSet[], boolean]>)('configs needed: %#', (sets, config) => {
    expect(inspectNeeds(sets).config).toBe(config)
  })

  const GH = 'https://token.actions.githubusercontent.com'
  test.each([
    [[inputs, acme, other], false],
    [[{ source: 'inputs', signature: { keys: [], identities: ['x'], issuer: GH } }], true],
    [[{ source: 'inputs', provenance: { repositories: ['acme/app'] } }], true],
    [[{ source: 'inputs', attestations: ['https://spdx.dev/Document'] }], true],
    [[{ source: 'inputs', attestations: [] }], false]
  ] as Array<[RuleSet[], boolean]>)('signatures looked for only when a trust rule applies: %#', (sets, trust) => {
    expect(inspectNeeds(sets).trust).toBe(trust)
    expect(needsTrust(sets)).toBe(trust)
  })

  test('trust rules in the order of the design, and the top level decides whether platforms are looked at', () => {
    const sig: RuleSet = {
      source: 'inputs',
      signature: { keys: [], identities: ['https://github.com/acme/*/**'], issuer: GH },
      provenance: { repositories: ['acme/app'] },
      attestations: ['x']
    }
    expect(enabledRules([sig, inputs])).toEqual(['platforms', 'signature', 'provenance', 'attestations'])
    const s = subject('ghcr.io/acme/api:1', [{ platform: 'linux/amd64' }, { platform: 'linux/arm64' }])
    const signer = {
      kind: 'certificate' as const,
      certificate: {
        identity: 'https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main',
        issuer: GH,
        sourceRepository: 'https://github.com/acme/app'
      }
    }
    const fact = (predicateType: string) => ({
      place: 'referrers API',
      format: 'Sigstore bundle v0.3',
      manifest: D(9),
      verified: true,
      signer,
      subjects: [D(1)],
      predicateType
    })
    const only = { source: 'inputs', signature: sig.signature! }
    expect(
      trustSatisfied(s.input, s.ref, s.facts, [only], {
        digest: D(1),
        looked: [],
        signatures: [fact('https://sigstore.dev/cosign/sign/v1')]
      })
    ).toBe(true)
    expect(
      trustSatisfied(s.input, s.ref, s.facts, [sig], {
        digest: D(1),
        looked: [],
        signatures: [fact('https://sigstore.dev/cosign/sign/v1')]
      })
    ).toBe(false)
    expect(
      trustSatisfied(s.input, s.ref, s.facts, [sig], {
        digest: D(1),
        looked: [],
        signatures: [fact('https://slsa.dev/provenance/v1'), fact('x')]
      })
    ).toBe(true)
    // The other rules do not decide it: the platforms rule fails here, the trust rules pass.
    expect(
      trustSatisfied(s.input, s.ref, s.facts, [only, { source: 'x', platforms: [parsePlatform('linux/s390x')] }], {
        digest: D(1),
        looked: [],
        signatures: [fact('y')]
      })
    ).toBe(true)
  })

  test('findings from a policy rule say where the rule is; duplicates are reported once', () => {
    const s = subject('ghcr.io/acme/api:1', [{ platform: 'linux/arm64', user: 'root' }])
    const twice: RuleSet = { ...acme, source: 'policy.yml rules[2] (line 9)' }
    const findings = evaluateImage('ghcr.io/acme/api:1', s.ref, s.facts, [inputs, acme, twice], s.now)
    expect(findings).toEqual([
      {
        rule: 'platforms',
        image: 'ghcr.io/acme/api:1',
        reference: 'ghcr.io/acme/api:1',
        platform: 'linux/amd64',
        message: 'linux/amd64 missing: the image is a single linux/arm64 manifest'
      },
      {
        rule: 'non-root',
        image: 'ghcr.io/acme/api:1',
        reference: 'ghcr.io/acme/api:1',
        platform: 'linux/arm64',
        message: `runs as root: User is "root" [${acme.source}]`
      }
    ])
  })

  test('two rule sets over different images in one run', () => {
    const a = subject('ghcr.io/acme/api:1', [{ platform: 'linux/amd64', user: '0', created: '2000-01-01T00:00:00Z' }])
    const b = subject('quay.io/other/x:1', [{ platform: 'linux/amd64', user: '0', created: '2000-01-01T00:00:00Z' }])
    expect(evaluateImage(a.input, a.ref, a.facts, [inputs, acme, other], a.now).map(f => f.rule)).toEqual(['non-root'])
    expect(evaluateImage(b.input, b.ref, b.facts, [inputs, acme, other], b.now).map(f => f.rule)).toEqual(['max-age'])
  })
})

describe('base-images', () => {
  const ids = [D(11), D(12), D(13)]
  const base = (b: Partial<BaseFacts>): BaseFacts => ({ claim: undefined, proven: [], tried: 1, notes: [], ...b })
  const proven = (name: string, layers: number, via: 'claim' | 'layers' = 'layers') => ({
    name,
    digest: D(50 + layers),
    layers,
    via
  })
  const run = (b: BaseFacts, allowed: string[]) =>
    checkBaseImages(subject('ghcr.io/acme/api:1', [{ platform: 'linux/amd64', diffIds: ids, base: b }]), allowed).map(
      v => v.message
    )

  test.each([
    ['a proven candidate passes', base({ proven: [proven('docker.io/library/alpine:3.19', 2)] }), ['alpine:3.*'], []],
    [
      'the longest prefix is the base',
      base({ proven: [proven('ghcr.io/acme/base:1', 2), proven('docker.io/library/alpine:3.19', 1)] }),
      ['alpine:3.*'],
      ['base ghcr.io/acme/base:1@sha256:000000000000 (proven by layers) is not allowed (allowed: alpine:3.*)']
    ],
    [
      'a tie passes when one of the longest is allowed',
      base({ proven: [proven('ghcr.io/acme/base:1', 2), proven('docker.io/library/alpine:3.19', 2)] }),
      ['alpine:3.*'],
      []
    ],
    [
      'a verified claim matches a repository glob',
      base({
        claim: {
          name: 'gcr.io/distroless/static:nonroot',
          digest: D(9),
          source: 'the manifest annotations',
          status: 'verified',
          detail: undefined
        },
        proven: [proven('gcr.io/distroless/static:nonroot', 1, 'claim')]
      }),
      ['gcr.io/distroless/**'],
      []
    ],
    [
      'a contradicted claim fails and says so',
      base({
        claim: {
          name: 'gcr.io/distroless/static:nonroot',
          digest: D(9),
          source: 'the manifest annotations',
          status: 'contradicted',
          detail: 'its 1 layers are not the first layers of the image'
        }
      }),
      ['gcr.io/distroless/**'],
      [
        `claims base gcr.io/distroless/static:nonroot@${D(9)} (in the manifest annotations), but its layers do not start with gcr.io/distroless/static's: its 1 layers are not the first layers of the image`
      ]
    ],
    [
      'an unverifiable claim fails closed',
      base({
        claim: {
          name: 'x.io/y:1',
          digest: undefined,
          source: 'the config labels',
          status: 'unverifiable',
          detail: 'the claimed base could not be read: gone'
        }
      }),
      ['**'],
      [
        'claims base x.io/y:1 (in the config labels), which could not be verified: the claimed base could not be read: gone'
      ]
    ],
    [
      'no proven base fails',
      base({ tried: 3 }),
      ['alpine:3.*'],
      ["no allowed base proven: the layers of none of 3 candidates start the image's layers (allowed: alpine:3.*)"]
    ],
    [
      'notes are told',
      base({ tried: 0, notes: ['the tag list of docker.io/library/alpine was cut at 1000 tags'] }),
      ['alpine:3.*'],
      [
        'no allowed base proven: no candidate could be listed from the allowed patterns, and no claim names the base (allowed: alpine:3.*); the tag list of docker.io/library/alpine was cut at 1000 tags'
      ]
    ],
    ['scratch allows an image with no base', base({ tried: 0 }), ['scratch'], []],
    [
      'scratch does not allow a proven other base',
      base({ proven: [proven('docker.io/library/debian:12', 1)] }),
      ['scratch'],
      ['base docker.io/library/debian:12@sha256:000000000000 (proven by layers) is not allowed (allowed: scratch)']
    ]
  ] as Array<[string, BaseFacts, string[], string[]]>)('%s', (_name, b, allowed, expected) => {
    expect(run(b, allowed)).toEqual(expected)
  })

  test('each platform of an index is judged, the failing one named', () => {
    const s = subject('ghcr.io/acme/api:1', [
      { platform: 'linux/amd64', diffIds: ids, base: base({ proven: [proven('docker.io/library/alpine:3.19', 1)] }) },
      { platform: 'linux/arm64', diffIds: ids, base: base({ tried: 1 }) }
    ])
    const v = checkBaseImages(s, ['alpine:3.*'])
    expect(v).toHaveLength(1)
    expect(v[0]!.platform).toBe('linux/arm64')
  })
})

// Warn mode: a rule set rolled out as `mode: warn` reports its findings as warnings; the same violation from an
// enforced rule set is still enforced, whichever rule set comes first.
describe('warn mode', () => {
  const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }])
  const arm = [parsePlatform('linux/arm64')]
  const enforced: RuleSet = { source: 'inputs', platforms: arm }
  const warned: RuleSet = { source: 'policy.yml rules[0] (line 2)', platforms: arm, mode: 'warn' }
  const modes = (sets: RuleSet[]) => evaluateImage(s.input, s.ref, s.facts, sets, s.now).map(f => f.mode ?? 'enforce')
  test.each<[string, RuleSet[], string[]]>([
    ['enforced only', [enforced], ['enforce']],
    ['warned only', [warned], ['warn']],
    ['warned first, then enforced: both, the enforced one kept', [warned, enforced], ['warn', 'enforce']],
    ['enforced first, then warned', [enforced, warned], ['enforce', 'warn']],
    [
      'two warned rule sets with the same finding: reported once',
      [warned, { ...warned, source: 'policy.yml rules[1] (line 4)' }],
      ['warn']
    ]
  ])('%s', (_name, sets, expected) => {
    expect(modes(sets)).toEqual(expected)
  })
})
