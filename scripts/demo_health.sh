#!/usr/bin/env bash
# make demo's health-check step: starts the project's fault-injecting test
# server on 127.0.0.1 as a stand-in for a deployed service, probes it and the
# machine with examples/health/demo.json, and stops it again.
# usage: scripts/demo_health.sh HEALTH_CHECK REPORT_JSON
set -uo pipefail
tool=${1:?health-check binary}
report=${2:?report path}
work=$(mktemp -d)
python3 tests/servers/fault_server.py --port-file "$work/port" --max-seconds 60 > /dev/null 2>&1 &
server=$!
trap 'kill "$server" 2> /dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [[ -s $work/port ]] && break; sleep 0.1; done
[[ -s $work/port ]] || { echo "demo: the test server did not start" >&2; exit 2; }
echo "\$ DEMO_PORT=$(cat "$work/port") $tool --config examples/health/demo.json --report-json $report"
DEMO_PORT=$(cat "$work/port") "$tool" --config examples/health/demo.json --report-json "$report"
