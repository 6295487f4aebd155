// The Notation verifier one image's signatures are checked with: the run's trust policy and trust stores, the
// statement that applies to the image's repository, and each envelope verified against the image's descriptor.
import type { NotationSigner } from '../../model/trust.js'
import { COSE_MEDIA_TYPE, JWS_MEDIA_TYPE } from './envelope.js'
import { type TrustPolicyDocument, type TrustStores, selectTrustPolicy } from './policy.js'
import { type Descriptor, verifyNotation } from './verify.js'

export {
  parseTrustPolicy,
  buildTrustStores,
  missingStore,
  type TrustPolicyDocument,
  type TrustStores
} from './policy.js'

/** What one Notation envelope comes to, in the shape the trust facts take. */
interface NotationVerdict {
  verified: boolean
  reason?: string
  unsupported?: boolean
  signer?: NotationSigner
  /** The digest the payload names, when it verified. */
  subjects: string[]
  time?: string
  logged?: string[]
}

export interface NotationVerifier {
  verify(mediaType: string, envelope: Buffer, descriptor: Descriptor): NotationVerdict
}

/** The Notation material of a run: one trust policy and the trust stores it names. */
export interface NotationMaterial {
  policy: TrustPolicyDocument
  stores: TrustStores
}

/**
 * The verifier for one image's repository: the statement whose scope is exactly `registry/repository`, else the
 * `*` one. With none, every Notation signature of the image is refused, saying so.
 */
export function notationVerifier(
  material: NotationMaterial,
  registry: string,
  repository: string,
  now: Date
): NotationVerifier {
  const statement = selectTrustPolicy(material.policy, registry, repository)
  return {
    verify(mediaType, envelope, descriptor) {
      if (mediaType !== JWS_MEDIA_TYPE && mediaType !== COSE_MEDIA_TYPE)
        return {
          verified: false,
          unsupported: true,
          reason: `a Notation envelope of type ${mediaType.slice(0, 100)}, not ${JWS_MEDIA_TYPE} or ${COSE_MEDIA_TYPE}`,
          subjects: []
        }
      if (!statement)
        return {
          verified: false,
          reason: `no statement of the trust policy ${material.policy.file} applies to ${registry}/${repository} (no registry scope names it, and there is no "*")`,
          subjects: []
        }
      const out = verifyNotation({ mediaType, envelope, descriptor, statement, stores: material.stores, now })
      const verdict: NotationVerdict = { verified: out.verified, subjects: [] }
      if (out.subject) verdict.signer = { kind: 'notation', subject: out.subject, policy: out.policy, level: out.level }
      if (out.verified) verdict.subjects = [descriptor.digest]
      if (out.reason) verdict.reason = out.reason
      if (out.signingTime) verdict.time = out.signingTime.toISOString()
      if (out.logged.length) verdict.logged = out.logged
      return verdict
    }
  }
}
