#!/usr/bin/env python3
"""Points every actions/*/action.yml at the prebuilt release image.

The release workflow runs this on the tagged commit after pushing the image,
so `uses: <owner>/gatekit/actions/<tool>@v1` pulls
docker://ghcr.io/<owner>/gatekit:<version> instead of building the Dockerfile.
Only the `image:` line under `runs:` changes; comments and layout stay. The
result is re-read as YAML to make sure nothing else moved.

Usage: pin-action-images.py --version 1.2.3 --owner OWNER [--registry ghcr.io] [--actions-dir actions]
Exit status: 0 rewritten (or already pinned), 2 usage or input error.
"""

import argparse
import glob
import os
import re
import sys

import yaml

# semver.org's regular expression, without a leading "v".
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")
# A GitHub user or organisation name.
OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
REGISTRY = re.compile(r"^[a-z0-9.-]+(?::\d+)?$")
RUNS = re.compile(r"^runs:\s*(#.*)?$")
IMAGE = re.compile(r"^(\s+image:\s*)(\S+)(\s*(?:#.*)?)$")


def die(message):
    print(f"pin-action-images: {message}", file=sys.stderr)
    sys.exit(2)


def pin(text, image, path):
    """The action.yml text with runs.image set to `image`."""
    lines = text.split("\n")
    in_runs = False
    hits = []
    for number, line in enumerate(lines):
        if RUNS.match(line):
            in_runs = True
        elif line and not line[0].isspace() and not line.startswith("#"):
            in_runs = False
        elif in_runs and IMAGE.match(line):
            hits.append(number)
    if len(hits) != 1:
        die(f"{path}: expected one `image:` line under `runs:`, found {len(hits)}")
    match = IMAGE.match(lines[hits[0]])
    lines[hits[0]] = match.group(1) + image + match.group(3)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--version", required=True, help="SemVer of the release, with or without a leading v")
    parser.add_argument("--owner", required=True, help="the GitHub owner; GHCR names are lowercase")
    parser.add_argument("--registry", default="ghcr.io")
    parser.add_argument("--actions-dir", default="actions")
    options = parser.parse_args()

    version = options.version[1:] if options.version.startswith("v") else options.version
    if not SEMVER.match(version):
        die(f"--version: '{options.version}' is not a SemVer version such as 1.2.3")
    if "+" in version:
        die(f"--version: '{options.version}': build metadata (+...) is not allowed in an image tag")
    if not OWNER.match(options.owner):
        die(f"--owner: '{options.owner}' is not a GitHub user or organisation name")
    if not REGISTRY.match(options.registry):
        die(f"--registry: '{options.registry}' is not a registry host")
    image = f"docker://{options.registry}/{options.owner.lower()}/gatekit:{version}"

    paths = sorted(glob.glob(os.path.join(options.actions_dir, "*", "action.yml")))
    if not paths:
        die(f"no {options.actions_dir}/*/action.yml")
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            before = handle.read()
        after = pin(before, image, path)
        old, new = yaml.safe_load(before), yaml.safe_load(after)
        old["runs"]["image"] = image
        if old != new or new["runs"]["image"] != image:
            die(f"{path}: rewriting the image line changed more than runs.image")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(after)
        print(f"{path}: runs.image = {image}")


if __name__ == "__main__":
    main()
