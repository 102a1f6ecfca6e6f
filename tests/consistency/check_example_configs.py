#!/usr/bin/python3
"""The example workflows' flag and health-check steps work on their own files.

For every step of examples/workflows/*.yml that uses flag-validate or
health-check, the tool runs with the step's `with:` inputs as the action
passes them (`--NAME=VALUE`), from the repository root, a matrix value
expanded into each of its values:
- flag-validate must pass (exit 0): the example flag file satisfies the
  policy section and the workflow env: block it is checked against;
- health-check must read its config (exit 0 or 1, never 2) with the step's
  own `env:` names set (to 127.0.0.1, so nothing leaves the machine): a
  config naming ${VAR} the step does not set fails here. Retries, waits and
  polling are turned off; report files go to a temporary directory.

Usage: check_example_configs.py [--root DIR] --tool NAME=BINARY...
"""

import argparse
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile

from common import REPO_ROOT, Findings, gatekit_tool, load_yaml, parse_tool_args

MATRIX = re.compile(r"\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}")
OUTPUT_INPUTS = {"report-json", "summary-markdown", "prom-file"}
HEALTH_OVERRIDES = ["--retries=0", "--timeout=200ms", "--wait=0s"]


def variants(value, matrix):
    """The values a `with:` value takes over the job's matrix."""
    names = sorted(set(MATRIX.findall(value)))
    if not names:
        return [value]
    results = []
    for combination in itertools.product(*[matrix.get(name, []) for name in names]):
        text = value
        for name, item in zip(names, combination):
            text = re.sub(r"\$\{\{\s*matrix\." + re.escape(name) + r"\s*\}\}", str(item), text)
        results.append(text)
    return results


def main():
    scratch = tempfile.mkdtemp(prefix="gatekit-examples-")
    try:
        return check(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def check(scratch):
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=REPO_ROOT)
    parser.add_argument("--tool", action="append", default=[], required=True)
    options = parser.parse_args()
    binaries = {name: os.path.abspath(path) for name, path in parse_tool_args(options.tool).items()}
    findings = Findings("check_example_configs")
    runs = 0
    folder = os.path.join(options.root, "examples", "workflows")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".yml"):
            continue
        workflow = load_yaml(os.path.join(folder, name))
        for job_id, job in (workflow.get("jobs") or {}).items():
            matrix = ((job.get("strategy") or {}).get("matrix") or {})
            for index, step in enumerate(job.get("steps") or []):
                tool = gatekit_tool(str(step.get("uses", "")))
                if tool not in binaries:
                    continue
                at = f"{name}: job '{job_id}' step {index + 1} ({tool})"
                given = {key: str(value).lower() if isinstance(value, bool) else str(value)
                         for key, value in (step.get("with") or {}).items()}
                if any("${{" in MATRIX.sub("", value) for value in given.values()):
                    print(f"check_example_configs: {at}: inputs use expressions, not run")
                    continue
                keys = sorted(given)
                for values in itertools.product(*[variants(given[key], matrix) for key in keys]):
                    args = [binaries[tool]]
                    for key, value in zip(keys, values):
                        if key in OUTPUT_INPUTS:
                            value = os.path.join(scratch, f"{runs}-{key}")
                        elif tool == "health-check" and key in ("interval", "duration"):
                            continue
                        args.append(f"--{key}={value}")
                    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
                    if tool == "health-check":
                        args += HEALTH_OVERRIDES
                        env.update({key: "127.0.0.1" for key in (step.get("env") or {})})
                    runs += 1
                    completed = subprocess.run(args, cwd=options.root, env=env, capture_output=True, text=True,
                                               timeout=120)
                    allowed = (0,) if tool == "flag-validate" else (0, 1)
                    if completed.returncode not in allowed:
                        findings.add(f"{at}: {' '.join(args[1:])}: exit {completed.returncode}\n"
                                     f"{completed.stderr.strip() or completed.stdout.strip()}")
    if runs == 0:
        findings.add("no flag-validate or health-check step found in examples/workflows/")
    return findings.report(f"{runs} example step run(s) of {', '.join(sorted(binaries))}")


if __name__ == "__main__":
    sys.exit(main())
