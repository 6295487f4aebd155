/**
 * A content cache on disk: verified manifests and configs, keyed by digest and hashed again when read, so that a
 * repeat run asks the registry only what each tag points to now. Tags are never cached. The directory is treated
 * as hostile: a symbolic link, a special file, an oversized or corrupted entry is never trusted (it is re-fetched),
 * and the cache is bounded in entries and bytes. A cache that cannot be written is a warning, never a failure.
 */
import { randomBytes } from 'node:crypto'
import { constants, lstatSync, mkdirSync, opendirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../core/logger.js'
import { computeDigest, digestProblem } from '../core/digest.js'

/** Layout version: a change of format gets a new directory, and old entries are simply not read. */
const ROOT = 'image-gate-v1'
const KINDS = ['manifests', 'blobs'] as const
type Kind = (typeof KINDS)[number]
/** Bodies read from the cache, at most (the client reads manifests and configs up to 4 MiB). */
const ENTRY_LIMIT = (4 << 20) + 256
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9.+_-]*\/[A-Za-z0-9][A-Za-z0-9.+_-]*$/

export interface CacheLimits {
  /** Entries kept, at most; the least recently used go first. */
  maxEntries: number
  /** Bytes kept, at most. */
  maxBytes: number
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntries: 20_000, maxBytes: 256 << 20 }

export interface CacheStats {
  hits: number
  misses: number
  stored: number
  /** Entries that were not what their name says (corrupted, truncated, a link, a special file): ignored. */
  rejected: number
  pruned: number
}

export class ContentCache {
  readonly dir: string
  readonly stats: CacheStats = { hits: 0, misses: 0, stored: 0, rejected: 0, pruned: 0 }
  private readonly logger: Logger
  private readonly limits: CacheLimits
  private readable: boolean
  private writable: boolean
  private warned = false

  private constructor(dir: string, logger: Logger, limits: CacheLimits, readable: boolean, writable: boolean) {
    this.dir = dir
    this.logger = logger
    this.limits = limits
    this.readable = readable
    this.writable = writable
  }

  /** Opens (creating it when needed) the cache in `dir`; never throws: an unusable cache is a warning. */
  static open(dir: string, logger: Logger, limits: CacheLimits = DEFAULT_CACHE_LIMITS): ContentCache {
    const root = join(dir, ROOT)
    let readable = true
    let writable = true
    const problem = (why: string): void =>
      logger.warning(`cache: ${why}; the run goes on without ${readable ? 'storing new entries' : 'the cache'}`)
    try {
      mkdirSync(root, { recursive: true })
    } catch (e) {
      readable = isDirectory(root)
      writable = false
      problem(`the directory ${dir} cannot be created or written (${errorCode(e)})`)
      return new ContentCache(root, logger, limits, readable, writable)
    }
    for (const sub of [root, ...KINDS.map(k => join(root, k))]) {
      try {
        mkdirSync(sub, { recursive: true })
      } catch {
        // Checked below.
      }
      // A link or a file where a directory belongs could send reads and writes anywhere: the cache is not used.
      if (!isDirectory(sub)) {
        readable = false
        writable = false
        problem(`${sub} is not a plain directory (a symbolic link, or a file)`)
        return new ContentCache(root, logger, limits, readable, writable)
      }
    }
    try {
      const probe = join(root, `.probe-${randomBytes(6).toString('hex')}`)
      writeFileSync(probe, '', { flag: 'wx' })
      unlinkSync(probe)
    } catch (e) {
      writable = false
      problem(`the directory ${dir} cannot be written (${errorCode(e)})`)
    }
    return new ContentCache(root, logger, limits, readable, writable)
  }

  /** A manifest by digest, with the media type it was served with; undefined when absent or not to be trusted. */
  async getManifest(digest: string): Promise<{ body: Buffer; mediaType: string } | undefined> {
    const raw = await this.read('manifests', digest)
    if (!raw) return undefined
    const nl = raw.indexOf(0x0a)
    const mediaType = nl > 0 ? raw.subarray(0, nl).toString('latin1') : ''
    const body = raw.subarray(nl + 1)
    if (nl <= 0 || !MEDIA_TYPE.test(mediaType) || computeDigest(body, digest) !== digest)
      return this.reject('manifests', digest)
    this.stats.hits++
    return { body, mediaType }
  }

  /** A blob by digest (and size, when known); undefined when absent or not to be trusted. */
  async getBlob(digest: string, size?: number): Promise<Buffer | undefined> {
    const body = await this.read('blobs', digest)
    if (!body) return undefined
    if ((size !== undefined && body.length !== size) || computeDigest(body, digest) !== digest)
      return this.reject('blobs', digest)
    this.stats.hits++
    return body
  }

  /** Stores a manifest that was verified against `digest`. */
  putManifest(digest: string, mediaType: string, body: Buffer): void {
    if (!MEDIA_TYPE.test(mediaType)) return
    this.write('manifests', digest, Buffer.concat([Buffer.from(`${mediaType}\n`, 'latin1'), body]))
  }

  /** Stores a blob that was verified against `digest`. */
  putBlob(digest: string, body: Buffer): void {
    this.write('blobs', digest, body)
  }

  /** Keeps the cache in its bounds: the least recently used entries go first. Never throws. */
  close(): void {
    if (!this.writable || this.stats.stored === 0) return
    try {
      this.prune()
    } catch (e) {
      this.logger.debug(`cache: pruning stopped: ${errorCode(e)}`)
    }
  }

  private path(kind: Kind, digest: string): string | undefined {
    // Only a valid digest names a file: nothing else reaches the file system.
    if (digestProblem(digest) !== undefined) return undefined
    return join(this.dir, kind, digest.replace(':', '-'))
  }

  private async read(kind: Kind, digest: string): Promise<Buffer | undefined> {
    const path = this.readable ? this.path(kind, digest) : undefined
    if (!path) return undefined
    let fh
    try {
      // No link is followed, and a FIFO or device does not block the open.
      fh = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
    } catch (e) {
      const code = errorCode(e)
      if (code === 'ELOOP' || code === 'EMLINK') return this.reject(kind, digest)
      this.stats.misses++
      return undefined
    }
    try {
      const st = await fh.stat()
      if (!st.isFile() || st.size > ENTRY_LIMIT) return this.reject(kind, digest)
      const buf = Buffer.alloc(st.size)
      let off = 0
      while (off < buf.length) {
        const { bytesRead } = await fh.read(buf, off, buf.length - off, off)
        if (bytesRead === 0) break
        off += bytesRead
      }
      if (off !== st.size) return this.reject(kind, digest)
      // Recently used entries are kept longest.
      const now = new Date()
      await fh.utimes(now, now).catch(() => {})
      return buf
    } catch {
      return this.reject(kind, digest)
    } finally {
      await fh.close().catch(() => {})
    }
  }

  /** An entry that is not what its name says: counted, removed when possible (unlink removes a link, not its target). */
  private reject(kind: Kind, digest: string): undefined {
    this.stats.rejected++
    this.stats.misses++
    const path = this.path(kind, digest)
    if (path && this.writable) {
      try {
        rmSync(path, { force: true })
      } catch {
        // A directory in its place stays; it is never read.
      }
    }
    this.logger.debug(`cache: the entry for ${digest} was not trusted and is fetched again`)
    return undefined
  }

  private write(kind: Kind, digest: string, bytes: Buffer): void {
    const path = this.writable ? this.path(kind, digest) : undefined
    if (!path || bytes.length > ENTRY_LIMIT) return
    // A new file of our own, then an atomic rename: a link in the entry's place is replaced, never followed.
    const tmp = join(this.dir, `.tmp-${randomBytes(8).toString('hex')}`)
    try {
      writeFileSync(tmp, bytes, { flag: 'wx', mode: 0o644 })
      renameSync(tmp, path)
      this.stats.stored++
    } catch (e) {
      try {
        unlinkSync(tmp)
      } catch {
        // Not created.
      }
      if (!this.warned) {
        this.warned = true
        this.logger.warning(`cache: an entry could not be stored in ${this.dir} (${errorCode(e)}); the run goes on`)
      }
    }
  }

  private prune(): void {
    const entries: Array<{ path: string; size: number; used: number }> = []
    let bytes = 0
    // Bounded even when the directory holds far more than it should.
    const scanLimit = this.limits.maxEntries * 2 + 1000
    for (const kind of KINDS) {
      const dir = opendirSync(join(this.dir, kind))
      try {
        for (let d = dir.readSync(); d !== null && entries.length < scanLimit; d = dir.readSync()) {
          const path = join(this.dir, kind, d.name)
          try {
            const st = lstatSync(path)
            const size = st.isFile() ? st.size : 0
            entries.push({ path, size, used: st.mtimeMs })
            bytes += size
          } catch {
            // Gone meanwhile.
          }
        }
      } finally {
        dir.closeSync()
      }
    }
    if (entries.length <= this.limits.maxEntries && bytes <= this.limits.maxBytes) return
    entries.sort((a, b) => a.used - b.used)
    // Down to nine tenths of the bounds, so that pruning is not needed on every run.
    const keepEntries = Math.floor(this.limits.maxEntries * 0.9)
    const keepBytes = Math.floor(this.limits.maxBytes * 0.9)
    let count = entries.length
    for (const e of entries) {
      if (count <= keepEntries && bytes <= keepBytes) break
      try {
        rmSync(e.path, { force: true, recursive: true })
        this.stats.pruned++
      } catch {
        // Left for the next run.
      }
      count--
      bytes -= e.size
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory()
  } catch {
    return false
  }
}

function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e)
}

/** For tests: a cache entry's file. */
export function entryPath(dir: string, kind: Kind, digest: string): string {
  return join(dir, ROOT, kind, digest.replace(':', '-'))
}
