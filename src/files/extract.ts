import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { Minimatch } from 'minimatch'
import { extractCompose } from './compose.js'
import { extractDockerfile } from './dockerfile.js'
import { extractKubernetes } from './kubernetes.js'
import type { Extraction, FileKind, FileReference, FileWarning } from './types.js'
import { extractWorkflow } from './workflow.js'

export type { Extraction, FileKind, FileReference, FileWarning } from './types.js'
export { distinctImages, locationsByImage } from './types.js'

/** Directories never walked. */
const SKIP_DIRS = new Set(['.git', 'node_modules'])
/** Bounds of the walk: directory entries looked at, depth, and the size of a file that is read. */
export const WALK_LIMITS = { entries: 100_000, depth: 32, fileBytes: 1024 * 1024 }

const YAML_EXT = /\.ya?ml$/i

/**
 * What kind of file this is, from its workspace-relative path and, for YAML that is neither a workflow nor a
 * Compose file by name, its content: `kind:` and `apiVersion:` make a Kubernetes manifest, a top-level
 * `services:` a Compose file. undefined: not a kind image-gate reads.
 */
export function detectKind(path: string, text: string): FileKind | undefined {
  const p = path.replace(/\\/g, '/')
  const base = (p.split('/').pop() ?? '').toLowerCase()
  if (
    base === 'dockerfile' ||
    base === 'containerfile' ||
    ((base.endsWith('.dockerfile') || base.endsWith('.containerfile') || base.startsWith('dockerfile.') || base.startsWith('containerfile.')) &&
      !/\.(dockerignore|containerignore|ya?ml|json|md|txt)$/.test(base))
  ) {
    return 'dockerfile'
  }
  if (!YAML_EXT.test(base)) return undefined
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(p)) return 'workflow'
  if (/^(docker-compose.*|compose(\..+)?)\.ya?ml$/.test(base)) return 'compose'
  if (/^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text)) return 'kubernetes'
  if (/^services\s*:/m.test(text)) return 'compose'
  return undefined
}

/**
 * The image references of one file. Each location is reported once (an anchor that several aliases use
 * yields one reference, at the anchor). Sorted by line and column.
 */
const EXTRACTORS: Record<FileKind, (file: string, text: string) => Extraction> = {
  dockerfile: extractDockerfile,
  compose: extractCompose,
  kubernetes: extractKubernetes,
  workflow: extractWorkflow
}

export function extractReferences(file: string, text: string, kind: FileKind): Extraction {
  const r = EXTRACTORS[kind](file.replace(/\\/g, '/'), text)
  const seen = new Set<string>()
  const refs = r.refs.filter(ref => {
    const key = `${ref.line}:${ref.col}:${ref.image}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  const seenWarnings = new Set<string>()
  const warnings = r.warnings.filter(w => {
    const key = `${w.line}:${w.col}:${w.message}`
    if (seenWarnings.has(key)) return false
    seenWarnings.add(key)
    return true
  })
  const order = (a: { line: number; col: number }, b: { line: number; col: number }) => a.line - b.line || a.col - b.col
  return { refs: refs.sort(order), warnings: warnings.sort(order) }
}

interface Pattern {
  negate: boolean
  mm: Minimatch
}

/** Compiles `files` patterns: relative to the workspace (`./` and an absolute path inside it are made relative), `!` excludes. */
export function compilePatterns(workspace: string, patterns: string[]): Pattern[] {
  const out: Pattern[] = []
  for (const raw of patterns) {
    let p = raw.trim()
    if (p === '' || p.startsWith('#')) continue
    const negate = p.startsWith('!')
    if (negate) p = p.slice(1).trim()
    if (isAbsolute(p)) p = relative(workspace, p).split(sep).join('/')
    p = p.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
    if (p === '') continue
    out.push({ negate, mm: new Minimatch(p, { dot: true }) })
  }
  return out
}

/** Later patterns override earlier ones, as with @actions/glob: `**\/Dockerfile` then `!vendor/**`. */
export function matches(patterns: Pattern[], path: string): boolean {
  let included = false
  for (const p of patterns) if (p.mm.match(path)) included = !p.negate
  return included
}

function mayContain(patterns: Pattern[], dir: string): boolean {
  return patterns.some(p => !p.negate && p.mm.match(dir, true))
}

export interface Collected extends Extraction {
  /** The files read for references, workspace-relative, sorted. */
  files: string[]
  /** Files the patterns matched that are of no kind image-gate reads. */
  skipped: string[]
}

/**
 * Finds the files the patterns match under the workspace (not following directory symlinks, skipping `.git` and
 * `node_modules`, within WALK_LIMITS) and extracts their references. With `only` (the files a pull request
 * changes, workspace-relative), just those files are considered.
 */
export async function collectFiles(workspace: string, patterns: string[], opts: { only?: Set<string> } = {}): Promise<Collected> {
  const root = resolve(workspace)
  const compiled = compilePatterns(root, patterns)
  const warnings: FileWarning[] = []
  let candidates: string[]
  if (opts.only) {
    candidates = [...opts.only]
      .map(f => f.replace(/\\/g, '/').replace(/^(\.\/)+/, ''))
      .filter(f => f !== '' && !f.split('/').some(part => SKIP_DIRS.has(part) || part === '..') && matches(compiled, f))
  } else {
    candidates = await walk(root, compiled, warnings)
  }
  candidates = [...new Set(candidates)].sort()

  const refs: FileReference[] = []
  const files: string[] = []
  const skipped: string[] = []
  for (const file of candidates) {
    const text = await readText(root, file, warnings)
    if (text === undefined) continue
    const kind = detectKind(file, text)
    if (!kind) {
      skipped.push(file)
      continue
    }
    files.push(file)
    const r = extractReferences(file, text, kind)
    refs.push(...r.refs)
    warnings.push(...r.warnings)
  }
  return { refs, warnings, files, skipped }
}

async function walk(root: string, patterns: Pattern[], warnings: FileWarning[]): Promise<string[]> {
  const found: string[] = []
  let seen = 0
  let truncated = false
  const visit = async (dir: string, rel: string, depth: number): Promise<void> => {
    if (truncated) return
    if (depth > WALK_LIMITS.depth) {
      warnings.push({ file: rel, line: 0, col: 0, message: `Not searched for files: deeper than ${WALK_LIMITS.depth} directories.` })
      return
    }
    let list
    try {
      list = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of list) {
      if (++seen > WALK_LIMITS.entries) {
        truncated = true
        warnings.push({ file: '.', line: 0, col: 0, message: `The workspace has more than ${WALK_LIMITS.entries} files and directories; the search for files stopped there. Narrow the files patterns.` })
        return
      }
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name) || !mayContain(patterns, path)) continue
        await visit(join(dir, entry.name), path, depth + 1)
      } else if ((entry.isFile() || entry.isSymbolicLink()) && matches(patterns, path)) {
        found.push(path)
      }
    }
  }
  await visit(root, '', 0)
  return found
}

/** Reads a workspace file: a regular file, or a symlink to one inside the workspace; at most WALK_LIMITS.fileBytes. */
async function readText(root: string, file: string, warnings: FileWarning[]): Promise<string | undefined> {
  const path = join(root, ...file.split('/'))
  try {
    const s = await stat(path)
    if (!s.isFile()) return undefined
    if ((await lstat(path)).isSymbolicLink()) {
      const target = await realpath(path)
      const realRoot = await realpath(root)
      if (!target.startsWith(realRoot + sep)) {
        warnings.push({ file, line: 0, col: 0, message: 'Not read: a symbolic link to outside the workspace.' })
        return undefined
      }
    }
    if (s.size > WALK_LIMITS.fileBytes) {
      warnings.push({ file, line: 0, col: 0, message: `Not read: larger than ${WALK_LIMITS.fileBytes} bytes.` })
      return undefined
    }
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '')
  } catch {
    // A changed file that the pull request deleted or renamed away, or one that vanished: nothing to read.
    return undefined
  }
}
