
import {
  untilEnd
} from "./chunk-HDCFIDBJ.js";
import {
  matchReference
} from "./chunk-A6VFLDUP.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/exceptions.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var MAX_EXCEPTION_DAYS = 366;
var DAY_MS = 864e5;
function untilProblem(until, now) {
  const end = untilEnd(until);
  if (Number.isNaN(end)) return `"${until}" is not a date: write YYYY-MM-DD, like 2027-01-31`;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (end - today >= (MAX_EXCEPTION_DAYS + 1) * DAY_MS)
    return `"${until}" is more than ${MAX_EXCEPTION_DAYS} days away: an exception is renewed on purpose, at most a year at a time`;
  return void 0;
}
function expired(e, now) {
  return now.getTime() > untilEnd(e.until);
}
function covers(e, f) {
  if (e.images && !(f.ref && e.images.some((p) => matchReference(p, f.ref, f.digest)))) return false;
  const byRule = e.rules?.includes(f.rule) ?? false;
  const byId = e.ids !== void 0 && (f.ids ?? []).some((id) => e.ids.some((x) => x.toUpperCase() === id.toUpperCase()));
  return byRule || byId;
}
function exceptionFor(exceptions, f, now) {
  return exceptions.find((e) => !expired(e, now) && covers(e, f));
}
function applyExceptions(findings, exceptions, subject, now) {
  const applied = /* @__PURE__ */ new Map();
  for (const f of findings) {
    if (f.rule === "inspect" || f.rule === "exceptions" || f.excepted) continue;
    const e = exceptionFor(exceptions, { rule: f.rule, ...subject(f), ...f.ids ? { ids: f.ids } : {} }, now);
    if (!e) continue;
    f.excepted = { reason: e.reason, until: e.until, where: e.where };
    applied.set(e, (applied.get(e) ?? 0) + 1);
  }
  const expiredFindings = exceptions.filter((e) => expired(e, now)).map((e) => ({
    rule: "exceptions",
    image: e.where,
    message: `the exception ${e.where} (${describeScope(e)}) expired at the end of ${e.until} and applies no more: renew it with a new date and reason, or remove it`
  }));
  return {
    expired: expiredFindings,
    uses: exceptions.map((e) => ({
      where: e.where,
      until: e.until,
      reason: e.reason,
      expired: expired(e, now),
      applied: applied.get(e) ?? 0
    }))
  };
}
function describeScope(e) {
  const what = [...e.rules ?? [], ...e.ids ?? []].join(", ");
  return e.images ? `${what} for ${e.images.map((p) => p.text).join(", ")}` : `${what} for every image`;
}

export {
  untilProblem,
  applyExceptions
};
//# sourceMappingURL=chunk-CRJFI2DQ.js.map
