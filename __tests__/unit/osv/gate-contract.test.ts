/**
 * The contract between the database client and the gate: the gate's attachVulnerabilities with the real queryOsv and
 * packageQuery, against the stand-in serving real records. What an SBOM lists becomes the facts the rule judges,
 * and a database that fails becomes each asking platform's error.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import type { Logger } from '../../../src/core/logger.js'
import { attachVulnerabilities } from '../../../src/gate/vulnerabilities.js'
import type { Inspection } from '../../../src/inspect/inspect.js'
import type { SbomPackage } from '../../../src/model/content.js'
import { queryOsv } from '../../../src/osv/client.js'
import type { RuleSet } from '../../../src/policy/types.js'
import { OsvServer, startOsvServer } from '../../support/osv-server.js'
import { D, subject } from '../policy/facts.js'

let server: OsvServer
beforeAll(async () => {
  server = await startOsvServer()
})
afterAll(async () => {
  await server.stop()
})

const logger = { debug: () => {}, info: () => {}, warning: () => {}, notice: () => {} } as Logger
const rs: RuleSet = {
  source: 'inputs',
  vulnerabilities: { failOn: 'high', fixableOnly: false, maxReportAge: { seconds: 604_800, text: '7d' }, ignore: [] }
}

function image(input: string, packages: SbomPackage[]): Inspection & { ok: true } {
  const s = subject(input, [{ platform: 'linux/amd64' }])
  for (const p of s.facts.platforms)
    p.content = {
      sbom: { format: 'spdx', formatVersion: 'SPDX-2.3', source: 'in-index', signed: false, manifest: D(9), packages }
    }
  return { ok: true, input, ref: s.ref, facts: s.facts }
}

const opts = () => ({
  database: server.url,
  concurrency: 4,
  timeoutMs: 5000,
  query: queryOsv,
  logger
})

test('SBOM packages as syft writes them become the vulnerabilities of each platform', async () => {
  const nginx = {
    name: 'nginx',
    version: '1.2.1-2.2+wheezy2',
    purl: 'pkg:deb/debian/nginx@1.2.1-2.2%2Bwheezy2?arch=amd64&distro=debian-7'
  }
  const a = image('ghcr.io/acme/a:1', [
    { name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' },
    { name: 'requests', version: '2.31.0', purl: 'pkg:pypi/requests@2.31.0' },
    nginx
  ])
  const b = image('ghcr.io/acme/b:1', [{ name: 'requests', version: '2.30.0', purl: 'pkg:pypi/requests@2.30.0' }])
  await attachVulnerabilities([a, b], [rs], [], opts())
  expect(server.count('batch')).toBe(1)
  expect(a.facts.platforms[0]!.content?.vulnerabilities).toMatchObject({
    queried: true,
    found: [
      {
        id: 'GHSA-35jh-r3h4-6jhm',
        aliases: ['CVE-2021-23337'],
        severity: 'high',
        fixed: '4.17.21',
        source: 'osv',
        package: { name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' }
      },
      { id: 'DSA-3029-1', aliases: ['CVE-2014-3616'], severity: 'unknown', fixed: '1.2.1-2.2+wheezy3', package: nginx }
    ]
  })
  expect(b.facts.platforms[0]!.content?.vulnerabilities?.found).toMatchObject([
    { id: 'GHSA-j8r2-6x86-q33q', aliases: ['CVE-2023-32681'], severity: 'medium', fixed: '2.31.0' },
    { id: 'PYSEC-2023-74', aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'], severity: 'unknown', fixed: '2.31.0' }
  ])
})

test('a database that fails: each asking platform says why, naming the host', async () => {
  server.fault('batch', { kind: 'status', status: 503 }, 3)
  const a = image('ghcr.io/acme/a:1', [{ name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' }])
  await attachVulnerabilities([a], [rs], [], { ...opts(), timeoutMs: 2000 })
  expect(a.facts.platforms[0]!.content?.vulnerabilities?.error).toBe(
    `could not check vulnerabilities: ${server.host}: answered 503 Service Unavailable to POST /v1/querybatch (tried 3 times)`
  )
})
