/** The command line's text for a terminal: colour only when it should be, nothing a registry writes drives it. */
import { describe, expect, test } from '@jest/globals'
import { renderText, terminalSafe, useColor } from '../../../src/cli/text.js'
import type { Report } from '../../../src/report/report.js'

describe('useColor', () => {
  test.each<[string, boolean | undefined, Record<string, string>, boolean]>([
    ['a terminal', true, {}, true],
    ['a pipe', false, {}, false],
    ['unknown', undefined, {}, false],
    ['NO_COLOR on a terminal', true, { NO_COLOR: '1' }, false],
    ['NO_COLOR empty is not set (no-color.org)', true, { NO_COLOR: '' }, true],
    ['NO_COLOR wins over FORCE_COLOR', false, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['FORCE_COLOR on a pipe', false, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR empty on a pipe', false, { FORCE_COLOR: '' }, true],
    ['FORCE_COLOR=0 on a terminal', true, { FORCE_COLOR: '0' }, false],
    ['FORCE_COLOR=false on a terminal', true, { FORCE_COLOR: 'false' }, false],
    ['a dumb terminal', true, { TERM: 'dumb' }, false]
  ])('%s', (_name, isTTY, env, expected) => {
    expect(useColor(isTTY, env)).toBe(expected)
  })
})

describe('terminalSafe', () => {
  test.each<[string, string]>([
    ['plain text', 'plain text'],
    ['red \u001b[31mtext\u001b[0m', 'red ?[31mtext?[0m'],
    ['title \u001b]0;owned\u0007', 'title ?]0;owned?'],
    ['C1 \u009b31m', 'C1 ?31m'],
    ['two\nlines\r\n', 'two lines '],
    ['back\bspace\rreturn', 'back?space?return'],
    ['bidi \u202eevil\u202c', 'bidi ?evil?'],
    ['isolate \u2066x\u2069', 'isolate ?x?'],
    ['unicode ✔ → sha256 ünï', 'unicode ✔ → sha256 ünï']
  ])('%j → %j', (input, expected) => {
    expect(terminalSafe(input)).toBe(expected)
  })
})

const D1 = `sha256:${'1'.repeat(64)}`
function report(over: Partial<Report> = {}): Report {
  return {
    version: 1,
    tool: { name: 'image-gate', version: '1.0.0' },
    result: 'fail',
    violations: 2,
    failBuild: true,
    rules: ['max-age'],
    images: [
      {
        input: 'r.example/app:1',
        reference: 'r.example/app:1',
        registry: 'r.example',
        repository: 'app',
        tag: '1',
        digest: D1,
        pinned: `r.example/app:1@${D1}`,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        kind: 'image',
        platforms: [
          {
            platform: 'linux/amd64',
            digest: D1,
            mediaType: '',
            config: D1,
            created: '2025-12-28T20:00:00Z',
            user: '1000',
            labels: {},
            layers: 1
          },
          {
            platform: 'linux/arm64',
            digest: D1,
            mediaType: '',
            config: D1,
            created: '2020-03-18T00:00:00Z',
            user: '1000',
            labels: {},
            layers: 1
          }
        ],
        attestations: 0,
        checks: { 'max-age': 'fail' },
        status: 'fail',
        error: null
      },
      {
        input: 'r.example/gone:\u001b[2J',
        reference: null,
        registry: null,
        repository: null,
        tag: null,
        digest: null,
        pinned: null,
        mediaType: null,
        kind: null,
        platforms: [],
        attestations: 0,
        checks: {},
        status: 'error',
        error: { kind: 'not-found', host: 'r.example', message: 'gone' }
      }
    ],
    findings: [
      {
        rule: 'max-age',
        image: 'r.example/app:1',
        reference: 'r.example/app:1',
        platform: 'linux/arm64',
        severity: 'error',
        mode: 'enforce',
        exception: null,
        message: 'created 2020-03-18T00:00:00.000Z, 5y 9mo ago: older than max-age 30d',
        locations: [{ file: 'Dockerfile', line: 3, col: 6 }]
      },
      {
        rule: 'inspect',
        image: 'r.example/gone:\u001b[2J',
        reference: null,
        platform: null,
        severity: 'error',
        mode: 'enforce',
        exception: null,
        message: 'cannot be inspected: \u001b]8;;http://evil\u0007link',
        locations: []
      }
    ],
    warnings: [{ file: 'compose.yaml', line: 4, col: 0, message: 'image ${TAG} has a variable with no default' }],
    registries: [],
    exceptions: [],
    ...over
  }
}

describe('renderText', () => {
  const now = new Date('2026-01-01T00:00:00Z')

  test('one line per image, the findings with their places, the verdict; no colour when not asked', () => {
    const text = renderText(report(), { color: false, now })
    expect(text.split('\n')).toEqual([
      `✘ r.example/app:1  ${D1}  linux/amd64, linux/arm64  created 5y 9mo ago`,
      '✘ r.example/gone:?[2J  not inspected',
      '',
      'Findings (2):',
      '  ✘ max-age  r.example/app:1 (linux/arm64): created 2020-03-18T00:00:00.000Z, 5y 9mo ago: older than max-age 30d',
      '      at Dockerfile:3:6',
      '  ✘ inspect  r.example/gone:?[2J: cannot be inspected: ?]8;;http://evil?link',
      '',
      'Not verified (1):',
      '  ! compose.yaml:4: image ${TAG} has a variable with no default',
      '',
      'image-gate: fail: 2 images checked, 2 findings',
      ''
    ])
  })

  test('colour is SGR around the marks and verdict, and only what the gate wrote is coloured', () => {
    const text = renderText(report(), { color: true, now })
    expect(text).toContain('\u001b[31m✘\u001b[39m r.example/app:1')
    expect(text).toContain('\u001b[1m\u001b[31mfail\u001b[39m\u001b[22m')
    // The registry's escape sequences stay neutralized.
    expect(text).not.toContain('\u001b[2J')
    expect(text).not.toContain('\u001b]8')
  })

  test('a pass, and fail-build: false says the exit status stays 0', () => {
    const pass = report({
      result: 'pass',
      violations: 0,
      findings: [],
      warnings: [],
      images: [{ ...report().images[0]!, status: 'pass', checks: { 'max-age': 'pass' } }]
    })
    expect(renderText(pass, { color: false, now })).toMatch(
      /^✔ r\.example\/app:1 .*\n\nimage-gate: pass: 1 image checked, 0 findings\n$/
    )
    expect(renderText(report({ failBuild: false }), { color: false, now })).toContain(
      'image-gate: fail (fail-build: false, so the exit status is 0): 2 images checked, 2 findings'
    )
  })
})
