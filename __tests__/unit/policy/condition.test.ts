import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import {
  MAX_CONDITION_BYTES,
  MAX_EVALUATION_WORK,
  MAX_RUN_WORK,
  MAX_PREDICATE_DEPTH,
  MAX_PREDICATE_VALUES,
  compileCondition
} from '../../../src/policy/condition.js'
import { compileRegex } from '../../../src/policy/regex.js'
import { checkAttestations } from '../../../src/policy/rules/trust.js'
import { askedStatements } from '../../../src/policy/evaluate.js'
import { compileConditions, parsePolicyDocument, PolicyError } from '../../../src/policy/loader.js'
import type { AttestationCondition, ConditionInput } from '../../../src/policy/types.js'
import type { SignatureFact } from '../../../src/model/trust.js'
import { D, subject } from './facts.js'

const SLSA = 'https://slsa.dev/provenance/v1'
/** The predicate of a GitHub Actions build, as actions/attest-build-provenance writes it (shape of SLSA v1). */
const provenance = (ref: string): Record<string, unknown> => ({
  buildDefinition: {
    buildType: 'https://actions.github.io/buildtypes/workflow/v1',
    externalParameters: {
      workflow: { ref, repository: 'https://github.com/acme/app', path: '.github/workflows/release.yml' }
    },
    internalParameters: { github: { event_name: 'push', runner_environment: 'github-hosted' } },
    resolvedDependencies: [
      { uri: 'git+https://github.com/acme/app@refs/tags/v1.2.3', digest: { gitCommit: 'f'.repeat(40) } }
    ]
  },
  runDetails: { builder: { id: 'https://github.com/actions/runner/github-hosted' }, metadata: { invocationId: 'x' } }
})
const input = (predicate: unknown, extra: Partial<ConditionInput> = {}): ConditionInput => ({
  predicateType: SLSA,
  predicate,
  subject: [{ name: 'ghcr.io/acme/app', digest: { sha256: '1'.padStart(64, '0') } }],
  signer: {
    identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3',
    issuer: 'https://token.actions.githubusercontent.com',
    key: ''
  },
  image: { reference: 'ghcr.io/acme/app:1', digest: D(1), platform: '' },
  ...extra
})
const WORKFLOW_REF = 'predicate.buildDefinition.externalParameters.workflow.ref'

function run(expression: string, i: ConditionInput): string | undefined {
  const c = compileCondition(expression)
  if (typeof c === 'string') throw new Error(`did not compile: ${c}`)
  return c(i)
}

describe('conditions: outcomes', () => {
  test.each<[string, string, unknown, string | undefined]>([
    ['true', `${WORKFLOW_REF}.startsWith("refs/tags/v")`, provenance('refs/tags/v1.2.3'), undefined],
    ['false', `${WORKFLOW_REF}.startsWith("refs/tags/v")`, provenance('refs/heads/main'), 'it is false'],
    [
      'matches, true',
      `${WORKFLOW_REF}.matches("^refs/tags/v[0-9]+\\\\.[0-9]+\\\\.[0-9]+$")`,
      provenance('refs/tags/v1.2.3'),
      undefined
    ],
    ['matches, false', `${WORKFLOW_REF}.matches("^refs/tags/v[0-9]+$")`, provenance('refs/tags/v1.2.3'), 'it is false'],
    [
      'matches inside a comprehension, twice',
      'predicate.l.exists(x, x.matches("^v[0-9]+$")) && !predicate.l.all(x, x.matches("^v"))',
      { l: ['x', 'v12', 'w'] },
      undefined
    ],
    ['matches on a parenthesized text', '(predicate.a + "-x").matches("^ab-x$")', { a: 'ab' }, undefined],
    [
      'matches with blanks and comments around its name',
      "((predicate.a)) // the ref\n  . matches // of a tag\n ( r\"^ab$\" ) && predicate.a.matches('''b''')",
      { a: 'ab' },
      undefined
    ],
    [
      'matches on the text of a matches',
      '(predicate.a.matches("a") ? "yes" : "no").matches("^yes$")',
      { a: 'ab' },
      undefined
    ],
    ['matches, case-insensitive', 'predicate.a.matches("(?i)^REFS/")', { a: 'refs/tags/v1' }, undefined],
    [
      'a missing field fails',
      'predicate.buildDefinition.nothing == "x"',
      provenance('refs/tags/v1'),
      'it failed: No such key: nothing'
    ],
    [
      'has() of a missing field is false',
      'has(predicate.buildDefinition.nothing)',
      provenance('refs/tags/v1'),
      'it is false'
    ],
    ['has() of a field', 'has(predicate.runDetails.builder.id)', provenance('refs/tags/v1'), undefined],
    [
      'a field of the wrong type fails',
      `${WORKFLOW_REF}.startsWith("refs/")`,
      { buildDefinition: { externalParameters: { workflow: { ref: 7 } } } },
      "it failed: found no matching overload for 'double.startsWith(string)'"
    ],
    [
      'exists over a list',
      'predicate.buildDefinition.resolvedDependencies.exists(d, d.uri.startsWith("git+https://github.com/acme/"))',
      provenance('x'),
      undefined
    ],
    [
      'all over a list, false',
      'predicate.buildDefinition.resolvedDependencies.all(d, d.uri.contains("evil"))',
      provenance('x'),
      'it is false'
    ],
    ['a number of the JSON compares to an int', 'predicate.n == 3 && predicate.n > 2', { n: 3 }, undefined],
    ['size of a list', 'size(predicate.buildDefinition.resolvedDependencies) == 1', provenance('x'), undefined],
    ['in a list', `${WORKFLOW_REF} in ["refs/tags/v1", "refs/tags/v2"]`, provenance('refs/tags/v2'), undefined],
    [
      'signer and image',
      'signer.issuer == "https://token.actions.githubusercontent.com" && signer.key == "" && image.reference.startsWith("ghcr.io/acme/")',
      {},
      undefined
    ],
    [
      'predicateType and subject',
      'predicateType == "https://slsa.dev/provenance/v1" && subject.exists(s, s.name == "ghcr.io/acme/app")',
      {},
      undefined
    ],
    [
      'dyn: a non-bool result',
      'predicate.buildDefinition.buildType',
      provenance('x'),
      'it returned a string, not a bool'
    ],
    ['dyn: an int result', 'predicate.n', { n: 3 }, 'it returned the double 3, not a bool'],
    [
      'integer overflow is an error',
      '9223372036854775807 + size(predicate.l) > 0',
      { l: [1] },
      'it failed: integer overflow: 9223372036854775808'
    ],
    ['division by zero is an error', '1 / size(predicate.l) == 1', { l: [] }, 'it failed: division by zero'],
    ['a prototype key is no field', 'has(predicate.constructor) || has(predicate.__proto__)', {}, 'it is false'],
    // A statement's JSON is the signer's, but what it copied in (a branch name, a package's field) is anyone's.
    [
      'a "__proto__" key of the JSON is data: it lends no field to the object',
      'has(predicate.admin)',
      JSON.parse('{"__proto__": {"admin": true}}') as unknown,
      'it is false'
    ],
    [
      'a "__proto__" key of the JSON is read as the key it is',
      'predicate.__proto__.admin == true',
      JSON.parse('{"__proto__": {"admin": true}}') as unknown,
      undefined
    ],
    [
      'an inherited method is no key',
      'predicate.a.constructor == predicate.a.constructor',
      { a: {} },
      'it failed: constructor'
    ],
    [
      'a number past the float range is infinity',
      'predicate.n > 1.7e308',
      JSON.parse('{"n": 1e400}') as unknown,
      undefined
    ],
    ['so is its negative', 'predicate.n < 0.0', JSON.parse('{"n": -1e400}') as unknown, undefined]
  ])('%s', (_name, expression, predicate, want) => {
    const got = run(expression, input(predicate))
    if (want?.startsWith('it failed')) expect(got).toContain(want.split(':')[0])
    if (want?.startsWith('it failed')) expect(got).toContain(want.slice('it failed: '.length))
    else expect(got).toBe(want)
  })
})

describe('conditions: refused when the policy is loaded', () => {
  test.each<[string, string, string]>([
    ['a syntax error', `${WORKFLOW_REF}.startsWith(`, 'not valid CEL'],
    ['an unknown variable', 'build.ref == "x"', 'not valid CEL: Unknown variable: build'],
    ['an unknown function', 'predicate.x.frobnicate()', 'not valid CEL'],
    ['a result that is not a bool', '1 + 2', 'it returns int, not bool'],
    ['a string result', '"yes"', 'it returns string, not bool'],
    ['too long', `${'true && '.repeat(MAX_CONDITION_BYTES / 8)}true`, 'over the limit of 4 KiB'],
    ['too many nodes', Array.from({ length: 150 }, (_, i) => `predicate.a${i} == 1`).join(' || '), 'not valid CEL'],
    ['nested too deep', `${'('.repeat(40)}true${')'.repeat(40)}`, 'not valid CEL'],
    [
      'comprehensions nested three deep',
      'predicate.a.all(x, predicate.b.all(y, predicate.c.exists(z, x == y && y == z)))',
      'comprehensions are nested 3 deep'
    ],
    ['a pattern read from the attestation', `${WORKFLOW_REF}.matches(predicate.pattern)`, 'must be a string literal'],
    ['a backreference', `${WORKFLOW_REF}.matches("(a)\\\\1")`, 'a backreference, which RE2 does not have'],
    ['lookahead', `${WORKFLOW_REF}.matches("^(?!refs/heads/)")`, 'lookaround, which RE2 does not have'],
    ['a regex that does not parse', `${WORKFLOW_REF}.matches("[a-")`, 'the pattern of matches cannot be used']
  ])('%s', (_name, expression, want) => {
    const got = compileCondition(expression)
    expect(typeof got).toBe('string')
    expect(got).toContain(want)
  })
})

describe('conditions: a hostile predicate', () => {
  const cond = `${WORKFLOW_REF}.startsWith("refs/tags/v")`
  test('too many values: not evaluated, not satisfied', () => {
    const p = provenance('refs/tags/v1')
    ;(p as { junk: number[] }).junk = new Array<number>(MAX_PREDICATE_VALUES).fill(0)
    expect(run(cond, input(p))).toBe(`it was not evaluated: the predicate has over ${MAX_PREDICATE_VALUES} values`)
  })
  test('nested too deep: not evaluated', () => {
    let deep: unknown = 'refs/tags/v1'
    for (let i = 0; i < MAX_PREDICATE_DEPTH + 5; i++) deep = { a: deep }
    const p = provenance('refs/tags/v1')
    ;(p as { deep: unknown }).deep = deep
    expect(run(cond, input(p))).toContain('nested over 64 deep')
  })
  test('strings past the bound: not evaluated', () => {
    const p = provenance('refs/tags/v1')
    ;(p as { big: string[] }).big = new Array<string>(65).fill('x'.repeat(1024 * 1024))
    expect(run(cond, input(p))).toContain('strings are over 64 MiB')
  })
  const STOPPED = 'it was stopped: it read past the bound of its work'
  test.each<[string, string, () => unknown]>([
    [
      'a comprehension nested over two large lists',
      'predicate.l.all(x, predicate.l.exists(y, y == x))',
      () => ({ l: Array.from({ length: 50_000 }, (_, i) => `v${i}`) })
    ],
    [
      'in over a large list, in a comprehension',
      'predicate.a.exists(x, x in predicate.b)',
      () => ({ a: Array.from({ length: 5000 }, (_, i) => i + 1), b: Array.from({ length: 5000 }, (_, i) => -i - 1) })
    ],
    [
      'a large string scanned again and again',
      'predicate.l.all(x, !predicate.s.contains(x))',
      () => ({ l: Array.from({ length: 1000 }, (_, i) => `needle${i}`), s: 'x'.repeat(3 * 1024 * 1024) })
    ],
    [
      'matches over many strings: the work of the engine is charged too',
      'predicate.l.all(x, !x.matches("^(a|b|c|d|e|f|g|h|i|j)+z$"))',
      () => ({ l: new Array<string>(100_000).fill('abcdefghij'.repeat(20)) })
    ],
    [
      'list equality over large lists, again and again',
      'predicate.l.all(x, predicate.a == predicate.b)',
      () => ({ l: new Array(100).fill(0), a: new Array(50_000).fill(1), b: new Array(50_000).fill(1) })
    ]
  ])('%s is stopped at the bound of its work', (_name, expression, predicate) => {
    const start = Date.now()
    expect(run(expression, input(predicate()))).toContain(STOPPED)
    expect(Date.now() - start).toBeLessThan(10_000)
  })

  test('one condition reads a bounded amount over the whole run, every statement together', () => {
    const check = compileCondition('predicate.a.exists(x, x in predicate.b)')
    if (typeof check === 'string') throw new Error(check)
    const p = input({
      a: Array.from({ length: 3000 }, (_, i) => i + 1),
      b: Array.from({ length: 3000 }, (_, i) => -i - 1)
    })
    for (let i = 0; i < MAX_RUN_WORK / MAX_EVALUATION_WORK; i++) expect(check(p)).toContain(STOPPED)
    expect(check(p)).toBe(`it was not evaluated: the condition has read ${MAX_RUN_WORK} times in this run, its bound`)
    // Another condition has its own.
    expect(run('predicate.a.size() > 0', p)).toBeUndefined()
  })

  test('the work bound is never a pass, whatever the library makes of it inside has()', () => {
    const l = Array.from({ length: 3000 }, () => ({ a: 1 }))
    expect(run('predicate.l.all(x, predicate.l.all(y, !has(y.z)))', input({ l }))).toContain(STOPPED)
  })

  test('a condition over a large SBOM-like list stays within the bound', () => {
    const components = Array.from({ length: 100_000 }, (_, i) => ({
      name: `pkg${i}`,
      version: '1.0.0',
      purl: `pkg:npm/pkg${i}@1.0.0`
    }))
    components[99_999]!.name = 'log4j'
    expect(run('predicate.components.exists(c, c.name == "log4j")', input({ components }))).toBeUndefined()
    expect(
      run('predicate.components.all(c, has(c.purl) && c.purl.startsWith("pkg:npm/"))', input({ components }))
    ).toBeUndefined()
  })

  test('a catastrophic pattern for a backtracking engine runs in linear time', () => {
    const text = `${'a'.repeat(200_000)}!`
    const start = Date.now()
    expect(run('predicate.s.matches("^(a+)+$") || predicate.s.matches("(a|aa)*b")', input({ s: text }))).toBe(
      'it is false'
    )
    expect(Date.now() - start).toBeLessThan(5000)
  })
  test('matches over a text past the bound of its work is an error, never a pass', () => {
    const text = 'a'.repeat(3_000_000)
    expect(run('!predicate.s.matches("^(a|b|c|d|e|f|g|h|i|j)+z$")', input({ s: text }))).toContain('it failed')
  })
})

describe('the linear-time regex engine', () => {
  test.each<[string, string, boolean]>([
    ['a+', 'baa', true],
    ['^a+$', 'baa', false],
    ['^refs/tags/v[0-9]+\\.[0-9]+$', 'refs/tags/v1.2', true],
    ['^refs/tags/v[0-9]+\\.[0-9]+$', 'refs/tags/v1.2x', false],
    ['(a|b)*c', 'ababc', true],
    ['x{2,3}', 'axxb', true],
    ['^x{2,3}$', 'xxxx', false],
    ['^x{2,}$', 'xxxx', true],
    ['(?i)ABC', 'xabcx', true],
    ['', '', true],
    ['[^a-c]', 'abc', false],
    ['\\d\\w\\s', '1_ ', true],
    ['h.*o', 'hello', true],
    ['^.$', '\n', false],
    ['(?s)^.$', '\n', true],
    ['^$', '', true],
    ['a|', 'b', true],
    ['^\\x{1F431}$', '\u{1F431}', true],
    ['^.$', '\u{1F431}', true],
    ['[.]', 'a', false],
    ['a{2', 'a{2', true],
    ['(?P<v>v)[0-9]', 'v1', true],
    ['\\.', 'a', false]
  ])('%s on %j: %s', (pattern, text, want) => {
    expect(compileRegex(pattern).test(text)).toBe(want)
  })
  test.each(['(a', 'a)', '\\1', '(?=a)', '(?<!a)', '[a', 'a**', 'x{2000}', '\\b', '\\pL', '[[:alpha:]]', '*a'])(
    '%s is refused',
    pattern => {
      expect(() => compileRegex(pattern)).toThrow()
    }
  )
})

describe('the attestations rule with conditions', () => {
  const sig = (predicate: unknown, f: Partial<SignatureFact> = {}): SignatureFact =>
    ({
      place: 'referrers API',
      format: 'Sigstore bundle v0.3',
      manifest: D(9),
      verified: true,
      signer: { kind: 'key', fingerprint: 'SHA256:abc' },
      subjects: [D(1)],
      predicateType: SLSA,
      statement: { predicateType: SLSA, predicate },
      ...f
    }) as SignatureFact
  const withSigs = (sigs: SignatureFact[]): ReturnType<typeof subject> => {
    const s = subject('ghcr.io/acme/app:1', [{ platform: 'linux/amd64' }])
    s.facts.trust = { top: { digest: D(1), looked: ['referrers API'], signatures: sigs }, platforms: [], claims: [] }
    return s
  }
  const attesters = {
    signature: [{ keys: [{ fingerprint: 'SHA256:abc' } as never], identities: [], issuer: '' }],
    provenance: []
  }
  const condition = (expression: string): AttestationCondition => {
    const check = compileCondition(expression)
    if (typeof check === 'string') throw new Error(check)
    return { type: SLSA, expression, where: 'policy.yml:9', path: 'rules[0].attestations[0].condition', check }
  }
  const tagged = condition(`${WORKFLOW_REF}.startsWith("refs/tags/v")`)

  test('a statement that satisfies it passes', () => {
    expect(checkAttestations(withSigs([sig(provenance('refs/tags/v1'))]), [SLSA], attesters, [tagged])).toEqual([])
  })
  test('one satisfying statement among others is enough', () => {
    const sigs = [sig(provenance('refs/heads/main')), sig(provenance('refs/tags/v1'))]
    expect(checkAttestations(withSigs(sigs), [SLSA], attesters, [tagged])).toEqual([])
  })
  test('a failing condition names the type, the line and the outcome', () => {
    const v = checkAttestations(withSigs([sig(provenance('refs/heads/main'))]), [SLSA], attesters, [tagged])
    expect(v).toHaveLength(1)
    expect(v[0]!.message).toContain(`no accepted ${SLSA} attestation for ${D(1)}`)
    expect(v[0]!.message).toContain('the condition at policy.yml:9 is not met: it is false')
    expect(v[0]!.message).toContain(tagged.expression)
  })
  test('an error is a finding with the error', () => {
    const v = checkAttestations(withSigs([sig({})]), [SLSA], attesters, [tagged])
    expect(v[0]!.message).toContain('the condition at policy.yml:9 is not met: it failed: No such key: buildDefinition')
  })
  test('a statement of an unaccepted signer is never evaluated into a pass', () => {
    const other = sig(provenance('refs/tags/v1'), { signer: { kind: 'key', fingerprint: 'SHA256:other' } })
    expect(checkAttestations(withSigs([other]), [SLSA], attesters, [tagged])[0]!.message).toContain(
      'not an accepted signer'
    )
  })
  test('a statement that was not kept does not satisfy it', () => {
    const s = sig(provenance('refs/tags/v1'))
    delete (s as { statement?: unknown }).statement
    expect(checkAttestations(withSigs([s]), [SLSA], attesters, [tagged])[0]!.message).toContain(
      'cannot be checked: the statement was not kept'
    )
  })
  test('an uncompiled condition is never satisfied', () => {
    const { check: _check, ...uncompiled } = tagged
    expect(
      checkAttestations(withSigs([sig(provenance('refs/tags/v1'))]), [SLSA], attesters, [uncompiled])[0]!.message
    ).toContain('was not compiled')
  })
  test('a type with a condition and a type without are each checked', () => {
    const v = checkAttestations(
      withSigs([sig(provenance('refs/tags/v1'))]),
      [SLSA, 'https://cyclonedx.org/bom'],
      attesters,
      [tagged]
    )
    expect(v.map(x => x.message.split(' for ')[0])).toEqual(['no accepted https://cyclonedx.org/bom attestation'])
  })
})

describe('the policy file', () => {
  const read = (): Buffer => {
    throw new Error('no files')
  }
  const POLICY = `rules:
  - images: ["ghcr.io/acme/**"]
    signature-keys: ["-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----"]
    attestations:
      - type: https://slsa.dev/provenance/v1
        condition: >-
          CONDITION
      - https://cyclonedx.org/bom
`
  const load = (condition: string): ReturnType<typeof parsePolicyDocument> =>
    parsePolicyDocument(
      POLICY.replace('CONDITION', condition).replace(
        / {4}signature-keys.*\n/,
        '    signature-identities: ["https://github.com/acme/*"]\n'
      ),
      'policy.yml',
      read,
      new Date()
    )

  test('entries are strings or {type, condition}; the condition knows its line', async () => {
    const policy = load(`${WORKFLOW_REF}.startsWith("refs/tags/v")`)
    const rs = policy.ruleSets[0]!
    expect(rs.attestations).toEqual([SLSA, 'https://cyclonedx.org/bom'])
    expect(rs.conditions).toMatchObject([
      { type: SLSA, where: 'policy.yml:6', path: 'rules[0].attestations[0].condition' }
    ])
    expect(rs.conditions![0]!.check).toBeUndefined()
    await compileConditions(policy)
    expect(typeof rs.conditions![0]!.check).toBe('function')
  })

  test('a condition that does not compile is a policy error at its line', async () => {
    const policy = load('predicate.x ==')
    const err = await compileConditions(policy).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PolicyError)
    expect((err as PolicyError).message).toContain('policy.yml:6: rules[0].attestations[0].condition: not valid CEL')
  })

  test('an unknown key in an entry names the keys it may have', () => {
    expect(() =>
      parsePolicyDocument(
        'rules:\n  - signature-identities: ["x"]\n    attestations:\n      - type: t\n        when: "true"\n',
        'policy.yml',
        read,
        new Date()
      )
    ).toThrow('policy.yml:5: rules[0].attestations[0]: unknown key "when" (known keys: type, condition)')
  })

  test('an entry without a type, or with an empty condition, is refused', () => {
    expect(() =>
      parsePolicyDocument(
        'rules:\n  - signature-identities: ["x"]\n    attestations:\n      - condition: "true"\n',
        'policy.yml',
        read,
        new Date()
      )
    ).toThrow('policy.yml:4: rules[0].attestations[0]: "type" is required')
    expect(() =>
      parsePolicyDocument(
        'rules:\n  - signature-identities: ["x"]\n    attestations:\n      - type: t\n        condition: " "\n',
        'policy.yml',
        read,
        new Date()
      )
    ).toThrow('policy.yml:5: rules[0].attestations[0].condition: the entry is empty')
    expect(() =>
      parsePolicyDocument(
        'rules:\n  - signature-identities: ["x"]\n    attestations:\n      - 7\n',
        'policy.yml',
        read,
        new Date()
      )
    ).toThrow('must be a predicate type, or a map of type: and condition:')
  })

  test('a policy without conditions never loads CEL', async () => {
    const policy = parsePolicyDocument(
      'rules:\n  - signature-identities: ["x"]\n    attestations: [t]\n',
      'policy.yml',
      read,
      new Date()
    )
    expect(policy.ruleSets[0]!.conditions).toBeUndefined()
    await expect(compileConditions(policy)).resolves.toBeUndefined()
  })
})

describe('what inspection keeps for conditions', () => {
  test('the statements of the types a condition reads, and no others', () => {
    const rs = {
      source: 'p.yml rules[0]',
      attestations: [SLSA, 'https://cyclonedx.org/bom'],
      conditions: [{ type: SLSA, expression: 'true', where: 'p.yml:5', path: 'rules[0].attestations[0].condition' }]
    }
    const asked = askedStatements([rs])!
    expect(asked(SLSA)).toBe(true)
    expect(asked('https://cyclonedx.org/bom')).toBe(false)
    expect(askedStatements([{ source: 'p.yml rules[0]', attestations: [SLSA] }])).toBeUndefined()
  })
})

describe('the linear-time engine agrees with a backtracking one where both apply', () => {
  // Patterns over a small alphabet, in the syntax both take alike: literals, classes, groups, alternation,
  // quantifiers and anchors. Short texts, so the backtracking engine always finishes.
  const atom: fc.Arbitrary<string> = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\d', '1', 'a?', 'b*')
  const pattern: fc.Arbitrary<string> = fc.letrec<{ re: string; seq: string; item: string }>(tie => ({
    re: fc.oneof(
      { weight: 3, arbitrary: tie('seq') },
      fc.tuple(tie('seq'), tie('seq')).map(([a, b]) => `${a}|${b}`)
    ),
    seq: fc.array(tie('item'), { minLength: 0, maxLength: 4 }).map(items => items.join('')),
    item: fc.oneof(
      { weight: 4, arbitrary: atom },
      fc
        .tuple(tie('re'), fc.constantFrom('', '*', '+', '?', '{2}', '{1,3}', '{0,}'))
        .map(([inner, q]) => `(${inner})${q}`),
      fc.constantFrom('^', '$')
    )
  })).re
  const text = fc.stringMatching(/^[ab1\n]{0,8}$/)

  test('for random patterns and texts', () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect({ p, t, got: compileRegex(p).test(t) }).toEqual({ p, t, got: new RegExp(p).test(t) })
      }),
      { numRuns: 3000 }
    )
  })
})
