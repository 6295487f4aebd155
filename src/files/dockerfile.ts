import type { Extraction, FileReference, FileWarning } from './types.js'
import { listVariables, processDockerfileWord, type Expansion, type Lookup } from './substitute.js'

interface Pos {
  line: number
  col: number
}

/** One instruction, its continuation lines joined, with the source position of every character of its arguments. */
export interface Instruction {
  keyword: string
  args: string
  /** Where the character at this offset of `args` is in the file (the last character's place past the end). */
  argPos(offset: number): Pos
  line: number
}

/** A run of an instruction's text that sits on one source line: its offset in the text, its line and column. */
interface Segment {
  offset: number
  line: number
  col: number
}

/** The place of an offset in text made of segments (sorted by offset); one entry per source line, not per character. */
function placeOf(segments: Segment[], length: number, offset: number, fallback: Pos): Pos {
  if (segments.length === 0) return fallback
  const o = Math.max(0, Math.min(offset, length - 1))
  let lo = 0
  let hi = segments.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((segments[mid] as Segment).offset <= o) lo = mid
    else hi = mid - 1
  }
  const seg = segments[lo] as Segment
  return { line: seg.line, col: seg.col + (o - seg.offset) }
}

interface Word {
  raw: string
  start: number
}

/** A platform a build targets, as BuildKit's automatic platform arguments describe it. */
export interface BuildPlatform {
  os: string
  architecture: string
  variant?: string
}

export interface DockerfileOptions {
  /**
   * The platforms the build targets (the policy's, when it names some): FROM lines that use TARGETPLATFORM,
   * TARGETOS, TARGETARCH or TARGETVARIANT are read once for each. Default: linux/amd64.
   */
  platforms?: BuildPlatform[]
}

/** What BuildKit sets for the platform of the machine that builds: a GitHub-hosted runner's. */
const BUILD_PLATFORM: BuildPlatform = { os: 'linux', architecture: 'amd64' }
/** Distinct target platforms a Dockerfile is read for: a bound on the work per file. */
export const MAX_TARGET_PLATFORMS = 16

const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD'])
const DIRECTIVES = new Set(['syntax', 'escape', 'check'])
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export interface ParsedDockerfile {
  instructions: Instruction[]
  escape: string
  /** The frontend image the `# syntax=` directive names, where its value starts. */
  syntax?: { image: string; line: number; col: number }
  /** What BuildKit would refuse or read differently, by line. */
  problems: FileWarning[]
}

/** The `# syntax=` directive as BuildKit's DetectSyntax finds it: after a `#!` line, `#` or `//` comments at the top. */
function detectSyntax(lines: string[]): { image: string; line: number; col: number } | undefined {
  const start = lines[0]?.startsWith('#!') ? 1 : 0
  for (const prefix of ['#', '//']) {
    for (let i = start; i < lines.length; i++) {
      const l = lines[i] ?? ''
      if (!l.startsWith(prefix)) break
      const m = /^\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(l.slice(prefix.length))
      if (!m || !DIRECTIVES.has((m[1] ?? '').toLowerCase())) break
      if ((m[1] ?? '').toLowerCase() !== 'syntax') continue
      const value = m[2] ?? ''
      const image = value.split(' ')[0] ?? ''
      if (image === '') return undefined
      return { image, line: i + 1, col: l.indexOf(value, prefix.length + (m.index ?? 0) + (m[1] ?? '').length) + 1 }
    }
  }
  return undefined
}

/** BuildKit splits on \n and trims every \r and \n from a line's end (parser.go trimNewline). */
function dockerfileLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map(l => l.replace(/\r+$/, ''))
}

/**
 * The parser directives at the top of the file (`# escape=`, `# syntax=`, `# check=`), up to the first line that is
 * not one: the escape character they set, and the index of that first line.
 */
function readDirectives(lines: string[], problems: FileWarning[]): { escape: string; next: number } {
  let escape = '\\'
  let i = 0
  const seen = new Set<string>()
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec((lines[i] ?? '').trimStart())
    const key = m?.[1]?.toLowerCase() ?? ''
    if (!m || !DIRECTIVES.has(key)) break
    if (seen.has(key))
      problems.push({
        file: '',
        line: i + 1,
        col: 1,
        message: `BuildKit refuses this file: only one ${key} parser directive can be used.`
      })
    seen.add(key)
    if (key === 'escape') {
      if (m[2] === '`' || m[2] === '\\') escape = m[2]
      else
        problems.push({
          file: '',
          line: i + 1,
          col: 1,
          message: `BuildKit refuses this file: the escape directive must be \` or \\.`
        })
    }
  }
  return { escape, next: i }
}

const isComment = (l: string): boolean => /^\s*#/.test(l)
const isEmpty = (l: string): boolean => /^\s*$/.test(l)

/** One instruction's text, its continuation lines joined, and the source line of each run of it. */
interface JoinedLines {
  text: string
  segments: Segment[]
  /** The index of the line after the instruction. */
  next: number
}

/**
 * Joins the instruction that starts at line `i` with its continuation lines (those after a line that ends in the
 * escape character, `continuation`), dropping comment and empty lines inside it and its first line's indent.
 */
function joinContinued(lines: string[], i: number, continuation: RegExp): JoinedLines {
  const first = lines[i] ?? ''
  const parts: string[] = []
  const segments: Segment[] = []
  let length = 0
  let lead = first.length - first.trimStart().length
  for (;;) {
    const l = lines[i] ?? ''
    const m = continuation.exec(l)
    const end = m ? m.index : l.length
    if (end > lead) {
      segments.push({ offset: length, line: i + 1, col: lead + 1 })
      parts.push(l.slice(lead, end))
      length += end - lead
    }
    lead = 0
    i++
    if (!m) break
    while (i < lines.length && (isEmpty(lines[i] ?? '') || isComment(lines[i] ?? ''))) i++
    if (i >= lines.length) break
  }
  return { text: parts.join(''), segments, next: i }
}

/**
 * Skips the bodies of the heredocs that a RUN, COPY or ADD (or ONBUILD of those) instruction opens, from line `i`
 * on: they are not instructions. Returns the index of the line after the last body; a heredoc never closed is a
 * problem, and swallows the rest of the file.
 */
function skipHeredocs(
  lines: string[],
  i: number,
  ins: { text: string; keyword: string; args: string; line: number },
  problems: FileWarning[]
): number {
  let heredocKeyword = ins.keyword
  if (ins.keyword === 'ONBUILD') heredocKeyword = (/^\S+/.exec(ins.args)?.[0] ?? '').toUpperCase()
  if (!HEREDOC_INSTRUCTIONS.has(heredocKeyword) || !ins.text.includes('<<')) return i
  let docs: Heredoc[] = []
  try {
    docs = heredocs(ins.text)
  } catch (err) {
    problems.push({
      file: '',
      line: ins.line,
      col: 1,
      message: `BuildKit refuses this instruction: ${(err as Error).message}.`
    })
  }
  for (const doc of docs) {
    let closed = false
    while (i < lines.length) {
      let l = lines[i] ?? ''
      i++
      if (doc.chomp) l = l.replace(/^\t+/, '')
      if (l === doc.name) {
        closed = true
        break
      }
    }
    if (!closed) {
      problems.push({
        file: '',
        line: ins.line,
        col: 1,
        message: `BuildKit refuses this file: the heredoc "${doc.name}" opened here is never closed, so nothing after it is read.`
      })
      break
    }
  }
  return i
}

/**
 * Splits a Dockerfile into instructions the way BuildKit's parser does (frontend/dockerfile/parser/parser.go):
 * parser directives at the top (`# escape=`, `# syntax=`), comment lines (only where a line starts with `#`),
 * line continuations with the escape character (an escaped escape character at the end of a line does not
 * continue it; comment and empty lines inside a continued instruction are dropped), and heredocs after
 * RUN/COPY/ADD (and ONBUILD of those) whose bodies are not instructions.
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = dockerfileLines(text)
  const problems: FileWarning[] = []
  const { escape, next } = readDirectives(lines, problems)
  const e = escapeRegExp(escape)
  const continuation = new RegExp(`(?:(?<=[^${e}])|^)${e}[ \\t]*$`)

  const instructions: Instruction[] = []
  let i = next
  while (i < lines.length) {
    const first = lines[i] ?? ''
    if (isEmpty(first) || isComment(first)) {
      i++
      continue
    }
    const startLine = i + 1
    const joined = joinContinued(lines, i, continuation)
    i = joined.next
    const s = joined.text
    const km = /^(\S+)\s*/.exec(s)
    if (!km) continue
    const keyword = (km[1] ?? '').toUpperCase()
    const argsStart = km[0].length
    const args = s.slice(argsStart)
    const fallback = { line: startLine, col: 1 }
    instructions.push({
      keyword,
      args,
      argPos: offset => placeOf(joined.segments, s.length, argsStart + offset, fallback),
      line: startLine
    })
    i = skipHeredocs(lines, i, { text: s, keyword, args, line: startLine }, problems)
  }
  const syntax = detectSyntax(lines)
  return { instructions, escape, problems, ...(syntax ? { syntax } : {}) }
}

export interface Heredoc {
  name: string
  chomp: boolean
}

/**
 * Splits an instruction into words as BuildKit's lexer does for heredocs (raw quotes and escapes kept, `\` the
 * escape, `<<` followed by white space joined to the next word, `${…}` kept whole). Throws when a quote is not
 * closed.
 */
function rawWords(line: string): string[] {
  const words: string[] = []
  let w = ''
  let inWord = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    if (/\s/.test(c)) {
      if (inWord) words.push(w)
      w = ''
      inWord = false
      continue
    }
    inWord = true
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1)
      if (c === '"') {
        let j = i + 1
        for (; j < line.length && line[j] !== '"'; j++) if (line[j] === '\\') j++
        if (j >= line.length) throw new Error('a double quote is not closed')
        w += line.slice(i, j + 1)
        i = j
        continue
      }
      if (close < 0) throw new Error('a single quote is not closed')
      w += line.slice(i, close + 1)
      i = close
    } else if (c === '\\') {
      w += line.slice(i, i + 2)
      i++
    } else if (c === '$' && line[i + 1] === '{') {
      const close = line.indexOf('}', i)
      const end = close < 0 ? line.length : close + 1
      w += line.slice(i, end)
      i = end - 1
    } else if (c === '<' && line[i + 1] === '<') {
      let j = i + 2
      while (j < line.length && /\s/.test(line[j] as string)) j++
      w += line.slice(i, j)
      i = j - 1
    } else w += c
  }
  if (inWord) words.push(w)
  return words
}

/**
 * A heredoc word as BuildKit reads it (quotes removed, `\` escapes the next character, `$` kept): its words.
 * Throws when a quote is not closed.
 */
function cookedWords(text: string): string[] {
  const words: string[] = []
  let w = ''
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (/\s/.test(c)) {
      if (inWord) words.push(w)
      w = ''
      inWord = false
      continue
    }
    inWord = true
    if (c === "'") {
      const close = text.indexOf("'", i + 1)
      if (close < 0) throw new Error('a single quote is not closed')
      w += text.slice(i + 1, close)
      i = close
    } else if (c === '"') {
      let j = i + 1
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && ['"', '$', '\\'].includes(text[j + 1] ?? '')) j++
        w += text[j]
      }
      if (j >= text.length) throw new Error('a double quote is not closed')
      i = j
    } else if (c === '\\') {
      if (i + 1 < text.length) w += text[i + 1]
      i++
    } else w += c
  }
  if (inWord) words.push(w)
  return words
}

/**
 * The heredocs an instruction line opens, in order, as BuildKit finds them (parser.go heredocsFromLine):
 * each word of the line that reads `[fd]<<[-]WORD`, WORD with its quotes removed. Throws, as BuildKit does,
 * when a heredoc word leaves a quote open.
 */
export function heredocs(line: string): Heredoc[] {
  let words: string[]
  try {
    words = rawWords(line)
  } catch {
    return []
  }
  const docs: Heredoc[] = []
  for (const word of words) {
    const m = /^(\d*)<<(-?)\s*([^<]*)$/.exec(word)
    if (!m || (m[3] ?? '') === '') continue
    const names = cookedWords(m[3] ?? '')
    if (names.length !== 1) continue
    docs.push({ name: names[0] ?? '', chomp: m[2] === '-' })
  }
  return docs
}

/** Splits arguments on white space outside quotes, keeping each word's offset. */
export function splitWords(args: string, escape: string): Word[] {
  const words: Word[] = []
  let start = -1
  let quote: string | undefined
  for (let i = 0; i <= args.length; i++) {
    const c = args[i]
    if (c === undefined || (!quote && /\s/.test(c))) {
      if (start >= 0) words.push({ raw: args.slice(start, i), start })
      start = -1
      continue
    }
    if (start < 0) start = i
    if (quote) {
      if (c === quote) quote = undefined
      else if (c === escape && quote === '"') i++
    } else if (c === escape) i++
    else if (c === '"' || c === "'") quote = c
  }
  return words
}

/** Leading `--name=value` flags of an instruction, with the offset of each value. */
function flags(words: Word[]): Array<{ name: string; value: string; start: number }> {
  const out: Array<{ name: string; value: string; start: number }> = []
  for (const w of words) {
    if (!w.raw.startsWith('--')) break
    const eq = w.raw.indexOf('=')
    if (eq < 0) out.push({ name: w.raw.slice(2).toLowerCase(), value: '', start: w.start + w.raw.length })
    else out.push({ name: w.raw.slice(2, eq).toLowerCase(), value: w.raw.slice(eq + 1), start: w.start + eq + 1 })
  }
  return out
}

/** `KEY=value` fields of a `--mount` flag (comma-separated, `"` quoting), with each value's offset in the flag. */
function mountFields(value: string): Array<{ key: string; value: string; start: number }> {
  const out: Array<{ key: string; value: string; start: number }> = []
  let fieldStart = 0
  let quote = false
  for (let i = 0; i <= value.length; i++) {
    const c = value[i]
    if (c === '"') quote = !quote
    if (c === undefined || (c === ',' && !quote)) {
      const field = value.slice(fieldStart, i)
      const eq = field.indexOf('=')
      if (eq > 0) {
        let v = field.slice(eq + 1)
        let off = fieldStart + eq + 1
        if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
          v = v.slice(1, -1)
          off++
        }
        out.push({ key: field.slice(0, eq).trim().toLowerCase(), value: v, start: off })
      }
      fieldStart = i + 1
    }
  }
  return out
}

/** BuildKit's automatic platform arguments for one target platform. */
export function platformArgs(target: BuildPlatform, build: BuildPlatform = BUILD_PLATFORM): Map<string, string> {
  const args = new Map<string, string>()
  for (const [prefix, p] of [
    ['TARGET', target],
    ['BUILD', build]
  ] as const) {
    // BuildKit leaves arm64's implied v8 out of TARGETVARIANT, as containerd normalizes it.
    const variant = p.architecture === 'arm64' && p.variant === 'v8' ? '' : (p.variant ?? '')
    args.set(`${prefix}PLATFORM`, variant ? `${p.os}/${p.architecture}/${variant}` : `${p.os}/${p.architecture}`)
    args.set(`${prefix}OS`, p.os)
    args.set(`${prefix}ARCH`, p.architecture)
    args.set(`${prefix}VARIANT`, variant)
  }
  return args
}

const AUTOMATIC_ARG = /\b(?:TARGET|BUILD)(?:PLATFORM|OS|ARCH|VARIANT)\b/

/** Extracts the image references of a Dockerfile, and the frontend image of its `# syntax=` directive. */
export function extractDockerfile(file: string, text: string, opts: DockerfileOptions = {}): Extraction {
  const parsed = parseDockerfile(text)
  const refs: FileReference[] = []
  const warnings: FileWarning[] = parsed.problems.map(p => ({ ...p, file }))
  if (parsed.syntax)
    refs.push({
      image: parsed.syntax.image,
      file,
      line: parsed.syntax.line,
      col: parsed.syntax.col,
      kind: 'dockerfile'
    })
  // The automatic platform arguments differ by target platform: read the file once for each, when it uses them.
  const targets =
    opts.platforms && opts.platforms.length > 0 ? opts.platforms : [{ os: 'linux', architecture: 'amd64' }]
  const distinct = [...new Map(targets.map(p => [[...platformArgs(p).values()].join(' '), p])).values()].slice(
    0,
    MAX_TARGET_PLATFORMS
  )
  const reads = AUTOMATIC_ARG.test(text) ? distinct : distinct.slice(0, 1)
  for (const target of reads) readInstructions(file, parsed, platformArgs(target), refs, warnings)
  return { refs, warnings }
}

function readInstructions(
  file: string,
  parsed: ParsedDockerfile,
  automatic: Map<string, string>,
  refs: FileReference[],
  warnings: FileWarning[]
): void {
  const reader = new StageReader(file, parsed, automatic, refs, warnings)
  for (const ins of parsed.instructions) reader.read(ins)
}

/** Every stage name, for COPY --from and RUN --mount from=, which may name any stage. */
function stageNamesOf(instructions: Instruction[], escape: string): Set<string> {
  const stageNames = new Set<string>()
  for (const ins of instructions) {
    if (ins.keyword !== 'FROM') continue
    const words = splitWords(ins.args, escape).filter(w => !w.raw.startsWith('--'))
    if (words[1]?.raw.toLowerCase() === 'as' && words[2]) stageNames.add(words[2].raw.toLowerCase())
  }
  return stageNames
}

/**
 * Reads a Dockerfile's instructions in order for one target platform, keeping what each one sees: the ARG values
 * before the first FROM and in the current stage, and the stages named so far. Each image it names is a reference;
 * each it cannot know is a warning that says why.
 */
class StageReader {
  private readonly escape: string
  private readonly stageNames: Set<string>
  // ARGs before the first FROM (meta args): name → value ('' for an ARG without default, as BuildKit has it;
  // undefined when its default is not known here). BuildKit's automatic platform arguments are meta args too.
  private readonly meta: Map<string, string | undefined>
  private stageArgs: Map<string, string | undefined> | undefined
  private readonly earlierStages = new Set<string>()
  private readonly metaLookup: Lookup = name => this.meta.get(name)
  private readonly stageLookup: Lookup = name =>
    this.stageArgs?.has(name) ? this.stageArgs.get(name) : this.meta.get(name)

  constructor(
    private readonly file: string,
    parsed: ParsedDockerfile,
    private readonly automatic: Map<string, string>,
    private readonly refs: FileReference[],
    private readonly warnings: FileWarning[]
  ) {
    this.escape = parsed.escape
    this.stageNames = stageNamesOf(parsed.instructions, parsed.escape)
    this.meta = new Map<string, string | undefined>(automatic)
  }

  read(ins: Instruction): void {
    const words = splitWords(ins.args, this.escape)
    switch (ins.keyword) {
      case 'ARG':
        for (const w of words) this.arg(ins, w)
        break
      case 'FROM':
        this.from(ins, words)
        break
      case 'COPY': {
        for (const f of flags(words)) if (f.name === 'from') this.fromValue(ins, f.value, f.start)
        break
      }
      case 'RUN': {
        for (const f of flags(words)) {
          if (f.name !== 'mount') continue
          for (const field of mountFields(f.value))
            if (field.key === 'from') this.fromValue(ins, field.value, f.start + field.start)
        }
        break
      }
      default:
        break
    }
  }

  /** One `NAME` or `NAME=value` word of an ARG: a meta arg before the first FROM, else an arg of the stage. */
  private arg(ins: Instruction, w: Word): void {
    const eq = w.raw.indexOf('=')
    const name = eq < 0 ? w.raw : w.raw.slice(0, eq)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return
    const p = ins.argPos(w.start)
    if (this.stageArgs === undefined) {
      this.meta.set(
        name,
        eq < 0 ? (this.automatic.get(name) ?? '') : this.argValue(w.raw.slice(eq + 1), this.metaLookup, p)
      )
    } else if (eq < 0) {
      // Declared in a stage without a value: the meta arg's value, an automatic one, or empty.
      this.stageArgs.set(name, this.meta.has(name) ? this.meta.get(name) : (this.automatic.get(name) ?? ''))
    } else {
      this.stageArgs.set(name, this.argValue(w.raw.slice(eq + 1), this.stageLookup, p))
    }
  }

  /** A FROM starts a stage: its image is a reference unless it is scratch or an earlier stage. */
  private from(ins: Instruction, words: Word[]): void {
    const { file } = this
    this.stageArgs = new Map()
    const rest = words.filter(w => !w.raw.startsWith('--'))
    const image = rest[0]
    const name = rest[1]?.raw.toLowerCase() === 'as' ? rest[2]?.raw.toLowerCase() : undefined
    if (!image) {
      this.warnings.push({ file, line: ins.line, col: 1, message: 'FROM names no image.' })
    } else {
      const p = ins.argPos(image.start)
      const e = this.expand(image.raw, this.metaLookup, p)
      if (this.notVerified(image.raw, e, p)) {
        // said why
      } else if (e.value === '') {
        this.warnings.push({
          file,
          line: p.line,
          col: p.col,
          message: `The image reference "${image.raw}" is empty once its variables are substituted (an ARG without a default is empty): BuildKit refuses it.`
        })
      } else if (e.value.toLowerCase() === 'scratch' || this.earlierStages.has(e.value.toLowerCase())) {
        // not an image: the empty base, or an earlier stage
      } else this.refs.push({ image: e.value, file, line: p.line, col: p.col, kind: 'dockerfile' })
    }
    if (name) this.earlierStages.add(name)
  }

  /** An image named by COPY --from or RUN --mount from=, unless it names a stage. */
  private fromValue(ins: Instruction, raw: string, offset: number): void {
    if (raw === '') return
    const p = ins.argPos(offset)
    const e = this.expand(raw, this.stageLookup, p)
    if (this.notVerified(raw, e, p)) return
    if (e.value === '' || /^\d+$/.test(e.value) || this.stageNames.has(e.value.toLowerCase())) return
    this.refs.push({ image: e.value, file: this.file, line: p.line, col: p.col, kind: 'dockerfile' })
  }

  /** An ARG's value once substituted; undefined when it is not known here. */
  private argValue(raw: string, lookup: Lookup, p: Pos): string | undefined {
    const e = this.expand(raw, lookup, p)
    return e.error !== undefined || e.unresolved.length > 0 || e.unsupported.length > 0 ? undefined : e.value
  }

  /** Whether an image reference's expansion is not known; if so, a warning says why. */
  private notVerified(raw: string, e: Expansion, p: Pos): boolean {
    const parts: string[] = []
    if (e.error !== undefined) parts.push(`BuildKit refuses it (${e.error})`)
    if (e.unresolved.length > 0) {
      parts.push(
        `${listVariables(e.unresolved)} ${e.unresolved.length > 1 ? 'are' : 'is'} not declared (an ARG before the first FROM gives a value)`
      )
    }
    if (e.unsupported.length > 0) parts.push(`${e.unsupported.join(', ')} is not expanded by image-gate`)
    if (parts.length === 0) return false
    this.warnings.push({
      file: this.file,
      line: p.line,
      col: p.col,
      message: `The image reference "${raw}" is not verified: ${parts.join('; ')}.`
    })
    return true
  }

  private expand(raw: string, lookup: Lookup, p: Pos): Expansion {
    try {
      return processDockerfileWord(raw, lookup, this.escape)
    } catch (err) {
      if (err instanceof Error && err.name === 'FileLimitError') Object.assign(err, { line: p.line, col: p.col })
      throw err
    }
  }
}
