import * as core from '@actions/core'
import { digestProblem } from '../core/digest.js'
import type { Platform } from '../oci/platform.js'
import { parsePlatform } from '../oci/platform.js'
import { parseLabelRequirement } from '../policy/rules/labels.js'
import { parseDuration, parseGrace } from '../policy/duration.js'
import { globProblem, normalizeHostPattern } from '../core/glob.js'
import { normalizeRegistryName, parseRepositoryName } from '../core/reference.js'
import { registerSecret } from '../core/secrets.js'
import { parsePublicKey, splitKeySources } from '../trust/keys.js'
import { GITHUB_ACTIONS_ISSUER } from '../model/trust.js'
import { GateError } from '../core/errors.js'
import { denyEntryProblem } from '../content/licenses.js'
import { FAIL_ON, type FailOn } from '../policy/types.js'
import { parseDatabaseUrl } from '../osv/url.js'

/** The vulnerability database asked when `vulnerability-db` is not given. */
export const DEFAULT_VULNERABILITY_DB = 'https://api.osv.dev'

/** Everything the action was asked, typed and checked. */
export interface Inputs {
  images: string[]
  policy: string | undefined
  platforms: Platform[]
  baseImages: string[]
  /** Seconds. */
  maxAge: number | undefined
  maxAgeText: string
  digest: string | undefined
  requireDigest: boolean
  registries: string[]
  labels: string[]
  nonRoot: boolean
  failBuild: boolean
  username: string
  password: string
  registry: string | undefined
  githubToken: string
  insecureRegistries: string[]
  concurrency: number
  summary: boolean
  files: string[]
  sarif: string | undefined
  changedFilesOnly: boolean
  /** Keep one comment on the pull request with the summary. */
  comment: boolean
  /** `true` (seconds 0) or a grace duration; undefined: off. */
  baseCurrent: { seconds: number; text: string } | undefined
  pinsCurrent: { seconds: number; text: string } | undefined
  /** Directory of the content cache; undefined: no cache. */
  cache: string | undefined
  /** The signature-keys value as written: inline PEM blocks and paths, read by the gate from the workspace. */
  signatureKeys: string
  signatureIdentities: string[]
  signatureIssuer: string
  /** `owner/repo` globs. */
  provenance: string[]
  attestations: string[]
  trustedRoot: string | undefined
  /** Where signatures are kept (cosign's COSIGN_REPOSITORY); undefined: each image's own repository. */
  signatureRepository: { registry: string; repository: string } | undefined
  /** `present` (`sbom: true`): every platform has an SBOM; `signed`: one an accepted signer covers. */
  sbom: 'present' | 'signed' | undefined
  /** Denied licences: SPDX ids or globs. */
  licenses: string[]
  /** A Notation `trustpolicy.json` and the trust store directory it names (each a path, `base:` or `github:`). */
  notationTrustPolicy?: string
  notationTrustStore?: string
  /** The lowest severity that fails; undefined: the inputs' vulnerabilities rule is off. */
  vulnerabilities: FailOn | undefined
  /** The OSV API's base URL; undefined (`none`): only signed vulnerability reports are read. */
  vulnerabilityDb: string | undefined
  /** OpenVEX documents: workspace paths, `base:` and `github:` sources. */
  vex: string[]
}

const REPOSITORY_PATTERN = /^[^/\s]+\/[^/\s]+$/

/** Bad input: the message names the input, the value and what would be right. */
export class InputError extends GateError {
  constructor(message: string) {
    super('input', message)
  }
}

export const DEFAULT_CONCURRENCY = 32
const MAX_CONCURRENCY = 64

/** The value of one input by its action.yml name, '' when not given: core.getInput, or the command line's flags. */
export type Getter = (name: string) => string

/** Glob inputs: each pattern within the bounds globs have (length, brace expansion), or a clear error naming it. */
function checkGlobs(name: string, patterns: string[]): string[] {
  for (const p of patterns) {
    const problem = globProblem(p)
    if (problem) {
      const shown = p.length > 80 ? `${p.slice(0, 80)}…` : p
      throw new InputError(
        `Input "${name}" has the pattern "${shown}": ${problem}; write a shorter pattern, or several`
      )
    }
  }
  return patterns
}

/** One item per line or comma-separated; blank lines and `#` comments are ignored. */
export function parseList(value: string, { commas = true }: { commas?: boolean } = {}): string[] {
  const out: string[] = []
  for (const rawLine of value.split(/\r?\n/)) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim()
    if (line === '') continue
    for (const item of commas ? line.split(',') : [line]) {
      const t = item.trim()
      if (t !== '') out.push(t)
    }
  }
  return out
}

/**
 * A list input that turns a rule on. Text that holds no entry (blank lines, commas, `# comments`) is an error, not
 * an empty list: it is what a secret or variable that is empty (as secrets are on a fork's pull request) leaves in
 * a list, and an empty list would leave the rule off without a word.
 */
function ruleList(name: string, value: string, opts: { commas?: boolean } = {}): string[] {
  return notHollow(name, value, parseList(value, opts))
}

function notHollow<T>(name: string, value: string, items: T[]): T[] {
  if (items.length === 0 && value.trim() !== '') throw new InputError(`Input "${name}" ${HOLDS_NOTHING}`)
  return items
}

const HOLDS_NOTHING =
  'holds no entry, only blank lines, commas or # comments, which would leave its rule off: give at least one entry, or remove the input; if it is filled in from a secret or a variable, that one is empty (as secrets are on a pull request from a fork)'

export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim()
  if (v === '') return fallback
  if (['true', 'True', 'TRUE'].includes(v)) return true
  if (['false', 'False', 'FALSE'].includes(v)) return false
  throw new InputError(`Input "${name}" is "${v}": write true or false`)
}

// A password is taken as written (robot-account secrets may begin or end with a space); other inputs are trimmed.
export function readInputs(get: Getter = name => core.getInput(name, { trimWhitespace: name !== 'password' })): Inputs {
  const images = parseList(get('images'))
  const files = checkGlobs('files', parseList(get('files')))
  if (images.length === 0 && files.length === 0) {
    throw new InputError(
      'Input "images" is empty: list at least one image reference (one per line or comma-separated), or give "files"'
    )
  }
  notHollow('images', get('images'), images)
  notHollow('files', get('files'), files)

  const platforms = ruleList('platforms', get('platforms')).map(p => {
    try {
      return parsePlatform(p)
    } catch (e) {
      throw new InputError(`Input "platforms": ${(e as Error).message}`)
    }
  })

  const maxAgeText = get('max-age').trim()
  let maxAge: number | undefined
  if (maxAgeText !== '') {
    try {
      maxAge = parseDuration(maxAgeText)
    } catch (e) {
      throw new InputError(`Input "max-age": ${(e as Error).message}`)
    }
  }

  const digestText = get('digest').trim()
  if (digestText !== '') {
    const problem = digestProblem(digestText)
    if (problem) throw new InputError(`Input "digest" is "${digestText}": ${problem}`)
  }

  if (digestText !== '' && images.length > 1) {
    throw new InputError(
      `Input "digest" is for one image, but "images" lists ${images.length}: pin each as name@digest instead`
    )
  }

  const concurrencyText = get('concurrency').trim()
  let concurrency = DEFAULT_CONCURRENCY
  if (concurrencyText !== '') {
    concurrency = Number(concurrencyText)
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new InputError(
        `Input "concurrency" is "${concurrencyText}": write a whole number from 1 to ${MAX_CONCURRENCY}`
      )
    }
  }

  const labels = ruleList('labels', get('labels'), { commas: false })
  for (const l of labels) {
    const key = l.split('=')[0]!.trim()
    if (key === '') throw new InputError(`Input "labels" has "${l}": write KEY or KEY=GLOB, one per line`)
    const { glob } = parseLabelRequirement(l)
    if (glob !== undefined) checkGlobs('labels', [glob])
  }

  const credentials = readCredentialInputs(get)

  const grace = (name: string): { seconds: number; text: string } | undefined => {
    try {
      return parseGrace(get(name))
    } catch (e) {
      throw new InputError(`Input "${name}": ${(e as Error).message}`)
    }
  }
  const baseCurrent = grace('base-current')
  const pinsCurrent = grace('pins-current')
  const cache = get('cache').trim()
  const trust = readTrustInputs(get)
  const notation = readNotationInputs(get)

  const policy = get('policy').trim()
  const sarif = get('sarif').trim()
  const insecureRegistries = parseList(get('insecure-registries')).map(normalizeRegistryName)
  const vulnerabilities = readVulnerabilityInputs(get, insecureRegistries)
  return {
    images,
    policy: policy === '' ? undefined : policy,
    platforms,
    baseImages: checkGlobs('base-images', ruleList('base-images', get('base-images'))),
    maxAge,
    maxAgeText,
    digest: digestText === '' ? undefined : digestText,
    requireDigest: parseBoolean('require-digest', get('require-digest'), false),
    registries: checkGlobs('registries', ruleList('registries', get('registries'))).map(normalizeHostPattern),
    labels,
    nonRoot: parseBoolean('non-root', get('non-root'), false),
    failBuild: parseBoolean('fail-build', get('fail-build'), true),
    ...credentials,
    insecureRegistries,
    concurrency,
    summary: parseBoolean('summary', get('summary'), true),
    files,
    sarif: sarif === '' ? undefined : sarif,
    changedFilesOnly: parseBoolean('changed-files-only', get('changed-files-only'), false),
    comment: parseBoolean('comment', get('comment'), false),
    baseCurrent,
    pinsCurrent,
    cache: cache === '' ? undefined : cache,
    ...trust,
    ...readContentInputs(get, trust),
    ...notation,
    ...vulnerabilities
  }
}

/**
 * The inputs of the vulnerabilities rule: the severity that fails, the database, and the VEX documents. The
 * database is https, or plain http only on a loopback host or one `insecure-registries` names.
 */
function readVulnerabilityInputs(
  get: Getter,
  insecureRegistries: string[]
): Pick<Inputs, 'vulnerabilities' | 'vulnerabilityDb' | 'vex'> {
  const severity = get('vulnerabilities').trim()
  if (severity !== '' && !(FAIL_ON as readonly string[]).includes(severity)) {
    throw new InputError(
      `Input "vulnerabilities" is "${severity}": write the lowest severity that fails: ${FAIL_ON.join(', ')} (any also fails vulnerabilities of unknown severity)`
    )
  }
  // Empty is the action's default (as every input's is); `none` asks no database: only signed reports are read.
  const written = get('vulnerability-db').trim().replace(/\/+$/, '')
  const db = written === '' ? DEFAULT_VULNERABILITY_DB : written
  let url: string | undefined
  if (db !== 'none') {
    try {
      url = parseDatabaseUrl(db, insecureRegistries)
    } catch (e) {
      if (!(e instanceof GateError)) throw e
      throw new InputError(
        // Its message shows the value without what it must not repeat (credentials in the URL).
        `Input "vulnerability-db": ${e.message.replace(/^vulnerability-db: /, '')}; or none to read only signed vulnerability reports`
      )
    }
  }
  const vex = ruleList('vex', get('vex'))
  const policy = get('policy').trim()
  if (vex.length > 0 && severity === '' && policy === '') {
    throw new InputError(
      'Input "vex" is set, but no vulnerabilities rule is on: set vulnerabilities (if it comes from a secret or a variable, that one is empty), or a policy with one, or remove vex'
    )
  }
  return {
    vulnerabilities: severity === '' ? undefined : (severity as FailOn),
    vulnerabilityDb: url,
    vex
  }
}

/** `sbom` and `licenses`: what an image must say it contains. */
function readContentInputs(
  get: Getter,
  trust: Pick<Inputs, 'signatureKeys' | 'signatureIdentities' | 'provenance'>
): Pick<Inputs, 'sbom' | 'licenses'> {
  const sbomText = get('sbom').trim()
  let sbom: Inputs['sbom']
  if (['true', 'True', 'TRUE'].includes(sbomText)) sbom = 'present'
  else if (sbomText === 'signed') sbom = 'signed'
  else if (!['', 'false', 'False', 'FALSE'].includes(sbomText))
    throw new InputError(
      `Input "sbom" is "${sbomText.slice(0, 80)}": write true (every platform has an SBOM), signed (one an accepted signer covers) or false`
    )
  const signers =
    splitKeySources(trust.signatureKeys).pems.length +
    splitKeySources(trust.signatureKeys).paths.length +
    trust.signatureIdentities.length +
    trust.provenance.length
  if (sbom === 'signed' && signers === 0 && get('policy').trim() === '')
    throw new InputError(
      'Input "sbom" is "signed", which needs a signer to trust: set signature-keys, signature-identities or provenance, or write sbom: true'
    )
  const licenses = checkGlobs('licenses', ruleList('licenses', get('licenses')))
  for (const l of licenses) {
    const problem = denyEntryProblem(l)
    if (problem) throw new InputError(`Input "licenses" has "${l.slice(0, 80)}": ${problem}`)
  }
  return { sbom, licenses }
}

/** The inputs of the trust rules: who may sign, what must be attested, and the root keyless signatures chain to. */
function readTrustInputs(
  get: Getter
): Pick<
  Inputs,
  | 'signatureKeys'
  | 'signatureIdentities'
  | 'signatureIssuer'
  | 'provenance'
  | 'attestations'
  | 'trustedRoot'
  | 'signatureRepository'
> {
  const signatureKeys = get('signature-keys')
  const keySources = splitKeySources(signatureKeys)
  notHollow('signature-keys', signatureKeys, [...keySources.pems, ...keySources.paths])
  for (const [i, pem] of keySources.pems.entries()) {
    try {
      parsePublicKey(pem, `inline key ${i + 1}`)
    } catch (e) {
      throw new InputError(`Input "signature-keys": ${(e as Error).message}`)
    }
  }
  const signatureIdentities = ruleList('signature-identities', get('signature-identities'))
  const signatureIssuer = get('signature-issuer').trim() || GITHUB_ACTIONS_ISSUER
  if (!/^https:\/\/[^\s/]+/.test(signatureIssuer)) {
    throw new InputError(
      `Input "signature-issuer" is "${signatureIssuer}": write the OIDC issuer URL, like ${GITHUB_ACTIONS_ISSUER}`
    )
  }
  const provenance = ruleList('provenance', get('provenance'))
  for (const p of provenance) {
    if (!REPOSITORY_PATTERN.test(p))
      throw new InputError(
        `Input "provenance" has "${p}": write GitHub repositories as owner/repo (globs like acme/* allowed)`
      )
  }
  const attestations = ruleList('attestations', get('attestations'))
  if (
    attestations.length > 0 &&
    keySources.pems.length + keySources.paths.length === 0 &&
    signatureIdentities.length === 0 &&
    provenance.length === 0 &&
    get('policy').trim() === ''
  ) {
    throw new InputError(
      'Input "attestations" needs a signer to trust: set signature-keys, signature-identities or provenance'
    )
  }
  const trustedRoot = get('trusted-root').trim()
  // An issuer or a root with nothing to verify says a trust rule was meant: the identities it goes with are empty.
  if (signatureIssuer !== GITHUB_ACTIONS_ISSUER && signatureIdentities.length === 0) {
    throw new InputError(
      `Input "signature-issuer" is "${signatureIssuer}", but "signature-identities" is empty: the issuer applies to those identities; list them (if they come from a secret or a variable, that one is empty), or remove signature-issuer`
    )
  }
  const trustRules =
    keySources.pems.length +
    keySources.paths.length +
    signatureIdentities.length +
    provenance.length +
    attestations.length
  if (trustedRoot !== '' && trustRules === 0 && get('policy').trim() === '') {
    throw new InputError(
      `Input "trusted-root" is "${trustedRoot}", but no trust rule is on: set signature-keys, signature-identities, provenance or attestations (if they come from a secret or a variable, that one is empty), or remove trusted-root`
    )
  }
  return {
    signatureKeys,
    signatureIdentities,
    signatureIssuer,
    provenance,
    attestations,
    trustedRoot: trustedRoot === '' ? undefined : trustedRoot,
    signatureRepository: readSignatureRepository(get, trustRules)
  }
}

/** `signature-repository`: `registry/repository`, no tag or digest; with no trust rule to look for, a mistake. */
function readSignatureRepository(get: Getter, trustRules: number): Inputs['signatureRepository'] {
  const text = get('signature-repository').trim()
  if (text === '') return undefined
  let repo: { registry: string; repository: string }
  try {
    repo = parseRepositoryName(text)
  } catch (e) {
    throw new InputError(
      `Input "signature-repository" is "${text}": ${(e as Error).message.replace(/^".*" is not a valid image reference: /, '')}; write registry/repository, like ghcr.io/acme/signatures`
    )
  }
  if (trustRules === 0 && get('policy').trim() === '')
    throw new InputError(
      `Input "signature-repository" is "${text}", but no trust rule is on: set signature-keys, signature-identities, provenance or attestations (if they come from a secret or a variable, that one is empty), or remove signature-repository`
    )
  return repo
}

/**
 * Notation: the trust policy and the trust store go together (a policy names stores; a store alone verifies
 * nothing). Each is a workspace path, `base:<path>` or `github:<owner>/<repo>/<path>@<ref>`, read later.
 */
function readNotationInputs(get: Getter): Pick<Inputs, 'notationTrustPolicy' | 'notationTrustStore'> {
  const policy = get('notation-trust-policy').trim()
  const store = get('notation-trust-store').trim()
  if ((policy === '') !== (store === '')) {
    const [given, empty] =
      policy === ''
        ? ['notation-trust-store', 'notation-trust-policy']
        : ['notation-trust-policy', 'notation-trust-store']
    throw new InputError(
      `Input "${given}" is "${policy || store}", but "${empty}" is empty: Notation needs both, a trustpolicy.json and the trust store directory (x509/ca/<name>/…) it names (if one comes from a secret or a variable, that one is empty)`
    )
  }
  if (policy === '') return {}
  for (const [name, value] of [
    ['notation-trust-policy', policy],
    ['notation-trust-store', store]
  ] as const) {
    if (/[\r\n]/.test(value))
      throw new InputError(
        `Input "${name}" holds more than one line: give one path, base:<path> or github:<owner>/<repo>/<path>@<ref>`
      )
  }
  return { notationTrustPolicy: policy, notationTrustStore: store }
}

/** The credentials: `username` and `password` go together; every secret is registered to be masked at once. */
function readCredentialInputs(get: Getter): Pick<Inputs, 'username' | 'password' | 'registry' | 'githubToken'> {
  const username = get('username').trim()
  // Only a trailing line break (a YAML block scalar's, or `echo`'s) is not part of it.
  const password = get('password').replace(/\r?\n$/, '')
  registerSecret(password)
  const githubToken = get('github-token').trim()
  registerSecret(githubToken)
  if ((username === '') !== (password === '')) {
    throw new InputError(
      `Inputs "username" and "password" go together: ${username === '' ? '"username" is empty' : '"password" is empty'}`
    )
  }
  const registryText = get('registry').trim()
  return {
    username,
    password,
    registry: registryText === '' ? undefined : normalizeRegistryName(registryText),
    githubToken
  }
}
