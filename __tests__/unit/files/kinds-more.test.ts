import { describe, expect, test } from '@jest/globals'
import { parseDotEnv } from '../../../src/files/dotenv.js'
import { extractHelmTemplate, extractHelmValues } from '../../../src/files/helm.js'
import { applyOverride, imageName, kustomize, type ImageOverride } from '../../../src/files/kustomize.js'

describe('parseDotEnv (Compose .env)', () => {
  test.each<[string, Record<string, string | undefined>]>([
    ['A=1\nB=two', { A: '1', B: 'two' }],
    ['# comment\n\nA=1', { A: '1' }],
    ['export A=1', { A: '1' }],
    ['A = spaced  ', { A: 'spaced' }],
    ['A=value # comment', { A: 'value' }],
    ['A=value#not-a-comment', { A: 'value#not-a-comment' }],
    ["A='lit $B # kept'", { A: 'lit $B # kept' }],
    ['A="dq \\"x\\" # kept"', { A: 'dq "x" # kept' }],
    ['A="a\\nb"', { A: 'a\nb' }],
    ['R=ghcr.io\nI=${R}/acme', { R: 'ghcr.io', I: 'ghcr.io/acme' }],
    ['I=${R:-docker.io}/acme', { I: 'docker.io/acme' }],
    ['I=$UNKNOWN/acme', { I: undefined }],
    ['A=', { A: '' }],
    ['not a line\n=x\n1A=x', {}]
  ])('%j', (text, expected) => {
    expect(Object.fromEntries(parseDotEnv(text))).toEqual(expected)
  })
})

describe('Kustomize images: overrides', () => {
  const o = (name: string, f: { newName?: string; newTag?: string; digest?: string }): ImageOverride => {
    const at = { file: 'k.yaml', line: 1, col: 1 }
    const loc = (value: string) => ({ value, line: 1, col: 1 })
    return {
      name,
      at,
      ...(f.newName ? { newName: loc(f.newName) } : {}),
      ...(f.newTag ? { newTag: loc(f.newTag) } : {}),
      ...(f.digest ? { digest: loc(f.digest) } : {})
    }
  }
  const D = `sha256:${'a'.repeat(64)}`
  test.each<[string, string]>([
    ['nginx', 'nginx'],
    ['nginx:1.27', 'nginx'],
    [`nginx@${D}`, 'nginx'],
    [`nginx:1@${D}`, 'nginx'],
    ['localhost:5000/app', 'localhost:5000/app'],
    ['localhost:5000/app:1', 'localhost:5000/app']
  ])('imageName(%s) = %s', (ref, name) => expect(imageName(ref)).toBe(name))

  test.each<[string, ImageOverride, string | undefined]>([
    ['nginx:1.25', o('nginx', { newTag: '1.27' }), 'nginx:1.27'],
    ['nginx', o('nginx', { newTag: '1.27' }), 'nginx:1.27'],
    ['nginx:1.25', o('nginx', { newName: 'ghcr.io/acme/nginx' }), 'ghcr.io/acme/nginx:1.25'],
    ['nginx:1.25', o('nginx', { newName: 'ghcr.io/acme/nginx', newTag: '2' }), 'ghcr.io/acme/nginx:2'],
    ['nginx:1.25', o('nginx', { digest: D }), `nginx@${D}`],
    ['nginx:1.25', o('nginx', { newTag: '2', digest: D }), `nginx@${D}`],
    [`nginx@${D}`, o('nginx', { newName: 'mirror/nginx' }), `mirror/nginx@${D}`],
    ['nginx-extra:1', o('nginx', { newTag: '2' }), undefined],
    ['docker.io/library/nginx:1', o('nginx', { newTag: '2' }), undefined]
  ])('%s with %j', (ref, override, expected) => expect(applyOverride(ref, override)).toBe(expected))

  const tree = (files: Record<string, string>) => ({
    read: async (p: string) => files[p],
    isDirectory: async (p: string) => Object.keys(files).some(f => f.startsWith(`${p}/`))
  })

  test('a kustomization that includes itself ends', async () => {
    const r = await kustomize(
      'a/kustomization.yaml',
      tree({ 'a/kustomization.yaml': 'resources:\n  - ../b\n', 'b/kustomization.yaml': 'resources:\n  - ../a\n' })
    )
    expect(r.images).toEqual([])
  })

  test.each<[string, string]>([
    ['https://github.com/acme/k8s//base?ref=v1', 'remote resource'],
    ['github.com/acme/k8s/base', 'remote resource'],
    ['../../outside', 'outside the workspace'],
    ['missing.yaml', 'not found'],
    ['emptydir', 'no kustomization']
  ])('resource %s: a warning, not a silent skip', async (resource, words) => {
    const r = await kustomize(
      'k/kustomization.yaml',
      tree({ 'k/kustomization.yaml': `resources:\n  - ${resource}\n`, 'k/emptydir/readme.md': '' })
    )
    expect(r.warnings.map(w => [w.file, w.line, w.message])).toEqual([
      ['k/kustomization.yaml', 2, expect.stringContaining(words)]
    ])
  })
})

describe('Helm', () => {
  type Ref = [image: string, line: number, col: number]
  test.each<[string, string, Ref[], string[]]>([
    ['a string image', 'image: nginx:1.27\n', [['nginx:1.27', 1, 8]], []],
    [
      'registry/repository/tag',
      'image:\n  registry: quay.io\n  repository: acme/app\n  tag: "2.0"\n',
      [['quay.io/acme/app:2.0', 3, 15]],
      []
    ],
    ['a number tag as written', 'image:\n  repository: app\n  tag: 1.10\n', [['app:1.10', 2, 15]], []],
    ['an integer tag', 'image:\n  repository: app\n  tag: 8\n', [['app:8', 2, 15]], []],
    [
      'tag and digest',
      `image:\n  repository: app\n  tag: "1"\n  digest: sha256:${'b'.repeat(64)}\n`,
      [[`app:1@sha256:${'b'.repeat(64)}`, 2, 15]],
      []
    ],
    [
      'a registry with a trailing slash',
      'image:\n  registry: ghcr.io/\n  repository: a/b\n  tag: v1\n',
      [['ghcr.io/a/b:v1', 3, 15]],
      []
    ],
    ['nested at any depth, in lists', 'jobs:\n  - name: x\n    image: busybox:1\n', [['busybox:1', 3, 12]], []],
    ['an empty tag: the templates choose', 'image:\n  repository: app\n  tag: ""\n', [], ['has no tag here']],
    ['a templated value', 'image: "{{ .Values.x }}"\n', [], ['is a template']],
    ['an image without repository is not one', 'image:\n  pullPolicy: Always\n', [], []],
    ['an empty image', 'image: ""\n', [], []]
  ])('values: %s', (_n, text, refs, warnings) => {
    const r = extractHelmValues('values.yaml', text)
    expect(r.refs.map(x => [x.image, x.line, x.col])).toEqual(refs)
    expect(r.warnings.map(w => w.message)).toEqual(warnings.map(w => expect.stringContaining(w)))
  })

  test('a template Helm would refuse (an if with no end): a warning where, its literal images still found', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: {{ .Values.image }}\n    - image: "busybox:1.36" # literal\n    - name: x\n      image: nginx:1.27\n---\n{{ if .Values.a }}\n---\nkind: {{ .Values.kind }}\n'
    const r = extractHelmTemplate('chart/templates/pod.yaml', text)
    expect(r.refs.map(x => [x.image, x.line, x.col])).toEqual([
      ['busybox:1.36', 6, 15],
      ['nginx:1.27', 8, 14]
    ])
    expect(r.warnings).toEqual([
      expect.objectContaining({
        file: 'chart/templates/pod.yaml',
        line: 10,
        col: 1,
        message: expect.stringContaining('a block has no {{end}}')
      })
    ])
    expect(r.warnings[0]?.level).toBeUndefined()
  })
})
