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
