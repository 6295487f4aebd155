// Properties of the verifier under hostile bundles: whatever a registry serves in place of a real bundle, the
// verifier answers with an outcome (never a throw, never a multi-line or stack-like reason), and a bundle that still
// verifies after a change proves exactly the content it proved before.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import {
  type BundleOutcome,
  type SignerPolicy,
  type TrustedRoot,
  loadTrustedRoot,
  verifyBundle,
  verifyCosignSignature
} from '../../../src/trust/verify.js'
import {
  GITHUB_ISSUER,
  type TestSigstore,
  cosignAnnotationsFromBundle,
  generateKey,
  githubWorkflowClaims,
  keyBundle,
  simpleSigning,
  startSigstore,
  statement
} from '../../support/sigstore.js'

const DIGEST = `sha256:${'ab'.repeat(32)}`
const RUNS = { numRuns: Number(process.env.TRUST_PROPERTY_RUNS ?? 300) }
const key = generateKey('p256')
const payload = simpleSigning('127.0.0.1:5000/acme/app', DIGEST)

let sigstore: TestSigstore
let root: TrustedRoot
const bundles: { name: string; json: Record<string, unknown>; artifact?: Buffer }[] = []
let legacy: Record<string, string>
const policy: SignerPolicy = { keys: [key], identities: ['https://github.com/acme/app/**'], issuer: GITHUB_ISSUER }

beforeAll(async () => {
  sigstore = await startSigstore()
  root = loadTrustedRoot({ path: 'test.json', text: JSON.stringify(sigstore.trustedRoot) })
  const claims = githubWorkflowClaims('acme/app')
  bundles.push({ name: 'key DSSE', json: await keyBundle(key, { dsse: statement([{ name: 'app', digest: DIGEST }]) }) })
  bundles.push({ name: 'key message', json: await keyBundle(key, { message: payload }), artifact: payload })
  bundles.push({
    name: 'keyless DSSE',
    json: await sigstore.sign({ dsse: statement([{ name: 'app', digest: DIGEST }]) }, claims, { timestamp: true })
  })
  const message = await sigstore.sign({ message: payload }, claims)
  bundles.push({ name: 'keyless message', json: message, artifact: payload })
  legacy = cosignAnnotationsFromBundle(message)
})
afterAll(async () => sigstore.close())

/** Every path to a string leaf of a JSON value. */
function stringPaths(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof v === 'string') return [path]
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...path, i]))
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...path, k]))
  return []
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let o = root as Record<string | number, unknown>
  for (const p of path.slice(0, -1)) o = o[p] as Record<string | number, unknown>
  o[path[path.length - 1]!] = value
}

function sane(o: BundleOutcome): void {
  if (o.verified) return
  expect(typeof o.reason).toBe('string')
  // A stack frame names a source file (`at f (/x/y.js:1:2)`); a time such as `signed at 1970-01-01T00:00:00Z` is not one.
  expect(o.reason).not.toMatch(/\n|\bat .*\.[cm]?[jt]s:\d+:\d+|Cannot read|is not a function|undefined/)
  expect(o.reason.length).toBeLessThan(600)
}

function contentOf(o: BundleOutcome): unknown {
  return o.verified
    ? { ...o.content, payload: o.content.kind === 'dsse' ? o.content.payload.toString('base64') : undefined }
    : undefined
}

describe('verifier properties', () => {
  test('all four bundles verify as made', () => {
    for (const b of bundles)
      expect(verifyBundle(b.json, b.artifact, policy, root)).toMatchObject({ verified: true, accepted: true })
    expect(verifyCosignSignature(payload, legacy, policy, root)).toMatchObject({ verified: true })
  })

  test('a string field changed (one byte, emptied, or replaced) never throws; what still verifies proves the same content', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.oneof(
          fc.constant('flip'),
          fc.constant('empty'),
          fc.string({ maxLength: 12 }),
          fc.base64String({ maxLength: 40 })
        ),
        (which, where, change) => {
          const b = bundles[which % bundles.length]!
          const before = contentOf(verifyBundle(b.json, b.artifact, policy, root))
          const json = structuredClone(b.json)
          const paths = stringPaths(json)
          const path = paths[where % paths.length]!
          let value: unknown = path.reduce<unknown>((o, p) => (o as Record<string | number, unknown>)[p], json)
          if (change === 'flip') {
            const s = value as string
            const i = where % Math.max(s.length, 1)
            value = s.length === 0 ? 'A' : s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1)
          } else value = change === 'empty' ? '' : change
          setAt(json, path, value)
          const o = verifyBundle(json, b.artifact, policy, root)
          sane(o)
          if (o.verified) expect(contentOf(o)).toEqual(before)
        }
      ),
      RUNS
    )
  })

  test('any JSON value in place of a bundle or a field never throws', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 4 }), (which, where, junk) => {
        const b = bundles[which % bundles.length]!
        sane(verifyBundle(junk, b.artifact, policy, root))
        const json = structuredClone(b.json)
        const paths = stringPaths(json)
        setAt(json, paths[where % paths.length]!, junk)
        sane(verifyBundle(json, b.artifact, policy, root))
      }),
      // A counterexample once reported (seed 1735814487), replayed on every run.
      { ...RUNS, examples: [[1026008562, 22, [[-5e-324]]]] }
    )
  })

  // The reported counterexample: `[[-5e-324]]` for the keyless DSSE bundle's field 22 (mod its string fields), which
  // is the log entry's integratedTime. The verifier answered with a time before the certificate's validity; the old
  // check took `signed at 1970-01-01T00:00:00` for a stack frame (`at …:0:00`). Every field of every bundle, each
  // value, whole bundle too: an outcome with a one-line reason, and a changed log time is never accepted.
  test.each([
    [[[-5e-324]]],
    [-5e-324],
    [-0],
    [1e308],
    [[]],
    [{}],
    [null],
    [true],
    ['0'],
    ['-1'],
    ['99999999999999999999']
  ])('%j in place of any field never throws', junk => {
    for (const b of bundles) {
      sane(verifyBundle(junk, b.artifact, policy, root))
      for (const path of stringPaths(b.json)) {
        const json = structuredClone(b.json)
        setAt(json, path, junk)
        let o: BundleOutcome | undefined
        expect(() => (o = verifyBundle(json, b.artifact, policy, root))).not.toThrow()
        sane(o!)
        if (o!.verified) expect(contentOf(o!)).toEqual(contentOf(verifyBundle(b.json, b.artifact, policy, root)))
        if (path.join('.') === 'verificationMaterial.tlogEntries.0.integratedTime') expect(o!.verified).toBe(false)
      }
    }
  })

  test('the counterexample names the log time it found, and the reason reads as a time, not a stack frame', () => {
    const b = bundles.find(x => x.name === 'keyless DSSE')!
    const json = structuredClone(b.json)
    const paths = stringPaths(json)
    expect(paths[22 % paths.length]).toEqual(['verificationMaterial', 'tlogEntries', 0, 'integratedTime'])
    setAt(json, paths[22 % paths.length]!, [[-5e-324]])
    const o = verifyBundle(json, b.artifact, policy, root)
    expect(o).toMatchObject({
      verified: false,
      reason: expect.stringMatching(
        /^the signing certificate was used outside its validity: signed at 1970-01-01T00:00:00\.000Z, valid from /
      )
    })
    sane(o)
  })

  test('legacy annotations: any value for any annotation never throws, and a changed signature never verifies', () => {
    const names = [...Object.keys(legacy), 'dev.sigstore.cosign/rfc3161timestamp', 'dev.sigstore.cosign/chain']
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.base64String({ maxLength: 200 }),
          fc.jsonValue({ maxDepth: 3 }).map(v => JSON.stringify(v))
        ),
        (name, value) => {
          const o = verifyCosignSignature(payload, { ...legacy, [name]: value }, policy, root)
          sane(o)
          if (name === 'dev.cosignproject.cosign/signature' && value !== legacy[name]) expect(o.verified).toBe(false)
        }
      ),
      RUNS
    )
  })
})
