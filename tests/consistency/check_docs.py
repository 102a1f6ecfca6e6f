#!/usr/bin/python3
"""docs/<tool>.md mentions every option of the tool's own --help.

The options come from running the built binary, so a new option without
documentation fails here; subcommands the help names as 'TOOL SUB ...'
(flag-validate eval and diff) have their own --help, checked the same way. Each action output (actions/<tool>/action.yml) must
be mentioned too, since workflows read them by name.

Usage: check_docs.py [--root DIR] --tool NAME=BINARY...
"""

import argparse
import os
import re
import subprocess
import sys

from common import REPO_ROOT, Findings, help_options, load_yaml, parse_tool_args


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=REPO_ROOT)
    parser.add_argument("--tool", action="append", default=[], required=True)
    options = parser.parse_args()
    findings = Findings("check_docs")
    counted = 0
    for tool, binary in parse_tool_args(options.tool).items():
        doc_path = os.path.join(options.root, "docs", f"{tool}.md")
        try:
            with open(doc_path, encoding="utf-8") as handle:
                doc = handle.read()
        except OSError:
            findings.add(f"{tool}: no docs/{tool}.md")
            continue
        completed = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=30)
        if completed.returncode != 0:
            findings.add(f"{tool}: '{binary} --help' exited {completed.returncode}")
            continue
        tool_options = {option: f"{tool} --help" for option in help_options(completed.stdout)}
        if not tool_options:
            findings.add(f"{tool}: no options found in its --help (has the help format changed?)")
        for sub in sorted(set(re.findall(rf"'{re.escape(tool)} ([a-z]+) ", completed.stdout))):
            sub_help = subprocess.run([binary, sub, "--help"], capture_output=True, text=True, timeout=30)
            sub_options = help_options(sub_help.stdout)
            if sub_help.returncode != 0 or not sub_options:
                findings.add(f"{tool}: '{tool} {sub} --help' exited {sub_help.returncode} listing no options")
            if not re.search(rf"\b{re.escape(sub)}\b", doc):
                findings.add(f"docs/{tool}.md does not mention the subcommand '{sub}'")
            for option in sub_options:
                tool_options.setdefault(option, f"{tool} {sub} --help")
        for option, source in sorted(tool_options.items()):
            counted += 1
            if not re.search(rf"--{re.escape(option)}(?![a-z0-9-])", doc):
                findings.add(f"docs/{tool}.md does not mention --{option} (from '{source}')")
        action_path = os.path.join(options.root, "actions", tool, "action.yml")
        if os.path.isfile(action_path):
            outputs = (load_yaml(action_path) or {}).get("outputs") or {}
            for output in sorted(outputs):
                counted += 1
                if not re.search(rf"(?<![A-Za-z0-9_-]){re.escape(output)}(?![A-Za-z0-9_-])", doc):
                    findings.add(f"docs/{tool}.md does not mention the action output '{output}'")
    return findings.report(f"{counted} options and outputs documented")


if __name__ == "__main__":
    sys.exit(main())
