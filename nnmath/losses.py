r"""Loss functions and their gradients (损失函数).

A loss :math:`L` is one number saying how far the outputs :math:`y` (or
probabilities :math:`p`) are from the targets :math:`t`; training makes it smaller
(第 4 章). Each function states its exact formula: whether it is a mean or
a sum, and over what.

Targets and probabilities are checked (finite, in [0, 1], rows summing to 1
where they must be distributions; NaN never passes); predictions and scores
follow IEEE arithmetic, so a run that blew up gives an infinite or NaN loss
instead of an error. No function warns, even for the largest floats.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import (
    Array,
    as_array,
    require_distributions,
    require_finite,
    require_probabilities,
    require_same_shape,
)
from nnmath.activations import sigmoid

#: How far a row of predicted probabilities may sum from 1 (rounded or printed softmax outputs, and the
#: small steps of a numerical gradient check, stay well within it).
P_SUM_TOLERANCE = 1e-4


def _pair(a: ArrayLike, b: ArrayLike, names: tuple[str, str]) -> tuple[Array, Array]:
    """Both arguments as float arrays of one shape, not empty."""
    a_arr = as_array(names[0], a)
    b_arr = as_array(names[1], b)
    require_same_shape(names[0], a_arr, names[1], b_arr)
    if a_arr.size == 0:
        raise ValueError(f"the loss of an empty batch is undefined, got {names[0]} of shape {a_arr.shape}")
    return a_arr, b_arr


def _mean(terms: Array) -> float:
    """``np.mean(terms)``, or, when only the running sum overflows, the mean of ``terms / S`` (still exact)."""
    with np.errstate(over="ignore"):
        value = float(np.mean(terms))
    if np.isinf(value) and np.all(np.isfinite(terms)):
        value = float(np.sum(terms / terms.size))
    return value


def mse(y: ArrayLike, t: ArrayLike) -> float:
    r"""Mean squared error (均方误差, MSE), the mean over every element.

    .. math:: L = \frac{1}{S} \sum_{k=0}^{S-1} (y_k - t_k)^2

    where :math:`S` is the number of entries (for a batch of ``N`` outputs
    with ``m`` entries each, :math:`S = Nm`). There is no factor ½.

    Huge differences are scaled before squaring, so the loss is exact up to
    the largest float and :math:`+\infty` beyond it, without a warning. A
    non-finite prediction gives a non-finite loss (a run that blew up shows
    there).

    Parameters
    ----------
    y, t : array_like, the same shape
        Outputs :math:`y` and targets :math:`t` (finite).

    Raises
    ------
    ValueError
        If the shapes differ (no broadcasting), the arrays are empty or ``t``
        is not finite.

    """
    y_arr, t_arr = _pair(y, t, ("y", "t"))
    require_finite("t", t_arr)
    with np.errstate(over="ignore", invalid="ignore"):
        d = y_arr - t_arr
        value = float(np.mean(d**2))
        scale = float(np.max(np.abs(d)))
        if np.isinf(value) and np.isfinite(scale):
            value = scale * (scale * float(np.mean((d / scale) ** 2)))  # (d/s)^2 <= 1: nothing overflows early
    return value


def mse_grad(y: ArrayLike, t: ArrayLike) -> Array:
    r"""Gradient of :func:`mse` by the predictions (均方误差的梯度).

    .. math:: \frac{\partial L}{\partial y_k} = \frac{2}{S} (y_k - t_k)

    Beyond the largest float the entries are :math:`\pm\infty`, without a warning.
    """
    y_arr, t_arr = _pair(y, t, ("y", "t"))
    require_finite("t", t_arr)
    with np.errstate(over="ignore", invalid="ignore"):
        return 2.0 * (y_arr - t_arr) / y_arr.size


def _class_probabilities(p: ArrayLike, t: ArrayLike) -> tuple[Array, Array, int]:
    """Checks of :func:`cross_entropy`: probabilities ``p``, target distributions ``t``, and the batch size N."""
    p_arr, t_arr = _pair(p, t, ("p", "t"))
    if p_arr.ndim not in (1, 2):
        raise ValueError(f"p must be 1-D or 2-D, got shape {p_arr.shape}")
    require_distributions("p", p_arr, rtol=P_SUM_TOLERANCE)
    require_distributions("t", t_arr)
    return p_arr, t_arr, 1 if p_arr.ndim == 1 else p_arr.shape[0]


def cross_entropy(p: ArrayLike, t: ArrayLike) -> float:
    r"""Cross-entropy (交叉熵) of predicted probabilities, averaged over the batch.

    .. math:: L = -\frac{1}{N} \sum_{n=0}^{N-1} \sum_{j} t_{nj} \ln p_{nj}

    ``p`` holds probabilities (for example a softmax output) and ``t`` the
    targets, usually one-hot rows; terms with :math:`t_{nj} = 0` count as 0
    (the convention :math:`0 \ln 0 = 0`). A 1-D input is one sample
    (:math:`N = 1`). If the true class gets probability 0 the loss is
    :math:`+\infty`, returned without a warning.

    Parameters
    ----------
    p : array_like, shape (k,) or (N, k)
        Predicted probabilities: each row in [0, 1] and summing to 1 (within
        :data:`P_SUM_TOLERANCE`).
    t : array_like, same shape as ``p``
        Target probabilities (one-hot): each row in [0, 1] and summing to 1.

    Raises
    ------
    ValueError
        If the shapes differ or are empty, or a row of ``p`` or ``t`` is not a
        probability vector (NaN included).

    """
    p_arr, t_arr, n = _class_probabilities(p, t)
    with np.errstate(divide="ignore"):
        terms = t_arr * np.log(np.where(t_arr != 0, p_arr, 1.0))
    return float(-terms.sum() / n)


def cross_entropy_grad(p: ArrayLike, t: ArrayLike) -> Array:
    r"""Gradient of :func:`cross_entropy` by the probabilities (交叉熵的梯度).

    .. math:: \frac{\partial L}{\partial p_{nj}} = -\frac{1}{N}\,\frac{t_{nj}}{p_{nj}}

    (0 where :math:`t_{nj} = 0`; :math:`-\infty` where :math:`p_{nj}` is too small for
    the quotient to be a float, without a warning). The inputs are checked as
    in :func:`cross_entropy`. Combined with the softmax Jacobian this gives the
    famous :math:`\partial L / \partial z = (\operatorname{softmax}(z) - t)/N`.
    """
    p_arr, t_arr, n = _class_probabilities(p, t)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where(t_arr != 0, -t_arr / (n * p_arr), 0.0)


def _probabilities(p: ArrayLike, t: ArrayLike) -> tuple[Array, Array]:
    p_arr, t_arr = _pair(p, t, ("p", "t"))
    require_probabilities("p", p_arr)
    require_probabilities("t", t_arr)
    return p_arr, t_arr


def binary_cross_entropy(p: ArrayLike, t: ArrayLike) -> float:
    r"""Binary cross-entropy (二元交叉熵), the mean over every element.

    .. math:: L = -\frac{1}{S} \sum_{k=0}^{S-1} \big[t_k \ln p_k + (1 - t_k) \ln(1 - p_k)\big]

    ``p`` is the predicted probability of class 1 and ``t`` the target
    (0 or 1); :math:`S` is the number of entries. Terms with a zero factor
    count as 0 (:math:`0 \ln 0 = 0`); a confident wrong answer
    (:math:`p = 0` for :math:`t = 1`) gives :math:`+\infty`, without a warning.

    Raises
    ------
    ValueError
        If the shapes differ, the arrays are empty, or a value of ``p`` or
        ``t`` lies outside [0, 1] (NaN included).

    """
    p_arr, t_arr = _probabilities(p, t)
    with np.errstate(divide="ignore"):
        ones = t_arr * np.log(np.where(t_arr != 0, p_arr, 1.0))
        zeros = (1 - t_arr) * np.log(np.where(t_arr != 1, 1.0 - p_arr, 1.0))
    return float(-np.mean(ones + zeros))


def binary_cross_entropy_grad(p: ArrayLike, t: ArrayLike) -> Array:
    r"""Gradient of :func:`binary_cross_entropy` by the probabilities (二元交叉熵的梯度).

    .. math:: \frac{\partial L}{\partial p_k} = \frac{1}{S}\,\frac{p_k - t_k}{p_k (1 - p_k)}

    Infinite where :math:`p_k` is exactly 0 or 1 (or so close that the quotient
    is beyond the largest float) and differs from :math:`t_k`, returned without
    a warning; 0 where :math:`p_k = t_k`.
    """
    p_arr, t_arr = _probabilities(p, t)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        g = (p_arr - t_arr) / (p_arr * (1.0 - p_arr) * p_arr.size)
    return np.where(p_arr == t_arr, 0.0, g)


def _logits_and_bits(y: ArrayLike, t: ArrayLike) -> tuple[Array, Array]:
    y_arr, t_arr = _pair(y, t, ("y", "t"))
    require_probabilities("t", t_arr)
    return y_arr, t_arr


def binary_cross_entropy_with_logits(y: ArrayLike, t: ArrayLike) -> float:
    r"""Binary cross-entropy of :math:`p = \sigma(y)` computed from the logits :math:`y` (由 logit 计算的二元交叉熵).

    Putting :math:`p = 1/(1 + e^{-y})` into :func:`binary_cross_entropy`
    gives, term by term, :math:`\ln(1 + e^{y}) - t\,y`, so

    .. math:: L = \frac{1}{S} \sum_{k=0}^{S-1} \big[\ln(1 + e^{y_k}) - t_k y_k\big],

    computed as :math:`\max(y, 0) + \ln(1 + e^{-|y|})` so that it is exact
    and finite for any finite :math:`y` (no :math:`\ln 0`, no overflow; a
    mean beyond the largest float is :math:`+\infty`). An infinite logit gives
    the limit (0 if it points at the target, :math:`+\infty` otherwise), a NaN
    logit a NaN loss.

    Raises
    ------
    ValueError
        If the shapes differ, the arrays are empty, or ``t`` lies outside [0, 1] (NaN included).

    """
    y_arr, t_arr = _logits_and_bits(y, t)
    softplus = np.maximum(y_arr, 0.0) + np.log1p(np.exp(-np.abs(y_arr)))
    with np.errstate(invalid="ignore"):
        terms = softplus - t_arr * y_arr
    if np.any(np.isinf(y_arr)):
        # log(1 + e^y) - t y -> (1 - t) y as y -> +inf and -t y as y -> -inf: 0 when the factor is 0
        factor = np.where(y_arr > 0, 1.0 - t_arr, -t_arr)
        terms = np.where(np.isinf(y_arr), np.where(factor == 0, 0.0, np.inf), terms)
    return _mean(terms)


def binary_cross_entropy_with_logits_grad(y: ArrayLike, t: ArrayLike) -> Array:
    r"""Gradient of :func:`binary_cross_entropy_with_logits` by the logits (输出层的误差项).

    The chain rule through the sigmoid, :math:`\partial p/\partial y = p(1-p)`,
    cancels the denominator of :func:`binary_cross_entropy_grad`:

    .. math:: \frac{\partial L}{\partial y_k} = \frac{1}{S}\,\frac{p_k - t_k}{p_k(1-p_k)} \cdot p_k(1 - p_k)
              = \frac{p_k - t_k}{S}, \qquad p_k = \sigma(y_k).
    """
    y_arr, t_arr = _logits_and_bits(y, t)
    return (sigmoid(y_arr) - t_arr) / y_arr.size


def _logits_and_targets(z: ArrayLike, t: ArrayLike) -> tuple[Array, Array]:
    z_arr, t_arr = _pair(z, t, ("z", "t"))
    if z_arr.ndim not in (1, 2):
        raise ValueError(f"z must be 1-D or 2-D, got shape {z_arr.shape}")
    require_distributions("t", t_arr)
    return z_arr, t_arr


def softmax_cross_entropy_with_logits(z: ArrayLike, t: ArrayLike) -> float:
    r"""Softmax cross-entropy from scores (softmax 交叉熵), averaged over the batch.

    The cross-entropy of :math:`p = \operatorname{softmax}(z)` row by row:

    .. math:: L = -\frac{1}{N} \sum_{n=0}^{N-1} \sum_{j=0}^{K-1} t_{nj} \ln \operatorname{softmax}(z_n)_j,
              \qquad \ln \operatorname{softmax}(z_n)_j = z_{nj} - c_n - \ln \sum_{i} e^{z_{ni} - c_n},
              \quad c_n = \max_i z_{ni}.

    Computed from the scores with log-sum-exp, never through :math:`p`
    itself: huge scores give the exact loss with no overflow, and a wrong
    answer with probability that rounds to 0 gives a large finite loss,
    not :math:`+\infty`. A non-finite score gives a non-finite loss (a
    diverging run shows up there); it is not an error.

    Parameters
    ----------
    z : array_like, shape (K,) or (N, K)
        Scores (logits) of ``K`` classes; a 1-D ``z`` is one sample (:math:`N = 1`).
    t : array_like, same shape as ``z``
        Targets: every row a probability vector (in [0, 1], summing to 1), usually one-hot.

    Raises
    ------
    ValueError
        If the shapes differ or are empty, or a row of ``t`` is not a probability vector.

    """
    z_arr, t_arr = _logits_and_targets(z, t)
    n = 1 if z_arr.ndim == 1 else z_arr.shape[0]
    with np.errstate(invalid="ignore", over="ignore"):
        log_p = _log_softmax(z_arr)
        terms = np.where(t_arr != 0, t_arr * log_p, 0.0)  # 0 · ln p = 0, even where ln p = -inf
        return float(-(terms / n).sum())


def softmax_cross_entropy_with_logits_grad(z: ArrayLike, t: ArrayLike) -> Array:
    r"""Gradient of :func:`softmax_cross_entropy_with_logits` by the scores (输出层的误差项 p − t).

    The softmax Jacobian :math:`\partial p_i/\partial z_j = p_i(\delta_{ij} - p_j)` and the
    cross-entropy gradient :math:`-t_i/(N p_i)` combine, because every row of
    :math:`t` sums to 1, into

    .. math:: \frac{\partial L}{\partial z_{nj}} = \frac{p_{nj} - t_{nj}}{N},
              \qquad p_n = \operatorname{softmax}(z_n).

    Returns
    -------
    ndarray, same shape as ``z``

    """
    z_arr, t_arr = _logits_and_targets(z, t)
    n = 1 if z_arr.ndim == 1 else z_arr.shape[0]
    with np.errstate(invalid="ignore", over="ignore"):
        return (np.exp(_log_softmax(z_arr)) - t_arr) / n


def _log_softmax(z: Array) -> Array:
    """``ln softmax(z)`` along the last axis by log-sum-exp (only exponents <= 0, so no overflow)."""
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
