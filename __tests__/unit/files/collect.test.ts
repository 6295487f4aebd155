import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { collectFiles, detectKind, distinctImages, locationsByImage, WALK_LIMITS } from '../../../src/files/extract.js'
import type { FileKind } from '../../../src/files/types.js'

const FIXTURE = resolve('__tests__/fixtures/files/repo')
const D = `sha256:${'e'.repeat(64)}`

describe('detectKind', () => {
  const K8S = 'apiVersion: v1\nkind: Pod\n'
  test.each<[string, string, FileKind | undefined]>([
    ['Dockerfile', '', 'dockerfile'],
    ['dockerfile', '', 'dockerfile'],
    ['src/Dockerfile', '', 'dockerfile'],
    ['Dockerfile.dev', '', 'dockerfile'],
    ['docker/Dockerfile.alpine', '', 'dockerfile'],
    ['build/app.Dockerfile', '', 'dockerfile'],
    ['build/app.dockerfile', '', 'dockerfile'],
    ['Containerfile', '', 'dockerfile'],
    ['Containerfile.ubi', '', 'dockerfile'],
    ['Dockerfile.dockerignore', '', undefined],
    ['app.Dockerfile.dockerignore', '', undefined],
    ['Dockerfile.yaml', K8S, 'kubernetes'],
    ['Dockerfiles/readme.md', '', undefined],
    ['compose.yaml', '', 'compose'],
    ['compose.yml', '', 'compose'],
    ['compose.override.yaml', '', 'compose'],
    ['docker-compose.yml', '', 'compose'],
    ['docker-compose.yaml', '', 'compose'],
    ['deploy/docker-compose.prod.yml', '', 'compose'],
    ['docker-compose-dev.yml', '', 'compose'],
    ['.github/workflows/ci.yml', 'on: push\n', 'workflow'],
    ['.github/workflows/release.yaml', '', 'workflow'],
    ['sub/.github/workflows/ci.yml', '', 'workflow'],
    ['.github/workflows/nested/x.yml', '', undefined],
    ['.github/workflows/README.md', '', undefined],
    ['.github/dependabot.yml', 'version: 2\n', undefined],
    ['k8s/deploy.yaml', K8S, 'kubernetes'],
    ['k8s/deploy.yml', '---\n# c\n  apiVersion: apps/v1\n  kind: Deployment\n', 'kubernetes'],
    ['k8s/values.yaml', 'image: nginx\n', 'helm'],
    ['chart/values-prod.yaml', '', 'helm'],
    ['chart/templates/deploy.yaml', 'apiVersion: v1\nkind: {{ .Values.kind }}\n', 'helm-template'],
    ['chart/templates/plain.yaml', 'apiVersion: v1\nkind: Pod\n', 'kubernetes'],
    ['chart/templates/_helpers.tpl', '{{- define "x" -}}{{ .Chart.Name }}{{- end }}\n', 'helm-template'],
    ['chart/templates/sub/deploy.yml', 'image: {{ .Values.image }}\n', 'helm-template'],
    ['chart/templates/_notes.tpl', 'no actions\n', undefined],
    ['chart/templates/NOTES.txt', '{{ .Release.Name }}\n', undefined],
    ['chart/helpers.tpl', '{{ define "x" }}{{ end }}\n', undefined],
    [
      'overlays/prod/kustomization.yaml',
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n',
      'kustomize'
    ],
    ['base/kustomization.yml', '', 'kustomize'],
    ['base/Kustomization', '', 'kustomize'],
    ['k8s/kind-only.yaml', 'kind: Pod\n', undefined],
    ['stack.yaml', 'services:\n  web:\n    image: nginx\n', 'compose'],
    ['nested-services.yaml', 'spec:\n  services:\n    - a\n', undefined],
    ['Chart.json', K8S, undefined],
    ['main.go', 'FROM alpine', undefined]
  ])('%s', (path, text, kind) => {
    expect(detectKind(path, text)).toBe(kind)
  })
})

type Row = [file: string, line: number, col: number, image: string]

/** Every reference in the fixture repository, checked by hand. */
const FIXTURE_REFS: Row[] = [
  ['.github/workflows/ci.yml', 6, 16, 'node:20-bookworm'],
  ['.github/workflows/ci.yml', 9, 16, 'redis:7'],
  ['.github/workflows/ci.yml', 11, 17, 'postgres:16-alpine'],
  ['.github/workflows/ci.yml', 18, 24, 'alpine:3.20'],
  ['.github/workflows/ci.yml', 21, 25, `ghcr.io/acme/tool@${D}`],
  ['.github/workflows/ci.yml', 34, 14, 'python:3.12-slim'],
  ['.github/workflows/ci.yml', 36, 24, 'hadolint/hadolint:v2.12.0'],
  ['Containerfile', 1, 6, 'registry.access.redhat.com/ubi9/ubi-minimal:9.4'],
  ['Dockerfile', 1, 10, 'docker/dockerfile:1.7'],
  ['Dockerfile', 8, 32, 'golang:1.22-alpine'],
  ['Dockerfile', 11, 28, 'ghcr.io/acme/tools:1.4'],
  ['Dockerfile', 15, 6, 'docker.io/library/alpine:3.20'],
  ['Dockerfile', 18, 13, 'quay.io/prometheus/busybox:latest'],
  ['Dockerfile', 35, 5, 'debian:bookworm-slim'],
  ['Dockerfile', 36, 6, 'docker.io/library/python:3.12-slim'],
  ['Dockerfile', 39, 6, `gcr.io/distroless/static@${D}`],
  ['Dockerfile', 42, 18, 'alpine:3.20'],
  ['Dockerfile.dev', 1, 6, 'node:20-alpine'],
  ['build/app.Dockerfile', 3, 6, 'mcr.microsoft.com/windows/nanoserver:ltsc2022'],
  ['build/app.Dockerfile', 5, 6, 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022'],
  ['compose.yaml', 2, 11, 'redis:7.2'],
  ['compose.yaml', 7, 12, 'nginx:1.27'],
  ['compose.yaml', 15, 12, 'valkey/valkey:8'],
  ['compose.yaml', 17, 13, 'postgres:16'],
  ['docker-compose.override.yml', 3, 12, 'nginx:1.27'],
  ['k8s/app.yaml', 10, 18, 'ghcr.io/acme/migrate:2.0'],
  ['k8s/app.yaml', 13, 19, 'ghcr.io/acme/web:1.0'],
  ['k8s/app.yaml', 15, 18, 'envoyproxy/envoy:v1.31.0'],
  ['k8s/app.yaml', 30, 22, 'busybox:1.36'],
  ['k8s/app.yaml', 44, 14, 'nicolaka/netshoot:v0.13'],
  ['k8s/app.yaml', 60, 38, 'docker.io/library/nginx:1.27']
]

const FIXTURE_WARNINGS: Array<[file: string, line: number, col: number, words: string]> = [
  ['.github/workflows/ci.yml', 28, 14, 'ghcr.io/acme/ci:${{ matrix.version }}'],
  ['Dockerfile', 37, 6, '$NODE_VERSION is not declared'],
  ['Dockerfile', 41, 13, '$TOOLS_IMAGE is not declared'],
  ['compose.yaml', 22, 12, '$REGISTRY has no value'],
  ['k8s/app.yaml', 41, 15, 'is a template'],
  // notes on what is not checked by design come last
  ['compose.yaml', 20, 12, 'builds its image']
]

const FIXTURE_FILES = [
  '.github/workflows/ci.yml',
  'Containerfile',
  'Dockerfile',
  'Dockerfile.dev',
  'build/app.Dockerfile',
  'compose.yaml',
  'docker-compose.override.yml',
  'k8s/app.yaml'
]

const rows = (refs: Array<{ file: string; line: number; col: number; image: string }>): Row[] =>
  refs.map(r => [r.file, r.line, r.col, r.image])

describe('collectFiles on the fixture repository', () => {
  let work: string
  let outside: string

  beforeAll(() => {
    // a copy, with what the walk must not enter: .git, node_modules, a link to outside the workspace
    work = mkdtempSync(join(tmpdir(), 'image-gate-files-'))
    outside = mkdtempSync(join(tmpdir(), 'image-gate-outside-'))
    cpSync(FIXTURE, work, { recursive: true })
    for (const dir of ['.git', 'node_modules/pkg', 'src/node_modules/pkg']) {
      mkdirSync(join(work, dir), { recursive: true })
      writeFileSync(join(work, dir, 'Dockerfile'), 'FROM must-not-be-read\n')
    }
    writeFileSync(join(outside, 'Dockerfile'), 'FROM outside-the-workspace\n')
    symlinkSync(join(outside, 'Dockerfile'), join(work, 'linked.Dockerfile'))
    symlinkSync(outside, join(work, 'linked-dir'))
    symlinkSync(join(work, 'Dockerfile.dev'), join(work, 'inside.Dockerfile'))
  })

  afterAll(() => {
    rmSync(work, { recursive: true, force: true })
    rmSync(outside, { recursive: true, force: true })
  })

  test('finds every reference of every kind, with its line and column', async () => {
    const r = await collectFiles(work, ['**'])
    expect(r.files).toEqual([
      ...FIXTURE_FILES.slice(0, 4),
      'build/app.Dockerfile',
      'compose.yaml',
      'docker-compose.override.yml',
      'inside.Dockerfile',
      'k8s/app.yaml'
    ])
    expect(r.skipped).toEqual(['.github/dependabot.yml', 'Dockerfile.dockerignore', 'docs/README.md'])
    const expected = [...FIXTURE_REFS]
    expected.splice(25, 0, ['inside.Dockerfile', 1, 6, 'node:20-alpine'])
    expect(rows(r.refs)).toEqual(expected)
    const warnings = r.warnings.filter(w => w.file !== 'linked.Dockerfile')
    expect(warnings.map(w => [w.file, w.line, w.col])).toEqual(FIXTURE_WARNINGS.map(([f, l, c]) => [f, l, c]))
    warnings.forEach((w, i) => expect(w.message).toContain(FIXTURE_WARNINGS[i]?.[3]))
    expect(r.errors.map(e => [e.file, e.message])).toEqual([
      ['linked.Dockerfile', expect.stringContaining('symbolic link to outside the workspace')]
    ])
    expect(r.refs.some(x => x.image.includes('must-not-be-read') || x.image.includes('outside'))).toBe(false)
  })

  test('each reference is at its text in the file', () => {
    for (const [file, line, col, image] of FIXTURE_REFS) {
      const text = readFileSync(join(FIXTURE, file), 'utf8').split('\n')[line - 1] ?? ''
      const at = text.slice(col - 1)
      const head = /^[^\s$"',}\]]*/.exec(at)?.[0] ?? ''
      if (at[head.length] === '$') expect([file, line, image.startsWith(head)]).toEqual([file, line, true])
      else expect([file, line, head]).toEqual([file, line, image])
    }
  })

  test.each<[string, string[], string[]]>([
    ['one file', ['Dockerfile'], ['Dockerfile']],
    ['./ and a trailing comment line', ['./compose.yaml', '# not a pattern'], ['compose.yaml']],
    ['an absolute path inside the workspace', ['<work>/k8s/app.yaml'], ['k8s/app.yaml']],
    ['a basename pattern matches only at the root', ['Dockerfile*'], ['Dockerfile', 'Dockerfile.dev']],
    [
      'every Dockerfile',
      ['**/Dockerfile', '**/*.Dockerfile', '**/Containerfile'],
      ['Containerfile', 'Dockerfile', 'build/app.Dockerfile', 'inside.Dockerfile']
    ],
    ['dot directories', ['.github/workflows/*.yml'], ['.github/workflows/ci.yml']],
    [
      'YAML with an exclusion',
      ['**/*.y*ml', '!k8s/**'],
      ['.github/workflows/ci.yml', 'compose.yaml', 'docker-compose.override.yml']
    ],
    ['a later pattern re-includes', ['**/*.yaml', '!k8s/**', 'k8s/app.yaml'], ['compose.yaml', 'k8s/app.yaml']],
    ['nothing matches', ['nope/**'], []],
    ['no patterns', [], []]
  ])('patterns: %s', async (_name, patterns, files) => {
    const r = await collectFiles(
      work,
      patterns.map(p => p.replace('<work>', work))
    )
    expect(r.files).toEqual(files)
  })

  test('only: the changed files the patterns match, that exist', async () => {
    const only = new Set([
      'Dockerfile',
      './compose.yaml',
      'deleted/Dockerfile',
      'docs/README.md',
      'node_modules/pkg/Dockerfile',
      '../escape/Dockerfile',
      'k8s/app.yaml'
    ])
    const r = await collectFiles(work, ['**', '!k8s/**'], { only })
    expect(r.files).toEqual(['Dockerfile', 'compose.yaml'])
    expect(r.skipped).toEqual(['docs/README.md'])
    expect(new Set(r.refs.map(x => x.file))).toEqual(new Set(['Dockerfile', 'compose.yaml']))
  })

  test('a named file larger than the limit is an error, not a file skipped', async () => {
    const saved = WALK_LIMITS.fileBytes
    WALK_LIMITS.fileBytes = 20
    try {
      const r = await collectFiles(work, ['Dockerfile', 'Containerfile'])
      expect(r.files).toEqual([])
      expect(r.warnings).toEqual([])
      expect(r.errors.map(w => [w.file, w.line, w.message.startsWith('Not read: it is larger than 20 bytes')])).toEqual(
        [
          ['Containerfile', 0, true],
          ['Dockerfile', 0, true]
        ]
      )
    } finally {
      WALK_LIMITS.fileBytes = saved
    }
  })

  test.each<[string, Buffer | string, string]>([
    ['a file that is not UTF-8', Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a]), 'not UTF-8 text'],
    ['a file with NUL bytes', 'FROM alpine\n\0\0\0FROM evil\n', 'NUL bytes']
  ])('%s is an error', async (_name, content, words) => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-text-'))
    try {
      writeFileSync(join(dir, 'Dockerfile'), content)
      const r = await collectFiles(dir, ['Dockerfile'])
      expect(r.refs).toEqual([])
      expect(r.errors.map(e => [e.file, e.message])).toEqual([['Dockerfile', expect.stringContaining(words)]])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a file of 150,000 references is collected whole, not a stack overflow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-many-'))
    try {
      writeFileSync(join(dir, 'Dockerfile'), `${'FROM alpine:3.20\n'.repeat(150_000)}FROM evil.example/x:1\n`)
      const r = await collectFiles(dir, ['Dockerfile'])
      expect(r.errors).toEqual([])
      expect(r.refs).toHaveLength(150_001)
      expect(r.refs[150_000]).toEqual(expect.objectContaining({ image: 'evil.example/x:1', line: 150_001 }))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)

  test('a kustomize override that holds control characters is an error at its line, never a reference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-kustomize-'))
    try {
      writeFileSync(
        join(dir, 'pod.yaml'),
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx:1\n'
      )
      writeFileSync(
        join(dir, 'kustomization.yaml'),
        'resources: [pod.yaml]\nimages:\n  - name: nginx\n    newName: "evil\\u0007x\\nimage"\n'
      )
      const r = await collectFiles(dir, ['kustomization.yaml'])
      expect(r.refs.map(x => x.image)).toEqual([])
      expect(r.errors.length).toBeGreaterThan(0)
      expect(
        r.errors.every(
          e => e.message === 'The image reference here is not valid: it holds white space or control characters.'
        )
      ).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a .env value past the expansion bound is an error naming the .env file, and the scan goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-dotenv-'))
    try {
      writeFileSync(join(dir, '.env'), `T=${'x'.repeat(70_000)}\n`)
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app:\n    image: ghcr.io/acme/app:1\n')
      const r = await collectFiles(dir, ['compose.yaml'])
      expect(r.errors.map(e => [e.file, e.message])).toEqual([
        ['.env', expect.stringMatching(/^Not read in full: a value grows past 65536 characters/)]
      ])
      expect(r.refs.map(x => x.image)).toEqual(['ghcr.io/acme/app:1'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a kustomization that reads more files than the bound is an error, not resources silently left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-kustomize-'))
    try {
      const names = Array.from({ length: 600 }, (_, i) => `m${i}.yaml`)
      for (const [i, n] of names.entries())
        writeFileSync(
          join(dir, n),
          `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers:\n    - name: c\n      image: ghcr.io/acme/app${i}:1\n`
        )
      writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n${names.map(n => `  - ${n}`).join('\n')}\n`)
      const r = await collectFiles(dir, ['kustomization.yaml'])
      expect(r.errors.map(e => [e.file, e.message])).toEqual([
        [
          'kustomization.yaml',
          expect.stringMatching(
            /^Not read in full: the kustomization tree is deeper than \d+ levels or reads more than \d+ files/
          )
        ]
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a named file that is not a regular file (a FIFO) is an error, and nothing waits on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-fifo-'))
    try {
      execFileSync('mkfifo', [join(dir, 'Dockerfile')])
      const r = await collectFiles(dir, ['Dockerfile'])
      expect(r.errors.map(e => [e.file, e.message])).toEqual([
        ['Dockerfile', expect.stringContaining('not a regular file')]
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('the walk is bounded', async () => {
    const saved = WALK_LIMITS.entries
    WALK_LIMITS.entries = 5
    try {
      const r = await collectFiles(work, ['**'])
      expect(r.files.length).toBeLessThan(5)
      expect(r.errors.some(w => w.file === '.' && w.message.includes('more than 5 files'))).toBe(true)
    } finally {
      WALK_LIMITS.entries = saved
    }
  })
})

test('locationsByImage and distinctImages: each reference once, every place it is written', () => {
  const refs = FIXTURE_REFS.map(([file, line, col, image]) => ({ file, line, col, image, kind: 'dockerfile' as const }))
  const images = distinctImages(refs)
  expect(images.length).toBe(new Set(FIXTURE_REFS.map(r => r[3])).size)
  expect(images.filter(i => i === 'nginx:1.27')).toEqual(['nginx:1.27'])
  const places = locationsByImage(refs)
  expect(places.get('nginx:1.27')).toEqual([
    { file: 'compose.yaml', line: 7, col: 12 },
    { file: 'docker-compose.override.yml', line: 3, col: 12 }
  ])
  expect(places.get('alpine:3.20')).toEqual([
    { file: '.github/workflows/ci.yml', line: 18, col: 24 },
    { file: 'Dockerfile', line: 42, col: 18 }
  ])
})

/**
 * The fixture trees of each shape real repositories hold (__tests__/fixtures/files/shapes): Compose with its
 * .env and a YAML anchor, a Kustomize overlay over a base, a Helm chart's values and template, a Dockerfile with
 * # syntax=, heredocs and BuildKit's automatic platform arguments, read for two platforms.
 */
describe('collectFiles on the shapes of real repositories', () => {
  const SHAPES = resolve('__tests__/fixtures/files/shapes')
  const ENVOY = `ghcr.io/acme/envoy@sha256:${'4'.repeat(64)}`

  test('every reference at its file and line, every warning once, the most useful first', async () => {
    const r = await collectFiles(SHAPES, ['**'], {
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' }
      ]
    })
    expect(r.skipped).toEqual(['chart/Chart.yaml', 'compose/.env'])
    expect(r.errors).toEqual([])
    expect(rows(r.refs)).toEqual([
      // a chart template: a literal image; an image line rendered with the chart's values, where the tag 1.10 is
      // the number 1.1 to Helm (values are float64), and the branch of an if
      ['chart/templates/deployment.yaml', 10, 18, 'busybox:1.36.1'],
      ['chart/templates/deployment.yaml', 13, 19, 'ghcr.io/acme/chart-app:1.1'],
      ['chart/templates/deployment.yaml', 16, 19, 'prom/statsd-exporter'],
      // values.yaml: registry + repository + tag (1.10 as written, not the number 1.1), a string, a digest
      ['chart/values.yaml', 3, 15, 'ghcr.io/acme/chart-app:1.10'],
      ['chart/values.yaml', 7, 10, 'docker.io/library/busybox:1.36'],
      ['chart/values.yaml', 14, 17, `alpine@sha256:${'5'.repeat(64)}`],
      // ${REGISTRY} and ${WEB_TAG} from .env; .env's '7.4' wins over the default 7.2; an unquoted value with a comment
      ['compose/compose.yaml', 7, 12, 'ghcr.io/acme/web:1.4.2'],
      ['compose/compose.yaml', 9, 13, 'redis:7.4'],
      ['compose/compose.yaml', 11, 12, 'postgres:17'],
      // the frontend image of # syntax=; no FROM from either heredoc; binaries-$TARGETOS names a stage;
      // $TARGETARCH read for each platform; the FROM after an escaped backslash at the end of a line
      ['dockerfiles/Dockerfile', 1, 10, 'docker/dockerfile:1.7'],
      ['dockerfiles/Dockerfile', 3, 32, 'golang:1.22'],
      ['dockerfiles/Dockerfile', 13, 6, 'alpine:3.20-amd64'],
      ['dockerfiles/Dockerfile', 13, 6, 'alpine:3.20-arm64'],
      ['dockerfiles/Dockerfile', 15, 6, 'busybox:1.36'],
      ['dockerfiles/Dockerfile', 17, 13, 'ghcr.io/acme/assets:3'],
      ['dockerfiles/Dockerfile', 18, 28, 'tonistiigi/xx:1.4'],
      // the base deploys api:1.0 (its override) and envoy as written; the overlay deploys api:2.1.0 and envoy by
      // digest: each at the manifest's line and at the override's; the manifest's own api:dev is not deployed
      ['kustomize/base/deployment.yaml', 10, 18, 'ghcr.io/acme/api:1.0'],
      ['kustomize/base/deployment.yaml', 10, 18, 'ghcr.io/acme/api:2.1.0'],
      ['kustomize/base/deployment.yaml', 12, 18, 'envoyproxy/envoy:v1.31.0'],
      ['kustomize/base/deployment.yaml', 12, 18, ENVOY],
      ['kustomize/base/kustomization.yaml', 7, 14, 'ghcr.io/acme/api:1.0'],
      ['kustomize/overlays/prod/kustomization.yaml', 7, 13, 'ghcr.io/acme/api:2.1.0'],
      ['kustomize/overlays/prod/kustomization.yaml', 10, 13, ENVOY]
    ])
    expect(r.warnings.map(w => [w.file, w.line, w.level ?? 'warning'])).toEqual([
      ['chart/values.yaml', 10, 'warning'],
      // three services share the anchor: one warning, at the anchor's line
      ['compose/compose.yaml', 2, 'warning'],
      ['compose/compose.yaml', 18, 'notice']
    ])
    expect(r.warnings[0]?.message).toContain('has no tag here')
    expect(r.warnings[1]?.message).toContain('$WORKER_TAG has no value in the .env file beside it')
    expect(r.warnings[1]?.message).toMatch(/service "worker-a" .* \(2 more like it on this line\)$/)
    expect(r.warnings[2]?.message).toContain('builds its image')
  })

  test('with one platform, $TARGETARCH is read once', async () => {
    const r = await collectFiles(SHAPES, ['dockerfiles/*'])
    expect(rows(r.refs).filter(x => x[1] === 13)).toEqual([['dockerfiles/Dockerfile', 13, 6, 'alpine:3.20-amd64']])
  })

  test('a Compose file without .env: the warning says where a value would come from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-noenv-'))
    try {
      cpSync(join(SHAPES, 'compose/compose.yaml'), join(dir, 'compose.yaml'))
      const r = await collectFiles(dir, ['*.yaml'])
      expect(rows(r.refs)).toEqual([
        ['compose.yaml', 9, 13, 'redis:7.2'],
        ['compose.yaml', 11, 12, 'postgres:16']
      ])
      expect(r.warnings.find(w => w.line === 7)?.message).toContain('set it in a .env file beside the Compose file')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a kustomization resource directory that links out of the workspace is not read: an error naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-gate-kout-'))
    const outside = mkdtempSync(join(tmpdir(), 'image-gate-kout-outside-'))
    try {
      writeFileSync(join(outside, 'kustomization.yaml'), 'resources:\n  - pod.yaml\n')
      writeFileSync(
        join(outside, 'pod.yaml'),
        'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: outside:1\n'
      )
      symlinkSync(outside, join(dir, 'base'))
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - base\n')
      const r = await collectFiles(dir, ['kustomization.yaml'])
      expect(r.refs).toEqual([])
      expect(r.errors.map(e => [e.file, e.message])).toEqual([
        ['base/kustomization.yaml', expect.stringContaining('through a symbolic link to outside the workspace')]
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
      rmSync(outside, { recursive: true, force: true })
    }
  })

  test('changed-files-only: a changed .env means the Compose file beside it is read', async () => {
    const r = await collectFiles(SHAPES, ['**/compose.yaml'], { only: new Set(['compose/.env']) })
    expect(r.files).toEqual(['compose/compose.yaml'])
    expect(rows(r.refs)).toContainEqual(['compose/compose.yaml', 7, 12, 'ghcr.io/acme/web:1.4.2'])
  })

  test('changed-files-only: a changed manifest is read through the kustomization beside it', async () => {
    const r = await collectFiles(SHAPES, ['kustomize/**'], { only: new Set(['kustomize/base/deployment.yaml']) })
    expect(r.files).toEqual(['kustomize/base/deployment.yaml', 'kustomize/base/kustomization.yaml'])
    expect(rows(r.refs).map(x => x[3])).not.toContain('ghcr.io/acme/api:dev')
    expect(rows(r.refs)).toContainEqual(['kustomize/base/deployment.yaml', 10, 18, 'ghcr.io/acme/api:1.0'])
  })

  test('only the overlay: its resources are read through it, outside the patterns', async () => {
    const r = await collectFiles(SHAPES, ['kustomize/overlays/**'])
    expect(r.files).toEqual(['kustomize/overlays/prod/kustomization.yaml'])
    expect(rows(r.refs)).toEqual([
      ['kustomize/base/deployment.yaml', 10, 18, 'ghcr.io/acme/api:2.1.0'],
      ['kustomize/base/deployment.yaml', 12, 18, ENVOY],
      ['kustomize/overlays/prod/kustomization.yaml', 7, 13, 'ghcr.io/acme/api:2.1.0'],
      ['kustomize/overlays/prod/kustomization.yaml', 10, 13, ENVOY]
    ])
  })
})
