/**
 * Helm chart templates: every `image:` line rendered with the chart's own values.yaml and Chart.yaml, through each
 * branch; what cannot be evaluated a warning at its line; hostile templates bounded.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { collectFiles, extractReferences } from '../../../src/files/extract.js'
import {
  goFloat,
  loadHelmChart,
  plainScalar,
  TEMPLATE_LIMITS,
  type HelmChart
} from '../../../src/files/helm-template.js'

const CHART_YAML = 'apiVersion: v2\nname: demo\nversion: 1.4.0\nappVersion: "2.0"\n'
const VALUES = `image:
  registry: ghcr.io
  repository: acme/app
  tag: "1.2"
  digest: ""
  pullPolicy: IfNotPresent
images:
  repository: us-docker.pkg.dev/demo
  tag: ""
adService:
  name: adservice
global:
  registry: quay.io
float: 1.10
big: 12345678
flag: yes
empty: ""
nothing: ~
list: [a, b]
sidecar: busybox:1.36
anchored: &a ghcr.io/acme/anchored:1
aliased: *a
`
const chart = (values = VALUES, chartYaml = CHART_YAML): HelmChart => loadHelmChart('c', chartYaml, values).chart

type Ref = [image: string, line: number, col: number]
type Warn = [line: number, col: number, words: string]

/** `c`: the template's chart; null: no Chart.yaml was found above its templates/ directory. */
function read(text: string, c: HelmChart | null = chart()): { refs: Ref[]; warnings: Warn[]; errors: string[] } {
  const r = extractReferences('c/templates/t.yaml', text, 'helm-template', c ? { chart: c } : {})
  expect(r.refs.every(x => x.file === 'c/templates/t.yaml' && x.kind === 'helm-template')).toBe(true)
  expect(r.warnings.every(w => w.file === 'c/templates/t.yaml' && w.level === undefined)).toBe(true)
  return {
    refs: r.refs.map(x => [x.image, x.line, x.col]),
    warnings: r.warnings.map(w => [w.line, w.col, w.message]),
    errors: (r.errors ?? []).map(e => e.message)
  }
}

function check(text: string, refs: Ref[], warnings: Warn[] = [], c: HelmChart | null = chart()): void {
  const r = read(text, c)
  expect(r.refs).toEqual(refs)
  expect(r.warnings.map(([l, col]) => [l, col])).toEqual(warnings.map(([l, col]) => [l, col]))
  warnings.forEach(([, , words], i) => expect(r.warnings[i]?.[2]).toContain(words))
  expect(r.errors).toEqual([])
}

const MSD = 'us-docker.pkg.dev/demo/adservice:2.0'

describe('chart templates: each form of an image line is rendered', () => {
  test.each<[string, string, Ref[], Warn[]?]>([
    // microservices-demo's line: images.tag is empty, so the chart's appVersion
    [
      'the microservices-demo line',
      '          image: {{ .Values.images.repository }}/{{ .Values.adService.name }}:{{ .Values.images.tag | default .Chart.AppVersion }}\n',
      [[MSD, 1, 18]]
    ],
    [
      'nested .Values',
      'image: {{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag }}\n',
      [['ghcr.io/acme/app:1.2', 1, 8]]
    ],
    [
      '$.Values',
      'image: {{ $.Values.image.registry }}/{{ $.Values.image.repository }}:{{ $.Values.image.tag }}\n',
      [['ghcr.io/acme/app:1.2', 1, 8]]
    ],
    [
      '.Chart.Name, .Chart.Version, .Chart.AppVersion',
      'image: ghcr.io/{{ .Chart.Name }}:{{ .Chart.Version }}-{{ .Chart.AppVersion }}\n',
      [['ghcr.io/demo:1.4.0-2.0', 1, 8]]
    ],
    [
      '$.Chart inside with',
      '{{ with .Values.image }}\nimage: {{ .registry }}/{{ $.Chart.Name }}:{{ .tag }}\n{{ end }}\n',
      [['ghcr.io/demo:1.2', 2, 8]]
    ],
    ['a string literal', 'image: {{ "nginx" }}:{{ `1.27` }}\n', [['nginx:1.27', 1, 8]]],
    ['a literal line', '  - name: x\n    image: busybox:1.36.1 # pinned\n', [['busybox:1.36.1', 2, 12]]],
    ['a value aliased in values.yaml', 'image: {{ .Values.aliased }}\n', [['ghcr.io/acme/anchored:1', 1, 8]]],
    // default
    ['default: the value is absent', 'image: {{ .Values.absent | default "nginx:1.27" }}\n', [['nginx:1.27', 1, 8]]],
    ['default: the value is empty', 'image: app:{{ .Values.empty | default "3" }}\n', [['app:3', 1, 8]]],
    ['default: the value is null', 'image: app:{{ .Values.nothing | default "4" }}\n', [['app:4', 1, 8]]],
    ['default: the value is set', 'image: {{ .Values.sidecar | default "nginx:1" }}\n', [['busybox:1.36', 1, 8]]],
    ['default as a function call', 'image: {{ default "nginx:1" .Values.absent }}\n', [['nginx:1', 1, 8]]],
    [
      'nested defaults',
      'image: {{ .Values.absent | default (.Values.empty | default (printf "%s:%s" .Values.image.repository .Chart.AppVersion)) }}\n',
      [['acme/app:2.0', 1, 8]]
    ],
    [
      'coalesce',
      'image: {{ coalesce .Values.empty .Values.absent .Values.global.registry }}/x:1\n',
      [['quay.io/x:1', 1, 8]]
    ],
    ['required, set', 'image: {{ required "a sidecar" .Values.sidecar }}\n', [['busybox:1.36', 1, 8]]],
    // functions
    ['quote', 'image: {{ .Values.sidecar | quote }}\n', [['busybox:1.36', 1, 8]]],
    ['squote', 'image: {{ .Values.sidecar | squote }}\n', [['busybox:1.36', 1, 8]]],
    ['trim', 'image: {{ "  nginx:1  " | trim }}\n', [['nginx:1', 1, 8]]],
    ['lower and upper', 'image: {{ "GHCR.io/Acme" | lower }}:{{ "v" | upper }}1\n', [['ghcr.io/acme:V1', 1, 8]]],
    [
      'trimPrefix and trimSuffix',
      'image: {{ "oci://ghcr.io/a" | trimPrefix "oci://" }}:{{ "1.0-dev" | trimSuffix "-dev" }}\n',
      [['ghcr.io/a:1.0', 1, 8]]
    ],
    [
      'printf %s',
      'image: {{ printf "%s/%s:%s" .Values.image.registry .Values.image.repository .Values.image.tag }}\n',
      [['ghcr.io/acme/app:1.2', 1, 8]]
    ],
    ['printf %v', 'image: {{ printf "%v:%v" .Values.image.repository .Values.float }}\n', [['acme/app:1.1', 1, 8]]],
    ['printf %d of a template integer, %%', 'image: {{ printf "app:%d%%" 7 | trimSuffix "%" }}\n', [['app:7', 1, 8]]],
    ['print, toString', 'image: {{ print "app:" 1 }}-{{ toString .Values.flag }}\n', [['app:1-true', 1, 8]]],
    [
      'a pipeline in parentheses',
      'image: {{ (printf "%s:%s" .Values.sidecar "x") | trimSuffix ":x" | quote }}\n',
      [['busybox:1.36', 1, 8]]
    ],
    // values are float64 and YAML 1.1 to Helm
    ['a float tag prints as Go prints a float64', 'image: app:{{ .Values.float }}\n', [['app:1.1', 1, 8]]],
    ['a large integer tag prints in e-notation', 'image: app:{{ .Values.big }}\n', [['app:1.2345678e+07', 1, 8]]],
    ['yes is a boolean', 'image: app:{{ .Values.flag }}\n', [['app:true', 1, 8]]],
    ['.Release.Service is a constant', 'image: ghcr.io/{{ .Release.Service | lower }}:1\n', [['ghcr.io/helm:1', 1, 8]]],
    // quotes
    [
      'inside double quotes: located after the quote',
      'image: "{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n',
      [['ghcr.io/acme/app:1.2', 1, 9]]
    ],
    ['inside single quotes', "image: '{{ .Values.sidecar }}'\n", [['busybox:1.36', 1, 9]]],
    [
      'a quoted value with a comment after it',
      'image: "{{ .Values.sidecar }}" # the sidecar\n',
      [['busybox:1.36', 1, 9]]
    ],
    ['a double-quoted value with an escape', 'image: "{{ .Values.image.repository }}\\x3a1"\n', [['acme/app:1', 1, 9]]],
    [
      '"quote" inside quotes is not YAML',
      'image: "{{ .Values.sidecar | quote }}"\n',
      [],
      [[1, 9, 'not valid YAML once rendered']]
    ],
    // branches
    [
      'if/else inside the value: two candidates',
      '  - image: {{ if .Values.flag }}{{ .Values.sidecar }}{{ else }}nginx:1{{ end }}\n',
      [
        ['busybox:1.36', 1, 33],
        ['nginx:1', 1, 64]
      ]
    ],
    [
      'if/else around the lines: each at its line',
      '{{- if .Values.canary }}\n          image: {{ .Values.images.repository }}/canary:{{ .Values.image.tag }}\n{{- else }}\n          image: {{ .Values.images.repository }}/{{ .Values.adService.name }}:{{ .Values.images.tag | default .Chart.AppVersion }}\n{{- end }}\n',
      [
        ['us-docker.pkg.dev/demo/canary:1.2', 2, 18],
        [MSD, 4, 18]
      ]
    ],
    [
      'if/else around the value, on the lines below the key',
      '  image:\n    {{- if .Values.flag }} {{ .Values.sidecar }}\n    {{- else }} nginx:1\n    {{- end }}\n',
      [
        ['busybox:1.36', 2, 28],
        ['nginx:1', 3, 17]
      ]
    ],
    [
      'else if: three candidates',
      'image: {{ if .Values.a }}a:1{{ else if .Values.b }}b:1{{ else }}c:1{{ end }}\n',
      [
        ['a:1', 1, 26],
        ['b:1', 1, 52],
        ['c:1', 1, 65]
      ]
    ],
    [
      'if with no else: with and without the branch',
      'image: app{{ if .Values.flag }}-debug{{ end }}:1\n',
      [
        ['app:1', 1, 8],
        ['app-debug:1', 1, 8]
      ]
    ],
    [
      'with: "." is the value',
      '{{- with .Values.image }}\nimage: {{ .registry }}/{{ .repository }}:{{ .tag }}\n{{- end }}\n',
      [['ghcr.io/acme/app:1.2', 2, 8]]
    ],
    [
      'with/else',
      '{{- with .Values.absent }}\nimage: {{ . }}\n{{- else }}\nimage: nginx:1\n{{- end }}\n',
      [['nginx:1', 4, 8]],
      [[2, 8, '.Values.absent has no value']]
    ],
    [
      'a range with no newline: none, one and two times round',
      'image: app{{ range .Values.list }}-x{{ end }}:1\n',
      [
        ['app-x:1', 1, 8],
        ['app-x-x:1', 1, 8],
        ['app:1', 1, 8]
      ]
    ],
    [
      'break and continue',
      '{{ range .Values.list }}{{ if . }}{{ break }}{{ end }}{{ continue }}{{ end }}\nimage: ok:1\n',
      [['ok:1', 2, 8]]
    ],
    [
      'a block renders in place',
      '{{ block "img" .Values.image }}image: {{ .registry }}/{{ .repository }}{{ end }}\n',
      [['ghcr.io/acme/app', 1, 39]]
    ],
    // variables
    [
      'a variable',
      '{{- $registry := .Values.global.registry | default "docker.io" }}\nimage: {{ $registry }}/{{ .Values.image.repository }}\n',
      [['quay.io/acme/app', 2, 8]]
    ],
    [
      'a variable declared in if, seen in its branches',
      '{{ if $r := .Values.image.repository }}\nimage: {{ $r }}:1\n{{ else }}\nimage: {{ $r }}:2\n{{ end }}\n',
      [
        ['acme/app:1', 2, 8],
        ['acme/app:2', 4, 8]
      ]
    ],
    // trimming and comments
    ['{{- trims the newline before it', 'image:\n  {{- " nginx:1" }}\n', [['nginx:1', 2, 3]]],
    [
      '-}} trims the white space after it',
      'image: {{ .Values.image.repository -}}\n   :{{ .Values.image.tag }}\n',
      [['acme/app:1.2', 1, 8]]
    ],
    ['{{-3}} is a number, not a trim', 'image: app:{{-3}}\n', [['app:-3', 1, 8]]],
    ['a comment', 'image: {{/* the sidecar */}}{{ .Values.sidecar }}\n', [['busybox:1.36', 1, 29]]],
    [
      'a trimmed comment over several lines',
      'image: {{ .Values.image.repository }}\n{{- /* a note\n  that goes on */ -}}\n:{{ .Values.image.tag }}\n',
      [['acme/app:1.2', 1, 8]]
    ],
    [
      'an action over several lines',
      'image: {{ printf "%s:%s"\n    .Values.image.repository\n    .Values.image.tag }}\n',
      [['acme/app:1.2', 1, 8]]
    ],
    ['"}}" inside a string is not the end', 'image: {{ "x}}y" | trimSuffix "}}y" }}:1\n', [['x:1', 1, 8]]],
    // keys
    [
      '- image:, "image":, \'image\':',
      '- image: a:1\n"image": b:1\n\'image\': c:1\n',
      [
        ['a:1', 1, 10],
        ['b:1', 2, 10],
        ['c:1', 3, 10]
      ]
    ],
    ['a key an action writes', '{{ "image" }}: evil.example/x:1\n', [['evil.example/x:1', 1, 16]]],
    [
      'a value with a newline starts another image line',
      'image: {{ "a:1\\nimage: evil.example/x:1" }}\n',
      [
        ['a:1', 1, 8],
        ['evil.example/x:1', 1, 8]
      ]
    ],
    ['CRLF line ends', 'a: b\r\nimage: {{ .Values.sidecar }}\r\n', [['busybox:1.36', 2, 8]]],
    [
      'not image keys',
      'imagePullPolicy: {{ .Values.image.pullPolicy }}\nimages: {{ .Values.absent }}\nimage:nginx\nname: image: x\n',
      []
    ],
    // YAML shapes of the value
    ['an empty image: with nothing below', 'image:\nname: x\nimage: ~\n', []],
    ['a block scalar', 'image: |\n  evil.example/x:1\n', [], [[1, 8, 'block scalar']]],
    ['a value on the line below', 'image:\n  evil.example/x:1\n', [], [[1, 1, 'on the lines below']]],
    ['a flow list', 'image: [{{ .Values.sidecar }}]\n', [], [[1, 8, 'a map or a list']]]
  ])('%s', (_name, text, refs, warnings = []) => check(text, refs, warnings))
})

describe('what cannot be evaluated is a warning at its line, naming it', () => {
  test.each<[string, string, Warn[], Ref[]?]>([
    [
      'a value the chart does not set',
      'image: {{ .Values.absent }}:1\n',
      [[1, 8, ".Values.absent has no value in the chart's values.yaml"]]
    ],
    [
      'an empty value',
      'image: {{ .Values.image.registry }}{{ .Values.empty }}/x\n',
      [[1, 8, ".Values.empty is empty in the chart's values.yaml"]]
    ],
    ['a null value', 'image: x:{{ .Values.nothing }}\n', [[1, 8, '.Values.nothing is empty']]],
    [
      'the digest branch of a chart that leaves it empty',
      '{{- if .Values.image.digest }}\nimage: {{ .Values.image.repository }}@{{ .Values.image.digest }}\n{{- else }}\nimage: {{ .Values.image.repository }}:{{ .Values.image.tag }}\n{{- end }}\n',
      [[2, 8, '.Values.image.digest is empty']],
      [['acme/app:1.2', 4, 8]]
    ],
    [
      'a field of a value that is not set: Helm fails, default does not help',
      'image: {{ .Values.absent.repository | default "x:1" }}\n',
      [[1, 8, ".Values.absent has no value in the chart's values.yaml, so .Values.absent.repository cannot be read"]]
    ],
    [
      'a field of a string',
      'image: {{ .Values.sidecar.tag }}\n',
      [[1, 8, '.Values.sidecar.tag cannot be read: a string has no fields']]
    ],
    ['a map where a string goes', 'image: {{ .Values.image }}\n', [[1, 8, '.Values.image is a map, not a string']]],
    [
      'required, not set',
      'image: {{ required "set image.name" .Values.image.name }}\n',
      [[1, 8, '.Values.image.name has no value']]
    ],
    ['include', 'image: {{ include "app.image" . }}\n', [[1, 8, 'include renders another template']]],
    ['tpl', 'image: {{ tpl .Values.sidecar . }}\n', [[1, 8, 'tpl renders a value as a template']]],
    ['template', 'image: {{ template "app.image" . }}\n', [[1, 8, 'template "app.image" is not evaluated']]],
    ['lookup', 'image: {{ (lookup "v1" "ConfigMap" "ns" "img").data.image }}\n', [[1, 8, 'lookup reads the cluster']]],
    [
      'an unknown function',
      'image: {{ .Values.sidecar | b64dec }}\n',
      [[1, 8, 'the function b64dec is not evaluated']]
    ],
    [
      '.Release.Name',
      'image: ghcr.io/acme/{{ .Release.Name }}:1\n',
      [[1, 8, '.Release.Name is known only when the chart is installed']]
    ],
    ['.Capabilities', 'image: {{ .Capabilities.KubeVersion.Version }}\n', [[1, 8, '.Capabilities is not evaluated']]],
    ['.Chart.Description', 'image: {{ .Chart.Description }}\n', [[1, 8, '.Chart.Description is not evaluated']]],
    [
      'a range variable',
      '{{ range $i, $img := .Values.list }}\nimage: {{ $img }}\n{{ end }}\n',
      [[2, 8, '$img is a range variable']]
    ],
    [
      '"." in a range',
      '{{- range .Values.list }}\n- image: {{ . }}\n{{- end }}\n',
      [[2, 10, 'inside the range over .Values.list, "." is each item in turn']]
    ],
    [
      '$ in a range is still the top',
      '{{- range .Values.list }}\n- image: {{ $.Values.sidecar }}\n{{- end }}\n',
      [],
      [['busybox:1.36', 2, 10]]
    ],
    [
      '"." in a define',
      '{{- define "x" }}\nimage: {{ .Values.sidecar }}\n{{- end }}\n',
      [[2, 8, 'inside the define of "x", "." is what each caller passes']]
    ],
    [
      'a variable assigned twice',
      '{{ $t := "1" }}{{ if .Values.flag }}{{ $t = "2" }}{{ end }}\nimage: x:{{ $t }}\n',
      [[2, 8, '$t is assigned in more than one place']]
    ],
    ['a variable never declared', 'image: x:{{ $tag }}\n', [[1, 8, '$tag is not declared']]],
    [
      'printf with more verbs than arguments',
      'image: {{ printf "%s:%s" "x" }}\n',
      [[1, 8, 'printf has more verbs than arguments']]
    ],
    [
      'printf with more arguments than verbs',
      'image: {{ printf "%s" "x" "y" }}\n',
      [[1, 8, 'printf has more arguments than verbs']]
    ],
    [
      'printf %d of a value (a float64)',
      'image: x:{{ printf "%d" .Values.big }}\n',
      [[1, 8, "printf's %d is given a number (values are float64)"]]
    ],
    ['printf %x', 'image: x:{{ printf "%x" "a" }}\n', [[1, 8, "printf's %x is not evaluated"]]],
    ['trim of a number', 'image: x:{{ .Values.float | trim }}\n', [[1, 8, 'trim needs a string, not a number']]],
    [
      'one line: the reasons together',
      'image: {{ .Release.Name }}/{{ include "x" . }}:{{ .Values.absent }}\n',
      [
        [
          1,
          8,
          '.Release.Name is known only when the chart is installed; include renders another template, which is not evaluated; .Values.absent has no value'
        ]
      ]
    ]
  ])('%s', (_name, text, warnings, refs = []) => check(text, refs, warnings))

  test('no Chart.yaml above templates/: its values are not known; literal lines still read', () => {
    check(
      'image: {{ .Values.image.repository }}\nimage: {{ .Chart.AppVersion }}\nimage: nginx:1.27\n',
      [['nginx:1.27', 3, 8]],
      [
        [1, 8, 'no Chart.yaml above its templates/ directory, so its values are not known'],
        [2, 8, 'no Chart.yaml above its templates/ directory']
      ],
      null
    )
    expect(read('image: {{ .Values.x }}\n', null).warnings).toHaveLength(1)
  })

  test('a chart without values.yaml: every value is absent, defaults apply', () => {
    const c = loadHelmChart('c', CHART_YAML, undefined).chart
    check(
      'image: {{ .Values.image | default "nginx" }}:{{ .Chart.AppVersion }}\nimage: {{ .Values.image.repository }}\n',
      [['nginx:2.0', 1, 8]],
      [[2, 8, '.Values.image has no value']],
      c
    )
  })

  test('a chart without appVersion: .Chart.AppVersion is not set, default applies', () => {
    const c = chart(VALUES, 'name: demo\nversion: 1.0.0\n')
    check(
      'image: x:{{ .Chart.AppVersion | default "latest" }}\nimage: x:{{ .Chart.AppVersion }}\n',
      [['x:latest', 1, 8]],
      [[2, 8, '.Chart.AppVersion is not set in Chart.yaml']],
      c
    )
  })

  test('no template text reaches a message unbounded or with line breaks', () => {
    const long = `{{ range .Values.${'x'.repeat(500)} }}\nimage: {{ . }}\n{{ end }}\n`
    const [w] = read(long).warnings
    expect(w?.[2].length).toBeLessThan(300)
    expect(w?.[2]).toContain('…')
    const broken = read('{{ range (printf "%s"\n  "a") }}\nimage: {{ . }}\n{{ end }}\n').warnings[0]?.[2]
    expect(broken).not.toMatch(/\n/)
  })
})

describe('templates Helm would refuse', () => {
  test.each<[string, string, Warn]>([
    [
      'an action that is not closed',
      'image: nginx:1\nimage: {{ .Values.sidecar }\n',
      [2, 8, 'an action is not closed']
    ],
    ['a comment that is not closed', 'image: nginx:1\n{{/* no end\n', [2, 1, 'a comment is not closed']],
    ['a string that is not closed', 'image: nginx:1\nimage: {{ "abc }}\n', [2, 11, 'a quoted string is not closed']],
    ['an if with no end', '{{ if .Values.flag }}\nimage: nginx:1\n', [1, 1, 'a block has no {{end}}']],
    ['an end with no block', 'image: nginx:1\n{{ end }}\n', [2, 1, 'an unexpected {{end}}']],
    [
      'an else after else',
      '{{ if .a }}{{ else }}{{ else }}{{ end }}\nimage: nginx:1\n',
      [1, 22, 'an unexpected {{else}}']
    ],
    ['an empty action', 'image: nginx:1\n{{ }}\n', [2, 1, 'an action is empty']],
    ['a bad escape', 'image: nginx:1\n{{ "\\q" }}\n', [2, 4, 'an escape "\\q" that Go does not know']],
    ['a bad character', 'image: nginx:1\n{{ .Values.a# }}\n', [2, 13, 'a bad character "#"']]
  ])('%s: a warning where, the literal lines still references', (_name, text, [line, col, words]) => {
    const r = read(text)
    expect(r.refs).toEqual([['nginx:1', expect.any(Number), 8]])
    expect(r.warnings).toEqual([[line, col, expect.stringContaining(words)]])
    expect(r.warnings[0]?.[2]).toContain('This chart template is not read')
  })
})

describe('hostile templates end bounded, with a verdict', () => {
  const timed = <T>(f: () => T): { r: T; ms: number } => {
    const started = Date.now()
    const r = f()
    return { r, ms: Date.now() - started }
  }

  test(`an if/else more than ${TEMPLATE_LIMITS.candidates} times on one image line: ${TEMPLATE_LIMITS.candidates} candidates and a warning`, () => {
    const { r, ms } = timed(() => read(`image: ${'{{ if .Values.a }}x{{ else }}y{{ end }}'.repeat(24)}\n`))
    expect(ms).toBeLessThan(5000)
    expect(r.refs).toHaveLength(TEMPLATE_LIMITS.candidates)
    expect(r.warnings).toEqual([
      [1, 1, expect.stringContaining(`more than ${TEMPLATE_LIMITS.candidates} combinations of if/else branches`)]
    ])
  })

  test('exactly 16 combinations: every candidate, no warning', () => {
    const r = read(`image: ${'{{ if .Values.a }}x{{ else }}y{{ end }}'.repeat(4)}\n`)
    expect(new Set(r.refs.map(x => x[0]))).toEqual(
      new Set([
        'xxxx',
        'xxxy',
        'xxyx',
        'xxyy',
        'xyxx',
        'xyxy',
        'xyyx',
        'xyyy',
        'yxxx',
        'yxxy',
        'yxyx',
        'yxyy',
        'yyxx',
        'yyxy',
        'yyyx',
        'yyyy'
      ])
    )
    expect(r.warnings).toEqual([])
  })

  test('many branches on a line that is no image line: no warning', () => {
    expect(
      read(
        `args: ${'{{ if .Values.a }}x{{ else }}y{{ end }}'.repeat(30)}\n${'{{ if .Values.a }}{{ .Values.b }}{{ end }}'.repeat(30)}\n`
      )
    ).toEqual({ refs: [], warnings: [], errors: [] })
  })

  test('60 nested ifs whose branches meet again: one candidate', () => {
    check(`${'{{ if .Values.a }}'.repeat(60)}image: x:1${'{{ end }}'.repeat(60)}\n`, [['x:1', 1, 1088]])
  })

  test('20,000 ifs along one line, each rendering the same: one candidate, in linear time and memory', () => {
    const { r, ms } = timed(() =>
      read(`image: ${'x{{ if .Values.a }}{{ end }}'.repeat(20_000)}\nimage: evil.example/x:1\n`)
    )
    expect(ms).toBeLessThan(10_000)
    expect(r.refs).toEqual([
      ['x'.repeat(20_000), 1, 8],
      ['evil.example/x:1', 2, 8]
    ])
    expect(r.warnings).toEqual([])
  })

  test('40,000 actions along one line of 4 MB: linear, not a search to the end of the file per action', () => {
    const { r, ms } = timed(() =>
      read(`image: ${'x{{ "" }}'.repeat(40_000)}${'y'.repeat(4_000_000)}\nimage: evil.example/x:1\n`)
    )
    expect(ms).toBeLessThan(10_000)
    expect(r.refs).toEqual([['evil.example/x:1', 2, 8]])
    expect(r.warnings).toEqual([[1, 8, expect.stringContaining('longer than 65536 characters once rendered')]])
  })

  test('an else-if chain of 500 branches is not nesting: each line read', () => {
    const text = `{{ if .Values.a }}\nimage: a:0\n${Array.from({ length: 500 }, (_, i) => `{{ else if .Values.b${i} }}\nimage: a:${i + 1}\n`).join('')}{{ end }}\n`
    const { r, ms } = timed(() => read(text))
    expect(ms).toBeLessThan(5000)
    expect(r.refs).toHaveLength(501)
    expect(r.refs[500]).toEqual(['a:500', 1002, 8])
  })

  test.each<[string, string, string]>([
    [
      'blocks nested 100 deep',
      `${'{{ if .Values.a }}'.repeat(100)}image: x:1${'{{ end }}'.repeat(100)}\n`,
      'its template blocks nest deeper than 64 levels'
    ],
    [
      'parentheses nested 200 deep',
      `image: {{ ${'('.repeat(200)}"x"${')'.repeat(200)} }}\n`,
      'its template actions nest deeper than 64 levels'
    ],
    [
      'a chain of 100 variables',
      `${Array.from({ length: 100 }, (_, i) => (i === 0 ? '{{ $v0 := "x" }}' : `{{ $v${i} := $v${i - 1} }}`)).join('')}\nimage: {{ $v99 }}\n`,
      'its template values nest deeper than 64 levels'
    ],
    [
      'more lines than a YAML file may have',
      `${'a: b\n'.repeat(TEMPLATE_LIMITS.items)}image: evil.example/x:1\n`,
      `its template has more than ${TEMPLATE_LIMITS.items} lines`
    ],
    [
      'more actions than the bound',
      `${'{{ "" }}'.repeat(100_000)}image: evil.example/x:1\n`,
      `its template has more than ${TEMPLATE_LIMITS.items} actions and tokens`
    ]
  ])('%s: an error naming the bound, the file not read', (_name, text, words) => {
    const { r, ms } = timed(() => read(text))
    expect(ms).toBeLessThan(10_000)
    expect(r.refs).toEqual([])
    expect(r.errors).toEqual([expect.stringContaining(`Not read in full: ${words}`)])
  })

  test('variables that double each other: a warning at the line, not a value of gigabytes', () => {
    const text = `${Array.from({ length: 40 }, (_, i) => (i === 0 ? '{{ $v0 := "xxxxxxxxxxxxxxxx" }}' : `{{ $v${i} := printf "%s%s" $v${i - 1} $v${i - 1} }}`)).join('')}\nimage: {{ $v39 }}\n`
    const { r, ms } = timed(() => read(text))
    expect(ms).toBeLessThan(5000)
    expect(r.warnings).toEqual([[2, 8, expect.stringContaining('a value grows past 65536 characters')]])
  })

  test('printf with more than 16 arguments: a warning', () => {
    check(
      `image: {{ printf "${'%s'.repeat(17)}" ${'"a" '.repeat(17)}}}\n`,
      [],
      [[1, 8, 'printf has more than 16 arguments']]
    )
  })

  test('a value longer than 65536 characters once rendered: a warning', () => {
    check(
      `image: {{ .Values.sidecar }}${'x'.repeat(70_000)}\n`,
      [],
      [[1, 8, 'longer than 65536 characters once rendered']]
    )
  })

  test('a large template of many image lines is read in full, its last line too', () => {
    const text = `${'  - name: x\n    image: "{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n'.repeat(10_000)}image: evil.example/x:1\n`
    const { r, ms } = timed(() => read(text))
    expect(ms).toBeLessThan(20_000)
    expect(r.refs).toHaveLength(10_001)
    expect(r.refs[10_000]).toEqual(['evil.example/x:1', 20_001, 8])
  })

  test('values.yaml whose merge keys double each other: an error naming values.yaml', () => {
    const lines = ['x0: &a0 {k: v}']
    for (let i = 1; i < 40; i++) lines.push(`x${i}: &a${i} {<<: [*a${i - 1}, *a${i - 1}]}`)
    const { r, ms } = timed(() => loadHelmChart('c', CHART_YAML, `${lines.join('\n')}\nimage: evil.example/x:1\n`))
    expect(ms).toBeLessThan(5000)
    expect(r.chart.values).toBeUndefined()
    expect(r.errors).toEqual([
      expect.objectContaining({
        file: 'c/values.yaml',
        message: expect.stringContaining('Not read in full: its YAML takes more than')
      })
    ])
    check('image: {{ .Values.image }}\n', [], [[1, 8, "the chart's values.yaml is not read"]], r.chart)
  })

  test('values nested deeper than 64 levels: an error naming values.yaml', () => {
    const deep = `${Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')} x\n`
    expect(loadHelmChart('', CHART_YAML, deep).errors).toEqual([
      expect.objectContaining({
        file: 'values.yaml',
        message: expect.stringContaining('its values nest deeper than 64 levels')
      })
    ])
  })

  test('a values.yaml that aliases itself ends', () => {
    const c = loadHelmChart('c', CHART_YAML, 'a: &a\n  b: *a\n  image: x:1\n').chart
    check('image: {{ .Values.a.b.b.b.b.image }}\n', [['x:1', 1, 8]], [], c)
  })

  test('keys a values.yaml gives twice: the last wins, as go-yaml reads them', () => {
    check('image: {{ .Values.image }}\n', [['b:1', 1, 8]], [], chart('image: a:1\nimage: b:1\n'))
  })

  test('__proto__ and constructor are values like any other', () => {
    check(
      'image: {{ .Values.__proto__ }}:{{ .Values.constructor | default "1" }}\n',
      [['x:1', 1, 8]],
      [],
      chart('__proto__: x\n')
    )
  })
})

describe('values as Helm reads them', () => {
  test.each<[string, unknown]>([
    ['1.10', 1.1],
    ['12345678', 12345678],
    ['0x1F', 31],
    ['017', 15],
    ['0o17', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['-3', -3],
    ['.5', 0.5],
    ['1e3', 1000],
    ['yes', true],
    ['On', true],
    ['n', false],
    ['off', false],
    ['~', null],
    ['null', null],
    ['', null],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['v1.2', 'v1.2'],
    ['1.2.3', '1.2.3'],
    ['latest', 'latest']
  ])('plain scalar %j', (text, value) => {
    expect(plainScalar(text)).toEqual(value)
  })

  test.each<[number, string]>([
    [1.1, '1.1'],
    [8, '8'],
    [100000, '100000'],
    [999999, '999999'],
    [1234567, '1.234567e+06'],
    [1e6, '1e+06'],
    [12345678, '1.2345678e+07'],
    [20240101123456, '2.0240101123456e+13'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5, '-2.5'],
    [0, '0'],
    [1e21, '1e+21'],
    [Infinity, '+Inf'],
    [NaN, 'NaN']
  ])('a float64 %p prints as %s', (n, text) => {
    expect(goFloat(n)).toBe(text)
  })

  test('quoted values stay strings; a !!str tag too', () => {
    check(
      'image: app:{{ .Values.a }}-{{ .Values.b }}-{{ .Values.c }}\n',
      [['app:1.10-yes-0x1F', 1, 8]],
      [],
      chart('a: "1.10"\nb: \'yes\'\nc: !!str 0x1F\n')
    )
  })
})

/**
 * The fixture chart in the shape of microservices-demo's helm-chart/ (__tests__/fixtures/files/helm/boutique):
 * read as collectFiles reads it, with changed-files-only too.
 */
describe('a chart in the shape of microservices-demo', () => {
  const HELM = resolve('__tests__/fixtures/files/helm')
  const REPO = 'us-central1-docker.pkg.dev/google-samples/microservices-demo'
  const ROWS = [
    ['boutique/templates/adservice.yaml', 34, 18, `${REPO}/adservice:v0.10.2`],
    ['boutique/templates/cartservice.yaml', 18, 18, `${REPO}/cartservice:v0.10.2`],
    ['boutique/templates/cartservice.yaml', 27, 18, 'redis:alpine'],
    ['boutique/templates/frontend.yaml', 19, 18, `${REPO}/frontend:v0.11.0-rc.1`],
    ['boutique/templates/frontend.yaml', 21, 18, `${REPO}/frontend:v0.10.2`]
  ]
  const rows = (refs: Array<{ file: string; line: number; col: number; image: string }>) =>
    refs.map(r => [r.file, r.line, r.col, r.image])

  test('every image line rendered, each at its template line; the one that cannot be evaluated is a warning there', async () => {
    const r = await collectFiles(HELM, ['**'])
    expect(r.errors).toEqual([])
    expect(r.files).toEqual([
      'boutique/templates/_helpers.tpl',
      'boutique/templates/adservice.yaml',
      'boutique/templates/cartservice.yaml',
      'boutique/templates/frontend.yaml',
      'boutique/templates/loadgenerator.yaml',
      'boutique/values.yaml'
    ])
    expect(rows(r.refs)).toEqual(ROWS)
    // no notice per file: each line was handled
    expect(r.warnings.map(w => [w.file, w.line, w.col, w.level ?? 'warning', w.message])).toEqual([
      [
        'boutique/templates/loadgenerator.yaml',
        18,
        18,
        'warning',
        'The image reference here is not verified: include renders another template, which is not evaluated.'
      ],
      [
        'boutique/templates/loadgenerator.yaml',
        21,
        18,
        'warning',
        'The image reference here is not verified: .Release.Name is known only when the chart is installed.'
      ]
    ])
  })

  describe('changed-files-only', () => {
    let dir: string
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'image-gate-helm-'))
      cpSync(HELM, dir, { recursive: true })
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    test.each<[string, string[], number]>([
      ['a changed template: its lines, with the chart values read from disk', ['boutique/templates/frontend.yaml'], 2],
      ['a changed values.yaml: every template of its chart', ['boutique/values.yaml'], 5],
      ['a changed Chart.yaml: every template of its chart', ['boutique/Chart.yaml'], 5],
      ['a changed README: nothing', ['boutique/README.md'], 0]
    ])('%s', async (_name, only, count) => {
      const r = await collectFiles(dir, ['**/*.yaml'], { only: new Set(only) })
      expect(r.refs).toHaveLength(count)
      if (count === 5) expect(rows(r.refs)).toEqual(ROWS)
    })

    test('the templates of a changed values.yaml are read only as far as the patterns reach', async () => {
      const r = await collectFiles(dir, ['boutique/values.yaml', 'boutique/templates/adservice.yaml'], {
        only: new Set(['boutique/values.yaml'])
      })
      expect(rows(r.refs)).toEqual([ROWS[0]])
    })
  })
})

describe('which chart a template belongs to', () => {
  let dir: string
  const write = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
  }
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'image-gate-charts-'))
    write({
      'app/Chart.yaml': 'name: app\nappVersion: "1.0"\n',
      'app/values.yaml': 'image: parent:1\n',
      'app/templates/deploy.yaml': 'image: {{ .Values.image }}\n',
      'app/templates/nested/job.yaml': 'image: {{ .Values.image }}-{{ .Chart.Name }}\n',
      'app/charts/sub/Chart.yaml': 'name: sub\nappVersion: "2.0"\n',
      'app/charts/sub/values.yaml': 'image: sub:2\n',
      'app/charts/sub/templates/deploy.yaml': 'image: {{ .Values.image }}\n',
      'loose/templates/deploy.yaml': 'image: {{ .Values.image }}\n'
    })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('the innermost Chart.yaml above templates/; none: a warning at the line', async () => {
    const r = await collectFiles(dir, ['**'])
    expect(r.refs.map(x => [x.file, x.image])).toEqual(
      [
        ['app/charts/sub/templates/deploy.yaml', 'sub:2'],
        ['app/templates/deploy.yaml', 'parent:1'],
        ['app/templates/nested/job.yaml', 'parent:1-app'],
        ['app/values.yaml', 'parent:1'],
        ['app/charts/sub/values.yaml', 'sub:2']
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
    )
    expect(r.warnings.map(w => [w.file, w.line, w.message])).toEqual([
      ['loose/templates/deploy.yaml', 1, expect.stringContaining('no Chart.yaml above its templates/ directory')]
    ])
    expect(r.errors).toEqual([])
  })
})
