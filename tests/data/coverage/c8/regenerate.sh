#!/bin/sh
# Regenerates the c8 fixtures (c8 12.0.0 on node 20, reports by istanbul-reports 3.2.0).
# Tests run with node's own test runner (node --test). Needs the npm registry.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tools="$here/build/tools"
rm -rf "$here/build" && mkdir -p "$tools"
(cd "$tools" && npm init -y >/dev/null && npm install --no-audit --no-fund c8@12.0.0 >/dev/null)
cd "$here/src"          # .c8rc.json: all=true, include lib/**, exclude test/**
out="$here/build/out"
"$tools/node_modules/.bin/c8" --reports-dir "$out" --temp-directory "$here/build/tmp" \
    --reporter=text --reporter=cobertura --reporter=lcovonly --reporter=clover \
    --reporter=json-summary --reporter=json \
    node --test test/ > "$here/build/stdout.txt"
# keep only the coverage table (drop the TAP output of node --test)
sed -n '/^-*|/,$p' "$here/build/stdout.txt" > "$here/node_test.report.txt"
cp "$out/cobertura-coverage.xml" "$here/node_test.cobertura.xml"
cp "$out/lcov.info"              "$here/node_test.info"
cp "$out/clover.xml"             "$here/node_test.clover.xml"
cp "$out/coverage-summary.json"  "$here/node_test.summary.json"
cp "$out/coverage-final.json"    "$here/node_test.final.json"
cd "$here"
/usr/bin/python3 ../istanbul_expected.py c8 node_test "c8 --reporter=text --reporter=cobertura --reporter=lcovonly --reporter=clover --reporter=json-summary --reporter=json node --test test/"
rm -rf "$here/build"
