"""Helpers shared by several test files: ``from support import finite, pixels``."""

from __future__ import annotations

import io

import numpy as np
from hypothesis import strategies as st


def finite(low: float | None = None, high: float | None = None) -> st.SearchStrategy[float]:
    """Finite floats between ``low`` and ``high`` (no NaN, no infinity)."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def pixels(png: bytes) -> np.ndarray:
    """The RGB pixels of a PNG as floats, to compare two pictures."""
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)
