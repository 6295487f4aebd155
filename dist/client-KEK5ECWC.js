import { createRequire as __igCreateRequire } from 'node:module'; const require = __igCreateRequire(import.meta.url);
import {
  BATCH_SIZE,
  DEFAULT_RETRIES,
  MAX_ANSWER_BYTES,
  MAX_IDS,
  MAX_PAGES,
  MAX_QUERIES,
  MAX_RECORD_BYTES,
  parseDatabaseUrl,
  queryOsv
} from "./chunk-KKCU2Q4A.js";
import "./chunk-FSREXY7L.js";
import "./chunk-QTTXPWWE.js";
import "./chunk-QYCR7OG4.js";
import "./chunk-WAIWN37G.js";
import "./chunk-BK5OZBHZ.js";
import "./chunk-4377TKRI.js";
import "./chunk-QN6TZDVL.js";
import "./chunk-6QRSVGB3.js";
import "./chunk-X7DA4AXX.js";
import "./chunk-66NDOTLW.js";
export {
  BATCH_SIZE,
  DEFAULT_RETRIES,
  MAX_ANSWER_BYTES,
  MAX_IDS,
  MAX_PAGES,
  MAX_QUERIES,
  MAX_RECORD_BYTES,
  parseDatabaseUrl,
  queryOsv
};
//# sourceMappingURL=client-KEK5ECWC.js.map
