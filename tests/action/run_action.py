#!/usr/bin/python3
"""Runs a gatekit tool exactly as the GitHub runner runs a Docker action.

It reads actions/<tool>/action.yml, checks the action's contract (metadata,
inputs and outputs described, every input passed as `--<input>=${{ inputs.<input> }}`
and every tool option exposed as an input), turns `with:` values into
INPUT_<NAME> variables and the `${{ inputs.* }}` expressions of `args`, points
GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_WORKSPACE at temporary files and
a temporary workspace, runs the image's entrypoint with the args, and checks
the exit code, the outputs (parsed by GitHub's rules) and the summary.

Usage:
  run_action.py ACTION_YML --bin-dir DIR --entrypoint SCRIPT
      [--with NAME=VALUE]... [--copy SRC=DEST]...
      [--expect-exit N] [--expect-output NAME=VALUE]... [--expect-summary TEXT]...
      [--expect-stdout TEXT]... [--expect-file PATH]... [--contract-only]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}")


def fail(message):
    print("run_action: FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def check_contract(action, action_path, tool_path):
    for key in ("name", "description", "branding", "inputs", "outputs", "runs"):
        if key not in action:
            fail(f"{action_path}: missing top-level '{key}'")
    branding = action["branding"]
    if not branding.get("icon") or not branding.get("color"):
        fail(f"{action_path}: branding needs icon and color")
    for kind in ("inputs", "outputs"):
        for name, spec in action[kind].items():
            if not isinstance(spec, dict) or not str(spec.get("description", "")).strip():
                fail(f"{action_path}: {kind[:-1]} '{name}' has no description")
    runs = action["runs"]
    if runs.get("using") != "docker" or not runs.get("image"):
        fail(f"{action_path}: runs must be 'using: docker' with an image")
    image = runs["image"]
    if not image.startswith("docker://"):
        dockerfile = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(action_path)), image))
        if not os.path.isfile(dockerfile):
            fail(f"{action_path}: image {image} does not resolve to a Dockerfile ({dockerfile})")
        with open(dockerfile, encoding="utf-8") as handle:
            if "gatekit-entrypoint" not in handle.read():
                fail(f"{dockerfile}: the image must use docker/entrypoint.sh as its entrypoint")
    args = runs.get("args", [])
    tool = os.path.basename(os.path.dirname(os.path.abspath(action_path)))
    if not args or args[0] != tool:
        fail(f"{action_path}: the first arg must be the tool name '{tool}'")
    passed = []
    for arg in args[1:]:
        match = re.fullmatch(r"--([a-z0-9-]+)=\$\{\{ inputs\.([a-z0-9-]+) \}\}", arg)
        if not match or match.group(1) != match.group(2):
            fail(f"{action_path}: arg '{arg}' is not of the form --NAME=${{{{ inputs.NAME }}}}")
        if match.group(1) not in action["inputs"]:
            fail(f"{action_path}: arg '{arg}' names an undeclared input")
        passed.append(match.group(1))
    unused = set(action["inputs"]) - set(passed)
    if unused:
        fail(f"{action_path}: inputs never passed to the tool: {sorted(unused)}")
    # Every option of the tool is an input, and every input an option.
    help_text = subprocess.run([tool_path, "--help"], capture_output=True, text=True, timeout=30).stdout
    # cxxopts indents option lines by exactly 2 ("  -h, --help") or 6 ("      --name")
    # spaces; wrapped descriptions are indented further.
    # Options that only print (help, the tool's version) are not action inputs.
    options = {name for name, rest in re.findall(r"^  (?:-\w, |    )--([a-z0-9-]+)(.*)$", help_text, re.M)
               if not re.search(r"\bPrint (this help|the (tool's )?version)", rest)}
    if options != set(action["inputs"]):
        fail(f"{action_path}: inputs and '{tool} --help' options differ: "
             f"only in action {sorted(set(action['inputs']) - options)}, only in tool {sorted(options - set(action['inputs']))}")


def parse_github_output(text):
    """Parses a GITHUB_OUTPUT file as the runner does (name=value or name<<DELIM)."""
    outputs = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            while i < len(lines) and lines[i] != delimiter:
                value.append(lines[i])
                i += 1
            if i >= len(lines):
                fail(f"GITHUB_OUTPUT: delimiter '{delimiter}' for '{name}' is never closed")
            i += 1
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        else:
            fail(f"GITHUB_OUTPUT: malformed line '{line}'")
    return outputs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action")
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--entrypoint", required=True)
    parser.add_argument("--with", dest="inputs", action="append", default=[])
    parser.add_argument("--copy", action="append", default=[])
    parser.add_argument("--expect-exit", type=int)
    parser.add_argument("--expect-output", action="append", default=[])
    parser.add_argument("--expect-summary", action="append", default=[])
    parser.add_argument("--expect-stdout", action="append", default=[])
    parser.add_argument("--expect-file", action="append", default=[])
    parser.add_argument("--contract-only", action="store_true")
    options = parser.parse_args()

    with open(options.action, encoding="utf-8") as handle:
        action = yaml.safe_load(handle)
    tool = action["runs"]["args"][0]
    check_contract(action, options.action, os.path.join(options.bin_dir, tool))
    if options.contract_only:
        print(f"run_action: {options.action}: contract OK")
        return

    given = {}
    for item in options.inputs:
        name, _, value = item.partition("=")
        if name not in action["inputs"]:
            fail(f"with: '{name}' is not an input of {options.action}")
        given[name] = value.replace("\\n", "\n")
    for name, spec in action["inputs"].items():
        if spec.get("required") and name not in given and "default" not in spec:
            fail(f"with: required input '{name}' missing")

    workspace = tempfile.mkdtemp(prefix="gatekit-workspace-")
    files = tempfile.mkdtemp(prefix="gatekit-files-")
    try:
        for item in options.copy:
            source, _, dest = item.partition("=")
            target = os.path.join(workspace, dest)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            (shutil.copytree if os.path.isdir(source) else shutil.copy)(source, target)
        output_file = os.path.join(files, "github_output")
        summary_file = os.path.join(files, "step_summary")
        open(output_file, "w").close()
        open(summary_file, "w").close()

        values = {name: given.get(name, str(spec.get("default", ""))) for name, spec in action["inputs"].items()}
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": workspace,
            "GITHUB_ACTIONS": "true",
            "CI": "true",
            "GITHUB_OUTPUT": output_file,
            "GITHUB_STEP_SUMMARY": summary_file,
            "GITHUB_WORKSPACE": workspace,
            "GATEKIT_BIN_DIR": os.path.abspath(options.bin_dir),
        }
        for name, value in values.items():
            env["INPUT_" + name.replace(" ", "_").upper()] = value
        args = [EXPRESSION.sub(lambda m: values[m.group(1)], arg) for arg in action["runs"]["args"]]
        completed = subprocess.run([os.path.abspath(options.entrypoint)] + args, cwd=workspace, env=env,
                                   capture_output=True, text=True, timeout=120)
        sys.stdout.write(completed.stdout)
        sys.stderr.write(completed.stderr)

        if options.expect_exit is not None and completed.returncode != options.expect_exit:
            fail(f"exit code {completed.returncode}, expected {options.expect_exit}")
        with open(output_file, encoding="utf-8") as handle:
            outputs = parse_github_output(handle.read())
        undeclared = set(outputs) - set(action["outputs"])
        if undeclared:
            fail(f"outputs not declared in action.yml: {sorted(undeclared)}")
        if completed.returncode in (0, 1) and set(outputs) != set(action["outputs"]):
            fail(f"declared outputs never written: {sorted(set(action['outputs']) - set(outputs))}")
        for item in options.expect_output:
            name, _, value = item.partition("=")
            if outputs.get(name) != value:
                fail(f"output {name}={outputs.get(name)!r}, expected {value!r}")
        with open(summary_file, encoding="utf-8") as handle:
            summary = handle.read()
        for text in options.expect_summary:
            if text not in summary:
                fail(f"step summary lacks {text!r}")
        for text in options.expect_stdout:
            if text not in completed.stdout:
                fail(f"stdout lacks {text!r}")
        for path in options.expect_file:
            if not os.path.isfile(os.path.join(workspace, path)):
                fail(f"file {path} was not written in the workspace")
        print(f"run_action: OK ({tool}, exit {completed.returncode}, {len(outputs)} outputs)")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
        shutil.rmtree(files, ignore_errors=True)


if __name__ == "__main__":
    main()
