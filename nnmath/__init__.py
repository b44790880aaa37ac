"""nnmath: the mathematics of the book 《神经网络数学推导》, one module per idea.

Core maths (no plotting, only numpy):

- :mod:`nnmath.linear`: a layer's linear transform ``y = Wx + b``;
- :mod:`nnmath.activations`: ReLU, sigmoid, tanh, softmax and their derivatives;
- :mod:`nnmath.losses`: mean squared error and cross-entropy with gradients;
- :mod:`nnmath.calculus`: numerical derivatives to check the algebra;
- :mod:`nnmath.descent`: gradient descent and its trajectory;
- :mod:`nnmath.landscapes`: loss surfaces of two parameters;
- :mod:`nnmath.data`: the small data sets of the book.

On top, imported on their own because they need matplotlib and ipywidgets:
:mod:`nnmath.plotting` (figures) and :mod:`nnmath.explorer` (the η explorer).
"""

from nnmath.activations import relu, relu_grad, sigmoid, sigmoid_grad, softmax, softmax_jacobian, tanh, tanh_grad
from nnmath.calculus import numerical_derivative, numerical_gradient
from nnmath.descent import Trajectory, gradient_descent
from nnmath.landscapes import Landscape
from nnmath.linear import linear, linear_backward, linear_row
from nnmath.losses import cross_entropy, cross_entropy_grad, mse, mse_grad

__version__ = "0.1.0"

__all__ = [
    "Landscape",
    "Trajectory",
    "cross_entropy",
    "cross_entropy_grad",
    "gradient_descent",
    "linear",
    "linear_backward",
    "linear_row",
    "mse",
    "mse_grad",
    "numerical_derivative",
    "numerical_gradient",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "softmax",
    "softmax_jacobian",
    "tanh",
    "tanh_grad",
]
