// On a pull request, which files that decide the verdict come from its own checkout (and are named in a warning).
import { describe, expect, test } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { readInputs } from '../../../src/gate/inputs.js'
import { workspaceFilesOnPullRequest } from '../../../src/gate/trusted-files.js'

const get = (values: Record<string, string>) => (name: string) => values[name] ?? ''
const PEM = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString()
  .trim()
const PR = { GITHUB_EVENT_NAME: 'pull_request' }

describe('files that decide the verdict, read from a pull request’s checkout', () => {
  test.each<[string, Record<string, string>, NodeJS.ProcessEnv, string[]]>([
    ['a workspace policy on a pull request', { policy: '.github/policy.yml' }, PR, ['policy: .github/policy.yml']],
    ['the same policy on a push: nothing to say', { policy: '.github/policy.yml' }, { GITHUB_EVENT_NAME: 'push' }, []],
    ['pull_request_target too', { policy: 'p.yml' }, { GITHUB_EVENT_NAME: 'pull_request_target' }, ['policy: p.yml']],
    ['a policy from the base commit', { policy: 'base:.github/policy.yml' }, PR, []],
    ['a policy from a central repository', { policy: 'github:acme/policies/p.yml@main' }, PR, []],
    [
      'a base policy beside a workspace trust store: the store is named',
      {
        images: 'alpine',
        policy: 'base:p.yml',
        'notation-trust-policy': 'base:notation/trustpolicy.json',
        'notation-trust-store': 'notation/store'
      },
      PR,
      ['notation-trust-store: notation/store']
    ],
    [
      'key files are named, inline keys are not',
      { images: 'alpine', 'signature-keys': `${PEM}\nkeys/release.pub\nbase:keys/security.pub` },
      PR,
      ['signature-keys: keys/release.pub']
    ],
    [
      'every VEX file from the workspace',
      { images: 'alpine', vulnerabilities: 'high', vex: 'vex/a.json, base:vex/b.json, vex/c.json' },
      PR,
      ['vex: vex/a.json', 'vex: vex/c.json']
    ],
    [
      'a trusted root',
      { images: 'alpine', provenance: 'acme/app', 'trusted-root': 'root.json' },
      PR,
      ['trusted-root: root.json']
    ]
  ])('%s', (_, values, env, expected) => {
    expect(workspaceFilesOnPullRequest(readInputs(get({ images: 'alpine', ...values })), env)).toEqual(expected)
  })
})
