/** An OCI platform, normalized: `arm64` carries variant `v8`, `arm` without a variant is `v7`. */
export interface Platform {
  os: string
  architecture: string
  variant?: string
}

const PART = /^[a-z0-9][a-z0-9._-]*$/

/** Architecture aliases as the container tools spell them. */
const ARCH_ALIASES = new Map([
  ['aarch64', 'arm64'],
  ['x86_64', 'amd64'],
  ['x86-64', 'amd64'],
  ['armhf', 'arm'],
  ['armel', 'arm']
])

/** Longest os, architecture or variant accepted from a registry. */
export const PLATFORM_PART_MAX = 64

/**
 * Why a platform from a registry (an index entry, a config) cannot be one, or undefined: each part is a short
 * lowercase word of letters, digits, `.`, `_` and `-`, as the OCI image spec's values are. Anything else (a newline,
 * markup, a command) is refused before it reaches a log line, a summary or a rule.
 */
export function platformProblem(p: { os: unknown; architecture: unknown; variant?: unknown }): string | undefined {
  const parts: Array<[string, unknown]> = [
    ['os', p.os],
    ['architecture', p.architecture]
  ]
  if (p.variant !== undefined && p.variant !== '') parts.push(['variant', p.variant])
  for (const [name, value] of parts) {
    if (typeof value !== 'string') return `its ${name} is not a string`
    if (value.length === 0 || value.length > PLATFORM_PART_MAX || !PART.test(value.toLowerCase())) {
      return `its ${name} (${value.length} characters) is not a platform word: letters, digits, ".", "_" and "-", at most ${PLATFORM_PART_MAX}`
    }
  }
  return undefined
}

export function normalizePlatform(p: Platform): Platform {
  const os = p.os.toLowerCase()
  let architecture = p.architecture.toLowerCase()
  architecture = ARCH_ALIASES.get(architecture) ?? architecture
  let variant = p.variant ? p.variant.toLowerCase() : undefined
  if (architecture === 'arm64' && (variant === undefined || variant === '8')) variant = 'v8'
  if (architecture === 'arm' && variant === undefined) variant = 'v7'
  if (architecture === 'arm' && variant && /^\d$/.test(variant)) variant = `v${variant}`
  return variant ? { os, architecture, variant } : { os, architecture }
}

/** Parses `os/arch[/variant]`; throws an Error saying what a platform looks like. */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().split('/')
  if (parts.length < 2 || parts.length > 3 || parts.some(p => !PART.test(p.toLowerCase()))) {
    throw new Error(`"${text}" is not a platform: write os/arch or os/arch/variant, like linux/amd64 or linux/arm/v7`)
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined]
  return normalizePlatform(variant ? { os, architecture, variant } : { os, architecture })
}

/** `os/arch[/variant]`; arm64's implied v8 is left out, as docker writes it (`linux/arm64`). */
export function formatPlatform(p: Platform): string {
  const variant = p.architecture === 'arm64' && p.variant === 'v8' ? undefined : p.variant
  return variant ? `${p.os}/${p.architecture}/${variant}` : `${p.os}/${p.architecture}`
}

export function samePlatform(a: Platform, b: Platform): boolean {
  return formatPlatform(normalizePlatform(a)) === formatPlatform(normalizePlatform(b))
}

/** BuildKit stores attestations in the index as manifests for platform unknown/unknown. */
export function isAttestationPlatform(p: Platform | undefined): boolean {
  return p !== undefined && p.os === 'unknown' && p.architecture === 'unknown'
}
