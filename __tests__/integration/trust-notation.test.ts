/**
 * Notary Project (Notation) signatures against the real registry: JWS and COSE envelopes made per the specification
 * (__tests__/support/notation.ts), pushed as referrers of artifact type application/vnd.cncf.notary.signature
 * through the referrers tag schema (Debian's registry has no referrers API; the `api` proxy serves one from what was
 * pushed), verified with a trust policy and a trust store as Notation lays them out, from the workspace and through
 * the GitHub contents API (base:, github:). One run goes through the bundled action (dist/).
 */
import { gateIn } from '../support/gate.js'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildReport } from '../../src/report/report.js'
import type { GateResult } from '../../src/gate/result.js'
import { startProxy, type FaultProxy } from '../support/fault-proxy.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { SignaturePusher, tagOf } from '../support/sign-push.js'
import { FakeGitHub } from '../support/fake-github.js'
import { cleanup, runAction } from '../support/run-action.js'
import { runCli } from '../support/run-cli.js'
import { type Chain, makeChain, signCose, signJws } from '../support/notation.js'

const NOTATION = 'application/vnd.cncf.notary.signature'
const SUBJECT = 'C=US, ST=WA, O=Acme, CN=Builder'
const DAY = 86400_000
let reg: TestRegistry
let plain: FaultProxy
let api: FaultProxy
let sp: SignaturePusher
let workspace: string
let trusted: Chain
let rootPem: string
const gh = new FakeGitHub('acme', 'app', 3)
const img: Record<string, PushedImage> = {}

function policy(statements: unknown[]): string {
  return JSON.stringify({ version: '1.0', trustPolicies: statements })
}
const strictAll = {
  name: 'acme',
  registryScopes: ['*'],
  signatureVerification: { level: 'strict' },
  trustStores: ['ca:acme'],
  trustedIdentities: ['x509.subject: C=US, ST=WA, O=Acme']
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  plain = await startProxy({ target: reg.url })
  api = await startProxy({ target: reg.url })
  sp = new SignaturePusher(new Pusher(reg))
  api.intercept(req => {
    const answer = sp.referrersAnswer({ method: req.method, url: req.path })
    return answer ? { kind: 'respond', ...answer } : undefined
  })
  await gh.start()
  trusted = await makeChain()
  rootPem = trusted.root.pem
  const other = await makeChain({}, 'C=US, ST=WA, O=Mallory, CN=Mallory Root')
  workspace = mkdtempSync(join(tmpdir(), 'notation-ws-'))
  mkdirSync(join(workspace, 'truststore/x509/ca/acme'), { recursive: true })
  writeFileSync(join(workspace, 'truststore/x509/ca/acme/root.pem'), rootPem)
  writeFileSync(join(workspace, 'trustpolicy.json'), policy([strictAll]))

  const push = new Pusher(reg)
  const names = ['jws', 'cose', 'untrusted', 'expired', 'audited', 'otherdigest', 'unsigned', 'tampered']
  const pushed = await Promise.all(names.map(n => push.image(`n/${n}`, { tag: '1' })))
  names.forEach((n, i) => (img[n] = pushed[i]!))
  const jws = (n: string, chain: Chain, o = {}, descriptor = img[n]!.descriptor) =>
    sp.referrer(`n/${n}`, img[n]!.descriptor, NOTATION, signJws(chain, descriptor, o), 'application/jose+json')
  await jws('jws', trusted)
  await sp.referrer(
    `n/cose`,
    img.cose!.descriptor,
    NOTATION,
    signCose(trusted, img.cose!.descriptor),
    'application/cose'
  )
  await jws('untrusted', other)
  await jws('expired', trusted, { expiry: new Date(Date.now() - DAY) })
  await jws('audited', trusted, { expiry: new Date(Date.now() - DAY) })
  await jws('otherdigest', trusted, {}, img.jws!.descriptor)
  const good = JSON.parse(signJws(trusted, img.tampered!.descriptor).toString()) as { signature: string }
  const flipped = Buffer.from(good.signature, 'base64url')
  flipped[0] = flipped[0]! ^ 1
  await sp.referrer(
    'n/tampered',
    img.tampered!.descriptor,
    NOTATION,
    Buffer.from(JSON.stringify({ ...good, signature: flipped.toString('base64url') })),
    'application/jose+json'
  )
})
afterAll(async () => {
  await plain?.stop()
  await api?.stop()
  await reg?.stop()
  await gh.stop()
  if (workspace) rmSync(workspace, { recursive: true, force: true })
})

async function gate(
  proxy: FaultProxy,
  images: string[],
  values: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {}
): Promise<GateResult> {
  const all: Record<string, string> = {
    images: images.map(i => `${proxy.host}/${i}`).join('\n'),
    'notation-trust-policy': 'trustpolicy.json',
    'notation-trust-store': 'truststore',
    ...values
  }
  return gateIn(workspace, all, { env })
}
const messages = (r: GateResult): string[] => r.findings.map(f => `${f.rule}: ${f.message}`)

describe('Notation signatures as referrers', () => {
  test('a JWS signature from the trusted CA passes signature, through the referrers tag and the referrers API', async () => {
    for (const proxy of [plain, api]) {
      const r = await gate(proxy, ['n/jws:1'])
      expect(messages(r)).toEqual([])
      expect(r.images[0]!.facts!.trust!.top.signatures).toEqual([
        expect.objectContaining({
          verified: true,
          format: 'Notation signature (JWS)',
          place: proxy === api ? 'referrers API' : `referrers tag ${tagOf(img.jws!.digest)}`,
          signer: { kind: 'notation', subject: SUBJECT, policy: 'acme', level: 'strict' },
          subjects: [img.jws!.digest]
        })
      ])
    }
  })

  test('a COSE signature passes; the report names the certificate subject and the trust policy', async () => {
    const r = await gate(plain, ['n/cose:1'])
    expect(messages(r)).toEqual([])
    const sig = buildReport(r, true).images[0]!.trust!.digests[0]!.signatures[0]!
    expect(sig).toMatchObject({
      format: 'Notation signature (COSE)',
      signer: { kind: 'notation', subject: SUBJECT, policy: 'acme', level: 'strict' }
    })
  })

  test.each<[string, string]>([
    ['untrusted', 'leads to no certificate of the trust stores ca:acme'],
    ['expired', 'the signature expired at'],
    ['otherdigest', 'the payload names another digest'],
    ['tampered', 'the signature does not verify with the signing certificate'],
    ['unsigned', 'no signature found for']
  ])('n/%s fails signature, saying why', async (name, why) => {
    const r = await gate(plain, [`n/${name}:1`])
    const m = messages(r)
    expect(m).toHaveLength(1)
    expect(m[0]).toMatch(/^signature: /)
    expect(m[0]).toContain(why)
    expect(m[0]).toContain(img[name]!.digest)
  })

  test('a level that only logs expiry (permissive, by exact scope over "*") passes and keeps what it logged', async () => {
    const doc = policy([
      strictAll,
      {
        ...strictAll,
        name: 'audited',
        registryScopes: [`${plain.host}/n/audited`],
        signatureVerification: { level: 'permissive' }
      }
    ])
    writeFileSync(join(workspace, 'scoped.json'), doc)
    const r = await gate(plain, ['n/audited:1', 'n/expired:1'], { 'notation-trust-policy': 'scoped.json' })
    expect(messages(r)).toHaveLength(1)
    expect(messages(r)[0]).toContain(img.expired!.digest)
    const audited = buildReport(r, true).images.find(i => i.input.endsWith('n/audited:1'))!
    const sig = audited.trust!.digests[0]!.signatures[0]!
    expect(sig.verified).toBe(true)
    expect(sig.signer).toMatchObject({ policy: 'audited', level: 'permissive' })
    expect(sig.logged?.[0]).toMatch(/^the signature expired at /)
  })

  test('audit (by exact scope) does not let an untrusted chain pass: Notation would log it, the gate refuses it', async () => {
    const doc = policy([
      strictAll,
      {
        ...strictAll,
        name: 'audited',
        registryScopes: [`${plain.host}/n/untrusted`],
        signatureVerification: { level: 'audit' }
      }
    ])
    writeFileSync(join(workspace, 'audit.json'), doc)
    const r = await gate(plain, ['n/untrusted:1'], { 'notation-trust-policy': 'audit.json' })
    expect(messages(r)).toHaveLength(1)
    expect(messages(r)[0]).toContain(
      'trust policy "audited" (audit) only logs authenticity, and the signature is not authentic: the certificate chain of C=US, ST=WA, O=Acme, CN=Builder leads to no certificate of the trust stores ca:acme'
    )
    expect(r.images[0]!.facts!.trust!.top.signatures[0]).toMatchObject({ verified: false })
  })

  test('an image no statement applies to fails: its Notation signature is refused, saying so', async () => {
    writeFileSync(join(workspace, 'narrow.json'), policy([{ ...strictAll, registryScopes: ['ghcr.io/acme/app'] }]))
    const r = await gate(plain, ['n/jws:1'], { 'notation-trust-policy': 'narrow.json' })
    expect(messages(r)).toHaveLength(1)
    expect(messages(r)[0]).toContain(`no statement of the trust policy narrow.json applies to ${plain.host}/n/jws`)
  })

  test('a Notation signature does not satisfy signature-keys alone: without a trust policy it is unsupported', async () => {
    const r = await gate(plain, ['n/jws:1'], {
      'notation-trust-policy': '',
      'notation-trust-store': '',
      'signature-identities': 'https://github.com/acme/*'
    })
    expect(messages(r)[0]).toContain('no notation-trust-policy was given')
  })
})

describe('indexes', () => {
  test('an index signed itself passes; one whose platforms are signed, each with its own descriptor, passes too', async () => {
    const push = new Pusher(reg)
    const platforms = [
      { platform: { os: 'linux', architecture: 'amd64' } },
      { platform: { os: 'linux', architecture: 'arm64' }, format: 'docker' as const }
    ]
    const top = await push.index('n/index-top', { tag: '1', images: platforms })
    const topDescriptor = {
      mediaType: 'application/vnd.oci.image.index.v1+json',
      digest: top.digest,
      size: top.indexBytes.length
    }
    await sp.referrer('n/index-top', topDescriptor, NOTATION, signJws(trusted, topDescriptor), 'application/jose+json')
    const each = await push.index('n/index-each', { tag: '1', images: platforms })
    for (const child of each.children)
      await sp.referrer(
        'n/index-each',
        child.descriptor,
        NOTATION,
        signCose(trusted, child.descriptor),
        'application/cose'
      )
    const r = await gate(plain, ['n/index-top:1', 'n/index-each:1'])
    expect(messages(r)).toEqual([])
    const eachTrust = r.images.find(i => i.input.endsWith('n/index-each:1'))!.facts!.trust!
    expect(eachTrust.platforms.map(p => p.signatures[0]?.verified)).toEqual([true, true])
  })
})

describe('in the policy file', () => {
  const rule = (value: string) => `rules:\n  - images: ["**/n/**"]\n    notation-trust-policy: ${value}\n`
  test('a rule naming the statement that verified passes; one naming another statement says whom it accepts', async () => {
    writeFileSync(
      join(workspace, 'two.json'),
      policy([strictAll, { ...strictAll, name: 'tools', registryScopes: ['ghcr.io/acme/tools'] }])
    )
    writeFileSync(join(workspace, 'acme.yml'), rule('[acme]'))
    writeFileSync(join(workspace, 'tools.yml'), rule('[tools]'))
    const inputs = { 'notation-trust-policy': 'two.json' }
    expect(messages(await gate(plain, ['n/jws:1'], { ...inputs, policy: 'acme.yml' }))).toEqual([])
    const m = messages(await gate(plain, ['n/jws:1'], { ...inputs, policy: 'tools.yml' }))
    expect(m.some(x => x.includes('accepted: Notation signatures of trust policy tools'))).toBe(true)
  })

  test.each<[string, Record<string, string>, RegExp]>([
    [
      '[nope]',
      {},
      /notation-trust-policy names "nope", which is no statement of trustpolicy.json \(its statements: acme\)/
    ],
    [
      'true',
      { 'notation-trust-policy': '', 'notation-trust-store': '' },
      /notation-trust-policy counts Notation signatures, but the input "notation-trust-policy" is not given/
    ]
  ])('notation-trust-policy: %s that cannot be satisfied stops the run', async (value, inputs, message) => {
    writeFileSync(join(workspace, 'rule.yml'), rule(value))
    await expect(gate(plain, ['n/jws:1'], { ...inputs, policy: 'rule.yml' })).rejects.toThrow(message)
  })
})

describe('inputs', () => {
  test.each<[Record<string, string>, RegExp]>([
    [
      { 'notation-trust-store': '' },
      /^Input "notation-trust-policy" is "trustpolicy.json", but "notation-trust-store" is empty/
    ],
    [
      { 'notation-trust-policy': '' },
      /^Input "notation-trust-store" is "truststore", but "notation-trust-policy" is empty/
    ],
    [
      { 'notation-trust-policy': 'nope.json' },
      /^Input "notation-trust-policy" is "nope.json": no such file in the workspace/
    ],
    [{ 'notation-trust-store': 'nope' }, /^Input "notation-trust-store" is "nope": no such directory in the workspace/],
    [
      { 'notation-trust-store': 'empty' },
      /^Input "notation-trust-store" is "empty": trust policy "acme" names the trust store ca:acme, which holds no certificate/
    ],
    [
      { 'notation-trust-policy': 'bad.json' },
      /^notation-trust-policy bad.json: trust policy "acme": signatureVerification.level "lax" is not strict/
    ]
  ])('%j stops the run', async (values, message) => {
    mkdirSync(join(workspace, 'empty/x509/ca/acme'), { recursive: true })
    writeFileSync(join(workspace, 'bad.json'), policy([{ ...strictAll, signatureVerification: { level: 'lax' } }]))
    await expect(gate(plain, ['n/jws:1'], values)).rejects.toThrow(message)
  })
})

describe('trusted sources', () => {
  const BASE = 'b'.repeat(40)
  const env = () => ({ GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/app', GITHUB_SHA: BASE })
  test('base: policy and store, the store listed through the contents API', async () => {
    gh.files.set(`acme/app/.github/notation/trustpolicy.json@${BASE}`, policy([strictAll]))
    gh.files.set(`acme/app/.github/notation/truststore/x509/ca/acme/root.pem@${BASE}`, rootPem)
    const r = await gate(
      plain,
      ['n/jws:1'],
      {
        'notation-trust-policy': 'base:.github/notation/trustpolicy.json',
        'notation-trust-store': 'base:.github/notation/truststore'
      },
      env()
    )
    expect(messages(r)).toEqual([])
  })

  test('github: a central repository; a store that cannot be listed stops the run as a source error', async () => {
    gh.files.set('acme/policies/notation/trustpolicy.json@main', policy([strictAll]))
    gh.files.set('acme/policies/notation/store/x509/ca/acme/root.pem@main', rootPem)
    const values = {
      'notation-trust-policy': 'github:acme/policies/notation/trustpolicy.json@main',
      'notation-trust-store': 'github:acme/policies/notation/store@main'
    }
    expect(messages(await gate(plain, ['n/jws:1'], values, env()))).toEqual([])
    await expect(
      gate(plain, ['n/jws:1'], { ...values, 'notation-trust-store': 'github:acme/policies/nope@main' }, env())
    ).rejects.toThrow(/github:acme\/policies\/nope@main: not found/)
  })
})

describe('the bundled action', () => {
  test('dist/index.js: a Notation-signed image passes, an untrusted one fails; the summary names the subject', async () => {
    const run = await runAction(
      {
        images: [`${plain.host}/n/jws:1`, `${plain.host}/n/untrusted:1`].join('\n'),
        'notation-trust-policy': 'trustpolicy.json',
        'notation-trust-store': 'truststore',
        'fail-build': 'false'
      },
      {},
      60_000,
      dir => {
        mkdirSync(join(dir, 'truststore/x509/ca/acme'), { recursive: true })
        writeFileSync(join(dir, 'truststore/x509/ca/acme/root.pem'), rootPem)
        writeFileSync(join(dir, 'trustpolicy.json'), policy([strictAll]))
      }
    )
    try {
      expect(run.outputs.result).toBe('fail')
      expect(run.outputs.violations).toBe('1')
      expect(run.summary).toContain(`Notation ${SUBJECT} (trust policy acme)`)
      expect(run.everything()).toContain('leads to no certificate of the trust stores ca:acme')
    } finally {
      cleanup(run)
    }
  })
})

describe('the command line', () => {
  test('--notation-trust-policy and --notation-trust-store: exit 0 signed, exit 1 untrusted, exit 2 for a bad policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notation-cli-'))
    mkdirSync(join(dir, 'truststore/x509/ca/acme'), { recursive: true })
    writeFileSync(join(dir, 'truststore/x509/ca/acme/root.pem'), rootPem)
    writeFileSync(join(dir, 'trustpolicy.json'), policy([strictAll]))
    writeFileSync(join(dir, 'bad.json'), policy([{ ...strictAll, registryScopes: ['*', 'ghcr.io/a/b'] }]))
    const flags = (image: string, file = 'trustpolicy.json') => [
      `${plain.host}/${image}`,
      '--notation-trust-policy',
      file,
      '--notation-trust-store',
      'truststore'
    ]
    const runs: Awaited<ReturnType<typeof runCli>>[] = []
    try {
      runs.push(await runCli(flags('n/jws:1'), {}, { dir }))
      expect(runs[0]!.code).toBe(0)
      runs.push(await runCli(flags('n/untrusted:1'), {}, { dir }))
      expect(runs[1]!.code).toBe(1)
      expect(runs[1]!.stdout + runs[1]!.stderr).toContain('leads to no certificate of the trust stores ca:acme')
      runs.push(await runCli(flags('n/jws:1', 'bad.json'), {}, { dir }))
      expect(runs[2]!.code).toBe(2)
      expect(runs[2]!.stderr).toContain(
        'notation-trust-policy bad.json: trust policy "acme": registryScopes holds "*" beside other scopes'
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
