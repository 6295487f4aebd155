import type { Descriptor, ImageConfig, ImageManifest } from '../oci/manifest.js'
import { parseConfig } from '../oci/manifest.js'
import { formatPlatform, isAttestationPlatform, normalizePlatform } from '../oci/platform.js'
import type { FetchedManifest, RegistryClient, Repo } from '../registry/client.js'
import { CONFIG_LIMIT } from '../registry/client.js'
import { RegistryError, describeError, fromManifestError } from '../registry/errors.js'
import type { Reference } from '../core/reference.js'
import { formatReference, manifestReference } from '../core/reference.js'
import type { ImageFacts, InspectNeeds, PlatformFacts } from '../model/facts.js'

export type Inspection =
  | { ok: true; input: string; ref: Reference; facts: ImageFacts }
  | { ok: false; input: string; ref: Reference; host: string; error: RegistryError }

/** An index may nest indexes; this deep and no deeper. */
const MAX_INDEX_DEPTH = 2

/**
 * Index entries one image may list, nested indexes included. Real multi-platform images list a few dozen at most
 * (every platform Go or Debian builds for, each with an attestation, is under 40); an index of thousands of tiny
 * entries is an attack on the runner's memory and time, not an image.
 */
export const MAX_INDEX_ENTRIES = 256

/** Configs parsed once per body: the client returns the same Buffer for the same digest. */
const parsedConfigs = new WeakMap<Buffer, ImageConfig>()

/** The config of a blob, parsed once however many manifests share it. */
export function configOf(body: Buffer, where: string): ImageConfig {
  let cfg = parsedConfigs.get(body)
  if (!cfg) {
    try {
      cfg = parseConfig(body, where)
    } catch (e) {
      throw fromManifestError(e)
    }
    parsedConfigs.set(body, cfg)
  }
  return cfg
}

/**
 * Only an unknown/unknown entry is an attestation: no runtime pulls it. An entry that names a platform (or none) is
 * a platform whatever its annotations say: containerd, skopeo and Kubernetes pull the first entry that matches the
 * platform, so an annotation must not hide a manifest from the rules.
 */
export function isAttestation(d: Descriptor): boolean {
  return isAttestationPlatform(d.platform)
}

/** An entry that says it is an attestation (BuildKit's annotation) but is not one: `isAttestation` is false. */
export function isMislabeledAttestation(d: Descriptor): boolean {
  return !isAttestation(d) && d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'
}

/** Inspects one image; never throws: a failure is returned as an Inspection naming the image and the host. */
export async function inspectImage(
  client: RegistryClient,
  input: string,
  ref: Reference,
  needs: InspectNeeds
): Promise<Inspection> {
  try {
    const facts = await gather(client, input, ref, needs)
    return { ok: true, input, ref, facts }
  } catch (e) {
    const error =
      e instanceof RegistryError
        ? e
        : new RegistryError('invalid', `${formatReference(ref)}: ${describeError(e)}`, { host: ref.registry, cause: e })
    return { ok: false, input, ref, host: error.host ?? ref.registry, error }
  }
}

/**
 * The verdict of an image that failed on a timeout of a registry given up on by the end of the run: the give-up,
 * which names the host and says its other requests were ended or not sent. Asked once every image is done, since
 * the timeout that failed an image may come before the one that gave its registry up.
 */
export function blameGiveUp(client: RegistryClient, ins: Inspection): Inspection {
  if (ins.ok || ins.error.kind !== 'timeout') return ins
  const fatal = client.givenUp(ins.host)
  return fatal && fatal !== ins.error && fatal.kind === 'timeout' ? { ...ins, error: fatal } : ins
}

/** Inspects every image at once; the per-registry limit in the transport keeps the load in bounds. */
export function inspectAll(
  client: RegistryClient,
  items: Array<{ input: string; ref: Reference }>,
  needs: InspectNeeds
): Promise<Inspection[]> {
  return Promise.all(items.map(i => inspectImage(client, i.input, i.ref, needs))).then(all =>
    all.map(i => blameGiveUp(client, i))
  )
}

async function gather(client: RegistryClient, input: string, ref: Reference, needs: InspectNeeds): Promise<ImageFacts> {
  const repo: Repo = { registry: ref.registry, repository: ref.repository }
  const top = await client.getManifest(repo, manifestReference(ref), { confirm: true })
  const facts: ImageFacts = {
    input,
    ref,
    digest: top.digest,
    mediaType: top.mediaType,
    kind: top.manifest.kind,
    annotations: top.manifest.annotations,
    platforms: [],
    attestations: [],
    mislabeled: []
  }
  if (top.manifest.kind === 'image') {
    facts.platforms.push(await platformFacts(client, repo, top, top.manifest, undefined, needs, true))
    return facts
  }
  await collectIndex(client, repo, top, facts, needs, 1, { entries: 0 })
  return facts
}

/**
 * Promise.all that waits for every request to end before it throws the first failure. The children of an index
 * that stall time out together: the first timeout must not decide the image's verdict (and let the run close its
 * connections under the others) a moment before the timeout that gives the registry up and ends the rest.
 */
async function settleAll<T>(promises: Array<Promise<T>>): Promise<T[]> {
  let failure: { error: unknown } | undefined
  const results = await Promise.all(
    promises.map(p =>
      p.catch((error: unknown) => {
        failure ??= { error }
        return undefined as T
      })
    )
  )
  if (failure) throw failure.error
  return results
}

async function collectIndex(
  client: RegistryClient,
  repo: Repo,
  index: FetchedManifest,
  facts: ImageFacts,
  needs: InspectNeeds,
  depth: number,
  count: { entries: number }
): Promise<void> {
  if (index.manifest.kind !== 'index') return
  const entries = index.manifest.manifests
  count.entries += entries.length
  if (count.entries > MAX_INDEX_ENTRIES) {
    throw new RegistryError(
      'unsupported',
      `${repo.registry}/${repo.repository}@${index.digest}: the index lists ${depth > 1 ? `${count.entries} manifests with its nested indexes` : `${entries.length} manifests`}; more than ${MAX_INDEX_ENTRIES} is unsupported (real multi-platform images list a few dozen)`,
      { host: repo.registry }
    )
  }
  facts.attestations.push(...entries.filter(isAttestation))
  for (const d of entries.filter(isMislabeledAttestation))
    facts.mislabeled.push({ digest: d.digest, platform: d.platform })
  const children = entries.filter(d => !isAttestation(d))
  const results = await settleAll(
    children.map(async d => {
      const child = await client.getManifest(repo, d.digest)
      if (child.size !== d.size) {
        throw new RegistryError(
          'integrity',
          `${repo.registry}/${repo.repository}@${d.digest}: integrity failure: the manifest is ${child.size} bytes, the index says ${d.size}`,
          { host: repo.registry }
        )
      }
      return { d, child }
    })
  )
  for (const { d, child } of results) {
    if (child.manifest.kind === 'index') {
      if (depth >= MAX_INDEX_DEPTH) {
        throw new RegistryError(
          'unsupported',
          `${repo.registry}/${repo.repository}@${d.digest}: indexes nested more than ${MAX_INDEX_DEPTH} deep`,
          { host: repo.registry }
        )
      }
      await collectIndex(client, repo, child, facts, needs, depth + 1, count)
    }
  }
  const images = results.filter(r => r.child.manifest.kind === 'image')
  const platforms = await settleAll(
    images.map(({ d, child }) =>
      platformFacts(client, repo, child, child.manifest as ImageManifest, d, needs, d.platform === undefined)
    )
  )
  facts.platforms.push(...platforms)
}

async function platformFacts(
  client: RegistryClient,
  repo: Repo,
  fetched: FetchedManifest,
  manifest: ImageManifest,
  entry: Descriptor | undefined,
  needs: InspectNeeds,
  platformFromConfig: boolean
): Promise<PlatformFacts> {
  const out: PlatformFacts = {
    platform: entry?.platform,
    digest: fetched.digest,
    mediaType: fetched.mediaType,
    size: fetched.size,
    annotations: manifest.annotations,
    layers: manifest.layers,
    configDescriptor: manifest.config
  }
  if (needs.config || platformFromConfig) {
    const where = `${repo.registry}/${repo.repository}@${fetched.digest}`
    const body = await client.getBlob(repo, manifest.config, CONFIG_LIMIT)
    out.config = configOf(body, `${where} config ${manifest.config.digest}`)
    if (out.config.os !== '' && out.config.architecture !== '') {
      const own = normalizePlatform({
        os: out.config.os,
        architecture: out.config.architecture,
        ...(out.config.variant ? { variant: out.config.variant } : {})
      })
      if (platformFromConfig) out.platform = own
      else if (entry?.platform && (own.os !== entry.platform.os || own.architecture !== entry.platform.architecture)) {
        // An index that calls an amd64 image arm64 would pass a platforms check it should fail.
        throw new RegistryError(
          'invalid',
          `${where}: the index lists this manifest as ${formatPlatform(entry.platform)}, but its config says ${formatPlatform(own)}`,
          { host: repo.registry }
        )
      }
    }
  }
  return out
}
