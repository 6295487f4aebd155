/**
 * The gate run in-process over a workspace, as the integration tests drive it: inputs by name (what action.yml's
 * `INPUT_*` would hold), no Docker config, a silent logger, and a transport that gives a registry up quickly.
 */
import { readInputs } from '../../src/gate/inputs.js'
import { runGate } from '../../src/gate/run.js'
import type { GateResult } from '../../src/gate/result.js'
import { silentLogger } from '../../src/core/logger.js'

/** Timeouts and retries short enough for a loopback registry and a fault proxy. */
export const QUICK_TRANSPORT = { timeoutMs: 5000, backoffMs: 10, retryBudgetMs: 200, maxAttempts: 2 }

export function gateIn(
  workspace: string,
  inputs: Record<string, string>,
  opts: { env?: NodeJS.ProcessEnv; now?: Date; transport?: typeof QUICK_TRANSPORT } = {}
): Promise<GateResult> {
  return runGate(
    readInputs(name => inputs[name] ?? ''),
    {
      logger: silentLogger,
      dockerConfigDir: '/nonexistent',
      githubActor: undefined,
      workspace,
      now: opts.now ?? new Date(),
      env: opts.env ?? {},
      transport: opts.transport ?? QUICK_TRANSPORT
    }
  )
}
