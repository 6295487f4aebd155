/**
 * A vulnerability's severity, from its OSV record: the CVSS score of the record's vectors (computed by a maintained
 * CVSS library, never by our own arithmetic), else the database's own word, else unknown.
 */
import cvss from 'ae-cvss-calculator'
import type { Severity } from '../model/content.js'
import type { OsvRecord } from './record.js'

/** Severities from the least to the most severe. */
export const SEVERITY_ORDER: readonly Severity[] = ['unknown', 'low', 'medium', 'high', 'critical']

/** Negative, zero or positive as `a` is less, as or more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b)
}

/** A CVSS score's rating: critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0; undefined for 0 (none). */
export function severityOfScore(score: number): Severity | undefined {
  if (score >= 9) return 'critical'
  if (score >= 7) return 'high'
  if (score >= 4) return 'medium'
  if (score > 0) return 'low'
  return undefined
}

const BASE_METRICS: Record<string, readonly string[]> = {
  '3.0': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '3.1': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '4.0': ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA']
}

/**
 * The score of a CVSS 3.0, 3.1 or 4.0 vector, or undefined when it is not one: every base metric given once, with a
 * value (the library would score a partial vector 0 without a word). 3.x: the base score. 4.0: the score of the
 * vector as written without its environmental metrics: CVSS-B, or CVSS-BT when it carries threat metrics (`E`).
 */
export function cvssScore(vector: string): number | undefined {
  const parts = vector.trim().split('/')
  const version = /^CVSS:(3\.0|3\.1|4\.0)$/.exec(parts[0] ?? '')?.[1]
  if (!version || vector.length > 512) return undefined
  const metrics = new Map<string, string>()
  for (const p of parts.slice(1)) {
    const m = /^([A-Za-z]+):([A-Za-z]+)$/.exec(p)
    if (!m || metrics.has(m[1]!)) return undefined
    metrics.set(m[1]!, m[2]!)
  }
  if (BASE_METRICS[version]!.some(k => !metrics.has(k) || metrics.get(k) === 'X')) return undefined
  let scores: { base?: number; baseMetricsOnly?: number; threat?: number } | undefined
  try {
    const parsed = cvss.fromVector(vector.trim()) as {
      getVectorName(): string
      calculateScores(): typeof scores
    } | null
    if (!parsed || parsed.getVectorName() !== `CVSS:${version}`) return undefined
    scores = parsed.calculateScores()
  } catch {
    return undefined
  }
  const score = version === '4.0' ? (metrics.has('E') ? scores?.threat : scores?.baseMetricsOnly) : scores?.base
  return typeof score === 'number' && Number.isFinite(score) && score >= 0 && score <= 10 ? score : undefined
}

/** GitHub's words (`CRITICAL`, `HIGH`, `MODERATE`, `LOW`) and their usual synonyms. */
const DATABASE_WORDS: Record<string, Severity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
  // Ubuntu's lowest.
  NEGLIGIBLE: 'low'
}

export interface RecordSeverity {
  severity: Severity
  /** The CVSS score the severity was taken from. */
  score?: number
  /** Its vector. */
  vector?: string
}

/**
 * A record's severity: the highest-scoring of its `severity[]` vectors of type CVSS_V3 or CVSS_V4 (a vector that does
 * not score, or scores 0, gives none); else the highest word of its `Ubuntu` entries; else `database_specific.severity`;
 * else unknown.
 */
export function recordSeverity(record: Pick<OsvRecord, 'severity' | 'databaseSeverity'>): RecordSeverity {
  let best: RecordSeverity | undefined
  for (const entry of record.severity) {
    if (entry.type !== 'CVSS_V3' && entry.type !== 'CVSS_V4') continue
    const score = cvssScore(entry.score)
    const severity = score === undefined ? undefined : severityOfScore(score)
    if (score === undefined || severity === undefined) continue
    if (!best || score > best.score!) best = { severity, score, vector: entry.score.trim() }
  }
  if (best) return best
  // Ubuntu's records give a word as their severity entry (`{type: Ubuntu, score: medium}`), and no vector.
  const words = record.severity
    .filter(e => e.type === 'Ubuntu')
    .map(e => DATABASE_WORDS[e.score.trim().toUpperCase()])
    .filter((w): w is Severity => w !== undefined)
    .sort((a, b) => compareSeverity(b, a))
  if (words.length > 0) return { severity: words[0]! }
  const word = DATABASE_WORDS[(record.databaseSeverity ?? '').trim().toUpperCase()]
  return { severity: word ?? 'unknown' }
}
