/**
 * The `sbom` and `licenses` rules, over each platform's SBOM (src/inspect/sbom.ts). No SBOM is a finding, never a
 * pass: a licence rule cannot pass an image whose packages it cannot see, and an SBOM past its bounds or that
 * could not be read says so. See docs/compliance.md.
 */
import { judgeLicense } from '../../content/licenses.js'
import type { PlatformContent, SbomPackage } from '../../model/content.js'
import type { PlatformFacts } from '../../model/facts.js'
import { platformLabel } from '../../model/facts.js'
import type { LicenseRequirement, Subject, Violation } from '../types.js'

/** Licence findings per platform, at most: past it, one more says how many packages were left out. */
export const MAX_LICENSE_FINDINGS = 100
/** Problems quoted in one "no SBOM" finding, at most. */
const MAX_PROBLEMS = 5

/** "no SBOM found for linux/amd64 (sha256:…)", with why one that was listed could not be used. */
export function noSbom(p: PlatformFacts, content: PlatformContent | undefined, attestations: boolean): string {
  const problems = content?.sbomProblems ?? []
  const more = problems.length > MAX_PROBLEMS ? `; and ${problems.length - MAX_PROBLEMS} more` : ''
  const looked = attestations
    ? " (looked in the index's attestation manifests and in the attestations of the platform and the index)"
    : " (looked in the index's attestation manifests; signed attestations are read when a signer is set: signature-keys, signature-identities or provenance)"
  const why = problems.length > 0 ? `: ${problems.slice(0, MAX_PROBLEMS).join('; ')}${more}` : looked
  return `no SBOM found for ${platformLabel(p)} (${p.digest})${why}`
}

export function checkSbom(s: Subject, mode: 'present' | 'signed', signers: boolean): Violation[] {
  if (mode === 'signed' && !signers)
    return [
      {
        message:
          'a signed SBOM is required, but no signer is accepted: set signature-keys, signature-identities or provenance'
      }
    ]
  const out: Violation[] = []
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p)
    const sbom = p.content?.sbom
    if (!sbom) out.push({ platform, message: noSbom(p, p.content, s.facts.trust !== undefined) })
    else if (mode === 'signed' && !sbom.signed) {
      const where =
        sbom.source === 'in-index'
          ? `it is in the index (${sbom.manifest}), and no accepted signer signed the index digest ${s.facts.digest}`
          : `its attestation (${sbom.manifest}) is signed by a signer no rule accepts`
      out.push({ platform, message: `the SBOM of ${platform} is not signed by an accepted signer: ${where}` })
    }
  }
  return out
}

const named = (pkg: SbomPackage): string => `${pkg.name}${pkg.version !== undefined ? `@${pkg.version}` : ''}`
/** A licence as a finding quotes it: a long one (every licence an over-long expression names) is cut. */
const quoted = (license: string): string => (license.length > 300 ? `${license.slice(0, 300)}…` : license)

export function checkLicenses(s: Subject, req: LicenseRequirement): Violation[] {
  const out: Violation[] = []
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p)
    const sbom = p.content?.sbom
    if (!sbom) {
      out.push({
        platform,
        message: `${noSbom(p, p.content, s.facts.trust !== undefined)}: the licences cannot be checked`
      })
      continue
    }
    if (sbom.packages.length === 0) {
      // Nothing denied among nothing seen is no pass: it looks the same as an SBOM of something else than the image.
      out.push({
        platform,
        message: `the SBOM of ${platform} lists no packages, so the licences cannot be checked (an SBOM of something else than the image looks the same)`
      })
      continue
    }
    const found: Violation[] = []
    for (const pkg of sbom.packages) {
      const v = judgeLicense(pkg.license, req.deny)
      if (v.kind === 'denied') {
        const ids = v.denied.map(d => (d.pattern === d.license ? d.license : `${d.license} (denied by ${d.pattern})`))
        found.push({
          platform,
          message: `${named(pkg)} is licensed ${quoted(pkg.license!)}: it cannot be used without ${(ids.length > 5 ? [...ids.slice(0, 5), `${ids.length - 5} more`] : ids).join(' and ')}`
        })
      } else if (v.kind === 'unknown' && req.unknown === 'fail') {
        const what = pkg.license === undefined ? 'no licence is given' : `"${quoted(pkg.license)}" is ${v.reason}`
        found.push({ platform, message: `${named(pkg)}: its licence is unknown (${what}), and unknown licences fail` })
      }
    }
    out.push(...found.slice(0, MAX_LICENSE_FINDINGS))
    if (found.length > MAX_LICENSE_FINDINGS)
      out.push({
        platform,
        message: `and ${found.length - MAX_LICENSE_FINDINGS} more packages of ${platform} with licences that fail (the first ${MAX_LICENSE_FINDINGS} are listed)`
      })
  }
  return out
}
