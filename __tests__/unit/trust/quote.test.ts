// Untrusted text in reasons: short values read as they always did, long ones are cut after MAX_QUOTED characters,
// and a value that cannot be written at all is named by its type.
import { describe, expect, test } from '@jest/globals'
import { MAX_QUOTED, asJson, asText, cut, quote } from '../../../src/trust/quote.js'

const long = 'x'.repeat(10_000)
const kept = 'x'.repeat(MAX_QUOTED)
const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown

describe('quoting untrusted text', () => {
  test.each<[string, () => string, string]>([
    ['cut: short', () => cut('C=US, O=Acme, CN=Builder'), 'C=US, O=Acme, CN=Builder'],
    ['cut: exactly the limit', () => cut(kept), kept],
    ['cut: long', () => cut(long), `${kept}…`],
    ['quote: short', () => quote('signatures'), '"signatures"'],
    ['quote: long', () => quote(long), `"${kept}…"`],
    ['quote: undefined', () => quote(undefined), '(none)'],
    ['quote: a number', () => quote(5), '(number)'],
    ['asJson: a short string', () => asJson('x'), '"x"'],
    ['asJson: a long string', () => asJson(long), `"${kept}…"`],
    ['asJson: a number', () => asJson(5), '5'],
    ['asJson: a short array', () => asJson(['a', 1]), '["a",1]'],
    ['asJson: undefined', () => asJson(undefined), 'undefined'],
    ['asJson: a long array', () => asJson(Array(5_000).fill(1)), `[${'1,'.repeat(59)}1…`],
    ['asJson: a BigInt', () => asJson(10n ** 400n), '(bigint)'],
    ['asJson: nesting deeper than the stack', () => asJson(deep), '(object)'],
    ['asText: a number', () => asText(528), '528'],
    ['asText: a short string', () => asText('528'), '528'],
    ['asText: null', () => asText(null), 'null'],
    ['asText: a long string', () => asText(long), `${kept}…`],
    ['asText: a toString that is no function', () => asText({ toString: 1 }), '(object)'],
    ['asText: nesting deeper than the stack', () => asText(deep), '(object)']
  ])('%s', (_, make, want) => {
    expect(make()).toBe(want)
  })
})
