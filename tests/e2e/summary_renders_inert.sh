#!/usr/bin/env bash
# The step summary of a report full of hostile names, rendered by cmark-gfm
# with GitHub's extensions (the renderer GitHub's Markdown is built on), must
# hold no link, no raw HTML element and no more table cells than columns.
# Usage: summary_renders_inert.sh TOOL ARG...   (a run that must exit 1)
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v cmark-gfm > /dev/null || fail "cmark-gfm is not installed (scripts/install-deps.sh test)"
set +e
GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY="$work/summary.md" GITHUB_OUTPUT="$work/output" "$@" > /dev/null
status=$?
set -e
[[ $status -eq 1 ]] || fail "$(basename "$1") exited $status, expected 1"
[[ -s $work/summary.md ]] || fail "no step summary written"
# <details>/<summary> are gatekit's own markup; everything else must be text.
cmark-gfm -e autolink -e table -e strikethrough -e tagfilter "$work/summary.md" > "$work/summary.html"
if grep -Eo '<(a|script|img|iframe)[ >]' "$work/summary.html"; then
  fail "the rendered summary holds a link or raw HTML element"
fi
grep -q 'www.evil.example' "$work/summary.html" || fail "the hostile name is missing from the summary"
grep -q 'ops@.*evil.example' "$work/summary.html" || fail "the address is missing from the summary"
echo "ok: the rendered summary is inert"
