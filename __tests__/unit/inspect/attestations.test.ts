import { describe, expect, test } from '@jest/globals'
import type { Descriptor } from '../../../src/oci/manifest.js'
import { isAttestation, isMislabeledAttestation } from '../../../src/inspect/inspect.js'
import { mislabeledFindings } from '../../../src/policy/evaluate.js'
import { parseReference } from '../../../src/core/reference.js'
import type { ImageFacts } from '../../../src/model/facts.js'

const D = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`
const ATTESTATION = { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': D(9) }

const entry = (platform: Descriptor['platform'], annotations?: Record<string, string>): Descriptor => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: D(1),
  size: 100,
  ...(platform ? { platform } : {}),
  ...(annotations ? { annotations } : {})
})

/**
 * Which index entries are attestations. Runtimes (containerd, skopeo, Kubernetes) pull the first entry that matches
 * the platform, whatever its annotations: only unknown/unknown, which matches no platform, may be left out.
 */
describe('index entries: attestation or platform', () => {
  test.each<[string, Descriptor, boolean, boolean]>([
    // [what, entry, is an attestation, is a mislabeled one]
    [
      'BuildKit attestation: unknown/unknown, annotated',
      entry({ os: 'unknown', architecture: 'unknown' }, ATTESTATION),
      true,
      false
    ],
    ['unknown/unknown without the annotation', entry({ os: 'unknown', architecture: 'unknown' }), true, false],
    [
      'linux/amd64 annotated as an attestation',
      entry({ os: 'linux', architecture: 'amd64' }, ATTESTATION),
      false,
      true
    ],
    [
      'linux/arm64/v8 annotated as an attestation',
      entry({ os: 'linux', architecture: 'arm64', variant: 'v8' }, ATTESTATION),
      false,
      true
    ],
    [
      'windows/amd64 annotated as an attestation',
      entry({ os: 'windows', architecture: 'amd64' }, ATTESTATION),
      false,
      true
    ],
    ['no platform, annotated as an attestation', entry(undefined, ATTESTATION), false, true],
    [
      'unknown/amd64 annotated as an attestation',
      entry({ os: 'unknown', architecture: 'amd64' }, ATTESTATION),
      false,
      true
    ],
    [
      'linux/unknown annotated as an attestation',
      entry({ os: 'linux', architecture: 'unknown' }, ATTESTATION),
      false,
      true
    ],
    ['linux/amd64', entry({ os: 'linux', architecture: 'amd64' }), false, false],
    ['no platform', entry(undefined), false, false],
    [
      'linux/amd64 with another reference type',
      entry({ os: 'linux', architecture: 'amd64' }, { 'vnd.docker.reference.type': 'something-else' }),
      false,
      false
    ]
  ])('%s', (_what, d, attestation, mislabeled) => {
    expect(isAttestation(d)).toBe(attestation)
    expect(isMislabeledAttestation(d)).toBe(mislabeled)
  })
})

describe('mislabeledFindings', () => {
  const ref = parseReference('ghcr.io/acme/app:1')
  const facts = (mislabeled: ImageFacts['mislabeled']): ImageFacts => ({
    input: 'ghcr.io/acme/app:1',
    ref,
    digest: D(7),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    kind: 'index',
    annotations: {},
    platforms: [],
    attestations: [],
    mislabeled
  })

  test('none when no entry is mislabeled', () => {
    expect(mislabeledFindings('ghcr.io/acme/app:1', ref, facts([]))).toEqual([])
  })

  test('one inspect finding per mislabeled entry, naming the image, the entry digest and its platform', () => {
    const found = mislabeledFindings(
      'ghcr.io/acme/app:1',
      ref,
      facts([
        { digest: D(2), platform: { os: 'linux', architecture: 'amd64' } },
        { digest: D(3), platform: undefined }
      ])
    )
    expect(found).toEqual([
      {
        rule: 'inspect',
        image: 'ghcr.io/acme/app:1',
        reference: 'ghcr.io/acme/app:1',
        platform: 'linux/amd64',
        message: `the index lists ${D(2)} for linux/amd64 but annotates it as an attestation; only unknown/unknown entries are attestations (it was inspected as a platform: runtimes pull it)`
      },
      {
        rule: 'inspect',
        image: 'ghcr.io/acme/app:1',
        reference: 'ghcr.io/acme/app:1',
        message: `the index lists ${D(3)} with no platform but annotates it as an attestation; only unknown/unknown entries are attestations (it was inspected as a platform: runtimes pull it)`
      }
    ])
  })
})
