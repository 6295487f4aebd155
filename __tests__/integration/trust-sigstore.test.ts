/**
 * Sigstore bundles and keyless signatures against the real registry: key bundles and keyless bundles made offline
 * by a private Sigstore instance on loopback (@sigstore/mock's Fulcio, Rekor and TSA), whose trusted root the gate
 * gets through `trusted-root`. Bundles are pushed as OCI 1.1 referrers (the referrers tag schema); the `api` proxy
 * also serves the referrers API from what was pushed.
 */
import { gateIn } from '../support/gate.js'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildReport } from '../../src/report/report.js'
import { startProxy, type FaultProxy } from '../support/fault-proxy.js'
import { ROOT, cleanup, runAction } from '../support/run-action.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { SignaturePusher, tagOf } from '../support/sign-push.js'
import {
  BUNDLE_V03,
  COSIGN_SIGN_V1,
  PUBLIC_GOOD_BUNDLE,
  emptyImage,
  SLSA_PROVENANCE_V1,
  cosignAnnotationsFromBundle,
  generateKey,
  githubWorkflowClaims,
  keyBundle,
  simpleSigning,
  startSigstore,
  statement,
  type TestKey,
  type TestSigstore
} from '../support/sigstore.js'
import { type GateResult } from '../../src/gate/result.js'

let reg: TestRegistry
let plain: FaultProxy
let api: FaultProxy
let sp: SignaturePusher
let sigstore: TestSigstore
let key: TestKey
let workspace: string
const img: Record<string, PushedImage> = {}
const SPDX = 'https://spdx.dev/Document'
const WF = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3'

const serveReferrers = (proxy: FaultProxy): void => {
  proxy.intercept(req => {
    const answer = sp.referrersAnswer({ method: req.method, url: req.path })
    return answer ? { kind: 'respond', ...answer } : undefined
  })
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  plain = await startProxy({ target: reg.url })
  api = await startProxy({ target: reg.url })
  sp = new SignaturePusher(new Pusher(reg))
  serveReferrers(api)
  sigstore = await startSigstore()
  workspace = mkdtempSync(join(tmpdir(), 'trust-ws-'))
  sigstore.writeTrustedRoot(workspace)
  key = generateKey('p256')
  const push = new Pusher(reg)
  const names = [
    'keybundle',
    'keyless',
    'keylesssig',
    'otherdigest',
    'badversion',
    'spdx',
    'msgkeyless',
    'msgkey',
    'msgother'
  ]
  const pushed = await Promise.all(names.map(n => push.image(`s/${n}`, { tag: '1' })))
  names.forEach((n, i) => (img[n] = pushed[i]!))
  const subject = (n: string, digest = img[n]!.digest): Array<{ name: string; digest: string }> => [
    { name: `s/${n}`, digest }
  ]
  const claims = githubWorkflowClaims('acme/app', '.github/workflows/release.yml', 'refs/tags/v1.2.3')
  const refer = (n: string, bundle: unknown): Promise<string> =>
    sp.referrer(`s/${n}`, img[n]!.descriptor, BUNDLE_V03, Buffer.from(JSON.stringify(bundle)))

  await refer('keybundle', await keyBundle(key, { dsse: statement(subject('keybundle'), COSIGN_SIGN_V1) }))
  await refer('keyless', await sigstore.sign({ dsse: statement(subject('keyless'), SLSA_PROVENANCE_V1) }, claims))
  await refer(
    'otherdigest',
    await sigstore.sign({ dsse: statement(subject('otherdigest', img.keyless!.digest), SLSA_PROVENANCE_V1) }, claims)
  )
  await refer('spdx', await sigstore.sign({ dsse: statement(subject('spdx'), SPDX) }, claims))
  await refer('badversion', {
    ...(await keyBundle(key, { dsse: statement(subject('badversion'), COSIGN_SIGN_V1) })),
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.9+json'
  })
  // Message signatures (not DSSE) whose artifact is the image manifest itself, as `cosign sign --new-bundle-format`
  // and `sigstore sign` of the manifest make them; the last signs another image's manifest.
  await refer('msgkeyless', await sigstore.sign({ message: img.msgkeyless!.manifestBytes }, claims))
  await refer('msgkey', await keyBundle(key, { message: img.msgkey!.manifestBytes }))
  await refer('msgother', await keyBundle(key, { message: img.msgkey!.manifestBytes }))
  const payload = simpleSigning('s/keylesssig', img.keylesssig!.digest)
  const sigBundle = await sigstore.sign({ message: payload }, claims)
  await sp.cosignSig('s/keylesssig', img.keylesssig!.digest, [
    {
      payload,
      signature: cosignAnnotationsFromBundle(sigBundle)['dev.cosignproject.cosign/signature']!,
      annotations: cosignAnnotationsFromBundle(sigBundle)
    }
  ])
})
afterAll(async () => {
  await plain?.stop()
  await api?.stop()
  await sigstore?.close()
  await reg?.stop()
  if (workspace) rmSync(workspace, { recursive: true, force: true })
})

async function gate(proxy: FaultProxy, images: string[], values: Record<string, string>): Promise<GateResult> {
  const all: Record<string, string> = {
    images: images.map(i => `${proxy.host}/${i}`).join('\n'),
    'trusted-root': 'trusted_root.json',
    ...values
  }
  return gateIn(workspace, all)
}
const messages = (r: GateResult, image: string): string[] =>
  r.findings.filter(f => f.image.endsWith(`/${image}`)).map(f => `${f.rule}: ${f.message}`)

describe('Sigstore bundles as referrers', () => {
  test('a key bundle (cosign sign/v1 statement) passes signature through the referrers API and the referrers tag', async () => {
    for (const proxy of [api, plain]) {
      const r = await gate(proxy, ['s/keybundle:1'], { 'signature-keys': key.pem })
      expect(messages(r, 's/keybundle:1')).toEqual([])
      expect(r.images[0]!.facts!.trust!.top.signatures).toEqual([
        expect.objectContaining({
          verified: true,
          format: 'Sigstore bundle v0.3',
          place: proxy === api ? 'referrers API' : `referrers tag ${tagOf(img.keybundle!.digest)}`,
          signer: { kind: 'key', fingerprint: key.fingerprint },
          predicateType: COSIGN_SIGN_V1,
          subjects: [img.keybundle!.digest]
        })
      ])
    }
  })

  test('keyless provenance from acme/app passes provenance: acme/app; the report gives repository, workflow, ref, commit, runner', async () => {
    const r = await gate(api, ['s/keyless:1'], { provenance: 'acme/app' })
    expect(messages(r, 's/keyless:1')).toEqual([])
    const report = buildReport(r, true)
    expect(report.images[0]!.trust!.digests[0]!.signatures[0]!.signer).toEqual({
      kind: 'certificate',
      identity: WF,
      issuer: 'https://token.actions.githubusercontent.com',
      repository: 'https://github.com/acme/app',
      workflow: WF,
      ref: 'refs/tags/v1.2.3',
      commit: 'a'.repeat(40),
      runnerEnvironment: 'github-hosted'
    })
  })

  test.each<[string, Record<string, string>, string | null]>([
    [
      'provenance of a substring repository',
      { provenance: 'acme/ap' },
      'provenance found (Sigstore bundle v0.3 in referrers API): built from acme/app at refs/tags/v1.2.3 by acme/app/.github/workflows/release.yml@refs/tags/v1.2.3; the rule wants a repository of acme/ap'
    ],
    ['provenance of another repository', { provenance: 'evil/*' }, 'the rule wants a repository of evil/*'],
    ['the exact identity', { 'signature-identities': WF }, null],
    [
      'an identity glob over tags',
      { 'signature-identities': 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v*' },
      null
    ],
    [
      'a substring identity',
      { 'signature-identities': 'https://github.com/acme/ap' },
      `is signed by ${WF} (issuer https://token.actions.githubusercontent.com), but that is not an accepted signer`
    ],
    [
      'another identity',
      { 'signature-identities': 'https://github.com/acme/app/.github/workflows/ci.yml@*' },
      'not an accepted signer'
    ],
    [
      'the right identity from another issuer',
      { 'signature-identities': WF, 'signature-issuer': 'https://accounts.google.com' },
      'not an accepted signer'
    ],
    [
      'the public-good root instead of the test root',
      { 'signature-identities': WF, 'trusted-root': '' },
      'bad signature: Sigstore bundle v0.3 in referrers API'
    ]
  ])('keyless: %s', async (_name, values, message) => {
    const r = await gate(api, ['s/keyless:1'], values)
    const m = messages(r, 's/keyless:1')
    if (message === null) expect(m).toEqual([])
    else {
      expect(m).toHaveLength(1)
      expect(m[0]).toContain(message)
      expect(m[0]).toContain(img.keyless!.digest)
    }
  })

  test('a statement for another digest is a finding, whoever signed it', async () => {
    const r = await gate(plain, ['s/otherdigest:1'], { provenance: 'acme/app' })
    expect(messages(r, 's/otherdigest:1')).toEqual([
      expect.stringContaining(`is for another digest (${img.keyless!.digest})`)
    ])
  })

  test('attestations: an SPDX statement from the provenance repository is accepted; a missing predicate type is not', async () => {
    const r = await gate(api, ['s/spdx:1', 's/keyless:1'], { attestations: SPDX, 'signature-identities': WF })
    expect(messages(r, 's/spdx:1')).toEqual([])
    expect(messages(r, 's/keyless:1')).toEqual([
      expect.stringContaining(`attestations: no accepted ${SPDX} attestation for ${img.keyless!.digest}`)
    ])
  })

  test('an unknown bundle version is unsupported, never verified', async () => {
    const r = await gate(api, ['s/badversion:1'], { 'signature-keys': key.pem })
    expect(messages(r, 's/badversion:1')).toEqual([
      expect.stringContaining(
        'unsupported Sigstore bundle v0.3 in referrers API: unsupported Sigstore bundle version: mediaType "application/vnd.dev.sigstore.bundle.v0.9+json"'
      )
    ])
  })
})

describe('a certificate used outside its validity', () => {
  test('a keyless bundle whose log time is after the certificate expired is a bad signature, naming the times', async () => {
    // The CA's clock is an hour behind the log's: the certificate (10 minutes) has expired when the entry is logged.
    const late = await startSigstore({ caClock: new Date(Date.now() - 3_600_000) })
    try {
      const image = await new Pusher(reg).image('s/expired', { tag: '1' })
      const bundle = await late.sign(
        { dsse: statement([{ name: 's/expired', digest: image.digest }], SLSA_PROVENANCE_V1) },
        githubWorkflowClaims('acme/app')
      )
      await sp.referrer('s/expired', image.descriptor, BUNDLE_V03, Buffer.from(JSON.stringify(bundle)))
      late.writeTrustedRoot(workspace, 'late_root.json')
      const r = await gate(api, ['s/expired:1'], { provenance: 'acme/app', 'trusted-root': 'late_root.json' })
      const m = messages(r, 's/expired:1')
      expect(m).toHaveLength(1)
      expect(m[0]).toContain(
        `bad signature: Sigstore bundle v0.3 in referrers API: the signing certificate was used outside its validity`
      )
      expect(m[0]).toContain(image.digest)
    } finally {
      await late.close()
    }
  })
})

describe('message signatures over the image manifest', () => {
  test('a keyless message-signature bundle verifies over the manifest the client read; its subject is the image digest', async () => {
    for (const proxy of [api, plain]) {
      const r = await gate(proxy, ['s/msgkeyless:1'], { 'signature-identities': WF })
      expect(messages(r, 's/msgkeyless:1')).toEqual([])
      expect(r.images[0]!.facts!.trust!.top.signatures).toEqual([
        expect.objectContaining({
          verified: true,
          format: 'Sigstore bundle v0.3',
          subjects: [img.msgkeyless!.digest],
          signer: expect.objectContaining({ kind: 'certificate' })
        })
      ])
    }
  })

  test('a key message-signature bundle passes signature-keys; another key does not', async () => {
    const r = await gate(api, ['s/msgkey:1'], { 'signature-keys': key.pem })
    expect(messages(r, 's/msgkey:1')).toEqual([])
    expect(r.images[0]!.facts!.trust!.top.signatures[0]).toMatchObject({
      verified: true,
      signer: { kind: 'key', fingerprint: key.fingerprint },
      subjects: [img.msgkey!.digest]
    })
    const other = generateKey('p256')
    const bad = await gate(api, ['s/msgkey:1'], { 'signature-keys': other.pem })
    expect(messages(bad, 's/msgkey:1')).toEqual([
      expect.stringContaining('the signature verifies with no key of signature-keys')
    ])
  })

  test("a message signature over another image's manifest, pushed as this image's referrer, is a finding, never a pass", async () => {
    const r = await gate(api, ['s/msgother:1'], { 'signature-keys': key.pem })
    expect(messages(r, 's/msgother:1')).toEqual([
      expect.stringContaining("the bundle's message digest is not the sha256 of the signed artifact")
    ])
    expect(r.images[0]!.facts!.trust!.top.signatures[0]).toMatchObject({ verified: false })
  })
})

describe('trusted-root in the policy file', () => {
  const policy = (name: string, yaml: string): string => {
    writeFileSync(join(workspace, name), yaml)
    return name
  }

  test("a rule set's trusted-root verifies its images' keyless bundles; without it the shipped root does not", async () => {
    const named = policy(
      'root-named.yml',
      `rules:\n  - images: ["**/s/keyless"]\n    provenance: [acme/app]\n    trusted-root: trusted_root.json\n`
    )
    const ok = await gate(api, ['s/keyless:1'], { 'trusted-root': '', policy: named })
    expect(messages(ok, 's/keyless:1')).toEqual([])
    const unnamed = policy('root-unnamed.yml', `rules:\n  - images: ["**/s/keyless"]\n    provenance: [acme/app]\n`)
    const bad = await gate(api, ['s/keyless:1'], { 'trusted-root': '', policy: unnamed })
    expect(messages(bad, 's/keyless:1')).toEqual([expect.stringContaining('provenance: ')])
    expect(bad.images[0]!.facts!.trust!.top.signatures[0]).toMatchObject({ verified: false })
  })

  test('rule sets that name different roots for one image verify nothing keyless, and say why', async () => {
    const mixed = policy(
      'root-mixed.yml',
      `rules:\n  - provenance: [acme/app]\n    trusted-root: trusted_root.json\n  - images: ["**/s/keyless"]\n    signature-identities: ["${WF}"]\n`
    )
    const r = await gate(api, ['s/keyless:1'], { 'trusted-root': '', policy: mixed })
    expect(r.images[0]!.facts!.trust!.top.signatures[0]).toMatchObject({
      verified: false,
      reason:
        'the rules that apply to this image name different trusted roots ("trusted_root.json", the shipped public-good root); name one root for the image'
    })
    expect(messages(r, 's/keyless:1').length).toBeGreaterThan(0)
  })

  test('a policy root that is not a trusted root stops the run, naming the file, line and key', async () => {
    writeFileSync(join(workspace, 'not-a-root.json'), '{"mediaType":"application/json"}')
    const bad = policy('root-bad.yml', `rules:\n  - provenance: [acme/app]\n    trusted-root: not-a-root.json\n`)
    await expect(gate(api, ['s/keyless:1'], { policy: bad })).rejects.toThrow(
      /root-bad\.yml:3: rules\[0\]\.trusted-root: "not-a-root\.json" has mediaType "application\/json"; expected/
    )
  })
})

describe('keyless cosign .sig', () => {
  test('a keyless legacy signature (certificate and Rekor bundle in annotations) verifies against the root', async () => {
    const r = await gate(plain, ['s/keylesssig:1'], { 'signature-identities': WF })
    expect(messages(r, 's/keylesssig:1')).toEqual([])
    expect(r.images[0]!.facts!.trust!.top.signatures[0]).toMatchObject({
      verified: true,
      format: 'cosign signature (simple signing)',
      subjects: [img.keylesssig!.digest]
    })
  })
})

describe('trusted-root input', () => {
  test.each([['missing.json', 'Input "trusted-root" is "missing.json": no such file in the workspace']])(
    '%s',
    async (path, message) => {
      await expect(gate(plain, ['s/keyless:1'], { provenance: 'acme/app', 'trusted-root': path })).rejects.toThrow(
        message
      )
    }
  )
})

describe('a real public-good bundle, offline', () => {
  test("sigstore/cosign's oci-attestation.sigstore.json on go-containerregistry's empty image, rebuilt byte for byte and pushed", async () => {
    const empty = emptyImage()
    const push = new Pusher(reg)
    await push.blob('s/empty', empty.config, 'application/vnd.docker.container.image.v1+json')
    const digest = await push.manifest(
      's/empty',
      'v1',
      empty.manifest,
      'application/vnd.docker.distribution.manifest.v2+json'
    )
    expect(digest).toBe(PUBLIC_GOOD_BUNDLE.subject)
    const bundle = readFileSync(join(ROOT, PUBLIC_GOOD_BUNDLE.path))
    await sp.referrer(
      's/empty',
      { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', digest, size: empty.manifest.length },
      BUNDLE_V03,
      bundle
    )
    // The shipped public-good root (no trusted-root), through the referrers tag and through the API.
    for (const proxy of [plain, api]) {
      const ok = await gate(proxy, ['s/empty:v1'], {
        'trusted-root': '',
        'signature-identities': PUBLIC_GOOD_BUNDLE.identity,
        'signature-issuer': PUBLIC_GOOD_BUNDLE.issuer
      })
      expect(messages(ok, 's/empty:v1')).toEqual([])
      expect(ok.images[0]!.facts!.trust!.top.signatures[0]).toMatchObject({
        verified: true,
        subjects: [digest],
        signer: {
          kind: 'certificate',
          certificate: { identity: PUBLIC_GOOD_BUNDLE.identity, issuer: PUBLIC_GOOD_BUNDLE.issuer }
        }
      })
    }
    const other = await gate(plain, ['s/empty:v1'], {
      'trusted-root': '',
      'signature-identities': 'cody@soyland.co',
      'signature-issuer': PUBLIC_GOOD_BUNDLE.issuer
    })
    expect(messages(other, 's/empty:v1')).toEqual([
      expect.stringContaining(
        `is signed by ${PUBLIC_GOOD_BUNDLE.identity} (issuer ${PUBLIC_GOOD_BUNDLE.issuer}), but that is not an accepted signer`
      )
    ])
    // Against the test instance's root, the same bundle does not verify.
    const wrongRoot = await gate(plain, ['s/empty:v1'], {
      'signature-identities': PUBLIC_GOOD_BUNDLE.identity,
      'signature-issuer': PUBLIC_GOOD_BUNDLE.issuer
    })
    expect(messages(wrongRoot, 's/empty:v1')).toEqual([expect.stringContaining('bad signature: Sigstore bundle v0.3')])
  })
})

describe('the action from dist/, as the runner runs it', () => {
  test('provenance from the test root passes; a substring repository fails with an annotation; the summary names the signer', async () => {
    const prepare = (dir: string): void => void sigstore.writeTrustedRoot(dir)
    const inputs = { images: `${api.host}/s/keyless:1`, 'trusted-root': 'trusted_root.json' }
    const ok = await runAction({ ...inputs, provenance: 'acme/app' }, {}, 60_000, prepare)
    try {
      expect(ok.outputs.result).toBe('pass')
      expect(ok.summary).toContain('<th>Signed by</th>')
      expect(ok.summary).toContain(`${WF} (slsa.dev/provenance/v1)`)
      expect((ok.report!.images as Array<{ trust: unknown }>)[0]!.trust).toBeDefined()
    } finally {
      cleanup(ok)
    }
    const bad = await runAction({ ...inputs, provenance: 'acme/ap' }, {}, 60_000, prepare)
    try {
      expect(bad.outputs.result).toBe('fail')
      expect(bad.code).not.toBe(0)
      expect(bad.stdout).toMatch(
        /::error title=provenance::.*built from acme\/app at refs\/tags\/v1\.2\.3 .*; the rule wants a repository of acme\/ap/
      )
    } finally {
      cleanup(bad)
    }
  })
})

describe('a quorum whose keyless identities overlap', () => {
  const overlap = (threshold: number, required = ''): string =>
    [
      'rules:',
      '  - images: ["**/s/keyless"]',
      '    trusted-root: trusted_root.json',
      '    signers:',
      '      - name: org',
      '        identity: "https://github.com/acme/**"',
      '      - name: app',
      '        identity: "https://github.com/acme/app/**"',
      `    threshold: ${threshold}`,
      ...(required ? [`    required: [${required}]`] : []),
      ''
    ].join('\n')

  test('one certificate is one signer: threshold 1 (app required) passes, and the action from dist/ fails threshold 2', async () => {
    writeFileSync(join(workspace, 'overlap-1.yml'), overlap(1, 'app'))
    const one = await gate(api, ['s/keyless:1'], { 'trusted-root': '', policy: 'overlap-1.yml' })
    expect(messages(one, 's/keyless:1')).toEqual([])
    const prepare = (dir: string): void => {
      sigstore.writeTrustedRoot(dir)
      writeFileSync(join(dir, 'overlap-2.yml'), overlap(2))
    }
    const two = await runAction({ images: `${api.host}/s/keyless:1`, policy: 'overlap-2.yml' }, {}, 60_000, prepare)
    try {
      expect(two.outputs.result).toBe('fail')
      expect(two.stdout).toMatch(
        new RegExp(
          `::error title=signature::.*: signature quorum not met for ${img.keyless!.digest}: 1 of 2 required signers signed \\((org|app)\\); missing: (app|org)`
        )
      )
    } finally {
      cleanup(two)
    }
  })
})
