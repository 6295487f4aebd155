import { minimatch } from 'minimatch'
import type { Reference } from '../registry/reference.js'
import { DOCKER_HUB, parseReference, repositoryName } from '../registry/reference.js'

const OPTIONS = { dot: true, nocomment: true, nonegate: true, preserveMultipleSlashes: true, noext: true } as const

/** A pattern with no `*`, `?` or `{` is compared as it is: `[::1]:5000` is a host, not a character class. */
function isLiteral(pattern: string): boolean {
  return !/[*?{]/.test(pattern)
}

/** minimatch (`*` stops at `/`, `**` crosses it), or plain equality for patterns without wildcards. */
export function globMatch(pattern: string, value: string): boolean {
  if (isLiteral(pattern)) return pattern === value
  return minimatch(value, pattern, OPTIONS)
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
 * a `:` or `localhost` is a registry; otherwise the pattern is on Docker Hub.
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
  if (rest.startsWith('*')) return rest // `**`, `*/…`: written against full names
  const slash = rest.indexOf('/')
  const first = slash < 0 ? undefined : rest.slice(0, slash)
  let registry = DOCKER_HUB
  let path = rest
  if (first !== undefined && (/[.:]/.test(first) || first === 'localhost')) {
    registry = first === 'index.docker.io' ? DOCKER_HUB : first
    path = rest.slice(slash + 1)
  }
  if (registry === DOCKER_HUB && !path.includes('/') && !path.startsWith('*')) path = `library/${path}`
  return `${registry}/${path}`
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
