import { describe, expect, test } from '@jest/globals'
import {
  InvalidReference,
  apiHost,
  canonicalRegistry,
  formatReference,
  hostOf,
  isLoopback,
  manifestReference,
  normalizeRegistryName,
  parseReference,
  pinnedReference,
  repositoryName
} from '../../../src/core/reference.js'

const H64 = 'a'.repeat(64)
const D256 = `sha256:${H64}`
const D512 = `sha512:${'b'.repeat(128)}`

type Row = [input: string, registry: string, repository: string, tag: string | undefined, digest: string | undefined]

// Expected values follow github.com/distribution/reference (ParseNormalizedNamed).
const VALID: Row[] = [
  ['alpine', 'docker.io', 'library/alpine', 'latest', undefined],
  ['alpine:3.19', 'docker.io', 'library/alpine', '3.19', undefined],
  ['user/app', 'docker.io', 'user/app', 'latest', undefined],
  ['docker.io/alpine', 'docker.io', 'library/alpine', 'latest', undefined],
  ['docker.io/library/alpine:edge', 'docker.io', 'library/alpine', 'edge', undefined],
  ['index.docker.io/alpine', 'docker.io', 'library/alpine', 'latest', undefined],
  ['index.docker.io/user/app:1', 'docker.io', 'user/app', '1', undefined],
  ['ghcr.io/alpine', 'ghcr.io', 'alpine', 'latest', undefined],
  ['localhost/x', 'localhost', 'x', 'latest', undefined],
  ['localhost:5000/x', 'localhost:5000', 'x', 'latest', undefined],
  ['localhost:5000/x:1.0', 'localhost:5000', 'x', '1.0', undefined],
  ['[::1]:5000/x', '[::1]:5000', 'x', 'latest', undefined],
  ['[::1]/x:t', '[::1]', 'x', 't', undefined],
  ['127.0.0.1:5000/a/b', '127.0.0.1:5000', 'a/b', 'latest', undefined],
  ['example.com/x', 'example.com', 'x', 'latest', undefined],
  // an uppercase first component is a domain; distribution keeps its case, image-gate writes hosts in lowercase,
  // but a one-label host in uppercase, since `foo/bar` would be on Docker Hub (see canonicalRegistry)
  ['Example.com/x', 'example.com', 'x', 'latest', undefined],
  ['Foo/bar', 'FOO', 'bar', 'latest', undefined],
  ['a--b', 'docker.io', 'library/a--b', 'latest', undefined],
  ['a---b', 'docker.io', 'library/a---b', 'latest', undefined],
  ['a__b', 'docker.io', 'library/a__b', 'latest', undefined],
  ['a.b', 'docker.io', 'library/a.b', 'latest', undefined],
  ['a_b', 'docker.io', 'library/a_b', 'latest', undefined],
  ['a-b.c_d__e', 'docker.io', 'library/a-b.c_d__e', 'latest', undefined],
  ['foo/bar/baz', 'docker.io', 'foo/bar/baz', 'latest', undefined],
  ['quay.io/foo/bar/baz:v1', 'quay.io', 'foo/bar/baz', 'v1', undefined],
  // "localhost:5000" with no slash is the Docker Hub image "localhost" with tag "5000"
  ['localhost:5000', 'docker.io', 'library/localhost', '5000', undefined],
  [`host:5000/x:tag@${D256}`, 'host:5000', 'x', 'tag', D256],
  [`alpine@${D256}`, 'docker.io', 'library/alpine', undefined, D256],
  [`ghcr.io/a/b@${D512}`, 'ghcr.io', 'a/b', undefined, D512],
  [`alpine:3@${D256}`, 'docker.io', 'library/alpine', '3', D256],
  ['x:_under', 'docker.io', 'library/x', '_under', undefined],
  ['x:UPPER.case-ok', 'docker.io', 'library/x', 'UPPER.case-ok', undefined],
  [`x:${'t'.repeat(128)}`, 'docker.io', 'library/x', 't'.repeat(128), undefined],
  // 64 hex characters are an image ID only as the whole bare name
  [`example.com/${H64}`, 'example.com', H64, 'latest', undefined],
  // distribution/reference (reference.go, Parse): the 255-character limit is on the repository path alone
  [`example.com/${'a'.repeat(243)}`, 'example.com', 'a'.repeat(243), 'latest', undefined],
  [`example.com/${'a'.repeat(255)}`, 'example.com', 'a'.repeat(255), 'latest', undefined],
  [
    `a.very.long.registry.example.com:5000/${'b'.repeat(100)}/${'c'.repeat(154)}`,
    'a.very.long.registry.example.com:5000',
    `${'b'.repeat(100)}/${'c'.repeat(154)}`,
    'latest',
    undefined
  ],
  // on Docker Hub the path is library/… once normalized: 8 + 247 = 255
  ['a'.repeat(247), 'docker.io', `library/${'a'.repeat(247)}`, 'latest', undefined]
]

const INVALID: Array<[input: string, phrase: string]> = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['al pine', 'white space'],
  ['alpine:3 .19', 'white space'],
  ['alpine\t:3', 'white space'],
  ['docker://alpine', 'scheme'],
  ['https://ghcr.io/a/b', 'scheme'],
  ['a___b', 'bad repository'],
  ['-a', 'bad repository'],
  ['a-', 'bad repository'],
  ['a.', 'bad repository'],
  ['.a', 'bad repository'],
  ['a..b', 'bad repository'],
  ['a//b', 'bad repository'],
  ['a/', 'bad repository'],
  ['ghcr.io/', 'bad repository'],
  ['docker.io/Foo', 'lowercase'],
  ['foo/Bar', 'lowercase'],
  ['ghcr.io/Acme/app', 'lowercase'],
  [`x@sha256:short`, 'bad digest'],
  [`x@sha256:${'A'.repeat(64)}`, 'bad digest'],
  [`x@md5:${'a'.repeat(32)}`, 'bad digest'],
  [`x@sha512:${H64}`, 'bad digest'],
  [`x@sha256:${'a'.repeat(63)}`, 'bad digest'],
  [`x@SHA256:${H64}`, 'bad digest'],
  ['x@', 'bad digest'],
  ['x:', 'bad tag'],
  ['x:.a', 'bad tag'],
  ['x:-a', 'bad tag'],
  ['x:a+b', 'bad tag'],
  [`x:${'t'.repeat(129)}`, 'bad tag'],
  [':tag', 'no repository'],
  [`@${D256}`, 'no repository'],
  [H64, 'image ID'],
  [`example.com/${'a'.repeat(256)}`, 'longer than 255'],
  [`${'a'.repeat(248)}`, 'longer than 255'],
  ['exa_mple.com/x', 'bad registry'],
  ['-example.com/x', 'bad registry'],
  ['host:port/x', 'bad registry'],
  ['[::1/x', 'bad registry']
]

describe('parseReference: valid references', () => {
  test.each(VALID)('%s → %s / %s : %s @ %s', (input, registry, repository, tag, digest) => {
    const ref = parseReference(input)
    expect(ref.registry).toBe(registry)
    expect(ref.repository).toBe(repository)
    expect(ref.tag).toBe(tag)
    expect(ref.digest).toBe(digest)
  })

  test.each(VALID)('idempotent: parse(format(parse(%s))) = parse(%s)', input => {
    const once = parseReference(input)
    const formatted = formatReference(once)
    expect(parseReference(formatted)).toEqual(once)
    expect(formatReference(parseReference(formatted))).toBe(formatted)
  })
})

describe('parseReference: invalid references', () => {
  test.each(INVALID)('%j is rejected (%s)', (input, phrase) => {
    let caught: unknown
    try {
      parseReference(input)
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(InvalidReference)
    const err = caught as InvalidReference
    expect(err.message).toContain(phrase)
    expect(err.message).toContain(`"${input}"`)
    expect(err.input).toBe(input)
  })
})

describe('formatReference and friends', () => {
  test.each([
    ['alpine', 'docker.io/library/alpine:latest'],
    ['index.docker.io/user/app:1', 'docker.io/user/app:1'],
    [`host:5000/x:tag@${D256}`, `host:5000/x:tag@${D256}`],
    [`alpine@${D256}`, `docker.io/library/alpine@${D256}`],
    ['[::1]:5000/x', '[::1]:5000/x:latest']
  ])('formatReference(%s) = %s', (input, expected) => {
    expect(formatReference(parseReference(input))).toBe(expected)
  })

  test.each([
    ['ghcr.io/a/b:1.2', `ghcr.io/a/b:1.2@${D256}`],
    [`ghcr.io/a/b@${D512}`, `ghcr.io/a/b@${D256}`],
    [`ghcr.io/a/b:1.2@${D512}`, `ghcr.io/a/b:1.2@${D256}`],
    ['user/app:v1', `docker.io/user/app:v1@${D256}`]
  ])('pinnedReference(%s) = %s', (input, expected) => {
    expect(pinnedReference(parseReference(input), D256)).toBe(expected)
  })

  test('pinnedReference has no tag when only a digest was given', () => {
    const pinned = pinnedReference(parseReference(`ghcr.io/a/b@${D256}`), D256)
    expect(pinned).not.toMatch(/:latest/)
    expect(pinned.split('@')[0]).toBe('ghcr.io/a/b')
  })

  test.each([
    ['alpine', 'latest'],
    ['alpine:3', '3'],
    [`alpine@${D256}`, D256],
    [`alpine:3@${D256}`, D256]
  ])('manifestReference(%s) = %s (tag + digest fetches by digest)', (input, expected) => {
    expect(manifestReference(parseReference(input))).toBe(expected)
  })

  test.each([
    ['alpine', 'docker.io/library/alpine'],
    ['localhost:5000/a/b:1', 'localhost:5000/a/b']
  ])('repositoryName(%s) = %s', (input, expected) => {
    expect(repositoryName(parseReference(input))).toBe(expected)
  })

  test.each([
    ['docker.io', 'registry-1.docker.io'],
    ['ghcr.io', 'ghcr.io'],
    ['localhost:5000', 'localhost:5000'],
    ['index.docker.io', 'index.docker.io']
  ])('apiHost(%s) = %s', (registry, expected) => {
    expect(apiHost(registry)).toBe(expected)
  })

  test('apiHost of a parsed Docker Hub reference is registry-1.docker.io', () => {
    expect(apiHost(parseReference('index.docker.io/alpine').registry)).toBe('registry-1.docker.io')
  })

  test.each([
    ['localhost', 'localhost'],
    ['localhost:5000', 'localhost'],
    ['[::1]:5000', '[::1]'],
    ['[::1]', '[::1]'],
    ['127.0.0.1:5000', '127.0.0.1'],
    ['example.com', 'example.com'],
    ['example.com:443', 'example.com']
  ])('hostOf(%s) = %s', (registry, expected) => {
    expect(hostOf(registry)).toBe(expected)
  })

  test.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['LOCALHOST:5000', true],
    ['registry.localhost:5000', true],
    ['127.0.0.1', true],
    ['127.0.0.1:5000', true],
    ['127.1.2.3:80', true],
    ['[::1]:5000', true],
    ['[::1]', true],
    ['example.com', false],
    ['localhost.example.com', false],
    ['127.0.0.1.nip.io', false],
    ['10.0.0.1:5000', false],
    ['[::2]:5000', false],
    ['docker.io', false]
  ])('isLoopback(%s) = %s', (registry, expected) => {
    expect(isLoopback(registry)).toBe(expected)
  })
})

/**
 * distribution/reference reference_test.go (TestReferenceParse), ported as data. Parse there keeps a first
 * component without `.`, `:` or `localhost` as a "domain"; image-gate normalizes as ParseNormalizedNamed (and
 * docker) do, so such names are on Docker Hub here, and the expected registry/repository below are the
 * normalized ones. The length limit is on the repository path (reference.go: RepositoryNameTotalLengthMax).
 */
const F64 = 'f'.repeat(64)
const PEER_VALID: Array<[input: string, registry: string, repository: string, tag: string, digest?: string]> = [
  ['test_com', 'docker.io', 'library/test_com', 'latest'],
  ['test.com:tag', 'docker.io', 'library/test.com', 'tag'],
  ['test.com:5000', 'docker.io', 'library/test.com', '5000'],
  ['test.com/repo:tag', 'test.com', 'repo', 'tag'],
  ['test:5000/repo', 'test:5000', 'repo', 'latest'],
  ['test:5000/repo:tag', 'test:5000', 'repo', 'tag'],
  [`test:5000/repo@sha256:${F64}`, 'test:5000', 'repo', '', `sha256:${F64}`],
  [`test:5000/repo:tag@sha256:${F64}`, 'test:5000', 'repo', 'tag', `sha256:${F64}`],
  ['lowercase:Uppercase', 'docker.io', 'library/lowercase', 'Uppercase'],
  [`${'a/'.repeat(127)}a:tag-puts-this-over-max`, 'docker.io', `${'a/'.repeat(127)}a`, 'tag-puts-this-over-max'],
  ['sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com', 'bar/baz/quux', 'latest'],
  ['sub-dom1.foo.com/bar/baz/quux:some-long-tag', 'sub-dom1.foo.com', 'bar/baz/quux', 'some-long-tag'],
  ['b.gcr.io/test.example.com/my-app:test.example.com', 'b.gcr.io', 'test.example.com/my-app', 'test.example.com'],
  ['xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com', 'myimage', 'xn--n3h.com'],
  [
    `xn--7o8h.com/myimage:xn--7o8h.com@sha512:${'f'.repeat(128)}`,
    'xn--7o8h.com',
    'myimage',
    'xn--7o8h.com',
    `sha512:${'f'.repeat(128)}`
  ],
  ['foo_bar.com:8080', 'docker.io', 'library/foo_bar.com', '8080'],
  ['foo/foo_bar.com:8080', 'docker.io', 'foo/foo_bar.com', '8080'],
  ['192.168.1.1', 'docker.io', 'library/192.168.1.1', 'latest'],
  ['192.168.1.1:tag', 'docker.io', 'library/192.168.1.1', 'tag'],
  ['192.168.1.1:5000', 'docker.io', 'library/192.168.1.1', '5000'],
  ['192.168.1.1/repo', '192.168.1.1', 'repo', 'latest'],
  ['192.168.1.1:5000/repo', '192.168.1.1:5000', 'repo', 'latest'],
  ['192.168.1.1:5000/repo:5050', '192.168.1.1:5000', 'repo', '5050'],
  ['[2001:db8::1]/repo', '[2001:db8::1]', 'repo', 'latest'],
  ['[2001:db8:1:2:3:4:5:6]/repo:tag', '[2001:db8:1:2:3:4:5:6]', 'repo', 'tag'],
  ['[2001:db8::1]:5000/repo', '[2001:db8::1]:5000', 'repo', 'latest'],
  ['[2001:db8::1]:5000/repo:tag', '[2001:db8::1]:5000', 'repo', 'tag'],
  [`[2001:db8::1]:5000/repo@sha256:${F64}`, '[2001:db8::1]:5000', 'repo', '', `sha256:${F64}`],
  [`[2001:db8::1]:5000/repo:tag@sha256:${F64}`, '[2001:db8::1]:5000', 'repo', 'tag', `sha256:${F64}`],
  ['[2001:db8::]:5000/repo', '[2001:db8::]:5000', 'repo', 'latest'],
  ['[::1]:5000/repo', '[::1]:5000', 'repo', 'latest']
]
const PEER_INVALID: string[] = [
  '',
  ':justtag',
  `@sha256:${F64}`,
  `repo@sha256:${'f'.repeat(34)}`,
  `validname@invaliddigest:${F64}`,
  'Uppercase:tag',
  'test:5000/Uppercase/lowercase:tag',
  `${'a/'.repeat(128)}a:tag`,
  'aa/asdf$$^/aa',
  '[2001:db8::1]',
  '[2001:db8::1]:5000',
  '[2001:db8::1]:tag',
  '[fe80::1%eth0]:5000/repo',
  '[fe80::1%@invalidzone]:5000/repo'
]

describe('distribution/reference reference_test.go (TestReferenceParse)', () => {
  test.each(PEER_VALID.map(row => [row[0], row] as const))('%s', (input, row) => {
    const ref = parseReference(input)
    expect([ref.registry, ref.repository, ref.tag ?? '', ref.digest]).toEqual([row[1], row[2], row[3], row[4]])
  })
  test.each(PEER_INVALID)('%j is rejected', input => {
    expect(() => parseReference(input)).toThrow(InvalidReference)
  })
})

/**
 * distribution/reference normalize_test.go (TestValidateReferenceName, TestValidateRemoteName,
 * TestParseRepositoryInfo, TestNormalizedSplitHostname), ported as data: what ParseNormalizedNamed accepts,
 * refuses, and where it puts the domain and the path. One difference on purpose: a bare 64-hex name (an image ID
 * to ParseAnyReference) is refused, since it names no repository to verify.
 */
describe('distribution/reference normalize_test.go', () => {
  test.each([
    'docker/docker',
    'library/debian',
    'debian',
    'docker.io/docker/docker',
    'docker.io/library/debian',
    'docker.io/debian',
    'index.docker.io/docker/docker',
    'index.docker.io/library/debian',
    'index.docker.io/debian',
    '127.0.0.1:5000/docker/docker',
    '127.0.0.1:5000/library/debian',
    '127.0.0.1:5000/debian',
    '192.168.0.1',
    '192.168.0.1:80',
    '192.168.0.1:8/debian',
    '192.168.0.2:25000/debian',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
    '[fc00::1]:5000/docker',
    '[fc00::1]:5000/docker/docker',
    '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
    'docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
    'Docker/docker',
    'DOCKER/docker',
    'docker-rules/docker',
    'docker---rules/docker',
    'doc/docker',
    'd/docker',
    'jess/t',
    'dock__er/docker'
  ])('%s is valid', input => {
    expect(() => parseReference(input)).not.toThrow()
  })

  test.each([
    'https://github.com/docker/docker',
    'docker/Docker',
    '-docker',
    '-docker/docker',
    '-docker.io/docker/docker',
    'docker///docker',
    'docker.io/docker/Docker',
    'docker.io/docker///docker',
    '[fc00::1]',
    '[fc00::1]:5000',
    'fc00::1:5000/debian',
    '[fe80::1%eth0]:5000/debian',
    '[2001:db8:3:4::192.0.2.33]:5000/debian',
    '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
    'docker-/docker',
    '-docker-/docker',
    '____/____',
    '_docker/_docker',
    'dock..er/docker',
    'dock_.er/docker',
    'dock-.er/docker',
    'docker/',
    `${'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_'.repeat(4)}/docker`
  ])('%s is invalid', input => {
    expect(() => parseReference(input)).toThrow(InvalidReference)
  })

  test.each<[input: string, registry: string, repository: string]>([
    // TestParseRepositoryInfo: familiar, full and ambiguous names of one repository
    ['fooo/bar', 'docker.io', 'fooo/bar'],
    ['docker.io/fooo/bar', 'docker.io', 'fooo/bar'],
    ['index.docker.io/fooo/bar', 'docker.io', 'fooo/bar'],
    ['ubuntu', 'docker.io', 'library/ubuntu'],
    ['docker.io/library/ubuntu', 'docker.io', 'library/ubuntu'],
    ['library/ubuntu', 'docker.io', 'library/ubuntu'],
    ['nonlibrary/ubuntu', 'docker.io', 'nonlibrary/ubuntu'],
    ['other/library', 'docker.io', 'other/library'],
    ['127.0.0.1:8000/private/moonbase', '127.0.0.1:8000', 'private/moonbase'],
    ['127.0.0.1:8000/privatebase', '127.0.0.1:8000', 'privatebase'],
    ['example.com/private/moonbase', 'example.com', 'private/moonbase'],
    ['example.com:8000/privatebasee', 'example.com:8000', 'privatebasee'],
    ['ubuntu-12.04-base', 'docker.io', 'library/ubuntu-12.04-base'],
    ['index.docker.io/library/ubuntu-12.04-base', 'docker.io', 'library/ubuntu-12.04-base'],
    ['docker.io/foo', 'docker.io', 'library/foo'],
    ['library/foo/bar', 'docker.io', 'library/foo/bar'],
    ['store/foo/bar', 'docker.io', 'store/foo/bar'],
    // distribution keeps the domain's case; image-gate writes a one-label host in uppercase (see canonicalRegistry)
    ['Foo/bar', 'FOO', 'bar'],
    ['FOO/bar', 'FOO', 'bar'],
    // TestNormalizedSplitHostname
    ['test.com/foo', 'test.com', 'foo'],
    ['test_com/foo', 'docker.io', 'test_com/foo'],
    ['docker/migrator', 'docker.io', 'docker/migrator'],
    ['test.com:8080/foo', 'test.com:8080', 'foo'],
    ['test-com:8080/foo', 'test-com:8080', 'foo'],
    ['foo', 'docker.io', 'library/foo'],
    ['xn--n3h.com/foo', 'xn--n3h.com', 'foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
    ['docker.io/library/foo/bar', 'docker.io', 'library/foo/bar']
  ])('%s → %s / %s', (input, registry, repository) => {
    const ref = parseReference(input)
    expect([ref.registry, ref.repository]).toEqual([registry, repository])
  })

  test('TestParseReferenceWithTagAndDigest', () => {
    const ref = parseReference('busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa')
    expect(formatReference(ref)).toBe(
      'docker.io/library/busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa'
    )
  })
})

/**
 * One image, one name: every spelling of a registry host that reaches the same registry parses to the same
 * registry, so that a rule scoped by `images:`, the registries rule, credentials and the report all see one string.
 */
describe('registry hosts are canonical', () => {
  test.each<[input: string, registry: string, repository: string]>([
    // case: host names and IPv6 literals are case-insensitive
    ['LOCALHOST:5000/acme/app', 'localhost:5000', 'acme/app'],
    ['LocalHost:5000/acme/app', 'localhost:5000', 'acme/app'],
    ['LocalHost/acme/app', 'localhost', 'acme/app'],
    ['GHCR.IO/acme/app', 'ghcr.io', 'acme/app'],
    ['Ghcr.Io/acme/app', 'ghcr.io', 'acme/app'],
    // a one-label host is a registry only while it has an uppercase letter: written in uppercase, it stays one
    ['Acme/app', 'ACME', 'app'],
    ['aCME/app', 'ACME', 'app'],
    ['Acme:5000/app', 'acme:5000', 'app'],
    // the default HTTPS port
    ['ghcr.io:443/acme/app', 'ghcr.io', 'acme/app'],
    ['GHCR.IO:443/acme/app', 'ghcr.io', 'acme/app'],
    ['ghcr.io:0443/acme/app', 'ghcr.io', 'acme/app'],
    ['localhost:443/acme/app', 'localhost', 'acme/app'],
    // a port is a number, however many zeros lead it
    ['localhost:05000/acme/app', 'localhost:5000', 'acme/app'],
    // port 80 is another server: HTTPS is asked on the port written (see canonicalRegistry)
    ['ghcr.io:80/acme/app', 'ghcr.io:80', 'acme/app'],
    ['localhost:80/acme/app', 'localhost:80', 'acme/app'],
    // Docker Hub's other names
    ['index.docker.io/library/alpine', 'docker.io', 'library/alpine'],
    ['index.docker.io/alpine', 'docker.io', 'library/alpine'],
    ['INDEX.DOCKER.IO:443/acme/app', 'docker.io', 'acme/app'],
    ['registry-1.docker.io/library/alpine', 'docker.io', 'library/alpine'],
    ['registry-1.docker.io/alpine', 'docker.io', 'library/alpine'],
    ['registry.hub.docker.com/library/alpine', 'docker.io', 'library/alpine'],
    ['registry.hub.docker.com/acme/app', 'docker.io', 'acme/app'],
    ['Docker.IO/alpine', 'docker.io', 'library/alpine'],
    ['DOCKER.IO/acme/app', 'docker.io', 'acme/app'],
    ['docker.io:443/alpine', 'docker.io', 'library/alpine'],
    ['docker.io:443/library/alpine', 'docker.io', 'library/alpine'],
    // docker.io on another port is another registry
    ['docker.io:5000/acme/app', 'docker.io:5000', 'acme/app'],
    // IPv6 literals: case, and the one form a URL writes
    ['[::1]:5000/x', '[::1]:5000', 'x'],
    ['[::1]:443/x', '[::1]', 'x'],
    ['[::1]/x', '[::1]', 'x'],
    ['[0:0:0:0:0:0:0:1]:5000/x', '[::1]:5000', 'x'],
    ['[0::1]:5000/x', '[::1]:5000', 'x'],
    ['[2001:DB8::1]:5000/x', '[2001:db8::1]:5000', 'x'],
    ['[FC00::ABCD]/x', '[fc00::abcd]', 'x'],
    // IPv4 spellings the resolver reads as the same address, as the request's URL writes it
    ['127.1:5000/x', '127.0.0.1:5000', 'x'],
    ['0x7f.0.0.1:5000/x', '127.0.0.1:5000', 'x'],
    ['0177.0.0.1:5000/x', '127.0.0.1:5000', 'x'],
    ['2130706433:5000/x', '127.0.0.1:5000', 'x']
  ])('%s → %s / %s', (input, registry, repository) => {
    const ref = parseReference(input)
    expect([ref.registry, ref.repository]).toEqual([registry, repository])
    // Canonical is a fixed point: parsing the formatted reference changes nothing.
    expect(parseReference(formatReference(ref))).toEqual(ref)
    expect(canonicalRegistry(ref.registry)).toBe(ref.registry)
  })

  test('every spelling of one image formats to one reference', () => {
    const spellings = [
      'localhost:5000/acme/app:1',
      'LOCALHOST:5000/acme/app:1',
      'LocalHost:5000/acme/app:1',
      'localhost:05000/acme/app:1'
    ]
    expect(new Set(spellings.map(s => formatReference(parseReference(s))))).toEqual(
      new Set(['localhost:5000/acme/app:1'])
    )
    const hub = [
      'alpine',
      'docker.io/alpine',
      'Docker.IO/alpine',
      'docker.io:443/library/alpine',
      'index.docker.io/alpine',
      'registry-1.docker.io/library/alpine',
      'registry.hub.docker.com/library/alpine'
    ]
    expect(new Set(hub.map(s => formatReference(parseReference(s))))).toEqual(
      new Set(['docker.io/library/alpine:latest'])
    )
  })

  test.each([
    ['GHCR.IO/Acme/app', 'lowercase'],
    ['LOCALHOST:5000/Acme/app', 'lowercase'],
    ['registry-1.docker.io/Library/alpine', 'lowercase'],
    ['ghcr.io:/x', 'bad registry']
  ])('the repository path stays case-sensitive, the host grammar stays: %s is rejected (%s)', (input, phrase) => {
    expect(() => parseReference(input)).toThrow(phrase)
  })

  test('a Docker Hub alias is asked at Docker Hub API host; loopback spellings are loopback', () => {
    expect(apiHost(parseReference('registry.hub.docker.com/acme/app').registry)).toBe('registry-1.docker.io')
    expect(apiHost(parseReference('LOCALHOST:5000/acme/app').registry)).toBe('localhost:5000')
    expect(isLoopback(parseReference('127.1:5000/x').registry)).toBe(true)
    expect(isLoopback(parseReference('[0::1]:5000/x').registry)).toBe(true)
  })

  test.each([
    ['ghcr.io', 'ghcr.io'],
    ['GHCR.IO:443', 'ghcr.io'],
    ['Docker.IO', 'docker.io'],
    ['docker.io:443', 'docker.io'],
    ['registry-1.docker.io:443', 'docker.io'],
    ['[::1]:5000', '[::1]:5000'],
    ['[::1]:443', '[::1]'],
    ['LocalHost', 'localhost'],
    ['localhost:80', 'localhost:80'],
    ['MyReg', 'MYREG'],
    ['myreg', 'MYREG'],
    // not a host[:port]: lowercased only
    ['*.Example.com:443', '*.example.com:443'],
    ['1.2.3.4.5', '1.2.3.4.5']
  ])('canonicalRegistry(%s) = %s, and it is idempotent', (input, expected) => {
    expect(canonicalRegistry(input)).toBe(expected)
    expect(canonicalRegistry(expected)).toBe(expected)
  })

  test.each([
    ['https://GHCR.IO:443/v2/', 'ghcr.io'],
    ['https://Docker.IO', 'docker.io'],
    ['http://LOCALHOST:5000', 'localhost:5000'],
    ['[::1]:443', '[::1]']
  ])('normalizeRegistryName(%s) = %s: config.json keys and inputs reach the same name', (input, expected) => {
    expect(normalizeRegistryName(input)).toBe(expected)
  })
})
