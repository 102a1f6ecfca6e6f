#!/bin/sh
# Regenerates the pytest JUnit fixtures.
# Needs Debian packages: python3-pytest (7.2.1), python3-pytest-rerunfailures (10.2).
# Always uses Debian's interpreter (/usr/bin/python3), not a pyenv python3.
# Each report is written next to this script; the console output of each run is
# kept as <case>.console.txt (the expected.json counts come from it).
# pytest exits non-zero (1, 2 or 5) for these runs on purpose, so no `set -e`.
cd "$(dirname "$0")/src" || exit 1
export PYTHONDONTWRITEBYTECODE=1
PYTEST="/usr/bin/python3 -m pytest -p no:cacheprovider -rA"

$PYTEST -o junit_family=xunit1 --junitxml=../xunit1.xml test_core.py > ../xunit1.console.txt 2>&1
echo "xunit1 exit=$?"

$PYTEST -o junit_family=xunit2 -o junit_logging=all --junitxml=../xunit2.xml test_core.py > ../xunit2.console.txt 2>&1
echo "xunit2 exit=$?"

$PYTEST -o junit_family=xunit2 --maxfail=1 --junitxml=../maxfail.xml test_core.py > ../maxfail.console.txt 2>&1
echo "maxfail exit=$?"

$PYTEST -o junit_family=xunit2 -m nonexistent --junitxml=../empty_marker.xml test_core.py > ../empty_marker.console.txt 2>&1
echo "empty_marker exit=$?"

$PYTEST -o junit_family=xunit2 --junitxml=../collection_error.xml broken > ../collection_error.console.txt 2>&1
echo "collection_error exit=$?"

export GATEKIT_FLAKY_COUNTER=/tmp/gatekit_pytest_flaky.count
rm -f "$GATEKIT_FLAKY_COUNTER"
$PYTEST -o junit_family=xunit2 --reruns 2 -v --junitxml=../reruns.xml rerun/test_rerun.py > ../reruns.console.txt 2>&1
echo "reruns exit=$?"
rm -f "$GATEKIT_FLAKY_COUNTER"
