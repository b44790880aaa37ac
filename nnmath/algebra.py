r"""The maths toolkit's own formulas (数学工具箱, 附录 A): dot and matrix products, Taylor, 2×2 eigenvalues.

Everything else the toolkit teaches already has its home in :mod:`nnmath`:
:func:`nnmath.linear` is :math:`Wx + b`, :func:`nnmath.numerical_derivative`
and :func:`nnmath.numerical_gradient` are the derivative and the gradient,
:meth:`nnmath.landscapes.Landscape.hessian` the Hessian and
:func:`nnmath.critical_learning_rate` the bound :math:`2/\lambda_{\max}`.
This module adds the few formulas that had none:

- :func:`dot` and :func:`matmul`: the dot product and the matrix product,
  with the rule "columns of the left = rows of the right" checked;
- :func:`taylor` and :func:`quadratic_model`: first- and second-order Taylor
  expansions in one and in several variables;
- :func:`rotation`: the matrix that turns the plane (an example of a 2×2 matrix);
- :func:`symmetric_eigen` and :func:`symmetric_from_eigen`: the eigenvalues and
  eigenvectors of a symmetric :math:`2 \times 2` matrix in closed form, and back;
- :func:`quadratic_bowl` and :func:`bowl_level_curve`: the loss
  :math:`L(w) = \tfrac12 w^\top H w`, a bowl whose eigen-directions are the
  directions in which it bends most and least, and its elliptic contour lines;
- :func:`determinant` and :func:`matrix_action`: the area factor of a 2×2
  matrix and, in words, what it does to the plane (rotation, shear, flip,
  collapse, …): the readout of the matrix explorer;
- :func:`second_derivative_along`: :math:`v^\top H v` for a unit direction, the
  curvature of a bowl along it, which lies between the two eigenvalues.

The browser explorers of 附录 A (:mod:`nnmath.views.matrix_explorer`,
:mod:`nnmath.views.eigen_explorer`) compute the same formulas in JavaScript;
``tests/browser/test_views_toolkit.py`` checks them against these.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_2x2, as_array, as_count, as_real, require_finite
from nnmath.landscapes import Landscape


def dot(u: ArrayLike, v: ArrayLike) -> float:
    r"""Dot product (点积, 数量积) :math:`u \cdot v = \sum_{k=0}^{n-1} u_k v_k`.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Two vectors with the same number of entries.

    Raises
    ------
    ValueError
        If ``u`` or ``v`` is not a 1-D array of real numbers, or their lengths differ.

    Examples
    --------
    >>> dot([1, 2, 3], [4, 5, 6])
    32.0

    """
    u_arr = as_array("u", u, ndim=(1,))
    v_arr = as_array("v", v, ndim=(1,))
    if u_arr.shape != v_arr.shape:
        raise ValueError(f"u and v must have the same length, got {len(u_arr)} and {len(v_arr)}")
    return float(u_arr @ v_arr)


def matmul(A: ArrayLike, B: ArrayLike) -> Array:
    r"""Matrix product (矩阵乘法) :math:`(AB)_{ik} = \sum_{j} A_{ij} B_{jk}`: row ``i`` of A times column ``k`` of B.

    ``A`` of shape (m, n) and ``B`` of shape (n, p) give shape (m, p): the
    number of columns of ``A`` must equal the number of rows of ``B``. A
    vector ``B`` of shape (n,) is a single column, and the result has shape
    (m,), as in :math:`Wx`.

    Parameters
    ----------
    A : array_like, shape (m, n)
    B : array_like, shape (n, p) or (n,)

    Raises
    ------
    ValueError
        If the shapes do not fit; the message names both.

    Examples
    --------
    >>> matmul([[1, 2], [3, 4]], [[5], [6]])
    array([[17.],
           [39.]])

    """
    A_arr = as_array("A", A, ndim=(2,))
    B_arr = as_array("B", B, ndim=(1, 2))
    if A_arr.shape[1] != B_arr.shape[0]:
        raise ValueError(
            f"A of shape {A_arr.shape} has {A_arr.shape[1]} columns but B of shape {B_arr.shape} "
            f"has {B_arr.shape[0]} rows: they must be equal"
        )
    return A_arr @ B_arr


def taylor(derivatives: Sequence[float], x0: float, x: ArrayLike) -> Array:
    r"""Taylor polynomial (泰勒展开) :math:`\sum_{k=0}^{K} \frac{f^{(k)}(x_0)}{k!}(x - x_0)^k` of order :math:`K`.

    With ``derivatives = (f(x0), f'(x0))`` it is the tangent line
    :math:`f(x_0) + f'(x_0)(x - x_0)` (first order, error about :math:`h^2`
    for :math:`x - x_0 = h`); with ``(f(x0), f'(x0), f''(x0))`` the parabola
    :math:`f(x_0) + f'(x_0)h + \tfrac12 f''(x_0)h^2` (second order, error
    about :math:`h^3`).

    Parameters
    ----------
    derivatives : sequence of float
        :math:`f(x_0), f'(x_0), \dots, f^{(K)}(x_0)`: at least one, all finite.
    x0 : float
        The point of expansion.
    x : array_like
        Where to evaluate the polynomial (any shape).

    Returns
    -------
    ndarray, shape of ``x``

    Examples
    --------
    >>> taylor([1.0, 1.0, 1.0], 0.0, [0.1])  # e^x ≈ 1 + x + x²/2
    array([1.105])

    """
    d = as_array("derivatives", derivatives, ndim=(1,))
    if d.size == 0:
        raise ValueError("derivatives must hold at least f(x0)")
    require_finite("derivatives", d)
    center = as_real("x0", x0)
    h = as_array("x", x) - center
    return sum((d[k] / math.factorial(k)) * h**k for k in range(d.size)) * np.ones_like(h)


def quadratic_model(value: float, grad: ArrayLike, hessian: ArrayLike, step: ArrayLike) -> float:
    r"""Second-order Taylor expansion in several variables (多元二阶泰勒展开).

    .. math:: L(w + \Delta) \approx L(w) + \nabla L(w)^\top \Delta + \tfrac12\, \Delta^\top H \Delta

    Parameters
    ----------
    value : float
        :math:`L(w)`.
    grad : array_like, shape (n,)
        :math:`\nabla L(w)`.
    hessian : array_like, shape (n, n)
        The Hessian :math:`H` at :math:`w` (黑塞矩阵).
    step : array_like, shape (n,)
        The step :math:`\Delta`.

    Raises
    ------
    ValueError
        If the shapes do not fit or an input is not finite.

    """
    L = as_real("value", value)
    g = as_array("grad", grad, ndim=(1,))
    H = as_array("hessian", hessian, ndim=(2,))
    s = as_array("step", step, ndim=(1,))
    n = g.size
    if H.shape != (n, n) or s.shape != (n,):
        raise ValueError(f"need grad (n,), hessian (n, n), step (n,); got {g.shape}, {H.shape}, {s.shape}")
    for name, arr in (("grad", g), ("hessian", H), ("step", s)):
        require_finite(name, arr)
    return L + float(g @ s) + 0.5 * float(s @ H @ s)


@dataclass(frozen=True)
class Eigen:
    r"""Eigenvalues and unit eigenvectors of a symmetric 2×2 matrix (特征值与特征向量).

    Attributes
    ----------
    values : ndarray, shape (2,)
        :math:`\lambda_0 \le \lambda_1` (ascending, as :func:`numpy.linalg.eigh`).
    vectors : ndarray, shape (2, 2)
        Column ``k`` is a unit eigenvector :math:`v_k`: :math:`H v_k = \lambda_k v_k`.
        The columns are orthonormal: :math:`V^\top V = I`.
    angle : float
        The angle :math:`\theta` (radians, in :math:`(-\pi/2, \pi/2]`) of
        :math:`v_1 = (\cos\theta, \sin\theta)`, the direction of the largest
        eigenvalue; :math:`v_0 = (-\sin\theta, \cos\theta)`.

    """

    values: Array
    vectors: Array
    angle: float


def _symmetric_2x2(name: str, matrix: ArrayLike) -> Array:
    H = as_2x2(name, matrix)
    if not np.isclose(H[0, 1], H[1, 0], rtol=1e-12, atol=1e-12 * float(np.abs(H).max())):
        raise ValueError(f"{name} must be symmetric ({name}[0, 1] == {name}[1, 0]), got {H[0, 1]} and {H[1, 0]}")
    return H


def symmetric_eigen(matrix: ArrayLike) -> Eigen:
    r"""Eigenvalues and eigenvectors of a symmetric 2×2 matrix in closed form (对称 2×2 矩阵的特征分解).

    For :math:`H = \begin{bmatrix} a & b \\ b & c \end{bmatrix}`,

    .. math::
        \lambda_{0,1} = \frac{a + c}{2} \mp \sqrt{\Big(\frac{a - c}{2}\Big)^2 + b^2},
        \qquad \tan 2\theta = \frac{2b}{a - c},

    and :math:`v_1 = (\cos\theta, \sin\theta)`, :math:`v_0 = (-\sin\theta, \cos\theta)`.
    Then :math:`H = V \operatorname{diag}(\lambda_0, \lambda_1) V^\top` with
    :math:`V = [v_0\ v_1]`. When :math:`a = c` and :math:`b = 0` every
    direction is an eigen-direction; the axes are returned (:math:`\theta = 0`).

    Parameters
    ----------
    matrix : array_like, shape (2, 2)
        A finite symmetric matrix (for example a Hessian).

    Returns
    -------
    Eigen

    Raises
    ------
    ValueError
        If the matrix is not 2×2, not finite or not symmetric.

    Examples
    --------
    >>> e = symmetric_eigen([[2, 1], [1, 2]])
    >>> e.values
    array([1., 3.])

    """
    H = _symmetric_2x2("matrix", matrix)
    a, b, c = H[0, 0], 0.5 * (H[0, 1] + H[1, 0]), H[1, 1]
    mean, radius = 0.5 * (a + c), math.hypot(0.5 * (a - c), b)
    theta = 0.5 * math.atan2(2.0 * b, a - c)
    if theta <= -math.pi / 2:  # atan2 gives (-π, π]; keep θ in (-π/2, π/2]
        theta += math.pi
    return Eigen(np.array([mean - radius, mean + radius]), _eigenvectors(theta), theta)


def rotation(angle: float) -> Array:
    r"""Rotation matrix (旋转矩阵) :math:`R(\theta)`, which turns the plane by the angle :math:`\theta`.

    .. math:: R(\theta) = \begin{bmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{bmatrix}

    :math:`R(\theta)x` is :math:`x` turned counter-clockwise by :math:`\theta` about the origin.

    Parameters
    ----------
    angle : float
        :math:`\theta` in radians.

    """
    theta = as_real("angle", angle)
    c, s = math.cos(theta), math.sin(theta)
    return np.array([[c, -s], [s, c]])


def _eigenvectors(theta: float) -> Array:
    """The columns ``v0 = (-sin θ, cos θ)`` and ``v1 = (cos θ, sin θ)``."""
    c, s = math.cos(theta), math.sin(theta)
    return np.array([[-s, c], [c, s]])


def symmetric_from_eigen(values: ArrayLike, angle: float) -> Array:
    r"""The symmetric matrix with given eigenvalues and eigen-directions (由特征值和方向构造矩阵).

    .. math:: H = \lambda_0\, v_0 v_0^\top + \lambda_1\, v_1 v_1^\top,
              \qquad v_1 = (\cos\theta, \sin\theta),\ v_0 = (-\sin\theta, \cos\theta)

    the inverse of :func:`symmetric_eigen`.

    Parameters
    ----------
    values : array_like, shape (2,)
        :math:`\lambda_0, \lambda_1` (finite, any order).
    angle : float
        :math:`\theta` in radians: the direction of :math:`v_1`.

    """
    lam = as_array("values", values, ndim=(1,))
    if lam.shape != (2,):
        raise ValueError(f"values must hold two eigenvalues, got shape {lam.shape}")
    require_finite("values", lam)
    V = _eigenvectors(as_real("angle", angle))
    H = V @ np.diag(lam) @ V.T
    return 0.5 * (H + H.T)


def quadratic_bowl(hessian: ArrayLike, name: str = "倾斜的二次碗", window: float = 3.0) -> Landscape:
    r"""A quadratic bowl with any symmetric Hessian (任意方向的二次碗) :math:`L(w) = \tfrac12 w^\top H w`.

    .. math::
        L = \tfrac12 \big(H_{00} w_0^2 + 2 H_{01} w_0 w_1 + H_{11} w_1^2\big), \qquad
        \nabla L = H w

    Its Hessian is :math:`H` everywhere; its eigenvectors are the axes of the
    elliptic contour lines and its eigenvalues the curvatures along them.
    The parameters are written :math:`w_0, w_1` (indices from 0).

    Parameters
    ----------
    hessian : array_like, shape (2, 2)
        Symmetric and finite.
    name : str
        Name shown on plots.
    window : float
        The plots show :math:`[-\text{window}, \text{window}]^2`.

    """
    H = _symmetric_2x2("hessian", hessian)
    a, b, c = float(H[0, 0]), float(H[0, 1]), float(H[1, 1])
    size = as_real("window", window, positive=True)
    minima = ((0.0, 0.0),) if np.all(symmetric_eigen(H).values > 0) else ()
    return Landscape(
        name=name,
        formula=rf"L = \frac{{1}}{{2}}({a:.3g}\,w_0^2 {2 * b:+.3g}\,w_0 w_1 {c:+.3g}\,w_1^2)",
        f=lambda w0, w1: 0.5 * (a * w0**2 + 2.0 * b * w0 * w1 + c * w1**2),
        df=lambda w0, w1: (a * w0 + b * w1, b * w0 + c * w1),
        window=(-size, size, -size, size),
        labels=("$w_0$", "$w_1$"),
        minima=minima,
    )


def bowl_level_curve(hessian: ArrayLike, level: float, n: int = 200) -> Array:
    r"""The contour line :math:`\tfrac12 w^\top H w = c` of a bowl (等高线), an ellipse along the eigenvectors.

    With :math:`H v_k = \lambda_k v_k` and all :math:`\lambda_k > 0`, a point
    :math:`w = s_0 v_0 + s_1 v_1` has :math:`L = \tfrac12(\lambda_0 s_0^2 + \lambda_1 s_1^2)`,
    so the level :math:`c` is the ellipse

    .. math:: w(\varphi) = \sqrt{2c/\lambda_0}\,\cos\varphi\; v_0 + \sqrt{2c/\lambda_1}\,\sin\varphi\; v_1 :

    its half-axes lie along the eigenvectors and are short where the
    curvature :math:`\lambda_k` is large.

    Parameters
    ----------
    hessian : array_like, shape (2, 2)
        Symmetric with two positive eigenvalues.
    level : float
        :math:`c > 0`.
    n : int
        Number of points (the first is repeated at the end to close the curve).

    Returns
    -------
    ndarray, shape (n + 1, 2)

    """
    e = symmetric_eigen(hessian)
    if not e.values[0] > 0:
        raise ValueError(f"hessian must have positive eigenvalues to have elliptic contours, got {e.values}")
    c = as_real("level", level, positive=True)
    phi = np.linspace(0.0, 2.0 * math.pi, as_count("n", n, minimum=3) + 1)
    half_axes = np.sqrt(2.0 * c / e.values)
    coordinates = np.column_stack([half_axes[0] * np.cos(phi), half_axes[1] * np.sin(phi)])
    return coordinates @ e.vectors.T


def determinant(matrix: ArrayLike) -> float:
    r"""Determinant of a 2×2 matrix (行列式) :math:`\det A = A_{00}A_{11} - A_{01}A_{10}`.

    :math:`|\det A|` is the area of the image of the unit square (the
    parallelogram spanned by the columns :math:`Ae_0, Ae_1`); its sign is
    negative when :math:`A` turns the plane over.

    Raises
    ------
    ValueError
        If ``matrix`` is not a finite 2×2 matrix.

    Examples
    --------
    >>> determinant([[2, 1], [1, 2]])
    3.0

    """
    A = as_2x2("matrix", matrix)
    return float(A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0])


#: Relative tolerance of :func:`matrix_action`: entries within ``ACTION_RTOL × max|A_ij|`` count as equal.
ACTION_RTOL = 1e-9

#: The kinds of :func:`matrix_action`, in the order they are tested.
ACTION_KINDS = (
    "zero",
    "collapse",
    "identity",
    "rotation",
    "reflection",
    "shear",
    "axis_stretch",
    "symmetric",
    "general",
)


@dataclass(frozen=True)
class MatrixAction:
    r"""What a 2×2 matrix does to the plane (矩阵对平面的作用), as :func:`matrix_action` finds it.

    Attributes
    ----------
    kind : str
        One of :data:`ACTION_KINDS`.
    det : float
        :math:`\det A`: the area factor, negative when the plane is turned over.
    angle : float
        Degrees: the turn of a rotation, the mirror line of a reflection, the
        direction of a shear (the line that stays fixed), else 0.
    scale : float
        How much a rotation or reflection stretches every length (1: not at
        all), else 1.

    The words for the reader are :func:`nnmath.views.matrix_explorer.matrix_words`.

    """

    kind: str
    det: float
    angle: float
    scale: float


def _degrees(y: float, x: float) -> float:
    """The direction of (x, y) in degrees, in (-180, 180]."""
    return math.degrees(math.atan2(y, x))


def _line_degrees(angle: float) -> float:
    """A line's direction in degrees, in [0, 180)."""
    return angle % 180.0


def matrix_action(matrix: ArrayLike) -> MatrixAction:
    r"""What a 2×2 matrix does to the plane (矩阵做了什么): rotation, shear, flip, collapse and more.

    With :math:`s = \max_{ij} |A_{ij}|` and :math:`B = A/s`, entries of
    :math:`B` within :data:`ACTION_RTOL` count as equal. In this order:

    - ``"zero"``: :math:`A = 0`, every point goes to the origin;
    - ``"collapse"``: :math:`\det B = 0`, the plane is squashed onto a line (不可逆);
    - ``"identity"``: :math:`A = I`;
    - ``"rotation"``: the columns are perpendicular and equally long and
      :math:`\det A > 0`: a turn by ``angle`` (and a stretch by ``scale``);
    - ``"reflection"``: the same with :math:`\det A < 0`: a mirror image
      in the line at ``angle`` (翻转);
    - ``"shear"``: :math:`\operatorname{tr} A = 2`, :math:`\det A = 1`: one
      line (at ``angle``) stays fixed, the rest slides along it, area unchanged (剪切);
    - ``"axis_stretch"``: diagonal: each axis stretched by its entry;
    - ``"symmetric"``: :math:`A_{01} = A_{10}`: stretched along two
      perpendicular eigen-directions;
    - ``"general"``: anything else.

    Parameters
    ----------
    matrix : array_like, shape (2, 2)
        Finite.

    Returns
    -------
    MatrixAction

    Raises
    ------
    ValueError
        If ``matrix`` is not a finite 2×2 matrix.

    Examples
    --------
    >>> action = matrix_action([[0, -1], [1, 0]])
    >>> action.kind, action.angle
    ('rotation', 90.0)

    """
    A = as_2x2("matrix", matrix)
    a, b, c, d = (float(v) for v in A.reshape(-1))
    det = a * d - b * c
    s = max(abs(a), abs(b), abs(c), abs(d))
    tol = ACTION_RTOL
    if s == 0:
        return MatrixAction("zero", 0.0, 0.0, 1.0)
    p, q, r, t = a / s, b / s, c / s, d / s
    if abs(p * t - q * r) <= tol:
        return MatrixAction("collapse", det, 0.0, 1.0)
    if max(abs(a - 1), abs(b), abs(c), abs(d - 1)) <= tol * s:
        return MatrixAction("identity", det, 0.0, 1.0)
    if abs(p * p + r * r - q * q - t * t) <= tol and abs(p * q + r * t) <= tol:
        k = math.hypot(a, c)
        if det > 0:
            return MatrixAction("rotation", det, _degrees(c, a), k)
        return MatrixAction("reflection", det, _line_degrees(_degrees(c, a) / 2), k)
    if abs(a + d - 2) <= tol * max(1.0, s) and abs(det - 1) <= tol * max(1.0, s * s):
        col = (a - 1, c) if abs(a - 1) + abs(c) >= abs(b) + abs(d - 1) else (b, d - 1)
        return MatrixAction("shear", det, _line_degrees(_degrees(col[1], col[0])), 1.0)
    if abs(q) <= tol and abs(r) <= tol:
        return MatrixAction("axis_stretch", det, 0.0, 1.0)
    if abs(q - r) <= tol:
        return MatrixAction("symmetric", det, 0.0, 1.0)
    return MatrixAction("general", det, 0.0, 1.0)


def second_derivative_along(hessian: ArrayLike, angle: float) -> float:
    r"""Second derivative of a bowl along a direction (沿某方向的二阶导数): :math:`v^\top H v`, :math:`v` a unit vector.

    With :math:`v = (\cos\varphi, \sin\varphi)`, along the line :math:`w = s\,v`
    the bowl :math:`\tfrac12 w^\top H w` is the parabola :math:`\tfrac12 (v^\top H v)\, s^2`.
    Written in the eigenvectors, :math:`v = \cos\alpha\, v_0 + \sin\alpha\, v_1` gives
    :math:`v^\top H v = \lambda_0 \cos^2\alpha + \lambda_1 \sin^2\alpha`: always between
    :math:`\lambda_0` and :math:`\lambda_1`, equal to one of them exactly along its eigen-direction.

    Parameters
    ----------
    hessian : array_like, shape (2, 2)
        Symmetric and finite.
    angle : float
        :math:`\varphi` in radians.

    """
    H = _symmetric_2x2("hessian", hessian)
    phi = as_real("angle", angle)
    v = np.array([math.cos(phi), math.sin(phi)])
    return float(v @ H @ v)
