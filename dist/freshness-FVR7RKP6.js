
import {
  realTime
} from "./chunk-WG257OMD.js";
import {
  humanDuration
} from "./chunk-3EXKOP6I.js";
import {
  platformLabel
} from "./chunk-Y5I46MST.js";
import "./chunk-IPQCI7W4.js";
import {
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// src/policy/rules/freshness.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
function newerAge(n, now) {
  if (!n) return { unknown: "nothing dates it" };
  const at = realTime(n.created) ?? realTime(n.annotation);
  if (at === void 0) {
    if (n.note) return { unknown: n.note };
    return {
      unknown: n.created === void 0 ? "its config has no created time" : `its created time "${n.created}" is not a real time (a reproducible-build placeholder, or not a time), and no annotation holds one`
    };
  }
  const age = Math.max(0, Math.floor((now.getTime() - at) / 1e3));
  return { at, age, text: `created ${new Date(at).toISOString()}, ${humanDuration(age)} ago` };
}
function judged(n, now, grace, rule) {
  const a = newerAge(n, now);
  if ("unknown" in a)
    return `its age is unknown (${a.unknown})${grace.seconds > 0 ? `, so the ${rule} grace ${grace.text} cannot be granted` : ""}`;
  if (grace.seconds > 0 && a.age <= grace.seconds) return void 0;
  return `${a.text}${grace.seconds > 0 ? `: older than the ${rule} grace ${grace.text}` : ""}`;
}
function checkPinsCurrent(s, grace) {
  if (s.ref.tag === void 0 || s.ref.digest === void 0) return [];
  const pin = s.facts.pin;
  if (!pin) return [{ message: "whether the pin is current was not checked" }];
  if (pin.error !== void 0 || pin.current === void 0) {
    return [
      {
        message: `the tag ${pin.tag} could not be resolved to check the pin ${pin.pinned}: ${pin.error ?? "no digest"}`
      }
    ];
  }
  if (pin.current === pin.pinned || pin.listed) return [];
  const age = judged(pin.newer, s.now, grace, "pins-current");
  if (age === void 0) return [];
  return [{ message: `pinned to ${pin.pinned}, but ${pin.tag} now resolves to ${pin.current}, ${age}` }];
}
function checkBaseCurrent(s, grace) {
  const out = [];
  for (const p of s.facts.platforms) {
    const platform = platformLabel(p);
    const c = p.baseCurrent;
    if (!c) {
      out.push({ platform, message: "whether the base is current was not checked: the image config was not read" });
      continue;
    }
    if (c.status === "current" || c.status === "none") continue;
    if (c.status === "unknown") {
      out.push({ platform, message: `whether the base is current is unknown: ${c.detail ?? "no reason given"}` });
      continue;
    }
    const age = judged(c.newer, s.now, grace, "base-current");
    if (age === void 0) continue;
    const built = c.builtOn ? `built on ${c.tag}@${c.builtOn}` : `built on an earlier ${c.tag}`;
    out.push({
      platform,
      message: `${built}, but ${c.tag} is now ${c.current}, whose layers do not start the image's (${age}): rebuild on the current base`
    });
  }
  return out;
}
export {
  checkBaseCurrent,
  checkPinsCurrent,
  newerAge
};
//# sourceMappingURL=freshness-FVR7RKP6.js.map
