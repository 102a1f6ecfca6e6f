#!/usr/bin/python3
"""The release workflow, checked as far as a machine without a Docker engine can.

.github/workflows/release.yml must: run on `v*` tags; set up QEMU and Buildx;
log in to ghcr.io; name the image ghcr.io/<owner>/gatekit with the SemVer tags
{{version}}, {{major}}.{{minor}} and {{major}} (docker/metadata-action); build
the Dockerfile for linux/amd64 and linux/arm64 and push it from a job with
`packages: write`; run .github/scripts/pin-action-images.py (which must exist)
in a job with `contents: write`; and pin every action to a major tag. The
general workflow rules (inputs, outputs, needs) are check_workflows.py's.

Usage: check_release.py [--root DIR]
"""

import argparse
import os
import re
import sys

from common import REPO_ROOT, Findings, load_yaml, workflow_triggers

REQUIRED_ACTIONS = ("docker/setup-qemu-action", "docker/setup-buildx-action", "docker/login-action",
                    "docker/metadata-action", "docker/build-push-action", "actions/checkout")
SEMVER_PATTERNS = ("{{version}}", "{{major}}.{{minor}}", "{{major}}")
PIN_SCRIPT = ".github/scripts/pin-action-images.py"


def permissions_of(workflow, job):
    """The job's permissions, else the workflow's (GitHub does not merge them)."""
    permissions = job.get("permissions", workflow.get("permissions")) or {}
    if permissions == "write-all":
        return {"contents": "write", "packages": "write"}
    return permissions if isinstance(permissions, dict) else {}


def steps_using(workflow, action):
    """(job id, job, step) for every step that uses `action`@something."""
    for job_id, job in (workflow.get("jobs") or {}).items():
        for step in (job or {}).get("steps") or []:
            if isinstance(step, dict) and str(step.get("uses", "")).split("@")[0] == action:
                yield job_id, job, step


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=REPO_ROOT)
    options = parser.parse_args()
    findings = Findings("check_release")
    path = os.path.join(options.root, ".github", "workflows", "release.yml")
    try:
        workflow = load_yaml(path)
    except Exception as error:
        findings.add(f"{path}: unreadable or not valid YAML: {error}")
        return findings.report("")
    if not isinstance(workflow, dict):
        findings.add(f"{path}: not a YAML mapping")
        return findings.report("")

    triggers = workflow_triggers(workflow) or {}
    tags = ((triggers.get("push") or {}) if isinstance(triggers, dict) else {}).get("tags") or []
    if "v*" not in tags:
        findings.add("release.yml: `on: push: tags:` must include 'v*'")
    if not isinstance(triggers, dict) or set(triggers) - {"push", "workflow_dispatch"}:
        findings.add("release.yml: only tag pushes (and workflow_dispatch) may start a release")

    for action in REQUIRED_ACTIONS:
        uses = [step["uses"] for _, _, step in steps_using(workflow, action)]
        if not uses:
            findings.add(f"release.yml: no step uses {action}")
        for value in uses:
            if not re.fullmatch(r"[^@]+@v\d+", value):
                findings.add(f"release.yml: '{value}' is not pinned to a major tag (@vN)")

    for _, _, step in steps_using(workflow, "docker/login-action"):
        if (step.get("with") or {}).get("registry") != "ghcr.io":
            findings.add("release.yml: docker/login-action must log in to ghcr.io")

    for _, _, step in steps_using(workflow, "docker/metadata-action"):
        given = step.get("with") or {}
        images = str(given.get("images", ""))
        if "ghcr.io/" not in images and "steps." not in images:
            findings.add(f"release.yml: metadata-action images '{images}' is not on ghcr.io")
        tag_lines = [line.strip() for line in str(given.get("tags", "")).splitlines()]
        for pattern in SEMVER_PATTERNS:
            if f"type=semver,pattern={pattern}" not in tag_lines:
                findings.add(f"release.yml: metadata-action lacks the tag type=semver,pattern={pattern}")
    names = "\n".join(str(step.get("run", "")) for job in (workflow.get("jobs") or {}).values()
                      for step in (job or {}).get("steps") or [] if isinstance(step, dict))
    if "ghcr.io/" not in names + str(workflow) or "/gatekit" not in names + str(workflow):
        findings.add("release.yml: the image is not named ghcr.io/<owner>/gatekit")

    pushes = list(steps_using(workflow, "docker/build-push-action"))
    for job_id, job, step in pushes:
        given = step.get("with") or {}
        platforms = {p.strip() for p in re.split(r"[,\n]", str(given.get("platforms", ""))) if p.strip()}
        for platform in ("linux/amd64", "linux/arm64"):
            if platform not in platforms:
                findings.add(f"release.yml: build-push-action does not build {platform}")
        if given.get("push") is not True and str(given.get("push")).lower() != "true":
            findings.add("release.yml: build-push-action does not push")
        if "steps.meta.outputs.tags" not in str(given.get("tags", "")):
            findings.add("release.yml: build-push-action does not use the metadata-action's tags")
        if given.get("file", "Dockerfile") != "Dockerfile" or str(given.get("context", ".")) != ".":
            findings.add("release.yml: build-push-action must build ./Dockerfile from the repository root")
        if permissions_of(workflow, job).get("packages") != "write":
            findings.add(f"release.yml: job '{job_id}' pushes the image without `permissions: packages: write`")

    pin_jobs = [(job_id, job) for job_id, job in (workflow.get("jobs") or {}).items()
                if any(PIN_SCRIPT in str(step.get("run", "")) for step in (job or {}).get("steps") or [])]
    if not pin_jobs:
        findings.add(f"release.yml: no step runs {PIN_SCRIPT}")
    for job_id, job in pin_jobs:
        if permissions_of(workflow, job).get("contents") != "write":
            findings.add(f"release.yml: job '{job_id}' moves tags without `permissions: contents: write`")
        needs = job.get("needs") or []
        needs = [needs] if isinstance(needs, str) else needs
        if not any(push_job in needs for push_job, _, _ in pushes):
            findings.add(f"release.yml: job '{job_id}' must need the job that pushes the image")
    if not os.path.isfile(os.path.join(options.root, PIN_SCRIPT)):
        findings.add(f"{PIN_SCRIPT} is missing")
    if (workflow.get("permissions") or {}) not in ({"contents": "read"}, {}):
        findings.add("release.yml: the workflow-wide permissions must stay read-only (grant per job)")
    return findings.report("tags v*, QEMU + Buildx, linux/amd64 + linux/arm64 to ghcr.io, SemVer tags, "
                           "pinned actions, per-job write permissions")


if __name__ == "__main__":
    sys.exit(main())
