import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import type { Challenge } from '../../../src/registry/challenge.js'
import { parseChallenges } from '../../../src/registry/challenge.js'

const HUB =
  'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"'

describe('parseChallenges', () => {
  test.each<[string, string | string[] | undefined, Challenge[]]>([
    [
      'Docker Hub bearer',
      HUB,
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/alpine:pull'
          }
        }
      ]
    ],
    ['plain basic', 'Basic realm="Registry Realm"', [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]],
    [
      'two challenges in one header',
      'Bearer realm="a",service="b", Basic realm="c"',
      [
        { scheme: 'bearer', params: { realm: 'a', service: 'b' } },
        { scheme: 'basic', params: { realm: 'c' } }
      ]
    ],
    [
      'two challenges, no space after the comma',
      'Basic realm="c",Bearer realm="a"',
      [
        { scheme: 'basic', params: { realm: 'c' } },
        { scheme: 'bearer', params: { realm: 'a' } }
      ]
    ],
    [
      'quoted value with commas',
      'Bearer realm="https://t/token",scope="repository:a:pull,push",service="s"',
      [{ scheme: 'bearer', params: { realm: 'https://t/token', scope: 'repository:a:pull,push', service: 's' } }]
    ],
    [
      'quoted value with a comma then another challenge',
      'Bearer scope="a,b", Basic realm="x,y"',
      [
        { scheme: 'bearer', params: { scope: 'a,b' } },
        { scheme: 'basic', params: { realm: 'x,y' } }
      ]
    ],
    [
      'escaped quotes and backslashes',
      'Basic realm="say \\"hi\\", ok \\\\ done"',
      [{ scheme: 'basic', params: { realm: 'say "hi", ok \\ done' } }]
    ],
    [
      'quoted value with = and spaces',
      'Bearer realm="https://t/token?a=b&c=d", service="my service"',
      [{ scheme: 'bearer', params: { realm: 'https://t/token?a=b&c=d', service: 'my service' } }]
    ],
    [
      'insufficient_scope error',
      'Bearer realm="https://t/token",service="reg",scope="repository:a/b:pull",error="insufficient_scope"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://t/token',
            service: 'reg',
            scope: 'repository:a/b:pull',
            error: 'insufficient_scope'
          }
        }
      ]
    ],
    ['token68 with padding', 'Basic abc==', [{ scheme: 'basic', params: {}, token68: 'abc==' }]],
    // `abc=` cannot be an auth-param (a param's value is a non-empty token or a quoted string): it is a token68
    ['token68 with one padding character', 'Basic abc=', [{ scheme: 'basic', params: {}, token68: 'abc=' }]],
    [
      'token68 without padding',
      'Negotiate YWxhZGRpbjpvcGVuc2VzYW1l',
      [{ scheme: 'negotiate', params: {}, token68: 'YWxhZGRpbjpvcGVuc2VzYW1l' }]
    ],
    [
      'token68 then another challenge',
      'Basic abc==, Bearer realm="r"',
      [
        { scheme: 'basic', params: {}, token68: 'abc==' },
        { scheme: 'bearer', params: { realm: 'r' } }
      ]
    ],
    ['scheme alone', 'Basic', [{ scheme: 'basic', params: {} }]],
    [
      'scheme alone then another challenge',
      'Negotiate, Basic realm="r"',
      [
        { scheme: 'negotiate', params: {} },
        { scheme: 'basic', params: { realm: 'r' } }
      ]
    ],
    ['lowercase scheme', 'bearer realm="r"', [{ scheme: 'bearer', params: { realm: 'r' } }]],
    [
      'uppercase scheme and parameter names',
      'BEARER Realm="R",SERVICE="S"',
      [{ scheme: 'bearer', params: { realm: 'R', service: 'S' } }]
    ],
    [
      // an unquoted value is a token (RFC 9110): letters, digits and !#$%&'*+-.^_`|~, as distribution's client reads it
      'unquoted values',
      'Bearer realm="https://t/token",service=registry.example.com,error=insufficient_scope',
      [
        {
          scheme: 'bearer',
          params: { realm: 'https://t/token', service: 'registry.example.com', error: 'insufficient_scope' }
        }
      ]
    ],
    ['unquoted values only', 'basic realm=Registry', [{ scheme: 'basic', params: { realm: 'Registry' } }]],
    [
      'white space around = (BWS)',
      'Bearer realm = "r" , service= s',
      [{ scheme: 'bearer', params: { realm: 'r', service: 's' } }]
    ],
    [
      'empty list elements',
      ', Bearer realm="r",, service="s" ,, Basic realm="b"',
      [
        { scheme: 'bearer', params: { realm: 'r', service: 's' } },
        { scheme: 'basic', params: { realm: 'b' } }
      ]
    ],
    ['empty quoted value', 'Bearer realm="",service="s"', [{ scheme: 'bearer', params: { realm: '', service: 's' } }]],
    [
      'a repeated parameter keeps the first value',
      'Bearer realm="first",realm="second"',
      [{ scheme: 'bearer', params: { realm: 'first' } }]
    ],
    [
      'array of headers',
      ['Bearer realm="a"', 'Basic realm="b"'],
      [
        { scheme: 'bearer', params: { realm: 'a' } },
        { scheme: 'basic', params: { realm: 'b' } }
      ]
    ],
    ['empty string', '', []],
    ['only white space and commas', ' , ,\t', []],
    ['undefined', undefined, []],
    ['empty array', [], []]
  ])('%s', (_name, header, expected) => {
    expect(parseChallenges(header)).toEqual(expected)
  })

  test('the scope of a Docker Hub challenge survives intact, colons and slashes included', () => {
    const [c] = parseChallenges(HUB)
    expect(c?.params.scope?.split(':')).toEqual(['repository', 'library/alpine', 'pull'])
  })

  test.each([
    'Bearer realm="unterminated',
    'Bearer realm=',
    'Bearer realm="a",',
    '=====',
    '"""',
    '\\',
    ',,,,',
    'Bearer ="x"',
    'Basic realm="a\\',
    '(){}[]<>@;:',
    'Bearer realm="a" garbage "more',
    '\u0000\u0001\u00ff'
  ])('garbage %j neither throws nor loops', header => {
    const out = parseChallenges(header)
    expect(Array.isArray(out)).toBe(true)
    for (const c of out) expect(c.scheme).toMatch(/^[!#$%&'*+\-.^_`|~0-9a-z]+$/)
  })

  test('an unterminated quoted value runs to the end', () => {
    expect(parseChallenges('Bearer realm="https://t/tok')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://t/tok' } }
    ])
  })
})

describe('parseChallenges: properties', () => {
  test('arbitrary strings never throw and always terminate', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), s => {
        const out = parseChallenges(s)
        expect(Array.isArray(out)).toBe(true)
        for (const c of out) {
          expect(c.scheme).not.toBe('')
          expect(c.scheme).toBe(c.scheme.toLowerCase())
        }
      }),
      { numRuns: 400 }
    )
  })

  test('strings built from header syntax never throw', () => {
    const piece = fc.constantFrom('Bearer', 'Basic', ' ', ',', '=', '"', '\\', 'realm', 'a', '==', '\t', 'x="y"', ', ')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), pieces => {
        const s = pieces.join('')
        const out = parseChallenges(s)
        expect(Array.isArray(out)).toBe(true)
        // every challenge starts at a token: the parser cannot invent more challenges than there are characters
        expect(out.length).toBeLessThanOrEqual(s.length)
      }),
      { numRuns: 400 }
    )
  })

  test('formatted challenges parse back to what was formatted', () => {
    const scheme = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/)
    const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/)
    const value = fc.string({ maxLength: 30 })
    const challenge = fc.record({
      scheme,
      params: fc.uniqueArray(fc.tuple(name, value), { minLength: 1, maxLength: 4, selector: ([n]) => n })
    })
    const quote = (v: string): string => `"${v.replace(/[\\"]/g, m => `\\${m}`)}"`
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 4 }), challenges => {
        const header = challenges
          .map(c => `${c.scheme} ${c.params.map(([n, v]) => `${n}=${quote(v)}`).join(', ')}`)
          .join(', ')
        const parsed = parseChallenges(header)
        expect(parsed).toEqual(
          challenges.map(c => ({ scheme: c.scheme.toLowerCase(), params: Object.fromEntries(c.params) }))
        )
      }),
      { numRuns: 300 }
    )
  })
})
