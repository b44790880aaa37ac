r"""A multilayer perceptron written from scratch (多层感知机, 第 6 章).

The network of the book, in the notation of chapter 1: for layers
:math:`i = 1, \dots, L`,

.. math:: y^{(i)} = W^{(i)} x^{(i-1)} + b^{(i)}, \qquad x^{(i)} = f\big(y^{(i)}\big), \qquad x^{(0)} = x,

with :math:`W^{(i)}` of shape (neurons of layer :math:`i`) × (outputs of
layer :math:`i-1`). The hidden activation :math:`f` is ReLU, sigmoid or tanh;
the output layer is either a sigmoid :math:`p = \sigma(y^{(L)})` scored with
binary cross-entropy, or the identity :math:`p = y^{(L)}` scored with the
mean squared error.

:meth:`MLP.gradients` is backpropagation (反向传播): the chain rule applied
from the loss back to the first layer, one :func:`nnmath.linear_backward`
and one activation derivative per layer. :meth:`MLP.fit` is the gradient
descent of chapter 4 (:func:`nnmath.gradient_descent`) on all the
parameters at once; a run that blows up is reported in its trajectory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_count
from nnmath.activations import relu, relu_grad, sigmoid, sigmoid_grad, tanh, tanh_grad
from nnmath.descent import Trajectory, gradient_descent
from nnmath.linear import linear, linear_backward
from nnmath.losses import (
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    mse,
    mse_grad,
)

Activation = Literal["relu", "sigmoid", "tanh"]
Output = Literal["sigmoid", "identity"]

#: Hidden activations and their derivatives (激活函数及其导数), by name.
ACTIVATIONS: dict[str, tuple[Callable[[ArrayLike], Array], Callable[[ArrayLike], Array]]] = {
    "relu": (relu, relu_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
}


def best_linear_fit(X: ArrayLike, t: ArrayLike) -> tuple[Array, Array, float]:
    r"""The best linear model by least squares (最小二乘意义下最好的线性模型) and its loss floor.

    Among all :math:`\hat t = Wx + b`, the one with the smallest mean squared
    error solves the normal equations
    :math:`\tilde X^\top \tilde X\, \theta = \tilde X^\top t` with
    :math:`\tilde X = [X \;\; 1]` (a column of ones carries the bias):

    .. math:: \theta^\ast = \arg\min_\theta \frac{1}{K} \lVert \tilde X \theta - t \rVert^2,
              \qquad L_{\min} = \frac{1}{K} \lVert \tilde X \theta^\ast - t \rVert^2 .

    No linear model, however it is trained, has a smaller loss than :math:`L_{\min}`.

    Parameters
    ----------
    X : array_like, shape (N, n)
        Inputs, one per row.
    t : array_like, shape (N,) or (N, m)
        Targets; a 1-D ``t`` is one output (:math:`m = 1`).

    Returns
    -------
    W : ndarray, shape (m, n)
    b : ndarray, shape (m,)
    loss : float
        :math:`L_{\min}`, the mean squared error of the best model (as :func:`nnmath.mse`).

    """
    X_arr = as_array("X", X, ndim=(2,))
    t_arr = as_array("t", t, ndim=(1, 2))
    T = t_arr.reshape(-1, 1) if t_arr.ndim == 1 else t_arr
    if T.shape[0] != X_arr.shape[0] or X_arr.shape[0] == 0:
        raise ValueError(
            f"X must have shape (N, n) and t shape (N,) or (N, m) with N > 0, got {X_arr.shape} and {t_arr.shape}"
        )
    X_tilde = np.column_stack([X_arr, np.ones(X_arr.shape[0])])
    theta = np.linalg.lstsq(X_tilde, T, rcond=None)[0]
    W, b = theta[:-1].T, theta[-1]
    return W, b, mse(linear(X_arr, W, b), T)


class MLP:
    r"""A multilayer perceptron (多层感知机) trained by backpropagation and gradient descent.

    Parameters
    ----------
    sizes : sequence of int
        Layer sizes from input to output, e.g. ``(2, 2, 1)`` for 2 inputs,
        2 hidden neurons and 1 output. At least two entries.
    activation : {"relu", "sigmoid", "tanh"}
        The hidden layers' activation :math:`f`.
    output : {"sigmoid", "identity"}
        ``"sigmoid"``: :math:`p = \sigma(y^{(L)})` scored with
        :func:`binary_cross_entropy`; ``"identity"``: :math:`p = y^{(L)}`
        scored with :func:`nnmath.mse`.
    seed : int
        Seed of the initial weights: the same seed gives the same network.
    scale : float
        Initial weights are drawn as :math:`W^{(i)}_{jk} \sim \mathcal N(0, \text{scale}^2 / n_{i-1})`;
        the biases start at 0.

    Attributes
    ----------
    weights : list of ndarray
        :math:`W^{(1)}, \dots, W^{(L)}`; ``weights[i]`` has shape ``(sizes[i+1], sizes[i])``.
    biases : list of ndarray
        :math:`b^{(1)}, \dots, b^{(L)}`; ``biases[i]`` has shape ``(sizes[i+1],)``.

    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: Activation = "tanh",
        output: Output = "sigmoid",
        seed: int = 0,
        scale: float = 1.0,
    ) -> None:
        self.sizes = tuple(as_count("sizes", s, minimum=1) for s in sizes)
        if len(self.sizes) < 2:
            raise ValueError(f"sizes needs at least an input and an output size, got {tuple(sizes)}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        if output not in ("sigmoid", "identity"):
            raise ValueError(f"output must be 'sigmoid' or 'identity', got {output!r}")
        if not (np.isfinite(scale) and scale >= 0):
            raise ValueError(f"scale must be a finite number >= 0, got {scale}")
        self.activation: Activation = activation
        self.output: Output = output
        self.seed = as_count("seed", seed)
        self.scale = float(scale)
        rng = np.random.default_rng(self.seed)
        pairs = zip(self.sizes[:-1], self.sizes[1:], strict=True)  # (n, m): inputs and neurons of each layer
        self.weights: list[Array] = [rng.normal(0.0, self.scale / np.sqrt(n), size=(m, n)) for n, m in pairs]
        self.biases: list[Array] = [np.zeros(m) for m in self.sizes[1:]]
        self.f, self.f_grad = ACTIVATIONS[activation]

    def __repr__(self) -> str:
        sizes = "-".join(str(s) for s in self.sizes)
        return f"MLP({sizes}, activation={self.activation!r}, output={self.output!r}, seed={self.seed})"

    # ---- inputs ------------------------------------------------------------------------------------------------

    def _inputs(self, X: ArrayLike) -> Array:
        X_arr = as_array("X", X, ndim=(2,))
        if X_arr.shape[1] != self.sizes[0]:
            raise ValueError(f"X must have shape (N, {self.sizes[0]}) for {self!r}, got {X_arr.shape}")
        return X_arr

    def _targets(self, t: ArrayLike, N: int) -> Array:
        """Targets as (N, m); a 1-D ``t`` of length N is accepted when the network has one output."""
        t_arr = as_array("t", t, ndim=(1, 2))
        m = self.sizes[-1]
        if t_arr.ndim == 1 and m == 1 and t_arr.shape == (N,):
            return t_arr.reshape(N, 1)
        if t_arr.shape != (N, m):
            expected = f"({N}, {m})" + (f" or ({N},)" if m == 1 else "")
            raise ValueError(f"t must have shape {expected} for X with {N} rows, got {t_arr.shape}")
        return t_arr

    # ---- forward -----------------------------------------------------------------------------------------------

    def trace(self, X: ArrayLike) -> tuple[list[Array], list[Array]]:
        r"""The forward pass, keeping every layer (前向传播的全部中间结果).

        Returns ``xs = [x^(0), ..., x^(L)]`` and ``ys = [y^(1), ..., y^(L)]``
        (``ys[i]`` is :math:`y^{(i+1)}`), one row per input. The last layer
        applies the output function instead of :math:`f`.
        """
        xs, ys = [self._inputs(X)], []
        last = len(self.weights) - 1
        for i, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            y = linear(xs[-1], W, b)  # y^(i) = W^(i) x^(i-1) + b^(i)
            ys.append(y)
            if i < last:
                xs.append(self.f(y))  # x^(i) = f(y^(i))
            else:
                xs.append(sigmoid(y) if self.output == "sigmoid" else y)  # p = σ(y^(L)) or y^(L)
        return xs, ys

    def forward(self, X: ArrayLike) -> Array:
        r"""The network's output :math:`p = x^{(L)}` (前向传播), shape (N, ``sizes[-1]``)."""
        return self.trace(X)[0][-1]

    def hidden(self, X: ArrayLike, layer: int = 1) -> Array:
        r"""The hidden layer's view :math:`x^{(i)}` of the inputs (隐藏层看到的点), ``layer`` :math:`= i \ge 1`."""
        if not 1 <= layer < len(self.sizes) - 1:
            raise ValueError(f"layer must be a hidden layer in [1, {len(self.sizes) - 2}], got {layer}")
        return self.trace(X)[0][layer]

    def predict(self, X: ArrayLike) -> Array:
        """Predicted classes (预测的类别): 1 where the output is above 0.5, else 0; shape (N, m)."""
        return (self.forward(X) > 0.5).astype(np.float64)

    def accuracy(self, X: ArrayLike, t: ArrayLike) -> float:
        """Fraction of outputs whose predicted class equals the target (准确率)."""
        X_arr = self._inputs(X)
        return float(np.mean(self.predict(X_arr) == self._targets(t, X_arr.shape[0])))

    # ---- loss and backpropagation ------------------------------------------------------------------------------

    def loss(self, X: ArrayLike, t: ArrayLike) -> float:
        r"""The loss :math:`L` on the batch (损失): binary cross-entropy or mean squared error."""
        X_arr = self._inputs(X)
        T = self._targets(t, X_arr.shape[0])
        xs, ys = self.trace(X_arr)
        if self.output == "sigmoid":
            return binary_cross_entropy_with_logits(ys[-1], T)
        return mse(xs[-1], T)

    def gradients(self, X: ArrayLike, t: ArrayLike) -> tuple[list[Array], list[Array]]:
        r"""Backpropagation (反向传播): :math:`\partial L/\partial W^{(i)}` and :math:`\partial L/\partial b^{(i)}`.

        With the error term (误差项) :math:`\delta^{(i)} = \partial L / \partial y^{(i)}`:

        .. math::
            \delta^{(L)} = \frac{p - t}{K}\ \text{(sigmoid + cross-entropy)} \quad\text{or}\quad
            \frac{2 (p - t)}{K}\ \text{(identity + MSE)},

            \frac{\partial L}{\partial W^{(i)}} = \sum_k \delta^{(i)}_k\, x^{(i-1)\top}_k, \qquad
            \frac{\partial L}{\partial b^{(i)}} = \sum_k \delta^{(i)}_k,

            \delta^{(i-1)} = \big(W^{(i)\top} \delta^{(i)}\big) \odot f'\big(y^{(i-1)}\big),

        where :math:`k` runs over the rows of the batch and :math:`\odot` multiplies element by element.

        Returns
        -------
        dW, db : list of ndarray
            Same shapes as :attr:`weights` and :attr:`biases`.

        """
        X_arr = self._inputs(X)
        xs, ys = self.trace(X_arr)
        return self._backpropagate(xs, ys, self._targets(t, X_arr.shape[0]))

    def _backpropagate(self, xs: list[Array], ys: list[Array], T: Array) -> tuple[list[Array], list[Array]]:
        """Backpropagation from a forward pass already made (see :meth:`gradients`)."""
        if self.output == "sigmoid":
            delta = binary_cross_entropy_with_logits_grad(ys[-1], T)  # δ^(L) = (p - t)/K
        else:
            delta = mse_grad(xs[-1], T)  # δ^(L) = 2(p - t)/K
        dW: list[Array] = [np.empty(0)] * len(self.weights)
        db: list[Array] = [np.empty(0)] * len(self.biases)
        for i in reversed(range(len(self.weights))):
            dx, dW[i], db[i] = linear_backward(xs[i], self.weights[i], delta)  # ∂L/∂x^(i-1), ∂L/∂W^(i), ∂L/∂b^(i)
            if i > 0:
                delta = dx * self.f_grad(ys[i - 1])  # δ^(i-1) = (W^(i)ᵀ δ^(i)) ⊙ f'(y^(i-1))
        return dW, db

    # ---- all parameters as one vector --------------------------------------------------------------------------

    @property
    def n_params(self) -> int:
        """Number of parameters (参数个数): every weight and every bias."""
        return sum(W.size + b.size for W, b in zip(self.weights, self.biases, strict=True))

    def params(self) -> Array:
        r"""All parameters as one vector :math:`(W^{(1)}, b^{(1)}, \dots, W^{(L)}, b^{(L)})` (参数向量), a copy."""
        return np.concatenate([a.ravel() for W, b in zip(self.weights, self.biases, strict=True) for a in (W, b)])

    def _unflatten(self, theta: Array) -> tuple[list[Array], list[Array]]:
        weights, biases, k = [], [], 0
        for W, b in zip(self.weights, self.biases, strict=True):
            weights.append(theta[k : k + W.size].reshape(W.shape))
            k += W.size
            biases.append(theta[k : k + b.size].copy())
            k += b.size
        return weights, biases

    def with_params(self, theta: ArrayLike) -> MLP:
        """A copy of this network with the parameters ``theta`` (as laid out by :meth:`params`)."""
        theta_arr = as_array("theta", theta, ndim=(1,))
        if theta_arr.shape != (self.n_params,):
            raise ValueError(f"theta must have shape ({self.n_params},) for {self!r}, got {theta_arr.shape}")
        other = MLP.__new__(MLP)
        other.__dict__.update(self.__dict__)
        other.weights, other.biases = self._unflatten(theta_arr.copy())
        return other

    def flat_gradient(self, X: ArrayLike, t: ArrayLike) -> Array:
        """:meth:`gradients` laid out as one vector, like :meth:`params`."""
        dW, db = self.gradients(X, t)
        return np.concatenate([a.ravel() for W, b in zip(dW, db, strict=True) for a in (W, b)])

    # ---- training ----------------------------------------------------------------------------------------------

    def fit(
        self,
        X: ArrayLike,
        t: ArrayLike,
        lr: float,
        epochs: int,
        tol: float = 1e-6,
        max_norm: float = 1e8,
    ) -> Trajectory:
        r"""Train by gradient descent (梯度下降训练) on the whole batch, ``epochs`` times.

        Every epoch is one step of chapter 4's rule on every parameter,
        :math:`W^{(i)} \leftarrow W^{(i)} - \eta\, \partial L/\partial W^{(i)}` and
        :math:`b^{(i)} \leftarrow b^{(i)} - \eta\, \partial L/\partial b^{(i)}`,
        with the gradients of :meth:`gradients`. The network ends at the
        last finite iterate.

        Returns
        -------
        Trajectory
            ``points[e]`` is the parameter vector after ``e`` epochs (see
            :meth:`params` and :meth:`with_params`), ``losses[e]`` its loss.
            A run that blows up stops and is reported there
            (``diverged_at``), never raised or warned.

        """
        X_arr = self._inputs(X)
        T = self._targets(t, X_arr.shape[0])
        epochs = as_count("epochs", epochs)

        memo: dict[str, Any] = {}

        def forward(theta: Array) -> tuple[MLP, list[Array], list[Array]]:
            # gradient_descent asks for L(θ) and then ∇L(θ) at the same θ: one forward pass serves both.
            key = theta.tobytes()
            if memo.get("key") != key:
                net = self.with_params(theta)
                memo.update(key=key, net=net, trace=net.trace(X_arr))
            return memo["net"], *memo["trace"]

        def loss(theta: Array) -> float:
            net, xs, ys = forward(theta)
            if net.output == "sigmoid":
                return binary_cross_entropy_with_logits(ys[-1], T)
            return mse(xs[-1], T)

        def grad(theta: Array) -> Array:
            net, xs, ys = forward(theta)
            dW, db = net._backpropagate(xs, ys, T)
            return np.concatenate([a.ravel() for W, b in zip(dW, db, strict=True) for a in (W, b)])

        with np.errstate(all="ignore"):
            run = gradient_descent(grad, self.params(), lr, epochs, loss=loss, tol=tol, max_norm=max_norm)
        self.weights, self.biases = self._unflatten(run.final.copy())
        return run

    def dead_units(self, X: ArrayLike) -> list[Array]:
        r"""Hidden units that are off for every input (对所有输入都“熄灭”的神经元).

        A unit of layer :math:`i` is dead when :math:`y^{(i)}_j \le 0` for every
        row of ``X``. With ReLU, :math:`f'(y) = 0` there, so no gradient
        reaches its weights and gradient descent can never revive it.

        Returns
        -------
        list of ndarray of bool
            One array per hidden layer, ``True`` for a dead unit.

        """
        _, ys = self.trace(X)
        return [np.all(y <= 0, axis=0) for y in ys[:-1]]
