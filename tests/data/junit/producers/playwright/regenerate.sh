#!/bin/sh
# Regenerates the @playwright/test JUnit fixture.
# Needs: node v20, npm; `npm install` installs @playwright/test 1.65.1 (pinned in
# src/package.json / package-lock.json). No browser is downloaded or used
# (never run `npx playwright install`): the tests use only test() and expect().
# Two reporters run at once (see src/playwright.config.js): list to the console
# (junit.console.txt, the expected.json counts come from it) and junit.
# playwright exits 1 on purpose, so no `set -e`.
HERE="$(cd "$(dirname "$0")" && pwd)"
cd "$HERE/src" || exit 1
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund > /dev/null 2>&1 || exit 1

export GATEKIT_PW_COUNTER=/tmp/gatekit_pw_flaky.count
export PW_OUTPUT_DIR=/tmp/gatekit-pw-test-results
rm -rf "$GATEKIT_PW_COUNTER" "$PW_OUTPUT_DIR"
PW_JUNIT_FILE="$HERE/junit.xml" npx playwright test > "$HERE/junit.console.txt" 2>&1
echo "playwright exit=$?"
rm -rf "$GATEKIT_PW_COUNTER" "$PW_OUTPUT_DIR" node_modules
