"""Shared helpers of the consistency checks (issue #7).

Each check takes --root (the repository, or a mutated copy of it in the
self-test) and exits 0 when consistent, 1 with one line per finding, 2 on
usage errors. The action contract itself is tests/action/run_action.py's
check_contract, imported rather than copied.
"""

import glob
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO_ROOT, "tests", "action"))

import run_action  # noqa: E402  (the action contract harness)

# `uses:` of a gatekit action: the local form of this repository and its
# examples, or the published form <owner>/gatekit/actions/<tool>@<ref>.
LOCAL_ACTION = re.compile(r"^\./actions/([a-z0-9-]+)/?$")
PUBLISHED_ACTION = re.compile(r"^[A-Za-z0-9_.-]+/gatekit/actions/([a-z0-9-]+)@\S+$")

# The option lines of a cxxopts --help, as run_action.check_contract reads them.
HELP_OPTION = re.compile(r"^  (?:-\w, |    )--([a-z0-9-]+)(.*)$", re.M)
PRINT_ONLY = re.compile(r"\bPrint (this help|the (tool's )?version)")


class Findings:
    """Collects findings; report() prints them and returns the exit code."""

    def __init__(self, check):
        self.check = check
        self.items = []

    def add(self, message):
        self.items.append(message)

    def report(self, ok_message):
        for item in self.items:
            print(f"{self.check}: FAIL: {item}", file=sys.stderr)
        if self.items:
            print(f"{self.check}: {len(self.items)} finding(s)", file=sys.stderr)
            return 1
        print(f"{self.check}: OK: {ok_message}")
        return 0


def load_yaml(path):
    """The parsed YAML file; raises yaml.YAMLError or OSError."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def action_files(root):
    return sorted(glob.glob(os.path.join(root, "actions", "*", "action.yml")))


def workflow_files(root):
    files = []
    for folder in (os.path.join(root, ".github", "workflows"), os.path.join(root, "examples", "workflows")):
        files += glob.glob(os.path.join(folder, "*.yml")) + glob.glob(os.path.join(folder, "*.yaml"))
    return sorted(files)


def gatekit_tool(uses):
    """The tool a `uses:` value names if it is a gatekit action, else None."""
    match = LOCAL_ACTION.match(uses) or PUBLISHED_ACTION.match(uses)
    return match.group(1) if match else None


def help_options(help_text):
    """The options a tool's --help lists, without the print-only ones (help, version)."""
    return {name for name, rest in HELP_OPTION.findall(help_text) if not PRINT_ONLY.search(rest)}


def workflow_triggers(workflow):
    """The `on:` mapping; PyYAML (YAML 1.1) reads a bare `on` key as True."""
    if "on" in workflow:
        return workflow["on"]
    return workflow.get(True)


def parse_tool_args(values):
    """--tool NAME=PATH arguments as a dict."""
    tools = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not name or not path:
            print(f"expected --tool NAME=PATH, got '{value}'", file=sys.stderr)
            sys.exit(2)
        tools[name] = path
    return tools
