import { describe, expect, test } from '@jest/globals'
import {
  allowsBase,
  globMatch,
  matchReference,
  normalizeHostPattern,
  parseReferencePattern
} from '../../../src/core/glob.js'
import { parseReference } from '../../../src/core/reference.js'

const D = `sha256:${'a'.repeat(64)}`

describe('reference patterns', () => {
  test.each([
    ['alpine', 'docker.io/library/alpine', undefined],
    ['alpine:3.*', 'docker.io/library/alpine', '3.*'],
    ['docker.io/alpine:3', 'docker.io/library/alpine', '3'],
    ['index.docker.io/library/alpine', 'docker.io/library/alpine', undefined],
    ['acme/*', 'docker.io/acme/*', undefined],
    ['ghcr.io/acme/**', 'ghcr.io/acme/**', undefined],
    ['localhost:5000/app:1.*', 'localhost:5000/app', '1.*'],
    ['**', '**', undefined],
    ['gcr.io/distroless/static@' + D, 'gcr.io/distroless/static', undefined]
  ])('%s → %s %s', (text, name, tag) => {
    const p = parseReferencePattern(text)
    expect(p.name).toBe(name)
    expect(p.tag).toBe(tag)
  })

  test.each([
    ['ghcr.io/acme/**', 'ghcr.io/acme/api:1.0', true],
    ['ghcr.io/acme/**', 'ghcr.io/acme/team/api:1.0', true],
    ['ghcr.io/acme/*', 'ghcr.io/acme/team/api:1.0', false],
    ['ghcr.io/acme/*', 'ghcr.io/acmex/api', false],
    ['alpine', 'alpine:3.19', true],
    ['alpine', `alpine@${D}`, true],
    ['alpine:3.*', 'alpine:3.19', true],
    ['alpine:3.*', 'alpine:edge', false],
    ['alpine:3.*', `alpine@${D}`, false],
    ['docker.io/library/alpine:3.*', 'alpine:3.20', true],
    [`alpine@${D}`, `alpine:3@${D}`, true],
    [`alpine@${D}`, 'alpine:3', false],
    ['**', 'quay.io/x/y:z', true],
    ['gcr.io/distroless/**', 'gcr.io/distroless/static-debian12:nonroot', true],
    ['localhost:5000/app', 'localhost:5000/app:1', true],
    ['localhost:5000/app', 'localhost:5001/app:1', false]
  ])('%s matches %s: %s', (pattern, ref, ok) => {
    expect(matchReference(pattern, parseReference(ref))).toBe(ok)
  })

  test('a digest pattern matches the resolved digest', () => {
    expect(matchReference(`alpine@${D}`, parseReference('alpine:3'), D)).toBe(true)
  })

  test.each([
    ['[::1]:5000', '[::1]:5000', true],
    ['ghcr.io', 'ghcr.io', true],
    ['ghcr.io', 'ghcr.iox', false],
    ['*.io', 'ghcr.io', true],
    ['https://github.com/acme/*', 'https://github.com/acme/api', true],
    ['https://github.com/acme/*', 'https:/github.com/acme/api', false],
    ['{a,b}', 'b', true]
  ])('glob %s ~ %s: %s', (p, v, ok) => {
    expect(globMatch(p, v)).toBe(ok)
  })
})

/**
 * A pattern names a registry however either side spells it: the host part of a pattern is normalized as a
 * reference's registry is, so that `GHCR.IO/acme/**` still means ghcr.io, and `LOCALHOST:5000/acme/app` does not
 * escape a rule written for `localhost:5000/acme/**`.
 */
describe('registry spellings in patterns and references', () => {
  test.each([
    ['GHCR.IO/acme/**', 'ghcr.io/acme/**'],
    ['ghcr.io:443/acme/**', 'ghcr.io/acme/**'],
    ['Ghcr.Io:0443/acme/app:1.*', 'ghcr.io/acme/app'],
    ['LOCALHOST:5000/acme/**', 'localhost:5000/acme/**'],
    ['localhost:80/acme/**', 'localhost:80/acme/**'],
    ['Docker.IO/alpine', 'docker.io/library/alpine'],
    ['docker.io:443/library/alpine', 'docker.io/library/alpine'],
    ['registry-1.docker.io/library/alpine', 'docker.io/library/alpine'],
    ['registry.hub.docker.com/acme/*', 'docker.io/acme/*'],
    ['INDEX.DOCKER.IO/alpine:3.*', 'docker.io/library/alpine'],
    ['[::1]:443/x', '[::1]/x'],
    ['[0:0::1]:5000/x/**', '[::1]:5000/x/**'],
    ['Foo/bar', 'FOO/bar'],
    // a glob host: lowercased, and a trailing :443 goes
    ['*.Example.com:443/x/**', '*.example.com/x/**'],
    ['Reg.Example.com:*/x', 'reg.example.com:*/x']
  ])('pattern %s → %s', (text, name) => {
    expect(parseReferencePattern(text).name).toBe(name)
  })

  const SPELLINGS = (port: number): string[] => [
    `localhost:${port}/acme/app:1`,
    `LOCALHOST:${port}/acme/app:1`,
    `LocalHost:${port}/acme/app:1`,
    `localhost:0${port}/acme/app:1`
  ]
  test.each([
    `localhost:5000/acme/**`,
    `LOCALHOST:5000/acme/**`,
    `LocalHost:5000/acme/app`,
    `localhost:5000/acme/app:1`
  ])('the pattern %s matches every spelling of localhost:5000/acme/app', pattern => {
    for (const ref of SPELLINGS(5000)) expect([ref, matchReference(pattern, parseReference(ref))]).toEqual([ref, true])
    expect(matchReference(pattern, parseReference('localhost:5001/acme/app:1'))).toBe(false)
  })

  test.each([
    ['ghcr.io/acme/**', ['GHCR.IO/acme/app', 'ghcr.io:443/acme/app', 'Ghcr.Io:443/acme/team/app:1']],
    ['GHCR.IO/acme/**', ['ghcr.io/acme/app', 'ghcr.io:443/acme/app']],
    [
      'docker.io/library/alpine',
      [
        'alpine',
        'index.docker.io/library/alpine',
        'registry-1.docker.io/library/alpine',
        'registry.hub.docker.com/library/alpine',
        'Docker.IO/alpine',
        'docker.io:443/alpine'
      ]
    ],
    ['alpine:3.*', ['registry-1.docker.io/alpine:3.20', 'DOCKER.IO:443/library/alpine:3.19']],
    ['[::1]:5000/x', ['[0:0:0:0:0:0:0:1]:5000/x', '[0::1]:5000/x:t']],
    ['127.0.0.1:5000/**', ['127.1:5000/x', '0x7f.0.0.1:5000/y/z']]
  ])('%s matches %j', (pattern, refs) => {
    for (const ref of refs) expect([ref, matchReference(pattern, parseReference(ref))]).toEqual([ref, true])
  })

  test.each([
    ['ghcr.io/acme/**', 'ghcr.io:80/acme/app'],
    ['ghcr.io/acme/**', 'ghcr.io:8443/acme/app'],
    ['docker.io/library/alpine', 'docker.io:5000/library/alpine'],
    ['foo/bar', 'Foo/bar'],
    ['Foo/bar', 'foo/bar']
  ])('%s does not match %s: another registry', (pattern, ref) => {
    expect(matchReference(pattern, parseReference(ref))).toBe(false)
  })

  test('a base-images pattern allows a base however its host was spelled', () => {
    const base = { name: 'ghcr.io/acme/base:1', digest: `sha256:${'b'.repeat(64)}` }
    expect(allowsBase('GHCR.IO:443/acme/**', base)).toBe(true)
    expect(allowsBase('ghcr.io:80/acme/**', base)).toBe(false)
  })

  test.each([
    ['GHCR.IO', 'ghcr.io'],
    ['ghcr.io:443', 'ghcr.io'],
    ['Docker.IO', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    ['[::1]:5000', '[::1]:5000'],
    ['[0::1]:443', '[::1]'],
    ['LOCALHOST:*', 'localhost:*'],
    ['*.Example.COM', '*.example.com'],
    ['*.example.com:443', '*.example.com'],
    ['{GHCR.IO,Quay.io}', '{ghcr.io,quay.io}'],
    ['localhost:80', 'localhost:80']
  ])('normalizeHostPattern(%s) = %s', (pattern, expected) => {
    expect(normalizeHostPattern(pattern)).toBe(expected)
    expect(normalizeHostPattern(expected)).toBe(expected)
  })
})
