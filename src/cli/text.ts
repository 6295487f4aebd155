/** The report as text for a terminal: one line per image, the findings, a verdict. Colour only when asked for. */
import { humanAge } from '../policy/duration.js'
import type { Report } from '../report/report.js'

/**
 * Colour for a stream: never with NO_COLOR set (https://no-color.org), always with FORCE_COLOR set (but `0` or
 * `false`), else only on a terminal that is not `dumb`.
 */
export function useColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  return isTTY === true && env.TERM !== 'dumb'
}

/**
 * Untrusted text (a registry's message, a label, a file path) made safe to print: control characters (escape
 * sequences that would drive the terminal) and bidirectional overrides become `?`, line breaks a space.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r?\n/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?')
}

type Paint = (s: string) => string
interface Palette {
  green: Paint
  red: Paint
  yellow: Paint
  dim: Paint
  bold: Paint
}

const sgr =
  (open: number, close: number): Paint =>
  s =>
    `\u001b[${open}m${s}\u001b[${close}m`
const COLOURS: Palette = {
  green: sgr(32, 39),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22)
}
const PLAIN: Palette = { green: s => s, red: s => s, yellow: s => s, dim: s => s, bold: s => s }

/** The oldest creation time among an image's platforms, as an age. */
function ageOf(created: Array<string | null>, now: Date): string | undefined {
  const times = created.map(c => (c === null ? NaN : Date.parse(c))).filter(t => !Number.isNaN(t))
  if (times.length === 0) return undefined
  return `created ${humanAge(Math.min(...times), now.getTime())}`
}

export function renderText(report: Report, opts: { color: boolean; now: Date }): string {
  const c = opts.color ? COLOURS : PLAIN
  const s = terminalSafe
  const out: string[] = []
  for (const img of report.images) {
    if (img.status === 'error') {
      out.push(`${c.red('✘')} ${s(img.input)}  ${c.red('not inspected')}`)
      continue
    }
    const mark = img.status === 'pass' ? c.green('✔') : c.red('✘')
    const details = [
      img.digest ? c.dim(s(img.digest)) : undefined,
      img.platforms.length > 0 ? s(img.platforms.map(p => p.platform).join(', ')) : undefined,
      ageOf(
        img.platforms.map(p => p.created),
        opts.now
      )
    ].filter((d): d is string => d !== undefined)
    out.push(`${mark} ${s(img.input)}  ${details.join('  ')}`)
  }
  if (report.findings.length > 0) {
    out.push('', c.bold(`Findings (${report.findings.length}):`))
    for (const f of report.findings) {
      const mark = f.severity === 'error' ? c.red('✘') : c.yellow('!')
      const where = f.platform && !f.message.startsWith(f.platform) ? ` (${s(f.platform)})` : ''
      const how = f.exception
        ? ` (excepted until ${s(f.exception.until)}: ${s(f.exception.reason)})`
        : f.mode === 'warn'
          ? ' (warn mode)'
          : ''
      out.push(`  ${mark} ${c.bold(s(f.rule))}  ${s(f.image)}${where}: ${s(f.message)}${how}`)
      for (const l of f.locations) out.push(`      at ${s(l.file)}:${l.line}:${l.col}`)
    }
  }
  if (report.warnings.length > 0) {
    out.push('', c.bold(`Not verified (${report.warnings.length}):`))
    for (const w of report.warnings)
      out.push(
        `  ${c.yellow('!')} ${s(w.file)}${w.line > 0 ? `:${w.line}` : ''}${w.col > 0 ? `:${w.col}` : ''}: ${s(w.message)}`
      )
  }
  const images = `${report.images.length} image${report.images.length === 1 ? '' : 's'}`
  const findings = `${report.violations} finding${report.violations === 1 ? '' : 's'}`
  const verdict =
    report.result === 'pass'
      ? c.green('pass')
      : report.failBuild
        ? c.red('fail')
        : c.yellow('fail (fail-build: false, so the exit status is 0)')
  out.push('', `image-gate: ${c.bold(verdict)}: ${images} checked, ${findings}`)
  return `${out.join('\n')}\n`
}
