import { describe, expect, test } from '@jest/globals'
import { judgeLicense, parseLicense, type LicenseVerdict } from '../../../src/content/licenses.js'
import { loadLicenseParser } from '../../../src/content/licenses.js'

// SBOM parsing and licence judgements use the expression parser a run loads on demand.
await loadLicenseParser()

const DENY = ['AGPL-*', 'GPL-3.0-*', 'SSPL-1.0']
const verdict = (expression: string | undefined, deny = DENY): string => {
  const v: LicenseVerdict = judgeLicense(expression, deny)
  return v.kind === 'denied' ? `denied ${v.denied.map(d => `${d.license} (${d.pattern})`).join(', ')}` : v.kind
}

/**
 * The examples of the SPDX specification, Annex D "SPDX license expressions" (spdx/spdx-spec, branch support/2.3,
 * chapters/SPDX-license-expressions.md, commit ed8c9b520963b651fce3c86422b387e92e6d9a8f), each judged against a
 * deny list chosen to tell its operators apart.
 */
describe('SPDX Annex D examples', () => {
  test.each<[string, string, string[], string]>([
    ['D.3 simple', 'CDDL-1.0', ['CDDL-*'], 'denied CDDL-1.0 (CDDL-*)'],
    ['D.3 simple, or later', 'CDDL-1.0+', ['CDDL-1.0'], 'denied CDDL-1.0+ (CDDL-1.0)'],
    ['D.3 LicenseRef', 'LicenseRef-23', ['LicenseRef-*'], 'denied LicenseRef-23 (LicenseRef-*)'],
    ['D.3 LicenseRef, not denied', 'LicenseRef-MIT-Style-1', ['GPL-*'], 'allowed'],
    [
      'D.3 DocumentRef',
      'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2',
      ['DocumentRef-spdx-tool-1.2:*'],
      'denied DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2 (DocumentRef-spdx-tool-1.2:*)'
    ],
    ['D.4.2 OR: the other can be chosen', 'LGPL-2.1-only OR MIT', ['LGPL-*'], 'allowed'],
    ['D.4.2 OR is commutative', 'MIT OR LGPL-2.1-only', ['LGPL-*'], 'allowed'],
    ['D.4.2 three choices, two denied', 'LGPL-2.1-only OR MIT OR BSD-3-Clause', ['LGPL-*', 'MIT'], 'allowed'],
    [
      'D.4.2 three choices, all denied',
      'LGPL-2.1-only OR MIT OR BSD-3-Clause',
      ['LGPL-*', 'MIT', 'BSD-*'],
      'denied LGPL-2.1-only (LGPL-*), MIT (MIT), BSD-3-Clause (BSD-*)'
    ],
    ['D.4.3 AND: both apply', 'LGPL-2.1-only AND MIT', ['LGPL-*'], 'denied LGPL-2.1-only (LGPL-*)'],
    ['D.4.3 AND is commutative', 'MIT AND LGPL-2.1-only', ['LGPL-*'], 'denied LGPL-2.1-only (LGPL-*)'],
    [
      'D.4.3 three apply',
      'LGPL-2.1-only AND MIT AND BSD-2-Clause',
      ['BSD-2-Clause'],
      'denied BSD-2-Clause (BSD-2-Clause)'
    ],
    [
      'D.4.4 WITH: the licence is denied whatever its exception',
      'GPL-2.0-or-later WITH Bison-exception-2.2',
      ['GPL-2.0-*'],
      'denied GPL-2.0-or-later WITH Bison-exception-2.2 (GPL-2.0-*)'
    ],
    [
      'D.4.4 WITH: the licence and exception as a whole may be denied',
      'GPL-2.0-or-later WITH Bison-exception-2.2',
      ['* WITH Bison-exception-2.2'],
      'denied GPL-2.0-or-later WITH Bison-exception-2.2 (* WITH Bison-exception-2.2)'
    ],
    ['D.4.4 WITH, not denied', 'GPL-2.0-or-later WITH Bison-exception-2.2', ['GPL-3.0-*'], 'allowed'],
    // AND before OR: a choice between LGPL-2.1-only and (BSD-3-Clause AND MIT).
    ['D.4.5 precedence: LGPL chosen', 'LGPL-2.1-only OR BSD-3-Clause AND MIT', ['MIT'], 'allowed'],
    ['D.4.5 precedence: the AND side chosen', 'LGPL-2.1-only OR BSD-3-Clause AND MIT', ['LGPL-*'], 'allowed'],
    [
      'D.4.5 precedence: neither side',
      'LGPL-2.1-only OR BSD-3-Clause AND MIT',
      ['LGPL-*', 'MIT'],
      'denied LGPL-2.1-only (LGPL-*), MIT (MIT)'
    ],
    [
      'D.4.5 parentheses: MIT always applies',
      'MIT AND (LGPL-2.1-or-later OR BSD-3-Clause)',
      ['MIT'],
      'denied MIT (MIT)'
    ],
    ['D.4.5 parentheses: a choice inside', 'MIT AND (LGPL-2.1-or-later OR BSD-3-Clause)', ['LGPL-*'], 'allowed']
  ])('%s: %s', (_name, expression, deny, expected) => expect(verdict(expression, deny)).toBe(expected))
})

describe('the deny list of the documentation: AGPL-*, GPL-3.0-*, SSPL-1.0', () => {
  test.each<[string | undefined, string]>([
    ['MIT OR GPL-3.0-only', 'allowed'],
    ['MIT AND GPL-3.0-only', 'denied GPL-3.0-only (GPL-3.0-*)'],
    ['GPL-3.0-or-later', 'denied GPL-3.0-or-later (GPL-3.0-*)'],
    ['AGPL-3.0-only', 'denied AGPL-3.0-only (AGPL-*)'],
    ['SSPL-1.0', 'denied SSPL-1.0 (SSPL-1.0)'],
    ['(MIT AND SSPL-1.0) OR (Apache-2.0 AND AGPL-3.0-only)', 'denied SSPL-1.0 (SSPL-1.0), AGPL-3.0-only (AGPL-*)'],
    ['GPL-3.0-only AND GPL-3.0-only', 'denied GPL-3.0-only (GPL-3.0-*)'],
    // Deprecated ids, and `+`, answer to the names they mean.
    ['GPL-3.0', 'denied GPL-3.0 (GPL-3.0-*)'],
    ['GPL-3.0+', 'denied GPL-3.0+ (GPL-3.0-*)'],
    ['GPL-2.0+', 'allowed'],
    ['AGPL-3.0', 'denied AGPL-3.0 (AGPL-*)'],
    ['GPL-3.0-with-GCC-exception', 'denied GPL-3.0-with-GCC-exception (GPL-3.0-*)'],
    // Ids are matched without regard to case (SPDX Annex D.2), patterns too.
    ['mit and gpl-3.0-only', 'denied GPL-3.0-only (GPL-3.0-*)'],
    ['sspl-1.0', 'denied SSPL-1.0 (SSPL-1.0)'],
    ['LGPL-3.0-only', 'allowed'],
    ['Apache-2.0', 'allowed'],
    // Unknown: none given, NOASSERTION kept out by the parser already, or not an expression.
    [undefined, 'unknown'],
    ['NOASSERTION', 'unknown'],
    // An expression that does not parse but names a denied licence is denied: its meaning cannot credit a choice.
    ['GPL-3.0-only AND', 'denied GPL-3.0-only (GPL-3.0-*)'],
    ['GNU GPL v3', 'unknown'],
    ['GPL-2.0-only WITH Not-An-Exception', 'unknown'],
    [`MIT${' AND MIT'.repeat(1000)}`, 'unknown']
  ])('%s: %s', (expression, expected) => expect(verdict(expression)).toBe(expected))

  // An attacker's licence strings: an expression that does not parse is unknown, which passes by default; one that
  // names a denied licence must not get there.
  test.each<[string, string, string]>([
    ['unbalanced', 'GPL-3.0-only AND (((MIT', 'denied GPL-3.0-only (GPL-3.0-*)'],
    ['past the parsed length', `MIT${' AND MIT'.repeat(1000)} AND AGPL-3.0-only`, 'denied AGPL-3.0-only (AGPL-*)'],
    ['a choice that does not parse credits nothing', 'MIT OR GPL-3.0-only OR', 'denied GPL-3.0-only (GPL-3.0-*)'],
    ['a Unicode hyphen (U+2010)', 'AGPL\u20103.0-only', 'denied AGPL-3.0-only (AGPL-*)'],
    ['an en dash', 'SSPL\u20131.0', 'denied SSPL-1.0 (SSPL-1.0)'],
    ['full-width letters', '\uff21\uff27\uff30\uff2c-3.0-only', 'denied AGPL-3.0-only (AGPL-*)'],
    ['a Cyrillic A', '\u0410GPL-3.0-only', 'denied AGPL-3.0-only (AGPL-*)'],
    ['Greek and Cyrillic capitals', 'S\u0405PL-1.0 AND \u039cIT', 'denied SSPL-1.0 (SSPL-1.0)'],
    ['a zero-width space inside', 'GPL-3.0\u200b-or-later', 'denied GPL-3.0-or-later (GPL-3.0-*)'],
    ['lower case, unparseable', 'agpl-3.0-only and and', 'denied AGPL-3.0-only (AGPL-*)'],
    ['deprecated with +, unparseable', 'GPL-3.0+ )', 'denied GPL-3.0+ (GPL-3.0-*)'],
    ['an unknown exception on a denied id', 'GPL-3.0-only WITH Not-An-Exception', 'denied GPL-3.0-only (GPL-3.0-*)'],
    ['an exception id alone is no licence', 'Classpath-exception-2.0 (', 'unknown'],
    ['nothing denied in it', 'Apache 2 or MIT-ish', 'unknown'],
    // A package's own licence text that is no SPDX id becomes LicenseRef-<text> (syft, and our CycloneDX reading):
    // a dependency that writes its denied licence with a lookalike dash must not become an allowed LicenseRef.
    ['a LicenseRef naming a denied id', 'LicenseRef-AGPL-3.0-only', 'denied LicenseRef-AGPL-3.0-only (AGPL-*)'],
    [
      'a LicenseRef naming one, more after it',
      'MIT AND LicenseRef-GPL-3.0-or-later-see-COPYING',
      'denied LicenseRef-GPL-3.0-or-later-see-COPYING (GPL-3.0-*)'
    ],
    [
      'a DocumentRef LicenseRef naming one',
      'DocumentRef-x:LicenseRef-SSPL-1.0',
      'denied DocumentRef-x:LicenseRef-SSPL-1.0 (SSPL-1.0)'
    ],
    ['a LicenseRef naming no denied id', 'LicenseRef-Apache-License-2.0', 'allowed']
  ])('%s: %s', (_n, expression, expected) => expect(verdict(expression)).toBe(expected))

  test('an unknown verdict says why', () => {
    expect(judgeLicense(undefined, DENY)).toEqual({ kind: 'unknown', reason: 'no licence given' })
    expect(judgeLicense('Apache 2', DENY)).toEqual({ kind: 'unknown', reason: 'not a valid SPDX expression' })
  })

  test('parseLicense gives canonical case', () => {
    expect(parseLicense('apache-2.0 OR mit')).toEqual({
      left: { license: 'Apache-2.0' },
      conjunction: 'or',
      right: { license: 'MIT' }
    })
  })
})
