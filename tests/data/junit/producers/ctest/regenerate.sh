#!/bin/sh
# Regenerates the ctest JUnit fixtures.
# Needs Debian packages: cmake (3.25.1), gcc, make.
# The build tree lives outside the repository; console output is kept as
# <case>.console.txt (the expected.json counts come from it).
# ctest exits 8 for these runs on purpose, so no `set -e`.
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD=/tmp/gatekit-ctest-build
rm -rf "$BUILD"
cmake -S "$HERE/src" -B "$BUILD" > /dev/null || exit 1
cmake --build "$BUILD" > /dev/null || exit 1
cd "$BUILD" || exit 1

# main case: every test except the flaky one
ctest -LE flaky --output-junit "$HERE/ctest.xml" > "$HERE/ctest.console.txt" 2>&1
echo "ctest exit=$?"

# repeat case: label "repeat" (pass, fail, skip, flaky) with retries
rm -f "$BUILD/flaky.count"
ctest -L repeat --repeat until-pass:3 --output-junit "$HERE/repeat_until_pass.xml" > "$HERE/repeat_until_pass.console.txt" 2>&1
echo "repeat exit=$?"
rm -rf "$BUILD"
