#!/usr/bin/python3
"""Generate a large, realistic, deterministic JUnit XML report for benchmarks.

The shape follows what pytest and Maven Surefire write: a <testsuites> root,
suites of 50-200 cases, parametrized test names, file/line/time attributes,
~4% failures with multi-line stack traces, ~0.5% errors, ~2% skipped and ~5%
of cases with captured <system-out>.  Output depends only on --seed and
--cases, so every run (and every machine) benchmarks the same bytes.

The counts written are printed to stderr as one line,
    tests=N passed=N failures=N errors=N skipped=N
which the benchmark script compares against every parser's output.

Examples:
    /usr/bin/python3 bench/gen_junit_report.py --out bench/out/junit_200000.xml
    /usr/bin/python3 bench/gen_junit_report.py --cases 1000000 --shards 50 \\
        --out bench/out/shards
"""

import argparse
import os
import random
import sys
from xml.sax.saxutils import escape, quoteattr

# Outcome probabilities (the rest pass).
P_FAILURE = 0.04
P_ERROR = 0.005
P_SKIPPED = 0.02
P_STDOUT = 0.05

PASSED, FAILURE, ERROR, SKIPPED = range(4)

# Tokens used to build stack-trace lines.  Several contain characters that
# must be escaped (<, >, &, quotes) so parsers are exercised on entities.
PY_FRAMES = [
    "    def {fn}(self, {arg}):",
    "        result = self.client.get(\"/api/v1/items?limit=10&offset={n}\")",
    "        expected = {{\"id\": {n}, \"tags\": [\"a\", \"b\"], \"ok\": True}}",
    "        if len(items) < {n} and items[0] > threshold:",
    "            return compute(items, key=lambda x: x['{arg}'])",
    "        with self.assertRaises(ValueError) as ctx:",
    "        resp = session.post(url, json=payload, timeout={n})",
    "        for i, row in enumerate(rows):",
    "            assert row.status == 'done', f\"row {{i}}: {{row!r}}\"",
    "        data = parse_response(resp.content.decode('utf-8'))",
    "/usr/lib/python3/site-packages/_pytest/python.py:{n}: in pytest_pyfunc_call",
    "src/app/{arg}/handlers.py:{n}: in {fn}: return self._dispatch(request, *args, **kwargs)",
    "E       AssertionError: Lists differ: [{n}, 'x', None] != [{n}, 'y', None] (first differing element 1)",
    "        self.assertEqual(response.json()['data']['{arg}'], expected_payload['{arg}'], msg=ctx)",
]
JAVA_FRAMES = [
    "\tat com.example.platform.{pkg}.service.internal.{cls}.{fn}({cls}.java:{n})",
    "\tat org.junit.jupiter.api.AssertionUtils.fail(AssertionUtils.java:{n})",
    "\tat java.base/java.util.ArrayList.forEach(ArrayList.java:{n})",
    "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:{n})",
    "\tat org.apache.maven.surefire.booter.ForkedBooter.main(ForkedBooter.java:{n})",
    "\tat com.example.platform.{pkg}.Map<String, List<Integer>>.get(Generic.java:{n})",
    "\tat org.junit.platform.engine.support.hierarchical.NodeTestTask.execute(NodeTestTask.java:{n})",
]
WORDS = ["alpha", "beta", "gamma", "delta", "cache", "queue", "parser",
         "token", "widget", "order", "user", "session", "index", "batch"]


def attr(value):
    # quoteattr also turns newlines/tabs into &#10;/&#9; so multi-line
    # messages survive attribute-value normalisation, as real reporters do.
    return quoteattr(str(value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def plan_suites(rng, cases):
    """Split `cases` into suites of 50-200 and pick each case's outcome."""
    suites = []
    left = cases
    while left > 0:
        size = min(left, rng.randint(50, 200))
        outcomes = []
        for _ in range(size):
            r = rng.random()
            if r < P_FAILURE:
                outcomes.append(FAILURE)
            elif r < P_FAILURE + P_ERROR:
                outcomes.append(ERROR)
            elif r < P_FAILURE + P_ERROR + P_SKIPPED:
                outcomes.append(SKIPPED)
            else:
                outcomes.append(PASSED)
        suites.append(outcomes)
        left -= size
    return suites


def stack_trace(rng, path, line, fn):
    """A 10-30 line trace, pytest-style or Java-style."""
    n_lines = rng.randint(10, 30)
    out = []
    if rng.random() < 0.7:
        for _ in range(n_lines - 3):
            tpl = rng.choice(PY_FRAMES)
            out.append(tpl.format(fn=fn, arg=rng.choice(WORDS), n=rng.randint(1, 999)))
        a, b = rng.randint(0, 99), rng.randint(100, 199)
        out.append(">       assert actual == expected")
        out.append("E       AssertionError: assert %d == %d" % (a, b))
        out.append("%s:%d: AssertionError" % (path, line))
    else:
        out.append("org.opentest4j.AssertionFailedError: expected: <%d> but was: <%d>"
                   % (rng.randint(0, 99), rng.randint(100, 199)))
        for _ in range(n_lines - 1):
            tpl = rng.choice(JAVA_FRAMES)
            out.append(tpl.format(pkg=rng.choice(WORDS), cls="Test" + rng.choice(WORDS).title(),
                                  fn=fn, n=rng.randint(1, 999)))
    return "\n".join(out)


def write_report(path, cases, seed, first_case_no=0):
    """Write one report file; return (tests, failures, errors, skipped)."""
    plan_rng = random.Random(seed)
    suites = plan_suites(plan_rng, cases)
    # A second stream for names/texts keeps the outcome plan independent of
    # how the text is rendered (tuning trace length does not change counts).
    rng = random.Random(seed * 1000003 + 7)

    tot = {FAILURE: 0, ERROR: 0, SKIPPED: 0}
    for outcomes in suites:
        for o in outcomes:
            if o in tot:
                tot[o] += 1

    # Times are drawn up front so the root and suite "time" attributes,
    # which precede the cases, can carry the real sums.
    times = [[round(rng.expovariate(1 / 0.05), 3) for _ in s] for s in suites]
    total_time = sum(sum(t) for t in times)

    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        w = f.write
        w('<?xml version="1.0" encoding="utf-8"?>\n')
        w('<testsuites name="pytest tests" tests="%d" failures="%d" errors="%d" '
          'skipped="%d" time="%.3f">\n'
          % (cases, tot[FAILURE], tot[ERROR], tot[SKIPPED], total_time))
        case_no = first_case_no
        for si, outcomes in enumerate(suites):
            pkg = "pkg_%d" % rng.randint(0, 40)
            mod = "test_module_%d" % rng.randint(0, 30)
            cls = "Test%s%d" % (rng.choice(WORDS).title(), rng.randint(0, 9))
            classname = "tests.%s.%s.%s" % (pkg, mod, cls)
            file_path = "tests/%s/%s.py" % (pkg, mod)
            w('  <testsuite name=%s tests="%d" failures="%d" errors="%d" skipped="%d" '
              'time="%.3f" timestamp="2024-05-%02dT%02d:%02d:%02d" hostname="ci-runner-%d">\n'
              % (attr(classname), len(outcomes), outcomes.count(FAILURE),
                 outcomes.count(ERROR), outcomes.count(SKIPPED), sum(times[si]),
                 1 + si % 28, si % 24, si % 60, (si * 7) % 60, si % 8))
            line = rng.randint(10, 60)
            for ci, outcome in enumerate(outcomes):
                case_no += 1
                line += rng.randint(3, 25)
                # The case number keeps test ids unique, as in a real suite:
                # every tool then counts the same 200,000 distinct tests.
                fn = "test_%s_%d" % (rng.choice(WORDS), case_no)
                name = fn
                if rng.random() < 0.6:
                    name += "[case-%d]" % rng.randint(0, 99)
                head = ('    <testcase classname=%s name=%s file=%s line="%d" time="%.3f"'
                        % (attr(classname), attr(name), attr(file_path), line, times[si][ci]))
                body = []
                if outcome == FAILURE:
                    msg = ("AssertionError: assert %d == %d\n +  where %d = len(<Items n=%d>)"
                           % (rng.randint(0, 9), rng.randint(10, 99), rng.randint(0, 9),
                              rng.randint(0, 99)))
                    body.append('      <failure message=%s type="AssertionError">%s</failure>\n'
                                % (attr(msg), escape(stack_trace(rng, file_path, line, fn))))
                elif outcome == ERROR:
                    msg = "failed on setup with \"ConnectionError: [Errno 111] refused\""
                    body.append('      <error message=%s type="ConnectionError">%s</error>\n'
                                % (attr(msg), escape(stack_trace(rng, file_path, line, fn))))
                elif outcome == SKIPPED:
                    body.append('      <skipped type="pytest.skip" message=%s/>\n'
                                % attr("requires feature <%s> & network" % rng.choice(WORDS)))
                if rng.random() < P_STDOUT:
                    lines = ["2024-05-01 12:%02d:%02d,%03d %s app.%s.worker: processed %d items "
                             "for %s (%s)"
                             % (rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999),
                                rng.choice(["INFO", "DEBUG", "WARNING"]), rng.choice(WORDS),
                                rng.randint(1, 5000), rng.choice(WORDS),
                                "ok" if rng.random() < 0.8 else "retry & <slow>")
                             for _ in range(rng.randint(2, 8))]
                    body.append("      <system-out>%s</system-out>\n" % escape("\n".join(lines)))
                if body:
                    w(head + ">\n" + "".join(body) + "    </testcase>\n")
                else:
                    w(head + "/>\n")
            w("  </testsuite>\n")
        w("</testsuites>\n")
    return cases, tot[FAILURE], tot[ERROR], tot[SKIPPED]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=200000, help="total test cases (default 200000)")
    ap.add_argument("--out", required=True, help="output file, or directory with --shards")
    ap.add_argument("--shards", type=int, default=0,
                    help="write K files of cases/K cases each into the --out directory")
    ap.add_argument("--seed", type=int, default=20240501, help="RNG seed (default fixed)")
    args = ap.parse_args()
    if args.cases < 1:
        ap.error("--cases must be >= 1")

    if args.shards:
        if args.shards < 1 or args.cases % args.shards:
            ap.error("--cases must be a positive multiple of --shards")
        os.makedirs(args.out, exist_ok=True)
        per = args.cases // args.shards
        jobs = [(os.path.join(args.out, "shard_%03d.xml" % i), per, args.seed + i)
                for i in range(args.shards)]
    else:
        d = os.path.dirname(args.out)
        if d:
            os.makedirs(d, exist_ok=True)
        jobs = [(args.out, args.cases, args.seed)]

    tests = failures = errors = skipped = 0
    first_case_no = 0
    for path, n, seed in jobs:
        # Case numbers continue across shards so test ids stay unique.
        t, fl, e, s = write_report(path, n, seed, first_case_no)
        first_case_no += n
        tests, failures, errors, skipped = tests + t, failures + fl, errors + e, skipped + s
    passed = tests - failures - errors - skipped
    print("tests=%d passed=%d failures=%d errors=%d skipped=%d"
          % (tests, passed, failures, errors, skipped), file=sys.stderr)


if __name__ == "__main__":
    main()
