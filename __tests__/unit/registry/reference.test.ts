import { describe, expect, test } from '@jest/globals'
import {
  ReferenceError,
  apiHost,
  formatReference,
  hostOf,
  isLoopback,
  manifestReference,
  parseReference,
  pinnedReference,
  repositoryName
} from '../../../src/registry/reference.js'

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
  // an uppercase first component is a domain, and distribution keeps its case
  ['Example.com/x', 'Example.com', 'x', 'latest', undefined],
  ['Foo/bar', 'Foo', 'bar', 'latest', undefined],
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
  // exactly 255 characters of name
  [`example.com/${'a'.repeat(243)}`, 'example.com', 'a'.repeat(243), 'latest', undefined]
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
  [`example.com/${'a'.repeat(244)}`, 'longer than 255'],
  [`${'a'.repeat(250)}`, 'longer than 255'],
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
    expect(caught).toBeInstanceOf(ReferenceError)
    const err = caught as ReferenceError
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
