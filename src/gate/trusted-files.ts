/**
 * The files that decide the verdict, read from where the inputs say: the policy, the `signature-keys` files, the
 * `trusted-root` and the `vex` documents, each from the workspace, from the base commit (`base:`) or from another repository (`github:`);
 * see sources.ts. A policy read from a source reads the files it names from the same source. On a pull request, a
 * file read from the base commit whose copy in the pull request differs gets a notice: the pull request's copy was
 * not used.
 */
import { resolve } from 'node:path'
import { readBoundedSync } from '../core/bounded-read.js'
import type { Logger } from '../core/logger.js'
import { PULL_REQUEST_EVENTS, baseCommit } from '../github/api.js'
import type { Policy, PolicyFileReader } from '../policy/loader.js'
import { TRUSTED_ROOT_MAX_BYTES } from '../policy/types.js'
import type { PublicKey } from '../trust/keys.js'
import { KEY_FILE_LIMIT, KeyError, parsePublicKey, readKeyFile, splitKeySources } from '../trust/keys.js'
import { InputError } from './inputs.js'
import type { Inputs } from './inputs.js'
import { openSource, parseSource, type FileSource, type SourceContext } from './sources.js'
import type { NotationMaterial } from '../trust/notation/index.js'
import { VEX_MAX_BYTES } from '../content/predicates.js'

export interface TrustedFiles {
  policy: Policy | undefined
  keys: PublicKey[]
  /** The trusted-root input's file; undefined: the public-good root shipped inside the action. */
  trustedRoot: { path: string; text: string } | undefined
  /** The Notation trust policy and trust store; undefined when notation-trust-policy is not given. */
  notation?: NotationMaterial
  /** The vex input's OpenVEX documents, as read: each named as written. */
  vex: Array<{ name: string; bytes: Buffer }>
}

export interface TrustedFilesEnvironment {
  workspace: string
  env: NodeJS.ProcessEnv
  logger: Logger
  now: Date
}

function sourceContext(inputs: Inputs, env: TrustedFilesEnvironment): SourceContext {
  return {
    workspace: env.workspace,
    env: env.env,
    token: inputs.githubToken,
    apiUrl: env.env.GITHUB_API_URL || 'https://api.github.com'
  }
}

/** On a pull request, says so when the pull request's own copy of a file read at the base commit differs from it. */
function noticeIfChanged(input: string, path: string, used: Buffer, env: TrustedFilesEnvironment): void {
  if (!baseCommit(env.env)?.pullRequest) return
  let own: Buffer | undefined
  try {
    own = readBoundedSync(resolve(env.workspace, path), used.length + 1).bytes
  } catch {
    own = undefined
  }
  if (own && own.equals(used)) return
  env.logger.notice(
    `${input}: ${path} was read at the pull request's base commit; this pull request ${own ? 'changes it, and its copy was not used' : 'has no copy of it'}`
  )
}

/** Reads every file a policy names from its source first, so that the loader can read them as it checks them. */
async function prefetch(
  source: FileSource,
  text: string,
  referencedFiles: (text: string) => Array<{ path: string; maxBytes: number }>
): Promise<PolicyFileReader> {
  const read = new Map<string, Buffer | Error>()
  await Promise.all(
    referencedFiles(text).map(async f => {
      const clean = f.path.replace(/^\.\//, '')
      read.set(
        clean,
        await source.read(clean, f.maxBytes).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))
      )
    })
  )
  return path => {
    const got = read.get(path.replace(/^\.\//, ''))
    if (got === undefined) throw Object.assign(new Error('not read'), { code: 'ENOENT' })
    if (got instanceof Error) throw got
    return got
  }
}

async function readPolicy(inputs: Inputs, env: TrustedFilesEnvironment): Promise<Policy | undefined> {
  if (inputs.policy === undefined) return undefined
  const loader = await import('../policy/loader.js')
  const spec = parseSource('policy', inputs.policy)
  let policy: Policy
  if (spec.kind === 'workspace')
    policy = loader.loadPolicyDocument(
      resolve(env.workspace, spec.path),
      inputs.policy,
      loader.workspaceReader(env.workspace),
      env.now
    )
  else {
    const { source, path } = openSource('policy', spec, sourceContext(inputs, env))
    const bytes = await source.read(path, loader.POLICY_MAX_BYTES)
    const text = bytes.toString('utf8')
    if (spec.kind === 'base') noticeIfChanged('policy', path, bytes, env)
    env.logger.info(`policy: ${source.describe(path)}`)
    policy = loader.parsePolicyDocument(
      text,
      inputs.policy,
      await prefetch(source, text, loader.referencedFiles),
      env.now
    )
  }
  await loader.compileConditions(policy)
  return policy
}

/** signature-keys: inline PEM blocks, and key files from the workspace or a source. Each key once. */
async function readKeys(inputs: Inputs, env: TrustedFilesEnvironment): Promise<PublicKey[]> {
  const { pems, paths } = splitKeySources(inputs.signatureKeys)
  const ctx = sourceContext(inputs, env)
  try {
    const keys = pems.map((pem, i) => parsePublicKey(pem, `inline key ${i + 1}`))
    for (const p of paths) {
      const spec = parseSource('signature-keys', p)
      if (spec.kind === 'workspace') {
        keys.push(
          readKeyFile(resolve(env.workspace, spec.path), spec.path, path => readBoundedSync(path, KEY_FILE_LIMIT).bytes)
        )
        continue
      }
      const { source, path } = openSource('signature-keys', spec, ctx)
      const bytes = await source.read(path, KEY_FILE_LIMIT)
      if (spec.kind === 'base') noticeIfChanged('signature-keys', path, bytes, env)
      keys.push(parsePublicKey(bytes.toString('utf8'), p))
    }
    const seen = new Set<string>()
    return keys.filter(k => !seen.has(k.fingerprint) && seen.add(k.fingerprint))
  } catch (e) {
    if (e instanceof KeyError) throw new InputError(`Input "signature-keys": ${e.message}`)
    throw e
  }
}

async function readTrustedRoot(inputs: Inputs, env: TrustedFilesEnvironment): Promise<TrustedFiles['trustedRoot']> {
  if (inputs.trustedRoot === undefined) return undefined
  const spec = parseSource('trusted-root', inputs.trustedRoot)
  let bytes: Buffer
  if (spec.kind === 'workspace') {
    try {
      bytes = readBoundedSync(resolve(env.workspace, spec.path), TRUSTED_ROOT_MAX_BYTES).bytes
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      throw new InputError(
        `Input "trusted-root" is "${inputs.trustedRoot}": ${code === 'ENOENT' ? 'no such file in the workspace' : 'the file cannot be read'}; give the path of a trusted_root.json or of what gh attestation trusted-root prints`
      )
    }
    if (bytes.length > TRUSTED_ROOT_MAX_BYTES)
      throw new InputError(
        `Input "trusted-root" is "${inputs.trustedRoot}": the file is over 4 MiB; a Sigstore trusted root is a few KiB`
      )
  } else {
    const { source, path } = openSource('trusted-root', spec, sourceContext(inputs, env))
    bytes = await source.read(path, TRUSTED_ROOT_MAX_BYTES)
    if (spec.kind === 'base') noticeIfChanged('trusted-root', path, bytes, env)
  }
  return { path: inputs.trustedRoot, text: bytes.toString('utf8') }
}

/** Largest trustpolicy.json read, and largest certificate file of a trust store. */
const NOTATION_POLICY_MAX_BYTES = 256 * 1024
const NOTATION_CERTIFICATE_MAX_BYTES = 64 * 1024

type NotationModule = typeof import('../trust/notation/index.js')

/** notation-trust-policy: the trustpolicy.json, parsed and validated; the file named in every error. */
async function readNotationPolicy(
  notation: NotationModule,
  inputs: Inputs,
  env: TrustedFilesEnvironment
): Promise<{ policy: NotationMaterial['policy']; where: string }> {
  const value = inputs.notationTrustPolicy!
  const spec = parseSource('notation-trust-policy', value)
  const { source, path } = openSource('notation-trust-policy', spec, sourceContext(inputs, env))
  let bytes: Buffer
  try {
    bytes = await source.read(path, NOTATION_POLICY_MAX_BYTES)
  } catch (e) {
    if (spec.kind !== 'workspace') throw e
    const code = (e as NodeJS.ErrnoException).code
    throw new InputError(
      `Input "notation-trust-policy" is "${value}": ${code === 'ENOENT' ? 'no such file in the workspace' : code === 'EFBIG' ? `the file is over ${NOTATION_POLICY_MAX_BYTES} bytes` : 'the file cannot be read'}; give the path of a Notation trustpolicy.json`
    )
  }
  if (spec.kind === 'base') noticeIfChanged('notation-trust-policy', path, bytes, env)
  const where = source.describe(path)
  return { policy: notation.parseTrustPolicy(bytes.toString('utf8'), where), where }
}

/** notation-trust-store: the certificate files of the directory's `x509/<type>/<name>/`, read and parsed. */
async function readNotationStore(
  notation: NotationModule,
  inputs: Inputs,
  env: TrustedFilesEnvironment
): Promise<{ stores: NotationMaterial['stores']; where: string; files: number }> {
  const value = inputs.notationTrustStore!
  const spec = parseSource('notation-trust-store', value)
  const { source, path: root } = openSource('notation-trust-store', spec, sourceContext(inputs, env))
  const where = source.describe(root)
  let names: string[]
  try {
    names = await source.list(root, 4)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (spec.kind !== 'workspace' || !code) throw e
    throw new InputError(
      `Input "notation-trust-store" is "${value}": ${code === 'ENOENT' ? 'no such directory in the workspace' : 'the directory cannot be read'}; give the trust store directory (the one that holds x509/ca/<name>/)`
    )
  }
  const wanted = names.filter(n => /^x509\/(ca|tsa|signingAuthority)\/[^/]+\/[^/]+\.(pem|crt|cer|der)$/i.test(n))
  const files = await Promise.all(
    wanted.map(async path => {
      try {
        return { path, bytes: await source.read(`${root.replace(/\/+$/, '')}/${path}`, NOTATION_CERTIFICATE_MAX_BYTES) }
      } catch (e) {
        if (spec.kind !== 'workspace') throw e
        throw new InputError(
          `Input "notation-trust-store": ${where}/${path} cannot be read (${(e as Error).message.slice(0, 120)})`
        )
      }
    })
  )
  return { stores: notation.buildTrustStores(files, where), where, files: files.length }
}

/**
 * notation-trust-policy and notation-trust-store: the trustpolicy.json and the store directory
 * (`x509/{ca,tsa,signingAuthority}/<name>/*.pem|crt|cer|der`), each from the workspace, `base:` or `github:`.
 * Every statement that verifies must find certificates in each store it names.
 */
async function readNotation(inputs: Inputs, env: TrustedFilesEnvironment): Promise<NotationMaterial | undefined> {
  if (inputs.notationTrustPolicy === undefined || inputs.notationTrustStore === undefined) return undefined
  const notation = await import('../trust/notation/index.js')
  const [{ policy, where: policyWhere }, { stores, where, files }] = await Promise.all([
    readNotationPolicy(notation, inputs, env),
    readNotationStore(notation, inputs, env)
  ])
  for (const statement of policy.statements) {
    if (statement.level === 'skip') continue
    const missing = notation.missingStore(statement, stores)
    if (missing)
      throw new InputError(
        `Input "notation-trust-store" is "${inputs.notationTrustStore}": ${missing} (looked for x509/<type>/<name>/*.pem, .crt, .cer or .der in ${where})`
      )
  }
  env.logger.info(`notation-trust-policy: ${policyWhere}; notation-trust-store: ${where} (${files} certificate files)`)
  return { policy, stores }
}

/** vex: OpenVEX documents from the workspace or a source, each bounded. */
async function readVex(inputs: Inputs, env: TrustedFilesEnvironment): Promise<TrustedFiles['vex']> {
  const ctx = sourceContext(inputs, env)
  return Promise.all(
    inputs.vex.map(async name => {
      const spec = parseSource('vex', name)
      let bytes: Buffer
      if (spec.kind === 'workspace') {
        try {
          bytes = readBoundedSync(resolve(env.workspace, spec.path), VEX_MAX_BYTES).bytes
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code
          throw new InputError(
            `Input "vex" has "${name}": ${code === 'ENOENT' ? 'no such file in the workspace' : 'the file cannot be read'}; give the path of an OpenVEX document, or base:<path> or github:<owner>/<repo>/<path>@<ref>`
          )
        }
      } else {
        const { source, path } = openSource('vex', spec, ctx)
        bytes = await source.read(path, VEX_MAX_BYTES)
        if (spec.kind === 'base') noticeIfChanged('vex', path, bytes, env)
      }
      if (bytes.length > VEX_MAX_BYTES)
        throw new InputError(`Input "vex" has "${name}": the file is over ${VEX_MAX_BYTES >> 20} MiB`)
      return { name, bytes }
    })
  )
}

/** Every file that decides the verdict, read once, before any image is looked at. */
export async function readTrustedFiles(inputs: Inputs, env: TrustedFilesEnvironment): Promise<TrustedFiles> {
  warnWorkspaceFiles(inputs, env)
  const [policy, keys, trustedRoot, notation, vex] = await Promise.all([
    readPolicy(inputs, env),
    readKeys(inputs, env),
    readTrustedRoot(inputs, env),
    readNotation(inputs, env),
    readVex(inputs, env)
  ])
  checkNotationRules(policy, notation)
  return { policy, keys, trustedRoot, vex, ...(notation ? { notation } : {}) }
}

/**
 * On a pull request, the files that decide the verdict and come from its own checkout: the pull request can change
 * them (add a CA to a trust store, a key, a VEX statement), so each is named in a warning that says how to read it
 * from the base commit instead. Keys given inline (from secrets) are not files, and are not named.
 */
export function workspaceFilesOnPullRequest(inputs: Inputs, env: NodeJS.ProcessEnv): string[] {
  if (!PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '')) return []
  const named: Array<[string, string | undefined]> = [
    ['policy', inputs.policy],
    ...splitKeySources(inputs.signatureKeys).paths.map((p): [string, string] => ['signature-keys', p]),
    ['trusted-root', inputs.trustedRoot],
    ['notation-trust-policy', inputs.notationTrustPolicy],
    ['notation-trust-store', inputs.notationTrustStore],
    ...inputs.vex.map((v): [string, string] => ['vex', v])
  ]
  return named.flatMap(([input, value]) => {
    if (value === undefined || value.trim() === '') return []
    const spec = parseSource(input, value.trim())
    return spec.kind === 'workspace' ? [`${input}: ${spec.path}`] : []
  })
}

function warnWorkspaceFiles(inputs: Inputs, env: TrustedFilesEnvironment): void {
  const files = workspaceFilesOnPullRequest(inputs, env.env)
  if (files.length === 0) return
  env.logger.warning(
    `On a pull request, these files that decide the verdict are read from the pull request's own checkout, which it can change: ${files.join('; ')}. Read them from the base commit (base:<path>) or a central repository (github:<owner>/<repo>/<path>@<ref>): docs/pull-requests.md`
  )
}

/**
 * A policy rule's `notation-trust-policy` (true, or statement names) and a quorum's `notation` signer need the
 * input's trust policy, and every name they give must be a statement of it: otherwise the rule could never be
 * satisfied, and the run stops saying so, naming the key or the signer.
 */
export function checkNotationRules(policy: Policy | undefined, notation: NotationMaterial | undefined): void {
  for (const rs of policy?.ruleSets ?? []) {
    // What names statements: the rule's notation-trust-policy, and each `notation` signer of its quorum (its name
    // unquoted: the command line shows a quoted input name, such as "images", as its flag).
    const named = [
      ...(rs.signature?.notation
        ? [{ who: 'notation-trust-policy', names: rs.signature.notation.policies ?? [] }]
        : []),
      ...(rs.quorum?.signers ?? []).flatMap(n =>
        n.kind === 'notation' ? [{ who: `signer ${n.name}`, names: [n.trustPolicy] }] : []
      )
    ]
    if (named.length === 0) continue
    if (!notation)
      throw new InputError(
        `${rs.source}: ${named[0]!.who} counts Notation signatures, but the input "notation-trust-policy" is not given: set it (and notation-trust-store) to the trustpolicy.json whose statements verify them`
      )
    const known = notation.policy.statements.map(s => s.name)
    for (const { who, names } of named) {
      const unknown = names.find(name => !known.includes(name))
      if (unknown !== undefined)
        throw new InputError(
          `${rs.source}: ${who} names "${unknown}", which is no statement of ${notation.policy.file} (its statements: ${known.join(', ')})`
        )
    }
  }
}
