/**
 * The pull-request comment (`comment: true`): one comment per job step, found again by a hidden marker and by its
 * author, edited on every later run. Its body is the job summary's table and findings, cut to fit GitHub's limit.
 */
import { createHash } from 'node:crypto'
import type { Report } from './report.js'
import { renderSummary } from './summary.js'

/** GitHub refuses a comment body over 65536 characters; bytes are never fewer than characters. */
export const COMMENT_MAX_BYTES = 60_000

/**
 * The hidden marker of this step's comment: the workflow, job and step it comes from, hashed, so that two gates in
 * one pull request keep two comments and nothing a person can name ends the HTML comment.
 */
export function commentMarker(env: NodeJS.ProcessEnv): string {
  const key = [env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '', env.GITHUB_ACTION ?? ''].join('\n')
  return `<!-- image-gate comment ${createHash('sha256').update(key).digest('hex').slice(0, 16)} -->`
}

/** The result a comment body recorded, from its hidden result line. */
export function recordedResult(body: string): 'pass' | 'fail' | undefined {
  const m = /<!-- image-gate result (pass|fail) -->/.exec(body)
  return m ? (m[1] as 'pass' | 'fail') : undefined
}

export interface CommentOptions {
  marker: string
  /** The result the comment said before, when there was one. */
  previous: 'pass' | 'fail' | undefined
  /** The run's page, where the job summary and the report are. */
  runUrl: string | undefined
  now: Date
}

export function commentBody(report: Report, opts: CommentOptions): string {
  const where = opts.runUrl
    ? `the job summary and JSON report of <a href="${opts.runUrl}">this run</a>`
    : 'the JSON report'
  const lines = [opts.marker, `<!-- image-gate result ${report.result} -->`]
  if (report.result === 'pass' && opts.previous === 'fail')
    lines.push('<p><b>The gate passes now</b>: the findings of the earlier run are gone.</p>')
  const reserve = lines.join('\n').length + 512
  lines.push(
    renderSummary(report, {
      maxBytes: COMMENT_MAX_BYTES - reserve,
      now: opts.now,
      // Each image's folded details stay in the job summary; the comment is the verdict, the table and the findings.
      details: false,
      leftTo: where,
      tooLong: 'GitHub takes no comment over 65536 characters'
    }).trimEnd()
  )
  if (opts.runUrl) lines.push(`<p><a href="${opts.runUrl}">The run</a></p>`)
  return `${lines.join('\n')}\n`
}
