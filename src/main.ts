import * as core from '@actions/core'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeFailure, plural, readmeUrl, transportOverrides } from './describe.js'
import { readInputs } from './gate/inputs.js'
import type { Logger } from './core/logger.js'
import { describeError } from './registry/errors.js'
import { annotate } from './report/annotations.js'
import { inertLog } from './report/escape.js'
import { redact, setMasker } from './core/secrets.js'

/**
 * Every line the action logs goes through here: secrets redacted, and text from registries and files made inert, so
 * that no line the action did not write can start a workflow command.
 */
const logger: Logger = {
  debug: m => core.debug(inertLog(redact(m))),
  info: m => core.info(inertLog(redact(m))),
  warning: m => core.warning(inertLog(redact(m))),
  notice: m => core.notice(inertLog(redact(m)))
}

/** Where the JSON report goes: one file per step, under the runner's temp directory. */
function reportPath(): string {
  const base = process.env.RUNNER_TEMP || tmpdir()
  const step = (process.env.GITHUB_ACTION || 'image-gate').replace(/[^\w.-]/g, '_')
  return join(base, 'image-gate', step, 'report.json')
}

/** The action: inputs from INPUT_* variables; outputs, annotations and the job summary for the runner. */
export async function run(): Promise<void> {
  setMasker(s => core.setSecret(s))
  try {
    const inputs = readInputs()
    const now = new Date()
    // Loaded once the inputs hold: a run that stops at them (nothing to do, a bad input) does not load the engine.
    const { runEngine } = await import('./engine.js')
    const result = await core.group(
      inputs.files.length > 0
        ? 'Reading files and inspecting the images they name'
        : `Inspecting ${plural(inputs.images.length, 'image')}`,
      () =>
        runEngine(inputs, {
          logger,
          dockerConfigDir: process.env.DOCKER_CONFIG || undefined,
          githubActor: process.env.GITHUB_ACTOR || undefined,
          workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
          env: process.env,
          now,
          transport: transportOverrides(process.env),
          reportPath: reportPath(),
          readmeUrl: readmeUrl(process.env)
        })
    )
    // One line per image, written at once.
    if (result.imageLines.length > 0) logger.info(result.imageLines.join('\n'))
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value)
    annotate(result.report)
    if (inputs.summary) {
      try {
        const { renderSummary } = await import('./report/summary.js')
        await core.summary
          .addRaw(redact(renderSummary(result.report, { reportPath: result.outputs.report, now })))
          .write()
      } catch (e) {
        logger.warning(`The job summary was not written: ${describeError(e)}`)
      }
    }
    if (result.failure) {
      const message = `${result.failure}; see the annotations and ${result.outputs.report}`
      if (inputs.failBuild) core.setFailed(inertLog(message))
      else core.warning(inertLog(`${message} (fail-build: false, so the step succeeds)`))
    }
  } catch (e) {
    core.setFailed(inertLog(describeFailure(e).message))
  }
}
