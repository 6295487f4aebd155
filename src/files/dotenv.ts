import { interpolateCompose } from './substitute.js'

/**
 * The variables of a Compose `.env` file, as Compose reads it for interpolation: `KEY=value` lines (`export`
 * allowed), `#` comment lines, single quotes literal, double quotes with `\n`, `\t`, `\"`, `\\` escapes, an
 * unquoted value trimmed and cut at ` #`; `${VAR}` in a value (not single-quoted) takes an earlier line's value.
 * A variable whose value uses one that is not known stays unknown (undefined).
 */
export function parseDotEnv(text: string): Map<string, string | undefined> {
  const vars = new Map<string, string | undefined>()
  const lookup = (name: string) => vars.get(name)
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw)
    if (!m) continue
    const name = m[1] as string
    const rest = m[2] ?? ''
    let value: string
    let expand = true
    if (rest.startsWith("'")) {
      const close = rest.indexOf("'", 1)
      value = rest.slice(1, close < 0 ? undefined : close)
      expand = false
    } else if (rest.startsWith('"')) {
      let v = ''
      let i = 1
      for (; i < rest.length && rest[i] !== '"'; i++) {
        const c = rest[i] as string
        if (c === '\\' && i + 1 < rest.length) {
          const n = rest[++i] as string
          v +=
            n === 'n'
              ? '\n'
              : n === 't'
                ? '\t'
                : n === 'r'
                  ? '\r'
                  : n === '"' || n === '\\'
                    ? n
                    : n === '$'
                      ? '$$'
                      : `\\${n}`
        } else v += c
      }
      value = v
    } else {
      const hash = rest.search(/\s#/)
      value = (hash < 0 ? rest : rest.slice(0, hash)).trim()
    }
    if (!expand) {
      vars.set(name, value)
      continue
    }
    const e = interpolateCompose(value, lookup)
    vars.set(name, e.unresolved.length > 0 || e.unsupported.length > 0 || e.error !== undefined ? undefined : e.value)
  }
  return vars
}
