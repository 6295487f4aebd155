import * as core from '@actions/core'
import { inertLog } from './escape.js'
import type { Report } from './report.js'

/**
 * One annotation per finding, an error (a warning with fail-build: false) titled with the rule; a finding about an
 * image found in files is annotated on every file and line that references it.
 */
export function annotate(report: Report): void {
  for (const f of report.findings) {
    const where = f.platform && !f.message.startsWith(f.platform) ? ` (${f.platform})` : ''
    const excepted = f.exception
      ? ` (excepted until ${f.exception.until}: ${f.exception.reason}; ${f.exception.where})`
      : ''
    const message = inertLog(`${f.image}${where}: ${f.message}${f.mode === 'warn' ? ' (warn mode)' : ''}${excepted}`)
    const places: core.AnnotationProperties[] =
      f.locations.length > 0
        ? f.locations.map(l => ({ title: f.rule, file: l.file, startLine: l.line, startColumn: l.col }))
        : [{ title: f.rule }]
    for (const props of places) {
      if (f.severity === 'error') core.error(message, props)
      else if (f.severity === 'notice') core.notice(message, props)
      else core.warning(message, props)
    }
  }
  // In the order the files module gives: references not verified first, notes on what is not checked by design last.
  for (const w of report.warnings) {
    const props = {
      title: 'files',
      file: w.file,
      ...(w.line > 0 ? { startLine: w.line, ...(w.col > 0 ? { startColumn: w.col } : {}) } : {})
    }
    if (w.level === 'notice') core.notice(inertLog(w.message), props)
    else core.warning(inertLog(w.message), props)
  }
}
