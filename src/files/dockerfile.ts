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
  argPos: Pos[]
  line: number
}

interface Word {
  raw: string
  start: number
}

const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD'])

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Splits a Dockerfile into instructions the way BuildKit's parser does: parser directives at the top
 * (`# escape=`), comment lines (only where a line starts with `#`), line continuations with the escape
 * character (comment and empty lines inside a continued instruction are dropped), and heredocs after
 * RUN/COPY/ADD whose bodies are not instructions.
 */
export function parseDockerfile(text: string): { instructions: Instruction[]; escape: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  let escape = '\\'
  let i = 0
  for (; i < lines.length; i++) {
    const m = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/.exec(lines[i] ?? '')
    if (!m) break
    if (m[1]?.toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2]
  }
  const continuation = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`)
  const skippable = (l: string) => /^\s*$/.test(l) || /^\s*#/.test(l)

  const instructions: Instruction[] = []
  while (i < lines.length) {
    if (skippable(lines[i] ?? '')) {
      i++
      continue
    }
    const startLine = i + 1
    let s = ''
    const pos: Pos[] = []
    for (;;) {
      const l = lines[i] ?? ''
      const m = continuation.exec(l)
      const content = m ? l.slice(0, m.index) : l
      for (let k = 0; k < content.length; k++) {
        s += content[k]
        pos.push({ line: i + 1, col: k + 1 })
      }
      i++
      if (!m) break
      while (i < lines.length && skippable(lines[i] ?? '')) i++
      if (i >= lines.length) break
    }
    const lead = s.length - s.trimStart().length
    const km = /^(\S+)\s*/.exec(s.slice(lead))
    if (!km) continue
    const keyword = (km[1] ?? '').toUpperCase()
    const argsStart = lead + km[0].length
    const args = s.slice(argsStart)
    instructions.push({ keyword, args, argPos: pos.slice(argsStart), line: startLine })

    if (HEREDOC_INSTRUCTIONS.has(keyword)) {
      for (const doc of heredocs(args, escape)) {
        while (i < lines.length) {
          let l = lines[i] ?? ''
          i++
          if (doc.chomp) l = l.replace(/^\t+/, '')
          if (l === doc.word || l.trimEnd() === doc.word) break
        }
      }
    }
  }
  return { instructions, escape }
}

/** The heredocs an instruction opens (`<<EOF`, `<<-EOF`, `<<"EOF"`), in order, outside quotes. */
export function heredocs(args: string, escape: string): Array<{ word: string; chomp: boolean }> {
  const docs: Array<{ word: string; chomp: boolean }> = []
  let quote: string | undefined
  for (let i = 0; i < args.length; i++) {
    const c = args[i]
    if (quote) {
      if (c === quote) quote = undefined
      else if (c === escape && quote === '"') i++
      continue
    }
    if (c === escape) {
      i++
      continue
    }
    if (c === '"' || c === "'") {
      quote = c
      continue
    }
    if (c === '<' && args[i + 1] === '<' && args[i - 1] !== '<' && args[i + 2] !== '<') {
      const m = /^<<(-?)\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_][\w.-]*))/.exec(args.slice(i))
      if (m) {
        docs.push({ word: m[2] ?? m[3] ?? m[4] ?? '', chomp: m[1] === '-' })
        i += m[0].length - 1
      }
    }
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

/** Extracts the image references of a Dockerfile. */
export function extractDockerfile(file: string, text: string): Extraction {
  const { instructions, escape } = parseDockerfile(text)
  const refs: FileReference[] = []
  const warnings: FileWarning[] = []

  // Every stage name, for COPY --from and RUN --mount from=, which may name any stage.
  const stageNames = new Set<string>()
  for (const ins of instructions) {
    if (ins.keyword !== 'FROM') continue
    const words = splitWords(ins.args, escape).filter(w => !w.raw.startsWith('--'))
    if (words[1]?.raw.toLowerCase() === 'as' && words[2]) stageNames.add(words[2].raw.toLowerCase())
  }

  // ARGs before the first FROM (meta args): name → default, undefined when it has none.
  const meta = new Map<string, string | undefined>()
  let stageArgs: Map<string, string | undefined> | undefined
  const earlierStages = new Set<string>()

  const metaLookup: Lookup = name => meta.get(name)
  const stageLookup: Lookup = name => (stageArgs?.has(name) ? stageArgs.get(name) : meta.get(name))

  const at = (ins: Instruction, offset: number): Pos => ins.argPos[offset] ?? ins.argPos[ins.argPos.length - 1] ?? { line: ins.line, col: 1 }

  const unresolvedWarning = (raw: string, e: Expansion, p: Pos): void => {
    const parts: string[] = []
    if (e.unresolved.length > 0) {
      parts.push(`${listVariables(e.unresolved)} ${e.unresolved.length > 1 ? 'have' : 'has'} no default value (an ARG before the first FROM gives one)`)
    }
    if (e.unsupported.length > 0) parts.push(`${e.unsupported.join(', ')} is not expanded by image-gate`)
    warnings.push({ file, line: p.line, col: p.col, message: `The image reference "${raw}" is not verified: ${parts.join('; ')}.` })
  }

  /** An image named by COPY --from or RUN --mount from=, unless it names a stage. */
  const fromValue = (ins: Instruction, raw: string, offset: number): void => {
    if (raw === '') return
    const p = at(ins, offset)
    const e = processDockerfileWord(raw, stageLookup, escape)
    if (e.unresolved.length > 0 || e.unsupported.length > 0) return unresolvedWarning(raw, e, p)
    if (/^\d+$/.test(e.value) || stageNames.has(e.value.toLowerCase())) return
    refs.push({ image: e.value, file, line: p.line, col: p.col, kind: 'dockerfile' })
  }

  for (const ins of instructions) {
    const words = splitWords(ins.args, escape)
    switch (ins.keyword) {
      case 'ARG': {
        for (const w of words) {
          const eq = w.raw.indexOf('=')
          const name = eq < 0 ? w.raw : w.raw.slice(0, eq)
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue
          if (stageArgs === undefined) {
            if (eq < 0) meta.set(name, undefined)
            else {
              const e = processDockerfileWord(w.raw.slice(eq + 1), metaLookup, escape)
              meta.set(name, e.unresolved.length > 0 || e.unsupported.length > 0 ? undefined : e.value)
            }
          } else if (eq < 0) {
            // Redeclared in a stage without a value: it takes the meta arg's default.
            stageArgs.set(name, meta.get(name))
          } else {
            const e = processDockerfileWord(w.raw.slice(eq + 1), stageLookup, escape)
            stageArgs.set(name, e.unresolved.length > 0 || e.unsupported.length > 0 ? undefined : e.value)
          }
        }
        break
      }
      case 'FROM': {
        stageArgs = new Map()
        const rest = words.filter(w => !w.raw.startsWith('--'))
        const image = rest[0]
        const name = rest[1]?.raw.toLowerCase() === 'as' ? rest[2]?.raw.toLowerCase() : undefined
        if (!image) {
          warnings.push({ file, line: ins.line, col: 1, message: 'FROM names no image.' })
        } else {
          const p = at(ins, image.start)
          const e = processDockerfileWord(image.raw, metaLookup, escape)
          if (e.unresolved.length > 0 || e.unsupported.length > 0) unresolvedWarning(image.raw, e, p)
          else if (e.value === '') warnings.push({ file, line: p.line, col: p.col, message: `The image reference "${image.raw}" is empty once its variables are substituted.` })
          else if (e.value.toLowerCase() === 'scratch' || earlierStages.has(e.value.toLowerCase())) {
            // not an image: the empty base, or an earlier stage
          } else refs.push({ image: e.value, file, line: p.line, col: p.col, kind: 'dockerfile' })
        }
        if (name) earlierStages.add(name)
        break
      }
      case 'COPY': {
        for (const f of flags(words)) if (f.name === 'from') fromValue(ins, f.value, f.start)
        break
      }
      case 'RUN': {
        for (const f of flags(words)) {
          if (f.name !== 'mount') continue
          for (const field of mountFields(f.value)) if (field.key === 'from') fromValue(ins, field.value, f.start + field.start)
        }
        break
      }
      default:
        break
    }
  }
  return { refs, warnings }
}
