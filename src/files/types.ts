import { GateError } from '../core/errors.js'
export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'kustomize' | 'helm' | 'helm-template' | 'workflow'

/** An image reference found in a repository file. */
export interface FileReference {
  /** The reference as written, after variable substitution (`docker://` removed for workflow steps). */
  image: string
  /** Workspace-relative path with forward slashes. */
  file: string
  /** 1-based line of the reference text (the `FROM` line for a reference built from `ARG` defaults). */
  line: number
  /** 1-based column (UTF-16 code units) where the reference text starts. */
  col: number
  kind: FileKind
}

/**
 * Something found in a file that could not be verified: a reference that holds a variable with no known
 * value, a file that does not parse. `line` and `col` are 0 when the warning is about no line in particular.
 */
export interface FileWarning {
  file: string
  line: number
  col: number
  message: string
  /** A note rather than a warning: what is not checked by design (a build-only service). */
  level?: 'notice'
}

export interface Extraction {
  refs: FileReference[]
  warnings: FileWarning[]
  /** Files not read in full, or whose reading ran past a bound: each fails the gate (see FileLimitError). */
  errors?: FileWarning[]
}

/** Where each image (as written) is referenced, for annotations and SARIF. */
export function locationsByImage(
  refs: FileReference[]
): Map<string, Array<{ file: string; line: number; col: number }>> {
  const out = new Map<string, Array<{ file: string; line: number; col: number }>>()
  for (const r of refs) {
    const list = out.get(r.image) ?? []
    list.push({ file: r.file, line: r.line, col: r.col })
    out.set(r.image, list)
  }
  return out
}

/** Each distinct reference once, in the order first seen: what is inspected. */
export function distinctImages(refs: FileReference[]): string[] {
  return [...new Set(refs.map(r => r.image))]
}

/**
 * A file that image-gate could not read in full, or whose reading ran past a bound (its size, its YAML aliases,
 * its variables): the images it names are unknown, so it is a finding that fails the gate, not a warning.
 */
export class FileLimitError extends GateError {
  constructor(
    message: string,
    readonly line = 0,
    readonly col = 0
  ) {
    super('file', message)
  }
}
