import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DEFAULT_CERTS_DIRS,
  TlsConfig,
  certsDirsFromEnv,
  describeTlsError,
  speaksNoTls
} from '../../../src/registry/tls.js'

const err = (code: string, message = '', reason?: string) => Object.assign(new Error(message), { code, reason })

describe('what a TLS failure says', () => {
  test.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', false, 'its certificate is self-signed and not trusted (unknown authority)'],
    ['SELF_SIGNED_CERT_IN_CHAIN', false, 'its certificate is self-signed'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', false, 'signed by an unknown authority'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', false, 'signed by an unknown authority'],
    ['CERT_HAS_EXPIRED', false, 'its certificate has expired'],
    ['CERT_NOT_YET_VALID', false, 'not valid yet'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', false, 'its certificate is for another name'],
    [
      'ERR_SSL_SSL/TLS_ALERT_BAD_CERTIFICATE',
      false,
      'it requires a client certificate (alert: bad certificate); put one in /etc/docker/certs.d/r.example:5000/client.cert'
    ],
    [
      'ERR_SSL_SSL/TLS_ALERT_BAD_CERTIFICATE',
      true,
      'it refused the client certificate presented (alert: bad certificate)'
    ],
    [
      'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
      false,
      'it requires a client certificate (alert: certificate required)'
    ],
    ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', true, 'it refused the client certificate presented (alert: unknown ca)'],
    [
      'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
      false,
      'the handshake failed (alert: handshake failure); does it require a client certificate?'
    ],
    ['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', false, 'the handshake failed (alert: protocol version)'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', false, 'it does not speak TLS on this port'],
    ['ERR_SSL_SOMETHING_NEW', false, 'the handshake failed (ERR_SSL_SOMETHING_NEW)']
  ])('%s (client certificate: %s)', (code, clientCert, expected) => {
    expect(describeTlsError(err(code), 'r.example:5000', clientCert)).toContain(expected)
  })

  test('not a TLS failure: undefined', () => {
    expect(describeTlsError(err('ECONNREFUSED', 'connect ECONNREFUSED'), 'h', false)).toBeUndefined()
    expect(describeTlsError(err('ENOTFOUND'), 'h', false)).toBeUndefined()
  })

  test('the names a wrong certificate holds are kept to host-name characters', () => {
    const text = describeTlsError(
      err(
        'ERR_TLS_CERT_ALTNAME_INVALID',
        '',
        "Host: r. is not in the cert's altnames: DNS:evil.test, DNS:`[x](http://y)`\n::error::z"
      ),
      'r',
      false
    )!
    expect(text).toBe(
      'its certificate is for another name (wrong name: the certificate names DNS:evil.test, DNS:xhttp:y)'
    )
  })
})

describe('HTTPS that cannot be spoken at all lets an insecure registry try HTTP', () => {
  test.each([
    [err('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443'), true],
    [err('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), true],
    [err('EPROTO', 'error:0A00010B:SSL routines::wrong version number'), true],
    [err('ECONNRESET', 'Client network socket disconnected before secure TLS connection was established'), true],
    [err('ECONNRESET', 'read ECONNRESET'), false],
    [err('ETIMEDOUT', 'timeout'), false],
    [err('CERT_HAS_EXPIRED', 'certificate has expired'), false],
    [err('ERR_SSL_SSL/TLS_ALERT_BAD_CERTIFICATE', 'alert bad certificate'), false],
    [undefined, false]
  ])('%p → %p', (cause, expected) => {
    expect(speaksNoTls(cause)).toBe(expected)
  })
})

describe('certs directories', () => {
  test.each([
    [undefined, DEFAULT_CERTS_DIRS],
    ['', []],
    ['/a:/b', ['/a', '/b']],
    [' /a : :/b ', ['/a', '/b']]
  ])('IMAGE_GATE_CERTS_DIRS=%p', (value, expected) => {
    expect(certsDirsFromEnv(value === undefined ? {} : { IMAGE_GATE_CERTS_DIRS: value })).toEqual(expected)
  })

  test.each([
    ['https://127.0.0.1:5000', [], true],
    ['https://localhost', [], true],
    ['https://registry.localhost:8443', [], true],
    ['https://reg.example', [], false],
    ['https://reg.example', ['reg.example'], true],
    ['https://reg.example', ['reg.example:443'], true],
    ['https://reg.example:5000', ['reg.example'], false],
    ['https://reg.example:5000', ['reg.example:5000'], true]
  ])('%s with insecure %p: insecure %p', (url, insecure, expected) => {
    expect(new TlsConfig({ certsDirs: [], insecure }).isInsecure(new URL(url))).toBe(expected)
  })

  test('a host without files gets the defaults; a directory per host[:port] is read, the port counts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-certs-'))
    try {
      mkdirSync(join(dir, 'reg.example:5000'))
      writeFileSync(join(dir, 'reg.example:5000', 'client.cert'), 'x')
      const tls = new TlsConfig({ certsDirs: [dir] })
      expect(tls.settingsFor(new URL('https://reg.example')).secureContext).toBeUndefined()
      expect(tls.settingsFor(new URL('https://reg.example:5001')).rejectUnauthorized).toBe(true)
      expect(() => tls.settingsFor(new URL('https://reg.example:5000'))).toThrow(
        /client\.cert is a client certificate without its key/
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
