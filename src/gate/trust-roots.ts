/** The Sigstore trusted roots a run verifies keyless and bundle signatures against, each checked before any image. */
import type { SigstoreVerifier } from '../inspect/trust.js'
import { PolicyError } from '../policy/errors.js'
import type { RuleSet, TrustedRootFile } from '../policy/types.js'
import type { PublicKey } from '../trust/keys.js'
import { InputError, type Inputs } from './inputs.js'
import { HEAVY } from './lazy.js'
import type { TrustedFiles } from './trusted-files.js'

/**
 * Keyless and bundle verification (src/trust/verify.ts), loaded only when a trust rule applies: the Sigstore
 * libraries are large. Returns a maker of verifiers for the keys an image's rule sets accept and the trusted roots
 * they name (undefined: the `trusted-root` input's). Every root is checked here, before any image.
 */
export async function sigstoreVerifiers(
  inputs: Inputs,
  trustedRoot: TrustedFiles['trustedRoot'],
  ruleSets: RuleSet[]
): Promise<(keys: PublicKey[], roots: (TrustedRootFile | undefined)[]) => SigstoreVerifier> {
  const v = await HEAVY.trust()
  let root: ReturnType<typeof v.loadTrustedRoot>
  try {
    root = trustedRoot === undefined ? v.loadTrustedRoot() : v.loadTrustedRoot(trustedRoot)
  } catch (e) {
    if (e instanceof v.TrustRootError) throw new InputError(`Input ${e.message}`)
    throw e
  }
  // The roots rule sets name, by their path: each loaded once, and every problem told at once.
  const named = new Map<string, typeof root>()
  const problems: string[] = []
  for (const rs of ruleSets) {
    const file = rs.trustedRoot
    if (file === undefined || named.has(file.path)) continue
    try {
      named.set(file.path, v.loadTrustedRoot({ path: file.path, text: file.text }))
    } catch (e) {
      if (!(e instanceof v.TrustRootError)) throw e
      problems.push(`${file.where}: ${e.message.replace(/^trusted-root: /, '')}`)
    }
  }
  if (problems.length > 0) throw new PolicyError(problems)
  return (keys, roots) => {
    const paths = [...new Set(roots.map(r => r?.path))]
    if (paths.length > 1) {
      // Which root a signature needs depends on the rule set judging it: rather than let one root stand for
      // another, nothing keyless or bundled verifies until the rule sets agree.
      const names = paths.map(p =>
        p === undefined
          ? inputs.trustedRoot === undefined
            ? 'the shipped public-good root'
            : `the trusted-root input (${inputs.trustedRoot})`
          : JSON.stringify(p)
      )
      const outcome = {
        verified: false as const,
        reason: `the rules that apply to this image name different trusted roots (${names.join(', ')}); name one root for the image`
      }
      return {
        verifyBundle: () => outcome,
        verifyCosignSignature: () => outcome,
        verifyCosignAttestation: () => outcome
      }
    }
    const chosen = paths[0] === undefined ? root : named.get(paths[0])!
    // Which signer counts is judged by the rules; the verifier is told every key an applicable rule set accepts.
    const policy = { keys: keys.map(k => ({ pem: k.pem, fingerprint: k.fingerprint })), identities: [], issuer: '' }
    return {
      verifyBundle: (bundle, artifact) => v.verifyBundle(bundle, artifact, policy, chosen),
      verifyCosignSignature: (payload, annotations) => v.verifyCosignSignature(payload, annotations, policy, chosen),
      verifyCosignAttestation: (envelope, annotations) =>
        v.verifyCosignAttestation(envelope, annotations, policy, chosen)
    }
  }
}
