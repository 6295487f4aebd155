import { describe, expect, test } from '@jest/globals'
import { extractReferences } from '../../../src/files/extract.js'
import { MAX_YAML_WORK } from '../../../src/files/yaml.js'
import type { FileKind } from '../../../src/files/types.js'

type Ref = [image: string, line: number, col: number]
type Warn = [line: number, col: number, text: string]
type Case = [name: string, text: string, refs: Ref[], warnings?: Warn[]]

function check(kind: FileKind, file: string, text: string, refs: Ref[], warnings: Warn[]): void {
  const r = extractReferences(file, text, kind)
  expect(r.refs.map(x => [x.image, x.line, x.col])).toEqual(refs)
  expect(r.refs.every(x => x.file === file && x.kind === kind)).toBe(true)
  expect(r.warnings.map(w => [w.line, w.col])).toEqual(warnings.map(([l, c]) => [l, c]))
  warnings.forEach(([, , words], i) => expect(r.warnings[i]?.message).toContain(words))
  expect(r.warnings.every(w => w.file === file)).toBe(true)
}

const COMPOSE: Case[] = [
  [
    'services.*.image',
    'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n',
    [
      ['nginx:1.27', 3, 12],
      ['postgres:16', 5, 12]
    ]
  ],
  [
    'quoted values',
    `services:\n  a:\n    image: "nginx:1.27"\n  b:\n    image: 'redis:7'\n`,
    [
      ['nginx:1.27', 3, 13],
      ['redis:7', 5, 13]
    ]
  ],
  ['flow style', 'services: { web: { image: nginx:1.27 } }\n', [['nginx:1.27', 1, 27]]],
  [
    'version and other keys',
    'version: "3.9"\nservices:\n  web:\n    image: nginx\n    ports: ["80:80"]\nvolumes:\n  data: {}\n',
    [['nginx', 4, 12]]
  ],
  ['${VAR:-default}', 'services:\n  web:\n    image: nginx:${TAG:-1.27}\n', [['nginx:1.27', 3, 12]]],
  ['${VAR-default}', 'services:\n  web:\n    image: ${REG-ghcr.io}/acme/web:1\n', [['ghcr.io/acme/web:1', 3, 12]]],
  ['$$ is a dollar', 'services:\n  web:\n    image: "nginx:1.27$$"\n', [['nginx:1.27$', 3, 13]]],
  [
    'an anchor merged into several services',
    'x-base: &base\n  image: redis:7.2\n  restart: always\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n',
    [['redis:7.2', 2, 10]]
  ],
  [
    'an own key wins over a merged one',
    'x-base: &base\n  image: redis:7.2\nservices:\n  a:\n    <<: *base\n    image: valkey/valkey:8\n',
    [['valkey/valkey:8', 6, 12]]
  ],
  [
    'a merge list: the first map wins',
    'x-a: &a\n  image: first:1\nx-b: &b\n  image: second:1\n  init: true\nservices:\n  s:\n    <<: [*a, *b]\n',
    [['first:1', 2, 10]]
  ],
  ['an aliased service', 'x-svc: &svc\n  image: nginx:1\nservices:\n  a: *svc\n', [['nginx:1', 2, 10]]],
  ['an aliased image scalar', 'x-img: &img nginx:1.27\nservices:\n  a:\n    image: *img\n', [['nginx:1.27', 1, 13]]],
  [
    'a build-only service is noted',
    'services:\n  app:\n    build: .\n',
    [],
    [[2, 3, 'Service "app" builds its image (build:) and names no image to verify']]
  ],
  [
    'build-only services: one note for all',
    'services:\n  a:\n    build: .\n  b:\n    build: ./b\n  db:\n    image: postgres:16\n',
    [['postgres:16', 7, 12]],
    [[2, 3, 'Services "a", "b" build their images']]
  ],
  ['a service with neither build nor image', 'services:\n  app:\n    command: true\n', []],
  ['an empty image', 'services:\n  app:\n    image: ""\n  b:\n    image:\n', []],
  [
    'build and image: the image is built, not pulled',
    'services:\n  app:\n    build:\n      context: .\n    image: ghcr.io/acme/app:dev\n',
    [],
    [[5, 12, 'builds its image']]
  ],
  [
    'a variable without default',
    'services:\n  w:\n    image: ${REGISTRY}/worker:$TAG\n',
    [],
    [[3, 12, '$REGISTRY and $TAG have no value']]
  ],
  ['${VAR:?error}', 'services:\n  w:\n    image: nginx:${TAG:?set TAG}\n', [], [[3, 12, '$TAG has no value']]],
  ['no services', 'name: x\nvolumes: {}\n', []],
  ['services is not a map', 'services: [a, b]\n', []],
  [
    'invalid YAML still yields what parsed',
    'services:\n  web:\n    image: nginx:1\n  bad: [\n',
    [['nginx:1', 3, 12]],
    [[5, 1, 'not valid YAML']]
  ],
  ['an empty file', '', []]
]

const KUBERNETES: Case[] = [
  [
    'a Pod',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n',
    [['nginx:1.27', 6, 14]]
  ],
  [
    'a Deployment with init containers',
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      initContainers:\n        - image: busybox:1.36\n      containers:\n        - image: "ghcr.io/acme/web:1"\n        - image: envoyproxy/envoy:v1.31.0\n',
    [
      ['busybox:1.36', 7, 18],
      ['ghcr.io/acme/web:1', 9, 19],
      ['envoyproxy/envoy:v1.31.0', 10, 18]
    ]
  ],
  [
    'a CronJob',
    'apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: job\n              image: busybox:1.36\n',
    [['busybox:1.36', 10, 22]]
  ],
  [
    'ephemeral containers',
    'apiVersion: v1\nkind: Pod\nspec:\n  ephemeralContainers:\n    - image: nicolaka/netshoot\n',
    [['nicolaka/netshoot', 5, 14]]
  ],
  [
    'several documents',
    '---\napiVersion: v1\nkind: Pod\nspec:\n  containers: [{ image: a:1 }]\n---\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers: [{ image: b:1 }]\n...\n',
    [
      ['a:1', 5, 25],
      ['b:1', 11, 25]
    ]
  ],
  [
    'a List',
    'apiVersion: v1\nkind: List\nitems:\n  - kind: Pod\n    spec:\n      containers:\n        - image: nginx\n',
    [['nginx', 7, 18]]
  ],
  [
    'a custom resource that embeds a pod spec',
    'apiVersion: example.com/v1\nkind: Thing\nspec:\n  podTemplate:\n    spec:\n      containers:\n        - image: nginx:x\n',
    [['nginx:x', 7, 18]]
  ],
  [
    'image outside containers is not an image',
    'apiVersion: v1\nkind: ConfigMap\ndata:\n  image: nginx:1\nspec:\n  image: nginx:2\n',
    []
  ],
  [
    'an anchor used twice yields one reference',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - &c\n      name: a\n      image: nginx:1\n  initContainers:\n    - *c\n',
    [['nginx:1', 7, 14]]
  ],
  [
    'a merge key in a container',
    'apiVersion: v1\nkind: Pod\nx: &base\n  image: nginx:1\nspec:\n  containers:\n    - <<: *base\n      name: a\n',
    [['nginx:1', 4, 10]]
  ],
  [
    'a Helm template',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: "{{ .Values.image }}"\n',
    [],
    [[5, 15, 'is a template']]
  ],
  [
    'an envsubst variable',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/app:${TAG}\n',
    [],
    [[5, 14, 'is a template']]
  ],
  ['a non-string image', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: 5\n    - image: null\n', []],
  [
    'a self-referencing alias does not loop',
    'apiVersion: v1\nkind: Pod\nspec: &s\n  again: *s\n  containers:\n    - image: nginx\n',
    [['nginx', 6, 14]]
  ]
]

const WORKFLOW: Case[] = [
  [
    'container as a string',
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container: node:20\n',
    [['node:20', 5, 16]]
  ],
  [
    'container.image',
    'jobs:\n  a:\n    container:\n      image: "python:3.12"\n      options: --cpus 1\n',
    [['python:3.12', 4, 15]]
  ],
  [
    'services',
    'jobs:\n  a:\n    services:\n      redis:\n        image: redis:7\n      pg:\n        image: postgres:16\n        ports: [5432]\n',
    [
      ['redis:7', 5, 16],
      ['postgres:16', 7, 16]
    ]
  ],
  [
    'uses: docker:// in steps',
    'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker://alpine:3.20\n      - name: quoted\n        uses: "docker://ghcr.io/acme/tool:1"\n      - uses: ./.github/actions/local\n',
    [
      ['alpine:3.20', 5, 24],
      ['ghcr.io/acme/tool:1', 7, 25]
    ]
  ],
  ['a job that calls a reusable workflow', 'jobs:\n  call:\n    uses: acme/repo/.github/workflows/x.yml@v1\n', []],
  [
    'an expression in container',
    'jobs:\n  a:\n    container: ${{ matrix.image }}\n',
    [],
    [[3, 16, 'holds an expression']]
  ],
  [
    'an expression in a service',
    'jobs:\n  a:\n    services:\n      db:\n        image: postgres:${{ matrix.pg }}\n',
    [],
    [[5, 16, 'holds an expression']]
  ],
  [
    'an expression after docker://',
    'jobs:\n  a:\n    steps:\n      - uses: docker://${{ vars.IMAGE }}\n',
    [],
    [[4, 24, 'holds an expression']]
  ],
  ['an empty service image turns the service off', "jobs:\n  a:\n    services:\n      db:\n        image: ''\n", []],
  [
    'anchors between jobs',
    'jobs:\n  a:\n    container: &c\n      image: node:20\n  b:\n    container: *c\n',
    [['node:20', 4, 14]]
  ],
  ['no jobs', 'on: push\n', []]
]

describe('Compose files', () => {
  test.each(COMPOSE)('%s', (_n, text, refs, warnings = []) => check('compose', 'compose.yaml', text, refs, warnings))
})

describe('Kubernetes manifests', () => {
  test.each(KUBERNETES)('%s', (_n, text, refs, warnings = []) =>
    check('kubernetes', 'k8s/app.yaml', text, refs, warnings)
  )
})

describe('workflow files', () => {
  test.each(WORKFLOW)('%s', (_n, text, refs, warnings = []) =>
    check('workflow', '.github/workflows/ci.yml', text, refs, warnings)
  )
})

test('every column points at the reference text', () => {
  for (const [cases, kind] of [
    [COMPOSE, 'compose'],
    [KUBERNETES, 'kubernetes'],
    [WORKFLOW, 'workflow']
  ] as const) {
    for (const [, text, refs] of cases) {
      const lines = text.split('\n')
      for (const [image, line, col] of refs) {
        const at = (lines[line - 1] ?? '').slice(col - 1)
        // literal up to the first variable (Compose interpolation), all of it when there is none
        const head = /^[^\s$"',}\]]*/.exec(at)?.[0] ?? ''
        if (at[head.length] === '$') expect([kind, image.startsWith(head)]).toEqual([kind, true])
        else expect([kind, head]).toEqual([kind, image])
      }
    }
  }
})

test.each<[string, FileKind, string]>([
  [
    'an alias bomb of lists',
    'kubernetes',
    `apiVersion: v1\nkind: List\na: &a [{ containers: [{ image: "x:1" }] }, 1]\n${Array.from(
      { length: 24 },
      (_, i) =>
        `l${i + 1}: &l${i + 1} [${Array(4)
          .fill(i === 0 ? '*a' : `*l${i}`)
          .join(', ')}]`
    ).join('\n')}\n`
  ],
  [
    'merge keys that double each other (a Compose file of 1 KiB)',
    'compose',
    `x0: &a0 {k: v}\n${Array.from({ length: 39 }, (_, i) => `x${i + 1}: &a${i + 1} {<<: [*a${i}, *a${i}]}`).join('\n')}\nservices:\n  web:\n    <<: *a39\n    image: nginx\n`
  ],
  [
    'merge keys in a workflow',
    'workflow',
    `x0: &a0 {k: v}\n${Array.from({ length: 39 }, (_, i) => `x${i + 1}: &a${i + 1} {<<: [*a${i}, *a${i}]}`).join('\n')}\njobs:\n  j:\n    <<: *a39\n    container: nginx\n`
  ]
])('%s ends in bounded time with an error naming the bound', (_name, kind, text) => {
  const started = Date.now()
  const r = extractReferences('bomb.yaml', text, kind)
  expect(Date.now() - started).toBeLessThan(5000)
  expect(r.refs).toEqual([])
  expect(r.errors).toEqual([
    {
      file: 'bomb.yaml',
      line: 0,
      col: 0,
      message: expect.stringContaining(`takes more than ${MAX_YAML_WORK} steps to read`)
    }
  ])
})
