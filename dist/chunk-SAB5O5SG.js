
import {
  require_fs
} from "./chunk-MT22UEVM.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/core/bounded-read.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_fs = __toESM(require_fs(), 1);
function readBoundedSync(path, max) {
  const fd = (0, import_node_fs.openSync)(path, import_node_fs.constants.O_RDONLY | import_node_fs.constants.O_NONBLOCK);
  try {
    const st = (0, import_node_fs.fstatSync)(fd);
    if (!st.isFile()) {
      throw Object.assign(new Error(st.isDirectory() ? "it is a directory" : "it is not a regular file"), {
        code: st.isDirectory() ? "EISDIR" : "ENOTREG"
      });
    }
    const buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = (0, import_node_fs.readSync)(fd, buf, n, buf.length - n, null);
    return { bytes: buf.subarray(0, n), size: st.size };
  } finally {
    (0, import_node_fs.closeSync)(fd);
  }
}
var BodyTooLarge = class extends Error {
  constructor(length) {
    super(length === void 0 ? "the body passed its limit" : `a body of ${length} bytes`);
    this.length = length;
  }
  length;
};
async function readResponseBounded(res, limit) {
  const length = Number(res.headers.get("content-length") ?? NaN);
  if (Number.isFinite(length) && length > limit) {
    await res.body?.cancel().catch(() => {
    });
    throw new BodyTooLarge(length);
  }
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {
      });
      throw new BodyTooLarge(void 0);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

export {
  readBoundedSync,
  BodyTooLarge,
  readResponseBounded
};
//# sourceMappingURL=chunk-SAB5O5SG.js.map
