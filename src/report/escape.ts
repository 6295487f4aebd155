/**
 * Untrusted text made inert where it is shown. Registries choose every byte of a label, a platform, an error body;
 * pull requests choose the files `files` reads. None of it may become a workflow command in the log, or markup in
 * the job summary, the pull-request comment or a SARIF message.
 */

import { redact } from '../core/secrets.js'

/**
 * The runner reads the log a line at a time (a line ends at \n, \r or \r\n) and takes a line as a command when,
 * after leading white space, it starts with `::`, or when it holds `##[` anywhere (the old form). Such lines are
 * broken visibly: `::` at the start becomes `: :`, every `##[` becomes `## [`. Other control characters (escape
 * sequences, NUL) are shown as `\xNN`. Text the action writes itself never has either form.
 */
export function inertLog(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : inertLine(part)))
    .join('')
}

/** White space as .NET's TrimStart sees it, and then some: JS white space, the C0 separators and NEL. */
// eslint-disable-next-line no-control-regex
const LEADING_SPACE = /^[\s\x1c-\x1f\x85]*/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]/g

function inertLine(line: string): string {
  return commandFree(line.replace(CONTROL, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))
}

function commandFree(line: string): string {
  const out = line.split('##[').join('## [')
  const lead = LEADING_SPACE.exec(out)![0].length
  return out.startsWith('::', lead) ? `${out.slice(0, lead)}: :${out.slice(lead + 2)}` : out
}

/**
 * `inertLog` for text whose control characters are the writer's own (a terminal's colours): only the two command
 * forms are broken. For the command line, whose output a workflow's `run:` step hands to the runner as well.
 */
export function commandFreeText(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : commandFree(part)))
    .join('')
}

/**
 * JSON printed where the runner reads it: `##[` inside a string becomes `##\u005b`, the same value to any JSON
 * parser, and no line of indented JSON starts with `::`.
 */
function commandFreeJson(json: string): string {
  return json.split('##[').join('##\\u005b')
}

/**
 * Characters JSON.stringify leaves raw that a terminal or a log viewer acts on: DEL, the C1 controls (U+0080 to
 * U+009F: CSI, OSC and the rest start escape sequences on many terminals) and the line and paragraph separators.
 */
const JSON_RAW_CONTROL = /[\x7f-\x9f\u2028\u2029]/g

/**
 * Every JSON document the gate writes (the report, SARIF, the command line's `--format json|sarif`): indented,
 * secrets scrubbed, and inert where it is printed: control characters as `\uXXXX` escapes, the same value to any
 * JSON parser, and no workflow command.
 */
export function inertJson(value: unknown): string {
  const json = redact(`${JSON.stringify(value, null, 2)}\n`)
  return commandFreeJson(json.replace(JSON_RAW_CONTROL, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
}

/** Characters that mean something to HTML or to GitHub's Markdown, as references. */
const HTML_SPECIAL: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '|': '&#124;',
  '[': '&#91;',
  ']': '&#93;',
  '!': '&#33;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '\\': '&#92;'
}

/** A zero-width space, as a reference: GitHub links `@name`, `#123` and `GH-123` only when nothing comes between. */
const ZWSP = '&#8203;'

/**
 * HTML and Markdown characters, and what GitHub turns into a notification or a cross-reference in a comment or a
 * summary even once references are decoded: `@user` and `@org/team` (an `@` after no ASCII word character, as
 * GitHub's mention filter requires, so that `name@sha256:…` stays as written and can be copied), `#123`,
 * `owner/repo#123` and `GH-123`.
 */
const HTML_LITERAL = /[&<>"'`|[\]!*_~\\]|(?<![A-Za-z0-9_])@|#(?=\d)|(?<![A-Za-z0-9_])gh-(?=\d)/gi

function htmlLiteral(c: string): string {
  if (c === '@' || c === '#') return `${c}${ZWSP}`
  if (c.length === 3) return `${c.slice(0, 2)}${ZWSP}-`
  return HTML_SPECIAL[c]!
}

/**
 * Untrusted text as literal text. `html` (the job summary and the pull-request comment, where GitHub reads HTML and
 * Markdown): every character HTML or Markdown gives a meaning to is a numeric reference, a line break is `<br>`, so
 * that no value can end the HTML block, start a link, an image, a table cell or emphasis; a zero-width space after
 * `@` and `#` keeps it from mentioning anyone or referencing an issue. `sarif` (a SARIF
 * message's `text`, which knows only embedded links `[text](id)`): `\`, `[` and `]` are escaped with `\`.
 * Control characters are shown as `\xNN` in both.
 */
export function literal(text: string, target: 'html' | 'sarif' = 'html'): string {
  // Secrets are scrubbed before escaping: once `_` or `!` is a character reference, a secret holding one no longer matches.
  const visible = redact(text).replace(CONTROL, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  if (target === 'sarif') return visible.replace(/[\\[\]]/g, c => `\\${c}`)
  return visible
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(HTML_LITERAL, htmlLiteral)
    .replace(/\n/g, '<br>')
}
