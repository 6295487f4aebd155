// Writes src/trust/public-good-root.json: the Sigstore public-good trusted root that @sigstore/tuf (a pinned
// devDependency) embeds in its TUF seeds, so the action verifies keyless signatures with no network at run time.
// Run after upgrading @sigstore/tuf: `node scripts/trusted-root.mjs`. A unit test fails when the two differ.
import { readFileSync, writeFileSync } from 'node:fs'

export const SEEDS = 'node_modules/@sigstore/tuf/seeds.json'
export const TARGET = 'src/trust/public-good-root.json'

/** The trusted root as the seeds hold it, pretty-printed. */
export function publicGoodRoot(seedsText) {
  const seeds = JSON.parse(seedsText)
  const repo = seeds['https://tuf-repo-cdn.sigstore.dev']
  const b64 = repo?.targets?.['trusted_root.json']
  if (typeof b64 !== 'string') throw new Error(`${SEEDS} has no trusted_root.json for the public-good TUF repository`)
  return `${JSON.stringify(JSON.parse(Buffer.from(b64, 'base64').toString('utf8')), null, 2)}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(TARGET, publicGoodRoot(readFileSync(SEEDS, 'utf8')))
  console.log(`wrote ${TARGET}`)
}
