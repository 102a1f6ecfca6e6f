#!/usr/bin/python3
"""Runs one command and checks what a user would see: the exit code, stdout,
stderr and the files it writes (or must not write). One CTest case per call.

Usage:
  check_run.py [--exit N] [--stdout-has S]... [--stdout-lacks S]... [--stderr-has S]...
               [--stderr-lacks S]... [--file-has PATH=S]... [--file-lacks PATH=S]...
               [--no-file PATH]... [--env NAME=VALUE]...
               [--workdir DIR] [--github] -- COMMAND [ARG]...

--github runs the command as inside GitHub Actions: GITHUB_ACTIONS=true and
GITHUB_OUTPUT / GITHUB_STEP_SUMMARY in a fresh directory, available to
--file-has as $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY. '{tmp}' in any argument
is replaced by a fresh temporary directory, removed afterwards.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exit", type=int, default=0)
    parser.add_argument("--stdout-has", action="append", default=[])
    parser.add_argument("--stdout-lacks", action="append", default=[])
    parser.add_argument("--stderr-has", action="append", default=[])
    parser.add_argument("--stderr-lacks", action="append", default=[])
    parser.add_argument("--file-lacks", action="append", default=[])
    parser.add_argument("--file-has", action="append", default=[])
    parser.add_argument("--no-file", action="append", default=[])
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--workdir")
    parser.add_argument("--github", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command

    tmp = tempfile.mkdtemp(prefix="gatekit-e2e-")
    try:
        expand = lambda text: text.replace("{tmp}", tmp)
        env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "INPUT_"))}
        if options.github:
            env.update(GITHUB_ACTIONS="true", GITHUB_OUTPUT=os.path.join(tmp, "github_output"),
                       GITHUB_STEP_SUMMARY=os.path.join(tmp, "step_summary"))
            for name in ("github_output", "step_summary"):
                open(os.path.join(tmp, name), "w").close()
        for item in options.env:
            name, _, value = item.partition("=")
            env[name] = expand(value)
        completed = subprocess.run([expand(arg) for arg in command], capture_output=True, text=True,
                                   env=env, cwd=options.workdir, timeout=120, errors="replace")
        problems = []
        if completed.returncode != options.exit:
            problems.append(f"exit code {completed.returncode}, expected {options.exit}")
        for text in options.stdout_has:
            if expand(text) not in completed.stdout:
                problems.append(f"stdout lacks {text!r}")
        for text in options.stdout_lacks:
            if expand(text) in completed.stdout:
                problems.append(f"stdout contains {text!r}")
        for text in options.stderr_has:
            if expand(text) not in completed.stderr:
                problems.append(f"stderr lacks {text!r}")
        for text in options.stderr_lacks:
            if expand(text) in completed.stderr:
                problems.append(f"stderr contains {text!r}")
        for item in options.file_has + [("!", item) for item in options.file_lacks]:
            wanted = not isinstance(item, tuple)
            item = item if wanted else item[1]
            path, _, text = item.partition("=")
            path = expand(path.replace("$GITHUB_OUTPUT", env.get("GITHUB_OUTPUT", ""))
                          .replace("$GITHUB_STEP_SUMMARY", env.get("GITHUB_STEP_SUMMARY", "")))
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    content = handle.read()
            except OSError as error:
                problems.append(f"cannot read {path}: {error}")
                continue
            if (expand(text) in content) != wanted:
                problems.append(f"{path} {'lacks' if wanted else 'contains'} {text!r}")
        for path in options.no_file:
            if os.path.exists(expand(path)):
                problems.append(f"{expand(path)} exists but must not")
            leftovers = [name for name in os.listdir(os.path.dirname(expand(path)) or ".")
                         if name.startswith("." + os.path.basename(expand(path)) + ".")]
            if leftovers:
                problems.append(f"temporary files left behind: {leftovers}")
        if problems:
            print("$ " + " ".join(command))
            print("--- stdout ---\n" + completed.stdout + "--- stderr ---\n" + completed.stderr)
            for problem in problems:
                print("FAIL: " + problem)
            sys.exit(1)
        print("ok: " + " ".join(command))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
