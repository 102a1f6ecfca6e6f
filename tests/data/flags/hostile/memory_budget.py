"""Runs flag-validate on small hostile files under a 200 MB address-space limit.

Usage: memory_budget.py FLAG_VALIDATE

Before values linked to their parent's path, each value copied its whole
JSON Pointer: a 129 KB file with a 100 KB key over 3000 members took 1.5 GB,
and 600 KB of numbers under three 1000-byte keys took over 400 MB. The files
are written here rather than kept as fixtures so the fuzz replay stays fast.
"""

import resource
import subprocess
import sys
import tempfile
from pathlib import Path

LIMIT = 200 * 1024 * 1024


def limit():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def run(binary, path):
    return subprocess.run([binary, "--at", "2025-10-21T12:00:00Z", str(path)],
                          capture_output=True, text=True, preexec_fn=limit)


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        long_key = Path(tmp) / "long_key.json"
        members = ",".join(f'"m{i}":1' for i in range(3000))
        long_key.write_text('{"flags": {"' + "k" * 102400 + '": {' + members + "}}}")
        deep = Path(tmp) / "deep.json"
        key = "j" * 1000
        numbers = ",".join(["0"] * 300000)
        deep.write_text('{"flags": {"a": {"enabled": true}}, "' + key + '": {"' + key +
                        '": {"' + key + '": [' + numbers + "]}}}")

        refused = run(binary, long_key)
        if refused.returncode != 2 or "keys longer than 1 KiB are refused" not in refused.stderr:
            print(f"long key: exit {refused.returncode}, stderr {refused.stderr[:300]!r}")
            return 1
        accepted = run(binary, deep)
        if accepted.returncode != 0:
            print(f"deep paths: exit {accepted.returncode}, stderr {accepted.stderr[:300]!r}")
            return 1
    print("within the memory budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
