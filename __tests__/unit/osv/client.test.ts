/**
 * The OSV client against the stand-in (__tests__/support/osv-server.ts), which serves real records: what it asks,
 * what it answers, and every way the database can fail it, each of which must fail closed with an OsvError that
 * names the host and says what went wrong, without the body as sent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { GateError } from '../../../src/core/errors.js'
import { BATCH_SIZE, MAX_IDS, MAX_PAGES, parseDatabaseUrl, queryOsv } from '../../../src/osv/client.js'
import { OsvError } from '../../../src/osv/errors.js'
import { packageQuery } from '../../../src/osv/query.js'
import { queryKey, type OsvOptions, type OsvStats, type PackageQuery } from '../../../src/osv/types.js'
import { startConnectProxy } from '../../support/connect-proxy.js'
import { OsvServer, startOsvServer } from '../../support/osv-server.js'

let server: OsvServer

beforeAll(async () => {
  server = await startOsvServer()
})
afterAll(async () => {
  await server.stop()
})
afterEach(() => {
  server.requests.length = 0
  server.pageSize = 1000
  server.clearFaults()
})

const options = (over: Partial<OsvOptions> = {}): OsvOptions => ({
  url: server.url,
  concurrency: 4,
  timeoutMs: 5000,
  retries: { attempts: 3, backoffMs: 10, maxRetryAfterMs: 5000 },
  ...over
})

const q = (purl: string): PackageQuery => {
  const query = packageQuery({ name: purl, purl })
  if (!query) throw new Error(`no query for ${purl}`)
  return query
}

/** Rejects with an OsvError whose message matches; returns it. */
async function failure(p: Promise<unknown>, message: RegExp): Promise<OsvError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x
  )
  expect(e).toBeInstanceOf(OsvError)
  expect(e).toBeInstanceOf(GateError)
  const err = e as OsvError
  expect(err.code).toBe('osv')
  expect(err.message.startsWith(`${server.host}: `)).toBe(true)
  expect(err.message).toMatch(message)
  // eslint-disable-next-line no-control-regex
  expect(err.message).not.toMatch(/[\u0000-\u001f]/)
  expect(err.message).not.toMatch(/\n\s+at /)
  return err
}

describe('what the database answers', () => {
  const lodash = q('pkg:npm/lodash@4.17.20')
  const lodashEs = q('pkg:npm/lodash-es@4.17.20')
  const fixedLodash = q('pkg:npm/lodash@4.17.21')
  const requests = q('pkg:pypi/requests@2.30.0')
  const xnet = q('pkg:golang/golang.org/x/net@v0.16.0')
  const nginx = q('pkg:deb/debian/nginx@1.2.1-2.2%2Bwheezy2?arch=amd64&distro=debian-7')

  test('each package its vulnerabilities, one per record, severity and fixed version for that package', async () => {
    const stats: OsvStats = { requests: 0, batches: 0, records: 0 }
    const answer = await queryOsv([lodash, fixedLodash, requests, xnet, nginx], options({ stats }))
    expect(answer.get(queryKey(lodash))).toEqual([
      {
        id: 'GHSA-35jh-r3h4-6jhm',
        aliases: ['CVE-2021-23337'],
        severity: 'high',
        score: 7.2,
        vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
        fixed: '4.17.21',
        summary: 'Command Injection in lodash'
      }
    ])
    expect(answer.get(queryKey(fixedLodash))).toEqual([])
    // GitHub's record and PyPA's, each with its own severity: GitHub's CVSS (6.1) is medium, PyPA's gives none.
    expect(answer.get(queryKey(requests))).toMatchObject([
      { id: 'GHSA-j8r2-6x86-q33q', aliases: ['CVE-2023-32681'], severity: 'medium', score: 6.1, fixed: '2.31.0' },
      { id: 'PYSEC-2023-74', aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'], severity: 'unknown', fixed: '2.31.0' }
    ])
    // Not merged here: Go's record also names CVE-2023-44487, which GitHub's does not, and an ignore entry or a VEX
    // statement naming CVE-2023-44487 must not reach GitHub's record of CVE-2023-39325 through it.
    expect(answer.get(queryKey(xnet))).toMatchObject([
      { id: 'GHSA-4374-p667-p6c8', aliases: ['CVE-2023-39325'], severity: 'high', score: 7.5, fixed: '0.17.0' },
      {
        id: 'GO-2023-2102',
        aliases: ['CVE-2023-44487', 'CVE-2023-39325', 'GHSA-4374-p667-p6c8'],
        severity: 'unknown',
        fixed: '0.17.0'
      }
    ])
    expect(answer.get(queryKey(nginx))).toEqual([
      {
        id: 'DSA-3029-1',
        aliases: ['CVE-2014-3616'],
        severity: 'unknown',
        fixed: '1.2.1-2.2+wheezy3',
        summary: 'nginx - security update'
      }
    ])
    expect(server.count('batch')).toBe(1)
    expect(server.count('vulns')).toBe(6)
    expect(stats).toEqual({ requests: 7, batches: 1, records: 6 })
  })

  test('the version goes in `version`, never in the purl too; a Debian package by ecosystem and source name', async () => {
    const withVersion: PackageQuery = { purl: 'pkg:npm/lodash@4.17.20', version: '4.17.20' }
    const answer = await queryOsv([withVersion, nginx], options())
    expect(answer.get(queryKey(withVersion))?.map(v => v.id)).toEqual(['GHSA-35jh-r3h4-6jhm'])
    expect(server.requests[0]!.queries).toEqual([
      { package: { purl: 'pkg:npm/lodash' }, version: '4.17.20' },
      { package: { ecosystem: 'Debian:7', name: 'nginx' }, version: '1.2.1-2.2+wheezy2' }
    ])
  })

  test('nothing to ask: nothing asked', async () => {
    expect((await queryOsv([], options())).size).toBe(0)
    expect(server.requests).toHaveLength(0)
  })

  test('a record listed for several packages is read once', async () => {
    const answer = await queryOsv([lodash, lodashEs, lodash], options())
    expect(answer.size).toBe(2)
    expect(answer.get(queryKey(lodashEs))?.map(v => v.fixed)).toEqual(['4.17.21'])
    expect(server.count('vulns')).toBe(1)
  })

  test(`at most ${BATCH_SIZE} queries a request`, async () => {
    const many = Array.from({ length: 2 * BATCH_SIZE + 500 }, (_, i) => q(`pkg:npm/nothing-${i}@1.0.0`))
    const answer = await queryOsv(many, options())
    expect(answer.size).toBe(many.length)
    expect([...answer.values()].every(v => v.length === 0)).toBe(true)
    expect(server.requests.map(r => r.queries?.length)).toEqual([1000, 1000, 500])
  })

  test('pages are followed, each with its page_token', async () => {
    server.pageSize = 1
    const answer = await queryOsv([requests, lodash], options())
    expect(answer.get(queryKey(requests))?.map(v => v.id)).toEqual(['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74'])
    const batches = server.requests.filter(r => r.path === '/v1/querybatch')
    expect(batches).toHaveLength(2)
    // Only the query with another page is asked again.
    expect(batches[1]!.queries).toEqual([
      { package: { purl: 'pkg:pypi/requests' }, version: '2.30.0', page_token: expect.any(String) }
    ])
  })

  test('the proxy of the runner is used', async () => {
    const proxy = await startConnectProxy()
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY, no_proxy: process.env.no_proxy }
    process.env.HTTP_PROXY = proxy.url
    delete process.env.NO_PROXY
    delete process.env.no_proxy
    try {
      const url = `http://osv.test:${server.host.split(':')[1]}`
      const answer = await queryOsv([lodash], options({ url }))
      expect(answer.get(queryKey(lodash))?.map(v => v.id)).toEqual(['GHSA-35jh-r3h4-6jhm'])
      expect(proxy.connects).toContain(`osv.test:${server.host.split(':')[1]}`)
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
      await proxy.stop()
    }
  })
})

describe('fails closed', () => {
  const lodash = q('pkg:npm/lodash@4.17.20')

  test('a 5xx is retried, and the answer after it used', async () => {
    server.fault('batch', { kind: 'status', status: 503 })
    const answer = await queryOsv([lodash], options())
    expect(answer.get(queryKey(lodash))).toHaveLength(1)
    expect(server.count('batch')).toBe(2)
  })

  test('a 5xx past the retries', async () => {
    server.fault('batch', { kind: 'status', status: 500 }, 3)
    await failure(
      queryOsv([lodash], options()),
      /answered 500 Internal Server Error to POST \/v1\/querybatch \(tried 3 times\)$/
    )
    expect(server.count('batch')).toBe(3)
  })

  test('a 429 waits as Retry-After says', async () => {
    server.fault('vulns', { kind: 'status', status: 429, retryAfter: '1' })
    const began = Date.now()
    const answer = await queryOsv([lodash], options())
    expect(Date.now() - began).toBeGreaterThanOrEqual(950)
    expect(answer.get(queryKey(lodash))).toHaveLength(1)
    expect(server.count('vulns')).toBe(2)
  })

  test('a Retry-After longer than the gate waits is not waited for', async () => {
    server.fault('batch', { kind: 'status', status: 429, retryAfter: '3600' })
    const began = Date.now()
    await failure(
      queryOsv([lodash], options()),
      /answered 429 Too Many Requests to POST \/v1\/querybatch, asking to wait 3600 s, longer than the 5 s the gate waits/
    )
    expect(Date.now() - began).toBeLessThan(2000)
  })

  test('an error answer: its message, sanitized; never the body as sent', async () => {
    server.fault('batch', { kind: 'status', status: 400 })
    const e = await failure(
      queryOsv([lodash], options()),
      /answered 400 Bad Request to POST \/v1\/querybatch: fault 400 <b>x<\/b>$/
    )
    expect(e.message).not.toContain('"code"')
  })

  test.each<[string, 'batch' | 'vulns', Parameters<OsvServer['fault']>[1], RegExp]>([
    ['junk for the batch', 'batch', { kind: 'junk' }, /the answer to POST \/v1\/querybatch is not JSON$/],
    ['junk for a record', 'vulns', { kind: 'junk' }, /the answer to GET \/v1\/vulns\/GHSA-35jh-r3h4-6jhm is not JSON$/],
    [
      'a batch answer over 16 MiB, announced',
      'batch',
      { kind: 'oversize', bytes: (16 << 20) + 1, announce: true },
      /the answer to POST \/v1\/querybatch is 16777217 bytes, over the 16 MiB limit; not read further$/
    ],
    [
      'a record over 1 MiB, not announced',
      'vulns',
      { kind: 'oversize', bytes: (1 << 20) + 1, announce: false },
      /the answer to GET \/v1\/vulns\/GHSA-35jh-r3h4-6jhm is more than 1 MiB, over the 1 MiB limit; not read further$/
    ],
    [
      'results that do not match the queries',
      'batch',
      { kind: 'shape', body: { results: [] } },
      /not a batch answer: it has 0 results for 1 queries$/
    ],
    [
      'a batch answer that is a list',
      'batch',
      { kind: 'shape', body: [1] },
      /not a batch answer: the answer is not a JSON object$/
    ],
    [
      'an id that is not an id',
      'batch',
      { kind: 'shape', body: { results: [{ vulns: [{ id: '../../admin' }] }] } },
      /a vulnerability id is not an OSV id$/
    ],
    [
      'a record of another id',
      'vulns',
      { kind: 'shape', body: { id: 'GHSA-xxxx-xxxx-xxxx' } },
      /is not the OSV record of GHSA-35jh-r3h4-6jhm: the record's id is not GHSA-35jh-r3h4-6jhm$/
    ],
    [
      'a record whose ranges are not lists',
      'vulns',
      {
        kind: 'shape',
        body: {
          id: 'GHSA-35jh-r3h4-6jhm',
          affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: 'all' }]
        }
      },
      /affected ranges is not a list$/
    ],
    [
      'a redirect',
      'batch',
      { kind: 'redirect' },
      /answered 302 Found to POST \/v1\/querybatch: a redirect, which the gate does not follow$/
    ],
    [
      'a record that is not there',
      'vulns',
      { kind: 'status', status: 404 },
      /answered 404 Not Found to GET \/v1\/vulns\/GHSA-35jh-r3h4-6jhm/
    ]
  ])('%s', async (_, on, fault, message) => {
    server.fault(on, fault)
    const e = await failure(queryOsv([lodash], options()), message)
    expect(e.message).not.toContain('<html>')
  })

  test.each<[string, Parameters<OsvServer['fault']>[1]]>([
    ['an answer that never comes', { kind: 'stall' }],
    ['a body that stops halfway', { kind: 'stall-body' }]
  ])('%s: one deadline, not retried', async (_, fault) => {
    server.fault('batch', fault)
    const began = Date.now()
    await failure(
      queryOsv([lodash], options({ timeoutMs: 500 })),
      /no complete answer within 0.5 s to POST \/v1\/querybatch$/
    )
    expect(Date.now() - began).toBeLessThan(3000)
    expect(server.count('batch')).toBe(1)
  })

  test('the run stopping ends a request in flight', async () => {
    server.fault('batch', { kind: 'stall' })
    const stop = new AbortController()
    setTimeout(() => stop.abort(), 200)
    const began = Date.now()
    await failure(queryOsv([lodash], options({ signal: stop.signal })), /the run stopped before the database answered$/)
    expect(Date.now() - began).toBeLessThan(2000)
  })

  test('a broken connection is retried', async () => {
    server.fault('vulns', { kind: 'reset' })
    const answer = await queryOsv([lodash], options())
    expect(answer.get(queryKey(lodash))).toHaveLength(1)
  })

  test('a connection broken every time', async () => {
    server.fault('vulns', { kind: 'reset' }, 3)
    await failure(queryOsv([lodash], options()), /GET \/v1\/vulns\/GHSA-35jh-r3h4-6jhm failed: .*\(tried 3 times\)$/)
  })

  test('a database that cannot be reached', async () => {
    const closed = await startOsvServer()
    const url = closed.url
    await closed.stop()
    const e = await queryOsv([lodash], options({ url })).then(
      () => undefined,
      (x: unknown) => x
    )
    expect(e).toBeInstanceOf(OsvError)
    expect((e as OsvError).message).toMatch(
      /^127\.0\.0\.1:\d+: POST \/v1\/querybatch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(tried 3 times\)$/
    )
  })

  test(`pages past ${MAX_PAGES}`, async () => {
    const page = { results: [{ vulns: [{ id: 'GHSA-35jh-r3h4-6jhm' }], next_page_token: 'again' }] }
    server.fault('batch', { kind: 'shape', body: page }, MAX_PAGES)
    await failure(
      queryOsv([lodash], options()),
      /answered more than 10 pages for a query to POST \/v1\/querybatch \(pkg:npm\/lodash\)$/
    )
    expect(server.count('batch')).toBe(MAX_PAGES)
    expect(server.count('vulns')).toBe(0)
  })

  test(`more than ${MAX_IDS} records`, async () => {
    const vulns = Array.from({ length: MAX_IDS + 1 }, (_, i) => ({ id: `TEST-${i}` }))
    server.fault('batch', { kind: 'shape', body: { results: [{ vulns }] } })
    await failure(
      queryOsv([lodash], options()),
      /lists more than 10000 vulnerabilities for these packages, the most records the gate reads$/
    )
    expect(server.count('vulns')).toBe(0)
  })

  test('the first failure ends the requests still waiting', async () => {
    const many = ['lodash', 'lodash-es'].flatMap(n => [q(`pkg:npm/${n}@4.17.20`)])
    server.fault('vulns', { kind: 'status', status: 500 }, 3)
    await failure(queryOsv([...many, q('pkg:pypi/requests@2.30.0')], options({ concurrency: 1 })), /answered 500/)
    // Three records were listed; the first one failed three times and nothing else was asked.
    expect(server.count('vulns')).toBe(3)
  })
})

describe('parseDatabaseUrl: the vulnerability-db input', () => {
  test.each<[string, string[], string]>([
    ['https://api.osv.dev', [], 'https://api.osv.dev'],
    ['https://api.osv.dev/', [], 'https://api.osv.dev'],
    ['https://mirror.example/osv/', [], 'https://mirror.example/osv'],
    ['http://127.0.0.1:8080', [], 'http://127.0.0.1:8080'],
    ['http://localhost:8080/', [], 'http://localhost:8080'],
    ['http://osv.internal:8080', ['osv.internal:8080'], 'http://osv.internal:8080'],
    ['http://osv.internal', ['osv.internal'], 'http://osv.internal']
  ])('%s (insecure: %j) → %s', (value, insecure, url) => {
    expect(parseDatabaseUrl(value, insecure)).toBe(url)
  })

  test.each<[string, string[], RegExp]>([
    [
      'http://osv.internal:8080',
      [],
      /is plain http:\/\/, allowed only for a loopback host or one insecure-registries lists/
    ],
    ['http://osv.internal:8080', ['other:8080'], /is plain http:\/\//],
    ['ftp://osv.example', [], /is not https:\/\/ \(it is ftp:\)/],
    ['api.osv.dev', [], /is not a URL/],
    ['https://api.osv.dev/?key=1', [], /has a query or a fragment/],
    ['https://user:s3cret@api.osv.dev', [], /carries credentials in the URL/]
  ])('%s is refused', (value, insecure, message) => {
    let e: unknown
    try {
      parseDatabaseUrl(value, insecure)
    } catch (x) {
      e = x
    }
    expect(e).toBeInstanceOf(GateError)
    expect((e as GateError).code).toBe('input')
    expect((e as GateError).message).toMatch(/^vulnerability-db: /)
    expect((e as GateError).message).toMatch(message)
    expect((e as GateError).message).toMatch(/expected the URL of an OSV API such as https:\/\/api\.osv\.dev$/)
    expect((e as GateError).message).not.toContain('s3cret')
  })
})
