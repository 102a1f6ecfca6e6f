import pytest


@pytest.fixture
def broken_resource():
    raise RuntimeError("database connection refused")


@pytest.fixture
def bad_teardown():
    yield 42
    raise ValueError("teardown cleanup failed")
