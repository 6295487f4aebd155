
import {
  describeFailure,
  plural,
  readmeUrl,
  transportOverrides
} from "./chunk-WR2SZKDG.js";
import {
  debug,
  error,
  group,
  info,
  notice,
  readInputs,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunk-62ROBF6K.js";
import {
  require_os
} from "./chunk-DZRP2ASS.js";
import {
  describeError
} from "./chunk-BHOE3INQ.js";
import "./chunk-MVD7MK3L.js";
import "./chunk-O5L4BDB6.js";
import {
  inertLog
} from "./chunk-IOGWUVS2.js";
import {
  redact,
  setMasker
} from "./chunk-JKCKZTIS.js";
import "./chunk-W5D7XUTN.js";
import "./chunk-F5NH5YHL.js";
import "./chunk-OISVCNRR.js";
import "./chunk-DKQD7TJL.js";
import "./chunk-MT22UEVM.js";
import {
  require_path
} from "./chunk-FZ4MN5IN.js";
import "./chunk-3EXKOP6I.js";
import "./chunk-Y5I46MST.js";
import "./chunk-IPQCI7W4.js";
import "./chunk-RPWR6KMM.js";
import "./chunk-A6VFLDUP.js";
import "./chunk-LDXJDK62.js";
import "./chunk-O6L72QPH.js";
import "./chunk-7KWJE3HF.js";
import "./chunk-6XVK6575.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/index.ts
init_define_IMAGE_GATE_ACTION_INPUTS();

// src/main.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_os = __toESM(require_os(), 1);
var import_node_path = __toESM(require_path(), 1);

// src/report/annotations.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function annotate(report) {
  for (const f of report.findings) {
    const where = f.platform && !f.message.startsWith(f.platform) ? ` (${f.platform})` : "";
    const excepted = f.exception ? ` (excepted until ${f.exception.until}: ${f.exception.reason}; ${f.exception.where})` : "";
    const message = inertLog(`${f.image}${where}: ${f.message}${f.mode === "warn" ? " (warn mode)" : ""}${excepted}`);
    const places = f.locations.length > 0 ? f.locations.map((l) => ({ title: f.rule, file: l.file, startLine: l.line, startColumn: l.col })) : [{ title: f.rule }];
    for (const props of places) {
      if (f.severity === "error") error(message, props);
      else if (f.severity === "notice") notice(message, props);
      else warning(message, props);
    }
  }
  for (const w of report.warnings) {
    const props = {
      title: "files",
      file: w.file,
      ...w.line > 0 ? { startLine: w.line, ...w.col > 0 ? { startColumn: w.col } : {} } : {}
    };
    if (w.level === "notice") notice(inertLog(w.message), props);
    else warning(inertLog(w.message), props);
  }
}

// src/main.ts
var logger = {
  debug: (m) => debug(inertLog(redact(m))),
  info: (m) => info(inertLog(redact(m))),
  warning: (m) => warning(inertLog(redact(m))),
  notice: (m) => notice(inertLog(redact(m)))
};
function reportPath() {
  const base = process.env.RUNNER_TEMP || (0, import_node_os.tmpdir)();
  const step = (process.env.GITHUB_ACTION || "image-gate").replace(/[^\w.-]/g, "_");
  return (0, import_node_path.join)(base, "image-gate", step, "report.json");
}
async function run() {
  setMasker((s) => setSecret(s));
  try {
    const inputs = readInputs();
    const now = /* @__PURE__ */ new Date();
    const { runEngine } = await import("./engine-6FQERFPH.js");
    const result = await group(
      inputs.files.length > 0 ? "Reading files and inspecting the images they name" : `Inspecting ${plural(inputs.images.length, "image")}`,
      () => runEngine(inputs, {
        logger,
        dockerConfigDir: process.env.DOCKER_CONFIG || void 0,
        githubActor: process.env.GITHUB_ACTOR || void 0,
        workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
        env: process.env,
        now,
        transport: transportOverrides(process.env),
        reportPath: reportPath(),
        readmeUrl: readmeUrl(process.env)
      })
    );
    if (result.imageLines.length > 0) logger.info(result.imageLines.join("\n"));
    for (const [name, value] of Object.entries(result.outputs)) setOutput(name, value);
    annotate(result.report);
    if (inputs.summary) {
      try {
        const { renderSummary } = await import("./summary-RAQNUZUF.js");
        await summary.addRaw(redact(renderSummary(result.report, { reportPath: result.outputs.report, now }))).write();
      } catch (e) {
        logger.warning(`The job summary was not written: ${describeError(e)}`);
      }
    }
    if (result.failure) {
      const message = `${result.failure}; see the annotations and ${result.outputs.report}`;
      if (inputs.failBuild) setFailed(inertLog(message));
      else warning(inertLog(`${message} (fail-build: false, so the step succeeds)`));
    }
  } catch (e) {
    setFailed(inertLog(describeFailure(e).message));
  }
}

// src/index.ts
await run();
//# sourceMappingURL=main.js.map
