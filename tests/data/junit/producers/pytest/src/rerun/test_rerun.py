"""Tests for the pytest-rerunfailures run (--reruns 2).

The flaky test keeps a call counter in a file so that it deterministically
fails on its first attempt and passes on the second.  regenerate.sh removes the
counter file before the run.
"""
import os

import pytest

COUNTER = os.environ.get("GATEKIT_FLAKY_COUNTER", "/tmp/gatekit_pytest_flaky.count")


def _bump():
    n = 0
    if os.path.exists(COUNTER):
        with open(COUNTER) as f:
            n = int(f.read().strip() or 0)
    n += 1
    with open(COUNTER, "w") as f:
        f.write(str(n))
    return n


def test_stable_pass():
    assert 1 + 1 == 2


def test_flaky_then_pass():
    attempt = _bump()
    print(f"attempt {attempt}")
    assert attempt >= 2, f"attempt {attempt} fails, next one passes"


def test_always_fails():
    assert 0 == 1, "this one never passes"


@pytest.mark.skip(reason="skipped even with reruns")
def test_skipped_in_rerun_run():
    pass
