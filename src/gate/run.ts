import { resolve } from 'node:path'
import { distinctImages, locationsByImage } from '../files/types.js'
import type { Finding } from '../policy/findings.js'
import type { Inputs } from './inputs.js'
import type { Inspection } from '../inspect/inspect.js'
import { blameGiveUp, inspectImage } from '../inspect/inspect.js'
import type { Logger } from '../core/logger.js'
import { createRegistryClient } from '../registry/setup.js'
import { checkRegistryName } from '../policy/rules/registries.js'
import {
  applicable,
  enabledRules,
  evaluateImage,
  inspectNeeds,
  loadChecks,
  mayApply,
  mislabeledFindings,
  registryPreflight
} from '../policy/evaluate.js'
import { parseLabelRequirement } from '../policy/rules/labels.js'
import { DEFAULT_MAX_REPORT_AGE, type RuleSet } from '../policy/types.js'
import type { Reference } from '../core/reference.js'
import { InvalidReference, apiHost, formatReference, parseReference } from '../core/reference.js'
import type { PublicKey } from '../trust/keys.js'
import type { Transport } from '../registry/transport.js'
import type { ImageFacts, InspectNeeds } from '../model/facts.js'
import type { QuorumReport } from '../policy/rules/quorum.js'
import type { GateResult, ImageResult } from './result.js'
import { readTrustedFiles } from './trusted-files.js'
import { scanFiles } from './files.js'
import { sigstoreVerifiers } from './trust-roots.js'
import { BASES, HEAVY, SIGNATURES, needsBases, preload } from './lazy.js'
import { parseSource } from './sources.js'
import { applyExceptions } from '../policy/exceptions.js'
import type { OsvQuery } from './vulnerabilities.js'

export interface GateEnvironment {
  logger: Logger
  dockerConfigDir: string | undefined
  githubActor: string | undefined
  /** Relative paths (policy, files) are resolved from here. */
  workspace: string
  now: Date
  /** The process environment: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_API_URL. */
  env: NodeJS.ProcessEnv
  /** Overrides of the transport's timeouts and retries (tests, slow registries). */
  transport?: Partial<ConstructorParameters<typeof Transport>[0]>
  /** Asks the vulnerability database; default: the OSV client. */
  osv?: OsvQuery
}

/** Does a rule set of the policy file count Notation signatures: a rule's notation-trust-policy, or a quorum signer. */
export function policyCountsNotation(ruleSets: RuleSet[]): boolean {
  return ruleSets.some(
    rs => rs.signature?.notation !== undefined || (rs.quorum?.signers ?? []).some(n => n.kind === 'notation')
  )
}

/**
 * The inputs' rule set, for every image; `keys` are signature-keys, read from the workspace. A Notation trust policy
 * (`notation-trust-policy`) turns the signature rule on too: a Notation signature it verifies satisfies it. When the
 * policy file counts Notation signatures itself (`notationInPolicy`: a rule's notation-trust-policy, a quorum's
 * `notation` signer), the input is the trust policy those rules use and no requirement of its own: a quorum of a key
 * or a Notation statement, threshold 1, passes an image the key alone signed, and images no such rule names need no
 * Notation signature. Beside signature-keys or signature-identities, a Notation signature still satisfies them.
 */
export function inputRuleSet(inputs: Inputs, keys: PublicKey[] = [], notationInPolicy = false): RuleSet {
  const rs: RuleSet = { source: 'inputs' }
  if (inputs.platforms.length > 0) rs.platforms = inputs.platforms
  if (inputs.baseImages.length > 0) rs.baseImages = inputs.baseImages
  if (inputs.maxAge !== undefined) rs.maxAge = { seconds: inputs.maxAge, text: inputs.maxAgeText }
  if (inputs.digest !== undefined) rs.digest = inputs.digest
  if (inputs.requireDigest) rs.requireDigest = true
  if (inputs.registries.length > 0) rs.registries = inputs.registries
  if (inputs.labels.length > 0) rs.labels = inputs.labels.map(parseLabelRequirement)
  if (inputs.nonRoot) rs.nonRoot = true
  if (inputs.baseCurrent) rs.baseCurrent = inputs.baseCurrent
  if (inputs.pinsCurrent) rs.pinsCurrent = inputs.pinsCurrent
  const notationAlone = inputs.notationTrustPolicy !== undefined && !notationInPolicy
  if (keys.length > 0 || inputs.signatureIdentities.length > 0 || notationAlone)
    rs.signature = { keys, identities: inputs.signatureIdentities, issuer: inputs.signatureIssuer }
  if (rs.signature && inputs.notationTrustPolicy !== undefined) rs.signature.notation = {}
  if (inputs.provenance.length > 0) rs.provenance = { repositories: inputs.provenance }
  if (inputs.attestations.length > 0) rs.attestations = inputs.attestations
  if (inputs.signatureRepository) rs.signatureRepository = inputs.signatureRepository
  if (inputs.sbom) rs.sbom = inputs.sbom
  if (inputs.licenses.length > 0) rs.licenses = { deny: inputs.licenses, unknown: 'pass' }
  if (inputs.vulnerabilities)
    rs.vulnerabilities = {
      failOn: inputs.vulnerabilities,
      fixableOnly: false,
      maxReportAge: DEFAULT_MAX_REPORT_AGE,
      ignore: []
    }
  return rs
}

type Parsed = { input: string; ref: Reference; error: undefined } | { input: string; ref: undefined; error: string }

/** Every reference, from `images` and then from files, parsed once; one that does not parse keeps its error. */
function parseAll(inputs: string[]): Parsed[] {
  return inputs.map(input => {
    try {
      return { input, ref: parseReference(input), error: undefined }
    } catch (e) {
      return { input, ref: undefined, error: e instanceof InvalidReference ? e.message : String(e) }
    }
  })
}

/**
 * The registry `username`/`password` go to: `registry`, else the first entry of `images`. Never one that only
 * `files` named: a pull request chooses those files, and with them the host that would get the password.
 */
function credentialRegistry(inputs: Inputs, parsed: Parsed[], logger: Logger): string | undefined {
  const registry = inputs.registry ?? parsed.slice(0, inputs.images.length).find(p => p.ref)?.ref?.registry
  if (inputs.username !== '' && registry === undefined) {
    logger.warning(
      'Inputs "username" and "password" were not sent to any registry: with no "registry" and no "images", the only registries are the ones "files" names, which a pull request may choose; set "registry" to the host they belong to'
    )
  }
  return registry
}

/** A registries rule for every image bounds every request of the run: bases, tags and referrers included. */
function refusal(ruleSets: RuleSet[]): (registry: string) => string | undefined {
  const everywhere = ruleSets
    .filter(rs => rs.images === undefined && (rs.registries?.length ?? 0) > 0)
    .map(rs => rs.registries!)
  return registry =>
    everywhere.map(allowed => checkRegistryName(registry, allowed)[0]?.message).find(m => m !== undefined)
}

/** Each image's result and findings: a reference that did not parse, a registry not allowed, or what inspection found. */
function judge(
  inputs: Inputs,
  parsed: Parsed[],
  blocked: Map<string, Finding[]>,
  inspections: Inspection[],
  ruleSets: RuleSet[],
  now: Date,
  quorumReports: ((sets: RuleSet[], facts: ImageFacts) => QuorumReport[]) | undefined
): { images: ImageResult[]; findings: Finding[] } {
  const images: ImageResult[] = []
  const findings: Finding[] = []
  let next = 0
  for (const p of parsed) {
    if (!p.ref) {
      images.push({
        input: p.input,
        ref: undefined,
        facts: undefined,
        rules: [],
        error: { kind: 'reference', host: undefined, message: p.error }
      })
      // From the images input, say so; from a file, the annotation is on the file's line.
      findings.push({
        rule: 'inspect',
        image: p.input,
        message: inputs.images.includes(p.input) ? `Input "images": ${p.error}` : p.error
      })
      continue
    }
    const refused = blocked.get(p.input)
    if (refused) {
      const message = refused.map(f => f.message).join('; ')
      images.push({
        input: p.input,
        ref: p.ref,
        facts: undefined,
        rules: enabledRules(mayApply(ruleSets, p.ref)),
        error: { kind: 'not-allowed', host: p.ref.registry, message }
      })
      findings.push(...refused)
      continue
    }
    const ins = inspections[next++]!
    if (ins.ok) {
      const sets = applicable(ruleSets, p.ref, ins.facts.digest)
      const rules = enabledRules(sets)
      // Only an image whose signatures were looked for has a quorum's outcome to report.
      const quorums = quorumReports?.(sets, ins.facts) ?? []
      images.push({
        input: p.input,
        ref: p.ref,
        facts: ins.facts,
        rules,
        error: undefined,
        ...(quorums.length > 0 ? { quorums } : {})
      })
      findings.push(...evaluateImage(p.input, p.ref, ins.facts, ruleSets, now))
      // An index entry dressed as an attestation: the rules judged it as a platform, and the disguise fails the image.
      findings.push(...mislabeledFindings(p.input, p.ref, ins.facts))
    } else {
      const message = ins.error.message
      images.push({
        input: p.input,
        ref: p.ref,
        facts: undefined,
        rules: enabledRules(applicable(ruleSets, p.ref)),
        error: { kind: ins.error.kind, host: ins.host, message }
      })
      findings.push({
        rule: 'inspect',
        image: p.input,
        reference: formatReference(p.ref),
        host: ins.host,
        message: `cannot be inspected: ${message}`
      })
    }
  }
  return { images, findings }
}

/** The run's registry client: credentials where they belong, the runner's TLS and proxy, the cache, the refusal. */
function clientFor(
  inputs: Inputs,
  env: GateEnvironment,
  parsed: Parsed[],
  ruleSets: RuleSet[]
): ReturnType<typeof createRegistryClient> {
  const registry = credentialRegistry(inputs, parsed, env.logger)
  return createRegistryClient({
    ...(inputs.username !== '' && registry !== undefined
      ? { input: { registry, username: inputs.username, password: inputs.password } }
      : {}),
    githubToken: inputs.githubToken,
    githubActor: env.githubActor,
    dockerConfigDir: env.dockerConfigDir,
    insecureRegistries: inputs.insecureRegistries,
    env: env.env,
    concurrency: inputs.concurrency,
    logger: env.logger,
    transport: env.transport,
    cacheDir: inputs.cache === undefined ? undefined : resolve(env.workspace, inputs.cache),
    refuse: refusal(ruleSets)
  })
}

/** The registries rule goes first: an image on a registry that is not allowed is a finding, and never contacted. */
function preflight(parsed: Parsed[], ruleSets: RuleSet[], logger: Logger): Map<string, Finding[]> {
  const blocked = new Map<string, Finding[]>()
  for (const p of parsed) {
    const found = p.ref ? registryPreflight(p.input, p.ref, ruleSets) : []
    if (found.length > 0) blocked.set(p.input, found)
  }
  if (blocked.size > 0)
    logger.info(
      `registries: ${blocked.size} image${blocked.size === 1 ? ' is' : 's are'} on a registry that is not allowed and will not be contacted`
    )
  return blocked
}

/** inputs → references → inspection → findings. Never throws for an image: every image ends as facts or an error. */
export async function runGate(inputs: Inputs, env: GateEnvironment): Promise<GateResult> {
  // What decides the verdict, from the workspace or from a source the pull request cannot write.
  const trusted = await readTrustedFiles(inputs, env)
  const policyRuleSets = trusted.policy?.ruleSets ?? []
  const ruleSets = [inputRuleSet(inputs, trusted.keys, policyCountsNotation(policyRuleSets)), ...policyRuleSets]
  // The vulnerabilities rule's code (purls, CVSS, VEX) is loaded only by a run that has one.
  const vulns =
    ruleSets.some(rs => rs.vulnerabilities) || trusted.vex.length > 0 ? await import('./vulnerabilities.js') : undefined
  const vex = vulns ? vulns.parseVexFiles(trusted.vex) : []
  if (inputs.notationTrustPolicy !== undefined && policyCountsNotation(policyRuleSets))
    env.logger.info(
      'notation-trust-policy: the policy file says which images need Notation signatures; the input supplies the trust policy and store, and no requirement of its own'
    )
  if (inputs.vex.length > 0 && !ruleSets.some(rs => rs.vulnerabilities))
    env.logger.warning(
      'Input "vex" is set, but no rule of the policy checks vulnerabilities: its statements are not used'
    )
  // The heavy modules the rules need load while the files are read and the first requests are in flight.
  preload(inspectNeeds(ruleSets), needsBases(ruleSets))
  const checks = loadChecks(ruleSets)
  checks.catch(() => {}) // awaited below
  // Dockerfiles that use BuildKit's automatic platform arguments are read for each platform the policy requires.
  const files = await scanFiles(
    inputs,
    env,
    ruleSets.flatMap(rs => rs.platforms ?? [])
  )
  const fromFiles = distinctImages(files.refs).filter(i => !inputs.images.includes(i))
  if (inputs.files.length > 0) {
    const total = inputs.images.length + fromFiles.length
    env.logger.info(`Inspecting ${total} image${total === 1 ? '' : 's'} (${fromFiles.length} from files)`)
  }
  const parsed = parseAll([...inputs.images, ...fromFiles])
  const { client, transport, cache } = await clientFor(inputs, env, parsed, ruleSets)

  // With no rule at all the run is an inspection: everything the summary shows is gathered.
  const needs: InspectNeeds = enabledRules(ruleSets).length === 0 ? { config: true } : inspectNeeds(ruleSets)
  // SBOMs and licences are parsed with a parser loaded only for runs that read them.
  if (needs.statements || ruleSets.some(rs => rs.licenses)) await HEAVY.statements()
  const blocked = preflight(parsed, ruleSets, env.logger)
  const valid = parsed.filter((p): p is Parsed & { ref: Reference } => p.ref !== undefined && !blocked.has(p.input))
  let inspections
  let signatures: Awaited<ReturnType<typeof SIGNATURES>> | undefined
  try {
    client.prepare(valid.map(v => v.ref))
    // The checks of the enabled rules, loading since the rule sets were known: trust rules judge during inspection.
    await checks
    // Every image at once; the per-registry limit in the transport keeps the load in bounds.
    const sigstore = needs.trust ? await sigstoreVerifiers(inputs, trusted.trustedRoot, ruleSets) : undefined
    // Signatures and statements are looked for only when a rule asks: a run without such a rule never loads that code.
    signatures = needs.trust || needs.statements ? await SIGNATURES() : undefined
    const budgets = signatures?.signatureBudgets(needs)
    const material = trusted.notation
    const notation =
      needs.trust && material
        ? await import('../trust/notation/index.js').then(
            m => (registry: string, repository: string) => m.notationVerifier(material, registry, repository, env.now)
          )
        : undefined
    inspections = (
      await Promise.all(
        valid.map(v =>
          signatures && budgets
            ? signatures.inspectWithTrust(client, v, ruleSets, needs, sigstore, budgets.budget, budgets.keep, notation)
            : inspectImage(client, v.input, v.ref, needs)
        )
      )
    ).map(ins => blameGiveUp(client, ins))
    if (needsBases(ruleSets)) await (await BASES()).detectBases(client, inspections, ruleSets)
  } finally {
    client.close()
  }
  // Every image's packages in one batch to the database, once every image is inspected.
  await vulns?.attachVulnerabilities(inspections, ruleSets, vex, {
    database: inputs.vulnerabilityDb,
    concurrency: inputs.concurrency,
    timeoutMs: env.transport?.timeoutMs ?? 30_000,
    query: env.osv ?? (async (queries, options) => (await import('../osv/client.js')).queryOsv(queries, options)),
    logger: env.logger
  })
  if (cache) {
    const c = cache.stats
    env.logger.info(
      `cache: ${c.hits} entr${c.hits === 1 ? 'y' : 'ies'} read, ${c.stored} stored${c.rejected > 0 ? `, ${c.rejected} not trusted and fetched again` : ''}${c.pruned > 0 ? `, ${c.pruned} pruned` : ''}`
    )
  }
  const { images, findings } = judge(inputs, parsed, blocked, inspections, ruleSets, env.now, signatures?.quorumReports)

  // A file named by `files` that was not read in full hides the images it names: it fails the gate, at the file.
  const locations = locationsByImage(files.refs)
  for (const e of files.errors) {
    findings.push({ rule: 'inspect', image: e.file, message: e.message })
    locations.set(e.file, [
      ...(locations.get(e.file) ?? []),
      { file: e.file, line: Math.max(1, e.line), col: Math.max(1, e.col) }
    ])
  }

  // Exceptions: what they cover becomes a notice; an expired one is a finding, at its line of a workspace policy.
  const byInput = new Map(images.map(i => [i.input, i]))
  const excused = applyExceptions(
    findings,
    trusted.policy?.exceptions ?? [],
    f => ({ ref: byInput.get(f.image)?.ref, digest: byInput.get(f.image)?.facts?.digest }),
    env.now
  )
  for (const f of [...excused.expired, ...(vulns?.expiredIgnores(trusted.policy?.ruleSets ?? [], env.now) ?? [])]) {
    findings.push(f)
    const line = /\(line (\d+)\)$/.exec(f.image)?.[1]
    if (inputs.policy && parseSource('policy', inputs.policy).kind === 'workspace' && line)
      locations.set(f.image, [{ file: inputs.policy, line: Number(line), col: 1 }])
  }

  const counts = transport.requestCounts
  const registries = client.stats().map(s => ({
    registry: s.registry,
    requests: [...counts.entries()]
      .filter(([host]) => host === s.registry || host === apiHost(s.registry))
      .reduce((a, [, n]) => a + n, 0),
    tokenRequests: s.tokenRequests,
    rateLimitRemaining: s.rateLimitRemaining
  }))
  return {
    rules: enabledRules(ruleSets),
    images,
    findings,
    registries,
    locations,
    fileWarnings: files.warnings,
    exceptions: excused.uses
  }
}
