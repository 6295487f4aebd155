/**
 * SPDX licence expressions, judged against denied licences: can the package be used without a denied licence?
 * `MIT OR GPL-3.0-only` can (MIT is chosen); `MIT AND GPL-3.0-only` cannot. Parsed with spdx-expression-parse; the
 * choice over its tree is ours. Pure. See docs/compliance.md.
 */
import licenseIds from 'spdx-license-ids/index.json' with { type: 'json' }
import deprecatedIds from 'spdx-license-ids/deprecated.json' with { type: 'json' }
import exceptionIds from 'spdx-exceptions/index.json' with { type: 'json' }
import { globMatch } from '../core/glob.js'

/** spdx-expression-parse, loaded by `loadLicenseParser` only in a run that reads SBOMs (it is not needed at start-up). */
let parse: ((expression: string) => unknown) | undefined

/** Loads the expression parser; once, before any SBOM is parsed or licence judged (src/gate/lazy.ts). */
export async function loadLicenseParser(): Promise<void> {
  parse ??= (await import('spdx-expression-parse')).default as (expression: string) => unknown
}

/** Longer expressions are not parsed (unknown): real ones are a few dozen characters. */
export const LICENSE_EXPRESSION_MAX = 4096

type Leaf = { license: string; plus?: true; exception?: string }
type Node = Leaf | { left: Node; conjunction: 'and' | 'or'; right: Node }

/** The verdict on one expression. `denied`: the licences that cannot be avoided, each with the pattern it matched. */
export type LicenseVerdict =
  | { kind: 'allowed' }
  | { kind: 'unknown'; reason: string }
  | { kind: 'denied'; denied: Array<{ license: string; pattern: string }> }

/**
 * SPDX ids, exceptions and operators are matched without regard to case: each token's canonical spelling. Built on
 * first use, not at import: most runs judge no licence.
 */
let canonical: Map<string, string> | undefined
function canonicalIds(): Map<string, string> {
  return (canonical ??= new Map(
    [...licenseIds, ...deprecatedIds, ...exceptionIds, 'AND', 'OR', 'WITH'].map(id => [id.toLowerCase(), id])
  ))
}

/**
 * Why a deny-list entry cannot be what was meant, or undefined: an SPDX id (any case), `LicenseRef-…`, a glob
 * (`AGPL-*`), or `id WITH exception`. `GPL3` denies nothing a real SBOM says: it is refused, not silently useless.
 */
export function denyEntryProblem(entry: string): string | undefined {
  if (entry.length > 200) return 'it is over 200 characters long'
  const parts = entry.split(/\s+WITH\s+/)
  if (parts.length > 2 || parts.some(p => !/^[A-Za-z0-9.+:*?{}[\]!-]+$/.test(p)))
    return 'write an SPDX licence id (GPL-3.0-only), a glob (GPL-3.0-*) or "id WITH exception"'
  for (const p of parts) {
    if (/[*?{[]/.test(p) || /^(DocumentRef-[^:]+:)?LicenseRef-/.test(p)) continue
    const bare = p.endsWith('+') ? p.slice(0, -1) : p
    if (!canonicalIds().has(bare.toLowerCase()))
      return `"${p}" is not on the SPDX licence list (https://spdx.org/licenses): write its id, like GPL-3.0-only, or a glob, like GPL-3.0-*`
  }
  return undefined
}

/** The expression's tree, or undefined when it does not parse (after its tokens are given their canonical case). */
export function parseLicense(expression: string): Node | undefined {
  if (!parse) throw new Error('the licence expression parser was not loaded (loadLicenseParser)')
  if (expression.length > LICENSE_EXPRESSION_MAX) return undefined
  try {
    return parse(expression) as Node
  } catch {
    // `mit`, `Apache-2.0 or MIT`: the same licences in another case.
    const fixed = expression.replace(/[A-Za-z0-9.+:-]+/g, token => {
      const plus = token.endsWith('+') ? '+' : ''
      const bare = plus ? token.slice(0, -1) : token
      return (canonicalIds().get(bare.toLowerCase()) ?? bare) + plus
    })
    if (fixed === expression) return undefined
    try {
      return parse!(fixed) as Node
    } catch {
      return undefined
    }
  }
}

/**
 * The names one licence answers to in a deny list: its id; `GPL-2.0` (deprecated) as `GPL-2.0-only`, `GPL-2.0+`
 * and `GPL-2.0-or-later`'s `+` as `GPL-2.0-or-later`; the deprecated `GPL-2.0-with-…-exception` as its licence; and
 * `id WITH exception` as a whole; `LicenseRef-<text>` as the text too. A denied id is denied whatever exception it
 * carries.
 */
function namesOf(leaf: Leaf): string[] {
  const id = leaf.license
  const names = [id]
  const gnu = /^((?:A|L)?GPL|GFDL)-(\d\.\d)(-with-.*-exception)?$/.exec(id)
  if (gnu) names.push(`${gnu[1]}-${gnu[2]}-${leaf.plus ? 'or-later' : 'only'}`)
  else if (leaf.plus) names.push(`${id.replace(/-only$/, '')}-or-later`, `${id}+`)
  if (leaf.exception) names.push(`${id} WITH ${leaf.exception}`)
  // A licence text that is no SPDX id is written `LicenseRef-<text>` (syft does, and so do we for a CycloneDX name):
  // what it names is judged too, so that `AGPL‐3.0-only` with a lookalike dash is not an allowed custom licence.
  const ref = /^(?:DocumentRef-[^:]+:)?LicenseRef-(.+)$/i.exec(id)
  if (ref) names.push(ref[1]!)
  return names
}

function leafDenied(leaf: Leaf, deny: string[]): Array<{ license: string; pattern: string }> {
  const names = namesOf(leaf).map(n => n.toLowerCase())
  const pattern = deny.find(p => names.some(n => globMatch(p.toLowerCase(), n)))
  if (pattern === undefined) return []
  const shown = `${leaf.license}${leaf.plus ? '+' : ''}${leaf.exception ? ` WITH ${leaf.exception}` : ''}`
  return [{ license: shown, pattern }]
}

/**
 * The denied licences a tree cannot do without: none when some choice avoids them all. OR takes the side that needs
 * none (both sides' when neither can); AND needs both sides'. The tree is at most LICENSE_EXPRESSION_MAX deep.
 */
function unavoidable(node: Node, deny: string[]): Array<{ license: string; pattern: string }> {
  if ('license' in node) return leafDenied(node, deny)
  const left = unavoidable(node.left, deny)
  const right = unavoidable(node.right, deny)
  if (node.conjunction === 'or') return left.length === 0 || right.length === 0 ? [] : [...left, ...right]
  return [...left, ...right]
}

/** Greek and Cyrillic letters drawn as Latin ones, as a licence id could be written to pass for another. */
const LATIN_LOOKALIKES: Record<string, string> = Object.fromEntries(
  [
    ['ΑАа', 'A'],
    ['ΒВ', 'B'],
    ['СсϹ', 'C'],
    ['ΕЕе', 'E'],
    ['ΗН', 'H'],
    ['ΙІі', 'I'],
    ['Јј', 'J'],
    ['ΚК', 'K'],
    ['ΜМ', 'M'],
    ['Ν', 'N'],
    ['ΟОоο', 'O'],
    ['ΡРр', 'P'],
    ['Ѕѕ', 'S'],
    ['ΤТ', 'T'],
    ['ΧХх', 'X'],
    ['ΥҮу', 'Y'],
    ['Ζ', 'Z']
  ].flatMap(([from, to]) => [...from!].map(c => [c, to!]))
)

let operatorsAndExceptions: Set<string> | undefined
const notLicenses = (): Set<string> => (operatorsAndExceptions ??= new Set([...exceptionIds, 'AND', 'OR', 'WITH']))

/** LicenseRef tokens kept of one expression, at most, and of each its first characters: names an SBOM makes up. */
const MAX_LICENSE_REFS = 64
const MAX_LICENSE_REF_LENGTH = 200

/**
 * The licence ids an expression mentions, whether or not it parses: every SPDX licence id (canonical case, `+`
 * kept) and up to MAX_LICENSE_REFS `LicenseRef-` names, each once, in order; operators and exceptions left out.
 * Lookalikes are undone first: compatibility forms (full-width letters), invisible format characters, and every
 * Unicode dash read as `-`.
 */
export function licenseTokens(expression: string): string[] {
  const plain = expression
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Pd}/gu, '-')
    .replace(/[\u0370-\u03ff\u0400-\u04ff]/g, c => LATIN_LOOKALIKES[c] ?? c)
  const out = new Set<string>()
  let refs = 0
  for (const [token] of plain.matchAll(/[A-Za-z0-9.+:-]+/g)) {
    const plus = token.endsWith('+') ? '+' : ''
    const bare = plus ? token.slice(0, -1) : token
    const id = canonicalIds().get(bare.toLowerCase())
    if (id !== undefined) {
      if (!notLicenses().has(id)) out.add(id + plus)
    } else if (/^(DocumentRef-[^:]+:)?LicenseRef-/i.test(bare) && refs < MAX_LICENSE_REFS) {
      const ref = token.slice(0, MAX_LICENSE_REF_LENGTH)
      if (!out.has(ref)) {
        out.add(ref)
        refs++
      }
    }
  }
  return [...out]
}

/**
 * Denied licences an expression that does not parse mentions. What it means cannot be told, so no choice can be
 * credited: a denied id anywhere in it is denied (`GPL-3.0-only AND (((`, an expression past the length that is
 * parsed, a lookalike dash), never an unknown that the default lets pass.
 */
function mentionedDenied(expression: string, deny: string[]): Array<{ license: string; pattern: string }> {
  return licenseTokens(expression).flatMap(t =>
    leafDenied(t.endsWith('+') ? { license: t.slice(0, -1), plus: true } : { license: t }, deny)
  )
}

/** One package's licence expression (undefined: the SBOM says none, or NOASSERTION), against denied patterns. */
export function judgeLicense(expression: string | undefined, deny: string[]): LicenseVerdict {
  if (expression === undefined) return { kind: 'unknown', reason: 'no licence given' }
  const tree = parseLicense(expression)
  if (!tree) {
    const named = mentionedDenied(expression, deny)
    if (named.length > 0) return { kind: 'denied', denied: named }
    return { kind: 'unknown', reason: 'not a valid SPDX expression' }
  }
  const denied = unavoidable(tree, deny)
  if (denied.length === 0) return { kind: 'allowed' }
  // One entry per licence: `GPL-3.0-only AND GPL-3.0-only` names it once.
  const seen = new Set<string>()
  return { kind: 'denied', denied: denied.filter(d => !seen.has(d.license) && seen.add(d.license)) }
}
