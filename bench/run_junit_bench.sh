#!/usr/bin/env bash
# Benchmark junit-gate against public JUnit XML parsers on the same large report.
#
# usage: bench/run_junit_bench.sh [--gate build/bin/junit-gate] [--cases 200000]
#                                 [--runs 5] [--no-shards]
#
#   --gate PATH   junit-gate binary (relative paths are from the repo root);
#                 skipped with a message if it does not exist yet
#   --cases N     test cases in the generated report (default 200000, ~50 MB)
#   --runs N      hyperfine timed runs per tool, after 1 warmup (default 5)
#   --no-shards   skip the many-files memory test (50 shards x 20,000 cases)
#
# Inputs are generated into bench/out/ (gitignored) once and reused.  Every
# parser's counts are checked against the generator's before anything is
# timed, so a fast-but-wrong parse cannot win.  Results: a Markdown table on
# stdout and in bench/out/junit_results.md.
#
# Needs (Debian): hyperfine libxml2-utils python3-junitparser time nodejs npm
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
cd "$REPO_DIR"

PY=/usr/bin/python3         # Debian's python: python3 on PATH may be pyenv's, without junitparser
OUT=bench/out
TIMEOUT=1800                # upper bound (s) for any single benchmark step
SHARDS=50
SHARD_CASES=20000

gate=build/bin/junit-gate
cases=200000
runs=5
do_shards=1

die() { echo "run_junit_bench: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --gate) gate=${2:?--gate needs a path}; shift 2 ;;
    --cases) cases=${2:?--cases needs a number}; shift 2 ;;
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --no-shards) do_shards=0; shift ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ $cases =~ ^[1-9][0-9]*$ ]] || die "--cases must be a positive integer"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"

# --- prerequisites ----------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
"$PY" -c 'import junitparser' 2>/dev/null || missing+=(python3-junitparser)
if [[ ${#missing[@]} -gt 0 ]]; then
  die "missing tools; install with: apt-get install -y ${missing[*]}"
fi
if [[ ! -d bench/peers/node_modules/xml2js ]]; then
  log "installing xml2js into bench/peers (npm ci)"
  (cd bench/peers && npm ci --no-audit --no-fund >&2)
fi

have_gate=0
if [[ -x $gate ]]; then
  have_gate=1
else
  log "junit-gate not found at '$gate': skipping it (build it, or pass --gate PATH)"
fi

mkdir -p "$OUT"

# --- input ------------------------------------------------------------------
report=$OUT/junit_${cases}.xml
counts_file=$OUT/junit_${cases}.counts
if [[ ! -s $report || ! -s $counts_file ]]; then
  log "generating $report ($cases cases)"
  # Write to a temp name first so an interrupted run never leaves a truncated
  # report that later runs would mistake for a finished one.
  "$PY" bench/gen_junit_report.py --cases "$cases" --out "$report.tmp" 2>"$counts_file.tmp"
  mv "$report.tmp" "$report"
  mv "$counts_file.tmp" "$counts_file"
fi
# Generator prints "tests=N passed=N failures=N errors=N skipped=N"; peers omit passed.
expected=$(sed 's/ passed=[0-9]*//' "$counts_file")
size_bytes=$(stat -c %s "$report")
log "report: $report, $size_bytes bytes, $expected"

# Pull tests/failures/errors/skipped out of junit-gate's --report-json output,
# wherever the totals object sits; prints nothing if it cannot find them.
gate_json_counts() {
  "$PY" - "$1" <<'EOF'
import json, sys
def find(node):
    if isinstance(node, dict):
        if all(isinstance(node.get(k), int) for k in ("tests", "failures", "errors", "skipped")):
            return node
        for v in node.values():
            r = find(v)
            if r: return r
    elif isinstance(node, list):
        for v in node:
            r = find(v)
            if r: return r
try:
    t = find(json.load(open(sys.argv[1])))
except (OSError, ValueError):
    t = None
if t:
    print("tests=%(tests)d failures=%(failures)d errors=%(errors)d skipped=%(skipped)d" % t)
EOF
}

# Run junit-gate; exit 0 (gate passed) and 1 (gate failed) are both results.
run_gate() {
  local rc=0
  timeout "$TIMEOUT" "$gate" "$@" >/dev/null || rc=$?
  [[ $rc -le 1 ]] || die "junit-gate exited $rc on: $*"
}

check_gate_counts() {  # expected-line files...
  local want=$1; shift
  local json=$OUT/gate_report.json got
  rm -f "$json"
  run_gate --report-json "$json" "$@"
  got=$(gate_json_counts "$json")
  if [[ -z $got ]]; then
    log "WARNING: no tests/failures/errors/skipped totals found in $json; junit-gate counts not checked"
  elif [[ $got != "$want" ]]; then
    die "junit-gate counts '$got' != generator '$want'"
  else
    log "junit-gate counts OK: $got"
  fi
}

# --- correctness: every parser must agree with the generator ---------------
check_peer() {  # name, command...
  local name=$1; shift
  local got
  got=$(timeout "$TIMEOUT" "$@") || die "$name failed on $report"
  [[ $got == "$expected" ]] || die "$name counts '$got' != generator '$expected'"
  log "$name counts OK: $got"
}
timeout "$TIMEOUT" xmllint --noout --stream "$report" \
  || die "xmllint --stream rejected $report"
log "xmllint --stream: well-formed (it reports no counts)"
check_peer junitparser "$PY" bench/peers/junitparser_count.py "$report"
check_peer xml2js node bench/peers/xml2js_count.js "$report"
if [[ $have_gate -eq 1 ]]; then check_gate_counts "$expected" "$report"; fi

# --- timing and memory ------------------------------------------------------
rows=$OUT/rows.tsv
: >"$rows"
measure() {  # name, ignore-exit(0/1), command...
  local name=$1 ignore=$2; shift 2
  local slug=${name//[^A-Za-z0-9]/_} cmd="" arg rss_kb
  for arg in "$@"; do cmd+=$(printf '%q ' "$arg"); done
  log "timing $name: $cmd"
  local hf_flags=(--warmup 1 --runs "$runs" -N --style basic
                  --export-json "$OUT/hf_$slug.json" --export-markdown "$OUT/hf_$slug.md")
  [[ $ignore -eq 1 ]] && hf_flags+=(-i)
  timeout "$TIMEOUT" hyperfine "${hf_flags[@]}" -n "$name" "$cmd" >&2
  # Peak RSS from one separate run; /usr/bin/time -o prepends a "Command
  # exited with non-zero status" line on exit 1, so keep the last line.
  local rc=0
  timeout "$TIMEOUT" /usr/bin/time -f %M -o "$OUT/rss_$slug.txt" "$@" >/dev/null || rc=$?
  [[ $rc -eq 0 || ($ignore -eq 1 && $rc -eq 1) ]] || die "$name exited $rc"
  rss_kb=$(tail -n 1 "$OUT/rss_$slug.txt")
  printf '%s\t%s\t%s\t%s\n' "$name" "${cmd% }" "$OUT/hf_$slug.json" "$rss_kb" >>"$rows"
}

gate_cmd=("$gate" --min-pass-rate 0 "$report")
if [[ $have_gate -eq 1 ]]; then measure junit-gate 1 "${gate_cmd[@]}"; fi
measure "xmllint --stream" 0 xmllint --noout --stream "$report"
measure junitparser 0 "$PY" bench/peers/junitparser_count.py "$report"
measure xml2js 0 node bench/peers/xml2js_count.js "$report"

# --- many files: memory must not grow with the number of files -------------
shard_line=""
if [[ $do_shards -eq 1 && $have_gate -eq 1 ]]; then
  shard_dir=$OUT/shards
  if [[ ! -s $shard_dir/.counts ]]; then
    log "generating $SHARDS shards x $SHARD_CASES cases into $shard_dir"
    rm -rf "$shard_dir" "$shard_dir.tmp"
    "$PY" bench/gen_junit_report.py --cases $((SHARDS * SHARD_CASES)) --shards "$SHARDS" \
      --out "$shard_dir.tmp" 2>"$shard_dir.tmp.counts"
    mv "$shard_dir.tmp.counts" "$shard_dir.tmp/.counts"
    mv "$shard_dir.tmp" "$shard_dir"
  fi
  shards=("$shard_dir"/shard_*.xml)
  [[ ${#shards[@]} -eq $SHARDS ]] || die "expected $SHARDS shards in $shard_dir, found ${#shards[@]}"
  check_gate_counts "$(sed 's/ passed=[0-9]*//' "$shard_dir/.counts")" "${shards[@]}"

  rss_of() {  # prints peak RSS (KB) of one junit-gate run over the given files
    local rc=0
    timeout "$TIMEOUT" /usr/bin/time -f %M -o "$OUT/rss_shards.txt" \
      "$gate" --min-pass-rate 0 "$@" >/dev/null || rc=$?
    [[ $rc -le 1 ]] || die "junit-gate exited $rc on shards"
    tail -n 1 "$OUT/rss_shards.txt"
  }
  one_kb=$(rss_of "${shards[0]}")
  all_kb=$(rss_of "${shards[@]}")
  shard_bytes=$(stat -c %s "${shards[0]}")
  total_shard_bytes=$(cat "${shards[@]}" | wc -c)
  shard_line=$(printf '%s\t%s\t%s\t%s\t%s' "$one_kb" "$all_kb" "$shard_bytes" \
    "$total_shard_bytes" "${#shards[@]}")
elif [[ $do_shards -eq 1 ]]; then
  log "many-files memory test skipped: it measures junit-gate only"
fi

# --- table ------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)
repro="bench/run_junit_bench.sh --gate $gate --cases $cases --runs $runs"
"$PY" - "$rows" "$report" "$size_bytes" "$expected" "$cpu" "$(nproc)" "$repro" \
  "$shard_line" <<'EOF' | tee "$OUT/junit_results.md"
import json, sys
rows_path, report, size, expected, cpu, ncpu, repro, shard_line = sys.argv[1:]
size = int(size)
rows = []
for line in open(rows_path):
    name, cmd, hf, rss_kb = line.rstrip("\n").split("\t")
    r = json.load(open(hf))["results"][0]
    rows.append(dict(name=name, cmd=cmd, mean=r["mean"], sd=r["stddev"] or 0.0,
                     runs=len(r["times"]), rss=int(rss_kb) / 1024))
by = {r["name"]: r for r in rows}
gate = by.get("junit-gate")

print("### junit-gate benchmark\n")
print("- report: `%s`, %.1f MB (%s)" % (report, size / 1e6, expected))
print("- machine: %s, %s cores" % (cpu, ncpu))
print("- reproduce: `%s`" % repro)
print("- time: hyperfine mean ± sd of %d runs after 1 warmup; peak RSS: `/usr/bin/time -f %%M`, one run\n"
      % rows[0]["runs"])
print("| tool | command | time (s), mean ± sd | peak RSS (MB) | time ÷ junit-gate time |")
print("| --- | --- | --- | --- | --- |")
for r in rows:
    ratio = "%.1fx" % (r["mean"] / gate["mean"]) if gate else "n/a"
    print("| %s | `%s` | %.3f ± %.3f | %.1f | %s |"
          % (r["name"], r["cmd"], r["mean"], r["sd"], r["rss"], ratio))

if gate:
    def verdict(ok):
        return "met" if ok else "NOT met"
    xl, jp = by["xmllint --stream"], by["junitparser"]
    mem_x = gate["rss"] * 1024 * 1024 / size
    print("\nTargets:\n")
    print("- faster than `xmllint --stream`: %.3f s vs %.3f s: %s"
          % (gate["mean"], xl["mean"], verdict(gate["mean"] < xl["mean"])))
    print("- at least 10x faster than junitparser: %.1fx: %s"
          % (jp["mean"] / gate["mean"], verdict(jp["mean"] / gate["mean"] >= 10)))
    print("- peak RSS under 3x the file size: %.1f MB = %.2fx: %s"
          % (gate["rss"], mem_x, verdict(mem_x < 3)))
if shard_line:
    one_kb, all_kb, shard_bytes, total_bytes, n = map(int, shard_line.split("\t"))
    # One file is held at a time, but the run keeps one small record per test
    # (to find the same test in two shards), so peak RSS grows with the number
    # of tests, not with the bytes of XML: it must stay well below the input.
    share = all_kb * 1024 / total_bytes
    print("\nMany files (`junit-gate --min-pass-rate 0 bench/out/shards/*.xml`):\n")
    print("| input | size (MB) | peak RSS (MB) | peak RSS / input size |")
    print("| --- | --- | --- | --- |")
    print("| 1 shard | %.1f | %.1f | %.2fx |" % (shard_bytes / 1e6, one_kb / 1024, one_kb * 1024 / shard_bytes))
    print("| %d shards | %.1f | %.1f | %.2fx |" % (n, total_bytes / 1e6, all_kb / 1024, share))
    print("\n- one file held at a time (peak RSS below the total input size): %.2fx: %s"
          % (share, "met" if share < 1 else "NOT met"))
EOF
