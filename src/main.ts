import * as core from '@actions/core'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runGate } from './gate.js'
import { InputError, readInputs } from './inputs.js'
import type { Logger } from './logger.js'
import { PolicyError } from './policy/errors.js'
import { describeError } from './registry/errors.js'
import { annotate } from './report/annotations.js'
import { buildOutputs } from './report/outputs.js'
import { TOOL_VERSION, buildReport, writeReport } from './report/report.js'
import { renderSummary } from './report/summary.js'
import { redact, setMasker } from './secrets.js'

const logger: Logger = {
  debug: m => core.debug(redact(m)),
  info: m => core.info(redact(m)),
  warning: m => core.warning(redact(m)),
  notice: m => core.notice(redact(m))
}

/** Where the JSON report goes: one file per step, under the runner's temp directory. */
function reportPath(): string {
  const base = process.env.RUNNER_TEMP || tmpdir()
  const step = (process.env.GITHUB_ACTION || 'image-gate').replace(/[^\w.-]/g, '_')
  return join(base, 'image-gate', step, 'report.json')
}

/** IMAGE_GATE_REQUEST_TIMEOUT: seconds one request may take (default 30). */
function transportOverrides(): { timeoutMs?: number } {
  const t = Number(process.env.IMAGE_GATE_REQUEST_TIMEOUT)
  return Number.isFinite(t) && t > 0 ? { timeoutMs: t * 1000 } : {}
}

export async function run(): Promise<void> {
  setMasker(s => core.setSecret(s))
  try {
    const inputs = readInputs()
    const gate = await core.group(`Inspecting ${inputs.images.length} image${inputs.images.length === 1 ? '' : 's'}`, () =>
      runGate(inputs, {
        logger,
        dockerConfigDir: process.env.DOCKER_CONFIG || undefined,
        githubActor: process.env.GITHUB_ACTOR || undefined,
        workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
        env: process.env,
        now: new Date(),
        transport: transportOverrides()
      })
    )
    const report = buildReport(gate, inputs.failBuild)
    // One line per image, written at once.
    const lines = report.images.map(img => {
      const platforms = img.platforms.map(p => p.platform).join(', ')
      if (img.digest) return `${img.status === 'pass' ? '✔' : '✘'} ${img.input} → ${img.digest}${platforms ? ` (${platforms})` : ''}`
      return `✘ ${img.input}: not inspected`
    })
    if (lines.length > 0) logger.info(lines.join('\n'))
    const path = reportPath()
    writeReport(report, path)
    const outputs = buildOutputs(report, path)
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
    annotate(report)
    if (inputs.sarif) {
      const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
      const sarifPath = resolve(workspace, inputs.sarif)
      const action = process.env.GITHUB_ACTION_REPOSITORY || 'acme/image-gate'
      const readmeUrl = `${process.env.GITHUB_SERVER_URL || 'https://github.com'}/${action}/blob/${process.env.GITHUB_ACTION_REF || 'main'}/README.md`
      const { buildSarif, sarifFallback, writeSarif } = await import('./report/sarif.js')
      const fallback = sarifFallback(workspace)
      writeSarif(sarifPath, buildSarif(report, gate.locations, { toolVersion: TOOL_VERSION, readmeUrl, ...(fallback ? { fallback } : {}) }))
      logger.info(`SARIF written to ${sarifPath}`)
    }
    if (inputs.summary) {
      try {
        await core.summary.addRaw(redact(renderSummary(report))).write()
      } catch (e) {
        logger.warning(`The job summary was not written: ${describeError(e)}`)
      }
    }
    if (report.result === 'fail') {
      const message = `image-gate: ${report.violations} finding${report.violations === 1 ? '' : 's'} in ${report.images.length} image${report.images.length === 1 ? '' : 's'}; see the annotations and ${path}`
      if (inputs.failBuild) core.setFailed(message)
      else core.warning(`${message} (fail-build: false, so the step succeeds)`)
    }
  } catch (e) {
    if (e instanceof InputError) core.setFailed(redact(e.message))
    else if (e instanceof PolicyError) core.setFailed(`Input "policy": the policy file has ${e.problems.length === 1 ? 'a problem' : `${e.problems.length} problems`}:\n${e.message}`)
    else core.setFailed(`image-gate: ${redact(describeError(e))}`)
  }
}
