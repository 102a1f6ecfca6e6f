#!/usr/bin/python3
"""Regenerate the diff-cover ground-truth cases in this directory.

For every case:
  1. build a scratch git repo in /tmp/dcgt/<case>/repo: commit the base tree on
     `main`, branch `feature`, apply the change, commit (fixed dates/author);
  2. run the tiny test driver under coverage.py 6.5 (Debian python3-coverage):
        /usr/bin/python3 -m coverage run --branch --source=. --omit=run_tests.py run_tests.py
        /usr/bin/python3 -m coverage xml  -o coverage.xml
        /usr/bin/python3 -m coverage lcov -o coverage.lcov
     (some cases then hand-edit the XML/LCOV, see README.md);
  3. changes.diff = exactly the diff diff-cover itself runs for --compare-branch:
        git -c diff.mnemonicprefix=no -c diff.noprefix=no \
            diff --no-color --no-ext-diff -U0 main...HEAD
  4. expected.json / expected.txt = Debian diff-cover 7.4.0, cwd = repo root,
     HEAD = feature, clean worktree:
        diff-cover coverage.xml --compare-branch main --json-report expected.json
     and the same for coverage.lcov -> expected.lcov.json / expected.lcov.txt;
  5. cross-check: diffcover_difffile.py (diff-cover's own code fed the saved
     changes.diff) must give the same JSON and text, both inside the scratch repo
     and from a copy of the case directory with no git repo around (--root .).

Usage: /usr/bin/python3 make_cases.py [CASE...]
"""
import json
import os
import re
import shutil
import subprocess
import sys

os.makedirs("/tmp/dcgt", exist_ok=True)
open("/tmp/dcgt/empty.gitconfig", "w").close()
HERE = os.path.dirname(os.path.abspath(__file__))
SCRATCH = "/tmp/dcgt"
PY = "/usr/bin/python3"
SHIM = os.path.join(HERE, "diffcover_difffile.py")
GIT_DIFF = ["git", "-c", "diff.mnemonicprefix=no", "-c", "diff.noprefix=no",
            "diff", "--no-color", "--no-ext-diff", "-U0", "main...HEAD"]

ENV = dict(os.environ)
ENV.update({
    "GIT_AUTHOR_NAME": "gt", "GIT_AUTHOR_EMAIL": "gt@example.invalid",
    "GIT_COMMITTER_NAME": "gt", "GIT_COMMITTER_EMAIL": "gt@example.invalid",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": "/tmp/dcgt/empty.gitconfig", "GIT_CONFIG_NOSYSTEM": "1",
    "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
})


def sh(cmd, cwd, **kw):
    r = subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if r.returncode:
        sys.exit("%s failed in %s: %s" % (cmd, cwd, r.stderr.decode()))
    return r.stdout


def write(root, rel, text, mode=None):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text if isinstance(text, bytes) else text.encode())
    if mode:
        os.chmod(path, mode)


# --------------------------------------------------------------------------
# base tree shared by most cases
CALC = '''"""Small calculator used by the diff-cover ground truth."""


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    result = 0
    for _ in range(b):
        result = add(result, a)
    return result


def div(a, b):
    if b == 0:
        raise ZeroDivisionError("b is zero")
    return a / b


def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x
'''

HELPERS = '''"""Helpers."""


def greet(name):
    return "hello " + name


def shout(name):
    return greet(name).upper()


def whisper(name):
    return greet(name).lower()
'''

LEGACY = '''"""Legacy module, removed on the feature branch."""


def old():
    return 1
'''

EXTRA = '''"""Renamed without changes."""

VALUE = 42
'''

RUN_TESTS = '''from pkg import calc, helpers

assert calc.add(1, 2) == 3
assert calc.sub(3, 1) == 2
assert calc.mul(2, 3) == 6
assert calc.div(4, 2) == 2
assert calc.clamp(5, 0, 10) == 5
assert helpers.shout("x") == "HELLO X"
'''


def base_tree(r):
    write(r, "pkg/__init__.py", "")
    write(r, "pkg/calc.py", CALC)
    write(r, "pkg/helpers.py", HELPERS)
    write(r, "pkg/legacy.py", LEGACY)
    write(r, "pkg/extra.py", EXTRA)
    write(r, "run_tests.py", RUN_TESTS)


def edit(r, rel, *pairs):
    p = os.path.join(r, rel)
    with open(p) as f:
        s = f.read()
    for old, new in pairs:
        assert old in s, (rel, old)
        s = s.replace(old, new, 1)
    with open(p, "w") as f:
        f.write(s)


# --------------------------------------------------------------------------
# cases: each returns nothing; `feature(r)` mutates the worktree on `feature`

def a_feature(r):
    edit(r, "pkg/calc.py",
         ("    return a + b\n", "    total = a + b\n    return total\n"),  # modified+added, covered
         ('raise ZeroDivisionError("b is zero")', 'raise ZeroDivisionError("division by zero")'),  # uncovered
         ("    return x\n", "    x = int(x)\n    return x\n\n\ndef neg(x):\n    return -x\n"))


def b_feature(r):
    write(r, "pkg/newmod.py", '''"""A brand new module."""


def used(x):
    if x > 0:
        return x * 2
    return 0


def unused(x):
    y = x + 1
    return y
''')
    write(r, "pkg/never_imported.py", '''"""New, never imported: every line hits=0."""

CONST = 1


def f():
    return CONST
''')
    edit(r, "run_tests.py", ("from pkg import calc, helpers\n",
                             "from pkg import calc, helpers, newmod\n\nassert newmod.used(2) == 4\n"))


def c_feature(r):
    sh(["git", "rm", "-q", "pkg/legacy.py"], r)
    sh(["git", "mv", "pkg/helpers.py", "pkg/tools.py"], r)
    sh(["git", "mv", "pkg/extra.py", "pkg/extra_renamed.py"], r)   # 100% rename, no hunk
    edit(r, "pkg/tools.py",
         ('    return "hello " + name\n', '    return "hello, " + name\n'),   # covered
         ("    return greet(name).lower()\n", "    quiet = greet(name)\n    return quiet.lower()\n"))  # uncovered
    edit(r, "run_tests.py", ("from pkg import calc, helpers\n", "from pkg import calc\nfrom pkg import tools as helpers\n"),
         ('"HELLO X"', '"HELLO, X"'))


def d_feature(r):
    edit(r, "pkg/calc.py",
         ('"""Small calculator used by the diff-cover ground truth."""\n',
          '"""Small calculator used by the diff-cover ground truth.\n\nNow with more docs.\n"""\n# a comment\n'),
         ("def sub(a, b):\n", "# subtraction\n\ndef sub(a, b):\n"))
    os.chmod(os.path.join(r, "pkg/helpers.py"), 0o755)          # mode change only
    write(r, "docs/notes.md", "# Notes\n\nsome text\nmore text\n")
    write(r, "config/settings.yaml", "a: 1\nb: 2\n")
    write(r, "scripts/run.sh", "#!/bin/sh\necho hi\n", 0o755)
    write(r, "tools/gen.py", "def gen():\n    return 1\n")       # python, omitted from coverage
    write(r, "assets/logo.png", bytes(range(256)) * 4)          # binary


def e_feature(r):
    edit(r, "pkg/calc.py",
         ("    if x > hi:\n        return hi\n", ""),              # pure deletion (+N,0 hunk)
         ("def sub(a, b):\n    return a - b\n\n\n", ""))
    edit(r, "run_tests.py", ("assert calc.sub(3, 1) == 2\n", ""))


def f_feature(r):
    edit(r, "pkg/calc.py",
         ('"""Small calculator used by the diff-cover ground truth."""\n',
          '"""Small calculator (v2)."""\nimport math\n'),              # hunk 1: modified + added, covered
         ("    result = 0\n", "    result = 0  # accumulator\n"),      # hunk 2: covered
         ('raise ZeroDivisionError("b is zero")', 'raise ZeroDivisionError("zero")'),  # hunk 3: uncovered
         ("        return hi\n", "        return math.floor(hi)\n"))  # hunk 4: uncovered
    edit(r, "pkg/helpers.py",
         ("def greet(name):\n", "def greet(name):\n    name = name.strip()\n"),
         ("    return greet(name).lower()\n", "    return greet(name).casefold()\n"))


def g_feature(r):
    edit(r, "pkg/calc.py",
         ("    if x < lo:\n        return lo\n", "    if lo > x:\n        return lo\n"),   # partial branch, then uncovered
         ("    if b == 0:\n", "    if b == 0 or b is None:\n"),                          # partial branch
         ("    for _ in range(b):\n", "    for _ in range(int(b)):\n"))                  # loop: both branches taken


def h_base(r):
    write(r, "src/app_pkg/__init__.py", "")
    write(r, "src/app_pkg/mod.py", "def f(x):\n    return x + 1\n\n\ndef g(x):\n    return x - 1\n")
    write(r, "src/run_tests.py", "from app_pkg import mod\n\nassert mod.f(1) == 2\n")


def h_feature(r):
    edit(r, "src/app_pkg/mod.py",
         ("    return x + 1\n", "    y = x + 1\n    return y\n"),
         ("    return x - 1\n", "    return x - 2\n"))


def i_feature(r):
    lines = ['def used():']
    lines += ["    v%d = %d" % (k, k) for k in range(27)]
    lines += ["def unused():"]
    lines += ["    w%d = %d" % (k, k) for k in range(21)]
    write(r, "pkg/big.py", "\n".join(lines) + "\n")                 # 50 statements, 29 executed
    edit(r, "run_tests.py", ("from pkg import calc, helpers\n",
                             "from pkg import calc, helpers, big\n\nbig.used()\n"))


def k_base(r):
    base_tree(r)
    write(r, "pkg/noeol.py", "def f():\n    return 1\n\n\ndef g():\n    return 2")   # no final newline


def k_feature(r):
    write(r, "pkg/noeol.py", "def f():\n    return 10\n\n\ndef g():\n    return 20")  # last line changed, still no EOL
    edit(r, "run_tests.py", ("from pkg import calc, helpers\n",
                             "from pkg import calc, helpers, noeol\n\nnoeol.f()\n"))


# hand-edits ---------------------------------------------------------------

def h_post(case_dir, repo):
    """Pretend coverage ran in a container with the tree at /app/src."""
    p = os.path.join(case_dir, "coverage.xml")
    s = open(p).read()
    s = re.sub(r"<source>[^<]*</source>", "<source>/app/src</source>", s)
    open(p, "w").write(s)
    # LCOV from coverage.py is relative to where it ran (src/): SF:app_pkg/mod.py
    # add an absolute-path variant as coverage-abs.lcov
    l = open(os.path.join(case_dir, "coverage.lcov")).read()
    open(os.path.join(case_dir, "coverage-abs.lcov"), "w").write(
        l.replace("SF:", "SF:/app/src/"))


def j_post(case_dir, repo):
    """Cobertura quirks on top of case a's data (see README)."""
    p = os.path.join(case_dir, "coverage.xml")
    s = open(p).read()
    # 1. a second <source> root that does not exist; must be harmless
    s = s.replace("</source>\n", "</source>\n\t\t<source>  /nonexistent/root  </source>\n\t\t<source></source>\n", 1)
    # 2. same file described by two classes: the copy says line 5 (covered in the
    #    real data) has hits=0 and line 31 (a covered line of the new code) hits=0;
    #    the original says hits>0.
    #    Also `./` prefix in filename (normalised) and a <line> inside <methods>
    #    (ignored) and a line without `hits` (counts as hits=0).
    dup = ('\t\t\t\t<class name="calc_dup" filename="./pkg/calc.py" complexity="0" line-rate="0" branch-rate="0">\n'
           '\t\t\t\t\t<methods><method name="x" signature=""><lines><line number="6" hits="0"/></lines></method></methods>\n'
           '\t\t\t\t\t<lines>\n'
           '\t\t\t\t\t\t<line number="5" hits="0"/>\n'
           '\t\t\t\t\t\t<line number="31" hits="0"/>\n'
           '\t\t\t\t\t\t<line number="33"/>\n'
           '\t\t\t\t\t</lines>\n'
           '\t\t\t\t</class>\n')
    # 3. a class whose filename differs only in case: not matched on Linux
    case = ('\t\t\t\t<class name="H" filename="PKG/Helpers.py" complexity="0" line-rate="0" branch-rate="0">\n'
            '\t\t\t\t\t<methods/>\n\t\t\t\t\t<lines><line number="1" hits="0"/></lines>\n\t\t\t\t</class>\n')
    s = s.replace("\t\t\t</classes>", dup + case + "\t\t\t</classes>", 1)
    open(p, "w").write(s)
    # LCOV counterpart: a second record for pkg/calc.py with DA:5,0 and DA:31,0
    # and DA:33,0. LCOV *sums* hits of repeated records, so only lines whose
    # total is 0 are violations (here: 33 is not in the real data -> violation).
    l = open(os.path.join(case_dir, "coverage.lcov")).read()
    l += "TN:\nSF:pkg/calc.py\nDA:5,0\nDA:31,0\nDA:33,0\nend_of_record\n"
    l += "TN:\nSF:./pkg/helpers.py\nDA:13,0\nend_of_record\n"   # './' not normalised in LCOV keys
    open(os.path.join(case_dir, "coverage.lcov"), "w").write(l)


CASES = {
    "a_simple": (base_tree, a_feature, None),
    "b_new_file": (base_tree, b_feature, None),
    "c_delete_rename": (base_tree, c_feature, None),
    "d_not_in_report": (base_tree, d_feature, None),
    "e_deletions_only": (base_tree, e_feature, None),
    "f_multi_hunk": (base_tree, f_feature, None),
    "g_partial_branch": (base_tree, g_feature, None),
    "h_sources_root": (h_base, h_feature, h_post),
    "i_float_truncation": (base_tree, i_feature, None),
    "j_cobertura_quirks": (base_tree, a_feature, j_post),
    "k_no_newline_eof": (k_base, k_feature, None),
}


def run_diff_cover(cov, out_json, out_txt, cwd):
    r = subprocess.run(["diff-cover", cov, "--compare-branch", "main", "--json-report", out_json],
                       cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert r.returncode == 0, r.stderr
    open(out_txt, "wb").write(r.stdout)


def run_shim(cov, diff, out_json, cwd, root=None):
    cmd = [PY, SHIM, cov, "--diff-file", diff, "--json-report", out_json]
    if root:
        cmd += ["--root", root]
    r = subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert r.returncode == 0, r.stderr
    return r.stdout


def build(name):
    base, feature, post = CASES[name]
    work = os.path.join(SCRATCH, name)
    shutil.rmtree(work, ignore_errors=True)
    repo = os.path.join(work, "repo")
    os.makedirs(repo)
    sh(["git", "init", "-q", "-b", "main"], repo)
    base(repo)
    sh(["git", "add", "-A"], repo)
    sh(["git", "commit", "-q", "-m", "base"], repo)
    sh(["git", "checkout", "-q", "-b", "feature"], repo)
    feature(repo)
    sh(["git", "add", "-A"], repo)
    sh(["git", "commit", "-q", "-m", "feature"], repo)

    case_dir = os.path.join(HERE, name)
    shutil.rmtree(case_dir, ignore_errors=True)
    os.makedirs(case_dir)

    # coverage (outside the worktree so the worktree stays clean)
    run_dir = os.path.join(repo, "src") if name.startswith("h_") else repo
    data = os.path.join(work, ".coverage")
    cenv = dict(ENV, COVERAGE_FILE=data)
    omit = "--omit=run_tests.py,tools/*"
    subprocess.run([PY, "-m", "coverage", "run", "--branch", "--source=.", omit, "run_tests.py"],
                   cwd=run_dir, env=cenv, check=True)
    subprocess.run([PY, "-m", "coverage", "xml", "-q", "-o", os.path.join(case_dir, "coverage.xml")],
                   cwd=run_dir, env=cenv, check=True)
    subprocess.run([PY, "-m", "coverage", "lcov", "-q", "-o", os.path.join(case_dir, "coverage.lcov")],
                   cwd=run_dir, env=cenv, check=True)
    # deterministic timestamp
    p = os.path.join(case_dir, "coverage.xml")
    s = re.sub(r'timestamp="\d+"', 'timestamp="1704067200000"', open(p).read())
    open(p, "w").write(s)
    if post:
        post(case_dir, repo)
    assert sh(["git", "status", "--porcelain"], repo) == b"", "worktree must be clean"

    diff = sh(GIT_DIFF, repo)
    open(os.path.join(case_dir, "changes.diff"), "wb").write(diff)

    covs = [("coverage.xml", "expected.json", "expected.txt"),
            ("coverage.lcov", "expected.lcov.json", "expected.lcov.txt")]
    if os.path.exists(os.path.join(case_dir, "coverage-abs.lcov")):
        covs.append(("coverage-abs.lcov", "expected.abs-lcov.json", "expected.abs-lcov.txt"))
    dirs = [(repo, "")]
    if name.startswith("h_"):
        dirs.append((os.path.join(repo, "src"), "cwd-src."))   # diff-cover run from repo/src
    results = {}
    for cov, ej, et in covs:
        for cwd, tag in dirs:
            ejp = os.path.join(case_dir, ej.replace("expected.", "expected." + tag))
            etp = os.path.join(case_dir, et.replace("expected.", "expected." + tag))
            run_diff_cover(os.path.join(case_dir, cov), ejp, etp, cwd)
            want = json.load(open(ejp))
            want_txt = open(etp, "rb").read()
            # shim inside the repo
            tmp = os.path.join(work, "shim.json")
            got_txt = run_shim(os.path.join(case_dir, cov), os.path.join(case_dir, "changes.diff"),
                               tmp, cwd, root=repo)
            assert json.load(open(tmp)) == want, (name, cov, tag, "shim in repo")
            assert got_txt == want_txt, (name, cov, tag, "shim text")
            # shim from a bare copy of the case dir (what a unit test sees)
            if not tag:
                got_txt = run_shim(os.path.join(case_dir, cov), os.path.join(case_dir, "changes.diff"),
                                   tmp, work, root=work)
                same = json.load(open(tmp)) == want
                results[cov] = (want["total_num_lines"], want["total_num_violations"],
                                want["total_percent_covered"], want["num_changed_lines"],
                                "bare-ok" if same else "bare-DIFFERS")
            else:
                results[cov + " (cwd=src)"] = (want["total_num_lines"], want["total_num_violations"],
                                               want["total_percent_covered"], want["num_changed_lines"])
    for k, v in results.items():
        print("%-22s %-28s lines=%s violations=%s percent=%s changed=%s %s" % ((name, k) + v + ("",) * (5 - len(v))))


def main():
    names = sys.argv[1:] or sorted(CASES)
    for n in names:
        build(n)


if __name__ == "__main__":
    main()
