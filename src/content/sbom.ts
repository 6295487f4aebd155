/**
 * SBOMs, parsed from an in-toto statement's predicate already fetched and bounded: SPDX 2.2/2.3 JSON and CycloneDX
 * 1.4–1.6 JSON, into the packages the licence and vulnerability rules read (name, version, purl, licence as an
 * SPDX expression). Pure: never fetches. Whatever cannot be read is a problem, never an empty SBOM: a rule that
 * relies on it fails closed. See docs/architecture.md.
 */
import type { SbomFacts, SbomPackage } from '../model/content.js'
import { licenseTokens, parseLicense } from './licenses.js'
import { sbomFormatOf } from './predicates.js'

/** The largest SBOM read, in bytes (the statement that carries it may add its wrapping). */
export const SBOM_MAX_BYTES = 64 << 20
/** The most packages one SBOM may list (CycloneDX's nested components included). */
export const SBOM_MAX_PACKAGES = 100_000
/** CycloneDX components nest; this deep and no deeper. */
const MAX_COMPONENT_DEPTH = 64
/** What is kept of a name, version, purl or licence: the rest is not an SBOM's, it is an attack on the report. */
const MAX_TEXT = 1024

export { CYCLONEDX_PREDICATE, SPDX_PREDICATE, isSbomPredicate, sbomFormatOf } from './predicates.js'

/** What an SBOM says, before where it was found is known. */
export type ParsedSbom = Pick<SbomFacts, 'format' | 'formatVersion' | 'packages'>

export type SbomParse = { ok: true; sbom: ParsedSbom } | { ok: false; problem: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, MAX_TEXT) : undefined
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/**
 * One statement's predicate → its packages, or the problem that keeps it from being read: an unsupported format or
 * version, a document that is not one, more than SBOM_MAX_PACKAGES packages. A predicate written as a JSON string
 * (some tools wrap the document so) is parsed, within SBOM_MAX_BYTES.
 */
export function parseSbom(predicateType: string, predicate: unknown): SbomParse {
  const format = sbomFormatOf(predicateType)
  if (!format) return { ok: false, problem: `${predicateType.slice(0, 100)} is not an SBOM predicate type` }
  let doc = predicate
  if (typeof doc === 'string') {
    if (Buffer.byteLength(doc, 'utf8') > SBOM_MAX_BYTES)
      return { ok: false, problem: `the SBOM is over the ${SBOM_MAX_BYTES >> 20} MiB an SBOM may be` }
    try {
      doc = JSON.parse(doc)
    } catch {
      return { ok: false, problem: 'the SBOM is a string that is not JSON' }
    }
  }
  if (!isObject(doc))
    return { ok: false, problem: `the ${format === 'spdx' ? 'SPDX' : 'CycloneDX'} SBOM is not a JSON object` }
  return format === 'spdx' ? parseSpdx(doc) : parseCycloneDx(doc)
}

/** SPDX's words for "nothing said": unknown, never a licence. */
const NO_LICENSE = new Set(['NOASSERTION', 'NONE'])
const licenseText = (v: unknown): string | undefined => {
  if (typeof v !== 'string' || v.length <= MAX_TEXT) {
    const t = text(v)
    return t !== undefined && !NO_LICENSE.has(t) ? t : undefined
  }
  // Cut short, an expression could lose the denied licence at its end, or end on a whole one (`MIT AND … AND MIT`)
  // and parse. What is kept of a longer one is every licence it names, all applying: a denied one stays denied.
  const ids = licenseTokens(v)
  if (ids.length === 0) return v.trim().slice(0, MAX_TEXT)
  return ids.join(' AND ')
}

/** A purl is `pkg:type/…`; anything else an SBOM writes there (syft's own test data has `a-purl-1`) is no purl. */
const purlText = (v: unknown): string | undefined => {
  const t = text(v)
  return t !== undefined && /^pkg:[A-Za-z.+-][A-Za-z0-9.+-]*\//.test(t) ? t : undefined
}

/** SPDX purposes of what a document is about (the image, its directory) rather than a package in it. */
const SUBJECT_PURPOSES = new Set(['CONTAINER', 'OPERATING-SYSTEM', 'FILE', 'SOURCE'])

function parseSpdx(doc: Record<string, unknown>): SbomParse {
  const version = text(doc.spdxVersion)
  if (version === undefined) return { ok: false, problem: 'the SPDX document has no spdxVersion' }
  if (!/^SPDX-2\.[23]$/.test(version))
    return { ok: false, problem: `SPDX version ${version.slice(0, 40)} is not supported (SPDX 2.2 and 2.3 JSON are)` }
  if (!Array.isArray(doc.packages)) return { ok: false, problem: 'the SPDX document has no packages list' }
  if (doc.packages.length > SBOM_MAX_PACKAGES) return tooMany(doc.packages.length)
  const described = new Set(list(doc.documentDescribes).map(text))
  for (const r of list(doc.relationships)) {
    if (isObject(r) && r.spdxElementId === 'SPDXRef-DOCUMENT' && r.relationshipType === 'DESCRIBES')
      described.add(text(r.relatedSpdxElement))
  }
  const packages: SbomPackage[] = []
  for (const p of doc.packages) {
    if (!isObject(p)) continue
    const id = text(p.SPDXID) ?? ''
    // The document's subject (the image syft or BuildKit scanned) is not a package of it.
    const subject =
      id.startsWith('SPDXRef-DocumentRoot-') ||
      (described.has(id) && SUBJECT_PURPOSES.has(text(p.primaryPackagePurpose) ?? ''))
    if (subject) continue
    const pkg: SbomPackage = { name: text(p.name) ?? '(unnamed)' }
    const version = text(p.versionInfo)
    if (version !== undefined) pkg.version = version
    const purl = list(p.externalRefs)
      .filter(
        r =>
          isObject(r) &&
          r.referenceType === 'purl' &&
          (r.referenceCategory === 'PACKAGE-MANAGER' || r.referenceCategory === 'PACKAGE_MANAGER')
      )
      .map(r => purlText((r as Record<string, unknown>).referenceLocator))
      .find(x => x !== undefined)
    if (purl !== undefined) pkg.purl = purl
    // syft and BuildKit always write NOASSERTION as the concluded licence: the declared one is what they found.
    const license = licenseText(p.licenseConcluded) ?? licenseText(p.licenseDeclared)
    if (license !== undefined) pkg.license = license
    packages.push(pkg)
  }
  return { ok: true, sbom: { format: 'spdx', formatVersion: version, packages } }
}

const tooMany = (n: number | string): SbomParse => ({
  ok: false,
  problem: `the SBOM lists ${n} packages, more than the ${SBOM_MAX_PACKAGES} an SBOM may list`
})

/** CycloneDX types of what is not a package: the distribution syft lists, an image inside the image. */
const NOT_PACKAGES = new Set(['operating-system', 'container'])

function parseCycloneDx(doc: Record<string, unknown>): SbomParse {
  if (doc.bomFormat !== 'CycloneDX') return { ok: false, problem: 'the CycloneDX SBOM has no bomFormat "CycloneDX"' }
  const version = text(doc.specVersion)
  if (version === undefined) return { ok: false, problem: 'the CycloneDX SBOM has no specVersion' }
  if (!/^1\.[456]$/.test(version))
    return { ok: false, problem: `CycloneDX version ${version.slice(0, 40)} is not supported (1.4 to 1.6 JSON are)` }
  const packages: SbomPackage[] = []
  // Depth first, without recursion: nested components are packages too (an assembly's parts).
  const stack: Array<{ items: unknown[]; depth: number }> = [{ items: list(doc.components), depth: 1 }]
  let seen = 0
  while (stack.length > 0) {
    const { items, depth } = stack.pop()!
    seen += items.length
    if (seen > SBOM_MAX_PACKAGES) return tooMany(`over ${SBOM_MAX_PACKAGES}`)
    for (const c of items) {
      if (!isObject(c)) continue
      const nested = list(c.components)
      if (nested.length > 0) {
        if (depth >= MAX_COMPONENT_DEPTH)
          return { ok: false, problem: `the SBOM's components nest more than ${MAX_COMPONENT_DEPTH} deep` }
        stack.push({ items: nested, depth: depth + 1 })
      }
      if (NOT_PACKAGES.has(text(c.type) ?? '')) continue
      packages.push(component(c))
    }
  }
  return { ok: true, sbom: { format: 'cyclonedx', formatVersion: version, packages } }
}

function component(c: Record<string, unknown>): SbomPackage {
  const group = text(c.group)
  const name = text(c.name) ?? '(unnamed)'
  const pkg: SbomPackage = { name: group ? `${group}/${name}` : name }
  const version = text(c.version)
  if (version !== undefined) pkg.version = version
  const purl = purlText(c.purl)
  if (purl !== undefined) pkg.purl = purl
  const license = cycloneDxLicense(list(c.licenses))
  if (license !== undefined) pkg.license = license
  return pkg
}

/**
 * A component's licences as one SPDX expression. The specification does not say how the entries of a list combine;
 * the gate reads them as all applying (AND), so that a denied licence anywhere in the list is found. Entries that
 * say they were concluded (CycloneDX 1.6 `acknowledgement`) are read instead of declared ones, as SPDX's concluded
 * licence is. A named licence that is no SPDX expression becomes `LicenseRef-<name>` (as syft writes it in SPDX),
 * and with it every SPDX id the name mentions.
 */
export function cycloneDxLicense(entries: unknown[]): string | undefined {
  const terms = entries.filter(isObject).map(e => ({
    term: isObject(e.license) ? (text(e.license.id) ?? namedLicense(text(e.license.name))) : licenseText(e.expression),
    concluded: (isObject(e.license) ? e.license.acknowledgement : e.acknowledgement) === 'concluded'
  }))
  const chosen = terms.some(t => t.concluded && t.term) ? terms.filter(t => t.concluded) : terms
  const parts = [...new Set(chosen.map(t => t.term).filter((t): t is string => t !== undefined))]
  if (parts.length === 0) return undefined
  if (parts.length === 1) return parts[0]
  return parts.map(p => (/\s/.test(p) ? `(${p})` : p)).join(' AND ')
}

/**
 * A licence name: itself when it is an SPDX expression (`MIT`), else `LicenseRef-` and its safe characters, AND the
 * SPDX ids it mentions.
 */
function namedLicense(name: string | undefined): string | undefined {
  if (name === undefined || NO_LICENSE.has(name)) return undefined
  if (parseLicense(name)) return name
  const safe = name
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200)
  // The SPDX ids the name mentions apply too (`GPL-3.0-only (with our own exception)`): a denied one is not hidden
  // inside a custom licence's name.
  const ids = licenseTokens(name).filter(t => !/LicenseRef-/i.test(t))
  const ref = safe ? [`LicenseRef-${safe}`] : []
  return ref.length + ids.length > 0 ? [...ref, ...ids].join(' AND ') : undefined
}
