import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Authorizer } from '../../../src/registry/auth.js'
import { CredentialStore } from '../../../src/registry/credentials.js'
import { RegistryError } from '../../../src/registry/errors.js'
import { Transport, type HttpResponse } from '../../../src/registry/transport.js'

const challenge = (value: string): HttpResponse => ({
  status: 401,
  headers: { 'www-authenticate': value },
  body: Buffer.alloc(0),
  url: 'https://r/v2/x/manifests/1',
  truncated: false
})

describe('token realms', () => {
  test.each([
    ['registry.example.com', false, 'http://auth.example.com/token', 'insecure'],
    ['registry.example.com', false, 'ftp://auth.example.com/token', 'insecure'],
    ['registry.example.com', false, 'not a url', 'auth']
  ])('%s (insecure %s) with realm %s is refused: %s', async (registry, insecure, realm, kind) => {
    const auth = new Authorizer(
      { registry, insecure },
      new CredentialStore({ dockerConfigDir: '/nonexistent' }),
      new Transport(),
      { debug() {}, info() {}, warning() {}, notice() {} }
    )
    const err = await auth
      .challenged(challenge(`Bearer realm="${realm}",service="s"`), 'repository:x:pull', undefined)
      .catch(e => e as RegistryError)
    expect(err).toBeInstanceOf(RegistryError)
    expect((err as RegistryError).kind).toBe(kind)
    expect(auth.tokenRequests).toBe(0)
  })

  test('a challenge with neither Basic nor Bearer is an auth error', async () => {
    const auth = new Authorizer(
      { registry: 'r.example', insecure: false },
      new CredentialStore({ dockerConfigDir: '/nonexistent' }),
      new Transport(),
      { debug() {}, info() {}, warning() {}, notice() {} }
    )
    await expect(auth.challenged(challenge('Negotiate abc'), 'repository:x:pull', undefined)).rejects.toThrow(
      'without a Basic or Bearer challenge'
    )
  })
})

describe('the github-token goes to ghcr.io only', () => {
  let server: http.Server
  let url: string
  const seen: Array<string | undefined> = []
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers.authorization)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t0k3n-anonymous"}')
    })
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`
  })
  afterAll(async () => new Promise<void>(r => server.close(() => r())))

  test('a ghcr.io challenge naming a realm on another host gets no github-token', async () => {
    const creds = new CredentialStore({ githubToken: 'ghs_secret_token_value', dockerConfigDir: '/nonexistent' })
    // insecure only so that the plain-HTTP test realm is allowed at all
    const auth = new Authorizer({ registry: 'ghcr.io', insecure: true }, creds, new Transport(), {
      debug() {},
      info() {},
      warning() {},
      notice() {}
    })
    const header = await auth.challenged(
      challenge(`Bearer realm="${url}",service="ghcr.io"`),
      'repository:acme/app:pull',
      undefined
    )
    expect(header).toBe('Bearer t0k3n-anonymous')
    expect(seen).toEqual([undefined])
  })
})
