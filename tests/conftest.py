"""Shared test set-up for the unit tests (the browser tests add their own in tests/browser).

- Figures are drawn with matplotlib's Agg backend (no screen), set before any test module imports matplotlib.
- Hypothesis runs every property test with the ``book`` profile: 50 examples, no deadline (the machine is shared).
- The helpers several test files need (:func:`support.finite`, :func:`support.pixels`) live in
  ``tests/support.py``: ``from support import finite, pixels`` (pytest puts this folder on ``sys.path``;
  not in a conftest, whose module name the browser tests' conftest shares).
"""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

from hypothesis import settings

settings.register_profile("book", max_examples=50, deadline=None)
settings.load_profile("book")
