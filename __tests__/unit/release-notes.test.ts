/** .github/release-notes.sh: the release workflow's notes are CHANGELOG.md's section for the tag's version. */
import { afterAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'

const SCRIPT = join(process.cwd(), '.github', 'release-notes.sh')
const dir = mkdtempSync(join(tmpdir(), 'release-notes-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
mkdirSync(join(dir, '.github'))
copyFileSync(SCRIPT, join(dir, '.github', 'release-notes.sh'))
writeFileSync(
  join(dir, 'CHANGELOG.md'),
  `# Changelog

Intro with a [link](https://keepachangelog.com).

## [Unreleased]

### Added

- next thing

## [1.2.30] - 2026-03-01

- thirty

## [1.2.3] - 2026-02-01

### Fixed

- a [bug] in \`x\`

### Security

- a hole


## [1.0.0-rc.1] - 2026-01-01

- first candidate

[Unreleased]: https://example.com/compare/v1.2.30...HEAD
[1.2.30]: https://example.com/releases/v1.2.30
`
)

const notes = (version: string): { status: number | null; out: string; err: string } => {
  const r = spawnSync('bash', [join(dir, '.github', 'release-notes.sh'), version], { encoding: 'utf8' })
  return { status: r.status, out: r.stdout, err: r.stderr }
}

test.each<[string, string]>([
  ['1.2.3', '### Fixed\n\n- a [bug] in `x`\n\n### Security\n\n- a hole\n'],
  ['1.2.30', '- thirty\n'],
  ['Unreleased', '### Added\n\n- next thing\n'],
  ['1.0.0-rc.1', '- first candidate\n'],
  ['1.2', ''],
  ['9.9.9', ''],
  ['1.2.3]', ''],
  ['.*', '']
])('version %s', (version, expected) => {
  const r = notes(version)
  expect(r.status).toBe(0)
  expect(r.out).toBe(expected)
})

test('no version is a usage error', () => {
  const r = notes('')
  expect(r.out).toBe('')
  const none = spawnSync('bash', [join(dir, '.github', 'release-notes.sh')], { encoding: 'utf8' })
  expect(none.status).toBe(2)
  expect(none.stderr).toContain('usage')
})

test("the repository's CHANGELOG.md has an Unreleased section with notes", () => {
  expect(readFileSync(join(process.cwd(), 'CHANGELOG.md'), 'utf8')).toMatch(/^## \[Unreleased\]$/m)
  const r = spawnSync('bash', [SCRIPT, 'Unreleased'], { encoding: 'utf8' })
  expect(r.stdout).toMatch(/^### Added\n\n- /)
})

describe("release.yml's version step", () => {
  const wf = parse(readFileSync(join(process.cwd(), '.github', 'workflows', 'release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } }
    jobs: { check: { steps: { id?: string; run?: string }[] } }
  }
  const script = wf.jobs.check.steps.find(s => s.id === 'version')?.run
  test('exists, and the workflow runs on version tags only', () => {
    expect(script).toContain('release-notes.sh')
    expect(wf.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+', 'v[0-9]+.[0-9]+.[0-9]+-*'])
  })

  test.each<[string, Record<string, string> | RegExp, string?]>([
    ['v1.2.3', { version: '1.2.3', major: 'v1', prerelease: 'false' }],
    ['v1.2.3', /package\.json::version is 1\.2\.2, the tag says 1\.2\.3/, '1.2.2'],
    ['v1.2.30', { version: '1.2.30', major: 'v1', prerelease: 'false' }],
    ['v1.0.0-rc.1', { version: '1.0.0-rc.1', major: 'v1', prerelease: 'true' }],
    ['v9.9.9', /no '## \[9\.9\.9\]' section with notes in CHANGELOG\.md/],
    ['v1.2', /is not a version like v1\.2\.3/],
    ['v01.2.3', /is not a version/],
    ['1.2.3', /is not a version/],
    ['v1.2.3.4', /is not a version/],
    ['v1.2.3-', /is not a version/],
    ['v1.2.3 ; echo pwned', /is not a version/]
  ])('tag %s', (tag, expected, packageVersion = tag.replace(/^v/, '')) => {
    const out = join(dir, `output-${tag.replace(/\W/g, '_')}`)
    writeFileSync(out, '')
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'image-gate', version: packageVersion }))
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script!], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', GITHUB_REF_NAME: tag, GITHUB_OUTPUT: out },
      encoding: 'utf8'
    })
    const outputs = Object.fromEntries(
      readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
    )
    if (expected instanceof RegExp) {
      expect(r.status).toBe(1)
      expect(r.stdout).toMatch(new RegExp(`^::error.*${expected.source}`, 'm'))
      expect(outputs).toEqual({})
    } else {
      expect(r.status).toBe(0)
      expect(outputs).toEqual(expected)
    }
  })
})
