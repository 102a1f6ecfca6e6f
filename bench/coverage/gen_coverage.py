#!/usr/bin/python3
"""Deterministic inputs for the coverage-gate / diff-cover benchmark.

    /usr/bin/python3 bench/coverage/gen_coverage.py --files 5000 --lines 2000000 --out DIR

writes

    DIR/repo/          git repository: 5,000 python-ish source files under
                       pkgNN/subN/mod_NNNNN.py totalling --lines lines on branch
                       `main`; branch `feature` (checked out, clean worktree)
                       changes --changed files (default 100): modified lines and
                       inserted blocks.
    DIR/coverage.xml   coverage.py-6.5-shaped Cobertura report of the *feature*
                       tree (~70 MB for the defaults): one <package> per
                       directory, one <class> per file, <line number hits>, and
                       branch lines with branch="true" condition-coverage="..%
                       (a/b)" missing-branches="..".  <source> is DIR/repo
                       (absolute), filenames are repo-relative.
    DIR/coverage.lcov  the same coverage as an LCOV tracefile shaped like
                       `coverage lcov` (TN/SF/DA with md5 checksum/LF/LH/BRDA/
                       BRF/BRH/end_of_record).  Same line set and hit counts as
                       the XML.
    DIR/changes.diff   the diff diff-cover itself runs for --compare-branch main
                       (diff_cover/git_diff.py:43-71):
                         git -c diff.mnemonicprefix=no -c diff.noprefix=no \
                             diff --no-color --no-ext-diff -U0 main...feature
    DIR/gen.json       parameters and counts.

Everything is a pure function of (--seed, --files, --lines, --changed, DIR):
DIR only appears in <source>.  Needs git; runs in ~1 minute.
"""
import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys

GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
    "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C",
}
DIFF_CMD = ["git", "-c", "diff.mnemonicprefix=no", "-c", "diff.noprefix=no",
            "diff", "--no-color", "--no-ext-diff", "-U0", "main...feature"]

# kinds: S = statement (measured), B = branch statement (measured, 2 arcs),
#        N = not measured (blank, comment, docstring continuation)


def gen_function(rng, fn, out):
    out.append(("def f_%d(a, b):" % fn, "S"))
    depth = "    "
    for j in range(rng.randint(3, 18)):
        r = rng.random()
        if r < 0.12:
            out.append(("%sif a > %d:" % (depth, j), "B"))
            out.append(("%s    b = b - %d" % (depth, j), "S"))
        elif r < 0.16:
            out.append(("%sfor i_%d in range(b):" % (depth, j), "B"))
            out.append(("%s    a += i_%d" % (depth, j), "S"))
        elif r < 0.24:
            out.append(("%s# note %d about f_%d" % (depth, j, fn), "N"))
        elif r < 0.28:
            out.append(("", "N"))
        else:
            out.append(("%sx_%d = a * %d + b" % (depth, j, j), "S"))
    out.append(("%sreturn a + b" % depth, "S"))
    out.append(("", "N"))
    out.append(("", "N"))


def gen_file(rng, idx, nlines):
    out = [('"""Module %d (generated)."""' % idx, "N"), ("", "N"),
           ("import os", "S"), ("import sys", "S"), ("", "N"), ("", "N")]
    fn = 0
    while len(out) < nlines:
        gen_function(rng, fn, out)
        fn += 1
    del out[nlines:]
    return out


def change_file(rng, lines):
    """Feature-branch edit: modify some statements, insert 1-3 blocks."""
    lines = list(lines)
    stmts = [k for k, (_, kind) in enumerate(lines) if kind == "S" and lines[k][0].startswith("    x_")]
    for k in rng.sample(stmts, min(len(stmts), rng.randint(3, 12))):
        text, kind = lines[k]
        lines[k] = (text + " + 1  # tweaked", kind)
    for blk in range(rng.randint(1, 3)):
        pos = rng.randint(6, len(lines))
        new = []
        for j in range(rng.randint(2, 10)):
            r = rng.random()
            if r < 0.15:
                new.append(("    if b < %d:" % j, "B"))
            elif r < 0.25:
                new.append(("    # added note %d" % j, "N"))
            elif r < 0.3:
                new.append(("", "N"))
            else:
                new.append(("    y_%d_%d = a - %d" % (blk, j, j), "S"))
        lines[pos:pos] = new
    return lines


def coverage_for(rng, lines):
    """Per-line (hits, branch) for measured lines; coverage.py-like shape."""
    r = rng.random()
    rate = 0.0 if r < 0.05 else (1.0 if r < 0.15 else rng.uniform(0.45, 0.98))
    res = []
    for k, (_, kind) in enumerate(lines, start=1):
        if kind == "N":
            continue
        hit = rng.random() < rate
        hits = rng.choice((1, 1, 1, 2, 3, 5, 8, 13, 40, 250)) if hit else 0
        br = None
        if kind == "B":
            if not hits:
                br = (0, 2, "%d,%d" % (k + 1, k + 2))
            elif rng.random() < 0.7:
                br = (2, 2, None)
            else:
                br = (1, 2, str(k + 2))
        res.append((k, hits, br))
    return res


def rate(hit, num):
    return "%.4g" % (hit / num) if num else "1"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--lines", type=int, default=2000000, help="total source lines on main")
    ap.add_argument("--changed", type=int, default=100, help="files changed on feature")
    ap.add_argument("--seed", type=int, default=20240101)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.files < 1 or a.lines < a.files * 20 or not 0 <= a.changed <= a.files:
        sys.exit("gen_coverage: need files>=1, lines>=20*files, 0<=changed<=files")

    out = os.path.abspath(a.out)
    repo = os.path.join(out, "repo")
    shutil.rmtree(repo, ignore_errors=True)
    os.makedirs(repo)
    rng = random.Random(a.seed)

    # file sizes: 20..(2*avg) lines, rescaled to sum exactly to --lines
    raw = [rng.uniform(0.1, 1.9) for _ in range(a.files)]
    scale = a.lines / sum(raw)
    sizes = [max(20, int(x * scale)) for x in raw]
    diff = a.lines - sum(sizes)
    k = 0
    while diff != 0:
        step = 1 if diff > 0 else -1
        if sizes[k % a.files] + step >= 20:
            sizes[k % a.files] += step
            diff -= step
        k += 1
    paths = ["pkg%02d/sub%d/mod_%05d.py" % (i % 50, (i // 50) % 4, i) for i in range(a.files)]
    changed = set(rng.sample(range(a.files), a.changed))

    env = dict(os.environ, **GIT_ENV)
    env["GIT_CONFIG_GLOBAL"] = os.path.join(out, ".empty-gitconfig")
    open(env["GIT_CONFIG_GLOBAL"], "w").close()

    def git(*args, **kw):
        return subprocess.run(["git"] + list(args), cwd=repo, env=env, check=True,
                              stdout=subprocess.PIPE, **kw).stdout

    git("init", "-q", "-b", "main")
    feature = {}
    for i, p in enumerate(paths):
        frng = random.Random(a.seed * 1000003 + i)
        lines = gen_file(frng, i, sizes[i])
        full = os.path.join(repo, p)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write("\n".join(t for t, _ in lines) + "\n")
        feature[i] = change_file(frng, lines) if i in changed else lines
    git("add", "-A")
    git("commit", "-q", "-m", "main: %d files, %d lines" % (a.files, a.lines))
    git("checkout", "-q", "-b", "feature")
    for i in sorted(changed):
        with open(os.path.join(repo, paths[i]), "w") as f:
            f.write("\n".join(t for t, _ in feature[i]) + "\n")
    git("add", "-A")
    git("commit", "-q", "-m", "feature: change %d files" % a.changed)
    with open(os.path.join(out, "changes.diff"), "wb") as f:
        f.write(git(*DIFF_CMD[1:]))

    # coverage of the feature tree
    pkgs = {}
    for i, p in enumerate(paths):
        crng = random.Random(a.seed * 7919 + i)
        pkgs.setdefault(os.path.dirname(p), []).append((i, coverage_for(crng, feature[i])))

    tl = th = tb = tbh = 0
    xml_pk = []
    with open(os.path.join(out, "coverage.lcov"), "w") as lc:
        for d in sorted(pkgs):
            cls_parts = []
            pl = ph = pb = pbh = 0
            for i, cov in sorted(pkgs[d], key=lambda x: paths[x[0]]):
                p = paths[i]
                text = feature[i]
                nl = len(cov)
                nh = sum(1 for _, h, _ in cov if h)
                nb = sum(b[1] for _, _, b in cov if b)
                nbh = sum(b[0] for _, _, b in cov if b)
                pl += nl; ph += nh; pb += nb; pbh += nbh
                rows = []
                for ln, h, b in cov:
                    if b is None:
                        rows.append('\t\t\t\t\t\t<line number="%d" hits="%d"/>' % (ln, h))
                    else:
                        pct = b[0] * 100 // b[1]
                        miss = ' missing-branches="%s"' % b[2] if b[2] else ""
                        rows.append('\t\t\t\t\t\t<line number="%d" hits="%d" branch="true" '
                                    'condition-coverage="%d%% (%d/%d)"%s/>' % (ln, h, pct, b[0], b[1], miss))
                cls_parts.append(
                    '\t\t\t\t<class name="%s" filename="%s" complexity="0" line-rate="%s" branch-rate="%s">\n'
                    '\t\t\t\t\t<methods/>\n\t\t\t\t\t<lines>\n%s\n\t\t\t\t\t</lines>\n\t\t\t\t</class>'
                    % (os.path.basename(p), p, rate(nh, nl), rate(nbh, nb), "\n".join(rows)))
                # LCOV, coverage.py 6.5 order: executed lines, then missing lines
                lc.write("TN:\nSF:%s\n" % p)
                for want_hit in (True, False):
                    for ln, h, _ in cov:
                        if bool(h) == want_hit:
                            digest = hashlib.md5(text[ln - 1][0].encode()).digest()
                            lc.write("DA:%d,%d,%s\n" % (ln, h, base64.b64encode(digest).decode().rstrip("=")))
                lc.write("LF:%d\nLH:%d\n" % (nl, nh))
                for ln, h, b in cov:
                    if b:
                        for arc in range(b[1]):
                            taken = "-" if not h else ("1" if arc < b[0] else "0")
                            lc.write("BRDA:%d,0,%d,%s\n" % (ln, arc, taken))
                lc.write("BRF:%d\nBRH:%d\nend_of_record\n" % (nb, nbh))
            tl += pl; th += ph; tb += pb; tbh += pbh
            xml_pk.append('\t\t<package name="%s" line-rate="%s" branch-rate="%s" complexity="0">\n'
                          '\t\t\t<classes>\n%s\n\t\t\t</classes>\n\t\t</package>'
                          % (d.replace("/", "."), rate(ph, pl), rate(pbh, pb), "\n".join(cls_parts)))
    with open(os.path.join(out, "coverage.xml"), "w") as x:
        x.write('<?xml version="1.0" ?>\n')
        x.write('<coverage version="6.5.0" timestamp="1704067200000" lines-valid="%d" lines-covered="%d" '
                'line-rate="%s" branches-valid="%d" branches-covered="%d" branch-rate="%s" complexity="0">\n'
                % (tl, th, rate(th, tl), tb, tbh, rate(tbh, tb)))
        x.write("\t<!-- Generated by coverage.py: https://coverage.readthedocs.io -->\n")
        x.write("\t<!-- Based on https://raw.githubusercontent.com/cobertura/web/master/htdocs/xml/coverage-04.dtd -->\n")
        x.write("\t<sources>\n\t\t<source>%s</source>\n\t</sources>\n\t<packages>\n" % repo)
        x.write("\n".join(xml_pk))
        x.write("\n\t</packages>\n</coverage>\n")

    info = {"files": a.files, "lines_main": a.lines, "changed_files": a.changed, "seed": a.seed,
            "lines_feature": sum(len(feature[i]) for i in range(a.files)),
            "measured_lines": tl, "covered_lines": th, "branches": tb, "branches_covered": tbh,
            "diff_command": " ".join(DIFF_CMD)}
    for name in ("coverage.xml", "coverage.lcov", "changes.diff"):
        info[name + "_bytes"] = os.path.getsize(os.path.join(out, name))
    with open(os.path.join(out, "gen.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(json.dumps(info), file=sys.stderr)


if __name__ == "__main__":
    main()
