import { describe, expect, test } from '@jest/globals'
import type { DiscoveredArtifact, Discovery, PendingArtifact, ReadOutcome } from '../../../src/inspect/discover.js'
import { computeDigest } from '../../../src/core/digest.js'
import { SIMPLE_SIGNING } from '../../../src/trust/payload.js'
import { SIGNATURE_ANNOTATION, checkDigest } from '../../../src/inspect/trust.js'
import type { DigestTrust } from '../../../src/model/trust.js'
import { signBytes, simpleSigningPayload, testSigner } from '../../support/signing.js'

const D = `sha256:${'a'.repeat(64)}`
const KEY = testSigner()
const OTHER = testSigner()
const PLACE = `tag ${D.replace(':', '-')}.sig`

function layer(good: boolean, n: number): DiscoveredArtifact {
  const payload = simpleSigningPayload(D, `registry.example/app-${n}`)
  const sig = signBytes(good ? KEY : OTHER, payload)
  return {
    place: PLACE,
    kind: 'cosign-sig',
    digest: `sha256:${n.toString(16).padStart(64, '0')}`,
    artifactType: undefined,
    subject: undefined,
    layers: [
      {
        descriptor: {
          mediaType: SIMPLE_SIGNING,
          digest: computeDigest(payload),
          size: payload.length,
          annotations: { [SIGNATURE_ANNOTATION]: sig.toString('base64') }
        },
        body: payload
      }
    ]
  }
}

/** A discovery whose pending reads are counted, each released count checked, and finished after `delays[i]` ms. */
function discovery(outcomes: Array<() => ReadOutcome>, opts: { cut?: string[]; delays?: number[] } = {}) {
  const stats = { started: 0, inFlight: 0, mostInFlight: 0, released: 0, listingReleased: 0 }
  const pending: PendingArtifact[] = outcomes.map((make, i) => ({
    place: PLACE,
    async read() {
      stats.started++
      stats.inFlight++
      stats.mostInFlight = Math.max(stats.mostInFlight, stats.inFlight)
      await new Promise(resolve => setTimeout(resolve, opts.delays?.[i] ?? 1))
      stats.inFlight--
      const o = make()
      return o.kind === 'read' ? { ...o, release: () => void stats.released++ } : o
    }
  }))
  const d: Discovery = {
    digest: D,
    looked: [PLACE],
    error: undefined,
    pending,
    cut: opts.cut ?? [],
    release: () => void stats.listingReleased++
  }
  return { d, stats }
}

const read = (a: DiscoveredArtifact) => (): ReadOutcome => ({ kind: 'read', artifact: a, release: () => {} })
/** Satisfied once a verified signature by KEY over D is among the facts. */
const byKey = (t: DigestTrust): boolean =>
  t.signatures.some(
    s =>
      s.verified &&
      s.signer?.kind === 'key' &&
      s.signer.fingerprint === KEY.publicKey.fingerprint &&
      s.subjects.includes(D)
  )
const ctx = { keys: [KEY.publicKey] }

describe('checkDigest: read in order, only as far as needed, every byte given back', () => {
  test('a good signature after 40 junk ones is found, each read released, the listing released', async () => {
    const { d, stats } = discovery([
      ...Array.from({ length: 40 }, (_, i) => read(layer(false, i))),
      read(layer(true, 99))
    ])
    const t = await checkDigest(d, ctx, byKey)
    expect(byKey(t)).toBe(true)
    expect(t.unread).toBeUndefined()
    expect(stats.released).toBe(41)
    expect(stats.listingReleased).toBe(1)
    expect(stats.mostInFlight).toBeLessThanOrEqual(8)
  })

  test('once the rules are satisfied, nothing more is read', async () => {
    const { d, stats } = discovery(
      [read(layer(true, 1)), ...Array.from({ length: 40 }, (_, i) => read(layer(false, i)))],
      { delays: [1, ...Array.from({ length: 40 }, () => 30)] }
    )
    const t = await checkDigest(d, ctx, byKey)
    expect(byKey(t)).toBe(true)
    // The first read and those already under way with it: never the 40.
    expect(stats.started).toBeLessThanOrEqual(8)
    expect(stats.released).toBe(stats.started)
  })

  test('facts are in listing order, whatever order the reads finish in', async () => {
    const { d } = discovery([read(layer(false, 1)), read(layer(false, 2)), read(layer(false, 3))], {
      delays: [30, 10, 1]
    })
    const t = await checkDigest(d, ctx, byKey)
    expect(t.signatures.map(s => s.manifest)).toEqual([1, 2, 3].map(n => `sha256:${n.toString(16).padStart(64, '0')}`))
  })

  test.each<[string, Array<() => ReadOutcome>, string[], Partial<DigestTrust>]>([
    [
      'a bound the listing was cut at, junk read',
      [read(layer(false, 1))],
      ['more than 16 layers in x (17; only the first 16 are read)'],
      { unread: ['more than 16 layers in x (17; only the first 16 are read)'] }
    ],
    [
      "the run's budget",
      [() => ({ kind: 'past', bound: "signature bytes past the run's budget of 64 MiB" })],
      [],
      { unread: ["signature bytes past the run's budget of 64 MiB"] }
    ],
    [
      'the same bound twice is said once',
      [() => ({ kind: 'past', bound: 'b' }), () => ({ kind: 'past', bound: 'b' })],
      ['a'],
      { unread: ['a', 'b'] }
    ],
    [
      'a read that failed: the first failure is kept',
      [() => ({ kind: 'failed', error: { host: 'h1', message: 'm1' } }), read(layer(false, 1))],
      [],
      { error: { host: 'h1', message: 'm1' } }
    ]
  ])('%s: kept for the verdict', async (_name, outcomes, cut, expected) => {
    const { d, stats } = discovery(outcomes, { cut, delays: outcomes.map((_, i) => i * 5) })
    const t = await checkDigest(d, ctx, byKey)
    expect(t).toMatchObject(expected)
    expect(stats.listingReleased).toBe(1)
  })

  test('bounds reached after the rules were satisfied are not said: the digest is checked', async () => {
    const { d } = discovery([read(layer(true, 1)), () => ({ kind: 'past', bound: 'x' })], {
      cut: ['more than 32 signature manifests'],
      delays: [1, 20]
    })
    const t = await checkDigest(d, ctx, byKey)
    expect(t.unread).toBeUndefined()
  })

  test('a discovery error: nothing is read, the listing is released', async () => {
    const { d, stats } = discovery([read(layer(true, 1))])
    d.error = { host: 'h', message: 'rate limited' }
    const t = await checkDigest(d, ctx, byKey)
    expect(t).toEqual({ digest: D, looked: [PLACE], error: { host: 'h', message: 'rate limited' }, signatures: [] })
    expect(stats.started).toBe(0)
    expect(stats.listingReleased).toBe(1)
  })
})
