import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SNEHC4Y2.js";

// src/files/types.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function locationsByImage(refs) {
  const out = /* @__PURE__ */ new Map();
  for (const r of refs) {
    const list = out.get(r.image) ?? [];
    list.push({ file: r.file, line: r.line, col: r.col });
    out.set(r.image, list);
  }
  return out;
}
function distinctImages(refs) {
  return [...new Set(refs.map((r) => r.image))];
}
var FileLimitError = class extends Error {
  constructor(message, line = 0, col = 0) {
    super(message);
    this.line = line;
    this.col = col;
    this.name = "FileLimitError";
  }
  line;
  col;
};

export {
  locationsByImage,
  distinctImages,
  FileLimitError
};
//# sourceMappingURL=chunk-C7UTXIKQ.js.map
