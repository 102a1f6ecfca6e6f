#!/bin/sh
# The image's entrypoint: the first argument chooses the tool, the rest are
# passed through unchanged. No other logic lives here (see actions/*/action.yml).
set -eu
bin_dir="${GATEKIT_BIN_DIR:-/usr/local/bin}"
tool="${1:-}"
case "$tool" in
  junit-gate | coverage-gate | health-check | flag-validate | manifest-gen) ;;
  *)
    echo "gatekit: unknown tool '$tool' (junit-gate, coverage-gate, health-check, flag-validate, manifest-gen)" >&2
    exit 2
    ;;
esac
shift
if [ ! -x "$bin_dir/$tool" ]; then
  echo "gatekit: $tool is not installed in $bin_dir" >&2
  exit 2
fi
exec "$bin_dir/$tool" "$@"
