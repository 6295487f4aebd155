/**
 * Renders HTML the gate writes (the job summary, the pull-request comment) in Debian's headless Chromium, inside a
 * page styled as GitHub styles rendered Markdown (its markdown-body rules for text, tables and code), at a width a
 * reviewer's browser gives it, and measures what a reviewer would see: whether anything scrolls sideways.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const CHROMIUM = '/usr/bin/chromium'

/** GitHub's markdown-body rules that decide widths: a table is a block that scrolls itself when too wide. */
const GITHUB_CSS = `
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; padding: 16px; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  font-size: 14px; line-height: 1.5; word-wrap: break-word; color: #1f2328; }
.markdown-body table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; margin: 0 0 16px; }
.markdown-body table th { font-weight: 600; }
.markdown-body table th, .markdown-body table td { padding: 6px 13px; border: 1px solid #d0d7de; }
.markdown-body code { padding: .2em .4em; font-size: 85%; white-space: break-spaces; background: rgba(175,184,193,.2); border-radius: 6px;
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
.markdown-body details { margin: 0 0 8px; }
`

export interface Rendering {
  /** The rendered page's width, and how wide its content is (wider: the page scrolls sideways). */
  page: { clientWidth: number; scrollWidth: number }
  /** Every table: how wide it shows and how wide its content is (wider: the table scrolls sideways). */
  tables: Array<{ clientWidth: number; scrollWidth: number; firstHeader: string; columns: number }>
}

/**
 * Renders `html` at `width` CSS pixels with every <details> open (the widest the page can be), and returns the
 * measurements; with `screenshot`, also writes a PNG of the page there.
 */
export async function renderHtml(html: string, width: number, screenshot?: string): Promise<Rendering> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: npm test installs Debian's chromium package`)
  const dir = mkdtempSync(join(tmpdir(), 'image-gate-render-'))
  try {
    const measure = `<script>
      for (const d of document.querySelectorAll('details')) d.open = true
      const body = document.querySelector('.markdown-body')
      const tables = [...body.querySelectorAll('table')].map(t => ({ clientWidth: t.clientWidth, scrollWidth: t.scrollWidth,
        firstHeader: (t.querySelector('th') || {}).textContent || '', columns: (t.querySelector('tr') || { children: [] }).children.length }))
      const out = document.createElement('pre'); out.id = 'measure'; out.style.display = 'none'
      out.textContent = JSON.stringify({ page: { clientWidth: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth }, tables })
      document.body.appendChild(out)
    </script>`
    const page = join(dir, 'page.html')
    writeFileSync(
      page,
      `<!doctype html><meta charset="utf-8"><style>${GITHUB_CSS}</style><div class="markdown-body" style="width:${width}px">${html}</div>${measure}`
    )
    const common = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--window-size=${width},2000`,
      '--hide-scrollbars'
    ]
    const dom = await chromium([...common, '--dump-dom', `file://${page}`])
    const m = /<pre id="measure"[^>]*>([^<]*)<\/pre>/.exec(dom)
    if (!m) throw new Error(`chromium rendered no measurements: ${dom.slice(0, 300)}`)
    if (screenshot) await chromium([...common, `--screenshot=${screenshot}`, `file://${page}`])
    return JSON.parse(
      m[1]!
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
    ) as Rendering
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function chromium(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('close', code => {
      clearTimeout(timer)
      if (code === 0) resolve(out)
      else reject(new Error(`chromium exited ${code}: ${err.slice(-500)}`))
    })
  })
}
