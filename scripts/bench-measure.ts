/**
 * The preload every benchmark row runs image-gate with (`node --require <file> dist/index.js`): at exit it reports
 * the process's CPU time and its peak resident set. The peak is the kernel's high-water mark of this process's own
 * memory (`VmHWM` in /proc/self/status): `process.resourceUsage().maxRSS` would not do, because Linux carries a
 * process's peak across exec, so a child forked from the benchmark (which holds hundreds of MiB of pushed blobs)
 * would report the benchmark's size, not its own.
 */
export const MEASURE_PRELOAD = `process.on('exit', () => {
  const u = process.resourceUsage()
  let kib = u.maxRSS
  try {
    const m = /VmHWM:\\s*(\\d+) kB/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'))
    if (m) kib = Number(m[1])
  } catch {}
  process.stderr.write('IG_MAXRSS ' + kib + ' IG_CPU ' + Math.round((u.userCPUTime + u.systemCPUTime) / 1000) + '\\n')
})
`
