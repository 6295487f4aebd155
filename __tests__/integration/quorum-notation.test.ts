/**
 * A mixed quorum against the real registry (distribution 2.8): one signer is a cosign key (a `.sig` tag), the other a
 * Notation trust policy statement (a JWS envelope pushed as a referrer through the referrers tag schema). The gate
 * runs from src/ (runGate) and as the bundled dist/cli.js.
 */
import { gateIn } from '../support/gate.js'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildReport } from '../../src/report/report.js'
import type { GateResult } from '../../src/gate/result.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { SignaturePusher } from '../support/sign-push.js'
import { signBytes, simpleSigningPayload, testSigner, type TestSigner } from '../support/signing.js'
import { type Chain, makeChain, signJws } from '../support/notation.js'
import { CLI, runCli } from '../support/run-cli.js'

const NOTATION = 'application/vnd.cncf.notary.signature'
let reg: TestRegistry
let sp: SignaturePusher
let release: TestSigner
let chain: Chain
let workspace: string
const img: Record<string, PushedImage> = {}

const statement = (name: string, registryScopes: string[]) => ({
  name,
  registryScopes,
  signatureVerification: { level: 'strict' },
  trustStores: ['ca:acme'],
  trustedIdentities: ['x509.subject: C=US, ST=WA, O=Acme']
})
/** `images` for every repository; `tools` picked by nq/other alone (an exact scope wins over `*`). */
const trustPolicy = (): string =>
  JSON.stringify({
    version: '1.0',
    trustPolicies: [statement('images', ['*']), statement('tools', [`${reg.host}/nq/other`])]
  })
const quorum = (statementName = 'images'): string =>
  `rules:\n  - images: ["**/nq/**"]\n    signers:\n      - { name: release, key: release.pub }\n      - { name: images, notation: ${statementName} }\n    threshold: 2\n`

function writeMaterial(dir: string): void {
  mkdirSync(join(dir, 'truststore/x509/ca/acme'), { recursive: true })
  writeFileSync(join(dir, 'truststore/x509/ca/acme/root.pem'), chain.root.pem)
  writeFileSync(join(dir, 'trustpolicy.json'), trustPolicy())
  writeFileSync(join(dir, 'release.pub'), release.pem)
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  const push = new Pusher(reg)
  sp = new SignaturePusher(push)
  release = testSigner('P-256')
  chain = await makeChain()
  const names = ['both', 'cosign', 'notation', 'other']
  const pushed = await Promise.all(names.map(n => push.image(`nq/${n}`, { tag: '1' })))
  names.forEach((n, i) => (img[n] = pushed[i]!))
  const cosign = (n: string) => {
    const payload = simpleSigningPayload(img[n]!.digest)
    return sp.cosignSig(`nq/${n}`, img[n]!.digest, [{ payload, signature: signBytes(release, payload) }])
  }
  const notation = (n: string) =>
    sp.referrer(`nq/${n}`, img[n]!.descriptor, NOTATION, signJws(chain, img[n]!.descriptor), 'application/jose+json')
  await Promise.all([cosign('both'), notation('both'), cosign('cosign'), notation('notation')])
  await Promise.all([cosign('other'), notation('other')])
  workspace = mkdtempSync(join(tmpdir(), 'quorum-notation-ws-'))
  writeMaterial(workspace)
})
afterAll(async () => {
  await reg?.stop()
  if (workspace) rmSync(workspace, { recursive: true, force: true })
})

async function gate(image: string, policy = quorum()): Promise<GateResult> {
  writeFileSync(join(workspace, 'policy.yml'), policy)
  const all: Record<string, string> = {
    images: `${reg.host}/${image}`,
    policy: 'policy.yml',
    'notation-trust-policy': 'trustpolicy.json',
    'notation-trust-store': 'truststore'
  }
  return gateIn(workspace, all)
}
const messages = (r: GateResult): string[] => r.findings.map(f => `${f.rule}: ${f.message}`)

describe('a quorum of a cosign key and a Notation trust policy statement', () => {
  test('signed by both: threshold 2 is met, the report names both signers', async () => {
    const r = await gate('nq/both:1')
    expect(messages(r)).toEqual([])
    expect(buildReport(r, true).images[0]!.trust!.quorums).toEqual([
      expect.objectContaining({
        threshold: 2,
        signers: ['release', 'images'],
        digests: [expect.objectContaining({ digest: img.both!.digest, satisfied: true, signed: ['release', 'images'] })]
      })
    ])
    const verified = r.images[0]!.facts!.trust!.top.signatures.filter(s => s.verified).map(s => s.signer)
    expect(verified).toEqual(
      expect.arrayContaining([
        { kind: 'key', fingerprint: release.publicKey.fingerprint },
        expect.objectContaining({ kind: 'notation', policy: 'images' })
      ])
    )
  })

  test.each<[string, string, string]>([
    ['cosign', 'release', 'images'],
    ['notation', 'images', 'release']
  ])('signed only by nq/%s: not met, naming who signed (%s) and who is missing (%s)', async (name, signed, missing) => {
    const r = await gate(`nq/${name}:1`)
    // The quorum alone decides: the notation-trust-policy input is the trust policy its signer uses, no requirement
    // of its own (the image signed by the key alone has no second finding for want of a Notation signature).
    expect(messages(r)).toEqual([
      expect.stringContaining(
        `signature: signature quorum not met for ${img[name]!.digest}: 1 of 2 required signers signed (${signed}); missing: ${missing}`
      )
    ])
  })

  test('threshold 1: either signer alone is enough, the key as well as the Notation statement', async () => {
    const one = quorum().replace('threshold: 2', 'threshold: 1')
    expect(messages(await gate('nq/cosign:1', one))).toEqual([])
    expect(messages(await gate('nq/notation:1', one))).toEqual([])
  })

  test('a Notation signature verified by another statement (tools) does not count for the signer images', async () => {
    const r = await gate('nq/other:1')
    // It verified, under tools: the signature is good, only not the statement the signer names.
    const notation = r.images[0]!.facts!.trust!.top.signatures.find(s => s.signer?.kind === 'notation')
    expect(notation).toMatchObject({ verified: true, signer: { kind: 'notation', policy: 'tools' } })
    expect(messages(r)).toEqual([
      expect.stringContaining(
        `signature: signature quorum not met for ${img.other!.digest}: 1 of 2 required signers signed (release); missing: images`
      )
    ])
    // Naming tools instead, both count.
    expect(messages(await gate('nq/other:1', quorum('tools')))).toEqual([])
  })

  test('a signer naming a statement the trust policy lacks stops the run, naming it and the statements there are', async () => {
    await expect(gate('nq/both:1', quorum('nope'))).rejects.toThrow(
      /rules\[0\] \(line 2\): signer images names "nope", which is no statement of trustpolicy.json \(its statements: images, tools\)/
    )
  })
})

describe('the bundled command line', () => {
  test('exit 0 signed by both, exit 1 by the cosign key alone, exit 2 for a statement the trust policy lacks', async () => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run bundle')
    const dir = mkdtempSync(join(tmpdir(), 'quorum-notation-cli-'))
    try {
      writeMaterial(dir)
      const run = (image: string, statementName?: string) => {
        writeFileSync(join(dir, 'policy.yml'), quorum(statementName))
        return runCli(
          [
            '--images',
            `${reg.host}/${image}`,
            '--policy',
            'policy.yml',
            '--notation-trust-policy',
            'trustpolicy.json',
            '--notation-trust-store',
            'truststore'
          ],
          {},
          { dir }
        )
      }
      const ok = await run('nq/both:1')
      expect(ok.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
      expect(ok.code).toBe(0)
      const one = await run('nq/cosign:1')
      expect(one.code).toBe(1)
      expect(one.stdout + one.stderr).toContain(
        `signature quorum not met for ${img.cosign!.digest}: 1 of 2 required signers signed (release); missing: images`
      )
      const bad = await run('nq/both:1', 'nope')
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('signer images names "nope", which is no statement of trustpolicy.json')
      expect(bad.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
