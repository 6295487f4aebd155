import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { VexError, isImage, isPackage, parseOpenVex, vexFor, type VexImage } from '../../../src/content/openvex.js'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/vulns/${name}`, import.meta.url), 'utf8'))

const ALPINE = 'sha256:124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126'
const alpine: VexImage = { registry: 'docker.io', repository: 'library/alpine', digests: [ALPINE] }

describe('go-vex v0.2.0 example', () => {
  const statements = parseOpenVex(fixture('openvex-v0.2.0.json'), 'vex.json')
  test('statements with their vulnerability, products, subcomponents, status and justification', () => {
    expect(statements).toHaveLength(5)
    expect(statements[3]).toMatchObject({
      vulnerabilities: ['CVE-2023-3446'],
      status: 'not_affected',
      justification: 'vulnerable_code_not_present',
      impact: 'affected functions were removed before packaging'
    })
    expect(statements[0]!.products[0]!.subcomponents).toEqual([
      'pkg:apk/alpine/libssl3@3.0.8-r3',
      'pkg:apk/alpine/libcrypto3@3.0.8-r3'
    ])
  })

  test.each<[string, string[], string | undefined, string | undefined]>([
    ['not_affected, in a listed subcomponent', ['CVE-2023-3446'], 'pkg:apk/alpine/libssl3@3.0.8-r3', 'not_affected'],
    ['fixed', ['CVE-2023-1255'], 'pkg:apk/alpine/libcrypto3@3.0.8-r3?arch=x86_64', 'fixed'],
    ['matched by an alias', ['GHSA-xxxx', 'cve-2023-3446'], 'pkg:apk/alpine/libssl3@3.0.8-r3', 'not_affected'],
    ['another package of the image', ['CVE-2023-3446'], 'pkg:apk/alpine/busybox@1.36.1-r0', undefined],
    ['another version of the package', ['CVE-2023-3446'], 'pkg:apk/alpine/libssl3@3.0.9-r0', undefined],
    ['no purl for the package', ['CVE-2023-3446'], undefined, undefined],
    ['another vulnerability', ['CVE-2024-0001'], 'pkg:apk/alpine/libssl3@3.0.8-r3', undefined]
  ])('%s', (_name, ids, purl, status) => {
    expect(vexFor(statements, alpine, { ids, ...(purl ? { purl } : {}) })?.status).toBe(status)
  })

  test('another image digest is not covered', () => {
    const other = { ...alpine, digests: [`sha256:${'0'.repeat(64)}`] }
    expect(
      vexFor(statements, other, { ids: ['CVE-2023-3446'], purl: 'pkg:apk/alpine/libssl3@3.0.8-r3' })
    ).toBeUndefined()
  })
})

describe('the image as a product', () => {
  test.each<[string, string, boolean]>([
    ['purl with %3A', `pkg:oci/alpine@sha256%3A${ALPINE.slice(7)}`, true],
    ['purl with :', `pkg:oci/alpine@${ALPINE}`, true],
    [
      'purl with the repository',
      `pkg:oci/alpine@sha256%3A${ALPINE.slice(7)}?repository_url=index.docker.io/library/alpine`,
      true
    ],
    [
      'purl with another repository',
      `pkg:oci/alpine@sha256%3A${ALPINE.slice(7)}?repository_url=ghcr.io/evil/alpine`,
      false
    ],
    ['purl with another name', `pkg:oci/busybox@sha256%3A${ALPINE.slice(7)}`, false],
    ['purl without a digest (trivy openvex-oci)', 'pkg:oci/alpine', false],
    ['the digest', ALPINE, true],
    ['the digest in upper case', ALPINE.toUpperCase().replace('SHA256', 'sha256'), true],
    ['another digest', `sha256:${'1'.repeat(64)}`, false],
    ['a package purl', 'pkg:apk/alpine/libssl3@3.0.8-r3', false],
    ['junk', 'pkg:', false]
  ])('%s', (_name, id, yes) => {
    expect(isImage(id, alpine)).toBe(yes)
  })

  test('a platform digest among the digests counts', () => {
    const d = `sha256:${'2'.repeat(64)}`
    expect(
      isImage(`pkg:oci/app@${d}?repository_url=ghcr.io/acme/app`, {
        registry: 'ghcr.io',
        repository: 'acme/app',
        digests: [ALPINE, d]
      })
    ).toBe(true)
  })

  test('package purls compare parsed: qualifiers the statement gives must match', () => {
    expect(isPackage('pkg:deb/debian/bash', 'pkg:deb/debian/bash@5.1-2')).toBe(true)
    expect(isPackage('pkg:deb/debian/bash?arch=amd64', 'pkg:deb/debian/bash@5.1-2?arch=arm64')).toBe(false)
    expect(isPackage('pkg:deb/debian/bash', 'pkg:deb/ubuntu/bash@5.1-2')).toBe(false)
  })
})

describe('which statement decides', () => {
  const doc = (statements: unknown[]): unknown => ({ '@context': 'https://openvex.dev/ns/v0.2.0', statements })
  const st = (status: string, timestamp: string, extra: object = {}): object => ({
    vulnerability: { name: 'CVE-2024-1' },
    products: [{ '@id': ALPINE }],
    status,
    timestamp,
    ...extra
  })
  test('a later affected statement overrides an earlier not_affected one', () => {
    const s = parseOpenVex(
      doc([
        st('not_affected', '2024-01-01T00:00:00Z', { justification: 'component_not_present' }),
        st('affected', '2024-02-01T00:00:00Z')
      ]),
      'v'
    )
    expect(vexFor(s, alpine, { ids: ['CVE-2024-1'] })).toBeUndefined()
  })
  test('under_investigation suppresses nothing; no subcomponents: every package of the image', () => {
    expect(
      vexFor(parseOpenVex(doc([st('under_investigation', '')]), 'v'), alpine, { ids: ['CVE-2024-1'] })
    ).toBeUndefined()
    expect(
      vexFor(parseOpenVex(doc([st('fixed', '')]), 'v'), alpine, { ids: ['CVE-2024-1'], purl: 'pkg:npm/x@1' })
    ).toEqual({
      document: 'v',
      status: 'fixed'
    })
  })
  test('v0.0.1 (go-vex): strings for the vulnerability and the products', () => {
    const s = parseOpenVex(fixture('openvex-v0.0.1.json'), 'old')
    expect(s[0]).toMatchObject({ vulnerabilities: ['CVE-2023-12345'], status: 'fixed' })
    expect(s[0]!.products.map(p => p.ids[0])).toEqual([
      'pkg:apk/wolfi/git@2.39.0-r1?arch=armv7',
      'pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64'
    ])
  })
  test('a package purl as the product is no image: it suppresses nothing (trivy openvex-nested)', () => {
    const s = parseOpenVex(fixture('trivy-openvex-nested.json'), 'n')
    expect(
      vexFor(s, alpine, { ids: ['CVE-2024-0001'], purl: 'pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0' })
    ).toBeUndefined()
  })
  test.each<[string, unknown]>([
    ['no context', { statements: [] }],
    ['another context', { '@context': 'https://example.com/vex', statements: [] }],
    ['no statements', { '@context': 'https://openvex.dev/ns/v0.2.0' }],
    ['a bad status', doc([st('maybe', '')])],
    ['not_affected with no reason', doc([st('not_affected', '')])],
    ['no product', doc([{ vulnerability: { name: 'CVE-1' }, products: [], status: 'fixed' }])],
    ['no vulnerability', doc([{ vulnerability: {}, products: [ALPINE], status: 'fixed' }])]
  ])('refused: %s', (_name, d) => {
    expect(() => parseOpenVex(d, 'x')).toThrow(VexError)
  })
})
