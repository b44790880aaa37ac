r"""Shapes of a layer and parameter counts (形状与参数个数, 第 3 章).

A layer of :math:`m` neurons fed by :math:`n` numbers computes
:math:`y = Wx + b` with

.. math:: x \in \mathbb{R}^{n},\ W \in \mathbb{R}^{m \times n},\ b \in \mathbb{R}^{m},\ y \in \mathbb{R}^{m}:

one row of :math:`W` per neuron, one column per input. A batch of :math:`N`
inputs is a matrix :math:`X` of shape :math:`(N, n)`, one input per row, and
gives :math:`Y = XW^\top + b` of shape :math:`(N, m)` (:func:`nnmath.linear`).
This module writes these shapes down, counts a network's parameters from its
layer sizes, and turns the :class:`ValueError` that :func:`nnmath.linear`
raises for shapes that do not fit into a sentence a beginner can act on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnmath._checks import as_count
from nnmath.linear import linear

Shape = tuple[int, ...]


@dataclass(frozen=True)
class LayerShapes:
    """The shapes of one layer's arrays (一层的形状).

    Attributes
    ----------
    n, m : int
        Inputs per sample and neurons of the layer.
    batch : int or None
        The batch size :math:`N`, or None for one input vector.
    x, W, b, y : tuple of int
        The shapes of the input, the weights, the biases and the output.

    """

    n: int
    m: int
    batch: int | None
    x: Shape
    W: Shape
    b: Shape
    y: Shape

    @property
    def parameters(self) -> int:
        r"""Number of parameters (参数个数) :math:`mn + m`: the weights and one bias per neuron."""
        return self.m * self.n + self.m

    @property
    def multiplications(self) -> int:
        r"""Multiplications in :math:`y = Wx + b` (乘法次数): :math:`Nmn` (:math:`mn` for one input)."""
        return (1 if self.batch is None else self.batch) * self.m * self.n


def layer_shapes(n: int, m: int, batch: int | None = None) -> LayerShapes:
    r"""Shapes of :math:`y = Wx + b` for ``n`` inputs and ``m`` neurons (一层的形状).

    Parameters
    ----------
    n : int
        Size of the previous layer's output (前一层的输出维度), ``n >= 1``.
    m : int
        Neurons of this layer (当前层的神经元数量), ``m >= 1``.
    batch : int, optional
        Number :math:`N` of inputs processed at once, as rows of a matrix.

    Returns
    -------
    LayerShapes
        ``x`` is ``(n,)`` or ``(N, n)``, ``W`` is ``(m, n)``, ``b`` is
        ``(m,)`` and ``y`` is ``(m,)`` or ``(N, m)``.

    """
    n_ = as_count("n", n, minimum=1)
    m_ = as_count("m", m, minimum=1)
    N = None if batch is None else as_count("batch", batch, minimum=1)
    lead: Shape = () if N is None else (N,)
    return LayerShapes(n=n_, m=m_, batch=N, x=(*lead, n_), W=(m_, n_), b=(m_,), y=(*lead, m_))


def network_shapes(sizes: Sequence[int]) -> list[tuple[Shape, Shape]]:
    r"""Shapes of every layer's :math:`W^{(i)}` and :math:`b^{(i)}` (网络各层的形状) from the layer sizes.

    For sizes :math:`(n_0, n_1, \dots, n_L)` (input size first), layer
    :math:`i` has :math:`W^{(i)} \in \mathbb{R}^{n_i \times n_{i-1}}` and
    :math:`b^{(i)} \in \mathbb{R}^{n_i}`.

    Parameters
    ----------
    sizes : sequence of int
        At least two sizes, each ``>= 1``.

    Returns
    -------
    list of (W shape, b shape), one per layer

    """
    ns = [as_count(f"sizes[{k}]", s, minimum=1) for k, s in enumerate(sizes)]
    if len(ns) < 2:
        raise ValueError(f"a network needs at least two sizes (inputs and one layer), got {list(sizes)}")
    return [((ns[i], ns[i - 1]), (ns[i],)) for i in range(1, len(ns))]


def count_parameters(sizes: Sequence[int]) -> int:
    r"""Number of parameters of a network (网络的参数个数) from its layer sizes.

    .. math:: P = \sum_{i=1}^{L} \big(n_i\, n_{i-1} + n_i\big) = \sum_{i=1}^{L} n_i (n_{i-1} + 1)

    Examples
    --------
    >>> count_parameters([2, 3])
    9
    >>> count_parameters([784, 128, 10])
    101770

    """
    return sum(int(np.prod(W)) + int(np.prod(b)) for W, b in network_shapes(sizes))


@dataclass(frozen=True)
class ShapeCheck:
    """Whether ``x``, ``W`` and ``b`` of given shapes fit together (形状检查).

    Attributes
    ----------
    ok : bool
    y : tuple of int or None
        The output's shape when they fit.
    error : str
        The message of the :class:`ValueError` raised by :func:`nnmath.linear` ("" if none).
    explanation : str
        The same in plain Chinese, saying which sizes must agree and why ("" if none).

    """

    ok: bool
    y: Shape | None
    error: str
    explanation: str


def check_shapes(x: Shape, W: Shape, b: Shape) -> ShapeCheck:
    """Try :func:`nnmath.linear` on arrays of these shapes and explain what goes wrong (形状不匹配的解释).

    The arrays are zeros: only their shapes matter. The error is exactly the
    one :func:`nnmath.linear` raises; the explanation says in Chinese which
    two numbers must be equal.

    Parameters
    ----------
    x, W, b : tuple of int
        Shapes of the input (``(n,)`` or ``(N, n)``), the weights and the biases.

    Returns
    -------
    ShapeCheck

    """
    shapes = {"x": tuple(x), "W": tuple(W), "b": tuple(b)}
    for name, shape in shapes.items():
        for k, s in enumerate(shape):
            as_count(f"{name} shape[{k}]", s, minimum=1)
    try:
        y = linear(np.zeros(shapes["x"]), np.zeros(shapes["W"]), np.zeros(shapes["b"]))
    except ValueError as exc:
        return ShapeCheck(ok=False, y=None, error=str(exc), explanation=_explain(**shapes))
    return ShapeCheck(ok=True, y=tuple(y.shape), error="", explanation="")


def _explain(x: Shape, W: Shape, b: Shape) -> str:
    if len(W) != 2:
        return f"W 必须是矩阵（二维），这里的形状是 {W}：每个神经元占一行，每个输入占一列。"
    if len(x) not in (1, 2):
        return f"x 必须是一个向量 (n,) 或一批向量组成的矩阵 (N, n)，这里的形状是 {x}。"
    m, n = W
    if x[-1] != n:
        return (
            f"x 的每个样本有 {x[-1]} 个数，而 W 的每一行（每个神经元）有 {n} 个权重。"
            f"神经元把 j 号权重乘以 j 号输入再相加，所以这两个数必须相等：x 的最后一维要等于 W 的列数 {n}。"
        )
    return f"b 的形状是 {b}，而 W 有 {m} 行，即 {m} 个神经元。每个神经元恰好有一个偏置，所以 b 必须是 ({m},)。"
