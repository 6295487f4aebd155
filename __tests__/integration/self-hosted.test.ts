/**
 * Registries as self-hosted teams run them: robot accounts whose names and passwords hold every special character,
 * and a front (nginx) that refuses request headers over 8 KiB in front of a token-auth registry.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startProxy, type FaultProxy, type ProxyRequest } from '../support/fault-proxy.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher } from '../support/push.js'
import { runAction } from '../support/run-action.js'

/** Harbor's robot accounts are `robot$NAME`; the password holds every character a URL or a form would mangle. */
const ROBOT = 'robot$ci+bot'
const SECRET = ` p@ss:w/rd %41%%20$HOME+&=?#!*;~"'\`\\ end`

describe('robot accounts', () => {
  let basic: TestRegistry
  let token: TestRegistry
  const digests: Record<string, string> = {}

  beforeAll(async () => {
    ;[basic, token] = await Promise.all([
      startRegistry({ auth: 'htpasswd', username: ROBOT, password: SECRET }),
      startRegistry({ auth: 'token', username: ROBOT, password: SECRET })
    ])
    digests.basic = (await new Pusher(basic).image('team/app', { tag: '1' })).digest
    digests.token = (await new Pusher(token).image('team/app', { tag: '1' })).digest
  })
  afterAll(async () => {
    await Promise.all([basic?.stop(), token?.stop()])
  })

  test.each(['basic', 'token'] as const)(
    'a robot account with special characters pulls from a %s registry, masked',
    async mode => {
      const reg = mode === 'basic' ? basic : token
      const run = await runAction(
        { images: `${reg.host}/team/app:1`, username: ROBOT, password: SECRET },
        { RUNNER_DEBUG: '1' }
      )
      expect(run.outputs.result).toBe('pass')
      expect(run.outputs.digest).toBe(digests[mode])
      // Masked: the runner is told, and none of it is written anywhere.
      expect(run.stdout).toContain(`::add-mask::${SECRET.replace(/%/g, '%25')}`) // a command's escaping of %
      const written = run.everything().replace(/::add-mask::.*\n/g, '')
      expect(written).not.toContain(SECRET)
      expect(written).not.toContain(Buffer.from(`${ROBOT}:${SECRET}`).toString('base64'))
      if (mode === 'token') {
        const sent = reg.tokenServer!.requests.map(r => r.authorization)
        expect(sent).toContain(`Basic ${Buffer.from(`${ROBOT}:${SECRET}`).toString('base64')}`)
      }
    }
  )

  test('a wrong password for the robot account is refused, not mangled into a pass', async () => {
    const run = await runAction({ images: `${basic.host}/team/app:1`, username: ROBOT, password: SECRET.trim() })
    expect(run.outputs.result).toBe('fail')
    expect(run.stdout).toContain(`${basic.host}: authorization refused for team/app`)
  })
})

describe('a front that refuses large headers', () => {
  let reg: TestRegistry
  let front: FaultProxy
  let limit = 8192
  const repos: string[] = []
  const digests: Record<string, string> = {}

  /** Request line and header lines as nginx counts them against `large_client_header_buffers`. */
  const tooLarge = (req: ProxyRequest): boolean => {
    if (`${req.method} ${req.path} HTTP/1.1`.length > limit) return true
    return Object.entries(req.headers).some(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`.length > limit)
  }

  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token' })
    front = await startProxy({ target: reg.url })
    front.intercept(req =>
      tooLarge(req)
        ? {
            kind: 'respond',
            status: 400,
            headers: { 'content-type': 'text/html' },
            body: '<html>\r\n<head><title>400 Request Header Or Cookie Too Large</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>Request Header Or Cookie Too Large</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
          }
        : undefined
    )
    // Sixty repositories with long names, as monorepos and Harbor projects make them.
    for (let i = 0; i < 60; i++)
      repos.push(`platform-team-${String(i).padStart(2, '0')}/${'service-component-'.repeat(10)}api`)
    const pusher = new Pusher(reg)
    for (let i = 0; i < repos.length; i += 10) {
      const pushed = await Promise.all(repos.slice(i, i + 10).map(r => pusher.image(r, { tag: '1' })))
      for (const p of pushed) digests[p.repo] = p.digest
    }
  })
  afterAll(async () => {
    await front?.stop()
    await reg?.stop()
  })

  const run = () =>
    runAction(
      { images: repos.map(r => `${front.host}/${r}:1`).join('\n'), username: reg.username, password: reg.password },
      { RUNNER_DEBUG: '1' },
      120_000
    )

  const expectAllPass = (r: Awaited<ReturnType<typeof run>>): void => {
    expect(r.outputs.result).toBe('pass')
    const out = JSON.parse(r.outputs.digests!) as Record<string, string>
    for (const repo of repos) expect(out[`${front.host}/${repo}:1`]).toBe(digests[repo])
  }

  test('8 KiB: batched tokens stay under the limit, so nothing is refused', async () => {
    limit = 8192
    front.log.length = 0
    reg.tokenServer!.requests.length = 0
    const r = await run()
    expectAllPass(r)
    expect(front.log.filter(e => e.status === 400)).toHaveLength(0)
    // Batched, but by size: more than one token, far fewer than one per repository.
    const tokenRequests = reg.tokenServer!.requests.length
    expect(tokenRequests).toBeGreaterThan(1)
    expect(tokenRequests).toBeLessThan(15)
  })

  test('a tighter limit refuses the batched token: a token per repository, and still every image passes', async () => {
    limit = 2048
    front.log.length = 0
    reg.tokenServer!.requests.length = 0
    const r = await run()
    expectAllPass(r)
    expect(front.log.filter(e => e.status === 400).length).toBeGreaterThan(0)
    expect(r.stdout).toContain('repositories as too large')
    // After the refusal every token covers one repository.
    const requests = reg.tokenServer!.requests
    expect(requests.at(-1)!.scopes).toHaveLength(1)
  })
})
