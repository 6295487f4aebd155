/**
 * Ways around the gate that a pull request or a registry could take, each closed, against dist/ as the runner and a
 * terminal run it: credentials that would follow a file the pull request wrote, an input or policy key that holds
 * nothing and would leave its rule off, and control characters a registry sends that JSON would print raw.
 * Hostile servers listen on 127.0.0.1 and stop by themselves.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Store, commandLines, startHostile, type Handler, type HostileServer } from '../support/hostile-server.js'
import { cleanup, runAction, type ActionRun } from '../support/run-action.js'
import { cleanupCli, runCli, type CliRun } from '../support/run-cli.js'

const servers: HostileServer[] = []
const runs: ActionRun[] = []
const cliRuns: CliRun[] = []
afterAll(async () => {
  await Promise.all(servers.map(s => s.stop()))
  runs.forEach(cleanup)
  cliRuns.forEach(cleanupCli)
})

async function hostile(handler: Handler): Promise<HostileServer> {
  const s = await startHostile(handler, 60_000)
  servers.push(s)
  return s
}

async function gate(...args: Parameters<typeof runAction>): Promise<ActionRun> {
  const run = await runAction(...args)
  runs.push(run)
  return run
}

/** The gate's own failure: exit 1, no stack trace, no command but the action's own. */
function failsCleanly(run: ActionRun): void {
  expect(run.code).toBe(1)
  expect(run.everything()).not.toMatch(/\n\s+at [\w.<>]+ \(|node:internal|TypeError|RangeError|SyntaxError/)
  for (const line of commandLines(run.stdout))
    expect(line).toMatch(/^::(error|warning|notice|debug|group|endgroup|add-mask)( [^:]*)?::/)
}

/** A registry that asks for Basic credentials everywhere and keeps every Authorization header it is sent. */
async function credentialTrap(): Promise<{ server: HostileServer; authorizations: () => string[] }> {
  const server = await hostile(() => ({
    status: 401,
    headers: { 'www-authenticate': 'Basic realm="registry"' },
    body: '{"errors":[{"code":"UNAUTHORIZED"}]}'
  }))
  return {
    server,
    authorizations: () => server.requests.flatMap(r => (r.headers.authorization ? [r.headers.authorization] : []))
  }
}

const FAST = { IMAGE_GATE_REQUEST_TIMEOUT: '2', IMAGE_GATE_RETRY_BUDGET: '1' }

describe('credentials never follow a file the pull request wrote', () => {
  test.each([
    ['a Dockerfile', 'Dockerfile', (host: string) => `FROM ${host}/x/base:1\n`],
    ['a Compose file', 'compose.yaml', (host: string) => `services:\n  app:\n    image: ${host}/x/app:1\n`],
    [
      'a Kubernetes manifest',
      'deploy.yaml',
      (host: string) => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: ${host}/x/app:1\n`
    ]
  ])(
    'with neither registry nor images, %s naming a host gets no username or password',
    async (_name, file, content) => {
      const trap = await credentialTrap()
      const run = await gate({ files: file, username: 'robot', password: 'hunter2-files-only' }, FAST, 60_000, dir =>
        writeFileSync(join(dir, file), content(trap.server.host))
      )
      failsCleanly(run)
      // The host was asked (anonymously) and refused: a finding, with nothing sent that it could keep.
      expect(trap.server.requests.length).toBeGreaterThan(0)
      expect(trap.authorizations()).toEqual([])
      expect(run.stdout).toContain('::warning::Inputs "username" and "password" were not sent to any registry')
      expect(run.everything().replace(/^::add-mask::.*$/gm, '')).not.toContain('hunter2-files-only')
      expect(run.outputs.result).toBe('fail')
    }
  )

  test('with images, they go to the first image’s registry and not to the host a file names', async () => {
    const mine = await credentialTrap()
    const theirs = await credentialTrap()
    const run = await gate(
      { images: `${mine.server.host}/acme/app:1`, files: 'Dockerfile', username: 'robot', password: 'hunter2-mine' },
      FAST,
      60_000,
      dir => writeFileSync(join(dir, 'Dockerfile'), `FROM ${theirs.server.host}/x/base:1\n`)
    )
    failsCleanly(run)
    expect(mine.authorizations()).toContain(`Basic ${Buffer.from('robot:hunter2-mine').toString('base64')}`)
    expect(theirs.authorizations()).toEqual([])
    expect(run.stdout).not.toContain('were not sent to any registry')
  })
})

describe('an input or policy key that turns a rule on but holds nothing stops the run, never passes unsigned', () => {
  // An unsigned image that every other rule would pass.
  async function unsignedRegistry(): Promise<HostileServer> {
    const store = new Store()
    store.image({}, 'v1')
    return hostile(req => store.answer(req.url ?? '/'))
  }

  test.each([
    [
      'a comment-only signature-keys block',
      { 'signature-keys': '\n# COSIGN_PUBLIC_KEY goes here\n' },
      'Input "signature-keys" holds no entry'
    ],
    [
      'signature-keys from two secrets that are both empty',
      { 'signature-keys': ' , ' },
      'Input "signature-keys" holds no entry'
    ],
    [
      'identities from an empty variable, with their issuer',
      { 'signature-identities': '#', 'signature-issuer': 'https://accounts.google.com' },
      'Input "signature-identities" holds no entry'
    ],
    [
      'an issuer whose identities are empty',
      { 'signature-issuer': 'https://accounts.google.com' },
      'Input "signature-issuer" is "https://accounts.google.com", but "signature-identities" is empty'
    ],
    ['provenance that holds only a comma', { provenance: ',' }, 'Input "provenance" holds no entry'],
    ['platforms from an empty matrix value', { platforms: '\n \n' }, ''],
    ['registries that hold only a comment', { registries: '# ghcr.io' }, 'Input "registries" holds no entry']
  ])('%s', async (_name, inputs, phrase) => {
    const registry = await unsignedRegistry()
    const run = await gate({ images: `${registry.host}/acme/app:v1`, ...inputs })
    if (phrase === '') {
      // Only white space: the runner trims it to nothing, which is no input at all, and the run is an inspection.
      expect(run.code).toBe(0)
      return
    }
    failsCleanly(run)
    expect(run.stdout).toContain(`::error::${phrase}`)
    expect(run.stdout).toContain('that one is empty')
    // Bad input stops the run before any request: nothing was judged, so nothing could pass.
    expect(registry.connections).toBe(0)
    expect(run.outputs.result).toBeUndefined()
  })

  test('a policy whose only signature key is a comment is an error at its line', async () => {
    const registry = await unsignedRegistry()
    const run = await gate({ images: `${registry.host}/acme/app:v1`, policy: 'policy.yml' }, {}, 60_000, dir =>
      writeFileSync(
        join(dir, 'policy.yml'),
        'rules:\n  - images: ["**"]\n    signature-keys:\n      - "# the release key, not yet committed"\n'
      )
    )
    failsCleanly(run)
    expect(run.stdout).toContain(
      'policy.yml:4: rules[0].signature-keys[0]: the entry is empty (blank, or only a # comment)'
    )
    expect(registry.connections).toBe(0)
  })
})

describe('JSON on a terminal is inert', () => {
  test('C1 controls, DEL and line separators from a registry are \\u escapes in --format json, the same value once parsed', async () => {
    const label = 'x\u009b31mred\u009d8;;https://evil.example\u009c\u0085\u007f\u2028end'
    const store = new Store()
    store.image({ config: { Labels: { 'org.opencontainers.image.source': label } } }, 'v1')
    const registry = await hostile(req => store.answer(req.url ?? '/'))
    const run = await runCli([
      '--images',
      `${registry.host}/acme/app:v1`,
      '--labels',
      'org.opencontainers.image.source=https://github.com/acme/*',
      '--format',
      'json'
    ])
    cliRuns.push(run)
    expect(run.code).toBe(1)
    expect(run.stdout).not.toMatch(/[\x7f-\x9f\u2028\u2029]/)
    expect(run.stdout).toContain('\\u009b31mred')
    const report = JSON.parse(run.stdout) as { findings: Array<{ rule: string; message: string }> }
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'labels', message: expect.stringContaining(label) })
    ])
  })
})
