
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

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
var FileLimitError = class extends GateError {
  constructor(message, line = 0, col = 0) {
    super("file", message);
    this.line = line;
    this.col = col;
  }
  line;
  col;
};

export {
  locationsByImage,
  distinctImages,
  FileLimitError
};
//# sourceMappingURL=chunk-UQU5SVHF.js.map
