/**
 * Where a file that decides the verdict comes from. A pull request may edit anything in its own checkout, the policy
 * that judges it included; so every input that names such a file (`policy`, `signature-keys` paths, `trusted-root`)
 * also takes a source the pull request cannot write:
 * - `base:<path>`: the repository's own file at the commit the pull request is judged against (its base on a pull
 *   request event, `GITHUB_SHA` on any other);
 * - `github:<owner>/<repo>/<path>@<ref>`: another repository's file, such as a central policy repository.
 * Both are read through the GitHub API with `github-token`. A plain path is the workspace's file, as before. A file
 * read from a source names other files (a policy's key paths) relative to the same source: a policy read at the base
 * commit never reads a key from the workspace.
 */
import { lstatSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { readBoundedSync } from '../core/bounded-read.js'
import { baseCommit, repositoryFromEnv } from '../github/api.js'
import {
  ContentsError,
  describeFile,
  listRepositoryDirectory,
  readRepositoryFile,
  type RepositoryFile
} from '../github/contents.js'
import { GateError } from '../core/errors.js'

export type SourceSpec =
  | { kind: 'workspace'; path: string }
  | { kind: 'base'; path: string }
  | { kind: 'github'; owner: string; repo: string; path: string; ref: string }

/** A source that cannot be used or read; the message names the input, the value and what would be right. */
export class SourceError extends GateError {
  constructor(message: string) {
    super('source', message)
  }
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/
const REPO = /^[A-Za-z0-9._-]{1,100}$/
const REF = /^[A-Za-z0-9._\-/]{1,255}$/

/** A repository-relative path: `/`-separated, no empty, `.` or `..` segment, no leading `/`. */
function repositoryPath(path: string): string | undefined {
  const segments = path.split('/')
  if (path.length === 0 || path.length > 1024 || segments.some(s => s === '' || s === '.' || s === '..'))
    return undefined
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f\\]/.test(path)) return undefined
  return path
}

/** Parses an input's value: `base:<path>`, `github:<owner>/<repo>/<path>@<ref>`, or a workspace path. */
export function parseSource(input: string, value: string): SourceSpec {
  const v = value.trim()
  if (v.startsWith('base:')) {
    const path = repositoryPath(v.slice(5))
    if (!path)
      throw new SourceError(
        `Input "${input}" is "${v}": write base:<path>, a path from the repository's root with no . or .. segment, like base:.github/image-gate.yml`
      )
    return { kind: 'base', path }
  }
  if (v.startsWith('github:')) {
    const m = /^github:([^/]+)\/([^/]+)\/(.+)@([^@]+)$/.exec(v)
    const path = m && !m[3]!.includes('@') ? repositoryPath(m[3]!) : undefined
    if (!m || !OWNER.test(m[1]!) || !REPO.test(m[2]!) || !path || !REF.test(m[4]!) || m[4]!.includes('..')) {
      throw new SourceError(
        `Input "${input}" is "${v}": write github:<owner>/<repo>/<path>@<ref>, like github:acme/policies/image-gate/policy.yml@main (a ref is required: a branch, a tag or a commit SHA)`
      )
    }
    return { kind: 'github', owner: m[1]!, repo: m[2]!, path, ref: m[4]! }
  }
  return { kind: 'workspace', path: v }
}

/** What reading from the GitHub API needs. */
export interface SourceContext {
  workspace: string
  env: NodeJS.ProcessEnv
  token: string
  apiUrl: string
}

/** A place files are read from: the workspace, or one repository at one commit. */
export interface FileSource {
  kind: SourceSpec['kind']
  /** How messages name a file of this source. */
  describe(path: string): string
  /** Reads a file (bounded); a path is relative to the workspace or to the repository's root. */
  read(path: string, maxBytes: number): Promise<Buffer>
  /**
   * The files below a directory (a trust store), as paths relative to it, at most `depth` levels down and
   * MAX_LISTED_FILES in all; symbolic links are not followed.
   */
  list(path: string, depth: number): Promise<string[]>
}

/** Most files a directory source lists (a trust store holds a few certificates). */
export const MAX_LISTED_FILES = 256

function tooMany(what: string): SourceError {
  return new SourceError(`${what}: holds more than ${MAX_LISTED_FILES} files; a trust store holds a few certificates`)
}

function workspaceSource(workspace: string): FileSource {
  return {
    kind: 'workspace',
    describe: path => path,
    read: async (path, maxBytes) => {
      const read = readBoundedSync(resolve(workspace, path), maxBytes)
      if (read.bytes.length > maxBytes)
        throw Object.assign(new Error(`it is over ${maxBytes} bytes`), { code: 'EFBIG' })
      return read.bytes
    },
    list: async (path, depth) => {
      const out: string[] = []
      const walk = (rel: string, left: number): void => {
        const dir = resolve(workspace, path, rel)
        for (const name of readdirSync(dir).sort()) {
          const child = rel ? `${rel}/${name}` : name
          const st = lstatSync(resolve(dir, name))
          if (st.isFile()) {
            out.push(child)
            if (out.length > MAX_LISTED_FILES) throw tooMany(path)
          } else if (st.isDirectory() && left > 1) walk(child, left - 1)
        }
      }
      walk('', depth)
      return out
    }
  }
}

function repositorySource(kind: 'base' | 'github', at: Omit<RepositoryFile, 'path'>, ctx: SourceContext): FileSource {
  const file = (path: string): RepositoryFile => {
    const clean = repositoryPath(path.replace(/^\.\//, ''))
    if (!clean) throw new SourceError(`${describeFile({ ...at, path })}: not a path within the repository`)
    return { ...at, path: clean }
  }
  const describe = (path: string): string => `${kind}:${describeFile({ ...at, path })}`
  return {
    kind,
    describe,
    read: async (path, maxBytes) => {
      try {
        return await readRepositoryFile({ token: ctx.token, apiUrl: ctx.apiUrl }, file(path), maxBytes, describe(path))
      } catch (e) {
        if (e instanceof ContentsError) throw new SourceError(e.message)
        throw e
      }
    },
    list: async (path, depth) => {
      const root = file(path)
      const out: string[] = []
      const walk = async (dir: string, left: number): Promise<void> => {
        const entries = await listRepositoryDirectory(
          { token: ctx.token, apiUrl: ctx.apiUrl },
          { ...at, path: dir },
          describe(dir)
        )
        for (const e of entries) {
          if (!e.path.startsWith(`${dir}/`)) continue
          const rel = e.path.slice(root.path.length + 1)
          if (e.type === 'file') {
            out.push(rel)
            if (out.length > MAX_LISTED_FILES) throw tooMany(describe(path))
          } else if (e.type === 'dir' && left > 1 && repositoryPath(e.path)) await walk(e.path, left - 1)
        }
      }
      try {
        await walk(root.path, depth)
      } catch (e) {
        if (e instanceof ContentsError) throw new SourceError(e.message)
        throw e
      }
      return out.sort()
    }
  }
}

/** The source a spec names, and the path of its file within it. A `base:` source needs the event's commit. */
export function openSource(input: string, spec: SourceSpec, ctx: SourceContext): { source: FileSource; path: string } {
  if (spec.kind === 'workspace') return { source: workspaceSource(ctx.workspace), path: spec.path }
  if (spec.kind === 'github')
    return {
      source: repositorySource('github', { owner: spec.owner, repo: spec.repo, ref: spec.ref }, ctx),
      path: spec.path
    }
  const repo = repositoryFromEnv(ctx.env)
  const base = baseCommit(ctx.env)
  if (!repo || !base) {
    throw new SourceError(
      `Input "${input}" is "base:${spec.path}": the commit to read it at is not known (a pull request event's base, or GITHUB_SHA, with GITHUB_REPOSITORY); on the command line set GITHUB_REPOSITORY and GITHUB_SHA, or use github:<owner>/<repo>/<path>@<ref>`
    )
  }
  return { source: repositorySource('base', { ...repo, ref: base.sha }, ctx), path: spec.path }
}
