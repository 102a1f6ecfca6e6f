"""Tiny package used to produce coverage fixtures."""
