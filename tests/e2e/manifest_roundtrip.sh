#!/usr/bin/env bash
# manifest-gen as a new user tries it: a scratch git repository with a tag,
# real reports from junit-gate and coverage-gate, a few artifacts. The
# manifest must be correct, byte-for-byte reproducible, valid against its JSON
# Schema, and verify must catch a one-byte change in an artifact.
# Usage: manifest_roundtrip.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1 SOURCE_DATE_EPOCH=1700000000
for v in $(env | grep -o '^GITHUB_[A-Z_]*'); do unset "$v"; done

cd "$work" && git init -q -b main repo && cd repo
git config user.email ci@example.invalid && git config user.name ci
echo app > README && git add README && git commit -qm release && git tag v1.4.0
mkdir -p dist && printf 'artifact one\n' > dist/app.tar.gz && printf 'two\n' > dist/app.sig
echo '{"flags": {}}' > flags.json
"$bin/junit-gate" --min-pass-rate 95 --report-json evidence/junit.json "$src/examples/junit" > /dev/null
"$bin/coverage-gate" --report-json evidence/coverage.json "$src/examples/coverage/coverage.xml" > /dev/null

make_manifest() {
  "$bin/manifest-gen" --environment staging --strategy blue-green --junit-report evidence/junit.json \
    --coverage-report evidence/coverage.json --artifact 'dist/*' --flags-file flags.json "$@"
}
make_manifest --out m1.json --checksums dist.sha256 > /dev/null
make_manifest --out m2.json > /dev/null
cmp -s m1.json m2.json || fail "two runs with the same inputs differ"
/usr/bin/python3 "$src/tests/e2e/validate_schema.py" "$src/docs/schemas/deployment-manifest.schema.json" m1.json > /dev/null \
  || fail "the manifest does not validate against its schema"
grep -q "\"version\": \"1.4.0\"" m1.json || { grep version m1.json; fail "version from the tag"; }
grep -q '"version_source": "git-tag"' m1.json || fail "version source"
grep -q '"created_at": "2023-11-14T22:13:20Z"' m1.json || fail "SOURCE_DATE_EPOCH"
grep -q '"gates_passed": true' m1.json || fail "gates_passed"
grep -q "\"commit\": \"$(git rev-parse HEAD)\"" m1.json || fail "commit from git"
sha256sum -c --quiet dist.sha256 || fail "sha256sum -c rejects the checksums"

make_manifest --format in-toto --out statement.json --predicate predicate.json > /dev/null
grep -q '"_type": "https://in-toto.io/Statement/v1"' statement.json || fail "in-toto type"
grep -q '"predicateType": "https://slsa.dev/provenance/v1"' statement.json || fail "SLSA predicate type"
grep -q '"buildDefinition"' predicate.json || fail "predicate file"

"$bin/manifest-gen" verify m1.json --require-gates --environment staging --min-version 1.4.0 > /dev/null \
  || fail "verify of untouched artifacts"
mkdir ../download && cp dist/* ../download/ && printf 'X' | dd of=../download/app.tar.gz bs=1 seek=3 conv=notrunc 2> /dev/null
set +e
"$bin/manifest-gen" verify m1.json --artifact-dir ../download > verify.txt
status=$?
set -e
[[ $status -eq 1 ]] || fail "a one-byte change gave exit $status, not 1"
grep -q "dist/app.tar.gz: SHA-256" verify.txt || fail "the changed artifact is not named"

# A tag that is not SemVer, and a missing artifact: exit 2, no partial file.
git tag -d v1.4.0 > /dev/null && git tag release-7
set +e
"$bin/manifest-gen" --out bad.json 2> err.txt; status=$?
set -e
[[ $status -eq 2 && ! -e bad.json ]] && grep -q "tag 'release-7' is not a SemVer" err.txt || fail "bad tag: exit $status"
set +e
"$bin/manifest-gen" --version 1.0.0 --artifact dist/missing.tgz --out bad.json 2> err.txt; status=$?
set -e
[[ $status -eq 2 && ! -e bad.json ]] && grep -q "dist/missing.tgz: no such file" err.txt || fail "missing artifact: exit $status"
# A branch: dev-<7-char sha>, from git locally and from the run's variables.
git tag -d release-7 > /dev/null && git checkout -qb feature/login
echo more >> README && git commit -qam feature
short=$(git rev-parse --short=7 HEAD)
"$bin/manifest-gen" --out branch.json > /dev/null
grep -q "\"version\": \"dev-$short\"" branch.json || { grep version branch.json; fail "branch version from git"; }
GITHUB_REF_TYPE=branch GITHUB_REF_NAME=feature/login GITHUB_SHA=$(git rev-parse HEAD) \
  "$bin/manifest-gen" --out branch-ci.json > /dev/null
grep -q "\"version\": \"dev-$short\"" branch-ci.json && grep -q '"version_source": "branch"' branch-ci.json \
  || { grep version branch-ci.json; fail "branch version from GITHUB_*"; }
echo "ok: manifest round trip"
