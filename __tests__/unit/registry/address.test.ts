import { describe, expect, test } from '@jest/globals'
import {
  checkRealmHost,
  checkRegistryHost,
  forbiddenAddress,
  guardedLookup,
  guardedLookupWith
} from '../../../src/registry/address.js'
import { RegistryError } from '../../../src/registry/errors.js'

describe('addresses a token realm may not be', () => {
  test.each([
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['169.254.255.255', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['[::]', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['FE80::abcd:1', 'link-local'],
    ['febf::1', 'link-local'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['168.63.129.16', 'metadata']
  ])('%s is refused (%s)', (address, kind) => {
    expect(forbiddenAddress(address)).toContain(kind)
  })

  test.each([
    ['127.0.0.1'],
    ['::1'],
    ['10.0.0.5'],
    ['172.16.3.4'],
    ['192.168.1.10'],
    ['fd12:3456::1'],
    ['fec0::1'],
    ['169.255.0.1'],
    ['169.253.255.255'],
    ['1.0.0.0'],
    ['140.82.112.34'],
    ['2606:50c0:8000::154'],
    ['::ffff:10.0.0.1'],
    ['not-an-address']
  ])('%s is allowed: loopback, private and public ranges stay usable', address => {
    expect(forbiddenAddress(address)).toBeUndefined()
  })
})

describe('checkRealmHost', () => {
  const resolver = (table: Record<string, string[]>) => async (host: string) => {
    const found = table[host]
    if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
    return found.map(address => ({ address }))
  }
  const refused = async (url: string, table: Record<string, string[]> = {}): Promise<RegistryError> => {
    try {
      await checkRealmHost(new URL(url), 'registry.example', resolver(table))
    } catch (e) {
      return e as RegistryError
    }
    throw new Error('expected a refusal')
  }

  test('a literal metadata address is refused without resolving anything', async () => {
    const e = await refused('https://169.254.169.254/latest/meta-data/')
    expect(e.kind).toBe('auth')
    expect(e.host).toBe('registry.example')
    expect(e.message).toBe(
      'registry.example: token realm 169.254.169.254 is a link-local address (where cloud metadata services answer): refused, credentials are never sent there'
    )
  })

  test('a name that resolves to a forbidden address is refused, naming the address', async () => {
    const e = await refused('https://auth.evil.example:8443/token', {
      'auth.evil.example': ['203.0.113.5', '169.254.169.254']
    })
    expect(e.message).toContain('token realm auth.evil.example:8443 (169.254.169.254) is a link-local address')
  })

  test.each([
    ['http://[::]:5001/token'],
    ['http://0.0.0.0:5001/token'],
    ['http://[fe80::1]/t'],
    ['http://[::ffff:169.254.169.254]/t']
  ])('%s is refused', async url => {
    expect((await refused(url)).kind).toBe('auth')
  })

  test.each<[string, Record<string, string[]>]>([
    ['https://auth.example/token', { 'auth.example': ['203.0.113.5', '2001:db8::5'] }],
    ['http://127.0.0.1:5001/token', {}],
    ['https://registry.internal/token', { 'registry.internal': ['10.1.2.3'] }],
    ['https://unresolvable.example/token', {}]
  ])('%s is allowed', async (url, table) => {
    await expect(checkRealmHost(new URL(url), 'registry.example', resolver(table))).resolves.toBeUndefined()
  })
})

describe('checkRegistryHost: a registry at a forbidden literal address is never contacted', () => {
  test.each([
    [
      'http://169.254.169.254/v2/x/manifests/1',
      '169.254.169.254',
      'a link-local address (where cloud metadata services answer)'
    ],
    [
      'https://169.254.169.254:5000/v2/',
      '169.254.169.254',
      'a link-local address (where cloud metadata services answer)'
    ],
    ['http://0.0.0.0:5000/v2/', '0.0.0.0', 'an unspecified address'],
    ['http://[::]:5000/v2/', '[::]', 'an unspecified address'],
    ['http://[fe80::1]/v2/', '[fe80::1]', 'a link-local address (where cloud metadata services answer)'],
    [
      'http://[::ffff:169.254.169.254]/v2/',
      '[::ffff:a9fe:a9fe]',
      'a link-local address (where cloud metadata services answer)'
    ],
    ['http://[fd00:ec2::254]/v2/', '[fd00:ec2::254]', 'a cloud metadata address'],
    ['http://100.100.100.200/v2/', '100.100.100.200', 'a cloud metadata address'],
    // The URL parser reads octal, hex and single-number IPv4 forms: all are the same metadata address.
    [
      'http://0251.0376.0251.0376/v2/',
      '169.254.169.254',
      'a link-local address (where cloud metadata services answer)'
    ],
    [
      'http://0xa9.0xfe.0xa9.0xfe/v2/',
      '169.254.169.254',
      'a link-local address (where cloud metadata services answer)'
    ],
    ['http://2852039166/v2/', '169.254.169.254', 'a link-local address (where cloud metadata services answer)']
  ])('%s is refused', (url, address, why) => {
    let e: RegistryError | undefined
    try {
      checkRegistryHost(new URL(url), 'evil.example')
    } catch (err) {
      e = err as RegistryError
    }
    expect(e?.kind).toBe('unreachable')
    expect(e?.host).toBe('evil.example')
    expect(e?.message).toBe(`evil.example: address ${address} is ${why}: refused, not contacted`)
  })

  test.each([
    ['http://127.0.0.1:5000/v2/'],
    ['http://localhost:5000/v2/'],
    ['https://10.0.0.5/v2/'],
    ['https://192.168.1.10:5000/v2/'],
    ['https://[::1]:5000/v2/'],
    ['https://registry-1.docker.io/v2/'],
    ['https://ghcr.io/v2/'],
    // A name is checked when the socket connects, not here.
    ['https://metadata.google.internal/v2/']
  ])('%s is allowed', url => {
    expect(() => checkRegistryHost(new URL(url), 'r.example')).not.toThrow()
  })
})

describe('guardedLookup: the address is checked again when the socket connects', () => {
  const fake = (answers: string[]) =>
    guardedLookupWith((_host, _options, callback) =>
      callback(
        null,
        answers.map(address => ({ address, family: address.includes(':') ? 6 : 4 }))
      )
    )
  const run = (lookup: ReturnType<typeof fake>, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family: unknown }>(resolve =>
      lookup('auth.example', { all }, (err, address, family) => resolve({ err, address, family }))
    )

  test('a name that now resolves to a metadata address fails the connection', async () => {
    const r = await run(fake(['203.0.113.7', '169.254.169.254']), false)
    expect(r.err?.code).toBe('EFORBIDDENADDRESS')
    expect(r.err?.message).toBe(
      'auth.example resolved to 169.254.169.254, a link-local address (where cloud metadata services answer): refused'
    )
  })

  test.each([
    [false, '10.0.0.8', 4],
    [true, [{ address: '10.0.0.8', family: 4 }], undefined]
  ])('allowed addresses are passed on (all: %s)', async (all, address, family) => {
    const r = await run(fake(['10.0.0.8']), all)
    expect(r.err).toBeNull()
    expect(r.address).toEqual(address)
    expect(r.family).toBe(family)
  })

  test('the real resolver: localhost is allowed', async () => {
    const r = await new Promise<{ err: unknown; address: unknown }>(resolve =>
      guardedLookup('localhost', {}, (err, address) => resolve({ err, address }))
    )
    expect(r.err).toBeNull()
    expect(['127.0.0.1', '::1']).toContain(r.address)
  })
})
