"""Input checks shared by every module (输入检查).

Every public function of :mod:`nnmath` turns its inputs into float arrays with
:func:`as_array` and checks their shapes here, so that a wrong shape fails at
once with a :class:`ValueError` that names the shapes, instead of being
silently broadcast into a wrong answer.

What counts as a number is decided once, in :func:`as_array`: real numbers
(Python ``int``/``float``, numpy integer and floating arrays) are accepted;
``None``, booleans, strings (even ``"3"``), complex numbers and other objects
are rejected with a :class:`ValueError` naming the parameter, never turned
into NaN, 0/1 or a real part.

Values are checked where a non-finite entry would make the answer
meaningless: probabilities and targets (:func:`require_probabilities`,
:func:`require_distributions`), start points, steps, learning rates
(:func:`as_real`). Quantities that a computation produces on its way (scores,
predictions, the input of an activation) follow IEEE arithmetic instead: NaN
in gives NaN out, so that a run that blew up shows as NaN rather than as an
exception.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


def _not_numbers(name: str, value: object) -> ValueError:
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return ValueError(f"{name} must be an array of real numbers (not None, bool, str or complex), got {text}")


def as_array(name: str, value: ArrayLike, ndim: tuple[int, ...] | None = None) -> Array:
    """Convert ``value`` to a float64 array (转换为浮点数组), checking its kind and rank.

    Parameters
    ----------
    name : str
        The argument's name, used in the error message.
    value : array_like
        Real numbers: a number, a (nested) list of numbers or a numpy array of
        integer or floating type.
    ndim : tuple of int, optional
        The allowed numbers of dimensions; ``None`` allows any.

    Raises
    ------
    ValueError
        If ``value`` is ``None`` or holds anything but real numbers (booleans,
        strings, complex numbers, ``None`` entries, ragged lists), or has a
        number of dimensions not in ``ndim``.

    """
    if value is None:
        raise _not_numbers(name, value)
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise _not_numbers(name, value) from exc
    if raw.dtype.kind == "O":
        flat = raw.reshape(-1)
        if not all(isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_) for v in flat):
            raise _not_numbers(name, value)
        try:
            arr = np.array([float(v) for v in flat], dtype=np.float64).reshape(raw.shape)
        except OverflowError as exc:
            raise _not_numbers(name, value) from exc
    elif raw.dtype.kind in "iuf":
        arr = raw.astype(np.float64, copy=False)
    else:
        raise _not_numbers(name, value)
    if ndim is not None and arr.ndim not in ndim:
        allowed = " or ".join(f"{d}-D" for d in ndim)
        raise ValueError(f"{name} must be {allowed}, got shape {arr.shape}")
    return arr


def as_real(
    name: str,
    value: object,
    *,
    positive: bool = False,
    minimum: float | None = None,
    finite: bool = True,
) -> float:
    """Check that ``value`` is one real number (实数) and return it as ``float``.

    Parameters
    ----------
    name : str
        The parameter's name, used in the error message.
    value : object
        A Python or numpy real number, or a 0-D array of one.
    positive : bool, default False
        Require ``value > 0``.
    minimum : float, optional
        Require ``value >= minimum``.
    finite : bool, default True
        Reject NaN and infinities (NaN is always rejected).

    Raises
    ------
    ValueError
        If ``value`` is not a single real number (``None``, bool, str,
        complex, an array of other than one entry) or breaks a bound.

    """
    try:
        x = float(as_array(name, value, ndim=(0,)))
    except ValueError:
        raise ValueError(f"{name} must be a real number, got {value!r}") from None
    if np.isnan(x) or (finite and not np.isfinite(x)):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    if positive and not x > 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    if minimum is not None and not x >= minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value!r}")
    return x


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


def as_2x2(name: str, value: ArrayLike) -> Array:
    """A finite 2×2 matrix (2×2 矩阵) as a float array, or a ValueError naming ``name`` and the shape."""
    arr = as_array(name, value, ndim=(2,))
    if arr.shape != (2, 2):
        raise ValueError(f"{name} must have shape (2, 2), got {arr.shape}")
    require_finite(name, arr)
    return arr


def require_finite(name: str, arr: Array) -> None:
    """Raise ``ValueError`` if ``arr`` holds NaN or infinity (必须是有限数)."""
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {brief(arr)}")


def brief(arr: ArrayLike) -> str:
    """A short text of ``arr`` for error messages (at most 80 characters)."""
    text = " ".join(np.array2string(np.asarray(arr), threshold=6, edgeitems=2).split())
    return text if len(text) <= 80 else text[:77] + "..."


def require_probabilities(name: str, arr: Array) -> None:
    """Raise ``ValueError`` unless every entry of ``arr`` lies in [0, 1] (概率); NaN never passes."""
    if not np.all((arr >= 0) & (arr <= 1)):
        raise ValueError(f"{name} must hold probabilities in [0, 1] (no NaN), got {brief(arr)}")


def require_distributions(name: str, arr: Array, rtol: float = 1e-6) -> None:
    """Raise ``ValueError`` unless every row (last axis) of ``arr`` is a probability vector (概率分布).

    Entries in [0, 1] and each row summing to 1 within ``rtol``.
    """
    require_probabilities(name, arr)
    sums = arr.sum(axis=-1)
    if not np.all(np.abs(sums - 1.0) <= rtol):
        raise ValueError(f"every row of {name} must sum to 1, got row sums {brief(sums)}")


def as_learning_rates(etas: object) -> list[float]:
    """Check an explorer's learning rates (学习率列表): positive numbers in increasing order, at least one."""
    if etas is None or isinstance(etas, str | bytes):
        raise ValueError(f"etas must be a sequence of positive numbers, got {etas!r}")
    try:
        items = list(etas)  # type: ignore[call-overload]
    except TypeError as exc:
        raise ValueError(f"etas must be a sequence of positive numbers, got {etas!r}") from exc
    values = [as_real("etas[i]", e, positive=True) for e in items]
    if not values:
        raise ValueError("etas must hold at least one learning rate")
    if values != sorted(values):
        raise ValueError(f"etas must be in increasing order, got {values}")
    return values


def as_index(initial: object, count: int) -> int:
    """The index ``initial`` into ``count`` choices (初始选项), the middle one when ``None``."""
    index = count // 2 if initial is None else as_count("initial", initial)
    if not 0 <= index < count:
        raise ValueError(f"initial must be in [0, {count}), got {initial}")
    return index
