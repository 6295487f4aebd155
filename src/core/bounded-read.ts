import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'

/**
 * Reads a regular file the workspace names (a policy, a key, a trusted root), never more than `max + 1` bytes of it.
 * A pull request chooses these paths: a link to `/dev/zero` or a FIFO has no size to check beforehand and would be
 * read forever, so anything but a regular file is refused (`code` ENOTREG) without reading, and opening does not
 * wait on a FIFO. `size` is what the file system says; `bytes` past `max` tell the caller the file is too large.
 */
export function readBoundedSync(path: string, max: number): { bytes: Buffer; size: number } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) {
      throw Object.assign(new Error(st.isDirectory() ? 'it is a directory' : 'it is not a regular file'), {
        code: st.isDirectory() ? 'EISDIR' : 'ENOTREG'
      })
    }
    const buf = Buffer.alloc(Math.min(st.size, max) + 1)
    let n = 0
    for (let r = 1; r > 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null)
    return { bytes: buf.subarray(0, n), size: st.size }
  } finally {
    closeSync(fd)
  }
}

/** A fetch response's body that passed its bound: `length` is its Content-Length when that said so beforehand. */
export class BodyTooLarge extends Error {
  constructor(readonly length: number | undefined) {
    super(length === undefined ? 'the body passed its limit' : `a body of ${length} bytes`)
  }
}

/**
 * A fetch response's body (an API's answer), never more than `limit` bytes: refused by its Content-Length before
 * reading, or cancelled as soon as it passes the limit (`BodyTooLarge`). The other side chooses both.
 */
export async function readResponseBounded(res: Response, limit: number): Promise<Buffer> {
  const length = Number(res.headers.get('content-length') ?? NaN)
  if (Number.isFinite(length) && length > limit) {
    await res.body?.cancel().catch(() => {})
    throw new BodyTooLarge(length)
  }
  const reader = res.body?.getReader()
  if (!reader) return Buffer.alloc(0)
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw new BodyTooLarge(undefined)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size)
}
