/**
 * WWW-Authenticate parsing (RFC 9110 §11.6.1): one header may carry several challenges, separated by commas,
 * and quoted values may contain commas, equals signs and escaped quotes.
 */
export interface Challenge {
  /** Lowercase scheme: `bearer`, `basic`, … */
  scheme: string
  /** Parameter names lowercased; values unquoted. */
  params: Record<string, string>
  /** A token68 credential hint, when the challenge carries one instead of parameters. */
  token68?: string
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/

export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  if (header === undefined) return []
  const headers = Array.isArray(header) ? header : [header]
  return headers.flatMap(parseOne)
}

function parseOne(s: string): Challenge[] {
  const out: Challenge[] = []
  let i = 0
  const n = s.length
  const skipWs = (): void => {
    while (i < n && (s[i] === ' ' || s[i] === '\t')) i++
  }
  const skipWsAndCommas = (): void => {
    while (i < n && (s[i] === ' ' || s[i] === '\t' || s[i] === ',')) i++
  }
  const readToken = (): string => {
    const start = i
    while (i < n && TCHAR.test(s[i]!)) i++
    return s.slice(start, i)
  }
  const readQuoted = (): string => {
    // s[i] is the opening quote
    i++
    let value = ''
    while (i < n && s[i] !== '"') {
      if (s[i] === '\\' && i + 1 < n) i++
      value += s[i]
      i++
    }
    i++ // closing quote (or end of input for an unterminated string)
    return value
  }
  /** At i: does an auth-param (`token BWS = BWS …`) start here, rather than a new challenge? */
  const paramStartsHere = (): boolean => {
    let j = i
    while (j < n && TCHAR.test(s[j]!)) j++
    if (j === i) return false
    while (j < n && (s[j] === ' ' || s[j] === '\t')) j++
    if (s[j] !== '=') return false
    // A parameter has a value: `token=` followed by `=`, a comma or the end is a token68.
    j++
    while (j < n && (s[j] === ' ' || s[j] === '\t')) j++
    return j < n && (s[j] === '"' || TCHAR.test(s[j]!)) && s[j] !== '='
  }

  while (i < n) {
    skipWsAndCommas()
    if (i >= n) break
    const scheme = readToken()
    if (scheme === '') {
      i++ // a character that starts nothing: skip it rather than loop forever
      continue
    }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} }
    out.push(challenge)
    skipWs()
    if (i >= n || s[i] === ',') {
      // a scheme with no parameters; a following comma may start either a param list or the next challenge
      if (s[i] === ',') {
        i++
        skipWs()
        if (!paramStartsHere()) continue
      } else continue
    }
    if (!paramStartsHere()) {
      // token68
      const start = i
      while (i < n && TOKEN68_CHAR.test(s[i]!)) i++
      while (i < n && s[i] === '=') i++
      const t = s.slice(start, i)
      if (t !== '') challenge.token68 = t
      continue
    }
    // auth-params until something that is not a param
    for (;;) {
      skipWs()
      if (!paramStartsHere()) break
      const name = readToken().toLowerCase()
      skipWs()
      i++ // '='
      skipWs()
      const value = s[i] === '"' ? readQuoted() : readToken()
      if (!(name in challenge.params)) challenge.params[name] = value
      skipWs()
      if (s[i] !== ',') break
      // a comma: the next param, or the next challenge
      let j = i + 1
      while (j < n && (s[j] === ' ' || s[j] === '\t' || s[j] === ',')) j++
      const save = i
      i = j
      if (!paramStartsHere()) {
        i = save
        break
      }
    }
  }
  return out
}
