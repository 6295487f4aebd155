/**
 * The vulnerability database as the gate asks it: what goes in (packages by purl and version) and what comes out
 * (the vulnerabilities of each, with severity and fixed version). See docs/architecture.md.
 */
import type { Severity } from '../model/content.js'

/** One package to ask about: its purl without a version, and the version (sent in one place, never both). */
export interface PackageQuery {
  purl: string
  version: string
}

/** The key a package's answer is filed under: `${purl}@${version}`. */
export const queryKey = (q: PackageQuery): string => `${q.purl}@${q.version}`

/** One vulnerability of one queried package, from its OSV record. */
export interface OsvVulnerability {
  id: string
  aliases: string[]
  severity: Severity
  score?: number
  vector?: string
  /** The first fixed version in the affected range that matched this package; undefined when none. */
  fixed?: string
  summary?: string
}

export interface OsvOptions {
  /** The API's base URL (`https://api.osv.dev`). */
  url: string
  /** Requests in flight at once (the registry client's concurrency). */
  concurrency: number
  /** One request's deadline, in milliseconds. */
  timeoutMs: number
}

/** Every queried package's vulnerabilities, by `queryKey`; a package with none maps to []. */
export type OsvAnswer = Map<string, OsvVulnerability[]>
