import { describe, expect, test } from '@jest/globals'
import type { Report } from '../../../src/report/report.js'
import { commandFreeText, inertJson, inertLog, literal } from '../../../src/report/escape.js'
import { clearSecrets, registerSecret } from '../../../src/core/secrets.js'
import { SUMMARY_MAX_BYTES, renderSummary } from '../../../src/report/summary.js'

/** A line the runner would take as a command: `::` after leading white space (.NET TrimStart), or `##[` anywhere. */
// eslint-disable-next-line no-control-regex
const isCommand = (line: string): boolean => /^[\s\x1c-\x1f\x85]*::/.test(line) || line.includes('##[')
const runnerLines = (text: string): string[] => text.split(/\r\n|\r|\n/)

describe('inertLog: no untrusted line starts a workflow command', () => {
  test.each([
    ['a command on its own line', 'value\n::warning::owned'],
    ['after a carriage return', 'value\r::error title=x::owned'],
    ['after CRLF', 'value\r\n::add-mask::x'],
    ['after leading spaces and tabs', 'value\n \t ::set-output name=result::pass'],
    ['after a no-break space', 'v\n\u00a0::warning::x'],
    ['after an ideographic space', 'v\n\u3000::warning::x'],
    ['after a line separator, which .NET trims', 'v\n\u2028::warning::x'],
    ['after NEL', 'v\n\u0085::warning::x'],
    ['after a C0 separator', 'v\n\u001f::warning::x'],
    ['stop-commands', '::stop-commands::pwned\n::warning::x'],
    ['the old form anywhere in a line', 'a value ##[warning]owned'],
    ['the old form after a newline', 'v\n##[set-output name=result;]pass'],
    ['nested old form', '##[##[warning]x]'],
    ['many colons', '::::::warning::x'],
    ['a line that is only the marker', '::']
  ])('%s', (_name, payload) => {
    const out = inertLog(`label: ${payload}`)
    for (const line of runnerLines(out)) expect(isCommand(line)).toBe(false)
    // The text stays readable: the words are all there.
    for (const word of payload.match(/[a-z]{3,}/g) ?? []) expect(out).toContain(word)
  })

  test('the line structure and ordinary text are kept', () => {
    expect(inertLog('✔ ghcr.io/a:1 → sha256:ab (linux/amd64)\nnext line')).toBe(
      '✔ ghcr.io/a:1 → sha256:ab (linux/amd64)\nnext line'
    )
    expect(inertLog('a::b ## [x] #[y]')).toBe('a::b ## [x] #[y]')
  })

  test('escape sequences and other control characters are shown, not sent to the terminal', () => {
    expect(inertLog('red \x1b[31mtext\x00\x7f')).toBe('red \\x1b[31mtext\\x00\\x7f')
    expect(inertLog('tab\tkept')).toBe('tab\tkept')
  })
})

describe('literal: untrusted values are literal text', () => {
  test.each([
    [
      'a blank line that would end the HTML block',
      'a\n\n[link](https://evil.example)',
      'a<br><br>&#91;link&#93;(https://evil.example)'
    ],
    ['an image', '![x](https://evil.example/x.png)', '&#33;&#91;x&#93;(https://evil.example/x.png)'],
    ['a table cell break', 'a | b', 'a &#124; b'],
    ['tags', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['an entity', '&lt;b&gt;', '&amp;lt;b&amp;gt;'],
    ['emphasis and code', '*a* _b_ `c` ~~d~~', '&#42;a&#42; &#95;b&#95; &#96;c&#96; &#126;&#126;d&#126;&#126;'],
    ['quotes', `"x" 'y'`, '&quot;x&quot; &#39;y&#39;'],
    ['a backslash escape', '\\*', '&#92;&#42;'],
    ['CR and CRLF', 'a\r\nb\rc', 'a<br>b<br>c'],
    ['a control character, shown as \\x1b', 'a\x1b[0m', 'a&#92;x1b&#91;0m'],
    // GitHub notifies a mentioned user or team and links issues, even from decoded references.
    ['a mention', '@octocat look', '@&#8203;octocat look'],
    ['a team mention', 'cc @acme/security', 'cc @&#8203;acme/security'],
    ['a mention after punctuation', '(@a),@b', '(@&#8203;a),@&#8203;b'],
    ['a mention on a new line', 'x\n@admin', 'x<br>@&#8203;admin'],
    ['a mention after a non-ASCII letter', 'é@admin', 'é@&#8203;admin'],
    ['a mention after an escaped character', '|@admin', '&#124;@&#8203;admin'],
    ['an issue reference', 'fixes #123', 'fixes #&#8203;123'],
    ['a cross-repository reference', 'acme/app#7', 'acme/app#&#8203;7'],
    ['a GH- reference', 'see GH-42 and gh-1', 'see GH&#8203;-42 and gh&#8203;-1'],
    ['a digest reference stays copyable', 'ghcr.io/acme/app@sha256:ab', 'ghcr.io/acme/app@sha256:ab'],
    ['an e-mail address is no mention', 'dev@example.com', 'dev@example.com'],
    ['a # that references nothing', '#tag and C#', '#tag and C#'],
    ['a word ending in gh', 'high-5', 'high-5']
  ])('html: %s', (_name, value, expected) => {
    expect(literal(value)).toBe(expected)
    expect(literal(value, 'html').split('<br>').join('')).not.toMatch(/[\n\r<>|[\]`*!]|&(?!(amp|lt|gt|quot|#\d+);)/)
  })

  test.each([
    ['an embedded link', '[click](https://evil.example)', '\\[click\\](https://evil.example)'],
    ['a backslash', 'a\\[b', 'a\\\\\\[b'],
    ['a control character, shown as \\x07', 'a\x07', 'a\\\\x07'],
    ['newlines are text in SARIF', 'a\nb', 'a\nb']
  ])('sarif: %s', (_name, value, expected) => {
    expect(literal(value, 'sarif')).toBe(expected)
  })
})

describe('the job summary', () => {
  const image = (i: number, label: string): Report['images'][number] => ({
    input: `ghcr.io/acme/app-${i}:1`,
    reference: `ghcr.io/acme/app-${i}:1`,
    registry: 'ghcr.io',
    repository: `acme/app-${i}`,
    tag: '1',
    digest: `sha256:${'ab'.repeat(32)}`,
    pinned: null,
    mediaType: null,
    kind: 'image',
    platforms: [
      {
        platform: 'linux/amd64',
        digest: `sha256:${'cd'.repeat(32)}`,
        mediaType: 'x',
        config: 'y',
        created: label,
        user: null,
        labels: {},
        layers: 1
      }
    ],
    attestations: 0,
    checks: { labels: 'fail' },
    status: 'fail',
    error: null
  })
  const report = (n: number, value: string): Report => ({
    version: 1,
    tool: { name: 'image-gate', version: '1.0.0' },
    result: 'fail',
    violations: n,
    failBuild: true,
    rules: ['labels'],
    images: Array.from({ length: n }, (_, i) => image(i, value)),
    findings: Array.from({ length: n }, (_, i) => ({
      rule: 'labels',
      image: `ghcr.io/acme/app-${i}:1`,
      reference: null,
      platform: 'linux/amd64',
      severity: 'error' as const,
      mode: 'enforce' as const,
      exception: null,
      message: `label x is "${value}", which does not match "y"`,
      locations: []
    })),
    warnings: [],
    registries: [{ registry: 'ghcr.io', requests: 1, tokenRequests: 0, rateLimitRemaining: '<b>9</b>\n\n[x](y)' }],
    exceptions: []
  })

  test('no value can end the HTML block or become Markdown', () => {
    const payload =
      'ok\n\n## Approved ![x](https://evil.example/x.png) [click](https://evil.example) | <script>x</script> `code` **b**'
    const s = renderSummary(report(2, payload))
    expect(s).not.toMatch(/\n\s*\n/) // one HTML block: no blank line anywhere
    for (const line of s.split('\n').filter(l => l !== '')) expect(line).toMatch(/^</)
    expect(s).not.toContain('<script>')
    expect(s).not.toContain('](')
    expect(s).not.toContain('**')
    expect(s).not.toContain('`')
    expect(s).toContain('&lt;script&gt;')
  })

  test('10,000 images stay under 1 MiB, saying how many rows and findings were left to the report', () => {
    const r = report(10_000, 'x'.repeat(40))
    const s = renderSummary(r, { reportPath: '/tmp/runner/image-gate/gate/report.json' })
    const bytes = Buffer.byteLength(s)
    expect(bytes).toBeLessThanOrEqual(SUMMARY_MAX_BYTES)
    expect(bytes).toBeGreaterThan(SUMMARY_MAX_BYTES * 0.9)
    const rows = (s.match(/<tr><td>/g) ?? []).length
    const items = (s.match(/<li>/g) ?? []).length
    expect(s).toContain(
      `${10_000 - rows} of 10000 image rows are left to the JSON report (/tmp/runner/image-gate/gate/report.json)`
    )
    expect(s).toContain(`${10_000 - items} of 10000 findings are left to the JSON report`)
    expect(s).toContain('</table>')
    expect(s.trimEnd().endsWith('</p>')).toBe(true)
  })

  test.each([100, 5_000, 20_000])('a summary cut at %d bytes keeps the bound', max => {
    const s = renderSummary(report(300, 'v'), { maxBytes: max })
    expect(Buffer.byteLength(s)).toBeLessThanOrEqual(Math.max(max, 4096))
  })

  test('a small run is whole', () => {
    const s = renderSummary(report(3, 'v'))
    expect((s.match(/<tr><td>/g) ?? []).length).toBe(3)
    expect(s).not.toContain('left to the JSON report')
  })
})

describe('command-free text and JSON, for the command line run in a workflow step', () => {
  test('text keeps its colours and breaks the two command forms', () => {
    const out = commandFreeText('\x1b[31m✘\x1b[0m a\n::warning::x\n  ::error::y ##[set-output]z')
    expect(out).toBe('\x1b[31m✘\x1b[0m a\n: :warning::x\n  : :error::y ## [set-output]z')
    for (const line of runnerLines(out)) expect(isCommand(line)).toBe(false)
  })

  test('JSON stays the same value, with no ##[ in any line', () => {
    const value = { message: 'label is "##[add-mask]x" and\n::warning::y', list: ['##[', '::'] }
    const json = inertJson(value)
    expect(JSON.parse(json)).toEqual(value)
    for (const line of runnerLines(json)) expect(isCommand(line)).toBe(false)
  })

  // JSON.stringify escapes C0 controls but leaves DEL, the C1 controls and U+2028/U+2029 raw: a terminal reading
  // the command line's --format json would act on CSI (U+009B) or OSC (U+009D) from a registry's label.
  test.each([
    ['CSI, which starts an escape sequence', 'a\u009b31mred'],
    ['OSC, which sets a window title or a link', 'a\u009d8;;https://x.example\u009c'],
    ['NEL', 'a\u0085b'],
    ['the first C1 control', '\u0080'],
    ['the last C1 control', '\u009f'],
    ['DEL', 'a\u007fb'],
    ['the line separator', 'a\u2028::warning::x'],
    ['the paragraph separator', 'a\u2029b'],
    ['every one of them at once', Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)).join('')]
  ])('JSON holds no raw %s, and parses to the same value', (_name, text) => {
    const value = { label: text, nested: [{ key: text }] }
    const json = inertJson(value)
    // eslint-disable-next-line no-control-regex
    expect(json).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]/)
    expect(JSON.parse(json)).toEqual(value)
    for (const line of runnerLines(json)) expect(isCommand(line)).toBe(false)
  })

  test('JSON keeps printable text outside ASCII as it is', () => {
    const value = { label: 'café ✓ 日本 \u00a0 \u00ff' }
    expect(inertJson(value)).toContain('café ✓ 日本 \u00a0 \u00ff')
  })
})

describe('secrets', () => {
  test('a secret is scrubbed before it is escaped, so one that holds Markdown characters is still found', () => {
    registerSecret('p_ss!w*rd')
    try {
      expect(literal('token p_ss!w*rd here')).toBe('token &#42;&#42;&#42; here')
      expect(literal('token p_ss!w*rd here', 'sarif')).toBe('token *** here')
    } finally {
      clearSecrets()
    }
  })
})
