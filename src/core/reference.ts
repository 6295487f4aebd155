import { digestProblem } from './digest.js'
import { GateError } from './errors.js'

/**
 * A normalized image reference, following distribution/reference: `registry/repository[:tag][@digest]`.
 * `tag` is `latest` when neither a tag nor a digest was written; `registry` is canonical (`canonicalRegistry`).
 */
export interface Reference {
  registry: string
  repository: string
  tag?: string
  digest?: string
}

export const DOCKER_HUB = 'docker.io'
/** Docker Hub's API lives on another host than its name. */
export const DOCKER_HUB_API = 'registry-1.docker.io'
/** Other names of Docker Hub that people and config.json write: all of them are `docker.io`. */
const DOCKER_HUB_ALIASES = new Set(['index.docker.io', DOCKER_HUB_API, 'registry.hub.docker.com'])
/** The key docker login writes for Docker Hub in config.json. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/'

const ALNUM = '[a-z0-9]+'
const SEPARATOR = '(?:[._]|__|-+)'
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`)
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`
const DOMAIN = new RegExp(`^${HOST}(?::[0-9]+)?$`)
const TAG = /^[\w][\w.-]{0,127}$/
const HEX64 = /^[a-f0-9]{64}$/
const MAX_NAME = 255

export class InvalidReference extends GateError {
  readonly input: string
  constructor(input: string, why: string) {
    super('reference', `"${input}" is not a valid image reference: ${why}`)
    this.input = input
  }
}

/** Parses and normalizes a reference the way docker and skopeo do; throws InvalidReference. */
export function parseReference(input: string): Reference {
  const text = input.trim()
  if (text === '') throw new InvalidReference(input, 'it is empty')
  if (/\s/.test(text)) throw new InvalidReference(input, 'it contains white space')
  if (text.includes('://')) throw new InvalidReference(input, 'write it without a scheme (no docker:// or https://)')

  let rest = text
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    const problem = digestProblem(digest)
    if (problem) throw new InvalidReference(input, `bad digest "${digest}": ${problem}`)
  }

  // A tag follows the last ':' that comes after the last '/' (a ':' before it belongs to a port).
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) {
      throw new InvalidReference(
        input,
        `bad tag "${tag}": a tag is 1 to 128 of letters, digits, _ . - and does not start with . or -`
      )
    }
  }
  if (rest === '') throw new InvalidReference(input, 'it has no repository name')
  if (HEX64.test(rest))
    throw new InvalidReference(input, 'a 64-character hex string is an image ID, not a repository name')

  let registry: string
  let repository: string
  const slash = rest.indexOf('/')
  const first = slash < 0 ? '' : rest.slice(0, slash)
  if (slash < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    registry = DOCKER_HUB
    repository = rest
  } else {
    repository = rest.slice(slash + 1)
    if (!DOMAIN.test(first)) throw new InvalidReference(input, `bad registry "${first}"`)
    registry = canonicalRegistry(first)
  }
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`

  if (repository.toLowerCase() !== repository) {
    throw new InvalidReference(input, `the repository "${repository}" must be lowercase`)
  }
  if (!REPOSITORY.test(repository)) {
    throw new InvalidReference(
      input,
      `bad repository "${repository}": path components are lowercase letters and digits, joined by one . or _, two _, or dashes`
    )
  }
  // distribution/reference limits the repository path (docker.io's library/ included), not registry + path.
  if (repository.length > MAX_NAME) {
    throw new InvalidReference(input, `the repository path is longer than ${MAX_NAME} characters`)
  }

  const ref: Reference = { registry, repository }
  if (tag !== undefined) ref.tag = tag
  if (digest !== undefined) ref.digest = digest
  if (tag === undefined && digest === undefined) ref.tag = 'latest'
  return ref
}

/**
 * A repository named alone, `registry/repository` (`ghcr.io/acme/signatures`, as cosign's COSIGN_REPOSITORY): no
 * tag, no digest. Throws InvalidReference.
 */
export function parseRepositoryName(input: string): { registry: string; repository: string } {
  const text = input.trim()
  const ref = parseReference(text)
  if (ref.digest !== undefined || text.lastIndexOf(':') > text.lastIndexOf('/'))
    throw new InvalidReference(
      input,
      'it names a tag or a digest; name the repository alone, like ghcr.io/acme/signatures'
    )
  return { registry: ref.registry, repository: ref.repository }
}

/**
 * The one name of a registry host, so that every rule, pattern, credential lookup and report sees the same string
 * however the host was written: lowercase (host names and IPv6 literals are case-insensitive), in the form the
 * request's URL takes (`[0:0::1]` → `[::1]`, `127.1` → `127.0.0.1`, `:05000` → `:5000`), `:443` dropped, and Docker
 * Hub's other names (`index.docker.io`, `registry-1.docker.io`, `registry.hub.docker.com`) as `docker.io`.
 *
 * `:443` goes because a registry is always asked over HTTPS first, and `https://host:443` is `https://host`. `:80`
 * stays: `host:80` is asked at `https://host:80`, `host` at `https://host` (port 443), another server; and an
 * insecure or loopback registry falls back to plain HTTP only when HTTPS cannot be spoken on the port it was asked
 * on, so the two never reach the same server in the same way. (`host:443` and `host` differ only in that fallback,
 * for a server speaking plain HTTP on port 443: the canonical `host` falls back to port 80, as docker does for `host`.)
 *
 * A one-label name with no port (`Foo`) is the exception: it is written in uppercase (`FOO`), below.
 *
 * Anything that is not a `host[:port]` (a glob, a URL) is only lowercased. Idempotent.
 */
export function canonicalRegistry(registry: string): string {
  let host = registry.trim().toLowerCase()
  if (DOMAIN.test(host)) {
    try {
      // The URL parser is what the request goes through: its host is where the request goes.
      host = new URL(`https://${host}`).host
    } catch {
      // A name the URL parser refuses (`1.2.3.4.5`) is kept as written: no request can reach it, and it fails there.
    }
  }
  if (DOCKER_HUB_ALIASES.has(host)) return DOCKER_HUB
  // A one-label name with no port reads as a registry only while it has an uppercase letter (`Foo/app` is on host
  // Foo, `foo/app` on Docker Hub): it is written in uppercase, so that the canonical reference still names that host.
  if (/^[a-z0-9-]*[a-z][a-z0-9-]*$/.test(host) && host !== 'localhost') return host.toUpperCase()
  return host
}

/**
 * A registry as config.json keys and inputs write it, canonical: `https://index.docker.io/v1/` → `docker.io`;
 * `https://ghcr.io` → `ghcr.io`; `HOST:5000/path` → `host:5000`.
 */
export function normalizeRegistryName(value: string): string {
  let v = value.trim().replace(/^[a-z]+:\/\//i, '')
  const slash = v.indexOf('/')
  if (slash >= 0) v = v.slice(0, slash)
  return canonicalRegistry(v)
}

/** `registry/repository` */
export function repositoryName(ref: Pick<Reference, 'registry' | 'repository'>): string {
  return `${ref.registry}/${ref.repository}`
}

/** The normalized reference: `registry/repository[:tag][@digest]`. */
export function formatReference(ref: Reference): string {
  return `${repositoryName(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`
}

/** The reference pinned to `digest`, keeping the tag when one was given: `registry/repository[:tag]@digest`. */
export function pinnedReference(ref: Reference, digest: string): string {
  return formatReference({ ...ref, digest })
}

/** What to ask the registry for: the digest when there is one (tag + digest fetches by digest), else the tag. */
export function manifestReference(ref: Reference): string {
  return ref.digest ?? ref.tag ?? 'latest'
}

/** The host that serves a registry's API. */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API : registry
}

/** Loopback registries may be reached over plain HTTP. */
export function isLoopback(registry: string): boolean {
  const host = hostOf(registry).toLowerCase()
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]'
}

/** `host:port` → `host`; `[::1]:5000` → `[::1]`. */
export function hostOf(registry: string): string {
  if (registry.startsWith('[')) {
    const end = registry.indexOf(']')
    return end < 0 ? registry : registry.slice(0, end + 1)
  }
  const colon = registry.indexOf(':')
  return colon < 0 ? registry : registry.slice(0, colon)
}
