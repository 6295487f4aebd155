/**
 * Registries as they are deployed: docker-registry serving TLS itself (`http.tls`) with a certificate signed by a
 * private CA, self-signed, expired, for the wrong name, or requiring client certificates (`http.tls.clientcas`);
 * trust and identity from certs.d directories as docker and podman read them. The gate reaches each registry as
 * `registry.test:PORT`, a name resolved to loopback inside the action's process only (a preload), so that its
 * certificate is verified as any remote registry's is: loopback registries are insecure, as in Docker.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { makeCa, makeLeaf, type KeyPair } from '../support/certs.js'
import { startConnectProxy } from '../support/connect-proxy.js'
import { startProxy } from '../support/fault-proxy.js'
import { startRegistry, type RegistryTls, type TestRegistry } from '../support/local-registry.js'
import { Pusher } from '../support/push.js'
import { DIST, ROOT, runAction, type ActionRun } from '../support/run-action.js'

const NAME = 'registry.test'
const PRELOAD = resolve(ROOT, '__tests__/support/hosts-preload.mjs')

let dir: string
let ca: KeyPair
let clientCa: KeyPair
let client: KeyPair
let stranger: KeyPair
const regs: Record<'signed' | 'selfSigned' | 'expired' | 'wrongName' | 'mtls' | 'plain', TestRegistry> = {} as never
const digests: Record<string, string> = {}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'image-gate-pki-'))
  ca = makeCa(dir, 'test-ca')
  clientCa = makeCa(dir, 'client-ca')
  const strangerCa = makeCa(dir, 'stranger-ca')
  const good = makeLeaf(dir, 'good', { sans: [`DNS:${NAME}`], ca })
  const self = makeLeaf(dir, 'self', { sans: [`DNS:${NAME}`] })
  const expired = makeLeaf(dir, 'expired', { sans: [`DNS:${NAME}`], ca, days: -1 })
  const wrong = makeLeaf(dir, 'wrong', { sans: ['DNS:other.test'], ca })
  client = makeLeaf(dir, 'client', { sans: [], ca: clientCa, usage: 'client' }, 'cert')
  stranger = makeLeaf(dir, 'stranger', { sans: [], ca: strangerCa, usage: 'client' }, 'cert')
  const tls = (p: KeyPair, more: Partial<RegistryTls> = {}): RegistryTls => ({
    certificate: p.cert,
    key: p.key,
    ...more
  })
  const [signed, selfSigned, expiredReg, wrongName, mtls, plain] = await Promise.all([
    startRegistry({ auth: 'anonymous', tls: tls(good) }),
    startRegistry({ auth: 'anonymous', tls: tls(self) }),
    startRegistry({ auth: 'anonymous', tls: tls(expired) }),
    startRegistry({ auth: 'anonymous', tls: tls(wrong) }),
    startRegistry({ auth: 'anonymous', tls: tls(good, { clientCas: [clientCa.cert], client }) }),
    startRegistry({ auth: 'htpasswd' })
  ])
  Object.assign(regs, {
    signed: signed!,
    selfSigned: selfSigned!,
    expired: expiredReg!,
    wrongName: wrongName!,
    mtls: mtls!,
    plain: plain!
  })
  for (const [k, r] of Object.entries(regs)) digests[k] = (await new Pusher(r).image('tls/app', { tag: '1' })).digest
})

afterAll(async () => {
  await Promise.all(Object.values(regs).map(r => r.stop()))
  rmSync(dir, { recursive: true, force: true })
})

const port = (r: TestRegistry): string => new URL(r.url).port
const host = (r: TestRegistry): string => `${NAME}:${port(r)}`
const image = (r: TestRegistry): string => `${host(r)}/tls/app:1`

/** Runs the action against `reg` with these files in `<certs.d>/<host:port>/`, and the rest of `inputs`. */
function gate(
  reg: TestRegistry,
  files: Record<string, string>,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction(
    { images: image(reg), ...inputs },
    { IMAGE_GATE_TEST_HOSTS: `${NAME}=127.0.0.1`, RUNNER_DEBUG: '1', ...env },
    60_000,
    ws => {
      const certs = join(ws, 'certs.d')
      const hostDir = join(certs, host(reg))
      mkdirSync(hostDir, { recursive: true })
      for (const [name, from] of Object.entries(files)) {
        if (from.startsWith('text:')) writeFileSync(join(hostDir, name), from.slice(5))
        else if (from === 'fifo') spawnSync('mkfifo', [join(hostDir, name)])
        else copyFileSync(from, join(hostDir, name))
      }
      return { IMAGE_GATE_CERTS_DIRS: `${join(ws, 'no-such-dir')}:${certs}` }
    },
    ['--import', PRELOAD, DIST]
  )
}

function tlsError(run: ActionRun): { kind: string; message: string } {
  const img = (run.report?.images as Array<{ error: { kind: string; message: string } | null }>)[0]!
  expect(img.error).not.toBeNull()
  return img.error!
}

describe('trust', () => {
  test('a certificate signed by a private CA is trusted through the CA in certs.d', async () => {
    const run = await gate(regs.signed, { 'ca.crt': ca.cert })
    expect(run.outputs.result).toBe('pass')
    expect(run.outputs.digest).toBe(digests.signed)
    expect(run.stdout).toContain('trusting the CA certificates of')
  })

  test('NODE_EXTRA_CA_CERTS is trusted too', async () => {
    const run = await gate(regs.signed, {}, {}, { NODE_EXTRA_CA_CERTS: ca.cert })
    expect(run.outputs.result).toBe('pass')
    expect(run.outputs.digest).toBe(digests.signed)
  })

  test('a CA in certs.d is added to NODE_EXTRA_CA_CERTS, not put in its place', async () => {
    const run = await gate(regs.signed, { 'other-ca.crt': clientCa.cert }, {}, { NODE_EXTRA_CA_CERTS: ca.cert })
    expect(run.outputs.result).toBe('pass')
    expect(run.stdout).toContain('trusting the CA certificates of')
  })

  test('without the CA, the certificate is an unknown authority: a tls finding, not unreachable', async () => {
    const run = await gate(regs.signed, {})
    expect(run.outputs.result).toBe('fail')
    const err = tlsError(run)
    expect(err.kind).toBe('tls')
    expect(err.message).toContain(`${host(regs.signed)}: TLS: its certificate is signed by an unknown authority`)
    expect(err.message).not.toMatch(/unreachable|refused|reset/)
  })

  test('a self-signed certificate is refused, saying so', async () => {
    const run = await gate(regs.selfSigned, {})
    expect(run.outputs.result).toBe('fail')
    expect(tlsError(run)).toMatchObject({
      kind: 'tls',
      message: expect.stringContaining(`${host(regs.selfSigned)}: TLS: its certificate is self-signed`)
    })
  })

  test('a self-signed registry listed in insecure-registries is spoken to over HTTPS, unverified', async () => {
    const run = await gate(regs.selfSigned, {}, { 'insecure-registries': host(regs.selfSigned) })
    expect(run.outputs.result).toBe('pass')
    expect(run.outputs.digest).toBe(digests.selfSigned)
    expect(run.stdout).toContain(`${host(regs.selfSigned)}: reached over https`)
    expect(run.stdout).toContain('its certificate is not verified')
  })

  test('an expired certificate is refused as expired, even with its CA trusted', async () => {
    const run = await gate(regs.expired, { 'ca.crt': ca.cert })
    expect(run.outputs.result).toBe('fail')
    expect(tlsError(run)).toMatchObject({
      kind: 'tls',
      message: expect.stringContaining(`${host(regs.expired)}: TLS: its certificate has expired`)
    })
  })

  test('a certificate for another name is refused as the wrong name', async () => {
    const run = await gate(regs.wrongName, { 'ca.crt': ca.cert })
    expect(run.outputs.result).toBe('fail')
    const err = tlsError(run)
    expect(err.kind).toBe('tls')
    expect(err.message).toContain(`${host(regs.wrongName)}: TLS: its certificate is for another name`)
    expect(err.message).toContain('other.test')
  })
})

describe('a registry that speaks only plain HTTP', () => {
  test('listed in insecure-registries: HTTPS cannot be spoken there, so HTTP, with the credentials', async () => {
    const reg = regs.plain
    const run = await gate(
      reg,
      {},
      { 'insecure-registries': host(reg), username: reg.username, password: reg.password }
    )
    expect(run.outputs.result).toBe('pass')
    expect(run.outputs.digest).toBe(digests.plain)
    expect(run.stdout).toContain(`${host(reg)}: reached over http`)
  })

  test('not listed: a tls finding saying it does not speak TLS, and nothing goes over HTTP', async () => {
    const reg = regs.plain
    const run = await gate(reg, {}, { username: reg.username, password: reg.password })
    expect(run.outputs.result).toBe('fail')
    const err = tlsError(run)
    expect(err.kind).toBe('tls')
    expect(err.message).toContain(`${host(reg)}: TLS: it does not speak TLS on this port`)
    expect(run.stdout).not.toContain('reached over http')
  })
})

describe('a registry at a loopback address: plain HTTP first, HTTPS where the port speaks TLS', () => {
  /** A TCP front on loopback that forwards to `reg` and keeps how each connection began (its first bytes). */
  async function recorded(reg: TestRegistry): Promise<{ host: string; starts: Buffer[]; stop: () => Promise<void> }> {
    const starts: Buffer[] = []
    const sockets = new Set<net.Socket>()
    const server = net.createServer(down => {
      const up = net.connect(Number(port(reg)), '127.0.0.1')
      sockets.add(down).add(up)
      down.once('data', (d: Buffer) => starts.push(Buffer.from(d)))
      down.pipe(up).pipe(down)
      const end = (): void => void (down.destroy(), up.destroy())
      down.on('error', end).on('close', end)
      up.on('error', end).on('close', end)
    })
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
    return {
      host: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
      starts,
      stop: async () => {
        for (const s of sockets) s.destroy()
        await new Promise(r => server.close(r))
      }
    }
  }
  const isTls = (b: Buffer): boolean => b[0] === 0x16 // a TLS handshake record: the ClientHello

  test('a plain one is asked over HTTP, with the credentials, and no TLS handshake is ever sent', async () => {
    const reg = regs.plain
    const front = await recorded(reg)
    try {
      const run = await runAction(
        { images: `${front.host}/tls/app:1`, username: reg.username, password: reg.password },
        { RUNNER_DEBUG: '1' }
      )
      expect(run.outputs.result).toBe('pass')
      expect(run.outputs.digest).toBe(digests.plain)
      expect(run.stdout).toContain(`${front.host}: reached over http`)
      expect(front.starts.length).toBeGreaterThan(0)
      expect(front.starts.filter(isTls)).toHaveLength(0)
    } finally {
      await front.stop()
    }
  })

  test('a *.localhost name is not taken at its word: HTTPS first (a resolver or a proxy may send it elsewhere)', async () => {
    const reg = regs.plain
    const front = await recorded(reg)
    const name = `registry.localhost:${front.host.split(':')[1]}`
    try {
      const run = await runAction(
        { images: `${name}/tls/app:1`, username: reg.username, password: reg.password },
        { IMAGE_GATE_TEST_HOSTS: 'registry.localhost=127.0.0.1', RUNNER_DEBUG: '1' },
        60_000,
        undefined,
        ['--import', PRELOAD, DIST]
      )
      expect(run.outputs.result).toBe('pass')
      expect(run.stdout).toContain(`${name}: reached over http`)
      expect(isTls(front.starts[0]!)).toBe(true)
    } finally {
      await front.stop()
    }
  })

  test("a plain one's own 400 stays its answer: HTTPS is tried, cannot be spoken there, and the 400 is reported", async () => {
    const reg = regs.plain
    const front = await startProxy({ target: reg.url })
    front.intercept(r =>
      r.path.endsWith('/manifests/1')
        ? {
            kind: 'respond',
            status: 400,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ errors: [{ code: 'NAME_INVALID', message: 'invalid repository name' }] })
          }
        : undefined
    )
    try {
      const run = await runAction(
        { images: `${front.host}/tls/app:1`, username: reg.username, password: reg.password },
        { RUNNER_DEBUG: '1' }
      )
      expect(run.outputs.result).toBe('fail')
      expect(run.stdout).toContain(`${front.host}: reached over http`)
      const img = (run.report?.images as Array<{ error: { message: string } | null }>)[0]!
      expect(img.error?.message).toContain('invalid repository name')
      expect(front.count(/\/manifests\/1$/)).toBe(1)
    } finally {
      await front.stop()
    }
  })

  test('a TLS one answers the one plain request 400, which carried no credentials; then HTTPS, unverified', async () => {
    const reg = regs.selfSigned
    const front = await recorded(reg)
    try {
      const run = await runAction(
        { images: `${front.host}/tls/app:1`, username: 'someone', password: 'pw-loopback-secret' },
        { RUNNER_DEBUG: '1' }
      )
      expect(run.outputs.result).toBe('pass')
      expect(run.outputs.digest).toBe(digests.selfSigned)
      expect(run.stdout).toContain(`${front.host}: reached over https`)
      const plain = front.starts.filter(b => !isTls(b))
      expect(plain).toHaveLength(1)
      expect(plain[0]!.toString('latin1')).toMatch(/^GET \/v2\/tls\/app\/manifests\/1 HTTP\/1\.1\r\n/)
      expect(plain[0]!.toString('latin1').toLowerCase()).not.toContain('authorization')
      expect(front.starts.filter(isTls).length).toBeGreaterThan(0)
    } finally {
      await front.stop()
    }
  })

  test('one that requires a client certificate gets it from certs.d after the plain request', async () => {
    const reg = regs.mtls
    const front = await recorded(reg)
    try {
      const run = await runAction({ images: `${front.host}/tls/app:1` }, { RUNNER_DEBUG: '1' }, 60_000, ws => {
        const hostDir = join(ws, 'certs.d', front.host)
        mkdirSync(hostDir, { recursive: true })
        copyFileSync(client.cert, join(hostDir, 'client.cert'))
        copyFileSync(client.key, join(hostDir, 'client.key'))
        return { IMAGE_GATE_CERTS_DIRS: join(ws, 'certs.d') }
      })
      expect(run.outputs.result).toBe('pass')
      expect(run.outputs.digest).toBe(digests.mtls)
      expect(run.stdout).toContain('presenting the client certificate')
      expect(front.starts.filter(b => !isTls(b))).toHaveLength(1)
    } finally {
      await front.stop()
    }
  })
})

describe('client certificates', () => {
  test('a registry that requires one gets the client.cert/client.key pair from certs.d', async () => {
    const run = await gate(regs.mtls, { 'ca.crt': ca.cert, 'client.cert': client.cert, 'client.key': client.key })
    expect(run.outputs.result).toBe('pass')
    expect(run.outputs.digest).toBe(digests.mtls)
    expect(run.stdout).toContain('presenting the client certificate')
  })

  test("through the runner's proxy too: the CA and the client certificate ride the tunnel", async () => {
    const proxy = await startConnectProxy()
    try {
      const run = await gate(
        regs.mtls,
        { 'ca.crt': ca.cert, 'client.cert': client.cert, 'client.key': client.key },
        {},
        { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }
      )
      expect(run.outputs.result).toBe('pass')
      expect(run.outputs.digest).toBe(digests.mtls)
      expect(proxy.connects).toContain(host(regs.mtls))
    } finally {
      await proxy.stop()
    }
  })

  test('without one: a tls finding saying a client certificate is required', async () => {
    const run = await gate(regs.mtls, { 'ca.crt': ca.cert })
    expect(run.outputs.result).toBe('fail')
    const err = tlsError(run)
    expect(err.kind).toBe('tls')
    expect(err.message).toContain(`${host(regs.mtls)}: TLS: it requires a client certificate`)
  })

  test('one the registry does not accept: a tls finding saying it was refused', async () => {
    const run = await gate(regs.mtls, { 'ca.crt': ca.cert, 'client.cert': stranger.cert, 'client.key': stranger.key })
    expect(run.outputs.result).toBe('fail')
    const err = tlsError(run)
    expect(err.kind).toBe('tls')
    expect(err.message).toContain(`${host(regs.mtls)}: TLS: it refused the client certificate presented`)
  })
})

describe('hostile or broken certs.d files end in a clear finding', () => {
  test.each([
    [
      'a client certificate without its key',
      { 'ca.crt': 'CA', 'client.cert': 'CLIENT' },
      /client\.cert is a client certificate without its key/
    ],
    [
      'a key without its certificate',
      { 'ca.crt': 'CA', 'client.key': 'KEY' },
      /client\.key is a client key without its certificate/
    ],
    ['a CA file that is not PEM', { 'ca.crt': 'text:hello' }, /ca\.crt holds no PEM certificate/],
    [
      'a CA file with a broken certificate',
      { 'ca.crt': 'text:-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' },
      /ca\.crt holds a certificate that cannot be parsed/
    ],
    ['a CA file that is a FIFO (never read)', { 'ca.crt': 'fifo' }, /ca\.crt is not a regular file/],
    [
      'a client key that does not match its certificate',
      { 'ca.crt': 'CA', 'client.cert': 'CLIENT', 'client.key': 'STRANGER_KEY' },
      /client\.cert with .*client\.key cannot be used/
    ]
  ])('%s', async (_what, spec, expected) => {
    const files: Record<string, string> = {}
    const named: Record<string, string> = {
      CA: ca.cert,
      CLIENT: client.cert,
      KEY: client.key,
      STRANGER_KEY: stranger.key
    }
    for (const [k, v] of Object.entries(spec)) files[k] = named[v] ?? v
    const run = await gate(regs.mtls, files)
    expect(run.code).not.toBe(0)
    expect(run.outputs.result).toBe('fail')
    const err = tlsError(run)
    expect(err.kind).toBe('tls')
    expect(err.message).toMatch(expected)
    expect(run.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })
})
