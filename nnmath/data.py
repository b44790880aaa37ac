"""Small data sets of the book (数据集), all seeded so every run gives the same numbers."""

from __future__ import annotations

import numpy as np

from nnmath._checks import Array, as_count, as_real


def xor() -> tuple[Array, Array]:
    """The XOR table (异或问题): inputs (4, 2) and classes (4,).

    ``(0, 0) -> 0, (0, 1) -> 1, (1, 0) -> 1, (1, 1) -> 0``.
    """
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([0.0, 1.0, 1.0, 0.0])


def _xs(n: int, low: float, high: float) -> Array:
    n = as_count("n", n, minimum=2)
    low, high = as_real("low", low), as_real("high", high)
    if not low < high:
        raise ValueError(f"need low < high, got low={low}, high={high}")
    return np.linspace(low, high, n)


def _noise(n: int, noise: float, seed: int) -> Array:
    noise = as_real("noise", noise, minimum=0.0)
    return noise * np.random.default_rng(as_count("seed", seed)).normal(size=n)


def line_points(
    n: int = 20,
    w: float = 2.0,
    b: float = 0.0,
    noise: float = 0.0,
    seed: int = 0,
    low: float = -2.0,
    high: float = 2.0,
) -> tuple[Array, Array]:
    """Points on a line (直线上的点) ``y = w x + b``, plus seeded Gaussian noise of std ``noise``.

    Returns ``x`` and the targets ``t``, each of shape (n,), with ``x`` evenly spaced in [low, high].
    """
    x = _xs(n, low, high)
    w, b = as_real("w", w), as_real("b", b)
    return x, w * x + b + _noise(x.size, noise, seed)


def parabola_points(
    n: int = 20,
    a: float = 1.0,
    b: float = 0.0,
    c: float = 0.0,
    noise: float = 0.0,
    seed: int = 0,
    low: float = -2.0,
    high: float = 2.0,
) -> tuple[Array, Array]:
    """Points on a parabola (抛物线上的点) ``y = a x^2 + b x + c``, plus seeded Gaussian noise.

    Returns ``x`` and the targets ``t``, each of shape (n,), with ``x`` evenly spaced in [low, high].
    """
    x = _xs(n, low, high)
    a, b, c = as_real("a", a), as_real("b", b), as_real("c", c)
    return x, a * x**2 + b * x + c + _noise(x.size, noise, seed)
