#!/bin/sh
# Regenerates the coverage.py 6.5 fixtures. Run from anywhere.
# Uses Debian's interpreter (python3-coverage 6.5.0), not a pyenv python.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/src"
PY=/usr/bin/python3
rm -rf build && mkdir build

# Shard 1: only tests/test_ops.py
$PY -m coverage run --data-file=build/.coverage.shard1 -m tests.test_ops
# Shard 2: only tests/test_text.py
$PY -m coverage run --data-file=build/.coverage.shard2 -m tests.test_text
# A single run of everything (should equal the combination of the shards)
$PY -m coverage run --data-file=build/.coverage.full run_all.py

# Combine the two shards (keeps the shard data files)
$PY -m coverage combine --keep --data-file=build/.coverage build/.coverage.shard1 build/.coverage.shard2
cp build/.coverage build/.coverage.combined

for case in shard1 shard2 full combined; do
    df=build/.coverage.$case
    $PY -m coverage xml  --data-file=$df -o "$here/$case.xml"
    $PY -m coverage lcov --data-file=$df -o "$here/$case.info"
    $PY -m coverage json --data-file=$df -o "$here/$case.json" --pretty-print
    $PY -m coverage report --data-file=$df > "$here/$case.report.txt"
done
rm -rf build

cd "$here"
$PY make_expected.py shard1 "coverage run --data-file=.coverage.shard1 -m tests.test_ops; coverage xml|lcov|json|report --data-file=.coverage.shard1 (branch=True via .coveragerc)"
$PY make_expected.py shard2 "coverage run --data-file=.coverage.shard2 -m tests.test_text; coverage xml|lcov|json|report --data-file=.coverage.shard2"
$PY make_expected.py full "coverage run --data-file=.coverage.full run_all.py; coverage xml|lcov|json|report --data-file=.coverage.full"
$PY make_expected.py combined "coverage combine --keep --data-file=.coverage .coverage.shard1 .coverage.shard2; coverage xml|lcov|json|report"
