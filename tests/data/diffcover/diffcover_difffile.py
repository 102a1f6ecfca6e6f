#!/usr/bin/python3
"""Run Debian's diff-cover 7.4.0 code on a saved diff file.

diff-cover 7.4.0 (Debian 12) has NO --diff-file option (it was added upstream
later).  This shim drives the installed diff_cover modules unchanged and only
replaces the three `git diff` calls GitDiffReporter makes:

    committed -> the text of --diff-file
    staged    -> ""          (so the JSON "diff_name" is identical to a
    unstaged  -> ""           clean-worktree `--compare-branch BRANCH` run)

GitPathTool (git root / cwd, used to map diff paths onto coverage paths) is set
from --root (default: the current directory) and the process cwd, without
running git.  With a clean worktree and cwd == repo root this reproduces
`diff-cover COV --compare-branch BRANCH --json-report OUT` byte for byte
(modulo the key order of "src_stats", which diff-cover builds from a set).

usage: diffcover_difffile.py COV [COV...] --diff-file F [--json-report OUT]
                             [--root DIR] [--compare-branch main] [-q]
"""
import argparse
import io
import os
import sys
import xml.etree.ElementTree as etree

sys.path.insert(0, "/usr/lib/python3/dist-packages")

from diff_cover.diff_reporter import GitDiffReporter  # noqa: E402
from diff_cover.git_path import GitPathTool  # noqa: E402
from diff_cover.report_generator import (  # noqa: E402
    JsonReportGenerator,
    StringReportGenerator,
)
from diff_cover.violationsreporters.violations_reporter import (  # noqa: E402
    LcovCoverageReporter,
    XmlCoverageReporter,
)


class FileDiffTool:
    range_notation = "..."

    def __init__(self, text):
        self.text = text

    def diff_committed(self, compare_branch="origin/main"):
        return self.text

    def diff_staged(self):
        return ""

    def diff_unstaged(self):
        return ""

    def untracked(self):
        return []


def main():
    p = argparse.ArgumentParser()
    p.add_argument("coverage_file", nargs="+")
    p.add_argument("--diff-file", required=True)
    p.add_argument("--json-report")
    p.add_argument("--root", default=None)
    p.add_argument("--compare-branch", default="main")
    p.add_argument("-q", "--quiet", action="store_true")
    a = p.parse_args()

    # diff-cover reads git output decoded with the filesystem encoding,
    # errors="replace" (command_runner.py:_ensure_unicode)
    with open(a.diff_file, "rb") as f:
        text = f.read().decode(sys.getfilesystemencoding(), "replace")

    GitPathTool._cwd = os.getcwd()
    GitPathTool._root = os.path.abspath(a.root) if a.root else os.getcwd()

    diff = GitDiffReporter(a.compare_branch, git_diff=FileDiffTool(text))
    xml = [etree.parse(c) for c in a.coverage_file if c.endswith(".xml")]
    lcov = [LcovCoverageReporter.parse(c) for c in a.coverage_file if not c.endswith(".xml")]
    if xml and lcov:
        raise ValueError("Mixing LCov and XML reports is not supported yet")
    cov = XmlCoverageReporter(xml, None) if xml else LcovCoverageReporter(lcov, None)

    if a.json_report:
        with open(a.json_report, "wb") as out:
            JsonReportGenerator(cov, diff).generate_report(out)
    rep = StringReportGenerator(cov, diff, False)
    rep.generate_report(io.BytesIO() if a.quiet else sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
