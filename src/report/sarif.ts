import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { FindingRule, RuleName } from '../policy/findings.js'
import { RULES, RULE_TABLE } from '../policy/rules/table.js'
import { inertJson, literal } from './escape.js'
import type { Report } from './report.js'

/** The `$id` of the SARIF 2.1.0 schema that github/codeql-action/upload-sarif validates against. */
export const SARIF_SCHEMA =
  'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json'
/** The key of image-gate's own entry in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'imageGateFinding/v1'
/** Where the root of the relative URIs is: upload-sarif's `checkout_path`, the workspace by default. */
export const SRCROOT = '%SRCROOT%'

export interface SarifLocation {
  file: string
  line: number
  col: number
}

/** Where results about images that no file references (the `images` input) are placed. */
export interface SarifFallback {
  /** Repository-relative path, usually the workflow that runs image-gate. */
  file: string
  /** Its text: the result goes on the first line that names the image, else on line 1. */
  text?: string
}

export interface SarifOptions {
  toolVersion: string
  /** The README's URL (the tool's `informationUri`); each rule's help is the page of docs/ beside it that documents the rule. */
  readmeUrl: string
  /**
   * Code scanning rejects a whole upload in which any result has no location ("locationFromSarifResult: expected
   * at least one location"), so results about images that no file references need a place: see sarifFallback().
   * Without one they carry no `locations`, which is valid SARIF but not accepted by code scanning.
   */
  fallback?: SarifFallback
}

interface RuleHelp {
  short: string
  full: string
  /** The docs page, and section, that documents it. */
  doc: string
}

/** One descriptor per rule, from the rule table; `inspect` is the gate's own. */
export const RULE_HELP: Record<FindingRule, RuleHelp> = {
  ...(Object.fromEntries(RULE_TABLE.map(r => [r.name, r.help])) as Record<RuleName, RuleHelp>),
  inspect: {
    short: 'The image can be inspected',
    full: 'The image could not be checked: not found, access refused, an integrity failure, or a registry fault. The gate fails closed.',
    doc: 'docs/self-hosted-registries.md#how-it-talks-to-registries'
  },
  exceptions: {
    short: 'No policy exception has expired',
    full: 'A policy exception past its date applies no more, and is itself a finding at its line: renew it with a new date and reason, or remove it.',
    doc: 'docs/policy.md#exceptions'
  }
}

/** Rule ids in descriptor order: `ruleIndex` points into this list (extended by any other rule a report names). */
export const SARIF_RULES: string[] = [...RULES, 'inspect']

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: 'error' | 'warning' | 'note'
  message: { text: string }
  locations?: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string }
      region: { startLine: number; startColumn: number }
    }
  }>
  partialFingerprints: Record<string, string>
  properties: { image: string; reference: string | null; platform: string | null; vulnerability?: string }
}

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: Array<{
    tool: {
      driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: object[] }
    }
    columnKind: 'utf16CodeUnits'
    results: SarifResult[]
  }>
}

/** A repository-relative path as a relative URI reference: forward slashes, each segment percent-encoded. */
export function toUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map(segment => encodeURIComponent(segment))
    .join('/')
}

function fingerprint(parts: Array<string | number>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

function stripFragment(url: string): string {
  const hash = url.indexOf('#')
  return hash < 0 ? url : url.slice(0, hash)
}

/** A page of the documentation, `docs/x.md#section`, as a URL beside the README's (whose fragment and name go). */
export function docUrl(readmeUrl: string, doc: string): string {
  const readme = stripFragment(readmeUrl)
  return `${readme.slice(0, readme.lastIndexOf('/') + 1)}${doc}`
}

/** The place of an image in the fallback file: the first line that names it, else line 1. */
export function fallbackLocation(fallback: SarifFallback, image: string): SarifLocation {
  const lines = (fallback.text ?? '').split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const col = (lines[i] ?? '').indexOf(image)
    if (image !== '' && col >= 0) return { file: fallback.file, line: i + 1, col: col + 1 }
  }
  return { file: fallback.file, line: 1, col: 1 }
}

/**
 * A SARIF 2.1.0 log of the report's findings: one rule descriptor per rule, one result per finding and per place
 * the image is referenced (`locations` maps each image as written to its places), `partialFingerprints` stable per
 * rule, image, platform, file and line.
 */
export function buildSarif(report: Report, locations: Map<string, SarifLocation[]>, opts: SarifOptions): SarifLog {
  const readme = stripFragment(opts.readmeUrl)
  const ruleIds = [...SARIF_RULES]
  for (const f of report.findings) if (!ruleIds.includes(f.rule)) ruleIds.push(f.rule)
  const results: SarifResult[] = []
  for (const f of report.findings) {
    let places = locations.get(f.image) ?? []
    if (places.length === 0 && opts.fallback) places = [fallbackLocation(opts.fallback, f.image)]
    for (const r of findingResults(f, ruleIds.indexOf(f.rule), places)) results.push(r)
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'image-gate',
            version: opts.toolVersion,
            semanticVersion: opts.toolVersion,
            informationUri: readme,
            rules: ruleIds.map(id => ruleDescriptor(id, readme))
          }
        },
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
}

/** A rule's descriptor: its help from the rule table, and the page of docs/ beside the README that documents it. */
function ruleDescriptor(id: string, readme: string): object {
  const help = (RULE_HELP as Record<string, RuleHelp | undefined>)[id] ?? {
    short: `The ${id} rule`,
    full: `Findings of the ${id} rule.`,
    doc: 'docs/policy.md#rules'
  }
  const helpUri = docUrl(readme, help.doc)
  return {
    id,
    name: id,
    shortDescription: { text: help.short },
    fullDescription: { text: help.full },
    helpUri,
    help: { text: `${help.full} See ${helpUri}`, markdown: `${help.full}\n\nSee [the documentation](${helpUri}).` },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['containers', 'supply-chain'], precision: 'very-high', 'problem.severity': 'error' }
  }
}

/** The results of one finding: one per distinct place the image is referenced, or one without a place when it has none. */
function findingResults(f: Report['findings'][number], ruleIndex: number, places: SarifLocation[]): SarifResult[] {
  const where = f.platform && !f.message.startsWith(f.platform) ? ` (${f.platform})` : ''
  const base = {
    ruleId: f.rule,
    ruleIndex,
    level:
      f.severity === 'notice'
        ? ('note' as const)
        : f.severity === 'warning'
          ? ('warning' as const)
          : ('error' as const),
    message: { text: literal(`${f.image}${where}: ${f.message}`, 'sarif') },
    properties: {
      image: f.image,
      reference: f.reference,
      platform: f.platform,
      ...(f.ids ? { vulnerability: literal(f.ids[0]!, 'sarif') } : {})
    }
  }
  // One alert per vulnerability: its id keeps two vulnerabilities of one image and line apart.
  const own = f.ids ? [f.ids[0]!] : []
  if (places.length === 0)
    return [
      {
        ...base,
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([f.rule, f.image, f.platform ?? '', '', 0, ...own]) }
      }
    ]
  const results: SarifResult[] = []
  const seen = new Set<string>()
  for (const p of places) {
    const key = `${p.file}:${p.line}:${p.col}`
    if (seen.has(key)) continue
    seen.add(key)
    results.push({
      ...base,
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(p.file), uriBaseId: SRCROOT },
            region: { startLine: Math.max(1, p.line), startColumn: Math.max(1, p.col) }
          }
        }
      ],
      partialFingerprints: {
        [FINGERPRINT_KEY]: fingerprint([f.rule, f.image, f.platform ?? '', p.file, p.line, ...own])
      }
    })
  }
  return results
}

/**
 * The fallback place for results about images that no file references: the workflow file that runs image-gate
 * (from GITHUB_WORKFLOW_REF, `owner/repo/.github/workflows/x.yml@ref`), read from the workspace when it is
 * there so that the result lands on the line of the `images` input. undefined outside GitHub Actions.
 */
export function sarifFallback(workspace: string, env: NodeJS.ProcessEnv = process.env): SarifFallback | undefined {
  const m = /^[^/]+\/[^/]+\/(.+?)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')
  const file = m?.[1]
  if (!file) return undefined
  try {
    return { file, text: readFileSync(join(workspace, ...file.split('/')), 'utf8') }
  } catch {
    return { file }
  }
}

export function writeSarif(path: string, sarif: object): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, inertJson(sarif))
}
