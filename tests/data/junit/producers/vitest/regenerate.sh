#!/bin/sh
# Regenerates the vitest JUnit fixtures.
# Needs: node v20, npm; `npm install` installs vitest 3.2.7 (pinned in
# src/package.json / package-lock.json). node_modules is removed at the end.
# Two reporters run at once: default to the console (<case>.console.txt, the
# expected.json counts come from it) and junit. vitest exits 1 on purpose, so no `set -e`.
HERE="$(cd "$(dirname "$0")" && pwd)"
cd "$HERE/src" || exit 1
npm install --no-audit --no-fund > /dev/null 2>&1 || exit 1

npx vitest run test/ --reporter=default --reporter=junit --outputFile.junit="$HERE/junit.xml" > "$HERE/junit.console.txt" 2>&1
echo "junit exit=$?"

npx vitest run broken/ --reporter=default --reporter=junit --outputFile.junit="$HERE/suite_error.xml" > "$HERE/suite_error.console.txt" 2>&1
echo "suite_error exit=$?"

rm -rf node_modules
