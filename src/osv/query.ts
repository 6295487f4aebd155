/**
 * What the gate asks the database about an SBOM's package.
 *
 * The OSV API reads a purl's type and namespace as an ecosystem and ignores its qualifiers, with one exception: for
 * `pkg:deb/debian/…` the `distro` qualifier, as a codename (`bookworm`) or a release number (`12`). SBOM tools
 * write `distro=debian-12` (syft) or `distro=debian-12.4` (Trivy), which the API reads as a release that does not
 * exist and answers nothing; and an `apk` purl names no Alpine release the API reads at all. So distribution
 * packages are asked by ecosystem and name (`Debian:12`, `Alpine:v3.18`, `Ubuntu`), as the database files them,
 * under their source package (the purl's `upstream` qualifier: `libssl3` is built from `openssl`). Every other package is asked
 * by its purl without version, qualifiers or subpath; the version goes in `version`, never in the purl too (the API
 * answers 400 to both).
 */
import { PackageURL } from 'packageurl-js'
import type { SbomPackage } from '../model/content.js'
import type { OsvPackage } from './affected.js'
import type { PackageQuery } from './types.js'

/** purl type (and namespace, for distributions) → the database's ecosystem. */
const ECOSYSTEMS: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  maven: 'Maven',
  gradle: 'Maven',
  cargo: 'crates.io',
  gem: 'RubyGems',
  nuget: 'NuGet',
  composer: 'Packagist',
  hex: 'Hex',
  pub: 'Pub',
  swift: 'SwiftURL',
  hackage: 'Hackage',
  cran: 'CRAN',
  conan: 'ConanCenter',
  bitnami: 'Bitnami',
  'deb/debian': 'Debian',
  'deb/ubuntu': 'Ubuntu',
  'apk/alpine': 'Alpine',
  'apk/wolfi': 'Wolfi',
  'apk/chainguard': 'Chainguard',
  'rpm/redhat': 'Red Hat',
  'rpm/almalinux': 'AlmaLinux',
  'rpm/rocky-linux': 'Rocky Linux',
  'rpm/opensuse': 'openSUSE',
  'rpm/suse': 'SUSE',
  'rpm/openeuler': 'openEuler',
  'rpm/azure-linux': 'Azure Linux'
}

/** Types whose namespace is part of the package's name in the database (`@babel/core`, `github.com/x/y`). */
const SLASH_NAMES = new Set(['npm', 'golang', 'composer', 'hex', 'swift'])

const DEBIAN_RELEASES: Record<string, string> = {
  buzz: '1.1',
  rex: '1.2',
  bo: '1.3',
  hamm: '2',
  slink: '2.1',
  potato: '2.2',
  woody: '3',
  sarge: '3.1',
  etch: '4',
  lenny: '5',
  squeeze: '6',
  wheezy: '7',
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  duke: '15'
}

/** `debian-12`, `debian-12.4`, `12`, `bookworm` → `12`; undefined for what names no release (`sid`, `unstable`). */
function debianRelease(distro: string | undefined): string | undefined {
  const d = (distro ?? '').toLowerCase().replace(/^debian[-:]?/, '')
  if (DEBIAN_RELEASES[d]) return DEBIAN_RELEASES[d]
  return /^(\d+)(\.\d+)*$/.exec(d)?.[1]
}

/** `alpine-3.18.4`, `3.18.4`, `v3.18`, `alpine-3.18` → `v3.18`; undefined for `edge` and what is not a release. */
function alpineRelease(distro: string | undefined): string | undefined {
  const m = /^(?:alpine-)?v?(\d+)\.(\d+)(?:\.\d+)?$/.exec((distro ?? '').toLowerCase())
  return m ? `v${m[1]}.${m[2]}` : undefined
}

/** The source package and its version, from `upstream` (`openssl`, or `openssl@3.0.11-1` when they differ). */
function sourcePackage(upstream: string | undefined, name: string, version: string): [string, string] {
  if (!upstream) return [name, version]
  const at = upstream.indexOf('@')
  if (at < 0) return [upstream.trim() || name, version]
  const v = upstream.slice(at + 1).trim()
  return [upstream.slice(0, at).trim() || name, v || version]
}

/**
 * What to ask the database about an SBOM package; undefined when it cannot be asked: no purl or one that does not
 * parse, no version, a type the database does not know, or an Alpine package whose release the purl does not say.
 */
export function packageQuery(p: SbomPackage): PackageQuery | undefined {
  if (!p.purl) return undefined
  let purl: PackageURL
  try {
    purl = PackageURL.fromString(p.purl)
  } catch {
    return undefined
  }
  const q = purl.qualifiers ?? {}
  let version = (purl.version ?? p.version ?? '').trim()
  if (!version) return undefined
  const scoped = purl.namespace ? `${purl.type}/${purl.namespace.toLowerCase()}` : purl.type
  const ecosystem =
    ECOSYSTEMS[scoped] ??
    (purl.type === 'deb' || purl.type === 'apk' || purl.type === 'rpm' ? undefined : ECOSYSTEMS[purl.type])
  if (!ecosystem) return undefined
  // The epoch, where a tool writes it as a qualifier, is part of the version the database compares.
  if ((purl.type === 'rpm' || purl.type === 'deb') && q.epoch && /^\d+$/.test(q.epoch) && !version.includes(':'))
    version = `${q.epoch}:${version}`
  if (purl.type === 'golang') version = version.replace(/^v(?=\d)/, '').replace(/^go(?=\d)/, '')
  if (ecosystem === 'Debian' || ecosystem === 'Alpine' || ecosystem === 'Ubuntu') {
    const [name, v] = sourcePackage(q.upstream, purl.name, version)
    // Ubuntu's releases are named with their support (`Ubuntu:22.04:LTS`, `Ubuntu:Pro:18.04:LTS`): the database
    // is asked of every release, and matches Ubuntu's records by the versions they list.
    const release =
      ecosystem === 'Debian' ? debianRelease(q.distro) : ecosystem === 'Alpine' ? alpineRelease(q.distro) : undefined
    // A Debian package of no known release is asked of every release; an Alpine one cannot be asked.
    if (ecosystem === 'Alpine' && !release) return undefined
    const eco = release ? `${ecosystem}:${release}` : ecosystem
    const key = new PackageURL(
      purl.type,
      purl.namespace,
      name,
      undefined,
      release ? { distro: release } : undefined,
      undefined
    )
    return { purl: key.toString(), version: v, package: { ecosystem: eco, name } }
  }
  const bare = new PackageURL(purl.type, purl.namespace, purl.name, undefined, undefined, undefined)
  return { purl: bare.toString(), version }
}

/** The ecosystem and name the database files a queried package under; undefined when its purl does not say. */
export function osvPackage(q: PackageQuery): OsvPackage | undefined {
  if (q.package) return q.package
  let purl: PackageURL
  try {
    purl = PackageURL.fromString(q.purl)
  } catch {
    return undefined
  }
  const scoped = purl.namespace ? `${purl.type}/${purl.namespace.toLowerCase()}` : purl.type
  const ecosystem = ECOSYSTEMS[scoped] ?? ECOSYSTEMS[purl.type]
  if (!ecosystem) return undefined
  let name = purl.name
  if (purl.namespace && SLASH_NAMES.has(purl.type)) name = `${purl.namespace}/${purl.name}`
  else if (purl.namespace && (purl.type === 'maven' || purl.type === 'gradle')) name = `${purl.namespace}:${purl.name}`
  return { ecosystem, name }
}
