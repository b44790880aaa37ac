"""Small data sets of the book (数据集), all seeded so every run gives the same numbers."""

from __future__ import annotations

import numpy as np

from nnmath._checks import Array


def xor() -> tuple[Array, Array]:
    """The XOR table (异或问题): inputs (4, 2) and classes (4,).

    ``(0, 0) -> 0, (0, 1) -> 1, (1, 0) -> 1, (1, 1) -> 0``.
    """
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([0.0, 1.0, 1.0, 0.0])


def _xs(n: int, low: float, high: float) -> Array:
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    if not low < high:
        raise ValueError(f"need low < high, got low={low}, high={high}")
    return np.linspace(low, high, n)


def _noise(n: int, noise: float, seed: int) -> Array:
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    return noise * np.random.default_rng(seed).normal(size=n)


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

    Returns ``x`` and ``y``, each of shape (n,), with ``x`` evenly spaced in [low, high].
    """
    x = _xs(n, low, high)
    return x, w * x + b + _noise(n, noise, seed)


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

    Returns ``x`` and ``y``, each of shape (n,), with ``x`` evenly spaced in [low, high].
    """
    x = _xs(n, low, high)
    return x, a * x**2 + b * x + c + _noise(n, noise, seed)
