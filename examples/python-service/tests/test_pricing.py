import pytest

from pricing import discount, total


@pytest.mark.critical
def test_total_of_nothing_is_zero():
    assert total([]) == 0


@pytest.mark.parametrize("items,expected", [
    ([(1.0, 1)], 1.0), ([(2.5, 2)], 5.0), ([(0.1, 3)], 0.3), ([(9.99, 10)], 99.9),
    ([(1.0, 0)], 0.0), ([(3.0, 1), (4.0, 1)], 7.0), ([(100.0, 1)], 100.0), ([(0.01, 100)], 1.0),
])
def test_total(items, expected):
    assert total(items) == expected


@pytest.mark.parametrize("percent", [0, 10, 25, 50, 75, 100])
def test_discount_bounds(percent):
    assert 0 <= discount(200.0, percent) <= 200.0


def test_discount_rejects_negative():
    with pytest.raises(ValueError):
        discount(10, -1)


def test_discount_rounding():
    # The known bug: rounding half to even makes this 33.33, the spec says 33.34.
    assert discount(100.0, 66.665) == 33.34


@pytest.mark.skip(reason="currency conversion not implemented yet")
def test_currency():
    pass
