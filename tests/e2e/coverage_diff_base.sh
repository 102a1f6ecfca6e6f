#!/usr/bin/env bash
# coverage-gate --diff-base against a real git repository made here: the diff
# of a feature branch since main must give the same diff coverage as the
# equivalent --diff-file. Usage: coverage_diff_base.sh path/to/coverage-gate
set -euo pipefail
gate=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1
git init -q -b main repo
cd repo
git config user.email ci@example.invalid
git config user.name ci
printf 'a = 1\nb = 2\n' > app.py
git add app.py && git commit -qm base
git checkout -qb feature
printf 'a = 1\nb = 2\nc = 3\nd = 4\n' > app.py
git commit -qam feature
cat > coverage.info <<'INFO'
SF:app.py
DA:1,1
DA:2,1
DA:3,1
DA:4,0
end_of_record
INFO
git diff --no-color main...HEAD > ../changes.diff
"$gate" coverage.info --diff-base main --report-json ../base.json > ../base.txt
"$gate" coverage.info --diff-file ../changes.diff --report-json ../file.json > /dev/null
grep -q '"lines_valid": 2' ../base.json || { cat ../base.txt; echo "FAIL: expected 2 changed lines measured"; exit 1; }
grep -q '"lines_covered": 1' ../base.json || { cat ../base.txt; echo "FAIL: expected 1 covered"; exit 1; }
diff <(grep -A3 '"diff"' ../base.json) <(grep -A3 '"diff"' ../file.json) || { echo "FAIL: --diff-base and --diff-file disagree"; exit 1; }
# A ref that is not there is an input error, exit 2, with git's message.
set +e
"$gate" coverage.info --diff-base no-such-branch > /dev/null 2> ../err.txt
status=$?
set -e
[[ $status -eq 2 ]] && grep -q "no-such-branch" ../err.txt || { cat ../err.txt; echo "FAIL: bad ref gave $status"; exit 1; }
# The user's own git configuration must not change the diff (prefixes, quoting).
git config diff.noprefix true
git config core.quotePath true
"$gate" coverage.info --diff-base main --report-json ../noprefix.json > /dev/null
diff <(grep -A3 '"diff"' ../base.json) <(grep -A3 '"diff"' ../noprefix.json) || { echo "FAIL: git config changed the diff"; exit 1; }
echo "ok: --diff-base"
