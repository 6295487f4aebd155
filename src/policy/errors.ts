/** A policy file that cannot be used: every problem, each with its file, line, key and value. */
import { GateError } from '../core/errors.js'
export class PolicyError extends GateError {
  readonly problems: string[]
  constructor(problems: string[]) {
    super('policy', problems.join('\n'))
    this.problems = problems
  }
}
