import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { RULES, RULE_TABLE } from '../../../src/policy/rules/table.js'
import { enabledRules, inspectNeeds, needsTrust } from '../../../src/policy/evaluate.js'
import type { RuleSet } from '../../../src/policy/types.js'

const schema = JSON.parse(readFileSync(new URL('../../../policy.schema.json', import.meta.url), 'utf8')) as {
  definitions: { rule: { properties: Record<string, unknown> } }
}
const action = parse(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, unknown>
}
const SCHEMA_KEYS = Object.keys(schema.definitions.rule.properties)
/** Keys of a policy rule that scope or serve rules rather than turn one on. */
const NOT_RULES = ['images', 'trusted-root', 'signature-repository', 'mode']

describe('the rule table is the one list of rules', () => {
  test('names are unique, and RULES is the table in order', () => {
    const names = RULE_TABLE.map(r => r.name)
    expect(new Set(names).size).toBe(names.length)
    expect(RULES).toEqual(names)
  })

  test.each(RULE_TABLE.map(r => [r.name, r] as const))(
    '%s: every key that turns it on is a policy key and an input',
    (_name, r) => {
      expect(r.keys.length).toBeGreaterThan(0)
      for (const k of r.keys) {
        expect(SCHEMA_KEYS).toContain(k)
        expect(Object.keys(action.inputs)).toContain(k)
      }
      // A policy-only key is a policy key with no input of its name.
      for (const k of r.policyKeys ?? []) {
        expect(SCHEMA_KEYS).toContain(k)
        expect(Object.keys(action.inputs)).not.toContain(k)
      }
      expect(r.help.short).not.toBe('')
      expect(r.help.doc).toMatch(/^docs\/[a-z-]+\.md(#[a-z-]+)?$/)
    }
  )

  test('the rules an exception may name are the rules of the table', () => {
    const exception = (
      schema as unknown as { definitions: { exception: { properties: { rules: { items: { enum: string[] } } } } } }
    ).definitions.exception
    expect(exception.properties.rules.items.enum).toEqual([...RULES])
  })

  test('every key of a policy rule turns on a rule in the table, or scopes them', () => {
    const owned = new Set([...RULE_TABLE.flatMap(r => [...r.keys, ...(r.policyKeys ?? [])]), ...NOT_RULES])
    expect(SCHEMA_KEYS.filter(k => !owned.has(k))).toEqual([])
  })
})

describe('what is enabled and what inspection fetches follow from the table', () => {
  const set = (fields: Partial<RuleSet>): RuleSet => ({ source: 'test', ...fields })
  test.each<[string, Partial<RuleSet>, string[], { config: boolean; trust: boolean; statements?: boolean }]>([
    ['nothing', {}, [], { config: false, trust: false }],
    ['an empty list is no rule', { platforms: [], labels: [] }, [], { config: false, trust: false }],
    [
      'platforms alone needs no config',
      { platforms: [{ os: 'linux', architecture: 'amd64' }] },
      ['platforms'],
      { config: false, trust: false }
    ],
    ['non-root reads the config', { nonRoot: true }, ['non-root'], { config: true, trust: false }],
    ['non-root false is off', { nonRoot: false }, [], { config: false, trust: false }],
    [
      'pins-current is a HEAD, not a config',
      { pinsCurrent: { seconds: 0, text: 'true' } },
      ['pins-current'],
      { config: false, trust: false }
    ],
    [
      'base-current reads configs',
      { baseCurrent: { seconds: 0, text: 'true' } },
      ['base-current'],
      { config: true, trust: false }
    ],
    [
      'a signature rule fetches signatures',
      { signature: { keys: [], identities: ['x'], issuer: 'https://i' } },
      ['signature'],
      { config: false, trust: true }
    ],
    [
      'attestations fetch signatures',
      { attestations: ['https://spdx.dev/Document'] },
      ['attestations'],
      { config: false, trust: true }
    ],
    [
      'a condition on attestations keeps the statements it reads',
      {
        attestations: ['https://slsa.dev/provenance/v1'],
        conditions: [{ type: 'https://slsa.dev/provenance/v1', expression: 'true', where: 'p.yml:3', path: 'x' }]
      },
      ['attestations'],
      { config: false, trust: true, statements: true }
    ],
    [
      'the summary order is the table order',
      {
        pinsCurrent: { seconds: 0, text: 'true' },
        maxAge: { seconds: 1, text: '1s' },
        platforms: [{ os: 'linux', architecture: 'amd64' }]
      },
      ['platforms', 'max-age', 'pins-current'],
      { config: true, trust: false }
    ]
  ])('%s', (_name, fields, rules, needs) => {
    expect(enabledRules([set(fields)])).toEqual(rules)
    expect(inspectNeeds([set(fields)])).toEqual(needs)
    expect(needsTrust([set(fields)])).toBe(needs.trust)
  })
})
