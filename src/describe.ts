/**
 * What the entry points need before, and whether or not, the engine runs: the run's settings from the environment,
 * and how a failure is said. Apart from src/engine.ts so that a run that stops at its inputs does not load the
 * engine (docs/architecture.md, "Start-up: what loads when").
 */
import { isInputError } from './core/errors.js'
import { redact } from './core/secrets.js'
import { PolicyError } from './policy/errors.js'
import { describeError } from './registry/errors.js'

/** The README of the action's repository and ref, when run as an action; the rules' help pages are under docs/ beside it. */
export function readmeUrl(env: NodeJS.ProcessEnv): string {
  const action = env.GITHUB_ACTION_REPOSITORY || 'acme/image-gate'
  return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${action}/blob/${env.GITHUB_ACTION_REF || 'main'}/README.md`
}

/**
 * IMAGE_GATE_REQUEST_TIMEOUT: seconds one attempt may take (default 30); IMAGE_GATE_RETRY_BUDGET: seconds a request
 * may spend on retries (default 20). A request, its redirects and retries included, ends within their sum.
 */
export function transportOverrides(env: NodeJS.ProcessEnv): { timeoutMs?: number; retryBudgetMs?: number } {
  const seconds = (v: string | undefined): number | undefined => {
    const t = Number(v)
    return v !== undefined && v.trim() !== '' && Number.isFinite(t) && t > 0 ? t * 1000 : undefined
  }
  const timeoutMs = seconds(env.IMAGE_GATE_REQUEST_TIMEOUT)
  const retryBudgetMs = seconds(env.IMAGE_GATE_RETRY_BUDGET)
  return {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(retryBudgetMs !== undefined ? { retryBudgetMs } : {})
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * What stopped the run before any image was judged, by the error's code: bad input (an input, a flag, a trusted
 * source that cannot be read), a policy file that does not load, or else (a bug: said without a stack trace).
 */
export function describeFailure(e: unknown): { kind: 'input' | 'policy' | 'other'; message: string } {
  if (e instanceof PolicyError) {
    return {
      kind: 'policy',
      message: redact(
        `Input "policy": the policy file has ${e.problems.length === 1 ? 'a problem' : `${e.problems.length} problems`}:\n${e.message}`
      )
    }
  }
  if (isInputError(e)) return { kind: 'input', message: redact(e.message) }
  return { kind: 'other', message: `image-gate: ${redact(describeError(e))}` }
}
