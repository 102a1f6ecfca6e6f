#!/usr/bin/python3
"""The workflows in .github/workflows/ and examples/workflows/ use the actions right.

For every workflow file:
- valid YAML with `on` and `jobs`; every job has runs-on (or calls a reusable
  workflow) and steps that each `run` or `uses` something; `needs` names jobs;
- every action from elsewhere is pinned to a major tag (@v4) or a commit SHA;
- a step using a gatekit action (`./actions/<tool>` or
  `<owner>/gatekit/actions/<tool>@<ref>`) passes only inputs the action
  declares and every required input without a default; a local one comes
  after actions/checkout in its job;
- every `steps.<id>.outputs.<name>` (also .outcome, .conclusion) names an
  earlier step of the same job, and when that step is a gatekit action, an
  output it declares;
- every `needs.<job>.outputs.<name>` (also .result) names a job in `needs`,
  and an output that job declares.

Usage: check_workflows.py [--root DIR] [--pending-tool NAME]... [FILE...]   (default: all workflows)
A pending tool (one whose CMake target does not exist yet) may lack its
action.yml: its steps are then noted on stdout instead of checked.
"""

import argparse
import os
import re
import sys

from common import REPO_ROOT, Findings, gatekit_tool, load_yaml, workflow_files, workflow_triggers

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
STEP_REF = re.compile(r"\bsteps\.([A-Za-z_][A-Za-z0-9_-]*)\.(outputs\.([A-Za-z_][A-Za-z0-9_-]*)|outcome|conclusion)\b")
NEEDS_REF = re.compile(r"\bneeds\.([A-Za-z_][A-Za-z0-9_-]*)\.(outputs\.([A-Za-z_][A-Za-z0-9_-]*)|result)\b")
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@]+)?@(v\d+|[0-9a-f]{40})$")


def expressions(value, whole=False):
    """The expression texts inside a value: `${{ }}` parts, or all of it for `if`."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        return []
    if isinstance(value, str):
        found = EXPRESSION.findall(value)
        return found if found or not whole else [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in expressions(item, whole=(key == "if"))]
    if isinstance(value, list):
        return [text for item in value for text in expressions(item)]
    return []


class WorkflowChecker:
    def __init__(self, root, findings, pending=()):
        self.root = root
        self.findings = findings
        self.pending = set(pending)
        self.noted = set()
        self.actions = {}

    def action(self, tool):
        """The parsed actions/<tool>/action.yml, or None if there is none."""
        if tool not in self.actions:
            path = os.path.join(self.root, "actions", tool, "action.yml")
            try:
                self.actions[tool] = load_yaml(path)
            except (OSError, Exception):
                self.actions[tool] = None
        return self.actions[tool]

    def check_file(self, path):
        where = os.path.relpath(path, self.root)
        try:
            workflow = load_yaml(path)
        except Exception as error:
            self.findings.add(f"{where}: not valid YAML: {error}")
            return
        if not isinstance(workflow, dict):
            self.findings.add(f"{where}: not a YAML mapping")
            return
        if not workflow_triggers(workflow):
            self.findings.add(f"{where}: no `on:` triggers")
        jobs = workflow.get("jobs")
        if not isinstance(jobs, dict) or not jobs:
            self.findings.add(f"{where}: no `jobs:`")
            return
        for job_id, job in jobs.items():
            self.check_job(where, job_id, job, jobs)

    def check_job(self, where, job_id, job, jobs):
        at = f"{where}: job '{job_id}'"
        if not isinstance(job, dict):
            self.findings.add(f"{at}: not a mapping")
            return
        needs = job.get("needs", [])
        needs = [needs] if isinstance(needs, str) else list(needs or [])
        for need in needs:
            if need not in jobs:
                self.findings.add(f"{at}: needs unknown job '{need}'")
        if "uses" in job:  # a reusable workflow call has no steps
            self.check_needs_refs(at, expressions(job), needs, jobs)
            return
        if "runs-on" not in job:
            self.findings.add(f"{at}: no runs-on")
        steps = job.get("steps")
        if not isinstance(steps, list) or not steps:
            self.findings.add(f"{at}: no steps")
            return
        earlier = {}  # step id -> tool (None for a step that is not a gatekit action)
        checked_out = False
        job_level = {key: value for key, value in job.items() if key not in ("steps", "outputs")}
        self.check_needs_refs(at, expressions(job_level), needs, jobs)
        for index, step in enumerate(steps):
            step_at = f"{at} step {index + 1}" + (f" ('{step.get('id') or step.get('name')}')"
                                                  if isinstance(step, dict) and (step.get("id") or step.get("name"))
                                                  else "")
            if not isinstance(step, dict) or ("run" in step) == ("uses" in step):
                self.findings.add(f"{step_at}: a step needs exactly one of `run` or `uses`")
                continue
            texts = expressions(step)
            self.check_step_refs(step_at, texts, earlier)
            self.check_needs_refs(step_at, texts, needs, jobs)
            tool = None
            uses = step.get("uses")
            if isinstance(uses, str):
                if uses.startswith("actions/checkout@"):
                    checked_out = True
                tool = gatekit_tool(uses)
                if tool:
                    self.check_gatekit_step(step_at, step, tool, local=uses.startswith("./"),
                                            checked_out=checked_out)
                elif not uses.startswith("./") and not uses.startswith("docker://") and not PINNED.match(uses):
                    self.findings.add(f"{step_at}: '{uses}' is not pinned to a major tag (@v4) or a commit SHA")
            if step.get("id"):
                earlier[step["id"]] = tool
        # Job outputs may read any step of the job.
        self.check_step_refs(f"{at} outputs", expressions(job.get("outputs", {})), earlier)

    def check_gatekit_step(self, at, step, tool, local, checked_out):
        action = self.action(tool)
        if action is None and tool in self.pending:
            if tool not in self.noted:
                print(f"check_workflows: {tool} is pending (no CMake target yet): its steps are not checked")
                self.noted.add(tool)
            return
        if not isinstance(action, dict):
            self.findings.add(f"{at}: uses gatekit action '{tool}', but actions/{tool}/action.yml is missing or invalid")
            return
        if local and not checked_out:
            self.findings.add(f"{at}: ./actions/{tool} is used before actions/checkout in this job")
        inputs = action.get("inputs") or {}
        given = step.get("with") or {}
        if not isinstance(given, dict):
            self.findings.add(f"{at}: `with:` is not a mapping")
            return
        for name in given:
            if name not in inputs:
                self.findings.add(f"{at}: input '{name}' is not an input of {tool} "
                                  f"(it has: {', '.join(sorted(inputs))})")
        for name, spec in inputs.items():
            if isinstance(spec, dict) and spec.get("required") and "default" not in spec and name not in given:
                self.findings.add(f"{at}: required input '{name}' of {tool} is not passed")

    def check_step_refs(self, at, texts, earlier):
        for text in texts:
            for step_id, what, output in STEP_REF.findall(text):
                if step_id not in earlier:
                    self.findings.add(f"{at}: steps.{step_id} is not an earlier step of this job")
                    continue
                tool = earlier[step_id]
                if output and tool:
                    declared = (self.action(tool) or {}).get("outputs") or {}
                    if output not in declared:
                        self.findings.add(f"{at}: steps.{step_id}.outputs.{output}: {tool} has no output "
                                          f"'{output}' (it has: {', '.join(sorted(declared))})")

    def check_needs_refs(self, at, texts, needs, jobs):
        for text in texts:
            for job_id, what, output in NEEDS_REF.findall(text):
                if job_id not in needs:
                    self.findings.add(f"{at}: needs.{job_id} is not in this job's needs")
                    continue
                if output:
                    declared = (jobs.get(job_id) or {}).get("outputs") or {}
                    if output not in declared:
                        self.findings.add(f"{at}: needs.{job_id}.outputs.{output}: job '{job_id}' declares no "
                                          f"such output")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=REPO_ROOT)
    parser.add_argument("--pending-tool", action="append", default=[])
    parser.add_argument("files", nargs="*")
    options = parser.parse_args()
    findings = Findings("check_workflows")
    files = options.files or workflow_files(options.root)
    if not files:
        findings.add(f"no workflow files under {options.root}")
    checker = WorkflowChecker(options.root, findings, options.pending_tool)
    for path in files:
        checker.check_file(path)
    return findings.report(f"{len(files)} workflow(s): "
                           + ", ".join(os.path.relpath(path, options.root) for path in files))


if __name__ == "__main__":
    sys.exit(main())
