import { describe, expect, test } from '@jest/globals'
import type { ImageManifest, IndexManifest } from '../../../src/oci/manifest.js'
import { parseConfig, parseManifest } from '../../../src/oci/manifest.js'
import {
  DOCKER_CONFIG,
  DOCKER_LIST,
  DOCKER_MANIFEST,
  DOCKER_SCHEMA1,
  DOCKER_SCHEMA1_SIGNED,
  OCI_CONFIG,
  OCI_INDEX,
  OCI_MANIFEST
} from '../../../src/oci/mediatypes.js'
import { ManifestError } from '../../../src/oci/manifest.js'

const d = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`
const WHERE = 'ghcr.io/acme/app:1'
const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip'
const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar.gzip'

const body = (doc: unknown): Buffer => Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc), 'utf8')

const ociIndex = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  schemaVersion: 2,
  mediaType: OCI_INDEX,
  manifests: [
    { mediaType: OCI_MANIFEST, digest: d(1), size: 500, platform: { os: 'linux', architecture: 'amd64' } },
    { mediaType: OCI_MANIFEST, digest: d(2), size: 501, platform: { os: 'linux', architecture: 'arm64' } },
    { mediaType: OCI_MANIFEST, digest: d(3), size: 502, platform: { os: 'linux', architecture: 'arm' } },
    {
      mediaType: OCI_MANIFEST,
      digest: d(4),
      size: 503,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.digest': d(1), 'vnd.docker.reference.type': 'attestation-manifest' }
    }
  ],
  annotations: { 'org.opencontainers.image.base.name': 'docker.io/library/alpine:3.19' },
  ...extra
})

const ociManifest = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  schemaVersion: 2,
  mediaType: OCI_MANIFEST,
  config: { mediaType: OCI_CONFIG, digest: d(10), size: 1234 },
  layers: [
    { mediaType: LAYER, digest: d(11), size: 100 },
    { mediaType: LAYER, digest: d(12), size: 200, annotations: { a: 'b' } }
  ],
  annotations: { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
  ...extra
})

const dockerList = {
  schemaVersion: 2,
  mediaType: DOCKER_LIST,
  manifests: [
    { mediaType: DOCKER_MANIFEST, digest: d(5), size: 528, platform: { architecture: 'amd64', os: 'linux' } },
    {
      mediaType: DOCKER_MANIFEST,
      digest: d(6),
      size: 528,
      platform: { architecture: 'arm', os: 'linux', variant: 'v6' }
    },
    {
      mediaType: DOCKER_MANIFEST,
      digest: d(7),
      size: 528,
      platform: { architecture: 'arm64', os: 'linux', variant: 'v8' }
    }
  ]
}

const dockerManifest = {
  schemaVersion: 2,
  mediaType: DOCKER_MANIFEST,
  config: { mediaType: DOCKER_CONFIG, digest: d(20), size: 1470 },
  layers: [{ mediaType: DOCKER_LAYER, digest: d(21), size: 3_000_000 }]
}

function parseError(doc: unknown, contentType: string | undefined): ManifestError {
  try {
    parseManifest(body(doc), contentType, WHERE)
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError)
    return e as ManifestError
  }
  throw new Error('expected parseManifest to throw')
}

describe('parseManifest: accepted documents', () => {
  test('OCI index', () => {
    const m = parseManifest(body(ociIndex()), OCI_INDEX, WHERE) as IndexManifest
    expect(m.kind).toBe('index')
    expect(m.mediaType).toBe(OCI_INDEX)
    expect(m.manifests.map(x => x.digest)).toEqual([d(1), d(2), d(3), d(4)])
    expect(m.manifests.map(x => x.platform)).toEqual([
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
      { os: 'unknown', architecture: 'unknown' }
    ])
    expect(m.manifests[0]).toEqual({
      mediaType: OCI_MANIFEST,
      digest: d(1),
      size: 500,
      platform: { os: 'linux', architecture: 'amd64' }
    })
    expect(m.manifests[3]?.annotations?.['vnd.docker.reference.type']).toBe('attestation-manifest')
    expect(m.annotations['org.opencontainers.image.base.name']).toBe('docker.io/library/alpine:3.19')
  })

  test('Docker manifest list', () => {
    const m = parseManifest(body(dockerList), DOCKER_LIST, WHERE) as IndexManifest
    expect(m.kind).toBe('index')
    expect(m.mediaType).toBe(DOCKER_LIST)
    expect(m.manifests.map(x => x.platform)).toEqual([
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm', variant: 'v6' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ])
    expect(m.annotations).toEqual({})
  })

  test('OCI image manifest', () => {
    const subject = { mediaType: OCI_MANIFEST, digest: d(99), size: 10 }
    const m = parseManifest(body(ociManifest({ subject })), OCI_MANIFEST, WHERE) as ImageManifest
    expect(m.kind).toBe('image')
    expect(m.mediaType).toBe(OCI_MANIFEST)
    expect(m.config).toEqual({ mediaType: OCI_CONFIG, digest: d(10), size: 1234 })
    expect(m.layers.map(l => [l.digest, l.size])).toEqual([
      [d(11), 100],
      [d(12), 200]
    ])
    expect(m.layers[1]?.annotations).toEqual({ a: 'b' })
    expect(m.subject).toEqual(subject)
    expect(m.annotations['org.opencontainers.image.created']).toBe('2024-01-01T00:00:00Z')
  })

  test('Docker v2 manifest', () => {
    const m = parseManifest(body(dockerManifest), DOCKER_MANIFEST, WHERE) as ImageManifest
    expect(m.kind).toBe('image')
    expect(m.mediaType).toBe(DOCKER_MANIFEST)
    expect(m.config.digest).toBe(d(20))
    expect(m.layers).toHaveLength(1)
    expect(m.subject).toBeUndefined()
  })

  test('an image manifest with no layers (an artifact) has an empty layer list', () => {
    const doc = ociManifest()
    delete doc.layers
    const m = parseManifest(body(doc), OCI_MANIFEST, WHERE) as ImageManifest
    expect(m.layers).toEqual([])
  })

  test.each<[string, Record<string, unknown>, string | undefined, 'index' | 'image', string]>([
    ['index, typed by Content-Type', omit(ociIndex(), 'mediaType'), OCI_INDEX, 'index', OCI_INDEX],
    ['Docker list, typed by Content-Type', omit(dockerList, 'mediaType'), DOCKER_LIST, 'index', DOCKER_LIST],
    ['manifest, typed by Content-Type', omit(ociManifest(), 'mediaType'), OCI_MANIFEST, 'image', OCI_MANIFEST],
    [
      'Docker manifest, typed by Content-Type',
      omit(dockerManifest, 'mediaType'),
      DOCKER_MANIFEST,
      'image',
      DOCKER_MANIFEST
    ],
    ['index, by structure (application/json)', omit(ociIndex(), 'mediaType'), 'application/json', 'index', OCI_INDEX],
    ['manifest, by structure (no Content-Type)', omit(ociManifest(), 'mediaType'), undefined, 'image', OCI_MANIFEST],
    [
      'manifest, by structure (octet-stream)',
      omit(ociManifest(), 'mediaType'),
      'application/octet-stream',
      'image',
      OCI_MANIFEST
    ],
    ['declared index, served as application/json', ociIndex(), 'application/json', 'index', OCI_INDEX],
    ['declared manifest, no Content-Type', ociManifest(), undefined, 'image', OCI_MANIFEST],
    [
      'Content-Type with parameters and case',
      ociIndex(),
      'Application/VND.OCI.Image.Index.v1+json; charset=utf-8',
      'index',
      OCI_INDEX
    ]
  ])('mediaType missing or loosely served: %s', (_name, doc, contentType, kind, mediaType) => {
    const m = parseManifest(body(doc), contentType, WHERE)
    expect(m.kind).toBe(kind)
    expect(m.mediaType).toBe(mediaType)
  })

  test.each<[string, Record<string, unknown>, Record<string, unknown> | undefined]>([
    [
      'arm64 without variant',
      { os: 'linux', architecture: 'arm64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ],
    [
      'arm64 with empty variant',
      { os: 'linux', architecture: 'arm64', variant: '' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ],
    ['aarch64', { os: 'linux', architecture: 'aarch64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    ['arm without variant', { os: 'linux', architecture: 'arm' }, { os: 'linux', architecture: 'arm', variant: 'v7' }],
    [
      'arm v6',
      { os: 'linux', architecture: 'arm', variant: 'v6' },
      { os: 'linux', architecture: 'arm', variant: 'v6' }
    ],
    ['uppercase', { os: 'Linux', architecture: 'AMD64' }, { os: 'linux', architecture: 'amd64' }],
    [
      'extra fields ignored',
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' },
      { os: 'windows', architecture: 'amd64' }
    ]
  ])('descriptor platforms are normalized: %s', (_name, platform, expected) => {
    const doc = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: OCI_MANIFEST, digest: d(1), size: 1, platform }]
    }
    const m = parseManifest(body(doc), OCI_INDEX, WHERE) as IndexManifest
    expect(m.manifests[0]?.platform).toEqual(expected)
  })

  test('annotations keep string values only', () => {
    const m = parseManifest(body(ociIndex({ annotations: { a: 'x', b: 1, c: null, d: 'y' } })), OCI_INDEX, WHERE)
    expect(m.annotations).toEqual({ a: 'x', d: 'y' })
  })
})

describe('parseManifest: rejected documents', () => {
  test.each<[string, unknown, string | undefined, string, string[]]>([
    ['not JSON', '{"schemaVersion": 2,', OCI_MANIFEST, 'invalid', ['not valid JSON']],
    ['empty body', '', OCI_MANIFEST, 'invalid', ['not valid JSON']],
    ['HTML', '<html>rate limited</html>', 'text/html', 'invalid', ['not valid JSON']],
    ['a JSON array', [], OCI_MANIFEST, 'invalid', ['not a JSON object']],
    ['JSON null', 'null', OCI_MANIFEST, 'invalid', ['not a JSON object']],
    ['a JSON string', '"manifest"', OCI_MANIFEST, 'invalid', ['not a JSON object']],
    [
      'schema 1 by schemaVersion',
      { schemaVersion: 1, name: 'a/b', tag: '1', fsLayers: [] },
      'application/json',
      'unsupported',
      ['schema 1', 'deprecated']
    ],
    [
      'schema 1 by prettyjws Content-Type',
      { schemaVersion: 1, name: 'a/b', signatures: [] },
      DOCKER_SCHEMA1_SIGNED,
      'unsupported',
      ['schema 1', 'deprecated']
    ],
    ['schema 1 Content-Type, whatever the body says', ociManifest(), DOCKER_SCHEMA1, 'unsupported', ['deprecated']],
    [
      'schema 1 declared mediaType',
      { schemaVersion: 2, mediaType: DOCKER_SCHEMA1_SIGNED },
      undefined,
      'unsupported',
      ['deprecated']
    ],
    ['schemaVersion missing', omit(ociManifest(), 'schemaVersion'), OCI_MANIFEST, 'invalid', ['schemaVersion']],
    ['schemaVersion 3', ociManifest({ schemaVersion: 3 }), OCI_MANIFEST, 'invalid', ['schemaVersion is 3']],
    ['schemaVersion "2"', ociManifest({ schemaVersion: '2' }), OCI_MANIFEST, 'invalid', ['schemaVersion']],
    ['mediaType not a string', ociManifest({ mediaType: 7 }), OCI_MANIFEST, 'invalid', ['mediaType is not a string']],
    ['manifest served as index', ociManifest(), OCI_INDEX, 'invalid', [OCI_MANIFEST, OCI_INDEX, 'disagrees']],
    ['index served as manifest', ociIndex(), OCI_MANIFEST, 'invalid', [OCI_INDEX, OCI_MANIFEST, 'disagrees']],
    ['OCI index served as Docker list', ociIndex(), DOCKER_LIST, 'invalid', [OCI_INDEX, DOCKER_LIST, 'disagrees']],
    [
      'Docker manifest served as OCI manifest',
      dockerManifest,
      OCI_MANIFEST,
      'invalid',
      [DOCKER_MANIFEST, OCI_MANIFEST, 'disagrees']
    ],
    ['a manifest served as text/html', ociManifest(), 'text/html', 'invalid', ['text/html', 'not a manifest type']],
    ['index carrying layers', ociIndex({ layers: [] }), OCI_INDEX, 'invalid', ['CVE-2021-41190']],
    [
      'index carrying config',
      ociIndex({ config: { mediaType: OCI_CONFIG, digest: d(10), size: 1 } }),
      OCI_INDEX,
      'invalid',
      ['CVE-2021-41190']
    ],
    [
      'index with config only',
      { schemaVersion: 2, mediaType: OCI_INDEX, config: { mediaType: OCI_CONFIG, digest: d(10), size: 1 } },
      OCI_INDEX,
      'invalid',
      ['CVE-2021-41190']
    ],
    ['manifest carrying manifests', ociManifest({ manifests: [] }), OCI_MANIFEST, 'invalid', ['CVE-2021-41190']],
    [
      'manifest with manifests only',
      { schemaVersion: 2, mediaType: OCI_MANIFEST, manifests: [] },
      OCI_MANIFEST,
      'invalid',
      ['CVE-2021-41190']
    ],
    [
      'both, without mediaType',
      omit({ ...ociIndex(), ...ociManifest() }, 'mediaType'),
      'application/json',
      'invalid',
      ['CVE-2021-41190']
    ],
    [
      'both, without mediaType or Content-Type',
      omit({ ...ociIndex(), ...ociManifest() }, 'mediaType'),
      undefined,
      'invalid',
      ['CVE-2021-41190']
    ],
    [
      'neither index nor manifest',
      { schemaVersion: 2 },
      'application/json',
      'invalid',
      ['neither an index nor an image manifest']
    ],
    [
      'an unknown mediaType',
      { schemaVersion: 2, mediaType: 'application/vnd.oci.artifact.manifest.v1+json', blobs: [] },
      undefined,
      'unsupported',
      ['application/vnd.oci.artifact.manifest.v1+json']
    ],
    ['manifests not a list', ociIndex({ manifests: {} }), OCI_INDEX, 'invalid', ['"manifests" list']],
    ['no config', omit(ociManifest(), 'config'), OCI_MANIFEST, 'invalid', ['without "config"']],
    ['layers not a list', ociManifest({ layers: 'x' }), OCI_MANIFEST, 'invalid', ['"layers" is not a list']],
    [
      'annotations not an object',
      ociManifest({ annotations: ['a'] }),
      OCI_MANIFEST,
      'invalid',
      ['annotations is not an object']
    ]
  ])('%s', (_name, doc, contentType, kind, phrases) => {
    const err = parseError(doc, contentType)
    expect(err.kind).toBe(kind)
    expect(err.message.startsWith(`${WHERE}: `)).toBe(true)
    for (const p of phrases) expect(err.message).toContain(p)
  })

  const desc = (patch: Record<string, unknown>): Record<string, unknown> => ({
    mediaType: OCI_MANIFEST,
    digest: d(1),
    size: 1,
    ...patch
  })
  test.each<[string, unknown, string[]]>([
    ['a short digest', desc({ digest: 'sha256:abc' }), ['manifests[0]', 'sha256:abc']],
    ['an uppercase digest', desc({ digest: `sha256:${'A'.repeat(64)}` }), ['manifests[0]', 'digest']],
    ['an unknown algorithm', desc({ digest: `md5:${'a'.repeat(32)}` }), ['manifests[0]', 'digest']],
    ['a path in the digest', desc({ digest: `sha256:${'a'.repeat(64)}/../../x` }), ['manifests[0]', 'digest']],
    ['no digest', omit(desc({}), 'digest'), ['manifests[0] has no digest']],
    ['a numeric digest', desc({ digest: 12 }), ['manifests[0] has no digest']],
    ['a negative size', desc({ size: -1 }), ['manifests[0] has no valid size']],
    ['a fractional size', desc({ size: 1.5 }), ['manifests[0] has no valid size']],
    ['a string size', desc({ size: '12' }), ['manifests[0] has no valid size']],
    ['an unsafe size', desc({ size: 2 ** 60 }), ['manifests[0] has no valid size']],
    ['no size', omit(desc({}), 'size'), ['manifests[0] has no valid size']],
    ['no mediaType', omit(desc({}), 'mediaType'), ['manifests[0] has no mediaType']],
    ['an empty mediaType', desc({ mediaType: '' }), ['manifests[0] has no mediaType']],
    ['not an object', 'sha256:abc', ['manifests[0] is not a descriptor object']],
    ['null', null, ['manifests[0] is not a descriptor object']],
    [
      'a platform without os',
      desc({ platform: { architecture: 'amd64' } }),
      ['manifests[0].platform needs os and architecture']
    ],
    ['a platform that is a string', desc({ platform: 'linux/amd64' }), ['manifests[0].platform']],
    ['a platform that is null', desc({ platform: null }), ['manifests[0].platform']],
    ['descriptor annotations not an object', desc({ annotations: 'x' }), ['manifests[0].annotations']]
  ])('an index descriptor with %s is invalid', (_name, descriptor, phrases) => {
    const err = parseError({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [descriptor] }, OCI_INDEX)
    expect(err.kind).toBe('invalid')
    for (const p of phrases) expect(err.message).toContain(p)
  })

  test.each<[string, Record<string, unknown>, string]>([
    [
      'config digest',
      ociManifest({ config: { mediaType: OCI_CONFIG, digest: 'sha256:00', size: 1 } }),
      'config has digest'
    ],
    [
      'layer digest',
      ociManifest({
        layers: [
          { mediaType: LAYER, digest: d(1), size: 1 },
          { mediaType: LAYER, digest: 'x', size: 1 }
        ]
      }),
      'layers[1]'
    ],
    [
      'layer size',
      ociManifest({ layers: [{ mediaType: LAYER, digest: d(1), size: -5 }] }),
      'layers[0] has no valid size'
    ],
    ['subject digest', ociManifest({ subject: { mediaType: OCI_MANIFEST, digest: 'sha256:zz', size: 1 } }), 'subject']
  ])('an image manifest with a bad %s is invalid', (_name, doc, phrase) => {
    const err = parseError(doc, OCI_MANIFEST)
    expect(err.kind).toBe('invalid')
    expect(err.message).toContain(phrase)
  })
})

describe('parseConfig', () => {
  const full = {
    architecture: 'arm',
    os: 'linux',
    variant: 'v7',
    created: '2024-05-01T12:00:00.123456789Z',
    config: {
      User: '1000:1000',
      Labels: { 'org.opencontainers.image.source': 'https://github.com/acme/app', num: 5 },
      Env: ['PATH=/usr/bin']
    },
    rootfs: { type: 'layers', diff_ids: [d(31), d(32), 42] },
    history: [{ created: '2024-05-01T12:00:00Z' }]
  }

  test('reads created, user, labels, diff_ids and variant', () => {
    expect(parseConfig(body(full), WHERE)).toEqual({
      os: 'linux',
      architecture: 'arm',
      variant: 'v7',
      created: '2024-05-01T12:00:00.123456789Z',
      user: '1000:1000',
      labels: { 'org.opencontainers.image.source': 'https://github.com/acme/app' },
      diffIds: [d(31), d(32)]
    })
  })

  test.each<[string, unknown, Partial<ReturnType<typeof parseConfig>>]>([
    ['an empty object', {}, { os: '', architecture: '', user: '', labels: {}, diffIds: [] }],
    ['Labels null (as docker writes it)', { config: { Labels: null } }, { labels: {} }],
    ['config null', { os: 'linux', architecture: 'amd64', config: null }, { os: 'linux', user: '', labels: {} }],
    ['rootfs without diff_ids', { rootfs: { type: 'layers' } }, { diffIds: [] }],
    ['diff_ids not a list', { rootfs: { diff_ids: 'x' } }, { diffIds: [] }],
    ['User empty', { config: { User: '' } }, { user: '' }],
    ['User numeric (wrong type)', { config: { User: 0 } }, { user: '' }],
    ['os and architecture of the wrong type', { os: 1, architecture: null }, { os: '', architecture: '' }]
  ])('tolerates %s', (_name, doc, expected) => {
    const c = parseConfig(body(doc), WHERE)
    expect(c).toMatchObject(expected)
  })

  test.each([
    ['missing', {}],
    ['empty', { created: '', variant: '' }],
    ['wrong type', { created: 0, variant: 7 }]
  ])('created and variant are left out when %s', (_name, doc) => {
    const c = parseConfig(body(doc), WHERE)
    expect('created' in c).toBe(false)
    expect('variant' in c).toBe(false)
  })

  test.each([
    ['not JSON', '{"os":', 'not valid JSON'],
    ['an array', '[]', 'not a JSON object'],
    ['null', 'null', 'not a JSON object'],
    ['Labels not an object', JSON.stringify({ config: { Labels: ['a=b'] } }), 'config.Labels is not an object']
  ])('rejects %s', (_name, text, phrase) => {
    let caught: unknown
    try {
      parseConfig(Buffer.from(text), WHERE)
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(ManifestError)
    expect((caught as ManifestError).kind).toBe('invalid')
    expect((caught as ManifestError).message).toContain(WHERE)
    expect((caught as ManifestError).message).toContain(phrase)
  })
})

function omit(doc: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...doc }
  delete copy[key]
  return copy
}

describe('platforms from a registry are platform words, nothing else', () => {
  const entry = (platform: Record<string, unknown>): Buffer =>
    body({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: OCI_MANIFEST, digest: d(1), size: 500, platform }]
    })
  test.each<[string, Record<string, unknown>]>([
    ['a newline and a workflow command in os', { os: 'linux\n::warning::owned', architecture: 'amd64' }],
    ['markup in architecture', { os: 'linux', architecture: '<img src=x>' }],
    ['a Markdown link in variant', { os: 'linux', architecture: 'arm', variant: '[x](https://evil)' }],
    ['a space', { os: 'linux', architecture: 'amd 64' }],
    ['a slash', { os: 'linux/amd64', architecture: 'amd64' }],
    ['a carriage return', { os: 'linux', architecture: 'amd64\r' }],
    ['an over-long word', { os: 'l'.repeat(65), architecture: 'amd64' }],
    ['a variant that is not a string', { os: 'linux', architecture: 'arm', variant: 7 }],
    [
      'an os named like an Object.prototype member is fine, an architecture that is one is looked up as a word',
      { os: 'linux', architecture: 'constructor\u0000' }
    ]
  ])('an index entry with %s is invalid', (_name, platform) => {
    expect(() => parseManifest(entry(platform), OCI_INDEX, WHERE)).toThrow(
      /manifests\[0\]\.platform: its (os|architecture|variant)/
    )
  })

  test.each<[Record<string, unknown>, string]>([
    [{ os: 'linux', architecture: 'amd64' }, 'linux/amd64'],
    [{ os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' }, 'windows/amd64'],
    [{ os: 'linux', architecture: 'riscv64' }, 'linux/riscv64'],
    [{ os: 'linux', architecture: 'ppc64le' }, 'linux/ppc64le'],
    [{ os: 'linux', architecture: 'arm', variant: 'v6' }, 'linux/arm/v6'],
    [{ os: 'linux', architecture: 'constructor' }, 'linux/constructor'],
    [{ os: 'unknown', architecture: 'unknown' }, 'unknown/unknown']
  ])('%j is a platform', (platform, text) => {
    const m = parseManifest(entry(platform), OCI_INDEX, WHERE) as IndexManifest
    const p = m.manifests[0]!.platform!
    expect([p.os, p.architecture, p.variant].filter(Boolean).join('/').replace('/arm64/v8', '/arm64')).toBe(text)
  })

  test.each([
    [{ os: 'linux\n::error::x', architecture: 'amd64' }],
    [{ os: 'linux', architecture: 'amd64', variant: '<b>' }],
    [{ os: 'linux', architecture: 'x'.repeat(100) }]
  ])('a config whose platform is %j is invalid', cfg => {
    expect(() => parseConfig(body({ ...cfg, config: {} }), 'cfg')).toThrow(/cfg: the config's platform: its/)
  })

  test('a config with no os or architecture is fine: the index entry says', () => {
    expect(parseConfig(body({ config: {} }), 'cfg')).toMatchObject({ os: '', architecture: '' })
  })

  test('annotations hold their own keys only', () => {
    const m = parseManifest(body({ ...ociIndex({ annotations: { a: 'b' } }) }), OCI_INDEX, WHERE)
    expect(m.annotations.constructor).toBeUndefined()
    expect(m.annotations.toString).toBeUndefined()
    expect(Object.keys(m.annotations)).toEqual(['a'])
    const raw = `{"schemaVersion":2,"mediaType":"${OCI_INDEX}","manifests":[],"annotations":{"__proto__":"x"}}`
    const proto = parseManifest(Buffer.from(raw), OCI_INDEX, WHERE)
    expect(Object.hasOwn(proto.annotations, '__proto__')).toBe(true)
    expect(proto.annotations.__proto__).toBe('x')
  })
})
