/**
 * OpenVEX documents (v0.2.0, and the earlier `https://openvex.dev/ns` form): statements that a vulnerability does
 * not affect a product, or is fixed in it. A statement counts for an image when one of its products is the image —
 * its `pkg:oci` purl (compared parsed: `sha256%3A` and `sha256:` are one digest; a `repository_url` must name the
 * image's repository) or its digest — and, when it lists subcomponents, when one of them is the vulnerable
 * package's purl. Parsed from bytes already read; never fetches. See docs/architecture.md.
 */
import { PackageURL } from 'packageurl-js'
import type { VexSuppression } from '../model/content.js'

import { OPENVEX_PREDICATES } from './predicates.js'
export { OPENVEX_PREDICATES }

export const MAX_VEX_STATEMENTS = 10_000
const MAX_TEXT = 2048

export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation'
const STATUSES: readonly VexStatus[] = ['not_affected', 'affected', 'fixed', 'under_investigation']

export interface VexProduct {
  /** `pkg:oci/…` purls, digests (`sha256:…`) and other identifiers, as written. */
  ids: string[]
  subcomponents: string[]
}

export interface VexStatement {
  /** The vulnerability's name, `@id` and aliases. */
  vulnerabilities: string[]
  products: VexProduct[]
  status: VexStatus
  justification?: string
  impact?: string
  /** Milliseconds; the statement's own timestamp, else the document's; NaN when neither parses. */
  timestamp: number
  /** Its place among every statement read, for ties. */
  order: number
  document: string
}

export class VexError extends Error {}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' && v.length <= MAX_TEXT ? v.trim() : undefined

/** Reads an OpenVEX document; `document` is how messages and the report name it. Throws VexError. */
export function parseOpenVex(doc: unknown, document: string, order = 0): VexStatement[] {
  const d = obj(doc)
  const context = text(d?.['@context'])
  if (!d || !context || !/^https:\/\/openvex\.dev\/ns(\/v\d+\.\d+\.\d+)?$/.test(context))
    throw new VexError(`${document}: not an OpenVEX document (@context must be https://openvex.dev/ns/v0.2.0)`)
  if (!Array.isArray(d.statements)) throw new VexError(`${document}: it has no statements list`)
  if (d.statements.length > MAX_VEX_STATEMENTS)
    throw new VexError(`${document}: more than ${MAX_VEX_STATEMENTS} statements`)
  const docTime = Date.parse(text(d.timestamp) ?? '')
  return d.statements.map((raw, i): VexStatement => {
    const s = obj(raw)
    const where = `${document}: statements[${i}]`
    if (!s) throw new VexError(`${where} is not an object`)
    const status = s.status as VexStatus
    if (!STATUSES.includes(status)) throw new VexError(`${where}: status must be one of ${STATUSES.join(', ')}`)
    const vulnerabilities = vulnerabilityIds(s.vulnerability)
    if (vulnerabilities.length === 0) throw new VexError(`${where}: it names no vulnerability`)
    if (!Array.isArray(s.products) || s.products.length === 0) throw new VexError(`${where}: it names no product`)
    const justification = text(s.justification)
    const impact = text(s.impact_statement)
    // The specification requires one of them: a bare not_affected is a claim without a reason, and suppresses nothing.
    if (status === 'not_affected' && !justification && !impact)
      throw new VexError(`${where}: not_affected needs a justification or an impact_statement`)
    const own = Date.parse(text(s.timestamp) ?? '')
    return {
      vulnerabilities,
      products: s.products.map(product),
      status,
      ...(justification ? { justification } : {}),
      ...(impact ? { impact } : {}),
      timestamp: Number.isNaN(own) ? docTime : own,
      order: order + i,
      document
    }
  })
}

function vulnerabilityIds(v: unknown): string[] {
  // v0.0.1 wrote the name as a string.
  const single = text(v)
  if (single) return [single]
  const o = obj(v)
  if (!o) return []
  const aliases = Array.isArray(o.aliases) ? o.aliases.map(text) : []
  return [...new Set([text(o.name), text(o['@id']), ...aliases].filter((x): x is string => x !== undefined))]
}

function product(p: unknown): VexProduct {
  const single = text(p)
  if (single) return { ids: [single], subcomponents: [] }
  const o = obj(p) ?? {}
  const identifiers = obj(o.identifiers)
  const hash = text(obj(o.hashes)?.['sha-256'])
  const ids = [text(o['@id']), text(identifiers?.purl), hash ? `sha256:${hash}` : undefined].filter(
    (x): x is string => x !== undefined
  )
  const subcomponents = (Array.isArray(o.subcomponents) ? o.subcomponents : []).flatMap(c => {
    const co = obj(c)
    const id = text(c) ?? text(co?.['@id']) ?? text(obj(co?.identifiers)?.purl)
    return id ? [id] : []
  })
  return { ids, subcomponents }
}

/** The image a statement is judged against: its repository and its digests (the index's and the platform's). */
export interface VexImage {
  registry: string
  repository: string
  digests: string[]
}

/** The vulnerability a statement is judged against: every id it is known by, and the package it is in. */
export interface VexVulnerability {
  ids: string[]
  purl?: string
}

function parsePurl(s: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(s)
  } catch {
    return undefined
  }
}

const DOCKER_HUB = /^(index\.docker\.io|registry-1\.docker\.io|docker\.io)\//

function sameRepository(url: string, image: VexImage): boolean {
  const clean = url
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\/+$/, '')
    .replace(DOCKER_HUB, 'docker.io/')
  return clean === `${image.registry}/${image.repository}`.toLowerCase()
}

/** Is this product identifier the image: its `pkg:oci` purl, or one of its digests? */
export function isImage(id: string, image: VexImage): boolean {
  const digests = image.digests.map(d => d.toLowerCase())
  if (/^sha256:[0-9a-f]{64}$/i.test(id)) return digests.includes(id.toLowerCase())
  const purl = parsePurl(id)
  if (!purl || purl.type !== 'oci' || !purl.version) return false
  if (!digests.includes(purl.version.toLowerCase())) return false
  const last = image.repository.split('/').pop()!.toLowerCase()
  if (purl.name.toLowerCase() !== last) return false
  const url = purl.qualifiers?.repository_url
  return url === undefined || sameRepository(url, image)
}

/**
 * Is the subcomponent the package? Type, namespace and name must be equal; a version, when the subcomponent gives
 * one, too; and each qualifier it gives.
 */
export function isPackage(sub: string, purl: string | undefined): boolean {
  if (!purl) return false
  const a = parsePurl(sub)
  const b = parsePurl(purl)
  if (!a || !b) return false
  if (a.type !== b.type || (a.namespace ?? '') !== (b.namespace ?? '') || a.name !== b.name) return false
  if (a.version !== undefined && a.version !== b.version) return false
  return Object.entries(a.qualifiers ?? {}).every(([k, v]) => b.qualifiers?.[k] === v)
}

function applies(s: VexStatement, image: VexImage, v: VexVulnerability): boolean {
  const ids = new Set(v.ids.map(i => i.toUpperCase()))
  if (!s.vulnerabilities.some(x => ids.has(x.toUpperCase()))) return false
  return s.products.some(
    p =>
      p.ids.some(id => isImage(id, image)) &&
      (p.subcomponents.length === 0 || p.subcomponents.some(sub => isPackage(sub, v.purl)))
  )
}

/**
 * The statement that suppresses a vulnerability in an image, if any: of the statements that apply, the latest
 * (by timestamp, then by the order read) decides, so that an `affected` statement after a `not_affected` one wins.
 */
export function vexFor(statements: VexStatement[], image: VexImage, v: VexVulnerability): VexSuppression | undefined {
  const latest = statements
    .filter(s => applies(s, image, v))
    .sort((a, b) => (a.timestamp || 0) - (b.timestamp || 0) || a.order - b.order)
    .pop()
  if (!latest || (latest.status !== 'not_affected' && latest.status !== 'fixed')) return undefined
  return {
    document: latest.document,
    status: latest.status,
    ...(latest.justification ? { justification: latest.justification } : {}),
    ...(latest.impact ? { impact: latest.impact } : {})
  }
}
