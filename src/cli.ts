#!/usr/bin/env node
// The image-gate command (bin in package.json): the action's gate with flags instead of INPUT_* variables.
import { runCli } from './cli/run.js'

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: () => process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd()
})
