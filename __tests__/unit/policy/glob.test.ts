import { describe, expect, test } from '@jest/globals'
import { globMatch, matchReference, parseReferencePattern } from '../../../src/policy/glob.js'
import { parseReference } from '../../../src/registry/reference.js'

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
