/**
 * The vulnerability database as the gate asks it: what goes in (packages by purl and version) and what comes out
 * (the vulnerabilities of each, with severity and fixed version). See docs/architecture.md.
 */
import type { Severity } from '../model/content.js'

/** One package to ask about: its purl without a version, and the version (sent in one place, never both). */
export interface PackageQuery {
  purl: string
  version: string
  /**
   * The package as the database names it, when it is asked by ecosystem and name rather than by purl: a distribution
   * package (`{ecosystem: 'Debian:12', name: 'openssl'}`, the source package), whose release the database reads
   * from no purl qualifier that SBOM tools write. `purl` is then only the key.
   */
  package?: { ecosystem: string; name: string }
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
  /** Ends every request at once (the run is over). */
  signal?: AbortSignal
  /** Retries of a 429, a 5xx or a broken connection: attempts in all, the first backoff, the longest Retry-After. */
  retries?: { attempts: number; backoffMs: number; maxRetryAfterMs: number }
  /** Counted as requests are sent (for the report and the bench). */
  stats?: OsvStats
}

/** What a run asked of the database. */
export interface OsvStats {
  /** HTTP requests sent, retries included. */
  requests: number
  /** querybatch requests among them (pages included). */
  batches: number
  /** Records fetched (`GET /v1/vulns/{id}`). */
  records: number
}

/** Every queried package's vulnerabilities, by `queryKey`; a package with none maps to []. */
export type OsvAnswer = Map<string, OsvVulnerability[]>
