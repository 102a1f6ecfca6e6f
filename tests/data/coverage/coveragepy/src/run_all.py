"""Runs every test module (the 'single combined run')."""
from tests import test_ops, test_text

test_ops.run()
test_text.run()
