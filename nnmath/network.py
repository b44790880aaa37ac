r"""A multilayer perceptron written from scratch (多层感知机, 第 6、7 章).

The network of the book, in the notation of chapter 1: for layers
:math:`i = 1, \dots, D` (:math:`D` layers; :math:`L` is the loss),

.. math:: y^{(i)} = W^{(i)} x^{(i-1)} + b^{(i)}, \qquad x^{(i)} = f\big(y^{(i)}\big), \qquad x^{(0)} = x,

with :math:`W^{(i)}` of shape (neurons of layer :math:`i`) × (outputs of
layer :math:`i-1`). The hidden activation :math:`f` is ReLU, sigmoid or tanh.
The output layer is one of

- ``"sigmoid"``: :math:`p = \sigma(y^{(D)})` scored with binary cross-entropy (two classes);
- ``"softmax"``: :math:`p = \operatorname{softmax}(y^{(D)})` row by row, scored with cross-entropy
  against one-hot targets (:math:`K` classes, chapter 7);
- ``"identity"``: :math:`p = y^{(D)}` scored with the mean squared error.

Each of them is chosen so that the error term of the output layer is the
prediction minus the target, :math:`\delta^{(D)} = c\,(p - t)`.

:meth:`MLP.gradients` is backpropagation (反向传播): the chain rule applied
from the loss back to the first layer. :meth:`MLP.step` is one step of
gradient descent on a batch, and :meth:`MLP.fit` trains on the whole data
set (full batch, chapter 6) or on shuffled mini-batches (chapter 7); a run
that blows up is reported in its :class:`nnmath.Trajectory`, never raised.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Literal, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath._checks import (
    Array,
    as_array,
    as_count,
    as_real,
    require_distributions,
    require_finite,
    require_probabilities,
)
from nnmath.classification import minibatches, one_hot
from nnmath.descent import MAX_NORM, Trajectory, divergence_limit
from nnmath.fitting import solve_least_squares
from nnmath.linear import linear
from nnmath.losses import mse

Activation = Literal["relu", "sigmoid", "tanh"]
Output = Literal["sigmoid", "softmax", "identity"]

# The network's own arithmetic. Its inputs are checked once per call of a public method, so the layers
# below are plain numpy: the activations give the numbers of nnmath.activations to the last bit, the
# losses those of nnmath.losses to rounding (the tests compare them).


def _sigmoid(y: Array) -> Array:
    r""":math:`\sigma(y) = e^{\min(y, 0)} / (1 + e^{-|y|})`: both exponents :math:`\le 0`, so no overflow.

    The numbers of :func:`nnmath.sigmoid` (:math:`1/(1 + e^{-|y|})` for :math:`y \ge 0`,
    :math:`e^{-|y|}/(1 + e^{-|y|})` below), in one expression.
    """
    return np.exp(np.minimum(y, 0.0)) / (1.0 + np.exp(-np.abs(y)))


def _softmax(y: Array) -> Array:
    r"""Softmax of each row, :math:`e^{y_j - c} / \sum_i e^{y_i - c}` with :math:`c = \max_i y_i` (no overflow)."""
    e = np.exp(y - y.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _binary_cross_entropy(y: Array, p: Array, T: Array) -> float:
    r""":math:`\frac1K \sum [\log(1 + e^{y}) - t y]`; ``np.logaddexp(0, y)`` is :math:`\log(1 + e^y)`, no overflow."""
    return float((np.logaddexp(0.0, y) - T * y).sum() / y.size)


def _cross_entropy(y: Array, p: Array, T: Array) -> float:
    r""":math:`-\frac1N \sum t \log \operatorname{softmax}(y)`, by log-sum-exp; :math:`0 \cdot \log 0 = 0`."""
    shifted = y - y.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-(np.where(T != 0, T * log_p, 0.0) / y.shape[0]).sum())


def _mean_squared_error(y: Array, p: Array, T: Array) -> float:
    r""":math:`\frac1K \sum (p - t)^2`."""
    return float(((p - T) ** 2).sum() / p.size)


class OutputLayer(NamedTuple):
    r"""An output layer (输出层): its function :math:`p(y)`, its loss, and its error term :math:`\delta^{(D)}`.

    ``loss(y, p, t)`` scores the scores :math:`y = y^{(D)}` and outputs
    :math:`p`; ``delta(p, t)`` is :math:`\partial L / \partial y^{(D)}`.
    """

    #: The output function :math:`p = p(y^{(D)})`.
    p: Callable[[Array], Array]
    #: The loss ``loss(y, p, t)`` of a batch, a number.
    loss: Callable[[Array, Array, Array], float]
    #: The error term ``delta(p, t)`` :math:`= \partial L / \partial y^{(D)}`, one row per input.
    delta: Callable[[Array, Array], Array]


# The output layers (输出层), each with the loss it is scored with: the one place the pairs are chosen.
# Each pair makes the error term the prediction minus the target: δ^(D) = (p - t)/S for sigmoid with
# binary cross-entropy (S = N m outputs), (p - t)/N for softmax with cross-entropy, 2(p - t)/S for the
# identity with the mean squared error. The losses agree to rounding with nnmath.losses'
# binary_cross_entropy_with_logits, softmax_cross_entropy_with_logits and mse.
OUTPUTS: dict[str, OutputLayer] = {
    "sigmoid": OutputLayer(_sigmoid, _binary_cross_entropy, lambda p, T: (p - T) / p.size),
    "softmax": OutputLayer(_softmax, _cross_entropy, lambda p, T: (p - T) / p.shape[0]),
    "identity": OutputLayer(lambda y: y, _mean_squared_error, lambda p, T: 2.0 * (p - T) / p.size),
}

# Hidden activations (激活函数) by name: f (the numbers of nnmath.relu, nnmath.sigmoid, nnmath.tanh),
# and its derivative written through the output x = f(y) (用输出表示的导数): ReLU'(y) = [x > 0],
# σ'(y) = x(1 - x), tanh'(y) = 1 - x². Backpropagation reuses the forward pass's x instead of
# evaluating f again.
ACTIVATIONS: dict[str, tuple[Callable[[Array], Array], Callable[[Array], Array]]] = {
    "relu": (lambda y: np.maximum(0.0, y), lambda x: (x > 0).astype(np.float64)),
    "sigmoid": (_sigmoid, lambda x: x * (1.0 - x)),
    "tanh": (np.tanh, lambda x: 1.0 - x * x),
}


def best_linear_fit(X: ArrayLike, t: ArrayLike) -> tuple[Array, Array, float]:
    r"""The best linear model by least squares (最小二乘意义下最好的线性模型) and its loss floor.

    Among all :math:`y = Wx + b`, the one with the smallest mean squared
    error: :func:`nnmath.fitting.solve_least_squares` with
    :math:`A = [X \;\; 1]` (a column of ones carries the bias), one fit per
    output. No linear model, however it is trained, has a smaller loss than
    :math:`L_{\min} = \operatorname{mse}(XW^\top + b,\ T)` at this
    :math:`(W, b)`.

    Parameters
    ----------
    X : array_like, shape (N, n)
        Inputs, one per row (finite).
    t : array_like, shape (N,) or (N, m)
        Targets (finite); a 1-D ``t`` is one output (:math:`m = 1`).

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
    require_finite("X", X_arr)
    theta = solve_least_squares(np.column_stack([X_arr, np.ones(X_arr.shape[0])]), T)
    W, b = theta[:-1].T, theta[-1]
    return W, b, mse(linear(X_arr, W, b), T)


class MLP:
    r"""A multilayer perceptron (多层感知机) trained by backpropagation and gradient descent.

    Parameters
    ----------
    sizes : sequence of int
        Layer sizes from input to output, e.g. ``(2, 2, 1)`` for 2 inputs,
        2 hidden neurons and 1 output. At least two entries, each >= 1.
    activation : {"relu", "sigmoid", "tanh"}
        The hidden layers' activation :math:`f`.
    output : {"sigmoid", "softmax", "identity"}
        ``"sigmoid"``: :math:`p = \sigma(y^{(D)})` scored with binary
        cross-entropy, targets in [0, 1]; ``"softmax"``:
        :math:`p = \operatorname{softmax}(y^{(D)})` scored with cross-entropy,
        targets one-hot rows of shape (N, K) (:func:`nnmath.one_hot`), needs
        ``sizes[-1] >= 2``; ``"identity"``: :math:`p = y^{(D)}` scored with
        the mean squared error, any finite targets.
    seed : int
        Seed of the initial weights: the same seed gives the same network.
    scale : float
        Initial weights are drawn as :math:`W^{(i)}_{jk} \sim \mathcal N(0, \text{scale}^2 / n_{i-1})`;
        the biases start at 0.

    Attributes
    ----------
    weights : list of ndarray
        :math:`W^{(1)}, \dots, W^{(D)}`; ``weights[i]`` has shape ``(sizes[i+1], sizes[i])``.
    biases : list of ndarray
        :math:`b^{(1)}, \dots, b^{(D)}`; ``biases[i]`` has shape ``(sizes[i+1],)``.

    Notes
    -----
    Every method checks its inputs: ``X`` must be finite with ``sizes[0]``
    columns, ``t`` must suit the output (see ``output``). A batch with no
    rows has an output (:meth:`forward` returns an empty array), but no
    loss, gradient, accuracy or dead units: those raise ``ValueError``.

    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: Activation = "tanh",
        output: Output = "sigmoid",
        seed: int = 0,
        scale: float = 1.0,
    ) -> None:
        if isinstance(sizes, str | bytes) or not hasattr(sizes, "__iter__"):
            raise ValueError(f"sizes must be a sequence of layer sizes such as (2, 2, 1), got {sizes!r}")
        self.sizes = tuple(as_count("sizes", s, minimum=1) for s in sizes)
        if len(self.sizes) < 2:
            raise ValueError(f"sizes needs at least an input and an output size, got {self.sizes}")
        if not isinstance(activation, str) or activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        if not isinstance(output, str) or output not in OUTPUTS:
            raise ValueError(f"output must be one of {sorted(OUTPUTS)}, got {output!r}")
        if output == "softmax" and self.sizes[-1] < 2:
            raise ValueError(f"a softmax output needs at least 2 classes, got sizes {self.sizes}")
        self.activation: Activation = activation
        self.output: Output = output
        self.seed = as_count("seed", seed)
        self.scale = as_real("scale", scale, minimum=0.0)
        rng = np.random.default_rng(self.seed)
        pairs = zip(self.sizes[:-1], self.sizes[1:], strict=True)  # (n, m): inputs and neurons of each layer
        self.weights: list[Array] = [rng.normal(0.0, self.scale / np.sqrt(n), size=(m, n)) for n, m in pairs]
        self.biases: list[Array] = [np.zeros(m) for m in self.sizes[1:]]
        self.f, self.slope = ACTIVATIONS[activation]
        self.out = OUTPUTS[output]

    def __repr__(self) -> str:
        sizes = "-".join(str(s) for s in self.sizes)
        return f"MLP({sizes}, activation={self.activation!r}, output={self.output!r}, seed={self.seed})"

    # ---- input checks (once per call of a public method) -------------------------------------------------------

    def _inputs(self, X: ArrayLike) -> Array:
        X_arr = as_array("X", X, ndim=(2,))
        if X_arr.shape[1] != self.sizes[0]:
            raise ValueError(f"X must have shape (N, {self.sizes[0]}) for {self!r}, got {X_arr.shape}")
        require_finite("X", X_arr)
        return X_arr

    def _batch(self, X: ArrayLike, t: ArrayLike) -> tuple[Array, Array]:
        """Checked inputs (N, n) and targets (N, m) of a batch of at least one row."""
        X_arr = self._inputs(X)
        N, m = X_arr.shape[0], self.sizes[-1]
        if N == 0:
            raise ValueError("X is an empty batch (0 rows): its loss, gradients and accuracy are undefined")
        t_arr = as_array("t", t, ndim=(1, 2))
        if self.output == "softmax":
            if t_arr.shape != (N, m):
                raise ValueError(
                    f"t must be one-hot rows of shape ({N}, {m}) for X with {N} rows and {m} classes "
                    f"(nnmath.one_hot(labels, {m})), got {t_arr.shape}"
                )
            require_distributions("t", t_arr)
            return X_arr, t_arr
        T = t_arr.reshape(N, 1) if t_arr.ndim == 1 and m == 1 and t_arr.shape == (N,) else t_arr
        if T.shape != (N, m):
            expected = f"({N}, {m})" + (f" or ({N},)" if m == 1 else "")
            raise ValueError(f"t must have shape {expected} for X with {N} rows, got {t_arr.shape}")
        if self.output == "sigmoid":
            require_probabilities("t", T)
        else:
            require_finite("t", T)
        return X_arr, T

    def _parameters_ok(self) -> None:
        """Raise ``ValueError`` unless :attr:`weights` and :attr:`biases` have this network's shapes and are finite."""
        w_shapes = [(m, n) for n, m in zip(self.sizes[:-1], self.sizes[1:], strict=True)]
        b_shapes = [(m,) for m, _ in w_shapes]
        if [np.shape(W) for W in self.weights] != w_shapes or [np.shape(b) for b in self.biases] != b_shapes:
            raise ValueError(f"weights and biases must have the shapes {w_shapes} and {b_shapes} for {self!r}")
        for name, arrays in (("weights", self.weights), ("biases", self.biases)):
            for a in arrays:
                require_finite(name, np.asarray(a, dtype=np.float64))

    # ---- forward -----------------------------------------------------------------------------------------------

    def trace(self, X: ArrayLike) -> tuple[list[Array], list[Array]]:
        r"""The forward pass, keeping every layer (前向传播的全部中间结果).

        Returns ``xs = [x^(0), ..., x^(D)]`` and ``ys = [y^(1), ..., y^(D)]``
        (``ys[i]`` is :math:`y^{(i+1)}`), one row per input. The last layer
        applies the output function instead of :math:`f`, so ``xs[-1]`` is :math:`p`.
        """
        X_arr = self._inputs(X)
        with np.errstate(all="ignore"):  # huge weights give inf/NaN outputs, not warnings
            return self._trace(X_arr)

    def _trace(self, X: Array) -> tuple[list[Array], list[Array]]:
        """The forward pass of :meth:`trace` on checked inputs."""
        xs, ys = [X], []
        for W, b in zip(self.weights[:-1], self.biases[:-1], strict=True):  # the hidden layers
            ys.append(xs[-1] @ W.T + b)  # y^(i) = W^(i) x^(i-1) + b^(i), one row per input
            xs.append(self.f(ys[-1]))  # x^(i) = f(y^(i))
        ys.append(xs[-1] @ self.weights[-1].T + self.biases[-1])  # y^(D)
        xs.append(self.out.p(ys[-1]))  # p = σ(y^(D)), softmax(y^(D)) row by row, or y^(D)
        return xs, ys

    def forward(self, X: ArrayLike) -> Array:
        r"""The network's output :math:`p = x^{(D)}` (前向传播), shape (N, ``sizes[-1]``)."""
        return self.trace(X)[0][-1]

    def hidden(self, X: ArrayLike, layer: int = 1) -> Array:
        r"""The hidden layer's view :math:`x^{(i)}` of the inputs (隐藏层看到的点), ``layer`` :math:`= i \ge 1`."""
        hidden_layers = len(self.sizes) - 2
        if isinstance(layer, bool) or not isinstance(layer, int | np.integer) or not 1 <= layer <= hidden_layers:
            raise ValueError(f"layer must be a hidden layer in [1, {hidden_layers}], got {layer!r}")
        return self.trace(X)[0][layer]

    def classify(self, X: ArrayLike) -> NDArray[np.int64]:
        r"""Predicted class labels (预测的类别), shape (N,).

        Softmax output: the class of highest probability, :math:`\arg\max_k p_k`.
        One output (sigmoid or identity): 1 where :math:`p > 0.5`, else 0.
        """
        p = self.forward(X)
        if self.output == "softmax":
            return np.argmax(p, axis=1)
        if self.sizes[-1] != 1:
            raise ValueError(f"classify needs a softmax output or a single output, got {self!r}")
        return (p[:, 0] > 0.5).astype(np.int64)

    def predict(self, X: ArrayLike) -> Array:
        """Predicted targets (预测), shape (N, m): 1 where the output is above 0.5, else 0; one-hot rows for softmax."""
        if self.output == "softmax":
            return one_hot(self.classify(X), self.sizes[-1])
        return (self.forward(X) > 0.5).astype(np.float64)

    def accuracy(self, X: ArrayLike, t: ArrayLike) -> float:
        r"""Accuracy (准确率) on a batch of at least one row.

        Softmax output: the fraction of rows whose predicted class is the
        target's, :math:`\arg\max_k t_k`. Otherwise: the fraction of the
        outputs whose :meth:`predict` equals the target.
        """
        X_arr, T = self._batch(X, t)
        if self.output == "softmax":
            return float(np.mean(self.classify(X_arr) == np.argmax(T, axis=1)))
        return float(np.mean(self.predict(X_arr) == T))

    # ---- loss and backpropagation ------------------------------------------------------------------------------

    def _loss(self, xs: list[Array], ys: list[Array], T: Array) -> float:
        """The loss of a forward pass: the one the output layer is paired with (``OUTPUTS``)."""
        return self.out.loss(ys[-1], xs[-1], T)

    def loss(self, X: ArrayLike, t: ArrayLike) -> float:
        r"""The loss :math:`L` on the batch (损失): binary cross-entropy, cross-entropy or mean squared error."""
        X_arr, T = self._batch(X, t)
        with np.errstate(all="ignore"):
            xs, ys = self._trace(X_arr)
            return self._loss(xs, ys, T)

    def gradients(self, X: ArrayLike, t: ArrayLike) -> tuple[list[Array], list[Array]]:
        r"""Backpropagation (反向传播): :math:`\partial L/\partial W^{(i)}` and :math:`\partial L/\partial b^{(i)}`.

        With the error term (误差项) :math:`\delta^{(i)} = \partial L / \partial y^{(i)}`:

        .. math::
            \delta^{(D)} = \frac{p - t}{S}\ \text{(sigmoid)}, \quad \frac{p - t}{N}\ \text{(softmax)}
            \quad\text{or}\quad \frac{2 (p - t)}{S}\ \text{(identity)},

            \frac{\partial L}{\partial W^{(i)}} = \sum_k \delta^{(i)}_k\, x^{(i-1)\top}_k, \qquad
            \frac{\partial L}{\partial b^{(i)}} = \sum_k \delta^{(i)}_k,

            \delta^{(i-1)} = \big(W^{(i)\top} \delta^{(i)}\big) \odot f'\big(y^{(i-1)}\big),

        where :math:`k` runs over the :math:`N` rows of the batch, :math:`S = N m`
        counts every output and :math:`\odot` multiplies element by element.

        Returns
        -------
        dW, db : list of ndarray
            Same shapes as :attr:`weights` and :attr:`biases`.

        """
        X_arr, T = self._batch(X, t)
        with np.errstate(all="ignore"):
            return self._backpropagate(*self._trace(X_arr), T)

    def _backpropagate(self, xs: list[Array], ys: list[Array], T: Array) -> tuple[list[Array], list[Array]]:
        """Backpropagation from a forward pass already made (see :meth:`gradients`)."""
        delta = self.out.delta(xs[-1], T)  # δ^(D) = ∂L/∂y^(D): (p - t)/S, (p - t)/N or 2(p - t)/S
        dW, db = [], []
        for i in reversed(range(len(self.weights))):
            dW.append(delta.T @ xs[i])  # ∂L/∂W^(i) = Σ_k δ_k x_kᵀ
            db.append(delta.sum(axis=0))  # ∂L/∂b^(i) = Σ_k δ_k
            if i > 0:  # δ^(i-1) = (W^(i)ᵀ δ^(i)) ⊙ f'(y^(i-1)), with f'(y^(i-1)) written through x^(i-1)
                delta = (delta @ self.weights[i]) * self.slope(xs[i])
        return dW[::-1], db[::-1]

    # ---- all parameters as one vector --------------------------------------------------------------------------

    @property
    def n_params(self) -> int:
        """Number of parameters (参数个数): every weight and every bias."""
        return sum(m * n + m for n, m in zip(self.sizes[:-1], self.sizes[1:], strict=True))

    @staticmethod
    def _flatten(weights: list[Array], biases: list[Array]) -> Array:
        r"""The layout of every parameter vector: :math:`(W^{(1)}, b^{(1)}, \dots, W^{(D)}, b^{(D)})`, row by row."""
        return np.concatenate([a.ravel() for W, b in zip(weights, biases, strict=True) for a in (W, b)])

    def _unflatten(self, theta: Array) -> tuple[list[Array], list[Array]]:
        """Views of ``theta`` (laid out by :meth:`_flatten`) shaped as the weights and biases."""
        weights, biases, k = [], [], 0
        for n, m in zip(self.sizes[:-1], self.sizes[1:], strict=True):
            weights.append(theta[k : k + m * n].reshape(m, n))
            biases.append(theta[k + m * n : k + m * n + m])
            k += m * n + m
        return weights, biases

    def params(self) -> Array:
        r"""All parameters as one vector :math:`(W^{(1)}, b^{(1)}, \dots, W^{(D)}, b^{(D)})` (参数向量), a copy."""
        return self._flatten(self.weights, self.biases)

    def with_params(self, theta: ArrayLike) -> MLP:
        """A copy of this network with the parameters ``theta`` (as laid out by :meth:`params`)."""
        theta_arr = as_array("theta", theta, ndim=(1,))
        if theta_arr.shape != (self.n_params,):
            raise ValueError(f"theta must have shape ({self.n_params},) for {self!r}, got {theta_arr.shape}")
        require_finite("theta", theta_arr)
        other = MLP(self.sizes, self.activation, self.output, self.seed, self.scale)
        other.weights, other.biases = other._unflatten(theta_arr.copy())
        return other

    def flat_gradient(self, X: ArrayLike, t: ArrayLike) -> Array:
        """:meth:`gradients` laid out as one vector, like :meth:`params`."""
        return self._flatten(*self.gradients(X, t))

    # ---- training ----------------------------------------------------------------------------------------------

    def _loss_and_gradient(self, X: Array, T: Array, with_loss: bool = True) -> tuple[float, Array]:
        """One forward and one backward pass on checked arrays: the loss (NaN if not asked) and the flat gradient."""
        xs, ys = self._trace(X)
        loss = self._loss(xs, ys, T) if with_loss else math.nan
        return loss, self._flatten(*self._backpropagate(xs, ys, T))

    def step(self, X: ArrayLike, t: ArrayLike, lr: float) -> float:
        r"""One step of gradient descent on the batch (一步梯度下降), in place.

        :math:`W^{(i)} \leftarrow W^{(i)} - \eta\, \partial L/\partial W^{(i)}` and
        :math:`b^{(i)} \leftarrow b^{(i)} - \eta\, \partial L/\partial b^{(i)}` for every layer,
        with the gradients of :meth:`gradients` on ``(X, t)``.

        Returns
        -------
        float
            The loss on the batch before the step (not finite if the network has blown up).

        """
        X_arr, T = self._batch(X, t)
        lr = as_real("lr", lr, positive=True)
        with np.errstate(all="ignore"):
            xs, ys = self._trace(X_arr)
            loss = self._loss(xs, ys, T)
            dW, db = self._backpropagate(xs, ys, T)
            self.weights = [W - lr * g for W, g in zip(self.weights, dW, strict=True)]  # W ← W - η ∂L/∂W
            self.biases = [b - lr * g for b, g in zip(self.biases, db, strict=True)]  # b ← b - η ∂L/∂b
        return loss

    def fit(
        self,
        X: ArrayLike,
        t: ArrayLike,
        lr: float,
        epochs: int,
        *,
        batch_size: int | None = None,
        seed: int = 0,
        tol: float = 1e-6,
        max_norm: float = MAX_NORM,
        record_loss: bool = True,
    ) -> Trajectory:
        r"""Train by gradient descent (梯度下降训练) for ``epochs`` epochs.

        An epoch is one pass over the data. With ``batch_size=None`` it is one
        step (:meth:`step`) on the whole batch, chapter 4's rule on every
        parameter. With a ``batch_size`` :math:`B`, the rows are shuffled
        (:func:`nnmath.minibatches`, seeded by ``seed``) and cut into batches of
        :math:`B`, and the epoch makes one step on each: stochastic gradient
        descent (小批量梯度下降).

        After every epoch the run is judged as :func:`nnmath.gradient_descent`
        judges its steps, with the loss and gradient on the whole data: it
        stops as converged once :math:`\lVert \nabla L \rVert \le` ``tol``,
        and as diverged (``diverged_at``) once the gradient, the parameters or
        the loss is not finite or :math:`\lVert \theta \rVert` exceeds
        ``max_norm`` :math:`\cdot \max(1, \lVert \theta^{(0)} \rVert)`. A
        mini-batch run is judged by its loss and parameters only (no whole
        gradient is computed, so it never stops as converged). The network
        ends at the last finite iterate.

        Parameters
        ----------
        X, t : array_like
            The training data, checked as for :meth:`loss`.
        lr : float
            The learning rate :math:`\eta > 0`.
        epochs : int
            The most epochs to train (``>= 0``).
        batch_size : int, optional
            Rows per mini-batch (``>= 1``); ``None`` trains on the whole batch.
        seed : int, default 0
            Seed of the shuffles of the mini-batches (unused for the whole batch).
        tol : float, default 1e-6
            Gradient norm counted as zero (``>= 0``; whole batch only).
        max_norm : float, default 1e8
            Parameter norm, relative to the start's, counted as blown up
            (``> 0``; ``inf``: only values that are no longer finite).
        record_loss : bool, default True
            Record the loss on the whole data after every epoch (``False``:
            ``losses`` is ``None``, a little faster).

        Returns
        -------
        Trajectory
            ``points[e]`` is the parameter vector after ``e`` epochs (see
            :meth:`params` and :meth:`with_params`; ``epochs + 1`` rows of
            :attr:`n_params` numbers), ``losses[e]`` its loss on ``(X, t)``. A
            run that blows up stops and is reported there, never raised or warned.

        Raises
        ------
        ValueError
            If the data or a setting is invalid (checked before the first
            epoch), or the loss or gradient is not finite at the start.

        """
        X_arr, T = self._batch(X, t)
        lr = as_real("lr", lr, positive=True)
        epochs = as_count("epochs", epochs)
        if batch_size is not None:
            batch_size = as_count("batch_size", batch_size, minimum=1)
        rng = np.random.default_rng(as_count("seed", seed))
        tol = as_real("tol", tol, minimum=0.0)
        max_norm = as_real("max_norm", max_norm, positive=True, finite=False)
        if not isinstance(record_loss, bool):
            raise ValueError(f"record_loss must be True or False, got {record_loss!r}")
        self._parameters_ok()

        theta = self.params()  # the network trains on views of this one vector
        self.weights, self.biases = self._unflatten(theta)
        points, losses = [theta.copy()], []
        converged_at = diverged_at = None
        with np.errstate(all="ignore"):
            limit = float(divergence_limit(math.sqrt(theta @ theta), max_norm))  # the rule of gradient_descent
            for e in range(epochs + 1):  # judge the parameters after e epochs, then train one more epoch
                if batch_size is None:
                    loss, g = self._loss_and_gradient(X_arr, T, record_loss)
                    g_norm = math.sqrt(g @ g)  # inf also when only the squares overflow
                    grad_ok = math.isfinite(g_norm) or bool(np.all(np.isfinite(g)))
                else:  # a mini-batch run never sees the whole gradient: judged by its loss and parameters
                    loss = self._loss(*self._trace(X_arr), T) if record_loss else math.nan
                    g_norm, grad_ok = math.inf, True
                loss_ok = not record_loss or math.isfinite(loss)
                if e == 0 and not (loss_ok and grad_ok):
                    raise ValueError(
                        f"the loss or gradient of {self!r} is not finite at the start (loss {loss}): "
                        "its weights or inputs are too large for float64"
                    )
                if not loss_ok:  # as gradient_descent: the point whose loss blew up is not kept
                    diverged_at = e
                    points.pop()
                    break
                losses.append(loss)
                if not grad_ok:
                    diverged_at = e
                    break
                if g_norm <= tol:
                    converged_at = e
                    break
                if e == epochs:
                    break
                if batch_size is None:
                    theta -= lr * g
                else:
                    for idx in minibatches(X_arr.shape[0], batch_size, rng):
                        theta -= lr * self._loss_and_gradient(X_arr[idx], T[idx], with_loss=False)[1]
                norm = math.sqrt(theta @ theta)
                if not norm <= limit:  # also NaN
                    diverged_at = e + 1
                    break
                points.append(theta.copy())
        theta[:] = points[-1]  # the last finite iterate
        return Trajectory(
            points=np.array(points),
            losses=np.array(losses) if record_loss else None,
            lr=lr,
            converged_at=converged_at,
            diverged_at=diverged_at,
        )

    def dead_units(self, X: ArrayLike) -> list[Array]:
        r"""Hidden units that are off for every input (对所有输入都“熄灭”的神经元).

        A unit of layer :math:`i` is dead when :math:`y^{(i)}_j \le 0` for every
        row of ``X`` (at least one row). With ReLU, :math:`f'(y) = 0` there, so no gradient
        reaches its weights and gradient descent can never revive it.

        Returns
        -------
        list of ndarray of bool
            One array per hidden layer, ``True`` for a dead unit.

        """
        X_arr = self._inputs(X)
        if X_arr.shape[0] == 0:
            raise ValueError("X is an empty batch (0 rows): no unit is on or off for no input")
        with np.errstate(all="ignore"):
            _, ys = self._trace(X_arr)
        return [np.all(y <= 0, axis=0) for y in ys[:-1]]
