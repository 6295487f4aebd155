/**
 * The job summary and the pull-request comment as a reviewer sees them: a real run of dist/index.js against the
 * real registry with nine rules on (vulnerabilities among them, with its column), its summary rendered in headless Chromium at 1012 px (the width GitHub gives a
 * job summary on a laptop), styled as GitHub styles Markdown. Nothing may scroll sideways, and each row starts with
 * its verdict. IMAGE_GATE_SCREENSHOTS=DIR keeps a PNG of each rendering there.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderHtml } from '../support/browser.js'
import { startRegistry, type TestRegistry } from '../support/local-registry.js'
import { Pusher } from '../support/push.js'
import { cleanup, runAction, type ActionRun } from '../support/run-action.js'
import { commentBody } from '../../src/report/comment.js'

const WIDTH = 1012
let reg: TestRegistry
let run: ActionRun

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' })
  const push = new Pusher(reg)
  const source = { 'org.opencontainers.image.source': 'https://github.com/acme/payments' }
  await push.image('acme/payments-service-api', { tag: '1.24.3', user: '1000', labels: source })
  await push.image('acme/legacy-batch-reconciliation-worker', {
    tag: '2019.11.0-build.4411',
    created: '2019-11-04T10:00:00Z',
    user: ''
  })
  await push.index('acme/frontend-web', {
    tag: 'v3.2.0',
    attestation: true,
    images: [
      { platform: { os: 'linux', architecture: 'amd64' }, user: 'app', labels: source },
      { platform: { os: 'linux', architecture: 'arm64' }, user: 'app', labels: source }
    ]
  })
  const images = [
    'acme/payments-service-api:1.24.3',
    'acme/legacy-batch-reconciliation-worker:2019.11.0-build.4411',
    'acme/frontend-web:v3.2.0',
    'acme/missing-image:1'
  ]
  run = await runAction({
    images: images.map(i => `${reg.host}/${i}`).join('\n'),
    platforms: 'linux/amd64, linux/arm64',
    'base-images': `${reg.host}/base/**`,
    'max-age': '90d',
    'require-digest': 'true',
    registries: `${reg.host}, ghcr.io`,
    labels: 'org.opencontainers.image.source=https://github.com/acme/*',
    'non-root': 'true',
    'base-current': '7d',
    vulnerabilities: 'high',
    'vulnerability-db': 'none'
  })
})
afterAll(async () => {
  if (run) cleanup(run)
  await reg.stop()
})

function screenshot(name: string): string | undefined {
  const dir = process.env.IMAGE_GATE_SCREENSHOTS
  return dir ? join(dir, name) : undefined
}

describe('read at a glance, in a real browser at 1012 px', () => {
  test('the run had nine rules on and findings to show', () => {
    expect(run.code).toBe(1)
    const report = run.report as { rules: string[] }
    expect(report.rules).toHaveLength(9)
  })

  test('the job summary: verdict first, one Failed column, nothing scrolls sideways with every detail open', async () => {
    const r = await renderHtml(run.summary, WIDTH, screenshot('summary.png'))
    expect(r.page.scrollWidth).toBeLessThanOrEqual(r.page.clientWidth)
    expect(r.tables.length).toBeGreaterThan(1)
    for (const t of r.tables) expect(t.scrollWidth).toBeLessThanOrEqual(t.clientWidth)
    // The image table: its verdict is the first thing a reviewer reads, and nine rules make one column, not nine;
    // what the images contain is one more (Vulns).
    expect(r.tables[0]).toMatchObject({ firstHeader: 'Verdict', columns: 7 })
    expect(run.summary).toMatch(
      /<tr><td>✘ fail<\/td><td><code>[^<]*legacy-batch-reconciliation-worker[^<]*<\/code><\/td><td><code>sha256:[0-9a-f]{12}<\/code><\/td><td>[^<]*max-age[^<]*non-root/
    )
    expect(run.summary).toMatch(
      /<tr><td>✘ error<\/td><td><code>[^<]*missing-image:1<\/code><\/td><td>—<\/td><td>not inspected<\/td>/
    )
    // Details are folded, one per image.
    expect((run.summary.match(/<details>/g) ?? []).length).toBe(3)
    // Messages carry short digests; the report keeps them whole.
    expect(run.summary).not.toMatch(/sha256:[0-9a-f]{13}/)
  })

  test('the pull-request comment: the same at a glance, nothing scrolls sideways', async () => {
    const body = commentBody(run.report as unknown as Parameters<typeof commentBody>[0], {
      marker: '<!-- m -->',
      previous: undefined,
      runUrl: 'https://github.com/acme/app/actions/runs/1',
      now: new Date()
    })
    if (process.env.IMAGE_GATE_SCREENSHOTS)
      writeFileSync(join(process.env.IMAGE_GATE_SCREENSHOTS, 'comment.html'), body)
    const r = await renderHtml(body, WIDTH, screenshot('comment.png'))
    expect(r.page.scrollWidth).toBeLessThanOrEqual(r.page.clientWidth)
    for (const t of r.tables) expect(t.scrollWidth).toBeLessThanOrEqual(t.clientWidth)
    expect(r.tables[0]).toMatchObject({ firstHeader: 'Verdict', columns: 7 })
  })
})
