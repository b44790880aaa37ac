"""Shared test set-up for the unit tests (the browser tests add their own in tests/browser).

- Figures are drawn with matplotlib's Agg backend (no screen), set before any test module imports matplotlib.
- Hypothesis runs every property test with the ``book`` profile: 50 examples, no deadline (the machine is shared).
- :func:`finite` and :func:`pixels` are the helpers several test files need: import them with
  ``from conftest import finite, pixels`` (pytest puts this folder on ``sys.path``).
"""

from __future__ import annotations

import io
import os

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st

settings.register_profile("book", max_examples=50, deadline=None)
settings.load_profile("book")


def finite(low: float | None = None, high: float | None = None) -> st.SearchStrategy[float]:
    """Finite floats between ``low`` and ``high`` (no NaN, no infinity)."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def pixels(png: bytes) -> np.ndarray:
    """The RGB pixels of a PNG as floats, to compare two pictures."""
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)
