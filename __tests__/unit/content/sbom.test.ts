import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { SbomPackage } from '../../../src/model/content.js'
import {
  SBOM_MAX_PACKAGES,
  cycloneDxLicense,
  isSbomPredicate,
  parseSbom,
  type SbomParse
} from '../../../src/content/sbom.js'
import { judgeLicense, loadLicenseParser } from '../../../src/content/licenses.js'

// SBOM parsing and licence judgements use the expression parser a run loads on demand.
await loadLicenseParser()

/** A fixture of __tests__/fixtures/sbom (README.md there names each one's source). */
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/sbom/${name}`, import.meta.url), 'utf8'))
const SPDX = 'https://spdx.dev/Document'
const CDX = 'https://cyclonedx.org/bom'
const packages = (r: SbomParse): SbomPackage[] => (r.ok ? r.sbom.packages : [])

describe('real SBOMs → packages (purl, version, licence)', () => {
  test.each<[string, string, unknown, string, SbomPackage[]]>([
    [
      // syft: licenseConcluded is always NOASSERTION, the declared licence is what it found; the image itself
      // (DocumentRoot, CONTAINER) is not a package; "a-purl-1" is no purl.
      'syft SPDX 2.3 of an image',
      SPDX,
      fixture('syft-spdx-2.3-image.json'),
      'SPDX-2.3',
      [
        { name: 'package-1', version: '1.0.1', license: 'MIT' },
        { name: 'package-2', version: '2.0.1', purl: 'pkg:deb/debian/package-2@2.0.1' }
      ]
    ],
    [
      'syft SPDX 2.2, only the required properties',
      'https://spdx.dev/Document/v2.2',
      fixture('syft-spdx-2.2-required.json'),
      'SPDX-2.2',
      [
        { name: 'files-analyzed-false', version: 'v2' },
        { name: 'files-analyzed-true', version: 'v1' }
      ]
    ],
    [
      // BuildKit writes the category PACKAGE_MANAGER (underscore) and NONE for licences: unknown.
      'BuildKit in-index statement (docker docs)',
      SPDX,
      (fixture('buildkit-spdx-2.2-statement.json') as { predicate: unknown }).predicate,
      'SPDX-2.2',
      [
        { name: 'github.com/org/repo', version: '(devel)', purl: 'pkg:golang/github.com/org/repo@(devel)' },
        { name: 'github.com/go-chi/chi/v5', version: 'v5.0.0', purl: 'pkg:golang/github.com/go-chi/chi/v5@v5.0.0' }
      ]
    ],
    [
      // The concluded licence wins over the declared one; a package the document DESCRIBES that is a library
      // (glibc) stays a package.
      'the SPDX specification example 2.2',
      'https://spdx.dev/Document/v2.3',
      fixture('spdx-spec-example-2.2.json'),
      'SPDX-2.2',
      [
        { name: 'glibc', version: '2.11.1', license: '(LGPL-2.0-only OR LicenseRef-3)' },
        { name: 'Apache Commons Lang' },
        { name: 'Jena', version: '3.12.0', purl: 'pkg:maven/org.apache.jena/apache-jena@3.12.0' },
        { name: 'Saxon', version: '8.8', license: 'MPL-1.0' }
      ]
    ],
    [
      // metadata.component is the image, and the operating-system component is no package.
      'syft CycloneDX 1.6 of an image',
      CDX,
      fixture('syft-cyclonedx-1.6-image.json'),
      '1.6',
      [
        { name: 'package-1', version: '1.0.1', license: 'MIT' },
        { name: 'package-2', version: '2.0.1', purl: 'pkg:deb/debian/package-2@2.0.1' }
      ]
    ],
    [
      'CycloneDX 1.6 assembly: nested components are packages',
      'https://cyclonedx.org/bom/v1.6',
      fixture('cyclonedx-spec-valid-assembly-1.6.json'),
      '1.6',
      [
        { name: 'acme-library-a', version: '1.0.0' },
        { name: 'acme-library-b', version: '2.0.0' }
      ]
    ],
    [
      'CycloneDX 1.4 licence expression',
      CDX,
      fixture('cyclonedx-spec-valid-license-expression-1.4.json'),
      '1.4',
      [
        {
          name: 'com.acme/tomcat-catalina',
          version: '9.0.14',
          license: 'EPL-2.0 OR GPL-2.0 WITH Classpath-exception-2.0'
        }
      ]
    ],
    [
      'CycloneDX 1.5 licence id',
      'https://cyclonedx.org/bom/v1.5',
      fixture('cyclonedx-spec-valid-license-id-1.5.json'),
      '1.5',
      [{ name: 'com.acme/tomcat-catalina', version: '9.0.14', license: 'Apache-2.0' }]
    ],
    [
      'CycloneDX 1.6 licence name that is no SPDX id: a LicenseRef',
      CDX,
      fixture('cyclonedx-spec-valid-license-name-1.6.json'),
      '1.6',
      [
        {
          name: 'com.acme/tomcat-catalina',
          version: '9.0.14',
          purl: 'pkg:maven/com.acme/tomcat-catalina@9.0.14?packaging=jar',
          license: 'LicenseRef-Apache-License-2.0'
        }
      ]
    ],
    [
      // The specification's own example of a mix: the concluded entries are read, as SPDX's concluded licence is.
      'CycloneDX 1.6 declared and concluded licences mixed',
      CDX,
      fixture('cyclonedx-spec-invalid-license-declared-concluded-mix-1.6.json'),
      '1.6',
      [
        { name: 'com.example/situation-A', version: '1', license: '(MIT OR PostgreSQL OR Apache-2.0)' },
        { name: 'com.example/situation-B', version: '1', license: '(GPL-3.0-only AND LGPL-2.0-only)' },
        { name: 'com.example/situation-C', version: '1', license: 'GPL-3.0-only' }
      ]
    ]
  ])('%s', (_name, type, doc, version, expected) => {
    const r = parseSbom(type, doc)
    expect(r).toMatchObject({ ok: true, sbom: { formatVersion: version } })
    expect(packages(r)).toEqual(expected)
  })

  test('the format follows the predicate type', () => {
    expect(parseSbom(SPDX, fixture('syft-spdx-2.3-image.json'))).toMatchObject({ sbom: { format: 'spdx' } })
    expect(parseSbom(CDX, fixture('syft-cyclonedx-1.6-image.json'))).toMatchObject({ sbom: { format: 'cyclonedx' } })
  })

  test('a predicate written as a JSON string is read', () => {
    const doc = readFileSync(new URL('../../fixtures/sbom/syft-spdx-2.3-image.json', import.meta.url), 'utf8')
    expect(packages(parseSbom(SPDX, doc))).toHaveLength(2)
  })
})

describe('a licence longer than what is kept of a text loses no denied licence', () => {
  // Cut at 1024 characters, `MIT AND … AND GPL-3.0-only` lost its end, or ended on a whole `MIT` and parsed: allowed.
  const spdx = (license: string): unknown => ({
    spdxVersion: 'SPDX-2.3',
    packages: [{ name: 'p', SPDXID: 'SPDXRef-p', licenseConcluded: 'NOASSERTION', licenseDeclared: license }]
  })
  const judged = (license: string): string => {
    const r = parseSbom(SPDX, spdx(license))
    const l = packages(r)[0]!.license
    const v = judgeLicense(l, ['GPL-3.0-*', 'LicenseRef-Evil*'])
    return v.kind === 'denied' ? `denied ${v.denied.map(d => d.license).join(', ')}` : v.kind
  }
  test.each<[string, string, string]>([
    ['a denied licence at the end', `${'MIT AND '.repeat(200)}GPL-3.0-only`, 'denied GPL-3.0-only'],
    ['cut on a whole id', `${'MIT AND '.repeat(127)}MIT AND GPL-3.0-or-later`, 'denied GPL-3.0-or-later'],
    ['a LicenseRef at the end', `${'Apache-2.0 AND '.repeat(100)}LicenseRef-Evil-1`, 'denied LicenseRef-Evil-1'],
    ['nothing denied', `${'MIT OR '.repeat(200)}Apache-2.0`, 'allowed'],
    ['no licence id at all', 'x '.repeat(700), 'unknown'],
    ['exactly the kept length, kept as written', `${'MIT AND '.repeat(127)}MIT2`.slice(0, 1024), 'unknown']
  ])('%s: %s', (_n, license, expected) => expect(judged(license)).toBe(expected))
  test('a CycloneDX licence name with a lookalike dash in a denied id is denied', () => {
    const l = cycloneDxLicense([{ license: { name: 'AGPL\u20103.0-only' } }])
    expect(judgeLicense(l, ['AGPL-*']).kind).toBe('denied')
  })
  test.each<[string, string[], string]>([
    ['a name that mentions a denied id, denied exactly', ['GPL-3.0-only'], 'denied'],
    ['a name that mentions a denied id, by a glob', ['GPL-*'], 'denied'],
    ['a name that mentions no denied id', ['AGPL-*'], 'allowed']
  ])('a CycloneDX licence name that is no expression keeps the ids it mentions: %s', (_n, deny, kind) => {
    const l = cycloneDxLicense([{ license: { name: 'GPL-3.0-only (with a linking exception of our own)' } }])
    expect(judgeLicense(l, deny).kind).toBe(kind)
  })
  test('what is kept is every licence named, each once, all applying', () => {
    const r = parseSbom(SPDX, spdx(`${'MIT OR '.repeat(200)}Apache-2.0`))
    expect(packages(r)[0]!.license).toBe('MIT AND Apache-2.0')
  })
})

describe('what cannot be read is a problem, never an empty SBOM', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `p${i}`, SPDXID: `SPDXRef-${i}` }))
  const deep = (levels: number): unknown => {
    let c: Record<string, unknown> = { type: 'library', name: 'leaf' }
    for (let i = 0; i < levels; i++) c = { type: 'library', name: `l${i}`, components: [c] }
    return { bomFormat: 'CycloneDX', specVersion: '1.6', components: [c] }
  }
  test.each<[string, string, unknown, RegExp]>([
    ['not an SBOM type', 'https://slsa.dev/provenance/v1', {}, /not an SBOM predicate type/],
    [
      'SPDX 3',
      'https://spdx.dev/Document',
      { spdxVersion: 'SPDX-3.0', packages: [] },
      /SPDX version SPDX-3.0 is not supported/
    ],
    ['SPDX without packages', SPDX, { spdxVersion: 'SPDX-2.3' }, /no packages list/],
    ['SPDX without a version', SPDX, { packages: [] }, /no spdxVersion/],
    ['CycloneDX 1.3', CDX, { bomFormat: 'CycloneDX', specVersion: '1.3', components: [] }, /1\.3 is not supported/],
    ['CycloneDX without bomFormat', CDX, { specVersion: '1.6' }, /bomFormat/],
    ['an array', SPDX, [], /not a JSON object/],
    ['null', CDX, null, /not a JSON object/],
    ['a string that is not JSON', SPDX, '{"spdxVersion": ', /not JSON/],
    [
      `more than ${SBOM_MAX_PACKAGES} SPDX packages`,
      SPDX,
      { spdxVersion: 'SPDX-2.3', packages: many(SBOM_MAX_PACKAGES + 1) },
      /lists 100001 packages, more than the 100000/
    ],
    [
      `more than ${SBOM_MAX_PACKAGES} CycloneDX components, nested ones counted`,
      CDX,
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        components: [{ name: 'a', components: many(SBOM_MAX_PACKAGES) }]
      },
      /more than the 100000/
    ],
    ['components nested 65 deep', CDX, deep(65), /nest more than 64 deep/]
  ])('%s', (_name, type, doc, problem) => {
    const r = parseSbom(type, doc)
    expect(r.ok).toBe(false)
    expect(r.ok ? '' : r.problem).toMatch(problem)
  })

  test('exactly the bounds are read', () => {
    expect(packages(parseSbom(SPDX, { spdxVersion: 'SPDX-2.3', packages: many(SBOM_MAX_PACKAGES) }))).toHaveLength(
      SBOM_MAX_PACKAGES
    )
    expect(packages(parseSbom(CDX, deep(63)))).toHaveLength(64)
  })
})

describe('the predicate types read as SBOMs', () => {
  test.each<[string, boolean]>([
    ['https://spdx.dev/Document', true],
    ['https://spdx.dev/Document/v2.3', true],
    ['https://spdx.dev/Document/v2.2', true],
    ['https://cyclonedx.org/bom', true],
    ['https://cyclonedx.org/bom/v1.6', true],
    ['https://cyclonedx.org/bom/v1.4', true],
    ['https://spdx.dev/Document/v3.0', false],
    ['https://slsa.dev/provenance/v1', false],
    ['https://cosign.sigstore.dev/attestation/vuln/v1', false],
    ['https://cyclonedx.org/bom.evil', false]
  ])('%s: %s', (type, is) => expect(isSbomPredicate(type)).toBe(is))
})

describe('CycloneDX licence lists: every entry applies', () => {
  test.each<[string, unknown[], string | undefined]>([
    ['none', [], undefined],
    ['one id', [{ license: { id: 'MIT' } }], 'MIT'],
    ['two ids: both apply', [{ license: { id: 'MIT' } }, { license: { id: 'GPL-3.0-only' } }], 'MIT AND GPL-3.0-only'],
    [
      'an expression beside an id is parenthesised',
      [{ license: { id: 'MIT' } }, { expression: 'A-1 OR B-2' }],
      'MIT AND (A-1 OR B-2)'
    ],
    ['the same id twice, once', [{ license: { id: 'MIT' } }, { license: { id: 'MIT' } }], 'MIT'],
    ['a name that is an SPDX id stays one', [{ license: { name: 'Apache-2.0' } }], 'Apache-2.0'],
    ['a name that is not', [{ license: { name: 'GNU GPL v3 (or later)' } }], 'LicenseRef-GNU-GPL-v3-or-later'],
    ['NOASSERTION as an expression', [{ expression: 'NOASSERTION' }], undefined],
    ['junk entries', [null, 'MIT', { license: 'MIT' }, { license: {} }], undefined]
  ])('%s', (_name, entries, expected) => expect(cycloneDxLicense(entries)).toBe(expected))
})
