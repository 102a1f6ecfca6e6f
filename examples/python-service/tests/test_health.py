import pytest


@pytest.mark.parametrize("endpoint", ["/health", "/ready", "/metrics", "/api/v1/status"])
def test_endpoint_paths_are_absolute(endpoint):
    assert endpoint.startswith("/")


@pytest.mark.parametrize("threshold_ms", [200, 500])
def test_latency_thresholds_ordered(threshold_ms):
    assert 0 < threshold_ms <= 500


def test_disk_threshold():
    assert 80 < 100
