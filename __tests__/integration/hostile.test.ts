/**
 * What a malicious pull request or registry can do, against dist/ as the runner runs it. Each case ends as the
 * gate's own verdict: exit 1 in bounded time, a message naming the input, file or host and what is wrong, no stack
 * trace, and nothing in the log, outputs or summary that the runner would take as a command or the summary as markup.
 * Hostile servers listen on 127.0.0.1 and stop by themselves.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { OCI_INDEX, Store, commandLines, startHostile, type HostileServer } from '../support/hostile-server.js'
import { DIST, cleanup, runAction, type ActionRun } from '../support/run-action.js'

const servers: HostileServer[] = []
const runs: ActionRun[] = []
/** A preload that writes the run's peak resident memory (KiB) to stderr as it exits. */
const PRELOAD = join(mkdtempSync(join(tmpdir(), 'image-gate-hostile-')), 'maxrss.cjs')
writeFileSync(
  PRELOAD,
  "process.on('exit', () => process.stderr.write('IG_MAXRSS ' + process.resourceUsage().maxRSS + '\\n'))\n"
)
afterAll(async () => {
  await Promise.all(servers.map(s => s.stop()))
  runs.forEach(cleanup)
  rmSync(dirname(PRELOAD), { recursive: true, force: true })
})

/**
 * Peak resident memory of a run started with the PRELOAD, in MiB. A quiet machine measures 60 to 100 MiB for the runs
 * below; the bound leaves room for a loaded one and is still far below what the unbounded work took (1.4 to 3.4 GB).
 */
function peakMiB(run: ActionRun): number {
  const m = /IG_MAXRSS (\d+)/.exec(run.stderr)
  if (!m) throw new Error(`no IG_MAXRSS line in stderr: ${run.stderr.slice(0, 500)}`)
  return Number(m[1]) / 1024
}

async function hostile(...args: Parameters<typeof startHostile>): Promise<HostileServer> {
  const s = await startHostile(...args)
  servers.push(s)
  return s
}

/** Runs the action and times it. */
async function gate(...args: Parameters<typeof runAction>): Promise<ActionRun & { ms: number }> {
  const started = Date.now()
  const run = await runAction(...args)
  runs.push(run)
  return Object.assign(run, { ms: Date.now() - started })
}

/** What a user can see of a run: everything but the masking commands the runner consumes. */
const visible = (run: ActionRun): string => run.everything().replace(/^::add-mask::.*$/gm, '')

/** What every hostile run must hold: the gate's own failure, no stack trace, no command it did not write. */
function failsCleanly(run: ActionRun, { outputs = true }: { outputs?: boolean } = {}): void {
  expect(run.code).toBe(1)
  // Bad input stops the run before there is anything to output; everything else writes its outputs.
  if (outputs) expect(run.outputs.result).toBe('fail')
  expect(run.everything()).not.toMatch(/\n\s+at [\w.<>]+ \(|node:internal|TypeError|RangeError|SyntaxError/)
  for (const line of commandLines(run.stdout)) {
    // The action's own commands only, and no payload right after a command's name.
    expect(line).toMatch(/^::(error|warning|notice|debug|group|endgroup|add-mask)( [^:]*)?::/)
    expect(line).not.toMatch(/^::[a-z-]+( [^:]*)?::PWNED|##\[/)
  }
}

describe('fail closed: registries is checked before any contact', () => {
  test('a registry that is not allowed, from images or from files, is never contacted', async () => {
    const trap = await hostile(() => ({ status: 200, body: '{}' }), 60_000)
    const run = await gate(
      { images: `${trap.host}/evil/app:1`, files: 'Dockerfile', registries: 'ghcr.io' },
      {},
      60_000,
      dir => writeFileSync(join(dir, 'Dockerfile'), `FROM ${trap.host}/evil/base:2\n`)
    )
    failsCleanly(run)
    expect(trap.connections).toBe(0)
    expect(run.ms).toBeLessThan(10_000)
    const report = run.report as { findings: Array<{ rule: string; image: string; message: string }> }
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'registries',
        image: `${trap.host}/evil/app:1`,
        message: `registry ${trap.host} is not allowed (allowed: ghcr.io); it was not contacted`
      }),
      expect.objectContaining({
        rule: 'registries',
        image: `${trap.host}/evil/base:2`,
        message: `registry ${trap.host} is not allowed (allowed: ghcr.io); it was not contacted`
      })
    ])
    expect(run.summary).toContain('not allowed')
  })

  test('a policy rule that names the image keeps it from its registry too', async () => {
    const trap = await hostile(() => ({ status: 200, body: '{}' }), 60_000)
    const run = await gate({ images: `${trap.host}/evil/app:1`, policy: 'policy.yml' }, {}, 60_000, dir =>
      writeFileSync(join(dir, 'policy.yml'), `rules:\n  - images: ["127.0.0.1:*/evil/**"]\n    registries: [ghcr.io]\n`)
    )
    failsCleanly(run)
    expect(trap.connections).toBe(0)
    expect(run.stdout).toContain('it was not contacted [policy.yml rules[0] (line 2)]')
  })
})

describe('fail closed: a registry at a metadata address is never contacted', () => {
  test('images a pull request names at link-local and unspecified addresses are findings naming the image and the host', async () => {
    const run = await gate({ files: 'Dockerfile' }, FAST, 60_000, dir =>
      writeFileSync(join(dir, 'Dockerfile'), 'FROM 169.254.169.254/x:1 AS a\nFROM 0.0.0.0:5000/y:2\n')
    )
    failsCleanly(run)
    expect(run.ms).toBeLessThan(10_000)
    const report = run.report as { findings: Array<{ image: string; message: string }> }
    expect(report.findings).toEqual([
      expect.objectContaining({
        image: '169.254.169.254/x:1',
        message: expect.stringContaining(
          '169.254.169.254: address 169.254.169.254 is a link-local address (where cloud metadata services answer): refused, not contacted'
        )
      }),
      expect.objectContaining({
        image: '0.0.0.0:5000/y:2',
        message: expect.stringContaining(
          '0.0.0.0:5000: address 0.0.0.0 is an unspecified address: refused, not contacted'
        )
      })
    ])
  })

  test('a registry that redirects to a metadata address is refused at the redirect', async () => {
    const registry = await hostile(
      () => ({
        status: 302,
        headers: { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' }
      }),
      60_000
    )
    const run = await gate({ images: `${registry.host}/evil/app:1` }, FAST)
    failsCleanly(run)
    expect(run.ms).toBeLessThan(10_000)
    expect(run.stdout).toContain(
      `${registry.host}: address 169.254.169.254 is a link-local address (where cloud metadata services answer): refused, not contacted`
    )
    expect(registry.requests).toHaveLength(1)
  })
})

describe('fail closed: a registry the image names is not contacted either', () => {
  test('a base claimed by the image, or allowed by base-images, on a registry registries does not allow gets no request', async () => {
    const trap = await hostile(() => ({ status: 200, body: '{}' }), 60_000)
    const store = new Store()
    store.image({ config: { Labels: { 'org.opencontainers.image.base.name': `${trap.host}/evil/base:1` } } }, 'v1')
    const registry = await hostile(req => store.answer(req.url ?? '/'), 60_000)
    const run = await gate({
      images: `${registry.host}/acme/app:v1`,
      registries: registry.host,
      'base-images': `${registry.host}/acme/base:1\n${trap.host}/evil/base:1`
    })
    failsCleanly(run)
    expect(trap.connections).toBe(0)
    const report = run.report as { findings: Array<{ rule: string; message: string }> }
    expect(report.findings.map(f => f.rule)).toEqual(['base-images'])
    const claim = (
      run.report as { images: Array<{ platforms: Array<{ baseClaim: { status: string; detail: string } }> }> }
    ).images[0]!.platforms[0]!.baseClaim
    expect(claim.status).toBe('unverifiable')
    expect(claim.detail).toContain(
      `${trap.host}: not contacted: registry ${trap.host} is not allowed (allowed: ${registry.host})`
    )
  })
})

describe('inert: nothing from a registry becomes a command or markup', () => {
  const PAYLOAD =
    'ok\n::warning title=x::PWNED\r::error::PWNED\n  ::add-mask::PWNED\n##[error]PWNED\n\n[click](https://evil.example) ![x](https://evil.example/x.png) | <script>PWNED</script> `c` **b**'

  test('labels, created times and error bodies reach the log, annotations, summary and SARIF as text', async () => {
    const store = new Store()
    store.image({ created: PAYLOAD, config: { Labels: { 'org.opencontainers.image.source': PAYLOAD } } }, 'v1')
    const registry = await hostile(req => {
      if (req.url?.includes('/manifests/missing'))
        return {
          status: 404,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: PAYLOAD }] })
        }
      return store.answer(req.url ?? '/')
    }, 60_000)
    const run = await gate(
      {
        images: `${registry.host}/evil/app:v1\n${registry.host}/evil/app:missing`,
        labels: 'org.opencontainers.image.source=https://github.com/acme/*',
        'max-age': '30d',
        sarif: 'gate.sarif'
      },
      { RUNNER_DEBUG: '1' }
    )
    failsCleanly(run)
    expect(run.ms).toBeLessThan(20_000)
    // The payload was there to be shown: the findings carry it, made inert.
    expect(run.stdout).toContain('PWNED')
    const report = run.report as { findings: Array<{ rule: string; message: string }> }
    expect(report.findings.map(f => f.rule).sort()).toEqual(['inspect', 'labels', 'max-age'])
    // The summary is one HTML block with no markup from the payload.
    expect(run.summary).not.toMatch(/\n\s*\n/)
    expect(run.summary).not.toContain('<script>')
    expect(run.summary).not.toContain('](')
    expect(run.summary).not.toContain('**')
    expect(run.summary).toContain('&lt;script&gt;PWNED')
    const sarif = JSON.parse(readFileSync(join(run.dir, 'gate.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ message: { text: string } }> }>
    }
    for (const r of sarif.runs[0]!.results) expect(r.message.text).not.toMatch(/(^|[^\\])\[click\]/)
  })

  test('a platform from a registry that is not a platform word is an invalid image, never shown', async () => {
    const store = new Store()
    const child = store.image({})
    store.tags.set(
      'v1',
      store.put(
        {
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [{ ...child, platform: { os: 'linux\n::warning::PWNED', architecture: 'amd64' } }]
        },
        'application/vnd.oci.image.index.v1+json'
      ).digest
    )
    const registry = await hostile(req => store.answer(req.url ?? '/'), 60_000)
    const run = await gate({ images: `${registry.host}/evil/app:v1`, platforms: 'linux/amd64' }, { RUNNER_DEBUG: '1' })
    failsCleanly(run)
    expect(run.stdout).toContain('manifests[0].platform: its os (22 characters) is not a platform word')
    expect(run.everything()).not.toContain('PWNED')
  })
})

/** Timeouts short enough that the bound, not the default, is what a test measures. */
const FAST = { IMAGE_GATE_REQUEST_TIMEOUT: '1', IMAGE_GATE_RETRY_BUDGET: '1' }

describe('bounded time and memory, whatever the registry does', () => {
  test('an index whose 200 children stall holds the run for a timeout or two, not one per child', async () => {
    const store = new Store()
    const children = Array.from({ length: 200 }, (_, i) => store.image({ config: { Labels: { n: String(i) } } }))
    const index = store.put(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: children.map((c, i) => ({
          ...c,
          platform: { os: 'linux', architecture: 'amd64', variant: `v${i}` }
        }))
      },
      OCI_INDEX
    )
    store.tags.set('v1', index.digest)
    const registry = await hostile(
      req => (req.url?.endsWith('/manifests/v1') ? store.answer(req.url) : undefined),
      60_000
    )
    const run = await gate({ images: `${registry.host}/evil/app:v1` }, FAST)
    failsCleanly(run)
    expect(run.ms).toBeLessThan(15_000)
    expect(run.stdout).toContain(`${registry.host}: given up on after 2 requests timed out`)
    // The children that waited their turn were never sent.
    expect(registry.requests.length).toBeLessThan(100)
  })

  test('100 images behind a registry that stalls after its first answer: the run is bounded, every image a finding', async () => {
    const store = new Store()
    store.image({}, '1')
    const registry = await hostile((req, n) => (n === 0 ? store.answer(req.url ?? '/') : undefined), 60_000)
    const images = Array.from({ length: 100 }, (_, i) => `${registry.host}/evil/app-${i}:1`)
    const run = await gate({ images: images.join('\n') }, FAST)
    failsCleanly(run)
    expect(run.ms).toBeLessThan(15_000)
    const report = run.report as { images: Array<{ status: string; error: { message: string } | null }> }
    expect(report.images.filter(i => i.status === 'error')).toHaveLength(100)
    expect(
      report.images.filter(i => i.error?.message.includes('given up on after 2 requests timed out')).length
    ).toBeGreaterThan(50)
    expect(registry.requests.length).toBeLessThan(60)
  })

  test('ten slow redirect hops share one deadline', async () => {
    const registry = await hostile(req => {
      const n = Number(/hop(\d+)/.exec(req.url ?? '')?.[1] ?? 0)
      return new Promise(resolve =>
        setTimeout(
          () => resolve({ status: 307, headers: { location: `/v2/evil/app/manifests/hop${n + 1}` } }),
          600
        ).unref()
      )
    }, 60_000)
    const run = await gate({ images: `${registry.host}/evil/app:hop0` }, FAST)
    failsCleanly(run)
    expect(run.ms).toBeLessThan(5_000)
    expect(run.stdout).toContain('no complete answer within 2 s for GET /v2/evil/app/manifests/hop')
    expect(run.stdout).toContain('redirects and retries included')
    expect(registry.requests.length).toBeLessThanOrEqual(5)
  })

  test('a 4 MiB index of tiny entries is an unsupported image, found in a bounded heap', async () => {
    const store = new Store()
    const child = store.image({})
    const entry = { ...child, platform: { os: 'linux', architecture: 'amd64' } }
    const index = store.put(
      { schemaVersion: 2, mediaType: OCI_INDEX, manifests: Array.from({ length: 20_000 }, () => entry) },
      OCI_INDEX
    )
    expect(index.size).toBeGreaterThan(3 << 20)
    expect(index.size).toBeLessThan(4 << 20)
    store.tags.set('v1', index.digest)
    const registry = await hostile(req => store.answer(req.url ?? '/'), 60_000)
    // A heap of 200 MB: the index costs a few tens, one config per entry would cost gigabytes.
    const run = await gate({ images: `${registry.host}/evil/app:v1`, 'non-root': 'true' }, {}, 60_000, undefined, [
      '--require',
      PRELOAD,
      '--max-old-space-size=200',
      DIST
    ])
    failsCleanly(run)
    expect(run.ms).toBeLessThan(20_000)
    expect(peakMiB(run)).toBeLessThan(400)
    expect(run.stdout).toContain(`the index lists 20000 manifests; more than 256 is unsupported`)
    // The entries were not fetched: one manifest request for the tag.
    expect(registry.requests.filter(r => r.path.includes('/manifests/')).length).toBe(1)
  })
})

describe('bad input: a clear bounded error naming the input or file and the limit', () => {
  test('a 100 KB glob', async () => {
    const run = await gate({ images: 'ghcr.io/acme/app:1', registries: `*${'x'.repeat(100_000)}` })
    failsCleanly(run, { outputs: false })
    expect(run.ms).toBeLessThan(10_000)
    expect(run.stdout).toContain('Input "registries" has the pattern "*xxxx')
    expect(run.stdout).toContain('the pattern is 100001 characters long, over the limit of 4096')
    expect(run.stdout.length).toBeLessThan(2000)
  })

  test('a 10 MB policy file, in a small heap', async () => {
    const run = await gate(
      { images: 'ghcr.io/acme/app:1', policy: 'policy.yml' },
      {},
      60_000,
      dir =>
        writeFileSync(
          join(dir, 'policy.yml'),
          `rules:\n${'  - images: ["ghcr.io/acme/app"]\n    non-root: true\n'.repeat(200_000)}`
        ),
      ['--require', PRELOAD, '--max-old-space-size=100', DIST]
    )
    failsCleanly(run, { outputs: false })
    expect(run.ms).toBeLessThan(10_000)
    expect(peakMiB(run)).toBeLessThan(400)
    expect(run.stdout).toMatch(/policy\.yml: the policy file is 10400007 bytes, over the limit of 256 KiB/)
  })
})

describe('credentials and the token realm', () => {
  const challenge = (realm: string) => ({
    status: 401,
    headers: { 'www-authenticate': `Bearer realm="${realm}",service="evil"` },
    body: '{"errors":[{"code":"UNAUTHORIZED"}]}'
  })

  test.each([
    [
      'a link-local realm',
      'http://169.254.169.254/latest/api/token',
      'token realm 169.254.169.254 is a link-local address'
    ],
    ['an unspecified realm', 'http://0.0.0.0:9/token', 'token realm 0.0.0.0:9 is an unspecified address'],
    ['an IPv6 link-local realm', 'http://[fe80::1]/token', 'token realm [fe80::1] is a link-local address'],
    [
      'an IPv4-mapped metadata realm',
      'http://[::ffff:169.254.169.254]/token',
      'token realm [::ffff:a9fe:a9fe] is a link-local address'
    ]
  ])('%s gets nothing: a finding naming the registry and the realm', async (_name, realm, phrase) => {
    const registry = await hostile(() => challenge(realm), 60_000)
    const run = await gate(
      { images: `${registry.host}/evil/app:1`, username: 'user', password: 'hunter2-realm-secret' },
      FAST
    )
    failsCleanly(run)
    expect(run.ms).toBeLessThan(10_000)
    expect(run.stdout).toContain(`${registry.host}: ${phrase}`)
    expect(visible(run)).not.toContain('hunter2-realm-secret')
  })

  test('a realm that redirects to a metadata address is refused at the redirect', async () => {
    const token = await hostile(
      () => ({
        status: 302,
        headers: { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' }
      }),
      60_000
    )
    const registry = await hostile(() => challenge(`${token.url}/token`), 60_000)
    const run = await gate(
      { images: `${registry.host}/evil/app:1`, username: 'user', password: 'hunter2-realm-secret' },
      FAST
    )
    failsCleanly(run)
    expect(run.ms).toBeLessThan(10_000)
    expect(run.stdout).toContain('token realm 169.254.169.254 is a link-local address')
    expect(token.requests).toHaveLength(1)
  })

  test('a token request redirected to another origin carries no credentials there', async () => {
    const store = new Store()
    store.image({}, '1')
    const other = await hostile(
      () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"token":"tok-from-other-origin"}'
      }),
      60_000
    )
    const realm = await hostile(req => ({ status: 307, headers: { location: `${other.url}${req.url}` } }), 60_000)
    const registry = await hostile(
      req =>
        req.headers.authorization === 'Bearer tok-from-other-origin'
          ? store.answer(req.url ?? '/')
          : challenge(`${realm.url}/token`),
      60_000
    )
    const run = await gate(
      { images: `${registry.host}/evil/app:1`, username: 'user', password: 'hunter2-realm-secret' },
      FAST
    )
    expect(run.code).toBe(0)
    expect(realm.requests[0]!.headers.authorization).toMatch(/^Basic /)
    expect(other.requests.length).toBeGreaterThan(0)
    for (const r of other.requests) expect(r.headers.authorization).toBeUndefined()
  })

  test('a credential helper that leaves a child holding its pipes does not hold the run', async () => {
    const store = new Store()
    store.image({}, '1')
    const registry = await hostile(
      req =>
        req.headers.authorization
          ? store.answer(req.url ?? '/')
          : { status: 401, headers: { 'www-authenticate': 'Basic realm="evil"' } },
      60_000
    )
    let pidFile = ''
    const run = await gate({ images: `${registry.host}/evil/app:1` }, {}, 60_000, dir => {
      const home = join(dir, 'home')
      const bin = join(dir, 'bin')
      pidFile = join(dir, 'child.pid')
      mkdirSync(join(home, '.docker'), { recursive: true })
      mkdirSync(bin)
      writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ credsStore: 'lingering' }))
      writeFileSync(
        join(bin, 'docker-credential-lingering'),
        `#!/bin/sh\nsleep 60 &\necho $! > '${pidFile}'\necho '{"Username":"u","Secret":"helper-secret-value"}'\n`
      )
      chmodSync(join(bin, 'docker-credential-lingering'), 0o755)
      return { HOME: home, PATH: `${bin}:${process.env.PATH}` }
    })
    expect(run.code).toBe(0)
    expect(run.ms).toBeLessThan(8_000)
    expect(
      registry.requests.some(
        r => r.headers.authorization === `Basic ${Buffer.from('u:helper-secret-value').toString('base64')}`
      )
    ).toBe(true)
    expect(visible(run)).not.toContain('helper-secret-value')
    const pid = Number(readFileSync(pidFile, 'utf8'))
    // Gone, or a zombie left for init to reap: not running.
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      stat = ''
    }
    expect(stat === '' || / Z /.test(stat)).toBe(true)
  })
})

describe('the job summary stays under GitHub’s 1 MiB', () => {
  test('10,000 images: the summary is cut with a count, the report has them all', async () => {
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `FROM blocked.example/team-${i}/service-with-a-long-name-${i}:1.2.3 AS s${i}`
    )
    const run = await gate({ files: 'Dockerfile', registries: 'ghcr.io' }, {}, 60_000, dir =>
      writeFileSync(join(dir, 'Dockerfile'), `${lines.join('\n')}\n`)
    )
    failsCleanly(run)
    expect(run.ms).toBeLessThan(40_000)
    const bytes = Buffer.byteLength(run.summary)
    expect(bytes).toBeLessThan(1 << 20)
    const report = run.report as { images: unknown[]; findings: unknown[] }
    expect(report.images).toHaveLength(10_000)
    const rows = (run.summary.match(/<tr><td>/g) ?? []).length
    expect(rows).toBeLessThan(10_000)
    expect(run.summary).toContain(
      `${10_000 - rows} of 10000 image rows are left to the JSON report (${run.outputs.report})`
    )
  })
})
