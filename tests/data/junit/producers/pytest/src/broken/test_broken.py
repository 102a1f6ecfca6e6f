# This module does not import: used only for the collection-error case.
import module_that_does_not_exist  # noqa: F401


def test_never_collected():
    assert True
