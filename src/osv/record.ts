/**
 * An OSV record as the gate reads it: the fields it uses, checked for their type. A record whose fields are not what
 * the OSV schema says is not used: the caller fails closed on it. Fields the gate does not read are not looked at.
 */

/** An id the gate puts in a URL path and a report: `GHSA-…`, `CVE-…`, `PYSEC-…`, `GO-…`, `DEBIAN-CVE-…`. */
export const OSV_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string }

export interface OsvRange {
  /** `ECOSYSTEM`, `SEMVER` or `GIT`. */
  type: string
  events: OsvEvent[]
}

export interface OsvAffected {
  ecosystem: string
  name: string
  ranges: OsvRange[]
  versions: string[]
}

export interface OsvSeverityEntry {
  /** `CVSS_V3`, `CVSS_V4`, … */
  type: string
  score: string
}

export interface OsvRecord {
  id: string
  aliases: string[]
  summary?: string
  severity: OsvSeverityEntry[]
  affected: OsvAffected[]
  /** `database_specific.severity` when it is a string (GitHub's: `CRITICAL`, `HIGH`, `MODERATE`, `LOW`). */
  databaseSeverity?: string
}

/** What is wrong with a record, in a few words. */
export class ShapeError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function list(v: unknown, what: string): unknown[] {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) throw new ShapeError(`${what} is not a list`)
  return v
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new ShapeError(`${what} is not a string`)
  return v
}

function event(v: unknown): OsvEvent {
  if (!isObject(v)) throw new ShapeError('an affected range event is not an object')
  const keys = Object.keys(v).filter(k => ['introduced', 'fixed', 'last_affected', 'limit'].includes(k))
  if (keys.length !== 1)
    throw new ShapeError('an affected range event does not name one of introduced, fixed, last_affected, limit')
  const k = keys[0] as 'introduced'
  return { [k]: text(v[k], `the ${k} of a range event`) } as OsvEvent
}

function affected(v: unknown): OsvAffected | undefined {
  if (!isObject(v)) throw new ShapeError('an affected entry is not an object')
  // A package-less entry (a commit range of a project without releases) concerns no package the gate asks about.
  if (v.package === undefined) return undefined
  if (!isObject(v.package)) throw new ShapeError('an affected package is not an object')
  return {
    ecosystem: text(v.package.ecosystem, 'an affected package ecosystem'),
    name: text(v.package.name, 'an affected package name'),
    ranges: list(v.ranges, 'affected ranges').map(r => {
      if (!isObject(r)) throw new ShapeError('an affected range is not an object')
      return { type: text(r.type, 'a range type'), events: list(r.events, 'range events').map(event) }
    }),
    versions: list(v.versions, 'affected versions').map(x => text(x, 'an affected version'))
  }
}

/** The record for `id`, from its parsed JSON; throws ShapeError when it is not one. */
/** The ids of a list that the gate can show and match; anything else is not an id. */
const ids = (v: unknown, what: string): string[] =>
  list(v, what)
    .map(a => text(a, `an entry of ${what}`))
    .filter(a => OSV_ID.test(a))

/**
 * A distribution's record of one CVE (DEBIAN-CVE-…, UBUNTU-CVE-…) names it in `upstream`, not `aliases`: it is that
 * vulnerability too. A record whose `upstream` lists several (a Debian advisory of thirty CVEs) is none of them: read
 * as aliases, a VEX statement or ignore entry for one would reach all the others.
 */
function renamed(upstream: unknown): string[] {
  const named = ids(upstream, 'upstream')
  return named.length === 1 ? named : []
}

export function parseRecord(json: unknown, id: string): OsvRecord {
  if (!isObject(json)) throw new ShapeError('the record is not a JSON object')
  if (json.id !== id) throw new ShapeError(`the record's id is not ${id}`)
  const summary = json.summary === undefined || json.summary === null ? undefined : text(json.summary, 'the summary')
  const severity = list(json.severity, 'severity').map(s => {
    if (!isObject(s)) throw new ShapeError('a severity entry is not an object')
    return { type: text(s.type, 'a severity type'), score: text(s.score, 'a severity score') }
  })
  const ds = isObject(json.database_specific) ? json.database_specific.severity : undefined
  return {
    id,
    // Only ids the gate can show and match; anything else is not an id.
    aliases: [...new Set([...ids(json.aliases, 'aliases'), ...renamed(json.upstream)])].filter(a => a !== id),
    ...(summary !== undefined ? { summary: summary.slice(0, 1000) } : {}),
    severity,
    affected: list(json.affected, 'affected')
      .map(affected)
      .filter((a): a is OsvAffected => a !== undefined),
    ...(typeof ds === 'string' ? { databaseSeverity: ds } : {})
  }
}

/** One result of a batch query: the ids it lists and the token of its next page. */
export interface BatchResult {
  ids: string[]
  nextPageToken?: string
}

/** A querybatch answer for `count` queries; throws ShapeError when it is not one. */
export function parseBatch(json: unknown, count: number): BatchResult[] {
  if (!isObject(json)) throw new ShapeError('the answer is not a JSON object')
  const results = list(json.results, 'results')
  if (results.length !== count) throw new ShapeError(`it has ${results.length} results for ${count} queries`)
  return results.map(r => {
    if (!isObject(r)) throw new ShapeError('a result is not an object')
    const ids = list(r.vulns, 'vulns').map(v => {
      if (!isObject(v)) throw new ShapeError('a listed vulnerability is not an object')
      const id = text(v.id, 'a vulnerability id')
      if (!OSV_ID.test(id)) throw new ShapeError('a vulnerability id is not an OSV id')
      return id
    })
    const token = r.next_page_token
    if (token === undefined || token === null || token === '') return { ids }
    if (typeof token !== 'string' || token.length > 4096)
      throw new ShapeError('a next_page_token is not a short string')
    return { ids, nextPageToken: token }
  })
}
