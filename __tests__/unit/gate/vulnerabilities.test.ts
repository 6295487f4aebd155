import { describe, expect, jest, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { subject, D } from '../policy/facts.js'
import {
  attachVulnerabilities,
  expiredIgnores,
  parseVexFiles,
  type OsvQuery
} from '../../../src/gate/vulnerabilities.js'
import { OsvError } from '../../../src/osv/errors.js'
import type { OsvAnswer, OsvVulnerability, PackageQuery } from '../../../src/osv/types.js'
import type { Inspection } from '../../../src/inspect/inspect.js'
import type { RuleSet } from '../../../src/policy/types.js'
import type { ImageFacts } from '../../../src/model/facts.js'
import type { SbomPackage } from '../../../src/model/content.js'
import type { Logger } from '../../../src/core/logger.js'
import type { PublicKey } from '../../../src/trust/keys.js'
import type { SignatureFact as Signature, Signer } from '../../../src/model/trust.js'
import { COSIGN_VULN_PREDICATE } from '../../../src/content/vuln-report.js'

const logger: Logger = {
  debug: () => {},
  info: () => {},
  warning: () => {},
  notice: () => {},
  error: () => {}
} as unknown as Logger
const KEY = 'SHA256:accepted'
const rs: RuleSet = {
  source: 'inputs',
  signature: {
    keys: [{ fingerprint: KEY } as PublicKey],
    identities: ['https://github.com/acme/*'],
    issuer: 'https://token.actions.githubusercontent.com'
  },
  vulnerabilities: { failOn: 'high', fixableOnly: false, maxReportAge: { seconds: 604_800, text: '7d' }, ignore: [] }
}

function image(
  input: string,
  packages: SbomPackage[] | undefined,
  platforms = ['linux/amd64']
): Inspection & { ok: true } {
  const s = subject(
    input,
    platforms.map(platform => ({ platform }))
  )
  for (const p of s.facts.platforms)
    if (packages)
      p.content = {
        sbom: { format: 'spdx', formatVersion: 'SPDX-2.3', source: 'in-index', signed: false, manifest: D(9), packages }
      }
  return { ok: true, input, ref: s.ref, facts: s.facts }
}

const LODASH: SbomPackage = { name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' }
const MINIMIST: SbomPackage = { name: 'minimist', version: '1.2.5', purl: 'pkg:npm/minimist@1.2.5' }
const GHSA: OsvVulnerability = {
  id: 'GHSA-35jh-r3h4-6jhm',
  aliases: ['CVE-2021-23337'],
  severity: 'high',
  score: 7.2,
  fixed: '4.17.21'
}

/** A fake database: what it was asked, and an answer by purl@version. */
function fakeOsv(found: Record<string, OsvVulnerability[]>): { query: OsvQuery; asked: PackageQuery[][] } {
  const asked: PackageQuery[][] = []
  const query: OsvQuery = async queries => {
    asked.push(queries)
    const answer: OsvAnswer = new Map()
    for (const q of queries) answer.set(`${q.purl}@${q.version}`, found[`${q.purl}@${q.version}`] ?? [])
    return answer
  }
  return { query, asked }
}

const opts = (query: OsvQuery, database: string | undefined = 'https://api.osv.dev') => ({
  database,
  concurrency: 4,
  timeoutMs: 1000,
  query,
  logger
})

describe('one batch for the run', () => {
  test('every package of every image, each asked once; the answer attached to each platform with its package', async () => {
    const a = image('ghcr.io/acme/a:1', [LODASH, MINIMIST], ['linux/amd64', 'linux/arm64'])
    const b = image('ghcr.io/acme/b:1', [LODASH, { name: 'no-purl', version: '1' }])
    const osv = fakeOsv({ 'pkg:npm/lodash@4.17.20': [GHSA] })
    await attachVulnerabilities([a, b], [rs], [], opts(osv.query))
    expect(osv.asked).toHaveLength(1)
    expect(new Set(osv.asked[0]!.map(q => `${q.purl}@${q.version}`))).toEqual(
      new Set(['pkg:npm/lodash@4.17.20', 'pkg:npm/minimist@1.2.5'])
    )
    expect(a.facts.platforms[0]!.content?.vulnerabilities?.unasked).toBeUndefined()
    expect(b.facts.platforms[0]!.content?.vulnerabilities?.unasked).toBe(1)
    for (const p of [...a.facts.platforms, ...b.facts.platforms]) {
      expect(p.content?.vulnerabilities?.queried).toBe(true)
      expect(p.content?.vulnerabilities?.found).toEqual([
        { ...GHSA, package: { name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' }, source: 'osv' }
      ])
    }
  })

  test('an image no vulnerabilities rule applies to is not asked about', async () => {
    const other: RuleSet = { ...rs, images: [] }
    const osv = fakeOsv({})
    const a = image('ghcr.io/acme/a:1', [LODASH])
    await attachVulnerabilities([a], [other], [], opts(osv.query))
    expect(osv.asked).toHaveLength(0)
    expect(a.facts.platforms[0]!.content?.vulnerabilities).toBeUndefined()
  })

  test('no database: nothing asked, not queried', async () => {
    const osv = fakeOsv({})
    const a = image('ghcr.io/acme/a:1', [LODASH])
    await attachVulnerabilities([a], [rs], [], { ...opts(osv.query), database: undefined })
    expect(osv.asked).toHaveLength(0)
    expect(a.facts.platforms[0]!.content?.vulnerabilities).toEqual({ found: [], queried: false })
  })

  test('no SBOM: not queried, so the rule fails closed', async () => {
    const a = image('ghcr.io/acme/a:1', undefined)
    await attachVulnerabilities([a], [rs], [], opts(fakeOsv({}).query))
    expect(a.facts.platforms[0]!.content?.vulnerabilities).toEqual({ found: [], queried: false })
  })
})

describe('an answer that leaves a package out', () => {
  // The client files an answer (maybe empty) under every package asked; an answer without one is not "nothing found".
  test('is could not check for the platforms with that package, and only those', async () => {
    const a = image('ghcr.io/acme/a:1', [LODASH, MINIMIST])
    const b = image('ghcr.io/acme/b:1', [LODASH])
    const query: OsvQuery = async () => new Map([['pkg:npm/lodash@4.17.20', [GHSA]]])
    await attachVulnerabilities([a, b], [rs], [], opts(query))
    expect(a.facts.platforms[0]!.content?.vulnerabilities?.error).toBe(
      'could not check vulnerabilities: the vulnerability database gave no answer for pkg:npm/minimist@1.2.5'
    )
    expect(b.facts.platforms[0]!.content?.vulnerabilities?.error).toBeUndefined()
    expect(b.facts.platforms[0]!.content?.vulnerabilities?.found).toHaveLength(1)
  })
})

describe('the database fails', () => {
  test.each<[string, unknown, string]>([
    [
      'an OsvError says what',
      new OsvError('api.osv.dev', 'answered 503 three times'),
      'could not check vulnerabilities: api.osv.dev: answered 503 three times'
    ],
    [
      'anything else says no more',
      new Error('TypeError at /secret/path'),
      'could not check vulnerabilities: the vulnerability database could not be asked'
    ]
  ])('%s: every platform that asked has the error', async (_n, error, message) => {
    const a = image('ghcr.io/acme/a:1', [LODASH], ['linux/amd64', 'linux/arm64'])
    const b = image('ghcr.io/acme/b:1', [{ name: 'x', version: '1' }])
    const query = jest.fn<OsvQuery>(() => Promise.reject(error))
    await attachVulnerabilities([a, b], [rs], [], opts(query))
    for (const p of a.facts.platforms) expect(p.content?.vulnerabilities?.error).toBe(message)
    // b had nothing to ask: its SBOM had no package the database knows.
    expect(b.facts.platforms[0]!.content?.vulnerabilities?.error).toBeUndefined()
  })
})

describe('VEX', () => {
  const vexDoc = (product: string, sub?: string): Buffer =>
    Buffer.from(
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        statements: [
          {
            vulnerability: { name: 'CVE-2021-23337' },
            products: [{ '@id': product, ...(sub ? { subcomponents: [{ '@id': sub }] } : {}) }],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path'
          }
        ]
      })
    )
  test('a statement for the image (by its purl, %3A form) and the package suppresses it by alias, with its justification', async () => {
    const a = image('ghcr.io/acme/a:1', [LODASH])
    const purl = `pkg:oci/a@${encodeURIComponent(a.facts.digest)}?repository_url=ghcr.io/acme/a`
    const vex = parseVexFiles([{ name: 'vex.json', bytes: vexDoc(purl, 'pkg:npm/lodash@4.17.20') }])
    await attachVulnerabilities([a], [rs], vex, opts(fakeOsv({ 'pkg:npm/lodash@4.17.20': [GHSA] }).query))
    expect(a.facts.platforms[0]!.content?.vulnerabilities?.found[0]!.suppressedBy).toEqual({
      document: 'vex.json',
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path'
    })
  })
  test('a statement for another image does not', async () => {
    const a = image('ghcr.io/acme/a:1', [LODASH])
    const vex = parseVexFiles([{ name: 'vex.json', bytes: vexDoc(`pkg:oci/a@${D(77)}?repository_url=ghcr.io/acme/a`) }])
    await attachVulnerabilities([a], [rs], vex, opts(fakeOsv({ 'pkg:npm/lodash@4.17.20': [GHSA] }).query))
    expect(a.facts.platforms[0]!.content?.vulnerabilities?.found[0]!.suppressedBy).toBeUndefined()
  })
  test.each<[string, string]>([
    ['not JSON', 'Input "vex": v.json is not JSON'],
    [
      '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"status":"fixed"}]}',
      'Input "vex": v.json: statements[0]: it names no vulnerability'
    ]
  ])('an unreadable document is an input error: %s', (text, message) => {
    expect(() => parseVexFiles([{ name: 'v.json', bytes: Buffer.from(text) }])).toThrow(message)
  })
})

describe('signed vulnerability reports', () => {
  const trivy = JSON.parse(
    readFileSync(new URL('../../fixtures/vulns/trivy-alpine-310.json', import.meta.url), 'utf8')
  ) as unknown
  const predicate = {
    scanner: { uri: 'pkg:github/aquasecurity/trivy@v0.58.0', result: trivy },
    metadata: { scanFinishedOn: '2026-05-31T00:00:00Z' }
  }
  const withTrust = (
    facts: ImageFacts,
    verified: boolean,
    signer: Signer = { kind: 'key', fingerprint: KEY }
  ): void => {
    facts.trust = {
      top: {
        digest: facts.digest,
        looked: [],
        signatures: [
          {
            place: 'referrers API',
            format: 'DSSE',
            manifest: D(50),
            verified,
            signer,
            subjects: [facts.platforms[0]!.digest],
            predicateType: COSIGN_VULN_PREDICATE,
            ...(verified ? { statement: { predicateType: COSIGN_VULN_PREDICATE, predicate } } : {})
          }
        ]
      },
      platforms: [],
      claims: []
    }
  }
  test('a verified one is read for the platform it names', async () => {
    const a = image('ghcr.io/acme/a:1', undefined)
    withTrust(a.facts, true)
    await attachVulnerabilities([a], [rs], [], opts(fakeOsv({}).query))
    const reports = a.facts.platforms[0]!.content?.vulnerabilities?.reports
    expect(reports).toHaveLength(1)
    expect(reports![0]).toMatchObject({ scanner: 'trivy', finishedOn: '2026-05-31T00:00:00Z', manifest: D(50) })
    expect(reports![0]!.found).toHaveLength(4)
  })
  test.each<[string, Signer]>([
    ['a key no rule accepts', { kind: 'key', fingerprint: 'SHA256:other' }],
    [
      'a keyless identity no rule accepts',
      {
        kind: 'certificate',
        certificate: {
          identity: 'https://github.com/evil/x/.github/workflows/a.yml@refs/heads/main',
          issuer: 'https://token.actions.githubusercontent.com'
        }
      }
    ]
  ])('one that verified but is signed by %s is not', async (_n, signer) => {
    const a = image('ghcr.io/acme/a:1', undefined)
    withTrust(a.facts, true, signer)
    await attachVulnerabilities([a], [rs], [], opts(fakeOsv({}).query))
    expect(a.facts.platforms[0]!.content?.vulnerabilities?.reports).toBeUndefined()
  })
  test("a quorum signer's is read when a quorum's signers are the rule's only signers", async () => {
    const quorumOnly: RuleSet = {
      source: 'policy.yml rules[0] (line 2)',
      quorum: {
        signers: [{ name: 'release', kind: 'key', keys: [{ fingerprint: KEY } as PublicKey] }],
        threshold: 1,
        required: []
      },
      vulnerabilities: rs.vulnerabilities!
    }
    const a = image('ghcr.io/acme/a:1', undefined)
    withTrust(a.facts, true)
    await attachVulnerabilities([a], [quorumOnly], [], opts(fakeOsv({}).query))
    expect(a.facts.platforms[0]!.content?.vulnerabilities?.reports?.map(r => r.manifest)).toEqual([D(50)])
  })
  test('one that did not verify is not', async () => {
    const a = image('ghcr.io/acme/a:1', undefined)
    withTrust(a.facts, false)
    await attachVulnerabilities([a], [rs], [], opts(fakeOsv({}).query))
    expect(a.facts.platforms[0]!.content?.vulnerabilities?.reports).toBeUndefined()
  })
  test('an in-index report counts only when the index digest is signed', async () => {
    const a = image('ghcr.io/acme/a:1', undefined)
    a.facts.statements = [
      { subject: a.facts.platforms[0]!.digest, predicateType: COSIGN_VULN_PREDICATE, predicate, manifest: D(60) }
    ]
    await attachVulnerabilities([a], [rs], [], opts(fakeOsv({}).query))
    expect(a.facts.platforms[0]!.content?.vulnerabilities?.reports).toBeUndefined()
    a.facts.trust = {
      top: {
        digest: a.facts.digest,
        looked: [],
        signatures: [
          {
            place: 'tag',
            format: 'cosign simple signing',
            manifest: D(61),
            verified: true,
            signer: { kind: 'key', fingerprint: KEY },
            subjects: [a.facts.digest]
          }
        ]
      },
      platforms: [],
      claims: []
    }
    await attachVulnerabilities([a], [rs], [], opts(fakeOsv({}).query))
    expect(a.facts.platforms[0]!.content?.vulnerabilities?.reports?.[0]?.manifest).toBe(D(60))
  })
})

test('expired ignore entries are findings at their line', () => {
  const r: RuleSet = {
    source: 'p.yml rules[0] (line 2)',
    vulnerabilities: {
      ...rs.vulnerabilities!,
      ignore: [
        { id: 'CVE-1', until: '2026-05-31', reason: 'r', where: 'p.yml rules[0].vulnerabilities.ignore[0] (line 6)' },
        { id: 'CVE-2', until: '2026-06-01', reason: 'r', where: 'p.yml rules[0].vulnerabilities.ignore[1] (line 9)' }
      ]
    }
  }
  const f = expiredIgnores([r], new Date('2026-06-01T12:00:00Z'))
  expect(f).toEqual([
    {
      rule: 'exceptions',
      image: 'p.yml rules[0].vulnerabilities.ignore[0] (line 6)',
      message:
        'the ignore entry p.yml rules[0].vulnerabilities.ignore[0] (line 6) (CVE-1) expired at the end of 2026-05-31 and applies no more: renew it with a new date and reason, or remove it'
    }
  ])
})

test('two signed VEX documents in one attestation manifest (cosign .att layers) are both read', async () => {
  const a = image('ghcr.io/acme/a:1', [LODASH, MINIMIST])
  const doc = (id: string, purl: string): unknown => ({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    statements: [
      {
        vulnerability: { name: id },
        products: [{ '@id': a.facts.digest, subcomponents: [{ '@id': purl }] }],
        status: 'fixed'
      }
    ]
  })
  const sig = (predicate: unknown): Signature => ({
    place: 'tag sha256-x.att',
    format: 'cosign attestation (DSSE)',
    manifest: D(70),
    verified: true,
    signer: { kind: 'key', fingerprint: KEY },
    subjects: [a.facts.digest],
    predicateType: 'https://openvex.dev/ns/v0.2.0',
    statement: { predicateType: 'https://openvex.dev/ns/v0.2.0', predicate }
  })
  a.facts.trust = {
    top: {
      digest: a.facts.digest,
      looked: [],
      signatures: [
        sig(doc('CVE-2021-23337', 'pkg:npm/lodash@4.17.20')),
        sig(doc('CVE-2021-44906', 'pkg:npm/minimist@1.2.5'))
      ]
    },
    platforms: [],
    claims: []
  }
  const MINI: OsvVulnerability = { id: 'GHSA-xvch-5gv4-984h', aliases: ['CVE-2021-44906'], severity: 'critical' }
  await attachVulnerabilities(
    [a],
    [rs],
    [],
    opts(fakeOsv({ 'pkg:npm/lodash@4.17.20': [GHSA], 'pkg:npm/minimist@1.2.5': [MINI] }).query)
  )
  expect(a.facts.platforms[0]!.content?.vulnerabilities?.found.map(v => v.suppressedBy?.status)).toEqual([
    'fixed',
    'fixed'
  ])
})
