import { describe, expect, test } from '@jest/globals'
import { mayApply, registryPreflight } from '../../../src/policy/evaluate.js'
import { parseReferencePattern } from '../../../src/core/glob.js'
import { checkLabels } from '../../../src/policy/rules/labels.js'
import type { RuleSet } from '../../../src/policy/types.js'
import { parseConfig } from '../../../src/oci/manifest.js'
import { parseReference } from '../../../src/core/reference.js'
import { D, subject } from './facts.js'

const rule = (
  images: string[] | undefined,
  registries: string[] | undefined,
  source = 'policy.yml rules[0] (line 2)'
): RuleSet => ({
  source,
  ...(images ? { images: images.map(parseReferencePattern) } : {}),
  ...(registries ? { registries } : {})
})

describe('registries before any request', () => {
  test.each<[string, string, RuleSet[], string[]]>([
    ['allowed by the inputs', 'ghcr.io/acme/app:1', [rule(undefined, ['ghcr.io'], 'inputs')], []],
    [
      'refused by the inputs',
      'evil.example/x:1',
      [rule(undefined, ['ghcr.io'], 'inputs')],
      ['registry evil.example is not allowed (allowed: ghcr.io); it was not contacted']
    ],
    ['a host glob with a port', '127.0.0.1:5000/x:1', [rule(undefined, ['127.0.0.1:*'], 'inputs')], []],
    ['case does not matter', 'GHCR.io/acme/app:1', [rule(undefined, ['ghcr.io'], 'inputs')], []],
    ['no registries rule', 'evil.example/x:1', [rule(undefined, undefined, 'inputs')], []],
    ['a policy rule for other images does not apply', 'evil.example/x:1', [rule(['ghcr.io/**'], ['ghcr.io'])], []],
    [
      'a policy rule that names the image',
      'evil.example/x:1',
      [rule(['evil.example/**'], ['ghcr.io'])],
      ['registry evil.example is not allowed (allowed: ghcr.io); it was not contacted [policy.yml rules[0] (line 2)]']
    ],
    [
      'a pattern with a digest applies to an unpinned reference: the digest it resolves to might match',
      'evil.example/x:1',
      [rule([`evil.example/x@${D(1)}`], ['ghcr.io'])],
      ['registry evil.example is not allowed (allowed: ghcr.io); it was not contacted [policy.yml rules[0] (line 2)]']
    ],
    [
      'a pattern with another digest does not apply to a pinned reference',
      `evil.example/x@${D(2)}`,
      [rule([`evil.example/x@${D(1)}`], ['ghcr.io'])],
      []
    ],
    [
      'Docker Hub short names are docker.io',
      'alpine',
      [rule(undefined, ['ghcr.io'], 'inputs')],
      ['registry docker.io is not allowed (allowed: ghcr.io); it was not contacted']
    ]
  ])('%s', (_name, input, ruleSets, messages) => {
    const found = registryPreflight(input, parseReference(input), ruleSets)
    expect(found.map(f => f.message)).toEqual(messages)
    for (const f of found) {
      expect(f.rule).toBe('registries')
      expect(f.host).toBe(parseReference(input).registry)
    }
  })

  test('mayApply keeps what applicable would, and patterns whose digest is not yet known', () => {
    const ref = parseReference('ghcr.io/acme/app:1')
    const sets = [
      rule(['ghcr.io/acme/app@' + D(1)], ['x']),
      rule(['quay.io/**'], ['x']),
      rule(undefined, ['x'], 'inputs')
    ]
    expect(mayApply(sets, ref)).toEqual([sets[0], sets[2]])
  })
})

describe('maps from a registry hold their own keys only', () => {
  const names = [
    'constructor',
    'toString',
    '__proto__',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
    'isPrototypeOf'
  ]
  test.each(names)('a required label %s is missing when the image does not have it', name => {
    const cfg = parseConfig(
      Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', config: { Labels: { other: 'x' } } })),
      'w'
    )
    const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64', labels: cfg.labels }])
    expect(checkLabels(s, [{ key: name }]).map(v => v.message)).toEqual([`label ${name} is missing`])
    expect(checkLabels(s, [{ key: name, glob: '*' }]).map(v => v.message)).toEqual([`label ${name} is missing`])
  })

  test.each(names)('a label %s that the image has is found, as a string', name => {
    const cfg = parseConfig(
      Buffer.from(`{"os":"linux","architecture":"amd64","config":{"Labels":{${JSON.stringify(name)}:"yes"}}}`),
      'w'
    )
    expect(Object.hasOwn(cfg.labels, name)).toBe(true)
    expect(cfg.labels[name]).toBe('yes')
    const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64', labels: cfg.labels }])
    expect(checkLabels(s, [{ key: name, glob: 'yes' }])).toEqual([])
  })
})
