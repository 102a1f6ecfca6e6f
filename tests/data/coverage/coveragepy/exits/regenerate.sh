#!/bin/sh
# coverage.py 6.5 (Debian python3-coverage) on a module whose branches leave
# functions: its LCOV writes those exits as BRDA line 0.
set -e
cd "$(dirname "$0")"
rm -f .coverage
python3-coverage run --branch m.py
python3-coverage lcov -o exits.info
python3-coverage xml -o exits.xml
python3-coverage json -o exits.json
rm -f .coverage
