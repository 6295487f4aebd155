import type { Extraction, FileReference, FileWarning } from './types.js'
import { interpolateCompose, listVariables } from './substitute.js'
import { asMap, entries, get, parseYaml, str } from './yaml.js'

/**
 * Extracts `services.*.image` from a Compose file. Interpolation follows Compose: `${VAR:-default}` and
 * `${VAR-default}` take their default (the environment is not known here), `$$` is a `$`; a variable
 * without a default leaves the reference unverified, with a warning. A service that also has `build:`
 * names the image it builds, which need not exist yet: it is not verified either (a warning says so).
 */
export function extractCompose(file: string, text: string): Extraction {
  const { source, warnings } = parseYaml(file, text)
  const refs: FileReference[] = []
  const out: FileWarning[] = [...warnings]
  for (const doc of source.docs) {
    const services = asMap(doc, get(doc, doc.contents, 'services'))
    if (!services) continue
    for (const [name, service] of entries(doc, services)) {
      const image = str(source, doc, get(doc, service, 'image'))
      if (!image || image.value.trim() === '') continue
      if (get(doc, service, 'build') !== undefined) {
        out.push({
          file,
          line: image.line,
          col: image.col,
          message: `Service "${name}" builds its image (build:), so "${image.value}" names the result of the build and is not verified.`
        })
        continue
      }
      const e = interpolateCompose(image.value, () => undefined)
      if (e.unresolved.length > 0 || e.unsupported.length > 0) {
        const why =
          e.unresolved.length > 0
            ? `${listVariables(e.unresolved)} ${e.unresolved.length > 1 ? 'have' : 'has'} no default value (write \${VAR:-default} to give one)`
            : `${e.unsupported.join(', ')} is not expanded by image-gate`
        out.push({ file, line: image.line, col: image.col, message: `The image reference "${image.value}" of service "${name}" is not verified: ${why}.` })
        continue
      }
      refs.push({ image: e.value.trim(), file, line: image.line, col: image.col, kind: 'compose' })
    }
  }
  return { refs, warnings: out }
}
