import type { Logger } from '../core/logger.js'
import { normalizeRegistryName } from '../core/reference.js'
import type { ContentCache } from './cache.js'
import { RegistryClient } from './client.js'
import { CredentialStore } from './credentials.js'
import { TlsConfig, certsDirsFromEnv } from './tls.js'
import { Transport } from './transport.js'
import type { TransportOptions } from './types.js'

/** What a run's registry client is built from: plain values, read by the gate from its inputs and environment. */
export interface RegistrySetup {
  /** The `username`/`password` inputs and the registry they belong to; none: they go to no registry. */
  input?: { registry: string; username: string; password: string }
  /** Sent to ghcr.io only. */
  githubToken?: string
  githubActor?: string | undefined
  /** Directory holding config.json: $DOCKER_CONFIG, else ~/.docker. */
  dockerConfigDir?: string | undefined
  /** Registries (host[:port]) that may be reached over plain HTTP and whose certificates are not verified. */
  insecureRegistries: string[]
  /** The environment the certificate directories are read from (IMAGE_GATE_CERTS_DIRS). */
  env: NodeJS.ProcessEnv
  /** Requests in flight per registry. */
  concurrency: number
  logger: Logger
  /** Overrides of the transport's timeouts and retries (tests, slow registries). */
  transport?: Partial<TransportOptions> | undefined
  /** Directory of the content cache, resolved; undefined: no cache. */
  cacheDir?: string | undefined
  /** Why a registry may not be contacted at all, or undefined (see ClientOptions). */
  refuse?: (registry: string) => string | undefined
}

/** A run's registry client, and the transport and content cache under it (for the run's counts and cache stats). */
export interface RegistrySession {
  client: RegistryClient
  transport: Transport
  cache: ContentCache | undefined
}

/** Builds the credentials, TLS, transport, content cache and client of a run, in one place. */
export async function createRegistryClient(opts: RegistrySetup): Promise<RegistrySession> {
  const credentials = new CredentialStore({
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    githubToken: opts.githubToken,
    githubActor: opts.githubActor,
    dockerConfigDir: opts.dockerConfigDir
  })
  // Certificates as docker and podman find them; insecure registries (and loopback) are not verified.
  const tls = new TlsConfig({
    certsDirs: certsDirsFromEnv(opts.env),
    insecure: opts.insecureRegistries.map(normalizeRegistryName)
  })
  const transport = new Transport({
    concurrency: opts.concurrency,
    logger: opts.logger,
    userAgent: 'image-gate/1',
    tls,
    ...opts.transport
  })
  let cache: ContentCache | undefined
  if (opts.cacheDir !== undefined) {
    // Loaded when used: a run without the cache input never needs it.
    const { ContentCache } = await import('./cache.js')
    cache = ContentCache.open(opts.cacheDir, opts.logger)
  }
  const client = new RegistryClient({
    credentials,
    insecureRegistries: opts.insecureRegistries,
    transport,
    logger: opts.logger,
    refuse: opts.refuse,
    ...(cache ? { cache } : {})
  })
  return { client, transport, cache }
}
