import type { ActionInput } from './flags.js'

/**
 * The `inputs` of action.yml, put here by the bundler (scripts/bundle.mjs) when it builds dist/cli.js, so that
 * the command's flags are always the action's inputs. Tests that run the sources set it on globalThis.
 */
declare const __IMAGE_GATE_ACTION_INPUTS__: unknown

export function actionInputs(): ActionInput[] {
  if (typeof __IMAGE_GATE_ACTION_INPUTS__ === 'undefined')
    throw new Error('built without the inputs of action.yml: run npm run bundle')
  return inputsOfActionYml({ inputs: __IMAGE_GATE_ACTION_INPUTS__ })
}

/** action.yml's `inputs`, in order. */
export function inputsOfActionYml(doc: unknown): ActionInput[] {
  const inputs =
    (doc as { inputs?: Record<string, { description?: unknown; default?: unknown } | null> } | null)?.inputs ?? {}
  return Object.entries(inputs).map(([name, v]) => ({
    name,
    description: typeof v?.description === 'string' ? v.description.trim() : '',
    default: v?.default === undefined || v.default === null ? '' : String(v.default)
  }))
}
