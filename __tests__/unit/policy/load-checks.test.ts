/**
 * The checks only some rules use are loaded with import() before evaluation (`loadChecks`): a plain run never loads
 * them, and a rule whose check was not loaded throws, it never passes. This file loads nothing before its tests.
 */
import { describe, expect, test } from '@jest/globals'
import { evaluateImage, loadChecks } from '../../../src/policy/evaluate.js'
import type { RuleSet } from '../../../src/policy/types.js'
import { subject } from './facts.js'

describe('loadChecks', () => {
  const s = subject('ghcr.io/acme/api:1', [{ platform: 'linux/amd64', user: 'root' }])
  const plain: RuleSet = { source: 'inputs', nonRoot: true }
  const signed: RuleSet = { source: 'inputs', signature: { keys: [], identities: ['*'], issuer: 'https://x' } }

  test('a plain rule set needs nothing loaded', async () => {
    await loadChecks([plain])
    expect(evaluateImage(s.input, s.ref, s.facts, [plain], s.now).map(f => f.rule)).toEqual(['non-root'])
  })

  test('a rule whose check is not loaded throws: it never passes', () => {
    expect(() => evaluateImage(s.input, s.ref, s.facts, [signed], s.now)).toThrow(/were not loaded/)
  })

  test('once its rule set is loaded for, the rule is judged', async () => {
    await loadChecks([plain, signed])
    expect(evaluateImage(s.input, s.ref, s.facts, [signed], s.now).map(f => f.rule)).toEqual(['signature'])
  })
})
