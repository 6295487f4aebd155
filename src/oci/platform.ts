/** An OCI platform, normalized: `arm64` carries variant `v8`, `arm` without a variant is `v7`. */
export interface Platform {
  os: string
  architecture: string
  variant?: string
}

const PART = /^[a-z0-9][a-z0-9._-]*$/

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

/**
 * Normalizes os, architecture and variant as containerd does (containerd/platforms database.go, normalizeOS and
 * normalizeArch): `macos` is darwin; `i386` is 386, `x86_64`/`x86-64` amd64 (whose `v1` is no variant),
 * `aarch64` arm64 (variants `8`, `v8.0` are v8, `9`, `9.0`, `v9.0` are v9), `armhf` arm/v7, `armel` arm/v6, and
 * arm's variant a `v` and a digit, v7 when it has none. One difference, kept on purpose: arm64 with no variant
 * is written with the v8 it implies (containerd leaves it empty); formatPlatform leaves it out again.
 */
export function normalizePlatform(p: Platform): Platform {
  let os = p.os.toLowerCase()
  if (os === 'macos') os = 'darwin'
  let architecture = p.architecture.toLowerCase()
  let variant: string | undefined = p.variant ? p.variant.toLowerCase() : undefined
  switch (architecture) {
    case 'i386':
      architecture = '386'
      variant = undefined
      break
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      architecture = 'amd64'
      if (variant === 'v1') variant = undefined
      break
    case 'aarch64':
    case 'arm64':
      architecture = 'arm64'
      if (variant === undefined || variant === '8' || variant === 'v8' || variant === 'v8.0') variant = 'v8'
      else if (variant === '9' || variant === '9.0' || variant === 'v9.0') variant = 'v9'
      break
    case 'armhf':
      architecture = 'arm'
      variant = 'v7'
      break
    case 'armel':
      architecture = 'arm'
      variant = 'v6'
      break
    case 'arm':
      if (variant === undefined || variant === '7') variant = 'v7'
      else if (variant === '5' || variant === '6' || variant === '8') variant = `v${variant}`
      break
  }
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
