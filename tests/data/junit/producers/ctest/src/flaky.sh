#!/bin/sh
# Fails the first time it runs, passes afterwards (counter kept in file $1).
n=$(cat "$1" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$1"
echo "attempt $n"
if [ "$n" -lt 2 ]; then
    echo "flaky: attempt $n fails" >&2
    exit 1
fi
exit 0
