import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { testSigner } from '../../support/signing.js'
import { PolicyError, loadPolicyFile, parsePolicy } from '../../../src/policy/loader.js'

const KNOWN = Object.keys(
  (
    JSON.parse(readFileSync(new URL('../../../policy.schema.json', import.meta.url), 'utf8')) as {
      definitions: { rule: { properties: object } }
    }
  ).definitions.rule.properties
).join(', ')

function problems(yaml: string): string[] {
  try {
    parsePolicy(yaml, 'policy.yml')
  } catch (e) {
    if (e instanceof PolicyError) return e.problems
    throw e
  }
  throw new Error('expected a PolicyError')
}

describe('policy loader', () => {
  test('the example of the design loads', () => {
    const rules = parsePolicy(
      `# yaml-language-server: $schema=../policy.schema.json
rules:
  - images: ["ghcr.io/acme/**"]
    platforms: [linux/amd64, linux/arm64]
    base-images: ["docker.io/library/alpine:3.*", "gcr.io/distroless/**"]
    max-age: 30d
    require-digest: true
    registries: [ghcr.io]
    labels: { org.opencontainers.image.source: "https://github.com/acme/*" }
    non-root: true
  - max-age: 1w2d
`,
      'policy.yml'
    )
    expect(rules).toHaveLength(2)
    expect(rules[0]).toMatchObject({
      source: 'policy.yml rules[0] (line 3)',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' }
      ],
      baseImages: ['docker.io/library/alpine:3.*', 'gcr.io/distroless/**'],
      maxAge: { seconds: 30 * 86400, text: '30d' },
      requireDigest: true,
      registries: ['ghcr.io'],
      labels: [{ key: 'org.opencontainers.image.source', glob: 'https://github.com/acme/*' }],
      nonRoot: true
    })
    expect(rules[0]!.images![0]!.name).toBe('ghcr.io/acme/**')
    expect(rules[1]).toEqual({ source: 'policy.yml rules[1] (line 11)', maxAge: { seconds: 9 * 86400, text: '1w2d' } })
  })

  test('registry hosts in images and registries are read as references write them', () => {
    const [rule] = parsePolicy(
      'rules:\n  - images: ["GHCR.IO:443/acme/**", "LOCALHOST:5000/x", "Docker.IO/alpine"]\n    registries: [GHCR.IO, "Registry-1.Docker.IO:443", "*.Example.com:443"]\n',
      'p.yml'
    )
    expect(rule!.images!.map(p => p.name)).toEqual(['ghcr.io/acme/**', 'localhost:5000/x', 'docker.io/library/alpine'])
    expect(rule!.registries).toEqual(['ghcr.io', 'docker.io', '*.example.com'])
  })

  test('labels: true means present', () => {
    expect(parsePolicy('rules:\n  - labels: { a: true, b: "x*" }\n', 'p.yml')[0]!.labels).toEqual([
      { key: 'a' },
      { key: 'b', glob: 'x*' }
    ])
  })

  test.each([
    // [yaml, expected problem lines]
    [
      'rules:\n  - max-age: 30x\n',
      [
        'policy.yml:2: rules[0].max-age: "30x" is not a duration: write a number and a unit (s m h d w), like 30d, 12h or 1w2d'
      ]
    ],
    ['rules:\n  - max-age: 30\n', ['policy.yml:2: rules[0].max-age: 30 must be a string']],
    [
      'rules:\n  - platforms: [linux/amd64, linux]\n',
      [
        'policy.yml:2: rules[0].platforms[1]: "linux" is not a platform: write os/arch or os/arch/variant, like linux/amd64 or linux/arm/v7'
      ]
    ],
    [
      'rules:\n  - platforms: linux/amd64\n',
      ['policy.yml:2: rules[0].platforms: "linux/amd64" must be a list, like [a, b]']
    ],
    [
      'rules:\n  - images: [x]\n    colour: red\n',
      [`policy.yml:3: rules[0]: unknown key "colour" (known keys: ${KNOWN})`]
    ],
    [
      'rule:\n  - max-age: 1d\n',
      [
        'policy.yml:1: (top level): "rules" is required',
        'policy.yml:1: (top level): unknown key "rule" (known keys: rules, exceptions)'
      ]
    ],
    ['rules:\n  - non-root: "yes"\n', ['policy.yml:2: rules[0].non-root: "yes" must be true or false']],
    [
      'rules:\n  - digest: sha256:abc\n',
      ['policy.yml:2: rules[0].digest: "sha256:abc" is not a digest: a sha256 digest has 64 hex characters, not 3']
    ],
    [
      'rules:\n  - labels: { a: false }\n',
      ['policy.yml:2: rules[0].labels.a: false is not allowed: write a glob the value must match, or true for present']
    ],
    [
      'rules:\n  - images: []\n',
      ['policy.yml:2: rules[0].images: the list is empty: list at least one item, or leave the key out']
    ],
    ['rules: {}\n', ['policy.yml:1: rules: {} must be a list, like [a, b]']]
  ])('%j', (yaml, expected) => {
    expect(problems(yaml)).toEqual(expected)
  })

  test('every problem is reported at once', () => {
    expect(problems('rules:\n  - max-age: 1x\n  - platforms: [x]\n    foo: 1\n')).toHaveLength(3)
  })

  test('trust keys: keys from files in the workspace, identities, issuer, provenance as a list or a map, attestations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-keys-'))
    const s = testSigner()
    writeFileSync(join(dir, 'cosign.pub'), s.pem)
    const rules = parsePolicy(
      `rules:
  - signature-keys: [cosign.pub]
    attestations: [https://spdx.dev/Document]
  - signature-identities: ["https://github.com/acme/app/.github/workflows/*.yml@refs/tags/*"]
    signature-issuer: https://accounts.example
    provenance: [acme/app]
  - provenance:
      repositories: [acme/*]
      workflows: [.github/workflows/release.yml]
      refs: [refs/tags/v*]
      runner: github-hosted
`,
      'policy.yml',
      dir
    )
    expect(rules[0]!.signature!.keys.map(k => k.fingerprint)).toEqual([s.publicKey.fingerprint])
    expect(rules[0]).toMatchObject({
      signature: { identities: [], issuer: 'https://token.actions.githubusercontent.com' },
      attestations: ['https://spdx.dev/Document']
    })
    expect(rules[1]).toMatchObject({
      signature: {
        keys: [],
        identities: ['https://github.com/acme/app/.github/workflows/*.yml@refs/tags/*'],
        issuer: 'https://accounts.example'
      },
      provenance: { repositories: ['acme/app'] }
    })
    expect(rules[2]!.provenance).toEqual({
      repositories: ['acme/*'],
      workflows: ['.github/workflows/release.yml'],
      refs: ['refs/tags/v*'],
      runner: 'github-hosted'
    })
  })

  test.each([
    [
      'rules:\n  - signature-keys: [missing.pub]\n',
      'policy.yml:2: rules[0].signature-keys: missing.pub: cannot read the key file: no such file in the workspace'
    ],
    [
      'rules:\n  - signature-issuer: https://accounts.example\n',
      'policy.yml:2: rules[0].signature-issuer: it applies to signature-identities'
    ],
    ['rules:\n  - signature-issuer: accounts\n', 'rules[0].signature-issuer'],
    ['rules:\n  - provenance: [app]\n', 'rules[0].provenance'],
    ['rules:\n  - provenance: { repositories: [a/b], runner: self-hosted }\n', 'rules[0].provenance'],
    ['rules:\n  - provenance: { workflows: [x] }\n', 'rules[0].provenance'],
    ['rules:\n  - attestations: []\n', 'rules[0].attestations: the list is empty'],
    [
      'rules:\n  - provenance: acme/app\n',
      'policy.yml:2: rules[0].provenance: "acme/app" must be a list, like [a, b], or a map'
    ]
  ])('%j is refused', (yaml, phrase) => {
    expect(problems(yaml).join('\n')).toContain(phrase)
  })

  test.each([
    '.github/workflows/release.yml',
    '.github/workflows/release.yml@refs/tags/v*',
    'acme/app/.github/workflows/release.yml',
    'acme/app/.github/workflows/release.yml@refs/tags/v*',
    'acme/*/.github/workflows/{build,release}.yml@refs/heads/main'
  ])('provenance.workflows: %j is a workflow', entry => {
    const rules = parsePolicy(
      `rules:\n  - provenance:\n      repositories: [acme/app]\n      workflows: ["${entry}"]\n`,
      'policy.yml'
    )
    expect(rules[0]!.provenance!.workflows).toEqual([entry])
  })

  test.each([
    'release.yml',
    'workflows/release.yml',
    'acme/app/release.yml',
    'acme/.github/workflows/release.yml',
    '**/.github/workflows/release.yml',
    'https://github.com/acme/app/.github/workflows/release.yml',
    '.github/workflows/release.yml@',
    ' .github/workflows/release.yml'
  ])('provenance.workflows: %j is refused, naming the file, line, key, value and the forms', entry => {
    const yaml = `rules:\n  - provenance:\n      repositories: [acme/app]\n      workflows:\n        - .github/workflows/ok.yml\n        - ${JSON.stringify(entry)}\n`
    expect(problems(yaml)).toEqual([
      `policy.yml:6: rules[0].provenance.workflows[1]: ${JSON.stringify(entry)} is not a workflow: write owner/repo/.github/workflows/FILE, optionally @REF (like acme/app/.github/workflows/release.yml@refs/tags/v*), or .github/workflows/FILE for the source repository's own workflow`
    ])
  })

  test('provenance.source-digest: a full commit SHA, kept in lower case', () => {
    const sha = 'ABCDEF0123456789abcdef0123456789ABCDEF01'
    const rules = parsePolicy(
      `rules:\n  - provenance:\n      repositories: [acme/app]\n      source-digest: ${sha}\n`,
      'policy.yml'
    )
    expect(rules[0]!.provenance).toEqual({ repositories: ['acme/app'], sourceDigest: sha.toLowerCase() })
  })

  test.each(['abc123', 'f'.repeat(41), 'g'.repeat(40), 'refs/heads/main'])(
    'provenance.source-digest: %j is refused, naming the line and what to write',
    value => {
      const yaml = `rules:\n  - provenance:\n      repositories: [acme/app]\n      source-digest: "${value}"\n`
      expect(problems(yaml)).toEqual([
        `policy.yml:4: rules[0].provenance.source-digest: "${value}" is not a commit: write its full SHA, 40 hex digits (git rev-parse HEAD)`
      ])
    }
  )

  test('trusted-root: a file relative to the workspace, read with the rule set; its place named for messages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-root-'))
    try {
      writeFileSync(join(dir, 'root.json'), '{"mediaType":"x"}')
      const rules = parsePolicy(
        'rules:\n  - images: ["ghcr.io/acme/**"]\n    provenance: [acme/app]\n    trusted-root: root.json\n  - max-age: 1d\n',
        'policy.yml',
        dir
      )
      expect(rules[0]!.trustedRoot).toEqual({
        path: 'root.json',
        text: '{"mediaType":"x"}',
        where: 'policy.yml:4: rules[0].trusted-root'
      })
      expect(rules[1]!.trustedRoot).toBeUndefined()
      writeFileSync(join(dir, 'big.json'), Buffer.alloc(4 * 1024 * 1024 + 1, 0x20))
      const p = (yaml: string): string[] => {
        try {
          parsePolicy(yaml, 'policy.yml', dir)
        } catch (e) {
          if (e instanceof PolicyError) return e.problems
          throw e
        }
        return []
      }
      expect(p('rules:\n  - trusted-root: big.json\n')).toEqual([
        'policy.yml:2: rules[0].trusted-root: "big.json" is over 4 MiB; a Sigstore trusted root is a few KiB'
      ])
      expect(p('rules:\n  - trusted-root: .\n')).toEqual([
        expect.stringMatching(/^policy\.yml:2: rules\[0\]\.trusted-root: "\.": the file cannot be read; give the path/)
      ])
      // A path that has no size to check beforehand (a device, a link to one) is refused without being read.
      symlinkSync('/dev/zero', join(dir, 'zero.json'))
      expect(p('rules:\n  - trusted-root: zero.json\n')).toEqual([
        expect.stringMatching(/^policy\.yml:2: rules\[0\]\.trusted-root: "zero\.json": the file cannot be read/)
      ])
      expect(p('rules:\n  - signature-keys: [zero.json]\n')).toEqual([
        expect.stringMatching(
          /^policy\.yml:2: rules\[0\]\.signature-keys: zero\.json: cannot read the key file: it is not a regular file/
        )
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test.each([
    [
      'rules:\n  - trusted-root: missing.json\n',
      'policy.yml:2: rules[0].trusted-root: "missing.json": no such file in the workspace; give the path (relative to the workspace) of a trusted_root.json'
    ],
    ['rules:\n  - trusted-root: ""\n', 'policy.yml:2: rules[0].trusted-root'],
    ['rules:\n  - trusted-root: [a.json]\n', 'policy.yml:2: rules[0].trusted-root: ["a.json"] must be a string']
  ])('trusted-root %j is refused', (yaml, phrase) => {
    expect(problems(yaml).join('\n')).toContain(phrase)
  })

  test('YAML syntax errors name the line and column', () => {
    const p = problems('rules: [\n')
    expect(p[0]).toMatch(/^policy\.yml:2:1: not valid YAML: /)
  })

  test('duplicate keys are an error', () => {
    expect(problems('rules:\n  - max-age: 1d\n    max-age: 2d\n')[0]).toMatch(
      /^policy\.yml:3:\d+: not valid YAML: Map keys must be unique/
    )
  })

  test('an empty file says what it needs', () => {
    expect(problems('')).toEqual(['policy.yml: the policy file is empty: it needs a "rules" list'])
  })

  test('sbom and licenses: true or signed; a list, or deny with unknown', () => {
    const rules = parsePolicy(
      `rules:
  - sbom: true
    licenses: [AGPL-*, GPL-3.0-*]
  - sbom: signed
    signature-identities: ["https://github.com/acme/*"]
    licenses: { deny: [SSPL-1.0], unknown: fail }
  - sbom: false
`,
      'policy.yml'
    )
    expect(rules[0]).toMatchObject({ sbom: 'present', licenses: { deny: ['AGPL-*', 'GPL-3.0-*'], unknown: 'pass' } })
    expect(rules[1]).toMatchObject({ sbom: 'signed', licenses: { deny: ['SSPL-1.0'], unknown: 'fail' } })
    expect(rules[2]!.sbom).toBeUndefined()
  })

  test.each<[string, RegExp]>([
    ['  - licenses: [GPL3]\n', /^policy\.yml:2: rules\[0\]\.licenses\[0\]: "GPL3" is not on the SPDX licence list/],
    ['  - licenses: { deny: [MIT], unknown: maybe }\n', /^policy\.yml:2: rules\[0\]\.licenses/],
    [
      '  - licenses: { deny: [MIT, "GPL 3"] }\n',
      /^policy\.yml:2: rules\[0\]\.licenses\.deny\[1\]: write an SPDX licence id/
    ],
    ['  - sbom: maybe\n', /^policy\.yml:2: rules\[0\]\.sbom/]
  ])('%j is a problem at its line', (rule, problem) => {
    expect(problems(`rules:\n${rule}`)[0]).toMatch(problem)
  })

  test('the schema in the repository is the one the loader uses', () => {
    const schema = JSON.parse(readFileSync(new URL('../../../policy.schema.json', import.meta.url), 'utf8')) as {
      definitions: { rule: { properties: object } }
    }
    expect(Object.keys(schema.definitions.rule.properties)).toEqual([
      ...[
        'images',
        'platforms',
        'base-images',
        'max-age',
        'digest',
        'require-digest',
        'registries',
        'labels',
        'non-root',
        'base-current',
        'pins-current'
      ],
      ...[
        'signature-keys',
        'signature-identities',
        'signature-issuer',
        'signers',
        'threshold',
        'required',
        'notation-trust-policy',
        'provenance',
        'attestations',
        'sbom',
        'licenses',
        'vulnerabilities',
        'trusted-root',
        'signature-repository',
        'mode'
      ]
    ])
  })
})

describe('bounds', () => {
  test('a glob past the bounds is a problem naming the file, line, key and limit', () => {
    const yaml = `rules:\n  - images: ["ghcr.io/**"]\n    registries:\n      - "${'{a,b}'.repeat(20)}"\n    labels: { k: "${'x'.repeat(5000)}" }\n`
    expect(() => parsePolicy(yaml, 'policy.yml')).toThrow(PolicyError)
    try {
      parsePolicy(yaml, 'policy.yml')
    } catch (e) {
      expect((e as PolicyError).problems).toEqual([
        `policy.yml:4: rules[0].registries[0]: its braces expand to ${2 ** 20} patterns, over the limit of 256; write a shorter pattern, or several`,
        'policy.yml:5: rules[0].labels.k: the pattern is 5000 characters long, over the limit of 4096; write a shorter pattern, or several'
      ])
    }
  })

  test("the trust rules' globs are bounded too, named at their lines", () => {
    const bad = '{a,b}'.repeat(9)
    const yaml = `rules:\n  - signature-identities: ["${bad}"]\n  - provenance: ["acme/${bad}"]\n  - provenance:\n      repositories: [acme/app]\n      refs: ["${bad}"]\n`
    let problems: string[] = []
    try {
      parsePolicy(yaml, 'policy.yml')
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e
      problems = e.problems
    }
    const expand = `its braces expand to ${2 ** 9} patterns, over the limit of 256; write a shorter pattern, or several`
    expect(problems).toEqual([
      `policy.yml:2: rules[0].signature-identities[0]: ${expand}`,
      `policy.yml:3: rules[1].provenance[0]: ${expand}`,
      `policy.yml:6: rules[2].provenance.refs[0]: ${expand}`
    ])
  })

  test('a policy file that is a link to a device is refused without being read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-policy-'))
    try {
      symlinkSync('/dev/zero', join(dir, 'policy.yml'))
      expect(() => loadPolicyFile(join(dir, 'policy.yml'), 'policy.yml')).toThrow(
        /^policy\.yml: cannot read the policy file: it is not a regular file$/
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a policy file over the size limit is refused before it is parsed, quickly and with little memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-policy-'))
    try {
      const path = join(dir, 'policy.yml')
      writeFileSync(path, `rules:\n${'  - images: ["ghcr.io/acme/app"]\n    non-root: true\n'.repeat(200_000)}`)
      const before = process.memoryUsage().heapUsed
      const started = Date.now()
      expect(() => loadPolicyFile(path, 'policy.yml')).toThrow(
        /^policy\.yml: the policy file is \d+ bytes, over the limit of 256 KiB/
      )
      expect(Date.now() - started).toBeLessThan(500)
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 << 20)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

// A policy written to turn a rule on must not leave it off by holding nothing: a blank entry, a comment-only key, an
// empty list or map is an error at its line, never a rule that silently does not exist.
describe('a key that turns a rule on but holds nothing is an error at its line', () => {
  const EMPTY =
    'the entry is empty (blank, or only a # comment): give a value or remove the entry; if it is filled in from a secret or a variable, that one is empty'
  test.each<[string, string, string[]]>([
    [
      'a blank signature key',
      'rules:\n  - signature-keys: ["  "]\n',
      [`policy.yml:2: rules[0].signature-keys[0]: ${EMPTY}`]
    ],
    [
      'a comment-only signature key',
      'rules:\n  - signature-keys:\n      - "# the release key"\n',
      [`policy.yml:3: rules[0].signature-keys[0]: ${EMPTY}`]
    ],
    [
      'an empty string among identities',
      'rules:\n  - signature-identities: ["https://x.example/*", ""]\n',
      [`policy.yml:2: rules[0].signature-identities[1]: ${EMPTY}`]
    ],
    [
      'a tab-only attestation type',
      'rules:\n  - attestations: ["\\t"]\n    signature-identities: [a]\n',
      [`policy.yml:2: rules[0].attestations[0]: ${EMPTY}`]
    ],
    ['a blank base image', 'rules:\n  - base-images: [" "]\n', [`policy.yml:2: rules[0].base-images[0]: ${EMPTY}`]],
    ['a blank registry', 'rules:\n  - registries: [""]\n', [`policy.yml:2: rules[0].registries[0]: ${EMPTY}`]],
    [
      'a blank workflow',
      'rules:\n  - provenance: { repositories: [acme/app], workflows: [" "] }\n',
      [`policy.yml:2: rules[0].provenance.workflows[0]: ${EMPTY}`]
    ],
    [
      'an empty platforms list',
      'rules:\n  - platforms: []\n',
      ['policy.yml:2: rules[0].platforms: the list is empty: list at least one item, or leave the key out']
    ],
    [
      'an empty labels map',
      'rules:\n  - labels: {}\n',
      ['policy.yml:2: rules[0].labels: the map is empty: list at least one KEY: value, or leave the key out']
    ]
  ])('%s', (_name, yaml, expected) => {
    expect(problems(yaml)).toEqual(expected)
  })

  test('a comment beside a real key names the entry that holds nothing, and the real key still loads alone', () => {
    const { pem } = testSigner()
    const yaml = `rules:\n  - signature-keys:\n      - |\n${pem
      .trim()
      .split('\n')
      .map(l => `        ${l}`)
      .join('\n')}\n      - "# the second key, not yet issued"\n`
    expect(problems(yaml)).toEqual([
      expect.stringMatching(/^policy\.yml:\d+: rules\[0\]\.signature-keys\[1\]: the entry is empty/)
    ])
    const rules = parsePolicy(
      `rules:\n  - signature-keys:\n      - |\n${pem
        .trim()
        .split('\n')
        .map(l => `        ${l}`)
        .join('\n')}\n`,
      'policy.yml'
    )
    expect(rules[0]!.signature!.keys).toHaveLength(1)
  })
})

describe('notation-trust-policy in a rule', () => {
  test.each<[string, unknown]>([
    ['true', {}],
    ['[acme-images, acme-tools]', { policies: ['acme-images', 'acme-tools'] }]
  ])('notation-trust-policy: %s counts Notation signatures for the rule', (value, notation) => {
    const doc = `rules:\n  - images: ["ghcr.io/acme/**"]\n    notation-trust-policy: ${value}\n`
    expect(parsePolicy(doc, 'policy.yml')[0]!.signature).toEqual({
      keys: [],
      identities: [],
      issuer: 'https://token.actions.githubusercontent.com',
      notation
    })
  })

  test.each(['false', '[]', '"acme"'])('notation-trust-policy: %s is a policy error', value => {
    const doc = `rules:\n  - images: ["ghcr.io/acme/**"]\n    notation-trust-policy: ${value}\n`
    expect(() => parsePolicy(doc, 'policy.yml')).toThrow(/policy.yml:3: rules\[0\]\.notation-trust-policy/)
  })
})
