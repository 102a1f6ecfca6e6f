#!/bin/sh
# Regenerates the lcov 1.16 fixtures from the C/C++ program in ../gcovr/src
# (gcc/g++ 12.2, gcov 12.2, Debian 12). SF: paths in the tracefiles are absolute.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../gcovr/src" && pwd)
b="$here/build"
rm -rf "$b" && mkdir "$b"
cd "$srcdir"
gcc -O0 --coverage -c mathx.c -o "$b/mathx.o"
g++ -O0 --coverage -c util.cpp -o "$b/util.o"
g++ -O0 --coverage -c main.cpp -o "$b/main.o"
g++ --coverage "$b/mathx.o" "$b/util.o" "$b/main.o" -o "$b/prog"

RC="--rc lcov_branch_coverage=1"
cd "$here"
# Zero baseline before running anything (every DA 0, every BRDA '-')
lcov $RC --capture --initial --directory build --base-directory "$srcdir" --no-external --output-file baseline.info
"$b/prog"
# The test run: BRDA '-' where the branching block never ran (never_called, unused_helper, error path in main)
lcov $RC --capture --directory build --base-directory "$srcdir" --no-external --test-name prog --output-file capture.info
# baseline + run merged by lcov itself
lcov $RC --add-tracefile baseline.info --add-tracefile capture.info --output-file combined.info
for case in baseline capture combined; do
    lcov $RC --summary $case.info > $case.summary.txt 2>&1
    lcov $RC --list $case.info > $case.list.txt 2>&1
done
rm -rf build
/usr/bin/python3 make_expected.py baseline capture combined
