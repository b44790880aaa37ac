import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnmath import landscapes
from nnmath.landscapes import Curve, Landscape
from nnmath.stationary import BasinMap, basin_map, classify, classify_1d, stationary_points

NONZERO = st.floats(0.1, 10)


# ---- the second-derivative and Hessian tests ---------------------------------------------------------------------


def test_classify_1d_by_the_sign_of_the_second_derivative():
    assert classify_1d(2.0) == "minimum"
    assert classify_1d(-0.5) == "maximum"
    assert classify_1d(0.0) == "degenerate"
    assert classify_1d(1e-9) == "degenerate"


@given(NONZERO, NONZERO, st.floats(0, 2 * math.pi))
def test_classify_a_rotated_diagonal_hessian_by_its_eigenvalue_signs(p, q, angle):
    c, s = math.cos(angle), math.sin(angle)
    R = np.array([[c, -s], [s, c]])

    def H(d1, d2):
        return R @ np.diag([d1, d2]) @ R.T  # eigenvalues d1, d2 whatever the rotation

    assert classify(H(p, q)) == "minimum"
    assert classify(H(-p, -q)) == "maximum"
    assert classify(H(p, -q)) == "saddle"
    assert classify(H(-p, q)) == "saddle"
    assert classify(H(p, 0.0)) == "degenerate"
    assert classify(H(-p, 0.0)) == "degenerate"


def test_classify_rejects_non_symmetric_or_non_square():
    with pytest.raises(ValueError):
        classify([[1.0, 2.0], [0.0, 1.0]])
    with pytest.raises(ValueError):
        classify(np.ones((2, 3)))
    with pytest.raises(ValueError):
        classify([[np.nan, 0.0], [0.0, 1.0]])


# ---- finding stationary points on surfaces with known answers ----------------------------------------------------


def kinds(points):
    return sorted(p.kind for p in points)


def test_bowl_has_one_minimum_at_the_origin_with_its_curvatures():
    (p,) = stationary_points(landscapes.bowl(2.0, 5.0))
    assert p.kind == "minimum"
    np.testing.assert_allclose(p.point, [0.0, 0.0], atol=1e-8)
    np.testing.assert_allclose(p.curvatures, [2.0, 5.0], rtol=1e-6)
    assert p.name == "局部最小值点"


def test_saddle_surface_has_one_saddle_with_curvatures_minus_two_and_two():
    (p,) = stationary_points(landscapes.saddle())
    assert p.kind == "saddle"
    np.testing.assert_allclose(p.point, [0.0, 0.0], atol=1e-8)
    np.testing.assert_allclose(p.curvatures, [-2.0, 2.0], rtol=1e-6)


def test_source_loss_has_no_stationary_point():
    # dL/dw2 = 3 is never zero
    assert stationary_points(landscapes.source_loss()) == []


def separable_roots(c):
    """Roots of 4w^3 - 4w + c = 0 (the 1-D slices of multi_minima), ascending: min, max, min."""
    return sorted(float(r.real) for r in np.roots([4.0, 0.0, -4.0, c]))


def test_multi_minima_has_four_minima_four_saddles_one_maximum_at_the_product_of_1d_roots():
    # L = g(w1) + h(w2): grad = 0 iff g'(w1) = 0 and h'(w2) = 0, so the 9 stationary points are the
    # products of the roots; the Hessian is diag(g'', h'') with g''(w) = 12 w^2 - 4.
    points = stationary_points(landscapes.multi_minima())
    r1, r2 = separable_roots(0.3), separable_roots(0.2)
    expected = {}
    for i, a in enumerate(r1):
        for j, b in enumerate(r2):
            outer1, outer2 = i != 1, j != 1  # outer roots are 1-D minima, the middle one a maximum
            kind = "minimum" if outer1 and outer2 else "maximum" if not (outer1 or outer2) else "saddle"
            expected[(a, b)] = (kind, sorted([12 * a**2 - 4, 12 * b**2 - 4]))
    assert len(points) == 9
    for p in points:
        key = min(expected, key=lambda q: math.dist(q, p.point))
        assert math.dist(key, p.point) < 1e-6
        kind, curv = expected[key]
        assert p.kind == kind
        np.testing.assert_allclose(p.curvatures, curv, rtol=1e-5)
    assert kinds(points) == ["maximum"] + ["minimum"] * 4 + ["saddle"] * 4


def test_monkey_saddle_is_degenerate():
    # L = w1^3 - 3 w1 w2^2: grad and Hessian are both 0 at the origin
    monkey = Landscape(
        "猴鞍",
        "w_1^3 - 3w_1w_2^2",
        lambda a, b: a**3 - 3 * a * b**2,
        lambda a, b: (3 * a**2 - 3 * b**2, -6 * a * b),
        (-1.0, 1.0, -1.0, 1.0),
    )
    (p,) = stationary_points(monkey)
    np.testing.assert_allclose(p.point, [0.0, 0.0], atol=1e-4)
    assert p.kind == "degenerate"


def test_bumpy_curve_stationary_points_are_the_roots_of_its_derivative():
    points = stationary_points(landscapes.bumpy())
    roots = sorted(set(landscapes.BUMPY_ROOTS))
    assert [float(p.point) for p in points] == pytest.approx(roots, abs=1e-5)
    # L' = (w+2)(w+1)(w-1)(w-2)^2 / 4 changes sign - to + at -2 and 1, + to - at -1, not at all at 2
    assert [p.kind for p in points] == ["minimum", "maximum", "minimum", "degenerate"]


@given(st.floats(0.2, 5))
def test_parabola_curvature_is_a(a):
    (p,) = stationary_points(landscapes.parabola(a))
    assert float(p.point) == pytest.approx(0.0, abs=1e-9)
    assert p.curvatures[0] == pytest.approx(a, rel=1e-6)
    assert p.kind == "minimum"


def test_cubic_inflection_is_degenerate():
    cubic = Curve("三次", "w^3", lambda w: w**3, lambda w: 3 * w**2, (-1.0, 1.0))
    (p,) = stationary_points(cubic)
    assert abs(float(p.point)) < 1e-4
    assert p.kind == "degenerate"


def test_saturated_neuron_minimum_is_the_logit_of_the_target():
    (p,) = stationary_points(landscapes.saturated_neuron(0.9))
    assert float(p.point) == pytest.approx(math.log(9.0), abs=1e-6)
    assert p.kind == "minimum"


# ---- basin maps on a surface whose basins are known ---------------------------------------------------------------


@pytest.fixture(scope="module")
def small_step_map() -> BasinMap:
    return basin_map(landscapes.multi_minima(), lr=0.02, steps=400, n=61)


def test_basins_of_multi_minima_are_the_four_quadrants_around_the_1d_maxima(small_step_map):
    # Separable: each coordinate descends on its own 1-D slice, which with a small step goes to the
    # minimum on its side of the slice's maximum. So the basins are split by w1 = s1 and w2 = s2.
    m = small_step_map
    s1, s2 = separable_roots(0.3)[1], separable_roots(0.2)[1]
    W1, W2 = np.meshgrid(m.w0, m.w1)
    right, top = W1 > s1, W2 > s2
    cell = m.w0[1] - m.w0[0]
    clear = (np.abs(W1 - s1) > 1.5 * cell) & (np.abs(W2 - s2) > 1.5 * cell)
    for k, (a, b) in enumerate(m.minima):
        expected = (right == (a > s1)) & (top == (b > s2))
        assert np.array_equal(m.labels[clear] == k, expected[clear])
    assert np.all(m.labels[clear] >= 0)


def test_basin_fractions_sum_to_one(small_step_map):
    f = small_step_map.fractions()
    assert f.shape == (5,)
    assert f.sum() == pytest.approx(1.0)
    assert f[-1] == 0.0  # with a small step every start reaches a minimum


def test_bowl_basin_is_everything_below_two_over_a_and_nothing_above():
    bowl = landscapes.bowl(1.0, 4.0)  # critical rate 2 / 4
    inside = basin_map(bowl, lr=0.45, steps=300, n=21)
    outside = basin_map(bowl, lr=0.55, steps=300, n=21)
    centre = 10  # the start exactly at the minimum stays there
    assert np.all(inside.labels == 0)
    off_axis = np.ones_like(outside.labels, dtype=bool)
    off_axis[centre, :] = False  # starts with w2 = 0 never feel the steep direction
    assert np.all(outside.labels[off_axis] == -1)
    assert np.all(outside.labels[centre, :] == 0)


def test_large_step_leaves_only_the_flattest_minimum_reachable():
    # The minima's largest curvatures differ; with 2/max(curv) < eta only the flattest one can hold descent.
    surface = landscapes.multi_minima()
    top = {i: max(p.curvatures) for i, p in enumerate(q for q in stationary_points(surface) if q.kind == "minimum")}
    flattest = min(top, key=top.get)
    eta = 2.0 / sorted(top.values())[1] * 1.02  # above every minimum's limit but the flattest one's
    assert eta < 2.0 / top[flattest]
    m = basin_map(surface, lr=eta, steps=300, n=41)
    reached = set(np.unique(m.labels)) - {-1}
    assert reached == {flattest}


def test_divergent_basin_map_has_no_warnings_and_labels_minus_one():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = basin_map(landscapes.multi_minima(), lr=1.0, steps=100, n=11)
    assert np.all(m.labels == -1)


@pytest.mark.parametrize("kwargs", [{"lr": 0.0}, {"lr": math.nan}, {"lr": 0.1, "steps": 0}, {"lr": 0.1, "n": 1}])
def test_basin_map_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        basin_map(landscapes.bowl(), **kwargs)
