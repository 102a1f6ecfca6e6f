import sys

import pytest


def add(a, b):
    return a + b


@pytest.mark.critical
def test_add_passes():
    assert add(2, 3) == 5


@pytest.mark.smoke
def test_smoke_passes():
    assert "gate" in "gatekit"


@pytest.mark.critical
def test_add_fails():
    assert add(2, 2) == 5, "two plus two should be five"


def test_raises_exception():
    {}["missing-key"]


def test_fixture_setup_error(broken_resource):
    assert broken_resource is not None


def test_fails_and_teardown_errors(bad_teardown):
    assert bad_teardown == 0


def test_teardown_only_error(bad_teardown):
    assert bad_teardown == 42


@pytest.mark.skip(reason="not implemented on this platform")
def test_skipped():
    assert False


def test_skip_inside():
    pytest.skip("runtime skip: feature flag off")


@pytest.mark.xfail(reason="known bug #12")
def test_xfail():
    assert add(1, 1) == 3


@pytest.mark.xfail(reason="fixed upstream?", strict=False)
def test_xpass_non_strict():
    assert add(1, 1) == 2


@pytest.mark.xfail(reason="must fail", strict=True)
def test_xpass_strict():
    assert add(1, 1) == 2


@pytest.mark.parametrize("a,b,expected", [(1, 1, 2), (2, 3, 5), (10, -1, 8)])
def test_param_add(a, b, expected):
    assert add(a, b) == expected


def test_captured_output():
    print("hello from stdout")
    print("warning from stderr", file=sys.stderr)
    assert True


def test_unicode_naïve_café_ünïcødé():
    assert "café".upper() == "CAFÉ"


@pytest.mark.parametrize("word", ["日本語", "emoji-✓"], ids=["日本語", "check-✓"])
def test_unicode_ids(word):
    print("word =", word)
    assert len(word) > 0


def test_record_property(record_property):
    record_property("requirement", "REQ-42")
    record_property("owner", "team-gate")
    assert True
