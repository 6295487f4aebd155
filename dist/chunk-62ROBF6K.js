
import {
  require_os
} from "./chunk-DZRP2ASS.js";
import {
  parseDatabaseUrl
} from "./chunk-MVD7MK3L.js";
import {
  parseLabelRequirement
} from "./chunk-O5L4BDB6.js";
import {
  registerSecret
} from "./chunk-JKCKZTIS.js";
import {
  FAIL_ON,
  parsePublicKey,
  splitKeySources
} from "./chunk-OISVCNRR.js";
import {
  denyEntryProblem
} from "./chunk-DKQD7TJL.js";
import {
  require_fs
} from "./chunk-MT22UEVM.js";
import {
  require_path
} from "./chunk-FZ4MN5IN.js";
import {
  parseDuration,
  parseGrace
} from "./chunk-3EXKOP6I.js";
import {
  parsePlatform
} from "./chunk-IPQCI7W4.js";
import {
  GITHUB_ACTIONS_ISSUER
} from "./chunk-RPWR6KMM.js";
import {
  globProblem,
  normalizeHostPattern
} from "./chunk-A6VFLDUP.js";
import {
  normalizeRegistryName,
  parseRepositoryName
} from "./chunk-LDXJDK62.js";
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import {
  digestProblem,
  require_crypto
} from "./chunk-6XVK6575.js";
import {
  __commonJS,
  __require,
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// lazy-cjs:@actions/exec
var require_exec = __commonJS({
  "lazy-cjs:@actions/exec"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("./actions-exec.cjs");
    module.exports = {
      get "exec"() {
        return load()["exec"];
      },
      get "getExecOutput"() {
        return load()["getExecOutput"];
      }
    };
  }
});

// src/gate/inputs.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// node_modules/@actions/core/lib/core.js
init_define_IMAGE_GATE_ACTION_INPUTS();

// node_modules/@actions/core/lib/command.js
init_define_IMAGE_GATE_ACTION_INPUTS();
var os = __toESM(require_os(), 1);

// node_modules/@actions/core/lib/utils.js
init_define_IMAGE_GATE_ACTION_INPUTS();
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
init_define_IMAGE_GATE_ACTION_INPUTS();
var crypto = __toESM(require_crypto(), 1);
var fs = __toESM(require_fs(), 1);
var os2 = __toESM(require_os(), 1);
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter2 = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter2)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter2}"`);
  }
  if (convertedValue.includes(delimiter2)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter2}"`);
  }
  return `${key}<<${delimiter2}${os2.EOL}${convertedValue}${os2.EOL}${delimiter2}`;
}

// node_modules/@actions/core/lib/core.js
var os4 = __toESM(require_os(), 1);
var path2 = __toESM(require_path(), 1);

// node_modules/@actions/core/lib/oidc-utils.js
init_define_IMAGE_GATE_ACTION_INPUTS();

// node_modules/@actions/http-client/lib/auth.js
init_define_IMAGE_GATE_ACTION_INPUTS();

// node_modules/@actions/core/lib/summary.js
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_os = __toESM(require_os(), 1);
var import_fs = __toESM(require_fs(), 1);
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var access = (...a) => import_fs.promises.access(...a);
var appendFile = (...a) => import_fs.promises.appendFile(...a);
var writeFile = (...a) => import_fs.promises.writeFile(...a);
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, import_fs.constants.R_OK | import_fs.constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(import_os.EOL);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/path-utils.js
init_define_IMAGE_GATE_ACTION_INPUTS();
var path = __toESM(require_path(), 1);

// node_modules/@actions/core/lib/platform.js
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_os2 = __toESM(require_os(), 1);
var exec = __toESM(require_exec(), 1);
var platform = import_os2.default.platform();
var arch = import_os2.default.arch();

// node_modules/@actions/core/lib/core.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}
function group(name, fn) {
  return __awaiter2(this, void 0, void 0, function* () {
    startGroup(name);
    let result;
    try {
      result = yield fn();
    } finally {
      endGroup();
    }
    return result;
  });
}

// src/gate/inputs.ts
var DEFAULT_VULNERABILITY_DB = "https://api.osv.dev";
var REPOSITORY_PATTERN = /^[^/\s]+\/[^/\s]+$/;
var InputError = class extends GateError {
  constructor(message) {
    super("input", message);
  }
};
var DEFAULT_CONCURRENCY = 32;
var MAX_CONCURRENCY = 64;
function checkGlobs(name, patterns) {
  for (const p of patterns) {
    const problem = globProblem(p);
    if (problem) {
      const shown = p.length > 80 ? `${p.slice(0, 80)}\u2026` : p;
      throw new InputError(
        `Input "${name}" has the pattern "${shown}": ${problem}; write a shorter pattern, or several`
      );
    }
  }
  return patterns;
}
function parseList(value, { commas = true } = {}) {
  const out = [];
  for (const rawLine of value.split(/\r?\n/)) {
    const line = rawLine.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    for (const item of commas ? line.split(",") : [line]) {
      const t = item.trim();
      if (t !== "") out.push(t);
    }
  }
  return out;
}
function ruleList(name, value, opts = {}) {
  return notHollow(name, value, parseList(value, opts));
}
function notHollow(name, value, items) {
  if (items.length === 0 && value.trim() !== "") throw new InputError(`Input "${name}" ${HOLDS_NOTHING}`);
  return items;
}
var HOLDS_NOTHING = "holds no entry, only blank lines, commas or # comments, which would leave its rule off: give at least one entry, or remove the input; if it is filled in from a secret or a variable, that one is empty (as secrets are on a pull request from a fork)";
function parseBoolean(name, value, fallback) {
  const v = value.trim();
  if (v === "") return fallback;
  if (["true", "True", "TRUE"].includes(v)) return true;
  if (["false", "False", "FALSE"].includes(v)) return false;
  throw new InputError(`Input "${name}" is "${v}": write true or false`);
}
function readInputs(get = (name) => getInput(name, { trimWhitespace: name !== "password" })) {
  const images = parseList(get("images"));
  const files = checkGlobs("files", parseList(get("files")));
  if (images.length === 0 && files.length === 0) {
    throw new InputError(
      'Input "images" is empty: list at least one image reference (one per line or comma-separated), or give "files"'
    );
  }
  notHollow("images", get("images"), images);
  notHollow("files", get("files"), files);
  const platforms = ruleList("platforms", get("platforms")).map((p) => {
    try {
      return parsePlatform(p);
    } catch (e) {
      throw new InputError(`Input "platforms": ${e.message}`);
    }
  });
  const maxAgeText = get("max-age").trim();
  let maxAge;
  if (maxAgeText !== "") {
    try {
      maxAge = parseDuration(maxAgeText);
    } catch (e) {
      throw new InputError(`Input "max-age": ${e.message}`);
    }
  }
  const digestText = get("digest").trim();
  if (digestText !== "") {
    const problem = digestProblem(digestText);
    if (problem) throw new InputError(`Input "digest" is "${digestText}": ${problem}`);
  }
  if (digestText !== "" && images.length > 1) {
    throw new InputError(
      `Input "digest" is for one image, but "images" lists ${images.length}: pin each as name@digest instead`
    );
  }
  const concurrencyText = get("concurrency").trim();
  let concurrency = DEFAULT_CONCURRENCY;
  if (concurrencyText !== "") {
    concurrency = Number(concurrencyText);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new InputError(
        `Input "concurrency" is "${concurrencyText}": write a whole number from 1 to ${MAX_CONCURRENCY}`
      );
    }
  }
  const labels = ruleList("labels", get("labels"), { commas: false });
  for (const l of labels) {
    const key = l.split("=")[0].trim();
    if (key === "") throw new InputError(`Input "labels" has "${l}": write KEY or KEY=GLOB, one per line`);
    const { glob } = parseLabelRequirement(l);
    if (glob !== void 0) checkGlobs("labels", [glob]);
  }
  const credentials = readCredentialInputs(get);
  const grace = (name) => {
    try {
      return parseGrace(get(name));
    } catch (e) {
      throw new InputError(`Input "${name}": ${e.message}`);
    }
  };
  const baseCurrent = grace("base-current");
  const pinsCurrent = grace("pins-current");
  const cache = get("cache").trim();
  const trust = readTrustInputs(get);
  const notation = readNotationInputs(get);
  const policy = get("policy").trim();
  const sarif = get("sarif").trim();
  const insecureRegistries = parseList(get("insecure-registries")).map(normalizeRegistryName);
  const vulnerabilities = readVulnerabilityInputs(get, insecureRegistries);
  return {
    images,
    policy: policy === "" ? void 0 : policy,
    platforms,
    baseImages: checkGlobs("base-images", ruleList("base-images", get("base-images"))),
    maxAge,
    maxAgeText,
    digest: digestText === "" ? void 0 : digestText,
    requireDigest: parseBoolean("require-digest", get("require-digest"), false),
    registries: checkGlobs("registries", ruleList("registries", get("registries"))).map(normalizeHostPattern),
    labels,
    nonRoot: parseBoolean("non-root", get("non-root"), false),
    failBuild: parseBoolean("fail-build", get("fail-build"), true),
    ...credentials,
    insecureRegistries,
    concurrency,
    summary: parseBoolean("summary", get("summary"), true),
    files,
    sarif: sarif === "" ? void 0 : sarif,
    changedFilesOnly: parseBoolean("changed-files-only", get("changed-files-only"), false),
    comment: parseBoolean("comment", get("comment"), false),
    baseCurrent,
    pinsCurrent,
    cache: cache === "" ? void 0 : cache,
    ...trust,
    ...readContentInputs(get, trust),
    ...notation,
    ...vulnerabilities
  };
}
function readVulnerabilityInputs(get, insecureRegistries) {
  const severity = get("vulnerabilities").trim();
  if (severity !== "" && !FAIL_ON.includes(severity)) {
    throw new InputError(
      `Input "vulnerabilities" is "${severity}": write the lowest severity that fails: ${FAIL_ON.join(", ")} (any also fails vulnerabilities of unknown severity)`
    );
  }
  const written = get("vulnerability-db").trim().replace(/\/+$/, "");
  const db = written === "" ? DEFAULT_VULNERABILITY_DB : written;
  let url;
  if (db !== "none") {
    try {
      url = parseDatabaseUrl(db, insecureRegistries);
    } catch (e) {
      if (!(e instanceof GateError)) throw e;
      throw new InputError(
        // Its message shows the value without what it must not repeat (credentials in the URL).
        `Input "vulnerability-db": ${e.message.replace(/^vulnerability-db: /, "")}; or none to read only signed vulnerability reports`
      );
    }
  }
  const vex = ruleList("vex", get("vex"));
  const policy = get("policy").trim();
  if (vex.length > 0 && severity === "" && policy === "") {
    throw new InputError(
      'Input "vex" is set, but no vulnerabilities rule is on: set vulnerabilities (if it comes from a secret or a variable, that one is empty), or a policy with one, or remove vex'
    );
  }
  return {
    vulnerabilities: severity === "" ? void 0 : severity,
    vulnerabilityDb: url,
    vex
  };
}
function readContentInputs(get, trust) {
  const sbomText = get("sbom").trim();
  let sbom;
  if (["true", "True", "TRUE"].includes(sbomText)) sbom = "present";
  else if (sbomText === "signed") sbom = "signed";
  else if (!["", "false", "False", "FALSE"].includes(sbomText))
    throw new InputError(
      `Input "sbom" is "${sbomText.slice(0, 80)}": write true (every platform has an SBOM), signed (one an accepted signer covers) or false`
    );
  const signers = splitKeySources(trust.signatureKeys).pems.length + splitKeySources(trust.signatureKeys).paths.length + trust.signatureIdentities.length + trust.provenance.length;
  if (sbom === "signed" && signers === 0 && get("policy").trim() === "")
    throw new InputError(
      'Input "sbom" is "signed", which needs a signer to trust: set signature-keys, signature-identities or provenance, or write sbom: true'
    );
  const licenses = checkGlobs("licenses", ruleList("licenses", get("licenses")));
  for (const l of licenses) {
    const problem = denyEntryProblem(l);
    if (problem) throw new InputError(`Input "licenses" has "${l.slice(0, 80)}": ${problem}`);
  }
  return { sbom, licenses };
}
function readTrustInputs(get) {
  const signatureKeys = get("signature-keys");
  const keySources = splitKeySources(signatureKeys);
  notHollow("signature-keys", signatureKeys, [...keySources.pems, ...keySources.paths]);
  for (const [i, pem] of keySources.pems.entries()) {
    try {
      parsePublicKey(pem, `inline key ${i + 1}`);
    } catch (e) {
      throw new InputError(`Input "signature-keys": ${e.message}`);
    }
  }
  const signatureIdentities = ruleList("signature-identities", get("signature-identities"));
  const signatureIssuer = get("signature-issuer").trim() || GITHUB_ACTIONS_ISSUER;
  if (!/^https:\/\/[^\s/]+/.test(signatureIssuer)) {
    throw new InputError(
      `Input "signature-issuer" is "${signatureIssuer}": write the OIDC issuer URL, like ${GITHUB_ACTIONS_ISSUER}`
    );
  }
  const provenance = ruleList("provenance", get("provenance"));
  for (const p of provenance) {
    if (!REPOSITORY_PATTERN.test(p))
      throw new InputError(
        `Input "provenance" has "${p}": write GitHub repositories as owner/repo (globs like acme/* allowed)`
      );
  }
  const attestations = ruleList("attestations", get("attestations"));
  if (attestations.length > 0 && keySources.pems.length + keySources.paths.length === 0 && signatureIdentities.length === 0 && provenance.length === 0 && get("policy").trim() === "") {
    throw new InputError(
      'Input "attestations" needs a signer to trust: set signature-keys, signature-identities or provenance'
    );
  }
  const trustedRoot = get("trusted-root").trim();
  if (signatureIssuer !== GITHUB_ACTIONS_ISSUER && signatureIdentities.length === 0) {
    throw new InputError(
      `Input "signature-issuer" is "${signatureIssuer}", but "signature-identities" is empty: the issuer applies to those identities; list them (if they come from a secret or a variable, that one is empty), or remove signature-issuer`
    );
  }
  const trustRules = keySources.pems.length + keySources.paths.length + signatureIdentities.length + provenance.length + attestations.length;
  if (trustedRoot !== "" && trustRules === 0 && get("policy").trim() === "") {
    throw new InputError(
      `Input "trusted-root" is "${trustedRoot}", but no trust rule is on: set signature-keys, signature-identities, provenance or attestations (if they come from a secret or a variable, that one is empty), or remove trusted-root`
    );
  }
  return {
    signatureKeys,
    signatureIdentities,
    signatureIssuer,
    provenance,
    attestations,
    trustedRoot: trustedRoot === "" ? void 0 : trustedRoot,
    signatureRepository: readSignatureRepository(get, trustRules)
  };
}
function readSignatureRepository(get, trustRules) {
  const text = get("signature-repository").trim();
  if (text === "") return void 0;
  let repo;
  try {
    repo = parseRepositoryName(text);
  } catch (e) {
    throw new InputError(
      `Input "signature-repository" is "${text}": ${e.message.replace(/^".*" is not a valid image reference: /, "")}; write registry/repository, like ghcr.io/acme/signatures`
    );
  }
  if (trustRules === 0 && get("policy").trim() === "")
    throw new InputError(
      `Input "signature-repository" is "${text}", but no trust rule is on: set signature-keys, signature-identities, provenance or attestations (if they come from a secret or a variable, that one is empty), or remove signature-repository`
    );
  return repo;
}
function readNotationInputs(get) {
  const policy = get("notation-trust-policy").trim();
  const store = get("notation-trust-store").trim();
  if (policy === "" !== (store === "")) {
    const [given, empty] = policy === "" ? ["notation-trust-store", "notation-trust-policy"] : ["notation-trust-policy", "notation-trust-store"];
    throw new InputError(
      `Input "${given}" is "${policy || store}", but "${empty}" is empty: Notation needs both, a trustpolicy.json and the trust store directory (x509/ca/<name>/\u2026) it names (if one comes from a secret or a variable, that one is empty)`
    );
  }
  if (policy === "") return {};
  for (const [name, value] of [
    ["notation-trust-policy", policy],
    ["notation-trust-store", store]
  ]) {
    if (/[\r\n]/.test(value))
      throw new InputError(
        `Input "${name}" holds more than one line: give one path, base:<path> or github:<owner>/<repo>/<path>@<ref>`
      );
  }
  return { notationTrustPolicy: policy, notationTrustStore: store };
}
function readCredentialInputs(get) {
  const username = get("username").trim();
  const password = get("password").replace(/\r?\n$/, "");
  registerSecret(password);
  const githubToken = get("github-token").trim();
  registerSecret(githubToken);
  if (username === "" !== (password === "")) {
    throw new InputError(
      `Inputs "username" and "password" go together: ${username === "" ? '"username" is empty' : '"password" is empty'}`
    );
  }
  const registryText = get("registry").trim();
  return {
    username,
    password,
    registry: registryText === "" ? void 0 : normalizeRegistryName(registryText),
    githubToken
  };
}

export {
  summary,
  setSecret,
  setOutput,
  setFailed,
  debug,
  error,
  warning,
  notice,
  info,
  group,
  InputError,
  readInputs
};
//# sourceMappingURL=chunk-62ROBF6K.js.map
