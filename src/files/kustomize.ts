import { posix } from 'node:path'
import { extractKubernetes } from './kubernetes.js'
import { FileLimitError, type FileReference, type FileWarning } from './types.js'
import { asSeq, get, parseYaml, scalarText, str, type LocatedString } from './yaml.js'

/** One entry of a kustomization's `images:`. */
export interface ImageOverride {
  name: string
  newName?: LocatedString
  newTag?: LocatedString
  digest?: LocatedString
  /** Where the override is written: its digest, else its newTag, else its newName, else its name. */
  at: { file: string; line: number; col: number }
}

export interface Kustomization {
  images: ImageOverride[]
  /** `resources`, `bases` and `components` entries, as written, each with where it is written. */
  resources: Array<{ path: string; line: number; col: number }>
  warnings: FileWarning[]
}

/** The file names kustomize reads in a directory, in the order it tries them. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']

export function isKustomization(path: string): boolean {
  return KUSTOMIZATION_FILES.includes(path.split('/').pop() ?? '')
}

/** Reads a kustomization file's `images:` and resources. */
export function parseKustomization(file: string, text: string): Kustomization {
  const { source, warnings } = parseYaml(file, text)
  const images: ImageOverride[] = []
  const resources: Kustomization['resources'] = []
  for (const doc of source.docs) {
    for (const item of asSeq(doc, get(doc, doc.contents, 'images'))?.items ?? []) {
      const name = str(source, doc, get(doc, item, 'name'))
      if (!name || name.value.trim() === '') continue
      const o: ImageOverride = { name: name.value.trim(), at: { file, line: name.line, col: name.col } }
      for (const key of ['newName', 'newTag', 'digest'] as const) {
        const v = scalarText(source, doc, get(doc, item, key))
        if (v && v.value.trim() !== '') o[key] = { ...v, value: v.value.trim() }
      }
      const where = o.digest ?? o.newTag ?? o.newName
      if (where) o.at = { file, line: where.line, col: where.col }
      images.push(o)
    }
    for (const key of ['resources', 'bases', 'components']) {
      for (const item of asSeq(doc, get(doc, doc.contents, key))?.items ?? []) {
        const r = str(source, doc, item)
        if (r && r.value.trim() !== '') resources.push({ path: r.value.trim(), line: r.line, col: r.col })
      }
    }
  }
  return { images, resources, warnings }
}

/** The name of an image reference: without its `@digest`, and without a `:tag` after the last `/`. */
export function imageName(ref: string): string {
  const at = ref.indexOf('@')
  const noDigest = at < 0 ? ref : ref.slice(0, at)
  const colon = noDigest.lastIndexOf(':')
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest
}

/**
 * An override applied to a reference as kustomize's image transformer does: a reference whose name is the
 * override's `name` takes `newName`, and `digest` (which replaces the tag) or `newTag`. undefined: no match.
 */
export function applyOverride(ref: string, o: ImageOverride): string | undefined {
  if (imageName(ref) !== o.name) return undefined
  const at = ref.indexOf('@')
  const noDigest = at < 0 ? ref : ref.slice(0, at)
  const digest = at < 0 ? undefined : ref.slice(at + 1)
  const colon = noDigest.lastIndexOf(':')
  const tag = colon > noDigest.lastIndexOf('/') ? noDigest.slice(colon + 1) : undefined
  const name = o.newName?.value ?? o.name
  if (o.digest) return `${name}@${o.digest.value}`
  if (o.newTag) return `${name}:${o.newTag.value}`
  return `${name}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`
}

/** A reference a kustomization deploys, and every place that makes it: the resource's line, the overrides' lines. */
export interface KustomizedImage {
  image: string
  /** The resource's line and, when an override changes the image, the line of the override that applies last. */
  places: Array<{ file: string; line: number; col: number }>
  /** The resource's own reference, where the image is written in the manifest. */
  origin: { file: string; line: number; col: number }
}

/** Bounds on a kustomization tree: nesting of kustomizations, and files read for one. */
export const KUSTOMIZE_LIMITS = { depth: 16, files: 500 }

export interface KustomizeReader {
  /** The text of a workspace file (workspace-relative path), or undefined when it does not exist or is not read. */
  read(path: string): Promise<string | undefined>
  /** Whether a workspace path is a directory. */
  isDirectory(path: string): Promise<boolean>
}

/**
 * Builds what a kustomization deploys, as far as images go: the references of its resources (manifests, and
 * kustomizations in resource directories, recursively) with its `images:` applied on top of theirs.
 */
export async function kustomize(
  file: string,
  reader: KustomizeReader
): Promise<{ images: KustomizedImage[]; warnings: FileWarning[] }> {
  const warnings: FileWarning[] = []
  const budget = { files: KUSTOMIZE_LIMITS.files }
  const images = await build(file, reader, warnings, budget, 0, new Set())
  return { images, warnings }
}

const tooLarge = (): FileLimitError =>
  new FileLimitError(
    `the kustomization tree is deeper than ${KUSTOMIZE_LIMITS.depth} levels or reads more than ${KUSTOMIZE_LIMITS.files} files`
  )

async function build(
  file: string,
  reader: KustomizeReader,
  warnings: FileWarning[],
  budget: { files: number },
  depth: number,
  seen: Set<string>
): Promise<KustomizedImage[]> {
  if (seen.has(file)) return []
  // Past a bound the images of the rest are unknown: a finding that fails the gate, never resources silently left out.
  if (depth > KUSTOMIZE_LIMITS.depth || --budget.files < 0) throw tooLarge()
  seen.add(file)
  const text = await reader.read(file)
  if (text === undefined) return []
  const k = parseKustomization(file, text)
  const dir = posix.dirname(file)
  const out: KustomizedImage[] = []
  for (const r of k.resources) {
    if (
      /^[a-z][a-z0-9+.-]*:\/\//i.test(r.path) ||
      /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(r.path) ||
      r.path.startsWith('git@')
    ) {
      warnings.push({
        file,
        line: r.line,
        col: r.col,
        message: `The remote resource "${r.path}" is not read: the images it deploys are not verified.`
      })
      continue
    }
    const path = posix.normalize(posix.join(dir, r.path))
    if (path.startsWith('../') || path === '..' || posix.isAbsolute(path)) {
      warnings.push({
        file,
        line: r.line,
        col: r.col,
        message: `The resource "${r.path}" is outside the workspace and is not read: the images it deploys are not verified.`
      })
      continue
    }
    if (await reader.isDirectory(path)) {
      let found = false
      for (const name of KUSTOMIZATION_FILES) {
        const inner = path === '.' ? name : `${path}/${name}`
        if ((await reader.read(inner)) === undefined) continue
        found = true
        out.push(...(await build(inner, reader, warnings, budget, depth + 1, seen)))
        break
      }
      if (!found)
        warnings.push({
          file,
          line: r.line,
          col: r.col,
          message: `The resource "${r.path}" is a directory with no kustomization: the images it deploys are not verified.`
        })
      continue
    }
    if (--budget.files < 0) throw tooLarge()
    const manifest = await reader.read(path)
    if (manifest === undefined) {
      warnings.push({
        file,
        line: r.line,
        col: r.col,
        message: `The resource "${r.path}" is not found: the images it deploys are not verified.`
      })
      continue
    }
    const e = extractKubernetes(path, manifest)
    warnings.push(...e.warnings)
    for (const ref of e.refs)
      out.push({
        image: ref.image,
        places: [{ file: ref.file, line: ref.line, col: ref.col }],
        origin: { file: ref.file, line: ref.line, col: ref.col }
      })
  }
  // This kustomization's overrides, on top of what its resources deploy.
  for (const img of out) {
    for (const o of k.images) {
      const next = applyOverride(img.image, o)
      if (next === undefined) continue
      // The last override is what is deployed: it is located with the resource, an earlier one no longer is.
      img.image = next
      img.places = [img.origin, o.at]
      break
    }
  }
  warnings.push(...k.warnings)
  return out
}

/** The references a kustomization deploys, at each place that makes them. */
export function kustomizedReferences(images: KustomizedImage[]): FileReference[] {
  return images.flatMap(img =>
    img.places.map(p => ({ image: img.image, file: p.file, line: p.line, col: p.col, kind: 'kustomize' as const }))
  )
}
