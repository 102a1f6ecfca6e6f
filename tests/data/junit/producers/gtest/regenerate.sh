#!/bin/sh
# Regenerates the GoogleTest XML fixtures.
# Needs Debian packages: libgtest-dev (googletest 1.12.1), cmake, g++.
# Console output is kept as <case>.console.txt (the expected.json counts come from it).
# The test binary exits 1 on purpose, so no `set -e`.
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD=/tmp/gatekit-gtest-build
rm -rf "$BUILD"
cmake -S "$HERE/src" -B "$BUILD" > /dev/null || exit 1
cmake --build "$BUILD" > /dev/null || exit 1

"$BUILD/calc_test" --gtest_output=xml:"$HERE/gtest.xml" > "$HERE/gtest.console.txt" 2>&1
echo "gtest exit=$?"

"$BUILD/calc_test" --gtest_filter='Nothing.Matches*' --gtest_output=xml:"$HERE/filter_none.xml" > "$HERE/filter_none.console.txt" 2>&1
echo "filter_none exit=$?"
rm -rf "$BUILD"
