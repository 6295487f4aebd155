import type { Report } from './report.js'

/** The step's outputs, as action.yml declares them, from the report. */
export interface Outputs {
  result: 'pass' | 'fail'
  violations: string
  digest: string
  digests: string
  pinned: string
  report: string
}

export function buildOutputs(report: Report, reportPath: string): Outputs {
  const digests: Record<string, string> = {}
  for (const img of report.images) if (img.digest !== null && !(img.input in digests)) digests[img.input] = img.digest
  return {
    result: report.result,
    violations: String(report.violations),
    digest: report.images[0]?.digest ?? '',
    digests: JSON.stringify(digests),
    pinned: report.images
      .map(i => i.pinned)
      .filter((p): p is string => p !== null)
      .join('\n'),
    report: reportPath
  }
}
