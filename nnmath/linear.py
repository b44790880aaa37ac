r"""Linear transform of a layer (线性变换, 第 1 章).

The book writes a layer as

.. math:: y = Wx + b, \qquad W \in \mathbb{R}^{m \times n},\ x \in \mathbb{R}^{n},\ b \in \mathbb{R}^{m},

with one row of :math:`W` per neuron of the layer (``m`` neurons) and one
column per input (``n`` inputs). The source's worked example uses the
transposed, row-vector convention :math:`y = xw + b` with ``w`` of shape
``(n, m)``; :func:`linear_row` computes that form, and the two agree when
:math:`W = w^\top`.

Shapes are checked; values follow IEEE arithmetic, as numpy's ``@`` does but
without its warnings: a result beyond the largest float (about
:math:`1.8 \times 10^{308}`) is :math:`\pm\infty`, and a NaN or an
:math:`\infty - \infty` gives NaN, so that a computation that blew up shows
in its result.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array


def _check_layer(x: Array, W: Array, b: Array, w_name: str, n_axis: int) -> None:
    n_in = W.shape[n_axis]
    m_out = W.shape[1 - n_axis]
    if x.shape[-1] != n_in:
        raise ValueError(f"x has {x.shape[-1]} inputs (shape {x.shape}) but {w_name} of shape {W.shape} expects {n_in}")
    if b.shape != (m_out,):
        raise ValueError(f"b must have shape ({m_out},) to match {w_name} {W.shape}, got {b.shape}")


def linear(x: ArrayLike, W: ArrayLike, b: ArrayLike) -> Array:
    r"""Linear transform of a layer (线性变换) :math:`y = Wx + b`.

    .. math:: y_i = \sum_{j=0}^{n-1} W_{ij}\, x_j + b_i, \qquad i = 0, \dots, m-1

    Parameters
    ----------
    x : array_like, shape (n,) or (N, n)
        One input vector, or a batch of ``N`` input vectors as rows.
    W : array_like, shape (m, n)
        Weight matrix (权重矩阵): row ``i`` holds the weights of neuron ``i``.
    b : array_like, shape (m,)
        Bias vector (偏置向量).

    Returns
    -------
    ndarray, shape (m,) or (N, m)
        The layer's output, one row per input of the batch.

    Raises
    ------
    ValueError
        If the shapes do not fit together; the message names them.

    Examples
    --------
    >>> linear([2, 3], [[1, 0.5], [0.5, 2], [-1, -0.5]], [0.1, -0.2, 0])
    array([ 3.6,  6.8, -3.5])

    """
    x_arr = as_array("x", x, ndim=(1, 2))
    W_arr = as_array("W", W, ndim=(2,))
    b_arr = as_array("b", b, ndim=(1,))
    _check_layer(x_arr, W_arr, b_arr, "W", n_axis=1)
    with np.errstate(over="ignore", invalid="ignore"):
        return x_arr @ W_arr.T + b_arr


def linear_row(x: ArrayLike, w: ArrayLike, b: ArrayLike) -> Array:
    r"""Row-vector form of the linear transform (行向量写法) :math:`y = xw + b`.

    This is the convention of the source's worked example:

    .. math:: y_j = \sum_{i=0}^{n-1} x_i\, w_{ij} + b_j,

    with ``w`` of shape ``(n, m)``. It equals :func:`linear` with
    :math:`W = w^\top`.

    Parameters
    ----------
    x : array_like, shape (n,) or (N, n)
        Input row vector, or a batch of them.
    w : array_like, shape (n, m)
        Weights, one column per neuron.
    b : array_like, shape (m,)
        Bias vector (偏置向量).

    Returns
    -------
    ndarray, shape (m,) or (N, m)

    Raises
    ------
    ValueError
        If the shapes do not fit together.

    Examples
    --------
    >>> linear_row([2, 3], [[1, 0.5, -1], [0.5, 2, -0.5]], [0.1, -0.2, 0])
    array([ 3.6,  6.8, -3.5])

    """
    x_arr = as_array("x", x, ndim=(1, 2))
    w_arr = as_array("w", w, ndim=(2,))
    b_arr = as_array("b", b, ndim=(1,))
    _check_layer(x_arr, w_arr, b_arr, "w", n_axis=0)
    with np.errstate(over="ignore", invalid="ignore"):
        return x_arr @ w_arr + b_arr


def linear_backward(x: ArrayLike, W: ArrayLike, dy: ArrayLike) -> tuple[Array, Array, Array]:
    r"""Gradients of a linear layer (线性层的梯度), by the chain rule.

    Given :math:`\partial L/\partial y` for :math:`y = Wx + b`, returns

    .. math::
        \frac{\partial L}{\partial x} = W^\top \frac{\partial L}{\partial y},\qquad
        \frac{\partial L}{\partial W} = \frac{\partial L}{\partial y}\, x^\top,\qquad
        \frac{\partial L}{\partial b} = \frac{\partial L}{\partial y}.

    For a batch (rows of ``x`` and ``dy``) the parameter gradients are summed
    over the batch: :math:`\partial L/\partial W = \sum_k dy_k\, x_k^\top`.

    Parameters
    ----------
    x : array_like, shape (n,) or (N, n)
        The layer's input.
    W : array_like, shape (m, n)
        The layer's weights.
    dy : array_like, shape (m,) or (N, m)
        Gradient of the loss with respect to the layer's output.

    Returns
    -------
    dx : ndarray, same shape as ``x``
    dW : ndarray, shape (m, n)
    db : ndarray, shape (m,)

    """
    x_arr = as_array("x", x, ndim=(1, 2))
    W_arr = as_array("W", W, ndim=(2,))
    dy_arr = as_array("dy", dy, ndim=(1, 2))
    m, n = W_arr.shape
    if x_arr.shape[-1] != n:
        raise ValueError(f"x has shape {x_arr.shape} but W of shape {W_arr.shape} expects {n} inputs")
    if dy_arr.shape != (*x_arr.shape[:-1], m):
        raise ValueError(
            f"dy must have shape {(*x_arr.shape[:-1], m)} for x {x_arr.shape} and W {W_arr.shape}, got {dy_arr.shape}"
        )
    x2, dy2 = x_arr.reshape(-1, n), dy_arr.reshape(-1, m)
    with np.errstate(over="ignore", invalid="ignore"):
        return dy_arr @ W_arr, dy2.T @ x2, dy2.sum(axis=0)
