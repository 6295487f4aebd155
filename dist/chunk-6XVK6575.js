
import {
  __commonJS,
  __require,
  __toESM,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// builtin:crypto
var require_crypto = __commonJS({
  "builtin:crypto"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:crypto");
    var lazy = {};
    for (const k of "argon2,argon2Sync,checkPrime,checkPrimeSync,createCipheriv,createDecipheriv,createDiffieHellman,createDiffieHellmanGroup,createECDH,createHash,createHmac,createPrivateKey,createPublicKey,createSecretKey,createSign,createVerify,diffieHellman,generatePrime,generatePrimeSync,getCiphers,getCipherInfo,getCurves,getDiffieHellman,getHashes,hkdf,hkdfSync,pbkdf2,pbkdf2Sync,generateKeyPair,generateKeyPairSync,generateKey,generateKeySync,privateDecrypt,privateEncrypt,publicDecrypt,publicEncrypt,randomBytes,randomFill,randomFillSync,randomInt,randomUUID,randomUUIDv7,scrypt,scryptSync,sign,setEngine,timingSafeEqual,getFips,setFips,verify,hash,encapsulate,decapsulate,Certificate,Cipheriv,Decipheriv,DiffieHellman,DiffieHellmanGroup,ECDH,Hash,Hmac,KeyObject,Sign,Verify,X509Certificate,secureHeapUsed,fips,constants,webcrypto,subtle,getRandomValues,prng,pseudoRandomBytes,rng".split(","))
      Object.defineProperty(lazy, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    Object.defineProperty(lazy, /* @__PURE__ */ Symbol.for("image-gate.lazy-builtin"), { value: true });
    module.exports = lazy;
  }
});

// src/core/digest.ts
init_define_IMAGE_GATE_ACTION_INPUTS();
var import_node_crypto = __toESM(require_crypto(), 1);
var ALGORITHMS = { sha256: 64, sha512: 128 };
var DIGEST = /^(sha256|sha512):([a-f0-9]+)$/;
function digestProblem(value) {
  const m = DIGEST.exec(value);
  if (!m) return "a digest is sha256:<64 hex> or sha512:<128 hex>, lowercase";
  const alg = m[1];
  if (m[2].length !== ALGORITHMS[alg])
    return `a ${alg} digest has ${ALGORITHMS[alg]} hex characters, not ${m[2].length}`;
  return void 0;
}
function isDigest(value) {
  return typeof value === "string" && digestProblem(value) === void 0;
}
function computeDigest(bytes, like) {
  const alg = like?.startsWith("sha512:") ? "sha512" : "sha256";
  return `${alg}:${(0, import_node_crypto.createHash)(alg).update(bytes).digest("hex")}`;
}
function shortDigest(digest) {
  const i = digest.indexOf(":");
  return i < 0 ? digest : digest.slice(0, i + 13);
}

export {
  require_crypto,
  digestProblem,
  isDigest,
  computeDigest,
  shortDigest
};
//# sourceMappingURL=chunk-6XVK6575.js.map
