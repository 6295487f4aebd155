import type { Report } from './report.js'
import { shortDigest } from '../core/digest.js'
import { humanAge } from '../policy/duration.js'
import { literal } from './escape.js'
import { formatCounts } from './vulnerabilities.js'

/** Untrusted text as literal text in the summary's HTML: see `literal`. */
export function escapeHtml(s: string): string {
  return literal(s, 'html')
}

/**
 * GitHub refuses a job summary over 1 MiB per step (and then shows none of it): the summary is kept under this
 * many bytes, with room to spare for the lines that say what was left out.
 */
export const SUMMARY_MAX_BYTES = 1_000_000

export interface SummaryOptions {
  /** Largest summary, in UTF-8 bytes. */
  maxBytes?: number
  /** Where the full report is, to say so when rows were left out. */
  reportPath?: string
  /** Where what was left out can be read instead (HTML the gate writes): default, the JSON report at reportPath. */
  leftTo?: string
  /** Why rows were left out: default, the job summary's limit. */
  tooLong?: string
  /** The time of the run: created times are shown with their age (`2024-01-02 03:04Z, 1y 2mo ago`). */
  now?: Date
  /** Each image's folded details (base, tags now, signers, rule by rule); default true. */
  details?: boolean
}

function createdCell(created: Array<string | null>, now: Date | undefined): string {
  const short = (c: string): string => c.replace(/:\d\d(\.\d+)?Z$/, 'Z').replace('T', ' ')
  const known = created.filter((c): c is string => c !== null)
  const values = [...new Set(known.map(short))].sort()
  if (values.length === 0) return '—'
  const cell = values.length === 1 ? values[0]! : `${values[0]!} … ${values[values.length - 1]!}`
  const times = known.map(c => Date.parse(c)).filter(t => !Number.isNaN(t))
  // The oldest platform's age: the one max-age judges first.
  return now && times.length > 0 ? `${cell}, ${humanAge(Math.min(...times), now.getTime())}` : cell
}

function baseCell(p: Report['images'][number]['platforms'][number]): string {
  if (p.baseClaim && p.baseClaim.status !== 'verified')
    return `${escapeHtml(p.platform)}: claim ${escapeHtml(p.baseClaim.name)} ${escapeHtml(p.baseClaim.status)}`
  if (p.base)
    return `${escapeHtml(p.platform)}: <code>${escapeHtml(p.base.name)}@${escapeHtml(shortDigest(p.base.digest))}</code>`
  if (p.base === null) return `${escapeHtml(p.platform)}: none proven`
  return ''
}

/** `linux/amd64: SPDX-2.3, 412 packages, in the index, signed`, or `none`. */
function sbomCell(p: Report['images'][number]['platforms'][number]): string {
  const s = p.sbom
  if (!s) return `${escapeHtml(p.platform)}: none`
  const where = s.source === 'in-index' ? 'in the index' : 'attestation'
  const version = s.format === 'spdx' ? s.formatVersion : `CycloneDX ${s.formatVersion}`
  return `${escapeHtml(p.platform)}: ${escapeHtml(version)}, ${s.packages} package${s.packages === 1 ? '' : 's'}, ${where}, ${s.signed ? 'signed' : 'unsigned'}`
}

function day(created: string | null): string {
  return created ? ` (created ${escapeHtml(created.slice(0, 10))})` : ''
}

/** What the tags behind a pin and behind each base point to now. */
function currentCell(img: Report['images'][number]): string {
  const lines: string[] = []
  const pin = img.pin
  if (pin) {
    if (pin.status === 'current') lines.push(`pin: ${escapeHtml(pin.tag ?? '')} ✔`)
    else if (pin.status === 'moved' && pin.current)
      lines.push(
        `pin: ${escapeHtml(pin.tag ?? '')} → <code>${escapeHtml(shortDigest(pin.current))}</code>${day(pin.currentCreated)}`
      )
    else lines.push(`pin: ${escapeHtml(pin.tag ?? '')} unresolved`)
  }
  for (const p of img.platforms) {
    const c = p.baseCurrent
    if (!c || c.status === 'none') continue
    const tag = escapeHtml(c.tag ?? 'base')
    if (c.status === 'current') lines.push(`${escapeHtml(p.platform)}: ${tag} ✔`)
    else if (c.status === 'outdated')
      lines.push(
        `${escapeHtml(p.platform)}: ${tag} → <code>${escapeHtml(shortDigest(c.current ?? ''))}</code>${day(c.currentCreated)}`
      )
    else lines.push(`${escapeHtml(p.platform)}: base tag unknown`)
  }
  return lines.length > 0 ? lines.join('<br>') : '—'
}

/** Who signed what covers each digest looked at: verified signatures whose payload names that digest. */
function signerCell(img: Report['images'][number]): string {
  if (!img.trust) return '—'
  const lines: string[] = []
  for (const t of img.trust.digests) {
    const who = new Set<string>()
    for (const sig of t.signatures) {
      if (!sig.verified || !sig.covers.includes(t.digest) || !sig.signer) continue
      const s = sig.signer
      const what = sig.predicateType ? ` (${sig.predicateType.replace(/^https:\/\//, '')})` : ''
      who.add(
        s.kind === 'key'
          ? `key <code>${escapeHtml(s.fingerprint.slice(0, 19))}…</code>${escapeHtml(what)}`
          : s.kind === 'notation'
            ? `Notation ${escapeHtml(s.subject)} (trust policy ${escapeHtml(s.policy)})`
            : `${escapeHtml(s.identity)}${escapeHtml(what)}`
      )
    }
    const label = t.platform ? `${escapeHtml(t.platform)}: ` : ''
    const text = who.size > 0 ? [...who].join(', ') : t.error || t.unread ? 'could not check' : 'no accepted signature'
    lines.push(`${label}${text}`)
  }
  for (const c of img.trust.claims.slice(0, 2))
    lines.push(`unsigned claim: ${escapeHtml(c.builder ?? c.source ?? c.predicateType)}`)
  return lines.join('<br>')
}

/** Digests in a message, shortened to 12 hex characters as the table shows them: the report keeps them whole. */
export function shortDigests(text: string): string {
  return text.replace(/\b(sha256|sha384|sha512):([0-9a-f]{12})[0-9a-f]{20,116}\b/g, '$1:$2')
}

/** The rules an image failed, by name: the one column that says why a row is red. */
function failedCell(img: Report['images'][number], rules: string[]): string {
  if (img.status === 'error') return 'not inspected'
  const failed = rules.filter(r => img.checks[r] === 'fail')
  return failed.length > 0 ? failed.map(r => escapeHtml(r)).join(', ') : '—'
}

/** The facts of one image a reviewer opens when the row is not enough: base, tags now, signers, rule by rule. */
function detailsBlock(
  img: Report['images'][number],
  rules: string[],
  show: { base: boolean; current: boolean; signer: boolean; sbom: boolean }
): string {
  // An image that could not be inspected has no facts: its finding says why.
  if (img.status === 'error') return ''
  const rows: string[] = []
  if (show.base && img.platforms.length > 0)
    rows.push(`<tr><th>Base</th><td>${img.platforms.map(baseCell).join('<br>')}</td></tr>`)
  if (show.current) rows.push(`<tr><th>Tags now</th><td>${currentCell(img)}</td></tr>`)
  if (show.signer) rows.push(`<tr><th>Signed by</th><td>${signerCell(img)}</td></tr>`)
  if (show.sbom && img.platforms.length > 0)
    rows.push(`<tr><th>SBOM</th><td>${img.platforms.map(sbomCell).join('<br>')}</td></tr>`)
  if (rules.length > 0) {
    const mark = (c: string | undefined): string => (c === 'fail' ? '✘' : c === 'pass' ? '✔' : c === 'warn' ? '⚠' : '–')
    const checks = rules.map(r => `${escapeHtml(r)} ${mark(img.checks[r])}`).join(' · ')
    rows.push(`<tr><th>Rules</th><td>${checks}</td></tr>`)
  }
  if (rows.length === 0) return ''
  const mark = img.status === 'pass' ? '✔' : '✘'
  return `<details><summary>${mark} <code>${escapeHtml(img.input)}</code></summary><table>${rows.join('')}</table></details>`
}

/**
 * The summary's lines as they are written, and their size: `fits` says whether one more line leaves room for what
 * must close the summary.
 */
interface SummaryLines {
  push(line: string): void
  fits(line: string): boolean
  lines(): string[]
}

function summaryLines(maxBytes: number, reserve: number): SummaryLines {
  const out: string[] = []
  let bytes = 0
  return {
    push: line => {
      out.push(line)
      bytes += Buffer.byteLength(line) + 1
    },
    fits: line => bytes + Buffer.byteLength(line) + 1 + reserve <= maxBytes,
    lines: () => out
  }
}

/** Where what is left out is, and why it was: the end of each "left out" note. */
interface LeftOut {
  leftTo: string
  tooLong: string
}

/**
 * The job summary as HTML/Markdown, read at a glance: the verdict first, then one row per image (its verdict, name,
 * digest, the rules it failed, platforms, created), each image's details folded below, then the findings. Built
 * once, written once. Every value from a registry, a file or an input goes through `escapeHtml`; digests in messages
 * are shortened. Past `maxBytes`, rows and findings are left out and the summary says how many, and where they are.
 */
export function renderSummary(report: Report, opts: SummaryOptions = {}): string {
  // Room kept for the closing tags, the notes on what was left out and the pull-limit line.
  const out = summaryLines(opts.maxBytes ?? SUMMARY_MAX_BYTES, 2048 + report.registries.length * 300)
  const left: LeftOut = {
    leftTo: opts.leftTo ?? `the JSON report${opts.reportPath ? ` (${escapeHtml(opts.reportPath)})` : ''}`,
    tooLong: opts.tooLong ?? 'GitHub shows no job summary over 1 MiB'
  }
  const verdict = report.result === 'pass' ? '✅ pass' : report.failBuild ? '❌ fail' : '⚠️ fail (fail-build: false)'
  out.push(`<h2>image-gate: ${verdict}</h2>`)
  const rulesText = report.rules.length > 0 ? ` Rules: ${report.rules.map(r => escapeHtml(r)).join(', ')}.` : ''
  out.push(
    `<p>${report.images.length} image${report.images.length === 1 ? '' : 's'} checked, ${report.violations} finding${report.violations === 1 ? '' : 's'}.${rulesText}</p>`
  )
  const rows = imageTable(out, report, opts.now, left)
  if (opts.details !== false) imageDetails(out, report, rows)
  if (report.findings.length > 0) findingsList(out, report.findings, left)
  if (report.warnings.length > 0) fileWarningsList(out, report.warnings, left)
  const limits = report.registries.filter(r => r.rateLimitRemaining !== null)
  if (limits.length > 0) {
    out.push(
      `<p>Pull limit remaining: ${limits.map(r => `${escapeHtml(r.registry)} ${escapeHtml(r.rateLimitRemaining!.slice(0, 64))}`).join(', ')}</p>`
    )
  }
  return `${out.lines().join('\n')}\n`
}

/** One row per image, as many as fit; returns how many did. */
function imageTable(out: SummaryLines, report: Report, now: Date | undefined, left: LeftOut): number {
  out.push('<table>')
  // One column for what images contain, when a vulnerabilities rule is on: distinct vulnerabilities by severity.
  const vulns = report.rules.includes('vulnerabilities')
  out.push(
    `<tr><th>Verdict</th><th>Image</th><th>Digest</th><th>Failed</th>${vulns ? '<th>Vulns</th>' : ''}<th>Platforms</th><th>Created</th></tr>`
  )
  let rows = 0
  for (const img of report.images) {
    const digest = img.digest ? `<code>${escapeHtml(shortDigest(img.digest))}</code>` : '—'
    const platforms = img.platforms.length > 0 ? img.platforms.map(p => escapeHtml(p.platform)).join('<br>') : '—'
    const created = createdCell(
      img.platforms.map(p => p.created),
      now
    )
    const status = img.status === 'pass' ? '✔ pass' : img.status === 'fail' ? '✘ fail' : '✘ error'
    const row = `<tr><td>${status}</td><td><code>${escapeHtml(img.input)}</code></td><td>${digest}</td><td>${failedCell(img, report.rules)}</td>${vulns ? `<td>${vulnsCell(img)}</td>` : ''}<td>${platforms}</td><td>${escapeHtml(created)}</td></tr>`
    if (!out.fits(row)) break
    out.push(row)
    rows++
  }
  out.push('</table>')
  if (rows < report.images.length) {
    out.push(
      `<p>${report.images.length - rows} of ${report.images.length} image rows are left to ${left.leftTo}: ${escapeHtml(left.tooLong)}.</p>`
    )
  }
  return rows
}

/** `2C 5H 11M`; `—` when the rule did not apply or a platform could not be checked (its finding says why). */
function vulnsCell(img: Report['images'][number]): string {
  return img.vulnerabilityCounts ? escapeHtml(formatCounts(img.vulnerabilityCounts)) : '—'
}

/** The folded details of the first `rows` images (those the table shows), as many as fit. */
function imageDetails(out: SummaryLines, report: Report, rows: number): void {
  const show = {
    base: report.rules.includes('base-images'),
    current: report.rules.includes('base-current') || report.rules.includes('pins-current'),
    signer: report.rules.some(r => r === 'signature' || r === 'provenance' || r === 'attestations'),
    sbom: report.rules.some(r => r === 'sbom' || r === 'licenses')
  }
  for (const img of report.images.slice(0, rows)) {
    const block = detailsBlock(img, report.rules, show)
    if (block === '') continue
    if (!out.fits(block)) break
    out.push(block)
  }
}

function findingsList(out: SummaryLines, findings: Report['findings'], left: LeftOut): void {
  out.push('<h3>Findings</h3>')
  out.push('<ul>')
  let shown = 0
  for (const f of findings) {
    const at = f.platform ? ` (${escapeHtml(f.platform)})` : ''
    const how = f.exception
      ? ` <i>(excepted until ${escapeHtml(f.exception.until)}: ${escapeHtml(f.exception.reason)})</i>`
      : f.severity === 'warning' && f.mode === 'warn'
        ? ' <i>(warn mode)</i>'
        : ''
    const item = `<li><b>${escapeHtml(f.rule)}</b> <code>${escapeHtml(f.image)}</code>${at}: ${escapeHtml(shortDigests(f.message))}${how}</li>`
    if (!out.fits(item)) break
    out.push(item)
    shown++
  }
  out.push('</ul>')
  if (shown < findings.length) {
    out.push(
      `<p>${findings.length - shown} of ${findings.length} findings are left to ${left.leftTo} and the annotations: ${escapeHtml(left.tooLong)}.</p>`
    )
  }
}

/** Every reference in files that is not verified, and every note: the annotations show only ten of a kind. */
function fileWarningsList(out: SummaryLines, warnings: Report['warnings'], left: LeftOut): void {
  out.push(`<h3>In files, not verified (${warnings.length})</h3>`)
  out.push('<ul>')
  let shown = 0
  for (const w of warnings) {
    const at = w.line > 0 ? `${w.file}:${w.line}` : w.file
    const item = `<li><code>${escapeHtml(at)}</code>${w.level === 'notice' ? ' (note)' : ''}: ${escapeHtml(shortDigests(w.message))}</li>`
    if (!out.fits(item)) break
    out.push(item)
    shown++
  }
  out.push('</ul>')
  if (shown < warnings.length)
    out.push(
      `<p>${warnings.length - shown} of ${warnings.length} are left to ${left.leftTo}: ${escapeHtml(left.tooLong)}.</p>`
    )
}
