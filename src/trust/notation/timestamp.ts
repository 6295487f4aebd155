// RFC 3161 timestamp countersignatures over a Notary Project signature.
import type { Certificate } from './certificates.js'

/** The time a token vouches for `signature` at, or why it does not. */
export function verifyTimestampToken(
  token: Buffer,
  signature: Buffer,
  tsa: Certificate[],
  now: Date
): { time: Date } | { problem: string } {
  void token
  void signature
  void tsa
  void now
  return { problem: 'RFC 3161 timestamps are not verified yet' }
}
