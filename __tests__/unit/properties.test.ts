import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { parsePlatform, formatPlatform } from '../../src/oci/platform.js'
import { PolicyError, parsePolicy } from '../../src/policy/loader.js'
import { formatDuration, parseDuration } from '../../src/policy/duration.js'
import { InvalidReference, formatReference, parseReference } from '../../src/core/reference.js'

const RUNS = { numRuns: 2000 }

// Strings drawn from the characters references are made of, so that the parser's corners are reached often.
const refChars = fc.constantFrom(
  ...'abcAB09._-:/@[]'.split(''),
  'sha256:',
  'localhost',
  'docker.io',
  '0'.repeat(64),
  'a'.repeat(64),
  '..',
  '//'
)
const refLike = fc.array(refChars, { maxLength: 24 }).map(a => a.join(''))

describe('reference parser properties', () => {
  test('any input either parses or throws a InvalidReference', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), refLike), s => {
        try {
          parseReference(s)
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidReference)
        }
      }),
      RUNS
    )
  })

  test('every reference that parses is a fixed point of normalization and safe in a URL path', () => {
    fc.assert(
      fc.property(refLike, s => {
        let r
        try {
          r = parseReference(s)
        } catch {
          return
        }
        // normalization is idempotent and parse(format(r)) = r
        const text = formatReference(r)
        expect(parseReference(text)).toEqual(r)
        expect(formatReference(parseReference(text))).toBe(text)
        // digests are validated before they reach a URL; no path tricks survive
        if (r.digest !== undefined) expect(r.digest).toMatch(/^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/)
        expect(r.repository).not.toMatch(/(^|\/)\.\.?(\/|$)/)
        expect(r.repository).not.toMatch(/[?#%\\\s]/)
        if (r.tag !== undefined) expect(r.tag).toMatch(/^[\w][\w.-]{0,127}$/)
      }),
      RUNS
    )
  })

  test.each(['../etc/passwd', 'a/../b', 'a/./b', 'x/%2e%2e/y', 'x?y', 'x#y', 'a//b', 'a/b/', '/a'])(
    'path tricks are rejected: %s',
    s => {
      expect(() => parseReference(s)).toThrow(InvalidReference)
    }
  )
})

describe('duration properties', () => {
  test('every duration it formats, it parses back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 * 365 * 86400 }), n => {
        expect(parseDuration(formatDuration(n))).toBe(n)
      }),
      RUNS
    )
  })
  test('anything else is an Error with a hint, never a crash', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), s => {
        try {
          const n = parseDuration(s)
          expect(Number.isInteger(n) && n > 0).toBe(true)
        } catch (e) {
          expect((e as Error).message).toContain('is not a duration')
        }
      }),
      RUNS
    )
  })
})

describe('platform properties', () => {
  const part = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/)
  test('format(parse(p)) is a fixed point', () => {
    fc.assert(
      fc.property(part, part, fc.option(part, { nil: undefined }), (os, arch, variant) => {
        const p = parsePlatform(variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`)
        expect(parsePlatform(formatPlatform(p))).toEqual(p)
      }),
      RUNS
    )
  })
  test('garbage is an Error naming the value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), s => {
        try {
          parsePlatform(s)
        } catch (e) {
          expect((e as Error).message).toContain('is not a platform')
        }
      }),
      RUNS
    )
  })
})

describe('policy loader properties', () => {
  const key = fc.constantFrom(
    'images',
    'platforms',
    'base-images',
    'max-age',
    'digest',
    'require-digest',
    'registries',
    'labels',
    'non-root',
    'colour',
    'rules'
  )
  const value = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.boolean(),
    fc.integer(),
    fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
    fc.constant(null)
  )
  test('any YAML either loads or is a PolicyError with file and line, never a crash', () => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value, { maxKeys: 4 }), { maxLength: 3 }), rules => {
        const yaml = `rules:\n${rules.map(r => `  - ${JSON.stringify(r)}`).join('\n')}\n`
        try {
          parsePolicy(yaml, 'p.yml')
        } catch (e) {
          expect(e).toBeInstanceOf(PolicyError)
          for (const line of (e as PolicyError).problems) expect(line).toMatch(/^p\.yml(:\d+)?(:\d+)?: /)
        }
      }),
      { numRuns: 500 }
    )
  })
  test('raw text never crashes the loader', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), text => {
        try {
          parsePolicy(text, 'p.yml')
        } catch (e) {
          expect(e).toBeInstanceOf(PolicyError)
        }
      }),
      { numRuns: 1000 }
    )
  })
})
