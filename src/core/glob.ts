import { Minimatch } from 'minimatch'
import type { Reference } from './reference.js'
import { DOCKER_HUB, canonicalRegistry, parseReference, repositoryName } from './reference.js'
import { GateError } from './errors.js'

const OPTIONS = { dot: true, nocomment: true, nonegate: true, preserveMultipleSlashes: true, noext: true } as const

/** A pattern with no `*`, `?` or `{` is compared as it is: `[::1]:5000` is a host, not a character class. */
function isLiteral(pattern: string): boolean {
  return !/[*?{]/.test(pattern)
}

/** Longest glob pattern accepted: a reference is at most a few hundred characters, a label value rarely more. */
export const GLOB_MAX_LENGTH = 4096
/** Most strings one pattern's braces may expand to: `{a,b}` written nine times is 512. */
export const GLOB_MAX_EXPANSIONS = 256

/**
 * How many patterns the braces of `pattern` expand to, counted without expanding them (capped far above any
 * limit): `{a,b}{c,d}` is 4, `{a,{b,c}}` is 3, `{1..20}` is 20. Unbalanced braces count as literal characters.
 */
export function braceExpansions(pattern: string): number {
  const CAP = 1e12
  const frames: Array<{ sum: number; cur: number }> = [{ sum: 0, cur: 1 }]
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\') {
      i++
      continue
    }
    if (c === '{') {
      const range = /^\{(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.-?\d+)?\}/.exec(pattern.slice(i, i + 64))
      if (range) {
        const a = /\d/.test(range[1]!) ? Number(range[1]) : range[1]!.charCodeAt(0)
        const b = /\d/.test(range[2]!) ? Number(range[2]) : range[2]!.charCodeAt(0)
        const top = frames[frames.length - 1]!
        top.cur = Math.min(top.cur * (Math.abs(b - a) + 1), CAP)
        i += range[0].length - 1
        continue
      }
      frames.push({ sum: 0, cur: 1 })
    } else if (c === ',' && frames.length > 1) {
      const top = frames[frames.length - 1]!
      top.sum = Math.min(top.sum + top.cur, CAP)
      top.cur = 1
    } else if (c === '}' && frames.length > 1) {
      const done = frames.pop()!
      const top = frames[frames.length - 1]!
      top.cur = Math.min(top.cur * (done.sum + done.cur), CAP)
    }
  }
  // Unclosed braces: what was counted inside them still multiplies.
  let total = 1
  for (const f of frames) total = Math.min(total * Math.max(f.sum + f.cur, 1), CAP)
  return total
}

/** Why a glob pattern is refused, or undefined: too long, or braces that expand past the bound. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.length > GLOB_MAX_LENGTH)
    return `the pattern is ${pattern.length} characters long, over the limit of ${GLOB_MAX_LENGTH}`
  const n = braceExpansions(pattern)
  if (n > GLOB_MAX_EXPANSIONS)
    return `its braces expand to ${n >= 1e12 ? 'more than 10^12' : n} patterns, over the limit of ${GLOB_MAX_EXPANSIONS}`
  return undefined
}

/** A glob pattern that is refused: the message says why and what the limit is. */
export class GlobError extends GateError {
  constructor(pattern: string, problem: string) {
    super('glob', `glob "${pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern}": ${problem}`)
  }
}

/** Compiled patterns, once each: compiling is most of a match's cost. Bounded, so that no input can grow it. */
const compiled = new Map<string, Minimatch>()
const COMPILED_MAX = 4096

function compile(pattern: string): Minimatch {
  let m = compiled.get(pattern)
  if (!m) {
    const problem = globProblem(pattern)
    if (problem) throw new GlobError(pattern, problem)
    m = new Minimatch(pattern, OPTIONS)
    if (compiled.size >= COMPILED_MAX) compiled.clear()
    compiled.set(pattern, m)
  }
  return m
}

/**
 * minimatch (`*` stops at `/`, `**` crosses it), or plain equality for patterns without wildcards. Inputs and
 * policy files are checked with `globProblem` when they are read; a pattern past the bounds throws a GlobError.
 */
export function globMatch(pattern: string, value: string): boolean {
  if (isLiteral(pattern)) return pattern === value
  return compile(pattern).match(value)
}

export interface ReferencePattern {
  /** `registry/repository` glob, normalized like a reference (`alpine` → `docker.io/library/alpine`). */
  name: string
  tag: string | undefined
  digest: string | undefined
  /** As written. */
  text: string
}

/**
 * Splits and normalizes a reference pattern: `alpine:3.*` → docker.io/library/alpine + tag `3.*`;
 * `gcr.io/distroless/**` → name only. The registry part is found as in a reference: a first component with a `.`,
 * a `:`, an uppercase letter, or `localhost` is a registry; otherwise the pattern is on Docker Hub. The registry
 * is written as references write it (`normalizeHostPattern`): `GHCR.IO:443/acme/**` is ghcr.io/acme/**.
 */
export function parseReferencePattern(text: string): ReferencePattern {
  let rest = text.trim()
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
  }
  return { name: normalizeName(rest), tag, digest, text }
}

function normalizeName(rest: string): string {
  const slash = rest.indexOf('/')
  const first = slash < 0 ? undefined : rest.slice(0, slash)
  // `**`, `*/…`, `*.example.com/…`: written against full names, whose first component is the registry.
  if (rest.startsWith('*')) return first === undefined ? rest : `${normalizeHostPattern(first)}${rest.slice(slash)}`
  let registry = DOCKER_HUB
  let path = rest
  if (first !== undefined && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)) {
    registry = normalizeHostPattern(first)
    path = rest.slice(slash + 1)
  }
  if (registry === DOCKER_HUB && !path.includes('/') && !path.startsWith('*')) path = `library/${path}`
  return `${registry}/${path}`
}

/**
 * A registry pattern (`registries`, or the registry part of an image pattern) written as references write their
 * registry, so that a pattern matches however the host was spelled on either side: a literal host is made canonical
 * (`GHCR.IO:443` → `ghcr.io`, `index.docker.io` → `docker.io`); a glob is lowercased and loses a trailing `:443`
 * (`*.Example.com:443` → `*.example.com`).
 */
export function normalizeHostPattern(pattern: string): string {
  const p = canonicalRegistry(pattern)
  return isLiteral(p) ? p : p.replace(/:443$/, '')
}

/**
 * Does the pattern match the reference? A pattern without `:tag` or `@digest` matches every tag and digest of the
 * repositories it names. `digest` is the resolved digest, matched when the pattern names one.
 */
export function matchReference(pattern: ReferencePattern | string, ref: Reference, digest?: string): boolean {
  const p = typeof pattern === 'string' ? parseReferencePattern(pattern) : pattern
  if (!globMatch(p.name, repositoryName(ref))) return false
  if (p.tag !== undefined && (ref.tag === undefined || !globMatch(p.tag, ref.tag))) return false
  if (p.digest !== undefined) {
    const d = ref.digest ?? digest
    if (d === undefined || !globMatch(p.digest, d)) return false
  }
  return true
}

/** Does an allowed base-images pattern allow a proven base? `scratch` allows no base by name. */
export function allowsBase(pattern: string, base: { name: string; digest: string }): boolean {
  if (pattern.trim() === 'scratch') return false
  try {
    return matchReference(pattern, parseReference(base.name), base.digest)
  } catch {
    return false
  }
}
