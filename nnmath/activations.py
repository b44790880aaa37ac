r"""Activation functions and their derivatives (激活函数, 第 2 章).

ReLU, sigmoid and tanh act element by element: :math:`\sigma(x)_i` depends on
:math:`x_i` alone, so their derivative is one number per element. Softmax is
different: every output depends on every input of the vector, so its
derivative is a matrix (the Jacobian, 雅可比矩阵).

All functions are written so that inputs such as ±1000, and any float up to
the largest, give exact limits (0 or 1) with no overflow warning. A NaN input
gives NaN in its place (NaN in, NaN out), never a number that looks valid.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array


def relu(x: ArrayLike) -> Array:
    r"""Rectified linear unit (ReLU, 修正线性单元) :math:`\sigma(x) = \max(0, x)`, element-wise.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, same shape as ``x``

    """
    return np.maximum(0.0, as_array("x", x))


def relu_grad(x: ArrayLike) -> Array:
    r"""Derivative of ReLU (ReLU 的导数), element-wise.

    .. math:: \sigma'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    ReLU has no derivative at exactly 0; like most libraries we use 0 there.
    NaN gives NaN (not 0).
    """
    x_arr = as_array("x", x)
    return np.where(np.isnan(x_arr), np.nan, (x_arr > 0).astype(np.float64))


def sigmoid(x: ArrayLike) -> Array:
    r"""Sigmoid, the "compressor" (Sigmoid 函数, 压缩器) :math:`\sigma(x) = \dfrac{1}{1 + e^{-x}}`, element-wise.

    Computed as :math:`1/(1+e^{-|x|})` or :math:`e^{-|x|}/(1+e^{-|x|})`
    depending on the sign, so :math:`e^{t}` is only taken for :math:`t \le 0`
    and never overflows. Mathematically the result lies in (0, 1); in
    float64 it rounds to exactly 1.0 for :math:`x \gtrsim 37` and underflows
    to 0.0 below about -745.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, same shape as ``x``

    """
    x_arr = as_array("x", x)
    e = np.exp(-np.abs(x_arr))
    return np.where(x_arr >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x: ArrayLike) -> Array:
    r"""Derivative of the sigmoid (Sigmoid 的导数) :math:`\sigma'(x) = \sigma(x)\,(1 - \sigma(x))`, element-wise."""
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x: ArrayLike) -> Array:
    r"""Hyperbolic tangent (双曲正切), element-wise.

    .. math:: \tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1
    """
    return np.tanh(as_array("x", x))


def tanh_grad(x: ArrayLike) -> Array:
    r"""Derivative of tanh (tanh 的导数) :math:`\tanh'(x) = 1 - \tanh^2 x`, element-wise."""
    t = tanh(x)
    return 1.0 - t * t


def softmax(x: ArrayLike) -> Array:
    r"""Softmax, the "talent show" (Softmax 函数, 选秀) along the last axis.

    .. math:: \operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}
              = \frac{e^{x_i - c}}{\sum_j e^{x_j - c}}, \qquad c = \max_j x_j

    Subtracting the maximum :math:`c` changes nothing mathematically (the
    factor :math:`e^{-c}` cancels) but keeps every exponent :math:`\le 0`, so
    inputs like 1000, or scores spread wider than the largest float, do not
    overflow. Infinite scores give the limit: the :math:`+\infty` entries of a
    row share the probability equally (a row of :math:`-\infty` is uniform,
    like any row of equal scores); a row with a NaN is NaN.

    Parameters
    ----------
    x : array_like, shape (..., k)
        A vector of scores, or any stack of them along the leading axes (a
        batch ``(N, k)`` holds one vector per row), as in numpy, SciPy and PyTorch.

    Returns
    -------
    ndarray, same shape as ``x``
        Non-negative numbers summing to 1 along the last axis.

    """
    x_arr = as_array("x", x)
    if x_arr.ndim == 0:
        raise ValueError(f"x must have at least 1 dimension (the scores), got shape {x_arr.shape}")
    if x_arr.shape[-1] == 0:
        raise ValueError(f"softmax needs at least one score, got shape {x_arr.shape}")
    top = x_arr.max(axis=-1, keepdims=True)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(x_arr - top)  # a spread beyond the largest float gives exp(-inf) = 0, the right limit
        s = e / e.sum(axis=-1, keepdims=True)
        if np.any(np.isinf(top)):
            ties = (x_arr == top).astype(np.float64)  # the entries at an infinite maximum share the probability
            s = np.where(np.isinf(top), ties / ties.sum(axis=-1, keepdims=True), s)
    return s


def softmax_jacobian(x: ArrayLike) -> Array:
    r"""Jacobian of softmax (Softmax 的雅可比矩阵).

    With :math:`s = \operatorname{softmax}(x)`,

    .. math:: \frac{\partial s_i}{\partial x_j} = s_i(\delta_{ij} - s_j),
              \qquad J = \operatorname{diag}(s) - s s^\top .

    Parameters
    ----------
    x : array_like, shape (..., k)
        Scores along the last axis, as for :func:`softmax`.

    Returns
    -------
    ndarray, shape (..., k, k)
        ``J[..., i, j]`` is the derivative of output ``i`` by input ``j``.

    """
    s = softmax(x)
    eye = np.eye(s.shape[-1])
    return s[..., :, None] * (eye - s[..., None, :])
