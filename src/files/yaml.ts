import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  Scalar,
  type Document,
  type Node,
  type YAMLMap,
  type YAMLSeq
} from 'yaml'
import { FileLimitError, type FileWarning } from './types.js'

/** A parsed YAML stream with what the extractors need to locate nodes. */
export interface YamlSource {
  docs: Document.Parsed[]
  lineCounter: LineCounter
  /** The file's text, for a scalar as written (`tag: 1.10` is "1.10", not 1.1). */
  text: string
}

/** Nesting past which a document is not walked (a guard against alias bombs, not a real limit). */
const MAX_DEPTH = 64
/**
 * Steps of work per file: nodes visited, aliases followed, merged keys copied, each time. Real files take a few
 * thousand; aliases and merge keys that multiply each other (a few hundred bytes can ask for billions) stop
 * here, with an error naming the file.
 */
export const MAX_YAML_WORK = 2_000_000
/**
 * Lines and flow items (`,`, `[`, `{`) per YAML file, counted before it is parsed: the parser holds each node in
 * memory (about 1 KiB each), so a file of millions of tiny items is refused before it costs gigabytes. The
 * largest real manifests (CRD bundles of several MiB) have a few hundred thousand lines.
 */
export const MAX_YAML_ITEMS = 400_000

function countItems(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || c === 44 || c === 91 || c === 123) n++
  }
  return n
}

/** The work left for the file each document belongs to. */
const budgets = new WeakMap<object, { left: number }>()

/** Counts `n` steps of work on a document; past MAX_YAML_WORK for its file, throws a FileLimitError. */
export function spend(doc: Document, n = 1): void {
  const b = budgets.get(doc)
  if (!b) return
  b.left -= n
  if (b.left < 0) {
    b.left = 0
    throw new FileLimitError(
      `its YAML takes more than ${MAX_YAML_WORK} steps to read (aliases and merge keys expand it)`
    )
  }
}

/** Parses every document of a YAML stream; syntax errors become warnings (what parsed is still walked). */
export function parseYaml(file: string, text: string): { source: YamlSource; warnings: FileWarning[] } {
  if (countItems(text) > MAX_YAML_ITEMS)
    throw new FileLimitError(`it has more than ${MAX_YAML_ITEMS} YAML lines and items, the most image-gate reads`)
  const lineCounter = new LineCounter()
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false })
  const docs = Array.isArray(parsed) ? parsed : []
  const budget = { left: MAX_YAML_WORK }
  for (const doc of docs) budgets.set(doc, budget)
  const warnings: FileWarning[] = []
  for (const doc of docs) {
    const err = doc.errors[0]
    if (!err) continue
    const p = lineCounter.linePos(err.pos[0])
    warnings.push({
      file,
      line: p.line,
      col: p.col,
      message: `This file is not valid YAML, image references in it may be missed: ${err.message.split('\n')[0]}`
    })
  }
  return { source: { docs, lineCounter, text }, warnings }
}

/** What each alias names: Alias.resolve searches the whole document, once per alias is enough. */
const aliasTargets = new WeakMap<object, unknown>()

/** Follows aliases to the node they name. */
export function resolve(doc: Document, node: unknown, depth = 0): Node | undefined {
  let n = node
  for (let i = 0; isAlias(n) && i < MAX_DEPTH; i++) {
    spend(doc)
    const alias = n
    if (!aliasTargets.has(alias)) aliasTargets.set(alias, alias.resolve(doc))
    n = aliasTargets.get(alias)
  }
  if (isAlias(n) || depth > MAX_DEPTH) return undefined
  return (n ?? undefined) as Node | undefined
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false
  const v = key.value
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<')
}

function keyName(key: unknown): string | undefined {
  if (
    isScalar(key) &&
    (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean')
  )
    return String(key.value)
  return undefined
}

/**
 * The entries of a mapping, with YAML 1.1 merge keys (`<<: *anchor`, `<<: [*a, *b]`) applied: keys of the map
 * itself win over merged ones, and earlier merged maps over later ones.
 */
export function entries(doc: Document, map: YAMLMap, depth = 0): Array<[string, unknown]> {
  const own: Array<[string, unknown]> = []
  const merged: Array<[string, unknown]> = []
  spend(doc, map.items.length)
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      if (depth > MAX_DEPTH) continue
      const v = resolve(doc, pair.value)
      const sources = isSeq(v) ? v.items.map(x => resolve(doc, x)) : [v]
      for (const src of sources) {
        if (!isMap(src)) continue
        const more = entries(doc, src, depth + 1)
        spend(doc, more.length)
        merged.push(...more)
      }
      continue
    }
    const k = keyName(pair.key)
    if (k !== undefined) own.push([k, pair.value])
  }
  const seen = new Set(own.map(([k]) => k))
  const out = [...own]
  for (const [k, v] of merged) {
    if (seen.has(k)) continue
    seen.add(k)
    out.push([k, v])
  }
  return out
}

/** The value of `key` in a mapping (merge keys applied), aliases followed. */
export function get(doc: Document, node: unknown, key: string): Node | undefined {
  const map = resolve(doc, node)
  if (!isMap(map)) return undefined
  const e = entries(doc, map).find(([k]) => k === key)
  return e ? resolve(doc, e[1]) : undefined
}

export function asMap(doc: Document, node: unknown): YAMLMap | undefined {
  const n = resolve(doc, node)
  return isMap(n) ? n : undefined
}

export function asSeq(doc: Document, node: unknown): YAMLSeq | undefined {
  const n = resolve(doc, node)
  return isSeq(n) ? n : undefined
}

/** A scalar string value with the position of its first character (after an opening quote). */
export interface LocatedString {
  value: string
  line: number
  col: number
}

export function str(source: YamlSource, doc: Document, node: unknown): LocatedString | undefined {
  const n = resolve(doc, node)
  if (!isScalar(n) || typeof n.value !== 'string' || !n.range) return undefined
  let offset = n.range[0]
  if (n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE) offset++
  const p = source.lineCounter.linePos(offset)
  return { value: n.value, line: p.line, col: p.col }
}

export { MAX_DEPTH }

/**
 * A scalar as it is written, whatever YAML makes of it (a tag `1.10` is a number to YAML): strings as parsed,
 * plain numbers and booleans as their source text. undefined for null, a map or a list.
 */
export function scalarText(source: YamlSource, doc: Document, node: unknown): LocatedString | undefined {
  const s = str(source, doc, node)
  if (s) return s
  const n = resolve(doc, node)
  if (!isScalar(n) || !n.range || n.value === null || (typeof n.value !== 'number' && typeof n.value !== 'boolean'))
    return undefined
  const p = source.lineCounter.linePos(n.range[0])
  return { value: source.text.slice(n.range[0], n.range[1]).trim(), line: p.line, col: p.col }
}
