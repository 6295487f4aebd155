/**
 * Files a pull request chooses, built to hide an image or to stall the gate, run through dist/index.js as the
 * runner runs it: each ends as the gate's own verdict (exit 1, in bounded time), the message names the file and
 * the bound, no engine message ("Invalid string length", "Maximum call stack size exceeded") and no stack
 * trace, and nothing from the file becomes a workflow command or Markdown.
 */
import { describe, expect, test } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { DIST, runAction, type ActionRun } from '../support/run-action.js'

/** Every hostile run must end well within this. */
const BOUND_MS = 30_000

async function hostile(
  files: Record<string, string | Buffer>,
  pattern = '**',
  argv?: string[],
  inputs: Record<string, string> = {}
): Promise<{ run: ActionRun; ms: number }> {
  const started = Date.now()
  const run = await runAction(
    { files: pattern, ...inputs },
    {},
    60_000,
    dir => {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true })
        writeFileSync(join(dir, path), content)
      }
    },
    argv
  )
  return { run, ms: Date.now() - started }
}

/** What a run must never show, whatever the file held. */
function expectInert(run: ActionRun): void {
  const all = run.stdout + run.stderr
  expect(all).not.toMatch(/Invalid string length|Maximum call stack size|RangeError|TypeError|\n\s+at \S+ \(/)
  // An injected command would start a line of its own.
  for (const line of all.split('\n'))
    expect(line).not.toMatch(/^::(warning|error|notice|add-mask|set-output|stop-commands)::pwned/)
  expect(run.summary).not.toMatch(/<img|!\[|\]\(https?:/)
}

const padded = (size: number) =>
  `FROM alpine:3.20\n${'# padding padding padding padding padding padding padding\n'.repeat(Math.ceil(size / 58))}FROM evil.example/backdoor:1\n`

describe('hostile files fail closed, bounded and inert', () => {
  test('a Dockerfile padded past the size limit hides its FROM: a finding naming the file, not a pass', async () => {
    const { run, ms } = await hostile({ Dockerfile: padded(9 * 1024 * 1024) }, 'Dockerfile')
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /::error title=inspect,file=Dockerfile,line=1,col=1::Dockerfile: Not read: it is larger than 8388608 bytes/
    )
    expect(run.stdout).not.toContain('evil.example')
    expect(run.stdout).toContain('::error::image-gate: 1 finding (no image was checked)')
    const report = run.report as { result: string; findings: Array<{ image: string; rule: string; message: string }> }
    expect(report.result).toBe('fail')
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'inspect', image: 'Dockerfile', message: expect.stringContaining('larger than') })
    ])
    expect(run.summary).toContain('Dockerfile')
    expectInert(run)
  })

  test('a file that is not text is a finding naming the file', async () => {
    const { run } = await hostile({
      'compose.yaml': Buffer.concat([
        Buffer.from('services:\n  a:\n    image: evil.example/x:1\n'),
        Buffer.from([0xff, 0xfe, 0x00])
      ])
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/file=compose\.yaml.*Not read: it is not UTF-8 text/)
    expect(run.stdout).not.toContain('evil.example')
    expectInert(run)
  })

  test('a Compose file of 1 KiB whose merge keys double each other: bounded, a finding naming the file and the bound', async () => {
    const lines = ['x0: &a0 {k: v}']
    for (let i = 1; i < 40; i++) lines.push(`x${i}: &a${i} {<<: [*a${i - 1}, *a${i - 1}]}`)
    lines.push('services:', '  web:', '    <<: *a39', '    image: evil.example/x:1')
    const text = `${lines.join('\n')}\n`
    expect(text.length).toBeLessThan(1200)
    const { run, ms } = await hostile({ 'compose.yaml': text })
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /file=compose\.yaml.*Not read in full: its YAML takes more than 2000000 steps to read \(aliases and merge keys expand it\)/
    )
    expectInert(run)
  })

  test('an 8 MiB manifest of two million tiny items is refused before it is parsed, within a 512 MiB heap', async () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n${'- a\n'.repeat(2 * 1024 * 1024 - 16)}`
    expect(text.length).toBeLessThan(8 * 1024 * 1024)
    const { run, ms } = await hostile({ 'k8s/list.yaml': text }, '**', ['--max-old-space-size=512', DIST])
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/file=k8s\/list\.yaml.*Not read in full: it has more than 400000 YAML lines and items/)
    expectInert(run)
  })

  test('a Dockerfile just under the limit is read in full, within a 512 MiB heap: its last FROM is found', async () => {
    const lines = 'RUN a b c d e f g h\n'.repeat(Math.floor((8 * 1024 * 1024 - 64) / 20))
    const { run, ms } = await hostile(
      { Dockerfile: `FROM alpine\n${lines}FROM evil.example/backdoor:1\n` },
      'Dockerfile',
      ['--max-old-space-size=512', DIST],
      { registries: '127.0.0.1:9' }
    )
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(1)
    // not contacted: the registries rule allows only a registry no reference names
    expect(run.stdout).toMatch(
      /::error title=registries,file=Dockerfile,line=\d{6},col=6::evil\.example\/backdoor:1: registry evil\.example is not allowed/
    )
    expectInert(run)
  })

  test('ARG values that double each other: a clear error naming the file and the limit', async () => {
    const args = ['ARG A0=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']
    for (let i = 1; i < 40; i++) args.push(`ARG A${i}=$A${i - 1}$A${i - 1}`)
    const { run, ms } = await hostile({ Dockerfile: `${args.join('\n')}\nFROM alpine:$A39\n` })
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /file=Dockerfile,line=\d+,col=\d+::Dockerfile: Not read in full: a value grows past 65536 characters/
    )
    expectInert(run)
  })

  test('nested ${A:-${B:-…}} 100,000 deep: a clear error naming the file and the limit', async () => {
    const deep = '${A:-'.repeat(100_000) + 'x' + '}'.repeat(100_000)
    const { run, ms } = await hostile({
      'app/Dockerfile': `FROM alpine:${deep}\n`,
      'compose.yaml': `services:\n  a:\n    image: "nginx:${deep}"\n`
    })
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /file=app\/Dockerfile,line=1,col=6::app\/Dockerfile: Not read in full: variables nest deeper than 16 levels/
    )
    expect(run.stdout).toMatch(/file=compose\.yaml.*Not read in full: variables nest deeper than 16 levels/)
    expectInert(run)
  })

  test('chart templates built to hide an image or to stall: each bounded, a verdict naming the file and the bound', async () => {
    const chart = 'apiVersion: v2\nname: x\nversion: 1.0.0\n'
    const { run, ms } = await hostile(
      {
        'chart/Chart.yaml': chart,
        'chart/values.yaml': 'repo: evil.example/x\n',
        // blocks nested past the bound around an image line
        'chart/templates/deep.yaml': `${'{{ if .Values.a }}'.repeat(200)}image: evil.example/deep:1${'{{ end }}'.repeat(200)}\n`,
        // an if/else 40 times on one image line: 2^40 renderings
        'chart/templates/wide.yaml': `image: {{ .Values.repo }}:${'{{ if .Values.a }}a{{ else }}b{{ end }}'.repeat(40)}\n`,
        // variables that double each other 40 times
        'chart/templates/grow.yaml': `${Array.from({ length: 40 }, (_, i) => (i === 0 ? '{{ $v0 := "xxxxxxxx" }}' : `{{ $v${i} := printf "%s%s" $v${i - 1} $v${i - 1} }}`)).join('')}\nimage: {{ $v39 }}\n`,
        // two million actions
        'chart/templates/many.yaml': `${'{{ "" }}'.repeat(1_000_000)}image: evil.example/many:1\n`
      },
      '**',
      ['--max-old-space-size=512', DIST],
      { registries: '127.0.0.1:9' }
    )
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /::error title=inspect,file=chart\/templates\/deep\.yaml,line=1,col=1::chart\/templates\/deep\.yaml: Not read in full: its template blocks nest deeper than 64 levels/
    )
    expect(run.stdout).toMatch(
      /::error title=inspect,file=chart\/templates\/many\.yaml,line=1,col=1::chart\/templates\/many\.yaml: Not read in full: its template has more than 400000 actions and tokens/
    )
    expect(run.stdout).toMatch(
      /::warning title=files,file=chart\/templates\/wide\.yaml,line=1,col=1::The image references of this line are not verified: it goes through more than 16 combinations/
    )
    expect(run.stdout).toMatch(
      /::warning title=files,file=chart\/templates\/grow\.yaml,line=2,col=8::The image reference here is not verified: a value grows past 65536 characters/
    )
    // 16 of the wide line's renderings are checked (and refused: their registry is not allowed)
    expect(
      run.stdout.split('\n').filter(l => /^::error title=registries,file=chart\/templates\/wide\.yaml,line=1,/.test(l))
    ).toHaveLength(16)
    expectInert(run)
  })

  test('template and values text that looks like a workflow command or Markdown stays text', async () => {
    const { run } = await hostile({
      'chart/Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0.0\n',
      'chart/values.yaml': 'a: "bad ref\\n::warning::pwned\\n![x](https://evil.example/x.png)"\n',
      'chart/templates/t.yaml':
        'image: "{{ .Values.a }}"\nimage: {{ include "::error::pwned" . }}\nimage: {{ .Values.b | default "\\n::error::pwned" }}\nimage: {{ printf "%s\\n%s" "x" "![y](https://evil.example/y.png)" }}\n'
    })
    expect(run.code).toBe(1)
    expectInert(run)
  })

  test('text from a file that looks like a workflow command or Markdown stays text', async () => {
    const { run } = await hostile({
      'compose.yaml':
        'services:\n  a:\n    image: "bad ref\\n::warning::pwned\\n![x](https://evil.example/x.png)"\n  b:\n    image: "${X}\\n::error::pwned"\n'
    })
    expect(run.code).toBe(1)
    expectInert(run)
  })
})
