#!/usr/bin/env bash
# Installs the Debian 12 packages gatekit needs, skipping those already present.
# Usage: scripts/install-deps.sh [build|test|fuzz|bench|runtime]...   (default: build)
# One script serves the README, CI and the Dockerfile, so they cannot drift.
set -euo pipefail

build_packages=(cmake make ninja-build g++ pkg-config
  libcxxopts-dev nlohmann-json3-dev libpugixml-dev libcurl4-openssl-dev
  doctest-dev libssl-dev libyaml-cpp-dev)
# Test-only tools: Debian's python3 (with PyYAML and jsonschema) runs the end-to-end checker,
# the action-contract harness and the schema checks.
test_packages=(python3 python3-yaml python3-jsonschema cmark-gfm nginx-light prometheus openssl gcovr)
fuzz_packages=(clang-14 libclang-rt-14-dev)
bench_packages=(hyperfine time libxml2-utils python3-junitparser nodejs npm diff-cover git wrk)
# git: coverage-gate's --diff-base and manifest-gen's local version lookup.
runtime_packages=(libcurl4 libpugixml1v5 libssl3 libyaml-cpp0.7 ca-certificates git)

wanted=()
groups=("$@")
[[ ${#groups[@]} -eq 0 ]] && groups=(build)
for group in "${groups[@]}"; do
  case "$group" in
    build) wanted+=("${build_packages[@]}") ;;
    test) wanted+=("${build_packages[@]}" "${test_packages[@]}") ;;
    fuzz) wanted+=("${build_packages[@]}" "${fuzz_packages[@]}") ;;
    bench) wanted+=("${bench_packages[@]}") ;;
    runtime) wanted+=("${runtime_packages[@]}") ;;
    *) echo "install-deps.sh: unknown group '$group' (build, test, fuzz, bench, runtime)" >&2; exit 2 ;;
  esac
done

missing=()
for package in "${wanted[@]}"; do
  # NodeSource's nodejs bundles npm and conflicts with Debian's npm package.
  if [[ $package == npm ]] && command -v npm > /dev/null; then
    continue
  fi
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps.sh: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
