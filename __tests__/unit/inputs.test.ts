import { beforeEach, describe, expect, jest, test } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'

const setSecret = jest.fn<(secret: string) => void>()
const getInput = jest.fn<(name: string, opts?: { trimWhitespace?: boolean }) => string>(() => '')
jest.unstable_mockModule('@actions/core', () => ({ setSecret, getInput }))

const { DEFAULT_CONCURRENCY, InputError, parseBoolean, parseList, readInputs } =
  await import('../../src/gate/inputs.js')
const { clearSecrets, setMasker } = await import('../../src/core/secrets.js')
const { splitKeySources } = await import('../../src/trust/keys.js')

const D = `sha256:${'c'.repeat(64)}`

/** A getter over a map of input names; unknown inputs are empty, as core.getInput returns them. */
const inputs =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? ''

function inputError(values: Record<string, string>): InstanceType<typeof InputError> {
  try {
    readInputs(inputs(values))
  } catch (e) {
    expect(e).toBeInstanceOf(InputError)
    return e as InstanceType<typeof InputError>
  }
  throw new Error('expected readInputs to throw')
}

beforeEach(() => {
  setSecret.mockClear()
  // As the action wires it: every secret goes to the runner's masker.
  clearSecrets()
  setMasker(setSecret)
})

describe('parseList', () => {
  test.each<[string, string[]]>([
    ['', []],
    ['alpine', ['alpine']],
    ['alpine\nnginx', ['alpine', 'nginx']],
    ['alpine\r\nnginx\r\n', ['alpine', 'nginx']],
    ['alpine, nginx,redis', ['alpine', 'nginx', 'redis']],
    ['alpine,\nnginx , redis\n', ['alpine', 'nginx', 'redis']],
    ['  alpine  \n\n\n   \n nginx ', ['alpine', 'nginx']],
    ['# a comment\nalpine\n  # indented comment\nnginx', ['alpine', 'nginx']],
    ['alpine # trailing comment\nnginx', ['alpine', 'nginx']],
    ['alpine,,nginx,', ['alpine', 'nginx']],
    ['#only a comment', []],
    ['a#b, c', ['a#b', 'c']],
    [`ghcr.io/a/b@${D}`, [`ghcr.io/a/b@${D}`]],
    ['localhost:5000/x:1', ['localhost:5000/x:1']]
  ])('%j → %j', (value, expected) => {
    expect(parseList(value)).toEqual(expected)
  })

  test.each<[string, string[]]>([
    ['a=1,2\nb', ['a=1,2', 'b']],
    [
      'org.opencontainers.image.source=https://github.com/acme/*\n# comment\n\nmaintainer',
      ['org.opencontainers.image.source=https://github.com/acme/*', 'maintainer']
    ]
  ])('commas: false keeps commas: %j', (value, expected) => {
    expect(parseList(value, { commas: false })).toEqual(expected)
  })
})

describe('parseBoolean', () => {
  test.each<[string, boolean, boolean]>([
    ['true', false, true],
    ['True', false, true],
    ['TRUE', false, true],
    ['false', true, false],
    ['False', true, false],
    ['FALSE', true, false],
    [' true ', false, true],
    ['', true, true],
    ['', false, false],
    ['  ', false, false]
  ])('%j (fallback %s) → %s', (value, fallback, expected) => {
    expect(parseBoolean('non-root', value, fallback)).toBe(expected)
  })

  test.each(['yes', 'no', '1', '0', 'on', 'tRuE'])('%j is an error naming the input and the value', value => {
    expect(() => parseBoolean('non-root', value, false)).toThrow(InputError)
    expect(() => parseBoolean('non-root', value, false)).toThrow(`Input "non-root" is "${value}"`)
    expect(() => parseBoolean('non-root', value, false)).toThrow('true or false')
  })
})

describe('readInputs', () => {
  test('defaults', () => {
    const i = readInputs(inputs({ images: 'alpine' }))
    expect(i).toEqual({
      images: ['alpine'],
      policy: undefined,
      platforms: [],
      baseImages: [],
      maxAge: undefined,
      maxAgeText: '',
      digest: undefined,
      requireDigest: false,
      registries: [],
      labels: [],
      nonRoot: false,
      failBuild: true,
      username: '',
      password: '',
      registry: undefined,
      githubToken: '',
      insecureRegistries: [],
      concurrency: DEFAULT_CONCURRENCY,
      summary: true,
      files: [],
      sarif: undefined,
      changedFilesOnly: false,
      comment: false,
      signatureKeys: '',
      signatureIdentities: [],
      signatureIssuer: 'https://token.actions.githubusercontent.com',
      provenance: [],
      attestations: [],
      trustedRoot: undefined,
      signatureRepository: undefined,
      sbom: undefined,
      licenses: [],
      vulnerabilityDb: 'https://api.osv.dev',
      vex: []
    })
    expect(setSecret).not.toHaveBeenCalled()
  })

  test('every input, read and typed', () => {
    const i = readInputs(
      inputs({
        images: 'alpine\nghcr.io/acme/app:1 # the app',
        policy: ' .github/image-policy.yml ',
        platforms: 'linux/amd64, linux/arm64',
        'base-images': 'docker.io/library/alpine:3.*\ngcr.io/distroless/**',
        'max-age': ' 30d ',
        'require-digest': 'true',
        registries: 'GHCR.IO:443, docker.io, Registry-1.Docker.IO, *.Example.com',
        labels: 'org.opencontainers.image.source=https://github.com/acme/*,x\nmaintainer',
        'non-root': 'true',
        'fail-build': 'false',
        username: ' bot ',
        password: 'p@ss word',
        registry: 'https://index.docker.io/v1/',
        'github-token': 'ghs_token',
        'insecure-registries': 'HTTP://Reg.Internal:5000/',
        concurrency: '16',
        summary: 'false',
        files: 'Dockerfile\n**/compose.yml',
        sarif: 'image-gate.sarif',
        'changed-files-only': 'true'
      })
    )
    expect(i).toMatchObject({
      images: ['alpine', 'ghcr.io/acme/app:1'],
      policy: '.github/image-policy.yml',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' }
      ],
      baseImages: ['docker.io/library/alpine:3.*', 'gcr.io/distroless/**'],
      maxAge: 30 * 86_400,
      maxAgeText: '30d',
      requireDigest: true,
      registries: ['ghcr.io', 'docker.io', 'docker.io', '*.example.com'],
      labels: ['org.opencontainers.image.source=https://github.com/acme/*,x', 'maintainer'],
      nonRoot: true,
      failBuild: false,
      username: 'bot',
      password: 'p@ss word',
      registry: 'docker.io',
      githubToken: 'ghs_token',
      insecureRegistries: ['reg.internal:5000'],
      concurrency: 16,
      summary: false,
      files: ['Dockerfile', '**/compose.yml'],
      sarif: 'image-gate.sarif',
      changedFilesOnly: true
    })
    expect(setSecret).toHaveBeenCalledWith('p@ss word')
    expect(setSecret).toHaveBeenCalledWith('ghs_token')
  })

  test('files alone are enough', () => {
    expect(readInputs(inputs({ files: 'Dockerfile' })).images).toEqual([])
  })

  test.each(['1', '64', ' 8 '])('concurrency %j is accepted', value => {
    expect(readInputs(inputs({ images: 'alpine', concurrency: value })).concurrency).toBe(Number(value))
  })

  test('a single image with a digest', () => {
    expect(readInputs(inputs({ images: 'alpine', digest: ` ${D} ` })).digest).toBe(D)
  })

  test.each<[string, Record<string, string>, string[]]>([
    ['empty images and files', { images: ' \n# nothing\n' }, ['"images" is empty']],
    ['concurrency 0', { images: 'alpine', concurrency: '0' }, ['"concurrency"', '"0"', '1 to 64']],
    ['concurrency 65', { images: 'alpine', concurrency: '65' }, ['"concurrency"', '"65"', '1 to 64']],
    ['concurrency abc', { images: 'alpine', concurrency: 'abc' }, ['"concurrency"', '"abc"']],
    ['concurrency 2.5', { images: 'alpine', concurrency: '2.5' }, ['"concurrency"', '"2.5"']],
    ['concurrency -1', { images: 'alpine', concurrency: '-1' }, ['"concurrency"', '"-1"']],
    ['max-age 30', { images: 'alpine', 'max-age': '30' }, ['"max-age"', '"30"', 'unit']],
    ['max-age 1y', { images: 'alpine', 'max-age': '1y' }, ['"max-age"', '"1y"']],
    ['max-age 0d', { images: 'alpine', 'max-age': '0d' }, ['"max-age"', '"0d"', 'longer than zero']],
    ['platform linux', { images: 'alpine', platforms: 'linux/amd64\nlinux' }, ['"platforms"', '"linux"', 'os/arch']],
    ['platform a/b/c/d', { images: 'alpine', platforms: 'a/b/c/d' }, ['"platforms"', '"a/b/c/d"']],
    ['digest too short', { images: 'alpine', digest: 'sha256:abc' }, ['"digest"', '"sha256:abc"', '64 hex']],
    [
      'digest uppercase',
      { images: 'alpine', digest: `sha256:${'C'.repeat(64)}` },
      ['"digest"', `"sha256:${'C'.repeat(64)}"`]
    ],
    [
      'digest with several images',
      { images: 'alpine\nnginx', digest: D },
      ['"digest"', '"images" lists 2', 'name@digest']
    ],
    [
      'boolean require-digest',
      { images: 'alpine', 'require-digest': 'yes' },
      ['"require-digest"', '"yes"', 'true or false']
    ],
    ['boolean non-root', { images: 'alpine', 'non-root': '1' }, ['"non-root"', '"1"']],
    ['boolean fail-build', { images: 'alpine', 'fail-build': 'no' }, ['"fail-build"', '"no"']],
    ['boolean summary', { images: 'alpine', summary: 'off' }, ['"summary"', '"off"']],
    ['boolean changed-files-only', { images: 'alpine', 'changed-files-only': 'y' }, ['"changed-files-only"', '"y"']],
    [
      'username without password',
      { images: 'alpine', username: 'bot' },
      ['"username"', '"password"', '"password" is empty']
    ],
    [
      'password without username',
      { images: 'alpine', password: 'hunter22' },
      ['"username"', '"password"', '"username" is empty']
    ],
    ['a label without a key', { images: 'alpine', labels: 'a=b\n=value' }, ['"labels"', '"=value"', 'KEY=GLOB']],
    ['provenance without owner', { images: 'alpine', provenance: 'app' }, ['"provenance"', '"app"', 'owner/repo']],
    [
      'provenance as a URL',
      { images: 'alpine', provenance: 'https://github.com/acme/app' },
      ['"provenance"', 'owner/repo']
    ],
    [
      'issuer not a URL',
      { images: 'alpine', 'signature-identities': 'a@b.c', 'signature-issuer': 'github' },
      ['"signature-issuer"', '"github"', 'https://']
    ],
    [
      'attestations with no signer',
      { images: 'alpine', attestations: 'https://spdx.dev/Document' },
      ['"attestations"', 'signature-keys, signature-identities or provenance']
    ],
    [
      'inline key that is private',
      { images: 'alpine', 'signature-keys': '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----' },
      ['"signature-keys"', 'private key', 'never the private one']
    ],
    [
      'inline key that is garbage',
      { images: 'alpine', 'signature-keys': '-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----' },
      ['"signature-keys"', 'inline key 1', 'not a readable public key']
    ]
  ])('%s', (_name, values, phrases) => {
    const err = inputError(values)
    for (const p of phrases) expect(err.message).toContain(p)
    expect(err.message).not.toContain('hunter22')
  })

  test('the trust inputs, read and typed; inline PEM keeps its lines, paths split like lists', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString()
    const i = readInputs(
      inputs({
        images: 'alpine',
        'signature-keys': `cosign.pub\n${pem}keys/other.pub, keys/third.pub`,
        'signature-identities':
          'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*\nrelease@acme.example',
        'signature-issuer': ' https://accounts.google.com ',
        provenance: 'acme/app, acme/*',
        attestations: 'https://spdx.dev/Document\nhttps://cyclonedx.org/bom',
        'trusted-root': ' trusted_root.jsonl '
      })
    )
    expect(i).toMatchObject({
      signatureIdentities: [
        'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*',
        'release@acme.example'
      ],
      signatureIssuer: 'https://accounts.google.com',
      provenance: ['acme/app', 'acme/*'],
      attestations: ['https://spdx.dev/Document', 'https://cyclonedx.org/bom'],
      trustedRoot: 'trusted_root.jsonl'
    })
    expect(splitKeySources(i.signatureKeys)).toEqual({
      pems: [pem.trim()],
      paths: ['cosign.pub', 'keys/other.pub', 'keys/third.pub']
    })
  })

  test('signature-repository: registry/repository, its registry in its one spelling', () => {
    const i = readInputs(
      inputs({ images: 'alpine', 'signature-keys': 'cosign.pub', 'signature-repository': ' GHCR.io/acme/signatures ' })
    )
    expect(i.signatureRepository).toEqual({ registry: 'ghcr.io', repository: 'acme/signatures' })
    expect(
      readInputs(inputs({ images: 'alpine', policy: 'p.yml', 'signature-repository': 'localhost:5000/sigs' }))
        .signatureRepository
    ).toEqual({ registry: 'localhost:5000', repository: 'sigs' })
  })

  test.each([
    ['ghcr.io/acme/signatures:latest', 'it names a tag or a digest'],
    [`ghcr.io/acme/signatures@sha256:${'a'.repeat(64)}`, 'it names a tag or a digest'],
    ['ghcr.io/Acme/Sigs', 'must be lowercase'],
    ['https://ghcr.io/acme/sigs', 'without a scheme']
  ])('signature-repository %j is refused, naming the input and what to write', (value, why) => {
    const e = inputError({ images: 'alpine', 'signature-keys': 'cosign.pub', 'signature-repository': value })
    expect(e.message).toContain(`Input "signature-repository" is "${value}": `)
    expect(e.message).toContain(why)
    expect(e.message).toContain('write registry/repository, like ghcr.io/acme/signatures')
  })

  test('signature-repository with no trust rule is an error, never a lookup for nothing', () => {
    expect(inputError({ images: 'alpine', 'signature-repository': 'ghcr.io/acme/sigs' }).message).toContain(
      'Input "signature-repository" is "ghcr.io/acme/sigs", but no trust rule is on'
    )
  })

  test('a password given without a username is still masked', () => {
    inputError({ images: 'alpine', password: 'hunter22' })
    expect(setSecret).toHaveBeenCalledWith('hunter22')
  })

  test('the default getter reads core.getInput', () => {
    getInput.mockImplementation(name => (name === 'images' ? 'alpine' : ''))
    expect(readInputs().images).toEqual(['alpine'])
    expect(getInput).toHaveBeenCalledWith('images', { trimWhitespace: true })
  })

  test('the password is read as written, but for a trailing line break', () => {
    const values: Record<string, string> = {
      images: 'alpine',
      username: 'robot$ci+bot',
      password: '  p@ss:w/rd %41 \n'
    }
    getInput.mockImplementation((name, opts) => {
      const v = values[name] ?? ''
      return opts?.trimWhitespace === false ? v : v.trim()
    })
    const i = readInputs()
    expect(i.password).toBe('  p@ss:w/rd %41 ')
    expect(i.username).toBe('robot$ci+bot')
    expect(getInput).toHaveBeenCalledWith('password', { trimWhitespace: false })
  })
})

describe('glob inputs are bounded', () => {
  test.each([
    [
      'registries',
      { images: 'a', registries: `*${'r'.repeat(1 << 20)}` },
      'the pattern is 1048577 characters long, over the limit of 4096'
    ],
    // Lists are comma-separated, so brace lists reach a pattern only as ranges.
    ['files', { files: '**/{1..100000}/{a..z}' }, 'its braces expand to 2600000 patterns, over the limit of 256'],
    ['base-images', { images: 'a', 'base-images': 'alpine:3.{0..4095}' }, 'its braces expand to 4096 patterns'],
    ['labels', { images: 'a', labels: `k=${'{x,y}'.repeat(9)}` }, 'its braces expand to 512 patterns'],
    ['labels', { images: 'a', labels: `k=*${'x'.repeat(5000)}` }, 'the pattern is 5001 characters long']
  ])('%s: a clear error naming the input and the limit', (name, values, phrase) => {
    const e = inputError(values)
    expect(e.message).toContain(`Input "${name}" has the pattern "`)
    expect(e.message).toContain(phrase)
    expect(e.message.length).toBeLessThan(400)
  })
})

// A list input that turns a rule on must not turn it off by holding nothing: what an empty secret or variable leaves
// behind in a block or a comma list (on a fork's pull request, every secret is empty) is an error naming the input.
describe('an input that turns a rule on but holds nothing is an error, never a rule off', () => {
  const PEM = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString()
  test.each<[string, string]>([
    ['platforms', ' , '],
    ['platforms', '# linux/amd64'],
    ['base-images', '\n\n  # none yet\n'],
    ['registries', ',,,'],
    ['labels', '# org.opencontainers.image.source'],
    ['signature-keys', '\n  # the release key, from a secret\n  \n'],
    ['signature-keys', ', ,'],
    ['signature-identities', '  # https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*'],
    ['provenance', ' ,'],
    ['attestations', '# https://spdx.dev/Document'],
    ['licenses', ' # AGPL-*'],
    ['files', '# Dockerfile']
  ])('%s = %j', (name, value) => {
    const e = inputError({ images: 'alpine', [name]: value })
    expect(e.message).toMatch(
      new RegExp(
        `^Input "${name}" holds no entry, only blank lines, commas or # comments, which would leave its rule off`
      )
    )
    expect(e.message).toContain('that one is empty')
  })

  test('images that hold nothing beside files is an error too', () => {
    expect(inputError({ images: '# app', files: 'Dockerfile' }).message).toMatch(/^Input "images" holds no entry/)
  })

  test.each<[string, Record<string, string>, RegExp]>([
    [
      'an issuer without identities',
      { 'signature-issuer': 'https://accounts.google.com' },
      /^Input "signature-issuer" is "https:\/\/accounts.google.com", but "signature-identities" is empty/
    ],
    [
      'a trusted root with no trust rule',
      { 'trusted-root': 'root.json' },
      /^Input "trusted-root" is "root.json", but no trust rule is on/
    ]
  ])('%s', (_name, values, message) => {
    expect(inputError({ images: 'alpine', ...values }).message).toMatch(message)
  })

  test.each<[string, Record<string, string>]>([
    ['an entry beside a blank one (only the blank is dropped)', { platforms: 'linux/amd64,\n# arm later\n' }],
    ['the default issuer, with no identities', { 'signature-issuer': 'https://token.actions.githubusercontent.com' }],
    ['a trusted root with a policy, whose rules may use it', { 'trusted-root': 'root.json', policy: 'policy.yml' }],
    [
      'a trusted root with identities',
      { 'trusted-root': 'root.json', 'signature-identities': 'https://github.com/acme/*' }
    ],
    ['an inline key among comments', { 'signature-keys': `# release key\n${PEM}` }],
    ['nothing at all: the rule is simply not asked for', { platforms: '', 'signature-keys': '' }]
  ])('allowed: %s', (_name, values) => {
    expect(() => readInputs(inputs({ images: 'alpine', ...values }))).not.toThrow()
  })
})

describe('sbom and licenses', () => {
  test.each<[string, 'present' | 'signed' | undefined]>([
    ['', undefined],
    ['false', undefined],
    ['true', 'present'],
    ['TRUE', 'present'],
    ['signed', 'signed']
  ])('sbom %j', (value, expected) => {
    expect(readInputs(inputs({ images: 'alpine', sbom: value, 'signature-identities': 'x' })).sbom).toBe(expected)
  })

  test.each<[Record<string, string>, RegExp]>([
    [{ sbom: 'yes' }, /^Input "sbom" is "yes": write true .* signed .* or false$/],
    [{ sbom: 'signed' }, /^Input "sbom" is "signed", which needs a signer to trust/],
    [{ licenses: 'GPL3' }, /^Input "licenses" has "GPL3": "GPL3" is not on the SPDX licence list/],
    [{ licenses: 'MIT; GPL' }, /^Input "licenses" has "MIT; GPL": write an SPDX licence id/],
    [{ licenses: `${'A'.repeat(5000)}*` }, /^Input "licenses" has the pattern .*over the limit of 4096/]
  ])('%j is an error naming the input', (values, message) => {
    expect(inputError({ images: 'alpine', ...values }).message).toMatch(message)
  })

  test('licenses: ids in any case, globs, LicenseRefs and WITH are denied entries', () => {
    const i = readInputs(
      inputs({
        images: 'alpine',
        licenses: 'AGPL-*, gpl-3.0-only\nSSPL-1.0, LicenseRef-Proprietary, GPL-2.0-only WITH Classpath-exception-2.0'
      })
    )
    expect(i.licenses).toEqual([
      'AGPL-*',
      'gpl-3.0-only',
      'SSPL-1.0',
      'LicenseRef-Proprietary',
      'GPL-2.0-only WITH Classpath-exception-2.0'
    ])
  })
})

describe('the vulnerabilities inputs', () => {
  test('a severity, the database and VEX sources', () => {
    const i = readInputs(
      inputs({
        images: 'alpine',
        vulnerabilities: 'high',
        'vulnerability-db': 'https://osv.example.com/',
        vex: 'vex.json\nbase:.github/vex.json, github:acme/vex/app.json@main'
      })
    )
    expect([i.vulnerabilities, i.vulnerabilityDb, i.vex]).toEqual([
      'high',
      'https://osv.example.com',
      ['vex.json', 'base:.github/vex.json', 'github:acme/vex/app.json@main']
    ])
  })
  test('no database given: the default; none: only signed reports', () => {
    expect(readInputs(inputs({ images: 'alpine', vulnerabilities: 'any' })).vulnerabilityDb).toBe('https://api.osv.dev')
    expect(
      readInputs(inputs({ images: 'alpine', vulnerabilities: 'any', 'vulnerability-db': 'none' })).vulnerabilityDb
    ).toBeUndefined()
  })
  test('plain http on loopback, or on a host insecure-registries names', () => {
    expect(
      readInputs(inputs({ images: 'a', vulnerabilities: 'low', 'vulnerability-db': 'http://127.0.0.1:8080' }))
        .vulnerabilityDb
    ).toBe('http://127.0.0.1:8080')
    expect(
      readInputs(
        inputs({
          images: 'a',
          vulnerabilities: 'low',
          'vulnerability-db': 'http://osv.internal:8080',
          'insecure-registries': 'osv.internal:8080'
        })
      ).vulnerabilityDb
    ).toBe('http://osv.internal:8080')
  })
  test.each<[Record<string, string>, string]>([
    [{ vulnerabilities: 'severe' }, 'Input "vulnerabilities" is "severe": write the lowest severity that fails'],
    [
      { vulnerabilities: 'high', 'vulnerability-db': 'http://osv.example.com' },
      'is plain http://, allowed only for a loopback host'
    ],
    [{ vulnerabilities: 'high', 'vulnerability-db': 'https://u:p@osv.example.com' }, 'carries credentials in the URL'],
    [{ vulnerabilities: 'high', 'vulnerability-db': 'osv.dev' }, 'Input "vulnerability-db": "osv.dev" is not a URL'],
    [{ vulnerabilities: 'high', vex: '# only a comment' }, 'Input "vex" holds no entry'],
    [{ vex: 'vex.json' }, 'Input "vex" is set, but no vulnerabilities rule is on']
  ])('refused: %j', (values, message) => {
    const error = inputError({ images: 'alpine', ...values }).message
    expect(error).toContain(message)
    expect(error).not.toContain('u:p@')
  })
})
