/** base-current and pins-current: the grace, the tag a base was built from, and the rules over gathered facts. */
import { describe, expect, test } from '@jest/globals'
import { builtFrom } from '../../../src/inspect/freshness.js'
import { parseGrace } from '../../../src/policy/duration.js'
import { parsePolicy } from '../../../src/policy/loader.js'
import { checkBaseCurrent, checkPinsCurrent, newerAge } from '../../../src/policy/rules/freshness.js'
import { D, subject } from './facts.js'
import type { BaseCurrentFacts, BaseFacts, NewerCreated, PinFacts } from '../../../src/model/facts.js'

const NOW = '2026-06-01T00:00:00Z'
const created = (iso: string | undefined, annotation?: string, note?: string): NewerCreated => ({
  created: iso,
  annotation,
  note
})

describe('parseGrace', () => {
  test.each([
    ['', undefined],
    ['false', undefined],
    ['FALSE', undefined],
    ['  ', undefined],
    ['true', { seconds: 0, text: 'true' }],
    ['True', { seconds: 0, text: 'true' }],
    ['7d', { seconds: 7 * 86_400, text: '7d' }],
    [' 1w2d ', { seconds: 9 * 86_400, text: '1w2d' }],
    ['90s', { seconds: 90, text: '90s' }]
  ])('%j → %j', (text, grace) => {
    expect(parseGrace(text)).toEqual(grace)
  })

  test.each([['yes'], ['7'], ['0d'], ['-1d'], ['1y'], ['true7d'], ['7d true'], ['36501d']])(
    '%j is rejected with what to write',
    text => {
      expect(() => parseGrace(text)).toThrow(/write true, false, or a grace duration like 7d/)
    }
  )
})

describe('policy keys', () => {
  test.each([
    ['base-current: true', 'baseCurrent', { seconds: 0, text: 'true' }],
    ['base-current: 7d', 'baseCurrent', { seconds: 7 * 86_400, text: '7d' }],
    ['pins-current: "true"', 'pinsCurrent', { seconds: 0, text: 'true' }],
    ['pins-current: 12h', 'pinsCurrent', { seconds: 12 * 3600, text: '12h' }],
    ['pins-current: false', 'pinsCurrent', undefined],
    ['base-current: "false"', 'baseCurrent', undefined]
  ])('%s', (line, field, grace) => {
    const rs = parsePolicy(`rules:\n  - ${line}\n`, 'p.yml')[0]! as unknown as Record<string, unknown>
    expect(rs[field]).toEqual(grace)
  })

  test.each([
    ['base-current: 7x', 'p.yml:2: rules[0].base-current: "7x" is not a duration'],
    ['pins-current: 7', 'p.yml:2: rules[0].pins-current: 7 must be true, false, or a grace duration like 7d'],
    ['pins-current: [true]', 'p.yml:2: rules[0].pins-current: [true] must be true, false, or a grace duration like 7d']
  ])('%s is an error naming the key and line', (line, problem) => {
    expect(() => parsePolicy(`rules:\n  - ${line}\n`, 'p.yml')).toThrow(problem)
  })
})

const H = 'registry.example:5000'
function base(over: Partial<BaseFacts>): BaseFacts {
  return { claim: undefined, proven: [], tried: 0, notes: [], ...over }
}
const claim = (
  name: string,
  digest: string | undefined,
  status: 'verified' | 'contradicted' | 'unverifiable' = 'verified'
) => ({
  name,
  digest,
  source: 'the manifest annotations',
  status,
  detail: status === 'verified' ? undefined : 'why'
})

describe('builtFrom: the tag a base was built from', () => {
  test.each<[string, BaseFacts, string[], unknown]>([
    [
      'a verified claim with a digest',
      base({
        claim: claim(`${H}/lib/base:1`, D(7)),
        proven: [{ name: `${H}/lib/base`, digest: D(7), layers: 1, via: 'claim' }]
      }),
      [],
      { ref: { registry: H, repository: 'lib/base', tag: '1' }, via: 'claim', builtOn: D(7), resolved: undefined }
    ],
    [
      'a verified claim without a digest was resolved by its tag in this run',
      base({
        claim: claim(`${H}/lib/base:1`, undefined),
        proven: [{ name: `${H}/lib/base:1`, digest: D(8), layers: 1, via: 'claim' }]
      }),
      [],
      { ref: { registry: H, repository: 'lib/base', tag: '1' }, via: 'claim', builtOn: undefined, resolved: D(8) }
    ],
    [
      'a claim written name:tag@digest',
      base({
        claim: claim(`${H}/lib/base:1@${D(9)}`, undefined),
        proven: [{ name: `${H}/lib/base:1`, digest: D(9), layers: 1, via: 'claim' }]
      }),
      [],
      { ref: { registry: H, repository: 'lib/base', tag: '1' }, via: 'claim', builtOn: D(9), resolved: undefined }
    ],
    [
      'a Docker Hub claim is normalized',
      base({
        claim: claim('alpine:3.20', D(7)),
        proven: [{ name: 'docker.io/library/alpine', digest: D(7), layers: 1, via: 'claim' }]
      }),
      [],
      {
        ref: { registry: 'docker.io', repository: 'library/alpine', tag: '3.20' },
        via: 'claim',
        builtOn: D(7),
        resolved: undefined
      }
    ],
    [
      'a claim by digest only names no tag',
      base({ claim: claim(`${H}/lib/base@${D(7)}`, undefined) }),
      [],
      { unknown: expect.stringContaining('names no tag, only a digest') }
    ],
    [
      'a literal-tag pattern that proved the base',
      base({ proven: [{ name: `${H}/lib/base:1`, digest: D(3), layers: 2, via: 'layers' }] }),
      [`${H}/lib/base:*`, `${H}/lib/base:1`],
      { ref: { registry: H, repository: 'lib/base', tag: '1' }, via: 'base-images', builtOn: undefined, resolved: D(3) }
    ],
    [
      'a literal tag pinned by digest in the pattern',
      base({ proven: [{ name: `${H}/lib/base:1@${D(3)}`, digest: D(3), layers: 2, via: 'layers' }] }),
      [`${H}/lib/base:1@${D(3)}`],
      { ref: { registry: H, repository: 'lib/base', tag: '1' }, via: 'base-images', builtOn: D(3), resolved: undefined }
    ],
    [
      'a base proven through a tag glob only',
      base({ proven: [{ name: `${H}/lib/base:1`, digest: D(3), layers: 2, via: 'layers' }] }),
      [`${H}/lib/base:*`],
      { unknown: expect.stringContaining('proven through a tag glob, not a literal tag') }
    ],
    [
      'a literal tag that proved a shorter base than the longest',
      base({
        proven: [
          { name: `${H}/lib/app-base:2`, digest: D(4), layers: 3, via: 'layers' },
          { name: `${H}/lib/base:1`, digest: D(3), layers: 1, via: 'layers' }
        ]
      }),
      [`${H}/lib/app-base:*`, `${H}/lib/base:1`],
      { unknown: expect.stringContaining(`${H}/lib/app-base:2 was proven through a tag glob`) }
    ],
    [
      'a contradicted claim, and no literal pattern',
      base({ claim: claim(`${H}/lib/base:1`, D(7), 'contradicted') }),
      [],
      { unknown: expect.stringContaining(`the base claim ${H}/lib/base:1 is contradicted (why)`) }
    ],
    [
      'a contradicted claim, but a literal pattern proves the base',
      base({
        claim: claim(`${H}/lib/other:1`, D(7), 'contradicted'),
        proven: [{ name: `${H}/lib/base:1`, digest: D(3), layers: 1, via: 'layers' }]
      }),
      [`${H}/lib/base:1`],
      { ref: { registry: H, repository: 'lib/base', tag: '1' }, via: 'base-images', builtOn: undefined, resolved: D(3) }
    ],
    [
      'nothing tells the tag',
      base({}),
      [],
      { unknown: expect.stringContaining('no verified org.opencontainers.image.base.name claim') }
    ],
    ['no base, and scratch is allowed', base({}), ['scratch', `${H}/lib/base:1`], { none: true }],
    [
      'an unparsable pattern is skipped',
      base({ proven: [{ name: `${H}/lib/base:1`, digest: D(3), layers: 1, via: 'layers' }] }),
      ['::', `${H}/lib/base:1`],
      expect.objectContaining({ via: 'base-images' })
    ]
  ])('%s', (_name, facts, patterns, expected) => {
    expect(builtFrom(facts, patterns)).toEqual(expected)
  })
})

describe('newerAge', () => {
  const now = new Date(NOW)
  test.each<[string, NewerCreated | undefined, unknown]>([
    [
      'a created time',
      created('2026-05-29T00:00:00Z'),
      { at: Date.parse('2026-05-29T00:00:00Z'), age: 3 * 86_400, text: 'created 2026-05-29T00:00:00.000Z, 3d ago' }
    ],
    [
      'an age as a person reads it',
      created('2025-04-20T10:00:00Z'),
      expect.objectContaining({ text: 'created 2025-04-20T10:00:00.000Z, 1y 1mo ago' })
    ],
    [
      'a placeholder falls back to the annotation',
      created('1970-01-01T00:00:00Z', '2026-05-31T00:00:00Z'),
      expect.objectContaining({ age: 86_400 })
    ],
    ['a time in the future is age 0', created('2026-06-02T00:00:00Z'), expect.objectContaining({ age: 0 })],
    ['no created', created(undefined), { unknown: 'its config has no created time' }],
    [
      'a placeholder and nothing else',
      created('1980-01-01T00:00:01Z'),
      { unknown: expect.stringContaining('not a real time') }
    ],
    ['not a time', created('yesterday'), { unknown: expect.stringContaining('"yesterday"') }],
    [
      'could not be read',
      created(undefined, undefined, 'it could not be read: 503'),
      { unknown: 'it could not be read: 503' }
    ],
    ['nothing at all', undefined, { unknown: 'nothing dates it' }]
  ])('%s', (_name, n, expected) => {
    expect(newerAge(n, now)).toEqual(expected)
  })
})

const pinned = `${H}/acme/app:1@${D(1)}`
function pinSubject(pin: PinFacts | undefined, input: string) {
  const s = subject(input, [{ platform: 'linux/amd64' }], { now: NOW })
  if (pin) s.facts.pin = pin
  return s
}
const pin = (over: Partial<PinFacts>): PinFacts => ({
  tag: `${H}/acme/app:1`,
  pinned: D(1),
  current: D(1),
  newer: undefined,
  listed: false,
  error: undefined,
  ...over
})
const NO_GRACE = { seconds: 0, text: 'true' }
const WEEK = { seconds: 7 * 86_400, text: '7d' }

describe('pins-current', () => {
  test.each<[string, PinFacts | undefined, { seconds: number; text: string }, string[], string]>([
    ['the tag still gives the pinned digest', pin({}), NO_GRACE, [], pinned],
    [
      "a pin to one platform's manifest that the tag's index still lists",
      pin({ current: D(2), listed: true }),
      NO_GRACE,
      [],
      pinned
    ],
    [
      'the tag moved',
      pin({ current: D(2), newer: created('2026-05-29T00:00:00Z') }),
      NO_GRACE,
      [`pinned to ${D(1)}, but ${H}/acme/app:1 now resolves to ${D(2)}, created 2026-05-29T00:00:00.000Z, 3d ago`],
      pinned
    ],
    [
      'the tag moved 3 days ago, within a 7d grace',
      pin({ current: D(2), newer: created('2026-05-29T00:00:00Z') }),
      WEEK,
      [],
      pinned
    ],
    [
      'the tag moved 10 days ago, past a 7d grace',
      pin({ current: D(2), newer: created('2026-05-22T00:00:00Z') }),
      WEEK,
      [
        `pinned to ${D(1)}, but ${H}/acme/app:1 now resolves to ${D(2)}, created 2026-05-22T00:00:00.000Z, 10d ago: older than the pins-current grace 7d`
      ],
      pinned
    ],
    [
      'a newer image of unknown age fails closed, even with a grace',
      pin({ current: D(2), newer: created('1970-01-01T00:00:00Z') }),
      WEEK,
      [expect.stringContaining('its age is unknown') as unknown as string],
      pinned
    ],
    [
      'the tag could not be resolved',
      pin({ current: undefined, error: 'tag 1 not found (404)' }),
      NO_GRACE,
      [`the tag ${H}/acme/app:1 could not be resolved to check the pin ${D(1)}: tag 1 not found (404)`],
      pinned
    ],
    ['facts not gathered for a pin', undefined, NO_GRACE, ['whether the pin is current was not checked'], pinned],
    ['a reference by tag only is not a pin', undefined, NO_GRACE, [], `${H}/acme/app:1`],
    ['a reference by digest only is not a pin', undefined, NO_GRACE, [], `${H}/acme/app@${D(1)}`]
  ])('%s', (_name, facts, grace, messages, input) => {
    expect(checkPinsCurrent(pinSubject(facts, input), grace).map(v => v.message)).toEqual(messages)
  })
})

const bc = (over: Partial<BaseCurrentFacts>): BaseCurrentFacts => ({
  status: 'outdated',
  tag: `${H}/lib/base:1`,
  via: 'claim',
  builtOn: D(5),
  current: D(6),
  newer: created('2026-05-22T00:00:00Z'),
  detail: undefined,
  ...over
})

describe('base-current', () => {
  test.each<[string, Array<BaseCurrentFacts | undefined>, { seconds: number; text: string }, string[]]>([
    ['current', [bc({ status: 'current' })], NO_GRACE, []],
    ['no base, scratch allowed', [bc({ status: 'none' })], NO_GRACE, []],
    [
      'outdated',
      [bc({})],
      NO_GRACE,
      [
        `linux/amd64 built on ${H}/lib/base:1@${D(5)}, but ${H}/lib/base:1 is now ${D(6)}, whose layers do not start the image's (created 2026-05-22T00:00:00.000Z, 10d ago): rebuild on the current base`
      ]
    ],
    ['outdated 10 days, within a 2w grace', [bc({})], { seconds: 14 * 86_400, text: '2w' }, []],
    [
      'outdated 10 days, past a 7d grace',
      [bc({})],
      WEEK,
      [
        `linux/amd64 built on ${H}/lib/base:1@${D(5)}, but ${H}/lib/base:1 is now ${D(6)}, whose layers do not start the image's (created 2026-05-22T00:00:00.000Z, 10d ago: older than the base-current grace 7d): rebuild on the current base`
      ]
    ],
    [
      'the digest built on unknown',
      [bc({ builtOn: undefined, newer: created('2026-05-31T00:00:00Z') })],
      NO_GRACE,
      [expect.stringContaining(`built on an earlier ${H}/lib/base:1, but`) as unknown as string]
    ],
    [
      'unknown',
      [bc({ status: 'unknown', detail: 'no claim' })],
      WEEK,
      ['linux/amd64 whether the base is current is unknown: no claim']
    ],
    [
      'not gathered',
      [undefined],
      NO_GRACE,
      ['linux/amd64 whether the base is current was not checked: the image config was not read']
    ],
    [
      'per platform',
      [bc({ status: 'current' }), bc({ newer: created(undefined, undefined, 'it no longer provides linux/arm64') })],
      WEEK,
      [expect.stringContaining('linux/arm64 built on') as unknown as string]
    ]
  ])('%s', (_name, facts, grace, messages) => {
    const platforms = facts.map((_f, i) => ({ platform: i === 0 ? 'linux/amd64' : 'linux/arm64' }))
    const s = subject(`${H}/acme/app:1`, platforms, { now: NOW })
    s.facts.platforms.forEach((p, i) => {
      if (facts[i]) p.baseCurrent = facts[i]
    })
    expect(checkBaseCurrent(s, grace).map(v => `${v.platform} ${v.message}`)).toEqual(messages)
  })
})
