/**
 * The fixture trees of each shape (__tests__/fixtures/files/shapes: Compose with .env, a Kustomize overlay over a
 * base, a Helm chart, a Dockerfile with # syntax=, heredocs and automatic platform arguments) through
 * dist/index.js as the runner runs it. `registries` allows only a registry no reference names, so every
 * reference becomes a finding located at its file and line, and no registry is contacted.
 */
import { describe, expect, test } from '@jest/globals'
import { cpSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runAction } from '../support/run-action.js'
import { validateSarif } from '../support/sarif-validate.js'

const SHAPES = resolve('__tests__/fixtures/files/shapes')
const ENVOY = `ghcr.io/acme/envoy@sha256:${'4'.repeat(64)}`

/** Each reference, and every file:line it is annotated at. */
const EXPECTED: Record<string, string[]> = {
  'busybox:1.36.1': ['chart/templates/deployment.yaml:10'],
  // the template's image lines rendered with the chart's values: tag 1.10 is the number 1.1 to Helm
  'ghcr.io/acme/chart-app:1.1': ['chart/templates/deployment.yaml:13'],
  'prom/statsd-exporter': ['chart/templates/deployment.yaml:16'],
  'ghcr.io/acme/chart-app:1.10': ['chart/values.yaml:3'],
  'docker.io/library/busybox:1.36': ['chart/values.yaml:7'],
  [`alpine@sha256:${'5'.repeat(64)}`]: ['chart/values.yaml:14'],
  'ghcr.io/acme/web:1.4.2': ['compose/compose.yaml:7'],
  'redis:7.4': ['compose/compose.yaml:9'],
  'postgres:17': ['compose/compose.yaml:11'],
  'docker/dockerfile:1.7': ['dockerfiles/Dockerfile:1'],
  'golang:1.22': ['dockerfiles/Dockerfile:3'],
  'alpine:3.20-amd64': ['dockerfiles/Dockerfile:13'],
  'alpine:3.20-arm64': ['dockerfiles/Dockerfile:13'],
  'busybox:1.36': ['dockerfiles/Dockerfile:15'],
  'ghcr.io/acme/assets:3': ['dockerfiles/Dockerfile:17'],
  'tonistiigi/xx:1.4': ['dockerfiles/Dockerfile:18'],
  'ghcr.io/acme/api:1.0': ['kustomize/base/deployment.yaml:10', 'kustomize/base/kustomization.yaml:7'],
  'ghcr.io/acme/api:2.1.0': ['kustomize/base/deployment.yaml:10', 'kustomize/overlays/prod/kustomization.yaml:7'],
  'envoyproxy/envoy:v1.31.0': ['kustomize/base/deployment.yaml:12'],
  [ENVOY]: ['kustomize/base/deployment.yaml:12', 'kustomize/overlays/prod/kustomization.yaml:10']
}

describe('files: the shapes of real repositories, end to end', () => {
  test('every reference at its file and line, in annotations and SARIF; every warning once, notes last', async () => {
    const run = await runAction(
      { files: '**', registries: '127.0.0.1:9', platforms: 'linux/amd64,linux/arm64', sarif: 'out/image-gate.sarif' },
      {},
      60_000,
      dir => {
        cpSync(SHAPES, dir, { recursive: true })
      }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Inspecting 20 images (20 from files)')

    const errors = run.stdout.split('\n').filter(l => l.startsWith('::error title=registries'))
    const annotated: Record<string, string[]> = {}
    for (const l of errors) {
      const m = /file=([^,]+),line=(\d+),col=\d+::([^:]+(?::[^:\s]+)?(?:@sha256:[0-9a-f]{64})?): registry/.exec(l)
      expect(m).not.toBeNull()
      ;(annotated[m![3]!] ??= []).push(`${m![1]}:${m![2]}`)
    }
    expect(Object.fromEntries(Object.entries(annotated).map(([k, v]) => [k, v.sort()]))).toEqual(EXPECTED)
    // nothing from a heredoc, no manifest tag that an override replaces
    expect(run.stdout).not.toMatch(/in-a-heredoc|in-a-quoted-heredoc|api:dev|redis:7\.2|postgres:16/)

    // warnings once each, the references not verified before the notes
    const notes = run.stdout.split('\n').filter(l => /^::(warning|notice) title=files/.test(l))
    expect(
      notes.map(l => /^::(\w+) title=files,file=([^,:]+)(?:,line=(\d+))?/.exec(l)!.slice(1).join(' ').trim())
    ).toEqual(['warning chart/values.yaml 10', 'warning compose/compose.yaml 2', 'notice compose/compose.yaml 18'])
    expect(run.summary).toContain('In files, not verified (3)')

    const sarif = JSON.parse(readFileSync(join(run.dir, 'out/image-gate.sarif'), 'utf8')) as {
      runs: Array<{
        results: Array<{
          ruleId: string
          locations: Array<{
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } }
          }>
        }>
      }>
    }
    expect(validateSarif(sarif)).toBe(true)
    const places = sarif.runs[0]!.results.map(
      r =>
        `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`
    ).sort()
    expect(places).toEqual(Object.values(EXPECTED).flat().sort())
    expect(sarif.runs[0]!.results.every(r => r.ruleId === 'registries')).toBe(true)
  })
})
