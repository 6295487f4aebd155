import type { RuleName } from './rules/table.js'

export type { RuleName } from './rules/table.js'
export { RULES } from './rules/table.js'

/** A rule's name, or `inspect` for an image that could not be checked at all. */
export type FindingRule = RuleName | 'inspect'

/** One reason the gate fails: a rule violation, or an image that could not be inspected. */
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
}
