import type { Document } from 'yaml'
import type { Extraction, FileReference, FileWarning } from './types.js'
import { asMap, asSeq, entries, get, parseYaml, str, type LocatedString, type YamlSource } from './yaml.js'

const DOCKER_SCHEME = 'docker://'

/**
 * Extracts from a GitHub Actions workflow: `jobs.*.container` (a string or `.image`), `jobs.*.services.*.image`,
 * and `uses: docker://…` in `jobs.*.steps`. A value that holds an expression (`${{ … }}`) is only known when the
 * workflow runs: it is a warning. An empty value (a matrix that turns a service off) is skipped.
 */
export function extractWorkflow(file: string, text: string): Extraction {
  const { source, warnings } = parseYaml(file, text)
  const refs: FileReference[] = []
  const out: FileWarning[] = [...warnings]
  const add = (s: LocatedString | undefined, what: string, skip = 0): void => {
    if (!s) return
    const image = s.value.slice(skip).trim()
    if (image === '') return
    const col = s.col + skip
    if (image.includes('${{')) {
      out.push({
        file,
        line: s.line,
        col,
        message: `The image reference "${image}" of ${what} holds an expression, known only when the workflow runs, and is not verified.`
      })
      return
    }
    refs.push({ image, file, line: s.line, col, kind: 'workflow' })
  }
  for (const doc of source.docs) {
    const jobs = asMap(doc, get(doc, doc.contents, 'jobs'))
    if (!jobs) continue
    for (const [jobId, job] of entries(doc, jobs)) {
      const container = get(doc, job, 'container')
      add(
        str(source, doc, container) ?? str(source, doc, get(doc, container, 'image')),
        `the container of job "${jobId}"`
      )
      const services = asMap(doc, get(doc, job, 'services'))
      for (const [name, service] of services ? entries(doc, services) : []) {
        add(str(source, doc, get(doc, service, 'image')), `service "${name}" of job "${jobId}"`)
      }
      for (const step of asSeq(doc, get(doc, job, 'steps'))?.items ?? []) dockerStep(source, doc, step, jobId, add)
    }
  }
  return { refs, warnings: out }
}

function dockerStep(
  source: YamlSource,
  doc: Document,
  step: unknown,
  jobId: string,
  add: (s: LocatedString | undefined, what: string, skip?: number) => void
): void {
  const uses = str(source, doc, get(doc, step, 'uses'))
  if (!uses || !uses.value.toLowerCase().startsWith(DOCKER_SCHEME)) return
  add(uses, `a step of job "${jobId}"`, DOCKER_SCHEME.length)
}
