// The Notary Project trust policy (`trustpolicy.json`, version 1.0) and trust store
// (`x509/{ca,tsa,signingAuthority}/{name}/*`), read and validated as Notation reads them. Pure: the caller hands in
// the bytes and the names of the files they came from; every problem is an input error naming the file and what
// is wrong.
import { GateError } from '../../core/errors.js'
import { canonicalRegistry } from '../../core/reference.js'
import { type Certificate, issuedBy, parseCertificates } from './certificates.js'

export type Level = 'strict' | 'permissive' | 'audit' | 'skip'
export type Action = 'enforce' | 'log' | 'skip'
export type Check = 'integrity' | 'authenticity' | 'authenticTimestamp' | 'expiry' | 'revocation'
export type StoreType = 'ca' | 'tsa' | 'signingAuthority'

/** What each level does with each check, as the specification's table has it. */
const LEVELS: Record<Level, Record<Check, Action>> = {
  strict: {
    integrity: 'enforce',
    authenticity: 'enforce',
    authenticTimestamp: 'enforce',
    expiry: 'enforce',
    revocation: 'enforce'
  },
  permissive: {
    integrity: 'enforce',
    authenticity: 'enforce',
    authenticTimestamp: 'log',
    expiry: 'log',
    revocation: 'log'
  },
  audit: { integrity: 'enforce', authenticity: 'log', authenticTimestamp: 'log', expiry: 'log', revocation: 'log' },
  skip: { integrity: 'skip', authenticity: 'skip', authenticTimestamp: 'skip', expiry: 'skip', revocation: 'skip' }
}

/** One attribute of a distinguished name. */
type Attribute = [type: string, value: string]

export interface TrustPolicyStatement {
  name: string
  /** `*`, or canonical `registry/repository`. */
  registryScopes: string[]
  level: Level
  checks: Record<Check, Action>
  verifyTimestamp: 'always' | 'afterCertExpiry'
  trustStores: { type: StoreType; name: string }[]
  /** `'*'`, or subjects (each a set of attributes) one of which the leaf's subject must include. */
  trustedIdentities: '*' | { text: string; attributes: Attribute[] }[]
}

export interface TrustPolicyDocument {
  file: string
  statements: TrustPolicyStatement[]
}

/** Certificates by `type:name`. */
export type TrustStores = Map<string, Certificate[]>

/** Most statements, scopes per statement and identities per statement a trust policy may hold. */
const MAX_ITEMS = 256
const STORE_NAME = /^[a-zA-Z0-9_.-]+$/
const SCOPE_DOMAIN =
  /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$/
const SCOPE_REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function stringList(v: unknown, what: string, problem: (m: string) => never): string[] {
  if (v === undefined) return []
  if (!Array.isArray(v) || v.some(s => typeof s !== 'string')) problem(`${what} is not a list of strings`)
  if (v.length > MAX_ITEMS) problem(`${what} holds more than ${MAX_ITEMS} entries`)
  return v as string[]
}

/** `registry/repository` with the registry canonical, or why the scope is not one. */
function parseScope(scope: string): string | { problem: string } {
  if (scope === '*') return scope
  const slash = scope.indexOf('/')
  const domain = scope.slice(0, slash)
  const repository = scope.slice(slash + 1)
  if (slash < 0 || !SCOPE_DOMAIN.test(domain) || !SCOPE_REPOSITORY.test(repository))
    return { problem: 'is not registry/repository (no scheme, tag, digest or wildcard)' }
  const registry = canonicalRegistry(domain)
  // An image reference names Docker Hub's official images as library/NAME: a scope without it would match no image.
  if (registry === 'docker.io' && !repository.includes('/'))
    return {
      problem: `names a Docker Hub repository without its namespace: write docker.io/library/${repository}`
    }
  return `${registry}/${repository}`
}

/**
 * A distinguished name as RFC 4514 writes it (`C=US, ST=WA, O=Acme`; `\,` escapes), as a list of attributes;
 * multi-valued RDNs (`+`) are flattened, since matching is by set.
 */
export function parseDistinguishedName(text: string): Attribute[] | { problem: string } {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\\' && i + 1 < text.length) {
      current += text[++i]
    } else if (c === ',' || c === '+') {
      parts.push(current)
      current = ''
    } else current += c
  }
  parts.push(current)
  const out: Attribute[] = []
  for (const part of parts) {
    const eq = part.indexOf('=')
    const type = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (eq < 0 || !/^[A-Za-z][A-Za-z0-9-]*$|^\d+(\.\d+)+$/.test(type) || value === '')
      return { problem: `"${part.trim()}" is not TYPE=value` }
    const upper = type.toUpperCase()
    if (out.some(([t]) => t === upper)) return { problem: `it names ${upper} twice` }
    out.push([upper, value])
  }
  return out
}

/** Does `subject` (a certificate's attributes) hold every attribute of `wanted`? */
export function subjectIncludes(subject: Attribute[], wanted: Attribute[]): boolean {
  return wanted.every(([type, value]) => subject.some(([t, v]) => t.toUpperCase() === type && v === value))
}

function parseLevel(
  sv: unknown,
  problem: (m: string) => never
): Pick<TrustPolicyStatement, 'level' | 'checks' | 'verifyTimestamp'> {
  if (!isObject(sv)) problem('signatureVerification is missing or not an object')
  const level = sv.level
  if (level !== 'strict' && level !== 'permissive' && level !== 'audit' && level !== 'skip')
    problem(`signatureVerification.level ${JSON.stringify(level)} is not strict, permissive, audit or skip`)
  const checks = { ...LEVELS[level] }
  if (sv.override !== undefined) {
    if (!isObject(sv.override)) problem('signatureVerification.override is not an object')
    if (level === 'skip') problem('signatureVerification.override cannot customize the level skip')
    for (const [check, action] of Object.entries(sv.override)) {
      if (!['integrity', 'authenticity', 'authenticTimestamp', 'expiry', 'revocation'].includes(check))
        problem(`signatureVerification.override names ${JSON.stringify(check)}, which is not a verification`)
      if (action !== 'enforce' && action !== 'log' && action !== 'skip')
        problem(`signatureVerification.override.${check} is not enforce, log or skip`)
      if (check === 'integrity') problem('signatureVerification.override cannot change integrity')
      if (check === 'authenticity' && action === 'skip')
        problem('signatureVerification.override cannot skip authenticity')
      checks[check as Check] = action
    }
  }
  const vt = sv.verifyTimestamp ?? 'always'
  if (vt !== 'always' && vt !== 'afterCertExpiry')
    problem(`signatureVerification.verifyTimestamp ${JSON.stringify(vt)} is not always or afterCertExpiry`)
  for (const key of Object.keys(sv)) {
    if (!['level', 'override', 'verifyTimestamp'].includes(key))
      problem(`signatureVerification has an unknown key ${JSON.stringify(key)}`)
  }
  return { level, checks, verifyTimestamp: vt }
}

function parseStatement(raw: unknown, index: number, fail: (m: string) => never): TrustPolicyStatement {
  if (!isObject(raw)) fail(`trustPolicies[${index}] is not an object`)
  const name = raw.name
  if (typeof name !== 'string' || name === '') fail(`trustPolicies[${index}] has no name`)
  const problem = (m: string): never => fail(`trust policy "${name}": ${m}`)
  for (const key of Object.keys(raw)) {
    if (!['name', 'registryScopes', 'signatureVerification', 'trustStores', 'trustedIdentities'].includes(key))
      problem(`unknown key ${JSON.stringify(key)}`)
  }
  const scopesRaw = stringList(raw.registryScopes, 'registryScopes', problem)
  if (scopesRaw.length === 0) problem('registryScopes is empty: name "*" or registry/repository scopes')
  if (scopesRaw.length > 1 && scopesRaw.includes('*'))
    problem('registryScopes holds "*" beside other scopes: "*" must stand alone')
  const registryScopes = scopesRaw.map(s => {
    const parsed = parseScope(s)
    return typeof parsed === 'string' ? parsed : problem(`registry scope "${s}" ${parsed.problem}`)
  })
  const level = parseLevel(raw.signatureVerification, problem)
  const storesRaw = stringList(raw.trustStores, 'trustStores', problem)
  const identitiesRaw = stringList(raw.trustedIdentities, 'trustedIdentities', problem)
  if (level.level === 'skip') {
    if (storesRaw.length || identitiesRaw.length)
      problem('the level skip takes no trustStores or trustedIdentities: remove them')
    if (registryScopes.includes('*')) problem('the level skip may not be used with the registry scope "*"')
  } else if (!storesRaw.length || !identitiesRaw.length) {
    problem('trustStores and trustedIdentities must both be given')
  }
  const trustStores = storesRaw.map(s => {
    const [type, storeName, ...rest] = s.split(':')
    if (rest.length || !storeName) problem(`trust store "${s}" is not type:name`)
    if (type !== 'ca' && type !== 'tsa' && type !== 'signingAuthority')
      problem(`trust store "${s}" has the type "${type}": ca, tsa or signingAuthority`)
    if (!STORE_NAME.test(storeName!)) problem(`trust store "${s}" has a name outside [a-zA-Z0-9_.-]+`)
    return { type: type as StoreType, name: storeName! }
  })
  if (trustStores.length && !trustStores.some(s => s.type !== 'tsa'))
    problem('trustStores names only tsa stores: name a ca or signingAuthority store too')
  let trustedIdentities: TrustPolicyStatement['trustedIdentities']
  if (identitiesRaw.includes('*')) {
    if (identitiesRaw.length > 1) problem('trustedIdentities holds "*" beside other identities: "*" must stand alone')
    trustedIdentities = '*'
  } else {
    trustedIdentities = identitiesRaw.map(text => {
      const m = /^x509\.subject\s*:\s*(.*)$/s.exec(text)
      if (!m) problem(`trusted identity "${text}" is not "*" or "x509.subject: C=…, ST=…, O=…"`)
      const attributes = parseDistinguishedName(m![1]!)
      if (!Array.isArray(attributes)) return problem(`trusted identity "${text}": ${attributes.problem}`)
      for (const required of ['C', 'ST', 'O']) {
        if (!attributes.some(([t]) => t === required))
          problem(`trusted identity "${text}" has no ${required}: C, ST and O are required`)
      }
      return { text, attributes }
    })
  }
  return { name, registryScopes, ...level, trustStores, trustedIdentities }
}

/** Parses and validates a trust policy; `file` names it in errors. */
export function parseTrustPolicy(text: string, file: string): TrustPolicyDocument {
  const fail = (m: string): never => {
    throw new GateError('input', `notation-trust-policy ${file}: ${m}`)
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    fail(`is not JSON (${(e as Error).message.slice(0, 120)})`)
  }
  if (!isObject(doc)) return fail('is not a JSON object')
  if (doc.version !== '1.0') fail(`version ${JSON.stringify(doc.version)} is not "1.0"`)
  for (const key of Object.keys(doc)) {
    if (key !== 'version' && key !== 'trustPolicies') fail(`unknown key ${JSON.stringify(key)}`)
  }
  if (!Array.isArray(doc.trustPolicies) || doc.trustPolicies.length === 0) fail('trustPolicies is missing or empty')
  const list = doc.trustPolicies as unknown[]
  if (list.length > MAX_ITEMS) fail(`trustPolicies holds more than ${MAX_ITEMS} statements`)
  const statements = list.map((s, i) => parseStatement(s, i, fail))
  const names = new Set<string>()
  const scopes = new Map<string, string>()
  for (const s of statements) {
    if (names.has(s.name)) fail(`two trust policies are named "${s.name}": names must be unique`)
    names.add(s.name)
    for (const scope of s.registryScopes) {
      const other = scopes.get(scope)
      if (other) fail(`the registry scope "${scope}" is in both "${other}" and "${s.name}": one policy per scope`)
      scopes.set(scope, s.name)
    }
  }
  return { file, statements }
}

/** The statement for an image's repository: its exact scope wins over `*`; undefined when none applies. */
export function selectTrustPolicy(
  doc: TrustPolicyDocument,
  registry: string,
  repository: string
): TrustPolicyStatement | undefined {
  const scope = `${canonicalRegistry(registry)}/${repository}`
  return (
    doc.statements.find(s => s.registryScopes.includes(scope)) ??
    doc.statements.find(s => s.registryScopes.includes('*'))
  )
}

/** The trust policy statement of a given name. */
export function trustPolicyNamed(doc: TrustPolicyDocument, name: string): TrustPolicyStatement | undefined {
  return doc.statements.find(s => s.name === name)
}

/** Most certificates one trust store may hold in all. */
const MAX_STORE_CERTIFICATES = 1024
const STORE_FILE = /^x509\/(ca|tsa|signingAuthority)\/([a-zA-Z0-9_.-]+)\/([^/]+)$/

/**
 * The trust stores from a directory's files, each path relative to the directory (`x509/ca/acme/root.pem`).
 * Files outside the layout are ignored; a certificate file that does not parse, a `ca` or `signingAuthority`
 * certificate that is neither a CA nor self-signed, and a `tsa` certificate that is not a self-signed root CA are
 * input errors naming the file.
 */
export function buildTrustStores(files: { path: string; bytes: Buffer }[], root: string): TrustStores {
  const stores: TrustStores = new Map()
  let count = 0
  for (const { path, bytes } of files) {
    const m = STORE_FILE.exec(path)
    if (!m || !/\.(pem|crt|cer|der)$/i.test(m[3]!)) continue
    const where = `notation-trust-store ${root}/${path}`
    let certs: Certificate[]
    try {
      certs = parseCertificates(bytes)
    } catch (e) {
      throw new GateError('input', `${where}: not a PEM or DER certificate (${(e as Error).message.slice(0, 120)})`)
    }
    for (const cert of certs) {
      const selfSigned = issuedBy(cert, cert)
      if (m[1] === 'tsa' ? !(cert.node.ca && selfSigned) : !(cert.node.ca || selfSigned))
        throw new GateError(
          'input',
          `${where}: ${cert.subject} is ${m[1] === 'tsa' ? 'not a self-signed root CA' : 'neither a CA nor self-signed'}`
        )
    }
    count += certs.length
    if (count > MAX_STORE_CERTIFICATES)
      throw new GateError('input', `notation-trust-store ${root}: more than ${MAX_STORE_CERTIFICATES} certificates`)
    const key = `${m[1]}:${m[2]}`
    stores.set(key, [...(stores.get(key) ?? []), ...certs])
  }
  return stores
}

/** Why a statement names a store the trust store does not hold, or undefined. */
export function missingStore(statement: TrustPolicyStatement, stores: TrustStores): string | undefined {
  const missing = statement.trustStores.find(s => !stores.get(`${s.type}:${s.name}`)?.length)
  return (
    missing &&
    `trust policy "${statement.name}" names the trust store ${missing.type}:${missing.name}, which holds no certificate`
  )
}
