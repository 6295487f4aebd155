
import {
  __commonJS,
  __require,
  init_define_IMAGE_GATE_ACTION_INPUTS
} from "./chunk-SHE36Q3O.js";

// builtin:fs
var require_fs = __commonJS({
  "builtin:fs"(exports, module) {
    init_define_IMAGE_GATE_ACTION_INPUTS();
    var m;
    var load = () => m ??= __require("node:fs");
    var lazy = {};
    for (const k of "appendFile,appendFileSync,access,accessSync,chown,chownSync,chmod,chmodSync,close,closeSync,copyFile,copyFileSync,cp,cpSync,createReadStream,createWriteStream,exists,existsSync,fchown,fchownSync,fchmod,fchmodSync,fdatasync,fdatasyncSync,fstat,fstatSync,fsync,fsyncSync,ftruncate,ftruncateSync,futimes,futimesSync,glob,globSync,lchown,lchownSync,lchmod,lchmodSync,link,linkSync,lstat,lstatSync,lutimes,lutimesSync,mkdir,mkdirSync,mkdtemp,mkdtempSync,mkdtempDisposableSync,open,openSync,openAsBlob,readdir,readdirSync,read,readSync,readv,readvSync,readFile,readFileSync,readlink,readlinkSync,realpath,realpathSync,rename,renameSync,rm,rmSync,rmdir,rmdirSync,stat,statfs,statSync,statfsSync,symlink,symlinkSync,truncate,truncateSync,unwatchFile,unlink,unlinkSync,utimes,utimesSync,watch,watchFile,writeFile,writeFileSync,write,writeSync,writev,writevSync,Dirent,Stats,ReadStream,WriteStream,FileReadStream,FileWriteStream,Utf8Stream,_toUnixTimestamp,Dir,opendir,opendirSync,F_OK,R_OK,W_OK,X_OK,constants,promises".split(","))
      Object.defineProperty(lazy, k, { get: () => load()[k], set: (v) => void (load()[k] = v), enumerable: true });
    Object.defineProperty(lazy, /* @__PURE__ */ Symbol.for("image-gate.lazy-builtin"), { value: true });
    module.exports = lazy;
  }
});

export {
  require_fs
};
//# sourceMappingURL=chunk-MT22UEVM.js.map
