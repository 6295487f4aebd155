import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { extractDockerfile, heredocs, parseDockerfile, splitWords } from '../../../src/files/dockerfile.js'

type Ref = [image: string, line: number, col: number]
type Warn = [line: number, col: number, text: string]

const D = `sha256:${'a'.repeat(64)}`

/** Each case: a Dockerfile, the references it names (image, line, column), and the warnings (line, column, words of the message). */
const CASES: Array<[name: string, text: string, refs: Ref[], warnings?: Warn[]]> = [
  ['one FROM', 'FROM alpine:3.20\n', [['alpine:3.20', 1, 6]]],
  ['a digest', `FROM alpine@${D}\n`, [[`alpine@${D}`, 1, 6]]],
  ['lowercase from and as', 'from alpine:3.20 as base\nfrom base\n', [['alpine:3.20', 1, 6]]],
  ['mixed-case keywords', 'From alpine:3.20 As Base\nFROM BASE\n', [['alpine:3.20', 1, 6]]],
  ['--platform', 'FROM --platform=linux/arm64 alpine:3.20 AS b\n', [['alpine:3.20', 1, 29]]],
  ['--platform from a variable', 'FROM --platform=$BUILDPLATFORM golang:1.22\n', [['golang:1.22', 1, 32]]],
  ['leading white space', '   FROM   alpine:3.20\n', [['alpine:3.20', 1, 11]]],
  ['$VAR', 'ARG TAG=3.20\nFROM alpine:$TAG\n', [['alpine:3.20', 2, 6]]],
  ['${VAR}', 'ARG IMAGE=alpine\nFROM ${IMAGE}:3.20\n', [['alpine:3.20', 2, 6]]],
  ['${VAR:-default} with no ARG', 'FROM alpine:${TAG:-3.19}\n', [['alpine:3.19', 1, 6]]],
  ['${VAR:-default} with an ARG without default', 'ARG TAG\nFROM alpine:${TAG:-3.19}\n', [['alpine:3.19', 2, 6]]],
  ['${VAR:-default} with an ARG default', 'ARG TAG=3.20\nFROM alpine:${TAG:-3.19}\n', [['alpine:3.20', 2, 6]]],
  ['${VAR:+word}', 'ARG SLIM=1\nFROM python:3.12${SLIM:+-slim}\n', [['python:3.12-slim', 2, 6]]],
  ['a double-quoted ARG default', 'ARG BASE="debian:bookworm"\nFROM $BASE\n', [['debian:bookworm', 2, 6]]],
  ['a single-quoted ARG default', "ARG BASE='debian:bookworm'\nFROM $BASE\n", [['debian:bookworm', 2, 6]]],
  ['several ARGs in one instruction', 'ARG A=alpine B=3.20\nFROM $A:$B\n', [['alpine:3.20', 2, 6]]],
  [
    'an ARG default that uses an earlier ARG',
    'ARG REG=ghcr.io\nARG IMG=${REG}/acme/app\nFROM ${IMG}:1\n',
    [['ghcr.io/acme/app:1', 3, 6]]
  ],
  ['an ARG line continued', 'ARG A=alpine \\\n    B=3.20\nFROM $A:$B\n', [['alpine:3.20', 3, 6]]],
  ['scratch', 'FROM scratch\nFROM SCRATCH AS x\n', []],
  [
    'earlier stages are not images',
    'FROM golang:1.22 AS build\nFROM build AS test\nFROM Build\n',
    [['golang:1.22', 1, 6]]
  ],
  [
    'a stage named only later is an image when FROM names it',
    'FROM later\nFROM alpine AS later\n',
    [
      ['later', 1, 6],
      ['alpine', 2, 6]
    ]
  ],
  ['a stage named by a variable', 'ARG STAGE=build\nFROM alpine AS build\nFROM ${STAGE}\n', [['alpine', 2, 6]]],
  ['FROM continued over lines', 'FROM \\\n  alpine:3.20 \\\n  AS base\n', [['alpine:3.20', 2, 3]]],
  [
    'comment and empty lines inside a continuation',
    'RUN a && \\\n# FROM nginx:comment\n\n    b\nFROM alpine\n',
    [['alpine', 5, 6]]
  ],
  ['a comment line is not an instruction', '# FROM nginx:1\n  # FROM nginx:2\nFROM alpine\n', [['alpine', 3, 6]]],
  ['# after an instruction is not a comment', 'FROM alpine # not a comment\n', [['alpine', 1, 6]]],
  // BuildKit trims every \r at the end of a line: a heredoc terminator and a continuation read the same
  [
    'a heredoc terminator with two carriage returns',
    'FROM alpine\r\nRUN <<EOF\r\nFROM nginx\r\nEOF\r\r\nFROM busybox\r\n',
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    'a continuation with two carriage returns',
    'FROM alpine\nRUN a \\\r\r\nFROM nginx\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 4, 6]
    ]
  ],
  ['CRLF line endings', 'ARG T=1\r\nFROM \\\r\n  alpine:$T\r\n', [['alpine:1', 3, 3]]],
  ['a byte-order mark', '\uFEFFFROM alpine\n', [['alpine', 1, 6]]],
  ['no final newline', 'FROM alpine', [['alpine', 1, 6]]],
  ['a continuation at the end of the file', 'FROM alpine \\', [['alpine', 1, 6]]],
  [
    '# escape=` (Windows)',
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\\nFROM mcr.microsoft.com/powershell:lts\nRUN a `\n  && FROM nothing\n',
    [
      ['mcr.microsoft.com/windows/servercore:ltsc2022', 2, 6],
      ['mcr.microsoft.com/powershell:lts', 4, 6]
    ]
  ],
  [
    'a directive after the first line is a comment',
    'FROM alpine\n# escape=`\nRUN a `\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 4, 6]
    ]
  ],
  [
    'a directive after a comment is a comment',
    '# hello\n# escape=`\nRUN a \\\nFROM nothing\nFROM busybox\n',
    [['busybox', 5, 6]]
  ],
  [
    'FROM inside a heredoc',
    'FROM alpine\nRUN <<EOF\nFROM nginx:heredoc\nEOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    'a <<- heredoc with tabs',
    'FROM alpine\nCOPY <<-EOT /x\n\tFROM nginx:heredoc\n\tEOT\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    'a quoted heredoc word',
    "FROM alpine\nRUN <<'EOF' bash\nFROM nginx:$x\nEOF\nFROM busybox\n",
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    'two heredocs on one line',
    'FROM alpine\nCOPY <<A <<B /dst/\nFROM a\nA\nFROM b\nB\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 7, 6]
    ]
  ],
  [
    'lowercase run with a heredoc',
    'FROM alpine\nrun <<EOF\nFROM nginx\nEOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    '<< inside quotes is no heredoc',
    'FROM alpine\nRUN echo "<<EOF"\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 3, 6]
    ]
  ],
  [
    '<<< is no heredoc',
    'FROM alpine\nRUN cat <<<EOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 3, 6]
    ]
  ],
  [
    'a heredoc never closed swallows the rest, and BuildKit refuses it',
    'FROM alpine\nRUN <<EOF\nFROM nginx\n',
    [['alpine', 1, 6]],
    [[2, 1, 'never closed']]
  ],
  [
    'COPY --from an image',
    'FROM alpine\nCOPY --from=busybox:1.36 /bin/sh /sh\n',
    [
      ['alpine', 1, 6],
      ['busybox:1.36', 2, 13]
    ]
  ],
  [
    'COPY --from a stage, a later stage, an index',
    'FROM golang AS build\nFROM alpine\nCOPY --from=build /a /a\nCOPY --from=BUILD /a /a\nCOPY --from=0 /a /a\nCOPY --from=later /a /a\nFROM busybox AS later\n',
    [
      ['golang', 1, 6],
      ['alpine', 2, 6],
      ['busybox', 7, 6]
    ]
  ],
  [
    'COPY --from with other flags',
    'FROM alpine\nCOPY --chown=1000 --from=ghcr.io/acme/assets:2 --link /a /b\n',
    [
      ['alpine', 1, 6],
      ['ghcr.io/acme/assets:2', 2, 26]
    ]
  ],
  [
    'copy --from lowercase, from a variable',
    'ARG TOOLS=ghcr.io/acme/tools:1\nFROM alpine\ncopy --from=${TOOLS} /t /t\n',
    [
      ['alpine', 2, 6],
      ['ghcr.io/acme/tools:1', 3, 13]
    ]
  ],
  [
    'COPY --from a stage ARG',
    'FROM alpine\nARG SRC=busybox:1\nCOPY --from=$SRC /a /b\n',
    [
      ['alpine', 1, 6],
      ['busybox:1', 3, 13]
    ]
  ],
  ['ADD has no --from', 'FROM alpine\nADD --chown=1 https://example.com/x /x\n', [['alpine', 1, 6]]],
  [
    'RUN --mount from an image',
    'FROM alpine\nRUN --mount=type=bind,from=busybox:1.36,target=/b ls /b\n',
    [
      ['alpine', 1, 6],
      ['busybox:1.36', 2, 28]
    ]
  ],
  [
    'RUN --mount=from= first',
    'FROM alpine\nRUN --mount=from=busybox,target=/b ls\n',
    [
      ['alpine', 1, 6],
      ['busybox', 2, 18]
    ]
  ],
  [
    'RUN --mount from a stage or an index',
    'FROM golang AS build\nRUN --mount=type=cache,from=build,target=/c --mount=from=0,target=/d true\n',
    [['golang', 1, 6]]
  ],
  ['RUN --mount without from', 'FROM alpine\nRUN --mount=type=cache,target=/root/.cache true\n', [['alpine', 1, 6]]],
  [
    'RUN --mount continued on the next line',
    'FROM alpine\nRUN --network=none \\\n  --mount=type=bind,from=ghcr.io/acme/x:1,target=/x \\\n  true\n',
    [
      ['alpine', 1, 6],
      ['ghcr.io/acme/x:1', 3, 26]
    ]
  ],
  ['--mount after the command is not a flag', 'FROM alpine\nRUN echo --mount=from=busybox\n', [['alpine', 1, 6]]],
  [
    'an ARG of a stage does not reach the next FROM',
    'FROM alpine\nARG NEXT=busybox\nFROM $NEXT\n',
    [['alpine', 1, 6]],
    [[3, 6, '$NEXT is not declared']]
  ],
  ['an ARG without default is empty, as in BuildKit', 'ARG SUFFIX\nFROM alpine:3.20$SUFFIX\n', [['alpine:3.20', 2, 6]]],
  ['an ARG without default that leaves a tag empty', 'ARG TAG\nFROM alpine:$TAG\n', [['alpine:', 2, 6]]],
  ['an ARG without default that leaves FROM empty', 'ARG BASE\nFROM $BASE\n', [], [[2, 6, 'is empty']]],
  [
    'an ARG without default redeclared in a stage',
    'ARG V\nFROM alpine\nARG V\nCOPY --from=busybox$V /a /b\n',
    [
      ['alpine', 2, 6],
      ['busybox', 4, 13]
    ]
  ],
  [
    'an undeclared variable',
    'FROM ${REGISTRY}/app:${VERSION}\n',
    [],
    [[1, 6, '$REGISTRY and $VERSION are not declared']]
  ],
  ['an unsupported expansion', 'ARG T=v1.2\nFROM alpine:${T#v}\n', [], [[2, 6, '${T#v} is not expanded']]],
  ['an empty reference', 'ARG E=""\nFROM ${E}\n', [], [[2, 6, 'is empty']]],
  [
    'FROM without an image',
    'FROM\nFROM --platform=linux/amd64\n',
    [],
    [
      [1, 1, 'FROM names no image'],
      [2, 1, 'FROM names no image']
    ]
  ],
  [
    'a COPY --from variable without default',
    'FROM alpine\nCOPY --from=$TOOLS /a /b\n',
    [['alpine', 1, 6]],
    [[2, 13, '$TOOLS is not declared']]
  ],
  ['ONBUILD is not followed', 'FROM alpine\nONBUILD COPY --from=busybox /a /b\n', [['alpine', 1, 6]]],
  ['an empty file', '', []],
  ['only comments', '# nothing\n# FROM alpine\n', []],
  // The syntax directive names the frontend image BuildKit pulls (frontend/dockerfile/parser/directives.go).
  ['# syntax=', '# syntax=docker/dockerfile:1\n# nothing\n', [['docker/dockerfile:1', 1, 10]]],
  [
    '#syntax = with flags after the image',
    '#syntax = docker/dockerfile:1.7-labs  foo\nFROM alpine\n',
    [
      ['docker/dockerfile:1.7-labs', 1, 11],
      ['alpine', 2, 6]
    ]
  ],
  [
    '# syntax= after # escape=',
    '# escape=`\n# syntax=ghcr.io/acme/frontend:1\nFROM alpine\n',
    [
      ['ghcr.io/acme/frontend:1', 2, 10],
      ['alpine', 3, 6]
    ]
  ],
  [
    '# syntax= after a shebang',
    '#!/usr/bin/env buildctl\n# syntax=docker/dockerfile:1\nFROM alpine\n',
    [
      ['docker/dockerfile:1', 2, 10],
      ['alpine', 3, 6]
    ]
  ],
  ['// syntax=', '// syntax=docker/dockerfile:1\n', [['docker/dockerfile:1', 1, 11]]],
  [
    '# syntax= after another comment is a comment',
    '# hello\n# syntax=docker/dockerfile:1\nFROM alpine\n',
    [['alpine', 3, 6]]
  ],
  [
    '# syntax= after an unknown directive is a comment',
    '# foo=bar\n# syntax=docker/dockerfile:1\nFROM alpine\n',
    [['alpine', 3, 6]]
  ],
  ['# syntax= after an instruction is a comment', 'FROM alpine\n# syntax=docker/dockerfile:1\n', [['alpine', 1, 6]]],
  // An escaped escape character at the end of a line does not continue it (parser/testfiles/trailing-backslash).
  [
    'an escaped backslash at the end of a line',
    'FROM windows\nENV GOPATH=C:\\\\go\\\\\nFROM alpine\n',
    [
      ['windows', 1, 6],
      ['alpine', 3, 6]
    ]
  ],
  [
    'an escaped backtick at the end of a line',
    '# escape=`\nFROM windows\nENV P=C:\\go``\nFROM alpine\n',
    [
      ['windows', 2, 6],
      ['alpine', 4, 6]
    ]
  ],
  ['a backslash alone on a line continues', 'RUN a\\\n\\\nb\nFROM alpine\n', [['alpine', 4, 6]]],
  ['three backslashes end a line, as BuildKit reads them', 'RUN a \\\\\\\nFROM alpine\n', [['alpine', 2, 6]]],
  // BuildKit's automatic platform arguments are meta args: FROM may use them without declaring them.
  [
    'FROM a stage named by $TARGETOS',
    'FROM scratch AS binaries-linux\nFROM scratch AS binaries-windows\nFROM binaries-$TARGETOS\n',
    []
  ],
  [
    'FROM --platform=$BUILDPLATFORM and $TARGETARCH',
    'FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.4 AS xx\nFROM alpine:3.20-$TARGETARCH\n',
    [
      ['tonistiigi/xx:1.4', 1, 32],
      ['alpine:3.20-amd64', 2, 6]
    ]
  ],
  [
    'an ARG that redeclares TARGETARCH keeps its value',
    'ARG TARGETARCH\nFROM alpine\nARG TARGETARCH\nCOPY --from=tools:$TARGETARCH /a /b\n',
    [
      ['alpine', 2, 6],
      ['tools:amd64', 4, 13]
    ]
  ],
  [
    '${TARGETVARIANT:+-…}',
    'FROM app-${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-$TARGETVARIANT}\n',
    [['app-linux-amd64', 1, 6]]
  ],
  ['$BUILDOS', 'FROM tools-$BUILDOS:1\n', [['tools-linux:1', 1, 6]]],
  // Positional and special parameters are never set (shell/envVarTest).
  ['$1, $@ and $$ expand to nothing', 'FROM alpine:3.20$1$@$$\n', [['alpine:3.20', 1, 6]]],
  [
    'an unterminated quote is refused',
    'FROM "alpine\n',
    [],
    [[1, 6, 'BuildKit refuses it (a double quote is not closed)']]
  ],
  ['${} is refused', 'FROM alpine:${}\n', [], [[1, 6, 'bad substitution']]],
  // Heredoc words as BuildKit reads them (parser/parser_heredoc_test.go): quotes inside the word, escapes.
  [
    "<<eo'f'",
    "FROM alpine\nRUN <<eo'f'\nFROM nginx\neof\nFROM busybox\n",
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    '<<EO"F"',
    'FROM alpine\nRUN <<EO"F"\nFROM nginx\nEOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    "<<eo\\'f",
    "FROM alpine\nRUN <<eo\\'f\nFROM nginx\neo'f\nFROM busybox\n",
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    "<<'e'o\\'f",
    "FROM alpine\nRUN <<'e'o\\'f\nFROM nginx\neo'f\nFROM busybox\n",
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    "<<'one two'",
    "FROM alpine\nRUN <<'one two'\nFROM nginx\none two\nFROM busybox\n",
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    '<<$EOF',
    'FROM alpine\nRUN <<$EOF\nFROM nginx\n$EOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    '<<  EOF  > foo',
    'FROM alpine\nRUN <<  EOF  > foo\nFROM nginx\nEOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    '3<<EOF',
    'FROM alpine\nRUN 3<<EOF\nFROM nginx\nEOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    'the terminator must match exactly: trailing space is body',
    'FROM alpine\nRUN <<EOF\nEOF \nFROM nginx\nEOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 6, 6]
    ]
  ],
  [
    '<<- strips tabs only',
    'FROM alpine\nRUN <<-EOF\n  EOF\nFROM nginx\n\t\tEOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 6, 6]
    ]
  ],
  [
    'a heredoc in a continued instruction',
    'FROM alpine\nRUN --mount=type=cache,target=/c \\\n  <<EOF\nFROM nginx\nEOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 6, 6]
    ]
  ],
  [
    'ONBUILD RUN with a heredoc',
    'FROM alpine\nONBUILD RUN <<EOF\nFROM nginx\nEOF\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 5, 6]
    ]
  ],
  [
    'a heredoc after another instruction is no heredoc',
    'FROM alpine\nUSER <<INVALID\nFROM busybox\nINVALID\n',
    [
      ['alpine', 1, 6],
      ['busybox', 3, 6]
    ]
  ],
  [
    'a JSON-form RUN has no heredoc',
    'FROM alpine\nRUN ["<<EOF"]\nFROM busybox\n',
    [
      ['alpine', 1, 6],
      ['busybox', 3, 6]
    ]
  ]
]

describe('extractDockerfile', () => {
  test.each(CASES)('%s', (_name, text, refs, warnings = []) => {
    const r = extractDockerfile('Dockerfile', text)
    expect(r.refs.map(x => [x.image, x.line, x.col])).toEqual(refs)
    expect(r.refs.every(x => x.file === 'Dockerfile' && x.kind === 'dockerfile')).toBe(true)
    expect(r.warnings.map(w => [w.line, w.col])).toEqual(warnings.map(([l, c]) => [l, c]))
    warnings.forEach(([, , words], i) => expect(r.warnings[i]?.message).toContain(words))
  })

  test('the column points at the reference as written', () => {
    for (const [, text, refs] of CASES) {
      const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
      for (const [image, line, col] of refs) {
        const at = (lines[line - 1] ?? '').slice(col - 1)
        // the text there is the reference as written: literal up to its first variable, all of it when it has none
        const head = /^[^\s$,]*/.exec(at)?.[0] ?? ''
        expect([image, at]).toEqual([image, expect.stringMatching(/^\S/)])
        if (at[head.length] === '$') expect(image.startsWith(head)).toBe(true)
        else expect(head).toBe(image)
      }
    }
  })
})

describe('parseDockerfile', () => {
  test('joins continuation lines and keeps every argument character at its source position', () => {
    const { instructions } = parseDockerfile('FROM \\\n  alpine \\\n  AS base\nRUN <<EOF\nx\nEOF\nCMD ["sh"]\n')
    expect(instructions.map(i => [i.keyword, i.line])).toEqual([
      ['FROM', 1],
      ['RUN', 4],
      ['CMD', 7]
    ])
    const from = instructions[0]
    expect(from?.args).toBe('alpine   AS base')
    expect(from?.argPos(0)).toEqual({ line: 2, col: 3 })
    expect(from?.argPos(9)).toEqual({ line: 3, col: 3 })
    expect(from?.argPos(15)).toEqual({ line: 3, col: 9 })
    expect(from?.argPos(99)).toEqual({ line: 3, col: 9 })
  })

  test('reads the escape directive', () => {
    expect(parseDockerfile('# escape=`\nFROM a\n').escape).toBe('`')
    expect(parseDockerfile('#escape = \\\nFROM a\n').escape).toBe('\\')
    expect(parseDockerfile('# escape=x\nFROM a\n').escape).toBe('\\')
  })

  test.each<[string, Array<{ name: string; chomp: boolean }>]>([
    ['RUN <<EOF', [{ name: 'EOF', chomp: false }]],
    ['RUN <<-EOF bash', [{ name: 'EOF', chomp: true }]],
    ['RUN <<"END" python3', [{ name: 'END', chomp: false }]],
    ["RUN <<'END'", [{ name: 'END', chomp: false }]],
    [
      'COPY <<A <<B /dst/',
      [
        { name: 'A', chomp: false },
        { name: 'B', chomp: false }
      ]
    ],
    ['RUN python3 <<EOF > /out', [{ name: 'EOF', chomp: false }]],
    ['RUN echo "<<EOF"', []],
    ["RUN echo '<<EOF'", []],
    ['RUN echo \\<<EOF', []],
    ['RUN cat <<<word', []],
    ['RUN echo a<b', []],
    // moby/buildkit frontend/dockerfile/parser/parser_heredoc_test.go (TestParseHeredocHelpers, TestHeredocsFromLine)
    ["RUN <<-'EOF'", [{ name: 'EOF', chomp: true }]],
    ['RUN <<-"EOF"', [{ name: 'EOF', chomp: true }]],
    ['RUN <<EO"F"', [{ name: 'EOF', chomp: false }]],
    ['RUN << EOF', [{ name: 'EOF', chomp: false }]],
    ['RUN << -EOF', [{ name: '-EOF', chomp: false }]],
    ['RUN 4<<EOF', [{ name: 'EOF', chomp: false }]],
    [
      'RUN <<EOF <<EOF2',
      [
        { name: 'EOF', chomp: false },
        { name: 'EOF2', chomp: false }
      ]
    ],
    ["RUN <<eo'f'", [{ name: 'eof', chomp: false }]],
    ["RUN <<eo\\'f", [{ name: "eo'f", chomp: false }]],
    ["RUN <<'e'o\\'f", [{ name: "eo'f", chomp: false }]],
    ["RUN <<'one two'", [{ name: 'one two', chomp: false }]],
    ['RUN <<$EOF', [{ name: '$EOF', chomp: false }]],
    ['RUN <<file.txt /dest', [{ name: 'file.txt', chomp: false }]],
    ["RUN '<<EOF'", []],
    ['RUN <<', []],
    ['RUN <<-', []],
    ['RUN <EOF', []],
    ['RUN <<<EOF', []],
    // a quote left open: BuildKit's lexer gives no words, so no heredoc
    ["RUN <<'EOF", []],
    ['RUN <<"EOF', []],
    ['RUN ["<<EOF"]', []]
  ])('heredocs(%j)', (line, expected) => {
    expect(heredocs(line)).toEqual(expected)
  })

  test('splitWords keeps quoted white space and each offset', () => {
    expect(splitWords(' a "b c"  d\\ e', '\\')).toEqual([
      { raw: 'a', start: 1 },
      { raw: '"b c"', start: 3 },
      { raw: 'd\\ e', start: 10 }
    ])
  })
})

/**
 * BuildKit's parser test files, moby/buildkit frontend/dockerfile/parser/testfiles/*: each Dockerfile and, from
 * its `result`, the keywords of its instructions in order and the first word of each FROM, ported as data
 * (__tests__/fixtures/peers/buildkit-parser-testfiles.json). Continuations, escapes, comments and directives must
 * split every file into the same instructions as BuildKit, and find the same FROMs.
 */
describe('BuildKit parser testfiles', () => {
  const table = JSON.parse(
    readFileSync(new URL('../../fixtures/peers/buildkit-parser-testfiles.json', import.meta.url), 'utf8')
  ) as {
    cases: Array<{ name: string; dockerfile: string; instructions: string[]; from: string[] }>
  }
  test('the table is all there', () => expect(table.cases.length).toBeGreaterThanOrEqual(30))
  test.each(table.cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const { instructions } = parseDockerfile(c.dockerfile)
    expect(instructions.map(i => i.keyword.toLowerCase())).toEqual(c.instructions)
    expect(
      instructions.filter(i => i.keyword === 'FROM').map(i => i.args.split(/\s+/).filter(w => !w.startsWith('--'))[0])
    ).toEqual(c.from)
  })
})
