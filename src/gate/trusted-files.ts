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
import { baseCommit } from '../github/api.js'
import type { Policy, PolicyFileReader } from '../policy/loader.js'
import { TRUSTED_ROOT_MAX_BYTES } from '../policy/types.js'
import type { PublicKey } from '../trust/keys.js'
import { KEY_FILE_LIMIT, KeyError, parsePublicKey, readKeyFile, splitKeySources } from '../trust/keys.js'
import { InputError } from './inputs.js'
import type { Inputs } from './inputs.js'
import { openSource, parseSource, type FileSource, type SourceContext } from './sources.js'
import { VEX_MAX_BYTES } from './vulnerabilities.js'

export interface TrustedFiles {
  policy: Policy | undefined
  keys: PublicKey[]
  /** The trusted-root input's file; undefined: the public-good root shipped inside the action. */
  trustedRoot: { path: string; text: string } | undefined
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
  if (spec.kind === 'workspace')
    return loader.loadPolicyDocument(
      resolve(env.workspace, spec.path),
      inputs.policy,
      loader.workspaceReader(env.workspace),
      env.now
    )
  const { source, path } = openSource('policy', spec, sourceContext(inputs, env))
  const bytes = await source.read(path, loader.POLICY_MAX_BYTES)
  const text = bytes.toString('utf8')
  if (spec.kind === 'base') noticeIfChanged('policy', path, bytes, env)
  env.logger.info(`policy: ${source.describe(path)}`)
  return loader.parsePolicyDocument(text, inputs.policy, await prefetch(source, text, loader.referencedFiles), env.now)
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
  const [policy, keys, trustedRoot, vex] = await Promise.all([
    readPolicy(inputs, env),
    readKeys(inputs, env),
    readTrustedRoot(inputs, env),
    readVex(inputs, env)
  ])
  return { policy, keys, trustedRoot, vex }
}
