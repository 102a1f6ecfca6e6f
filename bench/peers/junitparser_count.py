#!/usr/bin/python3
"""Count test outcomes with the junitparser library (Debian python3-junitparser).

Uses the library the way a user would: JUnitXml.fromfile, iterate suites and
cases, inspect case.result.  Prints one line:
    tests=N failures=N errors=N skipped=N
"""

import sys

from junitparser import Error, Failure, JUnitXml, Skipped, TestSuite


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: junitparser_count.py REPORT.xml")
    xml = JUnitXml.fromfile(sys.argv[1])
    # fromfile returns a TestSuite (not a JUnitXml) for a bare <testsuite> root.
    suites = [xml] if isinstance(xml, TestSuite) else xml
    tests = failures = errors = skipped = 0
    for suite in suites:
        for case in suite:
            tests += 1
            results = case.result  # junitparser 2.x: a list of result objects
            # One outcome per case; precedence error > failure > skipped.
            if any(isinstance(r, Error) for r in results):
                errors += 1
            elif any(isinstance(r, Failure) for r in results):
                failures += 1
            elif any(isinstance(r, Skipped) for r in results):
                skipped += 1
    print("tests=%d failures=%d errors=%d skipped=%d" % (tests, failures, errors, skipped))


if __name__ == "__main__":
    main()
