/**
 * npm run demo: starts a local registry (Debian's docker-registry, token auth), pushes sample images, runs the
 * action's dist/index.js on them the way the runner does, and prints the outputs and the job summary.
 */
import { startRegistry } from '../__tests__/support/local-registry.js'
import { Pusher, layer } from '../__tests__/support/push.js'
import { cleanup, runAction } from '../__tests__/support/run-action.js'

function summaryAsText(html: string): string {
  return html
    .replace(/<\/(tr|h2|h3|p|li|summary|details)>/g, '\n')
    .replace(/<\/t[dh]>/g, ' | ')
    .replace(/<br>/g, ', ')
    .replace(/<li>/g, '  - ')
    .replace(/<summary>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\n{2,}/g, '\n')
}

const reg = await startRegistry({ auth: 'token' })
try {
  console.log(`Local registry (distribution 2.8, token auth) on ${reg.host}; pushing sample images…`)
  const push = new Pusher(reg)
  const baseLayer = layer('alpine-like base')
  const base = await push.image('library/base', {
    tag: '3.20',
    layers: [baseLayer],
    created: new Date(Date.now() - 20 * 86400e3).toISOString()
  })
  const labels = { 'org.opencontainers.image.source': 'https://github.com/acme/web' }
  await push.index('acme/web', {
    tag: '1.4.2',
    attestation: true,
    images: [
      {
        platform: { os: 'linux', architecture: 'amd64' },
        user: '10001',
        labels,
        layers: [baseLayer, layer('web amd64')]
      },
      {
        platform: { os: 'linux', architecture: 'arm64' },
        user: '10001',
        labels,
        layers: [baseLayer, layer('web arm64')]
      }
    ]
  })
  await push.image('acme/api', { tag: '2.0', user: 'app', labels, layers: [baseLayer, layer('api')] })
  await push.image('acme/legacy', {
    tag: '0.9',
    user: '',
    created: '2021-03-04T05:06:07Z',
    layers: [layer('debian-like'), layer('legacy')]
  })

  const images = [`${reg.host}/acme/web:1.4.2`, `${reg.host}/acme/api:2.0`, `${reg.host}/acme/legacy:0.9`]
  const inputs = {
    images: images.join('\n'),
    platforms: 'linux/amd64',
    'max-age': '90d',
    'non-root': 'true',
    'base-images': `${reg.host}/library/base:3.*`,
    username: reg.username,
    password: reg.password,
    'fail-build': 'false'
  }
  console.log('\nRunning dist/index.js as the runner does, with these inputs:')
  for (const [k, v] of Object.entries(inputs))
    console.log(`  ${k}: ${k === 'password' ? '***' : v.replace(/\n/g, ', ')}`)
  const run = await runAction(inputs)
  console.log('\n── step log ──')
  process.stdout.write(
    run.stdout
      .split('\n')
      .filter(l => !l.startsWith('::add-mask::') && !l.startsWith('::debug::'))
      .join('\n')
  )
  console.log('\n── outputs ──')
  for (const [k, v] of Object.entries(run.outputs))
    console.log(`${k}: ${v.includes('\n') ? `\n  ${v.split('\n').join('\n  ')}` : v}`)
  console.log('\n── job summary ──')
  console.log(summaryAsText(run.summary))
  console.log(
    `(base image library/base:3.20 is ${base.digest.slice(0, 19)}…; the step exited ${run.code}: fail-build is false, so findings are warnings)`
  )
  cleanup(run)
  if (run.code !== 0 || run.outputs.result === undefined) process.exitCode = 1
} finally {
  await reg.stop()
}
