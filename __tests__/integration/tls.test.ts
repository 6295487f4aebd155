/** A registry behind HTTPS (a TLS front with the suite's own CA, trusted through NODE_EXTRA_CA_CERTS). */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import * as http from 'node:http'
import * as https from 'node:https'
import { join } from 'node:path'
import { freePort, startRegistry, type TestRegistry } from '../support/local-registry.js'
import { startRecorder, type Recorder } from '../support/fault-proxy.js'
import { Pusher, type PushedImage } from '../support/push.js'
import { runAction } from '../support/run-action.js'

let reg: TestRegistry
let image: PushedImage
let front: https.Server
let frontHost: string
let recorder: Recorder
let certPath: string
let redirectBlobs = false

beforeAll(async () => {
  reg = await startRegistry({ auth: 'htpasswd' })
  image = await new Pusher(reg).image('tls/app', { tag: '1' })
  const key = join(reg.dir, 'front.key')
  certPath = join(reg.dir, 'front.crt')
  const r = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    key,
    '-out',
    certPath,
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1'
  ])
  if (r.status !== 0) throw new Error(`openssl: ${r.stderr?.toString()}`)
  recorder = await startRecorder(() => ({ status: 200, body: 'should never be asked' }))
  const target = new URL(reg.url)
  front = https.createServer({ key: readFileSync(key), cert: readFileSync(certPath) }, (req, res) => {
    if (redirectBlobs && req.url?.includes('/blobs/')) {
      res.writeHead(307, { location: `${recorder.url}/plain-http-blob` }).end()
      return
    }
    const up = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      upRes => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers)
        upRes.pipe(res)
      }
    )
    req.pipe(up)
  })
  const port = await freePort()
  await new Promise<void>(resolve => front.listen(port, '127.0.0.1', resolve))
  frontHost = `127.0.0.1:${port}`
})
afterAll(async () => {
  front.closeAllConnections()
  await new Promise(r => front.close(r))
  await recorder.stop()
  await reg.stop()
})

const inputs = () => ({ images: `${frontHost}/tls/app:1`, username: reg.username, password: reg.password })

test('a registry over HTTPS is reached over HTTPS, with the credentials', async () => {
  redirectBlobs = false
  const run = await runAction(inputs(), { NODE_EXTRA_CA_CERTS: certPath, RUNNER_DEBUG: '1' })
  expect(run.outputs.result).toBe('pass')
  expect(run.outputs.digest).toBe(image.digest)
  expect(run.stdout).toContain(`${frontHost}: reached over https`)
})

test('a redirect from HTTPS to plain HTTP is refused, and nothing is sent there', async () => {
  redirectBlobs = true
  const run = await runAction(inputs(), { NODE_EXTRA_CA_CERTS: certPath })
  expect(run.outputs.result).toBe('fail')
  expect(run.stdout).toContain(
    `::error title=inspect::${frontHost}/tls/app:1: cannot be inspected: ${frontHost}: redirect from HTTPS to plain HTTP (${recorder.host}) refused`
  )
  expect(recorder.requests).toHaveLength(0)
})
