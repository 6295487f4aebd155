
import {
  GateError
} from "./chunk-7JOGQH3L.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

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
//# sourceMappingURL=chunk-EZDO33GM.js.map
