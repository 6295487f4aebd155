import { describe, expect, test } from '@jest/globals'
import { computeDigest, digestProblem, isDigest, shortDigest } from '../../../src/core/digest.js'

const H64 = '0123456789abcdef'.repeat(4)
const H128 = H64 + H64

describe('digestProblem / isDigest', () => {
  test.each([`sha256:${H64}`, `sha512:${H128}`, `sha256:${'0'.repeat(64)}`])('%s is a digest', d => {
    expect(digestProblem(d)).toBeUndefined()
    expect(isDigest(d)).toBe(true)
  })

  test.each([
    ['', 'sha256:<64 hex>'],
    ['sha256:', 'sha256:<64 hex>'],
    ['sha256', 'sha256:<64 hex>'],
    [H64, 'sha256:<64 hex>'],
    ['sha256:short', 'sha256:<64 hex>'],
    [`sha256:${H64.toUpperCase()}`, 'lowercase'],
    [`SHA256:${H64}`, 'lowercase'],
    [`md5:${'a'.repeat(32)}`, 'sha256:<64 hex>'],
    [`sha384:${'a'.repeat(96)}`, 'sha256:<64 hex>'],
    [`sha256:${H64}\n`, 'sha256:<64 hex>'],
    [` sha256:${H64}`, 'sha256:<64 hex>'],
    [`sha256:${H64.slice(0, 63)}g`, 'sha256:<64 hex>'],
    [`sha256:${H64}/../x`, 'sha256:<64 hex>'],
    [`sha256:${'a'.repeat(63)}`, 'a sha256 digest has 64 hex characters, not 63'],
    [`sha256:${'a'.repeat(65)}`, 'a sha256 digest has 64 hex characters, not 65'],
    [`sha256:${H128}`, 'a sha256 digest has 64 hex characters, not 128'],
    [`sha512:${H64}`, 'a sha512 digest has 128 hex characters, not 64']
  ])('%j is not a digest: %s', (d, phrase) => {
    expect(digestProblem(d)).toContain(phrase)
    expect(isDigest(d)).toBe(false)
  })

  test.each([[undefined], [null], [42], [{}], [[`sha256:${H64}`]]])('isDigest(%j) is false', v => {
    expect(isDigest(v)).toBe(false)
  })
})

describe('computeDigest', () => {
  test.each([
    ['', undefined, 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['hello', undefined, 'sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
    ['hello', `sha256:${H64}`, 'sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
    [
      '',
      `sha512:${H128}`,
      'sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e'
    ]
  ])('%j (like %s)', (text, like, expected) => {
    const d = computeDigest(Buffer.from(text, 'utf8'), like)
    expect(d).toBe(expected)
    expect(isDigest(d)).toBe(true)
  })

  test('hashes bytes, not text', () => {
    expect(computeDigest(new Uint8Array([0xff, 0x00]))).not.toBe(computeDigest(Buffer.from('\u00ff\u0000', 'utf8')))
  })
})

describe('shortDigest', () => {
  test.each([
    [`sha256:${H64}`, 'sha256:0123456789ab'],
    [`sha512:${H128}`, 'sha512:0123456789ab'],
    ['nocolon', 'nocolon'],
    ['sha256:abc', 'sha256:abc']
  ])('%s → %s', (d, expected) => {
    expect(shortDigest(d)).toBe(expected)
  })
})
