import type { RuleName } from './rules/table.js'

export type { RuleName } from './rules/table.js'
export { RULES } from './rules/table.js'

/**
 * A rule's name; `inspect` for an image that could not be checked at all; `exceptions` for a policy exception that
 * has expired.
 */
export type FindingRule = RuleName | 'inspect' | 'exceptions'

/**
 * One reason the gate fails: a rule violation, or an image that could not be inspected. A finding of a rule set in
 * warn mode, or one an exception covers, is reported but does not fail the gate.
 */
export interface Finding {
  rule: FindingRule
  /** The reference as the user wrote it. */
  image: string
  /** The normalized reference, when it parsed. */
  reference?: string
  /** `linux/arm64`, when the finding is about one platform. */
  platform?: string
  message: string
  /** The registry host, for findings about a registry fault. */
  host?: string
  /** From a rule set in warn mode: a warning, not counted. */
  mode?: 'warn'
  /** The vulnerability ids it is about (an id and its aliases): an exception's `ids` match any of them. */
  ids?: string[]
  /** The policy exception that covers it: a notice, not counted. */
  excepted?: { reason: string; until: string; where: string }
}

/** Does this finding fail the gate (neither in warn mode nor covered by an exception)? */
export function counts(f: Finding): boolean {
  return f.mode !== 'warn' && f.excepted === undefined
}
