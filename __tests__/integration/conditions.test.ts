/**
 * Conditions on what attestations say, end to end: dist/index.js and dist/cli.js against the real registry, with
 * SLSA provenance statements signed by a test key and pushed as cosign attestations (`.att` tags). The policy's
 * condition reads the workflow ref the provenance names; a statement whose ref does not satisfy it is a finding at
 * the condition's line, and a condition that does not compile stops the run as a policy error.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { SignaturePusher, tagOf } from '../support/sign-push.js'
import { envelope, statement, testSigner, type TestSigner } from '../support/signing.js'
import { ROOT, cleanup, runAction, type ActionRun } from '../support/run-action.js'
import { cleanupCli, runCli } from '../support/run-cli.js'

const SLSA = 'https://slsa.dev/provenance/v1'
let reg: TestRegistry
let key: TestSigner
const img: Record<string, PushedImage> = {}
const runs: ActionRun[] = []

/** SLSA provenance v1 as actions/attest-build-provenance writes it for a workflow run at `ref`. */
const provenance = (ref: string): unknown => ({
  buildDefinition: {
    buildType: 'https://actions.github.io/buildtypes/workflow/v1',
    externalParameters: {
      workflow: { ref, repository: 'https://github.com/acme/app', path: '.github/workflows/release.yml' }
    },
    internalParameters: { github: { event_name: 'push', runner_environment: 'github-hosted' } },
    resolvedDependencies: [{ uri: `git+https://github.com/acme/app@${ref}`, digest: { gitCommit: 'f'.repeat(40) } }]
  },
  runDetails: { builder: { id: 'https://github.com/actions/runner/github-hosted' }, metadata: {} }
})

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  const push = new Pusher(reg)
  const sp = new SignaturePusher(push)
  key = testSigner('P-256')
  for (const n of ['tagged', 'branch', 'both']) img[n] = await push.image(`cel/${n}`, { tag: '1' })
  const att = (n: string, ...refs: string[]): Promise<string> =>
    sp.cosignAtt(
      `cel/${n}`,
      img[n]!.digest,
      refs.map(ref => envelope(key, statement([img[n]!.digest], SLSA, provenance(ref))))
    )
  await att('tagged', 'refs/tags/v1.2.3')
  await att('branch', 'refs/heads/main')
  // Two statements: one that does not satisfy the condition, one that does.
  await att('both', 'refs/heads/main', 'refs/tags/v2.0.0')
})
afterAll(async () => {
  runs.forEach(cleanup)
  await reg?.stop()
})

const POLICY = (condition: string): string => `rules:
  - images: ["**/cel/**"]
    signature-keys: [cosign.pub]
    attestations:
      - type: ${SLSA}
        condition: >-
          ${condition}
`
const TAGGED = 'predicate.buildDefinition.externalParameters.workflow.ref.startsWith("refs/tags/v")'

async function gate(images: string[], policy: string): Promise<ActionRun> {
  const run = await runAction(
    { images: images.map(i => `${reg.host}/${i}`).join('\n'), policy: 'policy.yml' },
    {},
    60_000,
    dir => {
      writeFileSync(join(dir, 'policy.yml'), policy)
      writeFileSync(join(dir, 'cosign.pub'), key.pem)
    }
  )
  runs.push(run)
  return run
}

const findings = (run: ActionRun): Array<{ rule: string; image: string; message: string }> =>
  (run.report as { findings: Array<{ rule: string; image: string; message: string }> }).findings

describe('a condition on signed SLSA provenance', () => {
  test('a ref that satisfies it passes; one that does not is a finding naming the type, the line and the outcome', async () => {
    const run = await gate(['cel/tagged:1', 'cel/branch:1', 'cel/both:1'], POLICY(TAGGED))
    expect(run.code).toBe(1)
    const f = findings(run)
    expect(f).toHaveLength(1)
    expect(f[0]).toMatchObject({ rule: 'attestations', image: `${reg.host}/cel/branch:1` })
    expect(f[0]!.message).toBe(
      `no accepted ${SLSA} attestation for ${img.branch!.digest}: cosign attestation (DSSE) in tag ${tagOf(img.branch!.digest, '.att')} is signed by key ${key.publicKey.fingerprint}, but the condition at policy.yml:6 is not met: it is false (${TAGGED}) [policy.yml rules[0] (line 2)]`
    )
    expect(run.stdout).toContain('::error title=attestations')
  })

  test('a condition that fails on the statement says what it evaluated to', async () => {
    const run = await gate(['cel/tagged:1'], POLICY('predicate.buildDefinition.externalParameters.workflow.sha == "x"'))
    expect(run.code).toBe(1)
    expect(findings(run)[0]!.message).toContain('the condition at policy.yml:6 is not met: it failed: No such key: sha')
  })

  test('the variables: signer, image, subject, predicateType', async () => {
    const run = await gate(
      ['cel/tagged:1'],
      POLICY(
        `signer.key == "${key.publicKey.fingerprint}" && signer.identity == "" && image.digest == subject[0].digest.sha256.substring(0, 0) + image.digest && image.reference.endsWith("/cel/tagged:1") && predicateType == "${SLSA}"`
      )
    )
    expect(findings(run)).toEqual([])
    expect(run.code).toBe(0)
  })
})

describe('a condition that does not compile stops the run at its line', () => {
  test('the action fails with the policy error', async () => {
    const run = await gate(
      ['cel/tagged:1'],
      POLICY('predicate.buildDefinition.externalParameters.workflow.ref.startsWith(')
    )
    expect(run.code).not.toBe(0)
    expect(run.everything()).toContain('policy.yml:6: rules[0].attestations[0].condition: not valid CEL')
    expect(run.report).toBeUndefined()
  })

  test('the command line exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-cli-'))
    writeFileSync(join(dir, 'policy.yml'), POLICY('build.ref == "x"'))
    writeFileSync(join(dir, 'cosign.pub'), key.pem)
    const cli = await runCli(['--policy', 'policy.yml', `${reg.host}/cel/tagged:1`], {}, { dir })
    try {
      expect(cli.code).toBe(2)
      expect(cli.stderr).toContain(
        'policy.yml:6: rules[0].attestations[0].condition: not valid CEL: Unknown variable: build'
      )
    } finally {
      cleanupCli(cli)
    }
  })

  test('the command line passes what satisfies the condition', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-cli-'))
    writeFileSync(join(dir, 'policy.yml'), POLICY(TAGGED))
    writeFileSync(join(dir, 'cosign.pub'), key.pem)
    const cli = await runCli(
      ['--policy', 'policy.yml', `${reg.host}/cel/tagged:1`, `${reg.host}/cel/branch:1`],
      {},
      { dir }
    )
    try {
      expect(cli.code).toBe(1)
      expect(cli.stdout + cli.stderr).toContain('the condition at policy.yml:6 is not met: it is false')
    } finally {
      cleanupCli(cli)
    }
  })
})

describe('the bundle', () => {
  test('CEL is a chunk of its own, which only the policy loader imports, and only on demand', () => {
    const dist = join(ROOT, 'dist')
    const files = readdirSync(dist).filter(f => f.endsWith('.js'))
    const text = new Map(files.map(f => [f, readFileSync(join(dist, f), 'utf8')]))
    // The library's own option name marks its code.
    const withCel = files.filter(f => text.get(f)!.includes('homogeneousAggregateLiterals'))
    expect(withCel).toEqual([expect.stringMatching(/^condition-[A-Z0-9]+\.js$/)])
    const chunk = withCel[0]!
    const importers = files.filter(f => f !== chunk && text.get(f)!.includes(chunk))
    expect(importers).toEqual([expect.stringMatching(/^loader-[A-Z0-9]+\.js$/)])
    const loader = text.get(importers[0]!)!
    expect(loader).toContain(`import("./${chunk}")`)
    expect(loader).not.toMatch(new RegExp(`from ["']\\./${chunk.replace('.', '\\.')}["']`))
  })
})
