#!/bin/sh
# Regenerates the jest + jest-junit fixtures.
# Needs: node v20, npm; `npm install` installs jest 30.5.2 and jest-junit 17.0.0
# (pinned in src/package.json / package-lock.json). node_modules is removed at the end.
# (`npm ci` refuses this lock file here: it lacks the optional @unrs/resolver-binding-*
# platform packages; `npm install` keeps the locked versions.)
# Console output is kept as <case>.console.txt (the expected.json counts come from it).
# jest exits 1 on purpose, so no `set -e`.
HERE="$(cd "$(dirname "$0")" && pwd)"
cd "$HERE/src" || exit 1
npm install --no-audit --no-fund > /dev/null 2>&1 || exit 1
export JEST_JUNIT_OUTPUT_DIR="$HERE"

# default jest-junit configuration
JEST_JUNIT_OUTPUT_NAME=default.xml \
  npx jest --ci --reporters=default --reporters=jest-junit > "$HERE/default.console.txt" 2>&1
echo "default exit=$?"

# file="..." attribute on each testcase
JEST_JUNIT_OUTPUT_NAME=file_attribute.xml JEST_JUNIT_ADD_FILE_ATTRIBUTE=true \
  npx jest --ci --reporters=default --reporters=jest-junit > "$HERE/file_attribute.console.txt" 2>&1
echo "file_attribute exit=$?"

# test files that fail to load are reported too
JEST_JUNIT_OUTPUT_NAME=suite_errors.xml JEST_JUNIT_REPORT_TEST_SUITE_ERRORS=true \
  npx jest --ci --reporters=default --reporters=jest-junit > "$HERE/suite_errors.console.txt" 2>&1
echo "suite_errors exit=$?"

rm -rf node_modules
