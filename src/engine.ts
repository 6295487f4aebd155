/**
 * The one engine behind both front ends: the action (main.ts, INPUT_* variables) and the command line (cli.ts,
 * flags). From typed inputs and an environment it runs the gate, builds the report and the outputs, writes the
 * report and SARIF files it is asked for, and says what failed. It writes nothing to stdout: each front end
 * decides how a person sees the result.
 */
import { resolve } from 'node:path'
import type { GateEnvironment } from './gate/run.js'
import { runGate } from './gate/run.js'
import type { Inputs } from './gate/inputs.js'
import type { Outputs } from './report/outputs.js'
import { buildOutputs } from './report/outputs.js'
import type { Report } from './report/report.js'
import { TOOL_VERSION, buildReport, writeReport } from './report/report.js'
import type { GateResult } from './gate/result.js'
import { plural } from './describe.js'

export interface EngineOptions extends GateEnvironment {
  /** Where the JSON report is written; undefined: it is not written (the `report` output is then empty). */
  reportPath: string | undefined
  /** The README's URL, for SARIF: the rules' help pages are under docs/ beside it. */
  readmeUrl: string
}

export interface EngineResult {
  inputs: Inputs
  gate: GateResult
  report: Report
  outputs: Outputs
  /** Where the SARIF file was written, when `sarif` asked for one. */
  sarifPath: string | undefined
  /** One line per image, for a log: `✔ ref → digest (platforms)`. */
  imageLines: string[]
  /** Set when the gate fails: one sentence saying how many findings in how many images. */
  failure: string | undefined
  /** The findings as a SARIF 2.1.0 log. */
  sarif(): Promise<object>
}

/** inputs → gate → report, outputs, files. Throws only for bad input or a policy file that does not load. */
export async function runEngine(inputs: Inputs, opts: EngineOptions): Promise<EngineResult> {
  const gate = await runGate(inputs, opts)
  const report = buildReport(gate, inputs.failBuild)
  const imageLines = report.images.map(img => {
    const platforms = img.platforms.map(p => p.platform).join(', ')
    if (img.digest)
      return `${img.status === 'pass' ? '✔' : '✘'} ${img.input} → ${img.digest}${platforms ? ` (${platforms})` : ''}`
    return `✘ ${img.input}: not inspected`
  })
  if (opts.reportPath !== undefined) writeReport(report, opts.reportPath)
  const outputs = buildOutputs(report, opts.reportPath ?? '')
  const sarif = async (): Promise<object> => {
    const { buildSarif, sarifFallback } = await import('./report/sarif.js')
    const fallback = sarifFallback(opts.workspace, opts.env)
    return buildSarif(report, gate.locations, {
      toolVersion: TOOL_VERSION,
      readmeUrl: opts.readmeUrl,
      ...(fallback ? { fallback } : {})
    })
  }
  let sarifPath: string | undefined
  if (inputs.sarif) {
    sarifPath = resolve(opts.workspace, inputs.sarif)
    const { writeSarif } = await import('./report/sarif.js')
    writeSarif(sarifPath, await sarif())
    opts.logger.info(`SARIF written to ${sarifPath}`)
  }
  if (inputs.comment) await commentOnPullRequest(report, inputs, opts)
  // Findings about files (one that could not be read in full) can fail a run that checked no image.
  const where = report.images.length > 0 ? ` in ${plural(report.images.length, 'image')}` : ' (no image was checked)'
  const failure = report.result === 'fail' ? `image-gate: ${plural(report.violations, 'finding')}${where}` : undefined
  return { inputs, gate, report, outputs, sarifPath, imageLines, failure, sarif }
}

/** The run's page on GitHub, from the runner's variables, when they are all there and well formed. */
function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  const repo = env.GITHUB_REPOSITORY ?? ''
  const id = env.GITHUB_RUN_ID ?? ''
  if (!/^https?:\/\/[^\s"'<>]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(id)) return undefined
  return `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${id}`
}

/**
 * `comment: true`: keep this step's one comment on the pull request. A comment that cannot be written is a warning:
 * the gate's result stands.
 */
async function commentOnPullRequest(report: Report, inputs: Inputs, opts: EngineOptions): Promise<void> {
  const { pullRequestNumber, repositoryFromEnv } = await import('./github/api.js')
  const pull = pullRequestNumber(opts.env)
  const repo = repositoryFromEnv(opts.env)
  if (pull === undefined || !repo) {
    opts.logger.notice('comment applies to pull request events; this is not one, so no comment is written')
    return
  }
  if (inputs.githubToken === '') {
    opts.logger.warning(`comment: "github-token" is empty, so no comment is written on pull request #${pull}`)
    return
  }
  const { commentBody, commentMarker, recordedResult } = await import('./report/comment.js')
  const { commentFailure, upsertComment } = await import('./report/pr-comment.js')
  const marker = commentMarker(opts.env)
  const url = runUrl(opts.env)
  try {
    const outcome = await upsertComment(
      { token: inputs.githubToken, apiUrl: opts.env.GITHUB_API_URL || 'https://api.github.com', ...repo, pull, marker },
      previous =>
        commentBody(report, {
          marker,
          previous: previous === undefined ? undefined : recordedResult(previous),
          runUrl: url,
          now: opts.now
        })
    )
    if (outcome.action === 'skipped') opts.logger.warning(`comment: ${outcome.why}; no comment is written`)
    else
      opts.logger.info(
        `${outcome.action === 'created' ? 'created a comment' : 'updated its comment'} on pull request #${pull}: ${outcome.url}`
      )
  } catch (e) {
    opts.logger.warning(`comment: ${commentFailure(e, pull)}; the gate's result stands`)
  }
}
