/** The version the report, SARIF and `image-gate --version` state is the package's: the release checks the tag against it. */
import { expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { TOOL_VERSION } from '../../../src/report/report.js'

test("TOOL_VERSION is package.json's version", () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
  expect(TOOL_VERSION).toBe(pkg.version)
})
