/**
 * Sigstore material for tests, made offline: keys and key bundles from node:crypto; keyless bundles from a private
 * Sigstore instance (@sigstore/mock's Fulcio CA with a CT log, Rekor log and timestamp authority, served on
 * 127.0.0.1 and called by @sigstore/sign's real clients) with the trusted root that verifies them; in-toto
 * statements, simple-signing payloads, and cosign's legacy `.sig` annotations.
 *
 *   const key = generateKey('p256')
 *   const bundle = await keyBundle(key, { dsse: statement([{ name: 'repo', digest }]) })
 *   const sigstore = await startSigstore()                      // afterAll: await sigstore.close()
 *   const keyless = await sigstore.sign({ dsse: ... }, githubWorkflowClaims('acme/app', '.github/workflows/release.yml', 'refs/tags/v1'))
 *   const rootPath = sigstore.writeTrustedRoot(dir)             // the `trusted-root` input
 */
import { createHash, generateKeyPairSync, type KeyObject, sign as cryptoSign } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Descriptor, Pusher } from './push.js'
import { bundleToJSON } from '@sigstore/bundle'
import { RFC3161Timestamp } from '@sigstore/core'
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler
} from '@sigstore/mock'
import {
  DSSEBundleBuilder,
  FulcioSigner,
  MessageSignatureBundleBuilder,
  RekorWitness,
  type Signer,
  TSAWitness,
  type Witness
} from '@sigstore/sign'

export const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json'
export const IN_TOTO = 'application/vnd.in-toto+json'
export const STATEMENT_V1 = 'https://in-toto.io/Statement/v1'
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1'
export const COSIGN_SIGN_V1 = 'https://sigstore.dev/cosign/sign/v1'
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/** What a bundle signs: an artifact's bytes (message signature), or a DSSE payload (default type: in-toto). */
export type Content = { message: Buffer } | { dsse: Buffer; payloadType?: string }

// ---------------------------------------------------------------------------------------------------------------
// Keys

export type KeyKind = 'p256' | 'p384' | 'p521' | 'rsa' | 'rsa1024' | 'ed25519'

export interface TestKey {
  kind: KeyKind
  privateKey: KeyObject
  publicKey: KeyObject
  /** SPKI PEM, as `cosign.pub` holds it. */
  pem: string
  /** `SHA256:` + unpadded base64 of the SPKI DER's SHA-256, as the report shows it. */
  fingerprint: string
}

/** A fresh key pair of the given kind. */
export function generateKey(kind: KeyKind = 'p256'): TestKey {
  const pair =
    kind === 'rsa' || kind === 'rsa1024'
      ? generateKeyPairSync('rsa', { modulusLength: kind === 'rsa' ? 2048 : 1024 })
      : kind === 'ed25519'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('ec', { namedCurve: { p256: 'P-256', p384: 'P-384', p521: 'P-521' }[kind] })
  const der = pair.publicKey.export({ type: 'spki', format: 'der' })
  return {
    kind,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    pem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`
  }
}

/**
 * Signs bytes with a key: ECDSA (DER) or RSA PKCS#1 v1.5 over `hash` (default SHA-256; sigstore's default for P-384
 * is SHA-384 and for P-521 SHA-512); Ed25519 signs the bytes.
 */
export function signBytes(key: TestKey, data: Buffer, hash = 'sha256'): Buffer {
  return cryptoSign(key.kind === 'ed25519' ? null : hash, data, key.privateKey)
}

function keySigner(key: TestKey, hash?: string): Signer {
  return {
    sign: async data => ({
      signature: signBytes(key, data, hash),
      key: { $case: 'publicKey', publicKey: key.pem, hint: '' }
    })
  }
}

/**
 * A v0.3 bundle signed with a key (no transparency-log entry), as `cosign sign --key … --new-bundle-format` makes.
 * `hash` is the signature's hash (a message signature's digest field stays SHA-256, as @sigstore/sign writes it).
 */
export async function keyBundle(key: TestKey, content: Content, hash?: string): Promise<Record<string, unknown>> {
  return build(keySigner(key, hash), [], content)
}

async function build(signer: Signer, witnesses: Witness[], content: Content): Promise<Record<string, unknown>> {
  const bundle =
    'message' in content
      ? await new MessageSignatureBundleBuilder({ signer, witnesses }).create({ data: content.message })
      : await new DSSEBundleBuilder({ signer, witnesses }).create({
          data: content.dsse,
          type: content.payloadType ?? IN_TOTO
        })
  return bundleToJSON(bundle) as unknown as Record<string, unknown>
}

// ---------------------------------------------------------------------------------------------------------------
// Payloads

/** An in-toto v1 statement naming subjects by digest (`sha256:<hex>` or bare hex), as compact JSON bytes. */
export function statement(
  subjects: { name: string; digest: string }[],
  predicateType: string | undefined = COSIGN_SIGN_V1,
  predicate: unknown = {}
): Buffer {
  const s: Record<string, unknown> = {
    _type: STATEMENT_V1,
    subject: subjects.map(({ name, digest }) => {
      const [alg, hex] = digest.includes(':') ? digest.split(':', 2) : ['sha256', digest]
      return { name, digest: { [alg!]: hex } }
    })
  }
  if (predicateType !== undefined) s.predicateType = predicateType
  s.predicate = predicate
  return Buffer.from(JSON.stringify(s))
}

/** cosign's simple-signing payload for `repository@digest`. */
export function simpleSigning(repository: string, digest: string, optional?: Record<string, unknown>): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': repository },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature'
      },
      optional: optional ?? null
    })
  )
}

/** A minimal SLSA v1 provenance predicate as GitHub's attest-build-provenance writes it. */
export function githubProvenance(
  repository: string,
  workflowPath: string,
  ref: string,
  commit: string
): Record<string, unknown> {
  return {
    buildDefinition: {
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      externalParameters: { workflow: { ref, repository: `https://github.com/${repository}`, path: workflowPath } },
      resolvedDependencies: [{ uri: `git+https://github.com/${repository}@${ref}`, digest: { gitCommit: commit } }]
    },
    runDetails: {
      builder: { id: 'https://github.com/actions/runner/github-hosted' },
      metadata: { invocationId: `https://github.com/${repository}/actions/runs/1/attempts/1` }
    }
  }
}

/** The annotations of cosign's legacy `.sig` layer for a key signature over `payload`. */
export function cosignKeyAnnotations(key: TestKey, payload: Buffer, hash?: string): Record<string, string> {
  return { 'dev.cosignproject.cosign/signature': signBytes(key, payload, hash).toString('base64') }
}

/**
 * A keyless bundle rewritten as cosign's legacy `.sig` annotations: signature, certificate (PEM), and the Rekor
 * bundle (signed entry timestamp) or RFC 3161 timestamp. The bundle must be a message signature over `payload`.
 */
export function cosignAnnotationsFromBundle(bundle: Record<string, unknown>): Record<string, string> {
  const b = bundle as {
    verificationMaterial: {
      certificate?: { rawBytes: string }
      x509CertificateChain?: { certificates: { rawBytes: string }[] }
      tlogEntries?: {
        logIndex: string
        logId: { keyId: string }
        integratedTime: string
        inclusionPromise?: { signedEntryTimestamp: string }
        canonicalizedBody: string
      }[]
      timestampVerificationData?: { rfc3161Timestamps?: { signedTimestamp: string }[] }
    }
    messageSignature: { signature: string }
  }
  const out: Record<string, string> = { 'dev.cosignproject.cosign/signature': b.messageSignature.signature }
  const vm = b.verificationMaterial
  const cert = vm.certificate ?? vm.x509CertificateChain?.certificates[0]
  if (cert) {
    const lines = cert.rawBytes.match(/.{1,64}/g) ?? []
    out['dev.sigstore.cosign/certificate'] =
      `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
  }
  const e = vm.tlogEntries?.[0]
  if (e?.inclusionPromise) {
    out['dev.sigstore.cosign/bundle'] = JSON.stringify({
      SignedEntryTimestamp: e.inclusionPromise.signedEntryTimestamp,
      Payload: {
        body: e.canonicalizedBody,
        integratedTime: Number(e.integratedTime),
        logIndex: Number(e.logIndex),
        logID: Buffer.from(e.logId.keyId, 'base64').toString('hex')
      }
    })
  }
  const ts = vm.timestampVerificationData?.rfc3161Timestamps?.[0]
  if (ts) out['dev.sigstore.cosign/rfc3161timestamp'] = JSON.stringify({ SignedRFC3161Timestamp: ts.signedTimestamp })
  return out
}

/**
 * A DSSE bundle rewritten as cosign 2's `.att` layer: the envelope as the layer's bytes, and the certificate and
 * Rekor bundle (or timestamp) as its annotations, beside the empty signature annotation cosign writes there.
 */
export function cosignAttestationFromBundle(bundle: Record<string, unknown>): {
  envelope: Buffer
  annotations: Record<string, string>
} {
  const b = bundle as {
    dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid?: string }[] }
  }
  const envelope = Buffer.from(
    JSON.stringify({
      payloadType: b.dsseEnvelope.payloadType,
      payload: b.dsseEnvelope.payload,
      signatures: b.dsseEnvelope.signatures.map(s => ({ keyid: s.keyid ?? '', sig: s.sig }))
    })
  )
  const annotations = cosignAnnotationsFromBundle({ ...bundle, messageSignature: { signature: '' } })
  return { envelope, annotations }
}

// ---------------------------------------------------------------------------------------------------------------
// A real public-good bundle

/**
 * sigstore/cosign's pkg/cosign/testdata/oci-attestation.sigstore.json, kept verbatim: a keyless DSSE in-toto
 * attestation from the public-good instance whose subject is go-containerregistry's empty image (`emptyImage()`).
 */
export const PUBLIC_GOOD_BUNDLE = {
  path: '__tests__/fixtures/sigstore/cosign/oci-attestation.sigstore.json',
  identity: 'cody@soyland.com',
  issuer: 'https://github.com/login/oauth',
  subject: 'sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4'
} as const

/** go-containerregistry's `empty.Image`, byte for byte: an empty config and a Docker schema 2 manifest, no layers. */
export function emptyImage(): { config: Buffer; manifest: Buffer; digest: string } {
  const config = Buffer.from(
    '{"architecture":"","created":"0001-01-01T00:00:00Z","os":"","rootfs":{"type":"layers","diff_ids":null},"config":{}}'
  )
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: {
        mediaType: 'application/vnd.docker.container.image.v1+json',
        size: config.length,
        digest: `sha256:${createHash('sha256').update(config).digest('hex')}`
      },
      layers: []
    })
  )
  return { config, manifest, digest: `sha256:${createHash('sha256').update(manifest).digest('hex')}` }
}

// ---------------------------------------------------------------------------------------------------------------
// Keyless: a private Sigstore instance on loopback

/** OIDC claims of a GitHub Actions workflow run; Fulcio turns them into the certificate's SAN and extensions. */
export function githubWorkflowClaims(
  repository: string,
  workflowPath = '.github/workflows/release.yml',
  ref = 'refs/heads/main',
  extra: Record<string, string> = {}
): Record<string, string> {
  return {
    iss: GITHUB_ISSUER,
    sub: `https://github.com/${repository}/${workflowPath}@${ref}`,
    repository,
    ref,
    sha: 'a'.repeat(40),
    event_name: 'push',
    job_workflow_ref: `${repository}/${workflowPath}@${ref}`,
    runner_environment: 'github-hosted',
    ...extra
  }
}

export interface SigningOptions {
  /** Record the signature in the Rekor log (default true). */
  tlog?: boolean
  /** Add an RFC 3161 timestamp (default false). */
  timestamp?: boolean
}

export interface TestSigstore {
  /** The trusted root (JSON) that verifies this instance's bundles: its CA, CT log, Rekor log and TSA. */
  trustedRoot: Record<string, unknown>
  /** Writes the trusted root to `dir/trusted_root.json` (or `name`) and returns the path. */
  writeTrustedRoot(dir: string, name?: string): string
  /** A keyless bundle for `content`: a Fulcio certificate for `claims` (`sub` is the SAN), logged and/or timestamped. */
  sign(content: Content, claims: Record<string, string>, options?: SigningOptions): Promise<Record<string, unknown>>
  close(): Promise<void>
}

export interface SigstoreOptions {
  /** The CA's clock: certificates are valid from it for 10 minutes. Default: now. */
  caClock?: Date
  /** The Rekor log's and TSA's clock. Default: now. */
  logClock?: Date
}

/**
 * Starts a private Sigstore instance on 127.0.0.1: @sigstore/mock's Fulcio (with an embedded SCT from its CT log),
 * Rekor and TSA, reached over HTTP by @sigstore/sign's own clients. Give the CA a clock in the past (`caClock`) to
 * make certificates used outside their validity.
 */
export async function startSigstore(options: SigstoreOptions = {}): Promise<TestSigstore> {
  const ecPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const ctLog = await initializeCTLog(ecPair(), options.caClock)
  const ca = await initializeCA(ecPair(), ctLog, options.caClock)
  const tsa = await initializeTSA(ecPair(), options.logClock)
  const routes = new Map<
    string,
    (body: string) => Promise<{ statusCode: number; response: string | ArrayBufferView; contentType?: string }>
  >()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const route = routes.get(req.url ?? '')
      if (req.method !== 'POST' || route === undefined) {
        res.writeHead(404).end()
        return
      }
      route(Buffer.concat(chunks).toString('utf8')).then(
        r => {
          const body =
            typeof r.response === 'string'
              ? r.response
              : Buffer.from(r.response.buffer, r.response.byteOffset, r.response.byteLength)
          res.writeHead(r.statusCode, { 'content-type': r.contentType ?? 'text/plain' }).end(body)
        },
        (e: unknown) => res.writeHead(500).end(String(e))
      )
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const tlog = await initializeTLog(base, ecPair(), options.logClock)
  for (const h of [fulcioHandler(ca), rekorHandler(tlog), tsaHandler(tsa)]) routes.set(h.path, h.fn)

  const b64 = (v: ArrayBufferView | Buffer): string =>
    Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
  const start = '2000-01-01T00:00:00Z'
  const subject = { organization: 'image-gate tests', commonName: 'test' }
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: base,
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: b64(tlog.publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
        logId: { keyId: createHash('sha256').update(tlog.publicKey).digest('base64') }
      }
    ],
    certificateAuthorities: [
      { subject, uri: base, certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] }, validFor: { start } }
    ],
    ctlogs: [
      {
        baseUrl: base,
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: b64(ctLog.publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
        logId: { keyId: b64(ctLog.logID) }
      }
    ],
    timestampAuthorities: [
      {
        subject,
        uri: base,
        certChain: { certificates: [{ rawBytes: b64(tsa.intCertificate) }, { rawBytes: b64(tsa.rootCertificate) }] },
        validFor: { start }
      }
    ]
  }

  return {
    trustedRoot,
    writeTrustedRoot(dir, name = 'trusted_root.json') {
      const path = join(dir, name)
      writeFileSync(path, JSON.stringify(trustedRoot, null, 2))
      return path
    },
    async sign(content, claims, opts = {}) {
      const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`
      const fetch = { retry: 0, timeout: 10_000 }
      const signer = new FulcioSigner({
        identityProvider: { getToken: async () => token },
        fulcioBaseURL: base,
        ...fetch
      })
      const witnesses: Witness[] = []
      if (opts.tlog ?? true) witnesses.push(new RekorWitness({ rekorBaseURL: base, entryType: 'intoto', ...fetch }))
      if (opts.timestamp ?? false) witnesses.push(new TSAWitness({ tsaBaseURL: base, ...fetch }))
      // The mock TSA writes its time with milliseconds, trailing zeros trimmed as DER wants (`.5Z`); @sigstore/core
      // reads only three-digit fractions, so about one timestamp in ten cannot be read. Sigstore's and GitHub's
      // TSAs write whole seconds. Sign again until the timestamp is one the verifier can read.
      for (let attempt = 1; ; attempt++) {
        const bundle = await build(signer, witnesses, content)
        if (!(opts.timestamp ?? false) || readableTimestamp(bundle) || attempt === 20) return bundle
      }
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}

function readableTimestamp(bundle: Record<string, unknown>): boolean {
  const ts = (
    bundle as {
      verificationMaterial?: { timestampVerificationData?: { rfc3161Timestamps?: { signedTimestamp: string }[] } }
    }
  ).verificationMaterial?.timestampVerificationData?.rfc3161Timestamps?.[0]
  if (ts === undefined) return false
  try {
    return !Number.isNaN(RFC3161Timestamp.parse(Buffer.from(ts.signedTimestamp, 'base64')).signingTime.getTime())
  } catch {
    return false
  }
}

function b64url(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url')
}

// ---------------------------------------------------------------------------------------------------------------
// Pushing signatures to a registry

export const OCI_MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json'
export const OCI_INDEX_TYPE = 'application/vnd.oci.image.index.v1+json'
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json'

/** `sha256:abc…` → `sha256-abc…`: the referrers tag schema's tag, and the stem of cosign's `.sig`/`.att` tags. */
export function digestTag(digest: string): string {
  return digest.replace(':', '-')
}

/**
 * Pushes a Sigstore bundle as cosign 3 and GitHub's attest actions do: an OCI manifest with `artifactType` bundle
 * v0.3, the empty config, the bundle as its one layer and `subject` the signed manifest. distribution 2.8 has no
 * referrers API, so unless `tagSchema` is false the referrers tag schema's index (`sha256-<hex>`) is written too,
 * listing every referrer pushed so far for that subject (pass `previous` to keep earlier ones).
 */
export async function pushBundleReferrer(
  pusher: Pusher,
  repo: string,
  subject: Descriptor,
  bundle: unknown,
  opts: { tagSchema?: boolean; previous?: Descriptor[]; artifactType?: string } = {}
): Promise<{ referrer: Descriptor; index: Descriptor[] }> {
  const artifactType = opts.artifactType ?? BUNDLE_V03
  const bundleBytes = Buffer.from(JSON.stringify(bundle))
  const layer = await pusher.blob(repo, bundleBytes, artifactType)
  const config = await pusher.blob(repo, Buffer.from('{}'), OCI_EMPTY)
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST_TYPE,
      artifactType,
      config,
      layers: [layer],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope' }
    })
  )
  const digest = createHash('sha256').update(manifest).digest('hex')
  const referrer: Descriptor & { artifactType: string } = {
    mediaType: OCI_MANIFEST_TYPE,
    digest: `sha256:${digest}`,
    size: manifest.length,
    artifactType
  }
  await pusher.manifest(repo, referrer.digest, manifest, OCI_MANIFEST_TYPE)
  const index = [...(opts.previous ?? []), referrer]
  if (opts.tagSchema ?? true) {
    const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX_TYPE, manifests: index }))
    await pusher.manifest(repo, digestTag(subject.digest), body, OCI_INDEX_TYPE)
  }
  return { referrer, index }
}
