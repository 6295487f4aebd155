import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { Minimatch } from 'minimatch'
import { extractCompose } from './compose.js'
import { parseDotEnv } from './dotenv.js'
import { extractHelmTemplate, extractHelmValues } from './helm.js'
import { loadHelmChart, type HelmChart } from './helm-template.js'
import {
  isKustomization,
  KUSTOMIZATION_FILES,
  kustomize,
  kustomizedReferences,
  parseKustomization,
  type KustomizeReader
} from './kustomize.js'
import { extractDockerfile } from './dockerfile.js'
import { extractKubernetes } from './kubernetes.js'
import { FileLimitError, type Extraction, type FileKind, type FileReference, type FileWarning } from './types.js'
import type { BuildPlatform } from './dockerfile.js'
import { extractWorkflow } from './workflow.js'

export type { Extraction, FileKind, FileReference, FileWarning } from './types.js'
export { FileLimitError } from './types.js'
export { distinctImages, locationsByImage } from './types.js'

/** Directories never walked. */
const SKIP_DIRS = new Set(['.git', 'node_modules'])
/**
 * Bounds of the walk: directory entries looked at, depth, and the size of a file that is read (the largest
 * manifests real repositories hold, CRD bundles and operator installs, are a few MiB). A named file past a
 * bound is a finding that fails the gate, never a file silently skipped.
 */
export const WALK_LIMITS = { entries: 100_000, depth: 32, fileBytes: 8 * 1024 * 1024 }

const YAML_EXT = /\.ya?ml$/i
/** A file of a chart's templates/ directory that Helm renders: YAML, or a .tpl of helpers. */
const CHART_TEMPLATE = /(^|\/)templates\/(.+\/)?[^/]+\.(ya?ml|tpl)$/i
/** The Compose file names `docker compose` looks for in a project directory. */
const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']

/**
 * What kind of file this is, from its workspace-relative path and, for YAML that is neither a workflow nor a
 * Compose file by name, its content: `kustomization.yaml` is a Kustomization, `values*.yaml` a Helm chart's
 * values, a YAML or `.tpl` file under `templates/` holding `{{` a chart template, `kind:` and `apiVersion:` make a
 * Kubernetes manifest, a top-level `services:` a Compose file. undefined: not a kind image-gate reads.
 */
export function detectKind(path: string, text: string): FileKind | undefined {
  const p = path.replace(/\\/g, '/')
  const base = (p.split('/').pop() ?? '').toLowerCase()
  if (
    base === 'dockerfile' ||
    base === 'containerfile' ||
    ((base.endsWith('.dockerfile') ||
      base.endsWith('.containerfile') ||
      base.startsWith('dockerfile.') ||
      base.startsWith('containerfile.')) &&
      !/\.(dockerignore|containerignore|ya?ml|json|md|txt)$/.test(base))
  ) {
    return 'dockerfile'
  }
  if (isKustomization(p)) return 'kustomize'
  if (/\.tpl$/i.test(base)) return CHART_TEMPLATE.test(p) && text.includes('{{') ? 'helm-template' : undefined
  if (!YAML_EXT.test(base)) return undefined
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(p)) return 'workflow'
  if (/^(docker-compose.*|compose(\..+)?)\.ya?ml$/.test(base)) return 'compose'
  // A Helm chart: its values files, and its templates, which are YAML only once rendered.
  if (/^values.*\.ya?ml$/.test(base)) return 'helm'
  if (CHART_TEMPLATE.test(p) && text.includes('{{')) return 'helm-template'
  if (/^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text)) return 'kubernetes'
  if (/^services\s*:/m.test(text)) return 'compose'
  return undefined
}

export interface ExtractOptions {
  /** The platforms the policy requires: Dockerfiles that use BuildKit's automatic platform arguments are read for each. */
  platforms?: BuildPlatform[]
  /** For a Compose file: the variables of the `.env` file beside it. */
  dotEnv?: Map<string, string | undefined>
  /** For a chart template: its chart's values and Chart.yaml (none found: its values are not known). */
  chart?: HelmChart | undefined
}

const EXTRACTORS: Record<FileKind, (file: string, text: string, opts: ExtractOptions) => Extraction> = {
  dockerfile: extractDockerfile,
  compose: extractCompose,
  kubernetes: extractKubernetes,
  // What a kustomization deploys needs its resources: collectFiles builds it; here, only the file itself is read.
  kustomize: (file, text) => ({ refs: [], warnings: parseKustomization(file, text).warnings }),
  helm: extractHelmValues,
  'helm-template': extractHelmTemplate,
  workflow: extractWorkflow
}

/**
 * No reference holds white space or control characters: such text is not repeated anywhere (logs, summary). Each
 * one is an error on its own line instead.
 */
function printableOnly(refs: FileReference[], errors: FileWarning[]): FileReference[] {
  return refs.filter(ref => {
    if (!UNPRINTABLE.test(ref.image)) return true
    errors.push({
      file: ref.file,
      line: ref.line,
      col: ref.col,
      message: 'The image reference here is not valid: it holds white space or control characters.'
    })
    return false
  })
}

/**
 * The image references of one file. Each location is reported once (an anchor that several aliases use
 * yields one reference, at the anchor). Sorted by line and column.
 */
export function extractReferences(file: string, text: string, kind: FileKind, opts: ExtractOptions = {}): Extraction {
  const path = file.replace(/\\/g, '/')
  let r: Extraction
  try {
    r = EXTRACTORS[kind](path, text, opts)
  } catch (e) {
    // A bound was reached: what the file names is not known, so it fails the gate.
    if (!(e instanceof FileLimitError)) throw e
    return {
      refs: [],
      warnings: [],
      errors: [
        {
          file: path,
          line: e.line,
          col: e.col,
          message: `Not read in full: ${e.message}; the images it names are not verified.`
        }
      ]
    }
  }
  const seen = new Set<string>()
  const errors = [...(r.errors ?? [])]
  const refs = printableOnly(
    r.refs.filter(ref => {
      const key = `${ref.line}:${ref.col}:${ref.image}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    }),
    errors
  )
  const seenWarnings = new Set<string>()
  const warnings = r.warnings
    .map(w => ({ ...w, message: printable(w.message) }))
    .filter(w => {
      const key = `${w.line}:${w.col}:${w.message}`
      if (seenWarnings.has(key)) return false
      seenWarnings.add(key)
      return true
    })
  const order = (a: { line: number; col: number }, b: { line: number; col: number }) => a.line - b.line || a.col - b.col
  return { refs: refs.sort(order), warnings: warnings.sort(order), errors: errors.sort(order) }
}

const UNPRINTABLE = /[\s\p{Cc}\p{Cf}\u2028\u2029]/u
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu

/** A message that quotes a file's text, with its control characters (line breaks included) written as escapes. */
function printable(message: string): string {
  return message.replace(CONTROL, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
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
  /** Named files not read in full, or read past a bound, and searches cut short: each fails the gate. */
  errors: FileWarning[]
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
export async function collectFiles(
  workspace: string,
  patterns: string[],
  opts: { only?: Set<string> } & ExtractOptions = {}
): Promise<Collected> {
  const root = resolve(workspace)
  const compiled = compilePatterns(root, patterns)
  const errors: FileWarning[] = []
  const candidates = opts.only
    ? await changedCandidates(root, compiled, opts.only, errors)
    : await walk(root, compiled, errors)
  const ws = openWorkspace(root, errors)
  const refs: FileReference[] = []
  const warnings: FileWarning[] = []
  const files: string[] = []
  const skipped: string[] = []
  const overridden = new Set<string>()
  for (const file of [...new Set(candidates)].sort()) {
    const text = await readText(root, file, errors)
    if (text === undefined) continue
    const kind = detectKind(file, text)
    if (!kind) {
      skipped.push(file)
      continue
    }
    files.push(file)
    const r = await extractFile(ws, file, text, kind, opts.platforms)
    append(refs, r.refs)
    append(warnings, r.warnings)
    append(errors, r.errors ?? [])
    if (kind === 'kustomize') await kustomizeFile(ws, file, { refs, warnings, overridden })
  }
  return {
    refs: deployedRefs(refs, overridden),
    warnings: orderWarnings(warnings),
    errors: unique(errors),
    files,
    skipped
  }
}

/** A changed path as the patterns see it: `/` separators, no leading `./`. */
function changedPath(f: string): string {
  return f.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
}

/** A path the walk never enters: under `.git` or `node_modules`, or one that climbs out with `..`. */
function outOfWalk(path: string): boolean {
  return path.split('/').some(part => SKIP_DIRS.has(part) || part === '..')
}

async function isFileAt(root: string, path: string): Promise<boolean> {
  try {
    return (await stat(join(root, ...path.split('/')))).isFile()
  } catch {
    return false
  }
}

/**
 * The files to read when only `only` changed: those the patterns match, and the files whose references they
 * change (the Compose files beside a changed .env, a changed chart's templates, the kustomization beside a
 * changed manifest). Unsorted, possibly repeated.
 */
async function changedCandidates(
  root: string,
  compiled: Pattern[],
  only: Set<string>,
  errors: FileWarning[]
): Promise<string[]> {
  const candidates = [...only].map(changedPath).filter(f => f !== '' && !outOfWalk(f) && matches(compiled, f))
  append(candidates, await composeBesideEnv(root, compiled, only))
  append(candidates, await templatesOfCharts(root, compiled, only, errors))
  // Last: it also looks beside the files the steps above add.
  append(candidates, await kustomizationsBeside(root, compiled, candidates))
  return candidates
}

/** A changed .env changes what the Compose files beside it name: those the patterns match. */
async function composeBesideEnv(root: string, compiled: Pattern[], only: Set<string>): Promise<string[]> {
  const found: string[] = []
  for (const f of only) {
    const path = changedPath(f)
    if (!/(^|\/)\.env$/.test(path) || outOfWalk(path)) continue
    const dir = path.slice(0, path.length - '.env'.length)
    for (const name of COMPOSE_FILES) {
      const c = `${dir}${name}`
      if (matches(compiled, c) && (await isFileAt(root, c))) found.push(c)
    }
  }
  return found
}

/** A changed values.yaml or Chart.yaml changes what the chart's templates render: the templates the patterns match. */
async function templatesOfCharts(
  root: string,
  compiled: Pattern[],
  only: Set<string>,
  errors: FileWarning[]
): Promise<string[]> {
  const found: string[] = []
  for (const f of only) {
    const path = changedPath(f)
    const m = /^(?:(.*)\/)?(?:values\.yaml|Chart\.yaml)$/.exec(path)
    if (!m || outOfWalk(path)) continue
    const dir = m[1] === undefined ? '' : `${m[1]}/`
    if (!(await isFileAt(root, `${dir}Chart.yaml`))) continue
    append(found, await walk(root, compiled, errors, `${dir}templates`))
  }
  return found
}

/** A changed manifest that a kustomization beside it overrides is deployed as the kustomization says: that kustomization. */
async function kustomizationsBeside(root: string, compiled: Pattern[], candidates: string[]): Promise<string[]> {
  const found: string[] = []
  for (const file of candidates) {
    if (!YAML_EXT.test(file)) continue
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''
    for (const name of KUSTOMIZATION_FILES) {
      const k = `${dir}${name}`
      if (matches(compiled, k) && (await isFileAt(root, k))) found.push(k)
    }
  }
  return found
}

/**
 * The workspace as the files read from it see it: what several files share (a directory's .env, a chart's values)
 * is read once, and every file not read in full is an error in `errors`.
 */
interface Workspace {
  root: string
  errors: FileWarning[]
  /** The variables of the .env file beside a Compose file; undefined when there is none or it was not read. */
  dotEnvOf(file: string): Promise<Map<string, string | undefined> | undefined>
  /** A template's chart: the innermost directory holding a templates/ directory on its path, and a Chart.yaml. */
  chartOf(file: string): Promise<HelmChart | undefined>
  /** What a kustomization reads: its resources and the kustomizations they name. */
  reader: KustomizeReader
}

function openWorkspace(root: string, errors: FileWarning[]): Workspace {
  const chartAt = chartsOf(root, errors)
  return {
    root,
    errors,
    dotEnvOf: dotEnvsOf(root, errors),
    chartOf: async file => {
      const parts = file.split('/')
      for (let i = parts.length - 2; i >= 0; i--) {
        if (parts[i] !== 'templates') continue
        const chart = await chartAt(parts.slice(0, i).join('/'))
        if (chart) return chart
      }
      return undefined
    },
    reader: kustomizeReader(root, errors)
  }
}

/** Compose reads the .env file of the project directory, the Compose file's own, for interpolation: each read once. */
function dotEnvsOf(root: string, errors: FileWarning[]): Workspace['dotEnvOf'] {
  const dotEnvs = new Map<string, Map<string, string | undefined> | undefined>()
  return async file => {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : ''
    if (!dotEnvs.has(dir)) {
      const envFile = dir === '' ? '.env' : `${dir}/.env`
      const envText = await readText(root, envFile, errors)
      let dotEnv: ReturnType<typeof parseDotEnv> | undefined
      try {
        if (envText !== undefined) dotEnv = parseDotEnv(envText)
      } catch (e) {
        if (!(e instanceof FileLimitError)) throw e
        errors.push({
          file: envFile,
          line: e.line,
          col: e.col,
          message: `Not read in full: ${e.message}; the images that use its values are not verified.`
        })
      }
      dotEnvs.set(dir, dotEnv)
    }
    return dotEnvs.get(dir)
  }
}

/** The chart at a directory: its Chart.yaml and values.yaml, read once; undefined when it has no Chart.yaml. */
function chartsOf(root: string, errors: FileWarning[]): (dir: string) => Promise<HelmChart | undefined> {
  const charts = new Map<string, Promise<HelmChart | undefined>>()
  return dir => {
    let c = charts.get(dir)
    if (!c) {
      c = (async () => {
        const prefix = dir === '' ? '' : `${dir}/`
        const chartYaml = await readText(root, `${prefix}Chart.yaml`, errors)
        if (chartYaml === undefined) return undefined
        const loaded = loadHelmChart(dir, chartYaml, await readText(root, `${prefix}values.yaml`, errors))
        append(errors, loaded.errors)
        return loaded.chart
      })()
      charts.set(dir, c)
    }
    return c
  }
}

/** Reads a kustomization's files from the workspace, each once. */
function kustomizeReader(root: string, errors: FileWarning[]): KustomizeReader {
  const texts = new Map<string, Promise<string | undefined>>()
  return {
    read: (path: string) => {
      if (!texts.has(path)) texts.set(path, readText(root, path, errors))
      return texts.get(path)!
    },
    isDirectory: async (path: string) => {
      try {
        return (await stat(join(root, ...path.split('/')))).isDirectory()
      } catch {
        return false
      }
    }
  }
}

/** The references of one file of a known kind, with what its kind reads beside it: a Compose file's .env, a template's chart. */
async function extractFile(
  ws: Workspace,
  file: string,
  text: string,
  kind: FileKind,
  platforms: BuildPlatform[] | undefined
): Promise<Extraction> {
  const extractOpts: ExtractOptions = platforms ? { platforms } : {}
  if (kind === 'compose') {
    const dotEnv = await ws.dotEnvOf(file)
    if (dotEnv) extractOpts.dotEnv = dotEnv
  }
  if (kind === 'helm-template') extractOpts.chart = await ws.chartOf(file)
  return extractReferences(file, text, kind, extractOpts)
}

/**
 * What a kustomization deploys: its resources' images as its overrides leave them, added to `into`. The manifest
 * places an override changes go to `into.overridden`.
 */
async function kustomizeFile(
  ws: Workspace,
  file: string,
  into: { refs: FileReference[]; warnings: FileWarning[]; overridden: Set<string> }
): Promise<void> {
  try {
    const k = await kustomize(file, ws.reader)
    append(into.refs, printableOnly(kustomizedReferences(k.images), ws.errors))
    append(
      into.warnings,
      k.warnings.map(w => ({ ...w, message: printable(w.message) }))
    )
    // Where an override changes a resource's image, the override is what is deployed, not the manifest's text.
    for (const img of k.images)
      if (img.places.length > 1) into.overridden.add(`${img.origin.file}:${img.origin.line}:${img.origin.col}`)
  } catch (e) {
    if (!(e instanceof FileLimitError)) throw e
    ws.errors.push({
      file,
      line: e.line,
      col: e.col,
      message: `Not read in full: ${e.message}; the images it deploys are not verified.`
    })
  }
}

/** The references as deployed (a manifest's image that a kustomization overrides is not), each place once, by file and place. */
function deployedRefs(refs: FileReference[], overridden: Set<string>): FileReference[] {
  const seenRefs = new Set<string>()
  return refs
    .filter(r => r.kind !== 'kubernetes' || !overridden.has(`${r.file}:${r.line}:${r.col}`))
    .filter(r => {
      const key = `${r.file}\0${r.line}\0${r.col}\0${r.image}`
      if (seenRefs.has(key)) return false
      seenRefs.add(key)
      return true
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col))
}

/** Appends one by one: spreading a file's few hundred thousand references as arguments overflows the stack. */
function append<T>(to: T[], items: readonly T[]): void {
  for (const x of items) to.push(x)
}

function unique<T extends FileWarning>(xs: T[]): T[] {
  const seen = new Set<string>()
  return xs.filter(x => {
    const key = `${x.file}\0${x.line}\0${x.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * One warning per file and line (services that share a YAML anchor say the same thing on one line), the most
 * useful first: GitHub shows ten annotations of a kind per step, so references that are not verified come
 * before notes on what is not checked by design (build-only services). The report and the job summary hold
 * them all.
 */
export function orderWarnings(warnings: FileWarning[]): FileWarning[] {
  const first = new Map<string, { w: FileWarning; more: number }>()
  for (const w of warnings) {
    const key = w.line > 0 ? `${w.file}\0${w.line}` : `${w.file}\0${w.message}`
    const seen = first.get(key)
    if (!seen) first.set(key, { w, more: 0 })
    else if (seen.w.message !== w.message) seen.more++
  }
  const once = [...first.values()].map(({ w, more }) =>
    more > 0 ? { ...w, message: `${w.message} (${more} more like it on this line)` } : w
  )
  const rank = (w: FileWarning) => (w.level === 'notice' ? 1 : 0)
  return once
    .map((w, i) => ({ w, i }))
    .sort((a, b) => rank(a.w) - rank(b.w) || a.i - b.i)
    .map(x => x.w)
}

/** The files under `start` (the workspace by default) that the patterns match, within WALK_LIMITS. */
async function walk(root: string, patterns: Pattern[], warnings: FileWarning[], start = ''): Promise<string[]> {
  const found: string[] = []
  let seen = 0
  let truncated = false
  const visit = async (dir: string, rel: string, depth: number): Promise<void> => {
    if (truncated) return
    if (depth > WALK_LIMITS.depth) {
      warnings.push({
        file: rel,
        line: 0,
        col: 0,
        message: `Not searched for files: deeper than ${WALK_LIMITS.depth} directories; the files it holds are not verified. Narrow the files patterns.`
      })
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
        warnings.push({
          file: '.',
          line: 0,
          col: 0,
          message: `The workspace has more than ${WALK_LIMITS.entries} files and directories; the search for files stopped there. Narrow the files patterns.`
        })
        return
      }
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name) || !mayContain(patterns, path)) continue
        await visit(join(dir, entry.name), path, depth + 1)
      } else if (matches(patterns, path)) {
        found.push(path)
      }
    }
  }
  await visit(start === '' ? root : join(root, ...start.split('/')), start, start === '' ? 0 : start.split('/').length)
  return found
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads a workspace file in full: a regular file, or a symlink to one inside the workspace; at most
 * WALK_LIMITS.fileBytes of UTF-8 text. A named file that is not read (too large, unreadable, not text, a link to
 * outside the workspace) is an error: the images it names are not known. A file that does not exist (a pull
 * request deleted it) is nothing to read.
 */
async function readText(root: string, file: string, errors: FileWarning[]): Promise<string | undefined> {
  const path = join(root, ...file.split('/'))
  const fail = (why: string): undefined => {
    errors.push({ file, line: 0, col: 0, message: `Not read: ${why}; the images it names are not verified.` })
    return undefined
  }
  let s
  try {
    s = await stat(path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : fail(`it cannot be read (${code ?? 'error'})`)
  }
  if (s.isDirectory()) return undefined
  // A FIFO or device named like a file image-gate reads: reading it could wait forever, and skipping it passes.
  if (!s.isFile())
    return detectKind(file, '') !== undefined || YAML_EXT.test(file) || CHART_TEMPLATE.test(file)
      ? fail('it is not a regular file')
      : undefined
  try {
    // The file, or a directory on its way (a resource directory, a changed path), may be a link out of the workspace.
    const target = await realpath(path)
    const realRoot = await realpath(root)
    if (!target.startsWith(realRoot + sep)) {
      return fail(
        (await lstat(path)).isSymbolicLink()
          ? 'it is a symbolic link to outside the workspace'
          : 'it is reached through a symbolic link to outside the workspace'
      )
    }
  } catch (e) {
    return fail(`it cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  if (s.size > WALK_LIMITS.fileBytes)
    return fail(`it is larger than ${WALK_LIMITS.fileBytes} bytes (${s.size}), the most image-gate reads`)
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (e) {
    return fail(`it cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  if (bytes.length > WALK_LIMITS.fileBytes)
    return fail(`it is larger than ${WALK_LIMITS.fileBytes} bytes, the most image-gate reads`)
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return fail('it is not UTF-8 text')
  }
  if (text.includes('\0')) return fail('it is not text (it holds NUL bytes)')
  return text.replace(/^\uFEFF/, '')
}
