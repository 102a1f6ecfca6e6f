#!/usr/bin/env bash
# Hashing a large artifact: manifest-gen (OpenSSL's SHA-256, streamed in
# 1 MiB blocks) against coreutils' sha256sum on the same file, with the file
# in the page cache for both. Target: within 10% of sha256sum, flat memory.
#
# usage: bench/manifest/run_hash_bench.sh [--gen build/bin/manifest-gen] [--size-mb 2048] [--runs 5]
# Needs (Debian): hyperfine time coreutils
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
gen=build/bin/manifest-gen
size_mb=2048
runs=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --gen) gen=${2:?}; shift 2 ;;
    --size-mb) size_mb=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    *) echo "run_hash_bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -x $gen ]] || { echo "run_hash_bench: $gen not built (make build)" >&2; exit 2; }
out=bench/out/manifest
mkdir -p "$out"
artifact=$out/artifact-${size_mb}m.bin
if [[ ! -s $artifact ]]; then
  # Incompressible and fixed: AES-CTR keystream from a fixed key (no /dev/urandom
  # needed, the same bytes every time).
  # openssl dies of SIGPIPE when head has enough, so the size is what is checked.
  { openssl enc -aes-128-ctr -K 00112233445566778899aabbccddeeff -iv 0 -nosalt -in /dev/zero 2> /dev/null || true; } \
    | head -c $((size_mb * 1024 * 1024)) > "$artifact.tmp"
  [[ $(stat -c %s "$artifact.tmp") -eq $((size_mb * 1024 * 1024)) ]] || { echo "run_hash_bench: short artifact" >&2; exit 2; }
  mv "$artifact.tmp" "$artifact"
fi
cat "$artifact" > /dev/null # into the page cache for both tools

# The same digest first: a fast wrong answer does not count.
expected=$(sha256sum "$artifact" | cut -d' ' -f1)
SOURCE_DATE_EPOCH=0 "$gen" --version 0.0.0 --artifact "$artifact" --out "$out/m.json" > /dev/null
grep -q "\"sha256\": \"$expected\"" "$out/m.json" || { echo "run_hash_bench: digests differ" >&2; exit 1; }

hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/hyperfine.json" \
  -n sha256sum "sha256sum $artifact" \
  -n "openssl dgst" "openssl dgst -sha256 $artifact" \
  -n manifest-gen "$gen --version 0.0.0 --artifact $artifact --out $out/m.json"
rss() { /usr/bin/time -f %M -o "$out/rss.txt" "$@" > /dev/null; tail -n 1 "$out/rss.txt"; }
rss_sum=$(rss sha256sum "$artifact")
rss_ssl=$(rss openssl dgst -sha256 "$artifact")
rss_gen=$(rss "$gen" --version 0.0.0 --artifact "$artifact" --out "$out/m.json")
/usr/bin/python3 - "$out/hyperfine.json" "$size_mb" "$rss_sum" "$rss_ssl" "$rss_gen" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
names = ["sha256sum", "openssl dgst", "manifest-gen"]
print("\n| tool | time (s), mean ± sd | peak RSS (MB) |")
print("| --- | --- | --- |")
for name, rss_kb in zip(names, sys.argv[3:]):
    r = results[name]
    print("| %s | %.3f ± %.3f | %.1f |" % (name, r["mean"], r["stddev"], int(rss_kb) / 1024))
g = results["manifest-gen"]["mean"]
for peer in names[:2]:
    ratio = g / results[peer]["mean"]
    print("%d MB artifact: manifest-gen takes %.2fx the time of %s: %s" % (int(sys.argv[2]), ratio, peer,
          "within 10%" if ratio <= 1.10 else "NOT within 10%"))
PY
