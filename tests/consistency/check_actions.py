#!/usr/bin/python3
"""Every actions/*/action.yml keeps the action contract.

For each action found (so a new action is covered without touching this
file): valid YAML; run_action.check_contract (name, description, branding,
inputs and outputs described, a docker image built with the gatekit
entrypoint, args `--NAME=${{ inputs.NAME }}` for every input, and the inputs
equal to the options of the tool's --help); and the tool is one the image's
entrypoint accepts.

Usage: check_actions.py [--root DIR] --bin-dir DIR [--require-tool NAME]...
A required tool must have an action and a built binary; for any other action
whose binary is not built yet, only the metadata is checked (said on stdout).
"""

import argparse
import os
import re
import sys

from common import REPO_ROOT, Findings, action_files, load_yaml, run_action


def entrypoint_tools(root):
    """The tools docker/entrypoint.sh dispatches to (its case pattern)."""
    with open(os.path.join(root, "docker", "entrypoint.sh"), encoding="utf-8") as handle:
        text = handle.read()
    match = re.search(r"^\s*([a-z0-9-]+(?:\s*\|\s*[a-z0-9-]+)*)\)\s*;;", text, re.M)
    return set(re.split(r"\s*\|\s*", match.group(1))) if match else set()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=REPO_ROOT)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--require-tool", action="append", default=[])
    options = parser.parse_args()

    findings = Findings("check_actions")
    known_tools = entrypoint_tools(options.root)
    found = []
    for path in action_files(options.root):
        tool = os.path.basename(os.path.dirname(path))
        found.append(tool)
        try:
            action = load_yaml(path)
        except Exception as error:  # yaml.YAMLError, UnicodeDecodeError
            findings.add(f"{path}: not valid YAML: {error}")
            continue
        if not isinstance(action, dict):
            findings.add(f"{path}: not a YAML mapping")
            continue
        if tool not in known_tools:
            findings.add(f"{path}: docker/entrypoint.sh does not dispatch to '{tool}'")
        binary = os.path.join(options.bin_dir, tool)
        try:
            run_action.check_contract(action, path, binary)
        except SystemExit:
            findings.add(f"{path}: action contract broken (run_action's message above)")
        except FileNotFoundError:
            # check_contract runs --help last, after every metadata check passed.
            if tool in options.require_tool:
                findings.add(f"{path}: {binary} is not built, so inputs cannot be checked against options")
            else:
                print(f"check_actions: {tool}: metadata OK; no binary yet, inputs not compared with options")
        except (KeyError, TypeError, AttributeError) as error:
            findings.add(f"{path}: malformed action ({type(error).__name__}: {error})")
    for tool in options.require_tool:
        if tool not in found:
            findings.add(f"{tool} is built but has no actions/{tool}/action.yml")
    if not found:
        findings.add(f"no actions/*/action.yml under {options.root}")
    return findings.report(f"{len(found)} action(s): {', '.join(found)}")


if __name__ == "__main__":
    sys.exit(main())
