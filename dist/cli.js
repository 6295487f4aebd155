#!/usr/bin/env node

import {
  TOOL_VERSION
} from "./chunk-ZGGBRFNG.js";
import "./chunk-HZ22G5RC.js";
import "./chunk-XXP2TPTK.js";
import "./chunk-IKJXDASR.js";
import {
  describeFailure,
  plural,
  readmeUrl,
  transportOverrides
} from "./chunk-WR2SZKDG.js";
import {
  readInputs
} from "./chunk-62ROBF6K.js";
import "./chunk-DZRP2ASS.js";
import "./chunk-BHOE3INQ.js";
import "./chunk-MVD7MK3L.js";
import "./chunk-O5L4BDB6.js";
import {
  commandFreeText,
  inertJson
} from "./chunk-IOGWUVS2.js";
import {
  redact,
  registerSecret
} from "./chunk-JKCKZTIS.js";
import "./chunk-W5D7XUTN.js";
import "./chunk-F5NH5YHL.js";
import "./chunk-OISVCNRR.js";
import "./chunk-DKQD7TJL.js";
import "./chunk-MT22UEVM.js";
import {
  require_path
} from "./chunk-FZ4MN5IN.js";
import "./chunk-WG257OMD.js";
import {
  humanAge
} from "./chunk-3EXKOP6I.js";
import "./chunk-Y5I46MST.js";
import "./chunk-IPQCI7W4.js";
import "./chunk-RPWR6KMM.js";
import "./chunk-A6VFLDUP.js";
import "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import {
  GateError
} from "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import {
  __toESM,
  define_IMAGE_GATE_ACTION_INPUTS_default,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/cli.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/cli/run.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_path = __toESM(require_path(), 1);

// src/cli/action-inputs.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function actionInputs() {
  if (typeof define_IMAGE_GATE_ACTION_INPUTS_default === "undefined")
    throw new Error("built without the inputs of action.yml: run npm run bundle");
  return inputsOfActionYml({ inputs: define_IMAGE_GATE_ACTION_INPUTS_default });
}
function inputsOfActionYml(doc) {
  const inputs = doc?.inputs ?? {};
  return Object.entries(inputs).map(([name, v]) => ({
    name,
    description: typeof v?.description === "string" ? v.description.trim() : "",
    default: v?.default === void 0 || v.default === null ? "" : String(v.default)
  }));
}

// src/cli/flags.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function flagKind(input) {
  if (input.default === "true" || input.default === "false") return "boolean";
  if (/one per line|comma-separated/i.test(input.description)) return "list";
  return "value";
}
function toFlags(inputs) {
  return inputs.map((i) => ({ ...i, kind: flagKind(i) }));
}
var FORMATS = ["text", "json", "sarif"];
var CLI_FLAGS = [
  {
    name: "format",
    value: "text|json|sarif",
    description: "What goes to stdout: text for a person (default), the JSON report, or SARIF 2.1.0."
  },
  { name: "report", value: "PATH", description: "Also write the JSON report to PATH." },
  {
    name: "password-stdin",
    value: "",
    description: "Read the password for --username from standard input (trailing newline dropped), as docker login --password-stdin does: unlike --password, it is not shown in the process list."
  },
  { name: "verbose", value: "", description: "Log what the gate does (to stderr)." },
  { name: "help", value: "", description: "Show this help and exit." },
  { name: "version", value: "", description: "Print the version and exit." }
];
var UsageError = class extends GateError {
  constructor(message) {
    super("usage", message);
  }
};
function nearest(name, names) {
  const distance = (a, b) => {
    const d = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = d[0];
      d[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cur = d[j];
        d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
    }
    return d[b.length];
  };
  let best;
  for (const n of names) {
    const d = distance(name, n);
    if (!best || d < best.d) best = { name: n, d };
  }
  return best && best.d <= Math.max(1, Math.floor(name.length / 4)) ? best.name : void 0;
}
function shown(text) {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}
function parseArgs(argv, flags) {
  const byName = new Map(flags.map((f) => [f.name, f]));
  const lists = /* @__PURE__ */ new Map();
  const out = {
    values: /* @__PURE__ */ new Map(),
    format: "text",
    report: void 0,
    verbose: false,
    passwordStdin: false,
    help: false,
    version: false
  };
  const seen = /* @__PURE__ */ new Set();
  const positional = [];
  const allNames = [...flags.map((f) => f.name), ...CLI_FLAGS.map((f) => f.name)];
  const once = (name) => {
    if (seen.has(name)) throw new UsageError(`--${name} is given twice; it takes one value`);
    seen.add(name);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h") out.help = true;
    else if (arg === "-V") out.version = true;
    else if (arg === "-v") out.verbose = true;
    else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      let name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      let inline = eq === -1 ? void 0 : arg.slice(eq + 1);
      const takeValue = () => {
        if (inline !== void 0) return inline;
        const next = argv[i + 1];
        if (next === void 0 || next.startsWith("--") && next.length > 2)
          throw new UsageError(`--${name} needs a value`);
        i++;
        return next;
      };
      if (name === "help" || name === "version" || name === "verbose" || name === "password-stdin") {
        if (inline !== void 0) throw new UsageError(`--${name} takes no value`);
        if (name === "help") out.help = true;
        else if (name === "version") out.version = true;
        else if (name === "password-stdin") out.passwordStdin = true;
        else out.verbose = true;
        continue;
      }
      if (name === "format") {
        once(name);
        const v = takeValue();
        if (!FORMATS.includes(v))
          throw new UsageError(`--format is "${shown(v)}": write ${FORMATS.join(", ")}`);
        out.format = v;
        continue;
      }
      if (name === "report") {
        once(name);
        const v = takeValue();
        if (v.trim() === "") throw new UsageError("--report is empty: give the path to write the JSON report to");
        out.report = v;
        continue;
      }
      let negated = false;
      if (!byName.has(name) && name.startsWith("no-") && byName.get(name.slice(3))?.kind === "boolean") {
        if (inline !== void 0) throw new UsageError(`--${name} takes no value`);
        name = name.slice(3);
        negated = true;
      }
      const flag = byName.get(name);
      if (!flag) {
        const near = nearest(name, allNames);
        throw new UsageError(
          `--${shown(name)} is not a flag of image-gate${near ? `: did you mean --${near}?` : ""}; see image-gate --help`
        );
      }
      if (flag.kind === "boolean") {
        once(name);
        if (negated) inline = "false";
        out.values.set(name, inline ?? "true");
      } else if (flag.kind === "list") {
        lists.set(name, [...lists.get(name) ?? [], takeValue()]);
      } else {
        once(name);
        out.values.set(name, takeValue());
      }
    } else if (arg.startsWith("-") && arg.length > 1) {
      throw new UsageError(
        `${shown(arg)} is not a flag of image-gate; flags are written --name (see image-gate --help)`
      );
    } else {
      positional.push(arg);
    }
  }
  for (const [name, values] of lists) out.values.set(name, values.join("\n"));
  if (positional.length > 0) {
    if (!byName.has("images")) throw new UsageError(`unexpected argument "${shown(positional[0])}"`);
    out.values.set("images", [out.values.get("images") ?? "", ...positional].filter((v) => v !== "").join("\n"));
  }
  return out;
}
function inputMessageToFlags(message, flags) {
  const names = new Set(flags.map((f) => f.name));
  return message.replace(/\bInputs? ("[a-z0-9-]+"(?:(?:, | and | or )"[a-z0-9-]+")*)/g, (_m, list) => list).replace(/"([a-z0-9-]+)"/g, (m, name) => names.has(name) ? `--${name}` : m);
}
function helpText(flags, version) {
  const lines = [
    `image-gate ${version}: verify container images in their registries against a policy, without pulling them.`,
    "",
    "Usage: image-gate [flags] [IMAGE...]",
    "",
    "Every input of the GitHub Action is a flag of the same name. List flags repeat or take comma-separated values;",
    "switches are --name, --name=false or --no-name. Credentials come from the docker config ($DOCKER_CONFIG,",
    "else ~/.docker/config.json) as in the action, or --username with --password-stdin (or --password) and --registry.",
    "",
    "Exit status: 0 pass, 1 findings (an image that cannot be inspected is one), 2 bad usage or input.",
    "",
    "Inputs:"
  ];
  const width = 26;
  const indent = " ".repeat(width + 4);
  const row = (left, text) => {
    const wrapped = [];
    let line = "";
    for (const word of text.split(" ")) {
      if (line !== "" && indent.length + line.length + 1 + word.length > 100) {
        wrapped.push(line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    wrapped.push(line);
    const head = left.length > width ? `  ${left}
${indent}` : `  ${left.padEnd(width + 2)}`;
    return `${head}${wrapped.join(`
${indent}`)}`;
  };
  for (const f of flags) {
    const left = f.kind === "boolean" ? `--${f.name}` : `--${f.name} ${f.kind === "list" ? "LIST" : "VALUE"}`;
    const def = f.default.includes("${{") ? "" : f.default;
    const description = f.description.replace(/\s+/g, " ").trim();
    lines.push(row(left, `${description} (default: ${def === "" ? "none" : def})`));
  }
  lines.push("", "Command line:");
  for (const f of CLI_FLAGS) lines.push(row(`--${f.name}${f.value ? ` ${f.value}` : ""}`, f.description));
  return `${lines.join("\n")}
`;
}

// src/cli/text.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function useColor(isTTY, env) {
  if (env.NO_COLOR !== void 0 && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== void 0) return force !== "0" && force.toLowerCase() !== "false";
  return isTTY === true && env.TERM !== "dumb";
}
function terminalSafe(text) {
  return text.replace(/\r?\n/g, " ").replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "?");
}
var sgr = (open, close) => (s) => `\x1B[${open}m${s}\x1B[${close}m`;
var COLOURS = {
  green: sgr(32, 39),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22)
};
var PLAIN = { green: (s) => s, red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };
function ageOf(created, now) {
  const times = created.map((c) => c === null ? NaN : Date.parse(c)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return void 0;
  return `created ${humanAge(Math.min(...times), now.getTime())}`;
}
function renderText(report, opts) {
  const c = opts.color ? COLOURS : PLAIN;
  const s = terminalSafe;
  const out = [];
  for (const img of report.images) {
    if (img.status === "error") {
      out.push(`${c.red("\u2718")} ${s(img.input)}  ${c.red("not inspected")}`);
      continue;
    }
    const mark = img.status === "pass" ? c.green("\u2714") : c.red("\u2718");
    const details = [
      img.digest ? c.dim(s(img.digest)) : void 0,
      img.platforms.length > 0 ? s(img.platforms.map((p) => p.platform).join(", ")) : void 0,
      ageOf(
        img.platforms.map((p) => p.created),
        opts.now
      )
    ].filter((d) => d !== void 0);
    out.push(`${mark} ${s(img.input)}  ${details.join("  ")}`);
  }
  if (report.findings.length > 0) {
    out.push("", c.bold(`Findings (${report.findings.length}):`));
    for (const f of report.findings) {
      const mark = f.severity === "error" ? c.red("\u2718") : c.yellow("!");
      const where = f.platform && !f.message.startsWith(f.platform) ? ` (${s(f.platform)})` : "";
      const how = f.exception ? ` (excepted until ${s(f.exception.until)}: ${s(f.exception.reason)})` : f.mode === "warn" ? " (warn mode)" : "";
      out.push(`  ${mark} ${c.bold(s(f.rule))}  ${s(f.image)}${where}: ${s(f.message)}${how}`);
      for (const l of f.locations) out.push(`      at ${s(l.file)}:${l.line}:${l.col}`);
    }
  }
  if (report.warnings.length > 0) {
    out.push("", c.bold(`Not verified (${report.warnings.length}):`));
    for (const w of report.warnings)
      out.push(
        `  ${c.yellow("!")} ${s(w.file)}${w.line > 0 ? `:${w.line}` : ""}${w.col > 0 ? `:${w.col}` : ""}: ${s(w.message)}`
      );
  }
  const images = `${report.images.length} image${report.images.length === 1 ? "" : "s"}`;
  const findings = `${report.violations} finding${report.violations === 1 ? "" : "s"}`;
  const verdict = report.result === "pass" ? c.green("pass") : report.failBuild ? c.red("fail") : c.yellow("fail (fail-build: false, so the exit status is 0)");
  out.push("", `image-gate: ${c.bold(verdict)}: ${images} checked, ${findings}`);
  return `${out.join("\n")}
`;
}

// src/cli/run.ts
var EXIT_PASS = 0;
var EXIT_FINDINGS = 1;
var EXIT_USAGE = 2;
function stderrLogger(io, verbose) {
  const line = (prefix) => (m) => {
    io.stderr.write(commandFreeText(`${prefix}${redact(m).split("\n").map(terminalSafe).join("\n")}
`));
  };
  return {
    debug: verbose ? line("debug: ") : () => {
    },
    info: verbose ? line("") : () => {
    },
    warning: line("warning: "),
    notice: line("note: ")
  };
}
var PASSWORD_STDIN_LIMIT = 64 * 1024;
async function passwordFromStdin(open) {
  const stdin = open?.();
  const pipe = 'pipe it in: printf %s "$PASSWORD" | image-gate --username USER --password-stdin ...';
  if (!stdin || stdin.isTTY) throw new UsageError(`--password-stdin: standard input is a terminal; ${pipe}`);
  const chunks = [];
  let size = 0;
  for await (const chunk of stdin) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > PASSWORD_STDIN_LIMIT)
      throw new UsageError(
        `--password-stdin: standard input is longer than ${PASSWORD_STDIN_LIMIT / 1024} KiB; it must hold the password only`
      );
    chunks.push(b);
  }
  const password = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  registerSecret(password);
  if (password === "") throw new UsageError(`--password-stdin: standard input is empty; ${pipe}`);
  return password;
}
async function runCli(argv, io) {
  let flags = [];
  const fail = (message, code) => {
    const lines = redact(message).replace(/^image-gate: /, "").split("\n").map(terminalSafe);
    io.stderr.write(commandFreeText(`image-gate: ${lines.join("\n")}
`));
    return code;
  };
  try {
    flags = toFlags(actionInputs());
    const args = parseArgs(argv, flags);
    if (args.help) {
      io.stdout.write(helpText(flags, TOOL_VERSION));
      return EXIT_PASS;
    }
    if (args.version) {
      io.stdout.write(`image-gate ${TOOL_VERSION}
`);
      return EXIT_PASS;
    }
    if (argv.length === 0)
      return fail(
        "no image to check: give image references (image-gate alpine:3.20) or --files; see image-gate --help",
        EXIT_USAGE
      );
    if (args.passwordStdin) {
      if (args.values.has("password"))
        throw new UsageError(
          "--password and --password-stdin are both given: give the password one way (--password-stdin keeps it out of the process list)"
        );
      args.values.set("password", await passwordFromStdin(io.stdin));
    }
    const inputs = readInputs(
      (name) => args.values.get(name) ?? (name === "github-token" ? io.env.GITHUB_TOKEN ?? "" : "")
    );
    const logger = stderrLogger(io, args.verbose);
    const now = io.now ?? /* @__PURE__ */ new Date();
    logger.info(`Inspecting ${plural(inputs.images.length, "image")}`);
    const { runEngine } = await import("./engine-6FQERFPH.js");
    const result = await runEngine(inputs, {
      logger,
      dockerConfigDir: io.env.DOCKER_CONFIG || void 0,
      githubActor: io.env.GITHUB_ACTOR || void 0,
      workspace: io.cwd,
      env: io.env,
      now,
      transport: transportOverrides(io.env),
      reportPath: args.report === void 0 ? void 0 : (0, import_node_path.resolve)(io.cwd, args.report),
      readmeUrl: readmeUrl(io.env)
    });
    if (args.format === "json") io.stdout.write(inertJson(result.report));
    else if (args.format === "sarif") io.stdout.write(inertJson(await result.sarif()));
    else
      io.stdout.write(
        commandFreeText(redact(renderText(result.report, { color: useColor(io.stdout.isTTY, io.env), now })))
      );
    return result.failure && inputs.failBuild ? EXIT_FINDINGS : EXIT_PASS;
  } catch (e) {
    if (e instanceof GateError && e.code === "usage") return fail(e.message, EXIT_USAGE);
    const failure = describeFailure(e);
    if (failure.kind === "other") return fail(failure.message, EXIT_FINDINGS);
    return fail(inputMessageToFlags(failure.message, flags), EXIT_USAGE);
  }
}

// src/cli.ts
process.exitCode = await runCli(process.argv.slice(2), {
  stdin: () => process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd()
});
//# sourceMappingURL=cli.js.map
