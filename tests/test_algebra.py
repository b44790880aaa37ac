import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnmath as nm
from nnmath.algebra import (
    ACTION_KINDS,
    bowl_level_curve,
    determinant,
    dot,
    matmul,
    matrix_action,
    quadratic_bowl,
    quadratic_model,
    rotation,
    second_derivative_along,
    symmetric_eigen,
    symmetric_from_eigen,
    taylor,
)
from nnmath.landscapes import multi_minima

reals = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


def matrices(shape):
    return hnp.arrays(np.float64, shape, elements=reals)


@st.composite
def symmetric(draw):
    a, b, c = draw(reals), draw(reals), draw(reals)
    return np.array([[a, b], [b, c]])


# --- dot and matmul -------------------------------------------------------------------------------------------


def test_dot_by_hand():
    # 1·4 + 2·5 + 3·6 = 32
    assert dot([1, 2, 3], [4, 5, 6]) == 32.0


def test_matmul_rows_times_columns_by_hand():
    # [[1, 2], [3, 4]] @ [[5, 6], [7, 8]]: entry (i, k) is row i of A times column k of B.
    np.testing.assert_array_equal(matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]]), [[19, 22], [43, 50]])


@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.data())
def test_matmul_entries_are_dot_products_of_rows_and_columns(m, n, p, data):
    A, B = data.draw(matrices((m, n))), data.draw(matrices((n, p)))
    C = matmul(A, B)
    assert C.shape == (m, p)
    for i in range(m):
        for k in range(p):
            assert C[i, k] == pytest.approx(dot(A[i], B[:, k]), abs=1e-9)


@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_matrix_times_vector_is_the_layer_without_bias(m, n, data):
    W, x = data.draw(matrices((m, n))), data.draw(matrices((n,)))
    np.testing.assert_allclose(matmul(W, x), nm.linear(x, W, np.zeros(m)), atol=1e-9)


@given(st.data())
def test_two_layers_are_one_matrix_and_transpose_reverses_the_order(data):
    W1, W2, x = data.draw(matrices((3, 2))), data.draw(matrices((4, 3))), data.draw(matrices((2,)))
    np.testing.assert_allclose(matmul(W2, matmul(W1, x)), matmul(matmul(W2, W1), x), atol=1e-8)
    np.testing.assert_allclose(matmul(W2, W1).T, matmul(W1.T, W2.T), atol=1e-9)


@pytest.mark.parametrize(
    ("A", "B", "message"),
    [
        (np.ones((2, 3)), np.ones((2, 3)), "3 columns .* 2 rows"),
        (np.ones((2, 3)), np.ones(2), "3 columns .* 2 rows"),
        (np.ones(3), np.ones((3, 1)), "A must be 2-D"),
        ([["a", "b"]], np.ones((2, 1)), "A must be an array of real numbers"),
    ],
)
def test_matmul_rejects_shapes_that_do_not_fit(A, B, message):
    with pytest.raises(ValueError, match=message):
        matmul(A, B)


def test_dot_rejects_different_lengths():
    with pytest.raises(ValueError, match="same length"):
        dot([1, 2], [1, 2, 3])


# --- eigenvalues and eigenvectors -------------------------------------------------------------------------------
@given(symmetric())
def test_eigen_decomposition_reconstructs_the_matrix(H):
    e = symmetric_eigen(H)
    scale = max(1.0, float(np.abs(H).max()))
    np.testing.assert_allclose(e.vectors @ np.diag(e.values) @ e.vectors.T, H, atol=1e-12 * scale)
    np.testing.assert_allclose(H @ e.vectors, e.vectors * e.values, atol=1e-12 * scale)


@given(symmetric())
def test_eigenvectors_are_orthonormal_and_match_the_angle(H):
    e = symmetric_eigen(H)
    np.testing.assert_allclose(e.vectors.T @ e.vectors, np.eye(2), atol=1e-14)
    np.testing.assert_allclose(e.vectors[:, 1], [math.cos(e.angle), math.sin(e.angle)], atol=1e-15)
    assert -math.pi / 2 < e.angle <= math.pi / 2


@given(symmetric())
def test_eigen_agrees_with_numpy_eigh(H):
    e = symmetric_eigen(H)
    values, vectors = np.linalg.eigh(H)
    scale = max(1.0, float(np.abs(H).max()))
    np.testing.assert_allclose(e.values, values, atol=1e-12 * scale)
    if values[1] - values[0] > 1e-6 * scale:  # distinct eigenvalues: the same lines, up to sign
        for k in range(2):
            assert abs(float(e.vectors[:, k] @ vectors[:, k])) == pytest.approx(1.0, abs=1e-9)


@given(reals, reals, st.floats(-3, 3))
def test_from_eigen_is_the_inverse_of_eigen(l0, l1, angle):
    H = symmetric_from_eigen([l0, l1], angle)
    e = symmetric_eigen(H)
    np.testing.assert_allclose(e.values, sorted([l0, l1]), atol=1e-12)
    if abs(l1 - l0) > 1e-6:
        v = e.vectors[:, 1] if l1 > l0 else e.vectors[:, 0]
        assert abs(v @ [math.cos(angle), math.sin(angle)]) == pytest.approx(1.0, abs=1e-9)


def test_eigen_by_hand():
    # [[2, 1], [1, 2]]: (1, 1) is stretched by 3, (1, -1) by 1.
    e = symmetric_eigen([[2, 1], [1, 2]])
    np.testing.assert_allclose(e.values, [1, 3], atol=1e-15)
    assert e.angle == pytest.approx(math.pi / 4)
    # A diagonal matrix: its eigenvectors are the axes and its eigenvalues the diagonal.
    e = symmetric_eigen([[1, 0], [0, 4]])
    np.testing.assert_allclose(e.values, [1, 4])
    assert abs(e.vectors[1, 1]) == pytest.approx(1.0)


def test_largest_eigenvalue_gives_the_critical_learning_rate():
    H = symmetric_from_eigen([0.5, 4.0], 0.6)
    assert nm.critical_learning_rate(H) == pytest.approx(2 / symmetric_eigen(H).values[1])


@pytest.mark.parametrize(
    ("H", "message"),
    [
        ([[1, 2], [3, 4]], "symmetric"),
        (np.eye(3), r"shape \(2, 2\)"),
        ([[1, np.nan], [np.nan, 1]], "finite"),
        ([1, 2], "2-D"),
    ],
)
def test_eigen_rejects_bad_matrices(H, message):
    with pytest.raises(ValueError, match=message):
        symmetric_eigen(H)


def test_rotation_turns_by_the_angle():
    np.testing.assert_allclose(rotation(math.pi / 2) @ [1, 0], [0, 1], atol=1e-15)
    R = rotation(0.7)
    np.testing.assert_allclose(R.T @ R, np.eye(2), atol=1e-15)
    with pytest.raises(ValueError, match="angle"):
        rotation(float("nan"))


# --- Taylor -----------------------------------------------------------------------------------------------------


def sigmoid_derivatives(x0: float) -> list[float]:
    return [float(nm.sigmoid(x0)), float(nm.sigmoid_grad(x0)), nm.numerical_derivative(nm.sigmoid_grad, x0)]


@pytest.mark.parametrize("order", [1, 2])
@pytest.mark.parametrize(
    ("f", "derivatives", "x0"),
    [
        (np.exp, [1.0, 1.0, 1.0], 0.0),
        (np.sin, [math.sin(0.5), math.cos(0.5), -math.sin(0.5)], 0.5),
        (nm.sigmoid, sigmoid_derivatives(1.0), 1.0),
    ],
)
def test_taylor_error_shrinks_like_h_to_the_order_plus_one(f, derivatives, x0, order):
    hs = np.array([0.1, 0.05, 0.025, 0.0125])
    errors = np.abs(f(x0 + hs) - taylor(derivatives[: order + 1], x0, x0 + hs))
    ratios = errors[:-1] / errors[1:]  # halving h divides the error by 2^(order+1)
    np.testing.assert_allclose(ratios, 2 ** (order + 1), rtol=0.15)


def test_taylor_is_exact_at_the_point_and_on_polynomials():
    assert taylor([2.0, -1.0, 4.0], 1.5, 1.5) == pytest.approx(2.0)
    x = np.linspace(-2, 2, 9)
    # f(x) = 3 + 2(x-1) + (x-1)^2 has f(1) = 3, f'(1) = 2, f''(1) = 2.
    np.testing.assert_allclose(taylor([3.0, 2.0, 2.0], 1.0, x), 3 + 2 * (x - 1) + (x - 1) ** 2)
    assert taylor([1.0, 1.0], 0.0, x).shape == x.shape


@pytest.mark.parametrize(
    ("derivatives", "x0", "message"),
    [([], 0.0, "at least"), ([1.0, np.inf], 0.0, "finite"), ([1.0], "0", "x0")],
)
def test_taylor_rejects_bad_input(derivatives, x0, message):
    with pytest.raises(ValueError, match=message):
        taylor(derivatives, x0, 1.0)


def test_quadratic_model_is_exact_on_a_quadratic_bowl_and_close_elsewhere():
    bowl = quadratic_bowl([[2.0, 0.5], [0.5, 1.0]])
    w, step = np.array([0.4, -1.0]), np.array([0.3, 0.2])
    model = quadratic_model(bowl.loss(w), bowl.grad(w), bowl.hessian(w), step)
    assert model == pytest.approx(bowl.loss(w + step), abs=1e-9)
    # On a surface that is not quadratic the error shrinks like |step|^3.
    surface, w = multi_minima(), np.array([0.3, -0.5])
    value, grad, hessian = surface.loss(w), surface.grad(w), surface.hessian(w)
    errors = []
    for h in (0.1, 0.05, 0.025):
        d = h * np.array([1.0, 0.6])
        errors.append(abs(surface.loss(w + d) - quadratic_model(value, grad, hessian, d)))
    np.testing.assert_allclose(np.array(errors[:-1]) / errors[1:], 8, rtol=0.2)


def test_quadratic_model_checks_shapes():
    with pytest.raises(ValueError, match="hessian"):
        quadratic_model(0.0, [1.0, 2.0], np.eye(3), [0.1, 0.1])


# --- the quadratic bowl -------------------------------------------------------------------------------------
@given(symmetric(), matrices((2,)))
def test_bowl_gradient_is_Hw_and_hessian_is_H(H, w):
    bowl = quadratic_bowl(H)
    np.testing.assert_allclose(bowl.grad(w), H @ w, atol=1e-12)
    np.testing.assert_allclose(bowl.grad(w), nm.numerical_gradient(bowl.loss, w), atol=1e-5)
    np.testing.assert_allclose(bowl.hessian(w), H, atol=1e-6)
    assert bowl.loss(w) == pytest.approx(0.5 * w @ H @ w, abs=1e-12)


def test_bowl_marks_its_minimum_only_when_it_has_one():
    assert quadratic_bowl([[1, 0], [0, 2]]).minima == ((0.0, 0.0),)
    assert quadratic_bowl([[1, 0], [0, -2]]).minima == ()
    assert quadratic_bowl([[1, 0], [0, 2]]).labels == ("$w_0$", "$w_1$")
    with pytest.raises(ValueError, match="window"):
        quadratic_bowl(np.eye(2), window=0)


def test_descent_on_a_tilted_bowl_converges_exactly_below_two_over_lambda_max():
    H = symmetric_from_eigen([0.5, 4.0], 0.5)
    bowl, eta_c = quadratic_bowl(H), nm.critical_learning_rate(H)
    assert bowl.descend((2.0, 1.0), 0.95 * eta_c, 400).converged
    assert bowl.descend((2.0, 1.0), 1.05 * eta_c, 400).verdict in ("diverged", "growing")


@given(st.floats(0.1, 5), st.floats(0.1, 5), st.floats(-3, 3), st.floats(0.1, 4))
def test_level_curve_lies_on_its_level_and_its_axes_follow_the_eigenvectors(l0, l1, angle, level):
    H = symmetric_from_eigen([l0, l1], angle)
    bowl, curve = quadratic_bowl(H), bowl_level_curve(H, level, n=64)
    assert curve.shape == (65, 2)
    np.testing.assert_allclose(bowl.f(curve[:, 0], curve[:, 1]), level, rtol=1e-9)
    np.testing.assert_allclose(curve[0], curve[-1], atol=1e-12)
    # The farthest point from the centre lies on the flattest direction, at sqrt(2c / λ_min).
    far = curve[np.argmax(np.linalg.norm(curve, axis=1))]
    assert np.linalg.norm(far) == pytest.approx(math.sqrt(2 * level / min(l0, l1)), rel=1e-3)


def test_level_curve_needs_a_bowl():
    with pytest.raises(ValueError, match="positive eigenvalues"):
        bowl_level_curve([[1, 0], [0, -1]], 1.0)
    with pytest.raises(ValueError, match="level"):
        bowl_level_curve(np.eye(2), 0.0)


# --- determinant, what a matrix does, curvature along a direction ----------------------------------------------


@given(matrices((2, 2)))
def test_determinant_is_the_signed_area_of_the_image_of_the_unit_square(A):
    # the shoelace formula for the parallelogram 0, Ae0, Ae0 + Ae1, Ae1
    corners = [np.zeros(2), A[:, 0], A[:, 0] + A[:, 1], A[:, 1]]
    shoelace = 0.5 * sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(corners, corners[1:] + corners[:1], strict=True))
    assert determinant(A) == pytest.approx(shoelace, abs=1e-9)
    assert determinant(A) == pytest.approx(np.linalg.det(A), abs=1e-9)


@pytest.mark.parametrize(
    ("A", "kind", "angle", "scale"),
    [
        ([[0, 0], [0, 0]], "zero", 0, 1),
        ([[1, 2], [0.5, 1]], "collapse", 0, 1),
        ([[1, 0], [0, 1]], "identity", 0, 1),
        ([[0, -1], [1, 0]], "rotation", 90, 1),
        ([[1, 1], [-1, 1]], "rotation", -45, math.sqrt(2)),
        ([[1, 0], [0, -1]], "reflection", 0, 1),
        ([[0, 1], [1, 0]], "reflection", 45, 1),
        ([[1, 0.5], [0, 1]], "shear", 0, 1),
        ([[1, 0], [2, 1]], "shear", 90, 1),
        ([[2, 0], [0, 0.5]], "axis_stretch", 0, 1),
        ([[2, 1], [1, 2]], "symmetric", 0, 1),
        ([[1, 2], [3, 4]], "general", 0, 1),
    ],
)
def test_matrix_action_names_what_the_matrix_does(A, kind, angle, scale):
    action = matrix_action(A)
    assert (action.kind, action.angle, action.scale) == (kind, pytest.approx(angle), pytest.approx(scale))
    assert action.det == pytest.approx(np.linalg.det(np.array(A, dtype=float)), abs=1e-12)
    assert action.kind in ACTION_KINDS


def test_matrix_action_is_relative_to_the_matrix_s_scale():
    # a tiny rotation is a rotation, a tiny nearly singular matrix is a collapse, at any scale
    assert matrix_action(1e-8 * rotation(0.3)).kind == "rotation"
    assert matrix_action(1e6 * np.array([[1.0, 2.0], [0.5, 1.0 + 1e-12]])).kind == "collapse"
    assert matrix_action([[1.0, 2.0], [0.5, 1.001]]).kind == "general"


def test_matrix_action_refuses_what_is_not_a_finite_2x2_matrix():
    with pytest.raises(ValueError, match=r"shape \(2, 2\)"):
        matrix_action(np.eye(3))
    with pytest.raises(ValueError, match="finite"):
        determinant([[np.inf, 0], [0, 1]])


@given(st.floats(0.1, 5), st.floats(0.1, 5), st.floats(-4, 4), st.floats(-7, 7))
def test_second_derivative_along_lies_between_the_eigenvalues(l0, l1, theta, phi):
    H = symmetric_from_eigen([l0, l1], theta)
    low, high = sorted((l0, l1))
    q = second_derivative_along(H, phi)
    assert low - 1e-9 <= q <= high + 1e-9
    # along the eigenvector of l1 it is l1
    assert second_derivative_along(H, theta) == pytest.approx(l1, rel=1e-9)
