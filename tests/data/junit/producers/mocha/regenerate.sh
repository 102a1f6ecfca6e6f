#!/bin/sh
# Regenerates the mocha + mocha-junit-reporter fixtures.
# Needs: node v20, npm; `npm install` installs mocha 11.8.0 and
# mocha-junit-reporter 2.2.1 (pinned in src/package.json / package-lock.json).
# NOTE: mocha 12.0.3 (latest) cannot load mocha-junit-reporter 2.2.1:
#   TypeError: Class constructor Base cannot be invoked without 'new'
# so mocha is pinned to 11.8.0.
# mocha has one reporter per run, so the suite runs once with `spec` for the
# console summary (spec.console.txt, the expected.json counts come from it) and
# once per JUnit case. The tests are deterministic (the flaky test's counter is
# per process). mocha exits 6 (= number of failures) on purpose, so no `set -e`.
HERE="$(cd "$(dirname "$0")" && pwd)"
cd "$HERE/src" || exit 1
npm install --no-audit --no-fund > /dev/null 2>&1 || exit 1

npx mocha --reporter spec > "$HERE/spec.console.txt" 2>&1
echo "spec exit=$?"
# mocha's own json reporter, only to confirm the retry (currentRetry) of the flaky test
npx mocha --reporter json --reporter-option output="$HERE/mocha-json-reporter.json" > /dev/null 2>&1
echo "json exit=$?"

npx mocha --reporter mocha-junit-reporter \
  --reporter-options mochaFile="$HERE/default.xml" > "$HERE/default.console.txt" 2>&1
echo "default exit=$?"

npx mocha --reporter mocha-junit-reporter \
  --reporter-options mochaFile="$HERE/include_pending.xml",includePending=true > "$HERE/include_pending.console.txt" 2>&1
echo "include_pending exit=$?"

rm -rf node_modules
