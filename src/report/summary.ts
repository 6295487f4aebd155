import type { Report } from './report.js'
import { shortDigest } from '../oci/digest.js'

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function createdCell(created: Array<string | null>): string {
  const short = (c: string): string => c.replace(/:\d\d(\.\d+)?Z$/, 'Z').replace('T', ' ')
  const values = [...new Set(created.filter((c): c is string => c !== null).map(short))].sort()
  if (values.length === 0) return '—'
  return values.length === 1 ? values[0]! : `${values[0]!} … ${values[values.length - 1]!}`
}

function baseCell(p: Report['images'][number]['platforms'][number]): string {
  if (p.baseClaim && p.baseClaim.status !== 'verified') return `${escapeHtml(p.platform)}: claim ${escapeHtml(p.baseClaim.name)} ${escapeHtml(p.baseClaim.status)}`
  if (p.base) return `${escapeHtml(p.platform)}: <code>${escapeHtml(p.base.name)}@${escapeHtml(shortDigest(p.base.digest))}</code>`
  if (p.base === null) return `${escapeHtml(p.platform)}: none proven`
  return ''
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
    else if (pin.status === 'moved' && pin.current) lines.push(`pin: ${escapeHtml(pin.tag ?? '')} → <code>${escapeHtml(shortDigest(pin.current))}</code>${day(pin.currentCreated)}`)
    else lines.push(`pin: ${escapeHtml(pin.tag ?? '')} unresolved`)
  }
  for (const p of img.platforms) {
    const c = p.baseCurrent
    if (!c || c.status === 'none') continue
    const tag = escapeHtml(c.tag ?? 'base')
    if (c.status === 'current') lines.push(`${escapeHtml(p.platform)}: ${tag} ✔`)
    else if (c.status === 'outdated') lines.push(`${escapeHtml(p.platform)}: ${tag} → <code>${escapeHtml(shortDigest(c.current ?? ''))}</code>${day(c.currentCreated)}`)
    else lines.push(`${escapeHtml(p.platform)}: base tag unknown`)
  }
  return lines.length > 0 ? lines.join('<br>') : '—'
}

/** The job summary as HTML/Markdown: one table row per image, then the findings. Built once, written once. */
export function renderSummary(report: Report): string {
  const out: string[] = []
  const verdict = report.result === 'pass' ? '✅ pass' : report.failBuild ? '❌ fail' : '⚠️ fail (fail-build: false)'
  out.push(`<h2>image-gate: ${verdict}</h2>`)
  out.push(`<p>${report.images.length} image${report.images.length === 1 ? '' : 's'} checked, ${report.violations} finding${report.violations === 1 ? '' : 's'}.</p>`)
  out.push('<table>')
  const ruleHeads = report.rules.map(r => `<th>${escapeHtml(r)}</th>`).join('')
  const showBase = report.rules.includes('base-images')
  const showCurrent = report.rules.includes('base-current') || report.rules.includes('pins-current')
  out.push(
    `<tr><th>Image</th><th>Digest</th><th>Platforms</th><th>Created</th>${showBase ? '<th>Base</th>' : ''}${showCurrent ? '<th>Tags now</th>' : ''}${ruleHeads}<th>Verdict</th></tr>`
  )
  for (const img of report.images) {
    const digest = img.digest ? `<code>${escapeHtml(shortDigest(img.digest))}</code>` : '—'
    const platforms = img.platforms.length > 0 ? img.platforms.map(p => escapeHtml(p.platform)).join('<br>') : '—'
    const created = createdCell(img.platforms.map(p => p.created))
    const checks = report.rules
      .map(r => `<td>${img.status === 'error' ? '—' : img.checks[r] === 'pass' ? '✔' : img.checks[r] === 'fail' ? '✘' : ''}</td>`)
      .join('')
    const base = showBase ? `<td>${img.platforms.length > 0 ? img.platforms.map(baseCell).join('<br>') : '—'}</td>` : ''
    const current = showCurrent ? `<td>${currentCell(img)}</td>` : ''
    const status = img.status === 'pass' ? '✔ pass' : img.status === 'fail' ? '✘ fail' : '✘ not inspected'
    out.push(
      `<tr><td><code>${escapeHtml(img.input)}</code></td><td>${digest}</td><td>${platforms}</td><td>${escapeHtml(created)}</td>${base}${current}${checks}<td>${status}</td></tr>`
    )
  }
  out.push('</table>')
  if (report.findings.length > 0) {
    out.push('<h3>Findings</h3>')
    out.push('<ul>')
    for (const f of report.findings) {
      const where = f.platform ? ` (${escapeHtml(f.platform)})` : ''
      out.push(`<li><b>${escapeHtml(f.rule)}</b> <code>${escapeHtml(f.image)}</code>${where}: ${escapeHtml(f.message)}</li>`)
    }
    out.push('</ul>')
  }
  const limits = report.registries.filter(r => r.rateLimitRemaining !== null)
  if (limits.length > 0) {
    out.push(`<p>Pull limit remaining: ${limits.map(r => `${escapeHtml(r.registry)} ${escapeHtml(r.rateLimitRemaining!)}`).join(', ')}</p>`)
  }
  return `${out.join('\n')}\n`
}
