/**
 * Version order as the vulnerability database reads it, per ecosystem: an affected range (`introduced`, `fixed`,
 * `last_affected`) is only meaningful in its ecosystem's order. SemVer 2.0 (npm, Go, crates.io and every `SEMVER`
 * range), PEP 440 (PyPI), dpkg (Debian, Ubuntu), apk (Alpine, Wolfi, Chainguard); any other ecosystem is compared by
 * runs of digits and of other characters. A version one order cannot read is compared that way too.
 */

/** Negative, zero or positive, as `a` sorts before, with or after `b`. */
export type Compare = (a: string, b: string) => number

/** Two runs of decimal digits by value, however long (no precision lost past 2^53). */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=.)/, '')
  const y = b.replace(/^0+(?=.)/, '')
  if (x.length !== y.length) return x.length - y.length
  return x < y ? -1 : x > y ? 1 : 0
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0)

/** Runs of digits by value, other runs as text, a missing run first: `1.10` after `1.9`, `1.2` before `1.2.1`. */
export const compareGeneric: Compare = (a, b) => {
  const xs = a.match(/\d+|\D+/g) ?? []
  const ys = b.match(/\d+|\D+/g) ?? []
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const x = xs[i]
    const y = ys[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const dx = /^\d/.test(x)
    const dy = /^\d/.test(y)
    const c = dx && dy ? compareDigits(x, y) : dx !== dy ? (dx ? 1 : -1) : x < y ? -1 : x > y ? 1 : 0
    if (c !== 0) return sign(c)
  }
  return 0
}

const SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/

/**
 * SemVer 2.0 precedence (build metadata ignored). Lenient as the database is: a leading `v`, and a missing minor or
 * patch read as 0 (`1.21` is `1.21.0`).
 */
export const compareSemver: Compare = (a, b) => {
  const x = SEMVER.exec(a.trim())
  const y = SEMVER.exec(b.trim())
  if (!x || !y) return compareGeneric(a, b)
  for (const i of [1, 2, 3]) {
    const c = compareDigits(x[i] ?? '0', y[i] ?? '0')
    if (c !== 0) return sign(c)
  }
  const px = x[4]
  const py = y[4]
  if (px === undefined || py === undefined) return px === py ? 0 : px === undefined ? 1 : -1
  const ix = px.split('.')
  const iy = py.split('.')
  for (let i = 0; i < Math.max(ix.length, iy.length); i++) {
    const p = ix[i]
    const q = iy[i]
    if (p === undefined) return -1
    if (q === undefined) return 1
    const np = /^\d+$/.test(p)
    const nq = /^\d+$/.test(q)
    const c = np && nq ? compareDigits(p, q) : np !== nq ? (np ? -1 : 1) : p < q ? -1 : p > q ? 1 : 0
    if (c !== 0) return sign(c)
  }
  return 0
}

const PEP440 =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i

/** One part of a PEP 440 sort key: a number, or below / above every number. */
type Part = number | typeof LOW | typeof HIGH
const LOW = -Infinity
const HIGH = Infinity

interface Pep440Key {
  epoch: number
  release: string[]
  pre: [Part, Part]
  post: Part
  dev: Part
  local: string[] | undefined
}

function pep440Key(v: string): Pep440Key | undefined {
  const m = PEP440.exec(v.trim())
  if (!m) return undefined
  const release = (m[2] ?? '0').split('.')
  while (release.length > 1 && /^0+$/.test(release[release.length - 1]!)) release.pop()
  const phase = m[3]?.toLowerCase()
  const preRank = phase === undefined ? undefined : phase.startsWith('a') ? 0 : phase.startsWith('b') ? 1 : 2
  const hasPost = m[5] !== undefined || m[6] !== undefined
  const hasDev = m[8] !== undefined
  const postN = Number(m[5] ?? m[7] ?? 0)
  // As PEP 440 orders them: a dev release of a final release comes before its pre-releases.
  const pre: [Part, Part] =
    preRank !== undefined ? [preRank, Number(m[4] ?? 0)] : !hasPost && hasDev ? [LOW, LOW] : [HIGH, HIGH]
  return {
    epoch: Number(m[1] ?? 0),
    release,
    pre,
    post: hasPost ? postN : LOW,
    dev: hasDev ? Number(m[9] ?? 0) : HIGH,
    local: m[10]?.toLowerCase().split(/[-_.]/)
  }
}

/** PEP 440 (PyPI): epochs, pre-, post- and dev releases, local versions. */
export const comparePep440: Compare = (a, b) => {
  const x = pep440Key(a)
  const y = pep440Key(b)
  if (!x || !y) return compareGeneric(a, b)
  if (x.epoch !== y.epoch) return sign(x.epoch - y.epoch)
  for (let i = 0; i < Math.max(x.release.length, y.release.length); i++) {
    const c = compareDigits(x.release[i] ?? '0', y.release[i] ?? '0')
    if (c !== 0) return sign(c)
  }
  for (const [p, q] of [
    [x.pre[0], y.pre[0]],
    [x.pre[1], y.pre[1]],
    [x.post, y.post],
    [x.dev, y.dev]
  ] as const) {
    if (p !== q) return p < q ? -1 : 1
  }
  if (x.local === undefined || y.local === undefined) return x.local === y.local ? 0 : x.local === undefined ? -1 : 1
  for (let i = 0; i < Math.max(x.local.length, y.local.length); i++) {
    const p = x.local[i]
    const q = y.local[i]
    if (p === undefined) return -1
    if (q === undefined) return 1
    const np = /^\d+$/.test(p)
    const nq = /^\d+$/.test(q)
    // A numeric segment sorts after an alphanumeric one.
    const c = np && nq ? compareDigits(p, q) : np !== nq ? (np ? 1 : -1) : p < q ? -1 : p > q ? 1 : 0
    if (c !== 0) return sign(c)
  }
  return 0
}

/** dpkg's order of one character of a non-digit run: `~` before the end, the end before letters, letters first. */
function dpkgOrder(c: string | undefined): number {
  if (c === undefined || /\d/.test(c)) return 0
  if (c === '~') return -1
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0)
  return c.charCodeAt(0) + 256
}

/** dpkg's comparison of an upstream version or a revision: non-digit runs by dpkgOrder, digit runs by value. */
function verrevcmp(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    while ((i < a.length && !/\d/.test(a[i]!)) || (j < b.length && !/\d/.test(b[j]!))) {
      const c = dpkgOrder(a[i]) - dpkgOrder(b[j])
      if (c !== 0) return sign(c)
      i++
      j++
    }
    let x = ''
    let y = ''
    while (i < a.length && /\d/.test(a[i]!)) x += a[i++]
    while (j < b.length && /\d/.test(b[j]!)) y += b[j++]
    const c = compareDigits(x || '0', y || '0')
    if (c !== 0) return sign(c)
  }
  return 0
}

function dpkgParts(v: string): [string, string, string] {
  const m = /^(\d+):(.*)$/.exec(v.trim())
  const epoch = m ? m[1]! : '0'
  const rest = m ? m[2]! : v.trim()
  const dash = rest.lastIndexOf('-')
  return dash > 0 ? [epoch, rest.slice(0, dash), rest.slice(dash + 1)] : [epoch, rest, '']
}

/** Debian's version order (dpkg): epoch, upstream version, Debian revision; `~` sorts before anything. */
export const compareDpkg: Compare = (a, b) => {
  const [ea, ua, ra] = dpkgParts(a)
  const [eb, ub, rb] = dpkgParts(b)
  return sign(compareDigits(ea, eb)) || verrevcmp(ua, ub) || verrevcmp(ra, rb)
}

const APK = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:~[0-9a-f]+)?(?:-r(\d+))?$/
const APK_SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p']

/**
 * Alpine's version order (apk): dotted numbers, an optional letter, suffixes (`_alpha` … `_rc` before the release,
 * `_cvs` … `_p` after it), the `-rN` package revision.
 */
export const compareApk: Compare = (a, b) => {
  const x = APK.exec(a.trim())
  const y = APK.exec(b.trim())
  if (!x || !y) return compareGeneric(a, b)
  const nx = x[1]!.split('.')
  const ny = y[1]!.split('.')
  for (let i = 0; i < Math.max(nx.length, ny.length); i++) {
    if (nx[i] === undefined) return -1
    if (ny[i] === undefined) return 1
    const c = compareDigits(nx[i]!, ny[i]!)
    if (c !== 0) return sign(c)
  }
  if (x[2] !== y[2]) return x[2]! < y[2]! ? -1 : 1
  const sx = [...x[3]!.matchAll(/_([a-z]+)(\d*)/g)]
  const sy = [...y[3]!.matchAll(/_([a-z]+)(\d*)/g)]
  for (let i = 0; i < Math.max(sx.length, sy.length); i++) {
    const rank = (m: RegExpMatchArray | undefined): number => APK_SUFFIXES.indexOf(m?.[1] ?? '')
    const c = rank(sx[i]) - rank(sy[i]) || compareDigits(sx[i]?.[2] || '0', sy[i]?.[2] || '0')
    if (c !== 0) return sign(c)
  }
  return sign(compareDigits(x[4] ?? '0', y[4] ?? '0'))
}

const SEMVER_ECOSYSTEMS = new Set(['npm', 'Go', 'crates.io', 'Hex', 'Pub', 'SwiftURL', 'NuGet', 'Bitnami'])
const DPKG_ECOSYSTEMS = new Set(['Debian', 'Ubuntu', 'Echo'])
const APK_ECOSYSTEMS = new Set(['Alpine', 'Wolfi', 'Chainguard', 'Alpaquita', 'MinimOS'])

/**
 * The order of a range of `type` (`SEMVER`, `ECOSYSTEM`) in `ecosystem` (`PyPI`, `Debian:12`); undefined for a range
 * that does not order versions (`GIT`: commits).
 */
export function comparatorFor(type: string, ecosystem: string): Compare | undefined {
  if (type === 'SEMVER') return compareSemver
  if (type !== 'ECOSYSTEM') return undefined
  const base = ecosystem.split(':')[0] ?? ''
  if (base === 'PyPI') return comparePep440
  if (SEMVER_ECOSYSTEMS.has(base)) return compareSemver
  if (DPKG_ECOSYSTEMS.has(base)) return compareDpkg
  if (APK_ECOSYSTEMS.has(base)) return compareApk
  return compareGeneric
}
