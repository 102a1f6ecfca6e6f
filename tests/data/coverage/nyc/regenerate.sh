#!/bin/sh
# Regenerates the nyc fixtures (nyc 18.0.0 on node 20, reports by istanbul-reports 3.2.0)
# from the same module and tests as ../c8 (../c8/src). Needs the npm registry.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tools="$here/build/tools"
rm -rf "$here/build" && mkdir -p "$tools"
(cd "$tools" && npm init -y >/dev/null && npm install --no-audit --no-fund nyc@18.0.0 >/dev/null)
cd "$here/../c8/src"
out="$here/build/out"
"$tools/node_modules/.bin/nyc" --all --include 'lib/**' --cache=false \
    --temp-dir "$here/build/tmp" --report-dir "$out" \
    --reporter=text --reporter=cobertura --reporter=lcovonly --reporter=clover \
    --reporter=json-summary --reporter=json \
    node --test test/ > "$here/build/stdout.txt"
sed -n '/^-*|/,$p' "$here/build/stdout.txt" > "$here/node_test.report.txt"
cp "$out/cobertura-coverage.xml" "$here/node_test.cobertura.xml"
cp "$out/lcov.info"              "$here/node_test.info"
cp "$out/clover.xml"             "$here/node_test.clover.xml"
cp "$out/coverage-summary.json"  "$here/node_test.summary.json"
cp "$out/coverage-final.json"    "$here/node_test.final.json"
cd "$here"
/usr/bin/python3 ../istanbul_expected.py nyc node_test "nyc --all --include 'lib/**' --reporter=text --reporter=cobertura --reporter=lcovonly --reporter=clover --reporter=json-summary --reporter=json node --test test/   (in ../c8/src)"
rm -rf "$here/build"
