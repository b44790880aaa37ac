"""Input checks shared by every module (输入检查).

Every public function of :mod:`nnmath` turns its inputs into float arrays with
:func:`as_array` and checks their shapes here, so that a wrong shape fails at
once with a :class:`ValueError` that names the shapes, instead of being
silently broadcast into a wrong answer.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


def as_array(name: str, value: ArrayLike, ndim: tuple[int, ...] | None = None) -> Array:
    """Convert ``value`` to a float64 array (转换为浮点数组), checking its rank.

    Parameters
    ----------
    name : str
        The argument's name, used in the error message.
    value : array_like
        Anything numpy can turn into an array of numbers.
    ndim : tuple of int, optional
        The allowed numbers of dimensions; ``None`` allows any.

    Raises
    ------
    ValueError
        If ``value`` is not numeric or has a number of dimensions not in ``ndim``.

    """
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of numbers, got {value!r}") from exc
    if ndim is not None and arr.ndim not in ndim:
        allowed = " or ".join(f"{d}-D" for d in ndim)
        raise ValueError(f"{name} must be {allowed}, got shape {arr.shape}")
    return arr


def require_same_shape(name_a: str, a: Array, name_b: str, b: Array) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have exactly the same shape (形状一致)."""
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}")


def as_count(name: str, value: object, minimum: int = 0) -> int:
    """Check that ``value`` is a whole number of at least ``minimum`` (整数个数) and return it as ``int``."""
    ok = isinstance(value, int | np.integer) or (
        isinstance(value, float | np.floating) and np.isfinite(value) and float(value).is_integer()
    )
    if isinstance(value, bool) or not ok or int(value) < minimum:  # type: ignore[call-overload]
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)  # type: ignore[call-overload]


def require_finite(name: str, arr: Array) -> None:
    """Raise ``ValueError`` if ``arr`` holds NaN or infinity (必须是有限数)."""
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {arr!r}")


def require_probabilities(name: str, arr: Array) -> None:
    """Raise ``ValueError`` unless every entry of ``arr`` lies in [0, 1] (概率); NaN never passes."""
    if not np.all((arr >= 0) & (arr <= 1)):
        raise ValueError(f"{name} must hold probabilities in [0, 1], got {arr!r}")


def require_distributions(name: str, arr: Array, rtol: float = 1e-6) -> None:
    """Raise ``ValueError`` unless every row (last axis) of ``arr`` is a probability vector (概率分布).

    Entries in [0, 1] and each row summing to 1 within ``rtol``.
    """
    require_probabilities(name, arr)
    sums = arr.sum(axis=-1)
    if not np.all(np.abs(sums - 1.0) <= rtol):
        raise ValueError(f"every row of {name} must sum to 1, got row sums {sums!r}")
