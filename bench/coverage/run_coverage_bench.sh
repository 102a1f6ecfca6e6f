#!/usr/bin/env bash
# Benchmark coverage-gate's diff coverage against Debian's diff-cover 7.4.0.
#
# usage: bench/coverage/run_coverage_bench.sh [--gate build/bin/coverage-gate]
#                                             [--runs 5] [--regen]
#
#   --gate PATH   coverage-gate binary (relative paths are from the repo root);
#                 skipped with a message if it does not exist yet
#   --runs N      hyperfine timed runs per command, after 1 warmup (default 5)
#   --regen       regenerate the inputs even if they exist
#
# Inputs (bench/out/coverage/, gitignored) come from gen_coverage.py
# (--files 5000 --lines 2000000: ~70 MB Cobertura XML, ~57 MB LCOV, a git repo
# with main/feature and changes.diff) and are generated once and reused.
# Every command runs with cwd = bench/out/coverage/repo (HEAD = feature, clean
# worktree), which is where diff-cover's --compare-branch mode has to run.
# diff-cover 7.4.0 has no --diff-file; its --diff-file numbers come from
# tests/data/diffcover/diffcover_difffile.py (diff-cover's own classes fed the
# saved diff), checked equal to the --compare-branch run before timing.
# Results: Markdown on stdout and in bench/out/coverage/results.md.
#
# Needs (Debian): diff-cover hyperfine libxml2-utils time git
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/../.." && pwd)
cd "$REPO_DIR"

PY=/usr/bin/python3
OUT=$REPO_DIR/bench/out/coverage
SHIM=$REPO_DIR/tests/data/diffcover/diffcover_difffile.py
FILES=5000
LINES=2000000

gate=build/bin/coverage-gate
runs=5
regen=0

die() { echo "run_coverage_bench: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --gate) gate=${2:?--gate needs a path}; shift 2 ;;
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --regen) regen=1; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ $gate = /* ]] || gate=$REPO_DIR/$gate

missing=()
[[ -x /usr/bin/diff-cover ]] || missing+=(diff-cover)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v git >/dev/null 2>&1 || missing+=(git)
[[ ${#missing[@]} -eq 0 ]] || die "missing packages: apt-get install -y ${missing[*]}"

# --- inputs -------------------------------------------------------------------
if [[ $regen = 1 || ! -s $OUT/coverage.xml || ! -s $OUT/coverage.lcov || ! -s $OUT/changes.diff \
      || ! -d $OUT/repo/.git ]]; then
  log "generating inputs into $OUT (gen_coverage.py --files $FILES --lines $LINES)"
  mkdir -p "$OUT"
  "$PY" "$BENCH_DIR/gen_coverage.py" --files "$FILES" --lines "$LINES" --out "$OUT"
fi
REPO=$OUT/repo
export GIT_CONFIG_GLOBAL=$OUT/.empty-gitconfig GIT_CONFIG_NOSYSTEM=1
[[ -f $GIT_CONFIG_GLOBAL ]] || : > "$GIT_CONFIG_GLOBAL"
[[ $(git -C "$REPO" rev-parse --abbrev-ref HEAD) = feature ]] || die "$REPO: HEAD is not 'feature'"
[[ -z $(git -C "$REPO" status --porcelain) ]] || die "$REPO: worktree not clean (diff-cover would add staged/unstaged changes)"
# the saved diff must be exactly what diff-cover runs for --compare-branch main
git -C "$REPO" -c diff.mnemonicprefix=no -c diff.noprefix=no diff --no-color --no-ext-diff -U0 main...HEAD \
  | cmp -s - "$OUT/changes.diff" || die "changes.diff differs from git diff main...HEAD"

XML=$OUT/coverage.xml LCOV=$OUT/coverage.lcov DIFF=$OUT/changes.diff
have_gate=0
if [[ -x $gate ]]; then have_gate=1; else log "coverage-gate not found at $gate: skipping it"; fi

# --- commands (all run with cwd = $REPO) ---------------------------------------
names=(); cmds=()
add() { names+=("$1"); cmds+=("$2"); }
add "diff-cover --compare-branch (XML)"  "diff-cover $XML --compare-branch main --json-report $OUT/dc-branch.json"
add "diff-cover --diff-file (XML, shim)" "$PY $SHIM $XML --diff-file $DIFF --json-report $OUT/dc-file.json"
add "diff-cover --compare-branch (LCOV)" "diff-cover $LCOV --compare-branch main --json-report $OUT/dc-lcov.json"
add "xmllint --noout --stream"           "xmllint --noout --stream $XML"
if [[ $have_gate = 1 ]]; then
  add "coverage-gate --diff-file (XML)"  "$gate $XML --diff-file $DIFF --report-json $OUT/gate.json"
  add "coverage-gate --diff-file (LCOV)" "$gate $LCOV --diff-file $DIFF --report-json $OUT/gate-lcov.json"
fi

# --- one checked run each: outputs, peak RSS ----------------------------------
cd "$REPO"
declare -A rss rc
for i in "${!names[@]}"; do
  log "${names[$i]}"
  set +e
  # shellcheck disable=SC2086  # plain words, no quoting needed (paths have no spaces)
  /usr/bin/time -f %M -o "$OUT/rss.txt" ${cmds[$i]} > "$OUT/stdout.$i.txt" 2> "$OUT/stderr.$i.txt"
  rc[$i]=$?
  set -e
  rss[$i]=$(tail -n 1 "$OUT/rss.txt")
  [[ ${rc[$i]} = 0 ]] || log "  exit ${rc[$i]}: $(tail -n 3 "$OUT/stderr.$i.txt")"
done

summary() {  # JSON file -> "lines violations percent changed"
  "$PY" - "$1" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception as e:
    print("unreadable (%s)" % type(e).__name__); sys.exit()
keys = ("total_num_lines", "total_num_violations", "total_percent_covered", "num_changed_lines")
print(" ".join("%s=%s" % (k, d.get(k, "?")) for k in keys), "files=%d" % len(d.get("src_stats", {})))
EOF
}
same_json() { "$PY" -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' "$1" "$2"; }

same_json "$OUT/dc-branch.json" "$OUT/dc-file.json" || die "shim JSON differs from diff-cover --compare-branch"
dc_xml=$(summary "$OUT/dc-branch.json")
dc_lcov=$(summary "$OUT/dc-lcov.json")
gate_summary() {  # coverage-gate --report-json -> the numbers diff-cover reports
  "$PY" - "$1" <<'EOF'
import json, sys
try:
    diff = json.load(open(sys.argv[1]))["diff"]
except Exception as e:
    print("unreadable (%s)" % type(e).__name__); sys.exit()
print("total_num_lines=%d total_num_violations=%d percent_covered=%s files_with_uncovered=%d"
      % (diff["lines_valid"], diff["lines_valid"] - diff["lines_covered"], diff["rate"], len(diff["uncovered"])))
EOF
}
counts() {  # measured and uncovered changed lines, from either tool's JSON
  "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1]))
if "diff" in d: print(d["diff"]["lines_valid"], d["diff"]["lines_valid"] - d["diff"]["lines_covered"])
else: print(d["total_num_lines"], d["total_num_violations"])' "$1"
}

gate_line=""
if [[ $have_gate = 1 ]]; then
  gate_line="| coverage-gate XML | $(gate_summary "$OUT/gate.json") |
| coverage-gate LCOV | $(gate_summary "$OUT/gate-lcov.json") |"
  for pair in "dc-branch gate" "dc-lcov gate-lcov"; do
    set -- $pair
    if [[ -s $OUT/$2.json ]] && [[ $(counts "$OUT/$1.json") == $(counts "$OUT/$2.json") ]]; then
      log "$2.json: the same measured and uncovered changed lines as diff-cover's $1.json"
    else
      die "$2.json: measured/uncovered changed lines differ from diff-cover's $1.json"
    fi
  done
fi

# --- timing --------------------------------------------------------------------
hf=(hyperfine --runs "$runs" --warmup 1 --output=pipe --export-json "$OUT/hyperfine.json")
for i in "${!names[@]}"; do hf+=(-n "${names[$i]}" "${cmds[$i]}"); done
log "hyperfine (${runs} runs + 1 warmup per command)"
"${hf[@]}" >&2

mb() { "$PY" -c 'import os,sys; print("%.1f MB" % (os.path.getsize(sys.argv[1]) / 1e6))' "$1"; }
{
  echo "## coverage diff benchmark"
  echo
  echo "Inputs: coverage.xml $(mb "$XML"), coverage.lcov $(mb "$LCOV"), changes.diff $(mb "$DIFF")"
  echo "($FILES files, $LINES lines on main, $(git -C "$REPO" diff --name-only main...HEAD | wc -l) files changed on feature;"
  echo "$(nproc) CPUs, $(date -u +%Y-%m-%d), diff-cover $(diff-cover --version 2>&1 | awk '{print $2}'))."
  echo
  echo "| command | mean ± σ (s) | min (s) | peak RSS (MB) |"
  echo "| --- | --- | --- | --- |"
  "$PY" - "$OUT/hyperfine.json" "$(for i in "${!names[@]}"; do printf '%s\n' "${rss[$i]}"; done)" <<'EOF'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
rss = sys.argv[2].split()
for r, kb in zip(res, rss):
    print("| %s | %.3f ± %.3f | %.3f | %.0f |" % (r["command"], r["mean"], r["stddev"] or 0, r["min"], int(kb) / 1024))
EOF
  echo
  echo "| numbers | |"
  echo "| --- | --- |"
  echo "| diff-cover XML | $dc_xml |"
  echo "| diff-cover LCOV | $dc_lcov |"
  [[ -z $gate_line ]] || echo "$gate_line"
  if [[ $have_gate = 1 ]]; then
    # Merging two such reports (the same one twice: the worst case, every
    # line in both) must stay under 3x the memory of one input.
    /usr/bin/time -f %M -o "$OUT/rss_merge.txt" "$gate" "$XML" "$XML" > /dev/null || true
    merge_kb=$(tail -n 1 "$OUT/rss_merge.txt")
    echo
    echo "Merging two reports: \`coverage-gate coverage.xml coverage.xml\` peak RSS $((merge_kb / 1024)) MB" \
         "($("$PY" -c "print('%.2f' % ($merge_kb * 1024 / $(stat -c %s "$XML")))")x one input)."
  fi
} | tee "$OUT/results.md"
