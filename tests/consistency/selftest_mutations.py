#!/usr/bin/python3
"""Each consistency check can fail: each mutation of a fresh copy of the
repository must make its check exit 1 with the expected message, one the
check does not print for the unmutated copy. A check that stopped seeing its
kind of drift fails here.

Usage: selftest_mutations.py --bin-dir DIR [--pending-tool NAME]... [--examples]
--examples: also mutate the example configs (needs health-check and flag-validate built).
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

from common import REPO_ROOT, Findings

HERE = os.path.dirname(os.path.abspath(__file__))
COPIED = ("actions", "docker", "Dockerfile", "docs", ".github", "examples/workflows", "examples/flags",
          "scripts/dogfood.sh", "Makefile")


def edit_yaml(path, change):
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    change(data)
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(data, handle, sort_keys=False)


def edit_text(path, old, new):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if old not in text:
        raise AssertionError(f"mutation did not apply: '{old}' not in {path}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new))


def step_with_id(workflow, job, step_id):
    return next(step for step in workflow["jobs"][job]["steps"] if step.get("id") == step_id)


def drop_last_input(action):
    name = list(action["inputs"])[-1]
    del action["inputs"][name]
    action["runs"]["args"] = [arg for arg in action["runs"]["args"] if not arg.startswith(f"--{name}=")]


def add_input(action):
    action["inputs"]["bogus"] = {"description": "not an option of the tool", "required": False}
    action["runs"]["args"].append("--bogus=${{ inputs.bogus }}")


def drop_output_description(action):
    action["outputs"][next(iter(action["outputs"]))] = {"description": " "}


def add_unknown_input(workflow):
    step_with_id(workflow, "gate", "junit")["with"]["min-passrate"] = 95


def drop_required_input(workflow):
    del step_with_id(workflow, "gate", "junit")["with"]["reports"]


def read_undeclared_output(workflow):
    workflow["jobs"]["gate"]["steps"].append({"run": "echo ${{ steps.junit.outputs.passrate }}"})


def read_later_step(workflow):
    workflow["jobs"]["gate"]["steps"].insert(1, {"run": "echo ${{ steps.coverage.outputs.gate }}"})


def read_undeclared_job_output(workflow):
    workflow["jobs"]["ci-gate"]["steps"][0]["env"]["X"] = "${{ needs.gate.outputs.pass_rate_typo }}"


def read_job_not_needed(workflow):
    workflow["jobs"]["ci-gate"]["steps"][0]["env"]["X"] = "${{ needs.critical-tests.result }}"
    workflow["jobs"]["ci-gate"]["needs"].remove("critical-tests")


def drop_on(workflow):
    workflow.pop(True, None)
    workflow.pop("on", None)


def unpin_checkout(workflow):
    workflow["jobs"]["gate"]["steps"][0]["uses"] = "actions/checkout@main"


def checkout_after_local_action(workflow):
    steps = workflow["jobs"]["gate"]["steps"]
    steps.append(steps.pop(0))


def build_amd64_only(workflow):
    step = next(s for s in workflow["jobs"]["image"]["steps"] if str(s.get("uses", "")).startswith("docker/build-push"))
    step["with"]["platforms"] = "linux/amd64"


def drop_packages_write(workflow):
    workflow["jobs"]["image"]["permissions"] = {"contents": "read"}


def drop_major_tag(workflow):
    step = next(s for s in workflow["jobs"]["image"]["steps"] if str(s.get("uses", "")).startswith("docker/metadata"))
    step["with"]["tags"] = step["with"]["tags"].replace("type=semver,pattern={{major}}\n", "")


def unpin_release_action(workflow):
    step = next(s for s in workflow["jobs"]["image"]["steps"] if str(s.get("uses", "")).startswith("docker/setup-qemu"))
    step["uses"] = "docker/setup-qemu-action@master"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--pending-tool", action="append", default=[])
    parser.add_argument("--examples", action="store_true")
    options = parser.parse_args()
    bins = lambda *tools: [f"--tool={tool}={os.path.join(options.bin_dir, tool)}" for tool in tools]
    pending = [f"--pending-tool={tool}" for tool in options.pending_tool]
    checks = {
        "actions": ["check_actions.py", "--bin-dir", options.bin_dir],
        "workflows": ["check_workflows.py", *pending],
        "docs": ["check_docs.py", *bins("junit-gate", "coverage-gate", "manifest-gen")],
        "release": ["check_release.py"],
        "dogfood": ["check_dogfood.py"],
    }
    if options.examples:
        checks["docs"] = ["check_docs.py", *bins("junit-gate", "coverage-gate", "manifest-gen", "health-check",
                                                  "flag-validate")]
        checks["examples"] = ["check_example_configs.py", *bins("health-check", "flag-validate")]
    ci, release = "examples/workflows/ci.yml", ".github/workflows/release.yml"
    jg, cg = "actions/junit-gate/action.yml", "actions/coverage-gate/action.yml"
    mutations = [
        ("actions", "tool option without input", lambda r: edit_yaml(r(jg), drop_last_input), "differ"),
        ("actions", "input without tool option", lambda r: edit_yaml(r(jg), add_input), "only in action ['bogus']"),
        ("actions", "no branding", lambda r: edit_yaml(r(cg), lambda a: a.pop("branding")), "branding"),
        ("actions", "output undescribed", lambda r: edit_yaml(r(cg), drop_output_description), "no description"),
        ("actions", "invalid YAML", lambda r: edit_text(r(cg), "inputs:", "inputs: [\n"), "not valid YAML"),
        ("workflows", "unknown input", lambda r: edit_yaml(r(ci), add_unknown_input), "'min-passrate' is not an input"),
        ("workflows", "required input missing", lambda r: edit_yaml(r(ci), drop_required_input),
         "required input 'reports'"),
        ("workflows", "undeclared output", lambda r: edit_yaml(r(ci), read_undeclared_output),
         "junit-gate has no output 'passrate'"),
        ("workflows", "output of a later step", lambda r: edit_yaml(r(ci), read_later_step),
         "steps.coverage is not an earlier step"),
        ("workflows", "undeclared job output", lambda r: edit_yaml(r(ci), read_undeclared_job_output),
         "declares no such output"),
        ("workflows", "job not in needs", lambda r: edit_yaml(r(ci), read_job_not_needed), "not in this job's needs"),
        ("workflows", "no on:", lambda r: edit_yaml(r(ci), drop_on), "no `on:`"),
        ("workflows", "unpinned action", lambda r: edit_yaml(r(ci), unpin_checkout), "not pinned"),
        ("workflows", "local action before checkout", lambda r: edit_yaml(r(ci), checkout_after_local_action),
         "before actions/checkout"),
        ("docs", "option undocumented", lambda r: edit_text(r("docs/junit-gate.md"), "--min-pass-rate", "--min-rate"),
         "does not mention --min-pass-rate"),
        ("docs", "output undocumented", lambda r: edit_text(r("docs/coverage-gate.md"), "diff_rate", "diffrate"),
         "output 'diff_rate'"),
        ("release", "amd64 only", lambda r: edit_yaml(r(release), build_amd64_only), "linux/arm64"),
        ("release", "no packages: write", lambda r: edit_yaml(r(release), drop_packages_write), "packages: write"),
        ("release", "no {{major}} tag", lambda r: edit_yaml(r(release), drop_major_tag), "pattern={{major}}"),
        ("release", "unpinned docker action", lambda r: edit_yaml(r(release), unpin_release_action),
         "not pinned to a major tag"),
        ("dogfood", "CI threshold differs from make dogfood",
         lambda r: edit_text(r(".github/workflows/ci.yml"), "min-line: 90", "min-line: 85"), "MIN_LINE=90"),
        ("dogfood", "fuzz target left out of make fuzz",
         lambda r: open(r("fuzz/new_format_fuzzer.cpp"), "w").close(), "new_format_fuzzer.cpp is not in"),
    ]

    if options.examples:
        staging, flags = "examples/workflows/staging-deploy.yml", "examples/workflows/feature-flags.json"
        mutations += [
            ("examples", "health config needs an env var the step lacks",
             lambda r: edit_text(r(staging), "          MONITORING_HOST: monitoring.staging.internal.example.com\n", ""),
             "environment variable MONITORING_HOST is not set"),
            ("docs", "subcommand option undocumented",
             lambda r: edit_text(r("docs/flag-validate.md"), "--fail-on-change", "--fail-on-diff"),
             "does not mention --fail-on-change (from 'flag-validate diff --help')"),
            ("examples", "flag file breaks the production policy",
             lambda r: edit_text(r(flags), '"enabled": false,\n      "default_value": false,\n      "rollout_strategy": "all_at_once",\n      "rollout_percentage": 0.0,\n      "description": "Dynamic',
                                 '"enabled": true,\n      "default_value": false,\n      "rollout_strategy": "all_at_once",\n      "rollout_percentage": 0.0,\n      "description": "Dynamic'),
             "aatc_system_enabled"),
        ]

    findings = Findings("selftest_mutations")

    def run(check, root):
        script, *args = checks[check]
        return subprocess.run([sys.executable, os.path.join(HERE, script), "--root", root, *args],
                              capture_output=True, text=True, timeout=120)

    def fresh_copy():
        root = tempfile.mkdtemp(prefix="gatekit-mutant-")
        for item in COPIED:
            source, target = os.path.join(REPO_ROOT, item), os.path.join(root, item)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            (shutil.copytree if os.path.isdir(source) else shutil.copy)(source, target)
        # Only the fuzz targets' names matter (check_dogfood); corpora are large.
        os.makedirs(os.path.join(root, "fuzz"))
        for source in glob.glob(os.path.join(REPO_ROOT, "fuzz", "*_fuzzer.cpp")):
            shutil.copy(source, os.path.join(root, "fuzz"))
        return root

    # The unmutated copy: what each check says today. A mutation must add its
    # expected finding to that, so a check that already fails on the real
    # tree (another engineer's work in progress) still proves it can fail.
    baseline = {}
    root = fresh_copy()
    try:
        for check in checks:
            completed = run(check, root)
            baseline[check] = completed.stderr
            if completed.returncode != 0:
                print(f"selftest_mutations: note: {check} already fails on the unmutated tree:\n{completed.stderr}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for check, what, mutate, expected in mutations:
        root = fresh_copy()
        try:
            mutate(lambda path: os.path.join(root, path))
            completed = run(check, root)
            if expected in baseline[check]:
                findings.add(f"{check} / {what}: {expected!r} is reported without the mutation too")
            elif completed.returncode != 1:
                findings.add(f"{check} / {what}: exit {completed.returncode}, expected 1\n{completed.stdout}{completed.stderr}")
            elif expected not in completed.stderr:
                findings.add(f"{check} / {what}: stderr lacks {expected!r}:\n{completed.stderr}")
            else:
                print(f"selftest_mutations: {check} / {what}: caught")
        except Exception as error:  # a mutation that no longer applies
            findings.add(f"{check} / {what}: {type(error).__name__}: {error}")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return findings.report(f"{len(mutations)} mutations, each caught by its check")


if __name__ == "__main__":
    sys.exit(main())
