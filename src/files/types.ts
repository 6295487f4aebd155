export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'workflow'

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
}

export interface Extraction {
  refs: FileReference[]
  warnings: FileWarning[]
}
