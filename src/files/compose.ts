import type { Extraction, FileReference, FileWarning } from './types.js'
import { interpolateCompose, listVariables } from './substitute.js'
import { asMap, entries, get, parseYaml, str } from './yaml.js'

export interface ComposeOptions {
  /** The variables of the `.env` file beside the Compose file (undefined: there is none). */
  dotEnv?: Map<string, string | undefined>
}

/**
 * Extracts `services.*.image` from a Compose file. Interpolation follows Compose: a variable takes its value
 * from the `.env` file beside the Compose file, else `${VAR:-default}` and `${VAR-default}` take their default
 * (the runner's environment is not known here), `$$` is a `$`; a variable with neither leaves the reference
 * unverified, with a warning. A service that also has `build:` names the image it builds, which need not exist
 * yet: it is noted, not verified.
 */
export function extractCompose(file: string, text: string, opts: ComposeOptions = {}): Extraction {
  const dotEnv = opts.dotEnv
  const { source, warnings } = parseYaml(file, text)
  const refs: FileReference[] = []
  const out: FileWarning[] = [...warnings]
  for (const doc of source.docs) {
    const services = asMap(doc, get(doc, doc.contents, 'services'))
    if (!services) continue
    // Services that only build (build: and no image:) name nothing to verify: one note for all of them.
    const buildOnly: string[] = []
    for (const [name, service] of entries(doc, services)) {
      const image = str(source, doc, get(doc, service, 'image'))
      if (!image || image.value.trim() === '') {
        if (get(doc, service, 'build') !== undefined) buildOnly.push(name)
        continue
      }
      if (get(doc, service, 'build') !== undefined) {
        out.push({
          file,
          line: image.line,
          col: image.col,
          level: 'notice',
          message: `Service "${name}" builds its image (build:), so "${image.value}" names the result of the build and is not verified.`
        })
        continue
      }
      const e = interpolateCompose(image.value, name => dotEnv?.get(name))
      if (e.unresolved.length > 0 || e.unsupported.length > 0 || e.error !== undefined) {
        const vars = `${listVariables(e.unresolved)} ${e.unresolved.length > 1 ? 'have' : 'has'} no value`
        const why =
          e.error !== undefined
            ? `Compose refuses it (${e.error})`
            : e.unresolved.length > 0
              ? dotEnv
                ? `${vars} in the .env file beside it, nor a default (\${VAR:-default})`
                : `${vars}: set it in a .env file beside the Compose file, or write \${VAR:-default}`
              : `${e.unsupported.join(', ')} is not expanded by image-gate`
        out.push({
          file,
          line: image.line,
          col: image.col,
          message: `The image reference "${image.value}" of service "${name}" is not verified: ${why}.`
        })
        continue
      }
      refs.push({ image: e.value.trim(), file, line: image.line, col: image.col, kind: 'compose' })
    }
    if (buildOnly.length > 0) {
      const p = source.lineCounter.linePos(services.range?.[0] ?? 0)
      const names =
        buildOnly.length > 5
          ? `${buildOnly
              .slice(0, 5)
              .map(n => `"${n}"`)
              .join(', ')} and ${buildOnly.length - 5} more`
          : buildOnly.map(n => `"${n}"`).join(', ')
      out.push({
        file,
        line: p.line,
        col: p.col,
        level: 'notice',
        message: `${buildOnly.length === 1 ? 'Service' : 'Services'} ${names} ${buildOnly.length === 1 ? 'builds its image' : 'build their images'} (build:) and name${buildOnly.length === 1 ? 's' : ''} no image to verify.`
      })
    }
  }
  return { refs, warnings: out }
}
