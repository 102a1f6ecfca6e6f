#!/usr/bin/python3
"""CI's dogfood job and `make dogfood` apply the same gate.

The job `dogfood` of .github/workflows/ci.yml must run scripts/dogfood.sh,
then gate with ./actions/junit-gate and ./actions/coverage-gate using the
thresholds the script uses locally (MIN_PASS_RATE, MIN_LINE, MIN_BRANCH),
on report files the script writes. And `make fuzz`, which CI's fuzz job
runs, loops over every fuzz/*_fuzzer.cpp target.

Usage: check_dogfood.py [--root DIR]
"""

import argparse
import glob
import os
import re
import sys

from common import REPO_ROOT, Findings, load_yaml

# Script default -> (action, input).
THRESHOLDS = {"MIN_PASS_RATE": ("junit-gate", "min-pass-rate"), "MIN_LINE": ("coverage-gate", "min-line"),
              "MIN_BRANCH": ("coverage-gate", "min-branch")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=REPO_ROOT)
    options = parser.parse_args()
    findings = Findings("check_dogfood")
    with open(os.path.join(options.root, "scripts", "dogfood.sh"), encoding="utf-8") as handle:
        script = handle.read()
    defaults = dict(re.findall(r"^([A-Z_]+)=\$\{[A-Z_]+:-([0-9.]+)\}$", script, re.M))
    written = set(re.findall(r'\$out/([a-z-]+\.(?:xml|json|svg))', script))

    job = (load_yaml(os.path.join(options.root, ".github", "workflows", "ci.yml")).get("jobs") or {}).get("dogfood")
    if not isinstance(job, dict):
        findings.add("ci.yml has no job 'dogfood'")
        return findings.report("")
    steps = job.get("steps") or []
    if not any("scripts/dogfood.sh" in str(step.get("run", "")) for step in steps):
        findings.add("ci.yml job 'dogfood' does not run scripts/dogfood.sh")
    gates = {str(step.get("uses", "")).removeprefix("./actions/"): step.get("with") or {} for step in steps
             if str(step.get("uses", "")).startswith("./actions/")}
    for variable, (tool, name) in THRESHOLDS.items():
        if variable not in defaults:
            findings.add(f"scripts/dogfood.sh has no default {variable}=${{{variable}:-N}}")
        elif tool not in gates:
            findings.add(f"ci.yml job 'dogfood' does not use ./actions/{tool}")
        elif str(gates[tool].get(name)) != defaults[variable]:
            findings.add(f"ci.yml job 'dogfood': {tool} {name} is {gates[tool].get(name)}, "
                         f"scripts/dogfood.sh uses {variable}={defaults[variable]}")
    for tool, given in gates.items():
        for line in str(given.get("reports", "")).split():
            if not line.startswith("build-dogfood/dogfood/") or os.path.basename(line) not in written:
                findings.add(f"ci.yml job 'dogfood': {tool} reads {line}, which scripts/dogfood.sh does not write")

    with open(os.path.join(options.root, "Makefile"), encoding="utf-8") as handle:
        loop = re.search(r"^fuzz:.*?for target in ([^;]*);", handle.read(), re.M | re.S)
    fuzzed = set(loop.group(1).split()) if loop else set()
    targets = sorted(os.path.basename(path)[:-len("_fuzzer.cpp")]
                     for path in glob.glob(os.path.join(options.root, "fuzz", "*_fuzzer.cpp")))
    for target in targets:
        if target not in fuzzed:
            findings.add(f"fuzz/{target}_fuzzer.cpp is not in the Makefile's fuzz loop (make fuzz, CI's fuzz job)")
    return findings.report(", ".join(f"{variable}={defaults.get(variable)}" for variable in THRESHOLDS)
                           + f" in CI and in make dogfood; make fuzz runs {', '.join(targets)}")


if __name__ == "__main__":
    sys.exit(main())
