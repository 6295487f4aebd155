/**
 * The vulnerabilities rule against the real registry: signed vulnerability reports (cosign's vuln predicate around
 * Trivy's real output, pushed as a `.att` DSSE as `cosign attest --type vuln` does), SBOMs (syft's SPDX, attested
 * as `cosign attest --type spdxjson` does) whose packages are asked of the OSV stand-in serving real records, VEX
 * documents from the workspace, exceptions by alias, and failing closed when there is nothing to judge by or the
 * database cannot answer.
 */
import { gateIn } from '../support/gate.js'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildReport } from '../../src/report/report.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { OCI_CONFIG, OCI_INDEX, OCI_MANIFEST, Pusher, sha256, type PushedImage } from '../support/push.js'
import { cleanupCli, runCli } from '../support/run-cli.js'
import { SignaturePusher } from '../support/sign-push.js'
import { envelope, simpleSigningPayload, statement, testSigner, type TestSigner } from '../support/signing.js'
import type { GateResult } from '../../src/gate/result.js'
import { startOsvServer, type OsvServer } from '../support/osv-server.js'
import { cleanup, runAction } from '../support/run-action.js'
import { FakeGitHub } from '../support/fake-github.js'

const VULN = 'https://cosign.sigstore.dev/attestation/vuln/v1'
const NOW = new Date()
const daysAgo = (n: number): string => new Date(NOW.getTime() - n * 86_400_000).toISOString()
const trivy = JSON.parse(readFileSync(new URL('../fixtures/vulns/trivy-alpine-310.json', import.meta.url), 'utf8')) as {
  Results: Array<{ Vulnerabilities: Array<Record<string, unknown>> }>
}
// The fixture's findings, one made critical so that `high` fails on it.
trivy.Results[0]!.Vulnerabilities[0]!.Severity = 'CRITICAL'
const predicate = (finished: string): unknown => ({
  invocation: { parameters: null, uri: '', event_id: '', 'builder.id': '' },
  scanner: {
    uri: 'pkg:github/aquasecurity/trivy@v0.58.0',
    version: 'v0.58.0',
    db: { uri: '', version: '' },
    result: trivy
  },
  metadata: { scanStartedOn: finished, scanFinishedOn: finished }
})

const SPDX = 'https://spdx.dev/Document'
const OPENVEX = 'https://openvex.dev/ns/v0.2.0'
const LOOKED = "(looked in the index's attestation manifests and in the attestations of the platform and the index)"
/** syft's SPDX 2.3 output for an image, with lodash 4.17.20 (GHSA-35jh-r3h4-6jhm, fixed in 4.17.21) among its packages. */
const sbom = JSON.parse(
  readFileSync(new URL('../fixtures/sbom/syft-spdx-2.3-image.json', import.meta.url), 'utf8')
) as { packages: unknown[] }
sbom.packages.push({
  name: 'lodash',
  SPDXID: 'SPDXRef-Package-npm-lodash-1f2e3d4c5b6a7980',
  versionInfo: '4.17.20',
  supplier: 'NOASSERTION',
  downloadLocation: 'NOASSERTION',
  filesAnalyzed: false,
  licenseConcluded: 'NOASSERTION',
  licenseDeclared: 'MIT',
  copyrightText: 'NOASSERTION',
  externalRefs: [
    { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/lodash@4.17.20' }
  ]
})

let osv: OsvServer
let pusher: Pusher
let reg: TestRegistry
let key: TestSigner
let other: TestSigner
let workspace: string
const img: Record<string, PushedImage> = {}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  const push = new Pusher(reg)
  pusher = push
  const sp = new SignaturePusher(push)
  key = testSigner('P-256')
  other = testSigner('P-256')
  osv = await startOsvServer()
  const names = ['fresh', 'stale', 'nothing', 'otherkey', 'sbom', 'sbom2', 'vexatt', 'vexother']
  const pushed = await Promise.all(names.map(n => push.image(`v/${n}`, { tag: '1' })))
  names.forEach((n, i) => (img[n] = pushed[i]!))
  const attest = async (n: string, signer: TestSigner, finished: string): Promise<void> => {
    const d = img[n]!.digest
    await sp.signLegacy(`v/${n}`, d, signer, simpleSigningPayload(d))
    await sp.cosignAtt(`v/${n}`, d, [envelope(signer, statement([d], VULN, predicate(finished)))])
  }
  await Promise.all([
    attest('fresh', key, daysAgo(1)),
    attest('stale', key, daysAgo(23)),
    attest('otherkey', other, daysAgo(1)),
    sp.signLegacy('v/nothing', img.nothing!.digest, key, simpleSigningPayload(img.nothing!.digest)),
    ...['sbom', 'sbom2', 'vexatt', 'vexother'].map(async n => {
      const d = img[n]!.digest
      // An OpenVEX attestation beside the SBOM: by the accepted key for vexatt, by another for vexother.
      const vex = {
        '@context': 'https://openvex.dev/ns/v0.2.0',
        statements: [
          {
            vulnerability: { name: 'GHSA-35jh-r3h4-6jhm' },
            products: [
              { '@id': `pkg:oci/${n}@${d.replace(':', '%3A')}`, subcomponents: [{ '@id': 'pkg:npm/lodash' }] }
            ],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path'
          }
        ]
      }
      await sp.signLegacy(`v/${n}`, d, key, simpleSigningPayload(d))
      await sp.cosignAtt(`v/${n}`, d, [
        envelope(key, statement([d], SPDX, sbom)),
        ...(n === 'vexatt' ? [envelope(key, statement([d], OPENVEX, vex))] : []),
        ...(n === 'vexother' ? [envelope(other, statement([d], OPENVEX, vex))] : [])
      ])
    })
  ])
  workspace = mkdtempSync(join(tmpdir(), 'vulns-'))
})
afterAll(async () => {
  await osv?.stop()
  await reg?.stop()
  if (workspace) rmSync(workspace, { recursive: true, force: true })
})

async function gate(images: string[], values: Record<string, string>): Promise<GateResult> {
  const all: Record<string, string> = {
    images: images.map(i => `${reg.host}/${i}`).join('\n'),
    'signature-keys': key.pem,
    'vulnerability-db': 'none',
    ...values
  }
  return gateIn(workspace, all, { now: NOW })
}
const messages = (r: GateResult, image: string): string[] =>
  r.findings
    .filter(f => f.image.endsWith(`/${image}`) && f.rule === 'vulnerabilities')
    .map(f => `${f.excepted ? 'excepted ' : ''}${f.message}`)

describe('signed vulnerability reports', () => {
  test('a fresh signed Trivy report with a critical vulnerability fails, naming it, its packages and the fix', async () => {
    const r = await gate(['v/fresh:1'], { vulnerabilities: 'high' })
    expect(messages(r, 'v/fresh:1')).toEqual([
      'CVE-2019-1549 in libcrypto1.1@1.1.1c-r0, libssl1.1@1.1.1c-r0: critical 5.3, fixed in 1.1.1d-r0'
    ])
    // medium fails the rest too: each distinct vulnerability once.
    const medium = await gate(['v/fresh:1'], { vulnerabilities: 'medium' })
    expect(messages(medium, 'v/fresh:1')).toHaveLength(2)
    const report = buildReport(r, true)
    expect(report.images[0]!.platforms[0]!.vulnerabilities!.reports).toEqual([
      expect.objectContaining({ scanner: 'trivy', count: 4 })
    ])
    expect(report.images[0]!.vulnerabilityCounts).toEqual({ critical: 1, high: 0, medium: 1, low: 0, unknown: 0 })
  })

  test('a report older than max-report-age is a finding that says how old', async () => {
    const r = await gate(['v/stale:1'], { vulnerabilities: 'high' })
    expect(messages(r, 'v/stale:1')).toEqual([
      `vulnerabilities cannot be checked: no SBOM found for linux/amd64 (${img.stale!.digest}) ${LOOKED}, and the signed vulnerability report (trivy) was scanned 23 days ago, more than max-report-age 7d`
    ])
  })

  test('no SBOM and no report, or a report another key signed: a finding, never a pass', async () => {
    const r = await gate(['v/nothing:1', 'v/otherkey:1'], { vulnerabilities: 'critical' })
    const want = (n: string): string =>
      `vulnerabilities cannot be checked: no SBOM found for linux/amd64 (${img[n]!.digest}) ${LOOKED}, and no signed vulnerability report newer than 7d`
    expect(messages(r, 'v/nothing:1')).toEqual([want('nothing')])
    expect(messages(r, 'v/otherkey:1')).toEqual([want('otherkey')])
  })
})

describe('VEX and exceptions', () => {
  const vex = (digest: string, status: string): string =>
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.com/vex/1',
      author: 'test',
      timestamp: NOW.toISOString(),
      version: 1,
      statements: [
        {
          vulnerability: { name: 'CVE-2019-1549' },
          products: [{ '@id': `pkg:oci/fresh@${digest.replace(':', '%3A')}?repository_url=${reg.host}/v/fresh` }],
          status,
          justification: 'vulnerable_code_not_in_execute_path'
        }
      ]
    })

  test('a not_affected statement for the image (its purl, %3A form) suppresses it; the report says by what', async () => {
    writeFileSync(join(workspace, 'vex.json'), vex(img.fresh!.digest, 'not_affected'))
    const r = await gate(['v/fresh:1'], { vulnerabilities: 'high', vex: 'vex.json' })
    expect(messages(r, 'v/fresh:1')).toEqual([])
    const found = buildReport(r, true).images[0]!.platforms[0]!.vulnerabilities!.found
    expect(found.filter(f => f.id === 'CVE-2019-1549').map(f => f.suppressedBy)).toEqual([
      {
        document: 'vex.json',
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        impact: null
      },
      {
        document: 'vex.json',
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        impact: null
      }
    ])
  })

  test('an under_investigation statement suppresses nothing; a VEX file that is not OpenVEX stops the run', async () => {
    writeFileSync(join(workspace, 'vex.json'), vex(img.fresh!.digest, 'under_investigation'))
    expect(messages(await gate(['v/fresh:1'], { vulnerabilities: 'high', vex: 'vex.json' }), 'v/fresh:1')).toHaveLength(
      1
    )
    writeFileSync(join(workspace, 'bad.json'), '{"statements": []}')
    await expect(gate(['v/fresh:1'], { vulnerabilities: 'high', vex: 'bad.json' })).rejects.toThrow(
      'Input "vex": bad.json: not an OpenVEX document'
    )
    await expect(gate(['v/fresh:1'], { vulnerabilities: 'high', vex: 'missing.json' })).rejects.toThrow(
      'Input "vex" has "missing.json": no such file in the workspace'
    )
  })

  test('an unexpired exception naming an alias turns the finding into a notice; an expired ignore entry is a finding', async () => {
    const until = new Date(NOW.getTime() + 30 * 86_400_000).toISOString().slice(0, 10)
    const past = new Date(NOW.getTime() - 2 * 86_400_000).toISOString().slice(0, 10)
    writeFileSync(
      join(workspace, 'policy.yml'),
      [
        'rules:',
        '  - vulnerabilities:',
        '      fail-on: high',
        '      ignore:',
        '        - id: CVE-2000-0001',
        `          until: ${past}`,
        '          reason: old',
        'exceptions:',
        '  - ids: [cve-2019-1549]',
        `    until: ${until}`,
        '    reason: not reachable',
        ''
      ].join('\n')
    )
    const r = await gate(['v/fresh:1'], { policy: 'policy.yml' })
    expect(messages(r, 'v/fresh:1')).toEqual([
      expect.stringMatching(/^excepted CVE-2019-1549 in libcrypto1.1@1.1.1c-r0, libssl1.1@1.1.1c-r0: critical/)
    ])
    expect(r.findings.filter(f => f.rule === 'exceptions').map(f => f.message)).toEqual([
      `the ignore entry policy.yml rules[0].vulnerabilities.ignore[0] (line 5) (CVE-2000-0001) expired at the end of ${past} and applies no more: renew it with a new date and reason, or remove it`
    ])
  })
})

describe('the SBOM asked of the OSV database', () => {
  const withDb = (values: Record<string, string>): Record<string, string> => ({
    'vulnerability-db': osv.url,
    ...values
  })

  test('a vulnerable package fails, naming it, its alias, severity, score and fix; every image in one batch', async () => {
    const before = osv.count('batch')
    const r = await gate(['v/sbom:1', 'v/sbom2:1'], withDb({ vulnerabilities: 'high' }))
    for (const image of ['v/sbom:1', 'v/sbom2:1'])
      expect(messages(r, image)).toEqual([
        expect.stringMatching(
          /^CVE-2021-23337 \(GHSA-35jh-r3h4-6jhm\) in lodash@4\.17\.20: high 7\.2, fixed in 4\.17\.21$/
        )
      ])
    expect(osv.count('batch') - before).toBe(1)
    // The report lists the database's record as it is: GitHub's, which names the CVE as its alias.
    const found = buildReport(r, true).images[0]!.platforms[0]!.vulnerabilities!.found
    expect(found).toEqual([
      expect.objectContaining({
        id: 'GHSA-35jh-r3h4-6jhm',
        aliases: ['CVE-2021-23337'],
        severity: 'high',
        score: 7.2,
        package: 'lodash@4.17.20',
        fixed: '4.17.21',
        source: 'osv'
      })
    ])
    // critical does not fail on a high one.
    expect(messages(await gate(['v/sbom:1'], withDb({ vulnerabilities: 'critical' })), 'v/sbom:1')).toEqual([])
  })

  test('a signed SBOM that lists no packages is no source: a finding, not a pass', async () => {
    const image = await pusher.image('v/emptysbom', { tag: '1' })
    const sp = new SignaturePusher(pusher)
    await sp.signLegacy('v/emptysbom', image.digest, key, simpleSigningPayload(image.digest))
    await sp.cosignAtt('v/emptysbom', image.digest, [
      envelope(key, statement([image.digest], SPDX, { ...sbom, packages: [] }))
    ])
    const before = osv.count('batch')
    const r = await gate(['v/emptysbom:1'], withDb({ vulnerabilities: 'high' }))
    expect(messages(r, 'v/emptysbom:1')).toEqual([
      'vulnerabilities cannot be checked: the SBOM lists no packages, so nothing in it can be checked (an SBOM of something else than the image looks the same), and no signed vulnerability report newer than 7d'
    ])
    expect(osv.count('batch') - before).toBe(0)
  })

  test('a VEX statement for the image and the package (by an alias) passes it', async () => {
    writeFileSync(
      join(workspace, 'lodash.vex.json'),
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.com/vex/2',
        author: 'test',
        timestamp: NOW.toISOString(),
        version: 1,
        statements: [
          {
            vulnerability: { name: 'CVE-2021-23337' },
            products: [
              {
                '@id': img.sbom!.digest,
                subcomponents: [{ '@id': 'pkg:npm/lodash@4.17.20' }]
              }
            ],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path'
          }
        ]
      })
    )
    const r = await gate(['v/sbom:1', 'v/sbom2:1'], withDb({ vulnerabilities: 'high', vex: 'lodash.vex.json' }))
    expect(messages(r, 'v/sbom:1')).toEqual([])
    // The statement names v/sbom's digest, not v/sbom2's.
    expect(messages(r, 'v/sbom2:1')).toHaveLength(1)
  })

  test('a signed OpenVEX attestation by the accepted key suppresses it; one by another key does not', async () => {
    const r = await gate(['v/vexatt:1', 'v/vexother:1'], withDb({ vulnerabilities: 'high' }))
    expect(messages(r, 'v/vexatt:1')).toEqual([])
    expect(messages(r, 'v/vexother:1')).toEqual([expect.stringMatching(/^CVE-2021-23337 /)])
    const found = buildReport(r, true).images[0]!.platforms[0]!.vulnerabilities!.found
    expect(found[0]!.suppressedBy).toEqual({
      document: expect.stringMatching(/^attestation sha256:[0-9a-f]{64}$/),
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impact: null
    })
  })

  test.each<[string, Parameters<OsvServer['fault']>[1], RegExp]>([
    ['503 past retries', { kind: 'status', status: 503 }, /^could not check vulnerabilities: 127\.0\.0\.1:\d+: /],
    ['junk', { kind: 'junk' }, /^could not check vulnerabilities: 127\.0\.0\.1:\d+: /]
  ])('the database answering %s: could not check, never a pass', async (_n, fault, message) => {
    osv.fault('batch', fault, 10)
    try {
      const r = await gate(['v/sbom:1'], withDb({ vulnerabilities: 'critical' }))
      const m = messages(r, 'v/sbom:1')
      expect(m).toHaveLength(1)
      expect(m[0]).toMatch(message)
    } finally {
      osv.clearFaults()
    }
  })

  test('the database down: could not check', async () => {
    const r = await gate(['v/sbom:1'], { 'vulnerability-db': 'http://127.0.0.1:9', vulnerabilities: 'critical' })
    expect(messages(r, 'v/sbom:1')).toEqual([
      expect.stringMatching(/^could not check vulnerabilities: 127\.0\.0\.1:9: /)
    ])
  })
})

describe('the bundled action', () => {
  test('dist/: fails on the vulnerable package with the annotation, the summary column and the report; VEX passes it', async () => {
    const inputs = {
      images: `${reg.host}/v/sbom:1`,
      'signature-keys': key.pem,
      vulnerabilities: 'high',
      'vulnerability-db': osv.url
    }
    const run = await runAction(inputs)
    try {
      expect(run.outputs.result).toBe('fail')
      expect(run.outputs.violations).toBe('1')
      expect(run.stdout).toMatch(
        /::error title=vulnerabilities::.*CVE-2021-23337 \(GHSA-35jh-r3h4-6jhm\) in lodash@4\.17\.20/
      )
      expect(run.summary).toContain('<th>Vulns</th>')
      expect(run.summary).toContain('<td>vulnerabilities</td><td>1H</td>')
      const images = run.report!.images as Array<{ vulnerabilityCounts: unknown }>
      expect(images[0]!.vulnerabilityCounts).toEqual({ critical: 0, high: 1, medium: 0, low: 0, unknown: 0 })
    } finally {
      cleanup(run)
    }
    const vex = JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [
        {
          vulnerability: { name: 'GHSA-35jh-r3h4-6jhm' },
          products: [{ '@id': `pkg:oci/sbom@${img.sbom!.digest}?repository_url=${reg.host}/v/sbom` }],
          status: 'fixed'
        }
      ]
    })
    const passed = await runAction({ ...inputs, vex: 'vex.json' }, {}, 60_000, dir => {
      writeFileSync(join(dir, 'vex.json'), vex)
    })
    try {
      expect(passed.outputs.result).toBe('pass')
      expect(passed.summary).toContain('<td>0</td>')
    } finally {
      cleanup(passed)
    }
  })
})

describe('vex from the base commit', () => {
  const BASE = '0123456789abcdef0123456789abcdef01234567'
  const gh = new FakeGitHub('acme', 'app', 9)
  beforeAll(() => gh.start())
  afterAll(() => gh.stop())
  const suppressing = (): string =>
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [
        {
          vulnerability: { name: 'CVE-2021-23337' },
          products: [{ '@id': img.sbom!.digest }],
          status: 'not_affected',
          impact_statement: 'lodash.template is never called'
        }
      ]
    })
  const empty = JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', statements: [] })
  /** dist/index.js on a pull request of acme/app whose base is BASE, its checkout holding `vex.json`. */
  const run = (workspaceVex: string) =>
    runAction(
      {
        images: `${reg.host}/v/sbom:1`,
        'signature-keys': key.pem,
        vulnerabilities: 'high',
        'vulnerability-db': osv.url,
        vex: 'base:vex.json',
        'github-token': 'ghs_vex_token_1234'
      },
      {},
      60_000,
      dir => {
        writeFileSync(join(dir, 'vex.json'), workspaceVex)
        const event = join(dir, 'event.json')
        writeFileSync(
          event,
          JSON.stringify({ number: 9, pull_request: { number: 9, base: { sha: BASE }, head: { sha: 'f'.repeat(40) } } })
        )
        return {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: event,
          GITHUB_REPOSITORY: 'acme/app',
          GITHUB_SHA: 'f'.repeat(40),
          GITHUB_API_URL: gh.url
        }
      }
    )

  test("the pull request's own suppressing copy is noticed and not used; the base's suppresses", async () => {
    gh.files.set(`acme/app/vex.json@${BASE}`, empty)
    const own = await run(suppressing())
    try {
      expect(own.outputs.result).toBe('fail')
      expect(own.stdout).toContain(
        "::notice::vex: vex.json was read at the pull request's base commit; this pull request changes it, and its copy was not used"
      )
    } finally {
      cleanup(own)
    }
    gh.files.set(`acme/app/vex.json@${BASE}`, suppressing())
    const base = await run(suppressing())
    try {
      expect(base.outputs.result).toBe('pass')
      expect(base.stdout).not.toContain('::notice::vex:')
    } finally {
      cleanup(base)
    }
  })
})

/**
 * An index as BuildKit pushes it with `--sbom=true`: each platform, then one attestation manifest per platform whose
 * layer is the in-toto statement of its SBOM.
 */
async function buildkitIndex(
  repo: string,
  tag: string,
  platforms: Array<{ platform: { os: string; architecture: string }; sbom: unknown }>
): Promise<string> {
  const children = await Promise.all(platforms.map(p => pusher.image(repo, { platform: p.platform })))
  const manifests: object[] = children.map(c => c.descriptor)
  for (const [i, p] of platforms.entries()) {
    const child = children[i]!
    const layer = {
      ...(await pusher.blob(repo, statement([child.digest], SPDX, p.sbom), 'application/vnd.in-toto+json')),
      annotations: { 'in-toto.io/predicate-type': SPDX }
    }
    const config = await pusher.blob(
      repo,
      Buffer.from('{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}'),
      OCI_CONFIG
    )
    const att = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }))
    const digest = await pusher.manifest(repo, sha256(att), att, OCI_MANIFEST)
    manifests.push({
      mediaType: OCI_MANIFEST,
      digest,
      size: att.length,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': child.digest }
    })
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }))
  return pusher.manifest(repo, tag, index, OCI_INDEX)
}

describe('the command line, BuildKit in-index SBOMs', () => {
  test('dist/cli.js: a multi-platform image fails on the platform whose packages are vulnerable, counted once', async () => {
    const clean = { ...sbom, packages: sbom.packages.filter(p => (p as { name: string }).name !== 'lodash') }
    await buildkitIndex('v/multi', '1', [
      { platform: { os: 'linux', architecture: 'amd64' }, sbom },
      { platform: { os: 'linux', architecture: 'arm64' }, sbom: clean }
    ])
    const run = await runCli([
      '--images',
      `${reg.host}/v/multi:1`,
      '--vulnerabilities',
      'high',
      '--vulnerability-db',
      osv.url,
      '--format',
      'json'
    ])
    try {
      expect(run.code).toBe(1)
      const report = JSON.parse(run.stdout) as {
        findings: Array<{ rule: string; platform: string | null; message: string }>
        images: Array<{ vulnerabilityCounts?: unknown; platforms: Array<{ vulnerabilities?: { found: unknown[] } }> }>
      }
      expect(report.findings.map(f => [f.rule, f.platform, f.message.split(' ')[0]])).toEqual([
        ['vulnerabilities', 'linux/amd64', 'CVE-2021-23337']
      ])
      expect(report.images[0]!.vulnerabilityCounts).toEqual({ critical: 0, high: 1, medium: 0, low: 0, unknown: 0 })
      expect(report.images[0]!.platforms.map(p => p.vulnerabilities?.found.length)).toEqual([1, 0])
      // vulnerability-db none: an unsigned in-index SBOM and no report is could not check, on each platform.
      const none = await runCli([
        '--images',
        `${reg.host}/v/multi:1`,
        '--vulnerabilities',
        'high',
        '--vulnerability-db',
        'none'
      ])
      try {
        expect(none.code).toBe(1)
        expect(none.stdout).toContain('the SBOM was not asked of a vulnerability database (vulnerability-db is none)')
      } finally {
        cleanupCli(none)
      }
    } finally {
      cleanupCli(run)
    }
  })
})
