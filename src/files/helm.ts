import { isMap, isSeq, type Document } from 'yaml'
import { extractChartTemplate, type HelmChart } from './helm-template.js'
import type { Extraction, FileReference, FileWarning } from './types.js'
import { entries, MAX_DEPTH, parseYaml, resolve, scalarText, spend, str, type YamlSource } from './yaml.js'

/**
 * Extracts the image references of a Helm chart's values file (`values*.yaml`): every `image:` key, at any depth,
 * that is a string (`image: "ghcr.io/acme/app:1.2"`) or an object with a `repository` and optional `registry`,
 * `tag` and `digest` (`image: {registry: ghcr.io, repository: acme/app, tag: 1.2}`), located at its repository.
 * A value with template syntax, or an object whose tag is empty (the chart's templates then choose one, often the
 * chart's appVersion), is not verified: a warning says so.
 */
export function extractHelmValues(file: string, text: string): Extraction {
  const { source, warnings } = parseYaml(file, text)
  const refs: FileReference[] = []
  const out: FileWarning[] = [...warnings]
  for (const doc of source.docs) walk(source, doc, doc.contents, 0, new Set(), file, refs, out)
  return { refs, warnings: out }
}

function walk(
  source: YamlSource,
  doc: Document,
  node: unknown,
  depth: number,
  path: Set<unknown>,
  file: string,
  refs: FileReference[],
  warnings: FileWarning[]
): void {
  const n = resolve(doc, node)
  if (!n || depth > MAX_DEPTH || path.has(n)) return
  spend(doc)
  path.add(n)
  if (isMap(n)) {
    for (const [key, value] of entries(doc, n)) {
      if (key === 'image') image(source, doc, value, file, refs, warnings)
      walk(source, doc, value, depth + 1, path, file, refs, warnings)
    }
  } else if (isSeq(n)) {
    for (const item of n.items) walk(source, doc, item, depth + 1, path, file, refs, warnings)
  }
  path.delete(n)
}

function image(
  source: YamlSource,
  doc: Document,
  value: unknown,
  file: string,
  refs: FileReference[],
  warnings: FileWarning[]
): void {
  const template = (s: string) => /\{\{|\$\{/.test(s)
  const whole = str(source, doc, value)
  if (whole) {
    const v = whole.value.trim()
    if (v === '') return
    if (template(v))
      warnings.push({
        file,
        line: whole.line,
        col: whole.col,
        message: `The image reference "${v}" is a template (its value is only known when the chart is rendered) and is not verified.`
      })
    else refs.push({ image: v, file, line: whole.line, col: whole.col, kind: 'helm' })
    return
  }
  const field = (k: string) => {
    const map = resolve(doc, value)
    if (!isMap(map)) return undefined
    const e = entries(doc, map).find(([key]) => key === k)
    return e ? scalarText(source, doc, e[1]) : undefined
  }
  const repository = field('repository')
  if (!repository || repository.value.trim() === '') return
  const registry = field('registry')?.value.trim() ?? ''
  const tag = field('tag')?.value.trim() ?? ''
  const digest = field('digest')?.value.trim() ?? ''
  const ref = `${registry !== '' ? `${registry.replace(/\/+$/, '')}/` : ''}${repository.value.trim()}${tag !== '' ? `:${tag}` : ''}${digest !== '' ? `@${digest}` : ''}`
  if (template(ref)) {
    warnings.push({
      file,
      line: repository.line,
      col: repository.col,
      message: `The image reference "${ref}" is a template (its value is only known when the chart is rendered) and is not verified.`
    })
  } else if (tag === '' && digest === '') {
    warnings.push({
      file,
      line: repository.line,
      col: repository.col,
      message: `The image "${ref}" has no tag here: the chart's templates choose it (often the chart's appVersion), so it is not verified. Give it a tag or a digest in the values.`
    })
  } else refs.push({ image: ref, file, line: repository.line, col: repository.col, kind: 'helm' })
}

/**
 * A chart template: YAML only once Helm renders it, so each `image:` line of its output is rendered with the
 * chart's values.yaml and Chart.yaml (helm-template.ts). `chart` is undefined when no Chart.yaml is found above the
 * template's `templates/` directory: its literal image lines are still references, its values are not known.
 */
export function extractHelmTemplate(
  file: string,
  text: string,
  opts: { chart?: HelmChart | undefined } = {}
): Extraction {
  return extractChartTemplate(file, text, opts.chart)
}
