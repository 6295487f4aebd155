
import {
  describeFailure,
  plural,
  readmeUrl,
  transportOverrides
} from "./chunk-ZMKDEMNZ.js";
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
} from "./chunk-JX5UGLAF.js";
import {
  require_os
} from "./chunk-TBSHZVR7.js";
import {
  describeError
} from "./chunk-E2N5BNG7.js";
import "./chunk-BI24GWKH.js";
import "./chunk-NBHNCZN4.js";
import {
  inertLog
} from "./chunk-4WEUUYXI.js";
import {
  redact,
  setMasker
} from "./chunk-VR24TUVX.js";
import "./chunk-EIB2HX3E.js";
import "./chunk-JROOBJTS.js";
import "./chunk-YYLRVQFM.js";
import "./chunk-SWUO3NAD.js";
import "./chunk-IFHCNWTG.js";
import {
  require_path
} from "./chunk-IEUWDVMO.js";
import "./chunk-232L6EHX.js";
import "./chunk-52YX4SDC.js";
import "./chunk-6SKDKR6X.js";
import "./chunk-KIIRLHSQ.js";
import "./chunk-I7UKZHVW.js";
import "./chunk-ZINB6WTQ.js";
import "./chunk-YIY7EAOX.js";
import "./chunk-7JOGQH3L.js";
import "./chunk-2DRRLVAF.js";
import {
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-YA2T6FFF.js";

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
    const { runEngine } = await import("./engine-3VIKSLAO.js");
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
        const { renderSummary } = await import("./summary-EIDCUJ3W.js");
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
