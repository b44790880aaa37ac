"""The eigen-direction explorer of 附录 A (nnmath.views.eigen_explorer): faces, state, words, still picture, checks."""

from __future__ import annotations

import base64
import math

import numpy as np
import pytest

from nnmath.algebra import second_derivative_along, symmetric_eigen
from nnmath.views.eigen_explorer import eigen_explorer

WIDGET = "application/vnd.jupyter.widget-view+json"


def test_the_bundle_has_the_live_the_static_and_the_still_face() -> None:
    explorer = eigen_explorer(values=(0.5, 3.0), angle=30)
    bundle, _ = explorer._repr_mimebundle_()
    assert {WIDGET, "text/html", "image/png", "text/plain"} <= set(bundle)
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert 'data-kind="eigen"' in bundle["text/html"] and "function secondDerivativeAlong(" in bundle["text/html"]
    assert explorer.static_html() == eigen_explorer(values=(0.5, 3.0), angle=30).static_html()
    widget = explorer.widget()
    assert (widget.values, widget.angle, widget.probe) == ([0.5, 3.0], 30.0, 0.0)


def test_the_hessian_has_the_eigenvalues_and_the_steep_direction() -> None:
    e = symmetric_eigen(eigen_explorer(values=(0.5, 3.0), angle=30).hessian)
    np.testing.assert_allclose(e.values, [0.5, 3.0])
    assert math.degrees(e.angle) == pytest.approx(30)


def test_the_readout_names_the_eigen_directions_and_the_values_between() -> None:
    # along the steep eigenvector v1 (30°) the curvature is λ1 = 3; along v0 (120°) it is λ0 = 0.5
    assert "= λ₁" in eigen_explorer(values=(0.5, 3.0), angle=30, probe=30).describe()
    assert "最平缓" in eigen_explorer(values=(0.5, 3.0), angle=30, probe=120).describe()
    text = eigen_explorer(values=(0.5, 3.0), angle=30, probe=0).describe()
    # at φ = 0, v is 30° from v1: vᵀHv = 3 cos²30° + 0.5 sin²30° = 2.25 + 0.125 = 2.375 → "2.38"
    assert text.startswith("方向 φ = 0°：vᵀHv = 2.38，介于 λ₀ = 0.5 与 λ₁ = 3 之间")
    assert "每个方向都是特征方向" in eigen_explorer(values=(2.0, 2.0)).describe()


def test_the_still_picture_draws_the_curvature_wave_between_the_eigenvalues() -> None:
    explorer = eigen_explorer(values=(1.0, 4.0), angle=45, probe=10)
    fig = explorer.still_figure()
    _ax_map, ax_wave = fig.axes
    x, y = ax_wave.lines[0].get_data()
    assert min(y) == pytest.approx(1.0, abs=1e-3) and max(y) == pytest.approx(4.0, abs=1e-3)
    assert x[int(np.argmax(y))] == pytest.approx(45)  # steepest along v1
    dot = ax_wave.lines[-1].get_data()
    assert dot[1][0] == pytest.approx(second_derivative_along(explorer.hessian, math.radians(10)))


def test_angles_are_reduced_to_half_a_turn() -> None:
    explorer = eigen_explorer(angle=210, probe=-30)
    assert (explorer.angle, explorer.probe) == (30.0, 150.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": (0.0, 3.0)}, "values"),
        ({"values": (1.0, 6.0)}, "values"),
        ({"values": (3.0, 1.0)}, "values"),
        ({"values": (1.0,)}, "values"),
        ({"angle": float("nan")}, "angle"),
        ({"probe": "x"}, "probe"),
    ],
)
def test_bad_settings_are_refused(kwargs, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        eigen_explorer(**kwargs)
