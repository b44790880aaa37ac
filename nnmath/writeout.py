r"""Computations written out the way the book prints them (演算过程).

The book never types a number by hand: these functions turn computed values
into the text and LaTeX that the chapters paste into their prose (with
myst-nb's ``glue``), such as the source's three sums of chapter 1.

Every number that reaches a reader goes through :func:`number` (or its
relatives: :func:`decimal` for table columns, :func:`percent`, :func:`below`,
:func:`vector`, :func:`fixed` for the explorers' readouts, and for formulas
:func:`latex_number`, :func:`matrix`, :func:`combination`), so that a page shows only
the digits that carry meaning and reads the same on every machine: the last
bits of a floating-point result change with the CPU (another BLAS kernel,
other SIMD instructions), and a stored output with 17 digits would not.

Two rules decide what is shown:

- **Significant digits.** :func:`number` keeps ``digits`` significant digits
  and drops trailing zeros; numbers from 10⁻⁴ up to 10¹⁵ are written out in
  full, smaller ones as ``4.9 × 10⁻¹¹``.
- **Zero up to rounding.** A quantity that is exactly zero in exact
  arithmetic (a loss that a curve fits perfectly, the gap between two formulas
  for the same thing) comes out of a computer as a tiny number such as
  ``1.9e-30``, which is rounding noise, not a result. Give :func:`number` the
  ``scale`` of the quantities it was computed from: when
  ``|value| <= rtol * scale`` it prints :data:`ROUNDING_ZERO` instead. When
  the size of a small quantity matters but its digits do not (the gap of a
  gradient check), :func:`below` prints a bound such as ``< 10⁻¹⁰`` and checks
  that it holds.

:func:`publish` formats values and glues them, hidden, for the prose.
"""

from __future__ import annotations

import math
import numbers
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import as_array, as_count, as_real
from nnmath.linear import _check_layer

ROUNDING_ZERO = "≈ 0（舍入误差）"
"""What :func:`number` prints for a value that is zero up to rounding (舍入误差)."""

PUBLISH_DIGITS = 4
"""Significant digits :func:`publish` gives a bare float."""

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_FIXED_RANGE = (1e-4, 1e15)  # |value| in this range is written out in full


def _check_digits(digits: object) -> int:
    count = as_count("digits", digits, minimum=1)
    if count > 15:
        raise ValueError(f"digits must be at most 15 (a float carries about 16), got {digits!r}")
    return count


def _is_rounding_noise(value: float, scale: object, rtol: object) -> bool:
    if scale is None:
        return False
    s = as_real("scale", scale, minimum=0.0)
    r = as_real("rtol", rtol, positive=True)
    if r >= 1:
        raise ValueError(f"rtol must be below 1, got {rtol!r}")
    return abs(value) <= r * s


def _significant(value: float, digits: int) -> tuple[str, int | None]:
    """The mantissa text and the power of ten (None when written out in full)."""
    if value == 0:
        return "0", None
    rounded = float(f"{value:.{digits - 1}e}")
    magnitude = abs(rounded)
    if _FIXED_RANGE[0] <= magnitude < _FIXED_RANGE[1]:
        decimals = max(0, digits - 1 - math.floor(math.log10(magnitude)))
        text = f"{rounded:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return ("0" if text == "-0" else text), None
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return mantissa, int(exponent)


def power_of_ten(exponent: int) -> str:
    """A power of ten in plain text with superscripts (10 的幂), e.g. ``10⁻¹²``."""
    if isinstance(exponent, bool) or not isinstance(exponent, int | np.integer):
        raise ValueError(f"exponent must be an integer, got {exponent!r}")
    return "10" + str(int(exponent)).translate(_SUPERSCRIPTS)


def number(
    value: float, digits: int = 6, *, scale: float | None = None, rtol: float = 1e-9, zero: str = ROUNDING_ZERO
) -> str:
    """A number as the book prints it (数字): ``digits`` significant digits, no ``-0``.

    Parameters
    ----------
    value : float
        A finite real number.
    digits : int, default 6
        Significant digits to keep; trailing zeros are dropped (``2.50`` is
        ``2.5``, ``2.0`` is ``2``).
    scale : float, optional
        The size of the quantities ``value`` was computed from (for a loss,
        the loss at the start; for a difference, the size of what was
        subtracted). When given and ``|value| <= rtol * scale``, the value is
        zero up to rounding and :data:`ROUNDING_ZERO` is returned.
    rtol : float, default 1e-9
        The relative size below which a value counts as rounding noise.
    zero : str, default :data:`ROUNDING_ZERO`
        The text for a value that is rounding noise; ``"0"`` where the prose
        already says that the exact answer is 0.

    Returns
    -------
    str
        Plain text: ``0.333``, ``-3.5``, ``101770``, ``4.9 × 10⁻¹¹``.

    Raises
    ------
    ValueError
        If ``value`` is not a finite real number, ``digits`` is not an integer
        from 1 to 15, ``scale`` is negative or ``rtol`` is not in (0, 1).

    """
    x = as_real("value", value)
    count = _check_digits(digits)
    if _is_rounding_noise(x, scale, rtol):
        return zero
    mantissa, exponent = _significant(x, count)
    if exponent is None:
        return mantissa
    return f"{mantissa} × {power_of_ten(exponent)}"


def decimal(value: float, places: int) -> str:
    """A number with a fixed number of decimal places (定点小数), as in a table column: ``-1.036``, ``0.000``.

    Trailing zeros are kept, so that a column lines up; ``-0.000`` is written
    ``0.000``. Rounding noise far below the last place disappears by itself.

    Raises
    ------
    ValueError
        If ``value`` is not a finite real number or ``places`` is not an
        integer from 0 to 15.

    """
    x = as_real("value", value)
    count = as_count("places", places)
    if count > 15:
        raise ValueError(f"places must be at most 15, got {places!r}")
    text = f"{x:.{count}f}"
    return text.lstrip("-") if float(text) == 0 else text


def fixed(x: float, digits: int = 2) -> str:
    """A number rounded to ``digits`` decimals for the explorers' readouts (短数字): ``fixed(2.50) == "2.5"``.

    Halves of the exact binary value round away from zero, as JavaScript's
    ``Number.prototype.toFixed`` does, so that an explorer's front end (``fixed`` in
    ``nnmath/views/js/_common.js``) and its Python twin print the same text; trailing
    zeros are dropped and so is the sign of a zero (``fixed(-0.001) == "0"``).
    """
    text = str(Decimal(float(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "0") else text


def latex_number(value: float, digits: int = 6) -> str:
    r"""A number for a LaTeX formula (公式中的数字): like :func:`number`, with ``\times 10^{n}``."""
    mantissa, exponent = _significant(as_real("value", value), _check_digits(digits))
    if exponent is None:
        return mantissa
    return rf"{mantissa} \times 10^{{{exponent}}}"


def combination(coefficients: ArrayLike, symbols: list[str], digits: int = 4) -> str:
    r"""A weighted sum in LaTeX (线性组合), written as a person would: ``x^2 + 0.5\,x - 1``.

    Terms with coefficient 0 (at ``digits`` significant digits) are left out,
    a coefficient 1 or -1 in front of a symbol is not written, and signs join
    the terms.

    Parameters
    ----------
    coefficients : array_like, shape (k,)
    symbols : list of str, length k
        The LaTeX of each term's symbol; ``""`` for a constant term.
    digits : int, default 4
        Significant digits of each coefficient.

    Raises
    ------
    ValueError
        If the coefficients are not finite reals or the lengths differ.

    """
    values = as_array("coefficients", coefficients, ndim=(1,))
    if len(symbols) != len(values):
        raise ValueError(f"symbols must have one entry per coefficient ({len(values)}), got {len(symbols)}")
    parts: list[str] = []
    for value, symbol in zip(values, symbols, strict=True):
        text = latex_number(value, digits)
        if text == "0":
            continue
        sign, size = ("-", text[1:]) if text.startswith("-") else ("+", text)
        if symbol:
            size = symbol if size == "1" else rf"{size}\,{symbol}"
        parts.append(f"{sign} {size}" if parts else (f"-{size}" if sign == "-" else size))
    return " ".join(parts) if parts else "0"


def vector(values: ArrayLike, digits: int = 6, *, scale: float | None = None, rtol: float = 1e-9) -> str:
    """A vector as ``[3.6, 6.8, -3.5]`` (向量).

    Each entry is formatted by :func:`number`; with ``scale``, an entry that
    is zero up to rounding (``|v| <= rtol * scale``) is written ``0``.
    """
    entries = as_array("values", values, ndim=(1,))
    texts = ["0" if _is_rounding_noise(float(v), scale, rtol) else number(v, digits) for v in entries]
    return "[" + ", ".join(texts) + "]"


def matrix(values: ArrayLike, digits: int = 6) -> str:
    r"""A matrix in LaTeX (矩阵), ``\begin{bmatrix} 2 & 0 \\ 0 & -2 \end{bmatrix}``, entries by :func:`latex_number`."""
    entries = as_array("values", values, ndim=(2,))
    rows = [" & ".join(latex_number(v, digits) for v in row) for row in entries]
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


def percent(fraction: float, decimals: int = 0) -> str:
    """A fraction as a percentage (百分数) with ``decimals`` decimal places: ``0.0754`` → ``7.5%``."""
    x = as_real("fraction", fraction)
    places = as_count("decimals", decimals)
    text = f"{100 * x:.{places}f}"
    return (text.lstrip("-") if float(text) == 0 else text) + "%"


def below(value: float, bound: float) -> str:
    """An upper bound instead of a value (上界), such as ``< 10⁻¹⁰``, after checking it holds.

    For a small quantity whose size matters but whose digits are rounding
    noise that changes from machine to machine (the gap of a gradient check,
    the error of a numerical derivative), the page states a bound chosen by
    the author.

    Parameters
    ----------
    value : float
        The quantity; its absolute value must be below ``bound``.
    bound : float
        A positive bound; a power of ten prints as ``10⁻¹⁰``.

    Raises
    ------
    ValueError
        If either is not a finite real number, ``bound`` is not positive, or
        ``|value| >= bound`` (the page would claim something false).

    """
    x = as_real("value", value)
    b = as_real("bound", bound, positive=True)
    if not abs(x) < b:
        raise ValueError(f"value must be below bound in absolute value, got |{x!r}| >= {b!r}")
    exponent = round(math.log10(b))
    shown = power_of_ten(exponent) if b == 10.0**exponent else number(b, 3)
    return f"< {shown}"


def _formatted(name: str, value: object) -> object:
    if isinstance(value, str) or hasattr(value, "_repr_latex_") or hasattr(value, "_repr_markdown_"):
        return value
    if isinstance(value, bool | np.bool_):
        return "是" if value else "否"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return number(value, PUBLISH_DIGITS)
    raise ValueError(
        f"{name} must be a str, bool, int, float or an IPython Math/Markdown object, got {type(value).__name__}: "
        "format arrays with writeout.vector"
    )


def publish(**values: object) -> None:
    """Glue values for the prose (发布到正文), each formatted, none displayed.

    Every chapter section ends its computations with one hidden cell that
    calls ``publish(name=value, ...)``; the prose shows them with
    ``{glue:text}`name```. Strings and IPython ``Math``/``Markdown`` objects
    are glued as they are; ``True``/``False`` become 是/否; integers their
    digits; floats :func:`number` with :data:`PUBLISH_DIGITS` significant
    digits (format with :func:`number`, :func:`percent` or :func:`below`
    first to choose otherwise).

    Raises
    ------
    ValueError
        If a value is of another kind (an array, a tuple, None): format it
        first, for example with :func:`vector`. Nothing is glued then.

    """
    formatted = {name: _formatted(name, value) for name, value in values.items()}
    for name, value in formatted.items():
        _glue(name, value)


#: The prefix myst-nb's glue gives the MIME types of a hidden glue record.
GLUE_PREFIX = "application/papermill.record/"


def _glue(name: str, value: object) -> None:
    """Record ``value`` under ``name`` exactly as myst-nb's ``glue(name, value, display=False)`` does.

    Written out here because importing myst-nb's glue pulls in Sphinx and
    docutils: about a second per chapter for four lines of IPython.
    """
    from IPython.core.formatters import format_display_data
    from IPython.display import display

    bundle, metadata = format_display_data(value)
    metadata["scrapbook"] = {"name": name, "mime_prefix": GLUE_PREFIX}
    display({GLUE_PREFIX + kind: data for kind, data in bundle.items()}, raw=True, metadata=metadata)


def _factor(value: float) -> str:
    text = latex_number(value)
    return f"({text})" if text.startswith("-") else text


def row_sum(x: ArrayLike, w: ArrayLike, b: ArrayLike, j: int) -> str:
    r"""The sum for output ``j`` of :math:`y = xw + b`, written out in LaTeX (逐项展开).

    .. math:: y_j = \sum_i x_i w_{ij} + b_j

    first with symbols, then with the numbers, then the products, then the
    result, like the source's worked example: one line each, aligned at the
    equals signs (an ``aligned`` block for a display formula).

    Parameters
    ----------
    x : array_like, shape (n,)
    w : array_like, shape (n, m)
    b : array_like, shape (m,)
    j : int
        Which output, counting from 0.
    """
    x_arr = as_array("x", x, ndim=(1,))
    w_arr = as_array("w", w, ndim=(2,))
    b_arr = as_array("b", b, ndim=(1,))
    _check_layer(x_arr, w_arr, b_arr, "w", n_axis=0)
    if not 0 <= j < w_arr.shape[1]:
        raise ValueError(f"j must be in [0, {w_arr.shape[1]}) for w of shape {w_arr.shape}, got {j}")
    n = len(x_arr)
    symbols = " + ".join(f"x_{{{i}}} w_{{{i}{j}}}" for i in range(n)) + f" + b_{{{j}}}"
    numbers = " + ".join(rf"({latex_number(x_arr[i])} \times {_factor(w_arr[i, j])})" for i in range(n))
    products = " + ".join(_factor(x_arr[i] * w_arr[i, j]) for i in range(n))
    total = x_arr @ w_arr[:, j] + b_arr[j]
    bias = _factor(b_arr[j])
    result = latex_number(total)
    lines = [f"y_{{{j}}} &= {symbols}", f"&= {numbers} + {bias}", f"&= {products} + {bias}", f"&= {result}"]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"
