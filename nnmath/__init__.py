"""nnmath: the mathematics of the book 《神经网络数学推导》, one module per idea.

Core maths (only numpy), bottom layer:

- :mod:`nnmath.linear`: a layer's linear transform ``y = Wx + b`` and its gradients;
- :mod:`nnmath.activations`: ReLU, sigmoid, tanh, softmax and their derivatives;
- :mod:`nnmath.losses`: mean squared error, cross-entropy, binary cross-entropy, with gradients;
- :mod:`nnmath.calculus`: numerical derivatives to check the algebra;
- :mod:`nnmath.data`: the small data sets of the book;
- :mod:`nnmath.fitting`: least-squares fits of lines and polynomials (chapter 0);
- :mod:`nnmath.separability`: separating lines and the perceptron (chapter 0);
- :mod:`nnmath.shapes`: the shapes of a layer and parameter counts (chapter 3);
- :mod:`nnmath.classification`: one-hot targets, accuracy, confusion matrix, mini-batches (chapter 7);
- :mod:`nnmath.digits`: the 8×8 handwritten digits and their seeded split (chapter 7);
- :mod:`nnmath.algebra`: the maths toolkit's dot and matrix products, Taylor, 2×2 eigenvalues (appendix A).

Built on those:

- :mod:`nnmath.descent`: gradient descent, its trajectory, the learning-rate threshold;
- :mod:`nnmath.landscapes`: loss curves and surfaces of one or two parameters;
- :mod:`nnmath.stationary`: stationary points and basins of attraction (chapter 5);
- :mod:`nnmath.network`: a multi-layer perceptron with backpropagation (chapters 6 and 7).

On top, imported on their own because they need matplotlib and anywidget: the
subpackage :mod:`nnmath.views`, everything a reader sees (the explorers drawn in the
browser, live and static, and the figures: :mod:`nnmath.views.plotting` and one module per
chapter's pictures). :mod:`nnmath.writeout` writes computations out as the prose prints
them, and :mod:`nnmath.environment` sets up a CJK font.
"""

from importlib.metadata import version

from nnmath.activations import relu, relu_grad, sigmoid, sigmoid_grad, softmax, softmax_jacobian, tanh, tanh_grad
from nnmath.calculus import numerical_derivative, numerical_gradient
from nnmath.classification import accuracy, confusion_matrix, minibatches, one_hot
from nnmath.descent import Trajectory, critical_learning_rate, gradient_descent
from nnmath.landscapes import Curve, Landscape
from nnmath.linear import linear, linear_backward, linear_row
from nnmath.losses import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    cross_entropy,
    cross_entropy_grad,
    mse,
    mse_grad,
    softmax_cross_entropy_with_logits,
    softmax_cross_entropy_with_logits_grad,
)
from nnmath.network import MLP

__version__ = version("nnmath")  # one place for the version: pyproject.toml

__all__ = [
    "MLP",
    "Curve",
    "Landscape",
    "Trajectory",
    "accuracy",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "confusion_matrix",
    "critical_learning_rate",
    "cross_entropy",
    "cross_entropy_grad",
    "gradient_descent",
    "linear",
    "linear_backward",
    "linear_row",
    "minibatches",
    "mse",
    "mse_grad",
    "numerical_derivative",
    "numerical_gradient",
    "one_hot",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "softmax",
    "softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits_grad",
    "softmax_jacobian",
    "tanh",
    "tanh_grad",
]
