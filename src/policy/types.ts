import type { ImageFacts } from '../inspect/inspect.js'
import type { Platform } from '../oci/platform.js'
import type { Reference } from '../registry/reference.js'
import type { ReferencePattern } from './glob.js'

export interface LabelRequirement {
  key: string
  /** The value must match this glob; absent: the label must only be present. */
  glob?: string
}

/** One set of expectations: the inputs form one for every image; each policy rule forms one for the images it names. */
export interface RuleSet {
  /** Where it was declared: `inputs`, or `policy.yml rules[2] (line 14)`. */
  source: string
  /** The images it applies to; undefined: every image. */
  images?: ReferencePattern[]
  platforms?: Platform[]
  baseImages?: string[]
  maxAge?: { seconds: number; text: string }
  digest?: string
  requireDigest?: boolean
  registries?: string[]
  labels?: LabelRequirement[]
  nonRoot?: boolean
  /** The base must be its tag's current image; `seconds` is the grace (0: none). */
  baseCurrent?: Grace
  /** A `name:tag@digest` reference must still be what its tag resolves to; `seconds` is the grace (0: none). */
  pinsCurrent?: Grace
}

/** `true` (no grace: seconds 0) or a duration: a newer image is reported only once it is older than this. */
export interface Grace {
  seconds: number
  text: string
}

/** What a rule looks at. */
export interface Subject {
  input: string
  ref: Reference
  facts: ImageFacts
  now: Date
}

export interface Violation {
  platform?: string
  message: string
}
