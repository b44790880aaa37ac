"""Shared test set-up for the unit tests (the browser tests have their own in tests/browser)."""
