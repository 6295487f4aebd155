/**
 * The documentation's links: every relative link and `#anchor` in README.md, the other pages at the repository's
 * root and docs/**\/*.md must reach a file that exists and, in a Markdown page, a heading that makes that anchor as
 * GitHub makes anchors. So must the help that SARIF gives for each rule, which code scanning shows with every alert.
 * The checker is tested first, on pages made for the purpose, so that a clean result means something.
 */
import { describe, expect, test } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix } from 'node:path'
import { RULE_HELP } from '../../src/report/sarif.js'

const ROOT = process.cwd()

/**
 * Pages another change writes: a link to one is accepted while the page does not exist, never an anchor into it.
 * Once it exists it is checked like any other page.
 */
const PENDING = new Set(['docs/architecture.md'])

/** A heading's anchor as GitHub makes it: the text as rendered, lowercased, punctuation but `-` and `_` dropped, spaces to `-`. */
function slug(heading: string): string {
  const rendered = heading
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // an image: its alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // a link: its text
    .replace(/<[^>]+>/g, '') // HTML tags
    .replace(/`/g, '')
    .replace(/(^|[^\p{L}\p{N}])_{1,2}(?=\S)([^_]*?\S)_{1,2}(?![\p{L}\p{N}])/gu, '$1$2') // _emphasis_, __strong__
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-')
}

/** The text with fenced code blocks blanked (line numbers kept), so that nothing in them is a heading or a link. */
function withoutFences(markdown: string): string[] {
  const out: string[] = []
  let fence: string | undefined
  for (const line of markdown.split(/\r?\n/)) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence === undefined && m) {
      fence = m[1]!
      out.push('')
    } else if (fence !== undefined) {
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line)) fence = undefined
      out.push('')
    } else out.push(line)
  }
  return out
}

/** Every anchor a page has: its headings' (the second of a name gets `-1`, as on GitHub) and explicit `id`/`name` attributes. */
function anchors(markdown: string): Set<string> {
  const lines = withoutFences(markdown)
  const found = new Set<string>()
  const seen = new Map<string, number>()
  const add = (text: string): void => {
    const base = slug(text)
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    found.add(n === 0 ? base : `${base}-${n}`)
  }
  lines.forEach((line, i) => {
    const atx = /^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(line)
    if (atx) add(atx[1] ?? '')
    // A setext heading: a paragraph line underlined with = or -.
    const prev = lines[i - 1]
    if (
      /^ {0,3}(=+|-+)\s*$/.test(line) &&
      prev !== undefined &&
      prev.trim() !== '' &&
      !/^\s*([-*+|>#]|\d+[.)])/.test(prev)
    )
      add(prev)
    for (const m of line.matchAll(/<a\s[^>]*\b(?:id|name)="([^"]+)"/g)) found.add(m[1]!)
  })
  return found
}

interface Link {
  line: number
  target: string
}

/** The links of a page outside code: inline links and images, and reference definitions. */
function links(markdown: string): Link[] {
  // Code spans become spaces of the same length, so that offsets, and so lines, stay where they were.
  const text = withoutFences(markdown)
    .join('\n')
    .replace(/(`+)[^`][\s\S]*?\1/g, s => s.replace(/[^\n]/g, ' '))
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length
  const found: Link[] = []
  for (const m of text.matchAll(
    /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g
  )) {
    found.push({ line: lineAt(m.index), target: m[1]!.replace(/^<|>$/g, '') })
  }
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm))
    found.push({ line: lineAt(m.index), target: m[1]!.replace(/^<|>$/g, '') })
  return found
}

/** The repository as the checker sees it: Markdown pages by path, and whether any other path exists. */
interface Tree {
  pages: Map<string, string>
  exists(path: string): boolean
}

/** What is wrong with each relative link of `file`: `file:line: target: why`. */
function check(file: string, tree: Tree): string[] {
  const problems: string[] = []
  const text = tree.pages.get(file) ?? ''
  for (const { line, target } of links(text)) {
    const problem = (why: string): number => problems.push(`${file}:${line}: ${target}: ${why}`)
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue // https:, mailto:: not ours to check
    if (target === '') {
      problem('an empty link')
      continue
    }
    if (target.startsWith('/')) {
      problem('an absolute path leaves the repository on GitHub: write it relative to this page')
      continue
    }
    const hash = target.indexOf('#')
    const path = hash < 0 ? target : target.slice(0, hash)
    const fragment = hash < 0 ? undefined : target.slice(hash + 1)
    let resolved = file
    if (path !== '') {
      let decoded: string
      try {
        decoded = decodeURIComponent(path)
      } catch {
        problem('not a valid percent-encoded path')
        continue
      }
      resolved = posix.normalize(posix.join(posix.dirname(file), decoded)).replace(/\/$/, '')
      if (resolved === '..' || resolved.startsWith('../')) {
        problem('leaves the repository')
        continue
      }
      if (!tree.pages.has(resolved) && !tree.exists(resolved)) {
        if (PENDING.has(resolved) && fragment === undefined) continue
        problem(`${resolved} does not exist`)
        continue
      }
    }
    if (fragment === undefined) continue
    if (!resolved.endsWith('.md')) continue // a line of a source file (#L12) is GitHub's to show
    const page = tree.pages.get(resolved)
    if (page === undefined) {
      problem(`${resolved} is not a page of the documentation`)
      continue
    }
    let anchor: string
    try {
      anchor = decodeURIComponent(fragment)
    } catch {
      problem('not a valid percent-encoded anchor')
      continue
    }
    if (!anchors(page).has(anchor)) problem(`${resolved} has no heading whose anchor is #${anchor}`)
  }
  return problems
}

/** A tree made of pages alone, plus other files by path. */
function tree(pages: Record<string, string>, others: string[] = []): Tree {
  const map = new Map(Object.entries(pages))
  const dirs = new Set(
    [...map.keys(), ...others].flatMap(p =>
      p
        .split('/')
        .slice(0, -1)
        .map((_, i, a) => a.slice(0, i + 1).join('/'))
    )
  )
  return { pages: map, exists: p => others.includes(p) || dirs.has(p) }
}

describe('anchors, as GitHub makes them', () => {
  test.each<[string, string]>([
    ['Rules', 'rules'],
    ['What `files` reads', 'what-files-reads'],
    [
      "The cache, and what a run costs against Docker Hub's pull limit",
      'the-cache-and-what-a-run-costs-against-docker-hubs-pull-limit'
    ],
    ['Why `concurrency: 32`', 'why-concurrency-32'],
    ['`insecure-registries`, and what it gives up', 'insecure-registries-and-what-it-gives-up'],
    ['Build: push, then gate', 'build-push-then-gate'],
    ['cosign keyless, signed in GitHub Actions', 'cosign-keyless-signed-in-github-actions'],
    ['snake_case and kebab-case stay', 'snake_case-and-kebab-case-stay'],
    ['**Bold**, _emphasis_ and __strong__', 'bold-emphasis-and-strong'],
    ['A [link](elsewhere.md#x) in a heading', 'a-link-in-a-heading'],
    ['C++ & C#', 'c--c'],
    ['Two  spaces', 'two--spaces'],
    ['Größe und Übersicht', 'größe-und-übersicht'],
    ['  Padded heading  ', 'padded-heading'],
    ['v1.2.3 (2026-05-01)', 'v123-2026-05-01']
  ])('%s → #%s', (heading, anchor) => {
    expect(slug(heading)).toBe(anchor)
    expect(anchors(`# ${heading}\n`)).toEqual(new Set([anchor]))
  })

  test('a repeated heading gets -1, -2; headings in code are not headings; setext headings and explicit ids are', () => {
    const page = [
      '# Policy file',
      '',
      '## Policy file',
      '',
      '### Policy file',
      '',
      '```yaml',
      '# not a heading',
      '```',
      '',
      'Setext title',
      '============',
      '',
      'Second',
      '------',
      '',
      '- a list item',
      '---',
      '',
      '<a id="kept-as-written"></a>'
    ].join('\n')
    expect([...anchors(page)].sort()).toEqual([
      'kept-as-written',
      'policy-file',
      'policy-file-1',
      'policy-file-2',
      'second',
      'setext-title'
    ])
  })
})

describe('the checker', () => {
  const PAGE = '# Page\n\n## Rules\n\n## What `files` reads\n'
  test.each<[string, Record<string, string>, string[], string[]?]>([
    [
      'a link to a page and a heading that exist',
      {
        'README.md': '[r](docs/p.md#rules) [f](docs/p.md#what-files-reads) [top](#readme)\n\n# README\n',
        'docs/p.md': PAGE
      },
      []
    ],
    [
      'a link to a page that does not exist',
      { 'README.md': 'see [p](docs/missing.md)\n' },
      ['README.md:1: docs/missing.md: docs/missing.md does not exist']
    ],
    [
      'an anchor no heading makes',
      { 'README.md': '\n\n[r](docs/p.md#rule)\n', 'docs/p.md': PAGE },
      ['README.md:3: docs/p.md#rule: docs/p.md has no heading whose anchor is #rule']
    ],
    [
      'an anchor written in capitals',
      { 'docs/p.md': `${PAGE}\n[x](#Rules)\n` },
      ['docs/p.md:7: #Rules: docs/p.md has no heading whose anchor is #Rules']
    ],
    [
      'an anchor in the same page that is gone',
      { 'docs/p.md': `${PAGE}\nsee [x](#freshness-and-cost)\n` },
      ['docs/p.md:7: #freshness-and-cost: docs/p.md has no heading whose anchor is #freshness-and-cost']
    ],
    [
      'a link back up from docs/',
      {
        'README.md': '# image-gate\n\n## Inputs\n',
        'docs/p.md': `${PAGE}\n[back](../README.md#inputs) [bad](../README.md#outputs)\n`
      },
      ['docs/p.md:7: ../README.md#outputs: README.md has no heading whose anchor is #outputs']
    ],
    [
      'a link that stays in docs/ when it should go up',
      { 'docs/p.md': `${PAGE}\n[s](SECURITY.md)\n` },
      ['docs/p.md:7: SECURITY.md: docs/SECURITY.md does not exist'],
      ['SECURITY.md']
    ],
    [
      'files and directories that exist, and a line of a source file',
      { 'docs/p.md': `${PAGE}\n[s](../policy.schema.json) [d](../src) [l](../action.yml#L12)\n` },
      [],
      ['policy.schema.json', 'src/x.ts', 'action.yml']
    ],
    [
      'a link out of the repository',
      { 'docs/p.md': '[x](../../etc/passwd)\n' },
      ['docs/p.md:1: ../../etc/passwd: leaves the repository']
    ],
    [
      'an absolute path',
      { 'README.md': '[x](/docs/p.md)\n', 'docs/p.md': PAGE },
      ['README.md:1: /docs/p.md: an absolute path leaves the repository on GitHub: write it relative to this page']
    ],
    ['an empty link', { 'README.md': '[x]()\n' }, ['README.md:1: : an empty link']],
    [
      'a percent-encoded name and a title',
      { 'README.md': '[x](docs/my%20page.md "title")\n', 'docs/my page.md': PAGE },
      []
    ],
    [
      'an image, a reference definition and a link whose text spans lines',
      { 'README.md': '![logo](img/logo.png)\n[a\nb](docs/gone.md)\n\n[ref]: docs/also-gone.md#x\n' },
      [
        'README.md:1: img/logo.png: img/logo.png does not exist',
        'README.md:2: docs/gone.md: docs/gone.md does not exist',
        'README.md:5: docs/also-gone.md#x: docs/also-gone.md does not exist'
      ]
    ],
    [
      'links in fenced code and code spans are text',
      { 'README.md': '```md\n[x](gone.md)\n```\n\n~~~\n[y](gone.md)\n~~~\n\n`[z](gone.md)` and ``[w](gone.md)``\n' },
      []
    ],
    [
      'external links are not checked',
      { 'README.md': '[a](https://semver.org) [b](mailto:security@example.com) [c](HTTP://X)\n' },
      []
    ],
    [
      'a page another change writes, while it does not exist',
      { 'docs/p.md': '[a](architecture.md) [b](architecture.md#layout)\n' },
      ['docs/p.md:1: architecture.md#layout: docs/architecture.md does not exist']
    ],
    [
      'that page, once it exists, is checked like any other',
      {
        'docs/p.md': '[b](architecture.md#layout) [c](architecture.md#gone)\n',
        'docs/architecture.md': '# Architecture\n\n## Layout\n'
      },
      ['docs/p.md:1: architecture.md#gone: docs/architecture.md has no heading whose anchor is #gone']
    ],
    [
      'a heading made twice is reached by its -1',
      { 'docs/p.md': '## Policy file\n\n## Policy file\n\n[a](#policy-file-1) [b](#policy-file-2)\n' },
      ['docs/p.md:5: #policy-file-2: docs/p.md has no heading whose anchor is #policy-file-2']
    ]
  ])('%s', (_name, pages, expected, others = []) => {
    const t = tree(pages, others)
    expect([...t.pages.keys()].flatMap(f => check(f, t))).toEqual(expected)
  })
})

/** README.md and the other pages at the root, and every page under docs/. */
function repositoryPages(): Map<string, string> {
  const pages = new Map<string, string>()
  const add = (path: string): void => void pages.set(path, readFileSync(join(ROOT, path), 'utf8'))
  for (const f of readdirSync(ROOT)) if (f.endsWith('.md') && statSync(join(ROOT, f)).isFile()) add(f)
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`)
      else if (e.isFile() && e.name.endsWith('.md')) add(`${dir}/${e.name}`)
    }
  }
  if (existsSync(join(ROOT, 'docs'))) walk('docs')
  return pages
}

describe('this repository', () => {
  const pages = repositoryPages()
  const repo: Tree = { pages, exists: p => existsSync(join(ROOT, p)) }

  test('has the README and the pages of docs/ it links to', () => {
    expect([...pages.keys()]).toEqual(
      expect.arrayContaining([
        'README.md',
        ...[
          'policy',
          'trust',
          'compliance',
          'pull-requests',
          'self-hosted-registries',
          'security',
          'report',
          'performance',
          'development'
        ].map(p => `docs/${p}.md`)
      ])
    )
  })

  test.each([...pages.keys()])('%s: every relative link and anchor resolves', file => {
    expect(check(file, repo)).toEqual([])
  })

  test.each([...pages.keys()].filter(f => f.startsWith('docs/')))(
    '%s starts with its title, a one-line summary and a link back to the README',
    file => {
      const [title, blank, ...rest] = pages.get(file)!.split('\n')
      expect(title).toMatch(/^# \S/)
      expect(blank).toBe('')
      const summary = rest.slice(0, rest.indexOf(''))
      expect(summary.join(' ')).toMatch(/\S/)
      expect(summary.join(' ')).toContain('](../README.md)')
    }
  )

  test.each(Object.entries(RULE_HELP))("the SARIF help of '%s' is a page and heading that exist", (rule, help) => {
    expect(help.doc).toMatch(/^docs\/[a-z-]+\.md(#[a-z0-9_-]+)?$/)
    const t: Tree = { pages: new Map([...pages, ['SARIF help', `[${rule}](${help.doc})`]]), exists: repo.exists }
    expect(check('SARIF help', t)).toEqual([])
  })
})
