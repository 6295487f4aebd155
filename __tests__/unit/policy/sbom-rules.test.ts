import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { D, subject } from './facts.js'
import { checkLicenses, checkSbom, MAX_LICENSE_FINDINGS } from '../../../src/policy/rules/sbom.js'
import { parseSbom } from '../../../src/content/sbom.js'
import type { SbomFacts, SbomPackage } from '../../../src/model/content.js'
import type { Subject } from '../../../src/policy/types.js'
import { loadLicenseParser } from '../../../src/content/licenses.js'

// SBOM parsing and licence judgements use the expression parser a run loads on demand.
await loadLicenseParser()

const sbom = (packages: SbomPackage[], extra: Partial<SbomFacts> = {}): SbomFacts => ({
  format: 'spdx',
  formatVersion: 'SPDX-2.3',
  source: 'in-index',
  signed: false,
  manifest: D(900),
  packages,
  ...extra
})

/** Two platforms: linux/amd64 with `amd64`, linux/arm64 with `arm64` (undefined: no SBOM, with `problems`). */
function image(amd64: SbomFacts | undefined, arm64: SbomFacts | undefined, problems: string[] = []): Subject {
  const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }, { platform: 'linux/arm64' }])
  const [a, b] = s.facts.platforms
  a!.content = amd64 ? { sbom: amd64 } : { sbomProblems: problems }
  b!.content = arm64 ? { sbom: arm64 } : { sbomProblems: problems }
  return s
}

const DENY = { deny: ['AGPL-*', 'GPL-3.0-*', 'SSPL-1.0'], unknown: 'pass' as const }
const messages = (v: Array<{ platform?: string; message: string }>): string[] =>
  v.map(x => `${x.platform}: ${x.message}`)

describe('sbom', () => {
  test('true: every platform has one; no SBOM is a finding naming the platform and digest', () => {
    expect(checkSbom(image(sbom([]), sbom([])), 'present', false)).toEqual([])
    expect(messages(checkSbom(image(sbom([]), undefined), 'present', false))).toEqual([
      `linux/arm64: no SBOM found for linux/arm64 (${D(101)}) (looked in the index's attestation manifests; signed attestations are read when a signer is set: signature-keys, signature-identities or provenance)`
    ])
  })

  test('with a signer set, the attestations were looked in too, and the finding says so', () => {
    const s = image(sbom([]), undefined)
    s.facts.trust = { top: { digest: D(1), looked: [], signatures: [] }, platforms: [], claims: [] }
    expect(messages(checkSbom(s, 'present', true))).toEqual([
      `linux/arm64: no SBOM found for linux/arm64 (${D(101)}) (looked in the index's attestation manifests and in the attestations of the platform and the index)`
    ])
  })

  test('why one that was listed could not be used is said', () => {
    const v = checkSbom(
      image(undefined, sbom([]), ['the SBOM lists 100001 packages, more than the 100000 an SBOM may list']),
      'present',
      false
    )
    expect(messages(v)).toEqual([
      `linux/amd64: no SBOM found for linux/amd64 (${D(100)}): the SBOM lists 100001 packages, more than the 100000 an SBOM may list`
    ])
  })

  test('signed: an unsigned in-index SBOM fails, a signed one passes; without a signer it cannot pass', () => {
    const signedBoth = image(sbom([], { signed: true }), sbom([], { signed: true }))
    expect(checkSbom(signedBoth, 'signed', true)).toEqual([])
    expect(messages(checkSbom(image(sbom([], { signed: true }), sbom([])), 'signed', true))).toEqual([
      `linux/arm64: the SBOM of linux/arm64 is not signed by an accepted signer: it is in the index (${D(900)}), and no accepted signer signed the index digest ${D(1)}`
    ])
    expect(checkSbom(signedBoth, 'signed', false)).toEqual([
      { message: expect.stringContaining('a signed SBOM is required, but no signer is accepted') }
    ])
  })
})

describe('licenses', () => {
  test('a denied licence names package@version, expression, platform and the denied id', () => {
    const s = image(
      sbom([
        { name: 'left-pad', version: '1.3.0', license: 'MIT AND AGPL-3.0-only' },
        { name: 'dual', version: '2', license: 'MIT OR GPL-3.0-only' },
        { name: 'mongo', license: 'SSPL-1.0' },
        { name: 'nothing', version: '1' }
      ]),
      sbom([{ name: 'fine', version: '1', license: 'Apache-2.0' }])
    )
    expect(messages(checkLicenses(s, DENY))).toEqual([
      'linux/amd64: left-pad@1.3.0 is licensed MIT AND AGPL-3.0-only: it cannot be used without AGPL-3.0-only (denied by AGPL-*)',
      'linux/amd64: mongo is licensed SSPL-1.0: it cannot be used without SSPL-1.0'
    ])
  })

  test('unknown passes, unless unknown: fail', () => {
    const s = image(
      sbom([
        { name: 'nothing', version: '1' },
        { name: 'words', version: '2', license: 'GNU GPL v3' }
      ]),
      sbom([{ name: 'a', license: 'MIT' }])
    )
    expect(checkLicenses(s, DENY)).toEqual([])
    expect(messages(checkLicenses(s, { ...DENY, unknown: 'fail' }))).toEqual([
      'linux/amd64: nothing@1: its licence is unknown (no licence is given), and unknown licences fail',
      'linux/amd64: words@2: its licence is unknown ("GNU GPL v3" is not a valid SPDX expression), and unknown licences fail'
    ])
  })

  test('an SBOM of no packages shows nothing to check: a finding, never a pass', () => {
    expect(messages(checkLicenses(image(sbom([]), sbom([{ name: 'a', license: 'MIT' }])), DENY))).toEqual([
      'linux/amd64: the SBOM of linux/amd64 lists no packages, so the licences cannot be checked (an SBOM of something else than the image looks the same)'
    ])
  })

  test('a licence that names many denied ones is quoted in part, and the denied ids counted past five', () => {
    const ids = ['AGPL-1.0-only', 'AGPL-1.0-or-later', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'GPL-3.0-only', 'SSPL-1.0']
    const license = `${ids.join(' AND ')} AND ${'MIT AND '.repeat(100)}MIT`
    const [v] = checkLicenses(
      image(sbom([{ name: 'many', version: '1', license }]), sbom([{ name: 'a', license: 'MIT' }])),
      DENY
    )
    expect(v!.message).toBe(
      `many@1 is licensed ${license.slice(0, 300)}…: it cannot be used without AGPL-1.0-only (denied by AGPL-*) and AGPL-1.0-or-later (denied by AGPL-*) and AGPL-3.0-only (denied by AGPL-*) and AGPL-3.0-or-later (denied by AGPL-*) and GPL-3.0-only (denied by GPL-3.0-*) and 1 more`
    )
  })

  test('no SBOM is a finding, never a pass', () => {
    expect(messages(checkLicenses(image(sbom([{ name: 'a', license: 'MIT' }]), undefined), DENY))).toEqual([
      `linux/arm64: no SBOM found for linux/arm64 (${D(101)}) (looked in the index's attestation manifests; signed attestations are read when a signer is set: signature-keys, signature-identities or provenance): the licences cannot be checked`
    ])
  })

  test(`at most ${MAX_LICENSE_FINDINGS} findings per platform, and one that counts the rest`, () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ name: `p${i}`, version: '1', license: 'AGPL-3.0-only' }))
    const v = checkLicenses(image(sbom(many), sbom([{ name: 'a', license: 'MIT' }])), DENY)
    expect(v).toHaveLength(MAX_LICENSE_FINDINGS + 1)
    expect(v[MAX_LICENSE_FINDINGS]!.message).toBe(
      `and 150 more packages of linux/amd64 with licences that fail (the first ${MAX_LICENSE_FINDINGS} are listed)`
    )
  })

  test("syft's SBOM: the declared licence is judged, NOASSERTION concluded or not", () => {
    const doc = JSON.parse(
      readFileSync(new URL('../../fixtures/sbom/syft-spdx-2.3-image.json', import.meta.url), 'utf8')
    ) as unknown
    const parsed = parseSbom('https://spdx.dev/Document', doc)
    if (!parsed.ok) throw new Error(parsed.problem)
    const s = image(sbom(parsed.sbom.packages), sbom([{ name: 'a', license: 'Apache-2.0' }]))
    expect(messages(checkLicenses(s, { deny: ['MIT'], unknown: 'pass' }))).toEqual([
      'linux/amd64: package-1@1.0.1 is licensed MIT: it cannot be used without MIT'
    ])
    expect(messages(checkLicenses(s, { deny: ['GPL-*'], unknown: 'fail' }))).toEqual([
      'linux/amd64: package-2@2.0.1: its licence is unknown (no licence is given), and unknown licences fail'
    ])
  })
})
