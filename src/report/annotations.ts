import * as core from '@actions/core'
import type { Report } from './report.js'

/** One annotation per finding: an error (a warning with fail-build: false), titled with the rule. */
export function annotate(report: Report): void {
  for (const f of report.findings) {
    const where = f.platform && !f.message.startsWith(f.platform) ? ` (${f.platform})` : ''
    const message = `${f.image}${where}: ${f.message}`
    const props: core.AnnotationProperties = { title: f.rule }
    if (f.severity === 'error') core.error(message, props)
    else core.warning(message, props)
  }
}
