/** A policy file that cannot be used: every problem, each with its file, line, key and value. */
export class PolicyError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(problems.join('\n'))
    this.name = 'PolicyError'
    this.problems = problems
  }
}
