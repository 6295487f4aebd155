import { describe, expect, test } from '@jest/globals'
import { D, subject } from '../policy/facts.js'
import { attachSboms, keepSbom, sbomKeeper } from '../../../src/inspect/sbom.js'
import type { ImageFacts } from '../../../src/model/facts.js'
import type { DigestTrust, SignatureFact } from '../../../src/model/trust.js'

const SPDX = 'https://spdx.dev/Document'
const CDX = 'https://cyclonedx.org/bom'
const spdx = (name: string) => ({ spdxVersion: 'SPDX-2.3', packages: [{ name, SPDXID: `SPDXRef-${name}` }] })
const cdx = (name: string) => ({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ name }] })
const ATT = D(900)
const KEY = { kind: 'key' as const, fingerprint: 'good' }
const OTHER = { kind: 'key' as const, fingerprint: 'other' }
const accepted = (s: SignatureFact): boolean => s.signer?.kind === 'key' && s.signer.fingerprint === 'good'

/** An index (D(1)) of linux/amd64 (D(100)) and linux/arm64 (D(101)), one attestation manifest listed. */
function index(): ImageFacts {
  const f = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }, { platform: 'linux/arm64' }]).facts
  f.attestations = [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: ATT, size: 1 }]
  return f
}
const inIndex = (f: ImageFacts, subject: string, predicate: unknown, layer = 0, type = SPDX): void => {
  ;(f.statements ??= []).push({
    subject,
    predicateType: type,
    predicate: keepSbom(type, predicate),
    manifest: ATT,
    layer
  })
}
const sig = (
  subjects: string[],
  signer = KEY,
  statement?: { predicateType: string; predicate: unknown },
  n = 0
): SignatureFact => ({
  place: 'referrers API',
  format: 'Sigstore bundle',
  manifest: D(800 + n),
  verified: true,
  signer,
  subjects,
  ...(statement ? { statement, predicateType: statement.predicateType } : {})
})
const trust = (
  f: ImageFacts,
  top: SignatureFact[],
  platforms: Array<Partial<DigestTrust> & { digest: string }> = []
): void => {
  f.trust = {
    top: { digest: f.digest, looked: [], signatures: top },
    platforms: platforms.map(p => ({ looked: [], signatures: [], ...p })),
    claims: []
  }
}
const summary = (f: ImageFacts) =>
  f.platforms.map(p =>
    p.content?.sbom
      ? `${p.content.sbom.source} ${p.content.sbom.signed ? 'signed' : 'unsigned'} ${p.content.sbom.packages.map(x => x.name).join(',')} ${p.content.sbom.manifest}`
      : `none: ${(p.content?.sbomProblems ?? []).join(' | ')}`
  )

describe("each platform's SBOM", () => {
  test('in the index, the index unsigned: unsigned', () => {
    const f = index()
    inIndex(f, D(100), spdx('a'))
    inIndex(f, D(101), spdx('b'))
    attachSboms(f, accepted)
    expect(summary(f)).toEqual([`in-index unsigned a ${ATT}`, `in-index unsigned b ${ATT}`])
  })

  test('in the index, the index digest signed by an accepted signer: signed; by another: not', () => {
    const f = index()
    inIndex(f, D(100), spdx('a'))
    inIndex(f, D(101), spdx('b'))
    trust(f, [sig([D(1)])])
    attachSboms(f, accepted)
    expect(summary(f)).toEqual([`in-index signed a ${ATT}`, `in-index signed b ${ATT}`])
    trust(f, [sig([D(1)], OTHER), sig([D(100)])])
    attachSboms(f, accepted)
    expect(summary(f)).toEqual([`in-index unsigned a ${ATT}`, `in-index unsigned b ${ATT}`])
  })

  test("an accepted signer's attestation for the platform wins over the index's SBOM; one for the index covers every platform", () => {
    const f = index()
    inIndex(f, D(100), spdx('in-index'))
    trust(
      f,
      [sig([D(1)], KEY, { predicateType: CDX, predicate: cdx('for-index') }, 1)],
      [{ digest: D(100), signatures: [sig([D(100)], KEY, { predicateType: SPDX, predicate: spdx('for-amd64') }, 2)] }]
    )
    attachSboms(f, accepted)
    expect(summary(f)).toEqual([`attestation signed for-amd64 ${D(802)}`, `attestation signed for-index ${D(801)}`])
  })

  test('an attestation naming another digest does not count; one by a signer no rule accepts comes last, unsigned', () => {
    const f = index()
    trust(f, [
      sig([D(555)], KEY, { predicateType: SPDX, predicate: spdx('elsewhere') }, 1),
      sig([D(1)], OTHER, { predicateType: SPDX, predicate: spdx('stranger') }, 2)
    ])
    inIndex(f, D(101), spdx('in-index'))
    attachSboms(f, accepted)
    expect(summary(f)).toEqual([`attestation unsigned stranger ${D(802)}`, `in-index unsigned in-index ${ATT}`])
  })

  test("BuildKit's first SBOM is the final stage's: when it could not be read, another stage's is not taken", () => {
    const f = index()
    inIndex(f, D(100), spdx('build-stage'), 3)
    f.statementProblems = [
      {
        subject: D(100),
        predicateType: SPDX,
        manifest: ATT,
        layer: 1,
        reason: 'the statement of … is 70000000 bytes, over the 65 MiB …; not read'
      }
    ]
    inIndex(f, D(101), spdx('final'), 1)
    inIndex(f, D(101), spdx('build-stage'), 2)
    attachSboms(f, accepted)
    expect(summary(f)).toEqual([
      `none: the in-index SBOM of linux/amd64 (${ATT}): the statement of … is 70000000 bytes, over the 65 MiB …; not read`,
      `in-index unsigned final ${ATT}`
    ])
  })

  test('what could not be used is said: a document that does not parse, attestations not all read', () => {
    const f = index()
    inIndex(f, D(100), { spdxVersion: 'SPDX-3.0', packages: [] })
    trust(
      f,
      [],
      [{ digest: D(101), platform: 'linux/arm64', unread: ["signature bytes past the run's budget of 160 MiB"] }]
    )
    attachSboms(f, accepted)
    expect(summary(f)).toEqual([
      `none: the SBOM of ${ATT} (in the index): SPDX version SPDX-3.0 is not supported (SPDX 2.2 and 2.3 JSON are)`,
      `none: the attestations of ${D(101)} (linux/arm64) were not all read: signature bytes past the run's budget of 160 MiB`
    ])
  })

  test('nothing found: no problems, no SBOM', () => {
    const f = index()
    attachSboms(f, accepted)
    expect(f.platforms.map(p => p.content)).toEqual([{}, {}])
  })
})

describe("the run's bound on SBOM packages kept", () => {
  test('past it, an SBOM is a problem that says so; within it, kept; other predicates untouched', () => {
    const keep = sbomKeeper(3)
    const two = { spdxVersion: 'SPDX-2.3', packages: [{ name: 'a' }, { name: 'b' }] }
    expect(keep(SPDX, two)).toMatchObject({ ok: true, sbom: { packages: [{ name: 'a' }, { name: 'b' }] } })
    expect(keep(SPDX, two)).toEqual({
      ok: false,
      problem: 'the run holds 2 SBOM packages already; with these 2 it would be over the 3 a run keeps'
    })
    expect(keep(CDX, cdx('c'))).toMatchObject({ ok: true })
    const provenance = { builder: { id: 'x' } }
    expect(keep('https://slsa.dev/provenance/v1', provenance)).toBe(provenance)
  })
})
