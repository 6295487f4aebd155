import { isMap, isSeq, type Document } from 'yaml'
import type { Extraction, FileReference, FileWarning } from './types.js'
import { asSeq, entries, get, MAX_DEPTH, parseYaml, resolve, spend, str, type YamlSource } from './yaml.js'

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers'])

interface Walk {
  source: YamlSource
  doc: Document
  refs: FileReference[]
  warnings: FileWarning[]
  file: string
}

/**
 * Extracts the `image:` of every container, init container and ephemeral container, in every document, at any
 * nesting: a Pod's `spec`, a Deployment's `spec.template.spec`, a CronJob's `spec.jobTemplate.spec.template.spec`,
 * a `List`'s items, a custom resource that embeds a pod spec. Template syntax (`{{ … }}`, `${…}`) is not
 * evaluated: such a reference is a warning.
 */
export function extractKubernetes(file: string, text: string): Extraction {
  const { source, warnings } = parseYaml(file, text)
  const refs: FileReference[] = []
  const out: FileWarning[] = [...warnings]
  // Nodes visited count against the file's YAML work (yaml.ts): an alias bomb ends in a FileLimitError.
  for (const doc of source.docs) walk({ source, doc, refs, warnings: out, file }, doc.contents, 0, new Set())
  return { refs, warnings: out }
}

function walk(w: Walk, node: unknown, depth: number, path: Set<unknown>): void {
  const n = resolve(w.doc, node)
  if (!n || depth > MAX_DEPTH || path.has(n)) return
  spend(w.doc)
  path.add(n)
  if (isMap(n)) {
    for (const [key, value] of entries(w.doc, n)) {
      if (CONTAINER_LISTS.has(key)) {
        for (const item of asSeq(w.doc, value)?.items ?? [])
          container(w.source, w.doc, item, w.refs, w.warnings, w.file)
      }
      walk(w, value, depth + 1, path)
    }
  } else if (isSeq(n)) {
    for (const item of n.items) walk(w, item, depth + 1, path)
  }
  path.delete(n)
}

function container(
  source: YamlSource,
  doc: Document,
  item: unknown,
  refs: FileReference[],
  warnings: FileWarning[],
  file: string
): void {
  const image = str(source, doc, get(doc, item, 'image'))
  if (!image || image.value.trim() === '') return
  if (/\{\{|\$/.test(image.value)) {
    warnings.push({
      file,
      line: image.line,
      col: image.col,
      message: `The image reference "${image.value}" is a template (its value is only known when it is rendered) and is not verified.`
    })
    return
  }
  refs.push({ image: image.value.trim(), file, line: image.line, col: image.col, kind: 'kubernetes' })
}
