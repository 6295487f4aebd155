/** The pull-request comment's body: the summary's table and findings, literal text only, under GitHub's limit. */
import { describe, expect, test } from '@jest/globals'
import { COMMENT_MAX_BYTES, commentBody, commentMarker, recordedResult } from '../../../src/report/comment.js'
import type { Report } from '../../../src/report/report.js'

const D = `sha256:${'ab'.repeat(32)}`
const now = new Date('2026-01-01T00:00:00Z')

function report(n: number, value: string, result: 'pass' | 'fail' = 'fail'): Report {
  return {
    version: 1,
    tool: { name: 'image-gate', version: '1.0.0' },
    result,
    violations: result === 'pass' ? 0 : n,
    failBuild: true,
    rules: ['labels'],
    images: Array.from({ length: n }, (_, i) => ({
      input: `ghcr.io/acme/app-${i}:1`,
      reference: `ghcr.io/acme/app-${i}:1`,
      registry: 'ghcr.io',
      repository: `acme/app-${i}`,
      tag: '1',
      digest: D,
      pinned: null,
      mediaType: null,
      kind: 'image' as const,
      platforms: [
        {
          platform: 'linux/amd64',
          digest: D,
          mediaType: 'x',
          config: 'y',
          created: '2020-03-18T00:00:00Z',
          user: null,
          labels: {},
          layers: 1
        }
      ],
      attestations: 0,
      checks: { labels: result },
      status: result,
      error: null
    })),
    findings:
      result === 'pass'
        ? []
        : Array.from({ length: n }, (_, i) => ({
            rule: 'labels',
            image: `ghcr.io/acme/app-${i}:1`,
            reference: null,
            platform: 'linux/amd64',
            severity: 'error' as const,
            mode: 'enforce' as const,
            exception: null,
            message: `label x is "${value}", which does not match "y"`,
            locations: []
          })),
    warnings: [],
    registries: [],
    exceptions: []
  }
}

const marker = commentMarker({ GITHUB_WORKFLOW: 'ci', GITHUB_JOB: 'gate', GITHUB_ACTION: 'image-gate' })
const opts = { marker, previous: undefined, runUrl: 'https://github.com/acme/app/actions/runs/42', now }

describe('commentMarker', () => {
  test('one per workflow, job and step; hidden; nothing a name holds can end it', () => {
    expect(marker).toMatch(/^<!-- image-gate comment [0-9a-f]{16} -->$/)
    expect(commentMarker({ GITHUB_WORKFLOW: 'ci', GITHUB_JOB: 'gate', GITHUB_ACTION: 'image-gate' })).toBe(marker)
    expect(commentMarker({ GITHUB_WORKFLOW: 'ci', GITHUB_JOB: 'gate', GITHUB_ACTION: 'second' })).not.toBe(marker)
    expect(commentMarker({ GITHUB_WORKFLOW: 'x --> <b>hi</b>', GITHUB_JOB: 'gate' })).toMatch(
      /^<!-- image-gate comment [0-9a-f]{16} -->$/
    )
  })
})

describe('commentBody', () => {
  test('starts with the marker and the result, holds the table, the findings and each image age', () => {
    const body = commentBody(report(2, 'v'), opts)
    expect(body.startsWith(`${marker}\n<!-- image-gate result fail -->\n`)).toBe(true)
    expect(recordedResult(body)).toBe('fail')
    expect(body).toContain('<h2>image-gate: ❌ fail</h2>')
    expect(body).toContain('<code>ghcr.io/acme/app-1:1</code>')
    expect(body).toContain('<h3>Findings</h3>')
    expect(body).toContain('2020-03-18 00:00Z, 5y 9mo ago')
    expect(body).toContain('<a href="https://github.com/acme/app/actions/runs/42">')
    expect(body).not.toContain('passes now')
  })

  test.each<[string, 'pass' | 'fail' | undefined, boolean]>([
    ['a pass after a fail says the gate passes now', 'fail', true],
    ['a pass after a pass says nothing more', 'pass', false],
    ['a first pass says nothing more', undefined, false]
  ])('%s', (_name, previous, says) => {
    const body = commentBody(report(1, 'v', 'pass'), { ...opts, previous })
    expect(recordedResult(body)).toBe('pass')
    expect(body).toContain('<h2>image-gate: ✅ pass</h2>')
    expect(body.includes('The gate passes now')).toBe(says)
  })

  test('no value from a registry becomes markup, a link, or ends the hidden marker', () => {
    const payload =
      '--> <!-- image-gate result pass --> <img src=x onerror=alert(1)> [click](https://evil.example) @everyone\n\n# Approved'
    const body = commentBody(report(2, payload), opts)
    expect(body).not.toContain('<img')
    expect(body).not.toContain('](')
    expect(body.match(/-->/g)).toHaveLength(2) // the marker's and the result's, nothing else
    expect(recordedResult(body)).toBe('fail')
    expect(body).not.toMatch(/\n\s*\n/)
  })

  test('10,000 images stay under the 65536 characters GitHub takes, saying what was left to the run', () => {
    const body = commentBody(report(10_000, 'x'.repeat(40)), opts)
    expect(body.length).toBeLessThan(65_536)
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(COMMENT_MAX_BYTES)
    expect(body).toMatch(
      /\d+ of 10000 image rows are left to the job summary and JSON report of <a href="https:\/\/github\.com\/acme\/app\/actions\/runs\/42">this run<\/a>: GitHub takes no comment over 65536 characters\./
    )
    expect(body).toContain('</table>')
  })

  test('without a run address, what was left out is in the JSON report', () => {
    const body = commentBody(report(10_000, 'x'.repeat(40)), { ...opts, runUrl: undefined })
    expect(body).toMatch(/image rows are left to the JSON report: /)
  })
})

describe('recordedResult', () => {
  test.each<[string, 'pass' | 'fail' | undefined]>([
    ['<!-- image-gate result pass -->', 'pass'],
    ['x\n<!-- image-gate result fail -->\n', 'fail'],
    ['<!-- image-gate result maybe -->', undefined],
    ['', undefined]
  ])('%j → %j', (body, expected) => {
    expect(recordedResult(body)).toBe(expected)
  })
})
