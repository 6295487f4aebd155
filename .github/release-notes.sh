#!/usr/bin/env bash
# release-notes.sh VERSION: prints the notes of CHANGELOG.md's "## [VERSION]" section (Keep a Changelog), without its
# heading; prints nothing when there is no such section.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 VERSION (like 1.2.3)" >&2; exit 2; }
awk -v heading="## [$1]" '
  /^## / { if (found) exit; if (index($0, heading) == 1) { found = 1; next } }
  /^\[[^]]+\]: / { if (found) exit }
  found { print }
' "$(dirname "$0")/../CHANGELOG.md" | sed -e '/./,$!d' | tac | sed -e '/./,$!d' | tac
