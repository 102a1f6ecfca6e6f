#!/bin/sh
# Regenerates the node:test JUnit fixture.
# Needs: node v20 (v20.20.2 was used); no npm packages.
# Two reporters run at once: spec to stdout (kept as junit.console.txt, the
# expected.json counts come from its closing summary) and junit to junit.xml.
# node exits 1 on purpose, so no `set -e`.
cd "$(dirname "$0")/src" || exit 1
node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=junit --test-reporter-destination=../junit.xml \
  test/ > ../junit.console.txt 2>&1
echo "node --test exit=$?"
