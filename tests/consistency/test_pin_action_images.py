#!/usr/bin/python3
""".github/scripts/pin-action-images.py on a copy of actions/.

After pinning v1.2.3 for the owner Some-Org: every action.yml's runs.image is
docker://ghcr.io/some-org/gatekit:1.2.3, nothing but that line changed, the
action contract still holds (run_action.check_contract), and a second run
changes nothing. Bad versions and owners exit 2 and leave the files alone.

Usage: test_pin_action_images.py [--root DIR] --bin-dir DIR
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from common import REPO_ROOT, Findings, action_files, load_yaml, run_action


def snapshot(folder):
    return {path: open(path, encoding="utf-8").read() for path in action_files(folder)}


def run_pin(root, actions_dir, *args):
    return subprocess.run([sys.executable, os.path.join(root, ".github", "scripts", "pin-action-images.py"),
                           "--actions-dir", os.path.join(actions_dir, "actions"), *args],
                          capture_output=True, text=True, timeout=60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=REPO_ROOT)
    parser.add_argument("--bin-dir", required=True)
    options = parser.parse_args()
    findings = Findings("test_pin_action_images")
    work = tempfile.mkdtemp(prefix="gatekit-pin-")
    try:
        shutil.copytree(os.path.join(options.root, "actions"), os.path.join(work, "actions"))
        before = snapshot(work)
        if not before:
            findings.add("no actions to pin")

        for bad in (["--version", "1.2", "--owner", "o"], ["--version", "v1.2.3+build.5", "--owner", "o"],
                    ["--version", "latest", "--owner", "o"], ["--version", "1.2.3", "--owner", "a/b"],
                    ["--version", "1.2.3", "--owner", "o", "--registry", "GHCR.io/x"]):
            completed = run_pin(options.root, work, *bad)
            if completed.returncode != 2:
                findings.add(f"{' '.join(bad)}: exit {completed.returncode}, expected 2")
            if snapshot(work) != before:
                findings.add(f"{' '.join(bad)}: files changed although the input was refused")

        completed = run_pin(options.root, work, "--version", "v1.2.3", "--owner", "Some-Org")
        if completed.returncode != 0:
            findings.add(f"pinning v1.2.3 exited {completed.returncode}: {completed.stderr.strip()}")
        image = "docker://ghcr.io/some-org/gatekit:1.2.3"
        after = snapshot(work)
        for path, text in after.items():
            name = os.path.relpath(path, work)
            old_lines, new_lines = before[path].split("\n"), text.split("\n")
            changed = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
            if len(old_lines) != len(new_lines) or len(changed) != 1 or "image:" not in changed[0][1]:
                findings.add(f"{name}: expected exactly the image line to change, got {changed}")
            action = load_yaml(path)
            if action["runs"]["image"] != image:
                findings.add(f"{name}: runs.image is {action['runs']['image']!r}, expected {image!r}")
            try:
                run_action.check_contract(action, path, os.path.join(options.bin_dir, action["runs"]["args"][0]))
            except SystemExit:
                findings.add(f"{name}: the pinned action breaks the contract (message above)")
            except FileNotFoundError:
                pass  # tool not built yet: metadata checked, options are check_actions.py's job

        completed = run_pin(options.root, work, "--version", "1.2.3", "--owner", "some-org")
        if completed.returncode != 0 or snapshot(work) != after:
            findings.add("pinning the same version again is not a no-op")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return findings.report(f"{len(before)} action(s) pinned to ghcr.io/some-org/gatekit:1.2.3 and only that")


if __name__ == "__main__":
    sys.exit(main())
