#!/bin/sh
# Regenerates the gcovr 5.2 fixtures (gcc/g++ 12.2, gcov 12.2, Debian 12).
# The lcov fixtures (../lcov) are built from the same sources.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/src"
rm -rf build && mkdir build
gcc -O0 --coverage -c mathx.c -o build/mathx.o
g++ -O0 --coverage -c util.cpp -o build/util.o
g++ -O0 --coverage -c main.cpp -o build/main.o
g++ --coverage build/mathx.o build/util.o build/main.o -o build/prog
./build/prog   # prints "12 2 7 6"; never_called/unused_helper are not run

# --timestamp pins the XML timestamp attribute so regenerating gives identical files
G="gcovr --root . --object-directory build --timestamp 1700000000"
for case in default nothrow; do
    if [ $case = nothrow ]; then
        G="$G --exclude-throw-branches --exclude-unreachable-branches"
    fi
    $G --xml "$here/$case.xml"
    $G --xml-pretty --output "$here/$case.pretty.xml"
    $G --json-summary-pretty --output "$here/$case.summary.json"
    $G --json-pretty --output "$here/$case.gcovr.json"
    { $G --txt; $G --txt --branches; $G --print-summary --txt /dev/null; } > "$here/$case.report.txt"
done
rm -rf build

cd "$here"
/usr/bin/python3 make_expected.py default
/usr/bin/python3 make_expected.py nothrow
