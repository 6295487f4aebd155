import { Ajv2020 } from 'ajv/dist/2020.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './run-action.js'

/**
 * __tests__/fixtures/sarif-schema-2.1.0.json is github/codeql-action's src/sarif-schema-2.1.0.json, the schema that
 * upload-sarif validates every file against (the OASIS SARIF 2.1.0 errata 01 schema, declared as JSON Schema
 * 2020-12). Two things in the official text need help to compile with ajv: `region.properties.anyOf` is an
 * array where a schema belongs (so the schema itself is not validated), and the `language` patterns start with
 * `(?i)`, which JavaScript regular expressions spell as the `i` flag.
 */
const schema = JSON.parse(readFileSync(join(ROOT, '__tests__/fixtures/sarif-schema-2.1.0.json'), 'utf8')) as object
const regExp = Object.assign(
  (pattern: string, flags: string) =>
    pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags),
  {
    code: 'new RegExp'
  }
)
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, code: { regExp } })
// The formats the schema uses, checked the way a consumer resolves them (ajv-formats is not a dependency).
ajv.addFormat('uri', (s: string) => URL.canParse(s) && !/\s/.test(s))
ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s) && URL.canParse(s, 'file:///checkout/'))
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)))

export const validateSarif = ajv.compile(schema)
