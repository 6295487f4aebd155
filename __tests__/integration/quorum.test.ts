/**
 * Quorums of signers and signatures kept in another repository, against the real registry (distribution 2.8): the
 * suite signs its images with node:crypto keys and pushes the signatures as cosign does (`.sig` tags, one layer per
 * signature, as `cosign sign` run twice leaves them). The gate runs from src/ (runGate) and as the bundled
 * dist/cli.js, the way a person runs it.
 */
import { gateIn } from '../support/gate.js'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildReport } from '../../src/report/report.js'
import type { GateResult } from '../../src/gate/result.js'
import { startProxy, startRecorder, type FaultProxy, type Recorder } from '../support/fault-proxy.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { SignaturePusher, tagOf } from '../support/sign-push.js'
import {
  envelope,
  signBytes,
  simpleSigningPayload,
  statement,
  testSigner,
  type TestSigner
} from '../support/signing.js'
import { CLI, runCli } from '../support/run-cli.js'

let reg: TestRegistry
let proxy: FaultProxy
let recorder: Recorder
let sp: SignaturePusher
let release: TestSigner
let security: TestSigner
let qa: TestSigner
let stranger: TestSigner
let workspace: string
const img: Record<string, PushedImage> = {}

/** One `.sig` whose layers are signed by each signer in turn: `cosign sign` run once per signer. */
function signAll(repo: string, digest: string, signers: TestSigner[]): Promise<string> {
  return sp.cosignSig(
    repo,
    digest,
    signers.map((s, i) => {
      // Each signing writes its own payload (cosign's optional annotations differ), as two runs would.
      const payload = Buffer.from(
        JSON.stringify({ ...JSON.parse(simpleSigningPayload(digest).toString()), optional: { run: String(i) } })
      )
      return { payload, signature: signBytes(s, payload) }
    })
  )
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  proxy = await startProxy({ target: reg.url })
  recorder = await startRecorder(() => ({ status: 404 }))
  const push = new Pusher(reg)
  sp = new SignaturePusher(push)
  ;[release, security, qa, stranger] = [testSigner('P-256'), testSigner('P-384'), testSigner('RSA-2048'), testSigner()]
  const names = ['two', 'twice', 'norequired', 'elsewhere', 'ownrepo', 'blocked', 'sbom']
  const pushed = await Promise.all(names.map(n => push.image(`q/${n}`, { tag: '1' })))
  names.forEach((n, i) => (img[n] = pushed[i]!))
  await Promise.all([
    signAll('q/two', img.two!.digest, [stranger, release, security]),
    signAll('q/twice', img.twice!.digest, [release, release]),
    signAll('q/norequired', img.norequired!.digest, [release, qa]),
    // Kept in q/signatures, as COSIGN_REPOSITORY=…/q/signatures leaves them; nothing in q/elsewhere itself.
    signAll('q/signatures', img.elsewhere!.digest, [release, security]),
    // Signed in its own repository only.
    signAll('q/ownrepo', img.ownrepo!.digest, [release, security]),
    signAll('q/blocked', img.blocked!.digest, [release, security]),
    signAll('q/sbom', img.sbom!.digest, [release, security]),
    // A CycloneDX SBOM that release attested (cosign attest: a DSSE envelope in the .att tag).
    sp.cosignAtt('q/sbom', img.sbom!.digest, [
      envelope(
        release,
        statement([img.sbom!.digest], 'https://cyclonedx.org/bom', {
          bomFormat: 'CycloneDX',
          specVersion: '1.6',
          components: [{ type: 'library', name: 'ok', version: '1', licenses: [{ license: { id: 'MIT' } }] }]
        })
      )
    ])
  ])
  workspace = mkdtempSync(join(tmpdir(), 'quorum-ws-'))
  for (const [name, s] of Object.entries({ release, security, qa }))
    writeFileSync(join(workspace, `${name}.pub`), s.pem)
})
afterAll(async () => {
  await proxy?.stop()
  await recorder?.stop()
  await reg?.stop()
  if (workspace) rmSync(workspace, { recursive: true, force: true })
})

const FAST = { timeoutMs: 5000, backoffMs: 10, retryBudgetMs: 200, maxAttempts: 2 }
const SIGNERS = `    signers:
      - { name: release, key: release.pub }
      - { name: security, key: security.pub }
      - { name: qa, key: qa.pub }
`

async function gate(images: string[], policy: string, values: Record<string, string> = {}): Promise<GateResult> {
  writeFileSync(join(workspace, 'policy.yml'), policy)
  const all: Record<string, string> = {
    images: images.map(i => `${proxy.host}/${i}`).join('\n'),
    policy: 'policy.yml',
    ...values
  }
  return gateIn(workspace, all, { transport: FAST })
}
const messages = (r: GateResult): string[] => r.findings.map(f => `${f.rule}: ${f.message}`)

describe('a quorum of signers, against the real registry', () => {
  test('two keys of two named signers reach threshold 2; a third signer not in the list is named in the report', async () => {
    const r = await gate(['q/two:1'], `rules:\n  - images: ["**"]\n${SIGNERS}    threshold: 2\n`)
    expect(messages(r)).toEqual([])
    const report = buildReport(r, true)
    expect(report.images[0]!.trust!.quorums).toEqual([
      {
        source: 'policy.yml rules[0] (line 2)',
        threshold: 2,
        required: [],
        signers: ['release', 'security', 'qa'],
        digests: [
          {
            digest: img.two!.digest,
            platform: null,
            satisfied: true,
            signed: ['release', 'security'],
            missing: ['qa'],
            requiredMissing: [],
            // A key not named anywhere cannot say whose it is: its signature does not verify (below), so it is
            // no signer of the list, and no other named signer either.
            others: []
          }
        ]
      }
    ])
    // Discovery read past the first accepted signature: both signers' layers were verified.
    const sigs = r.images[0]!.facts!.trust!.top.signatures
    expect(sigs.filter(s => s.verified).map(s => s.signer)).toEqual([
      { kind: 'key', fingerprint: release.publicKey.fingerprint },
      { kind: 'key', fingerprint: security.publicKey.fingerprint }
    ])
    expect(sigs.filter(s => !s.verified).map(s => s.reason)).toEqual([
      expect.stringContaining('does not verify with any key')
    ])
  })

  test('one key signing twice is one signer: threshold 2 is not reached', async () => {
    const r = await gate(['q/twice:1'], `rules:\n  - images: ["**"]\n${SIGNERS}    threshold: 2\n`)
    expect(messages(r)).toEqual([
      `signature: signature quorum not met for ${img.twice!.digest}: 1 of 2 required signers signed (release); missing: security, qa [policy.yml rules[0] (line 2)]`
    ])
    expect(r.images[0]!.facts!.trust!.top.signatures.filter(s => s.verified)).toHaveLength(2)
  })

  test('a required signer missing fails, though the threshold is met', async () => {
    const r = await gate(
      ['q/norequired:1'],
      `rules:\n  - images: ["**"]\n${SIGNERS}    threshold: 2\n    required: [security]\n`
    )
    expect(messages(r)).toEqual([
      expect.stringContaining(
        `signature quorum not met for ${img.norequired!.digest}: 2 of 2 required signers signed (release, qa); missing: security; security is required and did not sign`
      )
    ])
  })

  test('the inputs keep their meaning beside a quorum: both must pass', async () => {
    const r = await gate(['q/twice:1'], `rules:\n  - images: ["**"]\n${SIGNERS}    threshold: 1\n`, {
      'signature-keys': qa.pem
    })
    expect(messages(r)).toEqual([expect.stringMatching(/^signature: no accepted signature for sha256:[0-9a-f]{64}: /)])
  })
})

describe("a quorum's signers are accepted signers", () => {
  test('an SBOM a quorum signer attested is signed: sbom: signed passes with no other signer set', async () => {
    const r = await gate(['q/sbom:1'], `rules:\n  - images: ["**"]\n${SIGNERS}    threshold: 2\n    sbom: signed\n`)
    expect(messages(r)).toEqual([])
    expect(r.images[0]!.facts!.platforms[0]!.content?.sbom).toEqual(
      expect.objectContaining({ format: 'cyclonedx', source: 'attestation', signed: true })
    )
  })
})

describe('signatures kept in another repository', () => {
  const sigRepo = (): string => `${proxy.host}/q/signatures`

  test('found there, by the policy key and by the input; the places are named with the repository', async () => {
    const byPolicy = await gate(
      ['q/elsewhere:1'],
      `rules:\n  - images: ["**"]\n    signature-repository: ${sigRepo()}\n${SIGNERS}    threshold: 2\n`
    )
    expect(messages(byPolicy)).toEqual([])
    const top = byPolicy.images[0]!.facts!.trust!.top
    expect(top.looked).toEqual(expect.arrayContaining([`tag ${tagOf(img.elsewhere!.digest, '.sig')} of ${sigRepo()}`]))
    expect(top.signatures[0]!.place).toBe(`tag ${tagOf(img.elsewhere!.digest, '.sig')} of ${sigRepo()}`)
    // Nothing was asked of the image's own repository for signatures.
    expect(proxy.log.filter(e => e.path.startsWith('/v2/q/elsewhere/') && /sha256-/.test(e.path))).toEqual([])

    const byInput = await gate(['q/elsewhere:1'], 'rules:\n  - max-age: 3650d\n', {
      'signature-keys': release.pem,
      'signature-repository': sigRepo()
    })
    expect(messages(byInput)).toEqual([])
  })

  test('not found when only in the image’s own repository: the signature repository is where signatures live', async () => {
    const r = await gate(
      ['q/ownrepo:1'],
      `rules:\n  - images: ["**"]\n    signature-repository: ${sigRepo()}\n${SIGNERS}    threshold: 2\n`
    )
    expect(messages(r)).toEqual([
      expect.stringContaining(
        `signature quorum not met for ${img.ownrepo!.digest}: 0 of 2 required signers signed; missing: release, security, qa; no signature found (looked in referrers API (not offered), referrers tag ${tagOf(img.ownrepo!.digest)} of ${sigRepo()}`
      )
    ])
  })

  test('on a registry the registries rule does not allow, it is never contacted: could not check', async () => {
    const before = recorder.requests.length
    const r = await gate(
      ['q/blocked:1'],
      `rules:\n  - images: ["**/q/blocked:*"]\n    registries: ["${proxy.host}"]\n    signature-repository: ${recorder.host}/q/signatures\n    signature-keys: [release.pub]\n`
    )
    expect(recorder.requests.length).toBe(before)
    expect(messages(r)).toEqual([
      expect.stringContaining(
        `signature: could not check signature of ${img.blocked!.digest}: discovery failed on ${recorder.host}: signature-repository ${recorder.host}/q/signatures was not contacted: `
      )
    ])
  })
})

describe('several signature repositories', () => {
  test('each is looked in; one refused is could not check unless another holds what the rules need', async () => {
    const before = recorder.requests.length
    const policy = (threshold: number): string => `rules:
  - images: ["**"]
    signature-repository: ${proxy.host}/q/signatures
${SIGNERS}    threshold: ${threshold}
  - images: ["**/q/elsewhere:*"]
    registries: ["${proxy.host}"]
    signature-repository: ${recorder.host}/q/signatures
`
    const met = await gate(['q/elsewhere:1'], policy(2))
    expect(messages(met)).toEqual([])
    const notMet = await gate(['q/elsewhere:1'], policy(3))
    expect(messages(notMet)).toEqual([
      expect.stringContaining(
        `signature: could not check signature quorum of ${img.elsewhere!.digest}: discovery failed on ${recorder.host}: signature-repository ${recorder.host}/q/signatures was not contacted: `
      )
    ])
    expect(notMet.images[0]!.facts!.trust!.top.looked).toEqual(
      expect.arrayContaining([
        `tag ${tagOf(img.elsewhere!.digest, '.sig')} of ${proxy.host}/q/signatures`,
        `.sig and .att tags of ${recorder.host}/q/signatures`
      ])
    )
    expect(recorder.requests.length).toBe(before)
  })
})

describe('the bundled command line', () => {
  test('a two-signer quorum passes; one key twice fails, naming who signed and who did not', async () => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run bundle')
    const dir = mkdtempSync(join(tmpdir(), 'quorum-cli-'))
    try {
      writeFileSync(join(dir, 'release.pub'), release.pem)
      writeFileSync(join(dir, 'security.pub'), security.pem)
      writeFileSync(
        join(dir, 'policy.yml'),
        `rules:\n  - signers:\n      - { name: release, key: release.pub }\n      - { name: security, key: security.pub }\n    threshold: 2\n    signature-repository: ${reg.host}/q/signatures\n`
      )
      const ok = await runCli(
        ['--images', `${reg.host}/q/elsewhere:1`, '--policy', 'policy.yml', '--format', 'json'],
        {},
        { dir }
      )
      expect(ok.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
      expect(ok.code).toBe(0)
      const report = JSON.parse(ok.stdout) as { images: Array<{ trust: { quorums: unknown[] } }> }
      expect(report.images[0]!.trust.quorums).toEqual([
        expect.objectContaining({
          signers: ['release', 'security'],
          digests: [expect.objectContaining({ satisfied: true })]
        })
      ])

      writeFileSync(
        join(dir, 'policy.yml'),
        'rules:\n  - signers:\n      - { name: release, key: release.pub }\n      - { name: security, key: security.pub }\n    threshold: 2\n'
      )
      const twice = await runCli(['--images', `${reg.host}/q/twice:1`, '--policy', 'policy.yml'], {}, { dir })
      expect(twice.code).toBe(1)
      expect(twice.stdout + twice.stderr).toContain(
        `signature quorum not met for ${img.twice!.digest}: 1 of 2 required signers signed (release); missing: security`
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
