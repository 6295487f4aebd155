import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RULES } from '../../src/policy/findings.js'
import type { Report } from '../../src/report/report.js'
import {
  buildSarif,
  docUrl,
  FINGERPRINT_KEY,
  fallbackLocation,
  RULE_HELP,
  SARIF_RULES,
  sarifFallback,
  toUri,
  writeSarif,
  type SarifLocation,
  type SarifLog,
  type SarifResult
} from '../../src/report/sarif.js'
import { clearSecrets, registerSecret } from '../../src/core/secrets.js'
import { validateSarif } from '../support/sarif-validate.js'

const validate = validateSarif

function expectValid(sarif: unknown): void {
  const ok = validate(sarif)
  expect(validate.errors ?? []).toEqual([])
  expect(ok).toBe(true)
}

/** What GitHub code scanning requires beyond the schema (it rejects the whole upload otherwise). */
function expectAcceptedByCodeScanning(sarif: SarifLog): void {
  for (const run of sarif.runs) {
    expect(Array.isArray(run.results)).toBe(true)
    const ids = run.tool.driver.rules.map(r => (r as { id: string }).id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const r of run.results) {
      expect(ids[r.ruleIndex]).toBe(r.ruleId)
      expect(r.locations?.length ?? 0).toBeGreaterThanOrEqual(1)
      for (const l of r.locations ?? []) {
        const uri = l.physicalLocation.artifactLocation.uri
        expect(uri).not.toBe('')
        expect(uri).not.toMatch(/^[a-z][a-z0-9+.-]*:/i) // relative: no scheme
        expect(new URL(uri, 'file:///checkout/').href.startsWith('file:///checkout/')).toBe(true)
        expect(l.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1)
      }
    }
  }
}

test.each<[string, (s: SarifLog) => void]>([
  [
    'a line number 0',
    s => void ((s.runs[0]?.results[0]?.locations?.[0]?.physicalLocation.region as { startLine: number }).startLine = 0)
  ],
  ['a result without a message', s => void delete (s.runs[0]?.results[0] as { message?: unknown }).message],
  [
    'an unknown result property',
    s => void ((s.runs[0]?.results[0] as unknown as Record<string, unknown>).severity = 'high')
  ],
  ['an unknown level', s => void ((s.runs[0]?.results[0] as { level: string }).level = 'fatal')],
  [
    'a URI with a space',
    s =>
      void ((s.runs[0]?.results[0]?.locations?.[0]?.physicalLocation.artifactLocation as { uri: string }).uri =
        'a b/Dockerfile')
  ],
  ['a tool without a name', s => void delete (s.runs[0]?.tool.driver as { name?: string }).name],
  ['another SARIF version', s => void ((s as { version: string }).version = '2.0.0')]
])('the schema check is live: it rejects %s', (_name, spoil) => {
  const s = buildSarif(
    report([finding('non-root', 'a:1', 'root')]),
    new Map([['a:1', [{ file: 'Dockerfile', line: 1, col: 6 }]]]),
    OPTS
  )
  expectValid(s)
  spoil(s)
  expect(validate(s)).toBe(false)
})

type F = Report['findings'][number]
const finding = (rule: string, image: string, message: string, extra: Partial<F> = {}): F => ({
  rule,
  image,
  mode: 'enforce',
  exception: null,
  reference: null,
  platform: null,
  severity: 'error',
  message,
  locations: [],
  ...extra
})

function report(findings: F[]): Report {
  return {
    version: 1,
    tool: { name: 'image-gate', version: '1.0.0' },
    result: findings.length > 0 ? 'fail' : 'pass',
    violations: findings.length,
    failBuild: true,
    rules: ['platforms', 'non-root'],
    images: [],
    warnings: [],
    findings,
    registries: [],
    exceptions: []
  }
}

const OPTS = { toolVersion: '1.2.3', readmeUrl: 'https://github.com/acme/image-gate/blob/v1/README.md' }
const WORKFLOW = '.github/workflows/gate.yml'
const WORKFLOW_TEXT =
  'on: pull_request\njobs:\n  gate:\n    steps:\n      - uses: acme/image-gate@v1\n        with:\n          images: |\n            ghcr.io/acme/api:1\n            ghcr.io/acme/web:2\n'

const PLACES = new Map<string, SarifLocation[]>([
  [
    'nginx:1.27',
    [
      { file: 'compose.yaml', line: 7, col: 12 },
      { file: 'docker-compose.override.yml', line: 3, col: 12 },
      { file: 'compose.yaml', line: 7, col: 12 }
    ]
  ],
  ['golang:1.22-alpine', [{ file: 'Dockerfile', line: 8, col: 32 }]]
])

const FINDINGS: F[] = [
  finding('non-root', 'nginx:1.27', 'the default user is root', {
    reference: 'docker.io/library/nginx:1.27',
    platform: 'linux/amd64'
  }),
  finding('platforms', 'golang:1.22-alpine', 'linux/s390x missing: the index has linux/amd64, linux/arm64/v8', {
    platform: 'linux/s390x'
  }),
  finding('inspect', 'ghcr.io/acme/web:2', 'ghcr.io/acme/web:2 not found (404 MANIFEST_UNKNOWN)', {
    reference: 'ghcr.io/acme/web:2'
  }),
  finding('max-age', 'ghcr.io/acme/gone:1', 'created 400 days ago, more than 30d', { severity: 'warning' })
]

describe('buildSarif', () => {
  const sarif = buildSarif(report(FINDINGS), PLACES, { ...OPTS, fallback: { file: WORKFLOW, text: WORKFLOW_TEXT } })
  const run = sarif.runs[0]
  const results = run?.results ?? []

  test('is valid SARIF 2.1.0 that code scanning accepts', () => {
    expectValid(sarif)
    expectAcceptedByCodeScanning(sarif)
    expect(sarif.version).toBe('2.1.0')
    expect(run?.tool.driver).toMatchObject({ name: 'image-gate', version: '1.2.3', semanticVersion: '1.2.3' })
  })

  test('one rule descriptor per rule, with help that links to the page of docs/ that documents it', () => {
    const rules = (run?.tool.driver.rules ?? []) as Array<{
      id: string
      helpUri: string
      help: { text: string; markdown: string }
      shortDescription: { text: string }
      defaultConfiguration: { level: string }
    }>
    expect(rules.map(r => r.id)).toEqual([...RULES, 'inspect'])
    expect(SARIF_RULES).toEqual([...RULES, 'inspect'])
    for (const r of rules) {
      expect(r.helpUri).toBe(
        `https://github.com/acme/image-gate/blob/v1/${RULE_HELP[r.id as keyof typeof RULE_HELP].doc}`
      )
      expect(r.helpUri).toMatch(/^https:\/\/github\.com\/acme\/image-gate\/blob\/v1\/docs\/[a-z-]+\.md(#[a-z0-9-]+)?$/)
      expect(r.help.text).toContain(r.helpUri)
      expect(r.help.markdown).toContain(`(${r.helpUri})`)
      expect(r.shortDescription.text).not.toBe('')
      expect(r.defaultConfiguration.level).toBe('error')
    }
  })

  test('one result per finding per distinct place, on the repository-relative file and line', () => {
    const where = (r: SarifResult) => [
      r.ruleId,
      r.level,
      r.locations?.[0]?.physicalLocation.artifactLocation.uri,
      r.locations?.[0]?.physicalLocation.region.startLine,
      r.locations?.[0]?.physicalLocation.region.startColumn
    ]
    expect(results.map(where)).toEqual([
      ['non-root', 'error', 'compose.yaml', 7, 12],
      ['non-root', 'error', 'docker-compose.override.yml', 3, 12],
      ['platforms', 'error', 'Dockerfile', 8, 32],
      ['inspect', 'error', WORKFLOW, 9, 13],
      ['max-age', 'warning', WORKFLOW, 1, 1]
    ])
    expect(
      results.every(
        r => r.locations?.length === 1 && r.locations[0]?.physicalLocation.artifactLocation.uriBaseId === '%SRCROOT%'
      )
    ).toBe(true)
  })

  test('the message names the image and the platform, as the annotations do', () => {
    expect(results.map(r => r.message.text)).toEqual([
      'nginx:1.27 (linux/amd64): the default user is root',
      'nginx:1.27 (linux/amd64): the default user is root',
      'golang:1.22-alpine: linux/s390x missing: the index has linux/amd64, linux/arm64/v8',
      'ghcr.io/acme/web:2: ghcr.io/acme/web:2 not found (404 MANIFEST_UNKNOWN)',
      'ghcr.io/acme/gone:1: created 400 days ago, more than 30d'
    ])
    expect(results[0]?.properties).toEqual({
      image: 'nginx:1.27',
      reference: 'docker.io/library/nginx:1.27',
      platform: 'linux/amd64'
    })
  })

  test('ruleIndex points at the descriptor of ruleId', () => {
    for (const r of results) expect(SARIF_RULES[r.ruleIndex]).toBe(r.ruleId)
  })

  test('partialFingerprints are stable per rule, image, platform, file and line', () => {
    const again = buildSarif(report(FINDINGS), PLACES, { ...OPTS, fallback: { file: WORKFLOW, text: WORKFLOW_TEXT } })
    const fp = (s: SarifLog) => s.runs[0]?.results.map(r => r.partialFingerprints[FINGERPRINT_KEY])
    expect(fp(again)).toEqual(fp(sarif))
    const all = fp(sarif) ?? []
    expect(new Set(all).size).toBe(all.length)
    expect(all.every(x => /^[0-9a-f]{64}$/.test(x ?? ''))).toBe(true)

    const one = (place: SarifLocation, platform: string | null = 'linux/amd64') =>
      buildSarif(
        report([finding('non-root', 'nginx:1.27', 'root', { platform })]),
        new Map([['nginx:1.27', [place]]]),
        OPTS
      ).runs[0]?.results[0]?.partialFingerprints[FINGERPRINT_KEY]
    const base = one({ file: 'compose.yaml', line: 7, col: 12 })
    expect(one({ file: 'compose.yaml', line: 7, col: 3 })).toBe(base)
    expect(one({ file: 'compose.yaml', line: 8, col: 12 })).not.toBe(base)
    expect(one({ file: 'other.yaml', line: 7, col: 12 })).not.toBe(base)
    expect(one({ file: 'compose.yaml', line: 7, col: 12 }, 'linux/arm64')).not.toBe(base)
  })

  test('without a fallback, a result about an image no file references has no location (valid SARIF, but code scanning rejects it)', () => {
    const s = buildSarif(report(FINDINGS), PLACES, OPTS)
    expectValid(s)
    const bare = s.runs[0]?.results.filter(r => r.locations === undefined) ?? []
    expect(bare.map(r => r.ruleId)).toEqual(['inspect', 'max-age'])
    expect(bare.every(r => /^[0-9a-f]{64}$/.test(r.partialFingerprints[FINGERPRINT_KEY] ?? ''))).toBe(true)
  })

  test('no findings: an empty results array', () => {
    const s = buildSarif(report([]), new Map(), OPTS)
    expectValid(s)
    expectAcceptedByCodeScanning(s)
    expect(s.runs[0]?.results).toEqual([])
  })

  test('a rule the descriptors do not know gets one', () => {
    const s = buildSarif(
      report([finding('policy', 'a:1', 'odd')]),
      new Map([['a:1', [{ file: 'Dockerfile', line: 1, col: 6 }]]]),
      OPTS
    )
    expectValid(s)
    expectAcceptedByCodeScanning(s)
    expect(s.runs[0]?.results[0]?.ruleIndex).toBe(SARIF_RULES.length)
  })

  test('the README URL loses any fragment and its name before the help page is added', () => {
    const s = buildSarif(report([]), new Map(), { ...OPTS, readmeUrl: 'https://example.com/README.md#readme' })
    expect((s.runs[0]?.tool.driver.rules[0] as { helpUri: string }).helpUri).toBe(
      'https://example.com/docs/policy.md#rules'
    )
    expect(s.runs[0]?.tool.driver.informationUri).toBe('https://example.com/README.md')
  })

  test.each([
    [
      'a release tag',
      'https://github.com/acme/image-gate/blob/v1.2.3/README.md',
      'docs/trust.md',
      'https://github.com/acme/image-gate/blob/v1.2.3/docs/trust.md'
    ],
    [
      'a ref with slashes',
      'https://github.com/acme/image-gate/blob/feature/x/README.md',
      'docs/policy.md#rules',
      'https://github.com/acme/image-gate/blob/feature/x/docs/policy.md#rules'
    ],
    [
      'GitHub Enterprise Server',
      'https://ghe.example.com/ops/image-gate/blob/main/README.md',
      'docs/policy.md#rules',
      'https://ghe.example.com/ops/image-gate/blob/main/docs/policy.md#rules'
    ],
    [
      'a fragment holding a slash',
      'https://example.com/r/README.md#a/b',
      'docs/policy.md#rules',
      'https://example.com/r/docs/policy.md#rules'
    ]
  ])('the help page of %s sits beside its README', (_name, readme, doc, url) => {
    expect(docUrl(readme, doc)).toBe(url)
  })

  test('file names become relative URI references', () => {
    const odd = new Map([
      [
        'a:1',
        [
          { file: 'dir with space/Dockerfile', line: 1, col: 6 },
          { file: 'c:d/#x?.yaml', line: 2, col: 1 },
          { file: 'ünï/100%.yml', line: 3, col: 1 }
        ]
      ]
    ])
    const s = buildSarif(report([finding('registries', 'a:1', 'not allowed')]), odd, OPTS)
    expectValid(s)
    expectAcceptedByCodeScanning(s)
    expect(s.runs[0]?.results.map(r => r.locations?.[0]?.physicalLocation.artifactLocation.uri)).toEqual([
      'dir%20with%20space/Dockerfile',
      'c%3Ad/%23x%3F.yaml',
      '%C3%BCn%C3%AF/100%25.yml'
    ])
  })
})

test.each<[string, string, string]>([
  ['Dockerfile', 'Dockerfile', 'a plain path'],
  ['./k8s/app.yaml', 'k8s/app.yaml', 'a leading ./'],
  ['build\\app.Dockerfile', 'build/app.Dockerfile', 'backslashes'],
  ['.github/workflows/ci.yml', '.github/workflows/ci.yml', 'dot segments kept']
])('toUri(%j) = %j (%s)', (file, uri) => {
  expect(toUri(file)).toBe(uri)
})

describe('fallbackLocation', () => {
  test.each<[string | undefined, string, SarifLocation]>([
    [WORKFLOW_TEXT, 'ghcr.io/acme/api:1', { file: WORKFLOW, line: 8, col: 13 }],
    [WORKFLOW_TEXT, 'ghcr.io/acme/web:2', { file: WORKFLOW, line: 9, col: 13 }],
    [WORKFLOW_TEXT, 'not/there:1', { file: WORKFLOW, line: 1, col: 1 }],
    [undefined, 'ghcr.io/acme/api:1', { file: WORKFLOW, line: 1, col: 1 }],
    ['images: alpine\r\n', 'alpine', { file: WORKFLOW, line: 1, col: 9 }]
  ])('%#: %s', (text, image, expected) => {
    expect(fallbackLocation({ file: WORKFLOW, ...(text === undefined ? {} : { text }) }, image)).toEqual(expected)
  })
})

describe('sarifFallback and writeSarif', () => {
  const dir = mkdtempSync(join(tmpdir(), 'image-gate-sarif-'))
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
    clearSecrets()
  })

  test('the workflow that runs the action, from GITHUB_WORKFLOW_REF, read from the workspace', () => {
    mkdirSync(join(dir, '.github/workflows'), { recursive: true })
    writeFileSync(join(dir, WORKFLOW), WORKFLOW_TEXT)
    expect(sarifFallback(dir, { GITHUB_WORKFLOW_REF: `acme/app/${WORKFLOW}@refs/pull/7/merge` })).toEqual({
      file: WORKFLOW,
      text: WORKFLOW_TEXT
    })
    expect(
      sarifFallback(dir, { GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/missing.yml@refs/heads/main' })
    ).toEqual({ file: '.github/workflows/missing.yml' })
    expect(sarifFallback(dir, {})).toBeUndefined()
    expect(sarifFallback(dir, { GITHUB_WORKFLOW_REF: 'garbage' })).toBeUndefined()
  })

  test('writes the log as JSON, creating the directory, with secrets redacted', () => {
    registerSecret('s3cr3t-token')
    const s = buildSarif(report([finding('inspect', 'a:1', 'refused with s3cr3t-token')]), new Map(), {
      ...OPTS,
      fallback: { file: WORKFLOW }
    })
    const path = join(dir, 'out/results.sarif')
    writeSarif(path, s)
    const text = readFileSync(path, 'utf8')
    expect(text).not.toContain('s3cr3t-token')
    const parsed = JSON.parse(text) as SarifLog
    expectValid(parsed)
    expectAcceptedByCodeScanning(parsed)
    expect(parsed.runs[0]?.results[0]?.message.text).toBe('a:1: refused with ***')
  })
})
