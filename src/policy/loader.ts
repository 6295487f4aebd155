import { Ajv, type ErrorObject } from 'ajv'
import { readBoundedSync } from '../core/bounded-read.js'
import { resolve } from 'node:path'
import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument } from 'yaml'
import type { Node as YamlNode, Document } from 'yaml'
import schema from '../../policy.schema.json' with { type: 'json' }
import { digestProblem } from '../core/digest.js'
import { parsePlatform } from '../oci/platform.js'
import { parseDuration, parseGrace } from './duration.js'
import { PolicyError } from './errors.js'
import { globProblem, normalizeHostPattern, parseReferencePattern } from '../core/glob.js'
import { denyEntryProblem } from '../content/licenses.js'
import {
  DEFAULT_MAX_REPORT_AGE,
  FAIL_ON,
  TRUSTED_ROOT_MAX_BYTES,
  type AttestationCondition,
  type FailOn,
  type LabelRequirement,
  type NamedSigner,
  type QuorumRequirement,
  type RuleSet,
  type VulnerabilityIgnore,
  type VulnerabilityRequirement
} from './types.js'
import type { PublicKey } from '../trust/keys.js'
import { KEY_FILE_LIMIT, KeyError, loadKeys, splitKeySources } from '../trust/keys.js'
import { GITHUB_ACTIONS_ISSUER } from '../model/trust.js'
import { GateError } from '../core/errors.js'
import { InvalidReference, parseRepositoryName } from '../core/reference.js'
import { untilProblem, type PolicyException } from './exceptions.js'

export { PolicyError }

const KNOWN_KEYS = Object.keys(schema.definitions.rule.properties)
/** A blank or comment-only entry: dropping it could leave a rule off that the policy meant to turn on. */
const EMPTY_ENTRY =
  'the entry is empty (blank, or only a # comment): give a value or remove the entry; if it is filled in from a secret or a variable, that one is empty'

let validator: ReturnType<Ajv['compile']> | undefined
function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema)
  return validator(data) ? [] : [...(validator.errors ?? [])]
}

interface RawRule {
  images?: string[]
  platforms?: string[]
  'base-images'?: string[]
  'max-age'?: string
  digest?: string
  'require-digest'?: boolean
  registries?: string[]
  labels?: Record<string, string | boolean>
  'non-root'?: boolean
  'base-current'?: boolean | string
  'pins-current'?: boolean | string
  'signature-keys'?: string[]
  'signature-identities'?: string[]
  'signature-issuer'?: string
  'notation-trust-policy'?: true | string[]
  provenance?:
    | string[]
    | {
        repositories: string[]
        workflows?: string[]
        refs?: string[]
        runner?: 'github-hosted'
        'source-digest'?: string
      }
  signers?: RawSigner[]
  threshold?: number
  required?: string[]
  attestations?: Array<string | { type: string; condition?: string }>
  sbom?: boolean | 'signed'
  licenses?: string[] | { deny: string[]; unknown?: 'pass' | 'fail' }
  vulnerabilities?: FailOn | RawVulnerabilities
  'trusted-root'?: string
  'signature-repository'?: string
  mode?: 'enforce' | 'warn'
}

interface RawSigner {
  name: string
  key?: string
  identity?: string
  issuer?: string
  notation?: string
  provenance?: string
}

interface RawVulnerabilities {
  'fail-on': FailOn
  'fixable-only'?: boolean
  'max-report-age'?: string
  ignore?: Array<{ id: string; until: string; reason: string }>
}

interface RawException {
  images?: string[]
  rules?: string[]
  ids?: string[]
  until: string
  reason: string
}

/** A policy: its rule sets, and the exceptions that excuse some of their findings for a while. */
export interface Policy {
  ruleSets: RuleSet[]
  exceptions: PolicyException[]
}

/**
 * Reads a file a policy names (a key, a trusted root), at most `maxBytes` and one more: a longer result tells the
 * loader the file is too large. Relative paths are relative to where the policy itself was read from (the
 * workspace, or a repository at a commit), so that a policy read from a trusted source never reads the workspace.
 */
export type PolicyFileReader = (path: string, maxBytes: number) => Buffer

/** Reads the workspace's files, bounded (no devices, no FIFOs). */
export function workspaceReader(workspace: string): PolicyFileReader {
  return (path, maxBytes) => readBoundedSync(resolve(workspace, path), maxBytes).bytes
}

/**
 * The files a policy names (signature-keys paths, trusted roots), read from its text without judging it: what must
 * be fetched before it can be loaded from a source that is read asynchronously. Anything unexpected is skipped; the
 * loader judges the policy itself.
 */
export function referencedFiles(text: string): Array<{ path: string; maxBytes: number }> {
  let data: unknown
  try {
    data = parseDocument(text, { uniqueKeys: false, prettyErrors: false }).toJS({ maxAliasCount: 100 })
  } catch {
    return []
  }
  const rules = (data as { rules?: unknown } | null)?.rules
  if (!Array.isArray(rules)) return []
  const out = new Map<string, number>()
  for (const r of rules.slice(0, 1000) as Array<Record<string, unknown> | null>) {
    const keys = r?.['signature-keys']
    if (Array.isArray(keys))
      for (const k of keys)
        if (typeof k === 'string') for (const p of splitKeySources(k).paths) out.set(p, KEY_FILE_LIMIT)
    const signers = r?.signers
    if (Array.isArray(signers))
      for (const n of signers as Array<{ key?: unknown } | null>)
        if (typeof n?.key === 'string') for (const p of splitKeySources(n.key).paths) out.set(p, KEY_FILE_LIMIT)
    const root = r?.['trusted-root']
    if (typeof root === 'string' && root.trim() !== '') out.set(root, TRUSTED_ROOT_MAX_BYTES)
  }
  return [...out].slice(0, MAX_REFERENCED_FILES).map(([path, maxBytes]) => ({ path, maxBytes }))
}

/** Files one policy may name: keys and trusted roots, read before it loads. */
export const MAX_REFERENCED_FILES = 64

/**
 * Largest policy file read. A policy of a thousand rules is a few tens of KiB; parsing YAML costs far more memory
 * than the text, so a file past this is refused before it is parsed.
 */
export const POLICY_MAX_BYTES = 256 * 1024

/**
 * Reads and checks a policy file; `name` is how messages call it (the path as the user wrote it). Key files that
 * `signature-keys` names are read from `workspace`.
 */
export function loadPolicyFile(path: string, name: string, workspace = process.cwd()): RuleSet[] {
  return loadPolicyDocument(path, name, workspaceReader(workspace), new Date()).ruleSets
}

/** Reads a policy file of the workspace, bounded, and checks it: its rule sets and its exceptions. */
export function loadPolicyDocument(path: string, name: string, read: PolicyFileReader, now: Date): Policy {
  let text: string
  let size: number
  try {
    const got = readBoundedSync(path, POLICY_MAX_BYTES)
    size = Math.max(got.size, got.bytes.length)
    text = got.bytes.toString('utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new PolicyError([
      `${name}: cannot read the policy file${code === 'ENOENT' ? ': no such file in the workspace' : `: ${(e as Error).message}`}`
    ])
  }
  if (size > POLICY_MAX_BYTES) {
    throw new PolicyError([
      `${name}: the policy file is ${size} bytes, over the limit of ${POLICY_MAX_BYTES / 1024} KiB; a policy is a short list of rules`
    ])
  }
  return parsePolicyDocument(text, name, read, now)
}

/** The rule sets of a policy whose files are in `workspace`. */

/** `rules[1].max-age` from `/rules/1/max-age`. */
function displayPath(segments: Array<string | number>): string {
  let out = ''
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`
  return out === '' ? '(top level)' : out
}

export function parsePolicy(text: string, name: string, workspace = process.cwd(), now = new Date()): RuleSet[] {
  return parsePolicyDocument(text, name, workspaceReader(workspace), now).ruleSets
}

/**
 * Checks and loads a policy: its rule sets and its exceptions. `name` is how messages call it; `read` reads the
 * files it names; `now` is the day exceptions are judged against. Every problem is told at once, at its line.
 */
/** Where a policy's problems are: its name, and the line of a path in it. */
interface Place {
  name: string
  lineNumber: (segments: Array<string | number>, key?: string) => number | undefined
  lineOf: (segments: Array<string | number>, key?: string) => string
}

/** The YAML of a policy, parsed (bounded aliases), with the lines of its nodes. */
function readYaml(text: string, name: string): { data: unknown; place: Place } {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    throw new PolicyError(
      doc.errors.map(e => {
        const pos = e.linePos?.[0] ?? (e.pos?.[0] !== undefined ? lines.linePos(e.pos[0]) : undefined)
        return `${name}${pos ? `:${pos.line}:${pos.col}` : ''}: not valid YAML: ${e.message.split('\n')[0]}`
      })
    )
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 })
  } catch (e) {
    // An alias to nothing, or an alias bomb.
    throw new PolicyError([`${name}: not valid YAML: ${(e as Error).message}`])
  }
  if (data === null || data === undefined)
    throw new PolicyError([`${name}: the policy file is empty: it needs a "rules" list`])
  const lineNumber = (segments: Array<string | number>, key?: string): number | undefined => {
    const offset = nodeAt(doc, segments, key)?.range?.[0]
    return offset === undefined ? undefined : lines.linePos(offset).line
  }
  const lineOf = (segments: Array<string | number>, key?: string): string => {
    const line = lineNumber(segments, key)
    return line === undefined ? '' : `:${line}`
  }
  return { data, place: { name, lineNumber, lineOf } }
}

/** What the schema says is wrong, each at its line, in words that say what to write. */
function schemaProblems(data: unknown, place: Place): string[] {
  const { name, lineOf } = place
  const problems: string[] = []
  const errors = validate(data)
  // A value with alternatives (provenance: a list or a map): what each alternative wanted is noise; the others say it.
  const alternatives = new Set(errors.filter(e => e.keyword === 'oneOf').map(e => e.instancePath))
  const kept = errors.filter(
    e => !(alternatives.has(e.instancePath) && (e.keyword === 'oneOf' || e.keyword === 'type'))
  )
  for (const path of alternatives) {
    if (kept.some(e => e.instancePath.startsWith(path))) continue
    const segments = path
      .split('/')
      .slice(1)
      .map(s => (/^\d+$/.test(s) ? Number(s) : s))
    const want =
      segments.at(-1) === 'vulnerabilities'
        ? `must be a severity (${FAIL_ON.join(', ')}), or a map of fail-on, fixable-only, max-report-age, ignore`
        : 'must be a list, like [a, b], or a map of KEY: value'
    problems.push(
      `${name}${lineOf(segments)}: ${displayPath(segments)}: ${JSON.stringify(valueAt(data, segments))} ${want}`
    )
  }
  for (const err of kept) {
    const segments = err.instancePath
      .split('/')
      .slice(1)
      .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map(s => (/^\d+$/.test(s) ? Number(s) : s))
    const value = valueAt(data, segments)
    const path = displayPath(segments)
    if (err.keyword === 'additionalProperties') {
      const key = (err.params as { additionalProperty: string }).additionalProperty
      const known =
        segments.length === 0
          ? 'rules, exceptions'
          : segments[0] === 'exceptions'
            ? 'images, rules, ids, until, reason'
            : segments[2] === 'attestations'
              ? 'type, condition'
              : segments.includes('ignore')
                ? 'id, until, reason'
                : segments.at(-1) === 'vulnerabilities'
                  ? 'fail-on, fixable-only, max-report-age, ignore'
                  : KNOWN_KEYS.join(', ')
      problems.push(`${name}${lineOf(segments, key)}: ${path}: unknown key "${key}" (known keys: ${known})`)
    } else if (
      (err.keyword === 'pattern' || err.keyword === 'minLength') &&
      typeof value === 'string' &&
      value.trim() === ''
    ) {
      problems.push(`${name}${lineOf(segments)}: ${path}: ${EMPTY_ENTRY}`)
    } else if (err.keyword === 'pattern' && typeof value === 'string') {
      const key = segments.find((s): s is string => typeof s === 'string' && KNOWN_KEYS.includes(s)) ?? ''
      problems.push(`${name}${lineOf(segments)}: ${path}: ${valueProblem(key, value, segments)}`)
    } else if (err.keyword === 'required') {
      const missing = (err.params as { missingProperty: string }).missingProperty
      problems.push(`${name}${lineOf(segments)}: ${path}: "${missing}" is required`)
    } else if (err.keyword === 'not' || err.keyword === 'if') {
      problems.push(
        `${name}${lineOf(segments)}: ${path}: false is not allowed: write a glob the value must match, or true for present`
      )
    } else if (err.keyword === 'type') {
      const type = String((err.params as { type: string | string[] }).type)
      const want = TYPE_WORDS[type] ?? `must be ${type}`
      problems.push(`${name}${lineOf(segments)}: ${path}: ${JSON.stringify(value)} ${want}`)
    } else if (err.keyword === 'enum') {
      const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.map(v => JSON.stringify(v)).join(', ')
      problems.push(`${name}${lineOf(segments)}: ${path}: ${JSON.stringify(value)} is not allowed: write ${allowed}`)
    } else if (err.keyword === 'minProperties') {
      problems.push(
        `${name}${lineOf(segments)}: ${path}: the map is empty: list at least one KEY: value, or leave the key out`
      )
    } else if (err.keyword === 'minItems') {
      problems.push(
        `${name}${lineOf(segments)}: ${path}: the list is empty: list at least one item, or leave the key out`
      )
    } else {
      problems.push(`${name}${lineOf(segments)}: ${path}: ${JSON.stringify(value)} ${err.message ?? 'is not valid'}`)
    }
  }
  return problems
}

/** A rule set's keys and trusted root, read through `read`; what cannot be used goes to `keyProblems`. */
function trustFiles(
  r: RawRule,
  i: number,
  rs: RuleSet,
  read: PolicyFileReader,
  place: Place,
  keyProblems: string[]
): void {
  const { name, lineOf } = place
  const keyEntries = r['signature-keys'] ?? []
  // An entry that is only a comment names no key: were it dropped, a rule meant to require a signer would not exist.
  keyEntries.forEach((entry, j) => {
    const { pems, paths } = splitKeySources(entry)
    if (pems.length + paths.length === 0)
      keyProblems.push(
        `${name}${lineOf(['rules', i, 'signature-keys', j])}: rules[${i}].signature-keys[${j}]: ${EMPTY_ENTRY}`
      )
  })
  const keyText = r['signature-keys']?.join('\n')
  let keys: PublicKey[] = []
  if (keyText !== undefined) {
    try {
      keys = loadKeys(keyText, '', p => read(p, KEY_FILE_LIMIT))
    } catch (e) {
      if (!(e instanceof KeyError)) throw e
      keyProblems.push(`${name}${lineOf(['rules', i, 'signature-keys'])}: rules[${i}].signature-keys: ${e.message}`)
    }
  }
  if (keys.length > 0 || r['signature-identities']) {
    rs.signature = {
      keys,
      identities: r['signature-identities'] ?? [],
      issuer: r['signature-issuer'] ?? GITHUB_ACTIONS_ISSUER
    }
  } else if (r['signature-issuer'] !== undefined) {
    keyProblems.push(
      `${name}${lineOf(['rules', i, 'signature-issuer'])}: rules[${i}].signature-issuer: it applies to signature-identities, which this rule does not have`
    )
  }
  quorumOf(r, i, rs, read, place, keyProblems)
  const sigRepo = r['signature-repository']
  if (sigRepo !== undefined) {
    try {
      rs.signatureRepository = parseRepositoryName(sigRepo)
    } catch (e) {
      if (!(e instanceof InvalidReference)) throw e
      keyProblems.push(
        `${name}${lineOf(['rules', i, 'signature-repository'])}: rules[${i}].signature-repository: ${e.message.replace('is not a valid image reference', 'is not a repository')}`
      )
    }
  }
  // Notation signatures that the run's trust policy verifies count too: any statement's, or the named ones'.
  const notation = r['notation-trust-policy']
  if (notation !== undefined) {
    rs.signature ??= { keys: [], identities: [], issuer: GITHUB_ACTIONS_ISSUER }
    rs.signature.notation = notation === true ? {} : { policies: notation }
  }
  const rootPath = r['trusted-root']
  if (rootPath !== undefined) {
    const where = `${name}${lineOf(['rules', i, 'trusted-root'])}: rules[${i}].trusted-root`
    try {
      const bytes = read(rootPath, TRUSTED_ROOT_MAX_BYTES)
      if (bytes.length > TRUSTED_ROOT_MAX_BYTES)
        keyProblems.push(`${where}: ${JSON.stringify(rootPath)} is over 4 MiB; a Sigstore trusted root is a few KiB`)
      else rs.trustedRoot = { path: rootPath, text: bytes.toString('utf8'), where }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      const why =
        code === 'ENOENT'
          ? 'no such file in the workspace'
          : e instanceof GateError
            ? e.message
            : 'the file cannot be read'
      keyProblems.push(
        `${where}: ${JSON.stringify(rootPath)}: ${why}; give the path (relative to the workspace) of a trusted_root.json or of what gh attestation trusted-root prints`
      )
    }
  }
}

/** What one signer of a quorum is: exactly one of these keys says it. */
const SIGNER_KINDS = ['key', 'identity', 'notation', 'provenance'] as const

/** One signer of `signers`, or a problem (pushed to `problems`) and undefined. */
function signerOf(
  n: RawSigner,
  at: (key?: string) => string,
  read: PolicyFileReader,
  problems: string[]
): NamedSigner | undefined {
  const kinds = SIGNER_KINDS.filter(k => n[k] !== undefined)
  if (kinds.length !== 1) {
    problems.push(
      `${at()}: signer "${n.name}" ${kinds.length === 0 ? 'says nothing of who it is' : `has ${kinds.join(' and ')}`}: give exactly one of key (a PEM file or block), identity (a keyless identity, with issuer), notation (a Notation trust policy) or provenance (owner/repo)`
    )
    return undefined
  }
  if (n.issuer !== undefined && n.identity === undefined) {
    problems.push(`${at('issuer')}: issuer applies to identity, which signer "${n.name}" does not have`)
    return undefined
  }
  if (n.key !== undefined) {
    const { pems, paths } = splitKeySources(n.key)
    if (pems.length + paths.length === 0) {
      problems.push(`${at('key')}: ${EMPTY_ENTRY}`)
      return undefined
    }
    try {
      return { name: n.name, kind: 'key', keys: loadKeys(n.key, '', p => read(p, KEY_FILE_LIMIT)) }
    } catch (e) {
      if (!(e instanceof KeyError)) throw e
      problems.push(`${at('key')}: ${e.message}`)
      return undefined
    }
  }
  if (n.identity !== undefined) {
    const problem = globProblem(n.identity)
    if (problem) {
      problems.push(`${at('identity')}: ${problem}; write a shorter pattern`)
      return undefined
    }
    return { name: n.name, kind: 'keyless', identity: n.identity, issuer: n.issuer ?? GITHUB_ACTIONS_ISSUER }
  }
  if (n.notation !== undefined) return { name: n.name, kind: 'notation', trustPolicy: n.notation }
  const problem = globProblem(n.provenance!)
  if (problem) {
    problems.push(`${at('provenance')}: ${problem}; write a shorter pattern`)
    return undefined
  }
  return { name: n.name, kind: 'provenance', repository: n.provenance! }
}

/** Who one signer is, for finding the same signer under two names. */
function signerIdentities(n: NamedSigner): string[] {
  switch (n.kind) {
    case 'key':
      return n.keys.map(k => `key ${k.fingerprint}`)
    case 'keyless':
      return [`identity ${n.identity} (issuer ${n.issuer})`]
    case 'notation':
      return [`Notation trust policy ${n.trustPolicy}`]
    case 'provenance':
      return [`GitHub Actions of ${n.repository.toLowerCase()}`]
  }
}

/**
 * A rule's quorum: `signers`, `threshold` (default 1) and `required`. A name given twice, one signer under two
 * names (it would count twice), a threshold no signers could reach, and a required name that is not a signer are
 * problems, never a quorum that silently means less.
 */
function quorumOf(r: RawRule, i: number, rs: RuleSet, read: PolicyFileReader, place: Place, problems: string[]): void {
  const { name, lineOf } = place
  const at = (segments: Array<string | number>, key?: string): string =>
    `${name}${lineOf(['rules', i, ...segments], key)}: rules[${i}].${segments
      .map(s => (typeof s === 'number' ? `[${s}]` : `.${s}`))
      .join('')
      .slice(1)}${key ? `.${key}` : ''}`
  if (!r.signers) {
    for (const k of ['threshold', 'required'] as const)
      if (r[k] !== undefined)
        problems.push(`${at([k])}: it applies to signers, which this rule does not have: name the signers`)
    return
  }
  const before = problems.length
  const signers: NamedSigner[] = []
  const names = new Map<string, number>()
  const owners = new Map<string, string>()
  r.signers.forEach((raw, j) => {
    const where = (key?: string): string => at(['signers', j], key)
    if (names.has(raw.name)) {
      problems.push(
        `${where('name')}: the name "${raw.name}" is also signers[${names.get(raw.name)}]'s: give each signer its own name`
      )
      return
    }
    names.set(raw.name, j)
    const n = signerOf(raw, where, read, problems)
    if (!n) return
    for (const id of signerIdentities(n)) {
      const other = owners.get(id)
      if (other !== undefined) {
        problems.push(
          `${where()}: signer "${n.name}" is ${id}, which is also signer "${other}": one signer under two names would count twice; keep one name`
        )
        return
      }
    }
    for (const id of signerIdentities(n)) owners.set(id, n.name)
    signers.push(n)
  })
  const threshold = r.threshold ?? 1
  if (threshold > r.signers.length)
    problems.push(
      `${at(['threshold'])}: ${threshold} signers are required, but signers names ${r.signers.length}: no signature could ever meet it; lower threshold or name more signers`
    )
  const required = [...new Set(r.required ?? [])]
  ;(r.required ?? []).forEach((req, j) => {
    if (!names.has(req))
      problems.push(
        `${at(['required', j])}: "${req}" is not a signer of this rule (signers: ${[...names.keys()].join(', ')})`
      )
  })
  if (problems.length > before) return
  const quorum: QuorumRequirement = { signers, threshold, required }
  rs.quorum = quorum
}

/** A rule's vulnerabilities key: a severity, or the map; each ignore entry within the bound exceptions have. */
function vulnerabilitiesOf(
  raw: FailOn | RawVulnerabilities,
  i: number,
  now: Date,
  place: Place,
  keyProblems: string[]
): VulnerabilityRequirement {
  const { name, lineNumber, lineOf } = place
  if (typeof raw === 'string')
    return { failOn: raw, fixableOnly: false, maxReportAge: DEFAULT_MAX_REPORT_AGE, ignore: [] }
  const age = raw['max-report-age']
  const ignore = (raw.ignore ?? []).map((e, j): VulnerabilityIgnore => {
    const at = ['rules', i, 'vulnerabilities', 'ignore', j]
    const problem = untilProblem(e.until, now)
    if (problem)
      keyProblems.push(`${name}${lineOf([...at, 'until'])}: rules[${i}].vulnerabilities.ignore[${j}].until: ${problem}`)
    const line = lineNumber(at)
    return {
      id: e.id,
      until: e.until,
      reason: e.reason,
      where: `${name} rules[${i}].vulnerabilities.ignore[${j}]${line === undefined ? '' : ` (line ${line})`}`
    }
  })
  return {
    failOn: raw['fail-on'],
    fixableOnly: raw['fixable-only'] === true,
    maxReportAge: age === undefined ? DEFAULT_MAX_REPORT_AGE : { seconds: parseDuration(age), text: age },
    ignore
  }
}

/** The exceptions, each with where it was declared; one that excuses nothing, or runs too long, is a problem. */
function exceptionsOf(raw: RawException[], now: Date, place: Place, keyProblems: string[]): PolicyException[] {
  const { name, lineNumber, lineOf } = place
  return raw.map((e, i): PolicyException => {
    const line = lineNumber(['exceptions', i])
    // An exception must name what it excuses: one that excuses nothing is a mistake, not a no-op to ignore.
    if (!e.rules && !e.ids)
      keyProblems.push(
        `${name}${lineOf(['exceptions', i])}: exceptions[${i}]: name the rules (or the vulnerability ids) it excuses`
      )
    const problem = untilProblem(e.until, now)
    if (problem) keyProblems.push(`${name}${lineOf(['exceptions', i, 'until'])}: exceptions[${i}].until: ${problem}`)
    return {
      ...(e.images ? { images: e.images.map(parseReferencePattern) } : {}),
      ...(e.rules ? { rules: e.rules } : {}),
      ...(e.ids ? { ids: e.ids } : {}),
      until: e.until,
      reason: e.reason,
      where: `${name} exceptions[${i}]${line === undefined ? '' : ` (line ${line})`}`
    }
  })
}

export function parsePolicyDocument(text: string, name: string, read: PolicyFileReader, now: Date): Policy {
  const { data, place } = readYaml(text, name)
  const problems = schemaProblems(data, place)
  if (problems.length === 0) problems.push(...globProblems(data as { rules: RawRule[] }, name, place.lineOf))
  if (problems.length > 0) throw new PolicyError(byLine(dedupe(problems)))

  const keyProblems: string[] = []
  const ruleSets = (data as { rules: RawRule[] }).rules.map((r, i) => {
    const line = place.lineNumber(['rules', i])
    const rs = toRuleSet(r, `${name} rules[${i}]${line === undefined ? '' : ` (line ${line})`}`)
    trustFiles(r, i, rs, read, place, keyProblems)
    const conditions = conditionsOf(r, i, place)
    if (conditions.length > 0) rs.conditions = conditions
    if (r.vulnerabilities !== undefined)
      rs.vulnerabilities = vulnerabilitiesOf(r.vulnerabilities, i, now, place, keyProblems)
    return rs
  })
  const exceptions = exceptionsOf((data as { exceptions?: RawException[] }).exceptions ?? [], now, place, keyProblems)
  if (keyProblems.length > 0) throw new PolicyError(keyProblems)
  return { ruleSets, exceptions }
}

/** The conditions of a rule's attestations entries, each with the line it is written on; compiled later. */
function conditionsOf(r: RawRule, i: number, place: Place): AttestationCondition[] {
  return (r.attestations ?? []).flatMap((a, j): AttestationCondition[] =>
    typeof a === 'string' || a.condition === undefined
      ? []
      : [
          {
            type: a.type,
            expression: a.condition,
            where: `${place.name}${place.lineOf(['rules', i, 'attestations', j, 'condition'])}`,
            path: `rules[${i}].attestations[${j}].condition`
          }
        ]
  )
}

/**
 * Compiles the conditions of a policy's attestations, in place: CEL is loaded only when a policy has one. A condition
 * that does not compile (syntax, an unknown variable, past a bound) is a policy error at its line.
 */
export async function compileConditions(policy: Policy): Promise<void> {
  const all = policy.ruleSets.flatMap(rs => rs.conditions ?? [])
  if (all.length === 0) return
  const { compileCondition } = await import('./condition.js')
  const problems: string[] = []
  for (const c of all) {
    const got = compileCondition(c.expression)
    if (typeof got === 'string') problems.push(`${c.where}: ${c.path}: ${got}`)
    else c.check = got
  }
  if (problems.length > 0) throw new PolicyError(problems)
}

const TYPE_WORDS: Record<string, string> = {
  array: 'must be a list, like [a, b]',
  string: 'must be a string',
  boolean: 'must be true or false',
  object: 'must be a map of KEY: value',
  'string,boolean': 'must be a glob string, or true',
  'boolean,string': 'must be true, false, or a grace duration like 7d',
  'string,object': 'must be a predicate type, or a map of type: and condition:'
}

/** Problems in the order of their lines (stable). */
function byLine(xs: string[]): string[] {
  const line = (x: string): number => Number(/^[^:]*:(\d+)/.exec(x)?.[1] ?? 0)
  return xs
    .map((x, i) => ({ x, i }))
    .sort((a, b) => line(a.x) - line(b.x) || a.i - b.i)
    .map(e => e.x)
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)]
}

/** The message for a value that does not match its key's pattern, from the parser that owns that kind of value. */
function valueProblem(key: string, value: string, segments: Array<string | number>): string {
  try {
    if (key === 'max-age' || segments.includes('max-report-age')) parseDuration(value)
    if (key === 'vulnerabilities' && segments.at(-1) === 'until')
      return `"${value}" is not a date: write YYYY-MM-DD, like 2027-01-31`
    if (key === 'base-current' || key === 'pins-current') parseGrace(value)
    if (key === 'platforms') parsePlatform(value)
    if (key === 'digest') {
      const p = digestProblem(value)
      if (p) return `"${value}" is not a digest: ${p}`
    }
    if (key === 'provenance' && segments.includes('source-digest')) {
      return `"${value}" is not a commit: write its full SHA, 40 hex digits (git rev-parse HEAD)`
    }
    if (key === 'provenance' && segments.includes('workflows')) {
      return `"${value}" is not a workflow: write owner/repo/.github/workflows/FILE, optionally @REF (like acme/app/.github/workflows/release.yml@refs/tags/v*), or .github/workflows/FILE for the source repository's own workflow`
    }
    if (key === 'provenance')
      return `"${value}" is not a GitHub repository: write owner/repo (globs like acme/* allowed)`
    if (key === 'signature-issuer')
      return `"${value}" is not an issuer URL: write it as https://…, like ${GITHUB_ACTIONS_ISSUER}`
  } catch (e) {
    return (e as Error).message
  }
  return `"${value}" is not valid here`
}

/** Every glob of every rule within the bounds globs have (length, brace expansion). */
function globProblems(
  data: { rules: RawRule[] },
  name: string,
  lineOf: (segments: Array<string | number>) => string
): string[] {
  const out: string[] = []
  data.rules.forEach((r, i) => {
    const indexed = (list: string[] | undefined): Array<[number, string]> => (list ?? []).map((p, j) => [j, p])
    const provenance = r.provenance
    const lists: Array<[string, Array<[string | number, string]>]> = [
      ['images', indexed(r.images)],
      ['base-images', indexed(r['base-images'])],
      ['registries', indexed(r.registries)],
      [
        'labels',
        Object.entries(r.labels ?? {}).flatMap(([k, v]): Array<[string, string]> =>
          typeof v === 'string' ? [[k, v]] : []
        )
      ],
      ['signature-identities', indexed(r['signature-identities'])],
      ...(Array.isArray(provenance)
        ? [['provenance', indexed(provenance)] as [string, Array<[number, string]>]]
        : provenance
          ? (['repositories', 'workflows', 'refs'] as const).map((k): [string, Array<[number, string]>] => [
              `provenance.${k}`,
              indexed(provenance[k])
            ])
          : [])
    ]
    const licenses = r.licenses
    const denied = Array.isArray(licenses) ? ['licenses', licenses] : licenses ? ['licenses.deny', licenses.deny] : []
    if (denied.length > 0) lists.push([denied[0] as string, indexed(denied[1] as string[])])
    for (const [key, items] of lists) {
      for (const [at, pattern] of items) {
        const glob = globProblem(pattern)
        const problem = glob
          ? `${glob}; write a shorter pattern, or several`
          : key.startsWith('licenses')
            ? denyEntryProblem(pattern)
            : undefined
        if (!problem) continue
        const segments: Array<string | number> = ['rules', i, ...key.split('.'), at]
        const path = typeof at === 'number' ? `rules[${i}].${key}[${at}]` : `rules[${i}].${key}.${at}`
        out.push(`${name}${lineOf(segments)}: ${path}: ${problem}`)
      }
    }
  })
  ;((data as { exceptions?: RawException[] }).exceptions ?? []).forEach((e, i) =>
    (e.images ?? []).forEach((pattern, j) => {
      const problem = globProblem(pattern)
      if (problem)
        out.push(
          `${name}${lineOf(['exceptions', i, 'images', j])}: exceptions[${i}].images[${j}]: ${problem}; write a shorter pattern, or several`
        )
    })
  )
  return out
}

function toRuleSet(r: RawRule, source: string): RuleSet {
  const rs: RuleSet = { source }
  if (r.images) rs.images = r.images.map(parseReferencePattern)
  if (r.platforms) rs.platforms = r.platforms.map(parsePlatform)
  if (r['base-images']) rs.baseImages = r['base-images']
  if (r['max-age'] !== undefined) rs.maxAge = { seconds: parseDuration(r['max-age']), text: r['max-age'] }
  if (r.digest !== undefined) rs.digest = r.digest
  if (r['require-digest'] !== undefined) rs.requireDigest = r['require-digest']
  if (r.registries) rs.registries = r.registries.map(normalizeHostPattern)
  if (r.labels) {
    rs.labels = Object.entries(r.labels).map(([key, v]): LabelRequirement =>
      v === true ? { key } : { key, glob: String(v) }
    )
  }
  if (r['non-root'] !== undefined) rs.nonRoot = r['non-root']
  for (const [key, field] of [
    ['base-current', 'baseCurrent'],
    ['pins-current', 'pinsCurrent']
  ] as const) {
    const v = r[key]
    const grace = v === undefined || v === false ? undefined : parseGrace(v === true ? 'true' : v)
    if (grace) rs[field] = grace
  }
  if (r.provenance) {
    if (Array.isArray(r.provenance)) rs.provenance = { repositories: r.provenance }
    else {
      const { 'source-digest': sourceDigest, ...rest } = r.provenance
      rs.provenance = { ...rest, ...(sourceDigest !== undefined ? { sourceDigest: sourceDigest.toLowerCase() } : {}) }
    }
  }
  if (r.attestations) rs.attestations = [...new Set(r.attestations.map(a => (typeof a === 'string' ? a : a.type)))]
  if (r.sbom === true || r.sbom === 'signed') rs.sbom = r.sbom === true ? 'present' : 'signed'
  if (r.licenses)
    rs.licenses = Array.isArray(r.licenses)
      ? { deny: r.licenses, unknown: 'pass' }
      : { deny: r.licenses.deny, unknown: r.licenses.unknown ?? 'pass' }
  if (r.mode === 'warn') rs.mode = 'warn'
  return rs
}

function valueAt(data: unknown, segments: Array<string | number>): unknown {
  let cur: unknown = data
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[s]
  }
  return cur
}

/** The YAML node at a path; with `key`, the key node of that entry in the map at the path. */
function nodeAt(doc: Document, segments: Array<string | number>, key?: string): YamlNode | undefined {
  const node = segments.length === 0 ? doc.contents : doc.getIn(segments, true)
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find(p => isPair(p) && isScalar(p.key) && p.key.value === key)
    if (pair && isNode(pair.key)) return pair.key
  }
  return isNode(node) ? node : undefined
}
