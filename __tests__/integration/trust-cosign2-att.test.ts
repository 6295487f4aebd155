/**
 * cosign 2's keyless attestations against the real registry: the `.att` tag's layers are DSSE envelopes whose
 * certificate and Rekor entry (or RFC 3161 timestamp) ride in the layer's annotations. Made offline by the private
 * Sigstore instance of __tests__/support/sigstore.ts, whose root the gate gets through `trusted-root`.
 */
import { gateIn } from '../support/gate.js'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { OCI_MANIFEST, Pusher, type PushedImage, sha256 } from '../support/push.js'
import { DSSE_ENVELOPE, EMPTY_CONFIG, tagOf } from '../support/sign-push.js'
import {
  SLSA_PROVENANCE_V1,
  type TestSigstore,
  cosignAttestationFromBundle,
  githubWorkflowClaims,
  startSigstore,
  statement
} from '../support/sigstore.js'
import { type GateResult } from '../../src/gate/result.js'

let reg: TestRegistry
let sigstore: TestSigstore
let workspace: string
const img: Record<string, PushedImage> = {}
const WF = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1'

/** Pushes `envelope` with `annotations` as the one layer of `digest`'s `.att` tag, as cosign 2 does. */
async function pushAtt(
  push: Pusher,
  repo: string,
  digest: string,
  envelope: Buffer,
  annotations: Record<string, string>
): Promise<void> {
  const config = await push.blob(repo, Buffer.from('{}'), EMPTY_CONFIG)
  const layer = {
    ...(await push.blob(repo, envelope, DSSE_ENVELOPE)),
    annotations: { ...annotations, predicateType: SLSA_PROVENANCE_V1 }
  }
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }))
  expect(await push.manifest(repo, tagOf(digest, '.att'), manifest, OCI_MANIFEST)).toBe(sha256(manifest))
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  sigstore = await startSigstore()
  workspace = mkdtempSync(join(tmpdir(), 'trust-att-'))
  sigstore.writeTrustedRoot(workspace)
  const push = new Pusher(reg)
  const claims = githubWorkflowClaims('acme/app', '.github/workflows/release.yml', 'refs/tags/v1')
  for (const n of ['logged', 'timestamped', 'forged', 'other']) img[n] = await push.image(`att/${n}`, { tag: '1' })
  const provenance = (n: string, digest = img[n]!.digest): Buffer =>
    statement([{ name: `att/${n}`, digest }], SLSA_PROVENANCE_V1)

  const logged = cosignAttestationFromBundle(await sigstore.sign({ dsse: provenance('logged') }, claims))
  await pushAtt(push, 'att/logged', img.logged!.digest, logged.envelope, logged.annotations)
  const stamped = cosignAttestationFromBundle(
    await sigstore.sign({ dsse: provenance('timestamped') }, claims, { tlog: false, timestamp: true })
  )
  await pushAtt(push, 'att/timestamped', img.timestamped!.digest, stamped.envelope, stamped.annotations)
  // Another image's statement under this signature and log entry.
  const forged = JSON.parse(logged.envelope.toString('utf8')) as { payload: string }
  forged.payload = provenance('forged').toString('base64')
  await pushAtt(push, 'att/forged', img.forged!.digest, Buffer.from(JSON.stringify(forged)), logged.annotations)
  // A statement for another digest, properly signed: copied from one image to another.
  await pushAtt(push, 'att/other', img.other!.digest, logged.envelope, logged.annotations)
})
afterAll(async () => {
  await sigstore?.close()
  await reg?.stop()
  if (workspace) rmSync(workspace, { recursive: true, force: true })
})

async function gate(image: string, values: Record<string, string>): Promise<GateResult> {
  const all: Record<string, string> = { images: `${reg.host}/${image}`, 'trusted-root': 'trusted_root.json', ...values }
  return gateIn(workspace, all)
}
const messages = (r: GateResult): string[] => r.findings.map(f => `${f.rule}: ${f.message}`)

describe("cosign 2's keyless .att", () => {
  test.each(['logged', 'timestamped'])(
    '%s: provenance and signature pass; the certificate facts are reported',
    async n => {
      const r = await gate(`att/${n}:1`, {
        provenance: 'acme/app',
        'signature-identities': 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*'
      })
      expect(messages(r)).toEqual([])
      expect(r.images[0]!.facts!.trust!.top.signatures).toEqual([
        expect.objectContaining({
          verified: true,
          format: 'cosign attestation (DSSE)',
          place: `tag ${tagOf(img[n]!.digest, '.att')}`,
          signer: expect.objectContaining({
            kind: 'certificate',
            certificate: expect.objectContaining({ identity: WF, sourceRepository: 'https://github.com/acme/app' })
          }),
          predicateType: SLSA_PROVENANCE_V1,
          subjects: [img[n]!.digest]
        })
      ])
    }
  )

  test('another repository, or a substring identity, is not accepted', async () => {
    expect(messages(await gate('att/logged:1', { provenance: 'acme/ap' })).join('\n')).toMatch(
      /^provenance: .*provenance found \(.*\): built from acme\/app .*; the rule wants a repository of acme\/ap/
    )
    expect(
      messages(await gate('att/logged:1', { 'signature-identities': 'https://github.com/acme/ap' })).join('\n')
    ).toMatch(/^signature: .*https:\/\/github\.com\/acme\/app\/\.github\/workflows\/release\.yml@refs\/tags\/v1/)
  })

  test('a statement swapped under the signature fails as a bad signature; a statement for another digest is a finding', async () => {
    const forged = await gate('att/forged:1', { provenance: 'acme/app' })
    expect(forged.images[0]!.facts!.trust!.top.signatures[0]).toMatchObject({
      verified: false,
      reason: expect.stringMatching(/bad signature|transparency-log entry is for other content/)
    })
    expect(messages(forged)).toHaveLength(1)
    const other = await gate('att/other:1', { provenance: 'acme/app' })
    expect(messages(other)).toHaveLength(1)
    expect(messages(other)[0]).toContain(img.logged!.digest)
  })
})
