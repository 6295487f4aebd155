/**
 * SBOMs and licences against the real registry, run through the built dist/cli.js: SBOMs pushed as BuildKit pushes
 * them (an index entry `unknown/unknown` per platform, its attestation manifest carrying the in-toto statement as a
 * layer) and as cosign attests them (a DSSE envelope in the `.att` tag, signed with the keys the trust tests use).
 * The SBOM documents are docker docs' BuildKit example (__tests__/fixtures/sbom), with the packages each case needs.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { OCI_CONFIG, OCI_INDEX, OCI_MANIFEST, Pusher, sha256, type PushedImage } from '../support/push.js'
import { SignaturePusher } from '../support/sign-push.js'
import { envelope, simpleSigningPayload, statement, testSigner, type TestSigner } from '../support/signing.js'
import { CLI, cleanupCli, runCli, type CliRun } from '../support/run-cli.js'
import { cleanup, runAction, type ActionRun } from '../support/run-action.js'

const SPDX = 'https://spdx.dev/Document'
const CDX = 'https://cyclonedx.org/bom'
const IN_TOTO = 'application/vnd.in-toto+json'
const AMD64 = { os: 'linux', architecture: 'amd64' }
const ARM64 = { os: 'linux', architecture: 'arm64' }

let reg: TestRegistry
let push: Pusher
let sp: SignaturePusher
let key: TestSigner
const runs: CliRun[] = []
const actionRuns: ActionRun[] = []

/** BuildKit's example SBOM (docker docs), its packages replaced by `packages`: [name, version, licenseDeclared]. */
function spdxDocument(packages: Array<[string, string, string]>): Record<string, unknown> {
  const example = JSON.parse(
    readFileSync(new URL('../fixtures/sbom/buildkit-spdx-2.2-statement.json', import.meta.url), 'utf8')
  ) as { predicate: Record<string, unknown> }
  return {
    ...example.predicate,
    packages: packages.map(([name, version, license], i) => ({
      SPDXID: `SPDXRef-${i}`,
      name,
      versionInfo: version,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: license,
      downloadLocation: 'NOASSERTION',
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: `pkg:npm/${name}@${version}` }
      ]
    }))
  }
}

/**
 * An index as BuildKit pushes it with `--sbom=true`: each platform, then one attestation manifest per platform whose
 * layer is the in-toto statement of its SBOM (none for a platform whose `sbom` is undefined).
 */
async function buildkitIndex(
  repo: string,
  tag: string,
  platforms: Array<{ platform: { os: string; architecture: string }; sbom?: unknown }>
): Promise<{ digest: string; children: PushedImage[] }> {
  const children = await Promise.all(platforms.map(p => push.image(repo, { platform: p.platform })))
  const manifests: object[] = children.map(c => c.descriptor)
  for (const [i, p] of platforms.entries()) {
    if (p.sbom === undefined) continue
    const child = children[i]!
    const layer = {
      ...(await push.blob(repo, statement([child.digest], SPDX, p.sbom), IN_TOTO)),
      annotations: { 'in-toto.io/predicate-type': SPDX }
    }
    const config = await push.blob(
      repo,
      Buffer.from('{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}'),
      OCI_CONFIG
    )
    const att = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }))
    const digest = await push.manifest(repo, sha256(att), att, OCI_MANIFEST)
    manifests.push({
      mediaType: OCI_MANIFEST,
      digest,
      size: att.length,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        'vnd.docker.reference.type': 'attestation-manifest',
        'vnd.docker.reference.digest': child.digest
      }
    })
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }))
  return { digest: await push.manifest(repo, tag, index, OCI_INDEX), children }
}

interface Report {
  result: string
  findings: Array<{ rule: string; platform?: string; message: string }>
  images: Array<{
    platforms: Array<{ platform: string; sbom?: Record<string, unknown> | null }>
    trust?: { digests: Array<{ digest: string }> }
  }>
}

async function gate(args: string[], policy?: string): Promise<{ run: CliRun; report: Report }> {
  const dir = mkdtempSync(join(tmpdir(), 'image-gate-sbom-'))
  if (policy !== undefined) writeFileSync(join(dir, 'policy.yml'), policy)
  const run = await runCli(
    [...args, '--format', 'json', ...(policy !== undefined ? ['--policy', 'policy.yml'] : [])],
    {},
    { dir }
  )
  runs.push(run)
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|TypeError|ReferenceError|Unhandled/)
  if (!run.stdout.startsWith('{')) throw new Error(`exit ${run.code}: ${run.stderr}`)
  return { run, report: JSON.parse(run.stdout) as Report }
}
const messages = (r: Report, rule: string): string[] =>
  r.findings.filter(f => f.rule === rule).map(f => `${f.platform}: ${f.message}`)

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run bundle')
  reg = await startRegistry({ auth: 'anonymous' })
  push = new Pusher(reg)
  sp = new SignaturePusher(push)
  key = testSigner('P-256')
})
afterAll(async () => {
  for (const r of runs) cleanupCli(r)
  for (const r of actionRuns) cleanup(r)
  await reg.stop()
})

describe('licences of in-index SBOMs', () => {
  let image: string
  beforeAll(async () => {
    await buildkitIndex('sbom/app', '1', [
      {
        platform: AMD64,
        sbom: spdxDocument([
          ['left-pad', '1.3.0', 'MIT AND AGPL-3.0-only'],
          ['dual', '2.0.0', 'MIT OR GPL-3.0-only'],
          ['mystery', '0.1.0', 'NOASSERTION']
        ])
      },
      { platform: ARM64, sbom: spdxDocument([['dual', '2.0.0', 'MIT OR GPL-3.0-only']]) }
    ])
    image = `${reg.host}/sbom/app:1`
  })

  test('a denied licence fails, naming package@version, expression, platform and the denied id', async () => {
    const { run, report } = await gate([image, '--licenses', 'AGPL-*, GPL-3.0-*'])
    expect(run.code).toBe(1)
    expect(messages(report, 'licenses')).toEqual([
      'linux/amd64: left-pad@1.3.0 is licensed MIT AND AGPL-3.0-only: it cannot be used without AGPL-3.0-only (denied by AGPL-*)'
    ])
    expect(report.images[0]!.platforms.map(p => [p.platform, p.sbom])).toEqual([
      [
        'linux/amd64',
        {
          format: 'spdx',
          formatVersion: 'SPDX-2.2',
          source: 'in-index',
          signed: false,
          manifest: expect.stringMatching(/^sha256:/),
          packages: 3
        }
      ],
      ['linux/arm64', expect.objectContaining({ source: 'in-index', packages: 1 })]
    ])
  })

  test('an OR that can choose an allowed licence passes; unknown passes', async () => {
    const { run, report } = await gate([image, '--licenses', 'GPL-3.0-*'])
    expect(report.findings).toEqual([])
    expect(run.code).toBe(0)
  })

  test("the action: the summary keeps its verdict first and one Failed column, and shows each platform's SBOM", async () => {
    const run = await runAction({ images: image, sbom: 'true', licenses: 'AGPL-*' })
    actionRuns.push(run)
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('fail')
    expect(run.summary).toContain('<th>SBOM</th>')
    expect(run.summary).toContain(
      'linux/amd64: SPDX-2.2, 3 packages, in the index, unsigned<br>linux/arm64: SPDX-2.2, 1 package, in the index, unsigned'
    )
    expect(run.summary).toContain('<tr><th>Verdict</th><th>Image</th><th>Digest</th><th>Failed</th>')
    expect(run.summary).toMatch(
      /<tr><td>✘ fail<\/td><td><code>[^<]+\/sbom\/app:1<\/code><\/td><td><code>sha256:[0-9a-f]+<\/code><\/td><td>licenses<\/td>/
    )
    expect(run.summary).toContain('left-pad@1.3.0 is licensed MIT AND AGPL-3.0-only')
  })

  test('unknown fails with unknown: fail', async () => {
    const { run, report } = await gate([image], 'rules:\n  - licenses: { deny: [GPL-3.0-*], unknown: fail }\n')
    expect(run.code).toBe(1)
    expect(messages(report, 'licenses')).toEqual([
      'linux/amd64: mystery@0.1.0: its licence is unknown (no licence is given), and unknown licences fail [policy.yml rules[0] (line 2)]'
    ])
  })
})

describe("an attacker's licence strings and an SBOM of nothing fail, never pass", () => {
  test('a denied licence that does not parse, cut past 1,024 characters, or in lookalike letters; an empty SBOM', async () => {
    await buildkitIndex('sbom/tricks', '1', [
      {
        platform: AMD64,
        sbom: spdxDocument([
          ['unbalanced', '1.0.0', 'GPL-3.0-only AND (((MIT'],
          ['long', '1.0.0', `${'MIT AND '.repeat(127)}MIT AND AGPL-3.0-only`],
          ['dash', '1.0.0', 'AGPL\u20103.0-only'],
          ['ref', '1.0.0', 'LicenseRef-AGPL-3.0-only']
        ])
      },
      { platform: ARM64, sbom: spdxDocument([]) }
    ])
    const { run, report } = await gate([`${reg.host}/sbom/tricks:1`, '--licenses', 'AGPL-*, GPL-3.0-*'])
    expect(run.code).toBe(1)
    expect(messages(report, 'licenses')).toEqual([
      'linux/amd64: unbalanced@1.0.0 is licensed GPL-3.0-only AND (((MIT: it cannot be used without GPL-3.0-only (denied by GPL-3.0-*)',
      'linux/amd64: long@1.0.0 is licensed MIT AND AGPL-3.0-only: it cannot be used without AGPL-3.0-only (denied by AGPL-*)',
      expect.stringMatching(
        /^linux\/amd64: dash@1\.0\.0 is licensed .+: it cannot be used without AGPL-3\.0-only \(denied by AGPL-\*\)$/
      ),
      'linux/amd64: ref@1.0.0 is licensed LicenseRef-AGPL-3.0-only: it cannot be used without LicenseRef-AGPL-3.0-only (denied by AGPL-*)',
      'linux/arm64: the SBOM of linux/arm64 lists no packages, so the licences cannot be checked (an SBOM of something else than the image looks the same)'
    ])
  })
})

describe('no SBOM, and one past its bounds, fail closed', () => {
  test('sbom: true with no SBOM: a finding per platform; licenses too', async () => {
    const plain = await push.index('sbom/none', { tag: '1', images: [{ platform: AMD64 }, { platform: ARM64 }] })
    const { run, report } = await gate([`${reg.host}/sbom/none:1`, '--sbom', 'true', '--licenses', 'AGPL-*'])
    expect(run.code).toBe(1)
    expect(messages(report, 'sbom')).toEqual([
      `linux/amd64: no SBOM found for linux/amd64 (${plain.children[0]!.digest}) (looked in the index's attestation manifests; signed attestations are read when a signer is set: signature-keys, signature-identities or provenance)`,
      `linux/arm64: no SBOM found for linux/arm64 (${plain.children[1]!.digest}) (looked in the index's attestation manifests; signed attestations are read when a signer is set: signature-keys, signature-identities or provenance)`
    ])
    expect(messages(report, 'licenses')).toHaveLength(2)
    expect(report.images[0]!.platforms.map(p => p.sbom)).toEqual([null, null])
  })

  test('one platform without an SBOM fails, the other passes', async () => {
    const half = await buildkitIndex('sbom/half', '1', [
      { platform: AMD64, sbom: spdxDocument([['a', '1', 'MIT']]) },
      { platform: ARM64 }
    ])
    const { report } = await gate([`${reg.host}/sbom/half:1`, '--sbom', 'true'])
    expect(messages(report, 'sbom')).toEqual([
      `linux/arm64: no SBOM found for linux/arm64 (${half.children[1]!.digest}) (looked in the index's attestation manifests; signed attestations are read when a signer is set: signature-keys, signature-identities or provenance)`
    ])
  })

  test('an SBOM past 100,000 packages is a finding saying so, never a pass', async () => {
    const many = Array.from({ length: 100_001 }, (_, i): [string, string, string] => [`p${i}`, '1', 'MIT'])
    await buildkitIndex('sbom/huge', '1', [{ platform: AMD64, sbom: spdxDocument(many) }])
    const { run, report } = await gate([`${reg.host}/sbom/huge:1`, '--licenses', 'AGPL-*'])
    expect(run.code).toBe(1)
    expect(messages(report, 'licenses')).toEqual([
      expect.stringMatching(
        /^linux\/amd64: no SBOM found for linux\/amd64 \(sha256:[0-9a-f]{64}\): the SBOM of sha256:[0-9a-f]{64} \(in the index\): the SBOM lists 100001 packages, more than the 100000 an SBOM may list: the licences cannot be checked$/
      )
    ])
  }, 120_000)
  test("an attestation entry whose statement names another platform is not that platform's SBOM", async () => {
    // The amd64 entry's statement is about the arm64 manifest: copied from elsewhere, it says nothing of amd64.
    const children = await Promise.all([AMD64, ARM64].map(platform => push.image('sbom/swapped', { platform })))
    const [amd, arm] = children as [PushedImage, PushedImage]
    const layer = {
      ...(await push.blob('sbom/swapped', statement([arm.digest], SPDX, spdxDocument([['a', '1', 'MIT']])), IN_TOTO)),
      annotations: { 'in-toto.io/predicate-type': SPDX }
    }
    const config = await push.blob('sbom/swapped', Buffer.from('{}'), OCI_CONFIG)
    const att = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }))
    const attDigest = await push.manifest('sbom/swapped', sha256(att), att, OCI_MANIFEST)
    const entry = {
      mediaType: OCI_MANIFEST,
      digest: attDigest,
      size: att.length,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': amd.digest }
    }
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [amd.descriptor, arm.descriptor, entry] })
    )
    await push.manifest('sbom/swapped', '1', index, OCI_INDEX)
    const { report } = await gate([`${reg.host}/sbom/swapped:1`, '--sbom', 'true'])
    expect(messages(report, 'sbom')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^linux/amd64: no SBOM found for linux/amd64 \\(${amd.digest}\\): the in-index SBOM of linux/amd64 \\(${attDigest}\\): the statement names another subject \\(sha256:[0-9a-f]{12}…\\), not ${amd.digest}$`
        )
      ),
      expect.stringMatching(/^linux\/arm64: no SBOM found for linux\/arm64/)
    ])
  })

  test('an SBOM statement over 64 MiB is not read: a finding saying so', async () => {
    // The attestation manifest announces a 70 MiB layer: the gate goes by the descriptor, and reads nothing of it.
    const child = await push.image('sbom/vast', { platform: AMD64 })
    const small = await push.blob('sbom/vast', statement([child.digest], SPDX, spdxDocument([])), IN_TOTO)
    const config = await push.blob('sbom/vast', Buffer.from('{}'), OCI_CONFIG)
    const layer = { ...small, size: 70 << 20, annotations: { 'in-toto.io/predicate-type': SPDX } }
    const att = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }))
    const attDigest = await push.manifest('sbom/vast', sha256(att), att, OCI_MANIFEST)
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          child.descriptor,
          {
            mediaType: OCI_MANIFEST,
            digest: attDigest,
            size: att.length,
            platform: { os: 'unknown', architecture: 'unknown' },
            annotations: {
              'vnd.docker.reference.type': 'attestation-manifest',
              'vnd.docker.reference.digest': child.digest
            }
          }
        ]
      })
    )
    await push.manifest('sbom/vast', '1', index, OCI_INDEX)
    const { run, report } = await gate([`${reg.host}/sbom/vast:1`, '--sbom', 'true'])
    expect(run.code).toBe(1)
    expect(messages(report, 'sbom')).toEqual([
      `linux/amd64: no SBOM found for linux/amd64 (${child.digest}): the in-index SBOM of linux/amd64 (${attDigest}): the ${SPDX} statement of ${attDigest} is 73400320 bytes, over the 65 MiB a signature or attestation may be; not read`
    ])
  })
})

describe('signed SBOMs', () => {
  test('sbom: signed: an in-index SBOM of an unsigned index fails; once the index digest is signed, it passes', async () => {
    const built = await buildkitIndex('sbom/signed', '1', [
      { platform: AMD64, sbom: spdxDocument([['a', '1', 'MIT']]) },
      { platform: ARM64, sbom: spdxDocument([['a', '1', 'MIT']]) }
    ])
    const args = [`${reg.host}/sbom/signed:1`, '--sbom', 'signed', `--signature-keys=${key.pem}`]
    const before = await gate(args)
    expect(before.run.code).toBe(1)
    expect(messages(before.report, 'sbom')).toEqual(
      ['linux/amd64', 'linux/arm64'].map(p =>
        expect.stringMatching(
          new RegExp(
            `^${p}: the SBOM of ${p} is not signed by an accepted signer: it is in the index \\(sha256:[0-9a-f]{64}\\), and no accepted signer signed the index digest ${built.digest}$`
          )
        )
      )
    )
    await sp.signLegacy('sbom/signed', built.digest, key, simpleSigningPayload(built.digest))
    const after = await gate(args)
    expect(after.report.findings).toEqual([])
    expect(after.run.code).toBe(0)
    expect(after.report.images[0]!.platforms.map(p => p.sbom?.signed)).toEqual([true, true])
    // The index's signature and its SBOMs were enough: the platforms' own signatures were not looked for.
    expect(after.report.images[0]!.trust!.digests.map(d => d.digest)).toEqual([built.digest])
    // Before, with the index unsigned, they were.
    expect(before.report.images[0]!.trust!.digests).toHaveLength(3)
  })

  test('a cosign attestation (CycloneDX, DSSE in .att) signed by an accepted key: its licences are judged', async () => {
    const img = await push.image('sbom/attested', { tag: '1', platform: AMD64 })
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        { type: 'library', name: 'ok', version: '1', licenses: [{ license: { id: 'MIT' } }] },
        {
          type: 'library',
          name: 'bundle',
          version: '2',
          components: [{ type: 'library', name: 'inner', version: '3', licenses: [{ expression: 'SSPL-1.0' }] }]
        }
      ]
    }
    await sp.cosignAtt('sbom/attested', img.digest, [envelope(key, statement([img.digest], CDX, bom))])
    const { run, report } = await gate([
      `${reg.host}/sbom/attested:1`,
      '--sbom',
      'signed',
      `--signature-keys=${key.pem}`,
      '--licenses',
      'SSPL-1.0'
    ])
    expect(run.code).toBe(1)
    expect(report.findings.map(f => `${f.rule}: ${f.message}`)).toEqual([
      'licenses: inner@3 is licensed SSPL-1.0: it cannot be used without SSPL-1.0'
    ])
    expect(report.images[0]!.platforms[0]!.sbom).toEqual(
      expect.objectContaining({
        format: 'cyclonedx',
        formatVersion: '1.6',
        source: 'attestation',
        signed: true,
        packages: 3
      })
    )
  })

  test('an attestation signed by another key is no signed SBOM', async () => {
    const img = await push.image('sbom/stranger', { tag: '1', platform: AMD64 })
    const other = testSigner('P-256')
    await sp.cosignAtt('sbom/stranger', img.digest, [
      envelope(other, statement([img.digest], SPDX, spdxDocument([['a', '1', 'MIT']])))
    ])
    const { run, report } = await gate([
      `${reg.host}/sbom/stranger:1`,
      '--sbom',
      'signed',
      `--signature-keys=${key.pem}`
    ])
    expect(run.code).toBe(1)
    expect(messages(report, 'sbom')).toEqual([expect.stringMatching(/^linux\/amd64: no SBOM found for linux\/amd64/)])
  })
})
