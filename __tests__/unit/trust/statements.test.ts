import { describe, expect, test } from '@jest/globals'
import type { DiscoveredArtifact, Discovery, ReadOutcome } from '../../../src/inspect/discover.js'
import { computeDigest } from '../../../src/core/digest.js'
import { checkDigest, establishTrust, type TrustContext } from '../../../src/inspect/trust.js'
import type { DigestTrust } from '../../../src/model/trust.js'
import type { ImageFacts, PlatformFacts } from '../../../src/model/facts.js'
import { envelope, statement, testSigner } from '../../support/signing.js'

const D = `sha256:${'a'.repeat(64)}`
const P = `sha256:${'b'.repeat(64)}`
const KEY = testSigner()
const OTHER = testSigner()
const SPDX = 'https://spdx.dev/Document'
const SLSA = 'https://slsa.dev/provenance/v1'
const DOC = { spdxVersion: 'SPDX-2.3', packages: [{ name: 'left-pad', versionInfo: '1.3.0' }] }

let n = 0
/** A cosign `.att` layer: a DSSE envelope over a statement naming `subject`, signed by `signer`. */
function att(signer: ReturnType<typeof testSigner>, type: string, predicate: unknown, subject = D): DiscoveredArtifact {
  const body = envelope(signer, statement([subject], type, predicate))
  return {
    place: 'tag x.att',
    kind: 'cosign-att',
    digest: `sha256:${(++n).toString(16).padStart(64, '0')}`,
    artifactType: undefined,
    subject: undefined,
    layers: [
      {
        descriptor: {
          mediaType: 'application/vnd.dsse.envelope.v1+json',
          digest: computeDigest(body),
          size: body.length
        },
        body
      }
    ]
  }
}

function discovery(artifacts: DiscoveredArtifact[], digest = D): { d: Discovery; reads: () => number } {
  let reads = 0
  const d: Discovery = {
    digest,
    looked: ['tag x.att'],
    error: undefined,
    pending: artifacts.map(a => ({
      place: a.place,
      read: async (): Promise<ReadOutcome> => {
        reads++
        await new Promise(r => setTimeout(r, 1))
        return { kind: 'read', artifact: a, release: () => {} }
      }
    })),
    cut: [],
    release: () => {}
  }
  return { d, reads: () => reads }
}

const signedBy = (t: DigestTrust): boolean => t.signatures.some(s => s.verified && s.subjects.includes(t.digest))
const isSpdx = (t: string): boolean => t === SPDX
const base: TrustContext = { keys: [KEY.publicKey] }

describe('verified statements: the predicate is kept for asked types, verified ones only', () => {
  test.each<[string, DiscoveredArtifact, TrustContext, unknown]>([
    [
      'asked, verified: kept',
      att(KEY, SPDX, DOC),
      { ...base, predicates: isSpdx },
      { predicateType: SPDX, predicate: DOC }
    ],
    ['not asked (no predicates): not kept', att(KEY, SPDX, DOC), base, undefined],
    ['another type than asked: not kept', att(KEY, SLSA, { builder: {} }), { ...base, predicates: isSpdx }, undefined],
    ['signed by a key not accepted: never kept', att(OTHER, SPDX, DOC), { ...base, predicates: isSpdx }, undefined]
  ])('%s', async (_name, a, ctx, expected) => {
    const t = await checkDigest(discovery([a]).d, ctx, () => false)
    expect(t.signatures).toHaveLength(1)
    expect(t.signatures[0]!.statement).toEqual(expected)
  })

  test('a Sigstore bundle (actions/attest-sbom): its verified DSSE statement is kept too', async () => {
    const payload = statement([D], 'https://spdx.dev/Document/v2.3', DOC)
    const bundle: DiscoveredArtifact = {
      place: 'referrers API',
      kind: 'bundle',
      digest: `sha256:${'c'.repeat(64)}`,
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      subject: D,
      layers: [
        {
          descriptor: { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: D, size: 2 },
          body: Buffer.from('{}')
        }
      ]
    }
    const signer = {
      kind: 'certificate' as const,
      certificate: { identity: 'https://github.com/acme/app', issuer: 'x' }
    }
    const ctx = (verified: boolean): TrustContext => ({
      keys: [],
      predicates: t => t.startsWith('https://spdx.dev/Document'),
      sigstore: {
        verifyBundle: () =>
          verified
            ? {
                verified: true,
                signer,
                content: { kind: 'dsse', payloadType: 'application/vnd.in-toto+json', payload }
              }
            : { verified: false, reason: 'the certificate does not chain to the trusted root', signer },
        verifyCosignSignature: () => ({ verified: false, reason: 'no' })
      }
    })
    const good = await checkDigest(discovery([bundle]).d, ctx(true), () => false)
    expect(good.signatures[0]!.statement).toEqual({ predicateType: 'https://spdx.dev/Document/v2.3', predicate: DOC })
    const bad = await checkDigest(discovery([bundle]).d, ctx(false), () => false)
    expect(bad.signatures[0]!.verified).toBe(false)
    expect(bad.signatures[0]!.statement).toBeUndefined()
  })

  test('asked for: the listing is read past the rules being satisfied, to its end', async () => {
    const list = [att(KEY, SLSA, {}), att(OTHER, SLSA, {}), att(KEY, SPDX, DOC)]
    const { d, reads } = discovery(list)
    const t = await checkDigest(d, { ...base, predicates: isSpdx }, signedBy)
    expect(reads()).toBe(3)
    expect(t.signatures.filter(s => s.statement)).toHaveLength(1)
  })

  test('statementsFound ends the reading once every asked statement is there', async () => {
    const many = [att(KEY, SPDX, DOC), ...Array.from({ length: 30 }, () => att(OTHER, SLSA, {}))]
    const { d, reads } = discovery(many)
    const ctx: TrustContext = {
      ...base,
      predicates: isSpdx,
      statementsFound: f => f.signatures.some(s => s.statement !== undefined)
    }
    const t = await checkDigest(d, ctx, () => true)
    expect(t.signatures[0]!.statement?.predicateType).toBe(SPDX)
    expect(reads()).toBeLessThanOrEqual(8)
  })

  test('an index whose top level satisfies the rules: its platforms are read while a statement is missing', async () => {
    const facts = {
      kind: 'index',
      digest: D,
      platforms: [{ digest: P, platform: { os: 'linux', architecture: 'amd64' } } as PlatformFacts]
    } as ImageFacts
    const lists: Record<string, DiscoveredArtifact[]> = {
      [D]: [att(KEY, SLSA, {})],
      [P]: [att(KEY, SPDX, DOC, P)]
    }
    const found = (f: DigestTrust): boolean => f.signatures.some(s => s.statement !== undefined)
    const asked = await establishTrust(
      facts,
      { ...base, predicates: isSpdx, statementsFound: found },
      async digest => discovery(lists[digest]!, digest).d,
      signedBy
    )
    expect(asked.platforms.map(p => [p.platform, found(p)])).toEqual([['linux/amd64', true]])
    const notAsked = await establishTrust(facts, base, async digest => discovery(lists[digest]!, digest).d, signedBy)
    expect(notAsked.platforms).toEqual([])
  })
})
