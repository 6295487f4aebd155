/**
 * Exceptions that expire: a policy may excuse named rules (or vulnerability ids) for named images until a date,
 * with a reason. An applied exception turns a finding into a notice that names the reason and the date; an expired
 * one applies no more and is itself a finding, at its line, so that it is renewed or removed on purpose.
 */
import type { Reference } from '../core/reference.js'
import { matchReference, type ReferencePattern } from '../core/glob.js'
import type { Finding } from './findings.js'
import { untilEnd } from './until.js'

export interface PolicyException {
  /** The images it covers; undefined: every image. */
  images?: ReferencePattern[]
  /** The rules it excuses. */
  rules?: string[]
  /** Vulnerability ids it excuses, matched against a vulnerability's id and every alias. */
  ids?: string[]
  /** `YYYY-MM-DD`: it applies through the end of that day (UTC). */
  until: string
  reason: string
  /** Where it was declared: `policy.yml exceptions[0] (line 12)`. */
  where: string
}

/** The longest an exception may run, from the day of the run. */
export const MAX_EXCEPTION_DAYS = 366

const DAY_MS = 86_400_000

export { untilEnd }

/** What is wrong with an exception's date on the day of the run; undefined when it is a date within the bound. */
export function untilProblem(until: string, now: Date): string | undefined {
  const end = untilEnd(until)
  if (Number.isNaN(end)) return `"${until}" is not a date: write YYYY-MM-DD, like 2027-01-31`
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  if (end - today >= (MAX_EXCEPTION_DAYS + 1) * DAY_MS)
    return `"${until}" is more than ${MAX_EXCEPTION_DAYS} days away: an exception is renewed on purpose, at most a year at a time`
  return undefined
}

export function expired(e: PolicyException, now: Date): boolean {
  return now.getTime() > untilEnd(e.until)
}

/** What a finding offers an exception to match: its rule, its image, and the vulnerability ids it is known by. */
export interface Excusable {
  rule: string
  ref: Reference | undefined
  digest?: string
  ids?: string[]
}

/** Does this (unexpired) exception cover the finding? Images must match when it names any; so must a rule or an id. */
export function covers(e: PolicyException, f: Excusable): boolean {
  if (e.images && !(f.ref && e.images.some(p => matchReference(p, f.ref!, f.digest)))) return false
  const byRule = e.rules?.includes(f.rule) ?? false
  const byId = e.ids !== undefined && (f.ids ?? []).some(id => e.ids!.some(x => x.toUpperCase() === id.toUpperCase()))
  return byRule || byId
}

/** The first unexpired exception that covers a finding. */
export function exceptionFor(exceptions: PolicyException[], f: Excusable, now: Date): PolicyException | undefined {
  return exceptions.find(e => !expired(e, now) && covers(e, f))
}

/** How each exception of the policy fared in this run, for the report. */
export interface ExceptionUse {
  where: string
  until: string
  reason: string
  expired: boolean
  /** Findings it turned into notices. */
  applied: number
}

/**
 * Applies a policy's exceptions to a run's findings: each finding an unexpired exception covers is marked with it
 * (a notice, not counted); each expired exception is itself a finding (rule `exceptions`) at its line. `subject`
 * gives a finding's parsed reference and digest.
 */
export function applyExceptions(
  findings: Finding[],
  exceptions: PolicyException[],
  subject: (f: Finding) => { ref: Reference | undefined; digest?: string },
  now: Date
): { expired: Finding[]; uses: ExceptionUse[] } {
  const applied = new Map<PolicyException, number>()
  for (const f of findings) {
    // A finding a rule's own ignore entry already excused keeps that reason.
    if (f.rule === 'inspect' || f.rule === 'exceptions' || f.excepted) continue
    const e = exceptionFor(exceptions, { rule: f.rule, ...subject(f), ...(f.ids ? { ids: f.ids } : {}) }, now)
    if (!e) continue
    f.excepted = { reason: e.reason, until: e.until, where: e.where }
    applied.set(e, (applied.get(e) ?? 0) + 1)
  }
  const expiredFindings = exceptions
    .filter(e => expired(e, now))
    .map((e): Finding => ({
      rule: 'exceptions',
      image: e.where,
      message: `the exception ${e.where} (${describeScope(e)}) expired at the end of ${e.until} and applies no more: renew it with a new date and reason, or remove it`
    }))
  return {
    expired: expiredFindings,
    uses: exceptions.map(e => ({
      where: e.where,
      until: e.until,
      reason: e.reason,
      expired: expired(e, now),
      applied: applied.get(e) ?? 0
    }))
  }
}

function describeScope(e: PolicyException): string {
  const what = [...(e.rules ?? []), ...(e.ids ?? [])].join(', ')
  return e.images ? `${what} for ${e.images.map(p => p.text).join(', ')}` : `${what} for every image`
}
