/** What a run of the gate found: every image with its facts or its error, the findings, where files name each image. */
import type { FileWarning } from '../files/types.js'
import type { Reference } from '../core/reference.js'
import type { ImageFacts } from '../model/facts.js'
import type { Finding, RuleName } from '../policy/findings.js'
import type { ExceptionUse } from '../policy/exceptions.js'
import type { RegistryError } from '../registry/errors.js'
import type { QuorumReport } from '../policy/rules/quorum.js'

/** One entry of `images`, and what became of it. */
export interface ImageResult {
  input: string
  ref: Reference | undefined
  facts: ImageFacts | undefined
  /** The rules that applied to it. */
  rules: RuleName[]
  /** Each quorum (signers, threshold) that applied to it: who signed and who did not. */
  quorums?: QuorumReport[]
  /** Why it could not be inspected. */
  error:
    { kind: RegistryError['kind'] | 'reference' | 'not-allowed'; host: string | undefined; message: string } | undefined
}

export interface RegistryStats {
  registry: string
  requests: number
  tokenRequests: number
  rateLimitRemaining: string | undefined
}

export interface FileLocation {
  file: string
  line: number
  col: number
}

export interface GateResult {
  /** Every rule some rule set turns on. */
  rules: RuleName[]
  images: ImageResult[]
  /** Where each image found in `files` is referenced, by the reference as written. */
  locations: Map<string, FileLocation[]>
  /** References in files that could not be verified (unresolved variables, unparsable files). */
  fileWarnings: FileWarning[]
  findings: Finding[]
  registries: RegistryStats[]
  /** The policy's exceptions: what each covered, and which have expired. */
  exceptions: ExceptionUse[]
}
